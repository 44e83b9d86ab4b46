/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "gloss-store.h"

G_BEGIN_DECLS

/* Adjudication of one document (DESIGN.md, "Teams", Review): every annotator's
 * spans side by side, grouped into items — spans of one layer that overlap,
 * across annotators — and the items where the annotators differ listed as
 * disagreements. Taking a version copies it into the gold set, recording in
 * each gold span where it came from ("from": ["ana:s12", "ben:s9"]).
 *
 * A review works on the store's gold set: creating one leaves the store
 * working in gold, as the window's Review mode does. */
#define GLOSS_TYPE_REVIEW (gloss_review_get_type ())
G_DECLARE_FINAL_TYPE (GlossReview, gloss_review, GLOSS, REVIEW, GObject)

/* What the gold set holds for an item, besides an annotator's index. */
#define GLOSS_REVIEW_GOLD_EMPTY  (-1)  /* nothing of the item's layer there */
#define GLOSS_REVIEW_GOLD_OWN    (-2)  /* spans no annotator has in that form */

typedef struct
{
  const char  *layer;
  gint         start;       /* the extent of every version, in code points */
  gint         end;
  GPtrArray  **versions;    /* one per annotator: that annotator's GlossSpans here, by start */
  GPtrArray   *gold;        /* the gold set's GlossSpans of the layer that overlap the extent */
  gint         gold_choice; /* an annotator's index, or GLOSS_REVIEW_GOLD_EMPTY / _OWN */
  gboolean     agreed;      /* every annotator has the same spans here */
} GlossReviewItem;

GlossReview           *gloss_review_new                (GlossStore   *store,
                                                        gint64        document,
                                                        GError      **error);
gboolean               gloss_review_reload             (GlossReview  *self,
                                                        GError      **error);
gint64                 gloss_review_get_document       (GlossReview  *self);
guint                  gloss_review_get_n_annotators   (GlossReview  *self);
const char            *gloss_review_get_annotator      (GlossReview  *self,
                                                        guint         index);
guint                  gloss_review_get_n_disagreements (GlossReview *self);
const GlossReviewItem *gloss_review_get_disagreement   (GlossReview  *self,
                                                        guint         index);
guint                  gloss_review_count_open_agreed  (GlossReview  *self);
gboolean               gloss_review_take               (GlossReview  *self,
                                                        guint         disagreement,
                                                        gint          annotator,
                                                        GError      **error);
gboolean               gloss_review_take_agreed        (GlossReview  *self,
                                                        guint        *taken,
                                                        GError      **error);

G_END_DECLS
