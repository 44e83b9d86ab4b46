/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gloss-window.h"

G_BEGIN_DECLS

/* Between the files of GlossWindow: gloss-window-adaptive.c (the folding side
 * columns) and gloss-window-toasts.c (events the user should notice). */

void _gloss_window_init_flaps (GlossWindow *self,
                               AdwFlap     *documents,
                               AdwFlap     *panel,
                               GtkWidget   *article);

AdwToast *_gloss_window_toast (AdwToastOverlay *overlay,
                               const char      *title,
                               const char      *undo_action);

G_END_DECLS
