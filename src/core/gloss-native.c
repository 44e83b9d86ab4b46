/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-native"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gloss-json.h"
#include "gloss-native.h"

GlossRecord *
gloss_record_new (void)
{
  GlossRecord *record = g_new0 (GlossRecord, 1);

  record->spans = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_span_free);
  record->relations = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_relation_free);
  record->entities = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_entity_free);
  return record;
}

void
gloss_record_free (GlossRecord *record)
{
  if (record == NULL)
    return;

  gloss_document_free (record->document);
  g_clear_pointer (&record->spans, g_ptr_array_unref);
  g_clear_pointer (&record->relations, g_ptr_array_unref);
  g_clear_pointer (&record->entities, g_ptr_array_unref);
  g_free (record->annotator);
  g_free (record);
}

/* ---- Reading ------------------------------------------------------------------- */

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
member_int (JsonObject *object,
            const char *name,
            gint       *value)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  if (json_node_get_int (node) < 0 || json_node_get_int (node) > G_MAXINT)
    return FALSE;
  *value = (gint) json_node_get_int (node);
  return TRUE;
}

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
member_array (JsonObject *object,
              const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* Attribute values are strings, booleans or null; numbers become strings. */
static char *
attrs_to_string (JsonObject  *attrs,
                 GlossReport *report,
                 const char  *owner)
{
  g_autoptr(JsonObject) clean = json_object_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (attrs == NULL)
    return g_strdup ("{}");

  json_object_iter_init (&iter, attrs);
  while (json_object_iter_next (&iter, &name, &value))
    {
      GType type = JSON_NODE_HOLDS_VALUE (value) ? json_node_get_value_type (value) : G_TYPE_INVALID;

      if (JSON_NODE_HOLDS_NULL (value) || type == G_TYPE_STRING || type == G_TYPE_BOOLEAN)
        json_object_set_member (clean, name, json_node_copy (value));
      else if (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE)
        {
          g_autofree char *text = gloss_json_node_to_string (value);

          json_object_set_string_member (clean, name, text);
        }
      else
        gloss_report_problem (report, _("%s: attribute %s is not a string, boolean or null; left out"),
                              owner, name);
    }

  root = json_node_init_object (json_node_alloc (), clean);
  return gloss_json_node_to_string (root);
}

/* "from": the annotator spans a gold span was taken from, ["ana:s12", …]. */
static char *
read_origin (JsonObject  *object,
             GlossReport *report,
             const char  *owner)
{
  JsonNode *node = json_object_get_member (object, "from");
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  array = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        array = NULL;
    }
  if (array == NULL)
    {
      gloss_report_problem (report, _("%s: \"from\" must be a list of \"annotator:span id\" texts; "
                                      "the span is kept without it"), owner);
      return NULL;
    }
  return json_to_string (node, FALSE);
}

static GlossSpan *
read_span (JsonObject  *object,
           GlossReport *report,
           guint        index)
{
  g_autoptr(GlossSpan) span = NULL;
  g_autofree char *owner = NULL;
  const char *label = member_string (object, "label");
  JsonArray *fragments = member_array (object, "fragments");
  gint start, end;

  owner = member_string (object, "id") != NULL
          ? g_strdup_printf ("span %s", member_string (object, "id"))
          : g_strdup_printf ("span %u", index + 1);

  if (label == NULL || *label == '\0')
    {
      gloss_report_problem (report, _("%s: no label; skipped"), owner);
      return NULL;
    }

  span = gloss_span_new (label, 0, 0);
  span->id = g_strdup (member_string (object, "id"));
  for (guint i = 0; fragments != NULL && i < json_array_get_length (fragments); i++)
    {
      JsonArray *pair = json_array_get_array_element (fragments, i);
      JsonNode *s = pair && json_array_get_length (pair) == 2 ? json_array_get_element (pair, 0) : NULL;
      JsonNode *e = pair && json_array_get_length (pair) == 2 ? json_array_get_element (pair, 1) : NULL;

      if (s == NULL || e == NULL || json_node_get_value_type (s) != G_TYPE_INT64
          || json_node_get_value_type (e) != G_TYPE_INT64)
        {
          gloss_report_problem (report, _("%s: fragments must be [start, end] pairs of integers; "
                                          "skipped"), owner);
          return NULL;
        }
      gloss_span_add_fragment (span, (gint) json_node_get_int (s), (gint) json_node_get_int (e));
    }

  if (fragments == NULL)
    {
      if (!member_int (object, "start", &start) || !member_int (object, "end", &end))
        {
          gloss_report_problem (report, _("%s: no start and end, or not whole numbers; skipped"),
                                owner);
          return NULL;
        }
      gloss_span_add_fragment (span, start, end);
    }

  g_free (span->attrs);
  span->attrs = attrs_to_string (member_object (object, "attrs"), report, owner);
  span->annotator = g_strdup (member_string (object, "annotator"));
  span->note = g_strdup (member_string (object, "note"));
  span->origin = read_origin (object, report, owner);
  return g_steal_pointer (&span);
}

static GlossRelation *
read_relation (JsonObject  *object,
               GlossReport *report,
               guint        index)
{
  GlossRelation *relation;
  const char *type = member_string (object, "type");
  const char *from = member_string (object, "from_id");
  const char *to = member_string (object, "to_id");

  if (type == NULL || from == NULL || to == NULL)
    {
      gloss_report_problem (report, _("relation %s: needs type, from_id and to_id; skipped"),
                            member_string (object, "id") ? member_string (object, "id") : "");
      return NULL;
    }

  relation = gloss_relation_new (type, from, to);
  relation->id = g_strdup (member_string (object, "id"));
  g_free (relation->attrs);
  relation->attrs = attrs_to_string (member_object (object, "attrs"), report, "relation");
  relation->note = g_strdup (member_string (object, "note"));
  return relation;
}

static GlossEntity *
read_entity (JsonObject *object)
{
  GlossEntity *entity = gloss_entity_new (member_string (object, "name"));
  JsonArray *mentions = member_array (object, "mentions");

  entity->id = g_strdup (member_string (object, "id"));
  entity->type = g_strdup (member_string (object, "type"));
  entity->kb_id = g_strdup (member_string (object, "kb_id"));
  for (guint i = 0; mentions != NULL && i < json_array_get_length (mentions); i++)
    {
      const char *mention = json_array_get_string_element (mentions, i);

      if (mention != NULL)
        g_ptr_array_add (entity->mentions, g_strdup (mention));
    }
  return entity;
}

static char *
fragment_text (const GlossTextIndex *index,
               const GlossSpan      *span)
{
  GString *str = g_string_new (NULL);
  const char *text = gloss_text_index_get_text (index);

  for (guint i = 0; i < span->fragments->len; i++)
    {
      const GlossFragment *f = &g_array_index (span->fragments, GlossFragment, i);
      gsize from = gloss_text_index_to_byte (index, f->start);
      gsize to = gloss_text_index_to_byte (index, f->end);

      if (i > 0)
        g_string_append_c (str, ' ');
      g_string_append_len (str, text + from, to - from);
    }
  return g_string_free (str, FALSE);
}

/* A span that states its text must match the document there; a mismatch means
 * the offsets count something else (bytes, UTF-16 units) or the text changed. */
static gboolean
span_matches_text (const GlossTextIndex *index,
                   const GlossSpan      *span,
                   const char           *stated,
                   GlossReport          *report)
{
  gint length = gloss_text_index_get_length (index);
  g_autofree char *actual = NULL;

  for (guint i = 0; i < span->fragments->len; i++)
    {
      const GlossFragment *f = &g_array_index (span->fragments, GlossFragment, i);

      if (f->start < 0 || f->end <= f->start || f->end > length)
        {
          gloss_report_problem (report, _("span %s: offsets [%d, %d] are outside the text "
                                          "(%d code points); skipped"),
                                span->id ? span->id : "", f->start, f->end, length);
          return FALSE;
        }
    }

  if (stated == NULL)
    return TRUE;

  actual = fragment_text (index, span);
  if (g_str_equal (actual, stated))
    return TRUE;

  gloss_report_problem (report, _("span %s: its text “%s” is not the text at its offsets "
                                  "(“%s”); are the offsets code points? skipped"),
                        span->id ? span->id : "", stated, actual);
  return FALSE;
}

static int
compare_ints (gconstpointer a,
              gconstpointer b)
{
  gint x = *(const gint *) a, y = *(const gint *) b;

  return (x > y) - (x < y);
}

/* Normalises the text piece by piece between span boundaries, so that every
 * boundary has an exact place in the result. Gives the whole text's
 * normalisation unless a boundary splits a character from its combining mark,
 * where keeping the annotator's boundary wins. */
static char *
normalize_mapped (const char       *text,
                  GArray           *bounds,
                  GHashTable       *map,
                  GlossNormalized  *changed)
{
  g_autoptr(GlossTextIndex) index = gloss_text_index_new (text, -1);
  GString *out = g_string_new (NULL);
  gint out_chars = 0, previous = 0;
  gboolean after_cr = FALSE;

  *changed = GLOSS_NORMALIZED_NONE;
  g_array_sort (bounds, compare_ints);

  for (guint i = 0; i <= bounds->len; i++)
    {
      gint bound = i < bounds->len ? g_array_index (bounds, gint, i) : gloss_text_index_get_length (index);
      const char *p = text + gloss_text_index_to_byte (index, previous);
      const char *end = text + gloss_text_index_to_byte (index, bound);
      g_autofree char *nfc = NULL;
      GString *piece = g_string_new (NULL);

      if (previous == 0 && end - p >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
        {
          p += 3;
          *changed |= GLOSS_NORMALIZED_BOM;
        }
      for (; p < end; p++)
        {
          if (*p == '\n' && after_cr)
            after_cr = FALSE;
          else if (*p == '\r')
            {
              g_string_append_c (piece, '\n');
              *changed |= GLOSS_NORMALIZED_CRLF;
              after_cr = TRUE;
            }
          else
            {
              g_string_append_c (piece, *p);
              after_cr = FALSE;
            }
        }

      nfc = g_utf8_normalize (piece->str, piece->len, G_NORMALIZE_NFC);
      if (nfc != NULL && strcmp (nfc, piece->str) != 0)
        *changed |= GLOSS_NORMALIZED_NFC;
      g_string_append (out, nfc != NULL ? nfc : piece->str);
      out_chars += g_utf8_strlen (nfc != NULL ? nfc : piece->str, -1);
      g_string_free (piece, TRUE);

      if (i < bounds->len)
        g_hash_table_insert (map, GINT_TO_POINTER (bound), GINT_TO_POINTER (out_chars));
      previous = bound;
    }

  return g_string_free (out, FALSE);
}

static void
remap_spans (GPtrArray  *spans,
             GHashTable *map)
{
  for (guint i = 0; i < spans->len; i++)
    {
      GlossSpan *span = g_ptr_array_index (spans, i);

      for (guint j = 0; j < span->fragments->len; j++)
        {
          GlossFragment *f = &g_array_index (span->fragments, GlossFragment, j);

          f->start = GPOINTER_TO_INT (g_hash_table_lookup (map, GINT_TO_POINTER (f->start)));
          f->end = GPOINTER_TO_INT (g_hash_table_lookup (map, GINT_TO_POINTER (f->end)));
        }
    }
}

/**
 * gloss_native_ensure_label:
 * @layer: (nullable): the layer for a new label; "entity" when %NULL
 *
 * A label the project does not have yet joins its schema, in the layer the span
 * names, rather than losing the span. Importers of every format use it.
 *
 * Returns: %FALSE (with a problem reported) when the label cannot be added
 */
gboolean
gloss_native_ensure_label (GlossStore  *store,
                           const char  *name,
                           const char  *layer,
                           GlossReport *report)
{
  static const char * const palette[] = {
    "#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462", "#b3de69", "#fccde5",
  };
  g_autoptr(GlossLabel) label = NULL;
  g_autoptr(GError) error = NULL;

  if (gloss_store_lookup_label (store, name) != NULL)
    return TRUE;

  label = gloss_label_new ();
  label->name = g_strdup (name);
  label->layer = g_strdup (layer != NULL ? layer : "entity");
  label->kind = GLOSS_LABEL_KIND_ENTITY;
  label->color = g_strdup (palette[g_str_hash (name) % G_N_ELEMENTS (palette)]);
  if (!gloss_store_add_label (store, label, &error))
    {
      gloss_report_problem (report, _("label %s cannot be added: %s"), name, error->message);
      return FALSE;
    }
  gloss_report_notice (report, _("label %s is new to the project; added to layer %s"),
                       name, label->layer);
  return TRUE;
}

static void
read_spans (GlossStore  *store,
            GlossRecord *record,
            JsonArray   *array,
            const char  *text,
            GlossReport *report)
{
  g_autoptr(GlossTextIndex) index = gloss_text_index_new (text, -1);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      GlossSpan *span;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          gloss_report_problem (report, _("span %u is not an object; skipped"), i + 1);
          continue;
        }
      span = read_span (json_node_get_object (node), report, i);
      if (span == NULL)
        continue;
      if (!gloss_native_ensure_label (store, span->label,
                                      member_string (json_node_get_object (node), "layer"), report))
        {
          gloss_span_free (span);
          continue;
        }
      if (!span_matches_text (index, span, member_string (json_node_get_object (node), "text"), report))
        {
          gloss_span_free (span);
          continue;
        }
      g_ptr_array_add (record->spans, span);
    }
}

/* NFC joins a letter and its combining marks into one character: a boundary
 * between them has no place in the normalised text, so it moves past the marks
 * (the span keeps the whole character). */
static gint
past_combining_marks (const GlossTextIndex *index,
                      gint                  offset)
{
  const char *text = gloss_text_index_get_text (index);
  gint length = gloss_text_index_get_length (index);

  while (offset > 0 && offset < length
         && g_unichar_combining_class (g_utf8_get_char (text + gloss_text_index_to_byte (index, offset))) != 0)
    offset++;
  return offset;
}

/**
 * gloss_native_normalize_text:
 * @record: a record whose spans' offsets count code points in @raw
 * @raw: the text as read (valid UTF-8)
 * @changed: (out): what normalisation changed
 *
 * Normalises @raw (unless @keep_text) and moves the spans' offsets with it, so
 * that every importer of an annotated format maps offsets the same way.
 *
 * Returns: (transfer full): the text to store, or %NULL (empty, binary)
 */
char *
gloss_native_normalize_text (GlossRecord      *record,
           const char       *raw,
           gboolean          keep_text,
           GlossNormalized  *changed,
           GError          **error)
{
  g_autoptr(GArray) bounds = g_array_new (FALSE, FALSE, sizeof (gint));
  g_autoptr(GHashTable) map = g_hash_table_new (NULL, NULL);
  g_autoptr(GlossTextIndex) index = NULL;
  g_autofree char *checked = NULL;
  char *text;

  /* Refuses empty, binary (NUL) text; a JSON string is valid UTF-8 already. */
  checked = gloss_text_normalize (raw, strlen (raw), keep_text, changed, error);
  if (checked == NULL)
    return NULL;
  if (keep_text || *changed == GLOSS_NORMALIZED_NONE || record->spans->len == 0)
    return g_steal_pointer (&checked);

  index = gloss_text_index_new (raw, -1);
  for (guint i = 0; i < record->spans->len; i++)
    {
      GlossSpan *span = g_ptr_array_index (record->spans, i);

      for (guint j = 0; j < span->fragments->len; j++)
        {
          GlossFragment *f = &g_array_index (span->fragments, GlossFragment, j);

          f->start = past_combining_marks (index, f->start);
          f->end = past_combining_marks (index, f->end);
          g_array_append_val (bounds, f->start);
          g_array_append_val (bounds, f->end);
        }
    }

  text = normalize_mapped (raw, bounds, map, changed);
  remap_spans (record->spans, map);
  return text;
}

/**
 * gloss_native_meta:
 * @object: (nullable): a record with `meta` and/or flat `url`, `source`,
 *   `date`, `published`, `language`
 *
 * Returns: (transfer full): the document metadata as JSON, with
 *   `normalized` listing what normalisation changed
 */
char *
gloss_native_meta (JsonObject      *object,
           GlossNormalized  changed,
           gboolean         keep_text)
{
  JsonObject *given = member_object (object, "meta");
  g_autoptr(JsonObject) meta = json_object_new ();
  g_autoptr(JsonNode) root = NULL;
  static const struct { const char *flat; const char *key; } flat_keys[] = {
    { "url", "url" }, { "source", "source" }, { "date", "published" },
    { "published", "published" }, { "language", "language" },
  };

  if (given != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, given);
      while (json_object_iter_next (&iter, &name, &value))
        if (!g_str_equal (name, "normalized"))
          json_object_set_member (meta, name, json_node_copy (value));
    }

  for (guint i = 0; i < G_N_ELEMENTS (flat_keys); i++)
    {
      const char *value = member_string (object, flat_keys[i].flat);

      if (value != NULL && !json_object_has_member (meta, flat_keys[i].key))
        json_object_set_string_member (meta, flat_keys[i].key, value);
    }

  if (!keep_text)
    {
      JsonNode *earlier = given != NULL ? json_object_get_member (given, "normalized") : NULL;
      g_auto(GStrv) names = NULL;
      JsonArray *list = json_array_new ();

      /* What an earlier import changed still holds for a text exported and read
       * back: keep it with what this import changed. */
      for (guint i = 0; earlier != NULL && JSON_NODE_HOLDS_ARRAY (earlier)
                        && i < json_array_get_length (json_node_get_array (earlier)); i++)
        {
          const char *name = json_array_get_string_element (json_node_get_array (earlier), i);

          if (g_strcmp0 (name, "bom") == 0)
            changed |= GLOSS_NORMALIZED_BOM;
          else if (g_strcmp0 (name, "crlf") == 0)
            changed |= GLOSS_NORMALIZED_CRLF;
          else if (g_strcmp0 (name, "nfc") == 0)
            changed |= GLOSS_NORMALIZED_NFC;
        }
      names = gloss_text_normalized_to_strv (changed);
      for (guint i = 0; names[i] != NULL; i++)
        json_array_add_string_element (list, names[i]);
      json_object_set_array_member (meta, "normalized", list);
    }

  root = json_node_init_object (json_node_alloc (), meta);
  return gloss_json_node_to_string (root);
}

/**
 * gloss_native_read_record:
 * @object: one line of the native format, or a plain article (`text` with
 *   `meta` or flat `title`/`url`/`date`/`id`/`source`)
 * @given_text: (nullable): the text of a record written without it (found by
 *   its `text_sha256`); %NULL reads the record's `text`
 *
 * Bad spans and relations are reported and left out; a record without usable
 * text is an error. Derived `quotes` and `claims` are never read.
 *
 * Returns: (transfer full): the record, ready for gloss_store_add_document()
 */
/* The set a record belongs to: its "annotator", or else the one annotator
 * its spans name (files written before annotator sets). */
static char *
record_annotator (JsonObject *object,
                  GPtrArray  *spans)
{
  const char *named = member_string (object, "annotator");
  const char *common = NULL;

  if (named != NULL && *named != '\0')
    return g_strdup (named);
  for (guint i = 0; i < spans->len; i++)
    {
      const char *a = ((GlossSpan *) g_ptr_array_index (spans, i))->annotator;

      if (a == NULL || *a == '\0')
        continue;
      if (common != NULL && !g_str_equal (common, a))
        return NULL;
      common = a;
    }
  return g_strdup (common);
}

GlossRecord *
gloss_native_read_record (GlossStore   *store,
                          JsonObject   *object,
                          const char   *given_text,
                          gboolean      keep_text,
                          GlossReport  *report,
                          GError      **error)
{
  g_autoptr(GlossRecord) record = gloss_record_new ();
  JsonObject *offsets = member_object (object, "offsets");
  JsonArray *relations = member_array (object, "relations");
  JsonArray *entities = member_array (object, "entities");
  const char *raw = given_text != NULL ? given_text : member_string (object, "text");
  GlossNormalized changed = GLOSS_NORMALIZED_NONE;
  g_autofree char *text = NULL;

  if (raw == NULL && member_string (object, "text_sha256") != NULL && !json_object_has_member (object, "text"))
    {
      g_set_error_literal (error, GLOSS_TEXT_ERROR, GLOSS_TEXT_ERROR_EMPTY,
                           _("this record was exported without its text (--text omit): give --texts DIR, "
                             "a folder with the articles as .txt files"));
      return NULL;
    }
  if (raw == NULL)
    {
      g_set_error_literal (error, GLOSS_TEXT_ERROR, GLOSS_TEXT_ERROR_EMPTY,
                           _("no “text” string in this record"));
      return NULL;
    }

  keep_text = keep_text || g_strcmp0 (member_string (offsets, "normalization"), "none") == 0;
  read_spans (store, record, member_array (object, "spans"), raw, report);
  text = gloss_native_normalize_text (record, raw, keep_text, &changed, error);
  if (text == NULL)
    return NULL;

  for (guint i = 0; relations != NULL && i < json_array_get_length (relations); i++)
    {
      JsonObject *r = json_array_get_object_element (relations, i);
      GlossRelation *relation = r != NULL ? read_relation (r, report, i) : NULL;

      if (relation != NULL)
        g_ptr_array_add (record->relations, relation);
    }
  for (guint i = 0; entities != NULL && i < json_array_get_length (entities); i++)
    {
      JsonObject *e = json_array_get_object_element (entities, i);

      if (e != NULL)
        g_ptr_array_add (record->entities, read_entity (e));
    }

  record->document = gloss_native_document (object, g_steal_pointer (&text), keep_text,
                                             gloss_native_meta (object, changed, keep_text));
  record->annotator = record_annotator (object, record->spans);
  return g_steal_pointer (&record);
}

/**
 * gloss_native_document:
 * @object: a record with optional `id`, `title`, `status`
 * @text: (transfer full): the text to store
 * @meta: (transfer full): the metadata as JSON
 *
 * The document of an imported record, the same for every JSON format: the
 * title is the record's or the text's first line, the status the record's or new.
 *
 * Returns: (transfer full): the document
 */
GlossDocument *
gloss_native_document (JsonObject *object,
                       char       *text,
                       gboolean    keep_text,
                       char       *meta)
{
  GlossDocument *document = g_new0 (GlossDocument, 1);

  document->id = g_strdup (member_string (object, "id"));
  document->title = g_strdup (member_string (object, "title"));
  if (document->title == NULL || *document->title == '\0')
    {
      g_free (document->title);
      document->title = gloss_text_guess_title (text);
    }
  if (!gloss_status_from_string (member_string (object, "status"), &document->status))
    document->status = GLOSS_STATUS_NEW;
  document->meta = meta;
  document->keep_text = keep_text;
  document->text = text;
  return document;
}

/**
 * gloss_native_load_record:
 * @document: (transfer full): a document with its text
 * @relations: whether to read its relations (%FALSE when the project has none)
 * @entities: whether to read its entities
 *
 * Returns: (transfer full): the document and its annotations from the store
 */
GlossRecord *
gloss_native_load_record (GlossStore     *store,
                          GlossDocument  *document,
                          gboolean        relations,
                          gboolean        entities,
                          GError        **error)
{
  g_autoptr(GlossRecord) record = gloss_record_new ();

  record->document = document;
  record->annotator = gloss_store_get_set (store);

  g_clear_pointer (&record->spans, g_ptr_array_unref);
  record->spans = gloss_store_list_spans (store, document->rowid, error);
  if (record->spans == NULL)
    return NULL;

  if (relations)
    {
      g_clear_pointer (&record->relations, g_ptr_array_unref);
      record->relations = gloss_store_list_relations (store, document->rowid, error);
      if (record->relations == NULL)
        return NULL;
    }
  if (entities)
    {
      g_clear_pointer (&record->entities, g_ptr_array_unref);
      record->entities = gloss_store_list_entities (store, document->rowid, error);
      if (record->entities == NULL)
        return NULL;
    }

  return g_steal_pointer (&record);
}

/* ---- Writing ------------------------------------------------------------------- */

/* JSON string escaping on the hot path of every export: runs of plain bytes are
 * copied whole. UTF-8 passes through as it is. */
/* Bytes that JSON strings cannot hold as they are: controls, '"' and '\\'. */
static const guint8 needs_escape[256] = {
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
};

#define ONES  G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGHS G_GUINT64_CONSTANT (0x8080808080808080)

/* Whether any of the eight bytes at @p is below 0x20, '"' or '\\' (the
 * classic "has a zero byte" test on shifted words). */
static inline gboolean
word_needs_escape (const guchar *p)
{
  guint64 w, quote, backslash;

  memcpy (&w, p, 8);
  quote = w ^ (ONES * '"');
  backslash = w ^ (ONES * '\\');
  return ((((w - ONES * 0x20) & ~w)
           | ((quote - ONES) & ~quote)
           | ((backslash - ONES) & ~backslash)) & HIGHS) != 0;
}

static void
append_int (GString *out,
            gint     value)
{
  char digits[16];
  int n = 0;
  guint v = value < 0 ? (guint) -(gint64) value : (guint) value;

  if (value < 0)
    g_string_append_c (out, '-');
  do
    digits[n++] = '0' + v % 10;
  while ((v /= 10) > 0);
  while (n > 0)
    g_string_append_c (out, digits[--n]);
}

void
gloss_json_append_string (GString    *out,
                          const char *str,
                          gssize      length)
{
  static const char hex[] = "0123456789abcdef";
  const guchar *p = (const guchar *) str;
  const guchar *end, *run;

  if (str == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  end = p + (length < 0 ? strlen (str) : (gsize) length);
  run = p;
  g_string_append_c (out, '"');
  for (; p < end; p++)
    {
      guchar c;

      /* Skip eight plain bytes at a time (no control byte, quote or
       * backslash among them): articles are long and mostly plain. */
      while (p + 8 <= end && !word_needs_escape (p))
        p += 8;
      if (p >= end)
        break;
      c = *p;
      if (G_LIKELY (!needs_escape[c]))
        continue;

      g_string_append_len (out, (const char *) run, p - run);
      run = p + 1;
      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          g_string_append (out, "\\u00");
          g_string_append_c (out, hex[c >> 4]);
          g_string_append_c (out, hex[c & 15]);
        }
    }
  g_string_append_len (out, (const char *) run, p - run);
  g_string_append_c (out, '"');
}

typedef struct
{
  GlossStore           *store;
  const GlossRecord    *record;
  GlossTextIndex       *index;
  GHashTable           *spans;      /* id → GlossSpan, the spans written */
  GHashTable           *entity_of;  /* span id → entity id */
  GString              *out;
  gboolean              omit_text;  /* offsets only: a text the user may not redistribute */
} Writer;

static void
append_fragment_text (Writer          *w,
                      const GlossSpan *span)
{
  const char *text = gloss_text_index_get_text (w->index);

  if (span->fragments->len == 1)
    {
      const GlossFragment *f = &g_array_index (span->fragments, GlossFragment, 0);
      gsize from = gloss_text_index_to_byte (w->index, f->start);

      gloss_json_append_string (w->out, text + from, gloss_text_index_to_byte (w->index, f->end) - from);
    }
  else
    {
      g_autofree char *joined = fragment_text (w->index, span);

      gloss_json_append_string (w->out, joined, -1);
    }
}

static void
append_slice (Writer *w,
              gint    start,
              gint    end)
{
  gsize from = gloss_text_index_to_byte (w->index, start);

  g_string_append_printf (w->out, "{\"start\":%d,\"end\":%d", start, end);
  if (!w->omit_text)
    {
      g_string_append (w->out, ",\"text\":");
      gloss_json_append_string (w->out, gloss_text_index_get_text (w->index) + from,
                                gloss_text_index_to_byte (w->index, end) - from);
    }
  g_string_append_c (w->out, '}');
}

static void
append_span (Writer          *w,
             const GlossSpan *span)
{
  const GlossLabel *label = gloss_store_lookup_label (w->store, span->label);
  GString *out = w->out;

  g_string_append (out, "{\"id\":");
  gloss_json_append_string (out, span->id, -1);
  g_string_append (out, ",\"layer\":");
  gloss_json_append_string (out, label != NULL ? label->layer : "entity", -1);
  g_string_append (out, ",\"label\":");
  gloss_json_append_string (out, span->label, -1);
  g_string_append (out, ",\"start\":");
  append_int (out, gloss_span_get_start (span));
  g_string_append (out, ",\"end\":");
  append_int (out, gloss_span_get_end (span));
  g_string_append (out, ",\"fragments\":[");
  for (guint i = 0; i < span->fragments->len; i++)
    {
      const GlossFragment *f = &g_array_index (span->fragments, GlossFragment, i);

      g_string_append (out, i ? ",[" : "[");
      append_int (out, f->start);
      g_string_append_c (out, ',');
      append_int (out, f->end);
      g_string_append_c (out, ']');
    }
  g_string_append_c (out, ']');
  if (!w->omit_text)
    {
      g_string_append (out, ",\"text\":");
      append_fragment_text (w, span);
    }
  g_string_append (out, ",\"attrs\":");
  g_string_append (out, span->attrs != NULL ? span->attrs : "{}");
  g_string_append (out, ",\"annotator\":");
  gloss_json_append_string (out, span->annotator, -1);
  g_string_append (out, ",\"note\":");
  gloss_json_append_string (out, span->note, -1);
  if (span->origin != NULL)
    {
      g_string_append (out, ",\"from\":");
      g_string_append (out, span->origin);
    }
  g_string_append_c (out, '}');
}

static gboolean
relation_kept (Writer              *w,
               const GlossRelation *relation)
{
  return g_hash_table_contains (w->spans, relation->from_id)
      && g_hash_table_contains (w->spans, relation->to_id);
}

static void
append_relations (Writer *w)
{
  gboolean first = TRUE;

  g_string_append (w->out, ",\"relations\":[");
  for (guint i = 0; i < w->record->relations->len; i++)
    {
      const GlossRelation *r = g_ptr_array_index (w->record->relations, i);

      if (!relation_kept (w, r))
        continue;
      g_string_append (w->out, first ? "{\"id\":" : ",{\"id\":");
      first = FALSE;
      gloss_json_append_string (w->out, r->id, -1);
      g_string_append (w->out, ",\"type\":");
      gloss_json_append_string (w->out, r->type, -1);
      g_string_append (w->out, ",\"from_id\":");
      gloss_json_append_string (w->out, r->from_id, -1);
      g_string_append (w->out, ",\"to_id\":");
      gloss_json_append_string (w->out, r->to_id, -1);
      g_string_append (w->out, ",\"attrs\":");
      g_string_append (w->out, r->attrs != NULL ? r->attrs : "{}");
      g_string_append (w->out, ",\"note\":");
      gloss_json_append_string (w->out, r->note, -1);
      g_string_append_c (w->out, '}');
    }
  g_string_append_c (w->out, ']');
}

static void
append_entities (Writer *w)
{
  gboolean first = TRUE;

  g_string_append (w->out, ",\"entities\":[");
  for (guint i = 0; i < w->record->entities->len; i++)
    {
      const GlossEntity *e = g_ptr_array_index (w->record->entities, i);
      gboolean first_mention = TRUE;

      g_string_append (w->out, first ? "{\"id\":" : ",{\"id\":");
      first = FALSE;
      gloss_json_append_string (w->out, e->id, -1);
      g_string_append (w->out, ",\"name\":");
      gloss_json_append_string (w->out, e->name, -1);
      g_string_append (w->out, ",\"type\":");
      gloss_json_append_string (w->out, e->type, -1);
      g_string_append (w->out, ",\"kb_id\":");
      gloss_json_append_string (w->out, e->kb_id, -1);
      g_string_append (w->out, ",\"mentions\":[");
      for (guint j = 0; j < e->mentions->len; j++)
        {
          const char *mention = g_ptr_array_index (e->mentions, j);

          if (!g_hash_table_contains (w->spans, mention))
            continue;
          if (!first_mention)
            g_string_append_c (w->out, ',');
          first_mention = FALSE;
          gloss_json_append_string (w->out, mention, -1);
        }
      g_string_append (w->out, "]}");
    }
  g_string_append_c (w->out, ']');
}

static GlossLabelKind
span_kind (Writer          *w,
           const GlossSpan *span)
{
  const GlossLabel *label = gloss_store_lookup_label (w->store, span->label);

  return label != NULL ? label->kind : GLOSS_LABEL_KIND_ENTITY;
}

/* A pronoun speaker ("he said") stands for its antecedent: follow COREF links
 * from the mention to the named one. */
static const GlossSpan *
resolve_mention (Writer          *w,
                 const GlossSpan *span)
{
  for (guint hops = 0; hops < 16; hops++)
    {
      const GlossSpan *next = NULL;

      for (guint i = 0; i < w->record->relations->len && next == NULL; i++)
        {
          const GlossRelation *r = g_ptr_array_index (w->record->relations, i);

          if (g_str_equal (r->type, "COREF") && g_str_equal (r->from_id, span->id))
            next = g_hash_table_lookup (w->spans, r->to_id);
        }
      if (next == NULL)
        break;
      span = next;
    }
  return span;
}

static void
append_mention (Writer          *w,
                const GlossSpan *span)
{
  const GlossSpan *named = resolve_mention (w, span);
  const char *entity = g_hash_table_lookup (w->entity_of, named->id);

  if (entity == NULL)
    entity = g_hash_table_lookup (w->entity_of, span->id);

  g_string_append_printf (w->out, "{\"start\":%d,\"end\":%d",
                          gloss_span_get_start (named), gloss_span_get_end (named));
  if (!w->omit_text)
    {
      g_string_append (w->out, ",\"text\":");
      append_fragment_text (w, named);
    }
  g_string_append (w->out, ",\"entity\":");
  gloss_json_append_string (w->out, entity, -1);
  g_string_append_c (w->out, '}');
}

/* Appends the targets of @type relations from @span; returns how many. */
static guint
append_targets (Writer          *w,
                const GlossSpan *span,
                const char      *type,
                gboolean         as_mention,
                guint            limit)
{
  guint n = 0;

  for (guint i = 0; i < w->record->relations->len && n < limit; i++)
    {
      const GlossRelation *r = g_ptr_array_index (w->record->relations, i);
      const GlossSpan *target;

      if (!g_str_equal (r->type, type) || !g_str_equal (r->from_id, span->id)
          || (target = g_hash_table_lookup (w->spans, r->to_id)) == NULL)
        continue;
      if (n++ > 0)
        g_string_append_c (w->out, ',');
      if (as_mention)
        append_mention (w, target);
      else
        append_slice (w, gloss_span_get_start (target), gloss_span_get_end (target));
    }
  return n;
}

static void
append_contents (Writer          *w,
                 const GlossSpan *span)
{
  g_string_append (w->out, ",\"contents\":[");
  for (guint i = 0; i < span->fragments->len; i++)
    {
      const GlossFragment *f = &g_array_index (span->fragments, GlossFragment, i);

      if (i > 0)
        g_string_append_c (w->out, ',');
      append_slice (w, f->start, f->end);
    }
  g_string_append_c (w->out, ']');
}

static void
append_attr (GString    *out,
             JsonObject *attrs,
             const char *name)
{
  JsonNode *value = attrs != NULL ? json_object_get_member (attrs, name) : NULL;
  g_autofree char *text = value != NULL ? gloss_json_node_to_string (value) : NULL;

  g_string_append (out, text != NULL ? text : "null");
}

static void
append_quote (Writer          *w,
              const GlossSpan *span)
{
  g_autoptr(JsonNode) attrs = json_from_string (span->attrs, NULL);
  JsonObject *object = attrs != NULL && JSON_NODE_HOLDS_OBJECT (attrs) ? json_node_get_object (attrs) : NULL;

  g_string_append (w->out, "{\"id\":");
  gloss_json_append_string (w->out, span->id, -1);
  g_string_append (w->out, ",\"derived\":true,\"type\":");
  append_attr (w->out, object, "quote_type");
  append_contents (w, span);
  g_string_append (w->out, ",\"cue\":");
  if (append_targets (w, span, "CUE", FALSE, 1) == 0)
    g_string_append (w->out, "null");
  g_string_append (w->out, ",\"speakers\":[");
  append_targets (w, span, "SPEAKER", TRUE, G_MAXUINT);
  g_string_append (w->out, "]}");
}

static void
append_claim (Writer          *w,
              const GlossSpan *span)
{
  g_autoptr(JsonNode) attrs = json_from_string (span->attrs, NULL);
  JsonObject *object = attrs != NULL && JSON_NODE_HOLDS_OBJECT (attrs) ? json_node_get_object (attrs) : NULL;
  gboolean by_author = object != NULL
                       && json_object_get_boolean_member_with_default (object, "claimant_is_author", FALSE);
  const char *in_quote = NULL;

  for (guint i = 0; i < w->record->relations->len && in_quote == NULL; i++)
    {
      const GlossRelation *r = g_ptr_array_index (w->record->relations, i);

      if (g_str_equal (r->type, "IN_QUOTE") && g_str_equal (r->from_id, span->id) && relation_kept (w, r))
        in_quote = r->to_id;
    }

  g_string_append (w->out, "{\"id\":");
  gloss_json_append_string (w->out, span->id, -1);
  g_string_append (w->out, ",\"derived\":true");
  append_contents (w, span);
  g_string_append (w->out, ",\"claimants\":[");
  append_targets (w, span, "CLAIMANT", TRUE, G_MAXUINT);
  g_string_append_printf (w->out, "],\"claimant_is_author\":%s,\"in_quote\":",
                          by_author ? "true" : "false");
  gloss_json_append_string (w->out, in_quote, -1);
  g_string_append (w->out, ",\"attrs\":{\"checkworthiness\":");
  append_attr (w->out, object, "checkworthiness");
  g_string_append (w->out, ",\"verifiable\":");
  append_attr (w->out, object, "verifiable");
  g_string_append (w->out, ",\"claimant_stance\":");
  append_attr (w->out, object, "claimant_stance");
  g_string_append (w->out, ",\"verdict\":");
  append_attr (w->out, object, "verdict");
  g_string_append (w->out, "}}");
}

static void
append_derived (Writer         *w,
                const char     *key,
                GlossLabelKind  kind)
{
  gboolean first = TRUE;

  g_string_append_printf (w->out, ",\"%s\":[", key);
  for (guint i = 0; i < w->record->spans->len; i++)
    {
      const GlossSpan *span = g_ptr_array_index (w->record->spans, i);

      if (!g_hash_table_contains (w->spans, span->id) || span_kind (w, span) != kind)
        continue;
      if (!first)
        g_string_append_c (w->out, ',');
      first = FALSE;
      if (kind == GLOSS_LABEL_KIND_QUOTE)
        append_quote (w, span);
      else
        append_claim (w, span);
    }
  g_string_append_c (w->out, ']');
}

/* A title taken from the text's first line is the article's own words: a
 * text-less record leaves it empty, and import guesses it again from the text. */
static const char *
header_title (Writer *w)
{
  const GlossDocument *document = w->record->document;
  g_autofree char *guessed = NULL;

  if (!w->omit_text)
    return document->title;
  guessed = gloss_text_guess_title (document->text);
  return g_strcmp0 (guessed, document->title) == 0 ? "" : document->title;
}

static void
append_text (Writer *w)
{
  const GlossDocument *document = w->record->document;

  if (w->omit_text)
    {
      g_string_append (w->out, ",\"length\":");
      append_int (w->out, gloss_text_index_get_length (w->index));
    }
  else
    {
      g_string_append (w->out, ",\"text\":");
      gloss_json_append_string (w->out, document->text, -1);
    }
  g_string_append (w->out, ",\"text_sha256\":");
  gloss_json_append_string (w->out, document->text_sha256, -1);
}

static void
append_header (Writer *w)
{
  const GlossDocument *document = w->record->document;
  GString *out = w->out;

  g_string_append (out, "{\"id\":");
  gloss_json_append_string (out, document->id, -1);
  g_string_append (out, ",\"title\":");
  gloss_json_append_string (out, header_title (w), -1);
  g_string_append (out, ",\"status\":");
  gloss_json_append_string (out, gloss_status_to_string (document->status), -1);
  if (w->record->annotator != NULL)
    {
      g_string_append (out, ",\"annotator\":");
      gloss_json_append_string (out, w->record->annotator, -1);
    }
  g_string_append (out, ",\"meta\":");
  g_string_append (out, document->meta != NULL ? document->meta : "{}");
  if (document->keep_text)
    g_string_append (out, ",\"offsets\":{\"unit\":\"codepoint\",\"end\":\"exclusive\","
                          "\"normalization\":\"none\",\"newline\":\"as-is\"}");
  else
    g_string_append (out, ",\"offsets\":{\"unit\":\"codepoint\",\"end\":\"exclusive\","
                          "\"normalization\":\"NFC\",\"newline\":\"LF\"}");
  append_text (w);
}

/**
 * gloss_native_write_record:
 * @layer: (nullable): write only the spans of this layer (and the relations
 *   between them)
 * @omit_text: write `length` instead of `text`, and no text of spans, quotes
 *   or claims: offsets and `text_sha256` only (`export --text omit`)
 * @out: receives one line of the native format, with its newline
 */
void
gloss_native_write_record (GlossStore         *store,
                           const GlossRecord  *record,
                           const char         *layer,
                           gboolean            omit_text,
                           GString            *out)
{
  g_autoptr(GlossTextIndex) index = gloss_text_index_new (record->document->text, -1);
  g_autoptr(GHashTable) spans = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) entity_of = g_hash_table_new (g_str_hash, g_str_equal);
  Writer w = { store, record, index, spans, entity_of, out, omit_text };
  gboolean first = TRUE;

  for (guint i = 0; i < record->entities->len; i++)
    {
      const GlossEntity *e = g_ptr_array_index (record->entities, i);

      for (guint j = 0; j < e->mentions->len; j++)
        g_hash_table_insert (entity_of, g_ptr_array_index (e->mentions, j), e->id);
    }

  append_header (&w);
  g_string_append (out, ",\"spans\":[");
  for (guint i = 0; i < record->spans->len; i++)
    {
      const GlossSpan *span = g_ptr_array_index (record->spans, i);
      const GlossLabel *label = gloss_store_lookup_label (store, span->label);

      if (layer != NULL && (label == NULL || g_strcmp0 (label->layer, layer) != 0))
        continue;
      g_hash_table_insert (spans, span->id, (gpointer) span);
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      append_span (&w, span);
    }
  g_string_append_c (out, ']');

  append_relations (&w);
  append_entities (&w);
  append_derived (&w, "quotes", GLOSS_LABEL_KIND_QUOTE);
  append_derived (&w, "claims", GLOSS_LABEL_KIND_CLAIM);
  g_string_append (out, "}\n");
}
