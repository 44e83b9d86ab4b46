/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The side panels as a reader sees them: the inspector's list of a document's
 * annotations after switching documents (span ids start again in each one)
 * and after a relabel, a quote's text shown in its own marks only once,
 * attribute names as words; a document chosen from the list hands the keys to
 * the article. Runs under Xvfb; without a display every test skips. */
#include <glib/gstdio.h>
#include <string.h>

#include "gloss-application.h"
#include "gloss-article-view.h"
#include "gloss-inspector.h"
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

#define PUTIN "Vladimir Putin said “We are ready,” in Москва 😀."
#define PARIS "Le président a parlé à Paris."

typedef struct
{
  char        *dir;
  char        *path;
  GlossWindow *window;
  gint64       putin;
  gint64       paris;
} Project;

static gint64
add_document (GlossStore *store,
              const char *id,
              const char *title,
              const char *text)
{
  g_autoptr(GlossDocument) document = g_new0 (GlossDocument, 1);
  g_autoptr(GError) error = NULL;

  document->id = g_strdup (id);
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
  g_autoptr(GlossSpan) stored = NULL;
  g_autoptr(GError) error = NULL;

  stored = gloss_store_add_span (store, document, span, &error);
  g_assert_no_error (error);
}

/* Two documents whose first span is "s1" in both: Putin (PERSON) and the
 * quote with its curly marks; Paris (GPE). */
static Project *
project_new (void)
{
  Project *p = g_new0 (Project, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) store = NULL;
  GtkWindow *window;

  p->dir = g_dir_make_tmp ("gloss-test-inspector-XXXXXX", &error);
  g_assert_no_error (error);
  p->path = g_build_filename (p->dir, "project.gloss", NULL);
  store = gloss_store_open (p->path, GLOSS_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  p->putin = add_document (store, "putin", "Кремль готов", PUTIN);
  p->paris = add_document (store, "paris", "Le président", PARIS);
  add_span (store, p->putin, "PERSON", 0, 14);
  add_span (store, p->putin, "QUOTE", 20, 35);
  add_span (store, p->paris, "GPE", 23, 28);
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

static gboolean
is_label_containing (GtkWidget     *widget,
                     gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget)
         && strstr (gtk_label_get_text (GTK_LABEL (widget)), data) != NULL;
}

static gboolean
is_label_saying (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget)
         && g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), data);
}

static gboolean
is_annotation_list (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_LIST_VIEW (widget) && gtk_widget_has_css_class (widget, "annotation-list");
}

/* The inspector's annotation list. */
static GtkWidget *
annotation_list (Project *p)
{
  GtkWidget *list = find_widget (GTK_WIDGET (p->window), is_annotation_list, NULL);

  g_assert_nonnull (list);
  return list;
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} Query;

static gboolean
shows (gpointer data)
{
  Query *query = data;

  return find_widget (query->root, is_label_containing, query->text) != NULL;
}

static gboolean
list_shows (Project    *p,
            const char *text)
{
  Query query = { annotation_list (p), text };

  return wait_until (shows, &query, 2000);
}

static gboolean
list_lacks (Project    *p,
            const char *text)
{
  pump ();
  return find_widget (annotation_list (p), is_label_containing, text) == NULL;
}

static void
test_list_follows_document (void)
{
  Project *p;

  SKIP_WITHOUT_DISPLAY ();
  p = project_new ();

  g_assert_true (gloss_window_open_document (p->window, p->putin));
  g_assert_true (list_shows (p, "Vladimir Putin"));

  /* Paris's first span is "s1" too: its row shows Paris, not Putin. */
  g_assert_true (gloss_window_open_document (p->window, p->paris));
  g_assert_true (list_shows (p, "Paris"));
  g_assert_true (list_lacks (p, "Vladimir Putin"));
  g_assert_true (list_lacks (p, "PERSON"));

  /* A relabel keeps the id: the row says the new label. */
  activate (p, "win.select-annotation", g_variant_new_string ("s1"));
  activate (p, "win.set-label", g_variant_new_string ("LOC"));
  g_assert_true (list_shows (p, "LOC"));
  g_assert_true (list_lacks (p, "GPE"));

  project_free (p);
}

static void
test_quote_and_attributes (void)
{
  GtkWidget *inspector;
  Project *p;

  SKIP_WITHOUT_DISPLAY ();
  p = project_new ();
  g_assert_true (gloss_window_open_document (p->window, p->putin));
  inspector = find_of_type (GTK_WIDGET (p->window), GLOSS_TYPE_INSPECTOR);

  /* The quote took its own marks along: shown once, not “““…”””. */
  activate (p, "win.select-annotation", g_variant_new_string ("s2"));
  g_assert_nonnull (find_widget (inspector, is_label_saying, "“We are ready,”"));
  g_assert_null (find_widget (inspector, is_label_containing, "““"));
  /* The name of its attribute reads as words. */
  g_assert_nonnull (find_widget (inspector, is_label_saying, "Quote type"));
  g_assert_null (find_widget (inspector, is_label_saying, "quote_type"));

  /* A name is quoted. */
  activate (p, "win.select-annotation", g_variant_new_string ("s1"));
  g_assert_nonnull (find_widget (inspector, is_label_saying, "“Vladimir Putin”"));

  project_free (p);
}

static gboolean
is_document_list (GtkWidget     *widget,
                  gconstpointer  data)
{
  return GTK_IS_LIST_VIEW (widget) && gtk_widget_has_css_class (widget, "navigation-sidebar");
}

/* Enter (or a click) on a document: Tab and the label keys then work in the
 * article, instead of walking the list. */
static void
test_chosen_document_takes_keys (void)
{
  GtkWidget *list;
  GtkWidget *article;
  Project *p;

  SKIP_WITHOUT_DISPLAY ();
  p = project_new ();
  list = find_widget (GTK_WIDGET (p->window), is_document_list, NULL);
  article = find_of_type (GTK_WIDGET (p->window), GLOSS_TYPE_ARTICLE_VIEW);
  gtk_widget_grab_focus (list);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (p->window)) != article);

  g_signal_emit_by_name (list, "activate", 1);
  pump ();
  g_assert_cmpint (gloss_window_get_document (p->window), ==, p->paris);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (p->window)) == article);

  project_free (p);
}

/* Shift+Ctrl+Z with a Russian layout active: the key sends 'Я', and GTK's own
 * matching does not find the shortcut; the physical key does. */
static void
test_redo_under_cyrillic (void)
{
  GlossArticleView *view;
  GdkKeymapKey *keys = NULL;
  gint n_keys = 0;
  Project *p;

  SKIP_WITHOUT_DISPLAY ();
  p = project_new ();
  g_assert_true (gloss_window_open_document (p->window, p->paris));
  view = GLOSS_ARTICLE_VIEW (find_of_type (GTK_WIDGET (p->window), GLOSS_TYPE_ARTICLE_VIEW));
  activate (p, "win.select-annotation", g_variant_new_string ("s1"));
  activate (p, "win.delete-annotation", NULL);
  g_assert_cmpuint (gloss_article_view_get_spans (view)->len, ==, 0);
  activate (p, "win.undo", NULL);
  g_assert_cmpuint (gloss_article_view_get_spans (view)->len, ==, 1);

  if (!gdk_display_map_keyval (gtk_widget_get_display (GTK_WIDGET (p->window)), GDK_KEY_z, &keys, &n_keys)
      || n_keys == 0)
    {
      g_test_skip ("the X server's keymap has no key for 'z'");
      project_free (p);
      return;
    }
  /* The keysym alone names no shortcut. */
  g_assert_false (gloss_window_handle_layout_shortcut (p->window, GDK_KEY_Cyrillic_YA, 0,
                                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  /* Shift+Ctrl+Z by its key: redo, the annotation is gone again. */
  g_assert_true (gloss_window_handle_layout_shortcut (p->window, GDK_KEY_Cyrillic_YA, keys[0].keycode,
                                                      GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  pump ();
  g_assert_cmpuint (gloss_article_view_get_spans (view)->len, ==, 0);
  /* A Latin key is GTK's to match, not handled twice. */
  g_assert_false (gloss_window_handle_layout_shortcut (p->window, GDK_KEY_Z, keys[0].keycode,
                                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  g_free (keys);
  project_free (p);
}

static gboolean
is_filter_entry (GtkWidget     *widget,
                 gconstpointer  data)
{
  g_autofree char *placeholder = NULL;

  if (!GTK_IS_SEARCH_ENTRY (widget))
    return FALSE;
  g_object_get (widget, "placeholder-text", &placeholder, NULL);
  return g_strcmp0 (placeholder, "Filter documents") == 0;
}

/* The document filter: by title, id or status; an empty result says so. */
static void
test_document_filter (void)
{
  GtkWidget *list;
  GtkWidget *entry;
  GListModel *rows;
  Project *p;

  SKIP_WITHOUT_DISPLAY ();
  p = project_new ();
  list = find_widget (GTK_WIDGET (p->window), is_document_list, NULL);
  rows = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  entry = find_widget (GTK_WIDGET (p->window), is_filter_entry, NULL);
  g_assert_nonnull (entry);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 2);
  g_assert_null (find_widget (GTK_WIDGET (p->window), is_label_containing, "No document"));

  /* By id: "paris" is in no title. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "PARIS");
  g_signal_emit_by_name (entry, "search-changed");
  pump ();
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);

  gtk_editable_set_text (GTK_EDITABLE (entry), "in-progress");
  g_signal_emit_by_name (entry, "search-changed");
  pump ();
  /* Both documents have spans, made with a connection of the test's own. */
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 2);

  gtk_editable_set_text (GTK_EDITABLE (entry), "Москва-nowhere");
  g_signal_emit_by_name (entry, "search-changed");
  pump ();
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 0);
  g_assert_nonnull (find_widget (GTK_WIDGET (p->window), is_label_containing,
                                 "No document’s title, id or status matches “Москва-nowhere”."));

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_signal_emit_by_name (entry, "search-changed");
  pump ();
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 2);
  g_assert_null (find_widget (GTK_WIDGET (p->window), is_label_containing, "No document"));
  project_free (p);
}

/* F9 (or the header's button) hides the document list and brings it back. */
static gboolean
is_unmapped (gpointer data)
{
  return !gtk_widget_get_mapped (GTK_WIDGET (data));
}

static void
test_toggle_documents (void)
{
  GtkWidget *list;
  Project *p;

  SKIP_WITHOUT_DISPLAY ();
  p = project_new ();
  list = find_widget (GTK_WIDGET (p->window), is_document_list, NULL);
  g_assert_true (gtk_widget_get_mapped (list));
  gtk_widget_grab_focus (list);

  activate (p, "win.toggle-documents", NULL);
  /* The list slides away (an AdwFlap's animation), then is unmapped. */
  g_assert_true (wait_until (is_unmapped, list, 2000));
  {
    g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (p->window), "toggle-documents");

    g_assert_false (g_variant_get_boolean (state));
  }
  /* The keys went to the article, not into a hidden list. */
  g_assert_true (gtk_root_get_focus (GTK_ROOT (p->window))
                 == find_of_type (GTK_WIDGET (p->window), GLOSS_TYPE_ARTICLE_VIEW));

  activate (p, "win.toggle-documents", NULL);
  g_assert_true (wait_until (is_mapped, list, 2000));
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
      g_settings_set_boolean (gloss_application_get_settings (app), "annotator-asked", TRUE);
    }

  g_test_add_func ("/inspector/list-follows-document", test_list_follows_document);
  g_test_add_func ("/inspector/quote-and-attributes", test_quote_and_attributes);
  g_test_add_func ("/documents/chosen-takes-keys", test_chosen_document_takes_keys);
  g_test_add_func ("/keys/redo-under-cyrillic", test_redo_under_cyrillic);
  g_test_add_func ("/documents/filter", test_document_filter);
  g_test_add_func ("/documents/toggle", test_toggle_documents);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
