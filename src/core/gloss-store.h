/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "gloss-model.h"
#include "gloss-report.h"
#include "gloss-suggest.h"

G_BEGIN_DECLS

#define GLOSS_STORE_ERROR (gloss_store_error_quark ())

typedef enum
{
  GLOSS_STORE_ERROR_NOT_SQLITE,     /* the file is not an SQLite database */
  GLOSS_STORE_ERROR_NOT_GLOSS,      /* an SQLite database, but not a Gloss project */
  GLOSS_STORE_ERROR_TRUNCATED,      /* shorter than its header says */
  GLOSS_STORE_ERROR_TOO_NEW,        /* made by a newer Gloss */
  GLOSS_STORE_ERROR_READ_ONLY,      /* a write on a project opened for reading */
  GLOSS_STORE_ERROR_NOT_FOUND,      /* no such document, span, label, … */
  GLOSS_STORE_ERROR_DUPLICATE,      /* an exact duplicate span, a taken id or hotkey */
  GLOSS_STORE_ERROR_INVALID,        /* offsets outside the text, unknown label, … */
  GLOSS_STORE_ERROR_FAILED,         /* SQLite said no */
  GLOSS_STORE_ERROR_DAMAGED,        /* SQLite finds the file corrupt, or Gloss finds rows it cannot be */
  GLOSS_STORE_ERROR_CONNECTION,     /* the server cannot be reached, or was lost */
  GLOSS_STORE_ERROR_LOCKED,         /* another curator edits this document's gold set */
} GlossStoreError;

typedef enum
{
  GLOSS_STORE_OPEN_DEFAULT   = 0,
  GLOSS_STORE_OPEN_CREATE    = 1 << 0,  /* create the project if the file is missing */
  GLOSS_STORE_OPEN_READ_ONLY = 1 << 1,
  GLOSS_STORE_OPEN_CREATE_FOLDERS = 1 << 2,  /* with CREATE: make missing folders too (only for
                                              * a path Gloss chose itself, never a user's) */
} GlossStoreOpenFlags;

typedef enum
{
  GLOSS_PRESET_ONTONOTES,
  GLOSS_PRESET_CONLL2003,
} GlossPreset;

/* The schema version this build writes; files with a newer one are refused. */
#define GLOSS_STORE_SCHEMA_VERSION 7
/* PRAGMA application_id of every Gloss project: "GLSS". */
#define GLOSS_STORE_APPLICATION_ID 0x474c5353

typedef struct
{
  guint       documents;
  guint       by_status[GLOSS_STATUS_DONE + 1];
  guint       spans;
  GHashTable *spans_by_label;      /* label name → count (GUINT_TO_POINTER) */
  guint       relations;
  GHashTable *relations_by_type;   /* relation type → count */
  guint       entities;
  guint       annotators;
} GlossStoreStats;

void gloss_store_stats_free (GlossStoreStats *stats);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossStoreStats, gloss_store_stats_free)

#define GLOSS_TYPE_STORE (gloss_store_get_type ())
G_DECLARE_FINAL_TYPE (GlossStore, gloss_store, GLOSS, STORE, GObject)

GQuark             gloss_store_error_quark          (void);

gboolean           gloss_store_is_server_uri        (const char          *path);
char              *gloss_store_describe_location    (const char          *path);
GlossStore        *gloss_store_open                 (const char          *path,
                                                     GlossStoreOpenFlags  flags,
                                                     GError             **error);
gboolean           gloss_store_check_file           (const char          *path,
                                                     GError             **error);
const char        *gloss_store_get_path             (GlossStore          *self);
char              *gloss_store_get_name             (GlossStore          *self);
char              *gloss_store_get_short_name       (GlossStore          *self);
gboolean           gloss_store_is_read_only         (GlossStore          *self);
gboolean           gloss_store_is_connected         (GlossStore          *self);
gboolean           gloss_store_is_new               (GlossStore          *self);
gboolean           gloss_store_discard_new          (GlossStore          *self,
                                                     GError             **error);
gboolean           gloss_store_apply_preset         (GlossStore          *self,
                                                     GlossPreset          preset,
                                                     GError             **error);
gboolean           gloss_store_apply_schema         (GlossStore          *self,
                                                     JsonObject          *schema,
                                                     GError             **error);
void               gloss_store_set_annotator        (GlossStore          *self,
                                                     const char          *name);
const char        *gloss_store_get_annotator        (GlossStore          *self);
char              *gloss_store_get_set              (GlossStore          *self);
void               gloss_store_view_set             (GlossStore          *self,
                                                     const char          *name);
const char        *gloss_store_get_viewing          (GlossStore          *self);
GStrv              gloss_store_list_sets            (GlossStore          *self,
                                                     gint64               document);
gint64             gloss_store_get_data_version     (GlossStore          *self);
gboolean           gloss_store_check_integrity      (GlossStore          *self,
                                                     GError             **error);
JsonNode          *gloss_store_get_set_stats        (GlossStore          *self,
                                                     GError             **error);
GlossStoreStats   *gloss_store_get_stats            (GlossStore          *self,
                                                     GError             **error);

/* Transactions over many calls (gloss-store-batch.c) */
gboolean           gloss_store_begin_batch          (GlossStore          *self,
                                                     GError             **error);
gboolean           gloss_store_end_batch            (GlossStore          *self,
                                                     gboolean             commit,
                                                     GError             **error);
gboolean           gloss_store_begin_read           (GlossStore          *self,
                                                     GError             **error);
void               gloss_store_end_read             (GlossStore          *self);

/* Label schema */
GPtrArray         *gloss_store_list_layers          (GlossStore          *self);
GPtrArray         *gloss_store_list_labels          (GlossStore          *self);
const GlossLabel  *gloss_store_lookup_label         (GlossStore          *self,
                                                     const char          *name);
gboolean           gloss_store_add_label            (GlossStore          *self,
                                                     const GlossLabel    *label,
                                                     GError             **error);
gboolean           gloss_store_add_layer            (GlossStore          *self,
                                                     const char          *name,
                                                     gboolean             is_event,
                                                     GError             **error);
gboolean           gloss_store_add_relation_type    (GlossStore          *self,
                                                     const char          *name,
                                                     const char          *description,
                                                     GError             **error);
gboolean           gloss_store_update_label         (GlossStore          *self,
                                                     const char          *name,
                                                     const GlossLabel    *changes,
                                                     GError             **error);
gboolean           gloss_store_delete_label         (GlossStore          *self,
                                                     const char          *name,
                                                     GError             **error);
guint              gloss_store_count_label_spans    (GlossStore          *self,
                                                     const char          *name);
gboolean           gloss_store_add_attribute        (GlossStore          *self,
                                                     const char          *label,
                                                     const GlossAttributeDef *def,
                                                     GError             **error);
gboolean           gloss_store_define_relation_type (GlossStore          *self,
                                                     const char          *name,
                                                     const char          *description,
                                                     GError             **error);
gboolean           gloss_store_reload_schema        (GlossStore          *self,
                                                     GError             **error);
GStrv              gloss_store_list_relation_types  (GlossStore          *self);
char              *gloss_store_describe_relation_type (GlossStore        *self,
                                                       const char        *name);

/* Documents */
typedef gboolean (*GlossDocumentFunc) (GlossDocument  *document,
                                       gpointer        user_data,
                                       GError        **error);

gboolean           gloss_store_foreach_document     (GlossStore          *self,
                                                     const GlossStatus   *status,
                                                     GlossDocumentFunc    func,
                                                     gpointer             user_data,
                                                     GError             **error);
gboolean           gloss_store_has_relations        (GlossStore          *self);
gboolean           gloss_store_has_entities         (GlossStore          *self);
GPtrArray         *gloss_store_list_documents       (GlossStore          *self,
                                                     GError             **error);
GlossDocument     *gloss_store_get_document         (GlossStore          *self,
                                                     const char          *id,
                                                     GError             **error);
GlossDocument     *gloss_store_get_document_info    (GlossStore          *self,
                                                     gint64               rowid,
                                                     GError             **error);
GlossDocument     *gloss_store_get_document_by_rowid (GlossStore         *self,
                                                     gint64               rowid,
                                                     GError             **error);
char              *gloss_store_find_text            (GlossStore          *self,
                                                     const char          *text_sha256);
gboolean           gloss_store_add_annotations      (GlossStore          *self,
                                                     gint64               document,
                                                     GlossStatus          status,
                                                     gint64               modified,
                                                     GPtrArray           *spans,
                                                     GPtrArray           *relations,
                                                     GPtrArray           *entities,
                                                     GlossReport         *report,
                                                     guint               *added,
                                                     GError             **error);
gint64             gloss_store_get_set_modified     (GlossStore          *self,
                                                     gint64               document);
gboolean           gloss_store_clear_set            (GlossStore          *self,
                                                     gint64               document,
                                                     GError             **error);
gboolean           gloss_store_add_document         (GlossStore          *self,
                                                     GlossDocument       *document,
                                                     GPtrArray           *spans,
                                                     GPtrArray           *relations,
                                                     GPtrArray           *entities,
                                                     GlossReport         *report,
                                                     GError             **error);
gboolean           gloss_store_rename_document      (GlossStore          *self,
                                                     gint64               document,
                                                     const char          *title,
                                                     GError             **error);
gboolean           gloss_store_set_document_status  (GlossStore          *self,
                                                     gint64               document,
                                                     GlossStatus          status,
                                                     GError             **error);
gboolean           gloss_store_delete_document      (GlossStore          *self,
                                                     gint64               document,
                                                     GError             **error);

/* Annotations */
GPtrArray         *gloss_store_list_spans           (GlossStore          *self,
                                                     gint64               document,
                                                     GError             **error);
GPtrArray         *gloss_store_list_relations       (GlossStore          *self,
                                                     gint64               document,
                                                     GError             **error);
GPtrArray         *gloss_store_list_entities        (GlossStore          *self,
                                                     gint64               document,
                                                     GError             **error);

/* One named set, read without choosing it (gloss-store-sets.c) */
GlossStatus        gloss_store_get_set_status       (GlossStore          *self,
                                                     gint64               document,
                                                     const char          *set,
                                                     gint64              *modified);
GPtrArray         *gloss_store_list_set_spans       (GlossStore          *self,
                                                     gint64               document,
                                                     const char          *set,
                                                     GError             **error);
GPtrArray         *gloss_store_list_set_relations   (GlossStore          *self,
                                                     gint64               document,
                                                     const char          *set,
                                                     GError             **error);
GPtrArray         *gloss_store_list_set_entities    (GlossStore          *self,
                                                     gint64               document,
                                                     const char          *set,
                                                     GError             **error);
GlossSpan         *gloss_store_add_span             (GlossStore          *self,
                                                     gint64               document,
                                                     const GlossSpan     *span,
                                                     GError             **error);
gboolean           gloss_store_delete_span          (GlossStore          *self,
                                                     gint64               document,
                                                     const char          *span_id,
                                                     GError             **error);
gboolean           gloss_store_set_span_label       (GlossStore          *self,
                                                     gint64               document,
                                                     const char          *span_id,
                                                     const char          *label,
                                                     GError             **error);
gboolean           gloss_store_set_span_note        (GlossStore          *self,
                                                     gint64               document,
                                                     const char          *span_id,
                                                     const char          *note,
                                                     GError             **error);
gboolean           gloss_store_set_span_attribute   (GlossStore          *self,
                                                     gint64               document,
                                                     const char          *span_id,
                                                     const char          *name,
                                                     const char          *json_value,
                                                     GError             **error);
GlossRelation     *gloss_store_add_relation         (GlossStore          *self,
                                                     gint64               document,
                                                     const GlossRelation *relation,
                                                     GError             **error);
gboolean           gloss_store_delete_relation      (GlossStore          *self,
                                                     gint64               document,
                                                     const char          *relation_id,
                                                     GError             **error);
GlossEntity       *gloss_store_add_entity           (GlossStore          *self,
                                                     gint64               document,
                                                     const GlossEntity   *entity,
                                                     GError             **error);
gboolean           gloss_store_add_fragment         (GlossStore          *self,
                                                     gint64               document,
                                                     const char          *span_id,
                                                     gint                 start,
                                                     gint                 end,
                                                     GError             **error);
gboolean           gloss_store_set_entity           (GlossStore          *self,
                                                     gint64               document,
                                                     const char          *entity_id,
                                                     const char          *name,
                                                     const char          *kb_id,
                                                     GError             **error);
gboolean           gloss_store_add_mention          (GlossStore          *self,
                                                     gint64               document,
                                                     const char          *entity_id,
                                                     const char          *span_id,
                                                     GError             **error);
gboolean           gloss_store_check_kb_id          (const char          *kb_id,
                                                     GError             **error);
gboolean           gloss_store_delete_entity        (GlossStore          *self,
                                                     gint64               document,
                                                     const char          *entity_id,
                                                     GError             **error);

/* Files kept for a format (gloss-store-files.c): not annotations, never undone. */
GStrv              gloss_store_list_project_files   (GlossStore          *self);
char              *gloss_store_get_project_file     (GlossStore          *self,
                                                     const char          *name);
gboolean           gloss_store_set_project_file     (GlossStore          *self,
                                                     const char          *name,
                                                     const char          *content,
                                                     GError             **error);
gboolean           gloss_store_set_project_files    (GlossStore          *self,
                                                     const char * const  *names,
                                                     const char * const  *contents,
                                                     GError             **error);

/* Undo and redo: every mutation above is one step unless grouped. */
void               gloss_store_begin_group          (GlossStore          *self,
                                                     const char          *description);
gboolean           gloss_store_end_group            (GlossStore          *self,
                                                     GError             **error);
void               gloss_store_cancel_group         (GlossStore          *self);
gboolean           gloss_store_can_undo             (GlossStore          *self);
gboolean           gloss_store_can_redo             (GlossStore          *self);
const char        *gloss_store_get_undo_description (GlossStore          *self);
const char        *gloss_store_get_redo_description (GlossStore          *self);
gboolean           gloss_store_undo                 (GlossStore          *self,
                                                     gint64              *document,
                                                     GError             **error);
gboolean           gloss_store_redo                 (GlossStore          *self,
                                                     gint64              *document,
                                                     GError             **error);

/* Suggestions (quotes and claims): not annotations, never exported; deciding one is an undo
 * step only inside a group (accepting it together with the spans it makes). */
gboolean           gloss_store_add_suggestions      (GlossStore            *self,
                                                     gint64                 document,
                                                     GPtrArray             *suggestions,
                                                     guint                 *added,
                                                     GError               **error);
GPtrArray         *gloss_store_list_suggestions     (GlossStore            *self,
                                                     gint64                 document,
                                                     const GlossSuggestionStatus *status,
                                                     GError               **error);
gboolean           gloss_store_set_suggestion_status (GlossStore           *self,
                                                      gint64                document,
                                                      gint64                suggestion,
                                                      GlossSuggestionStatus status,
                                                      GError              **error);

G_END_DECLS
