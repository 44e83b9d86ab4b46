/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gloss-model.h"

G_BEGIN_DECLS

/* What each relation type joins (SPEAKER: a quote to a mention that can speak,
 * CUE: a quote to a cue…), and the annotations that can be its other end,
 * most likely first. @labels is the project's schema (GlossLabel). */

gboolean   gloss_link_can_start       (GPtrArray       *labels,
                                       const char      *type,
                                       const GlossSpan *source);
gboolean   gloss_link_label_fits      (GPtrArray       *labels,
                                       const char      *type,
                                       const char      *label);
GPtrArray *gloss_link_rank_candidates (GPtrArray       *labels,
                                       const char      *type,
                                       const GlossSpan *source,
                                       GPtrArray       *spans);

G_END_DECLS
