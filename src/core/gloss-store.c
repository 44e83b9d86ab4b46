/* SPDX-License-Identifier: GPL-3.0-or-later */
/* GlossStore: the object, turning the engine's errors into GLOSS_STORE_ERROR,
 * and the helpers through which everything else speaks SQL (gloss-db.h):
 *
 *   gloss-store-sqlite.c       a project file: opening, WAL, creating, discarding
 *   gloss-store-postgres.c     a project on a PostgreSQL server
 *   gloss-store-header.c       the file header, read before SQLite opens a file
 *   gloss-store-schema.c       migrations
 *   gloss-store-batch.c        batches of writes and read transactions
 *   gloss-store-history.c      changes, undo and redo
 *   gloss-store-sets.c         annotator sets and statistics
 *   gloss-store-labels.c       the label schema, read and edited
 *   gloss-store-documents.c    documents, their status, renaming and deleting
 *   gloss-store-import.c       a new document, or annotations for one the project has
 *   gloss-store-spans.c        spans
 *   gloss-store-relations.c    relations and entities
 *   gloss-store-suggestions.c  quote suggestions
 *   gloss-store-files.c        files kept for the format a project came from
 */
#define G_LOG_DOMAIN "gloss-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "gloss-store-private.h"

/* ---- The object ----------------------------------------------------------- */

G_DEFINE_FINAL_TYPE (GlossStore, gloss_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (gloss-store-error-quark, gloss_store_error)

enum {
  CHANGED,
  SCHEMA_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
gloss_store_finalize (GObject *object)
{
  GlossStore *self = (GlossStore *) object;

  g_clear_pointer (&self->pending, _gloss_store_change_free);
  g_clear_pointer (&self->undo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->redo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->labels_by_name, g_hash_table_unref);
  g_clear_pointer (&self->labels_by_rowid, g_hash_table_unref);
  g_clear_pointer (&self->labels, g_ptr_array_unref);
  g_clear_pointer (&self->layers, g_ptr_array_unref);
  g_clear_pointer (&self->db, gloss_db_close);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->annotator, g_free);
  g_clear_pointer (&self->viewing, g_free);
  g_clear_pointer (&self->current_set, g_free);
  g_clear_pointer (&self->ensured_set, g_free);
  g_clear_pointer (&self->relation_types, g_hash_table_unref);

  G_OBJECT_CLASS (gloss_store_parent_class)->finalize (object);
}

static void
gloss_store_class_init (GlossStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gloss_store_finalize;

  /**
   * GlossStore::changed:
   * @document: the row id of the document whose data changed, or 0 for the
   *   document list itself (an import, a deletion)
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[SCHEMA_CHANGED] = g_signal_new ("schema-changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
}

static void
gloss_store_init (GlossStore *self)
{
  self->undo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) _gloss_store_change_free);
  self->redo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) _gloss_store_change_free);
  self->layers = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_layer_free);
  self->labels = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_label_free);
  self->labels_by_name = g_hash_table_new (g_str_hash, g_str_equal);
  self->labels_by_rowid = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->relation_types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

void
_gloss_store_emit_changed (GlossStore *self,
                           gint64      document)
{
  g_signal_emit (self, signals[CHANGED], 0, document);
}

void
_gloss_store_emit_schema_changed (GlossStore *self)
{
  g_signal_emit (self, signals[SCHEMA_CHANGED], 0);
}

/* ---- Speaking SQL --------------------------------------------------------- */

void
_gloss_store_set_damaged (GlossStore  *self,
                          const char  *what,
                          GError     **error)
{
  g_autofree char *display = _gloss_store_display_name (self->path);
  g_autofree char *reason = _gloss_store_one_line (what);

  g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_DAMAGED,
               _("%s: the project is damaged (%s); restore it from a backup, or rescue what "
                 "is left with sqlite3's .recover"), display, reason);
}

void
_gloss_store_set_error (GlossStore  *self,
                        GError     **error)
{
  GlossDbFault fault = gloss_db_fault (self->db);
  GlossStoreError gloss_code = GLOSS_STORE_ERROR_FAILED;
  g_autofree char *display = _gloss_store_display_name (self->path);
  g_autofree char *message = _gloss_store_one_line (gloss_db_errmsg (self->db));

  switch (fault)
    {
    case GLOSS_DB_FAULT_DAMAGED:
      {
        g_autofree char *what = gloss_db_get_engine (self->db) == GLOSS_DB_SQLITE
                                ? g_strdup_printf ("SQLite: %s", message) : g_strdup (message);

        _gloss_store_set_damaged (self, what, error);
      }
      return;
    case GLOSS_DB_FAULT_READ_ONLY:
      gloss_code = GLOSS_STORE_ERROR_READ_ONLY;
      break;
    case GLOSS_DB_FAULT_DUPLICATE:
      gloss_code = GLOSS_STORE_ERROR_DUPLICATE;
      break;
    case GLOSS_DB_FAULT_CONSTRAINT:
      gloss_code = GLOSS_STORE_ERROR_INVALID;
      break;
    case GLOSS_DB_FAULT_CONNECTION:
      gloss_code = GLOSS_STORE_ERROR_CONNECTION;
      break;
    case GLOSS_DB_FAULT_NONE:
    case GLOSS_DB_FAULT_FAILED:
    case GLOSS_DB_FAULT_BUSY:
    default:
      break;
    }

  g_set_error (error, GLOSS_STORE_ERROR, gloss_code, "%s: %s", display, message);
}

/* Ends a loop over gloss_db_step (): the statement is reset, and anything but
 * the end of the rows (a damaged page, an I/O error, a lost server) is an
 * error, never the end of the rows. */
gboolean
_gloss_store_rows_done (GlossStore    *self,
                        GlossDbStmt  *stmt,
                        int            rc,
                        GError       **error)
{
  gboolean done = rc == GLOSS_DB_DONE;

  if (!done)
    _gloss_store_set_error (self, error);
  gloss_db_reset (stmt);
  return done;
}

/* A NULL in a column the schema declares NOT NULL comes only from a damaged
 * file (or another program's writes): an error, never a crash further on. */
gboolean
_gloss_store_row_complete (GlossStore    *self,
                           GlossDbStmt  *stmt,
                           guint32        required,
                           GError       **error)
{
  for (int i = 0; i < gloss_db_column_count (stmt) && i < 32; i++)
    if ((required & GLOSS_STORE_COLUMN (i)) && gloss_db_column_type (stmt, i) == GLOSS_DB_NULL)
      {
        g_autofree char *what = g_strdup_printf (_("a row without its “%s”"),
                                                 gloss_db_column_name (stmt, i));

        _gloss_store_set_damaged (self, what, error);
        return FALSE;
      }
  return TRUE;
}

GlossDb *
_gloss_store_get_db (GlossStore *self)
{
  return self->db;
}

/* Statements are prepared once and kept; @sql must be a string that lives as
 * long as the store (a literal). The statement comes back reset and unbound. */
GlossDbStmt *
_gloss_store_prepare (GlossStore  *self,
                      const char  *sql,
                      GError     **error)
{
  GlossDbStmt *stmt;

  if (self->db == NULL)
    {
      g_set_error_literal (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_FAILED,
                           _("the project was closed"));
      return NULL;
    }
  stmt = gloss_db_prepare (self->db, sql);
  if (stmt == NULL)
    _gloss_store_set_error (self, error);
  return stmt;
}

/* What the store remembers of rows it wrote (the current set's name in its
 * temporary table, relation types known to exist) may be undone by a
 * rollback: forgotten then, and read or written again when next needed. */
void
_gloss_store_forget_written (GlossStore *self)
{
  g_clear_pointer (&self->current_set, g_free);
  g_clear_pointer (&self->ensured_set, g_free);
  g_hash_table_remove_all (self->relation_types);
}

gboolean
_gloss_store_exec (GlossStore  *self,
                   const char  *sql,
                   GError     **error)
{
  if (g_str_has_prefix (sql, "ROLLBACK"))
    _gloss_store_forget_written (self);
  if (self->db == NULL)
    {
      g_set_error_literal (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_FAILED,
                           _("the project was closed"));
      return FALSE;
    }
  if (!gloss_db_exec (self->db, sql))
    {
      _gloss_store_set_error (self, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
_gloss_store_step_done (GlossStore    *self,
                        GlossDbStmt  *stmt,
                        GError       **error)
{
  int rc = gloss_db_step (stmt);

  if (rc != GLOSS_DB_DONE && rc != GLOSS_DB_ROW)
    {
      _gloss_store_set_error (self, error);
      gloss_db_reset (stmt);
      return FALSE;
    }
  gloss_db_reset (stmt);
  return TRUE;
}

void
_gloss_store_bind_text_or_null (GlossDbStmt *stmt,
                                int           index,
                                const char   *text)
{
  gloss_db_bind_text (stmt, index, text);
}

char *
_gloss_store_column_dup (GlossDbStmt *stmt,
                         int           column)
{
  return g_strdup (gloss_db_column_text (stmt, column));
}

gboolean
_gloss_store_set_not_found (GError     **error,
                            const char  *what,
                            const char  *id)
{
  g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_FOUND, _("no %s “%s”"), what, id);
  return FALSE;
}

/* ---- Opening -------------------------------------------------------------- */

/**
 * gloss_store_is_server_uri:
 * @path: what names a project
 *
 * Returns: whether @path names a project on a PostgreSQL server
 *   (postgresql://… or postgres://…) rather than a file
 */
gboolean
gloss_store_is_server_uri (const char *path)
{
  return path != NULL
         && (g_ascii_strncasecmp (path, "postgresql://", 13) == 0
             || g_ascii_strncasecmp (path, "postgres://", 11) == 0);
}

/**
 * gloss_store_describe_location:
 * @path: a project file or a PostgreSQL URI
 *
 * Returns: @path as messages show it: on one line, and without a password
 *   that came in a URI
 */
char *
gloss_store_describe_location (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);
  return _gloss_store_display_name (path);
}

/**
 * gloss_store_open:
 * @path: the project file, or a PostgreSQL URI (see gloss_store_is_server_uri())
 * @flags: whether to create a missing project, or to open it for reading only
 *
 * Reads the file's header first and refuses, without touching the file, one that
 * is not a Gloss project of a version this build reads. A file without write
 * permission, or in a folder without it, opens for reading; every write on it
 * then fails with %GLOSS_STORE_ERROR_READ_ONLY. A project this call was creating
 * when it failed is removed again. A database on a server is recognised by its
 * gloss_meta table and refused, untouched, when it is another program's or newer.
 */
GlossStore *
gloss_store_open (const char           *path,
                  GlossStoreOpenFlags   flags,
                  GError              **error)
{
  g_autoptr(GlossStore) self = NULL;
  gboolean opened;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (GLOSS_TYPE_STORE, NULL);
  if (gloss_store_is_server_uri (path))
    opened = _gloss_store_postgres_open (self, path, flags, error);
  else
    opened = _gloss_store_sqlite_open (self, path, flags, error);
  return opened ? g_steal_pointer (&self) : NULL;
}

const char *
gloss_store_get_path (GlossStore *self)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);
  return self->path;
}

/**
 * gloss_store_get_name:
 *
 * Returns: the project's name, for names made from it (a W3C collection's id,
 *   a dataset card's title): the file's name, or the database's
 */
char *
gloss_store_get_name (GlossStore *self)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);

  if (self->db != NULL && gloss_db_get_engine (self->db) == GLOSS_DB_POSTGRESQL)
    return g_strdup (PQdb (gloss_db_get_postgresql (self->db)));
  return g_path_get_basename (self->path);
}

/**
 * gloss_store_get_short_name:
 *
 * Returns: what a window's title calls the project: the file's name, or the
 *   database's name and its server
 */
char *
gloss_store_get_short_name (GlossStore *self)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);

  if (self->db != NULL && gloss_db_get_engine (self->db) == GLOSS_DB_POSTGRESQL)
    return _gloss_store_postgres_short_name (self);
  return g_path_get_basename (self->path);
}

/**
 * gloss_store_is_connected:
 *
 * Returns: %FALSE while the server of a server project is out of reach (a
 *   file is always there); gloss_store_get_data_version () reconnects
 */
gboolean
gloss_store_is_connected (GlossStore *self)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);
  return self->db != NULL && gloss_db_is_connected (self->db);
}

gboolean
gloss_store_is_read_only (GlossStore *self)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), TRUE);
  return self->read_only || self->viewing != NULL;
}

/**
 * gloss_store_is_new:
 *
 * Returns: whether opening made this project (the file was missing or empty)
 */
gboolean
gloss_store_is_new (GlossStore *self)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);
  return self->creation != CREATION_NONE;
}

/**
 * gloss_store_discard_new:
 *
 * Takes away a project that opening this store made (see gloss_store_is_new())
 * while it still holds no documents and no other program has it open, so that
 * a command that imported nothing leaves nothing behind: the file and its
 * -wal and -shm are removed, or an empty file that was there before is left
 * empty. Afterwards the store is closed; only unref it.
 *
 * Returns: %TRUE if the project was taken away; %FALSE if it was kept, with
 *   @error set only when removing it failed
 */
gboolean
gloss_store_discard_new (GlossStore  *self,
                         GError     **error)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);

  if (self->db == NULL)
    return FALSE;
  if (gloss_db_get_engine (self->db) == GLOSS_DB_POSTGRESQL)
    return _gloss_store_postgres_discard_new (self, error);
  return _gloss_store_sqlite_discard_new (self, error);
}
