/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gloss-article-view.h"

G_BEGIN_DECLS

/* Between the files of GlossArticleView: gloss-article-view-select.c (what a
 * drag with the pointer selects). */

void _gloss_article_view_init_pointer_selection (GlossArticleView *self);

G_END_DECLS
