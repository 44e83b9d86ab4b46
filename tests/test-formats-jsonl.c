/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Research formats in JSON Lines that load with no conversion: plain JSONL
 * articles, spaCy/Prodigy JSONL and doccano, both ways. What a user relies on:
 * a Prodigy file round-trips its annotations, a faulty one imports what is
 * sound and names the line of the rest, doccano offsets are UTF-16 code units
 * after an emoji, and the format of a .jsonl file is guessed from its first
 * record. */
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
  g_assert_nonnull (store);
  return store;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("gloss-test-formats-XXXXXX", &error);
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

/* The shared data set, or NULL after marking the test skipped. */
static char *
shared_file (const char *relative)
{
  const char *root = g_getenv ("GLOSS_SHARED_DATA");
  g_autofree char *path = root != NULL ? g_build_filename (root, relative, NULL) : NULL;

  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
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
             const char *format,
             guint       expected)
{
  GlossReport *report = gloss_report_new (on_report, NULL);
  GlossImportOptions options = { .format = format };
  GlossImportResult result = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_import_path (store, path, &options, report, &result, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.imported, ==, expected);
  g_free (result.first_id);
  return report;
}

static GlossReport *
export_to (GlossStore *store,
           const char *format,
           const char *path)
{
  GlossReport *report = gloss_report_new (on_report, NULL);
  GlossExportOptions options = { .format = format, .output = path };
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_export (store, &options, NULL, report, NULL, NULL, &error));
  g_assert_no_error (error);
  return report;
}

/* The lines of a JSON Lines file, parsed. */
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

static gboolean
has_message (GlossReport *report,
             const char  *prefix,
             const char  *part,
             const char  *other)
{
  const char * const *messages = gloss_report_get_messages (report);

  for (guint i = 0; messages[i] != NULL; i++)
    if (g_str_has_prefix (messages[i], prefix) && (part == NULL || strstr (messages[i], part) != NULL)
        && (other == NULL || strstr (messages[i], other) != NULL))
      return TRUE;
  return FALSE;
}

static void
assert_message (GlossReport *report,
                const char  *prefix,
                const char  *part,
                const char  *other)
{
  if (!has_message (report, prefix, part, other))
    g_error ("no message “%s…%s…%s”", prefix, part ? part : "", other ? other : "");
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Every document's spans as "LABEL start end" lines, sorted, by text: what a
 * round trip must keep, whatever the ids. */
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
      g_autofree char *joined = NULL;

      g_assert_no_error (error);
      for (guint j = 0; j < spans->len; j++)
        {
          const GlossSpan *span = g_ptr_array_index (spans, j);

          g_ptr_array_add (lines, g_strdup_printf ("%s %d %d", span->label, gloss_span_get_start (span),
                                                   gloss_span_get_end (span)));
        }
      g_ptr_array_sort (lines, compare_strings);
      g_ptr_array_add (lines, NULL);
      joined = g_strjoinv ("\n", (char **) lines->pdata);
      g_hash_table_insert (table, g_strdup (document->text), g_steal_pointer (&joined));
    }
  return table;
}

/* The spans of the only document whose text starts with @start, as "LABEL
 * text" lines in reading order. */
static char *
spans_of (GlossStore *store,
          const char *start)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = gloss_store_list_documents (store, &error);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < documents->len; i++)
    {
      const GlossDocument *listed = g_ptr_array_index (documents, i);
      g_autoptr(GlossDocument) document = gloss_store_get_document_by_rowid (store, listed->rowid, &error);
      g_autoptr(GPtrArray) spans = NULL;

      if (!g_str_has_prefix (document->text, start))
        continue;
      spans = gloss_store_list_spans (store, listed->rowid, &error);
      for (guint j = 0; j < spans->len; j++)
        {
          const GlossSpan *span = g_ptr_array_index (spans, j);
          const char *from = g_utf8_offset_to_pointer (document->text, gloss_span_get_start (span));
          const char *to = g_utf8_offset_to_pointer (document->text, gloss_span_get_end (span));

          g_string_append_printf (out, "%s%s %.*s", out->len ? "\n" : "", span->label, (int) (to - from), from);
        }
      return g_string_free (out, FALSE);
    }
  g_error ("no document starts with “%s”", start);
  return NULL;
}

/* The UTF-16 offset of @needle in @text, computed apart from Gloss: the length
 * in UTF-16 code units of the text before it. */
static gint
utf16_offset (const char *text,
              const char *needle)
{
  const char *at = strstr (text, needle);
  glong units = 0;
  g_autofree gunichar2 *u16 = NULL;

  g_assert_nonnull (at);
  u16 = g_utf8_to_utf16 (text, at - text, NULL, &units, NULL);
  g_assert_nonnull (u16);
  return (gint) units;
}

static gint
utf16_length (const char *text)
{
  glong units = 0;
  g_autofree gunichar2 *u16 = g_utf8_to_utf16 (text, -1, NULL, &units, NULL);

  return (gint) units;
}

/* ---- JSON Lines articles ------------------------------------------------------------------ */

static void
test_jsonl_articles (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = write_file (f, "articles.jsonl",
    "{\"id\":\"a1\",\"title\":\"Flat keys\",\"url\":\"https://example.org/1\",\"date\":\"2024-05-06\","
      "\"source\":\"Example News\",\"text\":\"An article with flat keys.\"}\n"
    "{\"id\":\"a2\",\"text\":\"A broken line\n"
    "\n"
    "{\"text\":\"An article with meta.\",\"meta\":{\"url\":\"https://example.org/3\",\"desk\":\"world\"}}\n"
    "{\"title\":\"No text at all\"}\n");
  g_autoptr(GlossReport) report = NULL;
  g_autoptr(GlossDocument) a1 = NULL;
  g_autoptr(JsonNode) meta = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *m;

  g_assert_cmpstr (gloss_import_guess_format (path, NULL), ==, "jsonl");
  report = import_into (f->store, path, NULL, 2);
  assert_message (report, "", "articles.jsonl:2: ", "JSON");
  assert_message (report, "", "articles.jsonl:5: ", "text");
  g_assert_cmpuint (gloss_report_count (report, GLOSS_REPORT_PROBLEM), ==, 2);

  a1 = gloss_store_get_document (f->store, "a1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (a1->title, ==, "Flat keys");
  g_assert_cmpstr (a1->text, ==, "An article with flat keys.");
  meta = json_from_string (a1->meta, &error);
  g_assert_no_error (error);
  m = json_node_get_object (meta);
  g_assert_cmpstr (json_object_get_string_member (m, "url"), ==, "https://example.org/1");
  g_assert_cmpstr (json_object_get_string_member (m, "source"), ==, "Example News");
  g_assert_cmpstr (json_object_get_string_member (m, "published"), ==, "2024-05-06");
}

/* A .json file holding JSON Lines is read line by line, not as its first
 * record alone. */
static void
test_jsonl_in_json_file (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = write_file (f, "two.json",
                                      "{\"text\":\"The first article.\"}\n{\"text\":\"The second article.\"}\n");
  g_autoptr(GlossReport) report = import_into (f->store, path, NULL, 2);

  g_assert_cmpuint (gloss_report_count (report, GLOSS_REPORT_PROBLEM), ==, 0);
}

/* ---- Guessing the format -------------------------------------------------------------- */

static void
test_sniff (Fixture       *f,
            gconstpointer  data)
{
  static const struct { const char *contents; const char *format; } cases[] = {
    { "{\"text\":\"a b\",\"label\":[[0,1,\"X\"]]}\n", "doccano" },
    { "{\"text\":\"a b\",\"labels\":[[0,1,\"X\"]]}\n", "doccano" },
    { "{\n  \"text\": \"a b\",\n  \"entities\": [{\"id\": 0, \"start_offset\": 0, \"end_offset\": 1, "
      "\"label\": \"X\"}],\n  \"relations\": []\n}\n", "doccano" },
    { "[{\"text\":\"a b\",\"entities\":[],\"relations\":[]}]\n", "doccano" },
    { "{\"text\":\"a b\",\"spans\":[{\"start\":0,\"end\":1,\"label\":\"X\"}]}\n", "prodigy" },
    { "{\"text\":\"a b\",\"tokens\":[{\"text\":\"a\",\"start\":0,\"end\":1,\"id\":0}]}\n", "prodigy" },
    { "{\"text\":\"a b\",\"_input_hash\":1,\"_task_hash\":2}\n", "prodigy" },
    { "not json\n{\"text\":\"a b\",\"_input_hash\":1}\n", "prodigy" },
    { "{\"text\":\"a b\",\"spans\":[{\"id\":\"s1\",\"start\":0,\"end\":1,\"label\":\"X\"}]}\n", "jsonl" },
    { "{\"text\":\"a b\",\"spans\":[{\"label\":\"X\",\"fragments\":[[0,1]]}],\"entities\":[]}\n", "jsonl" },
    { "{\"text\":\"a b\",\"text_sha256\":\"0\",\"spans\":[],\"entities\":[]}\n", "jsonl" },
    { "{\"text\":\"a b\",\"title\":\"T\",\"url\":\"https://example.org\"}\n", "jsonl" },
    { "{\"text\":\"a b\",\"label\":[\"positive\"]}\n", "jsonl" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("case-%u.jsonl", i);
      g_autofree char *path = write_file (f, name, cases[i].contents);

      g_test_message ("case %u", i);
      g_assert_cmpstr (gloss_import_guess_format (path, NULL), ==, cases[i].format);
    }
}

/* ---- spaCy/Prodigy -------------------------------------------------------------------- */

/* The exported tokens slice the text, and each span's inclusive token range
 * covers it. */
static void
assert_prodigy_line (JsonObject *line)
{
  const char *text = json_object_get_string_member (line, "text");
  JsonArray *tokens = json_object_get_array_member (line, "tokens");
  JsonArray *spans = json_object_get_array_member (line, "spans");

  for (guint i = 0; i < json_array_get_length (tokens); i++)
    {
      JsonObject *t = json_array_get_object_element (tokens, i);
      const char *from = g_utf8_offset_to_pointer (text, json_object_get_int_member (t, "start"));
      const char *to = g_utf8_offset_to_pointer (text, json_object_get_int_member (t, "end"));
      g_autofree char *slice = g_strndup (from, to - from);

      g_assert_cmpint (json_object_get_int_member (t, "id"), ==, i);
      g_assert_cmpstr (json_object_get_string_member (t, "text"), ==, slice);
    }
  for (guint i = 0; i < json_array_get_length (spans); i++)
    {
      JsonObject *s = json_array_get_object_element (spans, i);
      gint64 first = json_object_get_int_member (s, "token_start");
      gint64 last = json_object_get_int_member (s, "token_end");

      g_assert_cmpint (first, <=, last);
      g_assert_cmpint (last, <, json_array_get_length (tokens));
      g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (tokens, first), "start"),
                       <, json_object_get_int_member (s, "end"));
      g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (tokens, last), "end"),
                       >, json_object_get_int_member (s, "start"));
    }
  g_assert_true (json_object_has_member (line, "answer"));
}

static void
test_prodigy_round_trip (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *source = shared_file ("other/prodigy_jsonl/annotated_news_headlines-ORG-PERSON-LOCATION-ner.jsonl");
  g_autofree char *exported = NULL;
  g_autoptr(GlossStore) again = NULL;
  g_autoptr(GlossReport) first = NULL;
  g_autoptr(GlossReport) written = NULL;
  g_autoptr(GlossReport) second = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GPtrArray) original = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GHashTable) hashes = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer text, spans;
  guint with_spans = 0;

  if (source == NULL)
    return;

  g_assert_cmpstr (gloss_import_guess_format (source, NULL), ==, "prodigy");
  original = read_lines (source);
  first = import_into (f->store, source, NULL, original->len);
  g_assert_cmpuint (gloss_report_count (first, GLOSS_REPORT_PROBLEM), ==, 0);
  before = spans_by_text (f->store);

  /* What was imported is what the file says. */
  for (guint i = 0; i < original->len; i++)
    {
      JsonObject *task = record_at (original, i);
      JsonArray *task_spans = json_object_has_member (task, "spans")
                              ? json_object_get_array_member (task, "spans") : NULL;
      const char *stored = g_hash_table_lookup (before, json_object_get_string_member (task, "text"));

      g_assert_nonnull (stored);
      if (task_spans == NULL || json_array_get_length (task_spans) == 0)
        {
          g_assert_cmpstr (stored, ==, "");
          continue;
        }
      with_spans++;
      for (guint j = 0; j < json_array_get_length (task_spans); j++)
        {
          JsonObject *s = json_array_get_object_element (task_spans, j);
          g_autofree char *line = g_strdup_printf ("%s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                                                   json_object_get_string_member (s, "label"),
                                                   json_object_get_int_member (s, "start"),
                                                   json_object_get_int_member (s, "end"));

          g_assert_nonnull (strstr (stored, line));
        }
      g_hash_table_insert (hashes, (gpointer) json_object_get_string_member (task, "text"),
                           GINT_TO_POINTER ((gint) json_object_get_int_member (task, "_input_hash")));
    }
  g_assert_cmpuint (with_spans, >, 200);

  exported = g_build_filename (f->dir, "prodigy.jsonl", NULL);
  written = export_to (f->store, "prodigy", exported);
  lines = read_lines (exported);
  g_assert_cmpuint (lines->len, ==, original->len);
  for (guint i = 0; i < lines->len; i++)
    {
      JsonObject *line = record_at (lines, i);
      gpointer hash = g_hash_table_lookup (hashes, json_object_get_string_member (line, "text"));

      assert_prodigy_line (line);
      if (hash != NULL)
        g_assert_cmpint (json_object_get_int_member (line, "_input_hash"), ==, GPOINTER_TO_INT (hash));
    }

  again = open_project (f, "again.gloss");
  g_assert_cmpstr (gloss_import_guess_format (exported, NULL), ==, "prodigy");
  second = import_into (again, exported, NULL, original->len);
  g_assert_cmpuint (gloss_report_count (second, GLOSS_REPORT_PROBLEM), ==, 0);
  after = spans_by_text (again);

  g_assert_cmpuint (g_hash_table_size (after), ==, g_hash_table_size (before));
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &text, &spans))
    g_assert_cmpstr (g_hash_table_lookup (after, text), ==, spans);
}

/* The ignored task keeps its answer through import and export. */
static void
test_prodigy_answers (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = write_file (f, "answers.jsonl",
    "{\"text\":\"Anna met Bob.\",\"spans\":[{\"start\":0,\"end\":4,\"label\":\"PERSON\"}],"
      "\"answer\":\"reject\",\"_input_hash\":11,\"_task_hash\":-12,\"_view_id\":\"ner_manual\","
      "\"meta\":{\"source\":\"Wire\"}}\n"
    "{\"text\":\"Nothing to see here.\",\"answer\":\"ignore\",\"_input_hash\":13}\n");
  g_autofree char *out = g_build_filename (f->dir, "out.jsonl", NULL);
  g_autoptr(GlossReport) report = import_into (f->store, path, NULL, 2);
  g_autoptr(GlossReport) written = export_to (f->store, "prodigy", out);
  g_autoptr(GPtrArray) lines = read_lines (out);
  JsonObject *first = record_at (lines, 0);

  g_assert_cmpuint (gloss_report_count (report, GLOSS_REPORT_PROBLEM), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "answer"), ==, "reject");
  g_assert_cmpint (json_object_get_int_member (first, "_input_hash"), ==, 11);
  g_assert_cmpint (json_object_get_int_member (first, "_task_hash"), ==, -12);
  g_assert_cmpstr (json_object_get_string_member (first, "_view_id"), ==, "ner_manual");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (first, "meta"), "source"),
                   ==, "Wire");
  g_assert_false (json_object_has_member (json_object_get_object_member (first, "meta"), "prodigy"));
  g_assert_cmpstr (json_object_get_string_member (record_at (lines, 1), "answer"), ==, "ignore");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (record_at (lines, 1), "spans")), ==, 0);
}

/* Line 1: a sound span, a span past the end, a span whose start is a string, a
 * relation to its sound span and one to a token in no span; 2: not JSON; 3:
 * no text; 4: a relation whose child_span is not in `spans` (added) and one
 * whose head_span has no label and matches nothing; 5: spans by tokens only,
 * one past the tokens; 6: not an object; 7: a span with a fractional end. */
static const char faulty_prodigy[] =
  "{\"text\":\"Anna met Bob in Oslo.\",\"_input_hash\":1,\"spans\":["
    "{\"start\":0,\"end\":4,\"label\":\"PERSON\"},"
    "{\"start\":16,\"end\":99,\"label\":\"GPE\"},"
    "{\"start\":\"9\",\"end\":12,\"label\":\"PERSON\"},"
    "{\"start\":9,\"end\":12,\"token_start\":2,\"token_end\":2,\"label\":\"PERSON\"}],"
   "\"relations\":["
    "{\"head\":0,\"child\":2,\"label\":\"MET\","
      "\"head_span\":{\"start\":0,\"end\":4,\"token_start\":0,\"token_end\":0,\"label\":\"PERSON\"},"
      "\"child_span\":{\"start\":9,\"end\":12,\"token_start\":2,\"token_end\":2,\"label\":\"PERSON\"}},"
    "{\"head\":0,\"child\":3,\"label\":\"IN\"}],"
   "\"answer\":\"accept\"}\n"
  "{\"text\": \"broken\n"
  "{\"spans\":[],\"answer\":\"accept\"}\n"
  "{\"text\":\"Putin visited Paris.\",\"spans\":[{\"start\":0,\"end\":5,\"label\":\"PERSON\"}],\"relations\":["
    "{\"head\":0,\"child\":2,\"label\":\"VISITED\","
      "\"head_span\":{\"start\":0,\"end\":5,\"token_start\":0,\"token_end\":0,\"label\":\"PERSON\"},"
      "\"child_span\":{\"start\":14,\"end\":19,\"token_start\":2,\"token_end\":2,\"label\":\"GPE\"}},"
    "{\"head\":1,\"child\":0,\"label\":\"ODD\","
      "\"head_span\":{\"start\":6,\"end\":13,\"token_start\":1,\"token_end\":1,\"label\":null},"
      "\"child_span\":{\"start\":0,\"end\":5,\"token_start\":0,\"token_end\":0,\"label\":\"PERSON\"}}]}\n"
  "{\"text\":\"Spans by tokens only.\",\"tokens\":[{\"text\":\"Spans\",\"start\":0,\"end\":5,\"id\":0},"
    "{\"text\":\"by\",\"start\":6,\"end\":8,\"id\":1}],"
   "\"spans\":[{\"token_start\":0,\"token_end\":1,\"label\":\"PHRASE\"},{\"token_start\":4,\"token_end\":9,\"label\":\"PHRASE\"}]}\n"
  "[1, 2]\n"
  "{\"text\":\"Half a span.\",\"spans\":[{\"start\":0,\"end\":4.5,\"label\":\"X\"},{\"start\":5,\"end\":6,\"label\":\"X\"}]}\n";

static void
test_prodigy_faulty (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = write_file (f, "faulty.jsonl", faulty_prodigy);
  g_autoptr(GlossReport) report = NULL;
  g_autofree char *first = NULL, *fourth = NULL, *fifth = NULL, *seventh = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  guint relations = 0;

  g_assert_cmpstr (gloss_import_guess_format (path, NULL), ==, "prodigy");
  report = import_into (f->store, path, NULL, 4);

  assert_message (report, "", "faulty.jsonl:1: ", "span 2: offsets [16, 99] are outside the text");
  assert_message (report, "", "faulty.jsonl:1: ", "span 3: start and end must be whole numbers");
  assert_message (report, "", "faulty.jsonl:1: ", "relation 2: child token 3 is in no span");
  assert_message (report, "", "faulty.jsonl:2: ", "not valid JSON");
  assert_message (report, "", "faulty.jsonl:3: ", "text");
  assert_message (report, "", "faulty.jsonl:4: ", "relation 2: head_span: [6, 13] is not one of the spans");
  assert_message (report, "", "faulty.jsonl:5: ", "span 2: tokens 4 to 9 are not tokens");
  assert_message (report, "", "faulty.jsonl:6: ", "not a JSON object");
  assert_message (report, "", "faulty.jsonl:7: ", "span 1: start and end must be whole numbers");
  g_assert_cmpuint (gloss_report_count (report, GLOSS_REPORT_PROBLEM), ==, 9);

  first = spans_of (f->store, "Anna");
  g_assert_cmpstr (first, ==, "PERSON Anna\nPERSON Bob");
  fourth = spans_of (f->store, "Putin");
  g_assert_cmpstr (fourth, ==, "PERSON Putin\nGPE Paris");
  fifth = spans_of (f->store, "Spans");
  g_assert_cmpstr (fifth, ==, "PHRASE Spans by");
  seventh = spans_of (f->store, "Half");
  g_assert_cmpstr (seventh, ==, "X a");

  /* MET on line 1 and VISITED (to a span added from its child_span) on line 4. */
  documents = gloss_store_list_documents (f->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < documents->len; i++)
    {
      const GlossDocument *document = g_ptr_array_index (documents, i);
      g_autoptr(GPtrArray) list = gloss_store_list_relations (f->store, document->rowid, &error);

      g_assert_no_error (error);
      for (guint j = 0; j < list->len; j++)
        {
          const GlossRelation *r = g_ptr_array_index (list, j);

          g_assert_true (g_str_equal (r->type, "MET") || g_str_equal (r->type, "VISITED"));
          relations++;
        }
    }
  g_assert_cmpuint (relations, ==, 2);
}

/* Relations go out in Prodigy's head/child form and come back; a span that
 * cuts a token is written with the tokens it overlaps, and said once. */
static void
test_prodigy_relations (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *native = write_file (f, "native.jsonl",
    "{\"id\":\"q\",\"text\":\"Vladimir Putin said he was ready.\",\"spans\":["
      "{\"id\":\"s1\",\"label\":\"PERSON\",\"start\":0,\"end\":14},"
      "{\"id\":\"s2\",\"label\":\"CUE\",\"start\":15,\"end\":19},"
      "{\"id\":\"s3\",\"label\":\"QUOTE\",\"start\":20,\"end\":33},"
      "{\"id\":\"s4\",\"label\":\"PERSON\",\"start\":10,\"end\":12}],"
     "\"relations\":[{\"id\":\"r1\",\"type\":\"SPEAKER\",\"from_id\":\"s3\",\"to_id\":\"s1\"},"
      "{\"id\":\"r2\",\"type\":\"CUE\",\"from_id\":\"s3\",\"to_id\":\"s2\"}]}\n");
  g_autofree char *out = g_build_filename (f->dir, "rel.jsonl", NULL);
  g_autoptr(GlossReport) imported = import_into (f->store, native, NULL, 1);
  g_autoptr(GlossReport) written = export_to (f->store, "prodigy", out);
  g_autoptr(GPtrArray) lines = read_lines (out);
  g_autoptr(GlossStore) again = NULL;
  g_autoptr(GlossReport) back = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *rels;
  JsonObject *speaker, *head_span, *child_span;

  g_assert_cmpuint (gloss_report_count (imported, GLOSS_REPORT_PROBLEM), ==, 0);
  assert_message (written, "", "rel.jsonl: 1 span does not start and end on token boundaries", NULL);
  assert_prodigy_line (record_at (lines, 0));

  rels = json_object_get_array_member (record_at (lines, 0), "relations");
  g_assert_cmpuint (json_array_get_length (rels), ==, 2);
  speaker = json_array_get_object_element (rels, 0);
  head_span = json_object_get_object_member (speaker, "head_span");
  child_span = json_object_get_object_member (speaker, "child_span");
  g_assert_cmpstr (json_object_get_string_member (speaker, "label"), ==, "SPEAKER");
  g_assert_cmpint (json_object_get_int_member (head_span, "start"), ==, 20);
  g_assert_cmpint (json_object_get_int_member (head_span, "end"), ==, 33);
  g_assert_cmpstr (json_object_get_string_member (head_span, "label"), ==, "QUOTE");
  g_assert_cmpint (json_object_get_int_member (speaker, "head"), ==,
                   json_object_get_int_member (head_span, "token_end"));
  g_assert_cmpint (json_object_get_int_member (child_span, "start"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (child_span, "end"), ==, 14);
  g_assert_cmpint (json_object_get_int_member (child_span, "token_start"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (child_span, "token_end"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (speaker, "child"), ==, 1);

  again = open_project (f, "again.gloss");
  back = import_into (again, out, "prodigy", 1);
  g_assert_cmpuint (gloss_report_count (back, GLOSS_REPORT_PROBLEM), ==, 0);
  documents = gloss_store_list_documents (again, &error);
  g_assert_no_error (error);
  spans = gloss_store_list_spans (again, ((GlossDocument *) g_ptr_array_index (documents, 0))->rowid, &error);
  relations = gloss_store_list_relations (again, ((GlossDocument *) g_ptr_array_index (documents, 0))->rowid,
                                          &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 4);
  g_assert_cmpuint (relations->len, ==, 2);
  for (guint i = 0; i < relations->len; i++)
    {
      const GlossRelation *r = g_ptr_array_index (relations, i);
      const GlossSpan *from = NULL, *to = NULL;

      for (guint j = 0; j < spans->len; j++)
        {
          const GlossSpan *s = g_ptr_array_index (spans, j);

          if (g_str_equal (s->id, r->from_id))
            from = s;
          if (g_str_equal (s->id, r->to_id))
            to = s;
        }
      g_assert_nonnull (from);
      g_assert_nonnull (to);
      g_assert_cmpstr (from->label, ==, "QUOTE");
      g_assert_cmpstr (to->label, ==, g_str_equal (r->type, "SPEAKER") ? "PERSON" : "CUE");
      g_assert_cmpint (gloss_span_get_start (to), ==, g_str_equal (r->type, "SPEAKER") ? 0 : 15);
    }
}

/* ---- doccano -------------------------------------------------------------------------- */

static void
test_doccano_shared (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *sequence = shared_file ("other/doccano_jsonl/doccano_export_sequence_labeling_example.jsonl");
  g_autofree char *relation = shared_file ("other/doccano_jsonl/"
                                           "doccano_import_relation_extraction_example_PRETTY_PRINTED.jsonl");
  g_autofree char *duplicate = shared_file ("other/doccano_jsonl/"
                                            "doccano_test_example_overlapping_duplicate_spans.jsonl");
  g_autoptr(GlossReport) r1 = NULL, r2 = NULL, r3 = NULL;
  g_autofree char *eu = NULL, *peter = NULL, *obama = NULL, *google = NULL, *example = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;

  if (sequence == NULL || relation == NULL || duplicate == NULL)
    return;

  g_assert_cmpstr (gloss_import_guess_format (sequence, NULL), ==, "doccano");
  g_assert_cmpstr (gloss_import_guess_format (relation, NULL), ==, "doccano");
  g_assert_cmpstr (gloss_import_guess_format (duplicate, NULL), ==, "doccano");

  r1 = import_into (f->store, sequence, NULL, 3);
  g_assert_cmpuint (gloss_report_count (r1, GLOSS_REPORT_PROBLEM), ==, 0);
  eu = spans_of (f->store, "EU rejects");
  g_assert_cmpstr (eu, ==, "ORG EU\nMISC German");
  peter = spans_of (f->store, "Peter");
  g_assert_cmpstr (peter, ==, "PERSON Peter Blackburn");
  obama = spans_of (f->store, "President");
  g_assert_cmpstr (obama, ==, "PERSON Obama");

  /* One record pretty-printed over many lines, despite .jsonl. */
  r2 = import_into (f->store, relation, NULL, 1);
  g_assert_cmpuint (gloss_report_count (r2, GLOSS_REPORT_PROBLEM), ==, 0);
  google = spans_of (f->store, "Google");
  g_assert_cmpstr (google, ==, "ORG Google\nDATE September 4, 1998\nPERSON Larry Page\nPERSON Sergey Brin");
  documents = gloss_store_list_documents (f->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < documents->len; i++)
    {
      const GlossDocument *document = g_ptr_array_index (documents, i);
      g_autoptr(GPtrArray) relations = gloss_store_list_relations (f->store, document->rowid, &error);
      g_autoptr(GPtrArray) spans = gloss_store_list_spans (f->store, document->rowid, &error);
      g_autoptr(GHashTable) labels = g_hash_table_new (g_str_hash, g_str_equal);
      GString *seen = g_string_new (NULL);

      if (relations->len == 0)
        {
          g_string_free (seen, TRUE);
          continue;
        }
      for (guint j = 0; j < spans->len; j++)
        {
          const GlossSpan *s = g_ptr_array_index (spans, j);
          g_hash_table_insert (labels, s->id, s->label);
        }
      for (guint j = 0; j < relations->len; j++)
        {
          const GlossRelation *r = g_ptr_array_index (relations, j);

          g_string_append_printf (seen, "%s %s→%s;", r->type, (char *) g_hash_table_lookup (labels, r->from_id),
                                  (char *) g_hash_table_lookup (labels, r->to_id));
        }
      g_assert_cmpstr (seen->str, ==, "foundedAt ORG→DATE;foundedBy ORG→PERSON;foundedBy ORG→PERSON;");
      g_string_free (seen, TRUE);
    }

  /* The same span twice is kept once, with a notice, and doccano's `meta` is kept. */
  r3 = import_into (f->store, duplicate, NULL, 1);
  g_assert_cmpuint (gloss_report_count (r3, GLOSS_REPORT_PROBLEM), ==, 0);
  assert_message (r3, "", "overlapping_duplicate_spans.jsonl:1: ", "kept once");
  example = spans_of (f->store, "exampleA");
  g_assert_cmpstr (example, ==, "LOC e");
}

static const char utf16_text[] = "😀 Anna met 𠮷野家 staff in 東京 👍🏽 today.";

static void
test_doccano_utf16 (Fixture       *f,
                    gconstpointer  data)
{
  static const char * const words[][2] = {
    { "Anna", "PERSON" }, { "𠮷野家", "ORG" }, { "東京", "GPE" }, { "today", "DATE" },
  };
  g_autoptr(GString) line = g_string_new ("{\"id\":42,\"text\":\"");
  g_autofree char *path = NULL, *out = NULL, *spans = NULL;
  g_autoptr(GlossReport) report = NULL, written = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  JsonArray *labels;

  /* The file's offsets, in UTF-16 code units counted apart from Gloss. */
  g_string_append (line, utf16_text);
  g_string_append (line, "\",\"label\":[");
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      gint start = utf16_offset (utf16_text, words[i][0]);

      g_string_append_printf (line, "%s[%d,%d,\"%s\"]", i ? "," : "", start,
                              start + utf16_length (words[i][0]), words[i][1]);
    }
  /* An offset between the two halves of 😀, and one past the end. */
  g_string_append_printf (line, ",[1,6,\"BAD\"],[0,%d,\"BAD\"]]}\n", utf16_length (utf16_text) + 1);
  path = write_file (f, "utf16.jsonl", line->str);

  report = import_into (f->store, path, NULL, 1);
  assert_message (report, "", "utf16.jsonl:1: ", "document 42 has characters outside the BMP");
  assert_message (report, "", "utf16.jsonl:1: ", "label 5: offset 1 falls inside a character outside the BMP");
  assert_message (report, "", "utf16.jsonl:1: ", "label 6: offsets");
  g_assert_cmpuint (gloss_report_count (report, GLOSS_REPORT_PROBLEM), ==, 2);
  spans = spans_of (f->store, "😀");
  g_assert_cmpstr (spans, ==, "PERSON Anna\nORG 𠮷野家\nGPE 東京\nDATE today");

  /* And back out: the same UTF-16 offsets, and a notice naming the document. */
  out = g_build_filename (f->dir, "out.jsonl", NULL);
  written = export_to (f->store, "doccano", out);
  assert_message (written, "", "out.jsonl: document", "has characters outside the BMP; doccano offsets are "
                                                       "UTF-16 code units");
  lines = read_lines (out);
  g_assert_cmpstr (json_object_get_string_member (record_at (lines, 0), "text"), ==, utf16_text);
  g_assert_cmpint (json_object_get_int_member (record_at (lines, 0), "doccano_id"), ==, 42);
  labels = json_object_get_array_member (record_at (lines, 0), "label");
  g_assert_cmpuint (json_array_get_length (labels), ==, G_N_ELEMENTS (words));
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      JsonArray *item = json_array_get_array_element (labels, i);
      gint start = utf16_offset (utf16_text, words[i][0]);

      g_assert_cmpint (json_array_get_int_element (item, 0), ==, start);
      g_assert_cmpint (json_array_get_int_element (item, 1), ==, start + utf16_length (words[i][0]));
      g_assert_cmpstr (json_array_get_string_element (item, 2), ==, words[i][1]);
    }
}

/* A document with relations goes out as a relation project, others as
 * sequence labelling; both come back the same. */
static void
test_doccano_export_forms (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *native = write_file (f, "native.jsonl",
    "{\"id\":\"rel\",\"text\":\"👍 Anna works for Acme.\",\"spans\":["
      "{\"id\":\"a\",\"label\":\"PERSON\",\"start\":2,\"end\":6},"
      "{\"id\":\"b\",\"label\":\"ORG\",\"start\":17,\"end\":21},"
      "{\"id\":\"c\",\"label\":\"MISC\",\"fragments\":[[7,12],[17,21]]}],"
     "\"relations\":[{\"id\":\"r1\",\"type\":\"WORKS_FOR\",\"from_id\":\"a\",\"to_id\":\"b\"}]}\n"
    "{\"id\":\"seq\",\"text\":\"Oslo is cold.\",\"spans\":[{\"id\":\"o\",\"label\":\"GPE\",\"start\":0,\"end\":4}]}\n");
  g_autofree char *out = g_build_filename (f->dir, "out.jsonl", NULL);
  g_autoptr(GlossReport) imported = import_into (f->store, native, NULL, 2);
  g_autoptr(GlossReport) written = export_to (f->store, "doccano", out);
  g_autoptr(GPtrArray) lines = read_lines (out);
  g_autoptr(GlossStore) again = NULL;
  g_autoptr(GlossReport) back = NULL;
  g_autofree char *rel = NULL, *seq = NULL;
  JsonObject *first = record_at (lines, 0);
  JsonArray *entities = json_object_get_array_member (first, "entities");
  JsonObject *relation = json_array_get_object_element (json_object_get_array_member (first, "relations"), 0);
  JsonObject *anna = json_array_get_object_element (entities, 0);
  JsonObject *acme = NULL, *second;

  g_assert_cmpuint (gloss_report_count (imported, GLOSS_REPORT_PROBLEM), ==, 0);
  assert_message (written, "", "out.jsonl: 1 discontinuous span", NULL);
  g_assert_false (json_object_has_member (first, "label"));
  g_assert_cmpuint (json_array_get_length (entities), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (anna, "label"), ==, "PERSON");
  g_assert_cmpint (json_object_get_int_member (anna, "start_offset"), ==, 3);   /* 👍 is two units */
  g_assert_cmpint (json_object_get_int_member (anna, "end_offset"), ==, 7);
  for (guint i = 0; i < json_array_get_length (entities); i++)
    if (json_object_get_int_member (json_array_get_object_element (entities, i), "id")
        == json_object_get_int_member (relation, "to_id"))
      acme = json_array_get_object_element (entities, i);
  g_assert_nonnull (acme);
  g_assert_cmpstr (json_object_get_string_member (acme, "label"), ==, "ORG");
  g_assert_cmpint (json_object_get_int_member (acme, "start_offset"), ==, 18);
  g_assert_cmpstr (json_object_get_string_member (relation, "type"), ==, "WORKS_FOR");
  g_assert_cmpint (json_object_get_int_member (relation, "from_id"), ==, json_object_get_int_member (anna, "id"));

  /* One form for the whole file: doccano reads one form per upload. */
  second = record_at (lines, 1);
  g_assert_false (json_object_has_member (second, "label"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (second, "entities")), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (second, "relations")), ==, 0);

  again = open_project (f, "again.gloss");
  g_assert_cmpstr (gloss_import_guess_format (out, NULL), ==, "doccano");
  back = import_into (again, out, NULL, 2);
  g_assert_cmpuint (gloss_report_count (back, GLOSS_REPORT_PROBLEM), ==, 0);
  rel = spans_of (again, "👍");
  g_assert_cmpstr (rel, ==, "PERSON Anna\nMISC works\nMISC Acme\nORG Acme");
  seq = spans_of (again, "Oslo");
  g_assert_cmpstr (seq, ==, "GPE Oslo");
}

/* A doccano file that is one JSON array, with a bad entity and a relation to
 * an entity that is not there. */
static void
test_doccano_array (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = write_file (f, "array.json",
    "[\n"
    "  {\"text\": \"Anna met Bob.\",\n"
    "   \"entities\": [{\"id\": 1, \"label\": \"PERSON\", \"start_offset\": 0, \"end_offset\": 4},\n"
    "                {\"id\": 2, \"label\": \"PERSON\", \"start_offset\": 9, \"end_offset\": 40},\n"
    "                {\"id\": 3, \"start_offset\": 9, \"end_offset\": 12}],\n"
    "   \"relations\": [{\"id\": 7, \"from_id\": 1, \"to_id\": 2, \"type\": \"MET\"}]},\n"
    "  {\"text\": \"Second record.\", \"label\": []}\n"
    "]\n");
  g_autoptr(GlossReport) report = NULL;
  g_autofree char *anna = NULL;

  g_assert_cmpstr (gloss_import_guess_format (path, NULL), ==, "doccano");
  report = import_into (f->store, path, NULL, 2);
  assert_message (report, "", "array.json:2: ", "entity 2: offsets [9, 40] are outside the text");
  assert_message (report, "", "array.json:2: ", "entity 3: no label");
  assert_message (report, "", "array.json:2: ", "relation 7: refers to entity 2");
  g_assert_cmpuint (gloss_report_count (report, GLOSS_REPORT_PROBLEM), ==, 3);
  anna = spans_of (f->store, "Anna");
  g_assert_cmpstr (anna, ==, "PERSON Anna");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/formats/jsonl/articles", test_jsonl_articles);
  ADD ("/formats/jsonl/lines-in-json-file", test_jsonl_in_json_file);
  ADD ("/formats/sniff", test_sniff);
  ADD ("/formats/prodigy/round-trip", test_prodigy_round_trip);
  ADD ("/formats/prodigy/answers", test_prodigy_answers);
  ADD ("/formats/prodigy/faulty", test_prodigy_faulty);
  ADD ("/formats/prodigy/relations", test_prodigy_relations);
  ADD ("/formats/doccano/shared", test_doccano_shared);
  ADD ("/formats/doccano/utf16", test_doccano_utf16);
  ADD ("/formats/doccano/export-forms", test_doccano_export_forms);
  ADD ("/formats/doccano/array", test_doccano_array);
#undef ADD

  return g_test_run ();
}
