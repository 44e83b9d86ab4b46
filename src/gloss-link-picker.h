/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define GLOSS_LINK_CHOOSER_AUTHOR "gloss:author"

#define GLOSS_TYPE_LINK_CHOOSER (gloss_link_chooser_get_type ())
G_DECLARE_FINAL_TYPE (GlossLinkChooser, gloss_link_chooser, GLOSS, LINK_CHOOSER, GtkBox)

GtkWidget *gloss_link_chooser_new        (void);
void       gloss_link_chooser_clear      (GlossLinkChooser *self,
                                          const char       *title);
void       gloss_link_chooser_add        (GlossLinkChooser *self,
                                          const char       *id,
                                          const char       *label,
                                          const char       *text);
gboolean   gloss_link_chooser_choose     (GlossLinkChooser *self,
                                          const char       *id);
guint      gloss_link_chooser_get_n_rows (GlossLinkChooser *self);
void       gloss_link_chooser_open       (GlossLinkChooser *self);
void       gloss_link_chooser_close      (GlossLinkChooser *self);
gboolean   gloss_link_chooser_is_open    (GlossLinkChooser *self);

G_END_DECLS
