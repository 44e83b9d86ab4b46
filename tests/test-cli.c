/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gloss-cli as a user runs it: a real process per command, in a folder of its own,
 * checked by exit status, messages on stderr, and what ends up in the project. */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>

static char *cli_path;

typedef struct
{
  char *dir;   /* the working folder of every gloss-cli run of the test */
} Fixture;

typedef struct
{
  int     status;
  GBytes *out;
  char   *out_text;   /* stdout as a string (may hold anything but NUL) */
  char   *err;
} Run;

static void
run_free (Run *run)
{
  g_clear_pointer (&run->out, g_bytes_unref);
  g_free (run->out_text);
  g_free (run->err);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

/* ---- Files ---------------------------------------------------------------------- */

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

  f->dir = g_dir_make_tmp ("gloss-test-cli-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
}

static char *
in_dir (Fixture    *f,
        const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static void
write_bytes (Fixture    *f,
             const char *name,
             const char *data,
             gssize      length)
{
  g_autofree char *path = in_dir (f, name);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
}

static void
write_text (Fixture    *f,
            const char *name,
            const char *text)
{
  write_bytes (f, name, text, -1);
}

static void
make_dir (Fixture    *f,
          const char *name)
{
  g_autofree char *path = in_dir (f, name);

  g_assert_cmpint (g_mkdir (path, 0755), ==, 0);
}

static GBytes *
read_bytes (Fixture    *f,
            const char *name)
{
  g_autofree char *path = in_dir (f, name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The names in a folder of the fixture ("" for the fixture itself), sorted. */
static GStrv
list_dir (Fixture    *f,
          const char *name)
{
  g_autofree char *path = in_dir (f, name);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *entry;

  g_assert_nonnull (dir);
  while ((entry = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (entry));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_steal (names, NULL);
}

static void
assert_dir_is (Fixture    *f,
               const char *name,
               const char *expected)
{
  g_auto(GStrv) names = list_dir (f, name);
  g_autofree char *joined = g_strjoinv (" ", names);

  g_assert_cmpstr (joined, ==, expected);
}

static void
assert_same_bytes (GBytes *a,
                   GBytes *b)
{
  gsize la, lb;
  const char *da = g_bytes_get_data (a, &la);
  const char *db = g_bytes_get_data (b, &lb);

  g_assert_cmpmem (da, la, db, lb);
}

static char *
fixture_data (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

/* ---- Running gloss-cli ------------------------------------------------------------ */

static char *
bytes_to_string (GBytes *bytes)
{
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);

  return length > 0 ? g_strndup (data, length) : g_strdup ("");
}

static Run *
run_cliv (Fixture            *f,
          const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *command = NULL;
  Run *run = g_new0 (Run, 1);

  g_ptr_array_add (argv, cli_path);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  command = g_strjoinv (" ", (char **) argv->pdata + 1);
  g_test_message ("$ gloss-cli %s", command);

  g_subprocess_launcher_set_cwd (launcher, f->dir);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (process, NULL, NULL, &run->out, &err, &error);
  g_assert_no_error (error);

  run->out_text = bytes_to_string (run->out);
  run->err = bytes_to_string (err);
  if (*run->err != '\0')
    g_test_message ("%s", run->err);

  /* A crash is never an answer, whatever status the test expects. */
  if (!g_subprocess_get_if_exited (process))
    g_error ("gloss-cli %s: killed by signal %d\n%s", command,
             g_subprocess_get_term_sig (process), run->err);
  run->status = g_subprocess_get_exit_status (process);
  return run;
}

static Run *
run_cli (Fixture    *f,
         const char *first,
         ...) G_GNUC_NULL_TERMINATED;

static Run *
run_cli (Fixture    *f,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  return run_cliv (f, (const char * const *) args->pdata);
}

/* Some line of stderr is "gloss-cli: PREFIX…" and contains each of the fragments. */
static gboolean
has_message (const Run  *run,
             const char *prefix,
             const char *fragment,
             const char *fragment2)
{
  g_auto(GStrv) lines = g_strsplit (run->err, "\n", -1);
  g_autofree char *start = g_strconcat ("gloss-cli: ", prefix, NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], start)
        && (fragment == NULL || strstr (lines[i], fragment) != NULL)
        && (fragment2 == NULL || strstr (lines[i], fragment2) != NULL))
      return TRUE;
  return FALSE;
}

#define assert_message(run, prefix, fragment, fragment2) \
  G_STMT_START { \
    if (!has_message ((run), (prefix), (fragment), (fragment2))) \
      g_error ("no stderr line “gloss-cli: %s…” with “%s” and “%s” in:\n%s", (prefix), \
               (fragment) ? (fragment) : "", (fragment2) ? (fragment2) : "", (run)->err); \
  } G_STMT_END

/* Runs a command that must succeed with status @status. */
#define run_ok(status, f, ...) run_checked ((status), run_cli ((f), __VA_ARGS__))

static Run *
run_checked (int  status,
             Run *run)
{
  if (run->status != status)
    g_error ("exit status %d, expected %d; stderr:\n%s", run->status, status, run->err);
  return run;
}

/* ---- JSON ---------------------------------------------------------------------------- */

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* One object per line of JSON Lines. */
static GPtrArray *
parse_lines (GBytes *bytes)
{
  g_autofree char *text = bytes_to_string (bytes);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

  g_assert_true (g_bytes_get_size (bytes) == 0 || g_str_has_suffix (text, "\n"));
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (*lines[i] == '\0')
        continue;
      g_ptr_array_add (records, parse_json (lines[i]));
      g_assert_true (JSON_NODE_HOLDS_OBJECT (g_ptr_array_index (records, records->len - 1)));
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

static GPtrArray *
export_jsonl (Fixture    *f,
              const char *project)
{
  g_autoptr(Run) run = run_ok (0, f, "export", project, "--format", "jsonl", NULL);

  return parse_lines (run->out);
}

/* The ids of the records, joined by spaces. */
static char *
ids_of (GPtrArray *records)
{
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < records->len; i++)
    g_string_append_printf (ids, "%s%s", i ? " " : "",
                            json_object_get_string_member (record_at (records, i), "id"));
  return g_string_free (ids, FALSE);
}

static JsonArray *
list_documents (Fixture    *f,
                const char *project,
                JsonNode  **root)
{
  g_autoptr(Run) run = run_ok (0, f, "list", project, "--json", NULL);

  *root = parse_json (run->out_text);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (*root));
  return json_node_get_array (*root);
}

static char *
document_field (JsonArray  *documents,
                guint       i,
                const char *member)
{
  return g_strdup (json_object_get_string_member (json_array_get_object_element (documents, i), member));
}

static void
assert_integrity (Fixture    *f,
                  const char *project)
{
  g_autofree char *path = in_dir (f, project);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA foreign_key_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* A project made from the annotated fixture (five documents in four scripts). */
static void
import_annotated (Fixture    *f,
                  const char *project)
{
  g_autofree char *fixture = fixture_data ("annotated.jsonl");
  g_autoptr(Run) run = run_ok (0, f, "import", project, fixture, NULL);

  g_assert_nonnull (strstr (run->out_text, "Imported 5 documents"));
}

/* ---- Help and usage ----------------------------------------------------------------------- */

static void
test_help (Fixture       *f,
           gconstpointer  data)
{
  static const struct { const char *command; const char *options[6]; } commands[] = {
    { "import", { "--format", "--encoding", "--keep-text", "--title", NULL } },
    { "export", { "--format", "--output", "--bundle", "--status", "--layer", "--split" } },
    { "list", { "--json", NULL } },
    { "stats", { "--json", NULL } },
    { "suggest", { "--document", "--kind", "--apply", "--accept", NULL } },
  };
  static const char * const no_arguments[] = { NULL };
  g_autoptr(Run) help = run_ok (0, f, "--help", NULL);
  g_autoptr(Run) bare = run_checked (2, run_cliv (f, no_arguments));

  g_assert_nonnull (strstr (help->out_text, "Usage:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(Run) run = run_ok (0, f, commands[i].command, "--help", NULL);
      g_autofree char *usage = g_strdup_printf ("gloss-cli %s", commands[i].command);

      g_assert_nonnull (strstr (help->out_text, commands[i].command));
      g_assert_nonnull (strstr (run->out_text, "Usage:"));
      g_assert_nonnull (strstr (run->out_text, usage));
      for (guint j = 0; j < G_N_ELEMENTS (commands[i].options) && commands[i].options[j]; j++)
        g_assert_nonnull (strstr (run->out_text, commands[i].options[j]));
    }

  /* No command at all: the usage, on stderr, as an error. */
  g_assert_nonnull (strstr (bare->err, "Usage:"));
  assert_dir_is (f, "", "");
}

static void
test_usage_errors (Fixture       *f,
                   gconstpointer  data)
{
  static const struct { const char *args[12]; const char *message; } cases[] = {
    { { "frobnicate", "p.gloss" }, "unknown command" },
    { { "import" }, "PROJECT" },
    { { "import", "p.gloss" }, "PATH" },
    { { "import", "--title", "T", "p.gloss", "a.txt", "b.txt" }, "--title" },
    { { "import", "--format", "docx", "p.gloss", "a.txt" }, "--format" },
    { { "import", "--no-such-option", "p.gloss", "a.txt" }, "no-such-option" },
    { { "export", "p.gloss" }, "--format" },
    { { "export", "p.gloss", "--format", "xml" }, "--format" },
    { { "export", "p.gloss", "--format", "jsonl", "-o", "x.jsonl", "--bundle", "b" }, "--bundle" },
    { { "export", "p.gloss", "--format", "jsonl", "--status", "finished" }, "--status" },
    { { "export", "p.gloss", "--format", "jsonl", "--seed", "-1" }, "--seed" },
    { { "export", "p.gloss", "extra.gloss", "--format", "jsonl" }, "PROJECT" },
    { { "list" }, "PROJECT" },
    { { "list", "p.gloss", "q.gloss" }, "PROJECT" },
    { { "stats" }, "PROJECT" },
    { { "stats", "p.gloss", "--table" }, "--table" },
    { { "suggest" }, "PROJECT" },
    { { "suggest", "p.gloss", "--no-such-option" }, "no-such-option" },
    { { "suggest", "p.gloss", "--kind", "quotations" }, "--kind" },
  };

  write_text (f, "a.txt", "An article.\n");
  write_text (f, "b.txt", "Another article.\n");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Run) run = run_cliv (f, cases[i].args);

      g_assert_cmpint (run->status, ==, 2);
      assert_message (run, "", cases[i].message, NULL);
      g_assert_cmpstr (run->out_text, ==, "");
    }

  /* A usage error touches nothing: no project appears. */
  assert_dir_is (f, "", "a.txt b.txt");
}

/* ---- Import --------------------------------------------------------------------------------- */

static void
test_import_txt (Fixture       *f,
                 gconstpointer  data)
{
  static const struct { const char *file; const char *text; const char *title; } articles[] = {
    { "b-second.txt", "\n\n   Second   article:  a title\t \nIts body.\n", "Second article: a title" },
    { "a-first.txt", "First article\nBody of the first.\n", "First article" },
    { "c-third.txt", " \t\n\n«Третья» статья 😀\r\nТело.\r\n", "«Третья» статья 😀" },
  };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(Run) run = NULL;
  g_autoptr(Run) table = NULL;
  JsonArray *documents;

  for (guint i = 0; i < G_N_ELEMENTS (articles); i++)
    write_text (f, articles[i].file, articles[i].text);

  /* Import order is the order of the command line, not of the names. */
  run = run_ok (0, f, "import", "p.gloss", "b-second.txt", "a-first.txt", "c-third.txt", NULL);
  g_assert_nonnull (strstr (run->out_text, "Imported 3 documents"));
  g_assert_false (has_message (run, "", "refused", NULL));

  documents = list_documents (f, "p.gloss", &root);
  g_assert_cmpuint (json_array_get_length (documents), ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (articles); i++)
    {
      JsonObject *document = json_array_get_object_element (documents, i);
      g_autofree char *text = g_strdup (articles[i].text);

      g_assert_cmpstr (json_object_get_string_member (document, "title"), ==, articles[i].title);
      g_assert_cmpstr (json_object_get_string_member (document, "status"), ==, "new");
      g_assert_cmpint (json_object_get_int_member (document, "spans"), ==, 0);
      g_assert_true (g_str_has_prefix (json_object_get_string_member (document, "id"), "d-"));
      g_assert_nonnull (json_object_get_string_member (document, "created"));
      /* CRLF became LF: the third text is two code points shorter than the file. */
      g_assert_cmpint (json_object_get_int_member (document, "length"), ==,
                       g_utf8_strlen (text, -1) - (i == 2 ? 2 : 0));
    }
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (documents, 0), "id"),
                   !=,
                   json_object_get_string_member (json_array_get_object_element (documents, 1), "id"));

  table = run_ok (0, f, "list", "p.gloss", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (articles); i++)
    g_assert_nonnull (strstr (table->out_text, articles[i].title));
  assert_integrity (f, "p.gloss");
}

static void
test_import_title (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(Run) run = NULL;
  g_autofree char *title = NULL;
  JsonArray *documents;

  write_text (f, "a.txt", "Headline in the file\nBody.\n");
  run = run_ok (0, f, "import", "p.gloss", "--title", "Élan vital — «titre» 北京", "a.txt", NULL);
  documents = list_documents (f, "p.gloss", &root);
  g_assert_cmpuint (json_array_get_length (documents), ==, 1);
  title = document_field (documents, 0, "title");
  g_assert_cmpstr (title, ==, "Élan vital — «titre» 北京");
}

static void
test_import_refused (Fixture       *f,
                     gconstpointer  data)
{
  static const char binary[] = "PK\x01\x02\x00\x00\x00\x10\x00\xff\xfe binary";
  static const char nul[] = "Looks like text\n\0\0\0 but is not\n";
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(Run) run = NULL;
  g_autoptr(GPtrArray) records = NULL;
  JsonArray *documents;

  write_text (f, "good1.txt", "Good one\nA fine article.\n");
  write_bytes (f, "latin.txt", "Hello\xe9 world\n", -1);
  write_text (f, "empty.txt", "");
  write_text (f, "blank.txt", " \n\t\r\n");
  write_bytes (f, "binary.txt", binary, sizeof binary - 1);
  write_bytes (f, "nul.txt", nul, sizeof nul - 1);
  make_dir (f, "folder");
  write_text (f, "good2.txt", "Good two\nAnother fine article.\n");

  run = run_ok (1, f, "import", "p.gloss", "good1.txt", "latin.txt", "empty.txt", "blank.txt",
                "binary.txt", "nul.txt", "folder", "missing.txt", "good2.txt", NULL);

  assert_message (run, "latin.txt: ", "UTF-8", "offset 5");
  assert_message (run, "empty.txt: ", "empty", NULL);
  assert_message (run, "blank.txt: ", "empty", NULL);
  assert_message (run, "binary.txt: ", "binary", NULL);
  assert_message (run, "nul.txt: ", "binary", "offset 16");
  assert_message (run, "folder: ", "folder", NULL);
  assert_message (run, "missing.txt: ", NULL, NULL);
  g_assert_false (has_message (run, "good1.txt", NULL, NULL));
  g_assert_false (has_message (run, "good2.txt", NULL, NULL));
  g_assert_nonnull (strstr (run->out_text, "Imported 2 documents"));

  /* Every good file is in, in order, whatever came between them. */
  documents = list_documents (f, "p.gloss", &root);
  g_assert_cmpuint (json_array_get_length (documents), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (documents, 0), "title"),
                   ==, "Good one");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (documents, 1), "title"),
                   ==, "Good two");
  records = export_jsonl (f, "p.gloss");
  g_assert_cmpstr (json_object_get_string_member (record_at (records, 1), "text"), ==,
                   "Good two\nAnother fine article.\n");
  assert_integrity (f, "p.gloss");
}

static void
test_import_duplicate (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(Run) first = NULL;
  g_autoptr(Run) again = NULL;
  g_autoptr(Run) crlf = NULL;
  g_autofree char *id = NULL;
  JsonArray *documents;

  write_text (f, "a.txt", "The same story\nTold twice.\n");
  write_text (f, "b.txt", "The same story\nTold twice.\n");
  write_text (f, "c.txt", "The same story\r\nTold twice.\r\n");
  first = run_ok (0, f, "import", "p.gloss", "a.txt", NULL);
  documents = list_documents (f, "p.gloss", &root);
  id = document_field (documents, 0, "id");
  g_clear_pointer (&root, json_node_unref);

  /* The same text under another name, and with CRLF (the same once normalised). */
  again = run_ok (0, f, "import", "p.gloss", "b.txt", "a.txt", NULL);
  assert_message (again, "b.txt: ", "already in the project", id);
  assert_message (again, "a.txt: ", "already in the project", id);
  g_assert_nonnull (strstr (again->out_text, "Imported 0 documents"));
  g_assert_nonnull (strstr (again->out_text, "2 already there"));
  crlf = run_ok (0, f, "import", "p.gloss", "c.txt", NULL);
  assert_message (crlf, "c.txt: ", "already in the project", id);

  documents = list_documents (f, "p.gloss", &root);
  g_assert_cmpuint (json_array_get_length (documents), ==, 1);
}

static void
test_import_encoding (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(Run) refused = NULL;
  g_autoptr(Run) unknown = NULL;
  g_autoptr(Run) run = NULL;
  g_autoptr(GPtrArray) records = NULL;
  JsonObject *meta;

  write_bytes (f, "latin1.txt", "Caf\xe9 na\xefve\n\xbfQu\xe9 pas\xf3?\n", -1);

  refused = run_ok (1, f, "import", "p.gloss", "latin1.txt", NULL);
  assert_message (refused, "latin1.txt: ", "UTF-8", "offset 3");
  unknown = run_ok (1, f, "import", "p.gloss", "--encoding", "NO-SUCH-ENCODING", "latin1.txt", NULL);
  assert_message (unknown, "latin1.txt: ", "NO-SUCH-ENCODING", NULL);

  run = run_ok (0, f, "import", "p.gloss", "--encoding", "ISO-8859-1", "latin1.txt", NULL);
  records = export_jsonl (f, "p.gloss");
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (record_at (records, 0), "text"), ==,
                   "Café naïve\n¿Qué pasó?\n");
  g_assert_cmpstr (json_object_get_string_member (record_at (records, 0), "title"), ==, "Café naïve");
  meta = json_object_get_object_member (record_at (records, 0), "meta");
  g_assert_cmpstr (json_object_get_string_member (meta, "encoding"), ==, "ISO-8859-1");
}

static void
test_import_keep_text (Fixture       *f,
                       gconstpointer  data)
{
  static const char raw[] = "\xef\xbb\xbfTitle line\r\nCafe\xcc\x81 au lait\r\n\r\nEnd";
  g_autoptr(GPtrArray) kept = NULL;
  g_autoptr(GPtrArray) normal = NULL;
  g_autoptr(GBytes) file = NULL;
  g_autoptr(Run) run = NULL;
  g_autoptr(Run) txt = NULL;
  g_autofree char *sha = NULL;
  JsonObject *record, *offsets, *meta;
  JsonArray *normalized;
  const char *text;

  write_bytes (f, "raw.txt", raw, sizeof raw - 1);

  run = run_ok (0, f, "import", "kept.gloss", "--keep-text", "raw.txt", NULL);
  kept = export_jsonl (f, "kept.gloss");
  record = record_at (kept, 0);
  text = json_object_get_string_member (record, "text");
  g_assert_cmpmem (text, strlen (text), raw, sizeof raw - 1);
  sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) raw, sizeof raw - 1);
  g_assert_cmpstr (json_object_get_string_member (record, "text_sha256"), ==, sha);
  offsets = json_object_get_object_member (record, "offsets");
  g_assert_cmpstr (json_object_get_string_member (offsets, "normalization"), ==, "none");
  g_assert_cmpstr (json_object_get_string_member (offsets, "newline"), ==, "as-is");
  g_assert_cmpstr (json_object_get_string_member (offsets, "unit"), ==, "codepoint");
  meta = json_object_get_object_member (record, "meta");
  g_assert_true (!json_object_has_member (meta, "normalized")
                 || json_array_get_length (json_object_get_array_member (meta, "normalized")) == 0);

  /* The txt export gives the very bytes back. */
  txt = run_ok (0, f, "export", "kept.gloss", "--format", "txt", "-o", "out", NULL);
  assert_dir_is (f, "out", "raw.txt");
  file = read_bytes (f, "out/raw.txt");
  g_assert_cmpmem (g_bytes_get_data (file, NULL), g_bytes_get_size (file), raw, sizeof raw - 1);

  /* Without --keep-text: no BOM, LF, NFC, and the record says what changed. */
  g_clear_pointer (&run, run_free);
  run = run_ok (0, f, "import", "normal.gloss", "raw.txt", NULL);
  normal = export_jsonl (f, "normal.gloss");
  record = record_at (normal, 0);
  g_assert_cmpstr (json_object_get_string_member (record, "text"), ==,
                   "Title line\nCaf\xc3\xa9 au lait\n\nEnd");
  offsets = json_object_get_object_member (record, "offsets");
  g_assert_cmpstr (json_object_get_string_member (offsets, "normalization"), ==, "NFC");
  g_assert_cmpstr (json_object_get_string_member (offsets, "newline"), ==, "LF");
  normalized = json_object_get_array_member (json_object_get_object_member (record, "meta"), "normalized");
  g_assert_cmpuint (json_array_get_length (normalized), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (normalized, 0), ==, "bom");
  g_assert_cmpstr (json_array_get_string_element (normalized, 1), ==, "crlf");
  g_assert_cmpstr (json_array_get_string_element (normalized, 2), ==, "nfc");
}

/* Line 1: a good document with a span past the end and a relation to a span that
 * is not there; 2: not JSON; 3: no text; 4: UTF-16 offsets after an emoji; 5:
 * blank; 6: not an object; 7: a plain article. */
static const char mixed_jsonl[] =
  "{\"id\":\"m1\",\"text\":\"Anna met Bob in Oslo.\",\"spans\":["
    "{\"id\":\"s1\",\"label\":\"PERSON\",\"start\":0,\"end\":4,\"text\":\"Anna\"},"
    "{\"id\":\"s2\",\"label\":\"GPE\",\"start\":16,\"end\":500},"
    "{\"id\":\"s3\",\"label\":\"PERSON\",\"fragments\":[[9,12]],\"text\":\"Bob\"}],"
   "\"relations\":[{\"id\":\"r1\",\"type\":\"KNOWS\",\"from_id\":\"s1\",\"to_id\":\"s3\"},"
    "{\"id\":\"r2\",\"type\":\"KNOWS\",\"from_id\":\"s1\",\"to_id\":\"ghost\"}]}\n"
  "{\"id\":\"m2\",\"text\":\"broken\"\n"
  "{\"id\":\"m3\",\"title\":\"No text here\"}\n"
  "{\"id\":\"m4\",\"text\":\"Smile 😀 Putin came.\",\"spans\":["
    "{\"id\":\"u1\",\"label\":\"PERSON\",\"start\":9,\"end\":14,\"text\":\"Putin\"},"
    "{\"id\":\"u2\",\"label\":\"PERSON\",\"start\":8,\"end\":13,\"text\":\"Putin\"}]}\n"
  "   \n"
  "[1, 2, 3]\n"
  "{\"text\":\"A plain article on line seven.\",\"url\":\"https://example.org/7\",\"date\":\"2024-05-06\"}\n";

static void
test_import_jsonl_problems (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(Run) run = NULL;
  g_autofree char *ids = NULL;
  g_autofree char *expected = NULL;
  JsonArray *spans, *relations;
  JsonObject *meta;

  write_text (f, "mixed.jsonl", mixed_jsonl);
  run = run_ok (1, f, "import", "p.gloss", "mixed.jsonl", NULL);

  assert_message (run, "mixed.jsonl:1: ", "span s2", "outside");
  assert_message (run, "mixed.jsonl:1: ", "relation r2", "ghost");
  assert_message (run, "mixed.jsonl:2: ", "JSON", NULL);
  assert_message (run, "mixed.jsonl:3: ", "text", NULL);
  assert_message (run, "mixed.jsonl:4: ", "span u1", "code points");
  assert_message (run, "mixed.jsonl:6: ", "object", NULL);
  g_assert_false (has_message (run, "mixed.jsonl:5:", NULL, NULL));
  g_assert_false (has_message (run, "mixed.jsonl:7:", NULL, NULL));
  g_assert_false (has_message (run, "mixed.jsonl:1: ", "span s1", NULL));
  g_assert_false (has_message (run, "mixed.jsonl:1: ", "span s3", NULL));
  g_assert_nonnull (strstr (run->out_text, "Imported 3 documents"));

  records = export_jsonl (f, "p.gloss");
  ids = ids_of (records);
  expected = g_strconcat ("m1 m4 ", json_object_get_string_member (record_at (records, 2), "id"), NULL);
  g_assert_cmpstr (ids, ==, expected);

  spans = json_object_get_array_member (record_at (records, 0), "spans");
  g_assert_cmpuint (json_array_get_length (spans), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (spans, 0), "id"), ==, "s1");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (spans, 1), "id"), ==, "s3");
  relations = json_object_get_array_member (record_at (records, 0), "relations");
  g_assert_cmpuint (json_array_get_length (relations), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (relations, 0), "id"), ==, "r1");

  spans = json_object_get_array_member (record_at (records, 1), "spans");
  g_assert_cmpuint (json_array_get_length (spans), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (spans, 0), "id"), ==, "u2");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (spans, 0), "text"), ==, "Putin");

  /* Flat keys of a plain article land in meta; a flat date is `published`. */
  meta = json_object_get_object_member (record_at (records, 2), "meta");
  g_assert_cmpstr (json_object_get_string_member (meta, "url"), ==, "https://example.org/7");
  g_assert_cmpstr (json_object_get_string_member (meta, "published"), ==, "2024-05-06");
  assert_integrity (f, "p.gloss");
}

static void
test_import_id_taken (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(Run) first = NULL;
  g_autoptr(Run) second = NULL;
  const char *minted;
  JsonObject *span;

  write_text (f, "a.jsonl", "{\"id\":\"same\",\"text\":\"The first text.\"}\n");
  write_text (f, "b.jsonl", "{\"id\":\"same\",\"text\":\"Another text by Anna.\",\"spans\":"
                            "[{\"id\":\"keep-me\",\"label\":\"PERSON\",\"start\":16,\"end\":20}]}\n");
  first = run_ok (0, f, "import", "p.gloss", "a.jsonl", NULL);
  second = run_ok (0, f, "import", "p.gloss", "b.jsonl", NULL);

  records = export_jsonl (f, "p.gloss");
  g_assert_cmpuint (records->len, ==, 2);
  g_assert_cmpstr (json_object_get_string_member (record_at (records, 0), "id"), ==, "same");
  minted = json_object_get_string_member (record_at (records, 1), "id");
  g_assert_cmpstr (minted, !=, "same");
  assert_message (second, "b.jsonl:1: ", "same", minted);

  /* Only the document id changes: span ids are the file's. */
  span = json_array_get_object_element (json_object_get_array_member (record_at (records, 1), "spans"), 0);
  g_assert_cmpstr (json_object_get_string_member (span, "id"), ==, "keep-me");
  g_assert_cmpstr (json_object_get_string_member (span, "text"), ==, "Anna");
}

/* ---- Export ------------------------------------------------------------------------------------- */

static void
test_export_jsonl (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(Run) to_stdout = NULL;
  g_autoptr(Run) to_file = NULL;
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *ids = NULL;

  import_annotated (f, "p.gloss");
  to_stdout = run_ok (0, f, "export", "p.gloss", "--format", "jsonl", NULL);
  g_assert_false (has_message (to_stdout, "", NULL, NULL));

  /* -o replaces what was there, with the same bytes as standard output. */
  write_text (f, "out.jsonl", "old contents\n");
  to_file = run_ok (0, f, "export", "p.gloss", "--format", "jsonl", "-o", "out.jsonl", NULL);
  g_assert_cmpstr (to_file->out_text, ==, "");
  assert_message (to_file, "out.jsonl: ", "5 documents", "28 spans");
  file = read_bytes (f, "out.jsonl");
  assert_same_bytes (file, to_stdout->out);
  assert_dir_is (f, "", "out.jsonl p.gloss");

  records = parse_lines (to_stdout->out);
  ids = ids_of (records);
  g_assert_cmpstr (ids, ==, "rt-en rt-marks rt-zh rt-ar rt-plain");
}

static void
test_export_json (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(Run) lines = NULL;
  g_autoptr(Run) run = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) records = NULL;
  JsonObject *project, *schema;
  JsonArray *documents;

  import_annotated (f, "p.gloss");
  lines = run_ok (0, f, "export", "p.gloss", "--format", "jsonl", NULL);
  run = run_ok (0, f, "export", "p.gloss", "--format", "json", "-o", "project.json", NULL);
  bytes = read_bytes (f, "project.json");
  root = parse_json (g_bytes_get_data (bytes, NULL));
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  project = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (project, "format"), ==, "gloss-project");
  schema = json_object_get_object_member (project, "schema");
  g_assert_nonnull (schema);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (schema, "labels")), >=, 22);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (schema, "layers")), >=, 3);

  /* The documents are the JSON Lines records, in the same order. */
  records = parse_lines (lines->out);
  documents = json_object_get_array_member (project, "documents");
  g_assert_cmpuint (json_array_get_length (documents), ==, records->len);
  for (guint i = 0; i < records->len; i++)
    g_assert_true (json_node_equal (json_array_get_element (documents, i), g_ptr_array_index (records, i)));
}

static void
test_export_txt (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(Run) run = NULL;
  g_autoptr(Run) again = NULL;

  import_annotated (f, "p.gloss");
  write_text (f, "article.txt", "An article from a file\nIts body.\n");
  g_clear_pointer (&run, run_free);
  run = run_ok (0, f, "import", "p.gloss", "article.txt", NULL);
  records = export_jsonl (f, "p.gloss");

  g_clear_pointer (&run, run_free);
  run = run_ok (0, f, "export", "p.gloss", "--format", "txt", "-o", "texts", NULL);
  /* Named after the original file, or else the document id. */
  assert_dir_is (f, "texts", "article.txt rt-ar.txt rt-en.txt rt-marks.txt rt-plain.txt rt-zh.txt");
  for (guint i = 0; i < records->len; i++)
    {
      const char *id = json_object_get_string_member (record_at (records, i), "id");
      const char *text = json_object_get_string_member (record_at (records, i), "text");
      g_autofree char *name = g_strdup_printf ("texts/%s.txt", i == 5 ? "article" : id);
      g_autoptr(GBytes) file = read_bytes (f, name);

      g_assert_cmpmem (g_bytes_get_data (file, NULL), g_bytes_get_size (file), text, strlen (text));
    }

  /* An existing folder with files in it is not overwritten. */
  again = run_ok (2, f, "export", "p.gloss", "--format", "txt", "-o", "texts", NULL);
  assert_message (again, "texts: ", "empty", NULL);
  assert_dir_is (f, "", "article.txt p.gloss texts");
}

static void
assert_export_ids (Fixture    *f,
                   const char *status,
                   const char *expected)
{
  g_autoptr(Run) run = run_ok (0, f, "export", "p.gloss", "--format", "jsonl", "--status", status, NULL);
  g_autoptr(GPtrArray) records = parse_lines (run->out);
  g_autofree char *ids = ids_of (records);

  g_assert_cmpstr (ids, ==, expected);
}

static void
test_export_status (Fixture       *f,
                    gconstpointer  data)
{
  import_annotated (f, "p.gloss");
  assert_export_ids (f, "done", "rt-en rt-ar");
  assert_export_ids (f, "in-progress", "rt-marks");
  assert_export_ids (f, "new", "rt-zh rt-plain");
}

static gboolean
array_has_string (JsonArray  *array,
                  const char *member,
                  const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (array, i), member), value) == 0)
      return TRUE;
  return FALSE;
}

static void
test_export_layer (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(Run) run = NULL;
  g_autoptr(Run) unknown = NULL;
  g_autoptr(GPtrArray) records = NULL;
  guint n_spans = 0, n_relations = 0;

  import_annotated (f, "p.gloss");
  run = run_ok (0, f, "export", "p.gloss", "--format", "jsonl", "--layer", "quote", NULL);
  records = parse_lines (run->out);
  g_assert_cmpuint (records->len, ==, 5);

  for (guint i = 0; i < records->len; i++)
    {
      JsonArray *spans = json_object_get_array_member (record_at (records, i), "spans");
      JsonArray *relations = json_object_get_array_member (record_at (records, i), "relations");

      for (guint j = 0; j < json_array_get_length (spans); j++)
        g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (spans, j), "layer"),
                         ==, "quote");
      for (guint j = 0; j < json_array_get_length (relations); j++)
        {
          JsonObject *relation = json_array_get_object_element (relations, j);

          g_assert_true (array_has_string (spans, "id", json_object_get_string_member (relation, "from_id")));
          g_assert_true (array_has_string (spans, "id", json_object_get_string_member (relation, "to_id")));
        }
      n_spans += json_array_get_length (spans);
      n_relations += json_array_get_length (relations);
    }
  /* QUOTE, CUE and SOURCE spans; only the CUE and the SOURCE-speaker relations stay. */
  g_assert_cmpuint (n_spans, ==, 11);
  g_assert_cmpuint (n_relations, ==, 6);
  g_assert_true (array_has_string (json_object_get_array_member (record_at (records, 0), "relations"),
                                   "id", "r2"));
  g_assert_false (array_has_string (json_object_get_array_member (record_at (records, 0), "relations"),
                                    "id", "r1"));

  unknown = run_ok (2, f, "export", "p.gloss", "--format", "jsonl", "--layer", "nosuch", NULL);
  assert_message (unknown, "p.gloss: ", "nosuch", NULL);
}

static void
test_export_bundle (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(Run) lines = NULL;
  g_autoptr(Run) run = NULL;
  g_autoptr(Run) refused = NULL;
  g_autoptr(GBytes) data_jsonl = NULL;
  g_autoptr(GBytes) labels = NULL;
  g_autoptr(GBytes) card = NULL;
  g_autoptr(JsonNode) root = NULL;

  import_annotated (f, "p.gloss");
  lines = run_ok (0, f, "export", "p.gloss", "--format", "jsonl", NULL);
  run = run_ok (0, f, "export", "p.gloss", "--format", "jsonl", "--bundle", "bundle", NULL);
  assert_dir_is (f, "bundle", "README.md data.jsonl labels.json");

  data_jsonl = read_bytes (f, "bundle/data.jsonl");
  assert_same_bytes (data_jsonl, lines->out);
  labels = read_bytes (f, "bundle/labels.json");
  root = parse_json (g_bytes_get_data (labels, NULL));
  g_assert_true (json_object_has_member (json_node_get_object (root), "labels"));
  g_assert_true (json_object_has_member (json_node_get_object (root), "conll_mapping"));
  card = read_bytes (f, "bundle/README.md");
  g_assert_nonnull (strstr (g_bytes_get_data (card, NULL), "Documents: 5"));
  g_assert_nonnull (strstr (g_bytes_get_data (card, NULL), "data.jsonl"));

  /* An empty folder is fine; one with something in it is refused and untouched. */
  make_dir (f, "empty");
  g_clear_pointer (&run, run_free);
  run = run_ok (0, f, "export", "p.gloss", "--format", "jsonl", "--bundle", "empty", NULL);
  assert_dir_is (f, "empty", "README.md data.jsonl labels.json");

  make_dir (f, "full");
  write_text (f, "full/mine.txt", "mine\n");
  refused = run_ok (2, f, "export", "p.gloss", "--format", "jsonl", "--bundle", "full", NULL);
  assert_message (refused, "full: ", "empty", NULL);
  assert_dir_is (f, "full", "mine.txt");
  assert_dir_is (f, "", "bundle empty full p.gloss");
}

/* Every id of @all exactly once over the parts, each part in import order. */
static void
assert_partition (GPtrArray  *all,
                  GPtrArray **parts,
                  guint       n_parts)
{
  g_autoptr(GHashTable) rank = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < all->len; i++)
    g_hash_table_insert (rank, (gpointer) json_object_get_string_member (record_at (all, i), "id"),
                         GUINT_TO_POINTER (i + 1));
  for (guint p = 0; p < n_parts; p++)
    {
      guint previous = 0;

      for (guint i = 0; i < parts[p]->len; i++)
        {
          const char *id = json_object_get_string_member (record_at (parts[p], i), "id");
          guint r = GPOINTER_TO_UINT (g_hash_table_lookup (rank, id));

          g_assert_cmpuint (r, >, previous);
          g_assert_true (g_hash_table_add (seen, (gpointer) id));
          previous = r;
        }
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, all->len);
}

static void
test_export_split (Fixture       *f,
                   gconstpointer  data)
{
  static const char * const names[] = { "train.jsonl", "dev.jsonl", "test.jsonl" };
  g_autoptr(GPtrArray) all = NULL;
  GPtrArray *parts[3];
  g_autoptr(Run) run = NULL;
  g_autoptr(Run) again = NULL;
  g_autoptr(Run) no_bundle = NULL;
  g_autoptr(Run) bad_spec = NULL;
  GString *jsonl = g_string_new (NULL);

  for (guint i = 1; i <= 10; i++)
    g_string_append_printf (jsonl, "{\"id\":\"doc%02u\",\"text\":\"Article number %u of ten.\"}\n", i, i);
  write_text (f, "ten.jsonl", jsonl->str);
  g_string_free (jsonl, TRUE);
  g_clear_pointer (&run, run_free);
  run = run_ok (0, f, "import", "p.gloss", "ten.jsonl", NULL);
  all = export_jsonl (f, "p.gloss");
  g_assert_cmpuint (all->len, ==, 10);

  g_clear_pointer (&run, run_free);
  run = run_ok (0, f, "export", "p.gloss", "--format", "jsonl", "--split", "train=0.8,dev=0.1,test=0.1",
                "--seed", "1", "--bundle", "s1", NULL);
  again = run_ok (0, f, "export", "p.gloss", "--format", "jsonl", "--split", "train=0.8,dev=0.1,test=0.1",
                  "--seed", "1", "--bundle", "s2", NULL);
  assert_dir_is (f, "s1", "README.md dev.jsonl labels.json test.jsonl train.jsonl");

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *first = g_strdup_printf ("s1/%s", names[i]);
      g_autofree char *second = g_strdup_printf ("s2/%s", names[i]);
      g_autoptr(GBytes) a = read_bytes (f, first);
      g_autoptr(GBytes) b = read_bytes (f, second);

      /* The same seed, the same split. */
      assert_same_bytes (a, b);
      parts[i] = parse_lines (a);
    }
  g_assert_cmpuint (parts[0]->len, ==, 8);
  g_assert_cmpuint (parts[1]->len, ==, 1);
  g_assert_cmpuint (parts[2]->len, ==, 1);
  assert_partition (all, parts, 3);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    g_ptr_array_unref (parts[i]);

  no_bundle = run_ok (2, f, "export", "p.gloss", "--format", "jsonl", "--split", "train=0.8,test=0.2", NULL);
  assert_message (no_bundle, "", "--split", "--bundle");
  bad_spec = run_ok (2, f, "export", "p.gloss", "--format", "jsonl", "--split", "train=0.5,test=0.3",
                     "--bundle", "s3", NULL);
  assert_message (bad_spec, "", "--split", NULL);
  assert_dir_is (f, "", "p.gloss s1 s2 ten.jsonl");
}

static void
test_export_unwritable (Fixture       *f,
                        gconstpointer  data)
{
  static const struct { const char *format; const char *option; const char *path; } cases[] = {
    { "jsonl", "-o", "missing/out.jsonl" },
    { "json", "-o", "missing/out.json" },
    { "jsonl", "-o", "a-file/out.jsonl" },
    { "jsonl", "-o", "a-folder" },
    { "txt", "-o", "missing/texts" },
    { "txt", "-o", "a-file" },
    { "jsonl", "--bundle", "missing/bundle" },
    { "jsonl", "--bundle", "a-file" },
    { "jsonl", "-o", "/proc/gloss-test-out.jsonl" },
  };

  import_annotated (f, "p.gloss");
  write_text (f, "a-file", "not a folder\n");
  make_dir (f, "a-folder");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Run) run = run_ok (2, f, "export", "p.gloss", "--format", cases[i].format,
                                   cases[i].option, cases[i].path, NULL);
      g_autofree char *prefix = g_strdup_printf ("%s: ", cases[i].path);

      assert_message (run, prefix, NULL, NULL);
      g_assert_cmpstr (run->out_text, ==, "");
    }

  /* Nothing half-written anywhere: no temporary files, the file and folder as they were. */
  assert_dir_is (f, "", "a-file a-folder p.gloss");
  assert_dir_is (f, "a-folder", "");
  {
    g_autoptr(GBytes) file = read_bytes (f, "a-file");

    g_assert_cmpmem (g_bytes_get_data (file, NULL), g_bytes_get_size (file), "not a folder\n", 13);
  }
}

/* ---- list and stats --------------------------------------------------------------------- */

static void
count_into (GHashTable *counts,
            const char *key)
{
  g_hash_table_insert (counts, g_strdup (key),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, key)) + 1));
}

static void
assert_counts (JsonObject *object,
               GHashTable *expected)
{
  GHashTableIter iter;
  gpointer key, value;

  g_assert_cmpuint (json_object_get_size (object), ==, g_hash_table_size (expected));
  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_test_message ("count of %s", (const char *) key);
      g_assert_cmpint (json_object_get_int_member (object, key), ==, GPOINTER_TO_UINT (value));
    }
}

static void
test_stats (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *fixture = fixture_data ("annotated.jsonl");
  g_autoptr(GHashTable) labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) annotators = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) input = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(Run) json = NULL;
  g_autoptr(Run) table = NULL;
  g_autoptr(Run) empty = NULL;
  guint spans = 0, relations = 0, entities = 0;
  JsonObject *stats, *documents;
  g_autofree char *spans_line = NULL;

  /* What the fixture holds, counted from the fixture itself. */
  {
    char *contents = NULL;
    gsize length = 0;

    g_assert_true (g_file_get_contents (fixture, &contents, &length, NULL));
    bytes = g_bytes_new_take (contents, length);
  }
  input = parse_lines (bytes);
  for (guint i = 0; i < input->len; i++)
    {
      JsonObject *record = record_at (input, i);
      JsonArray *s = json_object_has_member (record, "spans") ? json_object_get_array_member (record, "spans") : NULL;
      JsonArray *r = json_object_has_member (record, "relations") ? json_object_get_array_member (record, "relations") : NULL;
      JsonArray *e = json_object_has_member (record, "entities") ? json_object_get_array_member (record, "entities") : NULL;

      for (guint j = 0; s != NULL && j < json_array_get_length (s); j++)
        {
          JsonObject *span = json_array_get_object_element (s, j);

          count_into (labels, json_object_get_string_member (span, "label"));
          if (json_object_has_member (span, "annotator"))
            g_hash_table_add (annotators, (gpointer) json_object_get_string_member (span, "annotator"));
        }
      for (guint j = 0; r != NULL && j < json_array_get_length (r); j++)
        count_into (types, json_object_get_string_member (json_array_get_object_element (r, j), "type"));
      spans += s ? json_array_get_length (s) : 0;
      relations += r ? json_array_get_length (r) : 0;
      entities += e ? json_array_get_length (e) : 0;
    }

  import_annotated (f, "p.gloss");
  json = run_ok (0, f, "stats", "p.gloss", "--json", NULL);
  root = parse_json (json->out_text);
  stats = json_node_get_object (root);
  documents = json_object_get_object_member (stats, "documents");
  g_assert_cmpint (json_object_get_int_member (documents, "total"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (documents, "new"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (documents, "in-progress"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (documents, "done"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (stats, "spans"), "total"), ==, spans);
  assert_counts (json_object_get_object_member (json_object_get_object_member (stats, "spans"), "by_label"), labels);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (stats, "relations"), "total"), ==,
                   relations);
  assert_counts (json_object_get_object_member (json_object_get_object_member (stats, "relations"), "by_type"),
                 types);
  g_assert_cmpint (json_object_get_int_member (stats, "entities"), ==, entities);
  /* The spans name two annotators, but an import goes into one set: the
   * importing annotator's (DESIGN.md, Teams). */
  g_assert_cmpuint (g_hash_table_size (annotators), ==, 2);
  g_assert_cmpint (json_object_get_int_member (stats, "annotators"), ==, 1);
  g_assert_cmpuint (spans, ==, 28);

  table = run_ok (0, f, "stats", "p.gloss", NULL);
  g_assert_true (g_regex_match_simple ("^Documents +5 ", table->out_text, G_REGEX_MULTILINE, 0));
  spans_line = g_strdup_printf ("^Spans +%u$", spans);
  g_assert_true (g_regex_match_simple (spans_line, table->out_text, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^  QUOTE +5 +quote$", table->out_text, G_REGEX_MULTILINE, 0));

  /* A project with nothing in it counts zeros, not errors. */
  write_text (f, "one.txt", "Only one\n");
  g_clear_pointer (&json, run_free);
  json = run_ok (0, f, "import", "q.gloss", "one.txt", NULL);
  empty = run_ok (0, f, "stats", "q.gloss", "--json", NULL);
  g_clear_pointer (&root, json_node_unref);
  root = parse_json (empty->out_text);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json_node_get_object (root), "spans"),
                                               "total"), ==, 0);
}

/* ---- Projects gloss-cli refuses ------------------------------------------------------------------- */

static void
test_refused_project (Fixture       *f,
                      gconstpointer  data)
{
  static const char notes[] = "These are my notes, not a project.\n";
  const char * const commands[][8] = {
    { "list", "notes.txt" },
    { "list", "notes.txt", "--json" },
    { "stats", "notes.txt" },
    { "export", "notes.txt", "--format", "jsonl" },
    { "export", "notes.txt", "--format", "jsonl", "-o", "out.jsonl" },
    { "import", "notes.txt", "article.txt" },
    { "list", "other.db" },
    { "import", "other.db", "article.txt" },
  };
  g_autofree char *other = in_dir (f, "other.db");
  g_autoptr(GBytes) other_before = NULL;
  sqlite3 *db = NULL;

  write_text (f, "notes.txt", notes);
  write_text (f, "article.txt", "An article\n");
  g_assert_cmpint (sqlite3_open (other, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x); INSERT INTO t VALUES (1)", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
  other_before = read_bytes (f, "other.db");

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(Run) run = run_cliv (f, commands[i]);
      g_autoptr(GBytes) after = read_bytes (f, "notes.txt");
      g_autoptr(GBytes) other_after = read_bytes (f, "other.db");
      g_autofree char *prefix = g_strdup_printf ("%s: ", commands[i][1]);

      g_assert_cmpint (run->status, ==, 2);
      assert_message (run, prefix, NULL, NULL);
      g_assert_cmpmem (g_bytes_get_data (after, NULL), g_bytes_get_size (after), notes, strlen (notes));
      assert_same_bytes (other_before, other_after);
    }
  /* Not even a -wal or -shm beside them. */
  assert_dir_is (f, "", "article.txt notes.txt other.db");
}

/* ---- Round trip ------------------------------------------------------------------------------ */

/* A record without its document id, and with meta.normalized set aside (checked
 * on its own): everything else must survive export → import → export. */
static JsonNode *
comparable (JsonObject *record)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), record);
  g_autofree char *text = json_to_string (node, FALSE);
  JsonNode *copy = parse_json (text);   /* a deep copy: json_node_copy() shares the object */
  JsonObject *object = json_node_get_object (copy);
  JsonObject *meta = json_object_get_object_member (object, "meta");

  json_object_remove_member (object, "id");
  if (meta != NULL)
    json_object_remove_member (meta, "normalized");
  return copy;
}

static void
assert_same_records (GPtrArray *a,
                     GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      g_autoptr(JsonNode) x = comparable (record_at (a, i));
      g_autoptr(JsonNode) y = comparable (record_at (b, i));

      if (!json_node_equal (x, y))
        {
          g_autofree char *sx = json_to_string (x, FALSE);
          g_autofree char *sy = json_to_string (y, FALSE);

          g_assert_cmpstr (sx, ==, sy);
        }
    }
}

static JsonNode *
member_or_null (JsonObject *object,
                const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL ? json_node_ref (node) : json_node_init_null (json_node_alloc ());
}

/* Each span, relation and entity of the input is in the export as given. */
static void
assert_kept (JsonObject *given,
             JsonObject *exported,
             const char *array,
             const char * const *members)
{
  JsonArray *in = json_object_get_array_member (given, array);
  JsonArray *out = json_object_get_array_member (exported, array);

  g_assert_cmpuint (json_array_get_length (in), ==, json_array_get_length (out));
  for (guint i = 0; i < json_array_get_length (in); i++)
    {
      JsonObject *a = json_array_get_object_element (in, i);
      JsonObject *b = NULL;

      for (guint j = 0; j < json_array_get_length (out) && b == NULL; j++)
        if (g_str_equal (json_object_get_string_member (json_array_get_object_element (out, j), "id"),
                         json_object_get_string_member (a, "id")))
          b = json_array_get_object_element (out, j);
      g_assert_nonnull (b);

      for (guint k = 0; members[k] != NULL; k++)
        {
          g_autoptr(JsonNode) x = NULL;
          g_autoptr(JsonNode) y = NULL;

          if (!json_object_has_member (a, members[k]))
            continue;   /* left to the default, which other tests check */
          x = member_or_null (a, members[k]);
          y = member_or_null (b, members[k]);
          if (!json_node_equal (x, y))
            {
              g_autofree char *sx = json_to_string (x, FALSE);
              g_autofree char *sy = json_to_string (y, FALSE);

              g_test_message ("%s %s: %s", array, json_object_get_string_member (a, "id"), members[k]);
              g_assert_cmpstr (sx, ==, sy);
            }
        }
    }
}

static void
test_roundtrip (Fixture       *f,
                gconstpointer  data)
{
  static const char * const span_members[] = {
    "layer", "label", "start", "end", "fragments", "text", "attrs", "note", NULL
  };
  static const char * const relation_members[] = { "type", "from_id", "to_id", "attrs", "note", NULL };
  static const char * const entity_members[] = { "name", "type", "kb_id", "mentions", NULL };
  g_autofree char *fixture = fixture_data ("annotated.jsonl");
  g_autoptr(GPtrArray) given = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GPtrArray) third = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(Run) kept = NULL;
  g_autoptr(Run) e1 = NULL;
  g_autoptr(Run) i2 = NULL;
  g_autoptr(Run) j1 = NULL;
  g_autoptr(Run) i3 = NULL;

  import_annotated (f, "one.gloss");
  /* A text kept byte for byte must come back byte for byte too. */
  write_bytes (f, "kept.txt", "\xef\xbb\xbfKept as is\r\nCafe\xcc\x81\r\n", -1);
  kept = run_ok (0, f, "import", "one.gloss", "--keep-text", "kept.txt", NULL);
  e1 = run_ok (0, f, "export", "one.gloss", "--format", "jsonl", "-o", "one.jsonl", NULL);
  i2 = run_ok (0, f, "import", "two.gloss", "one.jsonl", NULL);
  j1 = run_ok (0, f, "export", "one.gloss", "--format", "json", "-o", "one.json", NULL);
  i3 = run_ok (0, f, "import", "three.gloss", "one.json", NULL);

  bytes = read_bytes (f, "one.jsonl");
  first = parse_lines (bytes);
  second = export_jsonl (f, "two.gloss");
  third = export_jsonl (f, "three.gloss");
  assert_same_records (first, second);
  assert_same_records (first, third);

  /* The first export holds what the fixture gave, where NFC left the text alone. */
  {
    char *contents = NULL;
    gsize length = 0;

    g_assert_true (g_file_get_contents (fixture, &contents, &length, NULL));
    g_clear_pointer (&bytes, g_bytes_unref);
    bytes = g_bytes_new_take (contents, length);
  }
  given = parse_lines (bytes);
  g_assert_cmpuint (first->len, ==, given->len + 1);
  g_assert_cmpstr (json_object_get_string_member (record_at (third, given->len), "text"), ==,
                   "\xef\xbb\xbfKept as is\r\nCafe\xcc\x81\r\n");
  for (guint i = 0; i < given->len; i++)
    {
      JsonObject *a = record_at (given, i);
      JsonObject *b = record_at (first, i);

      g_test_message ("document %s", json_object_get_string_member (a, "id"));
      g_assert_cmpstr (json_object_get_string_member (a, "id"), ==, json_object_get_string_member (b, "id"));
      if (!g_str_equal (json_object_get_string_member (a, "text"), json_object_get_string_member (b, "text")))
        continue;
      g_assert_cmpstr (json_object_get_string_member (a, "title"), ==, json_object_get_string_member (b, "title"));
      if (json_object_has_member (a, "status"))
        g_assert_cmpstr (json_object_get_string_member (a, "status"), ==,
                         json_object_get_string_member (b, "status"));
      if (json_object_has_member (a, "spans"))
        {
          JsonArray *spans = json_object_get_array_member (b, "spans");

          assert_kept (a, b, "spans", span_members);
          assert_kept (a, b, "relations", relation_members);
          assert_kept (a, b, "entities", entity_members);
          /* A record is one annotator's set, and its spans say so. */
          g_assert_true (json_object_has_member (b, "annotator"));
          for (guint j = 0; j < json_array_get_length (spans); j++)
            g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (spans, j),
                                                            "annotator"), ==,
                             json_object_get_string_member (b, "annotator"));
        }
    }
}

/* What normalisation did at the first import is part of the record: a second
 * import of the export (which changes nothing more) must not forget it. */
static void
test_roundtrip_normalized (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(Run) e1 = NULL;
  g_autoptr(Run) i2 = NULL;

  import_annotated (f, "one.gloss");
  e1 = run_ok (0, f, "export", "one.gloss", "--format", "jsonl", "-o", "one.jsonl", NULL);
  i2 = run_ok (0, f, "import", "two.gloss", "one.jsonl", NULL);
  bytes = read_bytes (f, "one.jsonl");
  first = parse_lines (bytes);
  second = export_jsonl (f, "two.gloss");

  for (guint i = 0; i < first->len; i++)
    {
      JsonObject *a = json_object_get_object_member (record_at (first, i), "meta");
      JsonObject *b = json_object_get_object_member (record_at (second, i), "meta");
      g_autoptr(JsonNode) x = member_or_null (a, "normalized");
      g_autoptr(JsonNode) y = member_or_null (b, "normalized");
      g_autofree char *sx = json_to_string (x, FALSE);
      g_autofree char *sy = json_to_string (y, FALSE);

      g_test_message ("document %s", json_object_get_string_member (record_at (first, i), "id"));
      g_assert_cmpstr (sx, ==, sy);
    }
}

/* ---- suggest -------------------------------------------------------------------------------- */

#define SUGGEST_EN "Putin met Hollande in Moscow.\n\n" \
                   "\"We are ready to cooperate with the coalition,\" Putin said.\n\n" \
                   "\"Incidents like this are absolutely unacceptable,\" he added.\n"
#define SUGGEST_DE "„Wir befürchten das Schlimmste“, sagte Wolfgang Grader.\n"

static gint64
query_project (Fixture    *f,
               const char *project,
               const char *sql)
{
  g_autofree char *path = in_dir (f, project);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  value = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
assert_range (JsonObject *record,
              const char *member,
              const char *text,
              const char *kind)
{
  JsonNode *node = json_object_get_member (record, member);
  JsonObject *range;

  g_assert_nonnull (node);
  if (text == NULL)
    {
      g_assert_true (JSON_NODE_HOLDS_NULL (node));
      return;
    }
  range = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (range, "text"), ==, text);
  g_assert_cmpint (json_object_get_int_member (range, "start"), <, json_object_get_int_member (range, "end"));
  g_assert_cmpstr (json_object_get_string_member_with_default (range, "kind", NULL), ==, kind);
}

static void
test_suggest (Fixture       *f,
              gconstpointer  data)
{
  static const char * const members[] = { "document", "label", "start", "end", "text", "quote_type", "cue",
                                          "speaker", "via" };
  g_autoptr(Run) run = NULL;
  g_autoptr(Run) again = NULL;
  g_autoptr(Run) one = NULL;
  g_autoptr(Run) unknown = NULL;
  g_autoptr(Run) after_reject = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) exported = NULL;
  g_autoptr(JsonNode) list = NULL;
  JsonArray *documents;
  g_autofree char *en_id = NULL, *de_id = NULL;
  JsonObject *record;

  write_text (f, "a.txt", SUGGEST_EN);
  write_text (f, "b.txt", SUGGEST_DE);
  g_clear_pointer (&run, run_free);
  run = run_ok (0, f, "import", "p.gloss", "a.txt", "b.txt", NULL);
  documents = list_documents (f, "p.gloss", &list);
  en_id = document_field (documents, 0, "id");
  de_id = document_field (documents, 1, "id");

  /* One object per line, documents in import order, quotations in text order. */
  g_clear_pointer (&run, run_free);
  run = run_ok (0, f, "suggest", "p.gloss", NULL);
  records = parse_lines (run->out);
  g_assert_cmpuint (records->len, ==, 3);
  for (guint i = 0; i < records->len; i++)
    {
      record = record_at (records, i);
      g_assert_cmpuint (json_object_get_size (record), ==, G_N_ELEMENTS (members));
      for (guint j = 0; j < G_N_ELEMENTS (members); j++)
        g_assert_true (json_object_has_member (record, members[j]));
      g_assert_cmpstr (json_object_get_string_member (record, "label"), ==, "QUOTE");
      g_assert_cmpstr (json_object_get_string_member (record, "quote_type"), ==, "direct");
      g_assert_cmpstr (json_object_get_string_member (record, "document"), ==, i < 2 ? en_id : de_id);
    }
  record = record_at (records, 0);
  g_assert_cmpstr (json_object_get_string_member (record, "text"), ==,
                   "\"We are ready to cooperate with the coalition,\"");
  g_assert_cmpint (json_object_get_int_member (record, "start"), ==, 31);
  g_assert_cmpint (json_object_get_int_member (record, "end"), ==, 78);
  assert_range (record, "cue", "said", NULL);
  assert_range (record, "speaker", "Putin", "name");
  assert_range (record, "via", NULL, NULL);
  record = record_at (records, 1);
  assert_range (record, "cue", "added", NULL);
  assert_range (record, "speaker", "Putin", "name");
  assert_range (record, "via", "he", NULL);
  record = record_at (records, 2);
  g_assert_cmpstr (json_object_get_string_member (record, "text"), ==, "„Wir befürchten das Schlimmste“");
  assert_range (record, "speaker", "Wolfgang Grader", "name");

  /* Printing alone stores nothing. */
  g_assert_cmpint (query_project (f, "p.gloss", "SELECT count(*) FROM suggestions"), ==, 0);

  /* --document: that document only; an unknown id is an error. */
  one = run_ok (0, f, "suggest", "p.gloss", "--document", de_id, NULL);
  g_clear_pointer (&records, g_ptr_array_unref);
  records = parse_lines (one->out);
  g_assert_cmpuint (records->len, ==, 1);
  unknown = run_checked (2, run_cli (f, "suggest", "p.gloss", "--document", "no-such-id", NULL));
  assert_message (unknown, "p.gloss", "no-such-id", NULL);
  g_assert_cmpstr (unknown->out_text, ==, "");

  /* --apply prints the same and stores them once, however often it runs. */
  g_clear_pointer (&again, run_free);
  again = run_ok (0, f, "suggest", "p.gloss", "--apply", NULL);
  g_assert_cmpstr (again->out_text, ==, run->out_text);
  g_clear_pointer (&again, run_free);
  again = run_ok (0, f, "suggest", "p.gloss", "--apply", NULL);
  g_assert_cmpstr (again->out_text, ==, run->out_text);
  g_assert_cmpint (query_project (f, "p.gloss", "SELECT count(*) FROM suggestions WHERE status = 'pending'"), ==, 3);

  /* Suggestions are never exported. */
  exported = export_jsonl (f, "p.gloss");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (record_at (exported, 0), "spans")), ==, 0);

  /* One rejected in the window is neither printed nor stored again. */
  g_assert_cmpint (query_project (f, "p.gloss", "UPDATE suggestions SET status = 'rejected' WHERE start = 31 "
                                                "RETURNING id"), >, 0);
  after_reject = run_ok (0, f, "suggest", "p.gloss", "--apply", NULL);
  g_clear_pointer (&records, g_ptr_array_unref);
  records = parse_lines (after_reject->out);
  g_assert_cmpuint (records->len, ==, 2);
  g_assert_cmpint (query_project (f, "p.gloss", "SELECT count(*) FROM suggestions"), ==, 3);
  assert_integrity (f, "p.gloss");
}

/* A quotation and two check-worthy claims, one of them reported by Putin. */
#define SUGGEST_KINDS "Unemployment fell to 4.5 percent last year, the lowest rate since 2001.\n\n" \
                      "\"We are ready to cooperate with the coalition,\" Putin said.\n\n" \
                      "Putin said that Russia's economy grew 3% in 2015.\n"

/* The labels of @out's lines, in order: "QUOTE CLAIM CLAIM". */
static char *
labels_of (GBytes *out)
{
  g_autoptr(GPtrArray) records = parse_lines (out);
  g_autoptr(GString) labels = g_string_new (NULL);

  for (guint i = 0; i < records->len; i++)
    g_string_append_printf (labels, "%s%s", i > 0 ? " " : "",
                            json_object_get_string_member (record_at (records, i), "label"));
  return g_strdup (labels->str);
}

static void
test_suggest_kinds (Fixture       *f,
                    gconstpointer  data)
{
  static const char * const claim_members[] = { "document", "label", "start", "end", "text", "cue", "speaker",
                                                "via" };
  g_autoptr(Run) run = NULL;
  g_autoptr(Run) all = NULL;
  g_autoptr(Run) quotes = NULL;
  g_autoptr(Run) claims = NULL;
  g_autoptr(Run) accepted = NULL;
  g_autoptr(Run) again = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) exported = NULL;
  g_autofree char *labels = NULL;
  JsonObject *record;
  JsonArray *spans, *relations;
  const char *claim_id = NULL, *putin_id = NULL;

  write_text (f, "a.txt", SUGGEST_KINDS);
  run = run_ok (0, f, "import", "p.gloss", "a.txt", NULL);

  /* All kinds by default, in text order, each line saying its label. */
  all = run_ok (0, f, "suggest", "p.gloss", NULL);
  labels = labels_of (all->out);
  g_assert_cmpstr (labels, ==, "CLAIM QUOTE CLAIM");
  records = parse_lines (all->out);
  record = record_at (records, 0);
  g_assert_cmpuint (json_object_get_size (record), ==, G_N_ELEMENTS (claim_members));
  for (guint j = 0; j < G_N_ELEMENTS (claim_members); j++)
    g_assert_true (json_object_has_member (record, claim_members[j]));
  g_assert_false (json_object_has_member (record, "quote_type"));
  g_assert_cmpstr (json_object_get_string_member (record, "text"), ==,
                   "Unemployment fell to 4.5 percent last year, the lowest rate since 2001");
  g_assert_cmpint (json_object_get_int_member (record, "start"), ==, 0);
  assert_range (record, "speaker", NULL, NULL);
  record = record_at (records, 1);
  g_assert_cmpstr (json_object_get_string_member (record, "quote_type"), ==, "direct");
  record = record_at (records, 2);
  g_assert_cmpstr (json_object_get_string_member (record, "text"), ==, "Russia's economy grew 3% in 2015");
  assert_range (record, "cue", "said", NULL);
  assert_range (record, "speaker", "Putin", "name");

  /* --kind chooses; all is the default. */
  g_clear_pointer (&run, run_free);
  run = run_ok (0, f, "suggest", "p.gloss", "--kind", "all", NULL);
  g_assert_cmpstr (run->out_text, ==, all->out_text);
  quotes = run_ok (0, f, "suggest", "p.gloss", "--kind", "quotes", NULL);
  g_clear_pointer (&labels, g_free);
  labels = labels_of (quotes->out);
  g_assert_cmpstr (labels, ==, "QUOTE");
  claims = run_ok (0, f, "suggest", "p.gloss", "--kind=claims", NULL);
  g_clear_pointer (&labels, g_free);
  labels = labels_of (claims->out);
  g_assert_cmpstr (labels, ==, "CLAIM CLAIM");

  /* --apply stores the kinds asked for, and only once. */
  g_clear_pointer (&run, run_free);
  run = run_ok (0, f, "suggest", "p.gloss", "--kind", "claims", "--apply", NULL);
  g_assert_cmpstr (run->out_text, ==, claims->out_text);
  g_assert_cmpint (query_project (f, "p.gloss", "SELECT count(*) FROM suggestions WHERE kind = 'claim'"), ==, 2);
  g_assert_cmpint (query_project (f, "p.gloss", "SELECT count(*) FROM suggestions WHERE kind = 'quote'"), ==, 0);
  g_clear_pointer (&run, run_free);
  run = run_ok (0, f, "suggest", "p.gloss", "--apply", NULL);
  g_assert_cmpint (query_project (f, "p.gloss", "SELECT count(*) FROM suggestions"), ==, 3);

  /* --accept --kind claims: CLAIM spans, Putin as the claimant, the stored
   * claims accepted; the quotation stays a pending suggestion. */
  accepted = run_ok (0, f, "suggest", "p.gloss", "--kind", "claims", "--accept", NULL);
  g_assert_cmpstr (accepted->out_text, ==, claims->out_text);
  g_assert_cmpint (query_project (f, "p.gloss", "SELECT count(*) FROM suggestions WHERE kind = 'claim' "
                                                "AND status = 'accepted'"), ==, 2);
  g_assert_cmpint (query_project (f, "p.gloss", "SELECT count(*) FROM suggestions WHERE kind = 'quote' "
                                                "AND status = 'pending'"), ==, 1);
  exported = export_jsonl (f, "p.gloss");
  spans = json_object_get_array_member (record_at (exported, 0), "spans");
  relations = json_object_get_array_member (record_at (exported, 0), "relations");
  g_assert_cmpuint (json_array_get_length (spans), ==, 3);
  for (guint i = 0; i < json_array_get_length (spans); i++)
    {
      JsonObject *span = json_array_get_object_element (spans, i);
      const char *label = json_object_get_string_member (span, "label");

      if (g_str_equal (label, "PERSON"))
        putin_id = json_object_get_string_member (span, "id");
      else if (g_str_equal (json_object_get_string_member (span, "text"), "Russia's economy grew 3% in 2015"))
        claim_id = json_object_get_string_member (span, "id");
      else
        g_assert_cmpstr (label, ==, "CLAIM");
    }
  g_assert_nonnull (putin_id);
  g_assert_nonnull (claim_id);
  g_assert_cmpuint (json_array_get_length (relations), ==, 1);
  record = json_array_get_object_element (relations, 0);
  g_assert_cmpstr (json_object_get_string_member (record, "type"), ==, "CLAIMANT");
  g_assert_cmpstr (json_object_get_string_member (record, "from_id"), ==, claim_id);
  g_assert_cmpstr (json_object_get_string_member (record, "to_id"), ==, putin_id);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (record_at (exported, 0), "claims")),
                    ==, 2);

  /* Annotated claims are not suggested again; the quotation still is. */
  again = run_ok (0, f, "suggest", "p.gloss", NULL);
  g_clear_pointer (&labels, g_free);
  labels = labels_of (again->out);
  g_assert_cmpstr (labels, ==, "QUOTE");
  assert_integrity (f, "p.gloss");
}

/* A claim made in a quotation: accepting both gives one speaker mention that is
 * the quote's SPEAKER and the claim's CLAIMANT, and the claim sits IN_QUOTE. */
static void
test_suggest_claim_in_quote (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(Run) run = NULL;
  g_autoptr(Run) accepted = NULL;
  g_autoptr(GPtrArray) exported = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *labels = NULL;
  JsonObject *record, *claim;
  JsonArray *spans, *relations, *claims;

  write_text (f, "a.txt", "\u201cExports rose 12 percent in 2019,\u201d Angela Merkel told reporters.\n");
  run = run_ok (0, f, "import", "p.gloss", "a.txt", NULL);
  accepted = run_ok (0, f, "suggest", "p.gloss", "--accept", NULL);
  labels = labels_of (accepted->out);
  g_assert_cmpstr (labels, ==, "QUOTE CLAIM");

  exported = export_jsonl (f, "p.gloss");
  record = record_at (exported, 0);
  spans = json_object_get_array_member (record, "spans");
  for (guint i = 0; i < json_array_get_length (spans); i++)
    {
      JsonObject *span = json_array_get_object_element (spans, i);

      g_hash_table_insert (ids, g_strdup (json_object_get_string_member (span, "label")),
                           g_strdup (json_object_get_string_member (span, "id")));
    }
  g_assert_cmpuint (json_array_get_length (spans), ==, 4);   /* QUOTE, CUE, PERSON, CLAIM */
  relations = json_object_get_array_member (record, "relations");
  g_assert_cmpuint (json_array_get_length (relations), ==, 4);
  for (guint i = 0; i < json_array_get_length (relations); i++)
    {
      JsonObject *r = json_array_get_object_element (relations, i);
      const char *type = json_object_get_string_member (r, "type");
      const char *from = json_object_get_string_member (r, "from_id");
      const char *to = json_object_get_string_member (r, "to_id");

      if (g_str_equal (type, "SPEAKER"))
        g_assert_cmpstr (to, ==, g_hash_table_lookup (ids, "PERSON"));
      else if (g_str_equal (type, "CLAIMANT"))
        {
          g_assert_cmpstr (from, ==, g_hash_table_lookup (ids, "CLAIM"));
          g_assert_cmpstr (to, ==, g_hash_table_lookup (ids, "PERSON"));
        }
      else if (g_str_equal (type, "IN_QUOTE"))
        {
          g_assert_cmpstr (from, ==, g_hash_table_lookup (ids, "CLAIM"));
          g_assert_cmpstr (to, ==, g_hash_table_lookup (ids, "QUOTE"));
        }
      else
        g_assert_cmpstr (type, ==, "CUE");
    }
  claims = json_object_get_array_member (record, "claims");
  g_assert_cmpuint (json_array_get_length (claims), ==, 1);
  claim = json_array_get_object_element (claims, 0);
  g_assert_cmpstr (json_object_get_string_member (claim, "in_quote"), ==, g_hash_table_lookup (ids, "QUOTE"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (claim, "claimants"), 0), "text"), ==, "Angela Merkel");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (claim, "contents"), 0), "text"), ==,
                   "Exports rose 12 percent in 2019");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  cli_path = g_strdup (g_getenv ("GLOSS_CLI"));
  if (cli_path == NULL)
    {
      g_autofree char *relative = g_test_build_filename (G_TEST_BUILT, "..", "src", "cli", "gloss-cli", NULL);

      cli_path = g_canonicalize_filename (relative, NULL);
    }

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/help", test_help);
  ADD ("/cli/usage-errors", test_usage_errors);
  ADD ("/cli/import/txt", test_import_txt);
  ADD ("/cli/import/title", test_import_title);
  ADD ("/cli/import/refused-files", test_import_refused);
  ADD ("/cli/import/duplicate", test_import_duplicate);
  ADD ("/cli/import/encoding", test_import_encoding);
  ADD ("/cli/import/keep-text", test_import_keep_text);
  ADD ("/cli/import/jsonl-problems", test_import_jsonl_problems);
  ADD ("/cli/import/id-taken", test_import_id_taken);
  ADD ("/cli/export/jsonl", test_export_jsonl);
  ADD ("/cli/export/json", test_export_json);
  ADD ("/cli/export/txt", test_export_txt);
  ADD ("/cli/export/status", test_export_status);
  ADD ("/cli/export/layer", test_export_layer);
  ADD ("/cli/export/bundle", test_export_bundle);
  ADD ("/cli/export/split", test_export_split);
  ADD ("/cli/export/unwritable", test_export_unwritable);
  ADD ("/cli/stats", test_stats);
  ADD ("/cli/refused-project", test_refused_project);
  ADD ("/cli/roundtrip", test_roundtrip);
  ADD ("/cli/roundtrip/meta-normalized", test_roundtrip_normalized);
  ADD ("/cli/suggest", test_suggest);
  ADD ("/cli/suggest/kinds", test_suggest_kinds);
  ADD ("/cli/suggest/claim-in-quote", test_suggest_claim_in_quote);
#undef ADD

  return g_test_run ();
}
