/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What an import or export says to the user besides its result: notices (a
 * duplicate skipped, an id re-minted, a guessed format) leave the exit status at
 * 0; problems (a refused file, a skipped line, span or relation) make it 1. Each
 * message is "FILE[:LINE]: reason". */
typedef struct _GlossReport GlossReport;

typedef enum
{
  GLOSS_REPORT_NOTICE,
  GLOSS_REPORT_PROBLEM,
} GlossReportKind;

typedef void (*GlossReportFunc) (GlossReportKind  kind,
                                 const char      *message,
                                 gpointer         user_data);

GlossReport *gloss_report_new           (GlossReportFunc  func,
                                         gpointer         user_data);
void         gloss_report_free          (GlossReport     *report);
void         gloss_report_set_location  (GlossReport     *report,
                                         const char      *file,
                                         guint            line);
void         gloss_report_add           (GlossReport     *report,
                                         GlossReportKind  kind,
                                         const char      *format,
                                         ...) G_GNUC_PRINTF (3, 4);
guint        gloss_report_count         (const GlossReport *report,
                                         GlossReportKind    kind);
const char * const *gloss_report_get_messages (const GlossReport *report);

#define gloss_report_notice(r, ...)  gloss_report_add ((r), GLOSS_REPORT_NOTICE, __VA_ARGS__)
#define gloss_report_problem(r, ...) gloss_report_add ((r), GLOSS_REPORT_PROBLEM, __VA_ARGS__)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossReport, gloss_report_free)

G_END_DECLS
