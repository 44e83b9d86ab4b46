/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-dialogs"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-dialogs.h"

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     GTask           *task)
{
  if (response != GTK_RESPONSE_ACCEPT)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             _("The dialog was dismissed"));
  else if (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) != GTK_FILE_CHOOSER_ACTION_SAVE)
    g_task_return_pointer (task, gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser)), g_object_unref);
  else
    {
      const char *format = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "format");

      g_task_set_task_data (task, g_strdup (format ? format : "jsonl"), g_free);
      g_task_return_pointer (task, gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser)), g_object_unref);
    }
  g_object_unref (task);
  g_object_unref (chooser);
}

static void
run_chooser (GtkFileChooserNative *chooser,
             GCancellable         *cancellable,
             GAsyncReadyCallback   callback,
             gpointer              user_data,
             gpointer              tag)
{
  GTask *task = g_task_new (chooser, cancellable, callback, user_data);

  g_task_set_source_tag (task, tag);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), task);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
gloss_dialogs_open_files (GtkWindow           *parent,
                          const char          *title,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) articles = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_filter_set_name (articles, _("Articles (.txt, .jsonl, .json)"));
  gtk_file_filter_add_suffix (articles, "txt");
  gtk_file_filter_add_suffix (articles, "jsonl");
  gtk_file_filter_add_suffix (articles, "json");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), articles);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  run_chooser (chooser, cancellable, callback, user_data, gloss_dialogs_open_files);
}

/**
 * gloss_dialogs_open_projects:
 * @accept: the accept button's label, with a mnemonic
 *
 * Asks for one or more Gloss projects. Finish with
 * gloss_dialogs_open_files_finish ().
 */
void
gloss_dialogs_open_projects (GtkWindow           *parent,
                             const char          *title,
                             const char          *accept,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) projects = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_OPEN, accept, _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_filter_set_name (projects, _("Gloss projects"));
  gtk_file_filter_add_suffix (projects, "gloss");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), projects);
  run_chooser (chooser, cancellable, callback, user_data, gloss_dialogs_open_projects);
}

/**
 * gloss_dialogs_open_files_finish:
 *
 * Returns: (transfer full) (nullable): the chosen files
 */
GListModel *
gloss_dialogs_open_files_finish (GAsyncResult  *result,
                                 GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static const char *
describe_format (const char *name)
{
  static const struct { const char *name; const char *description; } known[] = {
    { "jsonl", N_("Gloss JSON Lines, one document a line (.jsonl)") },
    { "json", N_("Whole project as JSON (.json)") },
    { "txt", N_("Plain text: a folder of .txt files") },
    { "prodigy", N_("spaCy / Prodigy JSON Lines (.jsonl)") },
    { "doccano", N_("doccano JSON Lines, UTF-16 offsets (.jsonl)") },
    { "brat", N_("brat standoff: a folder of .txt and .ann") },
    { "w3c", N_("W3C Web Annotation, JSON-LD (.jsonld)") },
    { "conll", N_("CoNLL IOB2, one layer (.conll)") },
    { "hf", N_("Hugging Face token classification (.jsonl)") },
    { "png", N_("PNG image (.png)") },
    { "svg", N_("SVG drawing (.svg)") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_str_equal (known[i].name, name))
      return _(known[i].description);
  return name;
}

/**
 * gloss_dialogs_save:
 * @formats: (array zero-terminated=1): the formats to offer, the first chosen
 *
 * Asks where to export and in which format.
 */
void
gloss_dialogs_save (GtkWindow           *parent,
                    const char          *title,
                    const char          *initial_name,
                    const char * const  *formats,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  guint n = g_strv_length ((char **) formats);
  g_autofree const char **labels = g_new0 (const char *, n + 1);
  GtkFileChooserNative *chooser;

  for (guint i = 0; i < n; i++)
    labels[i] = describe_format (formats[i]);

  chooser = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), initial_name);
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "format", _("Format"),
                               (const char **) formats, labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "format", formats[0]);
  run_chooser (chooser, cancellable, callback, user_data, gloss_dialogs_save);
}

void
gloss_dialogs_open_folder (GtkWindow           *parent,
                           const char          *title,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Import"), _("_Cancel"));
  run_chooser (chooser, cancellable, callback, user_data, gloss_dialogs_open_folder);
}

/**
 * gloss_dialogs_save_finish:
 * @format: (out): the chosen format ("jsonl", "json", "txt")
 *
 * Returns: (transfer full) (nullable): the chosen file
 */
GFile *
gloss_dialogs_save_finish (GAsyncResult  *result,
                           char         **format,
                           GError       **error)
{
  GFile *file = g_task_propagate_pointer (G_TASK (result), error);

  if (file != NULL && format != NULL)
    *format = g_strdup (g_task_get_task_data (G_TASK (result)));
  return file;
}

void
gloss_dialogs_show_error (GtkWindow  *parent,
                          const char *message,
                          const char *detail)
{
  GtkWidget *dialog = gtk_message_dialog_new (parent, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE, "%s", message);

  if (detail != NULL)
    gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", detail);
  gtk_widget_add_css_class (dialog, "gloss-error");
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}
