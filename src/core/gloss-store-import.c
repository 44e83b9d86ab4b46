/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Import: a new document with all its annotations in one transaction, and
 * annotations added to a document the project already has (merge, re-import). */
#define G_LOG_DOMAIN "gloss-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gloss-store-private.h"
#include "gloss-text.h"

/* ---- Document rows ------------------------------------------------------------- */

static gboolean
uid_taken (GlossStore  *self,
           const char  *sql,
           gint64       document,
           const char  *uid)
{
  GlossDbStmt *stmt = _gloss_store_prepare (self, sql, NULL);
  gboolean taken;

  if (stmt == NULL)
    return TRUE;
  if (document > 0)
    {
      gloss_db_bind_int64 (stmt, 1, document);
      gloss_db_bind_text (stmt, 2, uid);
    }
  else
    gloss_db_bind_text (stmt, 1, uid);
  taken = gloss_db_step (stmt) == GLOSS_DB_ROW;
  gloss_db_reset (stmt);
  return taken;
}

/* A ULID-shaped id, "d-" and 26 Crockford base32 digits: sortable by creation
 * time, and unique across projects so that merged exports never collide. */
static char *
mint_document_id (void)
{
  static const char digits[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  guint64 ms = g_get_real_time () / 1000;
  char id[2 + 26 + 1] = "d-";

  for (int i = 9; i >= 0; i--, ms >>= 5)
    id[2 + i] = digits[ms & 31];
  for (int i = 10; i < 26; i++)
    id[2 + i] = digits[g_random_int_range (0, 32)];
  id[28] = '\0';
  return g_strdup (id);
}

static const char *document_uid_sql = "SELECT 1 FROM documents WHERE uid = ?";

static gboolean
insert_document_row (GlossStore     *self,
                     GlossDocument  *document,
                     GError        **error)
{
  GlossDbStmt *stmt;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  stmt = _gloss_store_prepare (self,
                               "INSERT INTO documents (uid, title, meta, text, text_sha256, length, "
                               "status, keep_text, created, modified) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;

  gloss_db_bind_text (stmt, 1, document->id);
  gloss_db_bind_text (stmt, 2, document->title != NULL ? document->title : "");
  gloss_db_bind_text (stmt, 3, document->meta != NULL ? document->meta : "{}");
  gloss_db_bind_text (stmt, 4, document->text);
  gloss_db_bind_text (stmt, 5, document->text_sha256);
  gloss_db_bind_int64 (stmt, 6, document->length);
  gloss_db_bind_text (stmt, 7, gloss_status_to_string (document->status));
  gloss_db_bind_int64 (stmt, 8, document->keep_text);
  gloss_db_bind_int64 (stmt, 9, document->created > 0 ? document->created : now);
  gloss_db_bind_int64 (stmt, 10, document->modified > 0 ? document->modified : now);
  if (!_gloss_store_step_done (self, stmt, error))
    return FALSE;

  document->rowid = gloss_db_last_insert_rowid (self->db);
  return TRUE;
}

/* ---- Import of a whole document ------------------------------------------------ */

typedef struct
{
  GlossStore  *store;
  gint64       document;
  GHashTable  *spans;       /* uid → rowid (gint64 *) */
  GHashTable  *used;        /* every uid of the batch, minted or given */
  GlossReport *report;
  guint        next;
} Batch;

static char *
batch_mint (Batch      *batch,
            const char *prefix)
{
  for (;;)
    {
      char *uid = g_strdup_printf ("%s%u", prefix, ++batch->next);

      if (!g_hash_table_contains (batch->used, uid))
        {
          g_hash_table_add (batch->used, uid);
          return g_strdup (uid);
        }
      g_free (uid);
    }
}

/* Every span checked first, then the good ones inserted together; what was
 * skipped is reported in the spans' order, as one by one would have. */
static void
batch_add_spans (Batch     *batch,
                 GPtrArray *spans,
                 gint       length)
{
  g_autoptr(GHashTable) accepted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_full (spans->len, g_free);
  g_autoptr(GPtrArray) good = g_ptr_array_new ();
  g_autofree gint64 *rowids = NULL;
  g_autoptr(GError) insert_error = NULL;
  guint next = 0;

  for (guint i = 0; i < spans->len; i++)
    {
      GlossSpan *span = g_ptr_array_index (spans, i);
      g_autoptr(GError) error = NULL;
      char *problem = NULL;

      if (span->id != NULL && (g_hash_table_contains (accepted, span->id)
                               || g_hash_table_contains (batch->spans, span->id)))
        problem = g_strdup_printf (_("span %s: the id is used twice; skipped"), span->id);
      else if (!_gloss_store_check_span (batch->store, span, length, &error))
        problem = g_strdup_printf (_("span %s: %s; skipped"), span->id ? span->id : "", error->message);
      else
        {
          if (span->id == NULL)
            span->id = batch_mint (batch, "s");
          g_hash_table_add (accepted, span->id);
          g_ptr_array_add (good, span);
        }
      g_ptr_array_add (problems, problem);
    }

  rowids = g_new0 (gint64, MAX (good->len, 1));
  if (good->len > 0
      && !_gloss_store_insert_span_rows (batch->store, batch->document, good, rowids, &insert_error))
    for (guint i = 0; i < good->len; i++)
      rowids[i] = -2;

  for (guint i = 0; i < spans->len; i++)
    {
      GlossSpan *span = g_ptr_array_index (spans, i);
      const char *problem = g_ptr_array_index (problems, i);
      gint64 rowid;

      if (problem != NULL)
        {
          gloss_report_problem (batch->report, "%s", problem);
          continue;
        }
      rowid = rowids[next++];
      if (rowid == -2)
        gloss_report_problem (batch->report, _("span %s: %s; skipped"), span->id, insert_error->message);
      else if (rowid < 0)
        {
          g_autofree char *fragments = gloss_span_fragments_to_string (span);
          g_autofree char *why = g_strdup_printf (_("a %s span with the same offsets %s is already there"),
                                                  span->label, fragments);

          gloss_report_problem (batch->report, _("span %s: %s; skipped"), span->id, why);
        }
      else
        g_hash_table_insert (batch->spans, g_strdup (span->id), g_memdup2 (&rowid, sizeof rowid));
    }
}

static void
batch_add_span (Batch     *batch,
                GlossSpan *span,
                gint       length)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new ();

  g_ptr_array_add (one, span);
  batch_add_spans (batch, one, length);
}

static gint64
batch_span (Batch      *batch,
            const char *uid)
{
  gint64 *rowid = uid != NULL ? g_hash_table_lookup (batch->spans, uid) : NULL;

  return rowid != NULL ? *rowid : -1;
}

static void
batch_add_relation (Batch         *batch,
                    GlossRelation *relation,
                    GHashTable    *relation_ids)
{
  g_autoptr(GError) error = NULL;
  gint64 from = batch_span (batch, relation->from_id);
  gint64 to = batch_span (batch, relation->to_id);

  const char *name = relation->id != NULL ? relation->id : relation->type;

  if (relation->type == NULL || *relation->type == '\0')
    {
      gloss_report_problem (batch->report, _("relation %s: no type; skipped"), name ? name : "");
      return;
    }
  if (from < 0 || to < 0)
    {
      gloss_report_problem (batch->report, _("relation %s: refers to span %s, which is not in "
                                             "the document; skipped"),
                            name, from < 0 ? relation->from_id : relation->to_id);
      return;
    }
  if (relation->id != NULL && !g_hash_table_add (relation_ids, g_strdup (relation->id)))
    {
      gloss_report_problem (batch->report, _("relation %s: the id is used twice; skipped"),
                            relation->id);
      return;
    }
  if (relation->id == NULL)
    {
      /* Counting on from the number taken: a taken candidate moves the
       * count on (the set's size does not grow when the add fails). */
      guint n = g_hash_table_size (relation_ids);

      do
        {
          g_free (relation->id);
          relation->id = g_strdup_printf ("r%u", ++n);
        }
      while (!g_hash_table_add (relation_ids, g_strdup (relation->id)));
    }

  if (_gloss_store_insert_relation_row (batch->store, batch->document, relation, from, to, &error) < 0)
    gloss_report_problem (batch->report, _("relation %s: %s; skipped"), relation->id, error->message);
}

static void
batch_add_entity (Batch       *batch,
                  GlossEntity *entity,
                  GHashTable  *entity_ids)
{
  g_autoptr(GError) error = NULL;
  gint64 rowid;

  if (entity->id != NULL && !g_hash_table_add (entity_ids, g_strdup (entity->id)))
    {
      gloss_report_problem (batch->report, _("entity %s: the id is used twice; skipped"), entity->id);
      return;
    }
  if (entity->id == NULL)
    {
      /* Counting on from the number taken: a taken candidate moves the
       * count on (the set's size does not grow when the add fails). */
      guint n = g_hash_table_size (entity_ids);

      do
        {
          g_free (entity->id);
          entity->id = g_strdup_printf ("e%u", ++n);
        }
      while (!g_hash_table_add (entity_ids, g_strdup (entity->id)));
    }

  rowid = _gloss_store_insert_entity_row (batch->store, batch->document, entity, &error);
  if (rowid < 0)
    {
      gloss_report_problem (batch->report, _("entity %s: %s; skipped"), entity->id, error->message);
      return;
    }

  for (guint i = 0; i < entity->mentions->len; i++)
    {
      const char *mention = g_ptr_array_index (entity->mentions, i);
      gint64 span = batch_span (batch, mention);

      if (span < 0)
        gloss_report_problem (batch->report, _("entity %s: mention %s is not a span of the "
                                               "document; left out"), entity->id, mention);
      else if (_gloss_store_insert_mention_row (batch->store, rowid, span, &error) < 0)
        {
          gloss_report_problem (batch->report, _("entity %s: %s"), entity->id, error->message);
          g_clear_error (&error);
        }
    }
}

static void
batch_add_all (Batch     *batch,
               gint       length,
               GPtrArray *spans,
               GPtrArray *relations,
               GPtrArray *entities)
{
  g_autoptr(GHashTable) relation_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) entity_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; spans != NULL && i < spans->len; i++)
    {
      GlossSpan *span = g_ptr_array_index (spans, i);

      if (span->id != NULL)
        g_hash_table_add (batch->used, g_strdup (span->id));
    }

  if (spans != NULL)
    batch_add_spans (batch, spans, length);
  for (guint i = 0; relations != NULL && i < relations->len; i++)
    batch_add_relation (batch, g_ptr_array_index (relations, i), relation_ids);
  for (guint i = 0; entities != NULL && i < entities->len; i++)
    batch_add_entity (batch, g_ptr_array_index (entities, i), entity_ids);
}

/* ---- Annotations for a document the project has ---------------------------------- */

static char *
shape_of (const GlossSpan *span)
{
  g_autofree char *fragments = gloss_span_fragments_to_string (span);

  return g_strdup_printf ("%s|%s", span->label, fragments);
}

typedef struct
{
  GHashTable *shapes;     /* label|fragments → uid of the span the set has */
  GHashTable *renamed;    /* incoming uid → the uid it has in the set */
  GHashTable *relations;  /* "type|from|to" of the relations the set has */
  GHashTable *entities;   /* uid → name of the entities the set has */
} Existing;

static void
existing_clear (Existing *e)
{
  g_clear_pointer (&e->shapes, g_hash_table_unref);
  g_clear_pointer (&e->renamed, g_hash_table_unref);
  g_clear_pointer (&e->relations, g_hash_table_unref);
  g_clear_pointer (&e->entities, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Existing, existing_clear)

static char *
relation_key (const char *type,
              const char *from,
              const char *to)
{
  return g_strdup_printf ("%s|%s|%s", type, from, to);
}

/* What the current set has of @batch's document: its spans become known to the
 * batch (relations may point at them), their ids are taken. */
static gboolean
load_existing (Batch     *batch,
               Existing  *e,
               GError   **error)
{
  g_autoptr(GPtrArray) spans = gloss_store_list_spans (batch->store, batch->document, error);
  g_autoptr(GPtrArray) relations = spans ? gloss_store_list_relations (batch->store, batch->document, error)
                                         : NULL;
  g_autoptr(GPtrArray) entities = relations ? gloss_store_list_entities (batch->store, batch->document, error)
                                            : NULL;

  if (entities == NULL)
    return FALSE;
  e->shapes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  e->renamed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  e->relations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  e->entities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < spans->len; i++)
    {
      GlossSpan *span = g_ptr_array_index (spans, i);

      g_hash_table_insert (e->shapes, shape_of (span), g_strdup (span->id));
      g_hash_table_add (batch->used, g_strdup (span->id));
      g_hash_table_insert (batch->spans, g_strdup (span->id), g_memdup2 (&span->rowid, sizeof (gint64)));
    }
  for (guint i = 0; i < relations->len; i++)
    {
      GlossRelation *r = g_ptr_array_index (relations, i);

      g_hash_table_add (e->relations, relation_key (r->type, r->from_id, r->to_id));
      g_hash_table_add (e->relations, g_strdup (r->id));
    }
  for (guint i = 0; i < entities->len; i++)
    {
      GlossEntity *entity = g_ptr_array_index (entities, i);

      g_hash_table_insert (e->entities, g_strdup (entity->id), g_strdup (entity->name));
    }
  return TRUE;
}

static const char *
renamed (Existing   *e,
         const char *uid)
{
  const char *to = uid != NULL ? g_hash_table_lookup (e->renamed, uid) : NULL;

  return to != NULL ? to : uid;
}

/* Spans the set has already (same label, same fragments) are not added again;
 * a span whose id the set uses for another span gets a new one. */
static guint
merge_spans (Batch     *batch,
             Existing  *e,
             gint       length,
             GPtrArray *spans)
{
  guint added = 0;

  for (guint i = 0; spans != NULL && i < spans->len; i++)
    {
      GlossSpan *span = g_ptr_array_index (spans, i);
      g_autofree char *shape = shape_of (span);
      const char *there = g_hash_table_lookup (e->shapes, shape);

      if (there != NULL)
        {
          if (span->id != NULL && !g_str_equal (span->id, there))
            g_hash_table_insert (e->renamed, g_strdup (span->id), g_strdup (there));
          continue;
        }
      if (span->id != NULL && g_hash_table_contains (batch->spans, span->id))
        {
          char *fresh = batch_mint (batch, "s");

          g_hash_table_insert (e->renamed, g_steal_pointer (&span->id), g_strdup (fresh));
          span->id = fresh;
        }
      batch_add_span (batch, span, length);
      if (span->id != NULL && g_hash_table_contains (batch->spans, span->id))
        {
          g_hash_table_insert (e->shapes, g_steal_pointer (&shape), g_strdup (span->id));
          added++;
        }
    }
  return added;
}

static void
merge_relations (Batch     *batch,
                 Existing  *e,
                 GPtrArray *relations)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, e->relations);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (ids, g_strdup (key));
  for (guint i = 0; relations != NULL && i < relations->len; i++)
    {
      GlossRelation *r = g_ptr_array_index (relations, i);
      g_autofree char *from = g_strdup (renamed (e, r->from_id));
      g_autofree char *to = g_strdup (renamed (e, r->to_id));
      g_autofree char *key_of = relation_key (r->type, from, to);

      if (g_hash_table_contains (e->relations, key_of))
        continue;
      g_free (r->from_id);
      r->from_id = g_steal_pointer (&from);
      g_free (r->to_id);
      r->to_id = g_steal_pointer (&to);
      if (r->id != NULL && g_hash_table_contains (ids, r->id))
        g_clear_pointer (&r->id, g_free);
      batch_add_relation (batch, r, ids);
    }
}

static void
merge_entities (Batch     *batch,
                Existing  *e,
                GPtrArray *entities)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, e->entities);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (ids, g_strdup (key));
  for (guint i = 0; entities != NULL && i < entities->len; i++)
    {
      GlossEntity *entity = g_ptr_array_index (entities, i);
      const char *name = entity->id != NULL ? g_hash_table_lookup (e->entities, entity->id) : NULL;

      if (name != NULL && g_strcmp0 (name, entity->name) == 0)
        continue;
      for (guint j = 0; j < entity->mentions->len; j++)
        {
          const char *to = renamed (e, g_ptr_array_index (entity->mentions, j));

          if (to != g_ptr_array_index (entity->mentions, j))
            {
              g_free (entity->mentions->pdata[j]);
              entity->mentions->pdata[j] = g_strdup (to);
            }
        }
      if (entity->id != NULL && g_hash_table_contains (ids, entity->id))
        g_clear_pointer (&entity->id, g_free);
      batch_add_entity (batch, entity, ids);
    }
}

static gboolean import_status (GlossStore   *self,
                               gint64        document,
                               GlossStatus   status,
                               gboolean      annotated,
                               gint64        modified,
                               GError      **error);

/**
 * gloss_store_add_annotations:
 * @document: a document of the project
 * @status: its status in the set (new leaves the set's status as it is)
 * @modified: when the set last changed (unix seconds; 0: now), kept so that
 *   merge can tell a newer copy of the set
 * @spans: (nullable) (element-type GlossSpan): spans by id; ids may be renamed
 * @relations: (nullable) (element-type GlossRelation): relations between them
 *   (and the set's spans)
 * @entities: (nullable) (element-type GlossEntity): clusters of them
 * @added: (out) (optional): how many spans were new
 *
 * Adds annotations to a document the project already has, in the current set,
 * in one transaction: an import of annotations for a text the project has, and
 * merge. What the set has already is not added twice, so that importing or
 * merging the same work again adds nothing; an id the set uses for something
 * else is minted anew. Not an undo step.
 */
gboolean
gloss_store_add_annotations (GlossStore   *self,
                             gint64        document,
                             GlossStatus   status,
                             gint64        modified,
                             GPtrArray    *spans,
                             GPtrArray    *relations,
                             GPtrArray    *entities,
                             GlossReport  *report,
                             guint        *added,
                             GError      **error)
{
  g_autoptr(GHashTable) span_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(Existing) existing = { NULL };
  Batch batch = { self, document, span_rows, used, report, 0 };
  gboolean nested;
  gint length;
  guint n;

  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);

  if (!_gloss_store_check_writable (self, error)
      || (length = _gloss_store_document_length (self, document, error)) < 0)
    return FALSE;
  if (!_gloss_store_begin_write (self, &nested, error))
    return FALSE;
  if (!_gloss_store_ensure_set (self, error) || !load_existing (&batch, &existing, error))
    goto failed;

  n = merge_spans (&batch, &existing, length, spans);
  merge_relations (&batch, &existing, relations);
  merge_entities (&batch, &existing, entities);
  if (!import_status (self, document, status, n > 0, modified, error)
      || !_gloss_store_commit_write (self, nested, error))
    goto failed;

  if (added != NULL)
    *added = n;
  _gloss_store_emit_changed (self, document);
  return TRUE;

failed:
  _gloss_store_rollback_write (self, nested);
  return FALSE;
}

/**
 * gloss_store_get_set_modified:
 *
 * Returns: when the current set's status of @document last changed (unix
 *   seconds), or 0 when the set has no status for it
 */
gint64
gloss_store_get_set_modified (GlossStore *self,
                              gint64      document)
{
  GlossDbStmt *stmt;
  gint64 modified = 0;

  g_return_val_if_fail (GLOSS_IS_STORE (self), 0);

  stmt = _gloss_store_prepare (self, "SELECT modified FROM document_sets WHERE document_id = ? "
                                     "AND annotator_id = " GLOSS_STORE_CURRENT_SET, NULL);
  if (stmt == NULL)
    return 0;
  gloss_db_bind_int64 (stmt, 1, document);
  if (gloss_db_step (stmt) == GLOSS_DB_ROW)
    modified = gloss_db_column_int64 (stmt, 0);
  gloss_db_reset (stmt);
  return modified;
}

/**
 * gloss_store_clear_set:
 *
 * Removes everything of the current set on @document (spans with their
 * relations and entity mentions, entities, suggestion decisions, status), in
 * one transaction, as merge does before it brings in a newer copy of the set.
 * Not an undo step.
 */
gboolean
gloss_store_clear_set (GlossStore  *self,
                       gint64       document,
                       GError     **error)
{
  /* Literals: the store keeps each prepared statement under its SQL text,
   * without copying it. */
#define CLEAR_FROM(table) \
  "DELETE FROM " table " WHERE document_id = ? AND annotator_id = " GLOSS_STORE_CURRENT_SET
  static const char * const deletes[] = { CLEAR_FROM ("relations"), CLEAR_FROM ("annotations"),
                                          CLEAR_FROM ("entities"), CLEAR_FROM ("suggestions"),
                                          CLEAR_FROM ("document_sets") };
#undef CLEAR_FROM
  gboolean nested;

  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);

  if (!_gloss_store_check_writable (self, error) || !_gloss_store_begin_write (self, &nested, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (deletes); i++)
    {
      GlossDbStmt *stmt = _gloss_store_prepare (self, deletes[i], error);

      if (stmt == NULL)
        goto failed;
      gloss_db_bind_int64 (stmt, 1, document);
      if (!_gloss_store_step_done (self, stmt, error))
        goto failed;
    }
  if (!_gloss_store_commit_write (self, nested, error))
    goto failed;
  _gloss_store_prune_history (self->undo_stack, document);
  _gloss_store_prune_history (self->redo_stack, document);
  _gloss_store_emit_changed (self, document);
  return TRUE;

failed:
  _gloss_store_rollback_write (self, nested);
  return FALSE;
}

/* An imported document's status goes into the set it was imported into (a row
 * also says the set has the document, when it came with annotations). Imports
 * are not undo steps, so nothing is tracked. */
static gboolean
import_status (GlossStore   *self,
               gint64        document,
               GlossStatus   status,
               gboolean      annotated,
               gint64        modified,
               GError      **error)
{
  GlossDbStmt *stmt;

  if (status == GLOSS_STATUS_NEW && !annotated)
    return TRUE;
  stmt = _gloss_store_prepare (self,
                               "INSERT INTO document_sets (document_id, annotator_id, status, modified) "
                               "VALUES (?1, " GLOSS_STORE_CURRENT_SET ", ?2, ?3) "
                               "ON CONFLICT (document_id, annotator_id) DO UPDATE SET status = ?2, "
                               "modified = CASE WHEN document_sets.modified > ?3 "
                               "THEN document_sets.modified ELSE ?3 END "
                               "WHERE document_sets.status = 'new' OR ?2 = 'done' "
                               "OR ?3 > document_sets.modified", error);
  if (stmt == NULL)
    return FALSE;
  gloss_db_bind_int64 (stmt, 1, document);
  gloss_db_bind_text (stmt, 2, gloss_status_to_string (status));
  gloss_db_bind_int64 (stmt, 3, modified > 0 ? modified : g_get_real_time () / G_USEC_PER_SEC);
  return _gloss_store_step_done (self, stmt, error);
}

/**
 * gloss_store_add_document:
 * @document: the document; its text must already be normalised. Its id is kept
 *   when free, re-minted (with a notice) when taken, minted when %NULL; the
 *   struct is updated with the id and row id it got.
 * @spans: (nullable) (element-type GlossSpan): spans, by span id
 * @relations: (nullable) (element-type GlossRelation): relations between them
 * @entities: (nullable) (element-type GlossEntity): clusters of them
 * @report: (nullable): receives a problem for each span, relation or entity
 *   that is skipped, and notices
 *
 * Stores a document and its annotations in one transaction. Imports are not
 * undo steps: deleting the document is the way back.
 */
gboolean
gloss_store_add_document (GlossStore     *self,
                          GlossDocument  *document,
                          GPtrArray      *spans,
                          GPtrArray      *relations,
                          GPtrArray      *entities,
                          GlossReport    *report,
                          GError        **error)
{
  g_autoptr(GHashTable) span_rows = NULL;
  g_autoptr(GHashTable) used = NULL;
  Batch batch = { 0 };
  gboolean nested;

  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);
  g_return_val_if_fail (document != NULL && document->text != NULL, FALSE);

  if (!_gloss_store_check_writable (self, error))
    return FALSE;

  if (document->text_sha256 == NULL)
    document->text_sha256 = gloss_text_sha256 (document->text, -1);
  document->length = gloss_text_count_chars (document->text, -1);

  if (!_gloss_store_begin_write (self, &nested, error))
    return FALSE;
  if (!_gloss_store_ensure_set (self, error))
    {
      _gloss_store_rollback_write (self, nested);
      return FALSE;
    }

  if (document->id == NULL || *document->id == '\0' || uid_taken (self, document_uid_sql, 0, document->id))
    {
      g_autofree char *old = g_steal_pointer (&document->id);

      do
        {
          g_free (document->id);
          document->id = mint_document_id ();
        }
      while (uid_taken (self, document_uid_sql, 0, document->id));

      if (old != NULL && *old != '\0')
        gloss_report_notice (report, _("document id %s is taken in the project; imported as %s"),
                             old, document->id);
    }

  if (!insert_document_row (self, document, error))
    {
      _gloss_store_rollback_write (self, nested);
      return FALSE;
    }

  span_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  batch = (Batch) { self, document->rowid, span_rows, used, report, 0 };
  batch_add_all (&batch, document->length, spans, relations, entities);
  if (!import_status (self, document->rowid, document->status, g_hash_table_size (span_rows) > 0, 0, error))
    {
      _gloss_store_rollback_write (self, nested);
      return FALSE;
    }

  if (!_gloss_store_commit_write (self, nested, error))
    {
      _gloss_store_rollback_write (self, nested);
      return FALSE;
    }

  _gloss_store_emit_changed (self, (gint64) 0);
  return TRUE;
}
