/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-chart"

#include "config.h"

#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <math.h>

#include "gloss-chart.h"

#define PAD        12
#define LEGEND_H   28
#define AXIS_H     22
#define ROW_H      36
#define BAR_H      11
#define BAR_GAP    3
#define VALUE_W    48
#define CELL       40
#define CAPTION_H  24
#define HEADER_H   76
#define ROW_NAME_W 150
#define PNG_SCALE  2

/* ---- Drawing helpers ---- */

static void
set_color (cairo_t       *cr,
           const GdkRGBA *color,
           double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static void
paint_background (cairo_t               *cr,
                  const GlossChartStyle *style)
{
  if (style->background.alpha <= 0)
    return;
  set_color (cr, &style->background, 1);
  cairo_paint (cr);
}

static PangoLayout *
new_layout (cairo_t               *cr,
            const GlossChartStyle *style)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);

  if (style->font != NULL)
    pango_layout_set_font_description (layout, style->font);
  return layout;
}

/* Sets @text, at most @max_width wide (ellipsized; -1: any), and returns its size. */
static void
layout_text (PangoLayout *layout,
             const char  *text,
             int          max_width,
             int         *width,
             int         *height)
{
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, max_width > 0 ? max_width * PANGO_SCALE : -1);
  pango_layout_set_ellipsize (layout, max_width > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  pango_layout_get_pixel_size (layout, width, height);
}

/* @text with its left edge (or, with @align 0.5 or 1, its centre or right
 * edge) at @x, vertically centred on @y. */
static void
draw_text (cairo_t     *cr,
           PangoLayout *layout,
           const char  *text,
           double       x,
           double       y,
           double       align,
           int          max_width)
{
  int w, h;

  layout_text (layout, text, max_width, &w, &h);
  cairo_move_to (cr, x - align * w, y - h / 2.0);
  pango_cairo_show_layout (cr, layout);
}

static int
text_width (PangoLayout *layout,
            const char  *text)
{
  int w, h;

  layout_text (layout, text, -1, &w, &h);
  return w;
}

static double
legend_item (cairo_t               *cr,
             PangoLayout           *layout,
             const GlossChartStyle *style,
             const GdkRGBA         *color,
             const char            *text,
             double                 x,
             double                 y)
{
  set_color (cr, color, 1);
  cairo_rectangle (cr, x, y - 6, 12, 12);
  cairo_fill (cr);
  set_color (cr, &style->foreground, 1);
  draw_text (cr, layout, text, x + 18, y, 0, -1);
  return x + 18 + text_width (layout, text) + 20;
}

/* ---- Agreement per label ---- */

/**
 * gloss_chart_agreement_height:
 *
 * Returns: the height the agreement chart of @n_bars labels needs
 */
int
gloss_chart_agreement_height (guint n_bars)
{
  return PAD + LEGEND_H + AXIS_H + n_bars * ROW_H + PAD;
}

static int
label_column (PangoLayout         *layout,
              const GlossChartBar *bars,
              guint                n_bars,
              int                  width)
{
  int widest = 0;

  for (guint i = 0; i < n_bars; i++)
    widest = MAX (widest, text_width (layout, bars[i].label));
  return MIN (widest + 16, width / 3);
}

static void
draw_axis (cairo_t               *cr,
           PangoLayout           *layout,
           const GlossChartStyle *style,
           double                 x0,
           double                 plot_w,
           double                 top,
           double                 bottom)
{
  for (guint t = 0; t <= 4; t++)
    {
      double x = (int) (x0 + plot_w * t / 4.0 + 0.5) + 0.5;
      g_autofree char *tick = g_strdup_printf ("%.2g", t / 4.0);

      set_color (cr, &style->foreground, 0.15);
      cairo_move_to (cr, x, top + AXIS_H - 4);
      cairo_line_to (cr, x, bottom);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
      set_color (cr, &style->foreground, 0.7);
      draw_text (cr, layout, tick, x, top + AXIS_H / 2.0 - 2, 0.5, -1);
    }
}

static void
draw_bar (cairo_t               *cr,
          PangoLayout           *layout,
          const GlossChartStyle *style,
          const GdkRGBA         *color,
          double                 value,
          double                 x0,
          double                 plot_w,
          double                 y)
{
  g_autofree char *text = NULL;
  double w;

  if (isnan (value))
    {
      set_color (cr, &style->foreground, 0.55);
      /* Translators: an agreement value that is not defined (no document counts) */
      draw_text (cr, layout, _("n/a"), x0 + 4, y + BAR_H / 2.0, 0, -1);
      return;
    }
  w = MAX (2, value * plot_w);
  set_color (cr, color, 1);
  cairo_rectangle (cr, x0, y, w, BAR_H);
  cairo_fill (cr);
  text = g_strdup_printf ("%.2f", value);
  set_color (cr, &style->foreground, 1);
  draw_text (cr, layout, text, x0 + w + 6, y + BAR_H / 2.0, 0, -1);
}

/**
 * gloss_chart_draw_agreement:
 * @bars: (array length=n_bars): one row each, the first drawn apart (overall)
 *
 * A horizontal bar chart of exact and overlap F1 per label, 0 to 1, with a
 * legend; an undefined value says so in place of its bar.
 */
void
gloss_chart_draw_agreement (cairo_t               *cr,
                            int                    width,
                            int                    height,
                            const GlossChartStyle *style,
                            const GlossChartBar   *bars,
                            guint                  n_bars)
{
  g_autoptr(PangoLayout) layout = new_layout (cr, style);
  double label_w = label_column (layout, bars, n_bars, width);
  double x0 = PAD + label_w;
  double plot_w = MAX (40, width - PAD - VALUE_W - x0);
  double top = PAD + LEGEND_H;
  double rows = top + AXIS_H;
  double x;

  paint_background (cr, style);
  x = legend_item (cr, layout, style, &style->first, _("exact F1"), x0, PAD + LEGEND_H / 2.0 - 4);
  legend_item (cr, layout, style, &style->second, _("overlap F1"), x, PAD + LEGEND_H / 2.0 - 4);
  draw_axis (cr, layout, style, x0, plot_w, top, rows + n_bars * ROW_H);

  for (guint i = 0; i < n_bars; i++)
    {
      double y = rows + i * ROW_H;
      double bar_y = y + (ROW_H - 2 * BAR_H - BAR_GAP) / 2.0;

      set_color (cr, &style->foreground, 1);
      draw_text (cr, layout, bars[i].label, PAD, y + ROW_H / 2.0, 0, label_w - 12);
      draw_bar (cr, layout, style, &style->first, bars[i].exact, x0, plot_w, bar_y);
      draw_bar (cr, layout, style, &style->second, bars[i].overlap, x0, plot_w, bar_y + BAR_H + BAR_GAP);
      if (i == 0 && n_bars > 1)
        {
          set_color (cr, &style->foreground, 0.3);
          cairo_move_to (cr, PAD, (int) (y + ROW_H) + 0.5);
          cairo_line_to (cr, width - PAD, (int) (y + ROW_H) + 0.5);
          cairo_stroke (cr);
        }
    }
}

/* ---- Confusion heat map ---- */

/* The rows and columns worth showing: labels either annotator used, and
 * "no span" (index n_labels) last. */
static GArray *
shown_labels (const GlossConfusion *confusion)
{
  GArray *shown = g_array_new (FALSE, FALSE, sizeof (guint));
  guint k = confusion->n_labels + 1;

  for (guint i = 0; i < confusion->n_labels; i++)
    {
      guint used = 0;

      for (guint j = 0; j < k; j++)
        used += confusion->counts[i * k + j] + confusion->counts[j * k + i];
      if (used > 0)
        g_array_append_val (shown, i);
    }
  g_array_append_val (shown, confusion->n_labels);
  return shown;
}

/**
 * gloss_chart_confusion_size:
 *
 * The size the heat map of @confusion is drawn at, for an export.
 */
void
gloss_chart_confusion_size (const GlossConfusion *confusion,
                            int                  *width,
                            int                  *height)
{
  g_autoptr(GArray) shown = shown_labels (confusion);

  *width = MAX (480, 2 * PAD + ROW_NAME_W + shown->len * CELL + HEADER_H);
  *height = 2 * PAD + CAPTION_H + HEADER_H + shown->len * CELL + LEGEND_H;
}

static const char *
category_name (const GlossConfusion *confusion,
               guint                 index)
{
  return index < confusion->n_labels ? confusion->labels[index] : _("no span");
}

/* Light text on dark cells and dark text on light ones, whatever the theme. */
static void
set_text_color_on (cairo_t       *cr,
                   const GdkRGBA *background,
                   const GdkRGBA *fill,
                   double         alpha)
{
  double r = background->red * (1 - alpha) + fill->red * alpha;
  double g = background->green * (1 - alpha) + fill->green * alpha;
  double b = background->blue * (1 - alpha) + fill->blue * alpha;

  if (0.2126 * r + 0.7152 * g + 0.0722 * b > 0.5)
    cairo_set_source_rgba (cr, 0, 0, 0, 0.85);
  else
    cairo_set_source_rgba (cr, 1, 1, 1, 0.95);
}

static void
draw_cell (cairo_t               *cr,
           PangoLayout           *layout,
           const GlossChartStyle *style,
           guint                  count,
           guint                  most,
           gboolean               same,
           double                 x,
           double                 y)
{
  const GdkRGBA *fill = same ? &style->first : &style->conflict;
  double alpha = 0.2 + 0.8 * count / (double) MAX (most, 1);
  g_autofree char *text = NULL;

  if (count == 0)
    {
      set_color (cr, &style->foreground, 0.06);
      cairo_rectangle (cr, x + 1, y + 1, CELL - 2, CELL - 2);
      cairo_fill (cr);
      return;
    }
  set_color (cr, fill, alpha);
  cairo_rectangle (cr, x + 1, y + 1, CELL - 2, CELL - 2);
  cairo_fill (cr);
  text = g_strdup_printf ("%u", count);
  set_text_color_on (cr, &style->background, fill, alpha);
  draw_text (cr, layout, text, x + CELL / 2.0, y + CELL / 2.0, 0.5, -1);
}

static void
draw_column_names (cairo_t                   *cr,
                   PangoLayout               *layout,
                   const GlossConfusion      *confusion,
                   GArray                    *shown,
                   double                     x0,
                   double                     bottom)
{
  for (guint c = 0; c < shown->len; c++)
    {
      const char *name = category_name (confusion, g_array_index (shown, guint, c));
      int w, h;

      layout_text (layout, name, (HEADER_H - 8) * G_SQRT2, &w, &h);
      cairo_save (cr);
      cairo_translate (cr, x0 + c * CELL + CELL / 2.0, bottom - 4);
      cairo_rotate (cr, -G_PI / 4);
      cairo_move_to (cr, 0, -h / 2.0);
      pango_cairo_show_layout (cr, layout);
      cairo_restore (cr);
    }
}

/**
 * gloss_chart_draw_confusion:
 *
 * A heat map of @table: rows the first annotator's labels, columns the
 * second's, same-label cells in the first colour and different-label ones in
 * the conflict colour, darker the more span pairs; labels neither used are
 * left out.
 */
void
gloss_chart_draw_confusion (cairo_t                   *cr,
                            int                        width,
                            int                        height,
                            const GlossChartStyle     *style,
                            const GlossChartConfusion *table)
{
  const GlossConfusion *confusion = table->confusion;
  g_autoptr(PangoLayout) layout = new_layout (cr, style);
  g_autoptr(GArray) shown = shown_labels (confusion);
  guint k = confusion->n_labels + 1;
  double x0 = PAD + ROW_NAME_W;
  double y0 = PAD + CAPTION_H + HEADER_H;
  g_autofree char *caption = g_strdup_printf (_("Rows: %s · columns: %s"), table->rows, table->columns);
  guint most = 0;
  double x;

  for (guint i = 0; i < k * k; i++)
    most = MAX (most, confusion->counts[i]);

  paint_background (cr, style);
  set_color (cr, &style->foreground, 1);
  draw_text (cr, layout, caption, PAD, PAD + CAPTION_H / 2.0, 0, width - 2 * PAD);
  draw_column_names (cr, layout, confusion, shown, x0, y0);
  for (guint r = 0; r < shown->len; r++)
    {
      guint row = g_array_index (shown, guint, r);
      double y = y0 + r * CELL;

      set_color (cr, &style->foreground, 1);
      draw_text (cr, layout, category_name (confusion, row), x0 - 8, y + CELL / 2.0, 1, ROW_NAME_W - 16);
      for (guint c = 0; c < shown->len; c++)
        {
          guint column = g_array_index (shown, guint, c);

          draw_cell (cr, layout, style, confusion->counts[row * k + column], most,
                     row == column && row < confusion->n_labels, x0 + c * CELL, y);
        }
    }

  x = legend_item (cr, layout, style, &style->first, _("same label"), x0,
                   y0 + shown->len * CELL + LEGEND_H / 2.0 + 4);
  legend_item (cr, layout, style, &style->conflict, _("different labels, or none"), x,
               y0 + shown->len * CELL + LEGEND_H / 2.0 + 4);
}

/* ---- Export ---- */

/**
 * gloss_chart_format_for_path:
 *
 * Returns: SVG for a name ending in .svg, else PNG
 */
GlossChartFormat
gloss_chart_format_for_path (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, ".svg") ? GLOSS_CHART_SVG : GLOSS_CHART_PNG;
}

static gboolean
check_status (cairo_status_t   status,
              const char      *path,
              GError         **error)
{
  g_autofree char *name = NULL;

  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  name = g_filename_display_name (path);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write the chart to %s: %s"),
               name, cairo_status_to_string (status));
  return FALSE;
}

/**
 * gloss_chart_export:
 * @draw: one of the chart functions, called with @data
 *
 * Writes a chart as PNG (at twice the size, for sharp text) or SVG. The
 * background is painted whatever @style says, so the file reads on its own.
 *
 * Returns: %FALSE with @error set when the file cannot be written
 */
gboolean
gloss_chart_export (const char            *path,
                    GlossChartFormat       format,
                    int                    width,
                    int                    height,
                    const GlossChartStyle *style,
                    GlossChartDrawFunc     draw,
                    gpointer               data,
                    GError               **error)
{
  GlossChartStyle opaque = *style;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (path != NULL && draw != NULL, FALSE);

  opaque.background.alpha = 1;
  if (format == GLOSS_CHART_SVG)
    surface = cairo_svg_surface_create (path, width, height);
  else
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * PNG_SCALE, height * PNG_SCALE);
  cr = cairo_create (surface);
  if (format == GLOSS_CHART_PNG)
    cairo_scale (cr, PNG_SCALE, PNG_SCALE);
  draw (cr, width, height, &opaque, data);
  cairo_destroy (cr);
  /* A finished image surface can no longer be written out. */
  if (format == GLOSS_CHART_SVG)
    cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  if (status == CAIRO_STATUS_SUCCESS && format == GLOSS_CHART_PNG)
    status = cairo_surface_write_to_png (surface, path);
  cairo_surface_destroy (surface);
  return check_status (status, path, error);
}
