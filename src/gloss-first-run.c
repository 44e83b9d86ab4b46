/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-first-run"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-first-run.h"

/**
 * gloss_first_run_suggest_name:
 * @real_name: (nullable): the login's real name, as g_get_real_name () gives it
 * @user_name: (nullable): the login name
 *
 * GLib says "Unknown" when the password database has no real name: that is
 * nobody's name, so the login name is offered instead.
 *
 * Returns: (transfer full): the name to offer, maybe empty
 */
char *
gloss_first_run_suggest_name (const char *real_name,
                              const char *user_name)
{
  if (real_name != NULL && *real_name != '\0' && g_strcmp0 (real_name, "Unknown") != 0)
    return g_strdup (real_name);
  return g_strdup (user_name != NULL ? user_name : "");
}

/**
 * gloss_first_run_is_needed:
 *
 * Whether to ask for the annotator name: not once asked, and not already set
 * in Preferences.
 */
gboolean
gloss_first_run_is_needed (GSettings *settings)
{
  g_autoptr(GVariant) chosen = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);

  if (g_settings_get_boolean (settings, "annotator-asked"))
    return FALSE;
  chosen = g_settings_get_user_value (settings, "annotator");
  return chosen == NULL;
}

static char *
entry_name (GtkEditable *entry)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (entry)));
}

static void
on_name_changed (GtkEditable *entry,
                 GtkDialog   *dialog)
{
  g_autofree char *name = entry_name (entry);

  gtk_dialog_set_response_sensitive (dialog, GTK_RESPONSE_OK, *name != '\0');
}

/* Closing the dialog counts as an answer too: the login's name stays in use and
 * Preferences can change it; asking again on every start would nag. */
static void
on_response (GtkDialog *dialog,
             int        response,
             GSettings *settings)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "gloss-entry");
  g_autofree char *name = entry_name (entry);

  if (response == GTK_RESPONSE_OK && *name != '\0')
    g_settings_set_string (settings, "annotator", name);
  g_settings_set_boolean (settings, "annotator-asked", TRUE);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static GtkWidget *
name_entry (void)
{
  GtkWidget *entry = gtk_entry_new ();
  g_autofree char *suggested = gloss_first_run_suggest_name (g_get_real_name (), g_get_user_name ());

  gtk_editable_set_text (GTK_EDITABLE (entry), suggested);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Your name"));
  gtk_widget_set_margin_top (entry, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Annotator name"), -1);
  return entry;
}

/**
 * gloss_first_run_ask:
 *
 * Asks for the annotator name over @parent. OK stores it in @settings, where
 * every window picks it up; the dialog is not shown again either way.
 *
 * Returns: (transfer none): the dialog
 */
GtkWindow *
gloss_first_run_ask (GtkWindow *parent,
                     GSettings *settings)
{
  GtkWidget *dialog;
  GtkWidget *entry = name_entry ();
  GtkWidget *button;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  dialog = gtk_message_dialog_new (parent, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                   "%s", _("Your name as annotator"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            _("The spans you make are kept in the project under this "
                                              "name, and other annotators’ work stays hidden while "
                                              "you annotate."));
  gtk_box_append (GTK_BOX (gtk_message_dialog_get_message_area (GTK_MESSAGE_DIALOG (dialog))), entry);
  button = gtk_dialog_add_button (GTK_DIALOG (dialog), _("_OK"), GTK_RESPONSE_OK);
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  gtk_widget_add_css_class (dialog, "gloss-first-run");

  g_object_set_data (G_OBJECT (dialog), "gloss-entry", entry);
  g_signal_connect (entry, "changed", G_CALLBACK (on_name_changed), dialog);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_response), g_object_ref (settings),
                         (GClosureNotify) G_CALLBACK (g_object_unref), 0);
  on_name_changed (GTK_EDITABLE (entry), GTK_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
  return GTK_WINDOW (dialog);
}
