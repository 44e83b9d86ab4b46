/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "gloss-model.h"

G_BEGIN_DECLS

/* Inter-annotator agreement over documents held in memory: exact and overlap F1,
 * token-level Cohen's and Fleiss' kappa, Krippendorff's alpha_U and quote speaker
 * agreement, as `gloss-cli agree` reports them (DESIGN.md, "Teams"). Feed it one
 * document at a time, then read the result.
 *
 * Pairwise measures (F1, Cohen's kappa, quotes, confusion) count a document for
 * every pair of annotators that both have it, pooled over documents; "overall"
 * is their mean over pairs. Fleiss' kappa and alpha_U, which need every
 * annotator, count only the documents every annotator has ("documents"). A
 * label's "count" covers every document the annotator has. */
#define GLOSS_TYPE_AGREEMENT (gloss_agreement_get_type ())
G_DECLARE_FINAL_TYPE (GlossAgreement, gloss_agreement, GLOSS, AGREEMENT, GObject)

/* A label × label table of span pairs between two annotators: matched same-label
 * spans on the diagonal, overlapping spans of different labels off it, and spans
 * the other annotator has nothing for in the last row or column ("no span"). */
typedef struct
{
  guint   n_labels;
  char  **labels;     /* schema order; index n_labels is "no span" */
  guint  *counts;     /* (n_labels + 1)², row = first annotator, column = second */
} GlossConfusion;

GlossAgreement *gloss_agreement_new             (const char * const *annotators,
                                                 const char * const *labels);
gboolean        gloss_agreement_set_focus_label (GlossAgreement     *self,
                                                 const char         *label);
void            gloss_agreement_set_quote_label (GlossAgreement     *self,
                                                 const char         *label);
void            gloss_agreement_add_document    (GlossAgreement     *self,
                                                 const char         *text,
                                                 GPtrArray * const  *spans,
                                                 GPtrArray * const  *relations,
                                                 GPtrArray * const  *entities);
const char * const *
                gloss_agreement_get_annotators  (GlossAgreement     *self);
guint           gloss_agreement_get_n_documents (GlossAgreement     *self);
JsonNode       *gloss_agreement_to_json         (GlossAgreement     *self);
GlossConfusion *gloss_agreement_get_confusion   (GlossAgreement     *self,
                                                 guint               a,
                                                 guint               b);

guint           gloss_confusion_get             (const GlossConfusion *confusion,
                                                 const char           *row,
                                                 const char           *column);
void            gloss_confusion_free            (GlossConfusion       *confusion);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossConfusion, gloss_confusion_free)

G_END_DECLS
