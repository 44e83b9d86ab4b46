/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gloss-application.h"
#include "gloss-article-view.h"
#include "gloss-store.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_WINDOW (gloss_window_get_type ())
G_DECLARE_FINAL_TYPE (GlossWindow, gloss_window, GLOSS, WINDOW, AdwApplicationWindow)

GlossWindow      *gloss_window_new                (GlossApplication *application,
                                                   GlossStore       *store);
const char       *gloss_window_get_project_path   (GlossWindow      *self);
GlossStore       *gloss_window_get_store          (GlossWindow      *self);
GlossArticleView *gloss_window_get_article_view   (GlossWindow      *self);
gint64            gloss_window_get_document       (GlossWindow      *self);
gboolean          gloss_window_open_document      (GlossWindow      *self,
                                                   gint64            document);
void              gloss_window_import_files       (GlossWindow      *self,
                                                   GPtrArray        *files,
                                                   gboolean          show_first);
void              gloss_window_merge_projects     (GlossWindow      *self,
                                                   GPtrArray        *files);
gboolean          gloss_window_handle_hotkey      (GlossWindow      *self,
                                                   guint             keyval,
                                                   guint             keycode,
                                                   GdkModifierType   state);
gboolean          gloss_window_handle_layout_shortcut (GlossWindow *self,
                                                       guint        keyval,
                                                       guint        keycode,
                                                       GdkModifierType state);
void              gloss_window_check_for_changes  (GlossWindow      *self);
const char       *gloss_window_get_status_text    (GlossWindow      *self);
gboolean          gloss_window_is_busy            (GlossWindow      *self);

G_END_DECLS
