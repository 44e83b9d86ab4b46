/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gloss-cli stops when asked, even inside one long document, and says when its
 * output did not reach the reader: SIGTERM and Ctrl+C during suggestions over a
 * long article, a second signal, standard output on a full disk, and messages
 * that quote text with line breaks. */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

static const char *cli;
static char *dir;
static char *project;

static char *
in_dir (const char *name)
{
  return g_build_filename (dir, name, NULL);
}

static GSubprocess *
spawn (GSubprocessFlags  flags,
       const char       *first,
       ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (flags);
  GSubprocess *process;
  va_list args;

  g_ptr_array_add (argv, (gpointer) cli);
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_set_cwd (launcher, dir);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  return process;
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; p != NULL && *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

/* A long article of many quotations, imported once for the whole program. */
static void
make_long_project (void)
{
  g_autofree char *article = in_dir ("long.txt");
  GString *text = g_string_new ("A long day in Parliament\n\n");
  g_autoptr(GSubprocess) import = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 15000; i++)
    g_string_append_printf (text, "Ms King%u said she was \"delighted\" — “so much,” she added. "
                            "Мэр заявил: «Мы готовы». 😀\n\n", i % 50);
  g_assert_true (g_file_set_contents (article, text->str, text->len, NULL));
  g_string_free (text, TRUE);

  import = spawn (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, "import", "p.gloss", "long.txt", NULL);
  g_assert_true (g_subprocess_wait_check (import, NULL, &error));
  g_assert_no_error (error);
}

static guint
count_quote_lines (const char *out)
{
  guint n = 0;

  for (const char *p = out; (p = strstr (p, "\"label\":\"QUOTE\"")) != NULL; p++)
    n++;
  return n;
}

static void
test_signal_stops_suggestions (gconstpointer data)
{
  static guint full_count;
  int signum = GPOINTER_TO_INT (data);
  g_autoptr(GSubprocess) cut = NULL;
  g_autofree char *cut_out = NULL, *cut_err = NULL;
  g_autoptr(GError) error = NULL;

  /* The whole run, for comparison. */
  if (full_count == 0)
    {
      g_autoptr(GSubprocess) full = spawn (G_SUBPROCESS_FLAGS_STDOUT_PIPE, "suggest", "p.gloss", NULL);
      g_autofree char *full_out = NULL;

      g_assert_true (g_subprocess_communicate_utf8 (full, NULL, NULL, &full_out, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpint (g_subprocess_get_exit_status (full), ==, 0);
      full_count = count_lines (full_out);
      /* three quotations a paragraph; the claims beside them are not counted */
      g_assert_cmpuint (count_quote_lines (full_out), ==, 45000);
    }

  /* The same, asked to stop soon after it started: one document, so only a
   * check inside the document's work can stop it before it ends. */
  cut = spawn (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, "suggest", "p.gloss", NULL);
  g_usleep (300 * 1000);
  g_subprocess_send_signal (cut, signum);
  g_assert_true (g_subprocess_communicate_utf8 (cut, NULL, NULL, &cut_out, &cut_err, &error));
  g_assert_no_error (error);
  g_test_message ("%u of %u lines before the signal; said: %s", count_lines (cut_out), full_count,
                  cut_err);
  g_assert_true (g_subprocess_get_if_exited (cut));
  g_assert_cmpint (g_subprocess_get_exit_status (cut), ==, 2);
  g_assert_nonnull (strstr (cut_err, "interrupted"));
  g_assert_cmpuint (count_lines (cut_out), <, full_count);
  /* What was printed is whole lines. */
  g_assert_true (*cut_out == '\0' || g_str_has_suffix (cut_out, "\n"));
}

static void
test_full_disk (void)
{
  static const char *commands[][3] = {
    { "list", "p.gloss", NULL }, { "stats", "p.gloss", NULL },
    { "suggest", "p.gloss", "--document=nope" },
  };

  if (!g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/full here");
      return;
    }
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GSubprocessLauncher) launcher =
        g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE);
      g_autoptr(GSubprocess) process = NULL;
      g_autofree char *err = NULL;
      g_autoptr(GError) error = NULL;

      g_subprocess_launcher_set_cwd (launcher, dir);
      g_subprocess_launcher_set_stdout_file_path (launcher, "/dev/full");
      process = g_subprocess_launcher_spawn (launcher, &error, cli, commands[i][0], commands[i][1], NULL);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error));
      g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 2);
      g_assert_nonnull (strstr (err, "standard output"));
      g_assert_cmpuint (count_lines (err), ==, 1);
    }
}

static void
test_one_line_messages (void)
{
  g_autofree char *path = in_dir ("lines.jsonl");
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;

  /* A span whose label names a line break: the message quoting it stays one line. */
  g_assert_true (g_file_set_contents (path,
                                      "{\"text\": \"One line.\", \"spans\": [{\"id\": \"s1\", \"label\": "
                                      "\"BAD\\nLABEL\", \"start\": 0, \"end\": 3}]}\n", -1, NULL));
  process = spawn (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                   "import", "lines.gloss", "lines.jsonl", NULL);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error));
  g_test_message ("%s", err);
  lines = g_strsplit (err, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    g_assert_true (*lines[i] == '\0' || g_str_has_prefix (lines[i], "gloss-cli: "));
  g_assert_nonnull (strstr (err, "BAD\\nLABEL"));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  cli = g_getenv ("GLOSS_CLI");
  if (cli == NULL)
    {
      g_printerr ("GLOSS_CLI is not set: run through meson test\n");
      return 77;
    }
  dir = g_dir_make_tmp ("gloss-test-interrupt-XXXXXX", &error);
  g_assert_no_error (error);
  project = in_dir ("p.gloss");
  make_long_project ();

  g_test_add_data_func ("/cli-interrupt/sigterm", GINT_TO_POINTER (SIGTERM), test_signal_stops_suggestions);
  g_test_add_data_func ("/cli-interrupt/sigint", GINT_TO_POINTER (SIGINT), test_signal_stops_suggestions);
  g_test_add_func ("/cli-interrupt/full-disk", test_full_disk);
  g_test_add_func ("/cli-interrupt/one-line-messages", test_one_line_messages);
  status = g_test_run ();

  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);

    if (system (cmd) != 0)
      g_printerr ("could not remove %s\n", dir);
  }
  g_free (project);
  g_free (dir);
  return status;
}
