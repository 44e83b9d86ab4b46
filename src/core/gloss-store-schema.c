/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gloss-store-private.h"

/* Each step takes a project from version N-1 to N. Steps are never edited once
 * released: a change to the schema is a new step. */
static const char * const migrations[] = {
  /* 1: documents, label schema, spans and relations */
  "CREATE TABLE documents ("
  "  id INTEGER PRIMARY KEY,"
  "  uid TEXT NOT NULL UNIQUE,"
  "  title TEXT NOT NULL,"
  "  meta TEXT NOT NULL DEFAULT '{}',"
  "  text TEXT NOT NULL,"
  "  text_sha256 TEXT NOT NULL,"
  "  length INTEGER NOT NULL,"
  "  status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in-progress', 'done')),"
  "  keep_text INTEGER NOT NULL DEFAULT 0,"
  "  created INTEGER NOT NULL,"
  "  modified INTEGER NOT NULL);"
  "CREATE INDEX documents_sha ON documents (text_sha256);"
  "CREATE TABLE layers ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  is_event INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE labels ("
  "  id INTEGER PRIMARY KEY,"
  "  layer_id INTEGER NOT NULL REFERENCES layers (id),"
  "  name TEXT NOT NULL UNIQUE,"
  "  kind TEXT NOT NULL CHECK (kind IN ('entity', 'quote', 'cue', 'source', 'claim')),"
  "  can_speak INTEGER NOT NULL DEFAULT 0,"
  "  color TEXT NOT NULL,"
  "  hotkey TEXT UNIQUE,"
  "  description TEXT);"
  "CREATE TABLE attribute_defs ("
  "  id INTEGER PRIMARY KEY,"
  "  label_id INTEGER NOT NULL REFERENCES labels (id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL,"
  "  type TEXT NOT NULL CHECK (type IN ('enum', 'boolean', 'text')),"
  "  choices TEXT,"
  "  UNIQUE (label_id, name));"
  "CREATE TABLE relation_types ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  description TEXT);"
  "CREATE TABLE annotations ("
  "  id INTEGER PRIMARY KEY,"
  "  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
  "  uid TEXT NOT NULL,"
  "  label_id INTEGER NOT NULL REFERENCES labels (id),"
  "  start INTEGER NOT NULL,"
  "  end INTEGER NOT NULL,"
  "  fragments TEXT NOT NULL,"
  "  attrs TEXT NOT NULL DEFAULT '{}',"
  "  note TEXT,"
  "  UNIQUE (document_id, uid),"
  "  UNIQUE (document_id, label_id, fragments));"
  "CREATE INDEX annotations_position ON annotations (document_id, start, end);"
  "CREATE TABLE relations ("
  "  id INTEGER PRIMARY KEY,"
  "  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
  "  uid TEXT NOT NULL,"
  "  type TEXT NOT NULL,"
  "  from_id INTEGER NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,"
  "  to_id INTEGER NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,"
  "  attrs TEXT NOT NULL DEFAULT '{}',"
  "  note TEXT,"
  "  UNIQUE (document_id, uid));"
  "CREATE INDEX relations_from ON relations (from_id);"
  "CREATE INDEX relations_to ON relations (to_id);",

  /* 2: who made each span, and entities (clusters of mentions) */
  "CREATE TABLE annotators ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE);"
  "ALTER TABLE annotations ADD COLUMN annotator_id INTEGER REFERENCES annotators (id);"
  "CREATE TABLE entities ("
  "  id INTEGER PRIMARY KEY,"
  "  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
  "  uid TEXT NOT NULL,"
  "  name TEXT NOT NULL,"
  "  type TEXT,"
  "  kb_id TEXT,"
  "  UNIQUE (document_id, uid));"
  "CREATE TABLE entity_mentions ("
  "  id INTEGER PRIMARY KEY,"
  "  entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,"
  "  annotation_id INTEGER NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,"
  "  UNIQUE (entity_id, annotation_id));"
  "CREATE INDEX entity_mentions_annotation ON entity_mentions (annotation_id);",

  /* 3: quote suggestions waiting for the annotator, and the ones decided */
  "CREATE TABLE suggestions ("
  "  id INTEGER PRIMARY KEY,"
  "  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL DEFAULT 'quote' CHECK (kind IN ('quote')),"
  "  start INTEGER NOT NULL,"
  "  end INTEGER NOT NULL,"
  "  cue_start INTEGER,"
  "  cue_end INTEGER,"
  "  speaker_start INTEGER,"
  "  speaker_end INTEGER,"
  "  speaker_kind TEXT CHECK (speaker_kind IN ('name', 'description')),"
  "  via_start INTEGER,"
  "  via_end INTEGER,"
  "  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected')),"
  "  UNIQUE (document_id, kind, start, end));",

  /* 4: the document list reads status and sizes from an index, not from rows
   * whose text spills over many pages */
  "CREATE INDEX documents_summary ON documents "
  "  (id, status, length, keep_text, created, modified, text_sha256);",

  /* 5: annotator sets. Every span, relation, entity and suggestion decision
   * belongs to one annotator's set ("gold" is the adjudicated one); ids and
   * uniqueness are per set; status is one row per document and set. Each
   * document's existing work becomes one set: the annotator recorded on most of
   * its spans, else temp.migration_annotator (filled by _gloss_store_migrate).
   * Tables are rebuilt with foreign keys off, as SQLite's ALTER TABLE page says. */
  "CREATE TEMP TABLE doc_set AS"
  "  SELECT d.id AS document_id,"
  "    (SELECT a.annotator_id FROM annotations a"
  "      WHERE a.document_id = d.id AND a.annotator_id IS NOT NULL"
  "      GROUP BY a.annotator_id ORDER BY count(*) DESC, a.annotator_id LIMIT 1) AS annotator_id"
  "  FROM documents d;"
  "INSERT INTO annotators (name) SELECT name FROM temp.migration_annotator"
  "  WHERE EXISTS (SELECT 1 FROM temp.doc_set WHERE annotator_id IS NULL)"
  "  ON CONFLICT (name) DO NOTHING;"
  "UPDATE temp.doc_set SET annotator_id ="
  "  (SELECT n.id FROM annotators n JOIN temp.migration_annotator m ON m.name = n.name)"
  "  WHERE annotator_id IS NULL;"

  "CREATE TABLE annotations_v5 ("
  "  id INTEGER PRIMARY KEY,"
  "  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
  "  annotator_id INTEGER NOT NULL REFERENCES annotators (id),"
  "  uid TEXT NOT NULL,"
  "  label_id INTEGER NOT NULL REFERENCES labels (id),"
  "  start INTEGER NOT NULL,"
  "  end INTEGER NOT NULL,"
  "  fragments TEXT NOT NULL,"
  "  attrs TEXT NOT NULL DEFAULT '{}',"
  "  note TEXT,"
  "  origin TEXT,"
  "  UNIQUE (document_id, annotator_id, uid),"
  "  UNIQUE (document_id, annotator_id, label_id, fragments));"
  "INSERT OR IGNORE INTO annotations_v5"
  "  (id, document_id, annotator_id, uid, label_id, start, end, fragments, attrs, note)"
  "  SELECT a.id, a.document_id, s.annotator_id, a.uid, a.label_id, a.start, a.end, a.fragments,"
  "    a.attrs, a.note"
  "  FROM annotations a JOIN temp.doc_set s ON s.document_id = a.document_id;"
  "DROP TABLE annotations;"
  "ALTER TABLE annotations_v5 RENAME TO annotations;"
  "CREATE INDEX annotations_position ON annotations (document_id, annotator_id, start, end);"
  "CREATE INDEX annotations_label ON annotations (label_id);"
  "CREATE INDEX annotations_set ON annotations (annotator_id, document_id);"

  "CREATE TABLE relations_v5 ("
  "  id INTEGER PRIMARY KEY,"
  "  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
  "  annotator_id INTEGER NOT NULL REFERENCES annotators (id),"
  "  uid TEXT NOT NULL,"
  "  type TEXT NOT NULL,"
  "  from_id INTEGER NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,"
  "  to_id INTEGER NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,"
  "  attrs TEXT NOT NULL DEFAULT '{}',"
  "  note TEXT,"
  "  UNIQUE (document_id, annotator_id, uid));"
  "INSERT INTO relations_v5"
  "  SELECT r.id, r.document_id, s.annotator_id, r.uid, r.type, r.from_id, r.to_id, r.attrs, r.note"
  "  FROM relations r JOIN temp.doc_set s ON s.document_id = r.document_id"
  "  WHERE r.from_id IN (SELECT id FROM annotations) AND r.to_id IN (SELECT id FROM annotations);"
  "DROP TABLE relations;"
  "ALTER TABLE relations_v5 RENAME TO relations;"
  "CREATE INDEX relations_from ON relations (from_id);"
  "CREATE INDEX relations_to ON relations (to_id);"

  "CREATE TABLE entities_v5 ("
  "  id INTEGER PRIMARY KEY,"
  "  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
  "  annotator_id INTEGER NOT NULL REFERENCES annotators (id),"
  "  uid TEXT NOT NULL,"
  "  name TEXT NOT NULL,"
  "  type TEXT,"
  "  kb_id TEXT,"
  "  UNIQUE (document_id, annotator_id, uid));"
  "INSERT INTO entities_v5"
  "  SELECT e.id, e.document_id, s.annotator_id, e.uid, e.name, e.type, e.kb_id"
  "  FROM entities e JOIN temp.doc_set s ON s.document_id = e.document_id;"
  "DROP TABLE entities;"
  "ALTER TABLE entities_v5 RENAME TO entities;"
  "DELETE FROM entity_mentions WHERE annotation_id NOT IN (SELECT id FROM annotations)"
  "  OR entity_id NOT IN (SELECT id FROM entities);"

  "CREATE TABLE suggestions_v5 ("
  "  id INTEGER PRIMARY KEY,"
  "  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
  "  annotator_id INTEGER NOT NULL REFERENCES annotators (id),"
  "  kind TEXT NOT NULL DEFAULT 'quote' CHECK (kind IN ('quote')),"
  "  start INTEGER NOT NULL,"
  "  end INTEGER NOT NULL,"
  "  cue_start INTEGER,"
  "  cue_end INTEGER,"
  "  speaker_start INTEGER,"
  "  speaker_end INTEGER,"
  "  speaker_kind TEXT CHECK (speaker_kind IN ('name', 'description')),"
  "  via_start INTEGER,"
  "  via_end INTEGER,"
  "  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected')),"
  "  UNIQUE (document_id, annotator_id, kind, start, end));"
  "INSERT INTO suggestions_v5"
  "  SELECT g.id, g.document_id, s.annotator_id, g.kind, g.start, g.end, g.cue_start, g.cue_end,"
  "    g.speaker_start, g.speaker_end, g.speaker_kind, g.via_start, g.via_end, g.status"
  "  FROM suggestions g JOIN temp.doc_set s ON s.document_id = g.document_id;"
  "DROP TABLE suggestions;"
  "ALTER TABLE suggestions_v5 RENAME TO suggestions;"

  "CREATE TABLE document_sets ("
  "  id INTEGER PRIMARY KEY,"
  "  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
  "  annotator_id INTEGER NOT NULL REFERENCES annotators (id),"
  "  status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in-progress', 'done')),"
  "  modified INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (document_id, annotator_id));"
  "CREATE INDEX document_sets_set ON document_sets (annotator_id, document_id);"
  "INSERT INTO document_sets (document_id, annotator_id, status, modified)"
  "  SELECT d.id, s.annotator_id, d.status, d.modified"
  "  FROM documents d JOIN temp.doc_set s ON s.document_id = d.id"
  "  WHERE s.annotator_id IS NOT NULL"
  "    AND (d.status <> 'new' OR EXISTS (SELECT 1 FROM annotations a WHERE a.document_id = d.id));"
  "DROP TABLE temp.doc_set;",

  /* 6: files a project keeps for the formats it came from, by name
   * ("brat/annotation.conf"), given back on export as they were read
   * (gloss-store-files.c). Nothing else refers to the table, so the step
   * stands alone and may take another number. */
  "CREATE TABLE project_files ("
  "  name TEXT PRIMARY KEY,"
  "  content TEXT NOT NULL);",

  /* 7: claim suggestions beside quote suggestions. SQLite changes a CHECK
   * constraint only by rebuilding the table; the rows keep their ids, so that
   * nothing pointing at them (the window's undo history) loses them. */
  "CREATE TABLE suggestions_v7 ("
  "  id INTEGER PRIMARY KEY,"
  "  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
  "  annotator_id INTEGER NOT NULL REFERENCES annotators (id),"
  "  kind TEXT NOT NULL DEFAULT 'quote' CHECK (kind IN ('quote', 'claim')),"
  "  start INTEGER NOT NULL,"
  "  end INTEGER NOT NULL,"
  "  cue_start INTEGER,"
  "  cue_end INTEGER,"
  "  speaker_start INTEGER,"
  "  speaker_end INTEGER,"
  "  speaker_kind TEXT CHECK (speaker_kind IN ('name', 'description')),"
  "  via_start INTEGER,"
  "  via_end INTEGER,"
  "  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected')),"
  "  UNIQUE (document_id, annotator_id, kind, start, end));"
  "INSERT INTO suggestions_v7"
  "  (id, document_id, annotator_id, kind, start, end, cue_start, cue_end, speaker_start,"
  "   speaker_end, speaker_kind, via_start, via_end, status)"
  "  SELECT id, document_id, annotator_id, kind, start, end, cue_start, cue_end, speaker_start,"
  "    speaker_end, speaker_kind, via_start, via_end, status"
  "  FROM suggestions;"
  "DROP TABLE suggestions;"
  "ALTER TABLE suggestions_v7 RENAME TO suggestions;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == GLOSS_STORE_SCHEMA_VERSION);

static gint64
query_int (GlossStore  *self,
           const char  *sql,
           GError     **error)
{
  GlossDbStmt *stmt = _gloss_store_prepare (self, sql, error);
  gint64 value = -1;

  if (stmt == NULL)
    return -1;
  if (gloss_db_step (stmt) == GLOSS_DB_ROW)
    value = gloss_db_column_int64 (stmt, 0);
  else
    _gloss_store_set_error (self, error);
  gloss_db_reset (stmt);
  return value;
}

/* Whose set a document's work goes into when no annotator is recorded on its
 * spans: the store's annotator, else the login's real name, else its user name. */
static gboolean
name_migration_annotator (GlossStore  *self,
                          GError     **error)
{
  g_autofree char *name = _gloss_store_default_annotator (self);
  GlossDbStmt *stmt;

  if (!_gloss_store_exec (self, "CREATE TEMP TABLE IF NOT EXISTS migration_annotator (name TEXT); "
                                "DELETE FROM temp.migration_annotator", error))
    return FALSE;
  stmt = _gloss_store_prepare (self, "INSERT INTO temp.migration_annotator (name) VALUES (?)", error);
  if (stmt == NULL)
    return FALSE;
  gloss_db_bind_text (stmt, 1, name);
  return _gloss_store_step_done (self, stmt, error);
}

static gboolean
foreign_keys_hold (GlossStore  *self,
                   GError     **error)
{
  GlossDbStmt *stmt = _gloss_store_prepare (self, "PRAGMA foreign_key_check", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = gloss_db_step (stmt);
  gloss_db_reset (stmt);
  if (rc == GLOSS_DB_DONE)
    return TRUE;
  g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_DAMAGED,
               _("%s: the update to this version of Gloss would leave broken links; nothing was "
                 "changed"), gloss_store_get_path (self));
  return FALSE;
}

/* Brings the project to @target in one transaction: either every step applies or
 * the file stays as it was. */
gboolean
_gloss_store_migrate (GlossStore  *self,
                      guint        target,
                      GError     **error)
{
  g_autofree char *set_version = NULL;
  g_autofree char *set_app_id = NULL;
  gint64 current;

  g_return_val_if_fail (target <= GLOSS_STORE_SCHEMA_VERSION, FALSE);

  /* Rebuilding a table drops the old one: with foreign keys on, that would
   * delete every row that refers to it. The switch only works outside a
   * transaction; foreign_key_check below stands in for it meanwhile. */
  if (!_gloss_store_exec (self, "PRAGMA foreign_keys = OFF", error))
    return FALSE;
  if (!_gloss_store_exec (self, "BEGIN IMMEDIATE", error))
    goto restore;

  current = query_int (self, "PRAGMA user_version", error);
  if (current < 0 || !name_migration_annotator (self, error))
    goto failed;

  for (guint v = current; v < target; v++)
    {
      g_debug ("Migrating %s to version %u", gloss_store_get_path (self), v + 1);
      if (!_gloss_store_exec (self, migrations[v], error))
        goto failed;
    }

  /* PRAGMAs take no bound parameters; both values are integers we format. */
  set_version = g_strdup_printf ("PRAGMA user_version = %u", MAX (target, (guint) current));
  set_app_id = g_strdup_printf ("PRAGMA application_id = %d", (gint32) GLOSS_STORE_APPLICATION_ID);
  if (!_gloss_store_exec (self, set_version, error)
      || !_gloss_store_exec (self, set_app_id, error)
      || !foreign_keys_hold (self, error)
      || !_gloss_store_exec (self, "COMMIT", error))
    goto failed;

  return _gloss_store_exec (self, "PRAGMA foreign_keys = ON", error);

failed:
  _gloss_store_exec (self, "ROLLBACK", NULL);
restore:
  _gloss_store_exec (self, "PRAGMA foreign_keys = ON", NULL);
  return FALSE;
}

static gboolean
insert_layer (GlossStore  *self,
              JsonObject  *layer,
              GError     **error)
{
  GlossDbStmt *stmt;

  stmt = _gloss_store_prepare (self,
                               "INSERT INTO layers (name, is_event) VALUES (?, ?) "
                               "ON CONFLICT (name) DO NOTHING", error);
  if (stmt == NULL)
    return FALSE;
  gloss_db_bind_text (stmt, 1, json_object_get_string_member (layer, "name"));
  gloss_db_bind_int64 (stmt, 2, json_object_get_boolean_member_with_default (layer, "event", FALSE));
  return _gloss_store_step_done (self, stmt, error);
}

static JsonArray *
array_member (JsonObject *object,
              const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static GlossLabel *
label_from_json (JsonObject  *object,
                 GError     **error)
{
  g_autoptr(GlossLabel) label = gloss_label_new ();
  JsonArray *attributes;

  label->name = g_strdup (json_object_get_string_member_with_default (object, "name", NULL));
  label->layer = g_strdup (json_object_get_string_member_with_default (object, "layer", "entity"));
  label->color = g_strdup (json_object_get_string_member_with_default (object, "color", "#cccccc"));
  label->hotkey = g_strdup (json_object_get_string_member_with_default (object, "hotkey", NULL));
  label->description = g_strdup (json_object_get_string_member_with_default (object, "description", NULL));
  label->can_speak = json_object_get_boolean_member_with_default (object, "can_speak", FALSE);

  if (label->name == NULL
      || !gloss_label_kind_from_string (json_object_get_string_member_with_default (object, "kind", "entity"),
                                        &label->kind))
    {
      g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID,
                   "label schema: a label without a name or with an unknown kind");
      return NULL;
    }

  attributes = array_member (object, "attributes");
  for (guint i = 0; attributes != NULL && i < json_array_get_length (attributes); i++)
    {
      JsonObject *a = json_array_get_object_element (attributes, i);
      g_autoptr(GlossAttributeDef) def = g_new0 (GlossAttributeDef, 1);
      JsonArray *values = array_member (a, "values");

      def->name = g_strdup (json_object_get_string_member (a, "name"));
      if (!gloss_attribute_type_from_string (json_object_get_string_member (a, "type"), &def->type))
        def->type = GLOSS_ATTRIBUTE_TEXT;
      if (values != NULL)
        {
          def->values = g_new0 (char *, json_array_get_length (values) + 1);
          for (guint j = 0; j < json_array_get_length (values); j++)
            def->values[j] = g_strdup (json_array_get_string_element (values, j));
        }
      g_ptr_array_add (label->attributes, g_steal_pointer (&def));
    }

  return g_steal_pointer (&label);
}

static gboolean
insert_relation_type (GlossStore  *self,
                      JsonObject  *type,
                      GError     **error)
{
  GlossDbStmt *stmt;

  stmt = _gloss_store_prepare (self,
                               "INSERT INTO relation_types (name, description) VALUES (?, ?) "
                               "ON CONFLICT (name) DO NOTHING", error);
  if (stmt == NULL)
    return FALSE;
  gloss_db_bind_text (stmt, 1, json_object_get_string_member (type, "name"));
  gloss_db_bind_text (stmt, 2, json_object_get_string_member_with_default (type, "description", NULL));
  return _gloss_store_step_done (self, stmt, error);
}

/* Adds the layers, labels and relation types of a schema object (the shape of
 * data/presets/\*.json and of the "schema" member of a project export). Labels
 * whose name is already taken are left as they are. */
gboolean
_gloss_store_insert_schema (GlossStore  *self,
                            JsonObject  *schema,
                            GError     **error)
{
  JsonArray *layers = array_member (schema, "layers");
  JsonArray *labels = array_member (schema, "labels");
  JsonArray *types = array_member (schema, "relation_types");

  for (guint i = 0; layers != NULL && i < json_array_get_length (layers); i++)
    if (!insert_layer (self, json_array_get_object_element (layers, i), error))
      return FALSE;

  for (guint i = 0; labels != NULL && i < json_array_get_length (labels); i++)
    {
      g_autoptr(GlossLabel) label = label_from_json (json_array_get_object_element (labels, i), error);

      if (label == NULL)
        return FALSE;
      if (gloss_store_lookup_label (self, label->name) != NULL)
        continue;
      if (!gloss_store_add_label (self, label, error))
        return FALSE;
    }

  for (guint i = 0; types != NULL && i < json_array_get_length (types); i++)
    if (!insert_relation_type (self, json_array_get_object_element (types, i), error))
      return FALSE;

  return TRUE;
}
