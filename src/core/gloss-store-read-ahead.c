/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading ahead while a pass goes over every document (an export, a merge's
 * source): on a server each query is a round trip, so the spans and relations
 * of the next READ_AHEAD documents are read in two queries instead of two per
 * document, and handed out as each document is asked for. Only inside the
 * read transaction of gloss_store_foreach_document (), so nothing changes under
 * it; any write of the store drops what was read. */
#define G_LOG_DOMAIN "gloss-store"

#include "config.h"

#include "gloss-store-private.h"

#define READ_AHEAD 256

struct _GlossReadAhead
{
  char       *set;          /* the set the rows belong to */
  gint64      first;        /* the documents read: first…last by row id */
  gint64      last;
  GHashTable *spans;        /* document → GPtrArray, or NULL once handed out */
  GHashTable *relations;
};

static const char *spans_sql =
  "SELECT a.id, a.uid, a.label_id, a.fragments, a.attrs, n.name, a.note, a.origin, a.document_id "
  "FROM annotations a LEFT JOIN annotators n ON n.id = a.annotator_id "
  "WHERE a.document_id BETWEEN ?1 AND ?2 AND a.annotator_id = " GLOSS_STORE_CURRENT_SET;

static const char *relations_sql =
  "SELECT r.id, r.uid, r.type, f.uid, t.uid, r.attrs, r.note, r.document_id "
  "FROM relations r JOIN annotations f ON f.id = r.from_id "
  "JOIN annotations t ON t.id = r.to_id "
  "WHERE r.document_id BETWEEN ?1 AND ?2 AND r.annotator_id = " GLOSS_STORE_CURRENT_SET " "
  "ORDER BY r.id";

static void
free_array (gpointer array)
{
  if (array != NULL)
    g_ptr_array_unref (array);
}

static void
clear_window (GlossReadAhead *ahead)
{
  g_clear_pointer (&ahead->set, g_free);
  g_hash_table_remove_all (ahead->spans);
  g_hash_table_remove_all (ahead->relations);
  ahead->first = ahead->last = 0;
}

/**
 * _gloss_store_read_ahead_begin:
 *
 * Reads ahead from now until _gloss_store_read_ahead_end (); on a server only,
 * where a query costs a round trip.
 *
 * Returns: whether this call began it (a pass inside another does not)
 */
gboolean
_gloss_store_read_ahead_begin (GlossStore *self)
{
  GlossReadAhead *ahead;

  if (self->read_ahead != NULL || gloss_db_get_engine (self->db) != GLOSS_DB_POSTGRESQL)
    return FALSE;
  ahead = g_new0 (GlossReadAhead, 1);
  ahead->spans = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, free_array);
  ahead->relations = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, free_array);
  self->read_ahead = ahead;
  return TRUE;
}

void
_gloss_store_read_ahead_end (GlossStore *self)
{
  GlossReadAhead *ahead = g_steal_pointer (&self->read_ahead);

  if (ahead == NULL)
    return;
  clear_window (ahead);
  g_hash_table_unref (ahead->spans);
  g_hash_table_unref (ahead->relations);
  g_free (ahead);
}

/* A write of the store: what was read may be stale. */
void
_gloss_store_read_ahead_forget (GlossStore *self)
{
  if (self->read_ahead != NULL)
    clear_window (self->read_ahead);
}

static GPtrArray *
array_of (GHashTable     *table,
          gint64          document,
          GDestroyNotify  free_func)
{
  GPtrArray *array = g_hash_table_lookup (table, &document);

  if (array == NULL)
    {
      array = g_ptr_array_new_with_free_func (free_func);
      g_hash_table_insert (table, g_memdup2 (&document, sizeof document), array);
    }
  return array;
}

static gboolean
read_window (GlossStore  *self,
             gint64       first,
             GError     **error)
{
  GlossReadAhead *ahead = self->read_ahead;
  gint64 last = first + READ_AHEAD - 1;
  GlossDbStmt *stmt;
  int rc;

  clear_window (ahead);

  stmt = _gloss_store_prepare (self, spans_sql, error);
  if (stmt == NULL)
    return FALSE;
  gloss_db_bind_int64 (stmt, 1, first);
  gloss_db_bind_int64 (stmt, 2, last);
  while ((rc = gloss_db_step (stmt)) == GLOSS_DB_ROW)
    {
      gint64 document = gloss_db_column_int64 (stmt, 8);
      GlossSpan *span = _gloss_store_span_from_row (self, stmt, document, error);

      if (span == NULL)
        {
          gloss_db_reset (stmt);
          clear_window (ahead);
          return FALSE;
        }
      g_ptr_array_add (array_of (ahead->spans, document, (GDestroyNotify) gloss_span_free), span);
    }
  if (!_gloss_store_rows_done (self, stmt, rc, error))
    {
      clear_window (ahead);
      return FALSE;
    }

  stmt = _gloss_store_prepare (self, relations_sql, error);
  if (stmt == NULL)
    return FALSE;
  gloss_db_bind_int64 (stmt, 1, first);
  gloss_db_bind_int64 (stmt, 2, last);
  while ((rc = gloss_db_step (stmt)) == GLOSS_DB_ROW)
    {
      gint64 document = gloss_db_column_int64 (stmt, 7);
      GlossRelation *relation = _gloss_store_relation_from_row (self, stmt, document, error);

      if (relation == NULL)
        {
          gloss_db_reset (stmt);
          clear_window (ahead);
          return FALSE;
        }
      g_ptr_array_add (array_of (ahead->relations, document, (GDestroyNotify) gloss_relation_free),
                       relation);
    }
  if (!_gloss_store_rows_done (self, stmt, rc, error))
    {
      clear_window (ahead);
      return FALSE;
    }

  ahead->set = g_strdup (self->current_set);
  ahead->first = first;
  ahead->last = last;
  return TRUE;
}

/**
 * _gloss_store_read_ahead_take:
 * @relations: the relations of @document rather than its spans
 * @read: (out): whether the result comes from reading ahead; when %FALSE, the
 *   caller queries the document itself
 *
 * Returns: (transfer container): the document's spans (in reading order) or
 *   relations, as gloss_store_list_spans () and _relations () give them
 */
GPtrArray *
_gloss_store_read_ahead_take (GlossStore  *self,
                              gboolean     relations,
                              gint64       document,
                              gboolean    *read,
                              GError     **error)
{
  GlossReadAhead *ahead = self->read_ahead;
  GHashTable *table;
  gpointer key = NULL, value = NULL;
  GPtrArray *array;

  *read = FALSE;
  /* the set's name is known unless a rollback made the store forget it */
  if (self->current_set == NULL || document <= 0)
    return NULL;
  if (g_strcmp0 (ahead->set, self->current_set) != 0 || document < ahead->first
      || document > ahead->last)
    {
      if (!read_window (self, document, error))
        {
          *read = TRUE;
          return NULL;
        }
    }

  table = relations ? ahead->relations : ahead->spans;
  if (g_hash_table_lookup_extended (table, &document, &key, &value) && value == NULL)
    return NULL;   /* handed out already: asked again, the caller reads it */

  *read = TRUE;
  if (value != NULL)
    {
      g_hash_table_steal (table, &document);
      array = value;
      g_free (key);
    }
  else
    array = g_ptr_array_new_with_free_func (relations ? (GDestroyNotify) gloss_relation_free
                                                      : (GDestroyNotify) gloss_span_free);
  g_hash_table_insert (table, g_memdup2 (&document, sizeof document), NULL);
  if (!relations)
    g_ptr_array_sort (array, gloss_span_compare);
  return array;
}
