/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-report"

#include "config.h"

#include "gloss-report.h"

struct _GlossReport
{
  GlossReportFunc  func;
  gpointer         user_data;
  char            *file;
  guint            line;
  GPtrArray       *messages;
  guint            counts[2];
};

GlossReport *
gloss_report_new (GlossReportFunc func,
                  gpointer        user_data)
{
  GlossReport *report = g_new0 (GlossReport, 1);

  report->func = func;
  report->user_data = user_data;
  report->messages = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  return report;
}

void
gloss_report_free (GlossReport *report)
{
  if (report == NULL)
    return;

  g_free (report->file);
  g_ptr_array_unref (report->messages);
  g_free (report);
}

/* Where the next messages come from; line 0 means the file as a whole. */
void
gloss_report_set_location (GlossReport *report,
                           const char  *file,
                           guint        line)
{
  g_return_if_fail (report != NULL);

  if (report->file != file)
    {
      g_free (report->file);
      report->file = g_strdup (file);
    }
  report->line = line;
}

void
gloss_report_add (GlossReport     *report,
                  GlossReportKind  kind,
                  const char      *format,
                  ...)
{
  g_autofree char *reason = NULL;
  char *message;
  va_list args;

  if (report == NULL)
    return;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  if (report->file != NULL && report->line > 0)
    message = g_strdup_printf ("%s:%u: %s", report->file, report->line, reason);
  else if (report->file != NULL)
    message = g_strdup_printf ("%s: %s", report->file, reason);
  else
    message = g_steal_pointer (&reason);

  report->counts[kind]++;
  g_ptr_array_add (report->messages, message);
  if (report->func != NULL)
    report->func (kind, message, report->user_data);
}

guint
gloss_report_count (const GlossReport *report,
                    GlossReportKind    kind)
{
  g_return_val_if_fail (report != NULL, 0);
  return report->counts[kind];
}

const char * const *
gloss_report_get_messages (const GlossReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);
  return (const char * const *) report->messages->pdata;
}
