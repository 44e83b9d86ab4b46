/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gloss-cli merge: every annotator set of several projects in one team project. */
#define G_LOG_DOMAIN "gloss-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "gloss-cli-private.h"
#include "gloss-merge.h"

static gboolean
same_file (const char *a,
           const char *b)
{
  struct stat sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static gboolean
merge_one (GlossStore        *team,
           const char        *team_path,
           const char        *path,
           GlossReport       *report,
           GlossMergeResult  *result)
{
  g_autoptr(GlossStore) source = NULL;
  g_autoptr(GError) error = NULL;

  if (same_file (team_path, path))
    {
      g_autofree char *message = g_strdup_printf (_("%s: is the team project itself; nothing to merge"),
                                                  gloss_cli_name (path));

      gloss_cli_say (message);
      return FALSE;
    }
  source = gloss_cli_open_project (path, GLOSS_STORE_OPEN_READ_ONLY);
  if (source == NULL)
    return FALSE;
  if (!gloss_merge_project (team, source, report, result, gloss_cli_interrupted, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gloss_cli_say_error (error);
      return FALSE;
    }
  return TRUE;
}

int
gloss_cli_run_merge (int    argc,
                     char **argv)
{
  GOptionEntry entries[] = {
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    gloss_cli_new_context (_("TEAM PROJECT… — bring annotators' projects together"),
                           _("Copies every annotator set of every document of each PROJECT into TEAM,\n"
                             "creating TEAM if missing. Documents are matched by their text, labels by\n"
                             "name and layer, annotators by name. Merging the same project again adds\n"
                             "nothing; a newer copy of an annotator's work on a document replaces the older."),
                           entries);
  g_autoptr(GlossStore) team = NULL;
  g_autoptr(GlossReport) report = gloss_report_new (gloss_cli_on_report, NULL);
  GlossMergeResult result = { 0 };
  guint refused = 0;
  int status;

  if (!gloss_cli_parse_options (context, &argc, &argv, &status))
    return status;
  if (argc < 3)
    return gloss_cli_usage_error (context, _("merge needs a TEAM project and at least one PROJECT"));

  team = gloss_cli_open_project (argv[1], GLOSS_STORE_OPEN_CREATE);
  if (team == NULL)
    return EXIT_USAGE;
  if (gloss_store_is_read_only (team))
    {
      g_autofree char *message = g_strdup_printf (_("%s: the team project is read-only; nothing was merged"),
                                                  gloss_cli_name (argv[1]));

      gloss_cli_say (message);
      return EXIT_USAGE;
    }

  for (int i = 2; i < argc; i++)
    {
      if (g_cancellable_is_cancelled (gloss_cli_interrupted))
        break;
      if (!merge_one (team, argv[1], argv[i], report, &result))
        refused++;
    }
  if (g_cancellable_is_cancelled (gloss_cli_interrupted))
    {
      gloss_cli_say (_("interrupted: the documents merged so far are in the team project, each whole; "
                       "merge again to finish"));
      return EXIT_USAGE;
    }

  g_print (_("Merged into %s: %u documents added, %u annotator sets brought work (%u replaced by a "
             "newer copy), %u spans added\n"),
           gloss_cli_name (argv[1]), result.documents, result.sets, result.replaced, result.spans);
  if (refused > 0)
    return refused == (guint) argc - 2 ? EXIT_USAGE : EXIT_PARTIAL;
  return gloss_report_count (report, GLOSS_REPORT_PROBLEM) > 0 ? EXIT_PARTIAL : EXIT_OK;
}
