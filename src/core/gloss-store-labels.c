/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The label schema: layers, labels, their attributes and relation types, read
 * into memory once and edited one undo step at a time. */
#define G_LOG_DOMAIN "gloss-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gloss-color.h"
#include "gloss-core-resources.h"
#include "gloss-store-private.h"

/* ---- Label schema ---------------------------------------------------------- */

static void
index_labels (GlossStore *self)
{
  g_hash_table_remove_all (self->labels_by_name);
  g_hash_table_remove_all (self->labels_by_rowid);
  for (guint i = 0; i < self->labels->len; i++)
    {
      GlossLabel *label = g_ptr_array_index (self->labels, i);

      g_hash_table_insert (self->labels_by_name, label->name, label);
      g_hash_table_insert (self->labels_by_rowid, &label->rowid, label);
    }
}

static gboolean
load_layers (GlossStore  *self,
             GError     **error)
{
  GlossDbStmt *stmt = _gloss_store_prepare (self, "SELECT id, name, is_event FROM layers ORDER BY id",
                                             error);

  int rc;

  if (stmt == NULL)
    return FALSE;

  g_ptr_array_set_size (self->layers, 0);
  while ((rc = gloss_db_step (stmt)) == GLOSS_DB_ROW)
    {
      GlossLayer *layer;

      if (!_gloss_store_row_complete (self, stmt, GLOSS_STORE_COLUMN (1), error))
        {
          gloss_db_reset (stmt);
          return FALSE;
        }
      layer = g_new0 (GlossLayer, 1);
      layer->rowid = gloss_db_column_int64 (stmt, 0);
      layer->name = _gloss_store_column_dup (stmt, 1);
      layer->is_event = gloss_db_column_int (stmt, 2);
      g_ptr_array_add (self->layers, layer);
    }
  return _gloss_store_rows_done (self, stmt, rc, error);
}

static char **
parse_choices (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *array;
  char **values;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL)
      || !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    return NULL;

  array = json_node_get_array (json_parser_get_root (parser));
  values = g_new0 (char *, json_array_get_length (array) + 1);
  for (guint i = 0; i < json_array_get_length (array); i++)
    values[i] = g_strdup (json_array_get_string_element (array, i));
  return values;
}

static gboolean
load_attributes (GlossStore  *self,
                 GError     **error)
{
  GlossDbStmt *stmt = _gloss_store_prepare (self,
                                             "SELECT label_id, name, type, choices FROM attribute_defs "
                                             "ORDER BY id", error);

  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = gloss_db_step (stmt)) == GLOSS_DB_ROW)
    {
      gint64 label_rowid = gloss_db_column_int64 (stmt, 0);
      GlossLabel *label = g_hash_table_lookup (self->labels_by_rowid, &label_rowid);
      GlossAttributeDef *def;

      if (!_gloss_store_row_complete (self, stmt, GLOSS_STORE_COLUMN (1), error))
        {
          gloss_db_reset (stmt);
          return FALSE;
        }
      if (label == NULL)
        continue;
      def = g_new0 (GlossAttributeDef, 1);
      def->name = _gloss_store_column_dup (stmt, 1);
      gloss_attribute_type_from_string (gloss_db_column_text (stmt, 2), &def->type);
      def->values = parse_choices (gloss_db_column_text (stmt, 3));
      g_ptr_array_add (label->attributes, def);
    }
  return _gloss_store_rows_done (self, stmt, rc, error);
}

gboolean
_gloss_store_load_schema (GlossStore  *self,
                          GError     **error)
{
  GlossDbStmt *stmt;
  int rc;

  /* relation types may have gone with an undo, or another program's change */
  g_hash_table_remove_all (self->relation_types);
  if (!load_layers (self, error))
    return FALSE;

  stmt = _gloss_store_prepare (self,
                               "SELECT l.id, l.name, y.name, l.kind, l.can_speak, l.color, l.hotkey, "
                               "l.description FROM labels l JOIN layers y ON y.id = l.layer_id "
                               "ORDER BY y.id, l.id", error);
  if (stmt == NULL)
    return FALSE;

  g_hash_table_remove_all (self->labels_by_name);
  g_hash_table_remove_all (self->labels_by_rowid);
  g_ptr_array_set_size (self->labels, 0);
  while ((rc = gloss_db_step (stmt)) == GLOSS_DB_ROW)
    {
      GlossLabel *label;

      if (!_gloss_store_row_complete (self, stmt,
                                      GLOSS_STORE_COLUMN (1) | GLOSS_STORE_COLUMN (2) | GLOSS_STORE_COLUMN (5),
                                      error))
        break;
      label = gloss_label_new ();
      label->rowid = gloss_db_column_int64 (stmt, 0);
      label->name = _gloss_store_column_dup (stmt, 1);
      label->layer = _gloss_store_column_dup (stmt, 2);
      gloss_label_kind_from_string (gloss_db_column_text (stmt, 3), &label->kind);
      label->can_speak = gloss_db_column_int (stmt, 4);
      label->color = _gloss_store_column_dup (stmt, 5);
      label->hotkey = _gloss_store_column_dup (stmt, 6);
      label->description = _gloss_store_column_dup (stmt, 7);
      g_ptr_array_add (self->labels, label);
    }
  index_labels (self);
  if (rc == GLOSS_DB_ROW)
    {
      gloss_db_reset (stmt);
      return FALSE;
    }
  return _gloss_store_rows_done (self, stmt, rc, error) && load_attributes (self, error);
}

/**
 * gloss_store_reload_schema:
 *
 * Reads the label schema again, after another program may have changed it.
 */
gboolean
gloss_store_reload_schema (GlossStore  *self,
                           GError     **error)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);
  return _gloss_store_load_schema (self, error);
}

/**
 * gloss_store_list_layers:
 *
 * Returns: (transfer none) (element-type GlossLayer): the layers, in schema order
 */
GPtrArray *
gloss_store_list_layers (GlossStore *self)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);
  return self->layers;
}

/**
 * gloss_store_list_labels:
 *
 * Returns: (transfer none) (element-type GlossLabel): the labels, grouped by layer
 */
GPtrArray *
gloss_store_list_labels (GlossStore *self)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);
  return self->labels;
}

const GlossLabel *
gloss_store_lookup_label (GlossStore *self,
                          const char *name)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);

  if (name == NULL)
    return NULL;
  return g_hash_table_lookup (self->labels_by_name, name);
}

static gboolean
check_writable (GlossStore  *self,
                GError     **error)
{
  g_autofree char *display = NULL;

  if (self->viewing != NULL)
    {
      g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_READ_ONLY,
                   _("These are %s’s annotations, shown read-only; go back to your own set to "
                     "annotate"), self->viewing);
      return FALSE;
    }
  if (!self->read_only)
    return TRUE;

  display = g_filename_display_name (self->path);
  g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_READ_ONLY,
               _("%s: the project is read-only; nothing was changed (make the file writable, "
                 "or work on a copy)"), display);
  return FALSE;
}

/* The row id of the row named @name, inserted first if missing: layers and
 * annotators are made on first use. */
static gint64
ensure_named_row (GlossStore  *self,
                  const char  *insert_sql,
                  const char  *select_sql,
                  const char  *name,
                  GError     **error)
{
  GlossDbStmt *stmt;
  gint64 rowid = -1;

  stmt = _gloss_store_prepare (self, insert_sql, error);
  if (stmt == NULL)
    return -1;
  gloss_db_bind_text (stmt, 1, name);
  if (!_gloss_store_step_done (self, stmt, error))
    return -1;

  stmt = _gloss_store_prepare (self, select_sql, error);
  if (stmt == NULL)
    return -1;
  gloss_db_bind_text (stmt, 1, name);
  if (gloss_db_step (stmt) == GLOSS_DB_ROW)
    rowid = gloss_db_column_int64 (stmt, 0);
  gloss_db_reset (stmt);
  return rowid;
}

static gint64
ensure_layer (GlossStore  *self,
              const char  *name,
              GError     **error)
{
  return ensure_named_row (self, "INSERT INTO layers (name) VALUES (?) ON CONFLICT (name) DO NOTHING",
                           "SELECT id FROM layers WHERE name = ?", name, error);
}

static gboolean
insert_attribute_def (GlossStore              *self,
                      gint64                   label_rowid,
                      const GlossAttributeDef *def,
                      GError                 **error)
{
  GlossDbStmt *stmt;
  g_autofree char *choices = NULL;

  if (def->values != NULL)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; def->values[i] != NULL; i++)
        json_builder_add_string_value (builder, def->values[i]);
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      choices = json_to_string (root, FALSE);
    }

  stmt = _gloss_store_prepare (self,
                               "INSERT INTO attribute_defs (label_id, name, type, choices) "
                               "VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  gloss_db_bind_int64 (stmt, 1, label_rowid);
  gloss_db_bind_text (stmt, 2, def->name);
  gloss_db_bind_text (stmt, 3, gloss_attribute_type_to_string (def->type));
  _gloss_store_bind_text_or_null (stmt, 4, choices);
  return _gloss_store_step_done (self, stmt, error);
}

/* A label that comes without a colour (a brat or doccano schema) gets the
 * one furthest from its layer's others. */
static char *
pick_color (GlossStore *self,
            gint64      layer_rowid)
{
  g_autoptr(GStrvBuilder) taken = g_strv_builder_new ();
  g_auto(GStrv) colors = NULL;
  GlossDbStmt *stmt = _gloss_store_prepare (self, "SELECT color FROM labels WHERE layer_id = ?", NULL);

  if (stmt != NULL)
    {
      gloss_db_bind_int64 (stmt, 1, layer_rowid);
      while (gloss_db_step (stmt) == GLOSS_DB_ROW)
        if (gloss_db_column_text (stmt, 0) != NULL)
          g_strv_builder_add (taken, gloss_db_column_text (stmt, 0));
      gloss_db_reset (stmt);
    }
  colors = g_strv_builder_end (taken);
  return gloss_color_pick_distinct ((const char * const *) colors);
}

static gboolean
insert_label (GlossStore        *self,
              const GlossLabel  *label,
              GError           **error)
{
  GlossDbStmt *stmt;
  gint64 layer_rowid, label_rowid;
  g_autofree char *picked = NULL;

  layer_rowid = ensure_layer (self, label->layer != NULL ? label->layer : "entity", error);
  if (layer_rowid < 0)
    return FALSE;
  if (label->color == NULL)
    picked = pick_color (self, layer_rowid);

  stmt = _gloss_store_prepare (self,
                               "INSERT INTO labels (layer_id, name, kind, can_speak, color, hotkey, "
                               "description) VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  gloss_db_bind_int64 (stmt, 1, layer_rowid);
  gloss_db_bind_text (stmt, 2, label->name);
  gloss_db_bind_text (stmt, 3, gloss_label_kind_to_string (label->kind));
  gloss_db_bind_int64 (stmt, 4, label->can_speak);
  gloss_db_bind_text (stmt, 5, label->color != NULL ? label->color : picked);
  _gloss_store_bind_text_or_null (stmt, 6, label->hotkey);
  _gloss_store_bind_text_or_null (stmt, 7, label->description);
  if (!_gloss_store_step_done (self, stmt, error))
    return FALSE;

  label_rowid = gloss_db_last_insert_rowid (self->db);
  for (guint i = 0; label->attributes != NULL && i < label->attributes->len; i++)
    if (!insert_attribute_def (self, label_rowid, g_ptr_array_index (label->attributes, i), error))
      return FALSE;

  return TRUE;
}

static gboolean
is_color (const char *color)
{
  if (color == NULL || color[0] != '#' || strlen (color) != 7)
    return FALSE;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (color[i]))
      return FALSE;
  return TRUE;
}

static const GlossLabel *
lookup_hotkey (GlossStore *self,
               const char *hotkey)
{
  for (guint i = 0; i < self->labels->len; i++)
    {
      const GlossLabel *label = g_ptr_array_index (self->labels, i);

      if (g_strcmp0 (label->hotkey, hotkey) == 0)
        return label;
    }
  return NULL;
}

static gboolean
check_label (GlossStore        *self,
             const GlossLabel  *label,
             GError           **error)
{
  const GlossLabel *other;

  if (label->name == NULL || *label->name == '\0' || strpbrk (label->name, " \t\n") != NULL)
    {
      g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID,
                   _("a label name must be one word without spaces"));
      return FALSE;
    }
  if (gloss_store_lookup_label (self, label->name) != NULL)
    {
      g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_DUPLICATE,
                   _("there is already a label “%s”"), label->name);
      return FALSE;
    }
  if (label->color != NULL && !is_color (label->color))
    {
      g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID,
                   _("label %s: colour “%s” is not of the form #rrggbb"), label->name, label->color);
      return FALSE;
    }
  if (label->hotkey != NULL && g_utf8_strlen (label->hotkey, -1) != 1)
    {
      g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID,
                   _("label %s: a hotkey is one key, not “%s”"), label->name, label->hotkey);
      return FALSE;
    }
  if (label->hotkey != NULL && (other = lookup_hotkey (self, label->hotkey)) != NULL)
    {
      g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_DUPLICATE,
                   _("hotkey “%s” is already used by %s; choose another"), label->hotkey,
                   other->name);
      return FALSE;
    }
  return TRUE;
}

gboolean
_gloss_store_check_writable (GlossStore  *self,
                             GError     **error)
{
  return check_writable (self, error);
}

gboolean
gloss_store_add_label (GlossStore        *self,
                       const GlossLabel  *label,
                       GError           **error)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);
  g_return_val_if_fail (label != NULL, FALSE);

  if (!check_writable (self, error) || !check_label (self, label, error))
    return FALSE;

  if (!_gloss_store_exec (self, "SAVEPOINT add_label", error))
    return FALSE;
  if (!insert_label (self, label, error))
    {
      _gloss_store_exec (self, "ROLLBACK TO add_label; RELEASE add_label", NULL);
      _gloss_store_load_schema (self, NULL);
      return FALSE;
    }
  if (!_gloss_store_exec (self, "RELEASE add_label", error)
      || !_gloss_store_load_schema (self, error))
    return FALSE;

  _gloss_store_emit_schema_changed (self);
  return TRUE;
}

/* Runs one schema statement with a name, a flag and a text bound, then reads
 * the schema again. */
static gboolean
change_schema (GlossStore  *self,
               const char  *sql,
               const char  *name,
               gint         flag,
               const char  *text,
               GError     **error)
{
  GlossDbStmt *stmt;

  if (!check_writable (self, error))
    return FALSE;
  stmt = _gloss_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  gloss_db_bind_text (stmt, 1, name);
  gloss_db_bind_int64 (stmt, 2, flag);
  _gloss_store_bind_text_or_null (stmt, 3, text);
  if (!_gloss_store_step_done (self, stmt, error) || !_gloss_store_load_schema (self, error))
    return FALSE;

  _gloss_store_emit_schema_changed (self);
  return TRUE;
}

/**
 * gloss_store_add_layer:
 * @is_event: whether labels of the layer are event triggers
 *
 * Adds a layer. A layer of that name already there is kept, and becomes an
 * event layer when @is_event is set.
 */
gboolean
gloss_store_add_layer (GlossStore  *self,
                       const char  *name,
                       gboolean     is_event,
                       GError     **error)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL && *name != '\0', FALSE);

  return change_schema (self,
                        "INSERT INTO layers (name, is_event) VALUES (?1, ?2) "
                        "ON CONFLICT (name) DO UPDATE SET is_event = CASE WHEN layers.is_event > "
                        "excluded.is_event THEN layers.is_event ELSE excluded.is_event END",
                        name, is_event ? 1 : 0, NULL, error);
}

/**
 * gloss_store_add_relation_type:
 * @description: (nullable): what the type means; kept only when the type had none
 *
 * Adds a relation type to the schema, so that it is offered before any
 * relation uses it.
 */
gboolean
gloss_store_add_relation_type (GlossStore  *self,
                               const char  *name,
                               const char  *description,
                               GError     **error)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL && *name != '\0', FALSE);

  return change_schema (self,
                        "INSERT INTO relation_types (name, description) VALUES (?1, ?3) "
                        "ON CONFLICT (name) DO UPDATE SET "
                        "description = coalesce (relation_types.description, excluded.description)",
                        name, 0, description, error);
}

/**
 * gloss_store_list_relation_types:
 *
 * Returns: (transfer full): the names of the project's relation types
 */
GStrv
gloss_store_list_relation_types (GlossStore *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GlossDbStmt *stmt;

  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);

  stmt = _gloss_store_prepare (self, "SELECT name FROM relation_types ORDER BY id", NULL);
  while (stmt != NULL && gloss_db_step (stmt) == GLOSS_DB_ROW)
    g_strv_builder_add (builder, gloss_db_column_text (stmt, 0));
  if (stmt != NULL)
    gloss_db_reset (stmt);
  return g_strv_builder_end (builder);
}

/**
 * gloss_store_describe_relation_type:
 *
 * Returns: (nullable) (transfer full): the type's description
 */
char *
gloss_store_describe_relation_type (GlossStore *self,
                                    const char *name)
{
  GlossDbStmt *stmt;
  char *description = NULL;

  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);

  stmt = _gloss_store_prepare (self, "SELECT description FROM relation_types WHERE name = ?", NULL);
  if (stmt == NULL)
    return NULL;
  gloss_db_bind_text (stmt, 1, name);
  if (gloss_db_step (stmt) == GLOSS_DB_ROW)
    description = _gloss_store_column_dup (stmt, 0);
  gloss_db_reset (stmt);
  return description;
}

static JsonObject *
load_preset (GlossPreset   preset,
             GError      **error)
{
  static const char * const paths[] = {
    "/org/gloss/Gloss/presets/ontonotes.json",
    "/org/gloss/Gloss/presets/conll2003.json",
  };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  bytes = g_resource_lookup_data (gloss_core_get_resource (), paths[preset], 0, error);
  if (bytes == NULL
      || !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), error))
    return NULL;

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static gboolean
project_has_spans (GlossStore *self)
{
  GlossDbStmt *stmt = _gloss_store_prepare (self, "SELECT 1 FROM annotations LIMIT 1", NULL);
  gboolean found;

  found = stmt != NULL && gloss_db_step (stmt) == GLOSS_DB_ROW;
  if (stmt != NULL)
    gloss_db_reset (stmt);
  return found;
}

/**
 * gloss_store_apply_schema:
 * @schema: a label schema in the shape of data/presets/\*.json
 *
 * Replaces the label schema with @schema, in its order. Refused once the
 * project has annotations, since they are anchored to labels.
 */
gboolean
gloss_store_apply_schema (GlossStore  *self,
                          JsonObject  *schema,
                          GError     **error)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);
  g_return_val_if_fail (schema != NULL, FALSE);

  if (!check_writable (self, error))
    return FALSE;
  if (project_has_spans (self))
    {
      g_autofree char *display = _gloss_store_display_name (self->path);

      g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID,
                   _("%s: the project already has annotations; a preset can only be chosen "
                     "for a new project"), display);
      return FALSE;
    }

  if (!_gloss_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  _gloss_store_forget_written (self);
  if (!_gloss_store_exec (self, "DELETE FROM attribute_defs; DELETE FROM labels; "
                                "DELETE FROM layers; DELETE FROM relation_types", error)
      || !_gloss_store_load_schema (self, error)
      || !_gloss_store_insert_schema (self, schema, error)
      || !_gloss_store_exec (self, "COMMIT", error))
    {
      _gloss_store_exec (self, "ROLLBACK", NULL);
      _gloss_store_load_schema (self, NULL);
      return FALSE;
    }

  /* The history names labels by row id, which now belong to other labels. */
  g_ptr_array_set_size (self->undo_stack, 0);
  g_ptr_array_set_size (self->redo_stack, 0);
  _gloss_store_emit_schema_changed (self);
  return TRUE;
}

/**
 * gloss_store_apply_preset:
 *
 * Replaces the label schema with a preset's (see gloss_store_apply_schema()).
 */
gboolean
gloss_store_apply_preset (GlossStore   *self,
                          GlossPreset   preset,
                          GError      **error)
{
  g_autoptr(JsonObject) schema = NULL;

  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);
  g_return_val_if_fail (preset <= GLOSS_PRESET_CONLL2003, FALSE);

  schema = load_preset (preset, error);
  return schema != NULL && gloss_store_apply_schema (self, schema, error);
}

/* ---- Editing the label schema: each change one undo step ---------------------------- */

static gint64
label_rowid (GlossStore  *self,
             const char  *name,
             GError     **error)
{
  const GlossLabel *label = gloss_store_lookup_label (self, name);

  if (label == NULL)
    {
      _gloss_store_set_not_found (error, _("label"), name ? name : "");
      return -1;
    }
  return label->rowid;
}

static gboolean
schema_mutation_done (GlossStore  *self,
                      gboolean     ok,
                      GError     **error)
{
  ok = _gloss_store_end_mutation (self, ok, error);
  _gloss_store_load_schema (self, NULL);
  _gloss_store_emit_schema_changed (self);
  return ok;
}

/**
 * gloss_store_update_label:
 * @name: the label to change
 * @changes: its new name, colour, hotkey ("" for none) and description;
 *   %NULL fields stay as they are
 *
 * Renaming or recolouring a label never changes its kind, so quote and claim
 * logic keeps working. A hotkey another label has is refused.
 */
gboolean
gloss_store_update_label (GlossStore        *self,
                          const char        *name,
                          const GlossLabel  *changes,
                          GError           **error)
{
  const GlossLabel *label;
  g_autoptr(GlossLabel) wanted = gloss_label_new ();
  GlossDbStmt *stmt;
  gint64 rowid;
  gboolean ok;

  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);
  g_return_val_if_fail (changes != NULL, FALSE);

  if ((rowid = label_rowid (self, name, error)) < 0)
    return FALSE;
  label = gloss_store_lookup_label (self, name);

  wanted->name = g_strdup (changes->name != NULL ? changes->name : label->name);
  wanted->color = g_strdup (changes->color != NULL ? changes->color : label->color);
  wanted->hotkey = g_strdup (changes->hotkey != NULL ? (*changes->hotkey ? changes->hotkey : NULL)
                                                     : label->hotkey);
  wanted->description = g_strdup (changes->description != NULL ? changes->description
                                                               : label->description);

  /* check_label() refuses names and hotkeys in use: ours do not count. */
  if (g_strcmp0 (wanted->name, label->name) == 0 && g_strcmp0 (wanted->hotkey, label->hotkey) == 0)
    ok = wanted->color == NULL || is_color (wanted->color);
  else
    {
      g_autoptr(GlossLabel) probe = gloss_label_new ();

      probe->name = g_strdup (g_strcmp0 (wanted->name, label->name) == 0 ? "gloss-unused-name" : wanted->name);
      probe->color = g_strdup (wanted->color);
      probe->hotkey = g_strcmp0 (wanted->hotkey, label->hotkey) == 0 ? NULL : g_strdup (wanted->hotkey);
      ok = check_label (self, probe, error);
      if (!ok)
        return FALSE;
    }
  if (!ok)
    {
      g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID,
                   _("label %s: colour “%s” is not of the form #rrggbb"), name, wanted->color);
      return FALSE;
    }

  if (!_gloss_store_begin_mutation (self, _("Change label"), 0, error))
    return FALSE;
  _gloss_store_track_row (self, &_gloss_store_table_labels, rowid, TRUE);
  stmt = _gloss_store_prepare (self, "UPDATE labels SET name = ?1, color = ?2, hotkey = ?3, description = ?4 "
                                     "WHERE id = ?5", error);
  ok = stmt != NULL;
  if (ok)
    {
      gloss_db_bind_text (stmt, 1, wanted->name);
      gloss_db_bind_text (stmt, 2, wanted->color);
      _gloss_store_bind_text_or_null (stmt, 3, wanted->hotkey);
      _gloss_store_bind_text_or_null (stmt, 4, wanted->description);
      gloss_db_bind_int64 (stmt, 5, rowid);
      ok = _gloss_store_step_done (self, stmt, error);
    }
  return schema_mutation_done (self, ok, error);
}

/* Returns: how many annotations have the label */
guint
gloss_store_count_label_spans (GlossStore *self,
                               const char *name)
{
  const GlossLabel *label = gloss_store_lookup_label (self, name);
  GlossDbStmt *stmt;
  guint n = 0;

  if (label == NULL)
    return 0;
  stmt = _gloss_store_prepare (self, "SELECT count(*) FROM annotations WHERE label_id = ?", NULL);
  if (stmt == NULL)
    return 0;
  gloss_db_bind_int64 (stmt, 1, label->rowid);
  if (gloss_db_step (stmt) == GLOSS_DB_ROW)
    n = gloss_db_column_int (stmt, 0);
  gloss_db_reset (stmt);
  return n;
}

GArray *
_gloss_store_rowids_of (GlossStore *self,
                        const char *sql,
                        gint64      key)
{
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  GlossDbStmt *stmt = _gloss_store_prepare (self, sql, NULL);

  if (stmt == NULL)
    return rows;
  gloss_db_bind_int64 (stmt, 1, key);
  while (gloss_db_step (stmt) == GLOSS_DB_ROW)
    {
      gint64 id = gloss_db_column_int64 (stmt, 0);

      g_array_append_val (rows, id);
    }
  gloss_db_reset (stmt);
  return rows;
}

/**
 * gloss_store_delete_label:
 *
 * Deletes a label with its attribute definitions and every annotation that has
 * it (with their relations). One undo step brings all of it back; the window
 * asks first.
 */
gboolean
gloss_store_delete_label (GlossStore  *self,
                          const char  *name,
                          GError     **error)
{
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GArray) attributes = NULL;
  g_autofree char *description = NULL;
  GlossDbStmt *stmt;
  gint64 rowid;
  gboolean ok = TRUE;

  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);

  if ((rowid = label_rowid (self, name, error)) < 0)
    return FALSE;
  description = g_strdup_printf (_("Delete label %s"), name);
  if (!_gloss_store_begin_mutation (self, description, 0, error))
    return FALSE;

  spans = _gloss_store_rowids_of (self, "SELECT id FROM annotations WHERE label_id = ?", rowid);
  for (guint i = 0; ok && i < spans->len; i++)
    ok = _gloss_store_delete_span_row (self, g_array_index (spans, gint64, i), error);

  attributes = _gloss_store_rowids_of (self, "SELECT id FROM attribute_defs WHERE label_id = ?", rowid);
  for (guint i = 0; i < attributes->len; i++)
    _gloss_store_track_row (self, &_gloss_store_table_attribute_defs, g_array_index (attributes, gint64, i), TRUE);
  _gloss_store_track_row (self, &_gloss_store_table_labels, rowid, TRUE);

  stmt = ok ? _gloss_store_prepare (self, "DELETE FROM attribute_defs WHERE label_id = ?", error) : NULL;
  if (stmt != NULL)
    {
      gloss_db_bind_int64 (stmt, 1, rowid);
      ok = _gloss_store_step_done (self, stmt, error);
    }
  stmt = ok ? _gloss_store_prepare (self, "DELETE FROM labels WHERE id = ?", error) : NULL;
  if (stmt != NULL)
    {
      gloss_db_bind_int64 (stmt, 1, rowid);
      ok = _gloss_store_step_done (self, stmt, error);
    }
  return schema_mutation_done (self, ok && stmt != NULL, error);
}

/**
 * gloss_store_add_attribute:
 *
 * Gives a label a typed attribute (enum with its values, boolean, text).
 */
gboolean
gloss_store_add_attribute (GlossStore               *self,
                           const char               *label,
                           const GlossAttributeDef  *def,
                           GError                  **error)
{
  const GlossLabel *target;
  gint64 rowid;
  gboolean ok;

  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);
  g_return_val_if_fail (def != NULL, FALSE);

  if ((rowid = label_rowid (self, label, error)) < 0)
    return FALSE;
  target = gloss_store_lookup_label (self, label);
  if (def->name == NULL || *def->name == '\0' || gloss_label_find_attribute (target, def->name) != NULL)
    {
      g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_DUPLICATE,
                   _("%s already has an attribute “%s”, or the name is empty"), label,
                   def->name ? def->name : "");
      return FALSE;
    }
  if (def->type == GLOSS_ATTRIBUTE_ENUM && (def->values == NULL || def->values[0] == NULL))
    {
      g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID,
                   _("a choice attribute needs its values, separated by commas"));
      return FALSE;
    }

  if (!_gloss_store_begin_mutation (self, _("Add attribute"), 0, error))
    return FALSE;
  ok = insert_attribute_def (self, rowid, def, error);
  if (ok)
    _gloss_store_track_row (self, &_gloss_store_table_attribute_defs, gloss_db_last_insert_rowid (self->db), FALSE);
  return schema_mutation_done (self, ok, error);
}

gboolean
gloss_store_define_relation_type (GlossStore  *self,
                               const char  *name,
                               const char  *description,
                               GError     **error)
{
  g_auto(GStrv) types = NULL;
  GlossDbStmt *stmt;
  gboolean ok;

  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);

  types = gloss_store_list_relation_types (self);
  if (name == NULL || *name == '\0' || strpbrk (name, " \t\n") != NULL
      || g_strv_contains ((const char * const *) types, name))
    {
      g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_DUPLICATE,
                   _("“%s” is empty, has spaces, or is already a relation type"), name ? name : "");
      return FALSE;
    }

  if (!_gloss_store_begin_mutation (self, _("Add relation type"), 0, error))
    return FALSE;
  stmt = _gloss_store_prepare (self, "INSERT INTO relation_types (name, description) VALUES (?, ?)", error);
  ok = stmt != NULL;
  if (ok)
    {
      gloss_db_bind_text (stmt, 1, name);
      _gloss_store_bind_text_or_null (stmt, 2, description);
      ok = _gloss_store_step_done (self, stmt, error);
    }
  if (ok)
    _gloss_store_track_row (self, &_gloss_store_table_relation_types, gloss_db_last_insert_rowid (self->db), FALSE);
  return schema_mutation_done (self, ok, error);
}
