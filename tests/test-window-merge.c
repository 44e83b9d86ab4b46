/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Project ▸ Merge in the window: two annotators' projects, made with the store
 * API, merged into the open project through the path the file chooser's answer
 * takes (gloss_window_merge_projects). The window must show the merged
 * documents and sets, list the notices, add nothing the second time, and
 * refuse the project itself. Runs under Xvfb; without a display every test
 * skips. */
#include <string.h>
#include <unistd.h>

#include "gloss-application.h"
#include "gloss-article-view.h"
#include "gloss-document-list.h"
#include "gloss-store.h"
#include "gloss-window.h"
#include "window-test-util.h"

#define TEXT_SHARED "Ana Lima met Ben Cruz in Lisbon on Monday.\n"
#define TEXT_NEW    "Rain is expected in Porto all week.\n"

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
  char        *team;
  char        *ana;
  char        *ben;
  GlossWindow *window;
} Fixture;

/* ---- Projects, made with connections of the test's own --------------------------- */

static GlossStore *
create (const char *path,
        const char *annotator)
{
  g_autoptr(GError) error = NULL;
  GlossStore *store = gloss_store_open (path, GLOSS_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  gloss_store_set_annotator (store, annotator);
  return store;
}

static gint64
add_document (GlossStore *store,
              const char *title,
              const char *text)
{
  g_autoptr(GlossDocument) document = g_new0 (GlossDocument, 1);
  g_autoptr(GError) error = NULL;

  document->title = g_strdup (title);
  document->text = g_strdup (text);
  g_assert_true (gloss_store_add_document (store, document, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return document->rowid;
}

static void
add_span (GlossStore *store,
          gint64      document,
          const char *label,
          gint        start,
          gint        end)
{
  g_autoptr(GlossSpan) span = gloss_span_new (label, start, end);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossSpan) stored = gloss_store_add_span (store, document, span, &error);

  g_assert_no_error (error);
  g_assert_nonnull (stored);
}

/* TOPIC: an entity label in the team's project, a layer of its own in Ben's. */
static void
add_topic (GlossStore *store,
           const char *layer)
{
  g_autoptr(GlossLabel) label = gloss_label_new ();
  g_autoptr(GError) error = NULL;

  label->name = g_strdup ("TOPIC");
  label->layer = g_strdup (layer);
  label->color = g_strdup ("#336699");
  if (!g_str_equal (layer, "entity"))
    g_assert_true (gloss_store_add_layer (store, layer, FALSE, &error));
  g_assert_true (gloss_store_add_label (store, label, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  if (!have_display)
    return;
  f->dir = g_dir_make_tmp ("gloss-test-window-merge-XXXXXX", &error);
  g_assert_no_error (error);
  f->team = g_build_filename (f->dir, "team.gloss", NULL);
  f->ana = g_build_filename (f->dir, "ana.gloss", NULL);
  f->ben = g_build_filename (f->dir, "ben.gloss", NULL);
  {
    g_autoptr(GlossStore) team = create (f->team, "cara");
    g_autoptr(GlossStore) ana = create (f->ana, "ana");
    g_autoptr(GlossStore) ben = create (f->ben, "ben");
    gint64 shared;

    add_document (team, "Lisbon", TEXT_SHARED);
    add_topic (team, "entity");

    shared = add_document (ana, "Lisbon", TEXT_SHARED);
    add_span (ana, shared, "PERSON", 0, 8);
    add_span (ana, shared, "GPE", 25, 31);
    add_span (ana, add_document (ana, "Porto", TEXT_NEW), "GPE", 20, 25);

    shared = add_document (ben, "Lisbon", TEXT_SHARED);
    add_topic (ben, "topics");
    add_span (ben, shared, "PERSON", 13, 21);
    add_span (ben, shared, "TOPIC", 35, 41);
  }

  window = gloss_application_open_project (app, f->team, &error);
  g_assert_no_error (error);
  f->window = GLOSS_WINDOW (window);
  g_assert_true (wait_until (is_mapped, window, 5000));
  pump ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window == NULL)
    return;
  gtk_window_destroy (GTK_WINDOW (f->window));
  pump ();
  remove_tree (f->dir);
  g_free (f->team);
  g_free (f->ana);
  g_free (f->ben);
  g_free (f->dir);
}

/* ---- What the window shows ------------------------------------------------------- */

static gboolean
is_idle (gpointer data)
{
  return !gloss_window_is_busy (GLOSS_WINDOW (data));
}

static void
merge_and_wait (Fixture            *f,
                const char * const *paths)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; paths[i] != NULL; i++)
    g_ptr_array_add (files, g_file_new_for_path (paths[i]));
  gloss_window_merge_projects (f->window, files);
  g_assert_true (gloss_window_is_busy (f->window));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), "merge"));
  g_assert_true (wait_until (is_idle, f->window, 20000));
  pump ();
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), "merge"));
}

static gboolean
is_document_list (GtkWidget     *widget,
                  gconstpointer  data)
{
  return GTK_IS_LIST_VIEW (widget) && gtk_widget_has_css_class (widget, "navigation-sidebar");
}

static GListModel *
document_rows (Fixture *f)
{
  GtkWidget *view = find_widget (GTK_WIDGET (f->window), is_document_list, NULL);

  g_assert_nonnull (view);
  return G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (view)));
}

/* The spans the list shows for the document titled @title, in the set shown. */
static guint
row_spans (Fixture    *f,
           const char *title)
{
  GListModel *rows = document_rows (f);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GlossDocumentItem) item = g_list_model_get_item (rows, i);

      if (g_str_equal (gloss_document_item_get_title (item), title))
        return gloss_document_item_get_n_spans (item);
    }
  g_assert_not_reached ();
}

static void
view_set (Fixture    *f,
          const char *set)
{
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "view-set", g_variant_new_string (set));
  pump ();
}

/* The merge's summary dialog, if shown. */
static GtkWindow *
summary_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (gtk_widget_has_css_class (window, "gloss-merge-summary") && gtk_widget_get_visible (window))
        return GTK_WINDOW (window);
    }
  return NULL;
}

static void
collect_labels (GtkWidget *widget,
                GString   *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, text);
}

/* Closes the summary dialog and gives back everything it said. */
static char *
close_summary (void)
{
  GtkWindow *dialog = summary_dialog ();
  GString *text = g_string_new (NULL);

  g_assert_nonnull (dialog);
  collect_labels (GTK_WIDGET (dialog), text);
  gtk_window_destroy (dialog);
  pump ();
  return g_string_free (text, FALSE);
}

static guint
spans_in_file (Fixture    *f,
               const char *set)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) store = gloss_store_open (f->team, GLOSS_STORE_OPEN_READ_ONLY, &error);
  g_autoptr(GPtrArray) documents = NULL;
  guint n = 0;

  g_assert_no_error (error);
  gloss_store_set_annotator (store, set);
  documents = gloss_store_list_documents (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < documents->len; i++)
    {
      g_autoptr(GPtrArray) spans =
        gloss_store_list_spans (store, ((GlossDocument *) documents->pdata[i])->rowid, &error);

      g_assert_no_error (error);
      n += spans->len;
    }
  return n;
}

/* ---- Tests ------------------------------------------------------------------------ */

static void
test_merge_two (Fixture       *f,
                gconstpointer  data)
{
  const char *paths[] = { f->ana, f->ben, NULL };
  g_autofree char *said = NULL;
  g_autofree char *again = NULL;
  g_auto(GStrv) sets = NULL;

  SKIP_WITHOUT_DISPLAY ();
  g_assert_cmpuint (g_list_model_get_n_items (document_rows (f)), ==, 1);

  merge_and_wait (f, paths);
  g_assert_cmpstr (gloss_window_get_status_text (f->window), ==,
                   "Merged 2 projects: 1 new document, 3 sets with new work, 4 new spans; "
                   "1 notice.");
  /* Ben's TOPIC is in another layer than the team's: the notice names both. */
  said = close_summary ();
  g_assert_nonnull (strstr (said, "TOPIC"));
  g_assert_nonnull (strstr (said, "topics"));

  /* The new document is listed; the sets are offered; the window's own set
   * (cara's) is still empty. */
  g_assert_cmpuint (g_list_model_get_n_items (document_rows (f)), ==, 2);
  sets = gloss_store_list_sets (gloss_window_get_store (f->window), 0);
  g_assert_true (g_strv_contains ((const char * const *) sets, "ana"));
  g_assert_true (g_strv_contains ((const char * const *) sets, "ben"));
  g_assert_cmpuint (row_spans (f, "Lisbon"), ==, 0);

  /* Ana's work, read-only, in the list and in the open document. */
  view_set (f, "ana");
  g_assert_cmpuint (row_spans (f, "Lisbon"), ==, 2);
  g_assert_cmpuint (row_spans (f, "Porto"), ==, 1);
  g_assert_cmpint (gloss_window_get_document (f->window), !=, 0);
  g_assert_cmpuint (gloss_article_view_get_spans (gloss_window_get_article_view (f->window))->len, ==, 2);
  view_set (f, "ben");
  g_assert_cmpuint (row_spans (f, "Lisbon"), ==, 1);   /* TOPIC is left out: its layer conflicts */
  view_set (f, "");
  g_assert_cmpuint (spans_in_file (f, "ana"), ==, 3);
  g_assert_cmpuint (spans_in_file (f, "ben"), ==, 1);

  /* Again: nothing new. */
  merge_and_wait (f, paths);
  g_assert_cmpstr (gloss_window_get_status_text (f->window), ==,
                   "Merged 2 projects: 0 new documents, 0 sets with new work, 0 new spans; "
                   "1 notice.");
  again = close_summary ();
  g_assert_cmpuint (g_list_model_get_n_items (document_rows (f)), ==, 2);
  g_assert_cmpuint (spans_in_file (f, "ana"), ==, 3);
  g_assert_cmpuint (spans_in_file (f, "ben"), ==, 1);
}

static gboolean
is_label_containing (GtkWidget     *widget,
                     gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), data) != NULL;
}

static gboolean
is_sets_button (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_MENU_BUTTON (widget)
         && g_strcmp0 (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)), "system-users-symbolic") == 0;
}

/* Without notices the status line says it all: no dialog. The only work in
 * the project is Ana's now, not the window's own set: her set is offered. */
static void
test_merge_quiet (Fixture       *f,
                  gconstpointer  data)
{
  const char *paths[] = { f->ana, NULL };

  SKIP_WITHOUT_DISPLAY ();
  merge_and_wait (f, paths);
  g_assert_cmpstr (gloss_window_get_status_text (f->window), ==,
                   "Merged 1 project: 1 new document, 2 sets with new work, 3 new spans.");
  g_assert_null (summary_dialog ());
  g_assert_cmpuint (g_list_model_get_n_items (document_rows (f)), ==, 2);
  g_assert_true (gtk_widget_get_visible (find_widget (GTK_WIDGET (f->window), is_sets_button, NULL)));
  g_assert_nonnull (find_widget (GTK_WIDGET (f->window), is_label_containing, "cara’s set"));
}

/* The project into itself, under another name too: refused, saying why. */
static void
test_merge_itself (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *link = g_build_filename (f->dir, "same.gloss", NULL);
  const char *paths[] = { f->team, link, NULL };
  g_autofree char *said = NULL;

  SKIP_WITHOUT_DISPLAY ();
  g_assert_cmpint (symlink (f->team, link), ==, 0);
  merge_and_wait (f, paths);
  said = close_summary ();
  g_assert_nonnull (strstr (said, "Nothing was merged"));
  g_assert_nonnull (strstr (said, "is this project itself"));
  g_assert_nonnull (strstr (said, "same.gloss"));
  g_assert_cmpuint (g_list_model_get_n_items (document_rows (f)), ==, 1);
}

/* A file that is no project: named, the others still merged. */
static void
test_merge_unreadable (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *junk = g_build_filename (f->dir, "junk.gloss", NULL);
  const char *paths[] = { junk, f->ana, NULL };
  g_autofree char *said = NULL;

  SKIP_WITHOUT_DISPLAY ();
  g_assert_true (g_file_set_contents (junk, "not a database", -1, NULL));
  merge_and_wait (f, paths);
  said = close_summary ();
  g_assert_nonnull (strstr (said, "Some projects were not merged"));
  g_assert_nonnull (strstr (said, "junk.gloss"));
  g_assert_cmpuint (g_list_model_get_n_items (document_rows (f)), ==, 2);
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
      g_settings_set_boolean (gloss_application_get_settings (app), "annotator-asked", TRUE);
      g_settings_set_string (gloss_application_get_settings (app), "annotator", "cara");
    }

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/window-merge/two-projects", test_merge_two);
  ADD ("/window-merge/quiet", test_merge_quiet);
  ADD ("/window-merge/itself", test_merge_itself);
  ADD ("/window-merge/unreadable", test_merge_unreadable);
#undef ADD

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
