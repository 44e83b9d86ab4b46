/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Exports as the receiving tools' own code reads them. Each check is one of
 * the consumer's acceptance rules, in our words, learnt from its code and
 * documentation: doccano's import pipeline (one record form per upload, the
 * columns it fills in itself, UTF-16 offsets), spaCy's Doc(words, spaces)
 * with Prodigy's task format (tokens and their `ws` rebuild the text; spans
 * sit on token boundaries). With ../shared/data, real files go through an
 * import and an export and come back with the same spans. */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "gloss-export.h"
#include "gloss-import.h"
#include "gloss-store.h"

#include "brat-verify.h"

typedef struct
{
  char       *dir;
  GlossStore *store;
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

static GlossStore *
open_project (Fixture    *f,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  GlossStore *store = gloss_store_open (path, GLOSS_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  return store;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("gloss-test-consumers-XXXXXX", &error);
  g_assert_no_error (error);
  f->store = open_project (f, "project.gloss");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->dir);
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static char *
in_dir (Fixture    *f,
        const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

/* A file or folder of the shared data, or NULL after marking the test skipped. */
static char *
shared_path (const char *relative)
{
  const char *root = g_getenv ("GLOSS_SHARED_DATA");
  g_autofree char *path = root != NULL ? g_build_filename (root, relative, NULL) : NULL;

  if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the shared data (GLOSS_SHARED_DATA, ../shared/data) is not here");
      return NULL;
    }
  return g_steal_pointer (&path);
}

/* ---- Import and export ---------------------------------------------------------------- */

static void
on_report (GlossReportKind  kind,
           const char      *message,
           gpointer         user_data)
{
  g_test_message ("%s: %s", kind == GLOSS_REPORT_PROBLEM ? "problem" : "notice", message);
}

static GlossReport *
import_into (GlossStore *store,
             const char *path,
             const char *format)
{
  GlossReport *report = gloss_report_new (on_report, NULL);
  GlossImportOptions options = { .format = format };
  GlossImportResult result = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_import_path (store, path, &options, report, &result, NULL, &error));
  g_assert_no_error (error);
  g_free (result.first_id);
  return report;
}

static void
export_with (GlossStore         *store,
             GlossExportOptions *options)
{
  g_autoptr(GlossReport) report = gloss_report_new (on_report, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_export (store, options, NULL, report, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
export_to (GlossStore *store,
           const char *format,
           const char *path)
{
  GlossExportOptions options = { .format = format, .output = path };

  export_with (store, &options);
}

static GPtrArray *
read_lines (const char *path)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      JsonNode *node;

      if (*lines[i] == '\0')
        continue;
      node = json_from_string (lines[i], &error);
      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
      g_ptr_array_add (records, node);
    }
  return records;
}

static JsonObject *
record_at (GPtrArray *records,
           guint      i)
{
  return json_node_get_object (g_ptr_array_index (records, i));
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static char *
sorted_lines (GPtrArray *lines)
{
  g_ptr_array_sort (lines, compare_strings);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

/* Text → its spans as sorted "LABEL start end" lines: what a round trip keeps. */
static GHashTable *
spans_by_text (GlossStore *store)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = gloss_store_list_documents (store, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < documents->len; i++)
    {
      const GlossDocument *listed = g_ptr_array_index (documents, i);
      g_autoptr(GlossDocument) document = gloss_store_get_document_by_rowid (store, listed->rowid, &error);
      g_autoptr(GPtrArray) spans = gloss_store_list_spans (store, listed->rowid, &error);
      g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

      g_assert_no_error (error);
      for (guint j = 0; j < spans->len; j++)
        {
          const GlossSpan *span = g_ptr_array_index (spans, j);

          g_ptr_array_add (lines, g_strdup_printf ("%s %d %d", span->label, gloss_span_get_start (span),
                                                   gloss_span_get_end (span)));
        }
      g_hash_table_insert (table, g_strdup (document->text), sorted_lines (lines));
    }
  return table;
}

static void
assert_same_spans (GlossStore *a,
                   GlossStore *b)
{
  g_autoptr(GHashTable) first = spans_by_text (a);
  g_autoptr(GHashTable) second = spans_by_text (b);
  GHashTableIter iter;
  gpointer text, spans;

  g_assert_cmpuint (g_hash_table_size (first), ==, g_hash_table_size (second));
  g_hash_table_iter_init (&iter, first);
  while (g_hash_table_iter_next (&iter, &text, &spans))
    g_assert_cmpstr (g_hash_table_lookup (second, text), ==, spans);
}

static GlossDocument *
document_with_text (GlossStore *store,
                    const char *start)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = gloss_store_list_documents (store, &error);

  for (guint i = 0; i < documents->len; i++)
    {
      const GlossDocument *listed = g_ptr_array_index (documents, i);
      GlossDocument *document = gloss_store_get_document_by_rowid (store, listed->rowid, &error);

      if (g_str_has_prefix (document->text, start))
        return document;
      gloss_document_free (document);
    }
  g_error ("no document starts with “%s”", start);
  return NULL;
}

static JsonObject *
meta_of (GlossStore *store,
         const char *start)
{
  g_autoptr(GlossDocument) document = document_with_text (store, start);
  g_autoptr(JsonNode) node = json_from_string (document->meta, NULL);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

/* ---- doccano's rules ------------------------------------------------------------ */

/* doccano counts offsets in UTF-16 code units (JavaScript strings): the
 * text between two such offsets, found here apart from Gloss. */
static char *
utf16_slice (const char *text,
             gint64      start,
             gint64      end)
{
  glong units = 0;
  g_autofree gunichar2 *u16 = g_utf8_to_utf16 (text, -1, NULL, &units, NULL);

  g_assert_cmpint (start, >=, 0);
  g_assert_cmpint (start, <, end);
  g_assert_cmpint (end, <=, units);
  return g_utf16_to_utf8 (u16 + start, end - start, NULL, NULL, NULL);
}

static gint64
int_member (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64);
  return json_node_get_int (node);
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING);
  g_assert_cmpstr (json_node_get_string (node), !=, "");
  return json_node_get_string (node);
}

/* Sequence labelling: each label is [start, end, "LABEL"] inside the text. */
static void
doccano_labels (JsonObject *record,
                GPtrArray  *seen)
{
  JsonArray *labels = json_object_get_array_member (record, "label");
  const char *text = json_object_get_string_member (record, "text");

  for (guint i = 0; i < json_array_get_length (labels); i++)
    {
      JsonArray *label = json_array_get_array_element (labels, i);
      g_autofree char *slice = NULL;

      g_assert_cmpuint (json_array_get_length (label), ==, 3);
      slice = utf16_slice (text, json_array_get_int_element (label, 0), json_array_get_int_element (label, 1));
      g_ptr_array_add (seen, g_strdup_printf ("%s %s", json_array_get_string_element (label, 2), slice));
    }
}

/* Relation extraction: entities with ids unique in the record, relations
 * whose ends are among them (doccano fails on any other). */
static void
doccano_entities (JsonObject *record,
                  GPtrArray  *seen)
{
  JsonArray *entities = json_object_get_array_member (record, "entities");
  JsonArray *relations = json_object_get_array_member (record, "relations");
  const char *text = json_object_get_string_member (record, "text");
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_nonnull (entities);
  g_assert_nonnull (relations);
  for (guint i = 0; i < json_array_get_length (entities); i++)
    {
      JsonObject *entity = json_array_get_object_element (entities, i);
      g_autofree char *slice = utf16_slice (text, int_member (entity, "start_offset"),
                                            int_member (entity, "end_offset"));

      g_assert_true (g_hash_table_add (ids, g_strdup_printf ("%" G_GINT64_FORMAT, int_member (entity, "id"))));
      g_ptr_array_add (seen, g_strdup_printf ("%s %s", string_member (entity, "label"), slice));
    }
  for (guint i = 0; i < json_array_get_length (relations); i++)
    {
      JsonObject *relation = json_array_get_object_element (relations, i);
      g_autofree char *from = g_strdup_printf ("%" G_GINT64_FORMAT, int_member (relation, "from_id"));
      g_autofree char *to = g_strdup_printf ("%" G_GINT64_FORMAT, int_member (relation, "to_id"));

      string_member (relation, "type");
      g_assert_true (g_hash_table_contains (ids, from));
      g_assert_true (g_hash_table_contains (ids, to));
    }
}

/* Checks a doccano export line by line as doccano's import reads it; returns
 * text → the spans doccano would show, as sorted "LABEL covered-text" lines. */
static GHashTable *
check_doccano_file (const char *path,
                    gboolean   *relation_form)
{
  static const char * const filled_by_doccano[] = { "filename", "upload_name", "example_uuid", "#line_number" };
  g_autoptr(GPtrArray) records = read_lines (path);
  GHashTable *spans = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_assert_cmpuint (records->len, >, 0);
  *relation_form = json_object_has_member (record_at (records, 0), "entities");
  for (guint i = 0; i < records->len; i++)
    {
      JsonObject *record = record_at (records, i);
      g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);

      string_member (record, "text");
      for (guint k = 0; k < G_N_ELEMENTS (filled_by_doccano); k++)
        g_assert_false (json_object_has_member (record, filled_by_doccano[k]));
      /* One form per upload: the other form's columns would be metadata. */
      g_assert_cmpint (json_object_has_member (record, "entities"), ==, *relation_form);
      g_assert_cmpint (json_object_has_member (record, "relations"), ==, *relation_form);
      g_assert_cmpint (json_object_has_member (record, "label"), ==, !*relation_form);
      if (*relation_form)
        doccano_entities (record, seen);
      else
        doccano_labels (record, seen);
      g_hash_table_insert (spans, g_strdup (json_object_get_string_member (record, "text")),
                           sorted_lines (seen));
    }
  return spans;
}

/* The spans of every document as doccano should show them. */
static GHashTable *
covered_by_text (GlossStore *store)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = gloss_store_list_documents (store, &error);

  for (guint i = 0; i < documents->len; i++)
    {
      const GlossDocument *listed = g_ptr_array_index (documents, i);
      g_autoptr(GlossDocument) document = gloss_store_get_document_by_rowid (store, listed->rowid, &error);
      g_autoptr(GPtrArray) spans = gloss_store_list_spans (store, listed->rowid, &error);
      g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

      for (guint j = 0; j < spans->len; j++)
        {
          const GlossSpan *span = g_ptr_array_index (spans, j);
          const char *from = g_utf8_offset_to_pointer (document->text, gloss_span_get_start (span));
          const char *to = g_utf8_offset_to_pointer (document->text, gloss_span_get_end (span));

          g_ptr_array_add (lines, g_strdup_printf ("%s %.*s", span->label, (int) (to - from), from));
        }
      g_hash_table_insert (table, g_strdup (document->text), sorted_lines (lines));
    }
  return table;
}

static void
assert_doccano_shows (GlossStore *store,
                      GHashTable *shown)
{
  g_autoptr(GHashTable) expected = covered_by_text (store);
  GHashTableIter iter;
  gpointer text, spans;

  g_assert_cmpuint (g_hash_table_size (shown), ==, g_hash_table_size (expected));
  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &text, &spans))
    g_assert_cmpstr (g_hash_table_lookup (shown, text), ==, spans);
}

/* ---- doccano ------------------------------------------------------------------------ */

static const char doccano_native[] =
  "{\"id\":\"rel\",\"text\":\"👍 Anna Berg of Acme said: \\\"we grow\\\".\",\"spans\":["
    "{\"id\":\"p\",\"label\":\"PERSON\",\"start\":2,\"end\":11},"
    "{\"id\":\"n\",\"label\":\"PERSON\",\"start\":2,\"end\":6},"
    "{\"id\":\"o\",\"label\":\"ORG\",\"start\":15,\"end\":19},"
    "{\"id\":\"c\",\"label\":\"CUE\",\"start\":20,\"end\":24},"
    "{\"id\":\"q\",\"label\":\"QUOTE\",\"start\":26,\"end\":35}],"
   "\"relations\":[{\"id\":\"r1\",\"type\":\"SPEAKER\",\"from_id\":\"q\",\"to_id\":\"n\"},"
                  "{\"id\":\"r2\",\"type\":\"CUE\",\"from_id\":\"q\",\"to_id\":\"c\"}]}\n"
  "{\"id\":\"plain\",\"text\":\"Oslo is cold 😀 today.\",\"spans\":["
    "{\"id\":\"g\",\"label\":\"GPE\",\"start\":0,\"end\":4},{\"id\":\"d\",\"label\":\"DATE\",\"start\":15,\"end\":20}],"
   "\"meta\":{\"filename\":\"oslo-2015.txt\",\"upload_name\":\"u\",\"text\":\"not the text\","
             "\"label\":\"not a label\",\"desk\":\"nordic\"}}\n"
  "{\"id\":\"none\",\"text\":\"Nothing here.\"}\n";

/* A project with relations in one document: every record in the relation
 * form (doccano drops the spans of records in the other form), metadata that
 * would overwrite doccano's columns nested, and back the same spans. */
static void
test_doccano_one_form (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *native = write_file (f, "native.jsonl", doccano_native);
  g_autofree char *out = in_dir (f, "doccano.jsonl");
  g_autoptr(GlossReport) imported = import_into (f->store, native, "jsonl");
  g_autoptr(GHashTable) shown = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GlossStore) again = open_project (f, "again.gloss");
  g_autoptr(GlossReport) back = NULL;
  g_autoptr(JsonObject) meta = NULL;
  JsonObject *plain, *nested;
  gboolean relation_form = FALSE;

  g_assert_cmpuint (gloss_report_count (imported, GLOSS_REPORT_PROBLEM), ==, 0);
  export_to (f->store, "doccano", out);
  shown = check_doccano_file (out, &relation_form);
  g_assert_true (relation_form);
  assert_doccano_shows (f->store, shown);

  records = read_lines (out);
  plain = record_at (records, 1);
  g_assert_cmpstr (json_object_get_string_member (plain, "text"), ==, "Oslo is cold 😀 today.");
  g_assert_cmpstr (json_object_get_string_member (plain, "desk"), ==, "nordic");
  nested = json_object_get_object_member (plain, "meta");
  g_assert_nonnull (nested);
  g_assert_cmpstr (json_object_get_string_member (nested, "filename"), ==, "oslo-2015.txt");
  g_assert_cmpstr (json_object_get_string_member (nested, "upload_name"), ==, "u");
  g_assert_cmpstr (json_object_get_string_member (nested, "text"), ==, "not the text");
  g_assert_cmpstr (json_object_get_string_member (nested, "label"), ==, "not a label");

  back = import_into (again, out, "doccano");
  g_assert_cmpuint (gloss_report_count (back, GLOSS_REPORT_PROBLEM), ==, 0);
  assert_same_spans (f->store, again);
  meta = meta_of (again, "Oslo");
  g_assert_cmpstr (json_object_get_string_member (meta, "filename"), ==, "oslo-2015.txt");
  g_assert_cmpstr (json_object_get_string_member (meta, "desk"), ==, "nordic");
}

/* Without a relation to write (none in the project, or none inside the
 * exported layer), every record is in the sequence-labelling form. */
static void
test_doccano_label_form (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *native = write_file (f, "native.jsonl", doccano_native);
  g_autofree char *out = in_dir (f, "entities.jsonl");
  g_autoptr(GlossReport) imported = import_into (f->store, native, "jsonl");
  GlossExportOptions options = { .format = "doccano", .output = out, .layer = "entity" };
  g_autoptr(GHashTable) shown = NULL;
  gboolean relation_form = TRUE;

  export_with (f->store, &options);
  shown = check_doccano_file (out, &relation_form);
  g_assert_false (relation_form);
  g_assert_cmpstr (g_hash_table_lookup (shown, "Oslo is cold 😀 today."), ==, "DATE today\nGPE Oslo");
  g_assert_cmpstr (g_hash_table_lookup (shown, "Nothing here."), ==, "");
}

/* The dataset card says which doccano project settings the file needs. */
static void
test_doccano_card (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *native = write_file (f, "native.jsonl", doccano_native);
  g_autofree char *bundle = in_dir (f, "bundle");
  g_autofree char *card_path = g_build_filename (bundle, "README.md", NULL);
  g_autoptr(GlossReport) imported = import_into (f->store, native, "jsonl");
  GlossExportOptions options = { .format = "doccano", .bundle = bundle };
  g_autofree char *card = NULL;

  export_with (f->store, &options);
  g_assert_true (g_file_get_contents (card_path, &card, NULL, NULL));
  g_assert_nonnull (strstr (card, "**Allow overlapping spans**: on"));
  g_assert_nonnull (strstr (card, "**Use relation labels**: on"));
  g_assert_nonnull (strstr (card, "*JSONL(Relation)*"));
  g_assert_nonnull (strstr (card, "UTF-16"));
}

/* doccano's own example files come back with the same spans. */
static void
test_doccano_shared (Fixture       *f,
                     gconstpointer  data)
{
  static const char * const files[] = {
    "doccano_export_sequence_labeling_example.jsonl",
    "doccano_import_relation_extraction_example_PRETTY_PRINTED.jsonl",
    "doccano_test_example_overlapping_duplicate_spans.jsonl",
  };
  g_autofree char *folder = shared_path ("other/doccano_jsonl");

  if (folder == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (folder, files[i], NULL);
      g_autofree char *name = g_strdup_printf ("p%u.gloss", i);
      g_autofree char *again_name = g_strdup_printf ("q%u.gloss", i);
      g_autofree char *out = g_strdup_printf ("%s/out%u.jsonl", f->dir, i);
      g_autoptr(GlossStore) store = open_project (f, name);
      g_autoptr(GlossStore) again = open_project (f, again_name);
      g_autoptr(GlossReport) first = import_into (store, path, "doccano");
      g_autoptr(GlossReport) back = NULL;
      g_autoptr(GHashTable) shown = NULL;
      gboolean relation_form;

      g_test_message ("%s", files[i]);
      g_assert_cmpuint (gloss_report_count (first, GLOSS_REPORT_PROBLEM), ==, 0);
      export_to (store, "doccano", out);
      shown = check_doccano_file (out, &relation_form);
      assert_doccano_shows (store, shown);
      back = import_into (again, out, "doccano");
      g_assert_cmpuint (gloss_report_count (back, GLOSS_REPORT_PROBLEM), ==, 0);
      assert_same_spans (store, again);
    }
}

/* ---- spaCy's and Prodigy's rules ---------------------------------------------------- */

static char *
slice (const char *text,
       gint64      start,
       gint64      end)
{
  const char *from = g_utf8_offset_to_pointer (text, start);

  g_assert_cmpint (start, >=, 0);
  g_assert_cmpint (start, <=, end);
  g_assert_cmpint (end, <=, g_utf8_strlen (text, -1));
  return g_strndup (from, g_utf8_offset_to_pointer (text, end) - from);
}

/* spaCy's Doc(words, spaces): each token's text, then one space when its
 * `ws` is true, gives back the text exactly; `ws` is true only when a space
 * follows the token. */
static void
check_spacy_tokens (const char *text,
                    JsonArray  *tokens)
{
  g_autoptr(GString) rebuilt = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (tokens); i++)
    {
      JsonObject *token = json_array_get_object_element (tokens, i);
      gint64 start = int_member (token, "start"), end = int_member (token, "end");
      g_autofree char *covered = slice (text, start, end);
      JsonNode *ws = json_object_get_member (token, "ws");

      g_assert_cmpstr (json_object_get_string_member (token, "text"), ==, covered);
      g_assert_cmpint (int_member (token, "id"), ==, i);
      g_assert_true (ws != NULL && json_node_get_value_type (ws) == G_TYPE_BOOLEAN);
      g_assert_cmpint (start, ==, g_utf8_strlen (rebuilt->str, -1));
      g_string_append (rebuilt, covered);
      if (json_node_get_boolean (ws))
        {
          g_autofree char *after = slice (text, end, end + 1);

          g_assert_cmpstr (after, ==, " ");
          g_string_append_c (rebuilt, ' ');
        }
    }
  g_assert_cmpstr (rebuilt->str, ==, text);
}

/* A span Doc.char_span can find starts on a token's start and ends on a
 * token's end; token_start and token_end (inclusive) name those tokens. */
static gboolean
span_is_aligned (JsonObject *span,
                 JsonArray  *tokens)
{
  gint64 first = int_member (span, "token_start"), last = int_member (span, "token_end");

  g_assert_cmpint (first, >=, 0);
  g_assert_cmpint (first, <=, last);
  g_assert_cmpint (last, <, json_array_get_length (tokens));
  return int_member (json_array_get_object_element (tokens, first), "start") == int_member (span, "start")
         && int_member (json_array_get_object_element (tokens, last), "end") == int_member (span, "end");
}

/* Checks every task of a Prodigy export; returns its spans off token bounds. */
static guint
check_prodigy_file (const char *path)
{
  g_autoptr(GPtrArray) tasks = read_lines (path);
  guint misaligned = 0;

  for (guint i = 0; i < tasks->len; i++)
    {
      JsonObject *task = record_at (tasks, i);
      JsonArray *tokens = json_object_get_array_member (task, "tokens");
      JsonArray *spans = json_object_get_array_member (task, "spans");

      check_spacy_tokens (string_member (task, "text"), tokens);
      for (guint j = 0; j < json_array_get_length (spans); j++)
        misaligned += !span_is_aligned (json_array_get_object_element (spans, j), tokens);
    }
  return misaligned;
}

/* ---- Prodigy ------------------------------------------------------------------------ */

/* Whitespace that is not one space after a token is a token, as spaCy's
 * tokenizer makes it: a paragraph break, two spaces, a tab, leading and
 * trailing blanks. */
static void
test_prodigy_spacy_tokens (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *native = write_file (f, "native.jsonl",
    "{\"id\":\"ws\",\"text\":\"  Anna said:\\n\\n\\\"We  grow.\\\" \\t Acme 😀 agreed. \","
     "\"spans\":[{\"id\":\"p\",\"label\":\"PERSON\",\"start\":2,\"end\":6},"
               "{\"id\":\"q\",\"label\":\"QUOTE\",\"start\":14,\"end\":25},"
               "{\"id\":\"o\",\"label\":\"ORG\",\"start\":28,\"end\":32}],"
     "\"relations\":[{\"id\":\"r\",\"type\":\"SPEAKER\",\"from_id\":\"q\",\"to_id\":\"p\"}]}\n");
  g_autofree char *out = in_dir (f, "prodigy.jsonl");
  g_autoptr(GlossReport) imported = import_into (f->store, native, "jsonl");
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  JsonArray *tokens;

  g_assert_cmpuint (gloss_report_count (imported, GLOSS_REPORT_PROBLEM), ==, 0);
  export_to (f->store, "prodigy", out);
  g_assert_cmpuint (check_prodigy_file (out), ==, 0);

  tasks = read_lines (out);
  tokens = json_object_get_array_member (record_at (tasks, 0), "tokens");
  for (guint i = 0; i < json_array_get_length (tokens); i++)
    g_ptr_array_add (texts, (gpointer) json_object_get_string_member (json_array_get_object_element (tokens, i),
                                                                      "text"));
  g_ptr_array_add (texts, NULL);
  g_assert_cmpstrv ((const char * const *) texts->pdata,
                    ((const char * const []) { "  ", "Anna", "said", ":", "\n\n", "\"", "We", " ", "grow", ".",
                                               "\"", "\t ", "Acme", "😀", "agreed", ".", NULL }));
}

static const char prodigy_tasks[] =
  "{\"text\":\"Uber\u2019s Lesson: Start-Up Needs Fixing\",\"_input_hash\":1,\"_task_hash\":2,"
   "\"tokens\":[{\"text\":\"Uber\",\"start\":0,\"end\":4,\"id\":0},{\"text\":\"\u2019s\",\"start\":4,\"end\":6,\"id\":1},"
     "{\"text\":\"Lesson\",\"start\":7,\"end\":13,\"id\":2},{\"text\":\":\",\"start\":13,\"end\":14,\"id\":3},"
     "{\"text\":\"Start\",\"start\":15,\"end\":20,\"id\":4},{\"text\":\"-\",\"start\":20,\"end\":21,\"id\":5},"
     "{\"text\":\"Up\",\"start\":21,\"end\":23,\"id\":6},{\"text\":\"Needs\",\"start\":24,\"end\":29,\"id\":7},"
     "{\"text\":\"Fixing\",\"start\":30,\"end\":36,\"id\":8}],"
   "\"spans\":[{\"start\":0,\"end\":4,\"token_start\":0,\"token_end\":0,\"label\":\"ORG\"}],\"answer\":\"accept\"}\n"
  "{\"text\":\"Cafe\u0301 Ni\u00f1o\",\"tokens\":[{\"text\":\"Cafe\u0301\",\"start\":0,\"end\":5,\"id\":0},"
     "{\"text\":\"Ni\u00f1o\",\"start\":6,\"end\":10,\"id\":1}],"
   "\"spans\":[{\"start\":6,\"end\":10,\"token_start\":1,\"token_end\":1,\"label\":\"ORG\"}],\"answer\":\"accept\"}\n";

/* The tokens a task came with go back out as they came, so that its spans
 * stay on their tokens ("Uber" before "’s"); a text that normalisation
 * changed gets Gloss's tokens, which fit it. */
static void
test_prodigy_kept_tokens (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *path = write_file (f, "tasks.jsonl", prodigy_tasks);
  g_autofree char *out = in_dir (f, "again.jsonl");
  g_autoptr(GlossReport) imported = import_into (f->store, path, "prodigy");
  g_autoptr(GPtrArray) given = read_lines (path);
  g_autoptr(GPtrArray) tasks = NULL;
  JsonArray *before, *after;

  g_assert_cmpuint (gloss_report_count (imported, GLOSS_REPORT_PROBLEM), ==, 0);
  export_to (f->store, "prodigy", out);
  g_assert_cmpuint (check_prodigy_file (out), ==, 0);

  tasks = read_lines (out);
  before = json_object_get_array_member (record_at (given, 0), "tokens");
  after = json_object_get_array_member (record_at (tasks, 0), "tokens");
  g_assert_cmpuint (json_array_get_length (after), ==, json_array_get_length (before));
  for (guint i = 0; i < json_array_get_length (before); i++)
    {
      JsonObject *a = json_array_get_object_element (before, i), *b = json_array_get_object_element (after, i);

      g_assert_cmpstr (json_object_get_string_member (a, "text"), ==, json_object_get_string_member (b, "text"));
      g_assert_cmpint (int_member (a, "start"), ==, int_member (b, "start"));
      g_assert_cmpint (int_member (a, "end"), ==, int_member (b, "end"));
    }
  g_assert_cmpint (json_object_get_int_member (record_at (tasks, 0), "_input_hash"), ==, 1);
  /* NFC made "Café" one code point shorter: those tokens no longer fit. */
  g_assert_cmpstr (json_object_get_string_member (record_at (tasks, 1), "text"), ==, "Caf\u00e9 Ni\u00f1o");
  g_assert_cmpint (int_member (json_array_get_object_element (json_object_get_array_member (record_at (tasks, 1),
                                                                                            "tokens"), 1),
                               "start"), ==, 5);
}

/* Prodigy's annotated headlines come back with the tokens they came with,
 * not one span off its tokens, and the same spans. */
static void
test_prodigy_headlines (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path =
    shared_path ("other/prodigy_jsonl/annotated_news_headlines-ORG-PERSON-LOCATION-ner.jsonl");
  g_autofree char *out = in_dir (f, "headlines.jsonl");
  g_autoptr(GlossReport) imported = NULL;
  g_autoptr(GlossReport) back = NULL;
  g_autoptr(GlossStore) again = NULL;
  g_autoptr(GPtrArray) given = NULL;
  g_autoptr(GPtrArray) tasks = NULL;

  if (path == NULL)
    return;
  imported = import_into (f->store, path, "prodigy");
  g_assert_cmpuint (gloss_report_count (imported, GLOSS_REPORT_PROBLEM), ==, 0);
  export_to (f->store, "prodigy", out);
  g_assert_cmpuint (check_prodigy_file (out), ==, 0);

  given = read_lines (path);
  tasks = read_lines (out);
  g_assert_cmpuint (tasks->len, ==, given->len);
  for (guint i = 0; i < given->len; i++)
    {
      JsonArray *before = json_object_get_array_member (record_at (given, i), "tokens");
      JsonArray *after = json_object_get_array_member (record_at (tasks, i), "tokens");

      g_assert_cmpuint (json_array_get_length (after), ==, json_array_get_length (before));
      for (guint j = 0; j < json_array_get_length (before); j++)
        g_assert_cmpint (int_member (json_array_get_object_element (after, j), "end"), ==,
                         int_member (json_array_get_object_element (before, j), "end"));
    }

  again = open_project (f, "again.gloss");
  back = import_into (again, out, "prodigy");
  g_assert_cmpuint (gloss_report_count (back, GLOSS_REPORT_PROBLEM), ==, 0);
  assert_same_spans (f->store, again);
}

/* The headlines without the tokens they came with: every record as a line
 * with its "tokens" left out. */
static char *
write_without_tokens (Fixture    *f,
                      const char *path)
{
  g_autoptr(GPtrArray) records = read_lines (path);
  g_autoptr(GString) lines = g_string_new (NULL);

  for (guint i = 0; i < records->len; i++)
    {
      g_autofree char *line = NULL;

      json_object_remove_member (record_at (records, i), "tokens");
      line = json_to_string (g_ptr_array_index (records, i), FALSE);
      g_string_append_printf (lines, "%s\n", line);
    }
  return write_file (f, "untokenized.jsonl", lines->str);
}

/* How many tasks have exactly the tokens (start and end) of the tasks in
 * @path; a figure to report, not a rule: ICU and spaCy differ elsewhere
 * ("U.S." is "U.S" and "." to ICU). */
static guint
same_tokens (const char *path,
             GPtrArray  *tasks)
{
  g_autoptr(GPtrArray) given = read_lines (path);
  guint same = 0;

  for (guint i = 0; i < given->len && i < tasks->len; i++)
    {
      JsonArray *before = json_object_get_array_member (record_at (given, i), "tokens");
      JsonArray *after = json_object_get_array_member (record_at (tasks, i), "tokens");
      gboolean equal = json_array_get_length (before) == json_array_get_length (after);

      for (guint j = 0; equal && j < json_array_get_length (before); j++)
        {
          JsonObject *a = json_array_get_object_element (before, j), *b = json_array_get_object_element (after, j);

          equal = int_member (a, "start") == int_member (b, "start") && int_member (a, "end") == int_member (b, "end");
        }
      same += equal;
    }
  return same;
}

/* Without their tokens the headlines get Gloss's own, which split clitics
 * as spaCy's English rules do ("Uber" before "’s"), so that not one span
 * falls inside a token and the tokens still rebuild each text. */
static void
test_prodigy_headlines_own_tokens (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *path =
    shared_path ("other/prodigy_jsonl/annotated_news_headlines-ORG-PERSON-LOCATION-ner.jsonl");
  g_autofree char *untokenized = NULL;
  g_autofree char *out = in_dir (f, "headlines.jsonl");
  g_autoptr(GlossReport) imported = NULL;
  g_autoptr(GlossReport) back = NULL;
  g_autoptr(GlossStore) again = NULL;
  g_autoptr(GPtrArray) tasks = NULL;
  guint misaligned;

  if (path == NULL)
    return;
  untokenized = write_without_tokens (f, path);
  imported = import_into (f->store, untokenized, "prodigy");
  g_assert_cmpuint (gloss_report_count (imported, GLOSS_REPORT_PROBLEM), ==, 0);
  export_to (f->store, "prodigy", out);
  misaligned = check_prodigy_file (out);
  g_test_message ("%u spans off Gloss's own token boundaries", misaligned);
  g_assert_cmpuint (misaligned, ==, 0);
  tasks = read_lines (out);
  g_assert_cmpuint (tasks->len, ==, 373);
  g_test_message ("%u of 373 headlines have spaCy's tokens exactly", same_tokens (path, tasks));

  again = open_project (f, "again.gloss");
  back = import_into (again, out, "prodigy");
  g_assert_cmpuint (gloss_report_count (back, GLOSS_REPORT_PROBLEM), ==, 0);
  assert_same_spans (f->store, again);
}

/* ---- brat's rules ---------------------------------------------------------------- */

/* Checks every document of a brat folder (tests/brat-verify.c); returns the
 * .ann lines read. */
static guint
check_brat_folder (const char *folder)
{
  guint lines_read = 0;

  g_assert_cmpuint (brat_verify_folder (folder, &lines_read), ==, 0);
  return lines_read;
}

/* ---- brat ------------------------------------------------------------------------- */

static const char brat_native[] =
  "{\"id\":\"q\",\"text\":\"Anna Berg said:\\n\\n\\\"We grow.\\n\\nWe hire.\\\"\\nAcme Ltd agreed.\","
   "\"spans\":[{\"id\":\"p\",\"label\":\"PERSON\",\"start\":0,\"end\":9},"
             "{\"id\":\"s\",\"label\":\"SOURCE\",\"start\":0,\"end\":9},"
             "{\"id\":\"c\",\"label\":\"CUE\",\"start\":10,\"end\":14},"
             "{\"id\":\"quote\",\"label\":\"QUOTE\",\"start\":17,\"end\":37},"
             "{\"id\":\"we\",\"label\":\"NORP\",\"start\":18,\"end\":20},"
             "{\"id\":\"o\",\"label\":\"ORG\",\"start\":38,\"end\":46},"
             "{\"id\":\"x\",\"label\":\"FAC\",\"start\":43,\"end\":53},"
             "{\"id\":\"k\",\"label\":\"CLAIM\",\"start\":18,\"end\":26,"
              "\"attrs\":{\"checkworthiness\":\"CFS\",\"verdict\":\"true, see the annual report\"}}],"
   "\"relations\":[{\"id\":\"r1\",\"type\":\"SPEAKER\",\"from_id\":\"quote\",\"to_id\":\"p\"}]}\n";

/* A quote over three paragraphs goes out as one fragment a line, the
 * nested, equal and crossing spans are declared in annotation.conf, a
 * free-text attribute is a note; brat's rules hold and the spans come back. */
static void
test_brat_rules (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *native = write_file (f, "native.jsonl", brat_native);
  g_autofree char *folder = in_dir (f, "brat");
  g_autofree char *ann_path = g_build_filename (folder, "q.ann", NULL);
  g_autoptr(GlossReport) imported = import_into (f->store, native, "jsonl");
  g_autoptr(GlossStore) again = open_project (f, "again.gloss");
  g_autoptr(GlossReport) back = NULL;
  g_autofree char *ann = NULL;

  g_assert_cmpuint (gloss_report_count (imported, GLOSS_REPORT_PROBLEM), ==, 0);
  export_to (f->store, "brat", folder);
  g_assert_cmpuint (check_brat_folder (folder), >, 0);
  g_assert_true (g_file_get_contents (ann_path, &ann, NULL, NULL));
  g_assert_nonnull (strstr (ann, "\tQUOTE 17 26;28 37\t\"We grow. We hire.\"\n"));
  g_assert_nonnull (strstr (ann, "\tverdict: true, see the annual report\n"));
  g_assert_null (strstr (ann, " verdict "));

  back = import_into (again, folder, "brat");
  g_assert_cmpuint (gloss_report_count (back, GLOSS_REPORT_PROBLEM), ==, 0);
  assert_same_spans (f->store, again);
}

/* brat's own tutorial comes back with the same spans, and its export meets
 * brat's rules. */
static void
test_brat_tutorial (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *tutorial = shared_path ("brat/brat_tutorial_news");
  g_autofree char *folder = in_dir (f, "brat");
  g_autoptr(GlossReport) imported = NULL;
  g_autoptr(GlossReport) back = NULL;
  g_autoptr(GlossStore) again = NULL;

  if (tutorial == NULL)
    return;
  imported = import_into (f->store, tutorial, "brat");
  g_assert_cmpuint (gloss_report_count (imported, GLOSS_REPORT_PROBLEM), ==, 0);
  export_to (f->store, "brat", folder);
  g_assert_cmpuint (check_brat_folder (folder), >, 0);
  again = open_project (f, "again.gloss");
  back = import_into (again, folder, "brat");
  g_assert_cmpuint (gloss_report_count (back, GLOSS_REPORT_PROBLEM), ==, 0);
  assert_same_spans (f->store, again);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/consumers/doccano/one-form", test_doccano_one_form);
  ADD ("/consumers/doccano/label-form", test_doccano_label_form);
  ADD ("/consumers/doccano/card", test_doccano_card);
  ADD ("/consumers/doccano/shared", test_doccano_shared);
  ADD ("/consumers/prodigy/spacy-tokens", test_prodigy_spacy_tokens);
  ADD ("/consumers/prodigy/kept-tokens", test_prodigy_kept_tokens);
  ADD ("/consumers/prodigy/headlines", test_prodigy_headlines);
  ADD ("/consumers/prodigy/headlines-own-tokens", test_prodigy_headlines_own_tokens);
  ADD ("/consumers/brat/rules", test_brat_rules);
  ADD ("/consumers/brat/tutorial", test_brat_tutorial);
#undef ADD

  return g_test_run ();
}
