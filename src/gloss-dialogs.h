/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* File and message dialogs behind an async API shaped like GTK 4.10's
 * GtkFileDialog and GtkAlertDialog, on GTK 4.8's GtkFileChooserNative and
 * GtkMessageDialog. */

void        gloss_dialogs_open_files        (GtkWindow           *parent,
                                             const char          *title,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GListModel *gloss_dialogs_open_files_finish (GAsyncResult        *result,
                                             GError             **error);
void        gloss_dialogs_open_projects     (GtkWindow           *parent,
                                             const char          *title,
                                             const char          *accept,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
void        gloss_dialogs_open_folder       (GtkWindow           *parent,
                                             const char          *title,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
void        gloss_dialogs_save              (GtkWindow           *parent,
                                             const char          *title,
                                             const char          *initial_name,
                                             const char * const  *formats,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GFile      *gloss_dialogs_save_finish       (GAsyncResult        *result,
                                             char               **format,
                                             GError             **error);
void        gloss_dialogs_show_error        (GtkWindow           *parent,
                                             const char          *message,
                                             const char          *detail);

G_END_DECLS
