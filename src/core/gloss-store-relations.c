/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Relations and entities: their rows, reading them, and their mutations. */
#define G_LOG_DOMAIN "gloss-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gloss-store-private.h"

/* ---- Relation, entity and mention rows ---------------------------------------------- */

static const char *relation_uid_sql =
  "SELECT id FROM relations WHERE document_id = ? AND uid = ? AND annotator_id = " GLOSS_STORE_CURRENT_SET;
static const char *entity_uid_sql =
  "SELECT id FROM entities WHERE document_id = ? AND uid = ? AND annotator_id = " GLOSS_STORE_CURRENT_SET;

gint64
_gloss_store_insert_relation_row (GlossStore           *self,
                                  gint64                document,
                                  const GlossRelation  *relation,
                                  gint64                from,
                                  gint64                to,
                                  GError              **error)
{
  GlossDbStmt *stmt;

  if (!g_hash_table_contains (self->relation_types, relation->type))
    {
      stmt = _gloss_store_prepare (self,
                                   "INSERT INTO relation_types (name) VALUES (?) "
                                   "ON CONFLICT (name) DO NOTHING", error);
      if (stmt == NULL)
        return -1;
      gloss_db_bind_text (stmt, 1, relation->type);
      if (!_gloss_store_step_done (self, stmt, error))
        return -1;
      g_hash_table_add (self->relation_types, g_strdup (relation->type));
    }

  stmt = _gloss_store_prepare (self,
                               "INSERT INTO relations (document_id, uid, type, from_id, to_id, attrs, "
                               "note, annotator_id) VALUES (?, ?, ?, ?, ?, ?, ?, " GLOSS_STORE_CURRENT_SET ")",
                               error);
  if (stmt == NULL)
    return -1;
  gloss_db_bind_int64 (stmt, 1, document);
  gloss_db_bind_text (stmt, 2, relation->id);
  gloss_db_bind_text (stmt, 3, relation->type);
  gloss_db_bind_int64 (stmt, 4, from);
  gloss_db_bind_int64 (stmt, 5, to);
  gloss_db_bind_text (stmt, 6, relation->attrs != NULL ? relation->attrs : "{}");
  _gloss_store_bind_text_or_null (stmt, 7, relation->note);
  if (!_gloss_store_step_done (self, stmt, error))
    return -1;
  return gloss_db_last_insert_rowid (self->db);
}

gint64
_gloss_store_insert_entity_row (GlossStore         *self,
                                gint64              document,
                                const GlossEntity  *entity,
                                GError            **error)
{
  GlossDbStmt *stmt;

  stmt = _gloss_store_prepare (self,
                               "INSERT INTO entities (document_id, uid, name, type, kb_id, annotator_id) "
                               "VALUES (?, ?, ?, ?, ?, " GLOSS_STORE_CURRENT_SET ")", error);
  if (stmt == NULL)
    return -1;
  gloss_db_bind_int64 (stmt, 1, document);
  gloss_db_bind_text (stmt, 2, entity->id);
  gloss_db_bind_text (stmt, 3, entity->name != NULL ? entity->name : "");
  _gloss_store_bind_text_or_null (stmt, 4, entity->type);
  _gloss_store_bind_text_or_null (stmt, 5, entity->kb_id);
  if (!_gloss_store_step_done (self, stmt, error))
    return -1;
  return gloss_db_last_insert_rowid (self->db);
}

gint64
_gloss_store_insert_mention_row (GlossStore  *self,
                                 gint64       entity,
                                 gint64       span,
                                 GError     **error)
{
  GlossDbStmt *stmt;

  stmt = _gloss_store_prepare (self,
                               "INSERT INTO entity_mentions (entity_id, annotation_id) VALUES (?, ?) "
                               "ON CONFLICT DO NOTHING", error);
  if (stmt == NULL)
    return -1;
  gloss_db_bind_int64 (stmt, 1, entity);
  gloss_db_bind_int64 (stmt, 2, span);
  if (!_gloss_store_step_done (self, stmt, error))
    return -1;
  return gloss_db_changes (self->db) > 0 ? gloss_db_last_insert_rowid (self->db) : 0;
}

/* ---- Reading relations and entities ------------------------------------------------ */

/* The relation in @stmt's row (GLOSS_STORE_RELATIONS_SQL's columns). */
GlossRelation *
_gloss_store_relation_from_row (GlossStore   *self,
                                GlossDbStmt  *stmt,
                                gint64        document,
                                GError      **error)
{
  GlossRelation *relation;

  if (!_gloss_store_row_complete (self, stmt,
                                  GLOSS_STORE_COLUMN (1) | GLOSS_STORE_COLUMN (2) | GLOSS_STORE_COLUMN (3)
                                  | GLOSS_STORE_COLUMN (4) | GLOSS_STORE_COLUMN (5),
                                  error))
    return NULL;
  relation = gloss_relation_new (gloss_db_column_text (stmt, 2),
                                 gloss_db_column_text (stmt, 3),
                                 gloss_db_column_text (stmt, 4));
  relation->rowid = gloss_db_column_int64 (stmt, 0);
  relation->document = document;
  relation->id = _gloss_store_column_dup (stmt, 1);
  g_free (relation->attrs);
  relation->attrs = _gloss_store_column_dup (stmt, 5);
  relation->note = _gloss_store_column_dup (stmt, 6);
  return relation;
}

/* Steps @stmt, prepared from GLOSS_STORE_RELATIONS_SQL and bound, to its end. */
GPtrArray *
_gloss_store_read_relations (GlossStore    *self,
                             GlossDbStmt  *stmt,
                             gint64         document,
                             GError       **error)
{
  g_autoptr(GPtrArray) relations = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_relation_free);
  int rc;

  while ((rc = gloss_db_step (stmt)) == GLOSS_DB_ROW)
    {
      GlossRelation *relation = _gloss_store_relation_from_row (self, stmt, document, error);

      if (relation == NULL)
        {
          gloss_db_reset (stmt);
          return NULL;
        }
      g_ptr_array_add (relations, relation);
    }
  if (!_gloss_store_rows_done (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&relations);
}

/**
 * gloss_store_list_relations:
 *
 * Returns: (transfer container) (element-type GlossRelation): the document's
 *   relations, in the order they were made
 */
GPtrArray *
gloss_store_list_relations (GlossStore  *self,
                            gint64       document,
                            GError     **error)
{
  GlossDbStmt *stmt;

  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);

  if (self->read_ahead != NULL)
    {
      gboolean read = FALSE;
      GPtrArray *relations = _gloss_store_read_ahead_take (self, TRUE, document, &read, error);

      if (read)
        return relations;
    }
  stmt = _gloss_store_prepare (self, GLOSS_STORE_RELATIONS_SQL GLOSS_STORE_CURRENT_SET GLOSS_STORE_RELATIONS_ORDER,
                               error);
  if (stmt == NULL)
    return NULL;
  gloss_db_bind_int64 (stmt, 1, document);
  return _gloss_store_read_relations (self, stmt, document, error);
}

/* Steps @stmt, prepared from GLOSS_STORE_ENTITIES_SQL and bound, to its end. */
GPtrArray *
_gloss_store_read_entities (GlossStore    *self,
                            GlossDbStmt  *stmt,
                            gint64         document,
                            GError       **error)
{
  g_autoptr(GPtrArray) entities = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_entity_free);
  GlossEntity *entity = NULL;
  int rc;

  while ((rc = gloss_db_step (stmt)) == GLOSS_DB_ROW)
    {
      gint64 rowid = gloss_db_column_int64 (stmt, 0);

      if (!_gloss_store_row_complete (self, stmt, GLOSS_STORE_COLUMN (1) | GLOSS_STORE_COLUMN (2), error))
        {
          gloss_db_reset (stmt);
          return NULL;
        }
      if (entity == NULL || entity->rowid != rowid)
        {
          entity = gloss_entity_new (gloss_db_column_text (stmt, 2));
          entity->rowid = rowid;
          entity->document = document;
          entity->id = _gloss_store_column_dup (stmt, 1);
          entity->type = _gloss_store_column_dup (stmt, 3);
          entity->kb_id = _gloss_store_column_dup (stmt, 4);
          g_ptr_array_add (entities, entity);
        }
      if (gloss_db_column_type (stmt, 5) != GLOSS_DB_NULL)
        g_ptr_array_add (entity->mentions, _gloss_store_column_dup (stmt, 5));
    }
  if (!_gloss_store_rows_done (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&entities);
}

/**
 * gloss_store_list_entities:
 *
 * Returns: (transfer container) (element-type GlossEntity): the document's
 *   entities with their mentions
 */
GPtrArray *
gloss_store_list_entities (GlossStore  *self,
                           gint64       document,
                           GError     **error)
{
  GlossDbStmt *stmt;

  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);

  stmt = _gloss_store_prepare (self,
                               GLOSS_STORE_ENTITIES_SQL GLOSS_STORE_CURRENT_SET GLOSS_STORE_ENTITIES_ORDER,
                               error);
  if (stmt == NULL)
    return NULL;
  gloss_db_bind_int64 (stmt, 1, document);
  return _gloss_store_read_entities (self, stmt, document, error);
}

/* ---- Mutations of relations and entities: each one transaction and one undo step -- */

/**
 * gloss_store_add_relation:
 * @relation: type, from_id and to_id (span ids), and optionally id, attrs, note
 *
 * Returns: (transfer full): the stored relation, with its id
 */
GlossRelation *
gloss_store_add_relation (GlossStore           *self,
                          gint64                document,
                          const GlossRelation  *relation,
                          GError              **error)
{
  g_autoptr(GlossRelation) stored = NULL;
  g_autofree char *description = NULL;
  gint64 from, to, rowid;

  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);
  g_return_val_if_fail (relation != NULL && relation->type != NULL, NULL);

  if ((from = _gloss_store_require_span (self, document, relation->from_id, error)) < 0
      || (to = _gloss_store_require_span (self, document, relation->to_id, error)) < 0)
    return NULL;

  description = g_strdup_printf (_("Link %s"), relation->type);
  if (!_gloss_store_begin_mutation (self, description, document, error))
    return NULL;

  stored = gloss_relation_new (relation->type, relation->from_id, relation->to_id);
  g_free (stored->attrs);
  stored->attrs = g_strdup (relation->attrs != NULL ? relation->attrs : "{}");
  stored->note = g_strdup (relation->note);
  stored->document = document;
  stored->id = relation->id != NULL
               ? g_strdup (relation->id)
               : _gloss_store_mint_uid (self, relation_uid_sql,
                                        "SELECT count(*) FROM relations WHERE document_id = ? "
                                        "AND annotator_id = " GLOSS_STORE_CURRENT_SET,
                                        "r", document);

  rowid = _gloss_store_insert_relation_row (self, document, stored, from, to, error);
  if (rowid < 0)
    {
      _gloss_store_end_mutation (self, FALSE, NULL);
      return NULL;
    }
  stored->rowid = rowid;
  _gloss_store_track_row (self, &_gloss_store_table_relations, rowid, FALSE);

  if (!_gloss_store_end_mutation (self, TRUE, error))
    return NULL;
  return g_steal_pointer (&stored);
}

gboolean
gloss_store_delete_relation (GlossStore  *self,
                             gint64       document,
                             const char  *relation_id,
                             GError     **error)
{
  GlossDbStmt *stmt;
  gint64 rowid;

  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);
  g_return_val_if_fail (relation_id != NULL, FALSE);

  rowid = _gloss_store_lookup_rowid (self, relation_uid_sql, document, relation_id);
  if (rowid < 0)
    return _gloss_store_set_not_found (error, _("relation"), relation_id);
  if (!_gloss_store_begin_mutation (self, _("Delete relation"), document, error))
    return FALSE;

  _gloss_store_track_row (self, &_gloss_store_table_relations, rowid, TRUE);
  stmt = _gloss_store_prepare (self, "DELETE FROM relations WHERE id = ?", error);
  if (stmt != NULL)
    gloss_db_bind_int64 (stmt, 1, rowid);
  return _gloss_store_end_mutation (self, stmt != NULL && _gloss_store_step_done (self, stmt, error), error);
}

/**
 * gloss_store_add_entity:
 * @entity: name, optional type and kb_id, and mentions (span ids)
 *
 * Returns: (transfer full): the stored entity, with its id
 */
GlossEntity *
gloss_store_add_entity (GlossStore         *self,
                        gint64              document,
                        const GlossEntity  *entity,
                        GError            **error)
{
  g_autoptr(GlossEntity) stored = NULL;
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 rowid;

  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);
  g_return_val_if_fail (entity != NULL, NULL);

  if (entity->kb_id != NULL && !gloss_store_check_kb_id (entity->kb_id, error))
    return NULL;
  for (guint i = 0; i < entity->mentions->len; i++)
    {
      gint64 span = _gloss_store_require_span (self, document, g_ptr_array_index (entity->mentions, i), error);

      if (span < 0)
        return NULL;
      g_array_append_val (spans, span);
    }

  if (!_gloss_store_begin_mutation (self, _("Group mentions"), document, error))
    return NULL;

  stored = gloss_entity_new (entity->name);
  stored->type = g_strdup (entity->type);
  stored->kb_id = g_strdup (entity->kb_id);
  stored->document = document;
  stored->id = entity->id != NULL
               ? g_strdup (entity->id)
               : _gloss_store_mint_uid (self, entity_uid_sql,
                                        "SELECT count(*) FROM entities WHERE document_id = ? "
                                        "AND annotator_id = " GLOSS_STORE_CURRENT_SET,
                                        "e", document);

  rowid = _gloss_store_insert_entity_row (self, document, stored, error);
  if (rowid < 0)
    {
      _gloss_store_end_mutation (self, FALSE, NULL);
      return NULL;
    }
  stored->rowid = rowid;
  _gloss_store_track_row (self, &_gloss_store_table_entities, rowid, FALSE);

  for (guint i = 0; i < spans->len; i++)
    {
      gint64 mention = _gloss_store_insert_mention_row (self, rowid, g_array_index (spans, gint64, i), error);

      if (mention < 0)
        {
          _gloss_store_end_mutation (self, FALSE, NULL);
          return NULL;
        }
      if (mention > 0)
        _gloss_store_track_row (self, &_gloss_store_table_entity_mentions, mention, FALSE);
      g_ptr_array_add (stored->mentions, g_strdup (g_ptr_array_index (entity->mentions, i)));
    }

  if (!_gloss_store_end_mutation (self, TRUE, error))
    return NULL;
  return g_steal_pointer (&stored);
}

/**
 * gloss_store_check_kb_id:
 *
 * A knowledge-base id is "prefix:id" with a lower-case prefix, such as
 * "wikidata:Q7747"; a Wikidata id is Q followed by digits.
 */
gboolean
gloss_store_check_kb_id (const char  *kb_id,
                         GError     **error)
{
  const char *colon = kb_id != NULL ? strchr (kb_id, ':') : NULL;
  gboolean ok = colon != NULL && colon > kb_id && colon[1] != '\0' && g_ascii_islower (kb_id[0]);

  for (const char *p = kb_id; ok && p < colon; p++)
    ok = g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '_' || *p == '-';
  for (const char *p = colon ? colon + 1 : NULL; ok && *p; p++)
    ok = !g_ascii_isspace (*p);
  if (ok && g_str_has_prefix (kb_id, "wikidata:"))
    {
      ok = kb_id[9] == 'Q' && kb_id[10] != '\0';
      for (const char *p = kb_id + 10; ok && *p; p++)
        ok = g_ascii_isdigit (*p);
    }

  if (!ok)
    g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID,
                 _("“%s” is not a knowledge-base id; write it as prefix:id, for example "
                   "wikidata:Q7747"), kb_id ? kb_id : "");
  return ok;
}

gboolean
gloss_store_set_entity (GlossStore  *self,
                        gint64       document,
                        const char  *entity_id,
                        const char  *name,
                        const char  *kb_id,
                        GError     **error)
{
  GlossDbStmt *stmt;
  gint64 rowid;
  gboolean ok;

  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);
  g_return_val_if_fail (entity_id != NULL && name != NULL, FALSE);

  if (kb_id != NULL && *kb_id == '\0')
    kb_id = NULL;
  if (kb_id != NULL && !gloss_store_check_kb_id (kb_id, error))
    return FALSE;
  rowid = _gloss_store_lookup_rowid (self, entity_uid_sql, document, entity_id);
  if (rowid < 0)
    return _gloss_store_set_not_found (error, _("entity"), entity_id);
  if (!_gloss_store_begin_mutation (self, _("Edit entity"), document, error))
    return FALSE;

  _gloss_store_track_row (self, &_gloss_store_table_entities, rowid, TRUE);
  stmt = _gloss_store_prepare (self, "UPDATE entities SET name = ?1, kb_id = ?2 WHERE id = ?3", error);
  ok = stmt != NULL;
  if (ok)
    {
      gloss_db_bind_text (stmt, 1, name);
      _gloss_store_bind_text_or_null (stmt, 2, kb_id);
      gloss_db_bind_int64 (stmt, 3, rowid);
      ok = _gloss_store_step_done (self, stmt, error);
    }
  return _gloss_store_end_mutation (self, ok, error);
}

gboolean
gloss_store_add_mention (GlossStore  *self,
                         gint64       document,
                         const char  *entity_id,
                         const char  *span_id,
                         GError     **error)
{
  gint64 entity, span, mention;

  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);

  entity = _gloss_store_lookup_rowid (self, entity_uid_sql, document, entity_id);
  if (entity < 0)
    return _gloss_store_set_not_found (error, _("entity"), entity_id);
  if ((span = _gloss_store_require_span (self, document, span_id, error)) < 0
      || !_gloss_store_begin_mutation (self, _("Add mention"), document, error))
    return FALSE;

  mention = _gloss_store_insert_mention_row (self, entity, span, error);
  if (mention > 0)
    _gloss_store_track_row (self, &_gloss_store_table_entity_mentions, mention, FALSE);
  return _gloss_store_end_mutation (self, mention >= 0, error);
}

gboolean
gloss_store_delete_entity (GlossStore  *self,
                           gint64       document,
                           const char  *entity_id,
                           GError     **error)
{
  GlossDbStmt *stmt;
  gint64 rowid;
  gboolean ok;

  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);
  g_return_val_if_fail (entity_id != NULL, FALSE);

  rowid = _gloss_store_lookup_rowid (self, entity_uid_sql, document, entity_id);
  if (rowid < 0)
    return _gloss_store_set_not_found (error, _("entity"), entity_id);
  if (!_gloss_store_begin_mutation (self, _("Ungroup mentions"), document, error))
    return FALSE;

  ok = _gloss_store_track_rows_of (self, "SELECT id FROM entity_mentions WHERE entity_id = ?", rowid,
                                   &_gloss_store_table_entity_mentions, error);
  _gloss_store_track_row (self, &_gloss_store_table_entities, rowid, TRUE);
  stmt = ok ? _gloss_store_prepare (self, "DELETE FROM entity_mentions WHERE entity_id = ?", error) : NULL;
  if (stmt != NULL)
    {
      gloss_db_bind_int64 (stmt, 1, rowid);
      ok = _gloss_store_step_done (self, stmt, error);
      stmt = ok ? _gloss_store_prepare (self, "DELETE FROM entities WHERE id = ?", error) : NULL;
    }
  if (stmt != NULL)
    {
      gloss_db_bind_int64 (stmt, 1, rowid);
      ok = _gloss_store_step_done (self, stmt, error);
    }
  return _gloss_store_end_mutation (self, ok && stmt != NULL, error);
}
