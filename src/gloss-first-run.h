/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The first start asks for the annotator name, once: every span goes into the
 * set of that name, so it should be the person's choice, not a guess. */

char      *gloss_first_run_suggest_name (const char *real_name,
                                         const char *user_name);
gboolean   gloss_first_run_is_needed    (GSettings  *settings);
GtkWindow *gloss_first_run_ask          (GtkWindow  *parent,
                                         GSettings  *settings);

G_END_DECLS
