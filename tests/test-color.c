/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Label colours a reader tells apart: CIEDE2000 against Sharma, Wu and Dalal's
 * published test pairs, WCAG contrast against its defining cases, the
 * highlight a colour becomes on a light and on a dark page, the presets'
 * highlights apart and readable on both, and the colour a new label gets —
 * never black, readable, far from the labels already there on either page. */
#include <glib/gstdio.h>
#include <math.h>

#include "gloss-color.h"
#include "gloss-store.h"

static void
test_delta_e_published (void)
{
  /* Pairs 1, 2, 7, 13, 17 and 25 of the paper's table, ΔE00 to four places. */
  const struct { double a[3], b[3], expected; } pairs[] = {
    { { 50.0000, 2.6772, -79.7751 }, { 50.0000, 0.0000, -82.7485 }, 2.0425 },
    { { 50.0000, 3.1571, -77.2803 }, { 50.0000, 0.0000, -82.7485 }, 2.8615 },
    { { 50.0000, 0.0000, 0.0000 }, { 50.0000, -1.0000, 2.0000 }, 2.3669 },
    { { 50.0000, 2.4900, -0.0010 }, { 50.0000, -2.4900, 0.0009 }, 7.1792 },
    { { 50.0000, 2.5000, 0.0000 }, { 73.0000, 25.0000, -18.0000 }, 27.1492 },
    { { 60.2574, -34.0099, 36.2677 }, { 60.4626, -34.1751, 39.4387 }, 1.2644 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_assert_cmpfloat_with_epsilon (gloss_color_delta_e_lab (pairs[i].a, pairs[i].b), pairs[i].expected, 5e-5);
      /* Symmetric. */
      g_assert_cmpfloat_with_epsilon (gloss_color_delta_e_lab (pairs[i].b, pairs[i].a), pairs[i].expected, 5e-5);
    }
  g_assert_cmpfloat (gloss_color_delta_e ("#123456", "#123456"), ==, 0);
  g_assert_cmpfloat (gloss_color_delta_e ("black", "#123456"), ==, -1);
}

static void
test_contrast (void)
{
  g_assert_cmpfloat_with_epsilon (gloss_color_contrast ("#000000", "#ffffff"), 21, 1e-9);
  g_assert_cmpfloat_with_epsilon (gloss_color_contrast ("#ffffff", "#ffffff"), 1, 1e-9);
  /* WCAG's own example of a colour that just passes on white: #767676. */
  g_assert_cmpfloat (gloss_color_contrast ("#767676", "#ffffff"), >=, 4.5);
  g_assert_cmpfloat (gloss_color_contrast ("#777777", "#ffffff"), <, 4.5);
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (dir);
}

static const char *
text_on (gboolean dark)
{
  return dark ? GLOSS_COLOR_TEXT_DARK : GLOSS_COLOR_TEXT;
}

/* The smaller CIEDE2000 of two label colours' highlights on the two pages. */
static double
highlights_apart (const char *a,
                  const char *b)
{
  double nearest = G_MAXDOUBLE;

  for (gboolean dark = FALSE; dark <= TRUE; dark++)
    {
      g_autofree char *ha = gloss_color_highlight (a, dark);
      g_autofree char *hb = gloss_color_highlight (b, dark);

      nearest = MIN (nearest, gloss_color_delta_e (ha, hb));
    }
  return nearest;
}

/* Any colour a label is given, black and white too, reads on both pages; a
 * colour that reads already is its own highlight on a light page; on a dark
 * page the highlight is darker than its text and stands off the page. */
static void
test_highlight (void)
{
  const char *colors[] = { "#000000", "#ffffff", "#1a5fb4", "#ff0000", "#ffff00", "#00ff00", "#e0e0e0",
                           "#aa9cfc", "#7aecec", "#3d3846", "#c01c28", "#808080" };

  g_assert_null (gloss_color_highlight ("red", FALSE));
  g_assert_null (gloss_color_highlight ("#12345", TRUE));
  for (guint i = 0; i < G_N_ELEMENTS (colors); i++)
    for (gboolean dark = FALSE; dark <= TRUE; dark++)
      {
        g_autofree char *highlight = gloss_color_highlight (colors[i], dark);
        g_autofree char *again = gloss_color_highlight (colors[i], dark);

        g_assert_nonnull (highlight);
        g_assert_cmpstr (highlight, ==, again);
        g_assert_cmpfloat (gloss_color_contrast (highlight, text_on (dark)), >=, 4.5);
        if (dark)
          g_assert_cmpfloat (gloss_color_delta_e (highlight, "#1e1e1e"), >=, 10);
        else if (gloss_color_contrast (colors[i], GLOSS_COLOR_TEXT) >= 4.5)
          g_assert_cmpstr (highlight, ==, colors[i]);
      }
}

/* Within a layer of each preset, every two highlights differ by a CIEDE2000
 * of 10 or more and every highlight keeps its text at 4.5:1 or more, on a
 * light page and on a dark one. Quotes and claims are bars under the text,
 * not highlights. Every shortfall is listed, not only the first. */
static void
test_presets (void)
{
  static const GlossPreset presets[] = { GLOSS_PRESET_ONTONOTES, GLOSS_PRESET_CONLL2003 };
  static const char * const names[] = { "OntoNotes", "CoNLL-2003" };
  g_autofree char *dir = g_dir_make_tmp ("gloss-test-color-XXXXXX", NULL);
  g_autoptr(GString) shortfalls = g_string_new (NULL);

  for (guint p = 0; p < G_N_ELEMENTS (presets); p++)
    {
      const char *name = names[p];
      g_autofree char *file = g_strdup_printf ("preset-%u.gloss", p);
      g_autofree char *path = g_build_filename (dir, file, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GlossStore) store = gloss_store_open (path, GLOSS_STORE_OPEN_CREATE, &error);
      g_autoptr(GPtrArray) highlights = g_ptr_array_new ();
      GPtrArray *labels;

      g_assert_no_error (error);
      g_assert_true (gloss_store_apply_preset (store, presets[p], &error));
      g_assert_no_error (error);
      labels = gloss_store_list_labels (store);
      for (guint i = 0; i < labels->len; i++)
        {
          GlossLabel *label = g_ptr_array_index (labels, i);

          if (label->kind != GLOSS_LABEL_KIND_QUOTE && label->kind != GLOSS_LABEL_KIND_CLAIM)
            g_ptr_array_add (highlights, label);
        }
      g_assert_cmpuint (highlights->len, >=, 4);

      for (guint i = 0; i < highlights->len; i++)
        {
          const GlossLabel *a = g_ptr_array_index (highlights, i);

          for (gboolean dark = FALSE; dark <= TRUE; dark++)
            {
              g_autofree char *highlight = gloss_color_highlight (a->color, dark);
              double contrast = gloss_color_contrast (highlight, text_on (dark));

              if (contrast < 4.5)
                g_string_append_printf (shortfalls, "%s %s: contrast %.2f (%s)\n", name, a->name, contrast,
                                        dark ? "dark" : "light");
            }
          for (guint j = i + 1; j < highlights->len; j++)
            {
              const GlossLabel *b = g_ptr_array_index (highlights, j);
              double apart = highlights_apart (a->color, b->color);

              if (g_str_equal (a->layer, b->layer) && apart < 10)
                g_string_append_printf (shortfalls, "%s %s/%s: dE00 %.1f\n", name, a->name, b->name, apart);
            }
        }
      g_clear_object (&store);
    }
  remove_dir (dir);
  g_assert_cmpstr (shortfalls->str, ==, "");
}

static void
assert_good_pick (const char * const *taken,
                  double              at_least)
{
  g_autofree char *picked = gloss_color_pick_distinct (taken);
  g_autofree char *again = gloss_color_pick_distinct (taken);
  g_autofree char *dark = NULL;

  g_assert_nonnull (picked);
  g_assert_cmpstr (picked, ==, again);
  g_assert_cmpfloat (gloss_color_contrast (picked, GLOSS_COLOR_TEXT), >=, 4.5);
  g_assert_cmpfloat (gloss_color_delta_e (picked, "#ffffff"), >=, 10);
  dark = gloss_color_highlight (picked, TRUE);
  g_assert_cmpfloat (gloss_color_delta_e (dark, "#1e1e1e"), >=, 10);
  for (guint i = 0; taken != NULL && taken[i] != NULL; i++)
    g_assert_cmpfloat (highlights_apart (picked, taken[i]), >=, at_least);
}

static void
test_pick_distinct (void)
{
  /* The entity colours of the OntoNotes preset, as shipped. */
  const char *entity[] = { "#a5a0fb", "#7aecec", "#ffca73", "#ff9561", "#cd8bf5", "#90c3ff", "#ffeb80",
                           "#c5b0c6", "#ff8197", "#febad0", "#cff1c6", "#d2f27b", "#a5e1fc", "#80d48a",
                           "#dfc7a3", "#bcc3d7", "#b8bdb6", "#f5c4ff", NULL };
  const char *none[] = { NULL };
  const char *one[] = { "#ffd27f", NULL };

  assert_good_pick (NULL, 0);
  assert_good_pick (none, 0);
  assert_good_pick (one, 30);
  /* Even among eighteen colours a new one stands apart. */
  assert_good_pick (entity, 8);
}

/* A label that arrives without a colour (a brat or doccano schema) gets one
 * apart from its layer's. */
static void
test_new_label_color (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gloss-test-color-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "p.gloss", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) store = gloss_store_open (path, GLOSS_STORE_OPEN_CREATE, &error);
  g_autoptr(GlossLabel) label = gloss_label_new ();
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);
  const GlossLabel *stored;
  GPtrArray *labels;

  g_assert_no_error (error);
  label->name = g_strdup ("WEAPON");
  label->layer = g_strdup ("entity");
  g_assert_true (gloss_store_add_label (store, label, &error));
  g_assert_no_error (error);
  stored = gloss_store_lookup_label (store, "WEAPON");
  g_assert_nonnull (stored);
  g_assert_cmpfloat (gloss_color_contrast (stored->color, GLOSS_COLOR_TEXT), >=, 4.5);
  labels = gloss_store_list_labels (store);
  for (guint i = 0; i < labels->len; i++)
    {
      const GlossLabel *other = g_ptr_array_index (labels, i);

      if (other != stored && g_str_equal (other->layer, "entity"))
        g_assert_cmpfloat (gloss_color_delta_e (stored->color, other->color), >=, 8);
    }
  g_clear_object (&store);
  g_assert_cmpint (system (cmd), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/color/delta-e-published", test_delta_e_published);
  g_test_add_func ("/color/contrast", test_contrast);
  g_test_add_func ("/color/highlight", test_highlight);
  g_test_add_func ("/color/presets", test_presets);
  g_test_add_func ("/color/pick-distinct", test_pick_distinct);
  g_test_add_func ("/color/new-label", test_new_label_color);

  return g_test_run ();
}
