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

/**
 * gloss_color_pick_distinct:
 * @taken: (array zero-terminated=1) (nullable): the colours in use
 *
 * Chooses a highlight colour for a new label: light enough that the text on
 * it keeps a contrast of 4.5:1 or more, visibly a highlight on a white page,
 * and as far (CIEDE2000) from every colour in @taken as such colours go.
 * The same @taken gives the same colour.
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
          double rgb[3];
          g_autofree char *hex = NULL;
          double nearest = G_MAXDOUBLE;

          if (!lab_to_rgb (lab, rgb))
            continue;
          hex = to_hex (rgb);
          if (gloss_color_contrast (hex, GLOSS_COLOR_TEXT) < 4.5 || gloss_color_delta_e (hex, "#ffffff") < 10)
            continue;
          for (guint i = 0; taken != NULL && taken[i] != NULL; i++)
            {
              double d = gloss_color_delta_e (hex, taken[i]);

              if (d >= 0)
                nearest = MIN (nearest, d);
            }
          if (nearest > best_distance + 1e-9)
            {
              best_distance = nearest;
              g_free (best);
              best = g_steal_pointer (&hex);
            }
        }
  return g_steal_pointer (&best);
}
