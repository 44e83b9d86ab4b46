/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-merge-job"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "gloss-merge-job.h"

typedef struct
{
  char                   *team;
  GPtrArray              *paths;
  GlossMergeProgressFunc  progress;
  gpointer                progress_data;
  GlossMergeSummary      *summary;
} Job;

typedef struct
{
  GTask  *task;
  double  fraction;
  char   *text;
} Progress;

void
gloss_merge_summary_free (GlossMergeSummary *summary)
{
  g_ptr_array_unref (summary->notices);
  g_ptr_array_unref (summary->problems);
  g_free (summary);
}

static void
job_free (Job *job)
{
  g_free (job->team);
  g_ptr_array_unref (job->paths);
  g_clear_pointer (&job->summary, gloss_merge_summary_free);
  g_free (job);
}

/**
 * gloss_merge_job_is_same_project:
 *
 * Whether @a and @b are one file, under whatever names: a project merged into
 * itself would only find its own work again.
 */
gboolean
gloss_merge_job_is_same_project (const char *a,
                                 const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static gboolean
deliver_progress (gpointer data)
{
  Progress *progress = data;
  Job *job = g_task_get_task_data (progress->task);

  if (!g_task_get_completed (progress->task))
    job->progress (progress->fraction, progress->text, job->progress_data);
  g_object_unref (progress->task);
  g_free (progress->text);
  g_free (progress);
  return G_SOURCE_REMOVE;
}

static void
report_progress (GTask      *task,
                 guint       done,
                 const char *path)
{
  Job *job = g_task_get_task_data (task);
  Progress *progress;
  g_autofree char *base = g_path_get_basename (path);

  if (job->progress == NULL)
    return;
  progress = g_new0 (Progress, 1);
  progress->task = g_object_ref (task);
  progress->fraction = (double) done / job->paths->len;
  progress->text = g_strdup_printf (_("Merging %s (%u of %u)"), base, done + 1, job->paths->len);
  g_main_context_invoke (g_task_get_context (task), deliver_progress, progress);
}

static void
collect (GlossReportKind  kind,
         const char      *message,
         gpointer         user_data)
{
  GlossMergeSummary *summary = user_data;

  /* summary->problems is for projects not merged at all; what a merge says
   * about parts of one is listed with the notices. */
  g_ptr_array_add (summary->notices, g_strdup (message));
}

static gboolean
merge_one (GlossStore    *team,
           const char    *path,
           GlossReport   *report,
           Job           *job,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GlossStore) source = NULL;

  if (gloss_merge_job_is_same_project (job->team, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s: is this project itself; choose another project to merge into it"), path);
      return FALSE;
    }
  source = gloss_store_open (path, GLOSS_STORE_OPEN_READ_ONLY, error);
  return source != NULL
         && gloss_merge_project (team, source, report, &job->summary->totals, cancellable, error);
}

static void
merge_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GlossReport) report = gloss_report_new (collect, job->summary);
  g_autoptr(GError) error = NULL;
  /* The window's connection belongs to the main thread: the job has its own. */
  g_autoptr(GlossStore) team = gloss_store_open (job->team, GLOSS_STORE_OPEN_DEFAULT, &error);

  if (team == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < job->paths->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      const char *path = g_ptr_array_index (job->paths, i);

      report_progress (task, i, path);
      g_clear_error (&error);
      if (merge_one (team, path, report, job, cancellable, &error))
        job->summary->projects++;
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_ptr_array_add (job->summary->problems, g_strdup (error->message));
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_pointer (task, g_steal_pointer (&job->summary), (GDestroyNotify) gloss_merge_summary_free);
}

/**
 * gloss_merge_job_run_async:
 * @team: the project file that receives
 * @paths: (element-type filename): the projects to merge into it, in order
 * @progress: (nullable) (scope notified): told in the calling thread's context
 *   which project is being merged; not called after @callback
 *
 * Merges every set of every document of each of @paths into @team. A project
 * that cannot be merged (unreadable, @team itself) is a problem in the
 * summary; the others are merged. Cancelling stops between documents, each of
 * which is merged whole.
 */
void
gloss_merge_job_run_async (const char             *team,
                           GPtrArray              *paths,
                           GlossMergeProgressFunc  progress,
                           gpointer                progress_data,
                           GCancellable           *cancellable,
                           GAsyncReadyCallback     callback,
                           gpointer                user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  g_return_if_fail (team != NULL && paths != NULL);

  job->team = g_strdup (team);
  job->paths = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < paths->len; i++)
    g_ptr_array_add (job->paths, g_strdup (g_ptr_array_index (paths, i)));
  job->progress = progress;
  job->progress_data = progress_data;
  job->summary = g_new0 (GlossMergeSummary, 1);
  job->summary->notices = g_ptr_array_new_with_free_func (g_free);
  job->summary->problems = g_ptr_array_new_with_free_func (g_free);
  g_task_set_source_tag (task, gloss_merge_job_run_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, merge_thread);
}

/**
 * gloss_merge_job_run_finish:
 *
 * Returns: (transfer full): what was merged, or %NULL when the receiving
 *   project could not be opened or the merge was cancelled
 */
GlossMergeSummary *
gloss_merge_job_run_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * gloss_merge_summary_describe:
 *
 * Returns: (transfer full): one line for the status bar, "Merged 2 projects:
 *   12 new documents, …"
 */
char *
gloss_merge_summary_describe (const GlossMergeSummary *summary)
{
  const GlossMergeResult *r = &summary->totals;
  GString *text = g_string_new (NULL);
  guint notices = summary->notices->len;
  guint problems = summary->problems->len;

  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "Merged %u project:", "Merged %u projects:",
                                             summary->projects), summary->projects);
  g_string_append_c (text, ' ');
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u new document", "%u new documents",
                                             r->documents), r->documents);
  g_string_append (text, ", ");
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u set with new work",
                                             "%u sets with new work", r->sets), r->sets);
  if (r->replaced > 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, " (%u replaced by a newer copy)",
                                               " (%u replaced by a newer copy)", r->replaced), r->replaced);
  g_string_append (text, ", ");
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u new span", "%u new spans", r->spans),
                          r->spans);
  if (notices > 0)
    {
      g_string_append (text, "; ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u notice", "%u notices", notices),
                              notices);
    }
  if (problems > 0)
    {
      g_string_append (text, "; ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u project not merged",
                                                 "%u projects not merged", problems), problems);
    }
  g_string_append_c (text, '.');
  return g_string_free (text, FALSE);
}
