/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Changes and undo: a mutation remembers each row it touches as it was before
 * and after (the tables and their SQL are below); undo and redo write one side
 * of those snapshots back. Each mutation is one transaction and one undo step. */
#define G_LOG_DOMAIN "gloss-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gloss-store-private.h"

const TableInfo _gloss_store_table_documents = {
  "documents", 4,
  "SELECT id, title, status, modified FROM documents WHERE id = ?1",
  NULL,
  "UPDATE documents SET title = ?2, status = ?3, modified = ?4 WHERE id = ?1",
  NULL,
};

const TableInfo _gloss_store_table_annotations = {
  "annotations", 10,
  "SELECT id, document_id, uid, label_id, start, end, fragments, attrs, note, annotator_id "
  "FROM annotations WHERE id = ?1",
  "INSERT INTO annotations (id, document_id, uid, label_id, start, end, fragments, attrs, note, "
  "annotator_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
  "UPDATE annotations SET document_id = ?2, uid = ?3, label_id = ?4, start = ?5, end = ?6, "
  "fragments = ?7, attrs = ?8, note = ?9, annotator_id = ?10 WHERE id = ?1",
  "DELETE FROM annotations WHERE id = ?1",
};

const TableInfo _gloss_store_table_relations = {
  "relations", 9,
  "SELECT id, document_id, uid, type, from_id, to_id, attrs, note, annotator_id "
  "FROM relations WHERE id = ?1",
  "INSERT INTO relations (id, document_id, uid, type, from_id, to_id, attrs, note, annotator_id) "
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
  "UPDATE relations SET document_id = ?2, uid = ?3, type = ?4, from_id = ?5, to_id = ?6, "
  "attrs = ?7, note = ?8, annotator_id = ?9 WHERE id = ?1",
  "DELETE FROM relations WHERE id = ?1",
};

const TableInfo _gloss_store_table_entities = {
  "entities", 7,
  "SELECT id, document_id, uid, name, type, kb_id, annotator_id FROM entities WHERE id = ?1",
  "INSERT INTO entities (id, document_id, uid, name, type, kb_id, annotator_id) "
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
  "UPDATE entities SET document_id = ?2, uid = ?3, name = ?4, type = ?5, kb_id = ?6, "
  "annotator_id = ?7 WHERE id = ?1",
  "DELETE FROM entities WHERE id = ?1",
};

const TableInfo _gloss_store_table_document_sets = {
  "document_sets", 5,
  "SELECT id, document_id, annotator_id, status, modified FROM document_sets WHERE id = ?1",
  "INSERT INTO document_sets (id, document_id, annotator_id, status, modified) "
  "VALUES (?1, ?2, ?3, ?4, ?5)",
  "UPDATE document_sets SET document_id = ?2, annotator_id = ?3, status = ?4, modified = ?5 "
  "WHERE id = ?1",
  "DELETE FROM document_sets WHERE id = ?1",
};

const TableInfo _gloss_store_table_entity_mentions = {
  "entity_mentions", 3,
  "SELECT id, entity_id, annotation_id FROM entity_mentions WHERE id = ?1",
  "INSERT INTO entity_mentions (id, entity_id, annotation_id) VALUES (?1, ?2, ?3)",
  "UPDATE entity_mentions SET entity_id = ?2, annotation_id = ?3 WHERE id = ?1",
  "DELETE FROM entity_mentions WHERE id = ?1",
};

const TableInfo _gloss_store_table_suggestions = {
  "suggestions", 14,
  "SELECT id, document_id, kind, start, end, cue_start, cue_end, speaker_start, speaker_end, "
  "speaker_kind, via_start, via_end, status, annotator_id FROM suggestions WHERE id = ?1",
  "INSERT INTO suggestions (id, document_id, kind, start, end, cue_start, cue_end, speaker_start, "
  "speaker_end, speaker_kind, via_start, via_end, status, annotator_id) "
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
  "UPDATE suggestions SET document_id = ?2, kind = ?3, start = ?4, end = ?5, cue_start = ?6, "
  "cue_end = ?7, speaker_start = ?8, speaker_end = ?9, speaker_kind = ?10, via_start = ?11, "
  "via_end = ?12, status = ?13, annotator_id = ?14 WHERE id = ?1",
  "DELETE FROM suggestions WHERE id = ?1",
};

const TableInfo _gloss_store_table_labels = {
  "labels", 8,
  "SELECT id, layer_id, name, kind, can_speak, color, hotkey, description FROM labels WHERE id = ?1",
  "INSERT INTO labels (id, layer_id, name, kind, can_speak, color, hotkey, description) "
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
  "UPDATE labels SET layer_id = ?2, name = ?3, kind = ?4, can_speak = ?5, color = ?6, hotkey = ?7, "
  "description = ?8 WHERE id = ?1",
  "DELETE FROM labels WHERE id = ?1",
};

const TableInfo _gloss_store_table_attribute_defs = {
  "attribute_defs", 5,
  "SELECT id, label_id, name, type, choices FROM attribute_defs WHERE id = ?1",
  "INSERT INTO attribute_defs (id, label_id, name, type, choices) VALUES (?1, ?2, ?3, ?4, ?5)",
  "UPDATE attribute_defs SET label_id = ?2, name = ?3, type = ?4, choices = ?5 WHERE id = ?1",
  "DELETE FROM attribute_defs WHERE id = ?1",
};

const TableInfo _gloss_store_table_relation_types = {
  "relation_types", 3,
  "SELECT id, name, description FROM relation_types WHERE id = ?1",
  "INSERT INTO relation_types (id, name, description) VALUES (?1, ?2, ?3)",
  "UPDATE relation_types SET name = ?2, description = ?3 WHERE id = ?1",
  "DELETE FROM relation_types WHERE id = ?1",
};

static gboolean
is_schema_table (const TableInfo *table)
{
  return table == &_gloss_store_table_labels || table == &_gloss_store_table_attribute_defs
         || table == &_gloss_store_table_relation_types;
}

static void
free_values (GlossDbValue **values,
             guint           n)
{
  if (values == NULL)
    return;
  for (guint i = 0; i < n; i++)
    gloss_db_value_free (values[i]);
  g_free (values);
}

static void
row_change_free (RowChange *row)
{
  free_values (row->before, row->table->n_columns);
  free_values (row->after, row->table->n_columns);
  g_free (row);
}

static Change *
change_new (const char *description,
            gint64      document)
{
  Change *change = g_new0 (Change, 1);

  change->description = g_strdup (description);
  change->document = document;
  change->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_change_free);
  change->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return change;
}

void
_gloss_store_change_free (Change *change)
{
  if (change == NULL)
    return;
  g_free (change->description);
  g_ptr_array_unref (change->rows);
  g_hash_table_unref (change->seen);
  g_free (change);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Change, _gloss_store_change_free)

static GlossDbValue **
snapshot_row (GlossStore       *self,
              const TableInfo  *table,
              gint64            rowid,
              GError          **error)
{
  GlossDbStmt *stmt = _gloss_store_prepare (self, table->select_sql, error);
  GlossDbValue **values = NULL;

  if (stmt == NULL)
    return NULL;

  gloss_db_bind_int64 (stmt, 1, rowid);
  if (gloss_db_step (stmt) == GLOSS_DB_ROW)
    {
      values = g_new0 (GlossDbValue *, table->n_columns);
      for (guint i = 0; i < table->n_columns; i++)
        values[i] = gloss_db_column_value (stmt, i);
    }
  gloss_db_reset (stmt);
  return values;
}

/* Remembers a row before the current mutation touches it. @exists is FALSE for a
 * row the mutation is about to insert. */
void
_gloss_store_track_row (GlossStore       *self,
                        const TableInfo  *table,
                        gint64            rowid,
                        gboolean          exists)
{
  g_autofree char *key = g_strdup_printf ("%s:%" G_GINT64_FORMAT, table->name, rowid);
  RowChange *row;

  g_assert (self->pending != NULL);

  if (g_hash_table_contains (self->pending->seen, key))
    return;

  row = g_new0 (RowChange, 1);
  row->table = table;
  row->rowid = rowid;
  if (exists)
    row->before = snapshot_row (self, table, rowid, NULL);
  g_ptr_array_add (self->pending->rows, row);
  g_hash_table_add (self->pending->seen, g_steal_pointer (&key));
}

static void
forget_rows_after (Change *change,
                   guint   mark)
{
  for (guint i = mark; i < change->rows->len; i++)
    {
      RowChange *row = g_ptr_array_index (change->rows, i);
      g_autofree char *key = g_strdup_printf ("%s:%" G_GINT64_FORMAT, row->table->name, row->rowid);

      g_hash_table_remove (change->seen, key);
    }
  g_ptr_array_set_size (change->rows, mark);
}

/* A change to a document's gold set on a server waits for no one: it is
 * refused while another curator holds that document (see claim_document). */
gboolean
_gloss_store_claim_document (GlossStore  *self,
                             gint64       document,
                             GError     **error)
{
  if (document <= 0 || self->engine->claim_document == NULL
      || g_strcmp0 (self->current_set, "gold") != 0)
    return TRUE;
  return self->engine->claim_document (self, document, error);
}

gboolean
_gloss_store_begin_mutation (GlossStore  *self,
                             const char  *description,
                             gint64       document,
                             GError     **error)
{
  if (!_gloss_store_check_writable (self, error)
      || !_gloss_store_claim_document (self, document, error))
    return FALSE;
  _gloss_store_read_ahead_forget (self);

  if (self->group_depth > 0)
    {
      if (!_gloss_store_exec (self, "SAVEPOINT mutation", error))
        return FALSE;
      if (self->pending->document == 0)
        self->pending->document = document;
      self->savepoint_mark = self->pending->rows->len;
      return TRUE;
    }

  if (!_gloss_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!_gloss_store_ensure_set (self, error))
    {
      _gloss_store_exec (self, "ROLLBACK", NULL);
      return FALSE;
    }
  self->pending = change_new (description, document);
  return TRUE;
}

static void
capture_after (GlossStore *self,
               Change     *change)
{
  for (guint i = 0; i < change->rows->len; i++)
    {
      RowChange *row = g_ptr_array_index (change->rows, i);

      free_values (row->after, row->table->n_columns);
      row->after = snapshot_row (self, row->table, row->rowid, NULL);
    }
}

static gboolean
commit_pending (GlossStore  *self,
                GError     **error)
{
  g_autoptr(Change) change = g_steal_pointer (&self->pending);
  gint64 document = change->document;

  capture_after (self, change);
  if (!_gloss_store_exec (self, "COMMIT", error))
    {
      _gloss_store_exec (self, "ROLLBACK", NULL);
      return FALSE;
    }

  if (change->rows->len > 0)
    {
      g_ptr_array_add (self->undo_stack, g_steal_pointer (&change));
      g_ptr_array_set_size (self->redo_stack, 0);
    }
  _gloss_store_emit_changed (self, document);
  return TRUE;
}

/* Ends what _gloss_store_begin_mutation() started: commits when @ok, otherwise puts the
 * project back as it was, in a group only this mutation's part. */
gboolean
_gloss_store_end_mutation (GlossStore  *self,
                           gboolean     ok,
                           GError     **error)
{
  if (self->group_depth > 0)
    {
      if (ok)
        return _gloss_store_exec (self, "RELEASE mutation", error);
      _gloss_store_exec (self, "ROLLBACK TO mutation; RELEASE mutation", NULL);
      forget_rows_after (self->pending, self->savepoint_mark);
      return FALSE;
    }

  if (!ok)
    {
      _gloss_store_exec (self, "ROLLBACK", NULL);
      g_clear_pointer (&self->pending, _gloss_store_change_free);
      return FALSE;
    }

  return commit_pending (self, error);
}

/**
 * gloss_store_begin_group:
 * @description: what the user did, for the Undo menu item ("Tag all occurrences")
 *
 * Makes every mutation until gloss_store_end_group() one transaction and one undo
 * step. A mutation that fails inside the group leaves the others in it.
 */
void
gloss_store_begin_group (GlossStore *self,
                         const char *description)
{
  g_return_if_fail (GLOSS_IS_STORE (self));

  if (self->group_depth++ > 0)
    return;
  if (self->read_only || !_gloss_store_exec (self, "BEGIN IMMEDIATE", NULL))
    {
      /* Every mutation in the group will then fail and say why. */
      self->group_depth = 0;
      return;
    }
  /* The group's changes name the set: it gets its row first. */
  if (!_gloss_store_ensure_set (self, NULL))
    {
      _gloss_store_exec (self, "ROLLBACK", NULL);
      self->group_depth = 0;
      return;
    }
  self->pending = change_new (description, 0);
}

/**
 * gloss_store_cancel_group:
 *
 * Ends the group begun with gloss_store_begin_group() by putting the project
 * back as it was before it: nothing in the group is kept or undoable.
 */
void
gloss_store_cancel_group (GlossStore *self)
{
  g_return_if_fail (GLOSS_IS_STORE (self));

  if (self->group_depth == 0)
    return;
  self->group_depth = 0;
  _gloss_store_exec (self, "ROLLBACK", NULL);
  g_clear_pointer (&self->pending, _gloss_store_change_free);
  _gloss_store_emit_changed (self, (gint64) 0);
}

gboolean
gloss_store_end_group (GlossStore  *self,
                       GError     **error)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);

  if (self->group_depth == 0)
    return TRUE;
  if (--self->group_depth > 0)
    return TRUE;
  return commit_pending (self, error);
}

static void
bind_values (GlossDbStmt     *stmt,
             GlossDbValue    **values,
             guint             n)
{
  for (guint i = 0; i < n; i++)
    gloss_db_bind_value (stmt, i + 1, values[i]);
}

static gboolean
write_row (GlossStore       *self,
           const RowChange  *row,
           GlossDbValue    **target,
           GlossDbValue    **current,
           GError          **error)
{
  const TableInfo *table = row->table;
  GlossDbStmt *stmt;

  if (target == NULL && current == NULL)
    return TRUE;

  if (target == NULL)
    {
      stmt = _gloss_store_prepare (self, table->delete_sql, error);
      if (stmt == NULL)
        return FALSE;
      gloss_db_bind_int64 (stmt, 1, row->rowid);
    }
  else
    {
      stmt = _gloss_store_prepare (self, current == NULL ? table->insert_sql : table->update_sql, error);
      if (stmt == NULL)
        return FALSE;
      bind_values (stmt, target, table->n_columns);
    }

  return _gloss_store_step_done (self, stmt, error);
}

static gboolean
replay (GlossStore  *self,
        Change      *change,
        gboolean     backwards,
        GError     **error)
{
  guint n = change->rows->len;

  if (!_gloss_store_check_writable (self, error)
      || !_gloss_store_claim_document (self, change->document, error)
      || !_gloss_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  g_hash_table_remove_all (self->relation_types);

  for (guint k = 0; k < n; k++)
    {
      RowChange *row = g_ptr_array_index (change->rows, backwards ? n - 1 - k : k);
      GlossDbValue **target = backwards ? row->before : row->after;
      GlossDbValue **current = backwards ? row->after : row->before;

      if (!write_row (self, row, target, current, error))
        {
          _gloss_store_exec (self, "ROLLBACK", NULL);
          return FALSE;
        }
    }

  if (!_gloss_store_exec (self, "COMMIT", error))
    {
      _gloss_store_exec (self, "ROLLBACK", NULL);
      return FALSE;
    }
  return TRUE;
}

static gboolean
change_touches_schema (Change *change)
{
  for (guint i = 0; i < change->rows->len; i++)
    if (is_schema_table (((RowChange *) g_ptr_array_index (change->rows, i))->table))
      return TRUE;
  return FALSE;
}

static gboolean
move_change (GlossStore  *self,
             GPtrArray   *from,
             GPtrArray   *to,
             gint64      *document,
             GError     **error)
{
  Change *change;
  gboolean backwards = from == self->undo_stack;

  g_return_val_if_fail (self->pending == NULL, FALSE);

  if (from->len == 0)
    {
      g_set_error_literal (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_FOUND,
                           backwards ? _("nothing to undo") : _("nothing to redo"));
      return FALSE;
    }

  change = g_ptr_array_steal_index (from, from->len - 1);
  if (!replay (self, change, backwards, error))
    {
      /* The rows were changed elsewhere (another window, gloss-cli): this step
       * cannot be replayed faithfully any more, so it is dropped. */
      _gloss_store_change_free (change);
      return FALSE;
    }

  if (document != NULL)
    *document = change->document;
  g_ptr_array_add (to, change);
  if (change_touches_schema (change))
    {
      _gloss_store_load_schema (self, NULL);
      _gloss_store_emit_schema_changed (self);
    }
  _gloss_store_emit_changed (self, change->document);
  return TRUE;
}

gboolean
gloss_store_undo (GlossStore  *self,
                  gint64      *document,
                  GError     **error)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);
  return move_change (self, self->undo_stack, self->redo_stack, document, error);
}

gboolean
gloss_store_redo (GlossStore  *self,
                  gint64      *document,
                  GError     **error)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);
  return move_change (self, self->redo_stack, self->undo_stack, document, error);
}

gboolean
gloss_store_can_undo (GlossStore *self)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);
  return self->undo_stack->len > 0;
}

gboolean
gloss_store_can_redo (GlossStore *self)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);
  return self->redo_stack->len > 0;
}

static const char *
top_description (GPtrArray *stack)
{
  if (stack->len == 0)
    return NULL;
  return ((Change *) g_ptr_array_index (stack, stack->len - 1))->description;
}

const char *
gloss_store_get_undo_description (GlossStore *self)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);
  return top_description (self->undo_stack);
}

const char *
gloss_store_get_redo_description (GlossStore *self)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);
  return top_description (self->redo_stack);
}

void
_gloss_store_prune_history (GPtrArray *stack,
                            gint64     document)
{
  for (guint i = stack->len; i > 0; i--)
    if (((Change *) g_ptr_array_index (stack, i - 1))->document == document)
      g_ptr_array_remove_index (stack, i - 1);
}
