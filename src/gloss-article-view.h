/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gloss-store.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_ARTICLE_VIEW (gloss_article_view_get_type ())
G_DECLARE_FINAL_TYPE (GlossArticleView, gloss_article_view, GLOSS, ARTICLE_VIEW, GtkTextView)

/* Returns: (transfer full) (nullable): a line on what @span links to */
typedef char *(*GlossSpanDescriber) (const GlossSpan *span,
                                     gpointer         data);

GtkWidget       *gloss_article_view_new                  (void);
void             gloss_article_view_set_labels           (GlossArticleView *self,
                                                          GPtrArray        *labels);
void             gloss_article_view_set_document         (GlossArticleView *self,
                                                          const char       *text,
                                                          GPtrArray        *spans);
void             gloss_article_view_take_document        (GlossArticleView *self,
                                                          const char       *text,
                                                          GPtrArray        *spans);
void             gloss_article_view_set_spans            (GlossArticleView *self,
                                                          GPtrArray        *spans);
void             gloss_article_view_add_span             (GlossArticleView *self,
                                                          const GlossSpan  *span);
void             gloss_article_view_remove_span          (GlossArticleView *self,
                                                          const char       *span_id);
void             gloss_article_view_relabel_span         (GlossArticleView *self,
                                                          const char       *span_id,
                                                          const char       *label);
GPtrArray       *gloss_article_view_get_spans            (GlossArticleView *self);
const GlossSpan *gloss_article_view_lookup_span          (GlossArticleView *self,
                                                          const char       *span_id);
const char      *gloss_article_view_get_selected_span    (GlossArticleView *self);
void             gloss_article_view_select_span          (GlossArticleView *self,
                                                          const char       *span_id);
void             gloss_article_view_select_next_span     (GlossArticleView *self,
                                                          gboolean          backwards);
gboolean         gloss_article_view_get_text_selection   (GlossArticleView *self,
                                                          gint             *start,
                                                          gint             *end);
void             gloss_article_view_select_range         (GlossArticleView *self,
                                                          gint              start,
                                                          gint              end);
gint             gloss_article_view_get_cursor           (GlossArticleView *self);
void             gloss_article_view_set_popover          (GlossArticleView *self,
                                                          GtkWidget        *popover);
gboolean         gloss_article_view_get_span_rect        (GlossArticleView *self,
                                                          const char       *span_id,
                                                          GdkRectangle     *rect);
void             gloss_article_view_set_suggestions      (GlossArticleView *self,
                                                          GArray           *suggested,
                                                          gint              current);
void             gloss_article_view_set_suggestion_parts (GlossArticleView *self,
                                                          GArray           *parts);
GArray          *gloss_article_view_get_suggestion_parts (GlossArticleView *self);
void             gloss_article_view_set_marks            (GlossArticleView *self,
                                                          GArray           *marks,
                                                          gint              current);
char            *gloss_article_view_describe_at          (GlossArticleView *self,
                                                          gint              offset);
void             gloss_article_view_set_describer        (GlossArticleView *self,
                                                          GlossSpanDescriber describe,
                                                          gpointer          data);
void             gloss_article_view_set_related          (GlossArticleView *self,
                                                          const char * const *ids);
gboolean         gloss_article_view_has_tag_at           (GlossArticleView *self,
                                                          const char       *label,
                                                          gint              offset);

G_END_DECLS
