/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gloss-agreement.h"

G_BEGIN_DECLS

/* The statistics window's charts, each one function that draws on a cairo_t
 * of a given size: a GtkDrawingArea calls it for the screen, and an export
 * calls it on a PNG (image) or SVG surface, so both show the same picture. */

typedef struct
{
  GdkRGBA                      foreground;
  GdkRGBA                      background;  /* blended under cells; painted unless transparent */
  GdkRGBA                      first;       /* exact F1, cells of the same label */
  GdkRGBA                      second;      /* overlap F1 */
  GdkRGBA                      conflict;    /* cells of different labels */
  const PangoFontDescription  *font;
} GlossChartStyle;

typedef struct
{
  const char *label;
  double      exact;    /* NAN: not defined (no document counts) */
  double      overlap;
} GlossChartBar;

typedef enum
{
  GLOSS_CHART_PNG,
  GLOSS_CHART_SVG,
} GlossChartFormat;

typedef void (*GlossChartDrawFunc) (cairo_t               *cr,
                                    int                    width,
                                    int                    height,
                                    const GlossChartStyle *style,
                                    gpointer               data);

int      gloss_chart_agreement_height (guint                  n_bars);
void     gloss_chart_draw_agreement   (cairo_t               *cr,
                                       int                    width,
                                       int                    height,
                                       const GlossChartStyle *style,
                                       const GlossChartBar   *bars,
                                       guint                  n_bars);

/* What the heat map shows: a table between two annotators, with their names. */
typedef struct
{
  const GlossConfusion *confusion;
  const char           *rows;     /* the first annotator */
  const char           *columns;  /* the second */
} GlossChartConfusion;

void     gloss_chart_confusion_size   (const GlossConfusion  *confusion,
                                       int                   *width,
                                       int                   *height);
void     gloss_chart_draw_confusion   (cairo_t                   *cr,
                                       int                        width,
                                       int                        height,
                                       const GlossChartStyle     *style,
                                       const GlossChartConfusion *table);

gboolean gloss_chart_export           (const char            *path,
                                       GlossChartFormat       format,
                                       int                    width,
                                       int                    height,
                                       const GlossChartStyle *style,
                                       GlossChartDrawFunc     draw,
                                       gpointer               data,
                                       GError               **error);
GlossChartFormat
         gloss_chart_format_for_path  (const char            *path);

G_END_DECLS
