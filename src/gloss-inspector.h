/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gloss-article-view.h"
#include "gloss-store.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_INSPECTOR (gloss_inspector_get_type ())
G_DECLARE_FINAL_TYPE (GlossInspector, gloss_inspector, GLOSS, INSPECTOR, GtkBox)

void gloss_inspector_set_context (GlossInspector   *self,
                                  GlossStore       *store,
                                  GlossArticleView *article);
void gloss_inspector_refresh     (GlossInspector   *self,
                                  GPtrArray        *relations,
                                  GPtrArray        *entities);

G_END_DECLS
