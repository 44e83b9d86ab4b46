/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The first start asks for the annotator name, once, over the window; the
 * answer is the set the window annotates in. Each test starts from settings as
 * on a fresh machine (GSETTINGS_BACKEND=memory, keys reset). Runs under Xvfb;
 * without a display the window tests skip. */
#include <glib/gstdio.h>

#include "gloss-application.h"
#include "gloss-first-run.h"
#include "gloss-store.h"
#include "gloss-window.h"
#include "window-test-util.h"

#define TEXT "Ana Lima met reporters in Lisbon on Monday.\n"

static GlossApplication *app;
static gboolean have_display;

#define SKIP_WITHOUT_DISPLAY() \
  G_STMT_START { \
    if (!have_display) \
      { \
        g_test_skip ("no display: run under Xvfb (xvfb-run) with GDK_BACKEND=x11"); \
        return; \
      } \
  } G_STMT_END

typedef struct
{
  char        *dir;
  char        *path;
  GlossWindow *window;
  gint64       document;
} Project;

static GSettings *
settings (void)
{
  return gloss_application_get_settings (app);
}

static void
fresh_settings (void)
{
  g_settings_reset (settings (), "annotator");
  g_settings_reset (settings (), "annotator-asked");
}

static Project *
project_open (void)
{
  Project *p = g_new0 (Project, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossDocument) document = g_new0 (GlossDocument, 1);
  GtkWindow *window;

  p->dir = g_dir_make_tmp ("gloss-test-first-run-XXXXXX", &error);
  g_assert_no_error (error);
  p->path = g_build_filename (p->dir, "project.gloss", NULL);
  {
    g_autoptr(GlossStore) store = gloss_store_open (p->path, GLOSS_STORE_OPEN_CREATE, &error);

    g_assert_no_error (error);
    document->title = g_strdup ("Lisbon");
    document->text = g_strdup (TEXT);
    g_assert_true (gloss_store_add_document (store, document, NULL, NULL, NULL, NULL, &error));
    p->document = document->rowid;
  }
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

/* The annotator question, if shown. */
static GtkWindow *
question (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (gtk_widget_has_css_class (window, "gloss-first-run") && gtk_widget_get_visible (window))
        return GTK_WINDOW (window);
    }
  return NULL;
}

static gboolean
question_mapped (gpointer data)
{
  GtkWindow *window = question ();

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

static gboolean
no_question (gpointer data)
{
  return question () == NULL;
}

static guint
spans_in_set (Project    *p,
              const char *set)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) store = gloss_store_open (p->path, GLOSS_STORE_OPEN_READ_ONLY, &error);
  g_autoptr(GPtrArray) spans = NULL;

  g_assert_no_error (error);
  gloss_store_set_annotator (store, set);
  spans = gloss_store_list_spans (store, p->document, &error);
  g_assert_no_error (error);
  return spans->len;
}

static void
test_suggest_name (void)
{
  g_autofree char *real = gloss_first_run_suggest_name ("Ana Lima", "ana");
  g_autofree char *unknown = gloss_first_run_suggest_name ("Unknown", "ana");
  g_autofree char *empty = gloss_first_run_suggest_name ("", "ana");
  g_autofree char *nothing = gloss_first_run_suggest_name ("Unknown", NULL);

  g_assert_cmpstr (real, ==, "Ana Lima");
  g_assert_cmpstr (unknown, ==, "ana");
  g_assert_cmpstr (empty, ==, "ana");
  g_assert_cmpstr (nothing, ==, "");
}

static void
test_asks_once (void)
{
  Project *p;
  GtkWindow *dialog;
  GtkWidget *entry;
  GtkWidget *ok;
  g_autofree char *suggested = NULL;

  SKIP_WITHOUT_DISPLAY ();
  fresh_settings ();
  p = project_open ();

  g_assert_true (wait_until (question_mapped, NULL, 5000));
  dialog = question ();
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (p->window));
  g_assert_true (gtk_window_get_modal (dialog));
  entry = find_of_type (GTK_WIDGET (dialog), GTK_TYPE_ENTRY);
  suggested = gloss_first_run_suggest_name (g_get_real_name (), g_get_user_name ());
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, suggested);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), !=, "Unknown");

  /* No empty name: OK waits for one. */
  ok = gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  g_assert_true (gtk_window_get_default_widget (dialog) == ok);
  gtk_editable_set_text (GTK_EDITABLE (entry), "  ");
  g_assert_false (gtk_widget_get_sensitive (ok));
  gtk_editable_set_text (GTK_EDITABLE (entry), " Zoë Tester ");
  g_assert_true (gtk_widget_get_sensitive (ok));
  /* Enter in the entry is OK (the button answers after its press animation). */
  g_signal_emit_by_name (find_of_type (entry, GTK_TYPE_TEXT), "activate");
  g_assert_true (wait_until (no_question, NULL, 2000));

  {
    g_autofree char *name = g_settings_get_string (settings (), "annotator");

    g_assert_cmpstr (name, ==, "Zoë Tester");
  }
  g_assert_true (g_settings_get_boolean (settings (), "annotator-asked"));
  g_assert_cmpstr (gloss_store_get_annotator (gloss_window_get_store (p->window)), ==, "Zoë Tester");

  /* The window annotates in that set. */
  g_assert_cmpint (gloss_window_get_document (p->window), ==, p->document);
  gloss_article_view_select_range (gloss_window_get_article_view (p->window), 0, 8);
  g_action_group_activate_action (G_ACTION_GROUP (p->window), "tag", g_variant_new_string ("PERSON"));
  pump ();
  g_assert_cmpuint (spans_in_set (p, "Zoë Tester"), ==, 1);
  project_free (p);

  /* The next start does not ask again. */
  p = project_open ();
  g_assert_false (wait_until (question_mapped, NULL, 300));
  g_assert_cmpstr (gloss_store_get_annotator (gloss_window_get_store (p->window)), ==, "Zoë Tester");
  project_free (p);
}

/* A name already set in Preferences is an answer. */
static void
test_named_in_preferences (void)
{
  Project *p;

  SKIP_WITHOUT_DISPLAY ();
  fresh_settings ();
  g_settings_set_string (settings (), "annotator", "ana");
  p = project_open ();
  g_assert_false (wait_until (question_mapped, NULL, 300));
  g_assert_cmpstr (gloss_store_get_annotator (gloss_window_get_store (p->window)), ==, "ana");
  project_free (p);
}

/* Closing the question keeps the default name, and it is not asked again. */
static void
test_closed (void)
{
  g_autoptr(GVariant) name = NULL;
  Project *p;

  SKIP_WITHOUT_DISPLAY ();
  fresh_settings ();
  p = project_open ();
  g_assert_true (wait_until (question_mapped, NULL, 5000));
  gtk_window_close (question ());
  g_assert_true (wait_until (no_question, NULL, 2000));
  g_assert_true (g_settings_get_boolean (settings (), "annotator-asked"));
  name = g_settings_get_user_value (settings (), "annotator");
  g_assert_null (name);
  project_free (p);

  p = project_open ();
  g_assert_false (wait_until (question_mapped, NULL, 300));
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
    }

  g_test_add_func ("/first-run/suggest-name", test_suggest_name);
  g_test_add_func ("/first-run/asks-once", test_asks_once);
  g_test_add_func ("/first-run/named-in-preferences", test_named_in_preferences);
  g_test_add_func ("/first-run/closed", test_closed);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
