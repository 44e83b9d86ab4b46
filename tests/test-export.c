/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The native export's promises, checked on every line it writes: offsets are
 * code points that slice the text to each span's `text`, whatever the script;
 * derived quotes and claims point at the right words; --layer never leaves a
 * relation or mention dangling. */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "gloss-export.h"
#include "gloss-import.h"
#include "gloss-store.h"

typedef struct
{
  char       *dir;
  GlossStore *store;
  guint       n_files;
} Fixture;

/* ---- Fixture ------------------------------------------------------------------ */

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("gloss-test-export-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "project.gloss", NULL);
  f->store = gloss_store_open (path, GLOSS_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->dir);
}

static void
on_report (GlossReportKind  kind,
           const char      *message,
           gpointer         user_data)
{
  g_test_message ("%s: %s", kind == GLOSS_REPORT_PROBLEM ? "problem" : "notice", message);
}

/* ---- Putting documents in --------------------------------------------------------- */

/* The code-point offset of the @nth occurrence of @needle in @text. */
static gint
offset_of (const char *text,
           const char *needle,
           guint       nth)
{
  const char *p = strstr (text, needle);

  for (guint i = 0; p != NULL && i < nth; i++)
    p = strstr (p + 1, needle);
  g_assert_nonnull (p);
  return g_utf8_pointer_to_offset (text, p);
}

static GlossSpan *
span_on (const char *text,
         const char *id,
         const char *label,
         const char *needle,
         guint       nth)
{
  gint start = offset_of (text, needle, nth);
  GlossSpan *span = gloss_span_new (label, start, start + g_utf8_strlen (needle, -1));

  span->id = g_strdup (id);
  return span;
}

static void
add_fragment_on (GlossSpan  *span,
                 const char *text,
                 const char *needle,
                 guint       nth)
{
  gint start = offset_of (text, needle, nth);

  gloss_span_add_fragment (span, start, start + g_utf8_strlen (needle, -1));
}

static GlossRelation *
relation (const char *id,
          const char *type,
          const char *from,
          const char *to)
{
  GlossRelation *r = gloss_relation_new (type, from, to);

  r->id = g_strdup (id);
  return r;
}

static GlossEntity *
entity (const char *id,
        const char *name,
        const char *type,
        const char *kb_id,
        ...)
{
  GlossEntity *e = gloss_entity_new (name);
  va_list ap;

  e->id = g_strdup (id);
  e->type = g_strdup (type);
  e->kb_id = g_strdup (kb_id);
  va_start (ap, kb_id);
  for (const char *m = va_arg (ap, const char *); m != NULL; m = va_arg (ap, const char *))
    g_ptr_array_add (e->mentions, g_strdup (m));
  va_end (ap);
  return e;
}

static GPtrArray *
new_spans (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_span_free);
}

static GPtrArray *
new_relations (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_relation_free);
}

static GPtrArray *
new_entities (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_entity_free);
}

/* Stores an (already normalised) text with its annotations; nothing may be skipped. */
static void
add_document (Fixture    *f,
              const char *id,
              const char *text,
              GPtrArray  *spans,
              GPtrArray  *relations,
              GPtrArray  *entities)
{
  g_autoptr(GlossReport) report = gloss_report_new (on_report, NULL);
  g_autoptr(GlossDocument) document = g_new0 (GlossDocument, 1);
  g_autoptr(GError) error = NULL;

  document->id = g_strdup (id);
  document->title = g_strdup (id);
  document->meta = g_strdup ("{}");
  document->text = g_strdup (text);
  gloss_store_add_document (f->store, document, spans, relations, entities, report, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_report_count (report, GLOSS_REPORT_PROBLEM), ==, 0);
  g_assert_cmpstr (document->id, ==, id);
}

/* Imports @contents as a file, the way gloss-cli does. */
static void
import_file (Fixture    *f,
             const char *name,
             const char *contents,
             gssize      length,
             gboolean    keep_text)
{
  g_autoptr(GlossReport) report = gloss_report_new (on_report, NULL);
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  GlossImportOptions options = { NULL, NULL, keep_text, NULL, NULL, NULL };
  GlossImportResult result = { 0 };

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  gloss_import_path (f->store, path, &options, report, &result, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_report_count (report, GLOSS_REPORT_PROBLEM), ==, 0);
  g_assert_cmpuint (result.imported, ==, 1);
  g_assert_nonnull (result.first_id);
  g_free (result.first_id);
}

/* ---- Checking what comes out ---------------------------------------------------------- */

static char *
slice (const char *text,
       gint64      start,
       gint64      end)
{
  const char *from = g_utf8_offset_to_pointer (text, start);
  const char *to = g_utf8_offset_to_pointer (text, end);

  return g_strndup (from, to - from);
}

static gint64
pair_element (JsonArray *pair,
              guint      i)
{
  JsonNode *node = json_array_get_element (pair, i);

  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  g_assert_true (json_node_get_value_type (node) == G_TYPE_INT64);
  return json_node_get_int (node);
}

/* {start, end, text} slices the text. */
static void
check_extent (const char *text,
              glong       n_chars,
              JsonObject *extent)
{
  gint64 start = json_object_get_int_member (extent, "start");
  gint64 end = json_object_get_int_member (extent, "end");
  g_autofree char *expected = NULL;

  g_assert_cmpint (0, <=, start);
  g_assert_cmpint (start, <, end);
  g_assert_cmpint (end, <=, n_chars);
  expected = slice (text, start, end);
  g_assert_cmpstr (json_object_get_string_member (extent, "text"), ==, expected);
}

static JsonObject *
find_by_id (JsonArray  *array,
            const char *id)
{
  for (guint i = 0; id != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (object, "id"), id) == 0)
        return object;
    }
  return NULL;
}

static void
check_span (const char *text,
            glong       n_chars,
            JsonObject *span)
{
  static const char * const members[] = {
    "id", "layer", "label", "start", "end", "fragments", "text", "attrs", "annotator", "note",
  };
  JsonArray *fragments = json_object_get_array_member (span, "fragments");
  g_autoptr(GString) joined = g_string_new (NULL);
  gint64 previous_end = 0, first = -1, last = -1;

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    g_assert_true (json_object_has_member (span, members[i]));
  g_assert_cmpuint (json_array_get_length (fragments), >, 0);

  for (guint i = 0; i < json_array_get_length (fragments); i++)
    {
      JsonArray *pair = json_array_get_array_element (fragments, i);
      gint64 start, end;
      g_autofree char *piece = NULL;

      g_assert_cmpuint (json_array_get_length (pair), ==, 2);
      start = pair_element (pair, 0);
      end = pair_element (pair, 1);
      g_assert_cmpint (start, >=, previous_end);
      g_assert_cmpint (start, <, end);
      g_assert_cmpint (end, <=, n_chars);
      piece = slice (text, start, end);
      if (i > 0)
        g_string_append_c (joined, ' ');
      g_string_append (joined, piece);
      if (first < 0)
        first = start;
      last = previous_end = end;
    }

  g_assert_cmpint (json_object_get_int_member (span, "start"), ==, first);
  g_assert_cmpint (json_object_get_int_member (span, "end"), ==, last);
  g_assert_cmpstr (json_object_get_string_member (span, "text"), ==, joined->str);
  if (json_array_get_length (fragments) == 1)
    {
      g_autofree char *whole = slice (text, first, last);

      g_assert_cmpstr (json_object_get_string_member (span, "text"), ==, whole);
    }
}

static void
check_quote (const char *text,
             glong       n_chars,
             JsonObject *record,
             JsonObject *quote)
{
  JsonArray *spans = json_object_get_array_member (record, "spans");
  JsonArray *entities = json_object_get_array_member (record, "entities");
  JsonObject *span = find_by_id (spans, json_object_get_string_member (quote, "id"));
  JsonArray *contents = json_object_get_array_member (quote, "contents");
  JsonArray *fragments;
  JsonArray *speakers = json_object_get_array_member (quote, "speakers");

  g_assert_nonnull (span);
  g_assert_true (json_object_get_boolean_member (quote, "derived"));
  fragments = json_object_get_array_member (span, "fragments");
  g_assert_cmpuint (json_array_get_length (contents), ==, json_array_get_length (fragments));
  for (guint i = 0; i < json_array_get_length (contents); i++)
    {
      JsonObject *content = json_array_get_object_element (contents, i);
      JsonArray *pair = json_array_get_array_element (fragments, i);

      check_extent (text, n_chars, content);
      g_assert_cmpint (json_object_get_int_member (content, "start"), ==, pair_element (pair, 0));
      g_assert_cmpint (json_object_get_int_member (content, "end"), ==, pair_element (pair, 1));
    }
  if (!json_object_get_null_member (quote, "cue"))
    check_extent (text, n_chars, json_object_get_object_member (quote, "cue"));
  for (guint i = 0; i < json_array_get_length (speakers); i++)
    {
      JsonObject *speaker = json_array_get_object_element (speakers, i);

      check_extent (text, n_chars, speaker);
      if (!json_object_get_null_member (speaker, "entity"))
        g_assert_nonnull (find_by_id (entities, json_object_get_string_member (speaker, "entity")));
    }
}

static void
check_claim (const char *text,
             glong       n_chars,
             JsonObject *record,
             JsonObject *claim)
{
  JsonArray *spans = json_object_get_array_member (record, "spans");
  JsonArray *contents = json_object_get_array_member (claim, "contents");
  JsonArray *claimants = json_object_get_array_member (claim, "claimants");

  g_assert_nonnull (find_by_id (spans, json_object_get_string_member (claim, "id")));
  for (guint i = 0; i < json_array_get_length (contents); i++)
    check_extent (text, n_chars, json_array_get_object_element (contents, i));
  for (guint i = 0; i < json_array_get_length (claimants); i++)
    check_extent (text, n_chars, json_array_get_object_element (claimants, i));
  if (!json_object_get_null_member (claim, "in_quote"))
    g_assert_nonnull (find_by_id (spans, json_object_get_string_member (claim, "in_quote")));
  g_assert_true (json_object_has_member (json_object_get_object_member (claim, "attrs"), "checkworthiness"));
}

/* Every invariant of one exported line that does not depend on what was annotated. */
static void
check_record (JsonObject *record)
{
  const char *text = json_object_get_string_member (record, "text");
  JsonObject *offsets = json_object_get_object_member (record, "offsets");
  JsonArray *spans = json_object_get_array_member (record, "spans");
  JsonArray *relations = json_object_get_array_member (record, "relations");
  JsonArray *entities = json_object_get_array_member (record, "entities");
  JsonArray *quotes = json_object_get_array_member (record, "quotes");
  JsonArray *claims = json_object_get_array_member (record, "claims");
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *sha = NULL;
  glong n_chars;

  g_assert_nonnull (text);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  n_chars = g_utf8_strlen (text, -1);
  sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  g_assert_cmpstr (json_object_get_string_member (record, "text_sha256"), ==, sha);
  g_assert_cmpstr (json_object_get_string_member (offsets, "unit"), ==, "codepoint");
  g_assert_cmpstr (json_object_get_string_member (offsets, "end"), ==, "exclusive");
  if (g_str_equal (json_object_get_string_member (offsets, "normalization"), "NFC"))
    {
      g_autofree char *nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);

      g_assert_cmpstr (text, ==, nfc);
      g_assert_null (strchr (text, '\r'));
      g_assert_false (g_str_has_prefix (text, "\xef\xbb\xbf"));
    }

  for (guint i = 0; i < json_array_get_length (spans); i++)
    {
      JsonObject *span = json_array_get_object_element (spans, i);

      check_span (text, n_chars, span);
      g_assert_true (g_hash_table_add (ids, (gpointer) json_object_get_string_member (span, "id")));
    }
  for (guint i = 0; i < json_array_get_length (relations); i++)
    {
      JsonObject *r = json_array_get_object_element (relations, i);

      g_assert_true (g_hash_table_contains (ids, json_object_get_string_member (r, "from_id")));
      g_assert_true (g_hash_table_contains (ids, json_object_get_string_member (r, "to_id")));
      g_assert_true (json_object_has_member (r, "note"));
    }
  for (guint i = 0; i < json_array_get_length (entities); i++)
    {
      JsonArray *mentions = json_object_get_array_member (json_array_get_object_element (entities, i), "mentions");

      for (guint j = 0; j < json_array_get_length (mentions); j++)
        g_assert_true (g_hash_table_contains (ids, json_array_get_string_element (mentions, j)));
    }
  for (guint i = 0; i < json_array_get_length (quotes); i++)
    check_quote (text, n_chars, record, json_array_get_object_element (quotes, i));
  for (guint i = 0; i < json_array_get_length (claims); i++)
    check_claim (text, n_chars, record, json_array_get_object_element (claims, i));
}

static char *
export_to_string (Fixture                  *f,
                  const GlossExportOptions *options,
                  GlossExportResult        *result)
{
  g_autoptr(GlossReport) report = gloss_report_new (on_report, NULL);
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  size_t size = 0;
  FILE *stream = open_memstream (&buffer, &size);
  gboolean ok;

  g_assert_nonnull (stream);
  ok = gloss_export (f->store, options, stream, report, result, NULL, &error);
  g_assert_cmpint (fclose (stream), ==, 0);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpuint (strlen (buffer), ==, size);
  return buffer;
}

/* Exports as JSON Lines (only @layer's spans, when given), checks every line. */
static GPtrArray *
export_records (Fixture    *f,
                const char *layer)
{
  GlossExportOptions options = { .format = "jsonl", .layer = layer };
  g_autofree char *out = export_to_string (f, &options, NULL);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

  g_assert_true (*out == '\0' || g_str_has_suffix (out, "\n"));
  for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;

      json_parser_load_from_data (parser, lines[i], -1, &error);
      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
      check_record (json_node_get_object (json_parser_get_root (parser)));
      g_ptr_array_add (records, json_node_copy (json_parser_get_root (parser)));
    }
  return records;
}

static JsonObject *
record_at (GPtrArray *records,
           guint      i)
{
  g_assert_cmpuint (i, <, records->len);
  return json_node_get_object (g_ptr_array_index (records, i));
}

static JsonObject *
span_of (JsonObject *record,
         const char *id)
{
  JsonObject *span = find_by_id (json_object_get_array_member (record, "spans"), id);

  g_assert_nonnull (span);
  return span;
}

static void
assert_span (JsonObject *record,
             const char *id,
             gint64      start,
             gint64      end,
             const char *text)
{
  JsonObject *span = span_of (record, id);

  g_test_message ("span %s", id);
  g_assert_cmpint (json_object_get_int_member (span, "start"), ==, start);
  g_assert_cmpint (json_object_get_int_member (span, "end"), ==, end);
  g_assert_cmpstr (json_object_get_string_member (span, "text"), ==, text);
}

static void
assert_extent (JsonObject *extent,
               gint64      start,
               gint64      end,
               const char *text)
{
  g_assert_nonnull (extent);
  g_assert_cmpint (json_object_get_int_member (extent, "start"), ==, start);
  g_assert_cmpint (json_object_get_int_member (extent, "end"), ==, end);
  g_assert_cmpstr (json_object_get_string_member (extent, "text"), ==, text);
}

/* ---- Offsets in every script ---------------------------------------------------------------- */

static void
test_offsets_emoji (Fixture       *f,
                    gconstpointer  data)
{
  const char *text = "Emoji 😀👍🏽 and Putin 👍🏽.";
  g_autoptr(GPtrArray) spans = new_spans ();
  g_autoptr(GPtrArray) records = NULL;
  JsonObject *record;

  g_ptr_array_add (spans, span_on (text, "grin", "PRODUCT", "😀", 0));
  g_ptr_array_add (spans, span_on (text, "thumb", "PRODUCT", "👍🏽", 0));
  g_ptr_array_add (spans, span_on (text, "both", "EVENT", "😀👍🏽", 0));
  g_ptr_array_add (spans, span_on (text, "putin", "PERSON", "Putin", 0));
  g_ptr_array_add (spans, span_on (text, "thumb2", "PRODUCT", "👍🏽.", 0));
  add_document (f, "emoji", text, spans, NULL, NULL);

  records = export_records (f, NULL);
  record = record_at (records, 0);
  /* Code points: the emoji is one, the thumb with its skin tone two; UTF-16 would
   * count two and four, bytes four and eight. */
  assert_span (record, "grin", 6, 7, "😀");
  assert_span (record, "thumb", 7, 9, "👍🏽");
  assert_span (record, "both", 6, 9, "😀👍🏽");
  assert_span (record, "putin", 14, 19, "Putin");
  assert_span (record, "thumb2", 20, 23, "👍🏽.");
  g_assert_cmpstr (json_object_get_string_member (record, "text"), ==, text);
}

static void
test_offsets_cjk_arabic (Fixture       *f,
                         gconstpointer  data)
{
  const char *zh = "北京欢迎你。新华社记者报道说：“我们准备好了。”";
  const char *ar = "مرحبا بالعالم";
  const char *mixed = "قال محمد: إن Gloss 2.0 \u200fرائع، ثم said “OK” في القاهرة 2024.";
  g_autoptr(GPtrArray) zh_spans = new_spans ();
  g_autoptr(GPtrArray) ar_spans = new_spans ();
  g_autoptr(GPtrArray) mixed_spans = new_spans ();
  g_autoptr(GPtrArray) records = NULL;
  JsonObject *record;

  g_ptr_array_add (zh_spans, span_on (zh, "bj", "GPE", "北京", 0));
  g_ptr_array_add (zh_spans, span_on (zh, "welcome", "EVENT", "欢迎你", 0));
  g_ptr_array_add (zh_spans, span_on (zh, "xinhua", "ORG", "新华社", 0));
  g_ptr_array_add (zh_spans, span_on (zh, "q", "QUOTE", "“我们准备好了。”", 0));
  add_document (f, "zh", zh, zh_spans, NULL, NULL);

  g_ptr_array_add (ar_spans, span_on (ar, "hello", "EVENT", "مرحبا", 0));
  g_ptr_array_add (ar_spans, span_on (ar, "world", "LOC", "بالعالم", 0));
  g_ptr_array_add (ar_spans, span_on (ar, "all", "WORK_OF_ART", "مرحبا بالعالم", 0));
  add_document (f, "ar", ar, ar_spans, NULL, NULL);

  g_ptr_array_add (mixed_spans, span_on (mixed, "muhammad", "PERSON", "محمد", 0));
  g_ptr_array_add (mixed_spans, span_on (mixed, "product", "PRODUCT", "Gloss 2.0", 0));
  g_ptr_array_add (mixed_spans, span_on (mixed, "rlm", "EVENT", "2.0 \u200fرائع", 0));
  g_ptr_array_add (mixed_spans, span_on (mixed, "cairo", "GPE", "القاهرة", 0));
  g_ptr_array_add (mixed_spans, span_on (mixed, "year", "DATE", "2024", 0));
  add_document (f, "mixed", mixed, mixed_spans, NULL, NULL);

  records = export_records (f, NULL);
  g_assert_cmpuint (records->len, ==, 3);

  record = record_at (records, 0);
  assert_span (record, "bj", 0, 2, "北京");
  assert_span (record, "welcome", 2, 5, "欢迎你");
  assert_span (record, "xinhua", 6, 9, "新华社");
  assert_span (record, "q", 15, 24, "“我们准备好了。”");

  record = record_at (records, 1);
  assert_span (record, "hello", 0, 5, "مرحبا");
  assert_span (record, "world", 6, 13, "بالعالم");
  assert_span (record, "all", 0, 13, "مرحبا بالعالم");

  /* Logical order, never display order: the Latin run inside Arabic counts as stored. */
  record = record_at (records, 2);
  assert_span (record, "muhammad", 4, 8, "محمد");
  assert_span (record, "product", 13, 22, "Gloss 2.0");
  assert_span (record, "rlm", 19, 28, "2.0 \u200fرائع");
  g_assert_cmpstr (json_object_get_string_member (record, "text"), ==, mixed);
}

static void
test_offsets_discontinuous (Fixture       *f,
                            gconstpointer  data)
{
  const char *text = "“We are ready 😀,” Putin said, “to cooperate with éveryone.”";
  g_autoptr(GPtrArray) spans = new_spans ();
  g_autoptr(GPtrArray) records = NULL;
  GlossSpan *quote = span_on (text, "q", "QUOTE", "“We are ready 😀,”", 0);
  JsonObject *record, *span;
  JsonArray *fragments, *contents;

  add_fragment_on (quote, text, "“to cooperate with éveryone.”", 0);
  g_ptr_array_add (spans, quote);
  g_ptr_array_add (spans, span_on (text, "p", "PERSON", "Putin", 0));
  add_document (f, "split", text, spans, NULL, NULL);

  records = export_records (f, NULL);
  record = record_at (records, 0);
  span = span_of (record, "q");
  fragments = json_object_get_array_member (span, "fragments");
  g_assert_cmpuint (json_array_get_length (fragments), ==, 2);
  g_assert_cmpint (json_object_get_int_member (span, "start"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (span, "end"), ==, g_utf8_strlen (text, -1));
  g_assert_cmpstr (json_object_get_string_member (span, "text"), ==,
                   "“We are ready 😀,” “to cooperate with éveryone.”");

  /* The derived quote lists each piece on its own. */
  contents = json_object_get_array_member (json_array_get_object_element (
               json_object_get_array_member (record, "quotes"), 0), "contents");
  g_assert_cmpuint (json_array_get_length (contents), ==, 2);
  assert_extent (json_array_get_object_element (contents, 0), 0, 17, "“We are ready 😀,”");
  assert_extent (json_array_get_object_element (contents, 1), 30, 59, "“to cooperate with éveryone.”");
}

/* ---- Normalisation ------------------------------------------------------------------------------ */

static const char combining_jsonl[] =
  "{\"id\":\"marks\",\"text\":\"Cafe\\u0301 owner Zoe\\u0308 said \\\"a\\u0308\\u0301 la mode\\\" 😀 again.\","
  "\"spans\":[{\"id\":\"cafe\",\"label\":\"ORG\",\"start\":0,\"end\":5,\"text\":\"Cafe\\u0301\"},"
  "{\"id\":\"zoe\",\"label\":\"PERSON\",\"start\":12,\"end\":16,\"text\":\"Zoe\\u0308\"},"
  "{\"id\":\"q\",\"label\":\"QUOTE\",\"start\":22,\"end\":35,\"text\":\"\\\"a\\u0308\\u0301 la mode\\\"\"},"
  "{\"id\":\"after\",\"label\":\"EVENT\",\"start\":38,\"end\":43,\"text\":\"again\"}]}\n";

static void
test_combining_nfc (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) records = NULL;
  JsonObject *record;
  JsonArray *normalized;

  import_file (f, "marks.jsonl", combining_jsonl, -1, FALSE);
  records = export_records (f, NULL);
  record = record_at (records, 0);

  /* é and ë are composed, one code point each; ä with an acute has no composed
   * form and stays two. Every offset after them moved with the text. */
  g_assert_cmpstr (json_object_get_string_member (record, "text"), ==,
                   "Caf\xc3\xa9 owner Zo\xc3\xab said \"\xc3\xa4\xcc\x81 la mode\" 😀 again.");
  assert_span (record, "cafe", 0, 4, "Caf\xc3\xa9");
  assert_span (record, "zoe", 11, 14, "Zo\xc3\xab");
  assert_span (record, "q", 20, 32, "\"\xc3\xa4\xcc\x81 la mode\"");
  assert_span (record, "after", 35, 40, "again");
  normalized = json_object_get_array_member (json_object_get_object_member (record, "meta"), "normalized");
  g_assert_cmpuint (json_array_get_length (normalized), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (normalized, 0), ==, "nfc");
}

static void
test_combining_keep_text (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) records = NULL;
  JsonObject *record, *offsets;

  import_file (f, "marks.jsonl", combining_jsonl, -1, TRUE);
  import_file (f, "marks.txt", "Cafe\xcc\x81\r\nZoe\xcc\x88\n", -1, TRUE);
  records = export_records (f, NULL);

  record = record_at (records, 0);
  g_assert_cmpstr (json_object_get_string_member (record, "text"), ==,
                   "Cafe\xcc\x81 owner Zoe\xcc\x88 said \"a\xcc\x88\xcc\x81 la mode\" 😀 again.");
  assert_span (record, "cafe", 0, 5, "Cafe\xcc\x81");
  assert_span (record, "zoe", 12, 16, "Zoe\xcc\x88");
  assert_span (record, "q", 22, 35, "\"a\xcc\x88\xcc\x81 la mode\"");
  assert_span (record, "after", 38, 43, "again");
  offsets = json_object_get_object_member (record, "offsets");
  g_assert_cmpstr (json_object_get_string_member (offsets, "normalization"), ==, "none");
  g_assert_cmpstr (json_object_get_string_member (offsets, "newline"), ==, "as-is");

  record = record_at (records, 1);
  g_assert_cmpstr (json_object_get_string_member (record, "text"), ==, "Cafe\xcc\x81\r\nZoe\xcc\x88\n");
}

static void
test_combining_txt (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) records = NULL;

  import_file (f, "marks.txt", "\xef\xbb\xbf" "Cafe\xcc\x81\r\nZoe\xcc\x88\n", -1, FALSE);
  records = export_records (f, NULL);
  g_assert_cmpstr (json_object_get_string_member (record_at (records, 0), "text"), ==,
                   "Caf\xc3\xa9\nZo\xc3\xab\n");
}

/* An annotator's boundary between a letter and its combining mark: the export
 * still says NFC, so the text must be NFC and every span must still slice it. */
static void
test_combining_boundary (Fixture       *f,
                         gconstpointer  data)
{
  static const char jsonl[] =
    "{\"id\":\"cut\",\"text\":\"Cafe\\u0301 owner\",\"spans\":["
    "{\"id\":\"base\",\"label\":\"ORG\",\"start\":0,\"end\":4,\"text\":\"Cafe\"},"
    "{\"id\":\"owner\",\"label\":\"EVENT\",\"start\":6,\"end\":11,\"text\":\"owner\"}]}\n";
  g_autoptr(GPtrArray) records = NULL;

  import_file (f, "cut.jsonl", jsonl, -1, FALSE);
  records = export_records (f, NULL);   /* check_record() asserts the NFC promise */
  assert_span (record_at (records, 0), "owner", 5, 10, "owner");
}

/* ---- Quotes and claims ----------------------------------------------------------------------- */

static const char quotes_text[] =
  "Putin said \"We are ready,\" in Moscow. He added: \"We will continue.\" "
  "Merkel and Macron said jointly: \"Yes.\" An unnamed official \"doubted it\".";

static void
add_quotes_document (Fixture *f)
{
  const char *t = quotes_text;
  g_autoptr(GPtrArray) spans = new_spans ();
  g_autoptr(GPtrArray) relations = new_relations ();
  g_autoptr(GPtrArray) entities = new_entities ();
  GlossSpan *span;

  g_ptr_array_add (spans, span_on (t, "p1", "PERSON", "Putin", 0));
  g_ptr_array_add (spans, span_on (t, "c1", "CUE", "said", 0));
  span = span_on (t, "q1", "QUOTE", "\"We are ready,\"", 0);
  g_free (span->attrs);
  span->attrs = g_strdup ("{\"quote_type\":\"direct\"}");
  g_ptr_array_add (spans, span);
  g_ptr_array_add (spans, span_on (t, "g1", "GPE", "Moscow", 0));
  g_ptr_array_add (spans, span_on (t, "p2", "PERSON", "He", 0));
  g_ptr_array_add (spans, span_on (t, "c2", "CUE", "added", 0));
  g_ptr_array_add (spans, span_on (t, "q2", "QUOTE", "\"We will continue.\"", 0));
  span = span_on (t, "k1", "CLAIM", "We will continue", 0);
  g_free (span->attrs);
  span->attrs = g_strdup ("{\"checkworthiness\":\"CFS\",\"verifiable\":true}");
  g_ptr_array_add (spans, span);
  g_ptr_array_add (spans, span_on (t, "p3", "PERSON", "Merkel", 0));
  g_ptr_array_add (spans, span_on (t, "p4", "PERSON", "Macron", 0));
  g_ptr_array_add (spans, span_on (t, "c3", "CUE", "said", 1));
  g_ptr_array_add (spans, span_on (t, "q3", "QUOTE", "\"Yes.\"", 0));
  g_ptr_array_add (spans, span_on (t, "s1", "SOURCE", "An unnamed official", 0));
  g_ptr_array_add (spans, span_on (t, "q4", "QUOTE", "\"doubted it\"", 0));
  span = span_on (t, "k2", "CLAIM", "in Moscow", 0);
  g_free (span->attrs);
  span->attrs = g_strdup ("{\"claimant_is_author\":true,\"claimant_stance\":\"affirm\",\"verdict\":\"true\"}");
  g_ptr_array_add (spans, span);

  g_ptr_array_add (relations, relation ("r1", "SPEAKER", "q1", "p1"));
  g_ptr_array_add (relations, relation ("r2", "CUE", "q1", "c1"));
  g_ptr_array_add (relations, relation ("r3", "COREF", "p2", "p1"));
  g_ptr_array_add (relations, relation ("r4", "SPEAKER", "q2", "p2"));
  g_ptr_array_add (relations, relation ("r5", "CUE", "q2", "c2"));
  g_ptr_array_add (relations, relation ("r6", "SPEAKER", "q3", "p3"));
  g_ptr_array_add (relations, relation ("r7", "SPEAKER", "q3", "p4"));
  g_ptr_array_add (relations, relation ("r8", "CUE", "q3", "c3"));
  g_ptr_array_add (relations, relation ("r9", "SPEAKER", "q4", "s1"));
  g_ptr_array_add (relations, relation ("r10", "CLAIMANT", "k1", "p2"));
  g_ptr_array_add (relations, relation ("r11", "IN_QUOTE", "k1", "q2"));

  g_ptr_array_add (entities, entity ("e1", "Vladimir Putin", "PERSON", "wikidata:Q7747", "p1", "p2", NULL));
  g_ptr_array_add (entities, entity ("e2", "Angela Merkel", "PERSON", NULL, "p3", NULL));
  add_document (f, "quotes", t, spans, relations, entities);
}

static JsonObject *
quote_of (JsonObject *record,
          const char *id)
{
  JsonObject *quote = find_by_id (json_object_get_array_member (record, "quotes"), id);

  g_assert_nonnull (quote);
  return quote;
}

static void
assert_speaker (JsonObject *quote,
                guint       i,
                const char *text,
                const char *entity_id)
{
  JsonArray *speakers = json_object_get_array_member (quote, "speakers");
  JsonObject *speaker;
  gint start = offset_of (quotes_text, text, 0);

  g_assert_cmpuint (i, <, json_array_get_length (speakers));
  speaker = json_array_get_object_element (speakers, i);
  assert_extent (speaker, start, start + g_utf8_strlen (text, -1), text);
  if (entity_id == NULL)
    g_assert_true (json_object_get_null_member (speaker, "entity"));
  else
    g_assert_cmpstr (json_object_get_string_member (speaker, "entity"), ==, entity_id);
}

static void
test_quotes (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) records = NULL;
  JsonObject *record, *quote;
  JsonArray *quotes;
  gint said2 = offset_of (quotes_text, "said", 1);

  add_quotes_document (f);
  records = export_records (f, NULL);
  record = record_at (records, 0);
  quotes = json_object_get_array_member (record, "quotes");
  g_assert_cmpuint (json_array_get_length (quotes), ==, 4);

  quote = quote_of (record, "q1");
  g_assert_cmpstr (json_object_get_string_member (quote, "type"), ==, "direct");
  assert_extent (json_object_get_object_member (quote, "cue"), 6, 10, "said");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (quote, "speakers")), ==, 1);
  assert_speaker (quote, 0, "Putin", "e1");

  /* "He" stands for Putin: the quote names him, not the pronoun. */
  quote = quote_of (record, "q2");
  g_assert_true (json_object_get_null_member (quote, "type"));
  assert_extent (json_object_get_object_member (quote, "cue"), 41, 46, "added");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (quote, "speakers")), ==, 1);
  assert_speaker (quote, 0, "Putin", "e1");

  /* A joint statement: both speakers, in the order of the relations. */
  quote = quote_of (record, "q3");
  assert_extent (json_object_get_object_member (quote, "cue"), said2, said2 + 4, "said");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (quote, "speakers")), ==, 2);
  assert_speaker (quote, 0, "Merkel", "e2");
  assert_speaker (quote, 1, "Macron", NULL);

  /* No cue; a SOURCE span as the speaker. */
  quote = quote_of (record, "q4");
  g_assert_true (json_object_get_null_member (quote, "cue"));
  assert_speaker (quote, 0, "An unnamed official", NULL);
}

static void
test_claims (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) records = NULL;
  JsonObject *record, *claim, *attrs;
  JsonArray *claims, *claimants;

  add_quotes_document (f);
  records = export_records (f, NULL);
  record = record_at (records, 0);
  claims = json_object_get_array_member (record, "claims");
  g_assert_cmpuint (json_array_get_length (claims), ==, 2);

  claim = find_by_id (claims, "k1");
  g_assert_nonnull (claim);
  claimants = json_object_get_array_member (claim, "claimants");
  g_assert_cmpuint (json_array_get_length (claimants), ==, 1);
  assert_extent (json_array_get_object_element (claimants, 0), 0, 5, "Putin");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (claimants, 0), "entity"), ==, "e1");
  g_assert_false (json_object_get_boolean_member (claim, "claimant_is_author"));
  g_assert_cmpstr (json_object_get_string_member (claim, "in_quote"), ==, "q2");
  attrs = json_object_get_object_member (claim, "attrs");
  g_assert_cmpstr (json_object_get_string_member (attrs, "checkworthiness"), ==, "CFS");
  g_assert_true (json_object_get_boolean_member (attrs, "verifiable"));
  g_assert_true (json_object_get_null_member (attrs, "claimant_stance"));
  g_assert_true (json_object_get_null_member (attrs, "verdict"));

  claim = find_by_id (claims, "k2");
  g_assert_nonnull (claim);
  g_assert_true (json_object_get_boolean_member (claim, "claimant_is_author"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (claim, "claimants")), ==, 0);
  g_assert_true (json_object_get_null_member (claim, "in_quote"));
  attrs = json_object_get_object_member (claim, "attrs");
  g_assert_cmpstr (json_object_get_string_member (attrs, "claimant_stance"), ==, "affirm");
  g_assert_cmpstr (json_object_get_string_member (attrs, "verdict"), ==, "true");
}

/* ---- --layer ---------------------------------------------------------------------------------------- */

static char *
ids_in (JsonObject *record,
        const char *member)
{
  JsonArray *array = json_object_get_array_member (record, member);
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    g_string_append_printf (ids, "%s%s", i ? " " : "",
                            json_object_get_string_member (json_array_get_object_element (array, i), "id"));
  return g_string_free (ids, FALSE);
}

static void
assert_ids (JsonObject *record,
            const char *member,
            const char *expected)
{
  g_autofree char *ids = ids_in (record, member);

  g_assert_cmpstr (ids, ==, expected);
}

static void
test_layer (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) quote = NULL;
  g_autoptr(GPtrArray) entity_layer = NULL;
  g_autoptr(GPtrArray) claim = NULL;
  JsonObject *record, *q;
  JsonArray *entities;

  add_quotes_document (f);
  all = export_records (f, NULL);
  assert_ids (record_at (all, 0), "relations", "r1 r2 r3 r4 r5 r6 r7 r8 r9 r10 r11");

  /* The quote layer: QUOTE, CUE, SOURCE; only relations between two of them. */
  quote = export_records (f, "quote");
  record = record_at (quote, 0);
  assert_ids (record, "spans", "c1 q1 c2 q2 c3 q3 s1 q4");
  assert_ids (record, "relations", "r2 r5 r8 r9");
  assert_ids (record, "quotes", "q1 q2 q3 q4");
  assert_ids (record, "claims", "");
  q = quote_of (record, "q1");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (q, "speakers")), ==, 0);
  assert_extent (json_object_get_object_member (q, "cue"), 6, 10, "said");
  assert_speaker (quote_of (record, "q4"), 0, "An unnamed official", NULL);
  entities = json_object_get_array_member (record, "entities");
  for (guint i = 0; i < json_array_get_length (entities); i++)
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                        json_array_get_object_element (entities, i), "mentions")), ==, 0);

  /* The entity layer keeps the COREF link and the mentions, no quotes. */
  entity_layer = export_records (f, "entity");
  record = record_at (entity_layer, 0);
  assert_ids (record, "spans", "p1 g1 p2 p3 p4");
  assert_ids (record, "relations", "r3");
  assert_ids (record, "quotes", "");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_array_get_object_element (json_object_get_array_member (record, "entities"), 0),
                      "mentions")), ==, 2);

  /* The claim layer: the claims, but neither claimant nor quote is in it. */
  claim = export_records (f, "claim");
  record = record_at (claim, 0);
  assert_ids (record, "spans", "k2 k1");
  assert_ids (record, "relations", "");
  assert_ids (record, "claims", "k2 k1");
  g_assert_true (json_object_get_null_member (find_by_id (json_object_get_array_member (record, "claims"), "k1"),
                                              "in_quote"));
}

/* ---- Outputs and errors --------------------------------------------------------------------------------- */

static void
test_file_and_counts (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "out.jsonl", NULL);
  g_autofree char *streamed = NULL;
  g_autofree char *written = NULL;
  g_autoptr(GError) error = NULL;
  GlossExportOptions to_stream = { .format = "jsonl" };
  GlossExportOptions to_file = { .format = "jsonl", .output = path };
  GlossExportOptions quotes_only = { .format = "jsonl", .layer = "quote" };
  GlossExportResult result = { 0 };
  g_autofree char *ignored = NULL;

  add_quotes_document (f);
  import_file (f, "marks.jsonl", combining_jsonl, -1, FALSE);

  streamed = export_to_string (f, &to_stream, &result);
  g_assert_cmpuint (result.documents, ==, 2);
  g_assert_cmpuint (result.spans, ==, 15 + 4);

  result = (GlossExportResult) { 0 };
  g_assert_true (gloss_export (f->store, &to_file, NULL, NULL, &result, NULL, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &written, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (written, ==, streamed);
  g_assert_cmpuint (result.spans, ==, 19);

  result = (GlossExportResult) { 0 };
  ignored = export_to_string (f, &quotes_only, &result);
  g_assert_cmpuint (result.documents, ==, 2);
  g_assert_cmpuint (result.spans, ==, 8 + 1);
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @path, sorted and joined. */
static char *
list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, (gpointer) name);
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->dir, "missing", "out.jsonl", NULL);
  g_autofree char *full = g_build_filename (f->dir, "full", NULL);
  g_autofree char *inside = g_build_filename (full, "mine.txt", NULL);
  g_autofree char *before = NULL;
  const struct { GlossExportOptions options; int code; } cases[] = {
    { { .format = "xml" }, GLOSS_EXPORT_ERROR_USAGE },
    { { .format = "jsonl", .split = "train=1" }, GLOSS_EXPORT_ERROR_USAGE },
    { { .format = "jsonl", .split = "train=0.5,dev=0.2", .bundle = full }, GLOSS_EXPORT_ERROR_USAGE },
    { { .format = "jsonl", .split = "train", .bundle = full }, GLOSS_EXPORT_ERROR_USAGE },
    { { .format = "txt" }, GLOSS_EXPORT_ERROR_USAGE },
    { { .format = "jsonl", .output = missing }, GLOSS_EXPORT_ERROR_OUTPUT },
    { { .format = "json", .output = f->dir }, GLOSS_EXPORT_ERROR_OUTPUT },
    { { .format = "jsonl", .bundle = full }, GLOSS_EXPORT_ERROR_OUTPUT },
    { { .format = "txt", .output = full }, GLOSS_EXPORT_ERROR_OUTPUT },
  };

  add_quotes_document (f);
  g_assert_cmpint (g_mkdir (full, 0755), ==, 0);
  g_assert_true (g_file_set_contents (inside, "mine\n", -1, NULL));
  before = list_dir (f->dir);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;
      g_autofree char *in_full = NULL;

      g_test_message ("case %u", i);
      g_assert_false (gloss_export (f->store, &cases[i].options, stdout, NULL, NULL, NULL, &error));
      g_assert_error (error, GLOSS_EXPORT_ERROR, cases[i].code);

      /* Nothing left behind, nothing touched. */
      after = list_dir (f->dir);
      g_assert_cmpstr (after, ==, before);
      in_full = list_dir (full);
      g_assert_cmpstr (in_full, ==, "mine.txt");
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/export/offsets/emoji", test_offsets_emoji);
  ADD ("/export/offsets/cjk-arabic", test_offsets_cjk_arabic);
  ADD ("/export/offsets/discontinuous", test_offsets_discontinuous);
  ADD ("/export/normalization/combining-nfc", test_combining_nfc);
  ADD ("/export/normalization/combining-keep-text", test_combining_keep_text);
  ADD ("/export/normalization/combining-txt", test_combining_txt);
  ADD ("/export/normalization/boundary-in-combining-sequence", test_combining_boundary);
  ADD ("/export/quotes", test_quotes);
  ADD ("/export/claims", test_claims);
  ADD ("/export/layer", test_layer);
  ADD ("/export/file-and-counts", test_file_and_counts);
  ADD ("/export/errors", test_errors);
#undef ADD

  return g_test_run ();
}
