/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-format-prodigy"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gloss-json.h"
#include "gloss-export-private.h"
#include "gloss-import-private.h"
#include "gloss-tokenizer.h"

/* spaCy/Prodigy JSONL: `spans` with start/end in code points and inclusive
 * token_start/token_end, `tokens`, and relations between tokens with the spans
 * they belong to (`head_span`, `child_span`). Prodigy's own keys (`answer`,
 * `_input_hash`, `_task_hash`, …) are kept in the document's `meta.prodigy` so
 * that an export writes them back. */

/* Keys this format reads itself; every other top-level key goes to meta.prodigy. */
static const char * const own_keys[] = {
  "text", "tokens", "spans", "relations", "meta", "id", "title", "status",
};

static gboolean
is_own_key (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (own_keys); i++)
    if (g_str_equal (own_keys[i], name))
      return TRUE;
  return FALSE;
}

/* ---- Import --------------------------------------------------------------------------- */

typedef struct
{
  GlossStore               *store;
  const GlossImportOptions *options;
  GlossReport              *report;
  GlossImportResult        *result;
} Import;

typedef struct
{
  GlossStore     *store;
  GlossReport    *report;
  GlossRecord    *record;
  const char     *text;       /* as read, before normalisation */
  GlossTextIndex *index;
  gint            length;
  GArray         *tokens;     /* GlossToken: the file's, or Gloss's when it has none */
  GHashTable     *by_place;   /* "start:end:label" → GlossSpan in record->spans */
  const char     *language;   /* meta.language, or NULL */
} Reader;

static void
reader_clear (Reader *reader)
{
  g_clear_pointer (&reader->index, gloss_text_index_free);
  g_clear_pointer (&reader->tokens, g_array_unref);
  g_clear_pointer (&reader->by_place, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reader, reader_clear)

/* The file's tokens, when each is {start, end} inside the text. */
static GArray *
file_tokens (JsonArray *array,
             gint       length)
{
  g_autoptr(GArray) tokens = g_array_new (FALSE, FALSE, sizeof (GlossToken));

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      GlossToken token = { 0, 0, TRUE };

      if (!JSON_NODE_HOLDS_OBJECT (node)
          || !_gloss_json_int (json_node_get_object (node), "start", &token.start)
          || !_gloss_json_int (json_node_get_object (node), "end", &token.end)
          || token.start < 0 || token.end < token.start || token.end > length)
        return NULL;
      g_array_append_val (tokens, token);
    }
  return g_steal_pointer (&tokens);
}

static GArray *
reader_tokens (Reader *reader)
{
  if (reader->tokens == NULL)
    {
      reader->tokens = gloss_tokenize (reader->text, -1, NULL);
      gloss_tokenizer_split_clitics (reader->tokens, reader->text, reader->language);
    }
  return reader->tokens;
}

static gboolean
token_offsets (Reader     *reader,
               JsonObject *object,
               const char *owner,
               gint       *start,
               gint       *end)
{
  GArray *tokens = reader_tokens (reader);
  gint first, last;

  if (!_gloss_json_int (object, "token_start", &first) || !_gloss_json_int (object, "token_end", &last))
    {
      gloss_report_problem (reader->report, _("%s: no start and end; skipped"), owner);
      return FALSE;
    }
  if (first < 0 || last < first || (guint) last >= tokens->len)
    {
      gloss_report_problem (reader->report, _("%s: tokens %d to %d are not tokens of the text "
                                              "(it has %u); skipped"), owner, first, last, tokens->len);
      return FALSE;
    }
  *start = g_array_index (tokens, GlossToken, first).start;
  *end = g_array_index (tokens, GlossToken, last).end;
  return TRUE;
}

/* Offsets from start/end, or else from token_start/token_end; reports and
 * returns %FALSE for offsets that are not a stretch of the text. */
static gboolean
read_offsets (Reader     *reader,
              JsonObject *object,
              const char *owner,
              gint       *start,
              gint       *end)
{
  if (json_object_has_member (object, "start") || json_object_has_member (object, "end"))
    {
      if (!_gloss_json_int (object, "start", start) || !_gloss_json_int (object, "end", end))
        {
          gloss_report_problem (reader->report, _("%s: start and end must be whole numbers "
                                                  "(code points); skipped"), owner);
          return FALSE;
        }
    }
  else if (!token_offsets (reader, object, owner, start, end))
    return FALSE;

  if (*start < 0 || *end <= *start || *end > reader->length)
    {
      gloss_report_problem (reader->report, _("%s: offsets [%d, %d] are outside the text "
                                              "(%d code points); skipped"),
                            owner, *start, *end, reader->length);
      return FALSE;
    }
  return TRUE;
}

/* A span that states its text must match the text at its offsets. */
static gboolean
text_matches (Reader     *reader,
              JsonObject *object,
              const char *owner,
              gint        start,
              gint        end)
{
  const char *stated = _gloss_json_string (object, "text");
  gsize from = gloss_text_index_to_byte (reader->index, start);
  gsize to = gloss_text_index_to_byte (reader->index, end);
  g_autofree char *actual = NULL;

  if (stated == NULL || (strlen (stated) == to - from && memcmp (stated, reader->text + from, to - from) == 0))
    return TRUE;
  actual = g_strndup (reader->text + from, to - from);
  gloss_report_problem (reader->report, _("%s: its text “%s” is not the text at its offsets (“%s”); "
                                          "are the offsets code points? skipped"), owner, stated, actual);
  return FALSE;
}

static char *
place_key (gint        start,
           gint        end,
           const char *label)
{
  return g_strdup_printf ("%d:%d:%s", start, end, label);
}

static GlossSpan *
find_span (Reader     *reader,
           gint        start,
           gint        end,
           const char *label)
{
  g_autofree char *key = NULL;

  if (label != NULL)
    {
      key = place_key (start, end, label);
      return g_hash_table_lookup (reader->by_place, key);
    }
  for (guint i = 0; i < reader->record->spans->len; i++)
    {
      GlossSpan *span = g_ptr_array_index (reader->record->spans, i);

      if (gloss_span_get_start (span) == start && gloss_span_get_end (span) == end)
        return span;
    }
  return NULL;
}

static GlossSpan *
add_span (Reader     *reader,
          const char *label,
          gint        start,
          gint        end)
{
  GlossSpan *span;

  if (!gloss_native_ensure_label (reader->store, label, NULL, reader->report))
    return NULL;
  span = gloss_span_new (label, start, end);
  span->id = g_strdup_printf ("s%u", reader->record->spans->len + 1);
  g_ptr_array_add (reader->record->spans, span);
  g_hash_table_insert (reader->by_place, place_key (start, end, label), span);
  return span;
}

static void
read_span (Reader     *reader,
           JsonObject *object,
           guint       index)
{
  g_autofree char *owner = g_strdup_printf (_("span %u"), index + 1);
  const char *label = _gloss_json_string (object, "label");
  gint start, end;

  if (label == NULL || *label == '\0')
    {
      gloss_report_problem (reader->report, _("%s: no label; skipped"), owner);
      return;
    }
  if (!read_offsets (reader, object, owner, &start, &end)
      || !text_matches (reader, object, owner, start, end))
    return;
  if (find_span (reader, start, end, label) != NULL)
    {
      gloss_report_notice (reader->report, _("%s: the same label and offsets as an earlier span; "
                                             "kept once"), owner);
      return;
    }
  add_span (reader, label, start, end);
}

/* The span at one end of a relation: its `head_span`/`child_span`, found
 * among the spans or added; without one, the span holding its token. */
static GlossSpan *
relation_end (Reader     *reader,
              JsonObject *relation,
              const char *owner,
              const char *side)
{
  g_autofree char *side_span = g_strdup_printf ("%s_span", side);
  g_autofree char *what = g_strdup_printf ("%s: %s", owner, side_span);
  JsonNode *node = json_object_get_member (relation, side_span);
  GlossSpan *span;
  const char *label;
  gint start, end, token;

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      if (!read_offsets (reader, json_node_get_object (node), what, &start, &end))
        return NULL;
      label = _gloss_json_string (json_node_get_object (node), "label");
      if ((span = find_span (reader, start, end, label)) != NULL)
        return span;
      if (label != NULL && *label != '\0')
        return add_span (reader, label, start, end);
      gloss_report_problem (reader->report, _("%s: [%d, %d] is not one of the spans and has no "
                                              "label; skipped"), what, start, end);
      return NULL;
    }

  if (!_gloss_json_int (relation, side, &token))
    {
      gloss_report_problem (reader->report, _("%s: no %s or %s; skipped"), owner, side, side_span);
      return NULL;
    }
  if (token < 0 || (guint) token >= reader_tokens (reader)->len)
    {
      gloss_report_problem (reader->report, _("%s: %s %d is not a token of the text; skipped"),
                            owner, side, token);
      return NULL;
    }
  start = g_array_index (reader_tokens (reader), GlossToken, token).start;
  end = g_array_index (reader_tokens (reader), GlossToken, token).end;
  for (guint i = 0; i < reader->record->spans->len; i++)
    {
      span = g_ptr_array_index (reader->record->spans, i);
      if (gloss_span_get_start (span) <= start && end <= gloss_span_get_end (span))
        return span;
    }
  gloss_report_problem (reader->report, _("%s: %s token %d is in no span; skipped"), owner, side, token);
  return NULL;
}

static void
read_relation (Reader     *reader,
               JsonObject *object,
               guint       index)
{
  g_autofree char *owner = g_strdup_printf (_("relation %u"), index + 1);
  const char *label = _gloss_json_string (object, "label");
  GlossSpan *head, *child;
  GlossRelation *relation;

  if (label == NULL || *label == '\0')
    {
      gloss_report_problem (reader->report, _("%s: no label; skipped"), owner);
      return;
    }
  if ((head = relation_end (reader, object, owner, "head")) == NULL
      || (child = relation_end (reader, object, owner, "child")) == NULL)
    return;

  relation = gloss_relation_new (label, head->id, child->id);
  relation->id = g_strdup_printf ("r%u", reader->record->relations->len + 1);
  g_ptr_array_add (reader->record->relations, relation);
}

static void
read_list (Reader     *reader,
           JsonObject *object,
           const char *name,
           void      (*read) (Reader *, JsonObject *, guint))
{
  JsonNode *node = json_object_get_member (object, name);
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      gloss_report_problem (reader->report, _("“%s” is not a list; left out"), name);
      return;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (item))
        read (reader, json_node_get_object (item), i);
      else if (g_str_equal (name, "spans"))
        gloss_report_problem (reader->report, _("span %u is not an object; skipped"), i + 1);
      else
        gloss_report_problem (reader->report, _("relation %u is not an object; skipped"), i + 1);
    }
}

/* Document metadata: Prodigy's `meta`, and its other keys under `prodigy`;
 * the file's own tokens there too (@tokens), to be written back as they came. */
static char *
prodigy_meta (JsonObject      *object,
              JsonNode        *tokens,
              GlossNormalized  changed,
              gboolean         keep_text)
{
  g_autoptr(JsonObject) wrapper = json_object_new ();
  JsonObject *meta = json_object_new ();
  JsonObject *prodigy = json_object_new ();
  JsonNode *given = json_object_get_member (object, "meta");
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (given != NULL && JSON_NODE_HOLDS_OBJECT (given))
    {
      json_object_iter_init (&iter, json_node_get_object (given));
      while (json_object_iter_next (&iter, &name, &value))
        json_object_set_member (meta, name, json_node_copy (value));
    }
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &value))
    if (!is_own_key (name))
      json_object_set_member (prodigy, name, json_node_copy (value));
  if (tokens != NULL)
    json_object_set_member (prodigy, "tokens", json_node_copy (tokens));

  if (json_object_get_size (prodigy) > 0)
    json_object_set_object_member (meta, "prodigy", prodigy);
  else
    json_object_unref (prodigy);
  json_object_set_object_member (wrapper, "meta", meta);
  return gloss_native_meta (wrapper, changed, keep_text);
}

/* The file's tokens when they still fit the stored text: an export writes
 * them back as they came, so that spans made on them stay aligned. */
static JsonNode *
kept_tokens (Reader          *reader,
             JsonNode        *tokens,
             GlossNormalized  changed)
{
  if (tokens == NULL || reader->tokens == NULL || !JSON_NODE_HOLDS_ARRAY (tokens))
    return NULL;
  for (guint i = 1; i < reader->tokens->len; i++)
    if (g_array_index (reader->tokens, GlossToken, i).start < g_array_index (reader->tokens, GlossToken, i - 1).end)
      return NULL;   /* not in text order: only their indices are of use */
  if (changed != GLOSS_NORMALIZED_NONE)
    {
      gloss_report_notice (reader->report, _("its tokens were not kept: normalising the text moved "
                                             "their offsets; an export writes Gloss's tokens"));
      return NULL;
    }
  return tokens;
}

/* The language a task's meta states, which decides whether Gloss's tokens
 * for its token indices split English clitics. */
static const char *
record_language (JsonObject *object)
{
  JsonNode *meta = json_object_get_member (object, "meta");

  if (meta == NULL || !JSON_NODE_HOLDS_OBJECT (meta))
    return NULL;
  return _gloss_json_string (json_node_get_object (meta), "language");
}

static GlossRecord *
read_record (Import     *import,
             JsonObject *object)
{
  g_autoptr(GlossRecord) record = gloss_record_new ();
  g_auto(Reader) reader = { 0 };
  g_autoptr(GError) error = NULL;
  GlossNormalized changed = GLOSS_NORMALIZED_NONE;
  const char *raw = _gloss_json_string (object, "text");
  JsonNode *tokens = json_object_get_member (object, "tokens");
  char *text;

  if (raw == NULL)
    {
      gloss_report_problem (import->report, _("no “text” string in this record; skipped"));
      return NULL;
    }

  reader = (Reader) { import->store, import->report, record, raw, gloss_text_index_new (raw, -1), 0, NULL,
                      g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL) };
  reader.length = gloss_text_index_get_length (reader.index);
  reader.language = record_language (object);
  if (tokens != NULL && JSON_NODE_HOLDS_ARRAY (tokens)
      && (reader.tokens = file_tokens (json_node_get_array (tokens), reader.length)) == NULL)
    gloss_report_notice (import->report, _("its tokens are not {start, end} in code points inside the "
                                           "text; token indices refer to Gloss's tokens instead"));

  read_list (&reader, object, "spans", read_span);
  read_list (&reader, object, "relations", read_relation);

  text = gloss_native_normalize_text (record, raw, import->options->keep_text, &changed, &error);
  if (text == NULL)
    {
      gloss_report_problem (import->report, _("%s; skipped"), error->message);
      return NULL;
    }

  record->document = gloss_native_document (object, text, import->options->keep_text,
                                             prodigy_meta (object, kept_tokens (&reader, tokens, changed),
                                                           changed, import->options->keep_text));
  return g_steal_pointer (&record);
}

static gboolean
import_record (JsonObject  *object,
               gpointer     user_data,
               GError     **error)
{
  Import *import = user_data;
  g_autoptr(GlossRecord) record = read_record (import, object);

  if (record == NULL)
    return TRUE;
  return _gloss_import_store_record (import->store, record, import->report, import->result, error);
}

/**
 * _gloss_import_read_prodigy:
 *
 * Imports a Prodigy JSONL file (or a JSON array of Prodigy tasks). Tasks
 * without `spans` are plain articles; a rejected or ignored task is imported
 * too, with its `answer` in `meta.prodigy`.
 */
gboolean
_gloss_import_read_prodigy (GlossStore               *store,
                            const char               *path,
                            const GlossImportOptions *options,
                            GlossReport              *report,
                            GlossImportResult        *result,
                            GCancellable             *cancellable,
                            GError                  **error)
{
  Import import = { store, options, report, result };

  return _gloss_import_foreach_json (path, options, report, cancellable, import_record, &import, error);
}

/* ---- Export --------------------------------------------------------------------------- */

typedef struct
{
  GString *line;
  guint    misaligned;      /* spans that do not start and end on token boundaries */
  guint    discontinuous;   /* spans written as one span per fragment */
} Target;

typedef struct
{
  const GlossRecord *record;
  GlossTextIndex    *index;
  GArray            *tokens;   /* GlossToken in text order, whitespace tokens included */
  GArray            *ws;       /* gboolean: one space after the token belongs to it */
  JsonArray         *given;    /* the tokens the document came with, or NULL */
  Target            *target;
  GString           *out;
} Writer;

static gunichar
char_at (GlossTextIndex *index,
         gint            offset)
{
  return g_utf8_get_char (gloss_text_index_get_text (index) + gloss_text_index_to_byte (index, offset));
}

static void
add_token (Writer   *w,
           gint      start,
           gint      end,
           gboolean  is_word)
{
  GlossToken token = { start, end, is_word };
  gboolean ws = FALSE;

  g_array_append_val (w->tokens, token);
  g_array_append_val (w->ws, ws);
}

/* Whitespace between two tokens as spaCy's tokenizer leaves it: one space
 * right after a token is that token's `ws`; any other whitespace is a token. */
static void
add_gap (Writer *w,
         gint    from,
         gint    to)
{
  if (from < to && w->tokens->len > 0 && char_at (w->index, from) == ' ')
    {
      g_array_index (w->ws, gboolean, w->ws->len - 1) = TRUE;
      from++;
    }
  if (from < to)
    add_token (w, from, to, FALSE);
}

/* Gloss's ICU word tokens, English clitics split off as spaCy's English
 * tokenizer splits them ("Uber", "’s"), with spaCy's whitespace tokens between
 * them, so that the tokens' texts, each followed by a space when `ws`, are
 * the text. */
static void
make_tokens (Writer     *w,
             JsonObject *meta)
{
  const char *text = gloss_text_index_get_text (w->index);
  g_autoptr(GArray) words = gloss_tokenize (text, -1, NULL);
  gint at = 0;

  gloss_tokenizer_split_clitics (words, text, _gloss_json_string (meta, "language"));

  for (guint i = 0; i < words->len; i++)
    {
      const GlossToken *word = &g_array_index (words, GlossToken, i);

      add_gap (w, at, word->start);
      add_token (w, word->start, word->end, word->is_word);
      at = word->end;
    }
  add_gap (w, at, gloss_text_index_get_length (w->index));
}

/* One token the document came with: {start, end} inside the text, after the
 * token before it, its `text` (when given) the text there. */
static gboolean
take_given_token (Writer     *w,
                  JsonNode   *node,
                  gint        after)
{
  const char *text = gloss_text_index_get_text (w->index);
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const char *stated;
  gint start, end;
  gsize from, to;

  if (object == NULL || !_gloss_json_int (object, "start", &start) || !_gloss_json_int (object, "end", &end)
      || start < after || end < start || end > gloss_text_index_get_length (w->index))
    return FALSE;
  from = gloss_text_index_to_byte (w->index, start);
  to = gloss_text_index_to_byte (w->index, end);
  stated = _gloss_json_string (object, "text");
  if (stated != NULL && (strlen (stated) != to - from || memcmp (stated, text + from, to - from) != 0))
    return FALSE;
  add_token (w, start, end, TRUE);
  if (json_object_has_member (object, "ws"))
    g_array_index (w->ws, gboolean, w->ws->len - 1) = json_object_get_boolean_member_with_default (object, "ws",
                                                                                                   FALSE);
  return TRUE;
}

/* The tokens an import kept (meta.prodigy.tokens) when they still fit the
 * text; a missing `ws` is true when a space follows that the next token
 * does not start with. */
static gboolean
take_given_tokens (Writer     *w,
                   JsonObject *meta)
{
  JsonNode *prodigy = json_object_get_member (meta, "prodigy");
  JsonNode *given = prodigy != NULL && JSON_NODE_HOLDS_OBJECT (prodigy)
                    ? json_object_get_member (json_node_get_object (prodigy), "tokens") : NULL;
  JsonArray *array = given != NULL && JSON_NODE_HOLDS_ARRAY (given) ? json_node_get_array (given) : NULL;
  gint length = gloss_text_index_get_length (w->index);

  if (array == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      gint end;

      if (!take_given_token (w, json_array_get_element (array, i),
                             i > 0 ? g_array_index (w->tokens, GlossToken, i - 1).end : 0))
        {
          g_array_set_size (w->tokens, 0);
          g_array_set_size (w->ws, 0);
          return FALSE;
        }
      end = g_array_index (w->tokens, GlossToken, i).end;
      if (!json_object_has_member (object, "ws") && end < length && char_at (w->index, end) == ' ')
        g_array_index (w->ws, gboolean, i) = TRUE;
      if (i > 0 && !json_object_has_member (json_array_get_object_element (array, i - 1), "ws")
          && g_array_index (w->tokens, GlossToken, i).start == g_array_index (w->tokens, GlossToken, i - 1).end)
        g_array_index (w->ws, gboolean, i - 1) = FALSE;
    }
  w->given = array;
  return TRUE;
}

/* The tokens [first, last] that a stretch overlaps; %FALSE when it does not
 * start and end on their boundaries. */
static gboolean
token_range (GArray *tokens,
             gint    start,
             gint    end,
             guint  *first,
             guint  *last)
{
  guint lo = 0, hi = tokens->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (tokens, GlossToken, mid).end <= start)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == tokens->len || g_array_index (tokens, GlossToken, lo).start >= end)
    {
      /* Only whitespace: the token after it, or the last one. */
      *first = *last = MIN (lo, tokens->len - 1);
      return FALSE;
    }
  *first = *last = lo;
  while (*last + 1 < tokens->len && g_array_index (tokens, GlossToken, *last + 1).start < end)
    (*last)++;
  return g_array_index (tokens, GlossToken, *first).start == start
         && g_array_index (tokens, GlossToken, *last).end == end;
}

/* A span, or a relation's head_span/child_span (no text, not counted again). */
static void
append_place (Writer     *w,
              gint        start,
              gint        end,
              const char *label,
              gboolean    as_span)
{
  guint first = 0, last = 0;

  if (!token_range (w->tokens, start, end, &first, &last) && as_span)
    w->target->misaligned++;
  g_string_append_printf (w->out, "{\"start\":%d,\"end\":%d,\"token_start\":%u,\"token_end\":%u,\"label\":",
                          start, end, first, last);
  gloss_json_append_string (w->out, label, -1);
  if (as_span)
    {
      gsize from = gloss_text_index_to_byte (w->index, start);

      g_string_append (w->out, ",\"text\":");
      gloss_json_append_string (w->out, gloss_text_index_get_text (w->index) + from,
                                gloss_text_index_to_byte (w->index, end) - from);
    }
  g_string_append_c (w->out, '}');
}

static void
append_given_token (Writer *w,
                    guint   i)
{
  g_autoptr(JsonNode) copy = json_node_copy (json_array_get_element (w->given, i));
  g_autofree char *json = NULL;

  if (!json_object_has_member (json_node_get_object (copy), "ws"))
    json_object_set_boolean_member (json_node_get_object (copy), "ws",
                                    g_array_index (w->ws, gboolean, i));
  json = gloss_json_node_to_string (copy);
  g_string_append (w->out, json);
}

static void
append_tokens (Writer *w)
{
  const char *text = gloss_text_index_get_text (w->index);

  g_string_append (w->out, ",\"tokens\":[");
  for (guint i = 0; i < w->tokens->len; i++)
    {
      const GlossToken *t = &g_array_index (w->tokens, GlossToken, i);
      gsize from = gloss_text_index_to_byte (w->index, t->start);
      gsize to = gloss_text_index_to_byte (w->index, t->end);

      if (i > 0)
        g_string_append_c (w->out, ',');
      if (w->given != NULL)
        {
          append_given_token (w, i);
          continue;
        }
      g_string_append (w->out, "{\"text\":");
      gloss_json_append_string (w->out, text + from, to - from);
      g_string_append_printf (w->out, ",\"start\":%d,\"end\":%d,\"id\":%u,\"ws\":%s}", t->start, t->end, i,
                              g_array_index (w->ws, gboolean, i) ? "true" : "false");
    }
  g_string_append_c (w->out, ']');
}

static gboolean
span_in_layer (GlossExportJob  *job,
               const GlossSpan *span)
{
  const GlossLabel *label;

  if (job->options->layer == NULL)
    return TRUE;
  label = gloss_store_lookup_label (job->store, span->label);
  return label != NULL && g_strcmp0 (label->layer, job->options->layer) == 0;
}

static void
append_spans (GlossExportJob *job,
              Writer         *w,
              GHashTable     *written)
{
  gboolean first = TRUE;

  g_string_append (w->out, ",\"spans\":[");
  for (guint i = 0; i < w->record->spans->len; i++)
    {
      const GlossSpan *span = g_ptr_array_index (w->record->spans, i);

      if (!span_in_layer (job, span))
        continue;
      g_hash_table_insert (written, span->id, (gpointer) span);
      if (span->fragments->len > 1)
        w->target->discontinuous++;
      for (guint j = 0; j < span->fragments->len; j++)
        {
          const GlossFragment *f = &g_array_index (span->fragments, GlossFragment, j);

          if (!first)
            g_string_append_c (w->out, ',');
          first = FALSE;
          append_place (w, f->start, f->end, span->label, TRUE);
        }
    }
  g_string_append_c (w->out, ']');
}

/* A relation end: Prodigy's token index is the span's last token. */
static void
append_end (Writer          *w,
            const char      *key,
            const GlossSpan *span)
{
  const GlossFragment *f = &g_array_index (span->fragments, GlossFragment, 0);
  guint first = 0, last = 0;

  token_range (w->tokens, f->start, f->end, &first, &last);
  g_string_append_printf (w->out, ",\"%s\":%u,\"%s_span\":", key, last, key);
  append_place (w, f->start, f->end, span->label, FALSE);
}

static void
append_relations (Writer     *w,
                  GHashTable *written)
{
  gboolean first = TRUE;

  for (guint i = 0; i < w->record->relations->len; i++)
    {
      const GlossRelation *r = g_ptr_array_index (w->record->relations, i);
      const GlossSpan *head = g_hash_table_lookup (written, r->from_id);
      const GlossSpan *child = g_hash_table_lookup (written, r->to_id);

      if (head == NULL || child == NULL)
        continue;
      g_string_append (w->out, first ? ",\"relations\":[{\"label\":" : ",{\"label\":");
      first = FALSE;
      gloss_json_append_string (w->out, r->type, -1);
      append_end (w, "head", head);
      append_end (w, "child", child);
      g_string_append_c (w->out, '}');
    }
  if (!first)
    g_string_append_c (w->out, ']');
}

/* The document's metadata as Prodigy's `meta`, without what Gloss keeps for
 * itself; Prodigy's own keys go back to the top level. */
static void
append_meta (Writer     *w,
             JsonObject *meta)
{
  g_autoptr(JsonObject) shown = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;
  JsonObject *prodigy = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  json_object_iter_init (&iter, meta);
  while (json_object_iter_next (&iter, &name, &value))
    if (g_str_equal (name, "prodigy") && JSON_NODE_HOLDS_OBJECT (value))
      prodigy = json_node_get_object (value);
    else if (!g_str_equal (name, "normalized"))
      json_object_set_member (shown, name, json_node_copy (value));

  node = json_node_init_object (json_node_alloc (), shown);
  json = gloss_json_node_to_string (node);
  g_string_append (w->out, ",\"meta\":");
  g_string_append (w->out, json);

  if (prodigy == NULL)
    return;
  json_object_iter_init (&iter, prodigy);
  while (json_object_iter_next (&iter, &name, &value))
    {
      g_autofree char *text = NULL;

      if (is_own_key (name) || g_str_equal (name, "answer"))
        continue;
      text = gloss_json_node_to_string (value);
      g_string_append_c (w->out, ',');
      gloss_json_append_string (w->out, name, -1);
      g_string_append_c (w->out, ':');
      g_string_append (w->out, text);
    }
}

static const char *
stored_answer (JsonObject *meta)
{
  JsonNode *prodigy = json_object_get_member (meta, "prodigy");
  const char *answer = NULL;

  if (prodigy != NULL && JSON_NODE_HOLDS_OBJECT (prodigy))
    answer = _gloss_json_string (json_node_get_object (prodigy), "answer");
  return answer != NULL ? answer : "accept";
}

static gboolean
write_record (GlossExportJob     *job,
              const GlossRecord  *record,
              gpointer            data,
              GError            **error)
{
  Target *target = data;
  const GlossDocument *document = record->document;
  g_autoptr(GlossTextIndex) index = gloss_text_index_new (document->text, -1);
  g_autoptr(GArray) tokens = g_array_new (FALSE, FALSE, sizeof (GlossToken));
  g_autoptr(GArray) ws = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autoptr(GHashTable) written = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonNode) meta = json_from_string (document->meta != NULL ? document->meta : "{}", NULL);
  g_autoptr(JsonObject) empty = json_object_new ();
  JsonObject *meta_object = meta != NULL && JSON_NODE_HOLDS_OBJECT (meta) ? json_node_get_object (meta) : empty;
  Writer w = { record, index, tokens, ws, NULL, target, target->line };

  if (!take_given_tokens (&w, meta_object))
    make_tokens (&w, meta_object);
  g_string_truncate (w.out, 0);
  g_string_append (w.out, "{\"text\":");
  gloss_json_append_string (w.out, document->text, -1);
  append_meta (&w, meta_object);
  g_string_append (w.out, ",\"id\":");
  gloss_json_append_string (w.out, document->id, -1);
  g_string_append (w.out, ",\"title\":");
  gloss_json_append_string (w.out, document->title, -1);
  append_tokens (&w);
  append_spans (job, &w, written);
  append_relations (&w, written);
  g_string_append (w.out, ",\"answer\":");
  gloss_json_append_string (w.out, stored_answer (meta_object), -1);
  g_string_append (w.out, "}\n");
  return _gloss_export_put (job, w.out->str, w.out->len, error);
}

static void
report_limits (GlossExportJob *job,
               const char     *path,
               const Target   *target)
{
  if (job->report == NULL || (target->misaligned == 0 && target->discontinuous == 0))
    return;
  gloss_report_set_location (job->report, path, 0);
  if (target->misaligned > 0)
    gloss_report_notice (job->report,
                         g_dngettext (GETTEXT_PACKAGE,
                                      "%u span does not start and end on token boundaries; its "
                                      "token_start and token_end are the tokens it overlaps",
                                      "%u spans do not start and end on token boundaries; their "
                                      "token_start and token_end are the tokens they overlap",
                                      target->misaligned), target->misaligned);
  if (target->discontinuous > 0)
    gloss_report_notice (job->report,
                         g_dngettext (GETTEXT_PACKAGE,
                                      "%u discontinuous span is written as one Prodigy span per fragment; "
                                      "its relations use its first fragment",
                                      "%u discontinuous spans are written as one Prodigy span per fragment; "
                                      "their relations use their first fragment",
                                      target->discontinuous), target->discontinuous);
  gloss_report_set_location (job->report, NULL, 0);
}

/**
 * _gloss_export_write_prodigy:
 *
 * Writes one Prodigy task a line: text, meta, tokens (those the task came
 * with, or Gloss's with spaCy's whitespace tokens), spans (one per fragment)
 * with inclusive token indices, relations in head/child form, and the task's
 * answer ("accept" unless Prodigy gave another).
 */
gboolean
_gloss_export_write_prodigy (GlossExportJob  *job,
                             GPtrArray       *documents,
                             const char      *path,
                             FILE            *stream,
                             GError         **error)
{
  g_autoptr(GString) line = g_string_sized_new (1 << 16);
  Target target = { line, 0, 0 };

  if (!_gloss_export_write_lines (job, documents, path, stream, NULL, NULL, write_record, &target, error))
    return FALSE;
  report_limits (job, path, &target);
  return TRUE;
}

/* The "## Format" and "## Loading" sections of the card of a `prodigy`
 * bundle; @files are its data files. */
void
_gloss_export_describe_prodigy (GString             *card,
                                GlossExportJob      *job,
                                const char * const  *files)
{
  g_string_append (card, "## Format\n\nspaCy/Prodigy JSONL, one task a line: `text`, `meta`, `tokens` "
                   "(`{text, start, end, id, ws}`: Gloss's ICU word tokens, with whitespace other "
                   "than one space after a token as a token of its own, as spaCy makes them, so "
                   "that `spacy.tokens.Doc(vocab, words, spaces)` rebuilds `text` exactly; a task "
                   "that came with tokens keeps them as they came), `spans` "
                   "(`{start, end, token_start, token_end, label, text}`, token indices inclusive), "
                   "`relations` in Prodigy's form (`head`/`child` are the last tokens of "
                   "`head_span`/`child_span`) and `answer`. A discontinuous span is one span per "
                   "fragment. Tasks that came from Prodigy keep their `_input_hash`, `_task_hash` "
                   "and `answer`.\n\n");
  g_string_append (card, "## Loading\n\n```sh\n");
  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autofree char *name = g_strndup (files[i], strcspn (files[i], "."));

      g_string_append_printf (card, "prodigy db-in gloss_%s %s\n", name, files[i]);
    }
  g_string_append (card, "```\n\nIn Python: `srsly.read_jsonl(\"data.jsonl\")`.\n");
}
