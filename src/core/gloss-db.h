/* SPDX-License-Identifier: GPL-3.0-or-later */
/* GlossDb: the one door through which the store speaks SQL, whatever the engine.
 *
 * Its calls are shaped like SQLite's (prepare, bind, step, column, reset), since
 * the store's SQL was written for SQLite first: on a project file they are thin
 * wrappers over SQLite (gloss-db-sqlite.c); on a project on a PostgreSQL server
 * (gloss-db-postgres.c) each statement is rewritten once for PostgreSQL
 * (placeholders, reserved names, temporary tables) and run through libpq. What
 * the two engines cannot share — creating the schema, header checks, PRAGMAs —
 * lives in gloss-store-sqlite.c and gloss-store-postgres.c. */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

typedef struct _GlossDb      GlossDb;
typedef struct _GlossDbStmt  GlossDbStmt;
typedef struct _GlossDbValue GlossDbValue;

typedef enum
{
  GLOSS_DB_SQLITE,
  GLOSS_DB_POSTGRESQL,
} GlossDbEngine;

/* What gloss_db_step () returns. */
enum
{
  GLOSS_DB_ERROR = 1,
  GLOSS_DB_ROW   = 100,
  GLOSS_DB_DONE  = 101,
};

/* A column's type, as SQLite numbers them. */
typedef enum
{
  GLOSS_DB_INTEGER = 1,
  GLOSS_DB_FLOAT   = 2,
  GLOSS_DB_TEXT    = 3,
  GLOSS_DB_NULL    = 5,
} GlossDbType;

/* What went wrong with the last call, in the store's terms. */
typedef enum
{
  GLOSS_DB_FAULT_NONE,
  GLOSS_DB_FAULT_FAILED,
  GLOSS_DB_FAULT_DAMAGED,      /* a corrupt file, not a database */
  GLOSS_DB_FAULT_READ_ONLY,
  GLOSS_DB_FAULT_DUPLICATE,    /* a unique or primary key constraint */
  GLOSS_DB_FAULT_CONSTRAINT,   /* another constraint: check, foreign key, not null */
  GLOSS_DB_FAULT_BUSY,         /* another writer holds a lock */
  GLOSS_DB_FAULT_CONNECTION,   /* the server is gone */
} GlossDbFault;

typedef gboolean (*GlossDbReconnectFunc) (GlossDb *db,
                                          gpointer data);

GlossDb       *gloss_db_new_sqlite          (sqlite3      *handle);
GlossDb       *gloss_db_new_postgresql      (gpointer      connection);
void           gloss_db_close               (GlossDb      *db);
GlossDbEngine  gloss_db_get_engine          (GlossDb      *db);
sqlite3       *gloss_db_get_sqlite          (GlossDb      *db);
gpointer       gloss_db_get_postgresql      (GlossDb      *db);
void           gloss_db_set_reconnect_func  (GlossDb      *db,
                                             GlossDbReconnectFunc func,
                                             gpointer      data);
gboolean       gloss_db_is_connected        (GlossDb      *db);
gboolean       gloss_db_reconnect           (GlossDb      *db);

/* Statements: @sql lives as long as the database (a literal); the statement is
 * kept and comes back reset and unbound. */
GlossDbStmt   *gloss_db_prepare             (GlossDb      *db,
                                             const char   *sql);
gboolean       gloss_db_exec                (GlossDb      *db,
                                             const char   *sql);
int            gloss_db_step                (GlossDbStmt  *stmt);
void           gloss_db_reset               (GlossDbStmt  *stmt);
void           gloss_db_clear_bindings      (GlossDbStmt  *stmt);

void           gloss_db_bind_int64          (GlossDbStmt  *stmt,
                                             int           index,
                                             gint64        value);
void           gloss_db_bind_text           (GlossDbStmt  *stmt,
                                             int           index,
                                             const char   *text);
void           gloss_db_bind_null           (GlossDbStmt  *stmt,
                                             int           index);
void           gloss_db_bind_value          (GlossDbStmt  *stmt,
                                             int           index,
                                             const GlossDbValue *value);

int            gloss_db_column_count        (GlossDbStmt  *stmt);
const char    *gloss_db_column_name         (GlossDbStmt  *stmt,
                                             int           column);
GlossDbType    gloss_db_column_type         (GlossDbStmt  *stmt,
                                             int           column);
gint64         gloss_db_column_int64        (GlossDbStmt  *stmt,
                                             int           column);
int            gloss_db_column_int          (GlossDbStmt  *stmt,
                                             int           column);
double         gloss_db_column_double       (GlossDbStmt  *stmt,
                                             int           column);
const char    *gloss_db_column_text         (GlossDbStmt  *stmt,
                                             int           column);
GlossDbValue  *gloss_db_column_value        (GlossDbStmt  *stmt,
                                             int           column);

void           gloss_db_value_free          (GlossDbValue *value);

gint64         gloss_db_last_insert_rowid   (GlossDb      *db);
gint64         gloss_db_changes             (GlossDb      *db);
gboolean       gloss_db_in_transaction      (GlossDb      *db);
GlossDbFault   gloss_db_fault               (GlossDb      *db);
const char    *gloss_db_errmsg              (GlossDb      *db);

G_END_DECLS
