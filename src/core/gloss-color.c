/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-color"

#include "config.h"

#include <math.h>
#include <string.h>

#include "gloss-color.h"

#define DEG(r) ((r) * 180.0 / G_PI)
#define RAD(d) ((d) * G_PI / 180.0)

gboolean
gloss_color_parse (const char *hex,
                   double      rgb[3])
{
  guint value = 0;

  if (hex == NULL || hex[0] != '#' || strlen (hex) != 7)
    return FALSE;
  for (guint i = 1; i < 7; i++)
    {
      if (!g_ascii_isxdigit (hex[i]))
        return FALSE;
      value = value * 16 + g_ascii_xdigit_value (hex[i]);
    }
  rgb[0] = ((value >> 16) & 0xff) / 255.0;
  rgb[1] = ((value >> 8) & 0xff) / 255.0;
  rgb[2] = (value & 0xff) / 255.0;
  return TRUE;
}

static double
to_linear (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
from_linear (double c)
{
  return c <= 0.0031308 ? 12.92 * c : 1.055 * pow (c, 1 / 2.4) - 0.055;
}

/* D65 white, as sRGB defines it. */
static const double white[3] = { 0.95047, 1.0, 1.08883 };

static double
lab_f (double t)
{
  const double d = 6.0 / 29.0;

  return t > d * d * d ? cbrt (t) : t / (3 * d * d) + 4.0 / 29.0;
}

static double
lab_f_inverse (double t)
{
  const double d = 6.0 / 29.0;

  return t > d ? t * t * t : 3 * d * d * (t - 4.0 / 29.0);
}

static void
rgb_to_lab (const double rgb[3],
            double       lab[3])
{
  double r = to_linear (rgb[0]), g = to_linear (rgb[1]), b = to_linear (rgb[2]);
  double x = 0.4124564 * r + 0.3575761 * g + 0.1804375 * b;
  double y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
  double z = 0.0193339 * r + 0.1191920 * g + 0.9503041 * b;
  double fx = lab_f (x / white[0]), fy = lab_f (y / white[1]), fz = lab_f (z / white[2]);

  lab[0] = 116 * fy - 16;
  lab[1] = 500 * (fx - fy);
  lab[2] = 200 * (fy - fz);
}

/* FALSE when the colour lies outside sRGB. */
static gboolean
lab_to_rgb (const double lab[3],
            double       rgb[3])
{
  double fy = (lab[0] + 16) / 116, fx = fy + lab[1] / 500, fz = fy - lab[2] / 200;
  double x = white[0] * lab_f_inverse (fx), y = white[1] * lab_f_inverse (fy), z = white[2] * lab_f_inverse (fz);
  double linear[3] = {
    3.2404542 * x - 1.5371385 * y - 0.4985314 * z,
    -0.9692660 * x + 1.8760108 * y + 0.0415560 * z,
    0.0556434 * x - 0.2040259 * y + 1.0572252 * z,
  };

  for (guint i = 0; i < 3; i++)
    {
      if (linear[i] < 0 || linear[i] > 1)
        return FALSE;
      rgb[i] = from_linear (linear[i]);
    }
  return TRUE;
}

static double
hue (double b,
     double a)
{
  double h;

  if (a == 0 && b == 0)
    return 0;
  h = DEG (atan2 (b, a));
  return h < 0 ? h + 360 : h;
}

/**
 * gloss_color_delta_e_lab:
 *
 * Returns: CIEDE2000 (Sharma, Wu and Dalal 2005, kL = kC = kH = 1) between
 *   two CIELAB colours
 */
double
gloss_color_delta_e_lab (const double x[3],
                         const double y[3])
{
  const double p25 = pow (25, 7);
  double c1 = hypot (x[1], x[2]), c2 = hypot (y[1], y[2]);
  double c_bar = (c1 + c2) / 2;
  double g = 0.5 * (1 - sqrt (pow (c_bar, 7) / (pow (c_bar, 7) + p25)));
  double a1 = (1 + g) * x[1], a2 = (1 + g) * y[1];
  double c1p = hypot (a1, x[2]), c2p = hypot (a2, y[2]);
  double h1p = hue (x[2], a1), h2p = hue (y[2], a2);
  double dl = y[0] - x[0], dc = c2p - c1p, dh = 0, dhh, l_bar, c_barp, h_barp, t, dtheta, rc, sl, sc, sh, rt;

  if (c1p * c2p != 0)
    {
      dh = h2p - h1p;
      if (dh > 180)
        dh -= 360;
      else if (dh < -180)
        dh += 360;
    }
  dhh = 2 * sqrt (c1p * c2p) * sin (RAD (dh / 2));

  l_bar = (x[0] + y[0]) / 2;
  c_barp = (c1p + c2p) / 2;
  if (c1p * c2p == 0)
    h_barp = h1p + h2p;
  else if (fabs (h1p - h2p) <= 180)
    h_barp = (h1p + h2p) / 2;
  else
    h_barp = (h1p + h2p + (h1p + h2p < 360 ? 360 : -360)) / 2;

  t = 1 - 0.17 * cos (RAD (h_barp - 30)) + 0.24 * cos (RAD (2 * h_barp))
      + 0.32 * cos (RAD (3 * h_barp + 6)) - 0.20 * cos (RAD (4 * h_barp - 63));
  dtheta = 30 * exp (-pow ((h_barp - 275) / 25, 2));
  rc = 2 * sqrt (pow (c_barp, 7) / (pow (c_barp, 7) + p25));
  sl = 1 + 0.015 * pow (l_bar - 50, 2) / sqrt (20 + pow (l_bar - 50, 2));
  sc = 1 + 0.045 * c_barp;
  sh = 1 + 0.015 * c_barp * t;
  rt = -sin (RAD (2 * dtheta)) * rc;

  return sqrt (pow (dl / sl, 2) + pow (dc / sc, 2) + pow (dhh / sh, 2) + rt * (dc / sc) * (dhh / sh));
}

/**
 * gloss_color_delta_e:
 *
 * Returns: the CIEDE2000 difference of two colours (about 2: just noticeable;
 *   10 and more: plainly different), or -1 when one is not "#rrggbb"
 */
double
gloss_color_delta_e (const char *a,
                     const char *b)
{
  double rgb_a[3], rgb_b[3], lab_a[3], lab_b[3];

  if (!gloss_color_parse (a, rgb_a) || !gloss_color_parse (b, rgb_b))
    return -1;
  rgb_to_lab (rgb_a, lab_a);
  rgb_to_lab (rgb_b, lab_b);
  return gloss_color_delta_e_lab (lab_a, lab_b);
}

static double
luminance (const double rgb[3])
{
  return 0.2126 * to_linear (rgb[0]) + 0.7152 * to_linear (rgb[1]) + 0.0722 * to_linear (rgb[2]);
}

/**
 * gloss_color_contrast:
 *
 * Returns: the WCAG 2 contrast ratio of two colours, from 1 to 21 (text
 *   needs 4.5), or -1 when one is not "#rrggbb"
 */
double
gloss_color_contrast (const char *a,
                      const char *b)
{
  double rgb_a[3], rgb_b[3], la, lb;

  if (!gloss_color_parse (a, rgb_a) || !gloss_color_parse (b, rgb_b))
    return -1;
  la = luminance (rgb_a);
  lb = luminance (rgb_b);
  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

static char *
to_hex (const double rgb[3])
{
  return g_strdup_printf ("#%02x%02x%02x", (guint) lround (rgb[0] * 255), (guint) lround (rgb[1] * 255),
                          (guint) lround (rgb[2] * 255));
}

/* The colour of lightness @l and hue @h (degrees) with the most chroma up to
 * @c that sRGB has: a grey of any lightness is in sRGB, so one is found. */
static char *
lch_to_hex (double l,
            double c,
            double h)
{
  double lo = 0, hi = c, rgb[3];
  double lab[3] = { l, c * cos (RAD (h)), c * sin (RAD (h)) };

  if (!lab_to_rgb (lab, rgb))
    {
      for (guint i = 0; i < 24; i++)
        {
          double mid = (lo + hi) / 2;

          lab[1] = mid * cos (RAD (h));
          lab[2] = mid * sin (RAD (h));
          if (lab_to_rgb (lab, rgb))
            lo = mid;
          else
            hi = mid;
        }
      lab[1] = lo * cos (RAD (h));
      lab[2] = lo * sin (RAD (h));
      lab_to_rgb (lab, rgb);
    }
  return to_hex (rgb);
}

/* On a light page: the colour itself, made lighter only as far as the dark
 * text on it needs (a label can be given any colour, black too). */
static char *
light_highlight (const double rgb[3],
                 const double lab[3])
{
  g_autofree char *itself = to_hex (rgb);
  double c = hypot (lab[1], lab[2]), h = hue (lab[2], lab[1]);

  if (gloss_color_contrast (itself, GLOSS_COLOR_TEXT) >= 4.5)
    return g_steal_pointer (&itself);
  for (double l = lab[0] + 1; l <= 100; l += 1)
    {
      g_autofree char *hex = lch_to_hex (l, c, h);

      if (gloss_color_contrast (hex, GLOSS_COLOR_TEXT) >= 4.5)
        return g_steal_pointer (&hex);
    }
  return g_strdup ("#ffffff");
}

/* On a dark page: the same hue, a little less chroma, and the lightness
 * folded into 28–46 (lighter colours stay lighter), where white text keeps
 * 5:1 or more; colours apart on a light page stay apart on a dark one. */
static char *
dark_highlight (const double lab[3])
{
  double l = CLAMP (20 + 0.5 * (lab[0] - 50), 28, 46);

  return lch_to_hex (l, 0.9 * hypot (lab[1], lab[2]), hue (lab[2], lab[1]));
}

/**
 * gloss_color_highlight:
 * @color: a label's colour, "#rrggbb"
 * @dark: whether the page is dark
 *
 * The background that text tagged with @color gets: on a light page the
 * colour (lightened if the text on it would not read), under
 * %GLOSS_COLOR_TEXT; on a dark page a dark shade of it, under
 * %GLOSS_COLOR_TEXT_DARK. The text keeps a contrast of 4.5:1 or more.
 *
 * Returns: (transfer full) (nullable): "#rrggbb", or %NULL when @color is
 *   not "#rrggbb"
 */
char *
gloss_color_highlight (const char *color,
                       gboolean    dark)
{
  double rgb[3], lab[3];

  if (!gloss_color_parse (color, rgb))
    return NULL;
  rgb_to_lab (rgb, lab);
  return dark ? dark_highlight (lab) : light_highlight (rgb, lab);
}

/* The pages highlights sit on: white, and Adwaita's dark view background. */
#define PAGE_LIGHT "#ffffff"
#define PAGE_DARK  "#1e1e1e"

/* The smallest CIEDE2000 from @hex to @taken, on a light and on a dark page. */
static double
nearest_taken (const char         *hex,
               const char         *dark_hex,
               const char * const *taken)
{
  double nearest = G_MAXDOUBLE;

  for (guint i = 0; taken != NULL && taken[i] != NULL; i++)
    {
      g_autofree char *other_dark = gloss_color_highlight (taken[i], TRUE);

      if (other_dark == NULL)
        continue;
      nearest = MIN (nearest, gloss_color_delta_e (hex, taken[i]));
      nearest = MIN (nearest, gloss_color_delta_e (dark_hex, other_dark));
    }
  return nearest;
}

/**
 * gloss_color_pick_distinct:
 * @taken: (array zero-terminated=1) (nullable): the colours in use
 *
 * Chooses a colour for a new label: light enough that the text on it keeps a
 * contrast of 4.5:1 or more, visibly a highlight on a white page and on a
 * dark one, and as far (CIEDE2000) from every colour in @taken, on either
 * page, as such colours go. The same @taken gives the same colour.
 *
 * Returns: (transfer full): "#rrggbb"
 */
char *
gloss_color_pick_distinct (const char * const *taken)
{
  static const double lightness[] = { 88, 80, 72 };
  static const double chroma[] = { 45, 30, 60, 20 };
  g_autofree char *best = NULL;
  double best_distance = -1;

  for (guint l = 0; l < G_N_ELEMENTS (lightness); l++)
    for (guint c = 0; c < G_N_ELEMENTS (chroma); c++)
      for (guint h = 0; h < 360; h += 10)
        {
          double lab[3] = { lightness[l], chroma[c] * cos (RAD (h)), chroma[c] * sin (RAD (h)) };
          double rgb[3], nearest;
          g_autofree char *hex = NULL;
          g_autofree char *dark_hex = NULL;

          if (!lab_to_rgb (lab, rgb))
            continue;
          hex = to_hex (rgb);
          dark_hex = gloss_color_highlight (hex, TRUE);
          if (gloss_color_contrast (hex, GLOSS_COLOR_TEXT) < 4.5 || gloss_color_delta_e (hex, PAGE_LIGHT) < 10
              || gloss_color_delta_e (dark_hex, PAGE_DARK) < 10)
            continue;
          nearest = nearest_taken (hex, dark_hex, taken);
          if (nearest > best_distance + 1e-9)
            {
              best_distance = nearest;
              g_free (best);
              best = g_steal_pointer (&hex);
            }
        }
  return g_steal_pointer (&best);
}
