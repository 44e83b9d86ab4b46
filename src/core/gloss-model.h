/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gloss-types.h"

G_BEGIN_DECLS

/* Plain records the store hands out: copies, owned by the caller. Attributes and
 * document metadata are JSON object texts, as stored. */

struct _GlossDocument
{
  gint64       rowid;
  char        *id;
  char        *title;
  char        *meta;
  char        *text;          /* NULL when listed without text */
  char        *text_sha256;
  gint         length;        /* code points */
  GlossStatus  status;
  gboolean     keep_text;
  gint64       created;       /* unix seconds */
  gint64       modified;
  gint         n_spans;
};

struct _GlossLayer
{
  gint64    rowid;
  char     *name;
  gboolean  is_event;
};

struct _GlossAttributeDef
{
  char               *name;
  GlossAttributeType  type;
  char              **values;  /* enum choices; NULL otherwise */
};

struct _GlossLabel
{
  gint64          rowid;
  char           *name;
  char           *layer;
  GlossLabelKind  kind;
  gboolean        can_speak;
  char           *color;       /* #rrggbb */
  char           *hotkey;      /* one character, or NULL */
  char           *description;
  GPtrArray      *attributes;  /* GlossAttributeDef */
};

struct _GlossSpan
{
  gint64  rowid;
  gint64  document;
  char   *id;
  char   *label;
  GArray *fragments;   /* GlossFragment, sorted, non-overlapping */
  char   *attrs;
  char   *annotator;   /* the set it belongs to */
  char   *note;
  char   *origin;      /* gold only: JSON array of "annotator:span id" it came from, or NULL */
};

struct _GlossRelation
{
  gint64  rowid;
  gint64  document;
  char   *id;
  char   *type;
  char   *from_id;
  char   *to_id;
  char   *attrs;
  char   *note;
};

struct _GlossEntity
{
  gint64      rowid;
  gint64      document;
  char       *id;
  char       *name;
  char       *type;
  char       *kb_id;
  GPtrArray  *mentions;   /* span ids (char *) */
};

const char     *gloss_status_to_string        (GlossStatus        status);
gboolean        gloss_status_from_string      (const char        *str,
                                               GlossStatus       *status);
const char     *gloss_label_kind_to_string    (GlossLabelKind     kind);
gboolean        gloss_label_kind_from_string  (const char        *str,
                                               GlossLabelKind    *kind);
const char     *gloss_attribute_type_to_string (GlossAttributeType type);
gboolean        gloss_attribute_type_from_string (const char     *str,
                                                  GlossAttributeType *type);

void            gloss_document_free           (GlossDocument     *document);
char           *gloss_document_dup_language   (const GlossDocument *document);
void            gloss_layer_free              (GlossLayer        *layer);
void            gloss_attribute_def_free      (GlossAttributeDef *def);
GlossLabel     *gloss_label_new               (void);
void            gloss_label_free              (GlossLabel        *label);
const GlossAttributeDef *gloss_label_find_attribute (const GlossLabel *label,
                                                     const char       *name);

GlossSpan      *gloss_span_new                (const char        *label,
                                               gint               start,
                                               gint               end);
void            gloss_span_free               (GlossSpan         *span);
void            gloss_span_add_fragment       (GlossSpan         *span,
                                               gint               start,
                                               gint               end);
gint            gloss_span_get_start          (const GlossSpan   *span);
gint            gloss_span_get_end            (const GlossSpan   *span);
char           *gloss_span_fragments_to_string (const GlossSpan  *span);
gboolean        gloss_span_set_fragments_from_string (GlossSpan  *span,
                                                      const char *str);
gint            gloss_span_compare            (gconstpointer      a,
                                               gconstpointer      b);

GlossRelation  *gloss_relation_new            (const char        *type,
                                               const char        *from_id,
                                               const char        *to_id);
void            gloss_relation_free           (GlossRelation     *relation);
GlossEntity    *gloss_entity_new              (const char        *name);
void            gloss_entity_free             (GlossEntity       *entity);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossDocument, gloss_document_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossLayer, gloss_layer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossAttributeDef, gloss_attribute_def_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossLabel, gloss_label_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossSpan, gloss_span_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossRelation, gloss_relation_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossEntity, gloss_entity_free)

G_END_DECLS
