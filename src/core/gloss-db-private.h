/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What an engine gives GlossDb: one table of functions (gloss-db.c calls them). */
#pragma once

#include "gloss-db.h"

G_BEGIN_DECLS

typedef struct
{
  void          (*close)             (GlossDb     *db);
  GlossDbStmt  *(*prepare)           (GlossDb     *db,
                                      const char  *sql);
  void          (*finalize)          (GlossDbStmt *stmt);
  gboolean      (*exec)              (GlossDb     *db,
                                      const char  *sql);
  int           (*step)              (GlossDbStmt *stmt);
  void          (*reset)             (GlossDbStmt *stmt);
  void          (*clear_bindings)    (GlossDbStmt *stmt);
  void          (*bind_int64)        (GlossDbStmt *stmt,
                                      int          index,
                                      gint64       value);
  void          (*bind_double)       (GlossDbStmt *stmt,
                                      int          index,
                                      double       value);
  void          (*bind_text)         (GlossDbStmt *stmt,
                                      int          index,
                                      const char  *text);
  void          (*bind_null)         (GlossDbStmt *stmt,
                                      int          index);
  int           (*column_count)      (GlossDbStmt *stmt);
  const char   *(*column_name)       (GlossDbStmt *stmt,
                                      int          column);
  GlossDbType   (*column_type)       (GlossDbStmt *stmt,
                                      int          column);
  gint64        (*column_int64)      (GlossDbStmt *stmt,
                                      int          column);
  double        (*column_double)     (GlossDbStmt *stmt,
                                      int          column);
  const char   *(*column_text)       (GlossDbStmt *stmt,
                                      int          column);
  gint64        (*last_insert_rowid) (GlossDb     *db);
  gint64        (*changes)           (GlossDb     *db);
  gboolean      (*in_transaction)    (GlossDb     *db);
  GlossDbFault  (*fault)             (GlossDb     *db);
  const char   *(*errmsg)            (GlossDb     *db);
} GlossDbDriver;

struct _GlossDb
{
  const GlossDbDriver *driver;
  GlossDbEngine        engine;
  GHashTable          *statements;   /* SQL text → GlossDbStmt */
};

struct _GlossDbStmt
{
  GlossDb *db;
};

void  _gloss_db_init             (GlossDb             *db,
                                  const GlossDbDriver *driver,
                                  GlossDbEngine        engine);
char *_gloss_db_postgres_rewrite (const char          *sql,
                                  gboolean             returning,
                                  int                 *n_params,
                                  gboolean            *returns_id,
                                  gboolean            *conflict_fails);

G_END_DECLS
