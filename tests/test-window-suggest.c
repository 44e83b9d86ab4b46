/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Quote and claim suggestions in the window (F8 steps, Alt+Y accepts, Alt+N
 * rejects, Ctrl+F8 chooses the kinds F8 visits), the inspector's attribute
 * widgets, and relinking a quote to another speaker.
 * Every step goes through the window's actions and widgets; the result is
 * checked on screen, in the status line, and in what a second connection (or
 * the real gloss-cli) reads from the project file. Runs under Xvfb
 * (GDK_BACKEND=x11 GSK_RENDERER=cairo); without a display every test skips. */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "gloss-application.h"
#include "gloss-article-view.h"
#include "gloss-export.h"
#include "gloss-inspector.h"
#include "gloss-link-picker.h"
#include "gloss-store.h"
#include "gloss-suggest.h"
#include "gloss-window.h"
#include "window-test-util.h"

static GlossApplication *app;
static gboolean have_display;

/* Three quotations with a cue and a named speaker each, one more that the
 * annotator tagged by hand before the window opened, and a claim. */
#define TEXT_EN "Vladimir Putin said: “We are ready to cooperate with the coalition.”\n\n" \
                "“Sanctions hurt everyone,” Angela Merkel told reporters on Monday.\n\n" \
                "“Trade will recover soon,” said Emmanuel Macron.\n\n" \
                "“This quote was annotated by hand,” Boris Johnson insisted.\n\n" \
                "Russia's economy grew 3% in 2015, the ministry claimed.\n"
#define TEXT_DE "„Wir befürchten das Schlimmste“, sagte Wolfgang Grader am Montag.\n"
#define TEXT_RU "«Мы готовы к диалогу», — сказал Дмитрий Песков журналистам.\n"

#define PUTIN_QUOTE  "“We are ready to cooperate with the coalition.”"
#define MERKEL_QUOTE "“Sanctions hurt everyone,”"
#define MACRON_QUOTE "“Trade will recover soon,”"
#define HAND_QUOTE   "“This quote was annotated by hand,”"
#define CLAIM_TEXT   "Russia's economy grew 3% in 2015"

typedef struct
{
  char        *dir;
  char        *path;
  GlossWindow *window;
  gint64       en;
  gint64       de;
  gint64       ru;
  char        *hand;     /* the QUOTE tagged before the window opened */
} Project;

/* ---- Main loop ----------------------------------------------------------------- */





/* ---- Text offsets ------------------------------------------------------------------ */

static gint
cp_offset_in (const char *text,
              const char *needle)
{
  const char *at = strstr (text, needle);

  g_assert_nonnull (at);
  return (gint) g_utf8_pointer_to_offset (text, at);
}

static gint
cp_offset (const char *needle)
{
  return cp_offset_in (TEXT_EN, needle);
}

static gint
cp_end (const char *needle)
{
  return cp_offset (needle) + (gint) g_utf8_strlen (needle, -1);
}

static char *
slice (const char *text,
       gint        start,
       gint        end)
{
  const char *from = g_utf8_offset_to_pointer (text, start);
  const char *to = g_utf8_offset_to_pointer (from, end - start);

  return g_strndup (from, to - from);
}

/* ---- Projects ------------------------------------------------------------------- */


static gint64
add_document (GlossStore *store,
              const char *id,
              const char *text)
{
  g_autoptr(GlossDocument) document = g_new0 (GlossDocument, 1);
  g_autoptr(GError) error = NULL;

  document->id = g_strdup (id);
  document->title = g_strdup (id);
  document->text = g_strdup (text);
  g_assert_true (gloss_store_add_document (store, document, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return document->rowid;
}

static void
open_window (Project *p)
{
  g_autoptr(GError) error = NULL;
  GtkWindow *window = gloss_application_open_project (app, p->path, &error);

  g_assert_no_error (error);
  g_assert_true (GLOSS_IS_WINDOW (window));
  p->window = GLOSS_WINDOW (window);
  g_assert_true (wait_until (is_mapped, window, 5000));
  pump ();
  g_assert_cmpint (gloss_window_get_document (p->window), ==, p->en);
}

static void
close_window (Project *p)
{
  gtk_window_destroy (GTK_WINDOW (p->window));
  p->window = NULL;
  pump ();
}

/* The three documents, made with a connection of our own (the English one with
 * a QUOTE tagged by hand), then opened in a window on the English one. */
static Project *
project_new (void)
{
  Project *p = g_new0 (Project, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) store = NULL;
  g_autoptr(GlossSpan) request = NULL;
  g_autoptr(GlossSpan) hand = NULL;

  p->dir = g_dir_make_tmp ("gloss-test-suggest-XXXXXX", &error);
  g_assert_no_error (error);
  p->path = g_build_filename (p->dir, "project.gloss", NULL);

  store = gloss_store_open (p->path, GLOSS_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  p->en = add_document (store, "en", TEXT_EN);
  p->de = add_document (store, "de", TEXT_DE);
  p->ru = add_document (store, "ru", TEXT_RU);
  request = gloss_span_new ("QUOTE", cp_offset (HAND_QUOTE), cp_end (HAND_QUOTE));
  hand = gloss_store_add_span (store, p->en, request, &error);
  g_assert_no_error (error);
  p->hand = g_strdup (hand->id);
  g_clear_object (&store);

  open_window (p);
  return p;
}

static void
project_free (Project *p)
{
  if (p->window != NULL)
    close_window (p);
  remove_tree (p->dir);
  g_free (p->hand);
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
db_spans (Project *p,
          gint64   document)
{
  g_autoptr(GlossStore) store = open_again (p);
  g_autoptr(GError) error = NULL;
  GPtrArray *spans = gloss_store_list_spans (store, document, &error);

  g_assert_no_error (error);
  return spans;
}

static guint
n_spans (Project *p,
         gint64   document)
{
  g_autoptr(GPtrArray) spans = db_spans (p, document);

  return spans->len;
}

static GPtrArray *
db_relations (Project *p,
              gint64   document)
{
  g_autoptr(GlossStore) store = open_again (p);
  g_autoptr(GError) error = NULL;
  GPtrArray *relations = gloss_store_list_relations (store, document, &error);

  g_assert_no_error (error);
  return relations;
}

/* The document's suggestions of @kind with @status, as a second connection
 * reads them from the file. */
static GPtrArray *
db_suggestions_of (Project               *p,
                   gint64                 document,
                   GlossSuggestionKind    kind,
                   GlossSuggestionStatus  status)
{
  g_autoptr(GlossStore) store = open_again (p);
  g_autoptr(GError) error = NULL;
  GPtrArray *suggestions = gloss_store_list_suggestions (store, document, &status, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < suggestions->len; i++)
    if (((GlossQuoteSuggestion *) g_ptr_array_index (suggestions, i))->kind != kind)
      g_ptr_array_remove_index (suggestions, i--);
  return suggestions;
}

/* The quote suggestions. */
static GPtrArray *
db_suggestions (Project               *p,
                gint64                 document,
                GlossSuggestionStatus  status)
{
  return db_suggestions_of (p, document, GLOSS_SUGGESTION_QUOTE, status);
}

static GPtrArray *
db_claims (Project               *p,
           gint64                 document,
           GlossSuggestionStatus  status)
{
  return db_suggestions_of (p, document, GLOSS_SUGGESTION_CLAIM, status);
}

static guint
n_claims (Project               *p,
          gint64                 document,
          GlossSuggestionStatus  status)
{
  g_autoptr(GPtrArray) claims = db_claims (p, document, status);

  return claims->len;
}

static guint
n_suggestions (Project               *p,
               gint64                 document,
               GlossSuggestionStatus  status)
{
  g_autoptr(GPtrArray) suggestions = db_suggestions (p, document, status);

  return suggestions->len;
}

/* The stored suggestion with this status on exactly @quote of TEXT_EN, or NULL. */
static const GlossQuoteSuggestion *
find_suggestion (GPtrArray  *suggestions,
                 const char *quote)
{
  for (guint i = 0; i < suggestions->len; i++)
    {
      const GlossQuoteSuggestion *q = g_ptr_array_index (suggestions, i);

      if (q->start == cp_offset (quote) && q->end == cp_end (quote))
        return q;
    }
  return NULL;
}

/* The span of @label on exactly [start, end), or NULL. */
static const GlossSpan *
find_span (GPtrArray  *spans,
           const char *label,
           gint        start,
           gint        end)
{
  for (guint i = 0; i < spans->len; i++)
    {
      const GlossSpan *span = g_ptr_array_index (spans, i);

      if (g_str_equal (span->label, label) && span->fragments->len == 1
          && gloss_span_get_start (span) == start && gloss_span_get_end (span) == end)
        return span;
    }
  return NULL;
}

static gboolean
has_relation (GPtrArray  *relations,
              const char *type,
              const char *from,
              const char *to)
{
  for (guint i = 0; i < relations->len; i++)
    {
      const GlossRelation *r = g_ptr_array_index (relations, i);

      if (g_str_equal (r->type, type) && g_str_equal (r->from_id, from) && g_str_equal (r->to_id, to))
        return TRUE;
    }
  return FALSE;
}

/* The span's attributes as a JSON object (never NULL; empty when it has none). */
static JsonNode *
db_attrs (Project    *p,
          const char *id)
{
  g_autoptr(GPtrArray) spans = db_spans (p, p->en);

  for (guint i = 0; i < spans->len; i++)
    {
      const GlossSpan *span = g_ptr_array_index (spans, i);
      JsonNode *attrs;

      if (!g_str_equal (span->id, id))
        continue;
      attrs = json_from_string (span->attrs != NULL ? span->attrs : "{}", NULL);
      g_assert_nonnull (attrs);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (attrs));
      return attrs;
    }
  g_error ("no span %s in the file", id);
}

/* The English document as the native export writes it (derived quotes too). */
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
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "id"), ==, "en");
  return root;
}

/* What the real gloss-cli prints for `suggest PROJECT`. */
static char *
cli_suggest (Project *p)
{
  const char *cli = g_getenv ("GLOSS_CLI");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;
  const char *argv[] = { cli, "suggest", p->path, NULL };

  if (cli == NULL)
    g_error ("GLOSS_CLI is not set: run through meson test");
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                               &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("gloss-cli suggest failed: %s\n%s", error->message, err);
  return g_steal_pointer (&out);
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

static void
open_document (Project *p,
               gint64   document)
{
  g_assert_true (gloss_window_open_document (p->window, document));
  pump ();
  g_assert_cmpint (gloss_window_get_document (p->window), ==, document);
}

/* Selects @needle in the article, presses @label's key (win.tag), and returns
 * the new annotation's id; the span in the file is exactly @needle. */
static char *
tag_text (Project    *p,
          const char *label,
          const char *needle)
{
  g_autoptr(GPtrArray) spans = NULL;
  char *id;

  gloss_article_view_select_range (article (p), cp_offset (needle), cp_end (needle));
  activate (p, "tag", g_variant_new_string (label));
  id = g_strdup (gloss_article_view_get_selected_span (article (p)));
  g_assert_nonnull (id);
  spans = db_spans (p, p->en);
  g_assert_nonnull (find_span (spans, label, cp_offset (needle), cp_end (needle)));
  g_assert_cmpstr (find_span (spans, label, cp_offset (needle), cp_end (needle))->id, ==, id);
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

static void
assert_status_not (Project    *p,
                   const char *unexpected)
{
  const char *status = gloss_window_get_status_text (p->window);

  if (status != NULL && strstr (status, unexpected) != NULL)
    g_error ("status “%s” says “%s”", status, unexpected);
}

/* Which suggestions F8 visits, as Ctrl+F8 chooses: "all", "quotes", "claims". */
static void
visit (Project    *p,
       const char *kinds)
{
  g_autoptr(GVariant) state = NULL;

  g_action_group_change_action_state (G_ACTION_GROUP (p->window), "suggestion-kinds",
                                      g_variant_new_string (kinds));
  pump ();
  state = g_action_group_get_action_state (G_ACTION_GROUP (p->window), "suggestion-kinds");
  g_assert_cmpstr (g_variant_get_string (state, NULL), ==, kinds);
}

/* F8 through every quote suggestion the window offers: @n of them, none by
 * @absent. */
static void
assert_offered (Project    *p,
                guint       n,
                const char *absent)
{
  g_autofree char *of_n = g_strdup_printf (" of %u — ", n);

  visit (p, "quotes");
  for (guint i = 0; i < n; i++)
    {
      activate (p, "next-suggestion", NULL);
      assert_status (p, "Suggested quote");
      assert_status (p, of_n);
      if (absent != NULL)
        assert_status_not (p, absent);
    }
}





static GtkWidget *
inspector (Project *p)
{
  return find_of_type (GTK_WIDGET (p->window), GLOSS_TYPE_INSPECTOR);
}

typedef struct
{
  GType       type;
  const char *attribute;
} AttributeQuery;

static gboolean
is_attribute_widget (GtkWidget     *widget,
                     gconstpointer  data)
{
  const AttributeQuery *query = data;

  return G_TYPE_CHECK_INSTANCE_TYPE (widget, query->type) && gtk_widget_get_mapped (widget)
         && g_strcmp0 (g_object_get_data (G_OBJECT (widget), "attribute"), query->attribute) == 0;
}

/* The inspector's widget for @attribute of the selected annotation, shown now
 * (the inspector makes them anew after every change). */
static GtkWidget *
attribute_widget (Project    *p,
                  GType       type,
                  const char *attribute)
{
  AttributeQuery query = { type, attribute };
  GtkWidget *widget;

  pump ();
  widget = find_widget (inspector (p), is_attribute_widget, &query);
  if (widget == NULL)
    g_error ("the inspector shows no %s for “%s”", g_type_name (type), attribute);
  return widget;
}

static guint
dropdown_position (GtkDropDown *dropdown,
                   const char  *value)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), value) == 0)
      return i;
  g_error ("the drop-down has no “%s”", value);
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

static gboolean
widget_shows (GtkWidget  *root,
              const char *first,
              const char *second)
{
  TextQuery query = { root, first, second };

  return wait_until (shows_text, &query, 2000);
}

static GlossLinkPicker *
picker (Project *p)
{
  return GLOSS_LINK_PICKER (find_of_type (GTK_WIDGET (p->window), GLOSS_TYPE_LINK_PICKER));
}

#define SKIP_WITHOUT_DISPLAY() \
  G_STMT_START { \
    if (!have_display) \
      { \
        g_test_skip ("no display: run under Xvfb (xvfb-run) with GDK_BACKEND=x11"); \
        return; \
      } \
  } G_STMT_END

/* ---- 1. Opening a document stores its suggestions, pending, in any language ------------- */

static void
assert_stored (Project    *p,
               gint64      document,
               const char *text,
               const char *quote,
               const char *cue,
               const char *speaker)
{
  g_autoptr(GPtrArray) pending = db_suggestions (p, document, GLOSS_SUGGESTION_PENDING);
  const GlossQuoteSuggestion *q;
  g_autofree char *quote_text = NULL;
  g_autofree char *cue_text = NULL;
  g_autofree char *speaker_text = NULL;

  g_assert_cmpuint (pending->len, ==, 1);
  q = g_ptr_array_index (pending, 0);
  g_assert_cmpint (q->document, ==, document);
  g_assert_cmpint (q->status, ==, GLOSS_SUGGESTION_PENDING);
  quote_text = slice (text, q->start, q->end);
  cue_text = slice (text, q->cue.start, q->cue.end);
  speaker_text = slice (text, q->speaker.start, q->speaker.end);
  g_assert_cmpstr (quote_text, ==, quote);
  g_assert_cmpstr (cue_text, ==, cue);
  g_assert_cmpstr (speaker_text, ==, speaker);
  g_assert_cmpint (q->speaker_kind, ==, GLOSS_SPEAKER_NAME);
}

static void
test_pending_on_open (void)
{
  static const struct { const char *quote; const char *cue; const char *speaker; } expected[] = {
    { PUTIN_QUOTE, "said", "Vladimir Putin" },
    { MERKEL_QUOTE, "told", "Angela Merkel" },
    { MACRON_QUOTE, "said", "Emmanuel Macron" },
  };
  Project *p;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) all = NULL;
  GlossSuggestionStatus any[] = { GLOSS_SUGGESTION_PENDING, GLOSS_SUGGESTION_ACCEPTED,
                                  GLOSS_SUGGESTION_REJECTED };

  SKIP_WITHOUT_DISPLAY ();
  p = project_new ();

  /* The English document is open: its three quotations are in the file, pending,
   * in text order, each with its cue and speaker. The one tagged by hand is not. */
  pending = db_suggestions (p, p->en, GLOSS_SUGGESTION_PENDING);
  g_assert_cmpuint (pending->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < pending->len; i++)
    {
      const GlossQuoteSuggestion *q = g_ptr_array_index (pending, i);
      g_autofree char *cue = slice (TEXT_EN, q->cue.start, q->cue.end);
      g_autofree char *speaker = slice (TEXT_EN, q->speaker.start, q->speaker.end);

      g_assert_cmpint (q->start, ==, cp_offset (expected[i].quote));
      g_assert_cmpint (q->end, ==, cp_end (expected[i].quote));
      g_assert_cmpstr (cue, ==, expected[i].cue);
      g_assert_cmpstr (speaker, ==, expected[i].speaker);
      g_assert_cmpint (q->speaker_kind, ==, GLOSS_SPEAKER_NAME);
    }
  for (guint s = 0; s < G_N_ELEMENTS (any); s++)
    {
      all = db_suggestions (p, p->en, any[s]);
      g_assert_null (find_suggestion (all, HAND_QUOTE));
      g_clear_pointer (&all, g_ptr_array_unref);
    }

  /* The others have not been opened yet: nothing stored for them. */
  g_assert_cmpuint (n_suggestions (p, p->de, GLOSS_SUGGESTION_PENDING), ==, 0);
  g_assert_cmpuint (n_suggestions (p, p->ru, GLOSS_SUGGESTION_PENDING), ==, 0);

  /* F8 goes to the first, and the status line names its speaker and cue. */
  activate (p, "next-suggestion", NULL);
  assert_status (p, "Suggested quote 1 of 3");
  assert_status (p, "Vladimir Putin");
  assert_status (p, "cue: said");
  g_assert_cmpint (gloss_article_view_get_cursor (article (p)), ==, cp_offset (PUTIN_QUOTE));

  /* German „…“ with sagte, Russian «…» with сказал: same as English. */
  open_document (p, p->de);
  assert_stored (p, p->de, TEXT_DE, "„Wir befürchten das Schlimmste“", "sagte", "Wolfgang Grader");
  activate (p, "next-suggestion", NULL);
  assert_status (p, "Suggested quote 1 of 1");
  assert_status (p, "Wolfgang Grader");

  open_document (p, p->ru);
  assert_stored (p, p->ru, TEXT_RU, "«Мы готовы к диалогу»", "сказал", "Дмитрий Песков");
  activate (p, "next-suggestion", NULL);
  assert_status (p, "Дмитрий Песков");
  assert_status (p, "cue: сказал");

  /* Opening again stores nothing twice. */
  open_document (p, p->en);
  g_assert_cmpuint (n_suggestions (p, p->en, GLOSS_SUGGESTION_PENDING), ==, 3);
  g_assert_cmpuint (n_suggestions (p, p->ru, GLOSS_SUGGESTION_PENDING), ==, 1);

  project_free (p);
}

/* ---- 2. Alt+Y: QUOTE, CUE and speaker in one undo step -------------------------------------- */

static void
test_accept_undo (void)
{
  Project *p;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GPtrArray) accepted = NULL;
  g_autoptr(JsonNode) record = NULL;
  g_autofree char *quote_id = NULL;
  const GlossSpan *quote, *cue, *speaker;
  JsonArray *quotes;
  JsonObject *exported = NULL;
  JsonArray *speakers;

  SKIP_WITHOUT_DISPLAY ();
  p = project_new ();
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (p->window), "undo"));
  visit (p, "quotes");

  activate (p, "next-suggestion", NULL);
  assert_status (p, "Vladimir Putin");
  activate (p, "accept-suggestion", NULL);

  /* In the file: the quote with its marks, the cue, Putin as a PERSON, linked. */
  spans = db_spans (p, p->en);
  g_assert_cmpuint (spans->len, ==, 4);   /* with the one tagged by hand */
  quote = find_span (spans, "QUOTE", cp_offset (PUTIN_QUOTE), cp_end (PUTIN_QUOTE));
  cue = find_span (spans, "CUE", cp_offset ("said"), cp_offset ("said") + 4);
  speaker = find_span (spans, "PERSON", 0, 14);
  g_assert_nonnull (quote);
  g_assert_nonnull (cue);
  g_assert_nonnull (speaker);
  quote_id = g_strdup (quote->id);
  relations = db_relations (p, p->en);
  g_assert_cmpuint (relations->len, ==, 2);
  g_assert_true (has_relation (relations, "SPEAKER", quote->id, speaker->id));
  g_assert_true (has_relation (relations, "CUE", quote->id, cue->id));
  accepted = db_suggestions (p, p->en, GLOSS_SUGGESTION_ACCEPTED);
  g_assert_cmpuint (accepted->len, ==, 1);
  g_assert_nonnull (find_suggestion (accepted, PUTIN_QUOTE));
  g_assert_cmpuint (n_suggestions (p, p->en, GLOSS_SUGGESTION_PENDING), ==, 2);
  g_clear_pointer (&accepted, g_ptr_array_unref);

  /* On screen: the three tags; the status line is on to the next suggestion. */
  assert_tagged (p, "QUOTE", cp_offset (PUTIN_QUOTE), cp_end (PUTIN_QUOTE));
  assert_tagged (p, "CUE", cp_offset ("said"), cp_offset ("said") + 4);
  assert_tagged (p, "PERSON", 0, 14);
  assert_status (p, "Suggested quote 1 of 2");
  assert_status (p, "Angela Merkel");

  /* The native export's derived quote names its speaker and cue. */
  record = export_record (p);
  quotes = json_object_get_array_member (json_node_get_object (record), "quotes");
  for (guint i = 0; i < json_array_get_length (quotes); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (quotes, i), "id"),
                   quote_id) == 0)
      exported = json_array_get_object_element (quotes, i);
  g_assert_nonnull (exported);
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_object_get_array_member (exported, "contents"), 0),
                     "text"), ==, PUTIN_QUOTE);
  speakers = json_object_get_array_member (exported, "speakers");
  g_assert_cmpuint (json_array_get_length (speakers), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (speakers, 0), "text"), ==,
                   "Vladimir Putin");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (exported, "cue"), "text"), ==,
                   "said");

  /* One Ctrl+Z: all three gone, the suggestion pending again, and offered again. */
  activate (p, "undo", NULL);
  g_clear_pointer (&spans, g_ptr_array_unref);
  spans = db_spans (p, p->en);
  g_assert_cmpuint (spans->len, ==, 1);
  g_assert_cmpstr (((GlossSpan *) g_ptr_array_index (spans, 0))->id, ==, p->hand);
  g_clear_pointer (&relations, g_ptr_array_unref);
  relations = db_relations (p, p->en);
  g_assert_cmpuint (relations->len, ==, 0);
  g_assert_cmpuint (n_suggestions (p, p->en, GLOSS_SUGGESTION_ACCEPTED), ==, 0);
  g_assert_cmpuint (n_suggestions (p, p->en, GLOSS_SUGGESTION_PENDING), ==, 3);
  g_assert_false (gloss_article_view_has_tag_at (article (p), "QUOTE", cp_offset (PUTIN_QUOTE)));
  g_assert_false (gloss_article_view_has_tag_at (article (p), "PERSON", 0));
  g_assert_false (gloss_article_view_has_tag_at (article (p), "CUE", cp_offset ("said")));
  assert_status (p, "Undone: Accept quote suggestion");
  activate (p, "previous-suggestion", NULL);
  assert_status (p, " of 3 — ");

  /* Ctrl+Shift+Z: accepted again. */
  activate (p, "redo", NULL);
  g_clear_pointer (&spans, g_ptr_array_unref);
  spans = db_spans (p, p->en);
  g_assert_cmpuint (spans->len, ==, 4);
  g_assert_nonnull (find_span (spans, "QUOTE", cp_offset (PUTIN_QUOTE), cp_end (PUTIN_QUOTE)));
  g_assert_cmpuint (n_suggestions (p, p->en, GLOSS_SUGGESTION_ACCEPTED), ==, 1);
  assert_tagged (p, "QUOTE", cp_offset (PUTIN_QUOTE), cp_end (PUTIN_QUOTE));

  project_free (p);
}

/* A Russian one: offsets in code points, the speaker in Cyrillic. */
static void
test_accept_russian (void)
{
  Project *p;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  const GlossSpan *quote, *cue, *speaker;

  SKIP_WITHOUT_DISPLAY ();
  p = project_new ();
  open_document (p, p->ru);
  activate (p, "accept-suggestion", NULL);   /* with none current: goes to the first */
  assert_status (p, "Дмитрий Песков");
  activate (p, "accept-suggestion", NULL);
  assert_status (p, "No suggestions left");

  spans = db_spans (p, p->ru);
  g_assert_cmpuint (spans->len, ==, 3);
  quote = find_span (spans, "QUOTE", 0, g_utf8_strlen ("«Мы готовы к диалогу»", -1));
  cue = find_span (spans, "CUE", cp_offset_in (TEXT_RU, "сказал"), cp_offset_in (TEXT_RU, "сказал") + 6);
  speaker = find_span (spans, "PERSON", cp_offset_in (TEXT_RU, "Дмитрий"),
                       cp_offset_in (TEXT_RU, "Дмитрий") + g_utf8_strlen ("Дмитрий Песков", -1));
  g_assert_nonnull (quote);
  g_assert_nonnull (cue);
  g_assert_nonnull (speaker);
  relations = db_relations (p, p->ru);
  g_assert_cmpuint (relations->len, ==, 2);
  g_assert_true (has_relation (relations, "SPEAKER", quote->id, speaker->id));
  g_assert_true (has_relation (relations, "CUE", quote->id, cue->id));
  g_assert_true (gloss_article_view_has_tag_at (article (p), "PERSON", cp_offset_in (TEXT_RU, "Песков")));

  project_free (p);
}

/* ---- 3. Alt+N: rejected for good ------------------------------------------------------------ */

static void
test_reject (void)
{
  Project *p;
  g_autoptr(GPtrArray) rejected = NULL;
  g_autofree char *printed = NULL;

  SKIP_WITHOUT_DISPLAY ();
  p = project_new ();

  activate (p, "next-suggestion", NULL);
  activate (p, "next-suggestion", NULL);
  assert_status (p, "Suggested quote 2 of 3");
  assert_status (p, "Angela Merkel");
  activate (p, "reject-suggestion", NULL);

  rejected = db_suggestions (p, p->en, GLOSS_SUGGESTION_REJECTED);
  g_assert_cmpuint (rejected->len, ==, 1);
  g_assert_nonnull (find_suggestion (rejected, MERKEL_QUOTE));
  g_assert_cmpuint (n_suggestions (p, p->en, GLOSS_SUGGESTION_PENDING), ==, 2);
  g_assert_cmpuint (n_spans (p, p->en), ==, 1);
  /* On to the next one; not an annotation, so nothing to undo. */
  assert_status (p, "Suggested quote 2 of 2");
  assert_status (p, "Emmanuel Macron");
  /* The view went with it: the cursor at Macron's quote, and his name and
   * cue drawn in the text. */
  g_assert_cmpint (gloss_article_view_get_cursor (article (p)), ==, cp_offset (MACRON_QUOTE));
  {
    GArray *parts = gloss_article_view_get_suggestion_parts (article (p));
    gboolean speaker = FALSE;

    g_assert_nonnull (parts);
    for (guint i = 0; i < parts->len; i++)
      speaker |= g_array_index (parts, GlossFragment, i).start == cp_offset ("Emmanuel Macron");
    g_assert_true (speaker);
  }
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (p->window), "undo"));
  assert_offered (p, 2, "Angela Merkel");

  /* Not again after the document is opened again … */
  open_document (p, p->de);
  open_document (p, p->en);
  assert_offered (p, 2, "Angela Merkel");

  /* … nor in a new window on the project … */
  close_window (p);
  open_window (p);
  assert_offered (p, 2, "Angela Merkel");
  g_assert_cmpuint (n_suggestions (p, p->en, GLOSS_SUGGESTION_PENDING), ==, 2);
  g_assert_cmpuint (n_suggestions (p, p->en, GLOSS_SUGGESTION_REJECTED), ==, 1);

  /* … nor by gloss-cli. */
  printed = cli_suggest (p);
  g_assert_nonnull (strstr (printed, "We are ready to cooperate"));
  g_assert_nonnull (strstr (printed, "Trade will recover soon"));
  g_assert_null (strstr (printed, "Sanctions hurt everyone"));
  g_assert_null (strstr (printed, "Angela Merkel"));

  project_free (p);
}

/* ---- 4. A quote tagged by hand is not suggested ----------------------------------------------- */

static void
test_hand_annotated (void)
{
  Project *p;
  g_autofree char *macron = NULL;
  g_autofree char *printed = NULL;

  SKIP_WITHOUT_DISPLAY ();
  p = project_new ();

  /* Tagged before the window opened: never offered, nor printed. */
  assert_offered (p, 3, "Boris Johnson");
  printed = cli_suggest (p);
  g_assert_null (strstr (printed, "annotated by hand"));
  g_clear_pointer (&printed, g_free);

  /* Tagged now, in the window: gone from the suggestions, here and in gloss-cli. */
  macron = tag_text (p, "QUOTE", MACRON_QUOTE);
  assert_offered (p, 2, "Emmanuel Macron");
  open_document (p, p->de);
  open_document (p, p->en);
  assert_offered (p, 2, "Emmanuel Macron");
  printed = cli_suggest (p);
  g_assert_nonnull (strstr (printed, "We are ready to cooperate"));
  g_assert_null (strstr (printed, "Trade will recover soon"));

  project_free (p);
}

/* ---- 5. The inspector's attribute widgets ------------------------------------------------------ */

static void
assert_attrs (Project    *p,
              const char *id,
              const char *expected_json)
{
  g_autoptr(JsonNode) attrs = db_attrs (p, id);
  g_autoptr(JsonNode) expected = json_from_string (expected_json, NULL);

  g_assert_nonnull (expected);
  if (!json_node_equal (attrs, expected))
    {
      g_autofree char *got = json_to_string (attrs, FALSE);

      g_error ("attrs of %s are %s, expected %s", id, got, expected_json);
    }
}

static void
test_inspector_attributes (void)
{
  Project *p;
  g_autofree char *quote = NULL;
  g_autofree char *claim = NULL;
  GtkWidget *dropdown, *toggle, *entry;

  SKIP_WITHOUT_DISPLAY ();
  p = project_new ();

  /* A quote: its quote_type drop-down, "—" first. */
  quote = tag_text (p, "QUOTE", PUTIN_QUOTE);
  assert_attrs (p, quote, "{}");
  dropdown = attribute_widget (p, GTK_TYPE_DROP_DOWN, "quote_type");
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), ==, 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), dropdown_position (GTK_DROP_DOWN (dropdown), "direct"));
  pump ();
  assert_attrs (p, quote, "{\"quote_type\":\"direct\"}");
  assert_status (p, "quote_type set");
  dropdown = attribute_widget (p, GTK_TYPE_DROP_DOWN, "quote_type");
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), ==,
                    dropdown_position (GTK_DROP_DOWN (dropdown), "direct"));
  g_assert_true (widget_shows (inspector (p), "QUOTE direct", NULL));

  /* Back to "—": the attribute goes. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 0);
  pump ();
  assert_attrs (p, quote, "{}");

  /* Ctrl+Z twice: direct again, then nothing. */
  activate (p, "undo", NULL);
  assert_attrs (p, quote, "{\"quote_type\":\"direct\"}");
  g_assert_cmpstr (gloss_article_view_get_selected_span (article (p)), ==, quote);
  dropdown = attribute_widget (p, GTK_TYPE_DROP_DOWN, "quote_type");
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), ==,
                    dropdown_position (GTK_DROP_DOWN (dropdown), "direct"));
  activate (p, "undo", NULL);
  assert_attrs (p, quote, "{}");
  dropdown = attribute_widget (p, GTK_TYPE_DROP_DOWN, "quote_type");
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), ==, 0);

  /* A claim: verifiable is a switch, verdict an entry that Enter saves. */
  claim = tag_text (p, "CLAIM", CLAIM_TEXT);
  toggle = attribute_widget (p, GTK_TYPE_SWITCH, "verifiable");
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  pump ();
  assert_attrs (p, claim, "{\"verifiable\":true}");
  toggle = attribute_widget (p, GTK_TYPE_SWITCH, "verifiable");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));

  entry = attribute_widget (p, GTK_TYPE_ENTRY, "verdict");
  gtk_editable_set_text (GTK_EDITABLE (entry), "Mostly “true”, per Rosstat");
  pump ();
  assert_attrs (p, claim, "{\"verifiable\":true}");   /* typing alone saves nothing */
  g_signal_emit_by_name (entry, "activate");
  pump ();
  assert_attrs (p, claim, "{\"verifiable\":true,\"verdict\":\"Mostly “true”, per Rosstat\"}");
  entry = attribute_widget (p, GTK_TYPE_ENTRY, "verdict");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Mostly “true”, per Rosstat");

  /* Ctrl+Z: the verdict goes, then verifiable; the widgets follow. */
  activate (p, "undo", NULL);
  assert_attrs (p, claim, "{\"verifiable\":true}");
  entry = attribute_widget (p, GTK_TYPE_ENTRY, "verdict");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  activate (p, "undo", NULL);
  assert_attrs (p, claim, "{}");
  toggle = attribute_widget (p, GTK_TYPE_SWITCH, "verifiable");
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));

  /* The quote kept what it had. */
  select_annotation (p, quote);
  assert_attrs (p, quote, "{}");
  project_free (p);
}

/* ---- 6. Relink: the speaker picked now replaces the one there ---------------------------------- */

static void
test_relink (void)
{
  Project *p;
  g_autofree char *putin = NULL;
  g_autofree char *merkel = NULL;
  g_autofree char *said = NULL;
  g_autofree char *quote = NULL;
  g_autofree char *speaker_relation = NULL;
  g_autoptr(GPtrArray) relations = NULL;

  SKIP_WITHOUT_DISPLAY ();
  p = project_new ();
  putin = tag_text (p, "PERSON", "Vladimir Putin");
  merkel = tag_text (p, "PERSON", "Angela Merkel");
  said = tag_text (p, "CUE", "said");
  quote = tag_text (p, "QUOTE", PUTIN_QUOTE);
  activate (p, "link", g_variant_new_string ("SPEAKER"));
  g_assert_true (gloss_link_picker_choose (picker (p), putin));
  pump ();
  activate (p, "link", g_variant_new_string ("CUE"));
  g_assert_true (gloss_link_picker_choose (picker (p), said));
  pump ();
  relations = db_relations (p, p->en);
  g_assert_cmpuint (relations->len, ==, 2);
  g_assert_true (has_relation (relations, "SPEAKER", quote, putin));
  for (guint i = 0; i < relations->len; i++)
    if (g_str_equal (((GlossRelation *) g_ptr_array_index (relations, i))->type, "SPEAKER"))
      speaker_relation = g_strdup (((GlossRelation *) g_ptr_array_index (relations, i))->id);
  g_clear_pointer (&relations, g_ptr_array_unref);

  /* Shift+Alt+S, Merkel picked: only SPEAKER → Merkel; the cue stays. */
  /* Linking leaves the document's other quote suggestions to step through. */
  activate (p, "next-suggestion", NULL);
  assert_status (p, "Suggested quote 1 of 2");
  assert_status (p, "Angela Merkel");
  select_annotation (p, quote);

  activate (p, "relink", g_variant_new_string ("SPEAKER"));
  g_assert_true (gloss_link_picker_is_open (picker (p)));
  g_assert_true (gloss_link_picker_choose (picker (p), merkel));
  pump ();
  g_assert_false (gloss_link_picker_is_open (picker (p)));
  relations = db_relations (p, p->en);
  g_assert_cmpuint (relations->len, ==, 2);
  g_assert_true (has_relation (relations, "SPEAKER", quote, merkel));
  g_assert_false (has_relation (relations, "SPEAKER", quote, putin));
  g_assert_true (has_relation (relations, "CUE", quote, said));
  g_clear_pointer (&relations, g_ptr_array_unref);
  assert_status (p, "Linked: SPEAKER");
  g_assert_true (widget_shows (inspector (p), "SPEAKER → PERSON", "Angela Merkel"));

  /* One Ctrl+Z: Putin again, the very same relation. */
  activate (p, "undo", NULL);
  relations = db_relations (p, p->en);
  g_assert_cmpuint (relations->len, ==, 2);
  g_assert_true (has_relation (relations, "SPEAKER", quote, putin));
  g_assert_false (has_relation (relations, "SPEAKER", quote, merkel));
  g_assert_true (has_relation (relations, "CUE", quote, said));
  for (guint i = 0; i < relations->len; i++)
    if (g_str_equal (((GlossRelation *) g_ptr_array_index (relations, i))->type, "SPEAKER"))
      g_assert_cmpstr (((GlossRelation *) g_ptr_array_index (relations, i))->id, ==, speaker_relation);
  g_assert_true (widget_shows (inspector (p), "SPEAKER → PERSON", "Vladimir Putin"));

  project_free (p);
}

/* ---- 7. Claims: F8 visits them, Alt+Y makes the CLAIM and its claimant, Alt+N rejects --------- */

#define CLAIMANT "the ministry"

/* The claim of TEXT_EN is the last suggestion: Shift+F8 from none goes there. */
static void
go_to_claim (Project *p)
{
  gloss_article_view_select_range (article (p), 0, 0);
  activate (p, "select-none", NULL);
  activate (p, "previous-suggestion", NULL);
  assert_status (p, "Suggested claim 1 of 1 — claimant: " CLAIMANT ", cue: claimed");
  g_assert_cmpint (gloss_article_view_get_cursor (article (p)), ==, cp_offset (CLAIM_TEXT));
}

static void
test_claim_accept (void)
{
  Project *p;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(JsonNode) record = NULL;
  const GlossQuoteSuggestion *stored;
  const GlossSpan *claim, *claimant;
  JsonArray *claims;
  JsonObject *exported;
  g_autofree char *claimant_text = NULL;

  SKIP_WITHOUT_DISPLAY ();
  p = project_new ();

  /* Opening the document stored its claim, pending, with the claimant and cue. */
  pending = db_claims (p, p->en, GLOSS_SUGGESTION_PENDING);
  g_assert_cmpuint (pending->len, ==, 1);
  stored = g_ptr_array_index (pending, 0);
  g_assert_cmpint (stored->start, ==, cp_offset (CLAIM_TEXT));
  g_assert_cmpint (stored->end, ==, cp_end (CLAIM_TEXT));
  claimant_text = slice (TEXT_EN, stored->speaker.start, stored->speaker.end);
  g_assert_cmpstr (claimant_text, ==, CLAIMANT);
  g_assert_cmpint (stored->speaker_kind, ==, GLOSS_SPEAKER_DESCRIPTION);

  /* F8 steps through quotes and the claim alike, in document order. */
  activate (p, "next-suggestion", NULL);
  assert_status (p, "Suggested quote 1 of 3");
  activate (p, "next-suggestion", NULL);
  activate (p, "next-suggestion", NULL);
  assert_status (p, "Suggested quote 3 of 3");
  activate (p, "next-suggestion", NULL);
  assert_status (p, "Suggested claim 1 of 1");
  g_assert_cmpint (gloss_article_view_get_cursor (article (p)), ==, cp_offset (CLAIM_TEXT));
  {
    GArray *parts = gloss_article_view_get_suggestion_parts (article (p));
    gboolean shown = FALSE;

    for (guint i = 0; parts != NULL && i < parts->len; i++)
      shown |= g_array_index (parts, GlossFragment, i).start == cp_offset (CLAIMANT);
    g_assert_true (shown);
  }

  /* Alt+Y: the CLAIM span, the ministry as a SOURCE, CLAIMANT between them. */
  activate (p, "accept-suggestion", NULL);
  spans = db_spans (p, p->en);
  g_assert_cmpuint (spans->len, ==, 3);   /* with the QUOTE tagged by hand */
  claim = find_span (spans, "CLAIM", cp_offset (CLAIM_TEXT), cp_end (CLAIM_TEXT));
  claimant = find_span (spans, "SOURCE", cp_offset (CLAIMANT), cp_end (CLAIMANT));
  g_assert_nonnull (claim);
  g_assert_nonnull (claimant);
  relations = db_relations (p, p->en);
  g_assert_cmpuint (relations->len, ==, 1);
  g_assert_true (has_relation (relations, "CLAIMANT", claim->id, claimant->id));
  g_assert_cmpuint (n_claims (p, p->en, GLOSS_SUGGESTION_ACCEPTED), ==, 1);
  g_assert_cmpuint (n_suggestions (p, p->en, GLOSS_SUGGESTION_PENDING), ==, 3);
  assert_tagged (p, "CLAIM", cp_offset (CLAIM_TEXT), cp_end (CLAIM_TEXT));
  assert_tagged (p, "SOURCE", cp_offset (CLAIMANT), cp_end (CLAIMANT));
  /* On to the quotes; no claim is left. */
  assert_status (p, "Suggested quote 3 of 3");

  /* The native export's derived claim names its claimant. */
  record = export_record (p);
  claims = json_object_get_array_member (json_node_get_object (record), "claims");
  g_assert_cmpuint (json_array_get_length (claims), ==, 1);
  exported = json_array_get_object_element (claims, 0);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (exported, "claimants"), 0), "text"), ==, CLAIMANT);

  /* One Ctrl+Z: both spans and the link gone, the claim pending and offered again. */
  activate (p, "undo", NULL);
  g_assert_cmpuint (n_spans (p, p->en), ==, 1);
  g_clear_pointer (&relations, g_ptr_array_unref);
  relations = db_relations (p, p->en);
  g_assert_cmpuint (relations->len, ==, 0);
  g_assert_cmpuint (n_claims (p, p->en, GLOSS_SUGGESTION_PENDING), ==, 1);
  g_assert_false (gloss_article_view_has_tag_at (article (p), "CLAIM", cp_offset (CLAIM_TEXT)));
  assert_status (p, "Undone: Accept claim suggestion");
  go_to_claim (p);

  project_free (p);
}

static void
test_claim_reject (void)
{
  Project *p;
  g_autofree char *printed = NULL;
  g_autoptr(GPtrArray) rejected = NULL;

  SKIP_WITHOUT_DISPLAY ();
  p = project_new ();
  go_to_claim (p);

  /* Alt+N: rejected for good, nothing to undo, and on to the next suggestion. */
  activate (p, "reject-suggestion", NULL);
  rejected = db_claims (p, p->en, GLOSS_SUGGESTION_REJECTED);
  g_assert_cmpuint (rejected->len, ==, 1);
  g_assert_cmpint (((GlossQuoteSuggestion *) g_ptr_array_index (rejected, 0))->start, ==, cp_offset (CLAIM_TEXT));
  g_assert_cmpuint (n_claims (p, p->en, GLOSS_SUGGESTION_PENDING), ==, 0);
  g_assert_cmpuint (n_suggestions (p, p->en, GLOSS_SUGGESTION_PENDING), ==, 3);
  g_assert_cmpuint (n_spans (p, p->en), ==, 1);
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (p->window), "undo"));
  assert_status (p, "Suggested quote 3 of 3");

  /* Not again: not in a new window, not by gloss-cli. */
  close_window (p);
  open_window (p);
  visit (p, "claims");
  activate (p, "next-suggestion", NULL);
  assert_status (p, "No claim suggestions left in this document.");
  printed = cli_suggest (p);
  g_assert_null (strstr (printed, "\"label\":\"CLAIM\""));
  g_assert_nonnull (strstr (printed, "\"label\":\"QUOTE\""));

  project_free (p);
}

/* A CLAIM tagged by hand on the claim's text: the suggestion goes. */
static void
test_claim_tagged_by_hand (void)
{
  Project *p;
  g_autofree char *claim = NULL;

  SKIP_WITHOUT_DISPLAY ();
  p = project_new ();
  claim = tag_text (p, "CLAIM", CLAIM_TEXT);
  visit (p, "claims");
  activate (p, "next-suggestion", NULL);
  assert_status (p, "No claim suggestions left in this document.");
  /* A QUOTE there would not have taken it: the kinds are apart. */
  visit (p, "all");
  assert_offered (p, 3, "the ministry");

  project_free (p);
}

/* ---- 8. Ctrl+F8: which kinds F8 visits ------------------------------------------------------ */

static void
test_visited_kinds (void)
{
  Project *p;
  g_autoptr(GVariant) state = NULL;
  g_auto(GStrv) accels = NULL;

  SKIP_WITHOUT_DISPLAY ();
  p = project_new ();

  /* Ctrl+F8 is the key of the action that cycles them. */
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.cycle-suggestion-kinds");
  g_assert_nonnull (accels);
  g_assert_cmpstr (accels[0], ==, "<Control>F8");
  state = g_action_group_get_action_state (G_ACTION_GROUP (p->window), "suggestion-kinds");
  g_assert_cmpstr (g_variant_get_string (state, NULL), ==, "all");

  /* all → quotes: F8 wraps over the three quotes, never the claim. */
  activate (p, "cycle-suggestion-kinds", NULL);
  assert_status (p, "F8 visits quote suggestions only");
  for (guint i = 0; i < 4; i++)
    {
      activate (p, "next-suggestion", NULL);
      assert_status (p, " of 3 — ");
      assert_status_not (p, "claim");
    }

  /* quotes → claims: only the claim, again and again. */
  activate (p, "cycle-suggestion-kinds", NULL);
  assert_status (p, "F8 visits claim suggestions only");
  for (guint i = 0; i < 2; i++)
    {
      activate (p, "next-suggestion", NULL);
      assert_status (p, "Suggested claim 1 of 1");
    }
  /* Alt+Y there accepts the claim. */
  activate (p, "accept-suggestion", NULL);
  assert_status (p, "Claim accepted with its claimant (one undo step). No suggestions left.");
  g_assert_cmpuint (n_claims (p, p->en, GLOSS_SUGGESTION_ACCEPTED), ==, 1);

  /* claims → all: the quotes again. */
  activate (p, "cycle-suggestion-kinds", NULL);
  assert_status (p, "F8 visits quote and claim suggestions");
  g_clear_pointer (&state, g_variant_unref);
  state = g_action_group_get_action_state (G_ACTION_GROUP (p->window), "suggestion-kinds");
  g_assert_cmpstr (g_variant_get_string (state, NULL), ==, "all");
  activate (p, "next-suggestion", NULL);
  assert_status (p, "Suggested quote");

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

  g_test_add_func ("/suggest/pending-on-open", test_pending_on_open);
  g_test_add_func ("/suggest/accept-undo", test_accept_undo);
  g_test_add_func ("/suggest/accept-russian", test_accept_russian);
  g_test_add_func ("/suggest/reject", test_reject);
  g_test_add_func ("/suggest/hand-annotated", test_hand_annotated);
  g_test_add_func ("/inspector/attributes", test_inspector_attributes);
  g_test_add_func ("/relink/replaces-speaker", test_relink);
  g_test_add_func ("/suggest/claim/accept-undo", test_claim_accept);
  g_test_add_func ("/suggest/claim/reject", test_claim_reject);
  g_test_add_func ("/suggest/claim/tagged-by-hand", test_claim_tagged_by_hand);
  g_test_add_func ("/suggest/visited-kinds", test_visited_kinds);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
