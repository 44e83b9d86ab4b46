/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JSON that json-glib would take wrongly or not survive is refused with the
 * line and byte, and the rest of the file still imports: a NUL escape (which
 * silently cut texts and ids), nesting tens of thousands deep (which crashed
 * the parser), bytes that are not UTF-8. Numbers go out as valid JSON. */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "gloss-export.h"
#include "gloss-import.h"
#include "gloss-json.h"
#include "gloss-store.h"

typedef struct
{
  char        *dir;
  GlossStore  *store;
  GPtrArray   *messages;
} Fixture;

static void
on_report (GlossReportKind  kind,
           const char      *message,
           gpointer         user_data)
{
  Fixture *f = user_data;

  g_test_message ("%s", message);
  g_ptr_array_add (f->messages, g_strdup (message));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("gloss-test-json-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "p.gloss", NULL);
  f->store = gloss_store_open (path, GLOSS_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  f->messages = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_clear_object (&f->store);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (f->dir, name, NULL);

      g_unlink (child);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_ptr_array_unref (f->messages);
}

/* Imports @contents as a file named @name; returns how many documents came in. */
static guint
import (Fixture    *f,
        const char *name,
        const char *contents,
        gssize      length,
        gboolean    expect_refused)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GlossReport) report = gloss_report_new (on_report, f);
  GlossImportOptions options = { .format = "jsonl" };
  GlossImportResult result = { 0 };
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  ok = gloss_import_path (f->store, path, &options, report, &result, NULL, &error);
  if (expect_refused)
    {
      g_assert_false (ok);
      g_assert_nonnull (error);
      g_test_message ("refused: %s", error->message);
      g_ptr_array_add (f->messages, g_strdup (error->message));
    }
  else
    {
      g_assert_no_error (error);
      g_assert_true (ok);
    }
  g_free (result.first_id);
  return result.imported;
}

static gboolean
said (Fixture    *f,
      const char *part,
      const char *other)
{
  for (guint i = 0; i < f->messages->len; i++)
    {
      const char *m = g_ptr_array_index (f->messages, i);

      if (strstr (m, part) != NULL && (other == NULL || strstr (m, other) != NULL))
        return TRUE;
    }
  return FALSE;
}

static guint
count_documents (Fixture *f)
{
  g_autoptr(GPtrArray) documents = gloss_store_list_documents (f->store, NULL);

  return documents->len;
}

static void
test_nul (Fixture       *f,
          gconstpointer  data)
{
  const char *input =
    "{\"id\": \"a\", \"text\": \"Hello\\u0000 world\"}\n"
    "{\"id\": \"b\\u0000c\", \"text\": \"An id with a NUL\"}\n"
    "{\"title\": \"T\\u0000\", \"text\": \"A title with a NUL\"}\n"
    "{\"id\": \"ok\", \"text\": \"Not \\\\u0000 a NUL: an escaped backslash.\"}\n";
  g_autoptr(GlossDocument) kept = NULL;

  g_assert_cmpuint (import (f, "nul.jsonl", input, -1, FALSE), ==, 1);
  g_assert_true (said (f, "nul.jsonl:1", "NUL"));
  g_assert_true (said (f, "nul.jsonl:2", "at byte 9"));
  g_assert_true (said (f, "nul.jsonl:3", "NUL"));
  kept = gloss_store_get_document (f->store, "ok", NULL);
  g_assert_nonnull (kept);
  g_assert_cmpstr (kept->text, ==, "Not \\u0000 a NUL: an escaped backslash.");

  /* A raw NUL byte inside a line, too. */
  {
    static const char raw[] = "{\"text\": \"a\0b\"}\n{\"text\": \"raw NUL after\"}\n";

    g_assert_cmpuint (import (f, "raw.jsonl", raw, sizeof raw - 1, FALSE), ==, 1);
  }
  g_assert_true (said (f, "raw.jsonl:1", "at byte 11"));
}

static void
test_deep (Fixture       *f,
           gconstpointer  data)
{
  GString *deep = g_string_new (NULL);
  g_autofree char *input = NULL;
  g_autofree char *pretty = NULL;

  /* Nested 80,000 deep on line 1: refused, line 2 still imports. */
  for (guint i = 0; i < 80000; i++)
    g_string_append_c (deep, '[');
  g_string_append (deep, "\n{\"text\": \"After the deep line\"}\n");
  input = g_string_free (deep, FALSE);
  g_assert_cmpuint (import (f, "deep.jsonl", input, -1, FALSE), ==, 1);
  g_assert_true (said (f, "deep.jsonl:1", "deeper than"));
  g_assert_cmpuint (count_documents (f), ==, 1);

  /* One deep value over the whole file: the file is refused whole. */
  deep = g_string_new (NULL);
  for (guint i = 0; i < 80000; i++)
    g_string_append (deep, "{\"a\":\n");
  g_string_append (deep, "1");
  for (guint i = 0; i < 80000; i++)
    g_string_append (deep, "}\n");
  pretty = g_string_free (deep, FALSE);
  import (f, "deep.json", pretty, -1, TRUE);
  g_assert_cmpuint (count_documents (f), ==, 1);

  /* Deep but sane metadata imports. */
  g_assert_cmpuint (import (f, "sane.jsonl",
                            "{\"text\": \"Sane\", \"meta\": {\"a\": [[[[{\"b\": [1]}]]]]}}\n", -1, FALSE), ==, 1);
}

static void
test_not_utf8 (Fixture       *f,
               gconstpointer  data)
{
  g_assert_cmpuint (import (f, "latin1.jsonl",
                            "{\"text\": \"good\"}\n{\"text\": \"caf\xe9\"}\n", -1, FALSE), ==, 1);
  g_assert_true (said (f, "latin1.jsonl:2", "not valid UTF-8 at byte 13"));
}

static void
test_numbers (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "out.jsonl", NULL);
  GlossExportOptions options = { .format = "jsonl", .output = out };
  g_autoptr(GlossReport) report = gloss_report_new (on_report, f);
  g_autoptr(GError) error = NULL;
  g_autofree char *exported = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *meta;

  g_assert_cmpuint (import (f, "n.jsonl",
                            "{\"text\": \"Numbers\", \"meta\": {\"big\": 1e21, \"half\": 0.5, \"whole\": 3, "
                            "\"tiny\": -2.5e-300, \"float\": 4.0}}\n", -1, FALSE), ==, 1);
  g_assert_true (gloss_export (f->store, &options, NULL, report, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (out, &exported, NULL, NULL));
  g_assert_null (strstr (exported, "e+21.0"));

  /* A strict reader (json-glib is one) takes the line, with the same values. */
  root = json_from_string (exported, &error);
  g_assert_no_error (error);
  meta = json_object_get_object_member (json_node_get_object (root), "meta");
  g_assert_cmpfloat (json_object_get_double_member (meta, "big"), ==, 1e21);
  g_assert_cmpfloat (json_object_get_double_member (meta, "half"), ==, 0.5);
  g_assert_cmpint (json_object_get_int_member (meta, "whole"), ==, 3);
  g_assert_cmpfloat (json_object_get_double_member (meta, "tiny"), ==, -2.5e-300);
  g_assert_true (json_node_get_value_type (json_object_get_member (meta, "float")) == G_TYPE_DOUBLE);
}

static void
test_check_input (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_json_check_input ("{\"a\": \"[[[[\"}", 13, &error));
  g_assert_no_error (error);
  /* Brackets inside strings do not count as nesting, escaped quotes do not end strings. */
  g_assert_true (gloss_json_check_input ("\"\\\"[[[[[[\"", 10, NULL));
  g_assert_false (gloss_json_check_input ("[\"\\u0000\"]", 10, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "at byte 2"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/json-input/check", test_check_input);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/json-input/nul", test_nul);
  ADD ("/json-input/deep", test_deep);
  ADD ("/json-input/not-utf8", test_not_utf8);
  ADD ("/json-input/numbers", test_numbers);
#undef ADD

  return g_test_run ();
}
