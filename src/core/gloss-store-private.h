/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "gloss-db.h"

#include "gloss-store.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)
typedef char *GlossSqliteString;
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (GlossSqliteString, sqlite3_free, NULL)

/* Undo works on row snapshots: a change remembers each touched row as it was
 * before and after, and undoing writes the "before" rows back. The SQL for each
 * table lists the columns in one order; ?1 is always the row id. */
typedef struct
{
  const char *name;
  guint       n_columns;   /* including id */
  const char *select_sql;
  const char *insert_sql;
  const char *update_sql;
  const char *delete_sql;
} TableInfo;

typedef struct
{
  const TableInfo  *table;
  gint64            rowid;
  GlossDbValue    **before;   /* NULL: the row did not exist */
  GlossDbValue    **after;    /* NULL: the row no longer exists */
} RowChange;

typedef struct
{
  char       *description;
  gint64      document;
  GPtrArray  *rows;       /* RowChange */
  GHashTable *seen;       /* "table:rowid" of rows already in @rows */
} Change;

/* What differs between a project file and a project on a server, beyond
 * opening it (gloss-store-sqlite.c, gloss-store-postgres.c). */
typedef struct
{
  const char *prepare_sets_sql;   /* the session's temporary tables of the current set */
  gint64    (*data_version)    (GlossStore  *self);
  gboolean  (*check_integrity) (GlossStore  *self,
                                GError     **error);
  /* Before a change to @document in the current set (0: the store moved on):
   * refused while another curator edits the document's gold set. NULL for
   * an engine without such locks. */
  gboolean  (*claim_document)  (GlossStore  *self,
                                gint64       document,
                                GError     **error);
} GlossStoreEngine;

extern const GlossStoreEngine _gloss_store_sqlite_engine;
extern const GlossStoreEngine _gloss_store_postgres_engine;

typedef struct _GlossReadAhead GlossReadAhead;

/* Whether this store made its project: only then may it take it away again. */
typedef enum
{
  CREATION_NONE,
  CREATION_FILE,         /* the file was missing */
  CREATION_FROM_EMPTY,   /* an empty file was there */
} Creation;

struct _GlossStore
{
  GObject      parent_instance;

  GlossDb     *db;
  const GlossStoreEngine *engine;
  gint64       notified;        /* changes other connections announced (server) */
  char        *current_set;     /* the set's name, as chosen last (NULL: ask the database) */
  GHashTable  *relation_types;  /* names known to be in relation_types */
  char        *ensured_set;     /* the set whose annotators row this store made or saw */
  gint64       claimed;         /* the document whose gold set this store edits (server) */
  GlossReadAhead *read_ahead;   /* while a pass reads every document (gloss-store-read-ahead.c) */
  char        *path;
  gboolean     read_only;
  Creation     creation;

  GPtrArray   *layers;          /* GlossLayer */
  GPtrArray   *labels;          /* GlossLabel, in schema order */
  GHashTable  *labels_by_name;  /* borrowed from @labels */
  GHashTable  *labels_by_rowid;

  char        *annotator;
  char        *viewing;         /* another annotator's set, shown read-only, or NULL */

  GPtrArray   *undo_stack;      /* Change, newest last */
  GPtrArray   *redo_stack;
  Change      *pending;
  guint        group_depth;
  guint        savepoint_mark;
};

extern const TableInfo _gloss_store_table_documents;
extern const TableInfo _gloss_store_table_annotations;
extern const TableInfo _gloss_store_table_relations;
extern const TableInfo _gloss_store_table_entities;
extern const TableInfo _gloss_store_table_document_sets;
extern const TableInfo _gloss_store_table_entity_mentions;
extern const TableInfo _gloss_store_table_suggestions;
extern const TableInfo _gloss_store_table_labels;
extern const TableInfo _gloss_store_table_attribute_defs;
extern const TableInfo _gloss_store_table_relation_types;

/* The row id of the annotator set the store works in (see gloss-store-sets.c). */
#define GLOSS_STORE_CURRENT_SET "(SELECT id FROM temp.current_set)"

/* A document's status and span count are those of the set the store works in. */
#define GLOSS_STORE_SET_STATUS \
  "(SELECT CASE WHEN count(*) = 0 THEN 'new' ELSE max (s.status) END FROM document_sets s " \
  "WHERE s.document_id = d.id AND s.annotator_id = " GLOSS_STORE_CURRENT_SET ")"
#define GLOSS_STORE_SET_SPANS \
  "(SELECT count(*) FROM annotations a WHERE a.document_id = d.id " \
  "AND a.annotator_id = " GLOSS_STORE_CURRENT_SET ")"

#define GLOSS_STORE_COLUMN(i) (1u << (i))

void          _gloss_store_emit_changed   (GlossStore        *self,
                                           gint64             document);
void          _gloss_store_emit_schema_changed (GlossStore   *self);

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
GlossDb      *_gloss_store_get_db         (GlossStore        *self);
GlossDbStmt *_gloss_store_prepare        (GlossStore        *self,
                                           const char        *sql,
                                           GError           **error);
void          _gloss_store_forget_written (GlossStore        *self);
gboolean      _gloss_store_exec           (GlossStore        *self,
                                           const char        *sql,
                                           GError           **error);
gboolean      _gloss_store_step_done      (GlossStore        *self,
                                           GlossDbStmt      *stmt,
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
                                           GlossDbStmt      *stmt,
                                           gint64             document,
                                           GError           **error);
GPtrArray    *_gloss_store_read_relations (GlossStore        *self,
                                           GlossDbStmt      *stmt,
                                           gint64             document,
                                           GError           **error);
GPtrArray    *_gloss_store_read_entities  (GlossStore        *self,
                                           GlossDbStmt      *stmt,
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

/* gloss-store-sqlite.c and gloss-store-postgres.c: opening a project */
gboolean  _gloss_store_sqlite_open          (GlossStore           *self,
                                             const char           *path,
                                             GlossStoreOpenFlags   flags,
                                             GError              **error);
gboolean  _gloss_store_sqlite_discard_new   (GlossStore           *self,
                                             GError              **error);
gboolean  _gloss_store_postgres_open        (GlossStore           *self,
                                             const char           *uri,
                                             GlossStoreOpenFlags   flags,
                                             GError              **error);
gboolean  _gloss_store_postgres_discard_new (GlossStore           *self,
                                             GError              **error);
char     *_gloss_store_server_display_name  (const char           *uri);
char     *_gloss_store_postgres_short_name  (GlossStore           *self);

/* gloss-store.c: speaking SQL */
gboolean  _gloss_store_rows_done         (GlossStore    *self,
                                          GlossDbStmt  *stmt,
                                          int            rc,
                                          GError       **error);
gboolean  _gloss_store_row_complete      (GlossStore    *self,
                                          GlossDbStmt  *stmt,
                                          guint32        required,
                                          GError       **error);
char     *_gloss_store_column_dup        (GlossDbStmt  *stmt,
                                          int            column);
void      _gloss_store_bind_text_or_null (GlossDbStmt  *stmt,
                                          int            index,
                                          const char    *text);
gboolean  _gloss_store_set_not_found     (GError       **error,
                                          const char    *what,
                                          const char    *id);
void      _gloss_store_set_damaged       (GlossStore    *self,
                                          const char    *what,
                                          GError       **error);

/* gloss-store-history.c: each mutation one transaction and one undo step */
void     _gloss_store_change_free    (Change           *change);
void     _gloss_store_track_row      (GlossStore       *self,
                                      const TableInfo  *table,
                                      gint64            rowid,
                                      gboolean          exists);
gboolean _gloss_store_claim_document (GlossStore       *self,
                                      gint64            document,
                                      GError          **error);
gboolean _gloss_store_begin_mutation (GlossStore       *self,
                                      const char       *description,
                                      gint64            document,
                                      GError          **error);
gboolean _gloss_store_end_mutation   (GlossStore       *self,
                                      gboolean          ok,
                                      GError          **error);
void     _gloss_store_prune_history  (GPtrArray        *stack,
                                      gint64            document);

/* gloss-store-sets.c: the annotator set the store works in */
gboolean _gloss_store_prepare_sets (GlossStore  *self,
                                    GError     **error);
gboolean _gloss_store_choose_set   (GlossStore  *self,
                                    GError     **error);
gboolean _gloss_store_ensure_set   (GlossStore  *self,
                                    GError     **error);

/* gloss-store-labels.c */
GArray *_gloss_store_rowids_of (GlossStore *self,
                                const char *sql,
                                gint64      key);

/* gloss-store-documents.c */
gboolean _gloss_store_mark_in_progress (GlossStore  *self,
                                        gint64       document,
                                        GError     **error);

/* gloss-store-spans.c: span rows, and row lookups shared with relations */
gboolean  _gloss_store_delete_span_row (GlossStore       *self,
                                        gint64            rowid,
                                        GError          **error);
gint      _gloss_store_document_length (GlossStore       *self,
                                        gint64            document,
                                        GError          **error);
gboolean  _gloss_store_check_span      (GlossStore       *self,
                                        const GlossSpan  *span,
                                        gint              length,
                                        GError          **error);
gint64    _gloss_store_insert_span_row (GlossStore       *self,
                                        gint64            document,
                                        const GlossSpan  *span,
                                        GError          **error);
gboolean  _gloss_store_insert_span_rows (GlossStore      *self,
                                        gint64           document,
                                        GPtrArray       *spans,
                                        gint64          *rowids,
                                        GError         **error);
gint64    _gloss_store_lookup_rowid    (GlossStore       *self,
                                        const char       *sql,
                                        gint64            document,
                                        const char       *uid);
char     *_gloss_store_mint_uid        (GlossStore       *self,
                                        const char       *uid_sql,
                                        const char       *count_sql,
                                        const char       *prefix,
                                        gint64            document);
gint64    _gloss_store_require_span    (GlossStore       *self,
                                        gint64            document,
                                        const char       *span_id,
                                        GError          **error);
gboolean  _gloss_store_track_rows_of   (GlossStore       *self,
                                        const char       *sql,
                                        gint64            rowid,
                                        const TableInfo  *table,
                                        GError          **error);

/* gloss-store-read-ahead.c */
gboolean   _gloss_store_read_ahead_begin  (GlossStore  *self);
void       _gloss_store_read_ahead_end    (GlossStore  *self);
void       _gloss_store_read_ahead_forget (GlossStore  *self);
GPtrArray *_gloss_store_read_ahead_take   (GlossStore  *self,
                                           gboolean     relations,
                                           gint64       document,
                                           gboolean    *read,
                                           GError     **error);
GlossSpan     *_gloss_store_span_from_row     (GlossStore   *self,
                                               GlossDbStmt  *stmt,
                                               gint64        document,
                                               GError      **error);
GlossRelation *_gloss_store_relation_from_row (GlossStore   *self,
                                               GlossDbStmt  *stmt,
                                               gint64        document,
                                               GError      **error);

/* gloss-store-relations.c: rows an import inserts */
gint64 _gloss_store_insert_relation_row (GlossStore           *self,
                                         gint64                document,
                                         const GlossRelation  *relation,
                                         gint64                from,
                                         gint64                to,
                                         GError              **error);
gint64 _gloss_store_insert_entity_row   (GlossStore           *self,
                                         gint64                document,
                                         const GlossEntity    *entity,
                                         GError              **error);
gint64 _gloss_store_insert_mention_row  (GlossStore           *self,
                                         gint64                entity,
                                         gint64                span,
                                         GError              **error);

G_END_DECLS
