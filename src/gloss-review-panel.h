/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gloss-article-view.h"
#include "gloss-review.h"
#include "gloss-store.h"

G_BEGIN_DECLS

/* Review mode's panel: the disagreements of one document, every annotator's
 * version of the current one in a lane of its own, and the keys that take a
 * version into gold. Its actions ("review.next", "review.take(1)", …) are
 * inserted into the window by the window. */
#define GLOSS_TYPE_REVIEW_PANEL (gloss_review_panel_get_type ())
G_DECLARE_FINAL_TYPE (GlossReviewPanel, gloss_review_panel, GLOSS, REVIEW_PANEL, GtkBox)

GtkWidget    *gloss_review_panel_new          (void);
gboolean      gloss_review_panel_open         (GlossReviewPanel  *self,
                                               GlossStore        *store,
                                               const GlossDocument *document,
                                               GlossArticleView  *article,
                                               GError           **error);
void          gloss_review_panel_close        (GlossReviewPanel  *self);
gboolean      gloss_review_panel_is_open      (GlossReviewPanel  *self);
void          gloss_review_panel_reload       (GlossReviewPanel  *self);
GlossReview  *gloss_review_panel_get_review   (GlossReviewPanel  *self);
gint          gloss_review_panel_get_current  (GlossReviewPanel  *self);
GActionGroup *gloss_review_panel_get_actions  (GlossReviewPanel  *self);

G_END_DECLS
