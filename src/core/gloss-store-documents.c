/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Documents: listing and reading them, their status in the current set, and
 * renaming and deleting them. */
#define G_LOG_DOMAIN "gloss-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gloss-store-private.h"

/* ---- Documents ---------------------------------------------------------------- */

#define DOCUMENT_COLUMNS \
  "d.id, d.uid, d.title, d.meta, d.text_sha256, d.length, " GLOSS_STORE_SET_STATUS \
  ", d.keep_text, d.created, " \
  "d.modified, " GLOSS_STORE_SET_SPANS

/* uid, title, meta, text_sha256, status and, when read, the text */
#define DOCUMENT_REQUIRED \
  (GLOSS_STORE_COLUMN (1) | GLOSS_STORE_COLUMN (2) | GLOSS_STORE_COLUMN (3) | GLOSS_STORE_COLUMN (4) \
   | GLOSS_STORE_COLUMN (6))

static GlossDocument *
document_from_row (GlossStore    *self,
                   GlossDbStmt  *stmt,
                   gboolean       with_text,
                   GError       **error)
{
  GlossDocument *document;

  if (!_gloss_store_row_complete (self, stmt,
                                  DOCUMENT_REQUIRED | (with_text ? GLOSS_STORE_COLUMN (11) : 0), error))
    return NULL;

  document = g_new0 (GlossDocument, 1);
  document->rowid = gloss_db_column_int64 (stmt, 0);
  document->id = _gloss_store_column_dup (stmt, 1);
  document->title = _gloss_store_column_dup (stmt, 2);
  document->meta = _gloss_store_column_dup (stmt, 3);
  document->text_sha256 = _gloss_store_column_dup (stmt, 4);
  document->length = gloss_db_column_int (stmt, 5);
  gloss_status_from_string (gloss_db_column_text (stmt, 6), &document->status);
  document->keep_text = gloss_db_column_int (stmt, 7);
  document->created = gloss_db_column_int64 (stmt, 8);
  document->modified = gloss_db_column_int64 (stmt, 9);
  document->n_spans = gloss_db_column_int (stmt, 10);
  if (with_text)
    document->text = _gloss_store_column_dup (stmt, 11);
  return document;
}

/**
 * gloss_store_list_documents:
 *
 * Returns: (transfer container) (element-type GlossDocument): every document in
 *   import order, without its text
 */
GPtrArray *
gloss_store_list_documents (GlossStore  *self,
                            GError     **error)
{
  g_autoptr(GPtrArray) documents = NULL;
  GlossDbStmt *stmt;
  int rc;

  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);

  /* uid, title and meta come before the text in a row, the rest from the
   * summary index: listing 10,000 documents reads none of their texts. */
  stmt = _gloss_store_prepare (self,
                               "SELECT d.id, d.uid, d.title, d.meta, x.text_sha256, x.length, "
                               GLOSS_STORE_SET_STATUS ", x.keep_text, x.created, x.modified, "
                               GLOSS_STORE_SET_SPANS " "
                               "FROM documents d JOIN documents x INDEXED BY documents_summary "
                               "ON x.id = d.id ORDER BY d.id", error);
  if (stmt == NULL)
    return NULL;

  documents = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_document_free);
  while ((rc = gloss_db_step (stmt)) == GLOSS_DB_ROW)
    {
      GlossDocument *document = document_from_row (self, stmt, FALSE, error);

      if (document == NULL)
        {
          gloss_db_reset (stmt);
          return NULL;
        }
      g_ptr_array_add (documents, document);
    }
  if (!_gloss_store_rows_done (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&documents);
}

static GlossDocument *
get_document (GlossStore   *self,
              const char   *sql,
              gint64        rowid,
              const char   *id,
              gboolean      with_text,
              GError      **error)
{
  GlossDbStmt *stmt = _gloss_store_prepare (self, sql, error);
  g_autofree char *what = NULL;
  GlossDocument *document;
  int rc;

  if (stmt == NULL)
    return NULL;

  if (id != NULL)
    gloss_db_bind_text (stmt, 1, id);
  else
    gloss_db_bind_int64 (stmt, 1, rowid);

  rc = gloss_db_step (stmt);
  if (rc == GLOSS_DB_ROW)
    {
      document = document_from_row (self, stmt, with_text, error);
      gloss_db_reset (stmt);
      return document;
    }
  if (!_gloss_store_rows_done (self, stmt, rc, error))
    return NULL;

  what = id != NULL ? g_strdup (id) : g_strdup_printf ("#%" G_GINT64_FORMAT, rowid);
  _gloss_store_set_not_found (error, _("document"), what);
  return NULL;
}

/**
 * gloss_store_get_document:
 * @id: the document's stable id
 *
 * Returns: (transfer full): the document with its text
 */
GlossDocument *
gloss_store_get_document (GlossStore  *self,
                          const char  *id,
                          GError     **error)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return get_document (self, "SELECT " DOCUMENT_COLUMNS ", d.text FROM documents d WHERE d.uid = ?",
                       0, id, TRUE, error);
}

/**
 * gloss_store_get_document_info:
 *
 * Returns: (transfer full): the document without its text: title, status,
 *   number of spans
 */
GlossDocument *
gloss_store_get_document_info (GlossStore  *self,
                               gint64       rowid,
                               GError     **error)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);

  return get_document (self, "SELECT " DOCUMENT_COLUMNS ", NULL FROM documents d WHERE d.id = ?",
                       rowid, NULL, FALSE, error);
}

GlossDocument *
gloss_store_get_document_by_rowid (GlossStore  *self,
                                   gint64       rowid,
                                   GError     **error)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);

  return get_document (self, "SELECT " DOCUMENT_COLUMNS ", d.text FROM documents d WHERE d.id = ?",
                       rowid, NULL, TRUE, error);
}

static gboolean
any_row (GlossStore *self,
         const char *sql)
{
  GlossDbStmt *stmt = _gloss_store_prepare (self, sql, NULL);
  gboolean found = stmt != NULL && gloss_db_step (stmt) == GLOSS_DB_ROW;

  if (stmt != NULL)
    gloss_db_reset (stmt);
  return found;
}

gboolean
gloss_store_has_relations (GlossStore *self)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);
  return any_row (self, "SELECT 1 FROM relations LIMIT 1");
}

gboolean
gloss_store_has_entities (GlossStore *self)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);
  return any_row (self, "SELECT 1 FROM entities LIMIT 1");
}

/**
 * gloss_store_foreach_document:
 * @status: (nullable): only documents with this status
 * @func: called with each document, with its text, in import order; the
 *   document is the callback's to keep. Returning %FALSE stops.
 *
 * One pass over the documents inside one read transaction, so that an export
 * sees one consistent state of a project that the window may be changing.
 */
gboolean
gloss_store_foreach_document (GlossStore         *self,
                              const GlossStatus  *status,
                              GlossDocumentFunc   func,
                              gpointer            user_data,
                              GError            **error)
{
  GlossDbStmt *stmt;
  gboolean own_transaction;
  gboolean reading_ahead;
  gboolean ok = TRUE;
  int rc = GLOSS_DB_DONE;

  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  own_transaction = !gloss_db_in_transaction (self->db);
  if (own_transaction && !_gloss_store_exec (self, "BEGIN", error))
    return FALSE;
  reading_ahead = _gloss_store_read_ahead_begin (self);

  /* The same statement text is never stepped twice at once: callbacks use others. */
  stmt = _gloss_store_prepare (self, status != NULL
                               ? "SELECT d.id, d.uid, d.title, d.meta, d.text_sha256, d.length, "
                                 GLOSS_STORE_SET_STATUS ", d.keep_text, d.created, d.modified, 0, d.text "
                                 "FROM documents d WHERE " GLOSS_STORE_SET_STATUS " = ? ORDER BY d.id"
                               : "SELECT d.id, d.uid, d.title, d.meta, d.text_sha256, d.length, "
                                 GLOSS_STORE_SET_STATUS ", d.keep_text, d.created, d.modified, 0, d.text "
                                 "FROM documents d ORDER BY d.id", error);
  if (stmt == NULL)
    ok = FALSE;
  else if (status != NULL)
    gloss_db_bind_text (stmt, 1, gloss_status_to_string (*status));

  while (ok && (rc = gloss_db_step (stmt)) == GLOSS_DB_ROW)
    {
      GlossDocument *document = document_from_row (self, stmt, TRUE, error);

      ok = document != NULL && func (document, user_data, error);
    }
  if (ok && rc != GLOSS_DB_DONE)
    {
      _gloss_store_set_error (self, error);
      ok = FALSE;
    }
  if (stmt != NULL)
    gloss_db_reset (stmt);

  if (reading_ahead)
    _gloss_store_read_ahead_end (self);
  if (own_transaction)
    _gloss_store_exec (self, "COMMIT", NULL);
  return ok;
}

/**
 * gloss_store_find_text:
 *
 * Returns: (nullable) (transfer full): the id of the document that has this text
 */
char *
gloss_store_find_text (GlossStore *self,
                       const char *text_sha256)
{
  GlossDbStmt *stmt;
  char *id = NULL;

  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);

  stmt = _gloss_store_prepare (self, "SELECT uid FROM documents WHERE text_sha256 = ? LIMIT 1", NULL);
  if (stmt == NULL)
    return NULL;
  gloss_db_bind_text (stmt, 1, text_sha256);
  if (gloss_db_step (stmt) == GLOSS_DB_ROW)
    id = _gloss_store_column_dup (stmt, 0);
  gloss_db_reset (stmt);
  return id;
}

/* ---- Status in the current set ------------------------------------------------- */

static gboolean
update_document (GlossStore  *self,
                 const char  *sql,
                 gint64       document,
                 const char  *value,
                 GError     **error)
{
  GlossDbStmt *stmt = _gloss_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  _gloss_store_track_row (self, &_gloss_store_table_documents, document, TRUE);
  gloss_db_bind_text (stmt, 1, value);
  gloss_db_bind_int64 (stmt, 2, g_get_real_time () / G_USEC_PER_SEC);
  gloss_db_bind_int64 (stmt, 3, document);
  return _gloss_store_step_done (self, stmt, error);
}

/* The row of @document's status in the current set, or 0. */
static gint64
status_row (GlossStore *self,
            gint64      document)
{
  GlossDbStmt *stmt = _gloss_store_prepare (self,
                                             "SELECT id FROM document_sets WHERE document_id = ? "
                                             "AND annotator_id = " GLOSS_STORE_CURRENT_SET, NULL);
  gint64 rowid = 0;

  if (stmt == NULL)
    return 0;
  gloss_db_bind_int64 (stmt, 1, document);
  if (gloss_db_step (stmt) == GLOSS_DB_ROW)
    rowid = gloss_db_column_int64 (stmt, 0);
  gloss_db_reset (stmt);
  return rowid;
}

/* Sets @document's status in the current set, as part of the current mutation. */
static gboolean
write_status (GlossStore  *self,
              gint64       document,
              const char  *status,
              GError     **error)
{
  gint64 rowid = status_row (self, document);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  GlossDbStmt *stmt;

  if (rowid > 0)
    {
      _gloss_store_track_row (self, &_gloss_store_table_document_sets, rowid, TRUE);
      stmt = _gloss_store_prepare (self, "UPDATE document_sets SET status = ?, modified = ? WHERE id = ?",
                                   error);
      if (stmt == NULL)
        return FALSE;
      gloss_db_bind_text (stmt, 1, status);
      gloss_db_bind_int64 (stmt, 2, now);
      gloss_db_bind_int64 (stmt, 3, rowid);
      return _gloss_store_step_done (self, stmt, error);
    }

  stmt = _gloss_store_prepare (self,
                               "INSERT INTO document_sets (document_id, annotator_id, status, modified) "
                               "VALUES (?, " GLOSS_STORE_CURRENT_SET ", ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  gloss_db_bind_int64 (stmt, 1, document);
  gloss_db_bind_text (stmt, 2, status);
  gloss_db_bind_int64 (stmt, 3, now);
  if (!_gloss_store_step_done (self, stmt, error))
    return FALSE;
  _gloss_store_track_row (self, &_gloss_store_table_document_sets, gloss_db_last_insert_rowid (self->db), FALSE);
  return TRUE;
}

static char *
read_status (GlossStore *self,
             gint64      document)
{
  GlossDbStmt *stmt = _gloss_store_prepare (self,
                                             "SELECT " GLOSS_STORE_SET_STATUS
                                             " FROM documents d WHERE d.id = ?",
                                             NULL);
  char *status = NULL;

  if (stmt == NULL)
    return NULL;
  gloss_db_bind_int64 (stmt, 1, document);
  if (gloss_db_step (stmt) == GLOSS_DB_ROW)
    status = g_strdup (gloss_db_column_text (stmt, 0));
  gloss_db_reset (stmt);
  return status;
}

/* The first annotation on a new document means work has started on it. */
gboolean
_gloss_store_mark_in_progress (GlossStore  *self,
                               gint64       document,
                               GError     **error)
{
  g_autofree char *status = read_status (self, document);

  if (g_strcmp0 (status, "new") != 0)
    return TRUE;
  return write_status (self, document, "in-progress", error);
}

/* ---- Document mutations: each one transaction and one undo step ---------------- */

gboolean
gloss_store_rename_document (GlossStore  *self,
                             gint64       document,
                             const char  *title,
                             GError     **error)
{
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);
  g_return_val_if_fail (title != NULL, FALSE);

  trimmed = g_strstrip (g_strdup (title));
  if (*trimmed == '\0')
    {
      g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID, _("a title cannot be empty"));
      return FALSE;
    }
  if (_gloss_store_document_length (self, document, error) < 0
      || !_gloss_store_begin_mutation (self, _("Rename document"), document, error))
    return FALSE;

  return _gloss_store_end_mutation (self,
                                    update_document (self,
                                                     "UPDATE documents SET title = ?, modified = ? "
                                                     "WHERE id = ?",
                                                     document, trimmed, error),
                                    error);
}

gboolean
gloss_store_set_document_status (GlossStore   *self,
                                 gint64        document,
                                 GlossStatus   status,
                                 GError      **error)
{
  g_autofree char *description = NULL;

  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);
  g_return_val_if_fail (status <= GLOSS_STATUS_DONE, FALSE);

  description = g_strdup_printf (_("Mark as %s"), gloss_status_to_string (status));
  if (_gloss_store_document_length (self, document, error) < 0
      || !_gloss_store_begin_mutation (self, description, document, error))
    return FALSE;

  return _gloss_store_end_mutation (self,
                                    write_status (self, document, gloss_status_to_string (status), error),
                                    error);
}

/**
 * gloss_store_delete_document:
 *
 * Deletes a document with everything on it. Not an undo step: the history of
 * the document goes with it.
 */
gboolean
gloss_store_delete_document (GlossStore  *self,
                             gint64       document,
                             GError     **error)
{
  GlossDbStmt *stmt;

  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->pending == NULL, FALSE);

  if (!_gloss_store_check_writable (self, error) || _gloss_store_document_length (self, document, error) < 0)
    return FALSE;

  stmt = _gloss_store_prepare (self, "DELETE FROM documents WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  gloss_db_bind_int64 (stmt, 1, document);
  if (!_gloss_store_step_done (self, stmt, error))
    return FALSE;

  _gloss_store_prune_history (self->undo_stack, document);
  _gloss_store_prune_history (self->redo_stack, document);
  _gloss_store_emit_changed (self, (gint64) 0);
  return TRUE;
}
