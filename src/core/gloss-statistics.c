/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-statistics"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gloss-agreement-store.h"
#include "gloss-statistics.h"

struct _GlossStatistics
{
  GObject     parent_instance;

  gboolean    any_status;
  guint       documents;
  guint       adjudicated;
  GStrv       sets;          /* every set, gold last */
  GStrv       annotators;    /* the sets compared: all but gold */
  GStrv       layers;        /* layers that have labels, schema order */
  GPtrArray  *labels;        /* GStrv per layer */
  JsonObject *set_stats;     /* as gloss_store_get_set_stats () */
  GPtrArray  *agreements;    /* GlossAgreement per layer; empty below two annotators */
  GPtrArray  *agreement_json;
};

G_DEFINE_FINAL_TYPE (GlossStatistics, gloss_statistics, G_TYPE_OBJECT)

static void
gloss_statistics_finalize (GObject *object)
{
  GlossStatistics *self = GLOSS_STATISTICS (object);

  g_strfreev (self->sets);
  g_strfreev (self->annotators);
  g_strfreev (self->layers);
  g_ptr_array_unref (self->labels);
  g_clear_pointer (&self->set_stats, json_object_unref);
  g_ptr_array_unref (self->agreements);
  g_ptr_array_unref (self->agreement_json);
  G_OBJECT_CLASS (gloss_statistics_parent_class)->finalize (object);
}

static void
gloss_statistics_class_init (GlossStatisticsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gloss_statistics_finalize;
}

static void
gloss_statistics_init (GlossStatistics *self)
{
  self->labels = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  self->agreements = g_ptr_array_new_with_free_func (g_object_unref);
  self->agreement_json = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
}

/* ---- Computing ---- */

static GStrv
all_but_gold (const char * const *sets)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  for (guint i = 0; sets[i] != NULL; i++)
    if (!g_str_equal (sets[i], "gold"))
      g_strv_builder_add (names, sets[i]);
  return g_strv_builder_end (names);
}

static void
read_layers (GlossStatistics *self,
             GlossStore      *store)
{
  GPtrArray *layers = gloss_store_list_layers (store);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  for (guint i = 0; i < layers->len; i++)
    {
      const GlossLayer *layer = g_ptr_array_index (layers, i);
      GStrv labels = gloss_agreement_store_labels (store, layer->name);

      if (labels[0] == NULL)
        {
          g_strfreev (labels);
          continue;
        }
      g_strv_builder_add (names, layer->name);
      g_ptr_array_add (self->labels, labels);
    }
  self->layers = g_strv_builder_end (names);
}

static gboolean
read_sets (GlossStatistics  *self,
           GlossStore       *store,
           GError          **error)
{
  g_autoptr(JsonNode) sets = gloss_store_get_set_stats (store, error);
  JsonObject *gold;

  if (sets == NULL)
    return FALSE;
  self->set_stats = json_object_ref (json_node_get_object (sets));
  self->sets = gloss_store_list_sets (store, 0);
  self->annotators = all_but_gold ((const char * const *) self->sets);
  gold = gloss_statistics_get_set (self, "gold");
  if (gold != NULL)
    self->adjudicated = json_object_get_int_member_with_default (
      json_object_get_object_member (gold, "documents"), "done", 0);
  return TRUE;
}

static gboolean
read_agreement (GlossStatistics  *self,
                GlossStore       *store,
                GPtrArray        *documents,
                GCancellable     *cancellable,
                GError          **error)
{
  if (g_strv_length (self->annotators) < 2)
    return TRUE;
  for (guint i = 0; self->layers[i] != NULL; i++)
    g_ptr_array_add (self->agreements,
                     gloss_agreement_new ((const char * const *) self->annotators,
                                          g_ptr_array_index (self->labels, i)));
  for (guint i = 0; i < documents->len; i++)
    {
      const GlossDocument *document = g_ptr_array_index (documents, i);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (self->agreements->len > 0
          && !gloss_agreement_add_store_document_all ((GlossAgreement * const *) self->agreements->pdata,
                                                      self->agreements->len, store, document->rowid,
                                                      self->any_status, error))
        return FALSE;
    }
  for (guint i = 0; i < self->agreements->len; i++)
    g_ptr_array_add (self->agreement_json, gloss_agreement_to_json (self->agreements->pdata[i]));
  return TRUE;
}

/* Agreement reads every annotator's set through @store: put back the set (and
 * the set shown read-only) its owner was working in. */
static void
restore_set (GlossStore *store,
             const char *annotator,
             const char *set)
{
  g_autofree char *now = NULL;

  gloss_store_set_annotator (store, annotator);
  now = gloss_store_get_set (store);
  if (set != NULL && g_strcmp0 (now, set) != 0)
    gloss_store_view_set (store, set);
}

/**
 * gloss_statistics_new_for_store:
 * @any_status: agreement counts every document both annotators have, not only
 *   those both marked done (as `gloss-cli agree --status any`)
 *
 * Computes the figures of @store. The store works in the same set afterwards.
 *
 * Returns: (transfer full): the figures, or %NULL with @error set
 */
GlossStatistics *
gloss_statistics_new_for_store (GlossStore    *store,
                                gboolean       any_status,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_autoptr(GlossStatistics) self = g_object_new (GLOSS_TYPE_STATISTICS, NULL);
  g_autofree char *annotator = NULL;
  g_autofree char *set = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  gboolean ok;

  g_return_val_if_fail (GLOSS_IS_STORE (store), NULL);

  self->any_status = any_status;
  annotator = g_strdup (gloss_store_get_annotator (store));
  set = gloss_store_get_set (store);
  read_layers (self, store);
  documents = gloss_store_list_documents (store, error);
  if (documents == NULL || !read_sets (self, store, error))
    return NULL;
  self->documents = documents->len;
  ok = read_agreement (self, store, documents, cancellable, error);
  restore_set (store, annotator, set);
  return ok ? g_steal_pointer (&self) : NULL;
}

static void
compute_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  const char *project = task_data;
  gboolean any_status = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "any-status"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) store = gloss_store_open (project, GLOSS_STORE_OPEN_READ_ONLY, &error);
  GlossStatistics *self = NULL;

  if (store != NULL)
    self = gloss_statistics_new_for_store (store, any_status, cancellable, &error);
  if (self == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, self, g_object_unref);
}

/**
 * gloss_statistics_new_async:
 * @project: the project's path
 *
 * Computes the figures in a thread with a connection of its own, so the
 * caller's store (and the set it works in) is not touched.
 */
void
gloss_statistics_new_async (const char          *project,
                            gboolean             any_status,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_return_if_fail (project != NULL);

  g_task_set_source_tag (task, gloss_statistics_new_async);
  g_task_set_task_data (task, g_strdup (project), g_free);
  g_object_set_data (G_OBJECT (task), "any-status", GINT_TO_POINTER (any_status));
  g_task_run_in_thread (task, compute_thread);
}

/**
 * gloss_statistics_new_finish:
 *
 * Returns: (transfer full): the figures, or %NULL with @error set
 */
GlossStatistics *
gloss_statistics_new_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Reading ---- */

gboolean
gloss_statistics_get_any_status (GlossStatistics *self)
{
  g_return_val_if_fail (GLOSS_IS_STATISTICS (self), FALSE);
  return self->any_status;
}

/**
 * gloss_statistics_get_documents:
 *
 * Returns: how many documents the project has
 */
guint
gloss_statistics_get_documents (GlossStatistics *self)
{
  g_return_val_if_fail (GLOSS_IS_STATISTICS (self), 0);
  return self->documents;
}

/**
 * gloss_statistics_get_adjudicated:
 *
 * Returns: how many documents have a gold set marked done
 */
guint
gloss_statistics_get_adjudicated (GlossStatistics *self)
{
  g_return_val_if_fail (GLOSS_IS_STATISTICS (self), 0);
  return self->adjudicated;
}

/**
 * gloss_statistics_get_sets:
 *
 * Returns: (transfer none): every annotator set, gold last
 */
const char * const *
gloss_statistics_get_sets (GlossStatistics *self)
{
  g_return_val_if_fail (GLOSS_IS_STATISTICS (self), NULL);
  return (const char * const *) self->sets;
}

/**
 * gloss_statistics_get_annotators:
 *
 * Returns: (transfer none): the sets agreement compares: every one but gold
 */
const char * const *
gloss_statistics_get_annotators (GlossStatistics *self)
{
  g_return_val_if_fail (GLOSS_IS_STATISTICS (self), NULL);
  return (const char * const *) self->annotators;
}

/**
 * gloss_statistics_get_layers:
 *
 * Returns: (transfer none): the layers that have labels, in schema order
 */
const char * const *
gloss_statistics_get_layers (GlossStatistics *self)
{
  g_return_val_if_fail (GLOSS_IS_STATISTICS (self), NULL);
  return (const char * const *) self->layers;
}

static gint
layer_index (GlossStatistics *self,
             const char      *layer)
{
  for (guint i = 0; layer != NULL && self->layers[i] != NULL; i++)
    if (g_str_equal (self->layers[i], layer))
      return i;
  return -1;
}

static gint
annotator_index (GlossStatistics *self,
                 const char      *name)
{
  for (guint i = 0; name != NULL && self->annotators[i] != NULL; i++)
    if (g_str_equal (self->annotators[i], name))
      return i;
  return -1;
}

/**
 * gloss_statistics_get_labels:
 *
 * Returns: (transfer none) (nullable): @layer's labels in schema order
 */
const char * const *
gloss_statistics_get_labels (GlossStatistics *self,
                             const char      *layer)
{
  gint i;

  g_return_val_if_fail (GLOSS_IS_STATISTICS (self), NULL);

  i = layer_index (self, layer);
  return i < 0 ? NULL : g_ptr_array_index (self->labels, i);
}

/**
 * gloss_statistics_get_set:
 *
 * Returns: (transfer none) (nullable): @set's figures,
 *   `{"documents": {"new": 1, "in-progress": 0, "done": 2}, "spans": {"PERSON": 3}}`
 */
JsonObject *
gloss_statistics_get_set (GlossStatistics *self,
                          const char      *set)
{
  g_return_val_if_fail (GLOSS_IS_STATISTICS (self), NULL);

  if (set == NULL || !json_object_has_member (self->set_stats, set))
    return NULL;
  return json_object_get_object_member (self->set_stats, set);
}

/**
 * gloss_statistics_get_agreement:
 *
 * Returns: (transfer none) (nullable): agreement on @layer as
 *   `gloss-cli agree --json` prints it, or %NULL below two annotators
 */
JsonObject *
gloss_statistics_get_agreement (GlossStatistics *self,
                                const char      *layer)
{
  gint i;

  g_return_val_if_fail (GLOSS_IS_STATISTICS (self), NULL);

  i = layer_index (self, layer);
  if (i < 0 || (guint) i >= self->agreement_json->len)
    return NULL;
  return json_node_get_object (g_ptr_array_index (self->agreement_json, i));
}

/**
 * gloss_statistics_get_confusion:
 * @a: the annotator of the rows
 * @b: the annotator of the columns
 *
 * Returns: (transfer full) (nullable): the label × label table of @a and @b on
 *   @layer, or %NULL when either is not an annotator or they are the same
 */
GlossConfusion *
gloss_statistics_get_confusion (GlossStatistics *self,
                                const char      *layer,
                                const char      *a,
                                const char      *b)
{
  gint l, i, j;

  g_return_val_if_fail (GLOSS_IS_STATISTICS (self), NULL);

  l = layer_index (self, layer);
  i = annotator_index (self, a);
  j = annotator_index (self, b);
  if (l < 0 || (guint) l >= self->agreements->len || i < 0 || j < 0 || i == j)
    return NULL;
  return gloss_agreement_get_confusion (self->agreements->pdata[l], i, j);
}

/* ---- JSON ---- */

static JsonNode *
take_object (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

static JsonNode *
strv_node (const char * const *strv)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; strv[i] != NULL; i++)
    json_array_add_string_element (array, strv[i]);
  json_node_take_array (node, array);
  return node;
}

static JsonNode *
agreement_node (GlossStatistics *self)
{
  JsonObject *object = json_object_new ();
  JsonObject *layers = json_object_new ();

  json_object_set_string_member (object, "status", self->any_status ? "any" : "done");
  json_object_set_member (object, "annotators", strv_node ((const char * const *) self->annotators));
  for (guint i = 0; i < self->agreement_json->len; i++)
    json_object_set_member (layers, self->layers[i], json_node_copy (self->agreement_json->pdata[i]));
  json_object_set_object_member (object, "layers", layers);
  return take_object (object);
}

/* {"labels": ["PER", "ORG", null], "counts": [[…], …]}: null and the last row
 * and column are "no span". */
static JsonObject *
confusion_object (const GlossConfusion *confusion)
{
  JsonObject *object = json_object_new ();
  JsonArray *labels = json_array_new ();
  JsonArray *rows = json_array_new ();
  guint k = confusion->n_labels + 1;

  for (guint i = 0; i < confusion->n_labels; i++)
    json_array_add_string_element (labels, confusion->labels[i]);
  json_array_add_null_element (labels);
  for (guint i = 0; i < k; i++)
    {
      JsonArray *row = json_array_new ();

      for (guint j = 0; j < k; j++)
        json_array_add_int_element (row, confusion->counts[i * k + j]);
      json_array_add_array_element (rows, row);
    }
  json_object_set_array_member (object, "labels", labels);
  json_object_set_array_member (object, "counts", rows);
  return object;
}

static JsonNode *
confusion_node (GlossStatistics *self,
                const char      *a,
                const char      *b)
{
  JsonObject *object = json_object_new ();
  JsonObject *layers = json_object_new ();

  json_object_set_string_member (object, "a", a);
  json_object_set_string_member (object, "b", b);
  for (guint i = 0; i < self->agreements->len; i++)
    {
      g_autoptr(GlossConfusion) confusion = gloss_statistics_get_confusion (self, self->layers[i], a, b);

      json_object_set_object_member (layers, self->layers[i], confusion_object (confusion));
    }
  json_object_set_object_member (object, "layers", layers);
  return take_object (object);
}

static gboolean
check_annotator (GlossStatistics  *self,
                 const char       *name,
                 GError          **error)
{
  g_autofree char *known = NULL;

  if (annotator_index (self, name) >= 0)
    return TRUE;
  known = g_strjoinv (", ", self->annotators);
  g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_FOUND,
               _("No annotator “%s” in the project (its annotators: %s)"), name,
               *known != '\0' ? known : _("none"));
  return FALSE;
}

/**
 * gloss_statistics_to_json:
 * @a: (nullable): the first annotator of the confusion table (default: the first)
 * @b: (nullable): the second (default: the next one after @a)
 *
 * Returns: (transfer full): `{"documents": 12, "adjudicated": 3, "sets": {…},
 *   "agreement": {"status": "done", "annotators": […], "layers": {"entity": {…}}},
 *   "confusion": {"a": "ana", "b": "ben", "layers": {"entity": {"labels": […],
 *   "counts": [[…]]}}}}`, "confusion" %NULL below two annotators; or %NULL with
 *   @error set when @a or @b is not an annotator
 */
JsonNode *
gloss_statistics_to_json (GlossStatistics  *self,
                          const char       *a,
                          const char       *b,
                          GError          **error)
{
  JsonObject *object;
  gboolean pair = g_strv_length (self->annotators) >= 2;

  g_return_val_if_fail (GLOSS_IS_STATISTICS (self), NULL);

  if ((a != NULL && !check_annotator (self, a, error)) || (b != NULL && !check_annotator (self, b, error)))
    return NULL;
  if (a != NULL && b != NULL && g_str_equal (a, b))
    {
      g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID,
                   _("The confusion table compares two different annotators, not “%s” with itself"), a);
      return NULL;
    }
  if (pair && a == NULL)
    a = g_str_equal (self->annotators[0], b ? b : "") ? self->annotators[1] : self->annotators[0];
  if (pair && b == NULL)
    b = g_str_equal (self->annotators[0], a) ? self->annotators[1] : self->annotators[0];

  object = json_object_new ();
  json_object_set_int_member (object, "documents", self->documents);
  json_object_set_int_member (object, "adjudicated", self->adjudicated);
  json_object_set_object_member (object, "sets", json_object_ref (self->set_stats));
  json_object_set_member (object, "agreement", agreement_node (self));
  if (pair)
    json_object_set_member (object, "confusion", confusion_node (self, a, b));
  else
    json_object_set_null_member (object, "confusion");
  return take_object (object);
}
