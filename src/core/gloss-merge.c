/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Merge: every set of every document of one project copied into a team
 * project. Annotators work on copies of one project, each on their own
 * machine; merge brings their work together for agreement and review.
 *
 * Documents are matched by the hash of their text, labels by name (in the same
 * layer), attributes by name, annotators by name. Merging the same project
 * again adds nothing; a newer copy of a (document, annotator) set replaces the
 * older one, so that what an annotator deleted stays deleted. */
#define G_LOG_DOMAIN "gloss-merge"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gloss-export-private.h"
#include "gloss-merge.h"

typedef struct
{
  GlossStore        *team;
  GlossStore        *source;
  GlossReport       *report;
  GlossMergeResult  *result;
  GHashTable        *refused_labels;   /* label names whose spans stay out */
} Merge;

/* ---- The label schema ------------------------------------------------------------- */

static gboolean
ensure_layer (Merge       *merge,
              const char  *name,
              GError     **error)
{
  GPtrArray *layers = gloss_store_list_layers (merge->team);
  GPtrArray *theirs = gloss_store_list_layers (merge->source);
  gboolean is_event = FALSE;

  for (guint i = 0; i < layers->len; i++)
    if (g_str_equal (((GlossLayer *) g_ptr_array_index (layers, i))->name, name))
      return TRUE;
  for (guint i = 0; i < theirs->len; i++)
    if (g_str_equal (((GlossLayer *) g_ptr_array_index (theirs, i))->name, name))
      is_event = ((GlossLayer *) g_ptr_array_index (theirs, i))->is_event;
  return gloss_store_add_layer (merge->team, name, is_event, error);
}

static gboolean
add_label (Merge             *merge,
           const GlossLabel  *label,
           GError           **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!ensure_layer (merge, label->layer, error))
    return FALSE;
  if (gloss_store_add_label (merge->team, label, &local_error))
    return TRUE;
  /* A key the team uses for another label: the label comes without one. */
  if (label->hotkey != NULL && g_error_matches (local_error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_DUPLICATE))
    {
      GlossLabel keyless = *label;

      keyless.hotkey = NULL;
      gloss_report_notice (merge->report, _("label %s: its key %s is taken in the team project; "
                                            "added without a key"), label->name, label->hotkey);
      return gloss_store_add_label (merge->team, &keyless, error);
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static gboolean
merge_attributes (Merge             *merge,
                  const GlossLabel  *label,
                  const GlossLabel  *ours,
                  GError           **error)
{
  for (guint i = 0; i < label->attributes->len; i++)
    {
      const GlossAttributeDef *def = g_ptr_array_index (label->attributes, i);
      const GlossAttributeDef *mine = gloss_label_find_attribute (ours, def->name);

      if (mine == NULL)
        {
          if (!gloss_store_add_attribute (merge->team, label->name, def, error))
            return FALSE;
        }
      else if (mine->type != def->type)
        gloss_report_notice (merge->report,
                             _("label %s: attribute %s is %s in the team project and %s in %s; "
                               "the team's is kept"),
                             label->name, def->name, gloss_attribute_type_to_string (mine->type),
                             gloss_attribute_type_to_string (def->type),
                             gloss_store_get_path (merge->source));
    }
  return TRUE;
}

/* Labels the team lacks are added; a label with the same name in another
 * layer is a conflict, named in a notice, and its spans stay out. */
static gboolean
merge_schema (Merge   *merge,
              GError **error)
{
  GPtrArray *labels = gloss_store_list_labels (merge->source);

  for (guint i = 0; i < labels->len; i++)
    {
      const GlossLabel *label = g_ptr_array_index (labels, i);
      const GlossLabel *ours = gloss_store_lookup_label (merge->team, label->name);

      if (ours == NULL)
        {
          if (!add_label (merge, label, error))
            return FALSE;
          ours = gloss_store_lookup_label (merge->team, label->name);
        }
      else if (!g_str_equal (ours->layer, label->layer))
        {
          gloss_report_notice (merge->report,
                               _("label %s is in layer %s in the team project and in layer %s in %s; "
                                 "its spans from there are left out"),
                               label->name, ours->layer, label->layer,
                               gloss_store_get_path (merge->source));
          g_hash_table_add (merge->refused_labels, g_strdup (label->name));
          continue;
        }
      if (!merge_attributes (merge, label, ours, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- Documents and sets -------------------------------------------------------------- */

/* The team's copy of @document, added (text and metadata, no annotations) when
 * the team has none. */
static GlossDocument *
team_document (Merge                *merge,
               const GlossDocument  *document,
               GError              **error)
{
  g_autofree char *id = gloss_store_find_text (merge->team, document->text_sha256);
  g_autoptr(GlossDocument) copy = NULL;

  if (id != NULL)
    return gloss_store_get_document (merge->team, id, error);

  copy = g_new0 (GlossDocument, 1);
  copy->id = g_strdup (document->id);
  copy->title = g_strdup (document->title);
  copy->meta = g_strdup (document->meta);
  copy->text = g_strdup (document->text);
  copy->text_sha256 = g_strdup (document->text_sha256);
  copy->keep_text = document->keep_text;
  copy->created = document->created;
  if (!gloss_store_add_document (merge->team, copy, NULL, NULL, NULL, merge->report, error))
    return NULL;
  merge->result->documents++;
  return g_steal_pointer (&copy);
}

static GPtrArray *
allowed_spans (Merge     *merge,
               GPtrArray *spans)
{
  for (guint i = 0; i < spans->len; i++)
    if (g_hash_table_contains (merge->refused_labels, ((GlossSpan *) g_ptr_array_index (spans, i))->label))
      g_ptr_array_remove_index (spans, i--);
  return spans;
}

/* Whether the team's copy of the set is to be replaced by the source's: the
 * source's is newer. Two different gold sets: the team's is kept. */
static gboolean
replaces (Merge      *merge,
          const char *set,
          gint64      team_document_rowid,
          gint64      source_modified,
          const char *id)
{
  gint64 team_modified = gloss_store_get_set_modified (merge->team, team_document_rowid);

  if (team_modified == 0 || source_modified <= team_modified)
    return FALSE;
  if (g_str_equal (set, "gold"))
    {
      gloss_report_notice (merge->report,
                           _("document %s: the team project has a gold set already; it is kept and the "
                             "gold set of %s is not merged into it"), id, gloss_store_get_path (merge->source));
      return FALSE;
    }
  return TRUE;
}

static gboolean
merge_set (Merge                *merge,
           const GlossDocument  *source_document,
           const GlossDocument  *team_doc,
           const char           *set,
           GError              **error)
{
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GPtrArray) entities = NULL;
  gint64 rowid = source_document->rowid;
  GlossStatus status;
  gint64 modified;
  guint added = 0;

  /* The source's set is read by its name; the team's is chosen, to be written. */
  gloss_store_set_annotator (merge->team, set);
  status = gloss_store_get_set_status (merge->source, rowid, set, &modified);
  spans = gloss_store_list_set_spans (merge->source, rowid, set, error);
  relations = spans ? gloss_store_list_set_relations (merge->source, rowid, set, error) : NULL;
  entities = relations ? gloss_store_list_set_entities (merge->source, rowid, set, error) : NULL;
  if (entities == NULL)
    return FALSE;

  if (replaces (merge, set, team_doc->rowid, modified, team_doc->id))
    {
      if (!gloss_store_clear_set (merge->team, team_doc->rowid, error))
        return FALSE;
      merge->result->replaced++;
    }
  else if (g_str_equal (set, "gold") && gloss_store_get_set_modified (merge->team, team_doc->rowid) != 0)
    return TRUE;

  if (!gloss_store_add_annotations (merge->team, team_doc->rowid, status, modified,
                                    allowed_spans (merge, spans), relations, entities, merge->report,
                                    &added, error))
    return FALSE;
  merge->result->spans += added;
  if (added > 0)
    merge->result->sets++;
  return TRUE;
}

static gboolean
merge_document (Merge          *merge,
                GlossDocument  *document,
                GError        **error)
{
  g_auto(GStrv) sets = gloss_store_list_sets (merge->source, document->rowid);
  g_autoptr(GlossDocument) ours = NULL;

  gloss_report_set_location (merge->report, gloss_store_get_path (merge->source), 0);
  ours = team_document (merge, document, error);
  if (ours == NULL)
    return FALSE;
  for (guint i = 0; sets[i] != NULL; i++)
    if (!merge_set (merge, document, ours, sets[i], error))
      return FALSE;
  return TRUE;
}

/* Documents merged in one transaction of the team project: a commit for each
 * annotator set of each document made merge write (and checkpoint) the team's
 * file 30,000 times for 10,000 documents of three annotators. */
#define DOCUMENTS_PER_BATCH 500

/**
 * gloss_merge_project:
 * @team: the project that receives
 * @source: a project whose every set of every document is copied into @team
 * @result: (out caller-allocates): counts, added to
 *
 * The documents are added to @team in batches of whole documents, each batch
 * one transaction, so an interrupted merge (even a killed one) leaves every
 * document whole; merging again finishes it. @source is read in one read
 * transaction.
 */
gboolean
gloss_merge_project (GlossStore        *team,
                     GlossStore        *source,
                     GlossReport       *report,
                     GlossMergeResult  *result,
                     GCancellable      *cancellable,
                     GError           **error)
{
  g_autoptr(GHashTable) refused = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) documents = NULL;
  Merge merge = { team, source, report, result, refused };
  gboolean batching = FALSE;
  gboolean ok = TRUE;

  g_return_val_if_fail (GLOSS_IS_STORE (team) && GLOSS_IS_STORE (source), FALSE);

  if (!merge_schema (&merge, error))
    return FALSE;
  if (!gloss_store_begin_read (source, error))
    return FALSE;
  documents = gloss_store_list_documents (source, error);
  batching = ok = documents != NULL && gloss_store_begin_batch (team, error);
  for (guint i = 0; ok && i < documents->len; i++)
    {
      g_autoptr(GlossDocument) document = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      if (i > 0 && i % DOCUMENTS_PER_BATCH == 0)
        {
          batching = FALSE;
          if (!gloss_store_end_batch (team, TRUE, error) || !gloss_store_begin_batch (team, error))
            {
              ok = FALSE;
              break;
            }
          batching = TRUE;
        }
      document = gloss_store_get_document_by_rowid (source, ((GlossDocument *) documents->pdata[i])->rowid,
                                                    error);
      ok = document != NULL && merge_document (&merge, document, error);
    }
  /* What is merged is kept, also when a document failed or the merge was
   * interrupted: each write that failed was undone alone, so every document
   * (every set of it) is whole, as when each had its own transaction. */
  if (batching && !gloss_store_end_batch (team, TRUE, ok ? error : NULL))
    ok = FALSE;
  gloss_store_end_read (source);
  gloss_store_set_annotator (team, NULL);
  gloss_report_set_location (report, NULL, 0);
  return ok;
}

/* ---- Copy ------------------------------------------------------------------------- */

static gboolean
copy_schema (GlossStore  *target,
             GlossStore  *source,
             GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  _gloss_export_build_schema (builder, source);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return gloss_store_apply_schema (target, json_node_get_object (root), error);
}

static gboolean
copy_project_files (GlossStore  *target,
                    GlossStore  *source,
                    GError     **error)
{
  g_auto(GStrv) names = gloss_store_list_project_files (source);
  g_autoptr(GPtrArray) contents = g_ptr_array_new_with_free_func (g_free);

  if (names[0] == NULL)
    return TRUE;
  for (guint i = 0; names[i] != NULL; i++)
    g_ptr_array_add (contents, gloss_store_get_project_file (source, names[i]));
  g_ptr_array_add (contents, NULL);
  return gloss_store_set_project_files (target, (const char * const *) names,
                                        (const char * const *) contents->pdata, error);
}

/**
 * gloss_copy_project:
 * @target: a project without documents (a new file or an empty database)
 * @source: the project to copy
 *
 * Copies the whole of @source into @target: the label schema in its order,
 * every annotator set of every document with its status and provenance, and the
 * files kept for the format it came from. A file and a server project copied
 * either way give the same native export.
 */
gboolean
gloss_copy_project (GlossStore        *target,
                    GlossStore        *source,
                    GlossReport       *report,
                    GlossMergeResult  *result,
                    GCancellable      *cancellable,
                    GError           **error)
{
  g_autoptr(GPtrArray) documents = NULL;

  g_return_val_if_fail (GLOSS_IS_STORE (target) && GLOSS_IS_STORE (source), FALSE);

  documents = gloss_store_list_documents (target, error);
  if (documents == NULL)
    return FALSE;
  if (documents->len > 0)
    {
      g_autofree char *display = gloss_store_describe_location (gloss_store_get_path (target));

      g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID,
                   _("%s: already holds documents; copy goes into a new project "
                     "(merge adds to one that has work)"), display);
      return FALSE;
    }
  return copy_schema (target, source, error)
         && copy_project_files (target, source, error)
         && gloss_merge_project (target, source, report, result, cancellable, error);
}
