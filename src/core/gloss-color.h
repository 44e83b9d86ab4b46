/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Highlight colours that a reader tells apart: CIEDE2000 distances between
 * label colours, and text contrast on a highlight (WCAG 2). Colours are
 * "#rrggbb". A label's colour is its highlight on a light page; on a dark
 * page the highlight is a dark shade of it under light text. */

#define GLOSS_COLOR_TEXT      "#1c1c1c"  /* the text on every highlight of a light page */
#define GLOSS_COLOR_TEXT_DARK "#ffffff"  /* the text on every highlight of a dark page */

gboolean gloss_color_parse          (const char         *hex,
                                     double              rgb[3]);
double   gloss_color_delta_e_lab    (const double        a[3],
                                     const double        b[3]);
double   gloss_color_delta_e        (const char         *a,
                                     const char         *b);
double   gloss_color_contrast       (const char         *a,
                                     const char         *b);
char    *gloss_color_highlight      (const char         *color,
                                     gboolean            dark);
char    *gloss_color_pick_distinct  (const char * const *taken);

G_END_DECLS
