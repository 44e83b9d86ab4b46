/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-agreement"

#include "config.h"

#include "gloss-agreement-store.h"

/**
 * gloss_agreement_store_annotators:
 * @named: (nullable): a comma-separated list of annotators, as `--annotators`
 *
 * Returns: (transfer full): the annotators named, else every set of @store
 *   but gold
 */
GStrv
gloss_agreement_store_annotators (GlossStore *store,
                                  const char *named)
{
  g_auto(GStrv) sets = NULL;
  g_autoptr(GStrvBuilder) chosen = g_strv_builder_new ();

  g_return_val_if_fail (GLOSS_IS_STORE (store), NULL);

  if (named != NULL)
    return g_strsplit (named, ",", -1);
  sets = gloss_store_list_sets (store, 0);
  for (guint i = 0; sets[i] != NULL; i++)
    if (!g_str_equal (sets[i], "gold"))
      g_strv_builder_add (chosen, sets[i]);
  return g_strv_builder_end (chosen);
}

/**
 * gloss_agreement_store_labels:
 *
 * Returns: (transfer full): the names of @layer's labels in schema order
 *   (empty when @store has no such layer)
 */
GStrv
gloss_agreement_store_labels (GlossStore *store,
                              const char *layer)
{
  GPtrArray *labels;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  g_return_val_if_fail (GLOSS_IS_STORE (store), NULL);
  g_return_val_if_fail (layer != NULL, NULL);

  labels = gloss_store_list_labels (store);
  for (guint i = 0; i < labels->len; i++)
    {
      const GlossLabel *label = g_ptr_array_index (labels, i);

      if (g_str_equal (label->layer, layer))
        g_strv_builder_add (names, label->name);
    }
  return g_strv_builder_end (names);
}

/* One annotator's work on @document, left NULL when it does not count: the set
 * has not marked it done (unless @any_status), or has nothing of it. The set
 * is read by its name, without choosing it in the store. */
static gboolean
load_set (GlossStore  *store,
          gint64       document,
          const char  *annotator,
          gboolean     any_status,
          GPtrArray  **spans,
          GPtrArray  **relations,
          GPtrArray  **entities,
          GError     **error)
{
  if (!any_status && gloss_store_get_set_status (store, document, annotator, NULL) != GLOSS_STATUS_DONE)
    return TRUE;
  /* Only here: listing a document's sets reads every set's rows of the project. */
  if (any_status)
    {
      g_auto(GStrv) sets = gloss_store_list_sets (store, document);

      if (!g_strv_contains ((const char * const *) sets, annotator))
        return TRUE;
    }
  *spans = gloss_store_list_set_spans (store, document, annotator, error);
  *relations = *spans ? gloss_store_list_set_relations (store, document, annotator, error) : NULL;
  *entities = *relations ? gloss_store_list_set_entities (store, document, annotator, error) : NULL;
  return *entities != NULL;
}

static void
free_arrays (GPtrArray **arrays,
             guint       n)
{
  for (guint i = 0; i < n; i++)
    g_clear_pointer (&arrays[i], g_ptr_array_unref);
  g_free (arrays);
}

/**
 * gloss_agreement_add_store_document:
 * @rowid: the document in @store
 * @any_status: count every set that has the document, not only those that
 *   marked it done
 *
 * Adds the sets of @self's annotators on one document of @store. The set the
 * store works in is left as it was. Many documents are read faster inside
 * gloss_store_begin_read ().
 *
 * Returns: %FALSE with @error set when the store cannot be read
 */
gboolean
gloss_agreement_add_store_document (GlossAgreement  *self,
                                    GlossStore      *store,
                                    gint64           rowid,
                                    gboolean         any_status,
                                    GError         **error)
{
  GlossAgreement *one[] = { self };

  return gloss_agreement_add_store_document_all (one, 1, store, rowid, any_status, error);
}

/**
 * gloss_agreement_add_store_document_all:
 * @agreements: (array length=n_agreements): agreements of the same annotators,
 *   typically one per layer
 *
 * As gloss_agreement_add_store_document (), reading the document's sets once
 * for all of @agreements.
 *
 * Returns: %FALSE with @error set when the store cannot be read
 */
gboolean
gloss_agreement_add_store_document_all (GlossAgreement * const *agreements,
                                        guint                   n_agreements,
                                        GlossStore             *store,
                                        gint64                  rowid,
                                        gboolean                any_status,
                                        GError                **error)
{
  const char * const *annotators;
  guint n;
  g_autoptr(GlossDocument) document = NULL;
  GPtrArray **spans, **relations, **entities;
  gboolean ok;

  g_return_val_if_fail (n_agreements > 0 && GLOSS_IS_AGREEMENT (agreements[0]), FALSE);

  annotators = gloss_agreement_get_annotators (agreements[0]);
  n = g_strv_length ((GStrv) annotators);
  document = gloss_store_get_document_by_rowid (store, rowid, error);
  spans = g_new0 (GPtrArray *, n);
  relations = g_new0 (GPtrArray *, n);
  entities = g_new0 (GPtrArray *, n);
  ok = document != NULL;
  for (guint i = 0; ok && i < n; i++)
    ok = load_set (store, rowid, annotators[i], any_status, &spans[i], &relations[i], &entities[i], error);
  for (guint i = 0; ok && i < n_agreements; i++)
    gloss_agreement_add_document (agreements[i], document->text, spans, relations, entities);
  free_arrays (spans, n);
  free_arrays (relations, n);
  free_arrays (entities, n);
  return ok;
}
