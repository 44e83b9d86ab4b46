/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading one named annotator set without choosing it.
 *
 * gloss_store_set_annotator () chooses the set every later call works in, by
 * writing its name to a temporary table; reading every set of every document
 * that way (agree, merge) writes that table twice per set per document. These
 * read a set named in the call instead, with the name bound as a parameter of
 * statements prepared once. */
#define G_LOG_DOMAIN "gloss-store"

#include "config.h"

#include "gloss-store-private.h"

#define NAMED_SET "(SELECT id FROM annotators WHERE name = ?2)"

static sqlite3_stmt *
prepare_for_set (GlossStore  *self,
                 const char  *sql,
                 gint64       document,
                 const char  *set,
                 GError     **error)
{
  sqlite3_stmt *stmt = _gloss_store_prepare (self, sql, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document);
  sqlite3_bind_text (stmt, 2, set, -1, SQLITE_TRANSIENT);
  return stmt;
}

/**
 * gloss_store_get_set_status:
 * @document: a document's row id
 * @set: an annotator's name, or "gold"
 * @modified: (out) (optional): when the set's status of @document last
 *   changed (unix seconds), 0 when the set has none
 *
 * Returns: @document's status in @set, as gloss_store_get_document_info ()
 *   gives it in the set chosen: %GLOSS_STATUS_NEW when the set has none
 */
GlossStatus
gloss_store_get_set_status (GlossStore *self,
                            gint64      document,
                            const char *set,
                            gint64     *modified)
{
  GlossStatus status = GLOSS_STATUS_NEW;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (GLOSS_IS_STORE (self), GLOSS_STATUS_NEW);
  g_return_val_if_fail (set != NULL, GLOSS_STATUS_NEW);

  if (modified != NULL)
    *modified = 0;
  stmt = prepare_for_set (self, "SELECT status, modified FROM document_sets WHERE document_id = ?1 "
                                "AND annotator_id = " NAMED_SET, document, set, NULL);
  if (stmt == NULL)
    return GLOSS_STATUS_NEW;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gloss_status_from_string ((const char *) sqlite3_column_text (stmt, 0), &status);
      if (modified != NULL)
        *modified = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  return status;
}

/**
 * gloss_store_list_set_spans:
 * @set: an annotator's name, or "gold"
 *
 * Returns: (transfer container) (element-type GlossSpan): @document's spans in
 *   @set, as gloss_store_list_spans () gives them in the set chosen
 */
GPtrArray *
gloss_store_list_set_spans (GlossStore  *self,
                            gint64       document,
                            const char  *set,
                            GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);
  g_return_val_if_fail (set != NULL, NULL);

  stmt = prepare_for_set (self, GLOSS_STORE_SPANS_SQL NAMED_SET, document, set, error);
  return stmt != NULL ? _gloss_store_read_spans (self, stmt, document, error) : NULL;
}

/**
 * gloss_store_list_set_relations:
 * @set: an annotator's name, or "gold"
 *
 * Returns: (transfer container) (element-type GlossRelation): @document's
 *   relations in @set, as gloss_store_list_relations () gives them
 */
GPtrArray *
gloss_store_list_set_relations (GlossStore  *self,
                                gint64       document,
                                const char  *set,
                                GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);
  g_return_val_if_fail (set != NULL, NULL);

  stmt = prepare_for_set (self, GLOSS_STORE_RELATIONS_SQL NAMED_SET GLOSS_STORE_RELATIONS_ORDER, document,
                          set, error);
  return stmt != NULL ? _gloss_store_read_relations (self, stmt, document, error) : NULL;
}

/**
 * gloss_store_list_set_entities:
 * @set: an annotator's name, or "gold"
 *
 * Returns: (transfer container) (element-type GlossEntity): @document's
 *   entities in @set with their mentions, as gloss_store_list_entities ()
 *   gives them
 */
GPtrArray *
gloss_store_list_set_entities (GlossStore  *self,
                               gint64       document,
                               const char  *set,
                               GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);
  g_return_val_if_fail (set != NULL, NULL);

  stmt = prepare_for_set (self, GLOSS_STORE_ENTITIES_SQL NAMED_SET GLOSS_STORE_ENTITIES_ORDER, document, set,
                          error);
  return stmt != NULL ? _gloss_store_read_entities (self, stmt, document, error) : NULL;
}
