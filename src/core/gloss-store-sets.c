/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Annotator sets: the set the store works in, the sets a project has, their
 * statistics, and reading one named set without choosing it. */
#define G_LOG_DOMAIN "gloss-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gloss-store-private.h"

/* ---- Annotator sets ---------------------------------------------------------------
 *
 * Every span, relation, entity, suggestion decision and document status belongs
 * to one annotator's set. The connection keeps the name of the set it works in
 * in temp.current_set_name; temp.current_set is its row id, or no row while
 * the set has nothing yet. Queries name "(SELECT id FROM temp.current_set)",
 * so every read and write of the store is scoped to the set without binding it
 * in each statement. */

/* Annotator n's set holds something: a span or a status. */
#define SET_HAS_WORK \
  "(EXISTS (SELECT 1 FROM annotations a WHERE a.annotator_id = n.id) " \
  "OR EXISTS (SELECT 1 FROM document_sets s WHERE s.annotator_id = n.id))"

/* The login's real name, unless the system does not know it. */
char *
_gloss_store_default_annotator (GlossStore *self)
{
  const char *real = g_get_real_name ();

  if (self != NULL && self->annotator != NULL)
    return g_strdup (self->annotator);
  if (real != NULL && *real != '\0' && g_strcmp0 (real, "Unknown") != 0)
    return g_strdup (real);
  return g_strdup (g_get_user_name ());
}

/* Without an annotator named, a project of one set is worked on in that set,
 * so that a project made by one person reads the same from the window and from
 * gloss-cli; otherwise the login's name. */
static char *
resolve_set_name (GlossStore *self)
{
  GlossDbStmt *stmt;
  g_autofree char *only = NULL;
  int n = 0;

  if (self->annotator != NULL)
    return g_strdup (self->annotator);
  stmt = _gloss_store_prepare (self, "SELECT name FROM annotators n WHERE name <> 'gold' AND " SET_HAS_WORK
                                     " LIMIT 2", NULL);
  while (stmt != NULL && gloss_db_step (stmt) == GLOSS_DB_ROW)
    if (n++ == 0)
      only = g_strdup (gloss_db_column_text (stmt, 0));
  if (stmt != NULL)
    gloss_db_reset (stmt);
  if (n == 1 && only != NULL)
    return g_steal_pointer (&only);
  return _gloss_store_default_annotator (self);
}

gboolean
_gloss_store_prepare_sets (GlossStore  *self,
                           GError     **error)
{
  return _gloss_store_exec (self, self->engine->prepare_sets_sql, error);
}

static gboolean
choose_set_named (GlossStore  *self,
                  const char  *name,
                  GError     **error)
{
  GlossDbStmt *stmt;

  /* the row is there already: nothing to write (see _gloss_store_forget_written) */
  if (g_strcmp0 (self->current_set, name) == 0)
    return TRUE;
  stmt = _gloss_store_prepare (self, "DELETE FROM temp.current_set_name", error);
  if (stmt == NULL || !_gloss_store_step_done (self, stmt, error))
    return FALSE;
  stmt = _gloss_store_prepare (self, "INSERT INTO temp.current_set_name (name) VALUES (?)", error);
  if (stmt == NULL)
    return FALSE;
  gloss_db_bind_text (stmt, 1, name);
  if (!_gloss_store_step_done (self, stmt, error))
    return FALSE;
  g_free (self->current_set);
  self->current_set = g_strdup (name);
  /* a gold set left behind is free for another curator */
  if (!g_str_equal (name, "gold") && self->engine->claim_document != NULL)
    self->engine->claim_document (self, 0, NULL);
  return TRUE;
}

gboolean
_gloss_store_choose_set (GlossStore  *self,
                         GError     **error)
{
  g_autofree char *name = self->viewing != NULL ? g_strdup (self->viewing) : resolve_set_name (self);

  return choose_set_named (self, name, error);
}

/* Inside a write: the set gets its row, so that what is written can name it. */
gboolean
_gloss_store_ensure_set (GlossStore  *self,
                         GError     **error)
{
  GlossDbStmt *stmt;

  /* annotators are never deleted: a row made once is there (until a rollback
   * takes it back, see _gloss_store_forget_written) */
  if (self->current_set != NULL && g_strcmp0 (self->current_set, self->ensured_set) == 0)
    return TRUE;
  stmt = _gloss_store_prepare (self,
                               "INSERT INTO annotators (name) SELECT name FROM "
                               "temp.current_set_name WHERE true ON CONFLICT (name) DO NOTHING",
                               error);
  if (stmt == NULL || !_gloss_store_step_done (self, stmt, error))
    return FALSE;
  g_free (self->ensured_set);
  self->ensured_set = g_strdup (self->current_set);
  return TRUE;
}

/**
 * gloss_store_set_annotator:
 * @name: (nullable): whose set to read and write, "gold" for the adjudicated
 *   one; %NULL for the project's only set, or the login's name
 *
 * Chooses the set every later call works in.
 */
void
gloss_store_set_annotator (GlossStore *self,
                           const char *name)
{
  g_return_if_fail (GLOSS_IS_STORE (self));

  g_free (self->annotator);
  self->annotator = (name != NULL && *name != '\0') ? g_strdup (name) : NULL;
  g_clear_pointer (&self->viewing, g_free);
  if (self->db != NULL && !_gloss_store_choose_set (self, NULL))
    g_debug ("Could not choose the annotator set of %s", self->path);
}

/**
 * gloss_store_view_set:
 * @name: (nullable): another annotator's set to show, read-only; "gold" or
 *   %NULL (or the store's own annotator) to work in that set again
 *
 * Lets the window show someone else's work without changing it: while another
 * annotator's set is shown every change is refused. The gold set is edited by
 * the curator, so viewing it keeps the store writable.
 */
void
gloss_store_view_set (GlossStore *self,
                      const char *name)
{
  g_autofree char *own = NULL;

  g_return_if_fail (GLOSS_IS_STORE (self));

  g_clear_pointer (&self->viewing, g_free);
  if (name != NULL && *name != '\0' && self->db != NULL)
    {
      own = resolve_set_name (self);
      if (g_str_equal (name, "gold"))
        {
          choose_set_named (self, name, NULL);
          return;
        }
      if (!g_str_equal (name, own))
        self->viewing = g_strdup (name);
    }
  if (self->db != NULL)
    _gloss_store_choose_set (self, NULL);
}

/**
 * gloss_store_get_viewing:
 *
 * Returns: (nullable): the other annotator whose set is shown read-only
 */
const char *
gloss_store_get_viewing (GlossStore *self)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);
  return self->viewing;
}

/**
 * gloss_store_get_annotator:
 *
 * Returns: the name given to gloss_store_set_annotator (), or %NULL
 */
const char *
gloss_store_get_annotator (GlossStore *self)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);
  return self->annotator;
}

/**
 * gloss_store_get_set:
 *
 * Returns: (transfer full): the name of the set the store works in
 */
char *
gloss_store_get_set (GlossStore *self)
{
  GlossDbStmt *stmt;
  char *name = NULL;

  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);

  if (self->current_set != NULL)
    return g_strdup (self->current_set);
  stmt = _gloss_store_prepare (self, "SELECT name FROM temp.current_set_name", NULL);
  if (stmt != NULL && gloss_db_step (stmt) == GLOSS_DB_ROW)
    name = g_strdup (gloss_db_column_text (stmt, 0));
  if (stmt != NULL)
    gloss_db_reset (stmt);
  return name != NULL ? name : resolve_set_name (self);
}

/**
 * gloss_store_list_sets:
 * @document: a document's row id, or 0 for the whole project
 *
 * Returns: (transfer full): the names of the sets that hold anything (a span,
 *   a status) in @document or in the project, "gold" last
 */
GStrv
gloss_store_list_sets (GlossStore *self,
                       gint64      document)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  GlossDbStmt *stmt;

  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);

  /* Two statements, so that each lookup uses an index (an "?1 = 0 OR" would
   * scan every annotation once per document of an export). */
  stmt = _gloss_store_prepare (self, document != 0
                               ? "SELECT n.name FROM annotators n WHERE EXISTS "
                                 "  (SELECT 1 FROM annotations a WHERE a.document_id = ?1 "
                                 "     AND a.annotator_id = n.id) "
                                 "  OR EXISTS (SELECT 1 FROM document_sets s WHERE s.document_id = ?1 "
                                 "     AND s.annotator_id = n.id) "
                                 "ORDER BY n.name = 'gold', n.id"
                               : "SELECT n.name FROM annotators n WHERE " SET_HAS_WORK " "
                                 "ORDER BY n.name = 'gold', n.id", NULL);
  if (stmt == NULL)
    return g_strv_builder_end (names);
  if (document != 0)
    gloss_db_bind_int64 (stmt, 1, document);
  while (gloss_db_step (stmt) == GLOSS_DB_ROW)
    g_strv_builder_add (names, gloss_db_column_text (stmt, 0));
  gloss_db_reset (stmt);
  return g_strv_builder_end (names);
}

/* Changes when another connection (gloss-cli, a second window) commits. */
gint64
gloss_store_get_data_version (GlossStore *self)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), -1);

  if (self->db == NULL)
    return -1;
  return self->engine->data_version (self);
}

gboolean
gloss_store_check_integrity (GlossStore  *self,
                             GError     **error)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);

  if (self->db == NULL)
    {
      g_set_error_literal (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_FAILED,
                           _("the project was closed"));
      return FALSE;
    }
  return self->engine->check_integrity (self, error);
}

/* ---- Statistics -------------------------------------------------------------------- */

void
gloss_store_stats_free (GlossStoreStats *stats)
{
  if (stats == NULL)
    return;
  g_clear_pointer (&stats->spans_by_label, g_hash_table_unref);
  g_clear_pointer (&stats->relations_by_type, g_hash_table_unref);
  g_free (stats);
}

static gboolean
count_grouped (GlossStore  *self,
               const char  *sql,
               GHashTable  *table,
               guint       *total,
               GError     **error)
{
  GlossDbStmt *stmt = _gloss_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = gloss_db_step (stmt)) == GLOSS_DB_ROW)
    {
      guint n = gloss_db_column_int (stmt, 1);

      if (!_gloss_store_row_complete (self, stmt, GLOSS_STORE_COLUMN (0), error))
        {
          gloss_db_reset (stmt);
          return FALSE;
        }
      g_hash_table_insert (table, _gloss_store_column_dup (stmt, 0), GUINT_TO_POINTER (n));
      *total += n;
    }
  return _gloss_store_rows_done (self, stmt, rc, error);
}

/**
 * gloss_store_get_stats:
 *
 * Returns: (transfer full): counts of documents by status, spans by label,
 *   relations by type, entities and annotators
 */
GlossStoreStats *
gloss_store_get_stats (GlossStore  *self,
                       GError     **error)
{
  g_autoptr(GlossStoreStats) stats = g_new0 (GlossStoreStats, 1);
  g_autoptr(GHashTable) by_status = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GlossDbStmt *stmt;

  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);

  stats->spans_by_label = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  stats->relations_by_type = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (!count_grouped (self, "SELECT " GLOSS_STORE_SET_STATUS ", count(*) FROM documents d GROUP BY 1",
                      by_status, &stats->documents, error)
      || !count_grouped (self, "SELECT l.name, count(*) FROM annotations a "
                               "JOIN labels l ON l.id = a.label_id GROUP BY l.id",
                         stats->spans_by_label, &stats->spans, error)
      || !count_grouped (self, "SELECT type, count(*) FROM relations GROUP BY type",
                         stats->relations_by_type, &stats->relations, error))
    return NULL;

  for (GlossStatus s = GLOSS_STATUS_NEW; s <= GLOSS_STATUS_DONE; s++)
    stats->by_status[s] = GPOINTER_TO_UINT (g_hash_table_lookup (by_status, gloss_status_to_string (s)));

  stmt = _gloss_store_prepare (self, "SELECT (SELECT count(*) FROM entities), "
                                     "(SELECT count(*) FROM annotators n WHERE " SET_HAS_WORK ")", error);
  if (stmt == NULL)
    return NULL;
  if (gloss_db_step (stmt) != GLOSS_DB_ROW)
    {
      _gloss_store_set_error (self, error);
      gloss_db_reset (stmt);
      return NULL;
    }
  stats->entities = gloss_db_column_int (stmt, 0);
  stats->annotators = gloss_db_column_int (stmt, 1);
  gloss_db_reset (stmt);
  return g_steal_pointer (&stats);
}

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  if (!json_object_has_member (object, name))
    json_object_set_object_member (object, name, json_object_new ());
  return json_object_get_object_member (object, name);
}

/* Adds the rows of "SELECT annotator, key, count" under sets[annotator][what][key]. */
static gboolean
count_per_set (GlossStore  *self,
               const char  *sql,
               JsonObject  *sets,
               const char  *what,
               GError     **error)
{
  GlossDbStmt *stmt = _gloss_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = gloss_db_step (stmt)) == GLOSS_DB_ROW)
    {
      JsonObject *set;

      if (!_gloss_store_row_complete (self, stmt, GLOSS_STORE_COLUMN (0) | GLOSS_STORE_COLUMN (1), error))
        {
          gloss_db_reset (stmt);
          return FALSE;
        }
      set = member_object (sets, gloss_db_column_text (stmt, 0));
      json_object_set_int_member (member_object (set, what), gloss_db_column_text (stmt, 1),
                                  gloss_db_column_int64 (stmt, 2));
    }
  return _gloss_store_rows_done (self, stmt, rc, error);
}

/**
 * gloss_store_get_set_stats:
 *
 * Per annotator set: documents by status (a document the set has no status
 * for is new in it) and spans by label, as
 * `{"ana": {"documents": {"done": 3, …}, "spans": {"PERSON": 12, …}}}`.
 *
 * Returns: (transfer full): the object, or %NULL with @error set
 */
JsonNode *
gloss_store_get_set_stats (GlossStore  *self,
                           GError     **error)
{
  g_autoptr(JsonObject) sets = json_object_new ();
  g_autoptr(GList) names = NULL;
  GlossDbStmt *stmt;
  gint64 total = 0;

  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);

  if (!count_per_set (self, "SELECT n.name, s.status, count(*) FROM document_sets s "
                            "JOIN annotators n ON n.id = s.annotator_id GROUP BY n.id, s.status "
                            "ORDER BY n.id, s.status",
                      sets, "documents", error)
      || !count_per_set (self, "SELECT n.name, l.name, count(*) FROM annotations a "
                               "JOIN annotators n ON n.id = a.annotator_id "
                               "JOIN labels l ON l.id = a.label_id GROUP BY n.id, l.id "
                               "ORDER BY n.id, l.id",
                         sets, "spans", error))
    return NULL;

  stmt = _gloss_store_prepare (self, "SELECT count(*) FROM documents", error);
  if (stmt == NULL)
    return NULL;
  if (gloss_db_step (stmt) == GLOSS_DB_ROW)
    total = gloss_db_column_int64 (stmt, 0);
  gloss_db_reset (stmt);

  names = json_object_get_members (sets);
  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonObject *documents = member_object (json_object_get_object_member (sets, l->data), "documents");
      gint64 known = 0;

      for (GlossStatus st = GLOSS_STATUS_NEW; st <= GLOSS_STATUS_DONE; st++)
        known += json_object_get_int_member_with_default (documents, gloss_status_to_string (st), 0);
      json_object_set_int_member (documents, "new",
                                  json_object_get_int_member_with_default (documents, "new", 0) + total - known);
      member_object (json_object_get_object_member (sets, l->data), "spans");
    }
  return json_node_init_object (json_node_alloc (), sets);
}

/* ---- Reading one named set without choosing it ---------------------------------
 *
 * gloss_store_set_annotator () chooses the set every later call works in, by
 * writing its name to a temporary table; reading every set of every document
 * that way (agree, merge) writes that table twice per set per document. These
 * read a set named in the call instead, with the name bound as a parameter of
 * statements prepared once. */

#define NAMED_SET "(SELECT id FROM annotators WHERE name = ?2)"

static GlossDbStmt *
prepare_for_set (GlossStore  *self,
                 const char  *sql,
                 gint64       document,
                 const char  *set,
                 GError     **error)
{
  GlossDbStmt *stmt = _gloss_store_prepare (self, sql, error);

  if (stmt == NULL)
    return NULL;
  gloss_db_bind_int64 (stmt, 1, document);
  gloss_db_bind_text (stmt, 2, set);
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
  GlossDbStmt *stmt;

  g_return_val_if_fail (GLOSS_IS_STORE (self), GLOSS_STATUS_NEW);
  g_return_val_if_fail (set != NULL, GLOSS_STATUS_NEW);

  if (modified != NULL)
    *modified = 0;
  stmt = prepare_for_set (self, "SELECT status, modified FROM document_sets WHERE document_id = ?1 "
                                "AND annotator_id = " NAMED_SET, document, set, NULL);
  if (stmt == NULL)
    return GLOSS_STATUS_NEW;
  if (gloss_db_step (stmt) == GLOSS_DB_ROW)
    {
      gloss_status_from_string (gloss_db_column_text (stmt, 0), &status);
      if (modified != NULL)
        *modified = gloss_db_column_int64 (stmt, 1);
    }
  gloss_db_reset (stmt);
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
  GlossDbStmt *stmt;

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
  GlossDbStmt *stmt;

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
  GlossDbStmt *stmt;

  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);
  g_return_val_if_fail (set != NULL, NULL);

  stmt = prepare_for_set (self, GLOSS_STORE_ENTITIES_SQL NAMED_SET GLOSS_STORE_ENTITIES_ORDER, document, set,
                          error);
  return stmt != NULL ? _gloss_store_read_entities (self, stmt, document, error) : NULL;
}
