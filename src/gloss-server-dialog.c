/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Project ▸ Open Server Project…: a team's project on a PostgreSQL server,
 * named by its URI, with a password that is used for this connection only
 * (never kept: the recent projects and settings hold the URI without it). */
#define G_LOG_DOMAIN "gloss"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "gloss-server-dialog.h"
#include "gloss-store.h"

typedef struct
{
  GlossApplication *application;
  GtkEntry         *uri;
  GtkPasswordEntry *password;
  GtkLabel         *problem;
} Dialog;

/* The URI with the password added as a parameter, percent-encoded. */
char *
gloss_server_dialog_build_uri (const char *uri,
                               const char *password)
{
  g_autofree char *escaped = NULL;

  if (password == NULL || *password == '\0')
    return g_strdup (uri);
  escaped = g_uri_escape_string (password, NULL, FALSE);
  return g_strdup_printf ("%s%cpassword=%s", uri, strchr (uri, '?') != NULL ? '&' : '?', escaped);
}

static void
on_response (AdwMessageDialog *message,
             const char       *response,
             Dialog           *dialog)
{
  g_autofree char *uri = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *given = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (dialog->uri))));

  if (!g_str_equal (response, "open"))
    return;
  /* A refusal opens the dialog again, with what was written and why it was
   * refused (the message names the server without the password). */
  if (!gloss_store_is_server_uri (given))
    {
      gtk_window_present (GTK_WINDOW (gloss_server_dialog_new (gtk_window_get_transient_for (GTK_WINDOW (message)),
                                                               dialog->application, given,
                                                               _("Write a URI that begins with "
                                                                 "postgresql:// or postgres://"))));
      return;
    }
  uri = gloss_server_dialog_build_uri (given, gtk_editable_get_text (GTK_EDITABLE (dialog->password)));
  if (gloss_application_open_project (dialog->application, uri, &error) == NULL)
    gtk_window_present (GTK_WINDOW (gloss_server_dialog_new (gtk_window_get_transient_for (GTK_WINDOW (message)),
                                                             dialog->application, given,
                                                             error->message)));
}

static void
on_entry_activate (GtkWidget        *entry,
                   AdwMessageDialog *message)
{
  adw_message_dialog_response (message, "open");
}

/**
 * gloss_server_dialog_new:
 * @uri: (nullable): the URI to start from
 * @problem: (nullable): why that URI was refused
 *
 * Returns: (transfer floating): a dialog asking for a server project's URI and
 *   password; "open" opens it in its own window, and a refusal comes back in
 *   a new dialog for the person to correct
 */
GtkWidget *
gloss_server_dialog_new (GtkWindow        *parent,
                         GlossApplication *application,
                         const char       *uri,
                         const char       *problem_text)
{
  Dialog *dialog = g_new0 (Dialog, 1);
  GtkWidget *message;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *problem;

  dialog->application = application;
  message = adw_message_dialog_new (parent, _("Open a Project on a Server"),
                                    _("A team's project on a PostgreSQL server, as in "
                                      "postgresql://ana@db.example.org/news. The password is "
                                      "used for this connection only; ~/.pgpass can keep it."));
  dialog->uri = GTK_ENTRY (gtk_entry_new ());
  if (uri != NULL)
    gtk_editable_set_text (GTK_EDITABLE (dialog->uri), uri);
  gtk_entry_set_placeholder_text (dialog->uri, "postgresql://");
  gtk_entry_set_input_purpose (dialog->uri, GTK_INPUT_PURPOSE_URL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dialog->uri), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Server project URI"), -1);
  dialog->password = GTK_PASSWORD_ENTRY (gtk_password_entry_new ());
  gtk_password_entry_set_show_peek_icon (dialog->password, TRUE);
  g_object_set (dialog->password, "placeholder-text", _("Password (if the server asks)"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dialog->password), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Password"), -1);
  problem = gtk_label_new (problem_text);
  dialog->problem = GTK_LABEL (problem);
  gtk_label_set_wrap (dialog->problem, TRUE);
  gtk_label_set_xalign (dialog->problem, 0);
  gtk_widget_add_css_class (problem, "error");
  gtk_widget_set_visible (problem, problem_text != NULL);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (dialog->uri));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (dialog->password));
  gtk_box_append (GTK_BOX (box), problem);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (message), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (message),
                                    "cancel", _("_Cancel"),
                                    "open", _("_Open"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (message), "open",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (message), "open");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (message), "cancel");
  g_signal_connect (dialog->uri, "activate", G_CALLBACK (on_entry_activate), message);
  g_signal_connect (dialog->password, "activate", G_CALLBACK (on_entry_activate), message);
  g_object_set_data_full (G_OBJECT (message), "gloss-server-dialog", dialog, g_free);
  g_signal_connect (message, "response", G_CALLBACK (on_response), dialog);
  return message;
}
