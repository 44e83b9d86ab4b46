/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Review in the window: a curator adjudicates two annotators' sets of one
 * document into gold from the keyboard. Ctrl+R enters Review, F6 / Shift+F6
 * step through the disagreements (wrapping), Alt+1…9 take an annotator's
 * version, Alt+0 takes none, Ctrl+Shift+Return takes what everyone agrees on
 * in one undo step, Ctrl+Return marks gold done (the document is then
 * adjudicated), Ctrl+R goes back to one's own set. Every step goes through
 * the window's actions, which are what the keys activate; the result is read
 * from the project file through a connection of the test's own. Runs under
 * Xvfb; without a display every test skips. */
#include <glib/gstdio.h>
#include <string.h>

#include "gloss-application.h"
#include "gloss-article-view.h"
#include "gloss-review-panel.h"
#include "gloss-store.h"
#include "gloss-window.h"
#include "window-test-util.h"

static GlossApplication *app;
static gboolean have_display;

#define SKIP_WITHOUT_DISPLAY()                 \
  G_STMT_START {                               \
    if (!have_display)                         \
      {                                        \
        g_test_skip ("no display");            \
        return;                                \
      }                                        \
  } G_STMT_END

/* Code points: the curly quotes, the Cyrillic and the emoji count one each. */
#define TEXT "Vladimir Putin said “We are ready,” in Москва 😀. Ms King agreed."

typedef struct
{
  char        *dir;
  char        *path;
  GlossWindow *window;
  gint64       doc;
} Project;

static void
add (GlossStore *store,
     gint64      doc,
     const char *label,
     gint        start,
     gint        end)
{
  g_autoptr(GlossSpan) span = gloss_span_new (label, start, end);
  g_autoptr(GlossSpan) stored = NULL;
  g_autoptr(GError) error = NULL;

  stored = gloss_store_add_span (store, doc, span, &error);
  g_assert_no_error (error);
}

/* ana: Vladimir Putin, Москва as GPE, Ms King. ben: Putin, Москва as LOC, Ms King. */
static Project *
project_new (void)
{
  Project *p = g_new0 (Project, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) store = NULL;
  g_autoptr(GlossDocument) document = g_new0 (GlossDocument, 1);
  GtkWindow *window;

  p->dir = g_dir_make_tmp ("gloss-test-review-XXXXXX", &error);
  g_assert_no_error (error);
  p->path = g_build_filename (p->dir, "team.gloss", NULL);
  store = gloss_store_open (p->path, GLOSS_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  document->id = g_strdup ("putin");
  document->title = g_strdup ("Putin");
  document->text = g_strdup (TEXT);
  g_assert_true (gloss_store_add_document (store, document, NULL, NULL, NULL, NULL, &error));
  p->doc = document->rowid;
  gloss_store_set_annotator (store, "ana");
  add (store, p->doc, "PERSON", 0, 14);
  add (store, p->doc, "GPE", 39, 45);
  add (store, p->doc, "PERSON", 49, 56);
  gloss_store_set_annotator (store, "ben");
  add (store, p->doc, "PERSON", 9, 14);
  add (store, p->doc, "LOC", 39, 45);
  add (store, p->doc, "PERSON", 49, 56);
  g_clear_object (&store);

  window = gloss_application_open_project (app, p->path, &error);
  g_assert_no_error (error);
  p->window = GLOSS_WINDOW (window);
  g_assert_true (wait_until (is_mapped, window, 5000));
  pump ();
  return p;
}

static void
project_free (Project *p)
{
  gtk_window_destroy (GTK_WINDOW (p->window));
  pump ();
  remove_tree (p->dir);
  g_free (p->path);
  g_free (p->dir);
  g_free (p);
}

static void
activate (Project    *p,
          const char *name,
          GVariant   *parameter)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (p->window), name, parameter));
  pump ();
}

/* The gold set in the file, as "LABEL a-b", by start. */
static char *
gold_in_file (Project *p)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) store = gloss_store_open (p->path, GLOSS_STORE_OPEN_READ_ONLY, &error);
  g_autoptr(GPtrArray) spans = NULL;
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  gloss_store_view_set (store, "gold");
  spans = gloss_store_list_spans (store, p->doc, &error);
  g_assert_no_error (error);
  g_ptr_array_sort (spans, gloss_span_compare);
  for (guint i = 0; i < spans->len; i++)
    {
      const GlossSpan *span = g_ptr_array_index (spans, i);

      g_string_append_printf (out, "%s%s %d-%d", i ? " " : "", span->label, gloss_span_get_start (span),
                              gloss_span_get_end (span));
    }
  return g_string_free (out, FALSE);
}

static GlossReviewPanel *
panel (Project *p)
{
  GtkWidget *found = find_of_type (GTK_WIDGET (p->window), GLOSS_TYPE_REVIEW_PANEL);

  g_assert_nonnull (found);
  return GLOSS_REVIEW_PANEL (found);
}

static guint
article_spans (Project *p)
{
  GlossArticleView *article = GLOSS_ARTICLE_VIEW (find_of_type (GTK_WIDGET (p->window),
                                                                GLOSS_TYPE_ARTICLE_VIEW));

  return gloss_article_view_get_spans (article)->len;
}

static gboolean
accel_activates (const char *accel,
                 const char *action)
{
  g_auto(GStrv) actions = gtk_application_get_actions_for_accel (GTK_APPLICATION (app), accel);

  return g_strv_contains ((const char * const *) actions, action);
}

static void
test_keys (void)
{
  SKIP_WITHOUT_DISPLAY ();

  /* DESIGN.md's keys. */
  g_assert_true (accel_activates ("<Control>r", "win.review"));
  g_assert_true (accel_activates ("F6", "review.next"));
  g_assert_true (accel_activates ("<Shift>F6", "review.previous"));
  g_assert_true (accel_activates ("<Alt>1", "review.take(1)"));
  g_assert_true (accel_activates ("<Alt>9", "review.take(9)"));
  g_assert_true (accel_activates ("<Alt>0", "review.take(0)"));
  g_assert_true (accel_activates ("<Control><Shift>Return", "review.take-agreed"));
}

static void
test_adjudicate (void)
{
  Project *p;
  GlossReviewPanel *review;
  GActionGroup *group;
  g_autofree char *gold = NULL;

  SKIP_WITHOUT_DISPLAY ();
  p = project_new ();
  group = G_ACTION_GROUP (p->window);
  review = panel (p);

  /* Blind before Review: the curator's own set is empty; no Review keys. */
  g_assert_cmpuint (article_spans (p), ==, 0);
  g_assert_false (gloss_review_panel_is_open (review));
  g_assert_false (g_action_group_get_action_enabled (gloss_review_panel_get_actions (review), "next"));

  /* Ctrl+R: Putin and Москва disagree; Ms King is agreed. The article shows
   * gold, which is empty, and the first disagreement is current. */
  activate (p, "win.review", NULL);
  g_assert_true (gloss_review_panel_is_open (review));
  g_assert_true (wait_until (is_mapped, review, 2000));
  g_assert_cmpuint (gloss_review_get_n_disagreements (gloss_review_panel_get_review (review)), ==, 2);
  g_assert_cmpint (gloss_review_panel_get_current (review), ==, 0);
  g_assert_cmpuint (article_spans (p), ==, 0);
  g_assert_false (g_action_group_get_action_enabled (group, "view-set"));
  g_assert_true (g_action_group_get_action_enabled (group, "tag"));

  /* F6, F6 wraps; Shift+F6 back. */
  activate (p, "review.next", NULL);
  g_assert_cmpint (gloss_review_panel_get_current (review), ==, 1);
  activate (p, "review.next", NULL);
  g_assert_cmpint (gloss_review_panel_get_current (review), ==, 0);
  activate (p, "review.previous", NULL);
  g_assert_cmpint (gloss_review_panel_get_current (review), ==, 1);

  /* Alt+1 on Москва: ana's GPE. Alt+2 on Putin: ben's. */
  activate (p, "review.take", g_variant_new_int32 (1));
  activate (p, "review.previous", NULL);
  activate (p, "review.take", g_variant_new_int32 (2));
  gold = gold_in_file (p);
  g_assert_cmpstr (gold, ==, "PERSON 9-14 GPE 39-45");
  g_clear_pointer (&gold, g_free);
  g_assert_cmpuint (article_spans (p), ==, 2);
  g_assert_cmpint (gloss_review_get_disagreement (gloss_review_panel_get_review (review), 0)->gold_choice, ==, 1);

  /* Ctrl+Shift+Return: Ms King, one undo step. */
  activate (p, "review.take-agreed", NULL);
  gold = gold_in_file (p);
  g_assert_cmpstr (gold, ==, "PERSON 9-14 GPE 39-45 PERSON 49-56");
  g_clear_pointer (&gold, g_free);
  g_assert_false (g_action_group_get_action_enabled (gloss_review_panel_get_actions (review), "take-agreed"));
  activate (p, "win.undo", NULL);
  gold = gold_in_file (p);
  g_assert_cmpstr (gold, ==, "PERSON 9-14 GPE 39-45");
  g_clear_pointer (&gold, g_free);
  /* The panel follows the undo. */
  g_assert_true (g_action_group_get_action_enabled (gloss_review_panel_get_actions (review), "take-agreed"));
  activate (p, "win.redo", NULL);

  /* Alt+0 on Putin: gold holds none there. */
  g_assert_cmpint (gloss_review_panel_get_current (review), ==, 0);
  activate (p, "review.take", g_variant_new_int32 (0));
  gold = gold_in_file (p);
  g_assert_cmpstr (gold, ==, "GPE 39-45 PERSON 49-56");
  g_clear_pointer (&gold, g_free);

  /* Ctrl+Return marks gold done: the document is adjudicated. */
  activate (p, "win.done-and-next", NULL);
  {
    g_autoptr(GlossStore) store = gloss_store_open (p->path, GLOSS_STORE_OPEN_READ_ONLY, NULL);
    g_autoptr(GlossDocument) info = NULL;

    gloss_store_set_annotator (store, "gold");
    info = gloss_store_get_document_info (store, p->doc, NULL);
    g_assert_cmpint (info->status, ==, GLOSS_STATUS_DONE);
    gloss_store_set_annotator (store, "ana");
    g_clear_pointer (&info, gloss_document_free);
    info = gloss_store_get_document_info (store, p->doc, NULL);
    g_assert_cmpint (info->status, !=, GLOSS_STATUS_DONE);
  }

  /* Ctrl+R: back to the curator's own (empty) set; the annotators' sets are untouched. */
  activate (p, "win.review", NULL);
  g_assert_false (gloss_review_panel_is_open (review));
  g_assert_null (gloss_store_get_viewing (gloss_window_get_store (p->window)));
  g_assert_cmpuint (article_spans (p), ==, 0);
  g_assert_true (g_action_group_get_action_enabled (group, "view-set"));
  g_assert_false (g_action_group_get_action_enabled (gloss_review_panel_get_actions (review), "next"));
  {
    g_autoptr(GlossStore) store = gloss_store_open (p->path, GLOSS_STORE_OPEN_READ_ONLY, NULL);
    g_autoptr(GPtrArray) spans = NULL;

    gloss_store_set_annotator (store, "ben");
    spans = gloss_store_list_spans (store, p->doc, NULL);
    g_assert_cmpuint (spans->len, ==, 3);
  }

  project_free (p);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  have_display = gtk_init_check ();
  if (have_display)
    {
      app = gloss_application_new (G_APPLICATION_NON_UNIQUE);
      g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
      g_assert_no_error (error);
      /* The first-run question is tested on its own. */
      g_settings_set_boolean (gloss_application_get_settings (app), "annotator-asked", TRUE);
    }

  g_test_add_func ("/window/review/keys", test_keys);
  g_test_add_func ("/window/review/adjudicate", test_adjudicate);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
