/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gloss-merge.h"

G_BEGIN_DECLS

/* Project ▸ Merge: other projects merged into the open one, off the main
 * thread, each through connections of the job's own. */

typedef struct
{
  guint             projects;   /* merged whole */
  GlossMergeResult  totals;
  GPtrArray        *notices;    /* char *: conflicts (each naming both sides), parts left out */
  GPtrArray        *problems;   /* char *: a project not merged at all, and why */
} GlossMergeSummary;

typedef void (*GlossMergeProgressFunc) (double      fraction,
                                        const char *text,
                                        gpointer    user_data);

gboolean           gloss_merge_job_is_same_project (const char              *a,
                                                    const char              *b);
void               gloss_merge_job_run_async       (const char              *team,
                                                    GPtrArray               *paths,
                                                    GlossMergeProgressFunc   progress,
                                                    gpointer                 progress_data,
                                                    GCancellable            *cancellable,
                                                    GAsyncReadyCallback      callback,
                                                    gpointer                 user_data);
GlossMergeSummary *gloss_merge_job_run_finish      (GAsyncResult            *result,
                                                    GError                 **error);
char              *gloss_merge_summary_describe    (const GlossMergeSummary *summary);
void               gloss_merge_summary_free        (GlossMergeSummary       *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossMergeSummary, gloss_merge_summary_free)

G_END_DECLS
