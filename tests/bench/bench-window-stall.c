/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-bench"

/* How long the window's main thread stops while it imports 1,000 articles of
 * about 5 KB (gloss_window_import_files, as a drop or the Import dialog does)
 * and then exports them (win.export, answering its file dialog as a user
 * would). Run by `meson test --benchmark --suite perf` under Xvfb.
 *
 * Two probes run on the main thread during each job and for a while after it:
 * a 5 ms GLib timeout and a widget tick callback (one per frame-clock frame).
 * A gap is the time between two consecutive runs of a probe; a gap far above
 * the probe's period is a stall: no input, no drawing for that long. For each
 * job the benchmark prints its total time and, per probe, the longest gap, the
 * 99th percentile, how many gaps were over 100 ms, and when the longest ones
 * were (ms since the job started).
 *
 * Figures only: nothing here fails on time. Exit status 77 (skip) without a display.
 */

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "gloss-application.h"
#include "gloss-store.h"
#include "gloss-window.h"

#define SKIP            77
#define TIMER_PERIOD_MS 5
#define STALL_MS        100
#define TAIL_US         (3 * G_USEC_PER_SEC)    /* probes keep running after the job */
#define JOB_LIMIT_US    (600 * G_USEC_PER_SEC)

static int    n_articles = 1000;
static int    article_bytes = 5000;

static double
ms (gint64 us)
{
  return us / 1000.0;
}

/* ---- Articles ------------------------------------------------------------------------ */

static const char *names[] = {
  "María Fernández", "Søren Johansson", "Amélie Dubois", "Ngozi Okafor", "Chen Nakamura",
  "Łukasz Nowak", "Fatima Çelik", "Oliver Smith", "Inês Ferreira", "Kwame Adeyemi",
};
static const char *places[] = {
  "São Paulo", "Zürich", "Kraków", "Reykjavík", "Brussels", "Montréal", "Nairobi", "Gdańsk",
};
static const char *sentences[] = {
  "Officials in %s confirmed that the negotiations had stalled after several rounds of talks.",
  "Residents of %s gathered outside the municipal building to hear the announcement.",
  "Analysts expect the market in %s to recover, although uncertainty remains high.",
  "Protesters blocked the main road into %s for several hours — the third blockade this month.",
  "The hospital in %s has treated hundreds of patients since the outbreak began.",
  "Farmers around %s say the drought has already damaged much of the harvest.",
};
static const char *quotes[] = {
  "We will not accept an agreement that ignores the needs of ordinary families",
  "The numbers speak for themselves",
  "Nobody expected the decision to come so quickly",
  "Our priority is to protect jobs — everything else comes second",
};

static guint
pick (guint64 *state,
      guint    n)
{
  *state ^= *state << 13;
  *state ^= *state >> 7;
  *state ^= *state << 17;
  return (guint) (*state % n);
}

/* Article @index: about @bytes of news-like English with quotations, unique
 * (its first line says which it is, so no two have the same text). */
static char *
make_article (int index,
              int bytes)
{
  GString *text = g_string_new (NULL);
  guint64 state = 0x9E3779B97F4A7C15ULL + (guint64) index * 0xBF58476D1CE4E5B9ULL;

  g_string_append_printf (text, "Bench report %d from %s\n\n", index, places[index % G_N_ELEMENTS (places)]);
  while ((int) text->len < bytes)
    {
      for (int i = 0; i < 4 && (int) text->len < bytes; i++)
        {
          if (pick (&state, 4) == 0)
            g_string_append_printf (text, "“%s,” %s said. ", quotes[pick (&state, G_N_ELEMENTS (quotes))],
                                    names[pick (&state, G_N_ELEMENTS (names))]);
          else
            {
              g_string_append_printf (text, sentences[pick (&state, G_N_ELEMENTS (sentences))],
                                      places[pick (&state, G_N_ELEMENTS (places))]);
              g_string_append_c (text, ' ');
            }
        }
      g_string_truncate (text, text->len - 1);
      g_string_append (text, "\n\n");
    }
  return g_string_free (text, FALSE);
}

static GPtrArray *
write_articles (const char  *dir,
                GError     **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  for (int i = 0; i < n_articles; i++)
    {
      g_autofree char *name = g_strdup_printf ("article-%04d.txt", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *text = make_article (i, article_bytes);

      if (!g_file_set_contents (path, text, -1, error))
        return NULL;
      g_ptr_array_add (files, g_file_new_for_path (path));
    }
  return g_steal_pointer (&files);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* ---- Probes ------------------------------------------------------------------------------ */

typedef struct
{
  gint64  last;     /* 0 before the first run */
  GArray *gaps;     /* double, ms */
  GArray *at;       /* double, ms since the job started: when each gap ended */
} Probe;

typedef struct
{
  gint64 started;
  Probe  timer;
  Probe  frames;
  guint  timer_id;
  guint  tick_id;
  GtkWidget *window;
} Sampler;

static void
probe_reset (Probe *probe)
{
  probe->last = 0;
  g_clear_pointer (&probe->gaps, g_array_unref);
  g_clear_pointer (&probe->at, g_array_unref);
  probe->gaps = g_array_new (FALSE, FALSE, sizeof (double));
  probe->at = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
probe_note (Probe  *probe,
            gint64  started)
{
  gint64 t = g_get_monotonic_time ();

  if (probe->last != 0)
    {
      double gap = ms (t - probe->last);
      double at = ms (t - started);

      g_array_append_val (probe->gaps, gap);
      g_array_append_val (probe->at, at);
    }
  probe->last = t;
}

static gboolean
on_timer (gpointer data)
{
  Sampler *sampler = data;

  probe_note (&sampler->timer, sampler->started);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  Sampler *sampler = data;

  probe_note (&sampler->frames, sampler->started);
  return G_SOURCE_CONTINUE;
}

static void
sampler_start (Sampler   *sampler,
               GtkWidget *window)
{
  probe_reset (&sampler->timer);
  probe_reset (&sampler->frames);
  sampler->window = window;
  sampler->started = g_get_monotonic_time ();
  sampler->timer_id = g_timeout_add (TIMER_PERIOD_MS, on_timer, sampler);
  sampler->tick_id = gtk_widget_add_tick_callback (window, on_tick, sampler, NULL);
}

static void
sampler_stop (Sampler *sampler)
{
  g_clear_handle_id (&sampler->timer_id, g_source_remove);
  if (sampler->tick_id != 0)
    gtk_widget_remove_tick_callback (sampler->window, sampler->tick_id);
  sampler->tick_id = 0;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Nearest-rank percentile. */
static double
percentile (GArray *values,
            double  p)
{
  g_autofree double *sorted = NULL;
  guint rank;

  if (values->len == 0)
    return NAN;
  sorted = g_memdup2 (values->data, values->len * sizeof (double));
  qsort (sorted, values->len, sizeof (double), compare_double);
  rank = (guint) ceil (p / 100.0 * values->len);
  return sorted[CLAMP (rank, 1, values->len) - 1];
}

/* The @n longest gaps, longest first, with when they ended. */
static void
print_worst (const Probe *probe,
             guint        n)
{
  g_autofree guint *order = g_new (guint, probe->gaps->len);

  for (guint i = 0; i < probe->gaps->len; i++)
    order[i] = i;
  for (guint i = 0; i < probe->gaps->len && i < n; i++)
    {
      guint best = i, swap;

      for (guint j = i + 1; j < probe->gaps->len; j++)
        if (g_array_index (probe->gaps, double, order[j]) > g_array_index (probe->gaps, double, order[best]))
          best = j;
      swap = order[i];
      order[i] = order[best];
      order[best] = swap;
      g_print ("%s%.0f ms at %.0f", i ? ", " : "      longest (ms since start): ",
               g_array_index (probe->gaps, double, order[i]), g_array_index (probe->at, double, order[i]));
    }
  if (probe->gaps->len > 0)
    g_print ("\n");
}

static void
print_probe (const char  *name,
             const Probe *probe)
{
  guint over = 0;
  double max = 0;

  for (guint i = 0; i < probe->gaps->len; i++)
    {
      double gap = g_array_index (probe->gaps, double, i);

      max = MAX (max, gap);
      over += gap > STALL_MS;
    }
  g_print ("    %-22s %6u gaps   max %8.1f ms   p99 %7.1f ms   over %d ms: %u\n", name, probe->gaps->len, max,
           percentile (probe->gaps, 99), STALL_MS, over);
  print_worst (probe, 5);
}

/* ---- Driving the window ------------------------------------------------------------------ */

typedef gboolean (*Condition) (gpointer data);

static gboolean
run_until (Condition condition,
           gpointer  data,
           gint64    limit_us)
{
  gint64 deadline = g_get_monotonic_time () + limit_us;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, TRUE);
    }
  return TRUE;
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
is_idle (gpointer data)
{
  return !gloss_window_is_busy (GLOSS_WINDOW (data));
}

static gboolean
is_busy (gpointer data)
{
  return gloss_window_is_busy (GLOSS_WINDOW (data));
}

static gboolean
time_passed (gpointer data)
{
  return g_get_monotonic_time () >= *(gint64 *) data;
}

static gboolean
wake_up (gpointer data)
{
  *(guint *) data = 0;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @us, even when nothing else would wake it. */
static void
run_for (gint64 us)
{
  gint64 until = g_get_monotonic_time () + us;
  guint id = 0;

  id = g_timeout_add_full (G_PRIORITY_LOW, us / 1000 + 1, wake_up, &id, NULL);
  run_until (time_passed, &until, us + G_USEC_PER_SEC);
  g_clear_handle_id (&id, g_source_remove);
}

/* The job is under way once the window is busy; it is over when it is not.
 * The probes run on for TAIL_US after it, to see what the window does with
 * the result (the list of 1,000 documents, the once-a-second check). */
static gboolean
measure_job (const char *name,
             GlossWindow *window,
             Sampler     *sampler)
{
  gint64 done;

  if (!run_until (is_idle, window, JOB_LIMIT_US))
    {
      g_printerr ("%s: did not finish in %.0f s\n", name, JOB_LIMIT_US / 1e6);
      return FALSE;
    }
  done = g_get_monotonic_time ();
  run_for (TAIL_US);
  sampler_stop (sampler);

  g_print ("  %s: %.0f ms (%s)\n", name, ms (done - sampler->started),
           gloss_window_get_status_text (window));
  print_probe ("5 ms timer", &sampler->timer);
  print_probe ("frame-clock ticks", &sampler->frames);
  return TRUE;
}

/* Another program (gloss-cli, a second window) changes the project every
 * 1.5 s: the window's once-a-second check notices and reads it again. */
static gboolean
measure_changes_elsewhere (GlossWindow *window,
                           const char  *project,
                           Sampler     *sampler)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) other = gloss_store_open (project, GLOSS_STORE_OPEN_DEFAULT, &error);
  g_autoptr(GPtrArray) documents = NULL;
  const guint n_changes = 5;

  if (other == NULL || (documents = gloss_store_list_documents (other, &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  sampler_start (sampler, GTK_WIDGET (window));
  for (guint i = 0; i < n_changes && i < documents->len; i++)
    {
      GlossDocument *document = g_ptr_array_index (documents, documents->len - 1 - i);

      if (!gloss_store_set_document_status (other, document->rowid, GLOSS_STATUS_DONE, &error))
        {
          g_printerr ("%s\n", error->message);
          return FALSE;
        }
      run_for (3 * G_USEC_PER_SEC / 2);
    }
  sampler_stop (sampler);
  g_print ("  %u changes made by another connection, one every 1.5 s, over %.0f ms\n", n_changes,
           ms (g_get_monotonic_time () - sampler->started));
  print_probe ("5 ms timer", &sampler->timer);
  print_probe ("frame-clock ticks", &sampler->frames);
  return TRUE;
}

static GtkWidget *
find_file_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WIDGET (window);
    }
  return NULL;
}

static gboolean
chooser_shown (gpointer data)
{
  return (*(GtkWidget **) data = find_file_chooser ()) != NULL;
}

/* win.export shows a file dialog (GtkFileChooserNative; without a portal, a
 * GtkFileChooserDialog of this process): answer it as a user would. */
static gboolean
start_export (GlossWindow *window,
              const char  *dir,
              Sampler     *sampler)
{
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (window), "export", NULL);
  if (!run_until (chooser_shown, &dialog, 10 * G_USEC_PER_SEC))
    {
      g_print ("  export: no file dialog of this process appeared (a portal?): not measured\n");
      return FALSE;
    }
  /* A folder set while the dialog still loads its first one is lost. */
  run_until (is_mapped, dialog, 10 * G_USEC_PER_SEC);
  run_for (G_USEC_PER_SEC);
  if (!gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, &error))
    {
      g_printerr ("export: %s\n", error->message);
      return FALSE;
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), "bench-export.jsonl");
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (dialog), "format", "jsonl");
  sampler_start (sampler, GTK_WIDGET (window));
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  if (!run_until (is_busy, window, 30 * G_USEC_PER_SEC))
    {
      sampler_stop (sampler);
      g_print ("  export: the dialog's answer did not start an export: not measured\n");
      return FALSE;
    }
  return TRUE;
}

static gboolean
have_display (void)
{
  if (g_getenv ("DISPLAY") == NULL || *g_getenv ("DISPLAY") == '\0' || !gtk_init_check ())
    {
      g_print ("SKIP: no X display; run under xvfb-run (GDK_BACKEND=x11)\n");
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_schema (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, GLOSS_APPLICATION_ID, TRUE);
  if (schema == NULL)
    g_printerr ("The GSettings schema %s is not installed: set GSETTINGS_SCHEMA_DIR to the build "
                "tree's data/ directory.\n", GLOSS_APPLICATION_ID);
  return schema != NULL;
}

static int
run (const char *dir)
{
  g_autoptr(GlossApplication) app = gloss_application_new (G_APPLICATION_NON_UNIQUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autofree char *articles = g_build_filename (dir, "articles", NULL);
  g_autofree char *project = g_build_filename (dir, "bench.gloss", NULL);
  g_autofree char *exported = g_build_filename (dir, "bench-export.jsonl", NULL);
  Sampler sampler = { 0 };
  GStatBuf st;
  GlossWindow *window;
  gint64 t0 = g_get_monotonic_time ();

  if (g_mkdir (articles, 0700) != 0 || (files = write_articles (articles, &error)) == NULL)
    {
      g_printerr ("cannot write the articles: %s\n", error ? error->message : g_strerror (errno));
      return 1;
    }
  g_print ("%d articles of about %d bytes written in %.0f ms\n", n_articles, article_bytes,
           ms (g_get_monotonic_time () - t0));

  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);
  window = GLOSS_WINDOW (gloss_application_open_project (app, project, &error));
  if (window == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  run_until (is_mapped, window, 10 * G_USEC_PER_SEC);
  run_for (G_USEC_PER_SEC / 2);
  g_print ("GTK %u.%u.%u, GDK %s, GSK_RENDERER=%s; probes: a %d ms timeout and a tick callback\n",
           gtk_get_major_version (), gtk_get_minor_version (), gtk_get_micro_version (),
           G_OBJECT_TYPE_NAME (gdk_display_get_default ()),
           g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "(default)", TIMER_PERIOD_MS);

  /* Import, as a drop of 1,000 files does. */
  sampler_start (&sampler, GTK_WIDGET (window));
  gloss_window_import_files (window, files, TRUE);
  if (!gloss_window_is_busy (window) || !measure_job ("import", window, &sampler))
    {
      g_printerr ("the import did not run\n");
      return 1;
    }

  /* What follows a bigger project around: changes made by another program. */
  if (!measure_changes_elsewhere (window, project, &sampler))
    return 1;

  /* Export, through win.export and its dialog. */
  if (start_export (window, dir, &sampler))
    {
      if (!measure_job ("export", window, &sampler))
        return 1;
      if (g_stat (exported, &st) == 0)
        g_print ("  exported %s: %.1f MB\n", "bench-export.jsonl", st.st_size / 1e6);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  run_for (G_USEC_PER_SEC / 10);
  g_clear_pointer (&sampler.timer.gaps, g_array_unref);
  g_clear_pointer (&sampler.timer.at, g_array_unref);
  g_clear_pointer (&sampler.frames.gaps, g_array_unref);
  g_clear_pointer (&sampler.frames.at, g_array_unref);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  GOptionEntry entries[] = {
    { "articles", 0, 0, G_OPTION_ARG_INT, &n_articles, "Articles to import (default 1000)", "N" },
    { "bytes", 0, 0, G_OPTION_ARG_INT, &article_bytes, "Bytes per article (default 5000)", "N" },
    { NULL }
  };
  int status;

  setlocale (LC_ALL, "");
  setvbuf (stdout, NULL, _IOLBF, 0);
  context = g_option_context_new ("— main-thread stalls while the window imports and exports");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (!have_display ())
    return SKIP;
  if (!check_schema ())
    return 1;

  dir = g_dir_make_tmp ("gloss-bench-stall-XXXXXX", &error);
  if (dir == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  status = run (dir);
  remove_tree (dir);
  return status;
}
