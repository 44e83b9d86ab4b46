/* SPDX-License-Identifier: GPL-3.0-or-later */
/* GlossDb on a project file: each call is SQLite's own. */
#define G_LOG_DOMAIN "gloss-store"

#include "config.h"

#include "gloss-db-private.h"

typedef struct
{
  GlossDb  parent;
  sqlite3 *handle;
} SqliteDb;

typedef struct
{
  GlossDbStmt   parent;
  sqlite3_stmt *handle;
} SqliteStmt;

#define HANDLE(stmt) (((SqliteStmt *) (stmt))->handle)
#define DB(db) (((SqliteDb *) (db))->handle)

static void
sqlite_close (GlossDb *db)
{
  sqlite3_close_v2 (DB (db));
  g_free (db);
}

static GlossDbStmt *
sqlite_prepare (GlossDb    *db,
                const char *sql)
{
  sqlite3_stmt *handle = NULL;
  SqliteStmt *stmt;

  if (sqlite3_prepare_v3 (DB (db), sql, -1, SQLITE_PREPARE_PERSISTENT, &handle, NULL) != SQLITE_OK)
    return NULL;
  stmt = g_new0 (SqliteStmt, 1);
  stmt->parent.db = db;
  stmt->handle = handle;
  return &stmt->parent;
}

static void
sqlite_finalize (GlossDbStmt *stmt)
{
  sqlite3_finalize (HANDLE (stmt));
  g_free (stmt);
}

static gboolean
sqlite_exec (GlossDb    *db,
             const char *sql)
{
  return sqlite3_exec (DB (db), sql, NULL, NULL, NULL) == SQLITE_OK;
}

static int
sqlite_step (GlossDbStmt *stmt)
{
  int rc = sqlite3_step (HANDLE (stmt));

  if (rc == SQLITE_ROW)
    return GLOSS_DB_ROW;
  if (rc == SQLITE_DONE)
    return GLOSS_DB_DONE;
  return GLOSS_DB_ERROR;
}

static void
sqlite_reset (GlossDbStmt *stmt)
{
  sqlite3_reset (HANDLE (stmt));
}

static void
sqlite_clear_bindings (GlossDbStmt *stmt)
{
  sqlite3_clear_bindings (HANDLE (stmt));
}

static void
sqlite_bind_int64 (GlossDbStmt *stmt,
                   int          index,
                   gint64       value)
{
  sqlite3_bind_int64 (HANDLE (stmt), index, value);
}

static void
sqlite_bind_double (GlossDbStmt *stmt,
                    int          index,
                    double       value)
{
  sqlite3_bind_double (HANDLE (stmt), index, value);
}

static void
sqlite_bind_text (GlossDbStmt *stmt,
                  int          index,
                  const char  *text)
{
  sqlite3_bind_text (HANDLE (stmt), index, text, -1, SQLITE_TRANSIENT);
}

static void
sqlite_bind_null (GlossDbStmt *stmt,
                  int          index)
{
  sqlite3_bind_null (HANDLE (stmt), index);
}

static int
sqlite_column_count (GlossDbStmt *stmt)
{
  return sqlite3_column_count (HANDLE (stmt));
}

static const char *
sqlite_column_name (GlossDbStmt *stmt,
                    int          column)
{
  return sqlite3_column_name (HANDLE (stmt), column);
}

static GlossDbType
sqlite_column_type (GlossDbStmt *stmt,
                    int          column)
{
  switch (sqlite3_column_type (HANDLE (stmt), column))
    {
    case SQLITE_INTEGER:
      return GLOSS_DB_INTEGER;
    case SQLITE_FLOAT:
      return GLOSS_DB_FLOAT;
    case SQLITE_NULL:
      return GLOSS_DB_NULL;
    default:
      return GLOSS_DB_TEXT;
    }
}

static gint64
sqlite_column_int64 (GlossDbStmt *stmt,
                     int          column)
{
  return sqlite3_column_int64 (HANDLE (stmt), column);
}

static double
sqlite_column_double (GlossDbStmt *stmt,
                      int          column)
{
  return sqlite3_column_double (HANDLE (stmt), column);
}

static const char *
sqlite_column_text (GlossDbStmt *stmt,
                    int          column)
{
  return (const char *) sqlite3_column_text (HANDLE (stmt), column);
}

static gint64
sqlite_last_insert_rowid (GlossDb *db)
{
  return sqlite3_last_insert_rowid (DB (db));
}

static gint64
sqlite_changes (GlossDb *db)
{
  return sqlite3_changes64 (DB (db));
}

static gboolean
sqlite_in_transaction (GlossDb *db)
{
  return !sqlite3_get_autocommit (DB (db));
}

static GlossDbFault
sqlite_fault (GlossDb *db)
{
  int code = sqlite3_extended_errcode (DB (db));

  switch (code & 0xff)
    {
    case SQLITE_OK:
    case SQLITE_ROW:
    case SQLITE_DONE:
      return GLOSS_DB_FAULT_NONE;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return GLOSS_DB_FAULT_DAMAGED;
    case SQLITE_READONLY:
      return GLOSS_DB_FAULT_READ_ONLY;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return GLOSS_DB_FAULT_BUSY;
    case SQLITE_CONSTRAINT:
      return code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY
             ? GLOSS_DB_FAULT_DUPLICATE : GLOSS_DB_FAULT_CONSTRAINT;
    default:
      return GLOSS_DB_FAULT_FAILED;
    }
}

static const char *
sqlite_errmsg (GlossDb *db)
{
  return sqlite3_errmsg (DB (db));
}

static const GlossDbDriver sqlite_driver = {
  sqlite_close,
  sqlite_prepare,
  sqlite_finalize,
  sqlite_exec,
  sqlite_step,
  sqlite_reset,
  sqlite_clear_bindings,
  sqlite_bind_int64,
  sqlite_bind_double,
  sqlite_bind_text,
  sqlite_bind_null,
  sqlite_column_count,
  sqlite_column_name,
  sqlite_column_type,
  sqlite_column_int64,
  sqlite_column_double,
  sqlite_column_text,
  sqlite_last_insert_rowid,
  sqlite_changes,
  sqlite_in_transaction,
  sqlite_fault,
  sqlite_errmsg,
};

/**
 * gloss_db_new_sqlite:
 * @handle: (transfer full): an open connection
 */
GlossDb *
gloss_db_new_sqlite (sqlite3 *handle)
{
  SqliteDb *db = g_new0 (SqliteDb, 1);

  _gloss_db_init (&db->parent, &sqlite_driver, GLOSS_DB_SQLITE);
  db->handle = handle;
  return &db->parent;
}

sqlite3 *
gloss_db_get_sqlite (GlossDb *db)
{
  return db != NULL && db->engine == GLOSS_DB_SQLITE ? DB (db) : NULL;
}
