/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gloss-store.h"

G_BEGIN_DECLS

/* The statistics of a project (DESIGN.md "Teams"): documents per status and
 * spans per label for each annotator set, agreement per label as a bar chart,
 * the confusion of two annotators as a heat map; charts export as PNG or SVG. */
#define GLOSS_TYPE_STATISTICS_WINDOW (gloss_statistics_window_get_type ())
G_DECLARE_FINAL_TYPE (GlossStatisticsWindow, gloss_statistics_window, GLOSS, STATISTICS_WINDOW, GtkWindow)

GtkWindow *gloss_statistics_window_new      (GtkWindow             *parent,
                                             GlossStore            *store);
gboolean   gloss_statistics_window_is_ready (GlossStatisticsWindow *self);
gboolean   gloss_statistics_window_set_pair (GlossStatisticsWindow *self,
                                             const char            *first,
                                             const char            *second);
gboolean   gloss_statistics_window_export   (GlossStatisticsWindow *self,
                                             const char            *chart,
                                             const char            *path,
                                             GError               **error);

G_END_DECLS
