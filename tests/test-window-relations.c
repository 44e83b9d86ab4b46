/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Who said what, in the window: linking a quote to its speaker and cue, a
 * claim to its claimant (or the author), a pronoun to its antecedent, grouping
 * mentions into an entity with a knowledge-base id, discontinuous quotes, and a
 * label schema that changes under the open window. Every step goes through the
 * window's actions and widgets; the result is checked on screen and in what a
 * second connection reads from the project file. Runs under Xvfb
 * (GDK_BACKEND=x11 GSK_RENDERER=cairo); without a display every test skips. */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "gloss-application.h"
#include "gloss-color.h"
#include "gloss-article-view.h"
#include "gloss-export.h"
#include "gloss-inspector.h"
#include "gloss-label-palette.h"
#include "gloss-link-picker.h"
#include "gloss-schema-editor.h"
#include "gloss-store.h"
#include "gloss-window.h"
#include "window-test-util.h"

static GlossApplication *app;
static gboolean have_display;

/* A speaker, a cue, two quotes (the second interrupted by "he told
 * reporters"), a claim, and a second person further away. */
#define TEXT "Vladimir Putin said: «We are ready to cooperate.» Later he added: «Sanctions hurt " \
             "everyone,» he told reporters, «and trade will recover.» Russia's economy grew 3% in " \
             "2015, the ministry claimed. Angela Merkel disagreed."

typedef struct
{
  char        *dir;
  char        *path;
  GlossWindow *window;
  gint64       doc;
} Project;

/* ---- Main loop ----------------------------------------------------------------- */





/* ---- Projects ------------------------------------------------------------------- */


/* A project holding @text, made with a connection of its own, then opened in a window. */
static Project *
project_new_with_text (const char *text)
{
  Project *p = g_new0 (Project, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) store = NULL;
  g_autoptr(GlossDocument) document = g_new0 (GlossDocument, 1);
  GtkWindow *window;

  p->dir = g_dir_make_tmp ("gloss-test-relations-XXXXXX", &error);
  g_assert_no_error (error);
  p->path = g_build_filename (p->dir, "project.gloss", NULL);

  store = gloss_store_open (p->path, GLOSS_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  document->id = g_strdup ("putin");
  document->title = g_strdup ("Putin");
  document->text = g_strdup (text);
  g_assert_true (gloss_store_add_document (store, document, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  p->doc = document->rowid;
  g_clear_object (&store);

  window = gloss_application_open_project (app, p->path, &error);
  g_assert_no_error (error);
  g_assert_true (GLOSS_IS_WINDOW (window));
  p->window = GLOSS_WINDOW (window);
  g_assert_true (wait_until (is_mapped, window, 5000));
  pump ();
  g_assert_cmpint (gloss_window_get_document (p->window), ==, p->doc);
  return p;
}

static Project *
project_new (void)
{
  return project_new_with_text (TEXT);
}

static void
project_free (Project *p)
{
  if (p->window != NULL)
    gtk_window_destroy (GTK_WINDOW (p->window));
  pump ();
  remove_tree (p->dir);
  g_free (p->path);
  g_free (p->dir);
  g_free (p);
}

/* ---- What is in the file: read through a connection of our own ------------------------ */

static GlossStore *
open_again (Project *p)
{
  g_autoptr(GError) error = NULL;
  GlossStore *store = gloss_store_open (p->path, GLOSS_STORE_OPEN_READ_ONLY, &error);

  g_assert_no_error (error);
  return store;
}

static GPtrArray *
db_relations (Project *p)
{
  g_autoptr(GlossStore) store = open_again (p);
  g_autoptr(GError) error = NULL;
  GPtrArray *relations = gloss_store_list_relations (store, p->doc, &error);

  g_assert_no_error (error);
  return relations;
}

static GPtrArray *
db_entities (Project *p)
{
  g_autoptr(GlossStore) store = open_again (p);
  g_autoptr(GError) error = NULL;
  GPtrArray *entities = gloss_store_list_entities (store, p->doc, &error);

  g_assert_no_error (error);
  return entities;
}

static GlossSpan *
db_span (Project    *p,
         const char *id)
{
  g_autoptr(GlossStore) store = open_again (p);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = gloss_store_list_spans (store, p->doc, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < spans->len; i++)
    if (g_str_equal (((GlossSpan *) g_ptr_array_index (spans, i))->id, id))
      return g_ptr_array_steal_index (spans, i);
  return NULL;
}

/* The one relation in the file, which must be @type from @from to @to. */
static void
assert_one_relation (Project    *p,
                     const char *type,
                     const char *from,
                     const char *to)
{
  g_autoptr(GPtrArray) relations = db_relations (p);
  const GlossRelation *r;

  g_assert_cmpuint (relations->len, ==, 1);
  r = g_ptr_array_index (relations, 0);
  g_assert_cmpstr (r->type, ==, type);
  g_assert_cmpstr (r->from_id, ==, from);
  g_assert_cmpstr (r->to_id, ==, to);
}

static guint
n_relations (Project *p)
{
  g_autoptr(GPtrArray) relations = db_relations (p);

  return relations->len;
}

/* The document as the native export writes it (derived quotes and claims too),
 * read from the file by a connection of our own. */
static JsonNode *
export_record (Project *p)
{
  g_autoptr(GlossStore) store = open_again (p);
  GlossExportOptions options = { .format = "jsonl" };
  g_autoptr(GError) error = NULL;
  g_autofree char *buffer = NULL;
  size_t size = 0;
  FILE *stream = open_memstream (&buffer, &size);
  JsonNode *root;

  g_assert_nonnull (stream);
  g_assert_true (gloss_export (store, &options, stream, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fclose (stream), ==, 0);
  g_assert_nonnull (strchr (buffer, '\n'));
  *strchr (buffer, '\n') = '\0';
  root = json_from_string (buffer, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return root;
}

static JsonObject *
derived (JsonNode   *record,
         const char *key,
         guint       index)
{
  JsonArray *array = json_object_get_array_member (json_node_get_object (record), key);

  g_assert_cmpuint (json_array_get_length (array), >, index);
  return json_array_get_object_element (array, index);
}

/* ---- The window ---------------------------------------------------------------------- */

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

static gint
cp_offset (const char *needle)
{
  const char *at = strstr (TEXT, needle);

  g_assert_nonnull (at);
  return (gint) g_utf8_pointer_to_offset (TEXT, at);
}

static gint
cp_end (const char *needle)
{
  return cp_offset (needle) + (gint) g_utf8_strlen (needle, -1);
}

/* Selects @needle in the article, presses @label's key (win.tag), and returns
 * the new annotation's id; the span in the file is exactly @needle. */
static char *
tag_text (Project    *p,
          const char *label,
          const char *needle)
{
  g_autoptr(GlossSpan) span = NULL;
  char *id;

  gloss_article_view_select_range (article (p), cp_offset (needle), cp_end (needle));
  activate (p, "tag", g_variant_new_string (label));
  id = g_strdup (gloss_article_view_get_selected_span (article (p)));
  g_assert_nonnull (id);
  span = db_span (p, id);
  g_assert_nonnull (span);
  g_assert_cmpstr (span->label, ==, label);
  g_assert_cmpint (gloss_span_get_start (span), ==, cp_offset (needle));
  g_assert_cmpint (gloss_span_get_end (span), ==, cp_end (needle));
  return id;
}

static void
select_annotation (Project    *p,
                   const char *id)
{
  activate (p, "select-annotation", g_variant_new_string (id));
  g_assert_cmpstr (gloss_article_view_get_selected_span (article (p)), ==, id);
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

static void
assert_status (Project    *p,
               const char *expected)
{
  const char *status = gloss_window_get_status_text (p->window);

  if (status == NULL || strstr (status, expected) == NULL)
    g_error ("status “%s” does not say “%s”", status ? status : "(none)", expected);
}





static gboolean
is_label_with_text (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget)
         && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

static gboolean
is_entry_with_text (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_ENTRY (widget) && gtk_widget_get_mapped (widget)
         && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (widget)), data) == 0;
}

typedef struct
{
  GtkWidget  *root;
  const char *first;
  const char *second;
} TextQuery;

static gboolean
is_label_containing (GtkWidget     *widget,
                     gconstpointer  data)
{
  const TextQuery *query = data;
  const char *text;

  if (!GTK_IS_LABEL (widget) || !gtk_widget_get_mapped (widget))
    return FALSE;
  text = gtk_label_get_text (GTK_LABEL (widget));
  return strstr (text, query->first) != NULL
         && (query->second == NULL || strstr (text, query->second) != NULL);
}

static gboolean
shows_text (gpointer data)
{
  return find_widget (((TextQuery *) data)->root, is_label_containing, data) != NULL;
}

/* A label on screen under @root says @first (and @second). */
static gboolean
widget_shows (GtkWidget  *root,
              const char *first,
              const char *second)
{
  TextQuery query = { root, first, second };

  return wait_until (shows_text, &query, 2000);
}

static gboolean
widget_does_not_show (GtkWidget  *root,
                      const char *first,
                      const char *second)
{
  TextQuery query = { root, first, second };

  pump ();
  return !shows_text (&query);
}

static GtkWidget *
inspector (Project *p)
{
  return find_of_type (GTK_WIDGET (p->window), GLOSS_TYPE_INSPECTOR);
}

/* ---- The link picker -------------------------------------------------------------- */

static GlossLinkPicker *
picker (Project *p)
{
  return GLOSS_LINK_PICKER (find_of_type (GTK_WIDGET (p->window), GLOSS_TYPE_LINK_PICKER));
}

static GtkListBox *
picker_list (Project *p)
{
  return GTK_LIST_BOX (find_of_type (GTK_WIDGET (picker (p)), GTK_TYPE_LIST_BOX));
}

static GtkWidget *
picker_entry (Project *p)
{
  return find_of_type (GTK_WIDGET (picker (p)), GTK_TYPE_SEARCH_ENTRY);
}

static void
collect_labels (GtkWidget *widget,
                GString   *out)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s%s", out->len > 0 ? " " : "", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_labels (child, out);
}

/* What a row says: the text of its labels, one after the other (kept on the
 * row, which outlives the caller's use of it). */
static const char *
row_text (GtkListBoxRow *row)
{
  GString *text = g_string_new (NULL);

  collect_labels (GTK_WIDGET (row), text);
  g_object_set_data_full (G_OBJECT (row), "test-text", g_string_free (text, FALSE), g_free);
  return g_object_get_data (G_OBJECT (row), "test-text");
}

/* What row @index of the picker says ("PERSON  Vladimir Putin"). */
static const char *
picker_row (Project *p,
            gint     index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (picker_list (p), index);

  g_assert_nonnull (row);
  return row_text (row);
}

static gboolean
selected_row_mentions (gpointer data)
{
  const TextQuery *query = data;
  GtkListBoxRow *row = gtk_list_box_get_selected_row (GTK_LIST_BOX (query->root));

  return row != NULL && strstr (row_text (row), query->first) != NULL;
}

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
  char *putin;
  char *said;
  char *quote;
  char *merkel;
} Tagged;

static void
tagged_clear (Tagged *t)
{
  g_free (t->putin);
  g_free (t->said);
  g_free (t->quote);
  g_free (t->merkel);
}

/* PERSON "Vladimir Putin", CUE "said", QUOTE over the first quote, PERSON
 * "Angela Merkel" far after it; the quote is left selected. */
static void
tag_quote_scene (Project *p,
                 Tagged  *t)
{
  t->putin = tag_text (p, "PERSON", "Vladimir Putin");
  t->merkel = tag_text (p, "PERSON", "Angela Merkel");
  t->said = tag_text (p, "CUE", "said");
  t->quote = tag_text (p, "QUOTE", "«We are ready to cooperate.»");
  g_assert_cmpstr (gloss_article_view_get_selected_span (article (p)), ==, t->quote);
}

/* ---- 1. Speaker, cue, addressee from the picker ------------------------------------------ */

static void
test_link_from_picker (void)
{
  Project *p;
  Tagged t = { NULL };
  g_autoptr(JsonNode) record = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  JsonObject *quote;
  JsonObject *speaker;
  GtkListBoxRow *row;
  TextQuery filtered = { NULL, "Angela Merkel", NULL };

  SKIP_WITHOUT_DISPLAY ();
  p = project_new ();
  tag_quote_scene (p, &t);
  g_assert_false (gloss_link_picker_is_open (picker (p)));

  /* Alt+S: the speakers that can be, nearest first; not the cue, not the quote. */
  activate (p, "link", g_variant_new_string ("SPEAKER"));
  g_assert_true (gloss_link_picker_is_open (picker (p)));
  g_assert_cmpuint (gloss_link_picker_get_n_candidates (picker (p)), ==, 2);
  g_assert_nonnull (strstr (picker_row (p, 0), "Vladimir Putin"));
  g_assert_nonnull (strstr (picker_row (p, 0), "PERSON"));
  g_assert_nonnull (strstr (picker_row (p, 1), "Angela Merkel"));
  row = gtk_list_box_get_selected_row (picker_list (p));
  g_assert_nonnull (row);
  g_assert_cmpint (gtk_list_box_row_get_index (row), ==, 0);
  assert_status (p, "Pick from the list");
  g_assert_cmpuint (n_relations (p), ==, 0);

  g_assert_true (gloss_link_picker_choose (picker (p), t.putin));
  pump ();
  g_assert_false (gloss_link_picker_is_open (picker (p)));
  assert_one_relation (p, "SPEAKER", t.quote, t.putin);
  /* The quote stays selected, and the inspector shows its speaker. */
  g_assert_cmpstr (gloss_article_view_get_selected_span (article (p)), ==, t.quote);
  g_assert_true (widget_shows (inspector (p), "SPEAKER → PERSON", "Vladimir Putin"));
  g_assert_true (widget_shows (inspector (p), "Vladimir Putin → ", "We are ready to cooperate"));
  assert_status (p, "Linked: SPEAKER");

  record = export_record (p);
  quote = derived (record, "quotes", 0);
  g_assert_cmpstr (json_object_get_string_member (quote, "id"), ==, t.quote);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (quote, "speakers")), ==, 1);
  speaker = json_array_get_object_element (json_object_get_array_member (quote, "speakers"), 0);
  g_assert_cmpstr (json_object_get_string_member (speaker, "text"), ==, "Vladimir Putin");
  g_assert_cmpint (json_object_get_int_member (speaker, "start"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (speaker, "end"), ==, 14);
  g_assert_true (json_object_get_null_member (quote, "cue"));
  g_clear_pointer (&record, json_node_unref);

  /* Alt+C: only the cue is offered; Enter in the filter picks the first row. */
  activate (p, "link", g_variant_new_string ("CUE"));
  g_assert_true (gloss_link_picker_is_open (picker (p)));
  g_assert_cmpuint (gloss_link_picker_get_n_candidates (picker (p)), ==, 1);
  g_assert_nonnull (strstr (picker_row (p, 0), "said"));
  g_signal_emit_by_name (picker_entry (p), "activate");
  pump ();
  g_assert_false (gloss_link_picker_is_open (picker (p)));
  relations = db_relations (p);
  g_assert_cmpuint (relations->len, ==, 2);
  g_assert_cmpstr (((GlossRelation *) g_ptr_array_index (relations, 1))->type, ==, "CUE");
  g_assert_cmpstr (((GlossRelation *) g_ptr_array_index (relations, 1))->from_id, ==, t.quote);
  g_assert_cmpstr (((GlossRelation *) g_ptr_array_index (relations, 1))->to_id, ==, t.said);
  g_clear_pointer (&relations, g_ptr_array_unref);
  g_assert_true (widget_shows (inspector (p), "CUE → CUE", "said"));
  /* Hovering the quote says what it is, whose, and who said it with which cue;
   * hovering the speaker's name inside nothing (it is outside the quote). */
  {
    g_autofree char *tip = gloss_article_view_describe_at (article (p), cp_offset ("ready"));
    g_autofree char *outside = gloss_article_view_describe_at (article (p), cp_offset ("Later"));

    g_assert_nonnull (tip);
    g_test_message ("tooltip: %s", tip);
    g_assert_true (g_str_has_prefix (tip, "QUOTE «We are ready to cooperate.»"));
    g_assert_nonnull (strstr (tip, "Speaker “Vladimir Putin” · Cue “said”"));
    g_assert_null (outside);
  }
  record = export_record (p);
  quote = derived (record, "quotes", 0);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (quote, "cue"), "text"), ==,
                   "said");
  g_clear_pointer (&record, json_node_unref);

  /* Alt+A, then typing filters: "merkel" leaves Angela Merkel, Enter picks her. */
  activate (p, "link", g_variant_new_string ("ADDRESSEE"));
  g_assert_true (gloss_link_picker_is_open (picker (p)));
  gtk_editable_set_text (GTK_EDITABLE (picker_entry (p)), "merkel");
  filtered.root = GTK_WIDGET (picker_list (p));
  g_assert_true (wait_until (selected_row_mentions, &filtered, 2000));
  g_signal_emit_by_name (picker_entry (p), "activate");
  pump ();
  relations = db_relations (p);
  g_assert_cmpuint (relations->len, ==, 3);
  g_assert_cmpstr (((GlossRelation *) g_ptr_array_index (relations, 2))->type, ==, "ADDRESSEE");
  g_assert_cmpstr (((GlossRelation *) g_ptr_array_index (relations, 2))->to_id, ==, t.merkel);

  tagged_clear (&t);
  project_free (p);
}

/* ---- 2. A click in the text picks; Escape cancels ------------------------------------------ */

static void
test_link_by_click (void)
{
  Project *p;
  Tagged t = { NULL };

  SKIP_WITHOUT_DISPLAY ();
  p = project_new ();
  tag_quote_scene (p, &t);

  activate (p, "link", g_variant_new_string ("SPEAKER"));
  g_assert_true (gloss_link_picker_is_open (picker (p)));

  /* A click on the cue: not a speaker. Nothing is linked, the picker stays, the
   * quote stays selected, and the window says why. */
  gloss_article_view_select_span (article (p), t.said);
  pump ();
  g_assert_true (gloss_link_picker_is_open (picker (p)));
  g_assert_cmpstr (gloss_article_view_get_selected_span (article (p)), ==, t.quote);
  g_assert_cmpuint (n_relations (p), ==, 0);
  assert_status (p, "cannot be linked");

  /* A click on the far one picks it, though it is not the first row. */
  gloss_article_view_select_span (article (p), t.merkel);
  pump ();
  g_assert_false (gloss_link_picker_is_open (picker (p)));
  assert_one_relation (p, "SPEAKER", t.quote, t.merkel);
  g_assert_cmpstr (gloss_article_view_get_selected_span (article (p)), ==, t.quote);
  g_assert_true (widget_shows (inspector (p), "SPEAKER → PERSON", "Angela Merkel"));

  /* Escape (the picker's cancel) cancels: nothing linked, and a click afterwards
   * is an ordinary selection again. */
  activate (p, "link", g_variant_new_string ("SPEAKER"));
  g_assert_true (gloss_link_picker_is_open (picker (p)));
  gloss_link_picker_cancel (picker (p));
  pump ();
  g_assert_false (gloss_link_picker_is_open (picker (p)));
  assert_status (p, "Linking cancelled");
  g_assert_cmpuint (n_relations (p), ==, 1);
  gloss_article_view_select_span (article (p), t.putin);
  pump ();
  g_assert_cmpstr (gloss_article_view_get_selected_span (article (p)), ==, t.putin);
  g_assert_cmpuint (n_relations (p), ==, 1);

  tagged_clear (&t);
  project_free (p);
}

/* ---- 3. A claim: by the author, inside a quote ---------------------------------------------- */

static void
test_claimant_author (void)
{
  Project *p;
  g_autofree char *putin = NULL;
  g_autofree char *quote = NULL;
  g_autofree char *claim = NULL;
  g_autoptr(GlossSpan) span = NULL;
  g_autoptr(JsonNode) record = NULL;
  g_autoptr(JsonNode) attrs = NULL;
  JsonObject *derived_claim;

  SKIP_WITHOUT_DISPLAY ();
  p = project_new ();
  putin = tag_text (p, "PERSON", "Vladimir Putin");
  quote = tag_text (p, "QUOTE", "«We are ready to cooperate.»");
  claim = tag_text (p, "CLAIM", "Russia's economy grew 3% in 2015");

  /* Alt+K: the author first, then who could have said it; not the quote. */
  activate (p, "link", g_variant_new_string ("CLAIMANT"));
  g_assert_true (gloss_link_picker_is_open (picker (p)));
  g_assert_cmpuint (gloss_link_picker_get_n_candidates (picker (p)), ==, 2);
  g_assert_nonnull (strstr (picker_row (p, 0), "AUTHOR"));
  g_assert_nonnull (strstr (picker_row (p, 1), "Vladimir Putin"));
  g_assert_true (gloss_link_picker_choose (picker (p), GLOSS_LINK_PICKER_AUTHOR));
  pump ();
  g_assert_false (gloss_link_picker_is_open (picker (p)));

  /* No relation: an attribute of the claim. */
  g_assert_cmpuint (n_relations (p), ==, 0);
  span = db_span (p, claim);
  attrs = json_from_string (span->attrs, NULL);
  g_assert_true (json_object_get_boolean_member_with_default (json_node_get_object (attrs),
                                                              "claimant_is_author", FALSE));
  g_assert_true (widget_shows (inspector (p), "the author → ", "economy grew"));

  /* Alt+Q: the quote it sits in (here, for the test, any quote). */
  activate (p, "link", g_variant_new_string ("IN_QUOTE"));
  g_assert_cmpuint (gloss_link_picker_get_n_candidates (picker (p)), ==, 1);
  g_assert_true (gloss_link_picker_choose (picker (p), quote));
  pump ();
  assert_one_relation (p, "IN_QUOTE", claim, quote);

  record = export_record (p);
  derived_claim = derived (record, "claims", 0);
  g_assert_cmpstr (json_object_get_string_member (derived_claim, "id"), ==, claim);
  g_assert_true (json_object_get_boolean_member (derived_claim, "claimant_is_author"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (derived_claim, "claimants")), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (derived_claim, "in_quote"), ==, quote);
  g_clear_pointer (&record, json_node_unref);

  /* A named claimant as well. */
  activate (p, "link", g_variant_new_string ("CLAIMANT"));
  g_assert_true (gloss_link_picker_choose (picker (p), putin));
  pump ();
  record = export_record (p);
  derived_claim = derived (record, "claims", 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (derived_claim, "claimants")), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_object_get_array_member (derived_claim, "claimants"), 0),
                     "text"), ==, "Vladimir Putin");

  project_free (p);
}

/* ---- 4. "he" refers to Putin: one entity, then its knowledge-base id ----------------------- */

static void
test_coref_entity (void)
{
  Project *p;
  g_autofree char *putin = NULL;
  g_autofree char *he = NULL;
  g_autofree char *entity_id = NULL;
  g_autoptr(GPtrArray) entities = NULL;
  g_autoptr(JsonNode) record = NULL;
  const GlossEntity *entity;
  JsonObject *exported;

  SKIP_WITHOUT_DISPLAY ();
  p = project_new ();
  putin = tag_text (p, "PERSON", "Vladimir Putin");
  he = tag_text (p, "PERSON", "he");   /* "Later he added" */

  activate (p, "link", g_variant_new_string ("COREF"));
  g_assert_true (gloss_link_picker_is_open (picker (p)));
  g_assert_cmpuint (gloss_link_picker_get_n_candidates (picker (p)), ==, 1);
  g_assert_nonnull (strstr (picker_row (p, 0), "Vladimir Putin"));
  g_assert_true (gloss_link_picker_choose (picker (p), putin));
  pump ();
  assert_one_relation (p, "COREF", he, putin);

  /* Putin first: a new entity named after the mention. */
  select_annotation (p, putin);
  activate (p, "entity", NULL);
  assert_status (p, "New entity");
  entities = db_entities (p);
  g_assert_cmpuint (entities->len, ==, 1);
  entity = g_ptr_array_index (entities, 0);
  g_assert_cmpstr (entity->name, ==, "Vladimir Putin");
  g_assert_cmpstr (entity->type, ==, "PERSON");
  g_assert_null (entity->kb_id);
  g_assert_cmpuint (entity->mentions->len, ==, 1);
  entity_id = g_strdup (entity->id);
  g_clear_pointer (&entities, g_ptr_array_unref);

  /* Then "he": it refers to Putin, so it joins his entity. */
  select_annotation (p, he);
  activate (p, "entity", NULL);
  assert_status (p, "Added to the entity “Vladimir Putin”");
  entities = db_entities (p);
  g_assert_cmpuint (entities->len, ==, 1);
  entity = g_ptr_array_index (entities, 0);
  g_assert_cmpstr (entity->id, ==, entity_id);
  g_assert_cmpuint (entity->mentions->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (entity->mentions, 0), ==, putin);
  g_assert_cmpstr (g_ptr_array_index (entity->mentions, 1), ==, he);
  g_clear_pointer (&entities, g_ptr_array_unref);

  /* Once more: it already belongs. */
  activate (p, "entity", NULL);
  assert_status (p, "already belongs");
  entities = db_entities (p);
  g_assert_cmpuint (entities->len, ==, 1);
  g_clear_pointer (&entities, g_ptr_array_unref);

  /* A knowledge-base id that is not prefix:id: said, and nothing saved. */
  activate (p, "set-entity", g_variant_new ("(sss)", entity_id, "Vladimir Vladimirovich Putin", "Q7747"));
  assert_status (p, "not a knowledge-base id");
  entities = db_entities (p);
  entity = g_ptr_array_index (entities, 0);
  g_assert_cmpstr (entity->name, ==, "Vladimir Putin");
  g_assert_null (entity->kb_id);
  g_clear_pointer (&entities, g_ptr_array_unref);

  /* A good one: saved, and the inspector shows it for the selected mention. */
  activate (p, "set-entity", g_variant_new ("(sss)", entity_id, "Vladimir Vladimirovich Putin", "wikidata:Q7747"));
  assert_status (p, "Entity saved");
  entities = db_entities (p);
  entity = g_ptr_array_index (entities, 0);
  g_assert_cmpstr (entity->name, ==, "Vladimir Vladimirovich Putin");
  g_assert_cmpstr (entity->kb_id, ==, "wikidata:Q7747");
  g_assert_cmpuint (entity->mentions->len, ==, 2);
  g_clear_pointer (&entities, g_ptr_array_unref);
  g_assert_nonnull (find_widget (inspector (p), is_entry_with_text, "wikidata:Q7747"));
  g_assert_nonnull (find_widget (inspector (p), is_entry_with_text, "Vladimir Vladimirovich Putin"));

  record = export_record (p);
  exported = json_array_get_object_element (json_object_get_array_member (json_node_get_object (record),
                                                                          "entities"), 0);
  g_assert_cmpstr (json_object_get_string_member (exported, "kb_id"), ==, "wikidata:Q7747");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (exported, "mentions")), ==, 2);

  project_free (p);
}

/* ---- 5. Removing a link, and Ctrl+Z ------------------------------------------------------------ */

static void
test_delete_relation_undo (void)
{
  Project *p;
  Tagged t = { NULL };
  g_autoptr(GPtrArray) relations = NULL;
  g_autofree char *relation_id = NULL;

  SKIP_WITHOUT_DISPLAY ();
  p = project_new ();
  tag_quote_scene (p, &t);
  activate (p, "link", g_variant_new_string ("SPEAKER"));
  g_assert_true (gloss_link_picker_choose (picker (p), t.putin));
  pump ();
  relations = db_relations (p);
  g_assert_cmpuint (relations->len, ==, 1);
  relation_id = g_strdup (((GlossRelation *) g_ptr_array_index (relations, 0))->id);
  g_clear_pointer (&relations, g_ptr_array_unref);
  g_assert_true (widget_shows (inspector (p), "SPEAKER → PERSON", "Vladimir Putin"));

  /* The inspector's remove button is this action with the relation's id. */
  activate (p, "delete-relation", g_variant_new_string (relation_id));
  g_assert_cmpuint (n_relations (p), ==, 0);
  assert_status (p, "Link removed");
  g_assert_true (widget_does_not_show (inspector (p), "SPEAKER → PERSON", NULL));
  g_assert_true (widget_shows (inspector (p), "(nobody yet) → ", "We are ready"));

  activate (p, "undo", NULL);
  assert_one_relation (p, "SPEAKER", t.quote, t.putin);
  relations = db_relations (p);
  g_assert_cmpstr (((GlossRelation *) g_ptr_array_index (relations, 0))->id, ==, relation_id);
  g_clear_pointer (&relations, g_ptr_array_unref);
  g_assert_cmpstr (gloss_article_view_get_selected_span (article (p)), ==, t.quote);
  g_assert_true (widget_shows (inspector (p), "SPEAKER → PERSON", "Vladimir Putin"));

  activate (p, "redo", NULL);
  g_assert_cmpuint (n_relations (p), ==, 0);
  g_assert_true (widget_does_not_show (inspector (p), "SPEAKER → PERSON", NULL));

  /* An id that is not there: said, nothing else changes. */
  activate (p, "delete-relation", g_variant_new_string ("r999"));
  assert_status (p, "r999");

  tagged_clear (&t);
  project_free (p);
}

/* ---- 6. A quote interrupted by "he told reporters": one QUOTE, two fragments ---------------- */

static void
test_add_fragment (void)
{
  const char *first = "«Sanctions hurt everyone,»";
  const char *second = "«and trade will recover.»";
  Project *p;
  g_autofree char *quote = NULL;
  g_autofree char *fragments = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GlossSpan) span = NULL;
  g_autoptr(JsonNode) record = NULL;
  JsonArray *spans;

  SKIP_WITHOUT_DISPLAY ();
  p = project_new ();
  quote = tag_text (p, "QUOTE", first);

  /* Nothing selected in the text: the window says what to do. */
  activate (p, "add-fragment", NULL);
  assert_status (p, "select the text to add");
  span = db_span (p, quote);
  g_assert_cmpuint (span->fragments->len, ==, 1);
  g_clear_pointer (&span, gloss_span_free);

  /* The quote selected, the rest of it selected in the text. */
  gloss_article_view_select_range (article (p), cp_offset (second), cp_end (second));
  g_assert_cmpstr (gloss_article_view_get_selected_span (article (p)), ==, quote);
  activate (p, "add-fragment", NULL);
  assert_status (p, "Fragment added");

  span = db_span (p, quote);
  fragments = gloss_span_fragments_to_string (span);
  expected = g_strdup_printf ("[[%d,%d],[%d,%d]]", cp_offset (first), cp_end (first), cp_offset (second),
                              cp_end (second));
  g_assert_cmpstr (fragments, ==, expected);
  g_clear_pointer (&span, gloss_span_free);

  /* On screen: the quote's tag on both parts, not on "he told reporters". */
  assert_tagged (p, "QUOTE", cp_offset (first), cp_end (first));
  assert_tagged (p, "QUOTE", cp_offset (second), cp_end (second));
  for (gint i = cp_end (first); i < cp_offset (second); i++)
    g_assert_false (gloss_article_view_has_tag_at (article (p), "QUOTE", i));
  g_assert_cmpstr (gloss_article_view_get_selected_span (article (p)), ==, quote);
  g_assert_cmpuint (gloss_article_view_lookup_span (article (p), quote)->fragments->len, ==, 2);

  record = export_record (p);
  spans = json_object_get_array_member (json_node_get_object (record), "spans");
  g_assert_cmpuint (json_array_get_length (spans), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (spans, 0), "text"), ==,
                   "«Sanctions hurt everyone,» «and trade will recover.»");

  /* Ctrl+Z: one part again, on screen and in the file. */
  activate (p, "undo", NULL);
  span = db_span (p, quote);
  g_assert_cmpuint (span->fragments->len, ==, 1);
  assert_tagged (p, "QUOTE", cp_offset (first), cp_end (first));
  g_assert_false (gloss_article_view_has_tag_at (article (p), "QUOTE", cp_offset (second)));

  project_free (p);
}

/* ---- 7. Linking needs the right kind of annotation selected ---------------------------------- */

static void
test_link_needs_quote (void)
{
  Project *p;
  g_autofree char *putin = NULL;
  g_autofree char *quote = NULL;

  SKIP_WITHOUT_DISPLAY ();
  p = project_new ();

  /* Nothing selected: the action is off. */
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (p->window), "link"));

  putin = tag_text (p, "PERSON", "Vladimir Putin");
  activate (p, "link", g_variant_new_string ("SPEAKER"));
  g_assert_false (gloss_link_picker_is_open (picker (p)));
  assert_status (p, "Select a quote first");
  activate (p, "link", g_variant_new_string ("CLAIMANT"));
  g_assert_false (gloss_link_picker_is_open (picker (p)));
  assert_status (p, "Select a claim first");

  /* A quote, but no cue tagged yet: the picker opens all the same, empty, to
   * take the cue's words; nothing is linked until then. */
  quote = tag_text (p, "QUOTE", "«We are ready to cooperate.»");
  activate (p, "link", g_variant_new_string ("CUE"));
  g_assert_true (gloss_link_picker_is_open (picker (p)));
  g_assert_cmpuint (gloss_link_picker_get_n_candidates (picker (p)), ==, 0);
  assert_status (p, "No cue tagged yet");
  g_assert_true (widget_shows (GTK_WIDGET (picker (p)), "No cue tagged yet", NULL));
  gloss_link_picker_cancel (picker (p));
  pump ();
  select_annotation (p, quote);
  activate (p, "link", g_variant_new_string ("COREF"));
  g_assert_false (gloss_link_picker_is_open (picker (p)));
  assert_status (p, "Select a mention first");
  g_assert_cmpuint (n_relations (p), ==, 0);

  project_free (p);
}

/* ---- 8. The picker beside the quote: the text stays, candidates by kind ------------------ */

/* Far down a long article, so that the article is scrolled to reach it: a
 * speaker before the quote and one after it, places and a year inside it. */
#define FILLER "A background paragraph that only pushes the story further down the page, " \
               "as the first paragraphs of a long article do.\n\n"
#define STORY "Putin met reporters in the Kremlin on Monday. His spokesman said: «Russia and " \
              "France will keep talking in 2024.» Later Putin left for Sochi."

static const char *
story (void)
{
  static char *text;

  if (text == NULL)
    {
      GString *out = g_string_new (NULL);

      for (guint i = 0; i < 30; i++)
        g_string_append (out, FILLER);
      g_string_append (out, STORY "\n\n");
      for (guint i = 0; i < 30; i++)
        g_string_append (out, FILLER);
      text = g_string_free (out, FALSE);
    }
  return text;
}

/* Where the @nth (from 0) @needle of the story starts, in code points. */
static gint
story_offset (const char *needle,
              guint       nth)
{
  const char *at = strstr (story (), needle);

  for (; at != NULL && nth > 0; nth--)
    at = strstr (at + 1, needle);
  g_assert_nonnull (at);
  return (gint) g_utf8_pointer_to_offset (story (), at);
}

static char *
tag_story (Project    *p,
           const char *label,
           const char *needle,
           guint       nth)
{
  gint start = story_offset (needle, nth);

  gloss_article_view_select_range (article (p), start, start + (gint) g_utf8_strlen (needle, -1));
  activate (p, "tag", g_variant_new_string (label));
  return g_strdup (gloss_article_view_get_selected_span (article (p)));
}

/* The link picker as any GTK widget: a popover of the article. */
static GtkWidget *
popover (Project *p)
{
  return find_of_type (GTK_WIDGET (article (p)), GTK_TYPE_POPOVER);
}

/* A key pressed in @widget, as its key controllers of the capture phase take
 * it (the article's label keys and Escape, the filter's Escape). */
static gboolean
press_key_with (GtkWidget       *widget,
                guint            keyval,
                GdkModifierType  state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      gboolean handled = FALSE;

      if (!GTK_IS_EVENT_CONTROLLER_KEY (controller)
          || gtk_event_controller_get_propagation_phase (controller) != GTK_PHASE_CAPTURE)
        continue;
      g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
      if (handled)
        {
          pump ();
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
press_key (GtkWidget *widget,
           guint      keyval)
{
  return press_key_with (widget, keyval, 0);
}

static double
scrolled_to (Project *p)
{
  return gtk_adjustment_get_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (article (p))));
}

/* Where @span_id is in the window, in the window's coordinates. */
static graphene_rect_t
on_screen (Project    *p,
           const char *span_id)
{
  GdkRectangle rect;
  double x, y;

  g_assert_true (gloss_article_view_get_span_rect (article (p), span_id, &rect));
  g_assert_true (gtk_widget_translate_coordinates (GTK_WIDGET (article (p)), GTK_WIDGET (p->window),
                                                   rect.x, rect.y, &x, &y));
  return GRAPHENE_RECT_INIT (x, y, rect.width, rect.height);
}

/* Lets scrolling and layout finish: the text view lays out a long text in
 * idle time and scrolls to a mark when the lines there are laid out, so the
 * scroll position must hold still for a while, not for one round. */
static void
settle (Project *p)
{
  double last = scrolled_to (p);
  guint still = 0;

  for (guint i = 0; i < 150 && still < 10; i++)
    {
      pump ();
      g_usleep (20000);
      pump ();
      still = scrolled_to (p) == last ? still + 1 : 0;
      last = scrolled_to (p);
    }
}

static gboolean
focus_within (Project   *p,
              GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (p->window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* Alt+S opens a popover pointing at the quote: the article keeps its scroll
 * position, the quote its place on screen; the filter has the keyboard.
 * Escape there, or in the article, cancels and gives the article the keys. */
static void
test_picker_keeps_place (void)
{
  Project *p;
  g_autofree char *putin = NULL;
  g_autofree char *quote = NULL;
  graphene_rect_t before, after, pointed_in_window;
  GdkRectangle pointed;
  GtkWidget *picker_widget;
  double scrolled;
  double x, y;

  SKIP_WITHOUT_DISPLAY ();
  p = project_new_with_text (story ());
  putin = tag_story (p, "PERSON", "Putin", 0);
  quote = tag_story (p, "QUOTE", "«Russia and France will keep talking in 2024.»", 0);
  select_annotation (p, quote);
  settle (p);
  scrolled = scrolled_to (p);
  g_assert_cmpfloat (scrolled, >, 0);
  before = on_screen (p, quote);

  activate (p, "link", g_variant_new_string ("SPEAKER"));
  picker_widget = popover (p);
  g_assert_nonnull (picker_widget);
  g_assert_true (GTK_IS_POPOVER (picker_widget));
  g_assert_true (wait_until (is_mapped, picker_widget, 3000));
  settle (p);
  g_assert_cmpfloat (scrolled_to (p), ==, scrolled);
  after = on_screen (p, quote);
  g_assert_true (graphene_rect_equal (&before, &after));

  /* It points at the quote, and the filter has the keyboard. */
  g_assert_true (gtk_popover_get_pointing_to (GTK_POPOVER (picker_widget), &pointed));
  g_assert_true (gtk_widget_translate_coordinates (GTK_WIDGET (article (p)), GTK_WIDGET (p->window),
                                                   pointed.x, pointed.y, &x, &y));
  pointed_in_window = GRAPHENE_RECT_INIT (x, y, pointed.width, pointed.height);
  g_assert_true (graphene_rect_intersection (&pointed_in_window, &before, NULL));
  g_assert_true (focus_within (p, picker_widget));

  /* Escape in the filter: nothing linked, the article has the keys, nothing moved. */
  g_assert_true (press_key (find_of_type (picker_widget, GTK_TYPE_SEARCH_ENTRY), GDK_KEY_Escape));
  g_assert_false (gtk_widget_get_visible (picker_widget));
  assert_status (p, "Linking cancelled");
  g_assert_true (focus_within (p, GTK_WIDGET (article (p))));
  g_assert_cmpuint (n_relations (p), ==, 0);
  g_assert_cmpfloat (scrolled_to (p), ==, scrolled);

  /* Escape in the article (after a click there) cancels as well. */
  select_annotation (p, quote);
  activate (p, "link", g_variant_new_string ("SPEAKER"));
  g_assert_true (gtk_widget_get_visible (picker_widget));
  gtk_widget_grab_focus (GTK_WIDGET (article (p)));
  g_assert_true (press_key (GTK_WIDGET (article (p)), GDK_KEY_Escape));
  g_assert_false (gtk_widget_get_visible (picker_widget));
  assert_status (p, "Linking cancelled");
  g_assert_cmpstr (gloss_article_view_get_selected_span (article (p)), ==, quote);

  project_free (p);
}

static gboolean
row_says (GtkListBoxRow *row,
          const char    *words)
{
  return strstr (row_text (row), words) != NULL;
}

/* Who said it: those who can speak and are outside the quote first, nearest
 * first (the SOURCE, the ORG, the PERSONs), then the places the quote names;
 * never the year. Each row shows the words around its mention, so the two
 * "Putin" rows differ. */
static void
test_picker_ranks_by_kind (void)
{
  Project *p;
  g_autofree char *putin = NULL;
  g_autofree char *kremlin = NULL;
  g_autofree char *spokesman = NULL;
  g_autofree char *quote = NULL;
  g_autofree char *russia = NULL;
  g_autofree char *france = NULL;
  g_autofree char *year = NULL;
  g_autofree char *putin_later = NULL;
  g_autofree char *said = NULL;
  GtkListBox *list;
  GtkListBoxRow *row;
  guint n_rows;
  gint first_putin = -1, second_putin = -1;

  SKIP_WITHOUT_DISPLAY ();
  p = project_new_with_text (story ());
  putin = tag_story (p, "PERSON", "Putin", 0);
  kremlin = tag_story (p, "ORG", "the Kremlin", 0);
  spokesman = tag_story (p, "SOURCE", "His spokesman", 0);
  said = tag_story (p, "CUE", "said", 0);
  quote = tag_story (p, "QUOTE", "«Russia and France will keep talking in 2024.»", 0);
  russia = tag_story (p, "GPE", "Russia", 0);
  france = tag_story (p, "GPE", "France", 0);
  year = tag_story (p, "DATE", "2024", 0);
  putin_later = tag_story (p, "PERSON", "Putin", 1);
  select_annotation (p, quote);

  activate (p, "link", g_variant_new_string ("SPEAKER"));
  g_assert_true (gloss_link_picker_is_open (picker (p)));
  list = picker_list (p);
  n_rows = gloss_link_picker_get_n_candidates (picker (p));
  g_assert_cmpuint (n_rows, ==, 6);
  for (guint i = 0; i < n_rows; i++)
    {
      row = gtk_list_box_get_row_at_index (list, i);
      g_test_message ("row %u: %s", i, row_text (row));
      g_assert_false (row_says (row, "DATE"));
      if (i < 4)
        g_assert_true (row_says (row, "PERSON") || row_says (row, "ORG") || row_says (row, "SOURCE"));
      else
        g_assert_true (row_says (row, "GPE"));
      if (row_says (row, "PERSON") && row_says (row, "met reporters"))
        first_putin = i;
      if (row_says (row, "PERSON") && row_says (row, "left for Sochi"))
        second_putin = i;
    }
  /* The nearest who can speak is chosen already: the spokesman, just before. */
  row = gtk_list_box_get_selected_row (list);
  g_assert_nonnull (row);
  g_assert_cmpint (gtk_list_box_row_get_index (row), ==, 0);
  g_assert_true (row_says (row, "SOURCE"));
  g_assert_true (row_says (row, "His spokesman said"));
  /* Two Putins, told apart by their words around them. */
  g_assert_cmpint (first_putin, >=, 0);
  g_assert_cmpint (second_putin, >=, 0);
  g_assert_cmpint (first_putin, !=, second_putin);

  /* Down and Up in the filter move the choice. */
  g_assert_true (press_key (picker_entry (p), GDK_KEY_Down));
  g_assert_cmpint (gtk_list_box_row_get_index (gtk_list_box_get_selected_row (list)), ==, 1);
  g_assert_true (press_key (picker_entry (p), GDK_KEY_Up));
  g_assert_cmpint (gtk_list_box_row_get_index (gtk_list_box_get_selected_row (list)), ==, 0);

  /* Typing filters; with nothing left the list says so. */
  gtk_editable_set_text (GTK_EDITABLE (picker_entry (p)), "nobody here");
  g_assert_true (widget_shows (GTK_WIDGET (picker (p)), "Nothing tagged matches", NULL));

  /* Enter links the one left. */
  gtk_editable_set_text (GTK_EDITABLE (picker_entry (p)), "kreml");
  pump ();
  g_signal_emit_by_name (picker_entry (p), "activate");
  pump ();
  assert_one_relation (p, "SPEAKER", quote, kremlin);

  /* Which cue: the CUE spans. */
  activate (p, "link", g_variant_new_string ("CUE"));
  g_assert_cmpuint (gloss_link_picker_get_n_candidates (picker (p)), ==, 1);
  g_assert_true (row_says (gtk_list_box_get_row_at_index (picker_list (p), 0), "CUE"));
  gloss_link_picker_cancel (picker (p));
  pump ();

  project_free (p);
}

/* With the picker open, words selected in the article and a label key tag
 * the speaker and link it: one step, which one Ctrl+Z takes back whole. A
 * label that cannot speak is refused. */
static void
test_picker_tags_and_links (void)
{
  Project *p;
  g_autofree char *putin = NULL;
  g_autofree char *quote = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GlossSpan) stored = NULL;
  const GlossRelation *relation;
  const char *spoken_by;
  gint start = story_offset ("His spokesman", 0);
  gint end = start + (gint) strlen ("His spokesman");

  SKIP_WITHOUT_DISPLAY ();
  p = project_new_with_text (story ());
  putin = tag_story (p, "PERSON", "Putin", 0);
  quote = tag_story (p, "QUOTE", "«Russia and France will keep talking in 2024.»", 0);
  select_annotation (p, quote);
  activate (p, "link", g_variant_new_string ("SPEAKER"));
  g_assert_true (gloss_link_picker_is_open (picker (p)));

  /* The speaker is not tagged yet: select the words in the article (a drag
   * there gives it the keyboard), then a label key. */
  gloss_article_view_select_range (article (p), start, end);
  gtk_widget_grab_focus (GTK_WIDGET (article (p)));
  g_assert_true (press_key (GTK_WIDGET (article (p)), GDK_KEY_d));
  g_assert_true (gloss_link_picker_is_open (picker (p)));
  assert_status (p, "cannot be linked this way");
  g_assert_false (gloss_article_view_has_tag_at (article (p), "DATE", start));

  g_assert_true (press_key (GTK_WIDGET (article (p)), GDK_KEY_s));
  g_assert_false (gloss_link_picker_is_open (picker (p)));
  assert_tagged (p, "SOURCE", start, end);
  relations = db_relations (p);
  g_assert_cmpuint (relations->len, ==, 1);
  relation = g_ptr_array_index (relations, 0);
  g_assert_cmpstr (relation->type, ==, "SPEAKER");
  g_assert_cmpstr (relation->from_id, ==, quote);
  spoken_by = relation->to_id;
  stored = db_span (p, spoken_by);
  g_assert_nonnull (stored);
  g_assert_cmpstr (stored->label, ==, "SOURCE");
  g_assert_cmpint (gloss_span_get_start (stored), ==, start);
  g_assert_cmpint (gloss_span_get_end (stored), ==, end);
  g_assert_cmpstr (gloss_article_view_get_selected_span (article (p)), ==, quote);
  assert_status (p, "Ctrl+Z undoes both");
  g_assert_true (widget_shows (inspector (p), "SPEAKER → SOURCE", "His spokesman"));

  /* One Ctrl+Z: neither the span nor the link is left. */
  activate (p, "undo", NULL);
  g_assert_cmpuint (n_relations (p), ==, 0);
  g_clear_pointer (&stored, gloss_span_free);
  stored = db_span (p, spoken_by);
  g_assert_null (stored);
  g_assert_false (gloss_article_view_has_tag_at (article (p), "SOURCE", start));
  stored = db_span (p, putin);
  g_assert_nonnull (stored);

  /* And one redo brings both back. */
  activate (p, "redo", NULL);
  g_assert_cmpuint (n_relations (p), ==, 1);
  assert_tagged (p, "SOURCE", start, end);

  /* Ctrl+F from the picker searches the article and the picker stays, so a
   * match and a label key tag and link too; Ctrl+Z there is the filter's. */
  select_annotation (p, quote);
  activate (p, "link", g_variant_new_string ("ADDRESSEE"));
  g_assert_true (gloss_link_picker_is_open (picker (p)));
  g_assert_false (press_key_with (popover (p), GDK_KEY_z, GDK_CONTROL_MASK));
  g_assert_cmpuint (n_relations (p), ==, 1);
  g_assert_true (press_key_with (popover (p), GDK_KEY_f, GDK_CONTROL_MASK));
  g_assert_true (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (find_of_type (GTK_WIDGET (p->window),
                                                                               GTK_TYPE_SEARCH_BAR))));
  g_assert_true (gloss_link_picker_is_open (picker (p)));
  start = story_offset ("Putin", 1);
  gloss_article_view_select_range (article (p), start, start + 5);
  g_assert_true (press_key (GTK_WIDGET (article (p)), GDK_KEY_p));
  g_assert_false (gloss_link_picker_is_open (picker (p)));
  assert_tagged (p, "PERSON", start, start + 5);
  g_clear_pointer (&relations, g_ptr_array_unref);
  relations = db_relations (p);
  g_assert_cmpuint (relations->len, ==, 2);
  g_assert_cmpstr (((GlossRelation *) g_ptr_array_index (relations, 1))->type, ==, "ADDRESSEE");

  project_free (p);
}

/* Hundreds of mentions: the picker makes rows for the first fifty and says
 * how many more there are; the filter reaches all of them, and so does a
 * click in the text. */
static void
test_picker_many_candidates (void)
{
  Project *p;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *quote = NULL;
  GtkListBox *list;
  GtkListBoxRow *row;
  guint n_shown = 0;
  const guint n = 80;

  SKIP_WITHOUT_DISPLAY ();
  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "Speaker%02u spoke. ", i);
  g_string_append (text, "«The end.»");
  p = project_new_with_text (text->str);
  for (guint i = 0; i < n; i++)
    {
      gloss_article_view_select_range (article (p), i * 17, i * 17 + 9);
      activate (p, "tag", g_variant_new_string ("PERSON"));
      g_ptr_array_add (ids, g_strdup (gloss_article_view_get_selected_span (article (p))));
    }
  gloss_article_view_select_range (article (p), n * 17, n * 17 + 10);
  activate (p, "tag", g_variant_new_string ("QUOTE"));
  quote = g_strdup (gloss_article_view_get_selected_span (article (p)));

  activate (p, "link", g_variant_new_string ("SPEAKER"));
  g_assert_cmpuint (gloss_link_picker_get_n_candidates (picker (p)), ==, n);
  list = picker_list (p);
  while ((row = gtk_list_box_get_row_at_index (list, n_shown)) != NULL)
    n_shown++;
  g_assert_cmpuint (n_shown, ==, 51);
  g_assert_true (row_says (gtk_list_box_get_row_at_index (list, 0), "Speaker79"));
  row = gtk_list_box_get_row_at_index (list, 50);
  g_assert_true (row_says (row, "30 more"));
  g_assert_false (gtk_list_box_row_get_selectable (row));

  /* Typing reaches the far ones, Enter at once too (before the search delay). */
  gtk_editable_set_text (GTK_EDITABLE (picker_entry (p)), "speaker03");
  g_signal_emit_by_name (picker_entry (p), "activate");
  pump ();
  assert_one_relation (p, "SPEAKER", quote, g_ptr_array_index (ids, 3));

  /* A click on one without a row picks it all the same. */
  select_annotation (p, quote);
  activate (p, "link", g_variant_new_string ("ADDRESSEE"));
  gloss_article_view_select_span (article (p), g_ptr_array_index (ids, 0));
  pump ();
  g_assert_false (gloss_link_picker_is_open (picker (p)));
  g_assert_cmpuint (n_relations (p), ==, 2);

  project_free (p);
}

/* ---- 9. The label editor ------------------------------------------------------------------------ */

static GtkWindow *
find_schema_editor (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (GLOSS_IS_SCHEMA_EDITOR (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static gboolean
is_unreadable_color_button (GtkWidget     *widget,
                            gconstpointer  data)
{
  GdkRGBA rgba;
  g_autofree char *hex = NULL;

  if (!GTK_IS_COLOR_BUTTON (widget))
    return FALSE;
  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (widget), &rgba);
  hex = g_strdup_printf ("#%02x%02x%02x", (guint) (rgba.red * 255 + 0.5), (guint) (rgba.green * 255 + 0.5),
                         (guint) (rgba.blue * 255 + 0.5));
  return gloss_color_contrast (hex, GLOSS_COLOR_TEXT) < 4.5;
}

static void
test_edit_labels (void)
{
  Project *p;
  GtkWindow *editor;
  GtkWidget *name;

  SKIP_WITHOUT_DISPLAY ();
  p = project_new ();
  g_assert_null (find_schema_editor ());

  activate (p, "edit-labels", NULL);
  editor = find_schema_editor ();
  g_assert_nonnull (editor);
  g_assert_true (gtk_window_get_transient_for (editor) == GTK_WINDOW (p->window));
  g_assert_true (wait_until (is_mapped, editor, 5000));
  /* It lists the project's labels, each name in an entry. */
  g_assert_nonnull (find_widget (GTK_WIDGET (editor), is_entry_with_text, "CLAIM"));
  /* A new label would start in a colour its text can be read on, not black. */
  g_assert_null (find_widget (GTK_WIDGET (editor), is_unreadable_color_button, NULL));
  name = find_widget (GTK_WIDGET (editor), is_entry_with_text, "PERSON");
  g_assert_nonnull (name);

  /* A new name and Enter: saved, and the window's palette follows. */
  gtk_editable_set_text (GTK_EDITABLE (name), "HUMAN");
  g_signal_emit_by_name (name, "activate");
  pump ();
  g_assert_cmpstr (gloss_schema_editor_get_message (GLOSS_SCHEMA_EDITOR (editor)), ==, "Label renamed.");
  g_assert_nonnull (gloss_store_lookup_label (gloss_window_get_store (p->window), "HUMAN"));
  g_assert_nonnull (find_widget (GTK_WIDGET (editor), is_entry_with_text, "HUMAN"));
  {
    g_autoptr(GlossStore) store = open_again (p);

    g_assert_nonnull (gloss_store_lookup_label (store, "HUMAN"));
    g_assert_null (gloss_store_lookup_label (store, "PERSON"));
  }

  gtk_window_destroy (editor);
  pump ();
  g_assert_null (find_schema_editor ());
  g_assert_nonnull (find_widget (find_of_type (GTK_WIDGET (p->window), GLOSS_TYPE_LABEL_PALETTE),
                                 is_label_with_text, "HUMAN"));
  project_free (p);
}

/* ---- 10. A label renamed while the window is open -------------------------------------------------- */

static gboolean
palette_has_label (Project    *p,
                   const char *name)
{
  GtkWidget *palette = find_of_type (GTK_WIDGET (p->window), GLOSS_TYPE_LABEL_PALETTE);

  pump ();
  return find_widget (palette, is_label_with_text, name) != NULL;
}

static void
assert_label_tag_covers (Project    *p,
                         const char *name,
                         gint        start,
                         gint        end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (article (p)));
  g_autofree char *tag_name = g_strdup_printf ("label:%s", name);
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), tag_name);
  GtkTextIter iter;

  if (tag == NULL)
    g_error ("the article has no tag “%s”", tag_name);
  for (gint i = start; i < end; i++)
    {
      gtk_text_buffer_get_iter_at_offset (buffer, &iter, i);
      g_assert_true (gtk_text_iter_has_tag (&iter, tag));
    }
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, end);
  g_assert_false (gtk_text_iter_has_tag (&iter, tag));
}

static void
test_rename_label (void)
{
  Project *p;
  g_autofree char *putin = NULL;
  g_autoptr(GlossLabel) changes = gloss_label_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) other = NULL;
  g_autoptr(GlossSpan) span = NULL;
  gint merkel = cp_offset ("Angela Merkel");

  SKIP_WITHOUT_DISPLAY ();
  p = project_new ();
  putin = tag_text (p, "PERSON", "Vladimir Putin");
  g_assert_true (palette_has_label (p, "PERSON"));

  /* As the label editor does it: through the window's own store. */
  changes->name = g_strdup ("HUMAN");
  changes->color = g_strdup ("#123456");
  g_assert_true (gloss_store_update_label (gloss_window_get_store (p->window), "PERSON", changes, &error));
  g_assert_no_error (error);
  pump ();

  assert_label_tag_covers (p, "HUMAN", 0, 14);
  assert_tagged (p, "HUMAN", 0, 14);
  g_assert_false (gloss_article_view_has_tag_at (article (p), "PERSON", 0));
  g_assert_cmpstr (gloss_article_view_lookup_span (article (p), putin)->label, ==, "HUMAN");
  g_assert_true (palette_has_label (p, "HUMAN"));
  g_assert_false (palette_has_label (p, "PERSON"));

  /* Its key still works, and tags with the new name. */
  gloss_article_view_select_range (article (p), merkel, merkel + 13);
  g_assert_true (gloss_window_handle_hotkey (p->window, GDK_KEY_p, 0, 0));
  pump ();
  assert_tagged (p, "HUMAN", merkel, merkel + 13);
  span = db_span (p, gloss_article_view_get_selected_span (article (p)));
  g_assert_cmpstr (span->label, ==, "HUMAN");
  g_clear_pointer (&span, gloss_span_free);

  /* Ctrl+Z twice: the new span, then the rename. */
  activate (p, "undo", NULL);
  activate (p, "undo", NULL);
  assert_label_tag_covers (p, "PERSON", 0, 14);
  g_assert_false (gloss_article_view_has_tag_at (article (p), "HUMAN", 0));
  g_assert_true (palette_has_label (p, "PERSON"));
  g_assert_false (palette_has_label (p, "HUMAN"));

  /* Renamed by another program (the label editor of a second window,
   * gloss-cli): the window follows when it notices. */
  other = gloss_store_open (p->path, GLOSS_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_free (changes->name);
  changes->name = g_strdup ("PERSONA");
  g_assert_true (gloss_store_update_label (other, "PERSON", changes, &error));
  g_assert_no_error (error);
  gloss_window_check_for_changes (p->window);
  pump ();
  g_assert_cmpstr (gloss_article_view_lookup_span (article (p), putin)->label, ==, "PERSONA");
  assert_label_tag_covers (p, "PERSONA", 0, 14);
  g_assert_true (palette_has_label (p, "PERSONA"));
  g_assert_false (palette_has_label (p, "PERSON"));

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

  g_test_add_func ("/relations/link-from-picker", test_link_from_picker);
  g_test_add_func ("/relations/link-by-click", test_link_by_click);
  g_test_add_func ("/relations/claimant-author", test_claimant_author);
  g_test_add_func ("/relations/coref-entity", test_coref_entity);
  g_test_add_func ("/relations/delete-relation-undo", test_delete_relation_undo);
  g_test_add_func ("/relations/add-fragment", test_add_fragment);
  g_test_add_func ("/relations/link-needs-quote", test_link_needs_quote);
  g_test_add_func ("/relations/picker-keeps-place", test_picker_keeps_place);
  g_test_add_func ("/relations/picker-ranks-by-kind", test_picker_ranks_by_kind);
  g_test_add_func ("/relations/picker-tags-and-links", test_picker_tags_and_links);
  g_test_add_func ("/relations/picker-many-candidates", test_picker_many_candidates);
  g_test_add_func ("/relations/edit-labels", test_edit_labels);
  g_test_add_func ("/relations/rename-label", test_rename_label);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
