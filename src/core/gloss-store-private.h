/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "gloss-store.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)
typedef char *GlossSqliteString;
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (GlossSqliteString, sqlite3_free, NULL)

/* Header facts read before SQLite is allowed to touch a file. */
typedef struct
{
  gboolean exists;
  gboolean empty;
  gboolean wal;
  gboolean wal_pending;  /* a -wal beside holds pages: the header may be stale */
  guint32  application_id;
  guint32  user_version;
} GlossStoreHeader;

gboolean      _gloss_store_read_header    (const char        *path,
                                           GlossStoreHeader  *header,
                                           GError           **error);
gboolean      _gloss_store_check_identity (const char        *path,
                                           guint32            application_id,
                                           guint32            user_version,
                                           GError           **error);
char         *_gloss_store_one_line       (const char        *text);
char         *_gloss_store_display_name   (const char        *path);
sqlite3      *_gloss_store_get_db         (GlossStore        *self);
sqlite3_stmt *_gloss_store_prepare        (GlossStore        *self,
                                           const char        *sql,
                                           GError           **error);
gboolean      _gloss_store_exec           (GlossStore        *self,
                                           const char        *sql,
                                           GError           **error);
gboolean      _gloss_store_step_done      (GlossStore        *self,
                                           sqlite3_stmt      *stmt,
                                           GError           **error);
void          _gloss_store_set_error      (GlossStore        *self,
                                           GError           **error);
char         *_gloss_store_default_annotator (GlossStore      *self);
gboolean      _gloss_store_check_writable (GlossStore        *self,
                                           GError           **error);

/* A document's spans, relations and entities in one set: each statement text
 * ends with the set's row id (a subquery), then the ORDER. ?1 is the document. */
#define GLOSS_STORE_SPANS_SQL \
  "SELECT a.id, a.uid, a.label_id, a.fragments, a.attrs, n.name, a.note, a.origin " \
  "FROM annotations a LEFT JOIN annotators n ON n.id = a.annotator_id " \
  "WHERE a.document_id = ?1 AND a.annotator_id = "
#define GLOSS_STORE_RELATIONS_SQL \
  "SELECT r.id, r.uid, r.type, f.uid, t.uid, r.attrs, r.note " \
  "FROM relations r JOIN annotations f ON f.id = r.from_id " \
  "JOIN annotations t ON t.id = r.to_id " \
  "WHERE r.document_id = ?1 AND r.annotator_id = "
#define GLOSS_STORE_RELATIONS_ORDER " ORDER BY r.id"
#define GLOSS_STORE_ENTITIES_SQL \
  "SELECT e.id, e.uid, e.name, e.type, e.kb_id, a.uid " \
  "FROM entities e LEFT JOIN entity_mentions m ON m.entity_id = e.id " \
  "LEFT JOIN annotations a ON a.id = m.annotation_id " \
  "WHERE e.document_id = ?1 AND e.annotator_id = "
#define GLOSS_STORE_ENTITIES_ORDER " ORDER BY e.id, a.start, a.id"

GPtrArray    *_gloss_store_read_spans     (GlossStore        *self,
                                           sqlite3_stmt      *stmt,
                                           gint64             document,
                                           GError           **error);
GPtrArray    *_gloss_store_read_relations (GlossStore        *self,
                                           sqlite3_stmt      *stmt,
                                           gint64             document,
                                           GError           **error);
GPtrArray    *_gloss_store_read_entities  (GlossStore        *self,
                                           sqlite3_stmt      *stmt,
                                           gint64             document,
                                           GError           **error);

/* gloss-store-batch.c: one write of the store, a savepoint inside a batch */
gboolean      _gloss_store_begin_write    (GlossStore        *self,
                                           gboolean          *nested,
                                           GError           **error);
gboolean      _gloss_store_commit_write   (GlossStore        *self,
                                           gboolean           nested,
                                           GError           **error);
void          _gloss_store_rollback_write (GlossStore        *self,
                                           gboolean           nested);
gboolean      _gloss_store_migrate        (GlossStore        *self,
                                           guint              target,
                                           GError           **error);
gboolean      _gloss_store_load_schema    (GlossStore        *self,
                                           GError           **error);
gboolean      _gloss_store_insert_schema  (GlossStore        *self,
                                           JsonObject        *schema,
                                           GError           **error);

G_END_DECLS
