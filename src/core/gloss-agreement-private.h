/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gloss-agreement.h"

G_BEGIN_DECLS

/* One span as the measures see it. */
typedef struct
{
  const GlossSpan *span;
  gint             label;   /* index in the schema's labels */
  gint             start;
  gint             size;    /* code points covered */
} GlossAgreementItem;

/* One annotator's view of the document being added. */
typedef struct
{
  gboolean    present;
  GArray     *items;          /* GlossAgreementItem of the labels compared */
  GArray     *quotes;         /* GlossAgreementItem of the quote label */
  gint       *token_labels;   /* category of every token */
  GPtrArray  *spans;          /* every span given, any layer */
  GPtrArray  *relations;
  GPtrArray  *entities;
  GHashTable *by_id;          /* span id → GlossSpan, built on first use */
} GlossAgreementSheet;

/* Two spans, one of each annotator, that share code points. */
typedef struct
{
  guint a;
  guint b;
  gint  shared;
  gint  first;    /* the earlier start of the two */
  gint  second;
} GlossAgreementMatch;

gint      _gloss_agreement_span_size      (const GlossSpan     *span);
gint      _gloss_agreement_shared         (const GlossSpan     *a,
                                           const GlossSpan     *b);
gboolean  _gloss_agreement_same_fragments (const GlossSpan     *a,
                                           const GlossSpan     *b);
GArray   *_gloss_agreement_match          (GArray              *a,
                                           GArray              *b,
                                           gboolean             same_label,
                                           gboolean            *used_a,
                                           gboolean            *used_b);
gboolean  _gloss_agreement_speakers_agree (GlossAgreementSheet *sa,
                                           const GlossSpan     *qa,
                                           GlossAgreementSheet *sb,
                                           const GlossSpan     *qb);

/* Krippendorff's alpha_U of one label over a corpus, one continuum per document. */
typedef struct _GlossUnitizing GlossUnitizing;

GlossUnitizing *_gloss_unitizing_new          (guint            n_annotators);
void            _gloss_unitizing_free         (GlossUnitizing  *self);
void            _gloss_unitizing_add_document (GlossUnitizing  *self,
                                               GArray * const  *fragments,
                                               gint             length);
gboolean        _gloss_unitizing_get_parts    (GlossUnitizing  *self,
                                               gdouble         *observed,
                                               gdouble         *expected);

G_END_DECLS
