/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "cli-run.h"

const char *cli;
char *cli_dir;

/* FALSE (the test then exits 77, skipped) when not run through meson test. */
gboolean
cli_setup (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pattern = g_strdup_printf ("gloss-test-%s-XXXXXX", name);

  cli = g_getenv ("GLOSS_CLI");
  if (cli == NULL)
    return FALSE;
  cli_dir = g_dir_make_tmp (pattern, &error);
  g_assert_no_error (error);
  return TRUE;
}

void
cli_teardown (void)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", cli_dir);

  if (system (cmd) != 0)
    g_printerr ("could not remove %s\n", cli_dir);
  g_clear_pointer (&cli_dir, g_free);
}

/* Runs gloss-cli in the test folder: its standard output; *err (when not
 * NULL) its messages. The exit status must be @expected, and no GLib critical
 * may have been printed. */
char *
cli_run (int          expected,
         char       **err,
         const char  *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *errors = NULL;
  char *out = NULL;
  va_list args;

  g_ptr_array_add (argv, (gpointer) cli);
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_subprocess_launcher_set_cwd (launcher, cli_dir);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &errors, &error));
  g_test_message ("$ gloss-cli %s …\n%s", first, errors);
  g_assert_null (strstr (errors, "CRITICAL"));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, expected);
  if (err != NULL)
    *err = g_steal_pointer (&errors);
  return out;
}

char *
cli_path (const char *name)
{
  return g_build_filename (cli_dir, name, NULL);
}

void
cli_write (const char *name,
           const char *contents)
{
  g_autofree char *path = cli_path (name);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
}
