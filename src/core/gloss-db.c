/* SPDX-License-Identifier: GPL-3.0-or-later */
/* GlossDb: the statement cache and the calls every engine shares; each call is
 * handed to the engine's driver (gloss-db-sqlite.c, gloss-db-postgres.c). */
#define G_LOG_DOMAIN "gloss-store"

#include "config.h"

#include "gloss-db-private.h"

struct _GlossDbValue
{
  GlossDbType  type;
  gint64       integer;
  double       real;
  char        *text;
};

static void
finalize_statement (gpointer data)
{
  GlossDbStmt *stmt = data;

  stmt->db->driver->finalize (stmt);
}

void
_gloss_db_init (GlossDb             *db,
                const GlossDbDriver *driver,
                GlossDbEngine        engine)
{
  db->driver = driver;
  db->engine = engine;
  db->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, finalize_statement);
}

void
gloss_db_close (GlossDb *db)
{
  if (db == NULL)
    return;
  g_clear_pointer (&db->statements, g_hash_table_unref);
  db->driver->close (db);
}

GlossDbEngine
gloss_db_get_engine (GlossDb *db)
{
  return db->engine;
}

/* Statements are kept by their text, which must live as long as @db. */
GlossDbStmt *
gloss_db_prepare (GlossDb    *db,
                  const char *sql)
{
  GlossDbStmt *stmt = g_hash_table_lookup (db->statements, sql);

  if (stmt != NULL)
    {
      db->driver->reset (stmt);
      db->driver->clear_bindings (stmt);
      return stmt;
    }
  stmt = db->driver->prepare (db, sql);
  if (stmt != NULL)
    g_hash_table_insert (db->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
gloss_db_exec (GlossDb    *db,
               const char *sql)
{
  return db->driver->exec (db, sql);
}

int
gloss_db_step (GlossDbStmt *stmt)
{
  return stmt->db->driver->step (stmt);
}

void
gloss_db_reset (GlossDbStmt *stmt)
{
  stmt->db->driver->reset (stmt);
}

void
gloss_db_clear_bindings (GlossDbStmt *stmt)
{
  stmt->db->driver->clear_bindings (stmt);
}

void
gloss_db_bind_int64 (GlossDbStmt *stmt,
                     int          index,
                     gint64       value)
{
  stmt->db->driver->bind_int64 (stmt, index, value);
}

void
gloss_db_bind_text (GlossDbStmt *stmt,
                    int          index,
                    const char  *text)
{
  if (text == NULL)
    stmt->db->driver->bind_null (stmt, index);
  else
    stmt->db->driver->bind_text (stmt, index, text);
}

void
gloss_db_bind_null (GlossDbStmt *stmt,
                    int          index)
{
  stmt->db->driver->bind_null (stmt, index);
}

void
gloss_db_bind_value (GlossDbStmt        *stmt,
                     int                 index,
                     const GlossDbValue *value)
{
  const GlossDbDriver *driver = stmt->db->driver;

  switch (value != NULL ? value->type : GLOSS_DB_NULL)
    {
    case GLOSS_DB_INTEGER:
      driver->bind_int64 (stmt, index, value->integer);
      break;
    case GLOSS_DB_FLOAT:
      driver->bind_double (stmt, index, value->real);
      break;
    case GLOSS_DB_TEXT:
      driver->bind_text (stmt, index, value->text);
      break;
    case GLOSS_DB_NULL:
    default:
      driver->bind_null (stmt, index);
      break;
    }
}

int
gloss_db_column_count (GlossDbStmt *stmt)
{
  return stmt->db->driver->column_count (stmt);
}

const char *
gloss_db_column_name (GlossDbStmt *stmt,
                      int          column)
{
  return stmt->db->driver->column_name (stmt, column);
}

GlossDbType
gloss_db_column_type (GlossDbStmt *stmt,
                      int          column)
{
  return stmt->db->driver->column_type (stmt, column);
}

gint64
gloss_db_column_int64 (GlossDbStmt *stmt,
                       int          column)
{
  return stmt->db->driver->column_int64 (stmt, column);
}

int
gloss_db_column_int (GlossDbStmt *stmt,
                     int          column)
{
  return (int) stmt->db->driver->column_int64 (stmt, column);
}

double
gloss_db_column_double (GlossDbStmt *stmt,
                        int          column)
{
  return stmt->db->driver->column_double (stmt, column);
}

const char *
gloss_db_column_text (GlossDbStmt *stmt,
                      int          column)
{
  return stmt->db->driver->column_text (stmt, column);
}

/* A copy of a column's value that outlives the row (undo keeps rows so). */
GlossDbValue *
gloss_db_column_value (GlossDbStmt *stmt,
                       int          column)
{
  GlossDbValue *value = g_new0 (GlossDbValue, 1);

  value->type = gloss_db_column_type (stmt, column);
  switch (value->type)
    {
    case GLOSS_DB_INTEGER:
      value->integer = gloss_db_column_int64 (stmt, column);
      break;
    case GLOSS_DB_FLOAT:
      value->real = gloss_db_column_double (stmt, column);
      break;
    case GLOSS_DB_TEXT:
      value->text = g_strdup (gloss_db_column_text (stmt, column));
      break;
    case GLOSS_DB_NULL:
    default:
      value->type = GLOSS_DB_NULL;
      break;
    }
  return value;
}

void
gloss_db_value_free (GlossDbValue *value)
{
  if (value == NULL)
    return;
  g_free (value->text);
  g_free (value);
}

gint64
gloss_db_last_insert_rowid (GlossDb *db)
{
  return db->driver->last_insert_rowid (db);
}

gint64
gloss_db_changes (GlossDb *db)
{
  return db->driver->changes (db);
}

gboolean
gloss_db_in_transaction (GlossDb *db)
{
  return db->driver->in_transaction (db);
}

GlossDbFault
gloss_db_fault (GlossDb *db)
{
  return db->driver->fault (db);
}

const char *
gloss_db_errmsg (GlossDb *db)
{
  return db->driver->errmsg (db);
}
