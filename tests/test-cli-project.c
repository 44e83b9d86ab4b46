/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gloss-cli and the project file: a pending write-ahead log is not a truncated
 * file, a read-only folder still lists, damaged projects give one line and exit
 * 2 (never a crash, never a short export), and a refused command leaves no new
 * file or folder behind. Each command is a real process in a folder of its own. */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <grp.h>
#include <json-glib/json-glib.h>
#include <pwd.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char *cli_path;

typedef struct
{
  char *dir;
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_free (Run *run)
{
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

/* ---- Files ------------------------------------------------------------------------ */

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_chmod (path, 0755);
  dir = g_dir_open (path, 0, NULL);
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

  f->dir = g_dir_make_tmp ("gloss-test-cli-project-XXXXXX", &error);
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
write_text (Fixture    *f,
            const char *name,
            const char *text)
{
  g_autofree char *path = in_dir (f, name);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
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

static void
copy_file (Fixture    *f,
           const char *from,
           const char *to)
{
  g_autoptr(GBytes) contents = read_bytes (f, from);
  g_autofree char *path = in_dir (f, to);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, g_bytes_get_data (contents, NULL), g_bytes_get_size (contents), &error);
  g_assert_no_error (error);
}

static gboolean
exists (Fixture    *f,
        const char *name)
{
  g_autofree char *path = in_dir (f, name);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static goffset
file_size (Fixture    *f,
           const char *name)
{
  g_autofree char *path = in_dir (f, name);
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_size;
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The names in a folder of the fixture ("" for the fixture itself), sorted. */
static void
assert_dir_is (Fixture    *f,
               const char *name,
               const char *expected)
{
  g_autofree char *path = in_dir (f, name);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;
  const char *entry;

  g_assert_nonnull (dir);
  while ((entry = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (entry));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  joined = g_strjoinv (" ", (char **) names->pdata);
  g_assert_cmpstr (joined, ==, expected);
}

/* ---- SQLite behind gloss-cli's back ---------------------------------------------- */

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  sqlite3_exec (db, sql, NULL, NULL, &message);
  g_assert_cmpstr (message, ==, NULL);
}

static sqlite3 *
open_db (Fixture    *f,
         const char *name)
{
  g_autofree char *path = in_dir (f, name);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  return db;
}

static void
run_sql (Fixture    *f,
         const char *name,
         const char *sql)
{
  sqlite3 *db = open_db (f, name);

  exec_sql (db, sql);
  sqlite3_close (db);
}

static gint64
query_int (Fixture    *f,
           const char *name,
           const char *sql)
{
  sqlite3 *db = open_db (f, name);
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* ---- Running gloss-cli ------------------------------------------------------------ */

static uid_t run_as_uid;
static gid_t run_as_gid;

/* In the child, before exec: drop root for a user whom permission bits stop. */
static void
become_user (gpointer data)
{
  if (run_as_uid == 0)
    return;
  if (setgroups (0, NULL) != 0 || setgid (run_as_gid) != 0 || setuid (run_as_uid) != 0)
    _exit (125);
}

static Run *
run_cliv (Fixture            *f,
          const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
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
  g_subprocess_launcher_set_child_setup (launcher, become_user, NULL, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
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

#define run_ok(status, f, ...) run_checked ((status), run_cli ((f), __VA_ARGS__))

static Run *
run_checked (int  status,
             Run *run)
{
  if (run->status != status)
    g_error ("exit status %d, expected %d; stderr:\n%s", run->status, status, run->err);
  return run;
}

/* Refused: exit 2, and stderr is exactly one "gloss-cli: …" line holding @fragment. */
static void
assert_one_line (const Run  *run,
                 const char *fragment)
{
  g_auto(GStrv) lines = g_strsplit (run->err, "\n", -1);

  g_assert_cmpint (run->status, ==, 2);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_cmpstr (lines[1], ==, "");
  g_assert_true (g_str_has_prefix (lines[0], "gloss-cli: "));
  if (strstr (lines[0], fragment) == NULL)
    g_error ("no “%s” in: %s", fragment, lines[0]);
}

static guint
count_documents (Fixture    *f,
                 const char *project)
{
  g_autoptr(Run) run = run_ok (0, f, "list", project, "--json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, run->out, -1, &error);
  g_assert_no_error (error);
  return json_array_get_length (json_node_get_array (json_parser_get_root (parser)));
}

static void
write_articles (Fixture    *f,
                const char *prefix,
                guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s%u.txt", prefix, i);
      g_autoptr(GString) text = g_string_new (NULL);

      g_string_append_printf (text, "Article %s%u\n\n", prefix, i);
      for (guint j = 0; j < 60; j++)
        g_string_append_printf (text, "Paragraph %u of article %s%u, with some words in it. ",
                                j, prefix, i);
      write_text (f, name, text->str);
    }
}

/* ---- A refused command leaves nothing behind -------------------------------------- */

static void
test_refused_leaves_nothing (Fixture       *f,
                             gconstpointer  data)
{
  static const struct { const char *args[8]; int status; const char *message; } cases[] = {
    { { "import", "new.gloss", "--preset", "nope", "a.txt" }, 2, "--preset" },
    { { "import", "new.gloss", "empty.txt" }, 1, "empty.txt" },
    { { "import", "new.gloss", "--format", "jsonl", "bad.jsonl" }, 1, "bad.jsonl" },
    { { "import", "", "a.txt" }, 2, "empty path" },
    { { "list", "" }, 2, "empty" },
    /* a server that is not there: one line, without the password */
    { { "import", "postgresql:///db?host=/nonexistent/pg", "a.txt" }, 2, "cannot connect to the server" },
    { { "import", "postgres://annotator:s3cret@127.0.0.1:1/news", "a.txt" }, 2, "cannot connect" },
    { { "list", "postgresql:///news?host=/nonexistent&password=s3cret" }, 2, "cannot connect" },
    { { "stats", "postgresql://annotator:s3cret@127.0.0.1:1/news" }, 2, "cannot connect" },
    { { "export", "postgresql://127.0.0.1:1/news", "--format", "jsonl" }, 2, "cannot connect" },
    { { "import", "no/such/folder/p.gloss", "a.txt" }, 2, "does not exist" },
  };

  write_text (f, "a.txt", "An article\nWith a body.\n");
  write_text (f, "empty.txt", "");
  write_text (f, "bad.jsonl", "{\"text\": 12}\n");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Run) run = run_cliv (f, cases[i].args);

      g_assert_cmpint (run->status, ==, cases[i].status);
      g_assert_nonnull (strstr (run->err, cases[i].message));
      g_assert_null (strstr (run->err, "s3cret"));
      g_assert_null (strstr (run->err, "\n\t"));
      g_assert_null (strstr (run->out, "Imported 1"));
      assert_dir_is (f, "", "a.txt bad.jsonl empty.txt");
    }

  /* An empty file that was there is left empty, not turned into a project. */
  write_text (f, "kept.gloss", "");
  {
    g_autoptr(Run) run = run_ok (1, f, "import", "kept.gloss", "empty.txt", NULL);

    g_assert_cmpint (file_size (f, "kept.gloss"), ==, 0);
    assert_dir_is (f, "", "a.txt bad.jsonl empty.txt kept.gloss");
  }

  /* With one good file the project is made and kept. */
  {
    g_autoptr(Run) run = run_ok (1, f, "import", "new.gloss", "empty.txt", "a.txt", NULL);

    g_assert_cmpuint (count_documents (f, "new.gloss"), ==, 1);
  }
}

/* ---- A pending write-ahead log ----------------------------------------------------- */

/* A checkpoint cut short (a full disk), or still running in another gloss-cli:
 * the header already counts the new pages, the file does not have them yet,
 * the -wal does. Every command reads the project whole. */
static void
test_wal_pending (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *copy_path = in_dir (f, "copy.gloss");
  sqlite3 *holder;
  goffset before;

  write_articles (f, "a", 3);
  write_articles (f, "b", 6);
  g_autoptr(Run) first = run_ok (0, f, "import", "p.gloss", "a0.txt", "a1.txt", "a2.txt", NULL);
  g_assert_false (exists (f, "p.gloss-wal"));
  before = file_size (f, "p.gloss");

  /* Another program holds the project open and never checkpoints, so the
   * import's pages stay in the -wal after gloss-cli exits. */
  holder = open_db (f, "p.gloss");
  exec_sql (holder, "PRAGMA wal_autocheckpoint = 0; SELECT count(*) FROM documents");
  g_autoptr(Run) second = run_ok (0, f, "import", "p.gloss", "b0.txt", "b1.txt", "b2.txt",
                                  "b3.txt", "b4.txt", "b5.txt", NULL);
  exec_sql (holder, "PRAGMA wal_checkpoint(PASSIVE)");
  copy_file (f, "p.gloss", "copy.gloss");
  copy_file (f, "p.gloss-wal", "copy.gloss-wal");
  sqlite3_close (holder);
  g_assert_cmpint (truncate (copy_path, before), ==, 0);
  copy_file (f, "copy.gloss", "bare.gloss");

  {
    g_autoptr(Run) run = run_cli (f, "list", "bare.gloss", NULL);

    assert_one_line (run, "truncated");
  }
  g_assert_cmpuint (count_documents (f, "copy.gloss"), ==, 9);
  {
    g_autoptr(Run) run = run_ok (0, f, "stats", "copy.gloss", "--json", NULL);

    g_assert_nonnull (strstr (run->out, "\"total\" : 9"));
  }
  {
    g_autoptr(Run) run = run_ok (0, f, "export", "copy.gloss", "--format", "jsonl", NULL);

    g_assert_nonnull (strstr (run->out, "Article b5"));
  }
}

/* ---- A read-only folder ------------------------------------------------------------ */

/* Whether @uid can reach and run gloss-cli: not when the build folder is
 * private (a package build in a mktemp folder). */
static gboolean
can_run_cli (uid_t uid,
             gid_t gid)
{
  pid_t pid = fork ();
  int status = 0;

  if (pid == 0)
    {
      if (setgroups (0, NULL) != 0 || setgid (gid) != 0 || setuid (uid) != 0)
        _exit (1);
      _exit (access (cli_path, X_OK) == 0 ? 0 : 1);
    }
  return pid > 0 && waitpid (pid, &status, 0) == pid && WIFEXITED (status) && WEXITSTATUS (status) == 0;
}

/* As root, the commands of a test run as "nobody", whom permission bits stop
 * as they stop any user; 0 when the tests run as a user already, or when there
 * is no such user. */
static uid_t
unprivileged_user (gid_t *gid)
{
  struct passwd *nobody;

  if (geteuid () != 0)
    return 0;
  nobody = getpwnam ("nobody");
  if (nobody == NULL || nobody->pw_uid == 0 || !can_run_cli (nobody->pw_uid, nobody->pw_gid))
    return 0;
  *gid = nobody->pw_gid;
  return nobody->pw_uid;
}

static void
test_read_only_folder (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *folder = in_dir (f, "shared");
  g_autofree char *project = in_dir (f, "shared/p.gloss");
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  gid_t gid = 0;
  uid_t uid = unprivileged_user (&gid);

  /* Root without an unprivileged user: Gloss goes by the folder's permission
   * bits, so the read-only path still runs. */
  if (geteuid () == 0 && uid == 0)
    g_test_message ("no “nobody” user who can run gloss-cli here: running as root, the folder "
                    "read-only by its bits");

  write_articles (f, "a", 2);
  write_text (f, "late.txt", "Too late\nThis one must not go in.\n");
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_autoptr(Run) import = run_ok (0, f, "import", "shared/p.gloss", "a0.txt", "a1.txt", NULL);

  /* The file stays writable for the user; only the folder is not. */
  g_assert_cmpint (g_chmod (f->dir, 0755), ==, 0);
  if (uid != 0)
    g_assert_cmpint (chown (project, uid, gid), ==, 0);
  g_assert_cmpint (g_chmod (folder, uid != 0 ? 0755 : 0555), ==, 0);
  before = read_bytes (f, "shared/p.gloss");
  run_as_uid = uid;
  run_as_gid = gid;

  {
    g_autoptr(Run) run = run_ok (0, f, "list", "shared/p.gloss", NULL);

    g_assert_nonnull (strstr (run->out, "Article a1"));
  }
  {
    g_autoptr(Run) run = run_ok (0, f, "stats", "shared/p.gloss", NULL);
  }
  {
    g_autoptr(Run) run = run_ok (0, f, "export", "shared/p.gloss", "--format", "jsonl", NULL);

    g_assert_nonnull (strstr (run->out, "Paragraph 59 of article a1"));
  }
  {
    g_autoptr(Run) run = run_cli (f, "import", "shared/p.gloss", "late.txt", NULL);

    assert_one_line (run, "read-only");
  }

  run_as_uid = 0;
  after = read_bytes (f, "shared/p.gloss");
  g_assert_true (g_bytes_equal (before, after));
  assert_dir_is (f, "shared", "p.gloss");
  g_assert_cmpint (g_chmod (folder, 0755), ==, 0);
}

/* ---- Files that are not (or no longer) what they say -------------------------------- */

static void
test_not_gloss (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GBytes) foreign_before = NULL;
  g_autoptr(GBytes) foreign_after = NULL;
  g_autoptr(GBytes) versionless_before = NULL;
  g_autoptr(GBytes) versionless_after = NULL;

  write_text (f, "a.txt", "An article\nWith a body.\n");
  run_sql (f, "foreign.db", "CREATE TABLE documents (id INTEGER PRIMARY KEY, body TEXT);"
                            "INSERT INTO documents (body) VALUES ('mine')");
  g_autoptr(Run) made = run_ok (0, f, "import", "versionless.gloss", "a.txt", NULL);
  run_sql (f, "versionless.gloss", "PRAGMA user_version = 0; PRAGMA wal_checkpoint(TRUNCATE)");
  g_assert_false (exists (f, "versionless.gloss-wal"));
  foreign_before = read_bytes (f, "foreign.db");
  versionless_before = read_bytes (f, "versionless.gloss");

  {
    g_autoptr(Run) run = run_cli (f, "import", "foreign.db", "a.txt", NULL);

    assert_one_line (run, "not a Gloss project");
  }
  {
    g_autoptr(Run) run = run_cli (f, "list", "versionless.gloss", NULL);

    assert_one_line (run, "damaged");
    g_assert_null (strstr (run->err, "already exists"));
  }
  {
    g_autoptr(Run) run = run_cli (f, "import", "versionless.gloss", "a.txt", NULL);

    assert_one_line (run, "damaged");
  }

  foreign_after = read_bytes (f, "foreign.db");
  versionless_after = read_bytes (f, "versionless.gloss");
  g_assert_true (g_bytes_equal (foreign_before, foreign_after));
  g_assert_true (g_bytes_equal (versionless_before, versionless_after));
  assert_dir_is (f, "", "a.txt foreign.db versionless.gloss");
}

/* A NOT NULL column made nullable behind SQLite's back, then emptied. */
static void
null_out (Fixture    *f,
          const char *project,
          const char *table,
          const char *column,
          const char *update)
{
  g_autofree char *sql =
    g_strdup_printf ("PRAGMA writable_schema = ON;"
                     "UPDATE sqlite_schema SET sql = replace (sql, '%s NOT NULL', '%s') "
                     "WHERE type = 'table' AND name = '%s';"
                     "PRAGMA writable_schema = OFF;", column, column, table);

  run_sql (f, project, sql);
  run_sql (f, project, update);
  run_sql (f, project, "PRAGMA wal_checkpoint(TRUNCATE)");
}

static void
assert_damaged (Fixture    *f,
                const char *project)
{
  static const char * const commands[][6] = {
    { "list", NULL },
    { "list", NULL, "--json" },
    { "stats", NULL },
    { "stats", NULL, "--json" },
    { "export", NULL, "--format", "jsonl" },
    { "export", NULL, "--format", "jsonl", "-o", "out.jsonl" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const char *args[7] = { NULL };
      g_autoptr(Run) run = NULL;

      for (guint j = 0; j < 6; j++)
        args[j] = j == 1 ? project : commands[i][j];
      run = run_cliv (f, args);
      assert_one_line (run, "damaged");
      g_assert_false (exists (f, "out.jsonl"));
    }
}

static void
test_damaged_nulls (Fixture       *f,
                    gconstpointer  data)
{
  write_articles (f, "a", 3);
  g_autoptr(Run) made = run_ok (0, f, "import", "p.gloss", "a0.txt", "a1.txt", "a2.txt", NULL);
  /* The status of document 2 in the (only) annotator set, emptied. */
  null_out (f, "p.gloss", "document_sets", "status TEXT",
            "INSERT INTO document_sets (document_id, annotator_id, status, modified) "
            "SELECT 2, id, NULL, 0 FROM annotators");
  assert_damaged (f, "p.gloss");
}

static guint32
get_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* Overwrites the page header of the last leaf of the annotations table: the
 * spans of the first documents still read, those of the last one cannot. */
static void
break_last_span_page (Fixture    *f,
                      const char *project)
{
  g_autofree char *path = in_dir (f, project);
  g_autoptr(GBytes) contents = read_bytes (f, project);
  gsize size = g_bytes_get_size (contents);
  guint8 *bytes = g_memdup2 (g_bytes_get_data (contents, NULL), size);
  guint page = (bytes[16] << 8) | bytes[17];
  guint32 root = query_int (f, project, "SELECT rootpage FROM sqlite_schema WHERE name = 'annotations'");
  guint8 *root_page = bytes + (gsize) (root - 1) * page;
  g_autoptr(GError) error = NULL;
  guint32 leaf;

  g_assert_cmpuint (root_page[0], ==, 0x05);
  leaf = get_be32 (root_page + 8);
  g_assert_cmpuint (bytes[(gsize) (leaf - 1) * page], ==, 0x0d);
  memset (bytes + (gsize) (leaf - 1) * page, 0x77, 8);
  g_file_set_contents (path, (const char *) bytes, size, &error);
  g_assert_no_error (error);
  g_free (bytes);
}

static void
test_damaged_page (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GString) jsonl = g_string_new (NULL);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      g_string_append_printf (jsonl, "{\"id\": \"doc-%u\", \"spans\": [", i);
      for (guint j = 0; j < 200; j++)
        {
          g_string_append_printf (text, "Name%04u said %c. ", j, 'a' + i);
          g_string_append_printf (jsonl, "%s{\"id\": \"s%u\", \"label\": \"PERSON\", "
                                  "\"start\": %u, \"end\": %u}", j > 0 ? ", " : "", j,
                                  j * 17, j * 17 + 8);
        }
      g_string_append_printf (jsonl, "], \"text\": \"%s\"}\n", text->str);
    }
  write_text (f, "spans.jsonl", jsonl->str);
  g_autoptr(Run) made = run_ok (0, f, "import", "p.gloss", "spans.jsonl", NULL);
  g_assert_cmpint (query_int (f, "p.gloss", "SELECT count(*) FROM annotations"), ==, 600);
  run_sql (f, "p.gloss", "PRAGMA wal_checkpoint(TRUNCATE)");
  break_last_span_page (f, "p.gloss");

  /* The list counts spans from an index the damage does not reach; whatever
   * it says, the export must not leave spans out and exit 0. */
  {
    g_autoptr(Run) run = run_cli (f, "export", "p.gloss", "--format", "jsonl", NULL);

    assert_one_line (run, "damaged");
  }
  {
    g_autoptr(Run) run = run_cli (f, "export", "p.gloss", "--format", "jsonl", "-o", "out.jsonl", NULL);

    assert_one_line (run, "damaged");
    g_assert_false (exists (f, "out.jsonl"));
  }
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
  ADD ("/cli-project/refused-leaves-nothing", test_refused_leaves_nothing);
  ADD ("/cli-project/wal-pending", test_wal_pending);
  ADD ("/cli-project/read-only-folder", test_read_only_folder);
  ADD ("/cli-project/not-gloss", test_not_gloss);
  ADD ("/cli-project/damaged/nulls", test_damaged_nulls);
  ADD ("/cli-project/damaged/page", test_damaged_page);
#undef ADD

  return g_test_run ();
}
