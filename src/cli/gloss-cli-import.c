/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gloss-cli import: articles and annotations into a project. */
#define G_LOG_DOMAIN "gloss-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "gloss-cli-private.h"
#include "gloss-import.h"

/* ---- import ---------------------------------------------------------------------- */

/* Checked before the project is opened, so that a mistyped name creates nothing. */
static gboolean
choose_preset (const char   *name,
               GlossPreset  *preset,
               GError      **error)
{
  if (g_str_equal (name, "ontonotes"))
    *preset = GLOSS_PRESET_ONTONOTES;
  else if (g_str_equal (name, "conll2003"))
    *preset = GLOSS_PRESET_CONLL2003;
  else
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--preset: unknown preset “%s”; use ontonotes or conll2003"), name);
      return FALSE;
    }
  return TRUE;
}

/* A format guessed from a file's name and first record is a notice: the user
 * sees how the file was read, and --format chooses otherwise. */
static void
say_guess (const char *path)
{
  const char *format = gloss_import_guess_format (path, NULL);
  g_autofree char *notice = NULL;
  const char *described;

  if (format == NULL || g_str_equal (format, "txt"))
    return;
  if (g_str_equal (format, "jsonl"))
    described = _("Gloss JSON Lines (jsonl)");
  else if (g_str_equal (format, "prodigy"))
    described = _("spaCy/Prodigy JSONL (prodigy)");
  else if (g_str_equal (format, "doccano"))
    described = _("doccano JSONL (doccano)");
  else
    described = format;
  notice = g_strdup_printf (_("%s: read as %s; choose another with --format"), path, described);
  gloss_cli_say (notice);
}

int
gloss_cli_run_import (int    argc,
            char **argv)
{
  g_autofree char *format = NULL, *encoding = NULL, *title = NULL, *preset = NULL, *annotator = NULL;
  g_autofree char *texts = NULL;
  g_autofree char *names = gloss_import_list_formats ();
  g_autofree char *format_help =
    g_strdup_printf (_("Read the files as F: %s (without it, guessed from the name and, for JSON, "
                       "the first record)"), names);
  gboolean keep_text = FALSE;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, format_help, "F" },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding, N_("The files are in the legacy encoding ENC, not UTF-8"), "ENC" },
    { "keep-text", 0, 0, G_OPTION_ARG_NONE, &keep_text, N_("Store the text exactly as given (no BOM, newline or NFC normalisation)"), NULL },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("Title of the document (one .txt file only)"), "T" },
    { "texts", 0, 0, G_OPTION_ARG_FILENAME, &texts, N_("Fill the texts of a file exported with --text omit from the .txt files in DIR, matched by SHA-256"), "DIR" },
    { "preset", 0, 0, G_OPTION_ARG_STRING, &preset, N_("Label schema of a new project: ontonotes (default) or conll2003"), "NAME" },
    GLOSS_CLI_ANNOTATOR_OPTION (annotator),
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    gloss_cli_new_context (_("PROJECT PATH… — import articles"),
                 _("Imports .txt articles (one file, one document), Gloss JSON Lines, spaCy/Prodigy\n"
                   "JSONL and doccano exports into PROJECT, creating it if missing. A text already in\n"
                   "the project is skipped with a notice."),
                 entries);
  g_autoptr(GlossStore) store = NULL;
  g_autoptr(GlossReport) report = gloss_report_new (gloss_cli_on_report, NULL);
  g_autoptr(GError) error = NULL;
  GlossImportResult result = { 0 };
  GlossImportOptions options = { 0 };
  GlossPreset chosen = GLOSS_PRESET_ONTONOTES;
  guint refused = 0;
  int status;

  if (!gloss_cli_parse_options (context, &argc, &argv, &status))
    return status;
  if (argc < 3)
    return gloss_cli_usage_error (context, _("import needs a PROJECT and at least one PATH"));
  if (*argv[1] == '\0')
    return gloss_cli_usage_error (context, _("PROJECT is an empty path; name a .gloss file"));
  if (title != NULL && (argc > 3 || g_strcmp0 (format ? format : gloss_import_guess_format (argv[2], NULL), "txt") != 0))
    return gloss_cli_usage_error (context, _("--title names one document: give it with one .txt file"));
  if (format != NULL && !gloss_import_is_format (format))
    {
      g_autofree char *message = g_strdup_printf (_("--format: unknown format “%s”; use one of: %s"),
                                                  format, names);

      return gloss_cli_usage_error (context, message);
    }
  if (texts != NULL && !g_file_test (texts, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *message = g_strdup_printf (_("--texts: %s is not a folder; name the folder "
                                                    "that holds the articles as .txt files"), texts);

      return gloss_cli_usage_error (context, message);
    }
  if (preset != NULL && !choose_preset (preset, &chosen, &error))
    return gloss_cli_usage_error (context, error->message);

  store = gloss_cli_open_project_as (argv[1], GLOSS_STORE_OPEN_CREATE, annotator);
  if (store == NULL)
    return EXIT_USAGE;
  if (gloss_store_is_read_only (store))
    {
      g_autofree char *message =
        g_strdup_printf (_("%s: the project is read-only; nothing was imported (make the file "
                           "and its folder writable, or import into a copy)"), gloss_cli_name (argv[1]));

      gloss_cli_say (message);
      return EXIT_USAGE;
    }
  if (preset != NULL && !gloss_store_is_new (store))
    gloss_cli_say (_("--preset applies to a new project only; the project keeps its labels"));
  else if (preset != NULL && !gloss_store_apply_preset (store, chosen, &error))
    {
      gloss_cli_say_error (error);
      gloss_store_discard_new (store, NULL);
      return EXIT_USAGE;
    }

  options = (GlossImportOptions) { format, encoding, keep_text, title, NULL, NULL, texts };
  if (isatty (STDERR_FILENO))
    {
      options.progress = gloss_cli_on_progress;
      options.progress_data = (gpointer) _("importing");
    }

  for (int i = 2; i < argc && !g_cancellable_is_cancelled (gloss_cli_interrupted); i++)
    {
      g_clear_error (&error);
      if (format == NULL)
        say_guess (argv[i]);
      if (!gloss_import_path (store, argv[i], &options, report, &result, gloss_cli_interrupted, &error))
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            continue;   /* said below */
          gloss_cli_say_error (error);
          refused++;
        }
      if (options.progress != NULL && argc > 4)
        gloss_cli_on_progress (i - 1, argc - 2, (gpointer) _("importing"));
    }
  gloss_cli_end_progress ();
  g_clear_pointer (&result.first_id, g_free);

  /* A project this command made is not left behind with nothing in it. */
  g_clear_error (&error);
  if (result.imported == 0 && gloss_store_discard_new (store, &error))
    {
      g_autofree char *message =
        g_strdup_printf (_("%s: nothing was imported, so the new project was not kept"), gloss_cli_name (argv[1]));

      gloss_cli_say (message);
    }
  else if (error != NULL)
    gloss_cli_say_error (error);

  if (g_cancellable_is_cancelled (gloss_cli_interrupted))
    {
      gloss_cli_say (_("interrupted: the documents imported so far are in the project, each whole"));
      return EXIT_USAGE;
    }

  g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %u document into %s",
                        "Imported %u documents into %s", result.imported),
           result.imported, gloss_cli_name (argv[1]));
  if (result.duplicates > 0)
    g_print (_(" (%u already there)"), result.duplicates);
  if (refused > 0)
    g_print (_("; %u file(s) refused"), refused);
  g_print ("\n");

  if (refused > 0 || gloss_report_count (report, GLOSS_REPORT_PROBLEM) > 0)
    return EXIT_PARTIAL;
  return EXIT_OK;
}
