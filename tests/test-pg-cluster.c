/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The PostgreSQL tests' helper: each test gets an empty database of its own
 * on the server at GLOSS_TEST_POSTGRESQL, can run SQL in it, and leaves
 * nothing behind; without a server the tests skip. */
#include <string.h>

#include <gio/gio.h>
#include <libpq-fe.h>

#include "gloss-test-pg.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGconn, PQfinish)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

static PGconn *
connect_to (const char *uri)
{
  PGconn *conn = PQconnectdb (uri);

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("%s: %s", uri, PQerrorMessage (conn));
  return conn;
}

/* The one value @sql selects, with @param (may be NULL) as $1. */
static char *
select_one (const char *uri,
            const char *sql,
            const char *param)
{
  g_autoptr(PGconn) conn = connect_to (uri);
  const char *values[] = { param };
  g_autoptr(PGresult) result = PQexecParams (conn, sql, param != NULL ? 1 : 0,
                                             NULL, values, NULL, NULL, 0);

  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  g_assert_cmpint (PQntuples (result), ==, 1);
  return g_strdup (PQgetvalue (result, 0, 0));
}

static gboolean
database_exists (const char *name)
{
  g_autofree char *count = select_one (gloss_test_pg_maintenance_uri (),
                                       "SELECT count(*) FROM pg_database WHERE datname = $1",
                                       name);

  return g_str_equal (count, "1");
}

static void
test_database (void)
{
  g_autofree char *uri = gloss_test_pg_new_database ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *tables = NULL;
  g_autofree char *x = NULL;

  if (uri == NULL)
    {
      g_test_skip (GLOSS_TEST_PG_SKIP);
      return;
    }
  name = select_one (uri, "SELECT current_database ()", NULL);
  g_assert_true (g_str_has_prefix (name, "gloss_test_"));
  g_assert_true (database_exists (name));
  tables = select_one (uri, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", NULL);
  g_assert_cmpstr (tables, ==, "0");

  g_assert_true (gloss_test_pg_exec (uri, "CREATE TABLE t (x int); INSERT INTO t VALUES (1)", &error));
  g_assert_no_error (error);
  x = select_one (uri, "SELECT x FROM t", NULL);
  g_assert_cmpstr (x, ==, "1");

  gloss_test_pg_drop_database (uri);
  g_assert_false (database_exists (name));
}

/* Two databases of one test are two; a connection left open (a store the
 * test did not close) does not keep one alive. */
static void
test_two_databases (void)
{
  g_autofree char *first = gloss_test_pg_new_database ();
  g_autofree char *second = NULL;
  g_autofree char *first_name = NULL;
  g_autofree char *second_name = NULL;
  g_autoptr(PGconn) open = NULL;

  if (first == NULL)
    {
      g_test_skip (GLOSS_TEST_PG_SKIP);
      return;
    }
  second = gloss_test_pg_new_database ();
  first_name = select_one (first, "SELECT current_database ()", NULL);
  second_name = select_one (second, "SELECT current_database ()", NULL);
  g_assert_cmpstr (first_name, !=, second_name);

  open = connect_to (first);
  gloss_test_pg_drop_database (first);
  g_assert_false (database_exists (first_name));
  g_assert_true (database_exists (second_name));
  gloss_test_pg_drop_database (second);
  g_assert_false (database_exists (second_name));
}

/* A failing statement is an error naming the database and the cause, and the
 * statements after it do not run; an unreachable server is an error too. */
static void
test_exec_errors (void)
{
  g_autofree char *uri = gloss_test_pg_new_database ();
  g_autofree char *name = NULL;
  g_autofree char *tables = NULL;
  g_autoptr(GError) error = NULL;

  if (uri == NULL)
    {
      g_test_skip (GLOSS_TEST_PG_SKIP);
      return;
    }
  name = select_one (uri, "SELECT current_database ()", NULL);
  g_assert_false (gloss_test_pg_exec (uri, "SELEC 1; CREATE TABLE t (x int)", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, name));
  g_assert_nonnull (strstr (error->message, "syntax error"));
  tables = select_one (uri, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", NULL);
  g_assert_cmpstr (tables, ==, "0");
  g_clear_error (&error);

  g_assert_false (gloss_test_pg_exec ("postgresql:///nowhere?host=/nonexistent&port=1",
                                      "SELECT 1", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "/nonexistent"));

  gloss_test_pg_drop_database (uri);
}

/* Unset or empty, GLOSS_TEST_POSTGRESQL means no server: the tests skip.
 * (Without a server this skips too, so that the whole program shows as
 * skipped.) */
static void
test_no_server (void)
{
  g_autofree char *saved = g_strdup (gloss_test_pg_maintenance_uri ());

  if (saved == NULL)
    {
      g_test_skip (GLOSS_TEST_PG_SKIP);
      return;
    }
  g_unsetenv ("GLOSS_TEST_POSTGRESQL");
  g_assert_null (gloss_test_pg_maintenance_uri ());
  g_assert_null (gloss_test_pg_new_database ());
  g_setenv ("GLOSS_TEST_POSTGRESQL", "", TRUE);
  g_assert_null (gloss_test_pg_new_database ());
  g_setenv ("GLOSS_TEST_POSTGRESQL", saved, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/pg/database", test_database);
  g_test_add_func ("/pg/two-databases", test_two_databases);
  g_test_add_func ("/pg/exec-errors", test_exec_errors);
  g_test_add_func ("/pg/no-server", test_no_server);

  return g_test_run ();
}
