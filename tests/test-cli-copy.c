/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gloss-cli copy: a whole project from a file to a server and back, lossless
 * (DESIGN.md's Teams: checked with export --format json --set all), and the
 * refusals of a server database, each one line that leaves nothing changed. */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "cli-run.h"
#include "gloss-test-pg.h"

/* Emoji, Cyrillic and curly quotes: offsets in code points. */
#define TEXT "Vladimir Putin said “We are ready,” in Москва 😀."

static const char *ana_jsonl =
  "{\"id\": \"d1\", \"status\": \"done\", \"text\": \"" TEXT "\", \"spans\": ["
  "{\"id\": \"s1\", \"label\": \"PERSON\", \"start\": 0, \"end\": 14},"
  "{\"id\": \"s2\", \"label\": \"QUOTE\", \"start\": 20, \"end\": 35, \"attrs\": {\"quote_type\": \"direct\"}},"
  "{\"id\": \"s3\", \"label\": \"GPE\", \"start\": 39, \"end\": 45, \"note\": \"the city\"}],"
  "\"relations\": [{\"id\": \"r1\", \"type\": \"speaker\", \"from_id\": \"s2\", \"to_id\": \"s1\"}]}\n"
  "{\"id\": \"d2\", \"status\": \"in-progress\", \"text\": \"Второй текст 👍🏽 о́чень.\", \"spans\": ["
  "{\"id\": \"s1\", \"label\": \"ORG\", \"start\": 0, \"end\": 6}]}\n";
static const char *ben_jsonl =
  "{\"id\": \"d1\", \"status\": \"done\", \"text\": \"" TEXT "\", \"spans\": ["
  "{\"id\": \"s1\", \"label\": \"PERSON\", \"start\": 9, \"end\": 14}]}\n";

static char *
export_all (const char *project)
{
  return cli_run (0, NULL, "export", project, "--format", "json", "--set", "all", NULL);
}

/* The label schema, as the dataset bundle's labels.json has it. */
static char *
export_schema (const char *project,
               const char *folder)
{
  g_autofree char *out = cli_run (0, NULL, "export", project, "--format", "jsonl", "--set", "all",
                                  "--bundle", folder, NULL);
  g_autofree char *labels = g_build_filename (cli_dir, folder, "labels.json", NULL);
  char *contents = NULL;

  g_assert_true (g_file_get_contents (labels, &contents, NULL, NULL));
  return contents;
}

static void
make_source (void)
{
  g_autofree char *o1 = NULL, *o2 = NULL;
  g_autofree char *source = cli_path ("source.gloss");

  cli_write ("ana.jsonl", ana_jsonl);
  cli_write ("ben.jsonl", ben_jsonl);
  g_remove (source);
  o1 = cli_run (0, NULL, "import", "source.gloss", "ana.jsonl", "--annotator", "ana", NULL);
  o2 = cli_run (0, NULL, "import", "source.gloss", "ben.jsonl", "--annotator", "ben", NULL);
}

/* File to file: the same export and the same label schema. */
static void
test_copy_file (void)
{
  g_autofree char *out = NULL, *a = NULL, *b = NULL, *sa = NULL, *sb = NULL, *err = NULL;

  make_source ();
  out = cli_run (0, NULL, "copy", "source.gloss", "copy.gloss", NULL);
  g_assert_nonnull (strstr (out, "2 documents"));
  a = export_all ("source.gloss");
  b = export_all ("copy.gloss");
  g_assert_cmpstr (a, ==, b);
  g_assert_nonnull (strstr (a, "\"annotator\":\"ben\""));
  sa = export_schema ("source.gloss", "bundle-source");
  sb = export_schema ("copy.gloss", "bundle-copy");
  g_assert_cmpstr (sa, ==, sb);

  /* A project that holds documents is never a copy's target. */
  g_free (cli_run (2, &err, "copy", "source.gloss", "copy.gloss", NULL));
  g_assert_nonnull (strstr (err, "already holds documents"));
}

/* File → server → file: byte-identical native exports. */
static void
test_copy_server (void)
{
  g_autofree char *uri = gloss_test_pg_new_database ();
  g_autofree char *o1 = NULL, *o2 = NULL, *a = NULL, *s = NULL, *b = NULL;
  g_autofree char *back = cli_path ("back.gloss");

  if (uri == NULL)
    {
      g_test_skip (GLOSS_TEST_PG_SKIP);
      return;
    }

  make_source ();
  g_remove (back);
  o1 = cli_run (0, NULL, "copy", "source.gloss", uri, NULL);
  o2 = cli_run (0, NULL, "copy", uri, "back.gloss", NULL);
  a = export_all ("source.gloss");
  s = export_all (uri);
  b = export_all ("back.gloss");
  g_assert_cmpstr (a, ==, s);
  g_assert_cmpstr (a, ==, b);
  gloss_test_pg_drop_database (uri);
}

static void
assert_refused (const char *uri,
                const char *expected)
{
  g_autofree char *err = NULL;
  g_autofree char *out = cli_run (2, &err, "list", uri, NULL);
  g_autofree char *out2 = NULL, *err2 = NULL;

  g_test_message ("%s", err);
  g_assert_nonnull (strstr (err, expected));
  g_assert_cmpuint (strlen (err), >, 0);
  g_assert_null (strchr (err, '\n') != strrchr (err, '\n') ? "more than one line" : NULL);
  out2 = cli_run (2, &err2, "import", uri, "ana.jsonl", NULL);
  g_assert_nonnull (strstr (err2, expected));
}

/* A database that is not Gloss's, or a newer Gloss's, is refused in one line and
 * left as it was. */
static void
test_refuse_foreign (void)
{
  g_autofree char *foreign = gloss_test_pg_new_database ();
  g_autofree char *newer = NULL;
  g_autoptr(GError) error = NULL;

  if (foreign == NULL)
    {
      g_test_skip (GLOSS_TEST_PG_SKIP);
      return;
    }
  cli_write ("ana.jsonl", ana_jsonl);
  g_assert_true (gloss_test_pg_exec (foreign, "CREATE TABLE invoices (id int); "
                                              "INSERT INTO invoices VALUES (7)", &error));
  assert_refused (foreign, "not a Gloss project");
  g_assert_true (gloss_test_pg_exec (foreign, "DO $$ BEGIN IF (SELECT count(*) FROM pg_tables "
                                              "WHERE schemaname = 'public') <> 1 OR "
                                              "(SELECT id FROM invoices) <> 7 THEN "
                                              "RAISE 'changed'; END IF; END $$", &error));
  g_assert_no_error (error);

  newer = gloss_test_pg_new_database ();
  g_free (cli_run (0, NULL, "import", newer, "ana.jsonl", NULL));
  g_assert_true (gloss_test_pg_exec (newer, "UPDATE gloss_meta SET value = '99' "
                                            "WHERE key = 'schema_version'", &error));
  assert_refused (newer, "newer Gloss");
  g_assert_true (gloss_test_pg_exec (newer, "DO $$ BEGIN IF (SELECT count(*) FROM documents) <> 2 "
                                            "THEN RAISE 'changed'; END IF; END $$", &error));
  g_assert_no_error (error);

  gloss_test_pg_drop_database (foreign);
  gloss_test_pg_drop_database (newer);
}

/* A wrong password is one line that names neither the password nor anything
 * but the server's refusal, and nothing is made; the right one works. Needs a
 * server that asks roles in gloss_password_logins for their password
 * (build-aux/pg-cluster.sh's does). */
static void
test_wrong_password (void)
{
  g_autofree char *uri = gloss_test_pg_new_database ();
  g_autofree char *role = NULL, *sql = NULL, *wrong = NULL, *right = NULL;
  g_autofree char *err = NULL, *out = NULL, *listed = NULL, *o1 = NULL;
  g_autoptr(GError) error = NULL;

  if (uri == NULL)
    {
      g_test_skip (GLOSS_TEST_PG_SKIP);
      return;
    }
  role = g_strdup_printf ("gloss_pw_%d", (int) getpid ());
  sql = g_strdup_printf ("DO $$ BEGIN CREATE ROLE gloss_password_logins; "
                         "EXCEPTION WHEN duplicate_object THEN NULL; END $$; "
                         "CREATE ROLE %s LOGIN PASSWORD 'right horse' IN ROLE gloss_password_logins",
                         role);
  g_assert_true (gloss_test_pg_exec (gloss_test_pg_maintenance_uri (), sql, &error));
  g_assert_no_error (error);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("GRANT ALL ON SCHEMA public TO %s", role);
  g_assert_true (gloss_test_pg_exec (uri, sql, &error));
  g_assert_no_error (error);

  wrong = g_strdup_printf ("%s&user=%s&password=battery%%20staple", uri, role);
  right = g_strdup_printf ("%s&user=%s&password=right%%20horse", uri, role);
  cli_write ("article.txt", "Zoë said: “It is done” 😀\n");
  g_setenv ("PGPASSFILE", "/nonexistent", TRUE);
  if (gloss_test_pg_exec (wrong, "SELECT 1", NULL))
    {
      g_test_skip ("this server trusts every local login: no password is checked");
    }
  else
    {
      out = cli_run (2, &err, "import", wrong, "article.txt", NULL);
      g_test_message ("%s", err);
      g_assert_nonnull (strstr (err, "password authentication failed"));
      g_assert_null (strstr (err, "battery"));
      g_assert_null (strchr (err, '\n') != strrchr (err, '\n') ? "more than one line" : NULL);
      /* nothing was made: the database is still empty */
      g_assert_true (gloss_test_pg_exec (uri, "DO $$ BEGIN IF to_regclass ('gloss_meta') IS NOT NULL "
                                              "THEN RAISE 'made'; END IF; END $$", &error));
      g_assert_no_error (error);
      o1 = cli_run (0, NULL, "import", right, "article.txt", NULL);
      listed = cli_run (0, NULL, "list", right, NULL);
      g_assert_nonnull (strstr (listed, "Zoë said"));
    }

  gloss_test_pg_drop_database (uri);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("DROP ROLE %s", role);
  g_assert_true (gloss_test_pg_exec (gloss_test_pg_maintenance_uri (), sql, &error));
  g_assert_no_error (error);
}

/* README's set-up for a team: an owner role makes the project, annotators
 * with the GRANT it gives read and write their sets, and none of them is a
 * superuser. */
static void
test_team_roles (void)
{
  g_autofree char *uri = gloss_test_pg_new_database ();
  g_autofree char *owner = NULL, *team = NULL, *ana = NULL;
  g_autofree char *owner_uri = NULL, *ana_uri = NULL, *sql = NULL;
  g_autofree char *o1 = NULL, *o2 = NULL, *listed = NULL, *exported = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;

  if (uri == NULL)
    {
      g_test_skip (GLOSS_TEST_PG_SKIP);
      return;
    }
  owner = g_strdup_printf ("gloss_owner_%d", (int) getpid ());
  team = g_strdup_printf ("gloss_team_%d", (int) getpid ());
  ana = g_strdup_printf ("gloss_ana_%d", (int) getpid ());
  name = strrchr (uri, '/') + 1;
  sql = g_strdup_printf ("CREATE ROLE %s LOGIN; CREATE ROLE %s; CREATE ROLE %s LOGIN IN ROLE %s; "
                         "ALTER DATABASE %.*s OWNER TO %s",
                         owner, team, ana, team, (int) strcspn (name, "?"), name, owner);
  g_assert_true (gloss_test_pg_exec (gloss_test_pg_maintenance_uri (), sql, &error));
  g_assert_no_error (error);
  owner_uri = g_strdup_printf ("%s&user=%s", uri, owner);
  ana_uri = g_strdup_printf ("%s&user=%s", uri, ana);

  cli_write ("article.txt", "Über Москва 😀\n\nZoë said: “It is done.”\n");
  cli_write ("ana.jsonl", ana_jsonl);
  o1 = cli_run (0, NULL, "import", owner_uri, "article.txt", NULL);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %s",
                         team);
  g_assert_true (gloss_test_pg_exec (owner_uri, sql, &error));
  g_assert_no_error (error);

  o2 = cli_run (0, NULL, "import", ana_uri, "ana.jsonl", "--annotator", "ana", NULL);
  listed = cli_run (0, NULL, "list", ana_uri, NULL);
  g_assert_nonnull (strstr (listed, "Über Москва"));
  exported = cli_run (0, NULL, "export", ana_uri, "--format", "jsonl", "--set", "ana", NULL);
  g_assert_nonnull (strstr (exported, "\"annotator\":\"ana\""));
  /* the copy an annotator takes home */
  g_free (cli_run (0, NULL, "copy", ana_uri, "home.gloss", NULL));

  gloss_test_pg_drop_database (uri);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("DROP ROLE %s; DROP ROLE %s; DROP ROLE %s", ana, team, owner);
  g_assert_true (gloss_test_pg_exec (gloss_test_pg_maintenance_uri (), sql, &error));
  g_assert_no_error (error);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  if (!cli_setup ("copy"))
    return 77;

  g_test_add_func ("/cli-copy/file", test_copy_file);
  g_test_add_func ("/cli-copy/server", test_copy_server);
  g_test_add_func ("/cli-copy/refuse-foreign", test_refuse_foreign);
  g_test_add_func ("/cli-copy/team-roles", test_team_roles);
  g_test_add_func ("/cli-copy/wrong-password", test_wrong_password);
  status = g_test_run ();
  cli_teardown ();
  return status;
}
