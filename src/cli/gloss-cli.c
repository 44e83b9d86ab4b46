/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <errno.h>
#include <locale.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "gloss-cli-private.h"

typedef struct
{
  const char *name;
  const char *summary;
  int       (*run) (int argc, char **argv);
} Command;

static gboolean progress_shown;

/* Ctrl+C (or SIGTERM) cancels an import, export or suggestion run so that no
 * document is half-imported and no file half-written: a thread waits for the
 * signal and cancels, the work sees it at its next check (between documents,
 * and before each quotation of a long one). A second signal ends the program
 * at once: every change is a committed transaction or nothing, and outputs are
 * written beside their place and renamed, so nothing is left half-done. */
GCancellable *gloss_cli_interrupted;

static gpointer
wait_for_interrupt (gpointer data)
{
  sigset_t *signals = data;
  int received;

  if (sigwait (signals, &received) != 0)
    return NULL;
  g_cancellable_cancel (gloss_cli_interrupted);
  if (sigwait (signals, &received) == 0)
    _exit (128 + received);
  return NULL;
}

static void
catch_interrupts (void)
{
  static sigset_t signals;

  gloss_cli_interrupted = g_cancellable_new ();
  sigemptyset (&signals);
  sigaddset (&signals, SIGINT);
  sigaddset (&signals, SIGTERM);
  pthread_sigmask (SIG_BLOCK, &signals, NULL);
  g_thread_unref (g_thread_new ("gloss-cli-signals", wait_for_interrupt, &signals));
}

/* Messages are one line each, whatever text they quote. */
/* A project as messages name it: a file's path, or a server URI without its
 * password. The string lives as long as the program. */
const char *
gloss_cli_name (const char *project)
{
  g_autofree char *name = gloss_store_describe_location (project);

  return g_intern_string (name);
}

void
gloss_cli_say (const char *message)
{
  g_autoptr(GString) line = g_string_new (message);

  if (progress_shown)
    {
      fputs ("\r\033[K", stderr);
      progress_shown = FALSE;
    }
  g_string_replace (line, "\r", "\\r", 0);
  g_string_replace (line, "\n", "\\n", 0);
  g_printerr ("gloss-cli: %s\n", line->str);
}

void
gloss_cli_say_error (const GError *error)
{
  gloss_cli_say (error->message);
}

void
gloss_cli_on_report (GlossReportKind  kind,
           const char      *message,
           gpointer         user_data)
{
  gloss_cli_say (message);
}

/* A progress line only on a terminal: logs and pipes get the messages alone. */
void
gloss_cli_on_progress (guint64  done,
             guint64  total,
             gpointer user_data)
{
  static gint64 last;
  gint64 now = g_get_monotonic_time ();
  const char *what = user_data;

  if (now - last < G_USEC_PER_SEC / 10 && done < total)
    return;
  last = now;
  if (total > 0)
    g_printerr ("\r\033[K%s %3.0f%%", what, 100.0 * done / total);
  else
    g_printerr ("\r\033[K%s %" G_GUINT64_FORMAT, what, done);
  progress_shown = TRUE;
}

void
gloss_cli_end_progress (void)
{
  if (progress_shown)
    fputs ("\r\033[K", stderr);
  progress_shown = FALSE;
}

int
gloss_cli_usage_error (GOptionContext *context,
             const char     *message)
{
  g_autofree char *prgname = g_strdup (g_get_prgname ());

  g_printerr ("gloss-cli: %s\n", message);
  g_printerr (_("Try “%s --help” for more information.\n"), prgname);
  return EXIT_USAGE;
}

GOptionContext *
gloss_cli_new_context (const char *parameters,
             const char *summary,
             GOptionEntry *entries)
{
  GOptionContext *context = g_option_context_new (parameters);

  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return context;
}

gboolean
gloss_cli_parse_options (GOptionContext  *context,
               int             *argc,
               char          ***argv,
               int             *status)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = gloss_cli_usage_error (context, error->message);
      return FALSE;
    }
  return TRUE;
}

GlossStore *
gloss_cli_open_project (const char          *path,
              GlossStoreOpenFlags  flags)
{
  g_autoptr(GError) error = NULL;
  GlossStore *store = gloss_store_open (path, flags, &error);

  if (store == NULL)
    gloss_cli_say_error (error);
  return store;
}

GlossStore *
gloss_cli_open_project_as (const char          *path,
                           GlossStoreOpenFlags  flags,
                           const char          *annotator)
{
  GlossStore *store = gloss_cli_open_project (path, flags);

  if (store != NULL && annotator != NULL)
    gloss_store_set_annotator (store, annotator);
  return store;
}

void
gloss_cli_print_json (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = json_to_string (root, TRUE);

  g_print ("%s\n", text);
}

/* Pads by display columns, not bytes, so that titles in any script line up. */
void
gloss_cli_print_padded (const char *text,
              guint       width)
{
  glong n = g_utf8_strlen (text, -1);

  g_print ("%s%*s", text, (int) (width > n ? width - n : 0), "");
}

/* ---- main --------------------------------------------------------------------------------- */

static const Command commands[] = {
  { "import", N_("Import articles and annotations (txt, jsonl, prodigy, doccano; creates the project)"), gloss_cli_run_import },
  { "export", N_("Export documents and annotations (gloss-cli export --help lists the formats)"), gloss_cli_run_export },
  { "list", N_("List the documents"), gloss_cli_run_list },
  { "stats", N_("Count documents and annotations"), gloss_cli_run_stats },
  { "suggest", N_("Suggest the quotations not yet annotated (JSON Lines)"), gloss_cli_run_suggest },
  { "merge", N_("Bring annotators' projects together into a team project"), gloss_cli_run_merge },
  { "copy", N_("Copy a whole project, between a file and a PostgreSQL server either way"), gloss_cli_run_copy },
  { "agree", N_("Agreement between annotators (F1, kappa, alpha_U, quote speakers)"), gloss_cli_run_agree },
};

/* What a command printed must have reached its reader: a full disk or a closed
 * pipe under standard output is an unwritable output. */
static int
finish_output (int status)
{
  int saved = 0;

  errno = 0;
  if (fflush (stdout) != 0)
    saved = errno;
  else if (!ferror (stdout))
    return status;
  if (status == EXIT_USAGE)
    return status;   /* the command has said why already */
  g_printerr ("gloss-cli: %s: %s\n", _("standard output"),
              saved != 0 ? g_strerror (saved) : _("could not be written"));
  return EXIT_USAGE;
}

static void
print_usage (FILE *stream)
{
  fprintf (stream, _("Usage:\n  gloss-cli COMMAND PROJECT [OPTION…]\n\n"
                     "Gloss projects from the command line: the same project files as the "
                     "Gloss window.\n\nCommands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-8s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (stream, _("\n“gloss-cli COMMAND --help” describes a command's options.\n"
                     "Exit status: 0 done; 1 some input refused or skipped; 2 usage error, "
                     "refused project or unwritable output.\n"));
}

static const char *
gloss_localedir (void)
{
  const char *dir = g_getenv ("GLOSS_LOCALEDIR");

  return dir != NULL && *dir != '\0' ? dir : LOCALEDIR;
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  catch_interrupts ();
  /* GLOSS_LOCALEDIR: the build tree's compiled catalogs (BUILD/po/LANG/LC_MESSAGES),
   * set by build-aux/run.sh and meson devenv so that an uninstalled run is translated. */
  bindtextdomain (GETTEXT_PACKAGE, gloss_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      print_usage (stderr);
      return EXIT_USAGE;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return EXIT_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("gloss-cli %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      {
        g_autofree char *prgname = g_strdup_printf ("gloss-cli %s", commands[i].name);

        g_set_prgname (prgname);
        return finish_output (commands[i].run (argc - 1, argv + 1));
      }

  g_printerr (_("gloss-cli: unknown command “%s”\n"), argv[1]);
  print_usage (stderr);
  return EXIT_USAGE;
}
