/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gloss-store.h"

G_BEGIN_DECLS

#define GLOSS_LINK_PICKER_AUTHOR "gloss:author"

#define GLOSS_TYPE_LINK_PICKER (gloss_link_picker_get_type ())
G_DECLARE_FINAL_TYPE (GlossLinkPicker, gloss_link_picker, GLOSS, LINK_PICKER, GtkPopover)

GtkWidget  *gloss_link_picker_new              (void);
void        gloss_link_picker_clear            (GlossLinkPicker *self,
                                                const char      *title,
                                                const char      *empty_text);
void        gloss_link_picker_add_span         (GlossLinkPicker *self,
                                                const GlossSpan *span);
void        gloss_link_picker_add_author       (GlossLinkPicker *self);
gboolean    gloss_link_picker_choose           (GlossLinkPicker *self,
                                                const char      *id);
guint       gloss_link_picker_get_n_candidates (GlossLinkPicker *self);
void        gloss_link_picker_open             (GlossLinkPicker *self,
                                                const char      *span_id);
void        gloss_link_picker_cancel           (GlossLinkPicker *self);
gboolean    gloss_link_picker_is_open          (GlossLinkPicker *self);

G_END_DECLS
