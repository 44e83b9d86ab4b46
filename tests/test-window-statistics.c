/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The statistics window on a team's project, opened from the main window's
 * win.statistics: the tables of documents per status and spans per label, the
 * agreement chart and the confusion heat map of a chosen pair, each exported
 * as PNG and SVG, in the light and the dark theme; and the empty state of a
 * project with one annotator. Runs under Xvfb (GDK_BACKEND=x11
 * GSK_RENDERER=cairo); without a display every test skips.
 *
 * With GLOSS_SCREENSHOT_DIR set, the window is also saved there as
 * statistics-light.png and statistics-dark.png (the README's screenshot). */
#include <glib/gstdio.h>
#include <string.h>

#include "gloss-application.h"
#include "gloss-statistics-window.h"
#include "gloss-store.h"
#include "gloss-window.h"
#include "window-test-util.h"

static GlossApplication *app;
static gboolean have_display;

#define TEXT_A "Vladimir Putin met Angela Merkel in Berlin on Monday, Reuters reported."
#define TEXT_B "The European Union fined Google in Brussels after a complaint by Microsoft."
#define TEXT_C "Emmanuel Macron spoke to Olaf Scholz from Paris on Tuesday."

typedef struct
{
  char        *dir;
  char        *path;
  GlossWindow *window;
} Project;

static gint64
add_document (GlossStore *store,
              const char *id,
              const char *text)
{
  g_autoptr(GlossDocument) document = g_new0 (GlossDocument, 1);
  g_autoptr(GError) error = NULL;

  document->id = g_strdup (id);
  document->title = g_strdup (id);
  document->text = g_strdup (text);
  g_assert_true (gloss_store_add_document (store, document, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return document->rowid;
}

/* Tags the first @words in @text (ASCII, so bytes are code points). */
static void
tag (GlossStore *store,
     gint64      document,
     const char *text,
     const char *label,
     const char *words)
{
  const char *at = strstr (text, words);
  g_autoptr(GlossSpan) request = NULL;
  g_autoptr(GlossSpan) stored = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (at);
  request = gloss_span_new (label, at - text, at - text + strlen (words));
  stored = gloss_store_add_span (store, document, request, &error);
  g_assert_no_error (error);
}

static void
mark (GlossStore  *store,
      gint64       document,
      GlossStatus  status)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_store_set_document_status (store, document, status, &error));
  g_assert_no_error (error);
}

/* Three annotators who mostly agree: ben calls places LOC where ana says GPE,
 * carol misses a date and has not finished the second article; gold settles
 * the first. */
static void
annotate_team (GlossStore *store)
{
  gint64 a, b, c;

  gloss_store_set_annotator (store, "ana");
  a = add_document (store, "a", TEXT_A);
  b = add_document (store, "b", TEXT_B);
  c = add_document (store, "c", TEXT_C);
  tag (store, a, TEXT_A, "PERSON", "Vladimir Putin");
  tag (store, a, TEXT_A, "PERSON", "Angela Merkel");
  tag (store, a, TEXT_A, "GPE", "Berlin");
  tag (store, a, TEXT_A, "DATE", "Monday");
  tag (store, a, TEXT_A, "ORG", "Reuters");
  tag (store, b, TEXT_B, "ORG", "European Union");
  tag (store, b, TEXT_B, "ORG", "Google");
  tag (store, b, TEXT_B, "GPE", "Brussels");
  tag (store, b, TEXT_B, "ORG", "Microsoft");
  mark (store, a, GLOSS_STATUS_DONE);
  mark (store, b, GLOSS_STATUS_DONE);
  tag (store, c, TEXT_C, "PERSON", "Emmanuel Macron");
  mark (store, c, GLOSS_STATUS_IN_PROGRESS);

  gloss_store_set_annotator (store, "ben");
  tag (store, a, TEXT_A, "PERSON", "Putin");
  tag (store, a, TEXT_A, "PERSON", "Angela Merkel");
  tag (store, a, TEXT_A, "LOC", "Berlin");
  tag (store, a, TEXT_A, "DATE", "Monday");
  tag (store, a, TEXT_A, "ORG", "Reuters");
  tag (store, b, TEXT_B, "ORG", "European Union");
  tag (store, b, TEXT_B, "ORG", "Google");
  tag (store, b, TEXT_B, "LOC", "Brussels");
  tag (store, b, TEXT_B, "ORG", "Microsoft");
  mark (store, a, GLOSS_STATUS_DONE);
  mark (store, b, GLOSS_STATUS_DONE);

  gloss_store_set_annotator (store, "carol");
  tag (store, a, TEXT_A, "PERSON", "Vladimir Putin");
  tag (store, a, TEXT_A, "PERSON", "Angela Merkel");
  tag (store, a, TEXT_A, "GPE", "Berlin");
  tag (store, a, TEXT_A, "ORG", "Reuters");
  tag (store, b, TEXT_B, "NORP", "European Union");
  tag (store, b, TEXT_B, "ORG", "Google");
  mark (store, a, GLOSS_STATUS_DONE);
  mark (store, b, GLOSS_STATUS_IN_PROGRESS);

  gloss_store_set_annotator (store, "gold");
  tag (store, a, TEXT_A, "PERSON", "Vladimir Putin");
  tag (store, a, TEXT_A, "PERSON", "Angela Merkel");
  tag (store, a, TEXT_A, "GPE", "Berlin");
  mark (store, a, GLOSS_STATUS_DONE);
  gloss_store_set_annotator (store, "ana");
}

static Project *
project_new (gboolean team)
{
  Project *p = g_new0 (Project, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) store = NULL;
  GtkWindow *window;

  p->dir = g_dir_make_tmp ("gloss-test-statistics-XXXXXX", &error);
  g_assert_no_error (error);
  p->path = g_build_filename (p->dir, "team.gloss", NULL);
  store = gloss_store_open (p->path, GLOSS_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  if (team)
    annotate_team (store);
  else
    {
      gint64 a;

      gloss_store_set_annotator (store, "ana");
      a = add_document (store, "a", TEXT_A);
      tag (store, a, TEXT_A, "PERSON", "Angela Merkel");
    }
  g_clear_object (&store);

  window = gloss_application_open_project (app, p->path, &error);
  g_assert_no_error (error);
  p->window = GLOSS_WINDOW (window);
  g_assert_true (wait_until (is_mapped, window, 5000));
  return p;
}

static void
project_free (Project *p)
{
  gtk_window_destroy (GTK_WINDOW (p->window));
  pump ();
  remove_tree (p->dir);
  g_free (p->dir);
  g_free (p->path);
  g_free (p);
}

static gboolean
is_ready (gpointer data)
{
  return gloss_statistics_window_is_ready (data);
}

/* Opens the view the way the main menu does, and waits for its figures. */
static GlossStatisticsWindow *
open_statistics (Project *p)
{
  GActionGroup *group = G_ACTION_GROUP (p->window);
  g_autoptr(GList) toplevels = NULL;
  GlossStatisticsWindow *statistics = NULL;

  g_assert_true (g_action_group_get_action_enabled (group, "statistics"));
  g_action_group_activate_action (group, "statistics", NULL);
  pump ();
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (GLOSS_IS_STATISTICS_WINDOW (l->data))
      statistics = l->data;
  g_assert_nonnull (statistics);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (statistics)) == GTK_WINDOW (p->window));
  g_assert_true (wait_until (is_ready, statistics, 10000));
  g_assert_true (wait_until (is_mapped, statistics, 5000));
  return statistics;
}

static gboolean
label_is (GtkWidget     *widget,
          gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget)
         && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
shows (GlossStatisticsWindow *statistics,
       const char            *text)
{
  return find_widget (GTK_WIDGET (statistics), label_is, text) != NULL;
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  return contents;
}

/* The luminance of the exported PNG's top-left pixel: its background. */
static double
corner_luminance (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_filename (path, &error);
  g_autofree guchar *pixel = NULL;
  int width;

  g_assert_no_error (error);
  width = gdk_texture_get_width (texture);
  pixel = g_malloc (width * gdk_texture_get_height (texture) * 4);
  gdk_texture_download (texture, pixel, width * 4);   /* B G R A in memory */
  return (0.2126 * pixel[2] + 0.7152 * pixel[1] + 0.0722 * pixel[0]) / 255.0;
}

static void
export_both (GlossStatisticsWindow *statistics,
             const char            *dir,
             const char            *chart,
             const char            *theme,
             gboolean               dark)
{
  g_autofree char *png_name = g_strdup_printf ("%s-%s.png", chart, theme);
  g_autofree char *svg_name = g_strdup_printf ("%s-%s.svg", chart, theme);
  g_autofree char *png = g_build_filename (dir, png_name, NULL);
  g_autofree char *svg = g_build_filename (dir, svg_name, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *png_bytes = NULL;
  g_autofree char *svg_text = NULL;

  g_assert_true (gloss_statistics_window_export (statistics, chart, png, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_statistics_window_export (statistics, chart, svg, &error));
  g_assert_no_error (error);
  png_bytes = read_file (png);
  svg_text = read_file (svg);
  g_assert_cmpmem (png_bytes, 8, "\x89PNG\r\n\x1a\n", 8);
  g_assert_nonnull (strstr (svg_text, "<svg"));
  if (dark)
    g_assert_cmpfloat (corner_luminance (png), <, 0.3);
  else
    g_assert_cmpfloat (corner_luminance (png), >, 0.7);
  if (g_getenv ("GLOSS_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *kept = g_build_filename (g_getenv ("GLOSS_SCREENSHOT_DIR"), png_name, NULL);

      g_assert_true (gloss_statistics_window_export (statistics, chart, kept, &error));
    }
}

static void
set_dark (gboolean dark)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
  pump ();
}

static void
test_team (void)
{
  Project *p;
  GlossStatisticsWindow *statistics;
  g_autofree char *before = NULL;
  g_autofree char *set = NULL;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  p = project_new (TRUE);
  before = gloss_store_get_set (gloss_window_get_store (p->window));
  statistics = open_statistics (p);
  gtk_window_set_default_size (GTK_WINDOW (statistics), 900, 1400);
  pump ();

  /* The tables: one row per set, gold called what it is; the caption counts. */
  g_assert_true (shows (statistics, "gold (adjudicated)"));
  g_assert_true (shows (statistics, "carol"));
  g_assert_true (shows (statistics, "NORP"));
  g_assert_true (shows (statistics, "3 documents in the project, 1 adjudicated (the gold set marked done)."));
  g_assert_false (shows (statistics, "Agreement needs two annotators"));

  /* The main window's store still works in its own set. */
  set = gloss_store_get_set (gloss_window_get_store (p->window));
  g_assert_cmpstr (set, ==, before);

  export_both (statistics, p->dir, "agreement", "light", FALSE);
  export_both (statistics, p->dir, "confusion", "light", FALSE);
  g_assert_true (gloss_statistics_window_set_pair (statistics, "ben", "carol"));
  g_assert_false (gloss_statistics_window_set_pair (statistics, "ben", "gold"));
  pump ();
  export_both (statistics, p->dir, "confusion", "ben-carol", FALSE);
  g_assert_true (gloss_statistics_window_set_pair (statistics, "ana", "ben"));
  save_screenshot (GTK_WIDGET (statistics), "statistics-light.png");

  set_dark (TRUE);
  export_both (statistics, p->dir, "agreement", "dark", TRUE);
  export_both (statistics, p->dir, "confusion", "dark", TRUE);
  save_screenshot (GTK_WIDGET (statistics), "statistics-dark.png");
  set_dark (FALSE);

  gtk_window_destroy (GTK_WINDOW (statistics));
  project_free (p);
}

/* One annotator: the tables, and an empty state that says what to do. */
static void
test_one_annotator (void)
{
  Project *p;
  GlossStatisticsWindow *statistics;
  g_autoptr(GError) error = NULL;
  g_autofree char *png = NULL;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  p = project_new (FALSE);
  statistics = open_statistics (p);
  g_assert_true (shows (statistics, "Agreement needs two annotators"));
  g_assert_true (shows (statistics, "PERSON"));
  png = g_build_filename (p->dir, "none.png", NULL);
  g_assert_false (gloss_statistics_window_export (statistics, "agreement", png, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* A second annotator's work arrives: Count again (stats.refresh) shows the charts. */
  {
    g_autoptr(GlossStore) store = gloss_store_open (p->path, GLOSS_STORE_OPEN_DEFAULT, &error);
    g_autoptr(GlossDocument) a = NULL;

    g_assert_no_error (error);
    a = gloss_store_get_document (store, "a", &error);
    g_assert_no_error (error);
    gloss_store_set_annotator (store, "ben");
    tag (store, a->rowid, TEXT_A, "PERSON", "Merkel");
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (statistics), "stats.refresh", NULL));
  g_assert_false (gloss_statistics_window_is_ready (statistics));
  g_assert_true (wait_until (is_ready, statistics, 10000));
  g_assert_false (shows (statistics, "Agreement needs two annotators"));
  g_assert_true (shows (statistics, "ben"));
  g_assert_true (gloss_statistics_window_export (statistics, "confusion", png, &error));
  g_assert_no_error (error);

  gtk_window_destroy (GTK_WINDOW (statistics));
  project_free (p);
}

/* A project nobody has annotated: the view says so, nothing breaks. */
static void
test_empty_project (void)
{
  Project *p;
  GlossStatisticsWindow *statistics;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  p = project_new (FALSE);
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *path = g_build_filename (p->dir, "empty.gloss", NULL);
    g_autoptr(GlossStore) store = gloss_store_open (path, GLOSS_STORE_OPEN_CREATE, &error);

    g_assert_no_error (error);
    statistics = GLOSS_STATISTICS_WINDOW (gloss_statistics_window_new (GTK_WINDOW (p->window), store));
    gtk_window_present (GTK_WINDOW (statistics));
    g_assert_true (wait_until (is_ready, statistics, 10000));
    g_assert_true (wait_until (is_mapped, statistics, 5000));
  }
  g_assert_true (shows (statistics, "Agreement needs two annotators"));
  g_assert_true (shows (statistics, "No spans yet"));
  gtk_window_destroy (GTK_WINDOW (statistics));
  project_free (p);
}

/* Closing the view while it counts leaves nothing behind. */
static void
test_close_while_counting (void)
{
  Project *p;
  GtkWindow *statistics;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  p = project_new (TRUE);
  statistics = gloss_statistics_window_new (GTK_WINDOW (p->window), gloss_window_get_store (p->window));
  gtk_window_present (statistics);
  gtk_window_destroy (statistics);
  for (guint i = 0; i < 50; i++)
    {
      pump ();
      g_usleep (2000);
    }
  project_free (p);
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
      /* The first-run question is tested on its own. */
      g_settings_set_boolean (gloss_application_get_settings (app), "annotator-asked", TRUE);
    }

  g_test_add_func ("/statistics-window/team", test_team);
  g_test_add_func ("/statistics-window/one-annotator", test_one_annotator);
  g_test_add_func ("/statistics-window/empty-project", test_empty_project);
  g_test_add_func ("/statistics-window/close-while-counting", test_close_while_counting);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
