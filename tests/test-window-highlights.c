/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Highlights as the article draws them, in the light and in the dark theme:
 * for every layer of every preset, each label's highlight, read from the
 * article's own tags and laid over the page the theme gives, stands apart
 * from every other of its layer (CIEDE2000 of 10 or more) and keeps the text
 * on it readable (WCAG contrast 4.5:1 or more); and the pixels drawn inside
 * each highlighted word are that colour. Runs under Xvfb; without a display
 * every test skips. GLOSS_SCREENSHOT_DIR=DIR saves each article as a PNG. */
#include <adwaita.h>
#include <string.h>

#include "gloss-application.h"
#include "gloss-article-view.h"
#include "gloss-color.h"
#include "gloss-store.h"
#include "gloss-window.h"
#include "window-test-util.h"

static GlossApplication *app;
static gboolean have_display;

typedef struct
{
  char        *dir;
  GlossWindow *window;
  GPtrArray   *labels;   /* GlossLabel, borrowed from the window's store */
  GArray      *starts;   /* gint: where each label's word starts in the text */
} Project;

/* One word per label, each tagged with its label, under a headline. */
static char *
labels_text (GPtrArray *labels,
             GArray    *starts)
{
  GString *text = g_string_new ("Colours\n\n");

  for (guint i = 0; i < labels->len; i++)
    {
      const GlossLabel *label = g_ptr_array_index (labels, i);
      gint start = (gint) g_utf8_strlen (text->str, -1);

      g_array_append_val (starts, start);
      g_string_append_printf (text, "%s ", label->name);
    }
  return g_string_free (text, FALSE);
}

static Project *
project_new (GlossPreset preset)
{
  Project *p = g_new0 (Project, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) store = NULL;
  g_autoptr(GlossDocument) document = g_new0 (GlossDocument, 1);
  g_autofree char *path = NULL;
  GPtrArray *labels;
  GtkWindow *window;

  p->dir = g_dir_make_tmp ("gloss-test-highlights-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (p->dir, "project.gloss", NULL);
  store = gloss_store_open (path, GLOSS_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (gloss_store_apply_preset (store, preset, &error));
  g_assert_no_error (error);

  labels = gloss_store_list_labels (store);
  p->starts = g_array_new (FALSE, FALSE, sizeof (gint));
  document->title = g_strdup ("Colours");
  document->text = labels_text (labels, p->starts);
  g_assert_true (gloss_store_add_document (store, document, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < labels->len; i++)
    {
      const GlossLabel *label = g_ptr_array_index (labels, i);
      gint start = g_array_index (p->starts, gint, i);
      g_autoptr(GlossSpan) span = gloss_span_new (label->name, start, start + (gint) strlen (label->name));
      g_autoptr(GlossSpan) stored = gloss_store_add_span (store, document->rowid, span, &error);

      g_assert_no_error (error);
    }
  g_clear_object (&store);

  window = gloss_application_open_project (app, path, &error);
  g_assert_no_error (error);
  p->window = GLOSS_WINDOW (window);
  g_assert_true (wait_until (is_mapped, window, 5000));
  p->labels = gloss_store_list_labels (gloss_window_get_store (p->window));
  g_assert_cmpuint (p->labels->len, ==, p->starts->len);
  return p;
}

static void
project_free (Project *p)
{
  gtk_window_destroy (GTK_WINDOW (p->window));
  pump ();
  remove_tree (p->dir);
  g_free (p->dir);
  g_array_unref (p->starts);
  g_free (p);
}

static GlossArticleView *
article (Project *p)
{
  return gloss_window_get_article_view (p->window);
}

static gboolean
all_tagged (gpointer data)
{
  Project *p = data;

  for (guint i = 0; i < p->labels->len; i++)
    {
      const GlossLabel *label = g_ptr_array_index (p->labels, i);

      if (!gloss_article_view_has_tag_at (article (p), label->name, g_array_index (p->starts, gint, i)))
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_dark (gpointer data)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ()) == GPOINTER_TO_INT (data);
}

static void
set_dark (gboolean dark)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_true (wait_until (is_dark, GINT_TO_POINTER (dark), 2000));
  for (guint i = 0; i < 10; i++)
    {
      pump ();
      g_usleep (5000);
    }
}

static char *
to_hex (const GdkRGBA *rgba)
{
  return g_strdup_printf ("#%02x%02x%02x", (guint) (rgba->red * 255 + 0.5), (guint) (rgba->green * 255 + 0.5),
                          (guint) (rgba->blue * 255 + 0.5));
}

/* @top laid over the opaque @under, as a renderer blends them. */
static GdkRGBA
over (const GdkRGBA *top,
      const GdkRGBA *under)
{
  GdkRGBA out = { top->red * top->alpha + under->red * (1 - top->alpha),
                  top->green * top->alpha + under->green * (1 - top->alpha),
                  top->blue * top->alpha + under->blue * (1 - top->alpha), 1 };

  return out;
}

/* How a label's text is drawn in the theme now in force: its highlight over
 * the page, and the text over the highlight; FALSE for a label drawn as a bar. */
static gboolean
drawn_colors (Project          *p,
              const GlossLabel *label,
              char            **highlight,
              char            **text)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (gtk_text_view_get_buffer (GTK_TEXT_VIEW (article (p))));
  g_autofree char *tag_name = g_strdup_printf ("label:%s", label->name);
  GtkTextTag *tag = gtk_text_tag_table_lookup (table, tag_name);
  g_autoptr(GdkRGBA) background = NULL;
  g_autoptr(GdkRGBA) foreground = NULL;
  gboolean background_set = FALSE, foreground_set = FALSE;
  GdkRGBA page, body, drawn, ink;

  g_assert_nonnull (tag);
  g_object_get (tag, "background-set", &background_set, "background-rgba", &background,
                "foreground-set", &foreground_set, "foreground-rgba", &foreground, NULL);
  if (!background_set)
    return FALSE;
  /* The article's page and text are the theme's view colours (style.css). */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_assert_true (gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (article (p))),
                                                 "theme_base_color", &page));
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (article (p))), &body);
  G_GNUC_END_IGNORE_DEPRECATIONS
  page.alpha = 1;
  drawn = over (background, &page);
  ink = over (foreground_set ? foreground : &body, &drawn);
  *highlight = to_hex (&drawn);
  *text = to_hex (&ink);
  return TRUE;
}

/* The article as its window's renderer draws it. */
static GdkTexture *
render_article (Project *p)
{
  GtkWidget *widget = GTK_WIDGET (article (p));
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;

  /* Until the article has been laid out and drawn once, its snapshot is
   * empty (no node at all): draw and look again. */
  for (guint tries = 0; node == NULL && tries < 100; tries++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      if (tries > 0)
        {
          gtk_widget_queue_draw (widget);
          pump ();
          g_usleep (20000);
          width = gtk_widget_get_width (widget);
          height = gtk_widget_get_height (widget);
        }
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (p->window)), node,
                                      &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* The colour most pixels of the label's word have: its background, since
 * the letters cover less of it. */
static char *
most_drawn (Project          *p,
            GdkTexture       *texture,
            guint             index,
            const GlossLabel *label)
{
  GtkTextView *view = GTK_TEXT_VIEW (article (p));
  int width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  g_autofree guchar *pixels = g_malloc ((gsize) width * height * 4);
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  gint start = g_array_index (p->starts, gint, index);
  GtkTextIter first, last;
  GdkRectangle a, b;
  guint best = 0, best_count = 0;
  int x0, y0, x1, y1;

  gdk_texture_download (texture, pixels, (gsize) width * 4);
  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (view), &first, start);
  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (view), &last, start + (gint) strlen (label->name) - 1);
  gtk_text_view_get_iter_location (view, &first, &a);
  gtk_text_view_get_iter_location (view, &last, &b);
  g_assert_cmpint (a.y, ==, b.y);
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, a.x, a.y + 2, &x0, &y0);
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, b.x + b.width, a.y + a.height - 2, &x1, &y1);
  g_assert_cmpint (x0, >=, 0);
  g_assert_cmpint (y0, >=, 0);
  g_assert_cmpint (x1, <=, width);
  g_assert_cmpint (y1, <=, height);

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        const guchar *px = pixels + (gsize) y * width * 4 + (gsize) x * 4;  /* B, G, R, A */
        guint key = (px[2] << 16) | (px[1] << 8) | px[0];
        guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (key))) + 1;

        g_hash_table_insert (counts, GUINT_TO_POINTER (key), GUINT_TO_POINTER (count));
        if (count > best_count)
          {
            best_count = count;
            best = key;
          }
      }
  return g_strdup_printf ("#%06x", best);
}

static void
save_png (GdkTexture  *texture,
          const char  *preset,
          gboolean     dark)
{
  const char *dir = g_getenv ("GLOSS_SCREENSHOT_DIR");
  g_autofree char *name = g_strdup_printf ("highlights-%s-%s.png", preset, dark ? "dark" : "light");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s", path);
}

static gboolean
same_color (const char *a,
            const char *b)
{
  double x[3], y[3];

  g_assert_true (gloss_color_parse (a, x));
  g_assert_true (gloss_color_parse (b, y));
  for (guint i = 0; i < 3; i++)
    if (ABS (x[i] - y[i]) > 2.5 / 255)
      return FALSE;
  return TRUE;
}

static double
luminance (const char *hex)
{
  /* Against black, WCAG's ratio is (L + 0.05) / 0.05. */
  return gloss_color_contrast (hex, "#000000") * 0.05 - 0.05;
}

/* Checks one theme, and appends what falls short to @shortfalls. */
static void
check_theme (Project     *p,
             const char  *preset,
             gboolean     dark,
             GString     *shortfalls)
{
  const char *theme = dark ? "dark" : "light";
  g_autoptr(GPtrArray) highlights = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GdkTexture) texture = NULL;

  set_dark (dark);
  g_assert_true (wait_until (all_tagged, p, 5000));
  texture = render_article (p);
  save_png (texture, preset, dark);

  for (guint i = 0; i < p->labels->len; i++)
    {
      const GlossLabel *label = g_ptr_array_index (p->labels, i);
      g_autofree char *highlight = NULL;
      g_autofree char *text = NULL;
      g_autofree char *pixels = NULL;
      double contrast;

      if (!drawn_colors (p, label, &highlight, &text))
        {
          g_ptr_array_add (highlights, NULL);
          continue;
        }
      contrast = gloss_color_contrast (highlight, text);
      if (contrast < 4.5)
        g_string_append_printf (shortfalls, "%s %s %s: text %s on %s, contrast %.2f\n",
                                preset, theme, label->name, text, highlight, contrast);
      /* A dark page gets dark highlights under light text, not light blocks. */
      if (dark && luminance (highlight) > luminance (text))
        g_string_append_printf (shortfalls, "%s dark %s: highlight %s lighter than its text %s\n",
                                preset, label->name, highlight, text);
      pixels = most_drawn (p, texture, i, label);
      if (!same_color (pixels, highlight))
        g_string_append_printf (shortfalls, "%s %s %s: drawn %s, tag says %s\n",
                                preset, theme, label->name, pixels, highlight);
      g_ptr_array_add (highlights, g_steal_pointer (&highlight));
    }

  for (guint i = 0; i < p->labels->len; i++)
    for (guint j = i + 1; j < p->labels->len; j++)
      {
        const GlossLabel *a = g_ptr_array_index (p->labels, i);
        const GlossLabel *b = g_ptr_array_index (p->labels, j);
        const char *ha = g_ptr_array_index (highlights, i);
        const char *hb = g_ptr_array_index (highlights, j);
        double apart;

        if (ha == NULL || hb == NULL || !g_str_equal (a->layer, b->layer))
          continue;
        apart = gloss_color_delta_e (ha, hb);
        if (apart < 10)
          g_string_append_printf (shortfalls, "%s %s %s/%s: %s and %s, dE00 %.1f\n",
                                  preset, theme, a->name, b->name, ha, hb, apart);
      }
}

static void
test_presets (void)
{
  static const GlossPreset presets[] = { GLOSS_PRESET_ONTONOTES, GLOSS_PRESET_CONLL2003 };
  static const char * const names[] = { "ontonotes", "conll2003" };
  g_autoptr(GString) shortfalls = g_string_new (NULL);

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    {
      Project *p = project_new (presets[i]);
      guint highlights = 0;

      for (guint l = 0; l < p->labels->len; l++)
        {
          g_autofree char *highlight = NULL;
          g_autofree char *text = NULL;

          if (drawn_colors (p, g_ptr_array_index (p->labels, l), &highlight, &text))
            highlights++;
        }
      /* Every entity label, the cue and the source are highlights. */
      g_assert_cmpuint (highlights, >=, 6);
      check_theme (p, names[i], FALSE, shortfalls);
      check_theme (p, names[i], TRUE, shortfalls);
      project_free (p);
    }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  g_assert_cmpstr (shortfalls->str, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  have_display = gtk_init_check ();
  if (have_display)
    {
      app = gloss_application_new (G_APPLICATION_NON_UNIQUE);
      g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
      g_assert_no_error (error);
      /* The first run's annotator question is test-window-first-run's. */
      g_settings_set_boolean (gloss_application_get_settings (app), "annotator-asked", TRUE);
    }

  g_test_add_func ("/highlights/presets", test_presets);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
