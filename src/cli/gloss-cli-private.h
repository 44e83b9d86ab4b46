/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "gloss-report.h"
#include "gloss-store.h"

G_BEGIN_DECLS

/* Exit statuses, as DESIGN.md's "Command line" has them. */
enum {
  EXIT_OK = 0,
  EXIT_PARTIAL = 1,   /* some input refused, or a line, span or relation skipped */
  EXIT_USAGE = 2,     /* usage error, refused project, unknown document, unwritable output */
};

/* Cancelled by Ctrl+C or SIGTERM (gloss-cli.c). */
extern GCancellable *gloss_cli_interrupted;

void            gloss_cli_say           (const char          *message);
const char     *gloss_cli_name          (const char          *project);
void            gloss_cli_say_error     (const GError        *error);
void            gloss_cli_on_report     (GlossReportKind      kind,
                                         const char          *message,
                                         gpointer             user_data);
void            gloss_cli_on_progress   (guint64              done,
                                         guint64              total,
                                         gpointer             user_data);
void            gloss_cli_end_progress  (void);
int             gloss_cli_usage_error   (GOptionContext      *context,
                                         const char          *message);
GOptionContext *gloss_cli_new_context   (const char          *parameters,
                                         const char          *summary,
                                         GOptionEntry        *entries);
gboolean        gloss_cli_parse_options (GOptionContext      *context,
                                         int                 *argc,
                                         char              ***argv,
                                         int                 *status);
GlossStore     *gloss_cli_open_project  (const char          *path,
                                         GlossStoreOpenFlags  flags);
GlossStore     *gloss_cli_open_project_as (const char        *path,
                                           GlossStoreOpenFlags flags,
                                           const char        *annotator);

/* --annotator NAME: whose set a command works in. */
#define GLOSS_CLI_ANNOTATOR_OPTION(variable) \
  { "annotator", 0, 0, G_OPTION_ARG_STRING, &(variable), \
    N_("Work in annotator NAME's set (\"gold\": the adjudicated one; default: the project's only " \
       "set, else your login name)"), "NAME" }
void            gloss_cli_print_json    (JsonBuilder         *builder);
void            gloss_cli_print_padded  (const char          *text,
                                         guint                width);

/* One function per command, in gloss-cli-COMMAND.c. */
int             gloss_cli_run_import    (int                  argc,
                                         char               **argv);
int             gloss_cli_run_export    (int                  argc,
                                         char               **argv);
int             gloss_cli_run_list      (int                  argc,
                                         char               **argv);
int             gloss_cli_run_stats     (int                  argc,
                                         char               **argv);
int             gloss_cli_run_suggest   (int                  argc,
                                         char               **argv);
int             gloss_cli_run_copy      (int                  argc,
                                         char               **argv);
int             gloss_cli_run_merge     (int                  argc,
                                         char               **argv);
int             gloss_cli_run_agree     (int                  argc,
                                         char               **argv);

G_END_DECLS
