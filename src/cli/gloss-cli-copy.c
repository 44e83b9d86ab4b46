/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gloss-cli copy: a whole project from a file to a server or back. */
#define G_LOG_DOMAIN "gloss-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "gloss-cli-private.h"
#include "gloss-merge.h"

int
gloss_cli_run_copy (int    argc,
                    char **argv)
{
  GOptionEntry entries[] = {
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    gloss_cli_new_context (_("SRC DST — copy a whole project"),
                           _("Copies the label schema, every annotator set of every document and the\n"
                             "files kept for its format from SRC into DST, which must be new or hold no\n"
                             "documents. Either may be a .gloss file or a postgresql:// URI: copy moves\n"
                             "a project onto a team's server and back, and the native exports of SRC\n"
                             "and DST are identical."),
                           entries);
  g_autoptr(GlossStore) source = NULL;
  g_autoptr(GlossStore) target = NULL;
  g_autoptr(GlossReport) report = gloss_report_new (gloss_cli_on_report, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *source_name = NULL;
  g_autofree char *target_name = NULL;
  GlossMergeResult result = { 0 };
  int status;

  if (!gloss_cli_parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 3)
    return gloss_cli_usage_error (context, _("copy needs a SRC project and a DST project"));

  source_name = gloss_store_describe_location (argv[1]);
  target_name = gloss_store_describe_location (argv[2]);
  source = gloss_cli_open_project (argv[1], GLOSS_STORE_OPEN_READ_ONLY);
  if (source == NULL)
    return EXIT_USAGE;
  target = gloss_cli_open_project (argv[2], GLOSS_STORE_OPEN_CREATE);
  if (target == NULL)
    return EXIT_USAGE;

  if (!gloss_copy_project (target, source, report, &result, gloss_cli_interrupted, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gloss_cli_say (_("interrupted: DST holds part of SRC; remove it and copy again"));
      else
        gloss_cli_say_error (error);
      if (gloss_store_is_new (target))
        gloss_store_discard_new (target, NULL);
      return EXIT_USAGE;
    }

  g_print (_("Copied %s to %s: %u documents, %u annotator sets, %u spans\n"),
           source_name, target_name, result.documents, result.sets, result.spans);
  return gloss_report_count (report, GLOSS_REPORT_PROBLEM) > 0 ? EXIT_PARTIAL : EXIT_OK;
}
