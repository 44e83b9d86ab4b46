/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window as a user drives it: its actions, its search bar, its label keys,
 * its import. Each test opens a fresh project in the real window, then checks
 * both what is on screen (buffer tags, selection, list rows) and what another
 * connection reads from the project file. Runs under Xvfb
 * (GDK_BACKEND=x11 GSK_RENDERER=cairo); without a display every test skips. */
#include <glib/gstdio.h>
#include <string.h>

#include "gloss-application.h"
#include "gloss-article-view.h"
#include "gloss-document-list.h"
#include "gloss-store.h"
#include "gloss-window.h"
#include "window-test-util.h"

static GlossApplication *app;
static gboolean have_display;

typedef struct
{
  char        *dir;
  char        *path;
  GlossWindow *window;
  GArray      *documents;   /* gint64 row ids of the documents made before opening */
} Project;

/* ---- Main loop --------------------------------------------------------------- */





static gboolean
is_idle (gpointer data)
{
  return !gloss_window_is_busy (GLOSS_WINDOW (data));
}

/* ---- Projects ------------------------------------------------------------------- */


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

/* A project holding @texts (NULL-terminated; titles "Doc 1", "Doc 2", …), made
 * with a connection of its own, then opened in a window. */
static Project *
project_new_full (const char * const *texts,
                  gboolean            open)
{
  Project *p = g_new0 (Project, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) store = NULL;

  p->dir = g_dir_make_tmp ("gloss-test-window-XXXXXX", &error);
  g_assert_no_error (error);
  p->path = g_build_filename (p->dir, "project.gloss", NULL);
  p->documents = g_array_new (FALSE, FALSE, sizeof (gint64));

  store = gloss_store_open (p->path, GLOSS_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  for (guint i = 0; texts != NULL && texts[i] != NULL; i++)
    {
      g_autofree char *title = g_strdup_printf ("Doc %u", i + 1);
      gint64 rowid = add_document (store, title, texts[i]);

      g_array_append_val (p->documents, rowid);
    }
  g_clear_object (&store);

  if (open)
    {
      GtkWindow *window = gloss_application_open_project (app, p->path, &error);

      g_assert_no_error (error);
      g_assert_true (GLOSS_IS_WINDOW (window));
      p->window = GLOSS_WINDOW (window);
      g_assert_true (wait_until (is_mapped, window, 5000));
      pump ();
    }
  return p;
}

static Project *
project_new (const char * const *texts)
{
  return project_new_full (texts, TRUE);
}

static gint64
doc (Project *p,
     guint    index)
{
  return g_array_index (p->documents, gint64, index);
}

static void
project_free (Project *p)
{
  if (p->window != NULL)
    gtk_window_destroy (GTK_WINDOW (p->window));
  pump ();
  remove_tree (p->dir);
  g_array_unref (p->documents);
  g_free (p->path);
  g_free (p->dir);
  g_free (p);
}

static char *
write_file (Project    *p,
            const char *name,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (p->dir, name, NULL);

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

static void
import_and_wait (Project             *p,
                 const char * const  *paths)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; paths[i] != NULL; i++)
    g_ptr_array_add (files, g_file_new_for_path (paths[i]));
  gloss_window_import_files (p->window, files, TRUE);
  g_assert_true (gloss_window_is_busy (p->window));
  g_assert_true (wait_until (is_idle, p->window, 20000));
  pump ();
}

/* ---- What is in the file: read through a connection of our own ------------------- */

static GlossStore *
open_again (Project *p)
{
  g_autoptr(GError) error = NULL;
  GlossStore *store = gloss_store_open (p->path, GLOSS_STORE_OPEN_READ_ONLY, &error);

  g_assert_no_error (error);
  return store;
}

static GPtrArray *
db_spans (Project *p,
          gint64   document)
{
  g_autoptr(GlossStore) store = open_again (p);
  g_autoptr(GError) error = NULL;
  GPtrArray *spans = gloss_store_list_spans (store, document, &error);

  g_assert_no_error (error);
  return spans;
}

static const GlossSpan *
find_span (GPtrArray  *spans,
           const char *label,
           gint        start,
           gint        end)
{
  for (guint i = 0; i < spans->len; i++)
    {
      const GlossSpan *span = g_ptr_array_index (spans, i);

      if (g_str_equal (span->label, label) && gloss_span_get_start (span) == start
          && gloss_span_get_end (span) == end)
        return span;
    }
  return NULL;
}

static GlossStatus
db_status (Project *p,
           gint64   document)
{
  g_autoptr(GlossStore) store = open_again (p);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossDocument) d = gloss_store_get_document_by_rowid (store, document, &error);

  g_assert_no_error (error);
  return d->status;
}

/* ---- The window ------------------------------------------------------------------- */

static GlossArticleView *
article (Project *p)
{
  return gloss_window_get_article_view (p->window);
}

static void
activate (Project    *p,
          const char *action,
          GVariant   *parameter)
{
  GActionGroup *group = G_ACTION_GROUP (p->window);

  g_assert_true (g_action_group_has_action (group, action));
  g_assert_true (g_action_group_get_action_enabled (group, action));
  g_action_group_activate_action (group, action, parameter);
  pump ();
}

static void
tag (Project    *p,
     const char *label)
{
  activate (p, "tag", g_variant_new_string (label));
}

static gint
cp_offset (const char *text,
           const char *needle)
{
  const char *at = strstr (text, needle);

  g_assert_nonnull (at);
  return (gint) g_utf8_pointer_to_offset (text, at);
}

static char *
buffer_text (Project *p)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (article (p)));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

static void
assert_selection (Project *p,
                  gint     start,
                  gint     end)
{
  gint s = -1, e = -1;

  g_assert_true (gloss_article_view_get_text_selection (article (p), &s, &e));
  g_assert_cmpint (s, ==, start);
  g_assert_cmpint (e, ==, end);
}

/* The label's tag covers exactly [start, end) as far as its edges go. */
static void
assert_tagged (Project    *p,
               const char *label,
               gint        start,
               gint        end)
{
  g_assert_true (gloss_article_view_has_tag_at (article (p), label, start));
  g_assert_true (gloss_article_view_has_tag_at (article (p), label, end - 1));
  g_assert_false (gloss_article_view_has_tag_at (article (p), label, end));
  if (start > 0)
    g_assert_false (gloss_article_view_has_tag_at (article (p), label, start - 1));
}



static gboolean
is_search_entry_with_placeholder (GtkWidget     *widget,
                                  gconstpointer  data)
{
  g_autofree char *placeholder = NULL;

  if (!GTK_IS_SEARCH_ENTRY (widget))
    return FALSE;
  g_object_get (widget, "placeholder-text", &placeholder, NULL);
  return g_strcmp0 (placeholder, data) == 0;
}

static gboolean
is_list_view_with_class (GtkWidget     *widget,
                         gconstpointer  data)
{
  return GTK_IS_LIST_VIEW (widget) && gtk_widget_has_css_class (widget, data);
}


/* The rows of the document list (GlossDocumentItem) and of the inspector's list
 * of annotations, as the list views show them. */
static GListModel *
document_rows (Project *p)
{
  GtkWidget *view = find_widget (GTK_WIDGET (p->window), is_list_view_with_class, "navigation-sidebar");

  g_assert_nonnull (view);
  return G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (view)));
}

static GlossDocumentItem *
document_row (Project *p,
              gint64   document)
{
  GListModel *rows = document_rows (p);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GlossDocumentItem) item = g_list_model_get_item (rows, i);

      if (gloss_document_item_get_rowid (item) == document)
        return item;   /* the list keeps it */
    }
  return NULL;
}

static guint
annotation_rows (Project *p)
{
  GtkWidget *view = find_widget (GTK_WIDGET (p->window), is_list_view_with_class, "annotation-list");

  g_assert_nonnull (view);
  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (view))));
}

static GtkWidget *
search_entry (Project *p)
{
  GtkWidget *entry = find_widget (GTK_WIDGET (p->window), is_search_entry_with_placeholder,
                                  "Find in the article");

  g_assert_nonnull (entry);
  return entry;
}

static gboolean
search_mode (Project *p)
{
  GtkWidget *bar = find_widget (GTK_WIDGET (p->window), is_of_type, GSIZE_TO_POINTER (GTK_TYPE_SEARCH_BAR));

  g_assert_nonnull (bar);
  return gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (bar));
}

typedef struct
{
  GtkWidget  *view;
  const char *first;
  const char *second;
} RowQuery;

static gboolean
is_label_containing (GtkWidget     *widget,
                     gconstpointer  data)
{
  const RowQuery *query = data;
  const char *text;

  if (!GTK_IS_LABEL (widget) || !gtk_widget_get_mapped (widget))
    return FALSE;
  text = gtk_label_get_text (GTK_LABEL (widget));
  return strstr (text, query->first) != NULL
         && (query->second == NULL || strstr (text, query->second) != NULL);
}

static gboolean
row_shows (gpointer data)
{
  return find_widget (((RowQuery *) data)->view, is_label_containing, data) != NULL;
}

/* A row of the list view with @css_class shows a label with @first and
 * @second in it (rows are made and bound on the next frame, hence the wait). */
static gboolean
list_shows (Project    *p,
            const char *css_class,
            const char *first,
            const char *second)
{
  RowQuery query = { NULL, first, second };

  query.view = find_widget (GTK_WIDGET (p->window), is_list_view_with_class, css_class);
  g_assert_nonnull (query.view);
  return wait_until (row_shows, &query, 2000);
}

/* The details line under a document's title in the list. */
static char *
document_row_details (Project *p,
                      gint64   document)
{
  RowQuery query = { NULL, gloss_document_item_get_title (document_row (p, document)), NULL };
  GtkWidget *title;

  query.view = find_widget (GTK_WIDGET (p->window), is_list_view_with_class, "navigation-sidebar");
  g_assert_true (wait_until (row_shows, &query, 2000));
  title = find_widget (query.view, is_label_containing, &query);
  g_assert_true (GTK_IS_LABEL (gtk_widget_get_next_sibling (title)));
  return g_strdup (gtk_label_get_text (GTK_LABEL (gtk_widget_get_next_sibling (title))));
}

#define SKIP_WITHOUT_DISPLAY() \
  G_STMT_START { \
    if (!have_display) \
      { \
        g_test_skip ("no display: run under Xvfb (xvfb-run) with GDK_BACKEND=x11"); \
        return; \
      } \
  } G_STMT_END

/* ---- 1. A selection and a label make a span, saved at once ------------------------- */

#define PLAIN_TEXT "Vladimir Putin met reporters in Moscow on Monday.\n"
/* Emoji (a flag is two code points, a thumb with a skin tone two), Cyrillic and
 * CJK before the name: byte, UTF-16 and code-point offsets all differ. */
#define EMOJI_TEXT "🇷🇺 Кремль 😀: 東京 👍🏽 — Vladimir Putin said «мы готовы».\n"

static void
test_tag_selection (void)
{
  const char *texts[] = { PLAIN_TEXT, NULL };
  Project *p;
  g_autofree char *file = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GlossStore) second = NULL;
  const GlossSpan *span;
  const char *selected;
  gint64 emoji_doc;
  gint start, end;

  SKIP_WITHOUT_DISPLAY ();
  p = project_new (texts);
  g_assert_cmpint (gloss_window_get_document (p->window), ==, doc (p, 0));

  /* Plain text first. */
  start = cp_offset (PLAIN_TEXT, "Vladimir Putin");
  gloss_article_view_select_range (article (p), start, start + 14);
  tag (p, "PERSON");
  assert_tagged (p, "PERSON", start, start + 14);
  spans = db_spans (p, doc (p, 0));
  g_assert_cmpuint (spans->len, ==, 1);
  g_assert_nonnull (find_span (spans, "PERSON", start, start + 14));
  g_clear_pointer (&spans, g_ptr_array_unref);

  /* Then an imported article with emoji and non-Latin text before the name. */
  file = write_file (p, "emoji.txt", EMOJI_TEXT, -1);
  import_and_wait (p, (const char *[]) { file, NULL });
  emoji_doc = gloss_window_get_document (p->window);
  g_assert_cmpint (emoji_doc, !=, doc (p, 0));
  text = buffer_text (p);
  g_assert_cmpstr (text, ==, EMOJI_TEXT);

  start = cp_offset (text, "Vladimir Putin");
  end = start + (gint) g_utf8_strlen ("Vladimir Putin", -1);
  /* The test only means something if bytes and code points differ here. */
  g_assert_cmpint (strstr (text, "Vladimir Putin") - text, !=, start);

  gloss_article_view_select_range (article (p), start, end);
  tag (p, "PERSON");

  /* On screen: the tag sits on the name and nowhere around it. */
  assert_tagged (p, "PERSON", start, end);
  selected = gloss_article_view_get_selected_span (article (p));
  g_assert_nonnull (selected);
  span = gloss_article_view_lookup_span (article (p), selected);
  g_assert_cmpint (gloss_span_get_start (span), ==, start);
  g_assert_cmpint (gloss_span_get_end (span), ==, end);
  g_assert_cmpuint (annotation_rows (p), ==, 1);
  g_assert_true (list_shows (p, "annotation-list", "PERSON", "Vladimir Putin"));
  g_assert_cmpuint (gloss_document_item_get_n_spans (document_row (p, emoji_doc)), ==, 1);
  {
    g_autofree char *details = document_row_details (p, emoji_doc);

    g_assert_nonnull (strstr (details, "1 annotation"));
    g_assert_nonnull (strstr (details, "in progress"));
  }

  /* In the window's store, in code points. */
  spans = gloss_store_list_spans (gloss_window_get_store (p->window), emoji_doc, NULL);
  g_assert_cmpuint (spans->len, ==, 1);
  span = g_ptr_array_index (spans, 0);
  g_assert_cmpstr (span->label, ==, "PERSON");
  g_assert_cmpint (gloss_span_get_start (span), ==, start);
  g_assert_cmpint (gloss_span_get_end (span), ==, end);
  g_assert_cmpstr (span->id, ==, selected);
  g_clear_pointer (&spans, g_ptr_array_unref);

  /* And in the file, for any other reader, without anything like a save. */
  second = gloss_store_open (p->path, GLOSS_STORE_OPEN_DEFAULT, NULL);
  g_assert_nonnull (second);
  spans = gloss_store_list_spans (second, emoji_doc, NULL);
  g_assert_cmpuint (spans->len, ==, 1);
  span = find_span (spans, "PERSON", start, end);
  g_assert_nonnull (span);
  g_assert_cmpstr (span->id, ==, selected);
  {
    g_autoptr(GlossDocument) d = gloss_store_get_document_by_rowid (second, emoji_doc, NULL);
    const char *from = g_utf8_offset_to_pointer (d->text, start);
    g_autofree char *slice = g_strndup (from, g_utf8_offset_to_pointer (from, end - start) - from);

    g_assert_cmpstr (slice, ==, "Vladimir Putin");
    g_assert_cmpint (d->status, ==, GLOSS_STATUS_IN_PROGRESS);
  }

  project_free (p);
}

/* ---- 1b. What a selection becomes: trimmed, grown to whole words ---------------------- */

static void
test_selection_snaps_to_words (void)
{
  const char *texts[] = { "😀 Президент  Владимир Путин заявил 👍🏽.", NULL };
  Project *p;
  g_autoptr(GPtrArray) spans = NULL;
  gint start, end;

  SKIP_WITHOUT_DISPLAY ();
  p = project_new (texts);
  start = cp_offset (texts[0], "Владимир");
  end = start + (gint) g_utf8_strlen ("Владимир Путин", -1);

  /* From the space before the name to the middle of its last word. */
  gloss_article_view_select_range (article (p), start - 1, end - 2);
  tag (p, "PERSON");
  spans = db_spans (p, doc (p, 0));
  g_assert_cmpuint (spans->len, ==, 1);
  g_assert_nonnull (find_span (spans, "PERSON", start, end));
  assert_tagged (p, "PERSON", start, end);
  g_clear_pointer (&spans, g_ptr_array_unref);

  /* Only whitespace selected: nothing to tag, and the window says so. */
  gloss_article_view_select_range (article (p), start - 2, start - 1);
  tag (p, "ORG");
  spans = db_spans (p, doc (p, 0));
  g_assert_cmpuint (spans->len, ==, 1);
  g_assert_nonnull (strstr (gloss_window_get_status_text (p->window), "Select some text first"));

  project_free (p);
}

/* A cut name before "’s" grows to the name alone, as the exports cut it. */
static void
test_selection_snaps_before_clitic (void)
{
  const char *texts[] = { "Uber\u2019s drivers don't stop.", NULL };
  Project *p;
  g_autoptr(GPtrArray) spans = NULL;

  SKIP_WITHOUT_DISPLAY ();
  p = project_new (texts);

  gloss_article_view_select_range (article (p), 1, 3);
  tag (p, "ORG");
  spans = db_spans (p, doc (p, 0));
  g_assert_cmpuint (spans->len, ==, 1);
  g_assert_nonnull (find_span (spans, "ORG", 0, 4));
  assert_tagged (p, "ORG", 0, 4);

  project_free (p);
}

/* ---- 2. Relabel, and Shift for a second label -------------------------------------- */

static void
test_relabel_and_second_label (void)
{
  const char *texts[] = { "Vladimir Putin met Angela Merkel.", NULL };
  Project *p;
  g_autoptr(GPtrArray) spans = NULL;
  g_autofree char *id = NULL;
  gint start, end;
  guint keycode = 0;
  g_autofree GdkKeymapKey *keys = NULL;
  int n_keys = 0;

  SKIP_WITHOUT_DISPLAY ();
  p = project_new (texts);

  gloss_article_view_select_range (article (p), 0, 14);
  tag (p, "PERSON");
  id = g_strdup (gloss_article_view_get_selected_span (article (p)));
  g_assert_nonnull (id);

  /* An annotation selected (as a click or Tab does) and no text selected: the
   * label key relabels it. */
  activate (p, "select-none", NULL);
  g_assert_null (gloss_article_view_get_selected_span (article (p)));
  activate (p, "select-annotation", g_variant_new_string (id));
  g_assert_cmpstr (gloss_article_view_get_selected_span (article (p)), ==, id);
  g_assert_false (gloss_article_view_get_text_selection (article (p), &start, &end));
  tag (p, "ORG");

  assert_tagged (p, "ORG", 0, 14);
  g_assert_false (gloss_article_view_has_tag_at (article (p), "PERSON", 0));
  g_assert_cmpstr (gloss_article_view_lookup_span (article (p), id)->label, ==, "ORG");
  spans = db_spans (p, doc (p, 0));
  g_assert_cmpuint (spans->len, ==, 1);
  g_assert_cmpstr (((GlossSpan *) g_ptr_array_index (spans, 0))->id, ==, id);
  g_assert_cmpstr (((GlossSpan *) g_ptr_array_index (spans, 0))->label, ==, "ORG");
  g_clear_pointer (&spans, g_ptr_array_unref);

  /* A selection that is exactly the selected annotation relabels it too. */
  gloss_article_view_select_range (article (p), 0, 14);
  tag (p, "GPE");
  spans = db_spans (p, doc (p, 0));
  g_assert_cmpuint (spans->len, ==, 1);
  g_assert_nonnull (find_span (spans, "GPE", 0, 14));
  g_clear_pointer (&spans, g_ptr_array_unref);
  g_assert_false (gloss_article_view_has_tag_at (article (p), "ORG", 0));

  /* Shift: always a new span, a second label on the same text. */
  activate (p, "tag-new", g_variant_new_string ("PERSON"));
  assert_tagged (p, "GPE", 0, 14);
  assert_tagged (p, "PERSON", 0, 14);
  spans = db_spans (p, doc (p, 0));
  g_assert_cmpuint (spans->len, ==, 2);
  g_assert_nonnull (find_span (spans, "GPE", 0, 14));
  g_assert_nonnull (find_span (spans, "PERSON", 0, 14));
  g_assert_cmpstr (find_span (spans, "GPE", 0, 14)->id, ==, id);
  g_assert_cmpstr (find_span (spans, "PERSON", 0, 14)->id, !=, id);
  g_clear_pointer (&spans, g_ptr_array_unref);
  g_assert_cmpuint (annotation_rows (p), ==, 2);

  /* The same label again on the selected annotation changes nothing. */
  tag (p, "PERSON");
  spans = db_spans (p, doc (p, 0));
  g_assert_cmpuint (spans->len, ==, 2);
  g_clear_pointer (&spans, g_ptr_array_unref);

  /* Shift+O as the keyboard sends it: a third span, ORG, on the same text. */
  if (gdk_display_map_keyval (gtk_widget_get_display (GTK_WIDGET (p->window)), GDK_KEY_o, &keys, &n_keys)
      && n_keys > 0)
    keycode = keys[0].keycode;
  g_assert_true (gloss_window_handle_hotkey (p->window, GDK_KEY_O, keycode, GDK_SHIFT_MASK));
  pump ();
  spans = db_spans (p, doc (p, 0));
  g_assert_cmpuint (spans->len, ==, 3);
  g_assert_nonnull (find_span (spans, "ORG", 0, 14));
  assert_tagged (p, "ORG", 0, 14);

  project_free (p);
}

/* ---- 3. Delete, undo, redo ---------------------------------------------------------- */

static void
test_delete_undo_redo (void)
{
  const char *texts[] = { "Vladimir Putin met Angela Merkel in Berlin.", NULL };
  Project *p;
  g_autoptr(GPtrArray) spans = NULL;
  g_autofree char *id = NULL;
  gint start;

  SKIP_WITHOUT_DISPLAY ();
  p = project_new (texts);
  start = cp_offset (texts[0], "Angela Merkel");

  gloss_article_view_select_range (article (p), start, start + 13);
  tag (p, "PERSON");
  id = g_strdup (gloss_article_view_get_selected_span (article (p)));
  g_assert_nonnull (id);

  activate (p, "delete-annotation", NULL);
  g_assert_false (gloss_article_view_has_tag_at (article (p), "PERSON", start));
  g_assert_null (gloss_article_view_lookup_span (article (p), id));
  g_assert_null (gloss_article_view_get_selected_span (article (p)));
  g_assert_cmpuint (annotation_rows (p), ==, 0);
  spans = db_spans (p, doc (p, 0));
  g_assert_cmpuint (spans->len, ==, 0);
  g_clear_pointer (&spans, g_ptr_array_unref);

  activate (p, "undo", NULL);
  assert_tagged (p, "PERSON", start, start + 13);
  g_assert_nonnull (gloss_article_view_lookup_span (article (p), id));
  g_assert_cmpuint (annotation_rows (p), ==, 1);
  spans = db_spans (p, doc (p, 0));
  g_assert_cmpuint (spans->len, ==, 1);
  g_assert_cmpstr (find_span (spans, "PERSON", start, start + 13)->id, ==, id);
  g_clear_pointer (&spans, g_ptr_array_unref);

  activate (p, "redo", NULL);
  g_assert_false (gloss_article_view_has_tag_at (article (p), "PERSON", start));
  g_assert_null (gloss_article_view_lookup_span (article (p), id));
  spans = db_spans (p, doc (p, 0));
  g_assert_cmpuint (spans->len, ==, 0);

  project_free (p);
}

/* ---- 4. Undo and redo across documents ----------------------------------------------- */

static void
test_undo_across_documents (void)
{
  const char *texts[] = { "Vladimir Putin spoke in Moscow.", "Angela Merkel spoke in Berlin.", NULL };
  Project *p;
  g_autoptr(GPtrArray) a = NULL;
  g_autoptr(GPtrArray) b = NULL;

  SKIP_WITHOUT_DISPLAY ();
  p = project_new (texts);

  g_assert_cmpint (gloss_window_get_document (p->window), ==, doc (p, 0));
  gloss_article_view_select_range (article (p), 0, 14);
  tag (p, "PERSON");

  g_assert_true (gloss_window_open_document (p->window, doc (p, 1)));
  pump ();
  gloss_article_view_select_range (article (p), 0, 13);
  tag (p, "PERSON");
  assert_tagged (p, "PERSON", 0, 13);

  activate (p, "undo", NULL);
  g_assert_cmpint (gloss_window_get_document (p->window), ==, doc (p, 1));
  g_assert_false (gloss_article_view_has_tag_at (article (p), "PERSON", 0));

  /* The next step back is in the other document: the window goes there. */
  activate (p, "undo", NULL);
  g_assert_cmpint (gloss_window_get_document (p->window), ==, doc (p, 0));
  {
    g_autofree char *text = buffer_text (p);

    g_assert_cmpstr (text, ==, texts[0]);
  }
  g_assert_false (gloss_article_view_has_tag_at (article (p), "PERSON", 0));
  a = db_spans (p, doc (p, 0));
  b = db_spans (p, doc (p, 1));
  g_assert_cmpuint (a->len, ==, 0);
  g_assert_cmpuint (b->len, ==, 0);
  g_clear_pointer (&a, g_ptr_array_unref);
  g_clear_pointer (&b, g_ptr_array_unref);

  activate (p, "redo", NULL);
  g_assert_cmpint (gloss_window_get_document (p->window), ==, doc (p, 0));
  assert_tagged (p, "PERSON", 0, 14);
  activate (p, "redo", NULL);
  g_assert_cmpint (gloss_window_get_document (p->window), ==, doc (p, 1));
  assert_tagged (p, "PERSON", 0, 13);
  a = db_spans (p, doc (p, 0));
  b = db_spans (p, doc (p, 1));
  g_assert_nonnull (find_span (a, "PERSON", 0, 14));
  g_assert_nonnull (find_span (b, "PERSON", 0, 13));

  project_free (p);
}

/* ---- 5. Search, then a label key ---------------------------------------------------------- */

#define SEARCH_TEXT "Emmanuel Macron said that Vladimir Putin and Angela\u00a0Merkel met in МОСКВА."

/* Ctrl+F, type @typed, close the bar with Enter (or Escape), then press @key. */
static void
search_and_tag (Project    *p,
                const char *typed,
                gboolean    with_enter,
                guint       key,
                const char *label,
                const char *expected)
{
  GtkWidget *entry = search_entry (p);
  GtkWidget *focus;
  g_autoptr(GPtrArray) spans = NULL;
  gint start = cp_offset (SEARCH_TEXT, expected);
  gint end = start + (gint) g_utf8_strlen (expected, -1);

  activate (p, "search", NULL);
  g_assert_true (search_mode (p));
  focus = gtk_root_get_focus (GTK_ROOT (p->window));
  g_assert_true (focus != NULL && (focus == entry || gtk_widget_is_ancestor (focus, entry)));

  gtk_editable_set_text (GTK_EDITABLE (entry), typed);
  g_signal_emit_by_name (entry, with_enter ? "activate" : "stop-search");
  pump ();

  /* The bar is closed, the match selected, the article has the focus. */
  g_assert_false (search_mode (p));
  assert_selection (p, start, end);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (p->window)) == GTK_WIDGET (article (p)));

  g_assert_true (gloss_window_handle_hotkey (p->window, key, 0, 0));
  pump ();
  assert_tagged (p, label, start, end);
  spans = db_spans (p, doc (p, 0));
  g_assert_nonnull (find_span (spans, label, start, end));
}

static void
test_search_then_tag (void)
{
  const char *texts[] = { SEARCH_TEXT, NULL };
  Project *p;
  g_autoptr(GPtrArray) spans = NULL;

  SKIP_WITHOUT_DISPLAY ();
  p = project_new (texts);

  search_and_tag (p, "Macron", TRUE, GDK_KEY_p, "PERSON", "Macron");
  /* Case does not matter, and Escape closes the bar the same way. */
  search_and_tag (p, "vLADIMIR putin", FALSE, GDK_KEY_p, "PERSON", "Vladimir Putin");
  /* A typed space finds a no-break space. */
  search_and_tag (p, "angela merkel", TRUE, GDK_KEY_p, "PERSON", "Angela\u00a0Merkel");
  /* Case folding is not only for Latin letters. */
  search_and_tag (p, "москва", FALSE, GDK_KEY_g, "GPE", "МОСКВА");

  spans = db_spans (p, doc (p, 0));
  g_assert_cmpuint (spans->len, ==, 4);

  project_free (p);
}

/* ---- 6. A label key under a Cyrillic layout ------------------------------------------------- */

static void
test_hotkey_non_latin_layout (void)
{
  const char *texts[] = { "Vladimir Putin met Angela Merkel.", NULL };
  Project *p;
  g_autoptr(GPtrArray) spans = NULL;
  g_autofree GdkKeymapKey *keys = NULL;
  int n_keys = 0;

  SKIP_WITHOUT_DISPLAY ();
  p = project_new (texts);
  gloss_article_view_select_range (article (p), 0, 14);

  /* The keysym alone means nothing: 'з' is no label's key. */
  g_assert_false (gloss_window_handle_hotkey (p->window, GDK_KEY_Cyrillic_ze, 0, 0));

  if (!gdk_display_map_keyval (gtk_widget_get_display (GTK_WIDGET (p->window)), GDK_KEY_p, &keys, &n_keys)
      || n_keys == 0)
    {
      g_test_skip ("the X server's keymap has no key for 'p'");
      project_free (p);
      return;
    }

  /* The key that is 'p' in the Latin layout sends 'з' in the Russian one. */
  g_assert_true (gloss_window_handle_hotkey (p->window, GDK_KEY_Cyrillic_ze, keys[0].keycode, 0));
  pump ();
  assert_tagged (p, "PERSON", 0, 14);
  spans = db_spans (p, doc (p, 0));
  g_assert_cmpuint (spans->len, ==, 1);
  g_assert_nonnull (find_span (spans, "PERSON", 0, 14));

  project_free (p);
}

/* ---- 7. Done, and on to the next ------------------------------------------------------------- */

static void
test_done_and_next (void)
{
  const char *texts[] = { "The first article.", "The second article.", "The third article.", NULL };
  Project *p;

  SKIP_WITHOUT_DISPLAY ();
  p = project_new (texts);
  g_assert_cmpint (gloss_window_get_document (p->window), ==, doc (p, 0));

  activate (p, "done-and-next", NULL);
  g_assert_cmpint (db_status (p, doc (p, 0)), ==, GLOSS_STATUS_DONE);
  g_assert_cmpint (gloss_document_item_get_status (document_row (p, doc (p, 0))), ==, GLOSS_STATUS_DONE);
  g_assert_cmpint (gloss_window_get_document (p->window), ==, doc (p, 1));
  {
    g_autofree char *text = buffer_text (p);

    g_assert_cmpstr (text, ==, texts[1]);
  }

  /* From the last one the search wraps, past the first (done), to the second. */
  g_assert_true (gloss_window_open_document (p->window, doc (p, 2)));
  pump ();
  activate (p, "done-and-next", NULL);
  g_assert_cmpint (db_status (p, doc (p, 2)), ==, GLOSS_STATUS_DONE);
  g_assert_cmpint (gloss_window_get_document (p->window), ==, doc (p, 1));
  g_assert_cmpint (db_status (p, doc (p, 1)), !=, GLOSS_STATUS_DONE);

  /* The last one not done: the window says every document is done. */
  activate (p, "done-and-next", NULL);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpint (db_status (p, doc (p, i)), ==, GLOSS_STATUS_DONE);
      g_assert_cmpint (gloss_document_item_get_status (document_row (p, doc (p, i))), ==, GLOSS_STATUS_DONE);
    }
  g_assert_nonnull (strstr (gloss_window_get_status_text (p->window), "Every document in the list is done"));
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *details = document_row_details (p, doc (p, i));

      g_assert_nonnull (strstr (details, "done"));
    }

  project_free (p);
}

/* ---- 8. Tab and Shift+Tab: reading order ------------------------------------------------------ */

static char *
add_span_direct (GlossStore *store,
                 gint64      document,
                 const char *label,
                 gint        start,
                 gint        end)
{
  g_autoptr(GlossSpan) request = gloss_span_new (label, start, end);
  g_autoptr(GlossSpan) span = NULL;
  g_autoptr(GError) error = NULL;

  span = gloss_store_add_span (store, document, request, &error);
  g_assert_no_error (error);
  return g_strdup (span->id);
}

static void
test_tab_navigation (void)
{
  /*                   0         1         2         3         4
   *                   0123456789012345678901234567890123456789012 */
  const char *texts[] = { "Vladimir Putin met Angela Merkel in Berlin.", NULL };
  Project *p;
  g_autoptr(GlossStore) store = NULL;
  g_autofree char *berlin = NULL, *vladimir = NULL, *merkel = NULL, *putin = NULL;
  const char *order[4];

  SKIP_WITHOUT_DISPLAY ();
  p = project_new_full (texts, FALSE);
  store = gloss_store_open (p->path, GLOSS_STORE_OPEN_DEFAULT, NULL);
  /* Made out of order on purpose; two start at 0, the longer comes first. */
  berlin = add_span_direct (store, doc (p, 0), "GPE", 36, 42);
  vladimir = add_span_direct (store, doc (p, 0), "NORP", 0, 8);
  merkel = add_span_direct (store, doc (p, 0), "PERSON", 19, 32);
  putin = add_span_direct (store, doc (p, 0), "PERSON", 0, 14);
  g_clear_object (&store);
  order[0] = putin;
  order[1] = vladimir;
  order[2] = merkel;
  order[3] = berlin;

  p->window = GLOSS_WINDOW (gloss_application_open_project (app, p->path, NULL));
  g_assert_nonnull (p->window);
  g_assert_true (wait_until (is_mapped, p->window, 5000));
  g_assert_null (gloss_article_view_get_selected_span (article (p)));

  for (guint i = 0; i < 4; i++)
    {
      activate (p, "next-annotation", NULL);
      g_assert_cmpstr (gloss_article_view_get_selected_span (article (p)), ==, order[i]);
    }
  activate (p, "next-annotation", NULL);
  g_assert_cmpstr (gloss_article_view_get_selected_span (article (p)), ==, order[0]);

  for (guint i = 4; i > 0; i--)
    {
      activate (p, "previous-annotation", NULL);
      g_assert_cmpstr (gloss_article_view_get_selected_span (article (p)), ==, order[i - 1]);
    }
  g_assert_cmpint (gloss_article_view_get_cursor (article (p)), ==, 0);

  project_free (p);
}

/* ---- 9. A file that is not UTF-8: a dialog names it, the others come in ------------------------- */

static GtkMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static void
test_import_error_dialog (void)
{
  const char *texts[] = { "Already here.", NULL };
  Project *p;
  g_autofree char *good1 = NULL, *bad = NULL, *good2 = NULL;
  g_autofree char *secondary = NULL;
  g_autofree char *primary = NULL;
  g_autoptr(GlossStore) store = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  GtkMessageDialog *dialog;
  guint rows_before;

  SKIP_WITHOUT_DISPLAY ();
  p = project_new (texts);
  rows_before = g_list_model_get_n_items (document_rows (p));
  g_assert_null (find_message_dialog ());

  good1 = write_file (p, "good-one.txt", "Первая статья\nО чём-то важном.\n", -1);
  /* Latin-1 "café été": not binary, not UTF-8. */
  bad = write_file (p, "latin1-article.txt", "Un caf\xe9 en \xe9t\xe9.\n", -1);
  good2 = write_file (p, "good-two.txt", "第二篇文章\n关于别的事情。\n", -1);
  import_and_wait (p, (const char *[]) { good1, bad, good2, NULL });

  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_object_get (dialog, "text", &primary, "secondary-text", &secondary, NULL);
  g_test_message ("dialog: %s / %s", primary, secondary);
  g_assert_nonnull (secondary);
  g_assert_nonnull (strstr (secondary, "latin1-article.txt"));
  g_assert_nonnull (strstr (secondary, "UTF-8"));
  g_assert_null (strstr (secondary, "good-one.txt"));
  g_assert_null (strstr (secondary, "good-two.txt"));

  /* The good files of the same drop are in, on screen and in the file. */
  g_assert_cmpuint (g_list_model_get_n_items (document_rows (p)), ==, rows_before + 2);
  store = open_again (p);
  documents = gloss_store_list_documents (store, NULL);
  g_assert_cmpuint (documents->len, ==, 3);
  g_assert_cmpstr (((GlossDocument *) g_ptr_array_index (documents, 1))->title, ==, "Первая статья");
  g_assert_cmpstr (((GlossDocument *) g_ptr_array_index (documents, 2))->title, ==, "第二篇文章");
  /* The first of them is shown. */
  g_assert_cmpint (gloss_window_get_document (p->window), ==,
                   ((GlossDocument *) g_ptr_array_index (documents, 1))->rowid);

  gtk_window_destroy (GTK_WINDOW (dialog));
  project_free (p);
}

/* ---- 10. Tag all occurrences: one undo step --------------------------------------------------- */

#define TAG_ALL_TEXT "Putin spoke. Later Putin left, and Putinism rose; Putin came back."

static void
test_tag_all (void)
{
  const char *texts[] = { TAG_ALL_TEXT, NULL };
  const gint at[] = { 0, 19, 50 };
  gint putinism = cp_offset (TAG_ALL_TEXT, "Putinism");
  Project *p;
  g_autoptr(GPtrArray) spans = NULL;
  g_autofree char *first = NULL;

  SKIP_WITHOUT_DISPLAY ();
  p = project_new (texts);
  for (guint i = 0; i < G_N_ELEMENTS (at); i++)
    g_assert_cmpint (cp_offset (TAG_ALL_TEXT + at[i], "Putin"), ==, 0);

  gloss_article_view_select_range (article (p), 0, 5);
  tag (p, "PERSON");
  first = g_strdup (gloss_article_view_get_selected_span (article (p)));

  activate (p, "tag-all", NULL);
  spans = db_spans (p, doc (p, 0));
  g_assert_cmpuint (spans->len, ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (at); i++)
    {
      g_assert_nonnull (find_span (spans, "PERSON", at[i], at[i] + 5));
      assert_tagged (p, "PERSON", at[i], at[i] + 5);
    }
  g_assert_false (gloss_article_view_has_tag_at (article (p), "PERSON", putinism));
  g_assert_cmpuint (annotation_rows (p), ==, 3);
  g_clear_pointer (&spans, g_ptr_array_unref);

  /* One undo takes back both new ones, and only them. */
  activate (p, "undo", NULL);
  spans = db_spans (p, doc (p, 0));
  g_assert_cmpuint (spans->len, ==, 1);
  g_assert_cmpstr (((GlossSpan *) g_ptr_array_index (spans, 0))->id, ==, first);
  assert_tagged (p, "PERSON", 0, 5);
  g_assert_false (gloss_article_view_has_tag_at (article (p), "PERSON", at[1]));
  g_assert_false (gloss_article_view_has_tag_at (article (p), "PERSON", at[2]));
  g_assert_cmpuint (annotation_rows (p), ==, 1);
  g_clear_pointer (&spans, g_ptr_array_unref);

  /* And one redo brings both back. */
  activate (p, "redo", NULL);
  spans = db_spans (p, doc (p, 0));
  g_assert_cmpuint (spans->len, ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (at); i++)
    assert_tagged (p, "PERSON", at[i], at[i] + 5);

  project_free (p);
}

/* ---- 11. A change made by another program ------------------------------------------------------ */

static void
test_external_change (void)
{
  const char *texts[] = { "The window's own article.", NULL };
  Project *p;
  g_autoptr(GlossStore) other = NULL;
  GlossDocumentItem *row;
  gint64 added;
  guint rows_before;

  SKIP_WITHOUT_DISPLAY ();
  p = project_new (texts);
  rows_before = g_list_model_get_n_items (document_rows (p));
  g_assert_cmpuint (rows_before, ==, 1);

  /* As gloss-cli import would: another connection to the same file. */
  other = gloss_store_open (p->path, GLOSS_STORE_OPEN_DEFAULT, NULL);
  g_assert_nonnull (other);
  added = add_document (other, "Добавлено извне", "Статья, добавленная другой программой.");

  gloss_window_check_for_changes (p->window);
  g_assert_cmpuint (g_list_model_get_n_items (document_rows (p)), ==, rows_before + 1);
  row = document_row (p, added);
  g_assert_nonnull (row);
  g_assert_cmpstr (gloss_document_item_get_title (row), ==, "Добавлено извне");
  /* The article being read stays. */
  g_assert_cmpint (gloss_window_get_document (p->window), ==, doc (p, 0));

  project_free (p);
}

/* Spans of @set on @document, seen through a connection of the test's own. */
static guint
set_spans (Project    *p,
           const char *set,
           gint64      document)
{
  g_autoptr(GlossStore) store = gloss_store_open (p->path, GLOSS_STORE_OPEN_DEFAULT, NULL);
  g_autoptr(GPtrArray) spans = NULL;

  gloss_store_set_annotator (store, set);
  spans = gloss_store_list_spans (store, document, NULL);
  return spans->len;
}

static void
test_annotator_sets (void)
{
  const char *texts[] = { "Ana and Ben read the news from Москва 😀 together.", NULL };
  GActionGroup *group;
  Project *p;

  SKIP_WITHOUT_DISPLAY ();
  p = project_new_full (texts, FALSE);
  {
    g_autoptr(GlossStore) store = gloss_store_open (p->path, GLOSS_STORE_OPEN_DEFAULT, NULL);
    g_autoptr(GlossSpan) ana = gloss_span_new ("PERSON", 0, 3);
    g_autoptr(GlossSpan) ben = gloss_span_new ("PERSON", 8, 11);
    g_autoptr(GlossSpan) city = gloss_span_new ("GPE", 31, 37);
    g_autoptr(GlossSpan) s1 = NULL, s2 = NULL, s3 = NULL;

    gloss_store_set_annotator (store, "ana");
    s1 = gloss_store_add_span (store, doc (p, 0), ana, NULL);
    gloss_store_set_annotator (store, "ben");
    s2 = gloss_store_add_span (store, doc (p, 0), ben, NULL);
    s3 = gloss_store_add_span (store, doc (p, 0), city, NULL);
    g_assert_nonnull (s3);
  }
  {
    g_autoptr(GError) error = NULL;
    GtkWindow *window = gloss_application_open_project (app, p->path, &error);

    g_assert_no_error (error);
    p->window = GLOSS_WINDOW (window);
    g_assert_true (wait_until (is_mapped, window, 5000));
    pump ();
  }
  group = G_ACTION_GROUP (p->window);

  /* Blind: the window works in its own set, where nothing is yet. */
  g_assert_cmpuint (gloss_document_item_get_n_spans (document_row (p, doc (p, 0))), ==, 0);

  /* Ben's set, read-only: his two spans, and no action that changes them. */
  activate (p, "view-set", g_variant_new_string ("ben"));
  g_assert_cmpuint (gloss_document_item_get_n_spans (document_row (p, doc (p, 0))), ==, 2);
  g_assert_false (g_action_group_get_action_enabled (group, "tag"));
  g_assert_false (g_action_group_get_action_enabled (group, "done-and-next"));
  g_assert_cmpstr (gloss_store_get_viewing (gloss_window_get_store (p->window)), ==, "ben");

  /* Gold is the curator's to edit: a span tagged there goes into gold. */
  activate (p, "view-set", g_variant_new_string ("gold"));
  g_assert_true (g_action_group_get_action_enabled (group, "tag"));
  gloss_article_view_select_range (article (p), 31, 37);
  tag (p, "GPE");
  g_assert_cmpuint (set_spans (p, "gold", doc (p, 0)), ==, 1);
  g_assert_cmpuint (set_spans (p, "ben", doc (p, 0)), ==, 2);

  /* Back to one's own set. */
  activate (p, "view-set", g_variant_new_string (""));
  g_assert_null (gloss_store_get_viewing (gloss_window_get_store (p->window)));
  g_assert_true (g_action_group_get_action_enabled (group, "tag"));
  g_assert_cmpuint (gloss_document_item_get_n_spans (document_row (p, doc (p, 0))), ==, 0);

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
      /* The first run's annotator question is test-window-first-run's. */
      g_settings_set_boolean (gloss_application_get_settings (app), "annotator-asked", TRUE);
    }

  g_test_add_func ("/window/tag-selection", test_tag_selection);
  g_test_add_func ("/window/selection-snaps-to-words", test_selection_snaps_to_words);
  g_test_add_func ("/window/selection-snaps-before-clitic", test_selection_snaps_before_clitic);
  g_test_add_func ("/window/relabel-and-second-label", test_relabel_and_second_label);
  g_test_add_func ("/window/delete-undo-redo", test_delete_undo_redo);
  g_test_add_func ("/window/undo-across-documents", test_undo_across_documents);
  g_test_add_func ("/window/search-then-tag", test_search_then_tag);
  g_test_add_func ("/window/hotkey-non-latin-layout", test_hotkey_non_latin_layout);
  g_test_add_func ("/window/done-and-next", test_done_and_next);
  g_test_add_func ("/window/tab-navigation", test_tab_navigation);
  g_test_add_func ("/window/import-error-dialog", test_import_error_dialog);
  g_test_add_func ("/window/tag-all", test_tag_all);
  g_test_add_func ("/window/external-change", test_external_change);
  g_test_add_func ("/window/annotator-sets", test_annotator_sets);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
