/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-format-doccano"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gloss-json.h"
#include "gloss-export-private.h"
#include "gloss-import-private.h"

/* doccano JSONL: sequence labelling (`label`: [[start, end, "LABEL"], …]) and
 * relation projects (`entities` with start_offset/end_offset, `relations` with
 * from_id/to_id/type). doccano counts offsets in UTF-16 code units, the unit of
 * JavaScript strings: each character outside the BMP counts two. */

/* Keys this format reads itself; every other top-level key is metadata. */
static const char * const own_keys[] = {
  "text", "label", "labels", "entities", "relations", "meta", "id", "title", "status",
};

/* Top-level keys that doccano's import reads itself (its text, label and
 * relation columns, and the columns it adds to each row: a metadata key of
 * the same name would overwrite them) or that this format reads back. A
 * document's metadata under one of these names goes out nested in `meta`. */
static const char * const reserved_keys[] = {
  "text", "label", "labels", "entities", "relations", "meta", "id", "title", "status",
  "filename", "upload_name", "example_uuid", "#line_number", "cats",
};

/* Metadata that Gloss reads from the top level of a record (gloss_native_meta). */
static const char * const flat_keys[] = {
  "url", "source", "date", "published", "language",
};

static gboolean
is_in (const char         *name,
       const char * const *keys,
       guint               n_keys)
{
  for (guint i = 0; i < n_keys; i++)
    if (g_str_equal (keys[i], name))
      return TRUE;
  return FALSE;
}

/* An id as doccano writes it, a number or a string. */
static char *
id_to_string (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return NULL;
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
  gint           *to_codepoint;  /* UTF-16 offset → code point offset, -1 inside a pair */
  gint            u16_length;
  gboolean        astral;        /* the text has characters outside the BMP */
  GHashTable     *by_place;      /* "start:end:label" → GlossSpan */
  GHashTable     *entities;      /* doccano entity id → span id */
} Reader;

static void
reader_clear (Reader *reader)
{
  g_clear_pointer (&reader->to_codepoint, g_free);
  g_clear_pointer (&reader->by_place, g_hash_table_unref);
  g_clear_pointer (&reader->entities, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reader, reader_clear)

/* The code point offset of every UTF-16 offset of @text. */
static gint *
utf16_to_codepoints (const char *text,
                     gint       *u16_length,
                     gboolean   *astral)
{
  GArray *map = g_array_new (FALSE, FALSE, sizeof (gint));
  const gint between = -1;
  gint cp = 0;

  *astral = FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), cp++)
    {
      g_array_append_val (map, cp);
      if (g_utf8_get_char (p) > 0xFFFF)
        {
          g_array_append_val (map, between);
          *astral = TRUE;
        }
    }
  g_array_append_val (map, cp);
  *u16_length = map->len - 1;
  return (gint *) g_array_free (map, FALSE);
}

static gboolean
to_codepoints (Reader     *reader,
               const char *owner,
               gint        start16,
               gint        end16,
               gint       *start,
               gint       *end)
{
  if (start16 < 0 || end16 <= start16 || end16 > reader->u16_length)
    {
      gloss_report_problem (reader->report, _("%s: offsets [%d, %d] are outside the text (%d UTF-16 "
                                              "code units); skipped"),
                            owner, start16, end16, reader->u16_length);
      return FALSE;
    }
  *start = reader->to_codepoint[start16];
  *end = reader->to_codepoint[end16];
  if (*start < 0 || *end < 0)
    {
      gloss_report_problem (reader->report, _("%s: offset %d falls inside a character outside the BMP "
                                              "(between its two UTF-16 code units); skipped"),
                            owner, *start < 0 ? start16 : end16);
      return FALSE;
    }
  return TRUE;
}

/* Adds a span, or finds the same one (label and offsets) read before. */
static GlossSpan *
add_span (Reader     *reader,
          const char *owner,
          const char *label,
          gint        start,
          gint        end)
{
  g_autofree char *key = g_strdup_printf ("%d:%d:%s", start, end, label);
  GlossSpan *span = g_hash_table_lookup (reader->by_place, key);

  if (span != NULL)
    {
      gloss_report_notice (reader->report, _("%s: the same label and offsets as an earlier span; "
                                             "kept once"), owner);
      return span;
    }
  if (!gloss_native_ensure_label (reader->store, label, NULL, reader->report))
    return NULL;
  span = gloss_span_new (label, start, end);
  span->id = g_strdup_printf ("s%u", reader->record->spans->len + 1);
  g_ptr_array_add (reader->record->spans, span);
  g_hash_table_insert (reader->by_place, g_steal_pointer (&key), span);
  return span;
}

/* Sequence labelling: [start, end, "LABEL"]. */
static void
read_label (Reader   *reader,
            JsonNode *node,
            guint     index)
{
  g_autofree char *owner = g_strdup_printf (_("label %u"), index + 1);
  JsonArray *item = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  JsonNode *s, *e, *l;
  gint start, end;

  s = item != NULL && json_array_get_length (item) >= 3 ? json_array_get_element (item, 0) : NULL;
  e = s != NULL ? json_array_get_element (item, 1) : NULL;
  l = s != NULL ? json_array_get_element (item, 2) : NULL;
  if (s == NULL || !JSON_NODE_HOLDS_VALUE (s) || json_node_get_value_type (s) != G_TYPE_INT64
      || !JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_INT64
      || !JSON_NODE_HOLDS_VALUE (l) || json_node_get_value_type (l) != G_TYPE_STRING
      || *json_node_get_string (l) == '\0')
    {
      gloss_report_problem (reader->report, _("%s: not [start, end, label] with whole numbers and a "
                                              "label; skipped"), owner);
      return;
    }
  if (json_node_get_int (s) < G_MININT || json_node_get_int (s) > G_MAXINT
      || json_node_get_int (e) < G_MININT || json_node_get_int (e) > G_MAXINT)
    {
      gloss_report_problem (reader->report, _("%s: offsets out of range; skipped"), owner);
      return;
    }
  if (to_codepoints (reader, owner, json_node_get_int (s), json_node_get_int (e), &start, &end))
    add_span (reader, owner, json_node_get_string (l), start, end);
}

/* Relation projects: {"id", "label", "start_offset", "end_offset"}. */
static void
read_entity (Reader     *reader,
             JsonObject *object,
             guint       index)
{
  g_autofree char *id = id_to_string (json_object_get_member (object, "id"));
  g_autofree char *owner = id != NULL ? g_strdup_printf (_("entity %s"), id)
                                      : g_strdup_printf (_("entity %u"), index + 1);
  const char *label = _gloss_json_string (object, "label");
  gint start16, end16, start, end;
  GlossSpan *span;

  if (label == NULL || *label == '\0')
    {
      gloss_report_problem (reader->report, _("%s: no label; skipped"), owner);
      return;
    }
  if (!_gloss_json_int (object, "start_offset", &start16) || !_gloss_json_int (object, "end_offset", &end16))
    {
      gloss_report_problem (reader->report, _("%s: start_offset and end_offset must be whole numbers; "
                                              "skipped"), owner);
      return;
    }
  if (id != NULL && g_hash_table_contains (reader->entities, id))
    {
      gloss_report_problem (reader->report, _("%s: the id is used twice; skipped"), owner);
      return;
    }
  if (!to_codepoints (reader, owner, start16, end16, &start, &end)
      || (span = add_span (reader, owner, label, start, end)) == NULL)
    return;
  if (id != NULL)
    g_hash_table_insert (reader->entities, g_steal_pointer (&id), g_strdup (span->id));
}

static void
read_relation (Reader     *reader,
               JsonObject *object,
               guint       index)
{
  g_autofree char *id = id_to_string (json_object_get_member (object, "id"));
  g_autofree char *owner = id != NULL ? g_strdup_printf (_("relation %s"), id)
                                      : g_strdup_printf (_("relation %u"), index + 1);
  g_autofree char *from = id_to_string (json_object_get_member (object, "from_id"));
  g_autofree char *to = id_to_string (json_object_get_member (object, "to_id"));
  const char *type = _gloss_json_string (object, "type");
  const char *from_span, *to_span;
  GlossRelation *relation;

  if (type == NULL || *type == '\0' || from == NULL || to == NULL)
    {
      gloss_report_problem (reader->report, _("%s: needs type, from_id and to_id; skipped"), owner);
      return;
    }
  from_span = g_hash_table_lookup (reader->entities, from);
  to_span = g_hash_table_lookup (reader->entities, to);
  if (from_span == NULL || to_span == NULL)
    {
      gloss_report_problem (reader->report, _("%s: refers to entity %s, which is not in the document; "
                                              "skipped"), owner, from_span == NULL ? from : to);
      return;
    }
  relation = gloss_relation_new (type, from_span, to_span);
  relation->id = g_strdup_printf ("r%u", reader->record->relations->len + 1);
  g_ptr_array_add (reader->record->relations, relation);
}

static JsonArray *
member_list (Reader     *reader,
             JsonObject *object,
             const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      gloss_report_problem (reader->report, _("“%s” is not a list; left out"), name);
      return NULL;
    }
  return json_node_get_array (node);
}

static void
read_annotations (Reader     *reader,
                  JsonObject *object)
{
  const char *names[] = { "label", "labels" };
  JsonArray *list;

  for (guint n = 0; n < G_N_ELEMENTS (names); n++)
    if ((list = member_list (reader, object, names[n])) != NULL)
      for (guint i = 0; i < json_array_get_length (list); i++)
        read_label (reader, json_array_get_element (list, i), i);

  if ((list = member_list (reader, object, "entities")) != NULL)
    for (guint i = 0; i < json_array_get_length (list); i++)
      {
        if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (list, i)))
          read_entity (reader, json_array_get_object_element (list, i), i);
        else
          gloss_report_problem (reader->report, _("entity %u is not an object; skipped"), i + 1);
      }

  if ((list = member_list (reader, object, "relations")) != NULL)
    for (guint i = 0; i < json_array_get_length (list); i++)
      {
        if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (list, i)))
          read_relation (reader, json_array_get_object_element (list, i), i);
        else
          gloss_report_problem (reader->report, _("relation %u is not an object; skipped"), i + 1);
      }
}

/* doccano keeps a document's metadata in `meta` or, in newer exports, as
 * top-level keys; both become the document's metadata. A numeric id is
 * doccano's own and is kept as `doccano_id`. */
static char *
doccano_meta (JsonObject      *object,
              GlossNormalized  changed,
              gboolean         keep_text)
{
  g_autoptr(JsonObject) wrapper = json_object_new ();
  JsonObject *meta = json_object_new ();
  JsonNode *given = json_object_get_member (object, "meta");
  JsonNode *id = json_object_get_member (object, "id");
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
    {
      if (is_in (name, flat_keys, G_N_ELEMENTS (flat_keys)))
        json_object_set_member (wrapper, name, json_node_copy (value));
      else if (!is_in (name, own_keys, G_N_ELEMENTS (own_keys)))
        json_object_set_member (meta, name, json_node_copy (value));
    }
  if (id != NULL && JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_INT64)
    json_object_set_member (meta, "doccano_id", json_node_copy (id));

  json_object_set_object_member (wrapper, "meta", meta);
  return gloss_native_meta (wrapper, changed, keep_text);
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
  g_autofree char *id = id_to_string (json_object_get_member (object, "id"));
  char *text;

  if (raw == NULL)
    {
      gloss_report_problem (import->report, _("no “text” string in this record; skipped"));
      return NULL;
    }

  reader = (Reader) { import->store, import->report, record, NULL, 0, FALSE,
                      g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
                      g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free) };
  reader.to_codepoint = utf16_to_codepoints (raw, &reader.u16_length, &reader.astral);
  if (reader.astral && id != NULL)
    gloss_report_notice (import->report, _("document %s has characters outside the BMP; its doccano "
                                           "offsets were read as UTF-16 code units"), id);
  else if (reader.astral)
    gloss_report_notice (import->report, _("the document has characters outside the BMP; its doccano "
                                           "offsets were read as UTF-16 code units"));
  read_annotations (&reader, object);

  text = gloss_native_normalize_text (record, raw, import->options->keep_text, &changed, &error);
  if (text == NULL)
    {
      gloss_report_problem (import->report, _("%s; skipped"), error->message);
      return NULL;
    }

  record->document = gloss_native_document (object, text, import->options->keep_text,
                                             doccano_meta (object, changed, import->options->keep_text));
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
 * _gloss_import_read_doccano:
 *
 * Imports a doccano export: JSON Lines, or one JSON value (an array of
 * records, or one record pretty-printed over many lines).
 */
gboolean
_gloss_import_read_doccano (GlossStore               *store,
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
  GString    *line;
  const char *path;
  guint       discontinuous;
  gboolean    relation_form;  /* the whole file: entities/relations, not label */
} Target;

typedef struct
{
  GlossExportJob    *job;
  const GlossRecord *record;
  GString           *out;
  gint              *to_utf16;   /* code point offset → UTF-16 offset */
  GPtrArray         *spans;      /* the spans written */
  GHashTable        *entity_of;  /* span id → doccano entity id of its first fragment */
} Writer;

/* The UTF-16 offset of every code point offset of @text; %NULL when every
 * character is in the BMP and the two are the same. */
static gint *
codepoints_to_utf16 (const char *text)
{
  GArray *map = g_array_new (FALSE, FALSE, sizeof (gint));
  gboolean astral = FALSE;
  gint u16 = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      g_array_append_val (map, u16);
      u16 += g_utf8_get_char (p) > 0xFFFF ? 2 : 1;
      astral |= g_utf8_get_char (p) > 0xFFFF;
    }
  g_array_append_val (map, u16);
  if (!astral)
    {
      g_array_free (map, TRUE);
      return NULL;
    }
  return (gint *) g_array_free (map, FALSE);
}

static gint
utf16 (Writer *w,
       gint    offset)
{
  return w->to_utf16 != NULL ? w->to_utf16[offset] : offset;
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

/* The relations whose two spans are written. */
static GPtrArray *
kept_relations (Writer *w)
{
  g_autoptr(GHashTable) written = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *kept = g_ptr_array_new ();

  for (guint i = 0; i < w->spans->len; i++)
    g_hash_table_add (written, ((GlossSpan *) g_ptr_array_index (w->spans, i))->id);
  for (guint i = 0; i < w->record->relations->len; i++)
    {
      GlossRelation *r = g_ptr_array_index (w->record->relations, i);

      if (g_hash_table_contains (written, r->from_id) && g_hash_table_contains (written, r->to_id))
        g_ptr_array_add (kept, r);
    }
  return kept;
}

static void
append_labels (Writer *w)
{
  gboolean first = TRUE;

  g_string_append (w->out, ",\"label\":[");
  for (guint i = 0; i < w->spans->len; i++)
    {
      const GlossSpan *span = g_ptr_array_index (w->spans, i);

      for (guint j = 0; j < span->fragments->len; j++)
        {
          const GlossFragment *f = &g_array_index (span->fragments, GlossFragment, j);

          g_string_append_printf (w->out, "%s[%d,%d,", first ? "" : ",", utf16 (w, f->start), utf16 (w, f->end));
          gloss_json_append_string (w->out, span->label, -1);
          g_string_append_c (w->out, ']');
          first = FALSE;
        }
    }
  g_string_append_c (w->out, ']');
}

static void
append_entities (Writer    *w,
                 GPtrArray *relations)
{
  guint next = 0;

  g_string_append (w->out, ",\"entities\":[");
  for (guint i = 0; i < w->spans->len; i++)
    {
      const GlossSpan *span = g_ptr_array_index (w->spans, i);

      g_hash_table_insert (w->entity_of, span->id, GUINT_TO_POINTER (next));
      for (guint j = 0; j < span->fragments->len; j++, next++)
        {
          const GlossFragment *f = &g_array_index (span->fragments, GlossFragment, j);

          g_string_append_printf (w->out, "%s{\"id\":%u,\"label\":", next ? "," : "", next);
          gloss_json_append_string (w->out, span->label, -1);
          g_string_append_printf (w->out, ",\"start_offset\":%d,\"end_offset\":%d}",
                                  utf16 (w, f->start), utf16 (w, f->end));
        }
    }
  g_string_append (w->out, "],\"relations\":[");
  for (guint i = 0; i < relations->len; i++)
    {
      const GlossRelation *r = g_ptr_array_index (relations, i);

      g_string_append_printf (w->out, "%s{\"id\":%u,\"from_id\":%u,\"to_id\":%u,\"type\":", i ? "," : "", i,
                              GPOINTER_TO_UINT (g_hash_table_lookup (w->entity_of, r->from_id)),
                              GPOINTER_TO_UINT (g_hash_table_lookup (w->entity_of, r->to_id)));
      gloss_json_append_string (w->out, r->type, -1);
      g_string_append_c (w->out, '}');
    }
  g_string_append_c (w->out, ']');
}

static void
append_member (GString    *out,
               const char *name,
               JsonNode   *value)
{
  g_autofree char *json = gloss_json_node_to_string (value);

  gloss_json_append_string (out, name, -1);
  g_string_append_c (out, ':');
  g_string_append (out, json);
}

/* The document's metadata as top-level keys, as doccano writes and reads it;
 * the keys doccano or this format keep for themselves go in a nested `meta`
 * (doccano keeps it as one metadata value; Gloss reads it back). */
static void
append_meta (Writer              *w,
             const GlossDocument *document)
{
  g_autoptr(JsonNode) meta = json_from_string (document->meta != NULL ? document->meta : "{}", NULL);
  g_autoptr(GString) nested = g_string_new (NULL);
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (meta != NULL && JSON_NODE_HOLDS_OBJECT (meta))
    {
      json_object_iter_init (&iter, json_node_get_object (meta));
      while (json_object_iter_next (&iter, &name, &value))
        {
          GString *out = is_in (name, reserved_keys, G_N_ELEMENTS (reserved_keys)) ? nested : w->out;

          if (g_str_equal (name, "normalized"))
            continue;
          g_string_append_c (out, ',');
          append_member (out, name, value);
        }
    }
  g_string_append (w->out, ",\"title\":");
  gloss_json_append_string (w->out, document->title, -1);
  if (nested->len > 0)
    g_string_append_printf (w->out, ",\"meta\":{%s}", nested->str + 1);
}

/* Whether one relation of @document has both its spans written. */
static gboolean
has_written_relation (GlossExportJob       *job,
                      const GlossDocument  *document,
                      GError              **error)
{
  g_autoptr(GPtrArray) relations = gloss_store_list_relations (job->store, document->rowid, error);
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GHashTable) written = g_hash_table_new (g_str_hash, g_str_equal);

  if (relations == NULL || relations->len == 0 || job->options->layer == NULL)
    return relations != NULL && relations->len > 0;
  if ((spans = gloss_store_list_spans (job->store, document->rowid, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < spans->len; i++)
    if (span_in_layer (job, g_ptr_array_index (spans, i)))
      g_hash_table_add (written, ((GlossSpan *) g_ptr_array_index (spans, i))->id);
  for (guint i = 0; i < relations->len; i++)
    {
      const GlossRelation *r = g_ptr_array_index (relations, i);

      if (g_hash_table_contains (written, r->from_id) && g_hash_table_contains (written, r->to_id))
        return TRUE;
    }
  return FALSE;
}

/* doccano reads one record form per upload and drops the spans of records in
 * the other, so a file (and every part of a split) has one form: the relation
 * form as soon as one document the options select has a relation to write. */
static gboolean
uses_relation_form (GlossExportJob  *job,
                    gboolean        *form,
                    GError         **error)
{
  g_autoptr(GPtrArray) documents = NULL;

  *form = FALSE;
  if (!job->relations)
    return TRUE;
  if ((documents = gloss_store_list_documents (job->store, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < documents->len && !*form; i++)
    {
      const GlossDocument *document = g_ptr_array_index (documents, i);
      g_autoptr(GError) local = NULL;

      if (job->options->filter_status && document->status != job->options->status)
        continue;
      *form = has_written_relation (job, document, &local);
      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
    }
  return TRUE;
}

static void
notice_astral (Writer              *w,
               Target              *target,
               const GlossDocument *document)
{
  if (w->to_utf16 == NULL || w->job->report == NULL)
    return;
  gloss_report_set_location (w->job->report, target->path, 0);
  gloss_report_notice (w->job->report, _("document %s has characters outside the BMP; doccano offsets "
                                         "are UTF-16 code units"), document->id);
  gloss_report_set_location (w->job->report, NULL, 0);
}

static gboolean
write_record (GlossExportJob     *job,
              const GlossRecord  *record,
              gpointer            data,
              GError            **error)
{
  Target *target = data;
  const GlossDocument *document = record->document;
  g_autofree gint *to_utf16 = codepoints_to_utf16 (document->text);
  g_autoptr(GPtrArray) spans = g_ptr_array_new ();
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GHashTable) entity_of = g_hash_table_new (g_str_hash, g_str_equal);
  Writer w = { job, record, target->line, to_utf16, spans, entity_of };

  for (guint i = 0; i < record->spans->len; i++)
    {
      GlossSpan *span = g_ptr_array_index (record->spans, i);

      if (!span_in_layer (job, span))
        continue;
      g_ptr_array_add (spans, span);
      if (span->fragments->len > 1)
        target->discontinuous++;
    }
  relations = kept_relations (&w);
  notice_astral (&w, target, document);

  g_string_truncate (w.out, 0);
  g_string_append (w.out, "{\"id\":");
  gloss_json_append_string (w.out, document->id, -1);
  g_string_append (w.out, ",\"text\":");
  gloss_json_append_string (w.out, document->text, -1);
  if (target->relation_form)
    append_entities (&w, relations);
  else
    append_labels (&w);
  append_meta (&w, document);
  g_string_append (w.out, "}\n");
  return _gloss_export_put (job, w.out->str, w.out->len, error);
}

/**
 * _gloss_export_write_doccano:
 *
 * Writes one doccano record a line, offsets in UTF-16 code units, every
 * record in one form: the relation-project form (`entities`, `relations`)
 * when a document to write has relations, sequence labelling (`label`)
 * otherwise. A discontinuous span becomes one entity per fragment.
 */
gboolean
_gloss_export_write_doccano (GlossExportJob  *job,
                             GPtrArray       *documents,
                             const char      *path,
                             FILE            *stream,
                             GError         **error)
{
  g_autoptr(GString) line = g_string_sized_new (1 << 16);
  Target target = { line, path, 0, FALSE };

  if (!uses_relation_form (job, &target.relation_form, error)
      || !_gloss_export_write_lines (job, documents, path, stream, NULL, NULL, write_record, &target, error))
    return FALSE;
  if (target.discontinuous > 0 && job->report != NULL)
    {
      gloss_report_set_location (job->report, path, 0);
      gloss_report_notice (job->report,
                           g_dngettext (GETTEXT_PACKAGE,
                                        "%u discontinuous span is written as one doccano span per "
                                        "fragment; its relations use its first fragment",
                                        "%u discontinuous spans are written as one doccano span per "
                                        "fragment; their relations use their first fragment",
                                        target.discontinuous), target.discontinuous);
      gloss_report_set_location (job->report, NULL, 0);
    }
  return TRUE;
}

/* The "## Format" and "## Loading" sections of the card of a `doccano`
 * bundle; @files are its data files. */
void
_gloss_export_describe_doccano (GString             *card,
                                GlossExportJob      *job,
                                const char * const  *files)
{
  gboolean relation_form = FALSE;

  uses_relation_form (job, &relation_form, NULL);
  g_string_append (card, "## Format\n\ndoccano JSONL, one document a line. **Offsets here are UTF-16 "
                   "code units**, doccano's unit: a character outside the BMP (most emoji, rare CJK) "
                   "counts two. ");
  if (relation_form)
    g_string_append (card, "Every record is in the relation-extraction form (`entities` with `id`, "
                     "`label`, `start_offset`, `end_offset`; `relations` with `id`, `from_id`, "
                     "`to_id`, `type`; entity ids count from 0 in each record), since some documents "
                     "have relations and doccano reads one form per upload. ");
  else
    g_string_append (card, "Every record is in the sequence-labelling form (`label`: "
                     "`[[start, end, \"LABEL\"], …]`). ");
  g_string_append (card, "A discontinuous span is one entity per fragment. The document's metadata "
                   "are top-level keys, as doccano reads them, except those named like a column "
                   "doccano fills itself (`text`, `label`, `entities`, `relations`, `filename`, "
                   "`upload_name`, `example_uuid`, …) or that this format reads (`id`, `title`, "
                   "`status`, `meta`): those are nested in a `meta` object.\n\n");
  g_string_append (card, "## Loading\n\nIn doccano, create a *Sequence Labeling* project with these "
                   "settings:\n\n- **Allow overlapping spans**: on. Gloss spans may nest and overlap "
                   "(a name inside a quote); with doccano's default, its import drops every span that "
                   "overlaps an earlier one");
  if (relation_form)
    g_string_append (card, " and then fails on the relations that point at them.\n"
                     "- **Use relation labels**: on, so that the *JSONL(Relation)* import format is "
                     "offered.\n\nImport ");
  else
    g_string_append (card, ".\n\nImport ");
  for (guint i = 0; files[i] != NULL; i++)
    g_string_append_printf (card, "%s`%s`", i ? ", " : "", files[i]);
  if (relation_form)
    g_string_append (card, " with the file format *JSONL(Relation)*.\n");
  else
    g_string_append (card, " with the file format *JSONL*, column for text `text`, column for label "
                     "`label`.\n");
}
