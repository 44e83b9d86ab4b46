/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define GLOSS_TYPE_LABEL_PALETTE (gloss_label_palette_get_type ())
G_DECLARE_FINAL_TYPE (GlossLabelPalette, gloss_label_palette, GLOSS, LABEL_PALETTE, GtkBox)

void gloss_label_palette_set_labels (GlossLabelPalette *self,
                                     GPtrArray         *layers,
                                     GPtrArray         *labels);

G_END_DECLS
