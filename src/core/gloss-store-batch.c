/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Transactions that span many calls of the store: a batch of writes (merge
 * commits hundreds of documents at once instead of one transaction per
 * annotator set) and a read transaction (agree reads every set of every
 * document from one snapshot, without taking and dropping SQLite's locks for
 * each statement).
 *
 * The store's own writes (gloss_store_add_annotations (), _add_document (),
 * _clear_set ()) begin a transaction of their own with
 * _gloss_store_begin_write (): outside a batch that is BEGIN IMMEDIATE as
 * before; inside one it is a savepoint, so that a write that fails is undone
 * alone and the batch goes on. A transaction is atomic, so a batch killed
 * half-way leaves the project as it was before the batch. */
#define G_LOG_DOMAIN "gloss-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gloss-store-private.h"

/* @sql is a literal: the statement is prepared once and kept by the store. */
static gboolean
run (GlossStore  *self,
     const char  *sql,
     GError     **error)
{
  GlossDbStmt *stmt = _gloss_store_prepare (self, sql, error);

  if (g_str_has_prefix (sql, "ROLLBACK"))
    _gloss_store_forget_written (self);
  return stmt != NULL && _gloss_store_step_done (self, stmt, error);
}

static gboolean
in_transaction (GlossStore *self)
{
  GlossDb *db = _gloss_store_get_db (self);

  return db != NULL && gloss_db_in_transaction (db);
}

/**
 * _gloss_store_begin_write:
 * @nested: (out): whether a transaction was open already (a batch, an undo
 *   group), so that this write is a savepoint in it
 *
 * Begins one write of the store: BEGIN IMMEDIATE, or a savepoint inside an
 * open transaction. End it with _gloss_store_commit_write () or
 * _gloss_store_rollback_write (), passing @nested back.
 */
gboolean
_gloss_store_begin_write (GlossStore  *self,
                          gboolean    *nested,
                          GError     **error)
{
  *nested = in_transaction (self);
  return run (self, *nested ? "SAVEPOINT gloss_write" : "BEGIN IMMEDIATE", error);
}

gboolean
_gloss_store_commit_write (GlossStore  *self,
                           gboolean     nested,
                           GError     **error)
{
  return run (self, nested ? "RELEASE gloss_write" : "COMMIT", error);
}

void
_gloss_store_rollback_write (GlossStore *self,
                             gboolean    nested)
{
  /* After some errors (a full disk, I/O) SQLite has rolled back the whole
   * transaction already: there is nothing left to roll back, and a batch
   * around this write learns it when it commits. */
  if (!in_transaction (self))
    return;
  if (nested)
    {
      run (self, "ROLLBACK TO gloss_write", NULL);
      run (self, "RELEASE gloss_write", NULL);
    }
  else
    run (self, "ROLLBACK", NULL);
}

static gboolean
check_no_transaction (GlossStore  *self,
                      GError     **error)
{
  if (_gloss_store_get_db (self) == NULL)
    {
      g_set_error_literal (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_FAILED, _("the project was closed"));
      return FALSE;
    }
  if (in_transaction (self))
    {
      g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_FAILED,
                   "%s: a transaction is open already", gloss_store_get_path (self));
      return FALSE;
    }
  return TRUE;
}

/**
 * gloss_store_begin_batch:
 *
 * Makes the writes until gloss_store_end_batch () one transaction: they reach
 * the file together or not at all. Each write that fails is undone alone, as
 * outside a batch. Writes in a batch are not undo steps of their own; a batch
 * is for imports and merges, not for the window's edits.
 *
 * Returns: %FALSE with @error set when the project is read-only, a
 *   transaction is open already, or the project cannot be locked for writing
 */
gboolean
gloss_store_begin_batch (GlossStore  *self,
                         GError     **error)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);

  if (!check_no_transaction (self, error))
    return FALSE;
  if (gloss_store_is_read_only (self))
    {
      g_autofree char *display = g_filename_display_name (gloss_store_get_path (self));

      g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_READ_ONLY,
                   _("%s: the project is read-only; nothing was changed (make the file writable, "
                     "or work on a copy)"), display);
      return FALSE;
    }
  return run (self, "BEGIN IMMEDIATE", error);
}

/**
 * gloss_store_end_batch:
 * @commit: %TRUE to keep the batch's writes, %FALSE to drop them all
 *
 * Ends what gloss_store_begin_batch () began.
 *
 * Returns: %FALSE with @error set when the writes could not be committed
 *   (they are then dropped), or SQLite had dropped them already after an
 *   error inside the batch
 */
gboolean
gloss_store_end_batch (GlossStore  *self,
                       gboolean     commit,
                       GError     **error)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);

  if (!in_transaction (self))
    {
      if (!commit)
        return TRUE;
      g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_FAILED,
                   "%s: the batch of writes was rolled back after an error", gloss_store_get_path (self));
      return FALSE;
    }
  if (commit && run (self, "COMMIT", error))
    return TRUE;
  run (self, "ROLLBACK", NULL);
  return !commit;
}

/**
 * gloss_store_begin_read:
 *
 * Makes the reads until gloss_store_end_read () one read transaction: they see
 * one state of the project (another connection's commits wait for the end),
 * and SQLite takes its locks once rather than for each statement. Choosing a
 * set (gloss_store_set_annotator ()) is allowed in it; writing to the project
 * is not meant for it.
 */
gboolean
gloss_store_begin_read (GlossStore  *self,
                        GError     **error)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);

  return check_no_transaction (self, error) && run (self, "BEGIN", error);
}

/**
 * gloss_store_end_read:
 *
 * Ends what gloss_store_begin_read () began.
 */
void
gloss_store_end_read (GlossStore *self)
{
  g_return_if_fail (GLOSS_IS_STORE (self));

  if (in_transaction (self) && !run (self, "COMMIT", NULL))
    run (self, "ROLLBACK", NULL);
}
