/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gloss-cli export: documents and annotations in every format. */
#define G_LOG_DOMAIN "gloss-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "gloss-cli-private.h"
#include "gloss-export.h"

/* ---- export ------------------------------------------------------------------------ */

static gboolean
has_layer (GlossStore *store,
           const char *name)
{
  GPtrArray *layers = gloss_store_list_layers (store);

  for (guint i = 0; i < layers->len; i++)
    if (g_str_equal (((GlossLayer *) g_ptr_array_index (layers, i))->name, name))
      return TRUE;
  return FALSE;
}

int
gloss_cli_run_export (int    argc,
            char **argv)
{
  g_autofree char *format = NULL, *output = NULL, *bundle = NULL, *status_name = NULL;
  g_autofree char *layer = NULL, *split = NULL, *set = NULL, *text = NULL;
  g_autofree char *names = gloss_export_list_formats ();
  g_autofree char *format_help = g_strdup_printf (_("Write format F: %s"), names);
  gint64 seed = 0;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, format_help, "F" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to OUT (a folder for txt) instead of standard output"), "OUT" },
    { "bundle", 0, 0, G_OPTION_ARG_FILENAME, &bundle, N_("Write a dataset bundle into the new or empty folder DIR"), "DIR" },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status_name, N_("Only documents with status S: new, in-progress or done"), "S" },
    { "layer", 0, 0, G_OPTION_ARG_STRING, &layer, N_("Only the spans of layer L"), "L" },
    { "split", 0, 0, G_OPTION_ARG_STRING, &split, N_("Split the documents, as in train=0.8,dev=0.1,test=0.1 (needs --bundle)"), "SPEC" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, N_("Seed of the random split (default 0)"), "N" },
    { "text", 0, 0, G_OPTION_ARG_STRING, &text, N_("omit: offsets, text_sha256 and length without the texts (jsonl, json, w3c, brat); import --texts DIR puts them back"), "omit" },
    { "set", 0, 0, G_OPTION_ARG_STRING, &set, N_("Whose annotations: gold (default: the gold set, else the only set of each document), an annotator's NAME, or all (jsonl and json: one record per document and set)"), "SET" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    gloss_cli_new_context (_("PROJECT --format F — export documents and annotations"),
                 _("Writes the project's documents in import order. A file or folder appears whole\n"
                   "or not at all."),
                 entries);
  g_autoptr(GlossStore) store = NULL;
  g_autoptr(GlossReport) report = gloss_report_new (gloss_cli_on_report, NULL);
  g_autoptr(GError) error = NULL;
  GlossExportOptions options = { 0 };
  GlossExportResult result = { 0 };
  int status;

  if (!gloss_cli_parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return gloss_cli_usage_error (context, _("export needs one PROJECT"));
  if (format == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("export needs --format F (%s)"), names);

      return gloss_cli_usage_error (context, message);
    }
  if (!gloss_export_is_format (format))
    {
      g_autofree char *message = g_strdup_printf (_("--format: unknown format “%s”; use one of: %s"),
                                                  format, names);

      return gloss_cli_usage_error (context, message);
    }
  if (output != NULL && bundle != NULL)
    return gloss_cli_usage_error (context, _("-o and --bundle do not go together: a bundle names its own files"));
  if (text != NULL && !g_str_equal (text, "omit"))
    return gloss_cli_usage_error (context, _("--text takes omit (leave the texts out)"));
  if (seed < 0 || seed > G_MAXUINT32)
    return gloss_cli_usage_error (context, _("--seed takes a whole number from 0 to 4294967295"));

  options.format = format;
  options.output = output;
  options.bundle = bundle;
  options.layer = layer;
  options.set = set;
  options.split = split;
  options.seed = (guint) seed;
  options.omit_text = text != NULL;
  if (status_name != NULL)
    {
      if (!gloss_status_from_string (status_name, &options.status))
        return gloss_cli_usage_error (context, _("--status takes new, in-progress or done"));
      options.filter_status = TRUE;
    }

  store = gloss_cli_open_project (argv[1], GLOSS_STORE_OPEN_DEFAULT);
  if (store == NULL)
    return EXIT_USAGE;
  if (layer != NULL && !has_layer (store, layer))
    {
      g_autofree char *message = g_strdup_printf (_("%s: no layer “%s” in the project"), gloss_cli_name (argv[1]), layer);

      gloss_cli_say (message);
      return EXIT_USAGE;
    }

  if (isatty (STDERR_FILENO) && (output != NULL || bundle != NULL))
    {
      options.progress = gloss_cli_on_progress;
      options.progress_data = (gpointer) _("exporting");
    }

  if (!gloss_export (store, &options, stdout, report, &result, gloss_cli_interrupted, &error))
    {
      gloss_cli_end_progress ();
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gloss_cli_say (_("interrupted: nothing was written"));
      else
        gloss_cli_say_error (error);
      return EXIT_USAGE;
    }
  gloss_cli_end_progress ();

  if (output != NULL || bundle != NULL)
    {
      g_autofree char *message =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: wrote %u document with %u spans",
                                      "%s: wrote %u documents with %u spans", result.documents),
                         output ? output : bundle, result.documents, result.spans);

      gloss_cli_say (message);
    }
  return gloss_report_count (report, GLOSS_REPORT_PROBLEM) > 0 ? EXIT_PARTIAL : EXIT_OK;
}
