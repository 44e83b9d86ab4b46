/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-test-pg"

#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <libpq-fe.h>

#include "gloss-test-pg.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGconn, PQfinish)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PQconninfoOption, PQconninfoFree)

/* NULL when no server is configured (unset or empty). */
const char *
gloss_test_pg_maintenance_uri (void)
{
  const char *uri = g_getenv ("GLOSS_TEST_POSTGRESQL");

  return uri != NULL && *uri != '\0' ? uri : NULL;
}

static void
set_error (GError     **error,
           const char  *what,
           const char  *message)
{
  g_autofree char *trimmed = g_strchomp (g_strdup (message));

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", what, trimmed);
}

static void
ignore_notice (void       *data,
               const char *message)
{
}

static PGconn *
pg_connect (const char  *uri,
            GError     **error)
{
  g_autoptr(PGconn) conn = PQconnectdb (uri);

  if (PQstatus (conn) != CONNECTION_OK)
    {
      set_error (error, uri, PQerrorMessage (conn));
      return NULL;
    }
  /* "…does not exist, skipping" and the like are no news in a test log. */
  PQsetNoticeProcessor (conn, ignore_notice, NULL);
  return g_steal_pointer (&conn);
}

/* Runs one or more statements; the first that fails stops the rest. */
static gboolean
pg_run (PGconn      *conn,
        const char  *sql,
        GError     **error)
{
  g_autoptr(PGresult) result = PQexec (conn, sql);
  ExecStatusType status = PQresultStatus (result);

  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    {
      set_error (error, PQdb (conn), PQerrorMessage (conn));
      return FALSE;
    }
  return TRUE;
}

/* Runs a statement on a database name, quoted as an identifier. */
static gboolean
pg_run_on_name (PGconn      *conn,
                const char  *before,
                const char  *name,
                const char  *after,
                GError     **error)
{
  char *quoted = PQescapeIdentifier (conn, name, strlen (name));
  g_autofree char *sql = g_strconcat (before, quoted, after, NULL);

  PQfreemem (quoted);
  return pg_run (conn, sql, error);
}

/* The keywords and values of a libpq connection string; aborts the test
 * when it is not one. */
static PQconninfoOption *
parse_uri (const char *uri)
{
  char *message = NULL;
  PQconninfoOption *options = PQconninfoParse (uri, &message);

  if (options == NULL)
    g_error ("%s is not a libpq connection string: %s", uri, message ? message : "out of memory");
  return options;
}

/* @maintenance with its database replaced by @name. */
static char *
database_uri (const char *maintenance,
              const char *name)
{
  g_autoptr(PQconninfoOption) options = parse_uri (maintenance);
  g_autoptr(GString) uri = g_string_new ("postgresql:///");
  char separator = '?';

  g_string_append_uri_escaped (uri, name, NULL, FALSE);
  for (PQconninfoOption *option = options; option->keyword != NULL; option++)
    {
      if (option->val == NULL || *option->val == '\0' || g_str_equal (option->keyword, "dbname"))
        continue;
      g_string_append_printf (uri, "%c%s=", separator, option->keyword);
      g_string_append_uri_escaped (uri, option->val, NULL, FALSE);
      separator = '&';
    }
  return g_string_free (g_steal_pointer (&uri), FALSE);
}

static char *
database_name (const char *uri)
{
  g_autoptr(PQconninfoOption) options = parse_uri (uri);

  for (PQconninfoOption *option = options; option->keyword != NULL; option++)
    if (g_str_equal (option->keyword, "dbname") && option->val != NULL)
      return g_strdup (option->val);
  g_error ("%s names no database", uri);
  return NULL;
}

/* A new, empty database (the test's own: its name holds the process id, a
 * counter and a random part) and the URI to reach it; NULL when no server is
 * configured. Aborts the test when the server refuses. */
char *
gloss_test_pg_new_database (void)
{
  static gint counter;
  const char *maintenance = gloss_test_pg_maintenance_uri ();
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  if (maintenance == NULL)
    return NULL;
  name = g_strdup_printf ("gloss_test_%d_%d_%08x",
                          (int) getpid (), g_atomic_int_add (&counter, 1), g_random_int ());
  conn = pg_connect (maintenance, &error);
  if (conn == NULL || !pg_run_on_name (conn, "CREATE DATABASE ", name, "", &error))
    g_error ("GLOSS_TEST_POSTGRESQL: cannot create a test database: %s", error->message);
  return database_uri (maintenance, name);
}

/* Drops the database of @uri, even while connections to it are open. */
void
gloss_test_pg_drop_database (const char *uri)
{
  g_autofree char *name = NULL;
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (uri != NULL);
  g_return_if_fail (gloss_test_pg_maintenance_uri () != NULL);

  name = database_name (uri);
  conn = pg_connect (gloss_test_pg_maintenance_uri (), &error);
  if (conn == NULL
      || !pg_run_on_name (conn, "DROP DATABASE IF EXISTS ", name, " WITH (FORCE)", &error))
    g_error ("GLOSS_TEST_POSTGRESQL: cannot drop the test database %s: %s", name, error->message);
}

/* Runs @sql (one or more statements) on the database of @uri: for a test
 * that prepares a database by hand (a foreign one, one of a newer version). */
gboolean
gloss_test_pg_exec (const char  *uri,
                    const char  *sql,
                    GError     **error)
{
  g_autoptr(PGconn) conn = NULL;

  g_return_val_if_fail (uri != NULL, FALSE);
  g_return_val_if_fail (sql != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  conn = pg_connect (uri, error);
  return conn != NULL && pg_run (conn, sql, error);
}
