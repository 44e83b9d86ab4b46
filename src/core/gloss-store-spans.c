/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Spans: their rows, reading them, and their mutations. */
#define G_LOG_DOMAIN "gloss-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gloss-store-private.h"

/* ---- Span rows, and the row lookups relations and entities share -------------- */

gboolean
_gloss_store_check_span (GlossStore       *self,
                         const GlossSpan  *span,
                         gint              length,
                         GError          **error)
{
  if (gloss_store_lookup_label (self, span->label) == NULL)
    {
      g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID,
                   _("unknown label “%s”"), span->label ? span->label : "");
      return FALSE;
    }
  if (span->fragments == NULL || span->fragments->len == 0)
    {
      g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID, _("no fragments"));
      return FALSE;
    }

  for (guint i = 0; i < span->fragments->len; i++)
    {
      const GlossFragment *f = &g_array_index (span->fragments, GlossFragment, i);
      gint previous_end = i > 0 ? g_array_index (span->fragments, GlossFragment, i - 1).end : 0;

      if (f->start < 0 || f->end <= f->start || f->end > length)
        {
          g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID,
                       _("offsets [%d, %d] are outside the text (0 to %d code points)"),
                       f->start, f->end, length);
          return FALSE;
        }
      if (f->start < previous_end)
        {
          g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID,
                       _("fragments overlap at %d"), f->start);
          return FALSE;
        }
    }
  return TRUE;
}

gint64
_gloss_store_insert_span_row (GlossStore       *self,
                              gint64            document,
                              const GlossSpan  *span,
                              GError          **error)
{
  const GlossLabel *label = gloss_store_lookup_label (self, span->label);
  g_autofree char *fragments = gloss_span_fragments_to_string (span);
  GlossDbStmt *stmt;

  stmt = _gloss_store_prepare (self,
                               "INSERT INTO annotations (document_id, uid, label_id, start, end, "
                               "fragments, attrs, note, origin, annotator_id) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, " GLOSS_STORE_CURRENT_SET ")",
                               error);
  if (stmt == NULL)
    return -1;

  gloss_db_bind_int64 (stmt, 1, document);
  gloss_db_bind_text (stmt, 2, span->id);
  gloss_db_bind_int64 (stmt, 3, label->rowid);
  gloss_db_bind_int64 (stmt, 4, gloss_span_get_start (span));
  gloss_db_bind_int64 (stmt, 5, gloss_span_get_end (span));
  gloss_db_bind_text (stmt, 6, fragments);
  gloss_db_bind_text (stmt, 7, span->attrs != NULL ? span->attrs : "{}");
  _gloss_store_bind_text_or_null (stmt, 8, span->note);
  _gloss_store_bind_text_or_null (stmt, 9, span->origin);

  if (gloss_db_step (stmt) != GLOSS_DB_DONE)
    {
      GlossDbFault fault = gloss_db_fault (self->db);

      gloss_db_reset (stmt);
      if (fault == GLOSS_DB_FAULT_DUPLICATE)
        g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_DUPLICATE,
                     _("a %s span with the same offsets %s is already there"),
                     span->label, fragments);
      else
        _gloss_store_set_error (self, error);
      return -1;
    }
  gloss_db_reset (stmt);
  return gloss_db_last_insert_rowid (self->db);
}

/* The statement that inserts @n spans at once, made once per @n. Rows that
 * would repeat a span the set has are left out, and RETURNING names the rows
 * made. */
static const char *
insert_rows_sql (guint n)
{
  g_autoptr(GString) sql = g_string_new ("INSERT INTO annotations (document_id, uid, label_id, start, "
                                         "end, fragments, attrs, note, origin, annotator_id) VALUES ");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (sql, "%s(?, ?, ?, ?, ?, ?, ?, ?, ?, " GLOSS_STORE_CURRENT_SET ")",
                            i > 0 ? ", " : "");
  g_string_append (sql, " ON CONFLICT DO NOTHING RETURNING id, uid");
  /* statements are kept by their text, which must outlive them */
  return g_intern_string (sql->str);
}

#define ROWS_AT_ONCE 32

/**
 * _gloss_store_insert_span_rows:
 * @spans: (element-type GlossSpan): checked spans with ids unique among them
 * @rowids: (out caller-allocates) (array length=spans->len): each span's new
 *   row id, or -1 for one the set already has (same label and fragments)
 *
 * Inserts spans ROWS_AT_ONCE at a time: one statement instead of one each,
 * which on a server is one round trip instead of many.
 */
gboolean
_gloss_store_insert_span_rows (GlossStore  *self,
                               gint64       document,
                               GPtrArray   *spans,
                               gint64      *rowids,
                               GError     **error)
{
  for (guint first = 0; first < spans->len; first += ROWS_AT_ONCE)
    {
      guint n = MIN (ROWS_AT_ONCE, spans->len - first);
      g_autoptr(GHashTable) made = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      GlossDbStmt *stmt = _gloss_store_prepare (self, insert_rows_sql (n), error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      for (guint i = 0; i < n; i++)
        {
          const GlossSpan *span = g_ptr_array_index (spans, first + i);
          const GlossLabel *label = gloss_store_lookup_label (self, span->label);
          int at = (int) i * 9;

          gloss_db_bind_int64 (stmt, at + 1, document);
          gloss_db_bind_text (stmt, at + 2, span->id);
          gloss_db_bind_int64 (stmt, at + 3, label->rowid);
          gloss_db_bind_int64 (stmt, at + 4, gloss_span_get_start (span));
          gloss_db_bind_int64 (stmt, at + 5, gloss_span_get_end (span));
          g_autofree char *fragments = gloss_span_fragments_to_string (span);
          gloss_db_bind_text (stmt, at + 6, fragments);
          gloss_db_bind_text (stmt, at + 7, span->attrs != NULL ? span->attrs : "{}");
          _gloss_store_bind_text_or_null (stmt, at + 8, span->note);
          _gloss_store_bind_text_or_null (stmt, at + 9, span->origin);
        }
      while ((rc = gloss_db_step (stmt)) == GLOSS_DB_ROW)
        {
          gint64 rowid = gloss_db_column_int64 (stmt, 0);

          g_hash_table_insert (made, _gloss_store_column_dup (stmt, 1), g_memdup2 (&rowid, sizeof rowid));
        }
      if (!_gloss_store_rows_done (self, stmt, rc, error))
        return FALSE;
      for (guint i = 0; i < n; i++)
        {
          const GlossSpan *span = g_ptr_array_index (spans, first + i);
          gint64 *rowid = g_hash_table_lookup (made, span->id);

          rowids[first + i] = rowid != NULL ? *rowid : -1;
        }
    }
  return TRUE;
}

gint64
_gloss_store_lookup_rowid (GlossStore  *self,
                           const char  *sql,
                           gint64       document,
                           const char  *uid)
{
  GlossDbStmt *stmt = _gloss_store_prepare (self, sql, NULL);
  gint64 rowid = -1;

  if (stmt == NULL || uid == NULL)
    return -1;
  gloss_db_bind_int64 (stmt, 1, document);
  gloss_db_bind_text (stmt, 2, uid);
  if (gloss_db_step (stmt) == GLOSS_DB_ROW)
    rowid = gloss_db_column_int64 (stmt, 0);
  gloss_db_reset (stmt);
  return rowid;
}

static const char *span_uid_sql =
  "SELECT id FROM annotations WHERE document_id = ? AND uid = ? AND annotator_id = " GLOSS_STORE_CURRENT_SET;

/* The next free "<prefix><n>" in @document, counting from the number of rows. */
char *
_gloss_store_mint_uid (GlossStore  *self,
                       const char  *uid_sql,
                       const char  *count_sql,
                       const char  *prefix,
                       gint64       document)
{
  GlossDbStmt *stmt = _gloss_store_prepare (self, count_sql, NULL);
  gint64 n = 0;

  if (stmt != NULL)
    {
      gloss_db_bind_int64 (stmt, 1, document);
      if (gloss_db_step (stmt) == GLOSS_DB_ROW)
        n = gloss_db_column_int64 (stmt, 0);
      gloss_db_reset (stmt);
    }

  for (;;)
    {
      g_autofree char *uid = g_strdup_printf ("%s%" G_GINT64_FORMAT, prefix, ++n);

      if (_gloss_store_lookup_rowid (self, uid_sql, document, uid) < 0)
        return g_steal_pointer (&uid);
    }
}

/* ---- Reading spans ----------------------------------------------------------------- */

GlossSpan *
_gloss_store_span_from_row (GlossStore    *self,
               GlossDbStmt  *stmt,
               gint64         document,
               GError       **error)
{
  gint64 label_rowid = gloss_db_column_int64 (stmt, 2);
  const GlossLabel *label = g_hash_table_lookup (self->labels_by_rowid, &label_rowid);
  g_autoptr(GlossSpan) span = NULL;

  if (!_gloss_store_row_complete (self, stmt,
                                  GLOSS_STORE_COLUMN (1) | GLOSS_STORE_COLUMN (3) | GLOSS_STORE_COLUMN (4),
                                  error))
    return NULL;

  span = gloss_span_new (label != NULL ? label->name : "?", 0, 0);
  span->rowid = gloss_db_column_int64 (stmt, 0);
  span->document = document;
  span->id = _gloss_store_column_dup (stmt, 1);
  if (!gloss_span_set_fragments_from_string (span, gloss_db_column_text (stmt, 3)))
    {
      g_autofree char *what = g_strdup_printf (_("span “%s” has fragments that cannot be read"),
                                               span->id);

      _gloss_store_set_damaged (self, what, error);
      return NULL;
    }
  g_free (span->attrs);
  span->attrs = _gloss_store_column_dup (stmt, 4);
  span->annotator = _gloss_store_column_dup (stmt, 5);
  span->note = _gloss_store_column_dup (stmt, 6);
  span->origin = _gloss_store_column_dup (stmt, 7);
  return g_steal_pointer (&span);
}

/* Steps @stmt, prepared from GLOSS_STORE_SPANS_SQL and bound, to its end. */
GPtrArray *
_gloss_store_read_spans (GlossStore    *self,
                         GlossDbStmt  *stmt,
                         gint64         document,
                         GError       **error)
{
  g_autoptr(GPtrArray) spans = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_span_free);
  int rc;

  while ((rc = gloss_db_step (stmt)) == GLOSS_DB_ROW)
    {
      GlossSpan *span = _gloss_store_span_from_row (self, stmt, document, error);

      if (span == NULL)
        {
          gloss_db_reset (stmt);
          return NULL;
        }
      g_ptr_array_add (spans, span);
    }
  if (!_gloss_store_rows_done (self, stmt, rc, error))
    return NULL;
  /* Sorted here rather than by SQLite: "the longer first" (end descending)
   * would make every query run a sorter, and exports run one per document. */
  g_ptr_array_sort (spans, gloss_span_compare);
  return g_steal_pointer (&spans);
}

/**
 * gloss_store_list_spans:
 *
 * Returns: (transfer container) (element-type GlossSpan): the document's spans
 *   in reading order (by start, the longer first)
 */
GPtrArray *
gloss_store_list_spans (GlossStore  *self,
                        gint64       document,
                        GError     **error)
{
  GlossDbStmt *stmt;

  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);

  if (self->read_ahead != NULL)
    {
      gboolean read = FALSE;
      GPtrArray *spans = _gloss_store_read_ahead_take (self, FALSE, document, &read, error);

      if (read)
        return spans;
    }
  stmt = _gloss_store_prepare (self, GLOSS_STORE_SPANS_SQL GLOSS_STORE_CURRENT_SET, error);
  if (stmt == NULL)
    return NULL;
  gloss_db_bind_int64 (stmt, 1, document);
  return _gloss_store_read_spans (self, stmt, document, error);
}

/* ---- Span mutations: each one transaction and one undo step ------------------------ */

gint
_gloss_store_document_length (GlossStore  *self,
                              gint64       document,
                              GError     **error)
{
  GlossDbStmt *stmt = _gloss_store_prepare (self, "SELECT length FROM documents WHERE id = ?", error);
  gint length = -1;

  if (stmt == NULL)
    return -1;
  gloss_db_bind_int64 (stmt, 1, document);
  if (gloss_db_step (stmt) == GLOSS_DB_ROW)
    length = gloss_db_column_int (stmt, 0);
  gloss_db_reset (stmt);

  if (length < 0)
    {
      g_autofree char *what = g_strdup_printf ("#%" G_GINT64_FORMAT, document);

      _gloss_store_set_not_found (error, _("document"), what);
    }
  return length;
}

/**
 * gloss_store_add_span:
 * @span: the label, fragments and optionally id, attributes and note; the
 *   annotator is the store's unless the span names one
 *
 * Returns: (transfer full): the stored span, with its id
 */
GlossSpan *
gloss_store_add_span (GlossStore       *self,
                      gint64            document,
                      const GlossSpan  *span,
                      GError          **error)
{
  g_autoptr(GlossSpan) stored = NULL;
  g_autofree char *description = NULL;
  gint64 rowid;
  gint length;

  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);
  g_return_val_if_fail (span != NULL, NULL);

  length = _gloss_store_document_length (self, document, error);
  if (length < 0 || !_gloss_store_check_span (self, span, length, error))
    return NULL;

  description = g_strdup_printf (_("Add %s"), span->label);
  if (!_gloss_store_begin_mutation (self, description, document, error))
    return NULL;

  stored = gloss_span_new (span->label, 0, 0);
  g_array_append_vals (stored->fragments, span->fragments->data, span->fragments->len);
  g_free (stored->attrs);
  stored->attrs = g_strdup (span->attrs != NULL ? span->attrs : "{}");
  stored->note = g_strdup (span->note);
  stored->origin = g_strdup (span->origin);
  stored->annotator = gloss_store_get_set (self);
  stored->document = document;

  if (span->id != NULL && _gloss_store_lookup_rowid (self, span_uid_sql, document, span->id) >= 0)
    {
      g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_DUPLICATE,
                   _("span id %s is already taken"), span->id);
      _gloss_store_end_mutation (self, FALSE, NULL);
      return NULL;
    }
  stored->id = span->id != NULL
               ? g_strdup (span->id)
               : _gloss_store_mint_uid (self, span_uid_sql,
                                        "SELECT count(*) FROM annotations WHERE document_id = ? "
                                        "AND annotator_id = " GLOSS_STORE_CURRENT_SET,
                                        "s", document);

  rowid = _gloss_store_insert_span_row (self, document, stored, error);
  if (rowid < 0)
    {
      _gloss_store_end_mutation (self, FALSE, NULL);
      return NULL;
    }
  stored->rowid = rowid;
  _gloss_store_track_row (self, &_gloss_store_table_annotations, rowid, FALSE);

  if (!_gloss_store_end_mutation (self, _gloss_store_mark_in_progress (self, document, error), error))
    return NULL;
  return g_steal_pointer (&stored);
}

gint64
_gloss_store_require_span (GlossStore  *self,
                           gint64       document,
                           const char  *span_id,
                           GError     **error)
{
  gint64 rowid = _gloss_store_lookup_rowid (self, span_uid_sql, document, span_id);

  if (rowid < 0)
    _gloss_store_set_not_found (error, _("span"), span_id);
  return rowid;
}

gboolean
_gloss_store_track_rows_of (GlossStore       *self,
                            const char       *sql,
                            gint64            rowid,
                            const TableInfo  *table,
                            GError          **error)
{
  GlossDbStmt *stmt = _gloss_store_prepare (self, sql, error);
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (stmt == NULL)
    return FALSE;
  gloss_db_bind_int64 (stmt, 1, rowid);
  while (gloss_db_step (stmt) == GLOSS_DB_ROW)
    {
      gint64 id = gloss_db_column_int64 (stmt, 0);

      g_array_append_val (rows, id);
    }
  gloss_db_reset (stmt);

  for (guint i = 0; i < rows->len; i++)
    _gloss_store_track_row (self, table, g_array_index (rows, gint64, i), TRUE);
  return TRUE;
}

/* Rows that the database would delete by cascade are deleted by hand first, so
 * that the undo step knows them and can bring them back. */

/* An entity whose only mention goes, goes too: an entity of no mentions
 * would be exported as a name pointing at nothing. */
static gboolean
delete_orphans (GlossStore  *self,
                GArray      *entities,
                GError     **error)
{
  for (guint i = 0; i < entities->len; i++)
    {
      gint64 entity = g_array_index (entities, gint64, i);
      GlossDbStmt *stmt;

      _gloss_store_track_row (self, &_gloss_store_table_entities, entity, TRUE);
      stmt = _gloss_store_prepare (self, "DELETE FROM entities WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      gloss_db_bind_int64 (stmt, 1, entity);
      if (!_gloss_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
_gloss_store_delete_span_row (GlossStore  *self,
                              gint64       rowid,
                              GError     **error)
{
  g_autoptr(GArray) orphans = NULL;
  GlossDbStmt *stmt;

  if (!_gloss_store_track_rows_of (self, "SELECT id FROM relations WHERE from_id = ?1 OR to_id = ?1", rowid,
                                   &_gloss_store_table_relations, error)
      || !_gloss_store_track_rows_of (self, "SELECT id FROM entity_mentions WHERE annotation_id = ?", rowid,
                                      &_gloss_store_table_entity_mentions, error))
    return FALSE;
  _gloss_store_track_row (self, &_gloss_store_table_annotations, rowid, TRUE);

  stmt = _gloss_store_prepare (self,
                               "DELETE FROM relations WHERE from_id = ?1 OR to_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  gloss_db_bind_int64 (stmt, 1, rowid);
  if (!_gloss_store_step_done (self, stmt, error))
    return FALSE;

  orphans = _gloss_store_rowids_of (self, "SELECT m.entity_id FROM entity_mentions m WHERE m.annotation_id = ?1 "
                                          "AND (SELECT count(*) FROM entity_mentions o "
                                          "WHERE o.entity_id = m.entity_id) = 1",
                                    rowid);
  stmt = _gloss_store_prepare (self, "DELETE FROM entity_mentions WHERE annotation_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  gloss_db_bind_int64 (stmt, 1, rowid);
  if (!_gloss_store_step_done (self, stmt, error) || !delete_orphans (self, orphans, error))
    return FALSE;

  stmt = _gloss_store_prepare (self, "DELETE FROM annotations WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  gloss_db_bind_int64 (stmt, 1, rowid);
  return _gloss_store_step_done (self, stmt, error);
}

gboolean
gloss_store_delete_span (GlossStore  *self,
                         gint64       document,
                         const char  *span_id,
                         GError     **error)
{
  gint64 rowid;

  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);
  g_return_val_if_fail (span_id != NULL, FALSE);

  if ((rowid = _gloss_store_require_span (self, document, span_id, error)) < 0
      || !_gloss_store_begin_mutation (self, _("Delete annotation"), document, error))
    return FALSE;

  return _gloss_store_end_mutation (self, _gloss_store_delete_span_row (self, rowid, error), error);
}

static gboolean
update_span (GlossStore   *self,
             const char   *description,
             const char   *sql,
             gint64        document,
             const char   *span_id,
             const char   *text_value,
             gint64        int_value,
             GError      **error)
{
  GlossDbStmt *stmt;
  gint64 rowid;
  gboolean ok;

  if ((rowid = _gloss_store_require_span (self, document, span_id, error)) < 0
      || !_gloss_store_begin_mutation (self, description, document, error))
    return FALSE;

  _gloss_store_track_row (self, &_gloss_store_table_annotations, rowid, TRUE);
  stmt = _gloss_store_prepare (self, sql, error);
  ok = stmt != NULL;
  if (ok)
    {
      if (text_value != NULL)
        gloss_db_bind_text (stmt, 1, text_value);
      else if (int_value >= 0)
        gloss_db_bind_int64 (stmt, 1, int_value);
      gloss_db_bind_int64 (stmt, 2, rowid);
      ok = _gloss_store_step_done (self, stmt, error);
    }
  return _gloss_store_end_mutation (self, ok, error);
}

gboolean
gloss_store_set_span_label (GlossStore  *self,
                            gint64       document,
                            const char  *span_id,
                            const char  *label_name,
                            GError     **error)
{
  const GlossLabel *label;
  g_autofree char *description = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);
  g_return_val_if_fail (span_id != NULL, FALSE);

  label = gloss_store_lookup_label (self, label_name);
  if (label == NULL)
    return _gloss_store_set_not_found (error, _("label"), label_name ? label_name : "");

  description = g_strdup_printf (_("Relabel as %s"), label->name);
  if (update_span (self, description, "UPDATE annotations SET label_id = ?1 WHERE id = ?2",
                   document, span_id, NULL, label->rowid, &local_error))
    return TRUE;

  if (g_error_matches (local_error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_DUPLICATE))
    g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_DUPLICATE,
                 _("a %s span with the same offsets is already there"), label->name);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

gboolean
gloss_store_set_span_note (GlossStore  *self,
                           gint64       document,
                           const char  *span_id,
                           const char  *note,
                           GError     **error)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);
  g_return_val_if_fail (span_id != NULL, FALSE);

  if (note != NULL && *note == '\0')
    note = NULL;
  return update_span (self, _("Edit note"), "UPDATE annotations SET note = ?1 WHERE id = ?2",
                      document, span_id, note, -1, error);
}

static char *
span_attrs (GlossStore *self,
            gint64      rowid,
            gint64     *label_rowid)
{
  GlossDbStmt *stmt = _gloss_store_prepare (self, "SELECT attrs, label_id FROM annotations WHERE id = ?",
                                             NULL);
  char *attrs = NULL;

  if (stmt == NULL)
    return NULL;
  gloss_db_bind_int64 (stmt, 1, rowid);
  if (gloss_db_step (stmt) == GLOSS_DB_ROW)
    {
      attrs = _gloss_store_column_dup (stmt, 0);
      *label_rowid = gloss_db_column_int64 (stmt, 1);
    }
  gloss_db_reset (stmt);
  return attrs;
}

static gboolean
check_attribute_value (const GlossLabel  *label,
                       const char        *name,
                       JsonNode          *value,
                       GError           **error)
{
  const GlossAttributeDef *def = label ? gloss_label_find_attribute (label, name) : NULL;
  GType type = value != NULL && JSON_NODE_HOLDS_VALUE (value) ? json_node_get_value_type (value) : 0;

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return TRUE;
  if (def == NULL)
    {
      if (type == G_TYPE_STRING || type == G_TYPE_BOOLEAN)
        return TRUE;
    }
  else if (def->type == GLOSS_ATTRIBUTE_BOOLEAN && type == G_TYPE_BOOLEAN)
    return TRUE;
  else if (def->type == GLOSS_ATTRIBUTE_TEXT && type == G_TYPE_STRING)
    return TRUE;
  else if (def->type == GLOSS_ATTRIBUTE_ENUM && type == G_TYPE_STRING
           && def->values != NULL
           && g_strv_contains ((const char * const *) def->values, json_node_get_string (value)))
    return TRUE;

  g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID,
               _("“%s” is not a valid value of attribute %s"),
               type == G_TYPE_STRING ? json_node_get_string (value) : "?", name);
  return FALSE;
}

/**
 * gloss_store_set_span_attribute:
 * @json_value: (nullable): the value as JSON ("\"direct\"", "true"); %NULL
 *   removes the attribute
 *
 * Sets one attribute, checked against the label's attribute definition: an enum
 * takes one of its values, a boolean true or false, a text a string.
 */
gboolean
gloss_store_set_span_attribute (GlossStore  *self,
                                gint64       document,
                                const char  *span_id,
                                const char  *name,
                                const char  *json_value,
                                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonNode) value = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *attrs = NULL;
  g_autofree char *updated = NULL;
  g_autofree char *description = NULL;
  JsonObject *object;
  gint64 rowid, label_rowid = 0;

  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);
  g_return_val_if_fail (span_id != NULL && name != NULL, FALSE);

  if ((rowid = _gloss_store_require_span (self, document, span_id, error)) < 0)
    return FALSE;

  if (json_value != NULL)
    {
      if (!json_parser_load_from_data (parser, json_value, -1, error))
        return FALSE;
      value = json_node_copy (json_parser_get_root (parser));
      if (JSON_NODE_HOLDS_NULL (value))
        g_clear_pointer (&value, json_node_unref);
    }

  attrs = span_attrs (self, rowid, &label_rowid);
  if (!check_attribute_value (g_hash_table_lookup (self->labels_by_rowid, &label_rowid), name, value, error))
    return FALSE;

  root = json_from_string (attrs != NULL ? attrs : "{}", NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    root = json_node_init_object (json_node_alloc (), json_object_new ());
  object = json_node_get_object (root);
  if (value != NULL)
    json_object_set_member (object, name, g_steal_pointer (&value));
  else
    json_object_remove_member (object, name);
  updated = json_to_string (root, FALSE);

  description = g_strdup_printf (_("Set %s"), name);
  return update_span (self, description, "UPDATE annotations SET attrs = ?1 WHERE id = ?2",
                      document, span_id, updated, -1, error);
}

/**
 * gloss_store_add_fragment:
 *
 * Makes a span discontinuous: a quote interrupted by "he said" is one QUOTE
 * with two fragments. The new fragment may not overlap the span's others.
 */
gboolean
gloss_store_add_fragment (GlossStore  *self,
                          gint64       document,
                          const char  *span_id,
                          gint         start,
                          gint         end,
                          GError     **error)
{
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GlossSpan) changed = NULL;
  g_autofree char *fragments = NULL;
  const GlossSpan *span = NULL;
  GlossDbStmt *stmt;
  gint64 rowid;
  gint length;
  gboolean ok;

  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);
  g_return_val_if_fail (span_id != NULL, FALSE);

  if ((rowid = _gloss_store_require_span (self, document, span_id, error)) < 0
      || (length = _gloss_store_document_length (self, document, error)) < 0
      || (spans = gloss_store_list_spans (self, document, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < spans->len && span == NULL; i++)
    if (g_str_equal (((GlossSpan *) g_ptr_array_index (spans, i))->id, span_id))
      span = g_ptr_array_index (spans, i);

  changed = gloss_span_new (span->label, 0, 0);
  g_array_append_vals (changed->fragments, span->fragments->data, span->fragments->len);
  gloss_span_add_fragment (changed, start, end);
  if (!_gloss_store_check_span (self, changed, length, error))
    return FALSE;
  fragments = gloss_span_fragments_to_string (changed);

  if (!_gloss_store_begin_mutation (self, _("Add fragment"), document, error))
    return FALSE;
  _gloss_store_track_row (self, &_gloss_store_table_annotations, rowid, TRUE);
  stmt = _gloss_store_prepare (self, "UPDATE annotations SET fragments = ?1, start = ?2, end = ?3 "
                                     "WHERE id = ?4", error);
  ok = stmt != NULL;
  if (ok)
    {
      gloss_db_bind_text (stmt, 1, fragments);
      gloss_db_bind_int64 (stmt, 2, gloss_span_get_start (changed));
      gloss_db_bind_int64 (stmt, 3, gloss_span_get_end (changed));
      gloss_db_bind_int64 (stmt, 4, rowid);
      ok = _gloss_store_step_done (self, stmt, error);
    }
  return _gloss_store_end_mutation (self, ok, error);
}
