/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-merge-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-merge-dialog.h"

static const char *
headline (const GlossMergeSummary *summary)
{
  if (summary->projects == 0)
    return _("Nothing was merged");
  if (summary->problems->len > 0)
    return _("Some projects were not merged");
  return _("Merged, with notices");
}

static void
append_list (GString    *text,
             const char *heading,
             GPtrArray  *messages)
{
  if (messages->len == 0)
    return;
  if (text->len > 0)
    g_string_append_c (text, '\n');
  g_string_append_printf (text, "%s\n", heading);
  for (guint i = 0; i < messages->len; i++)
    g_string_append_printf (text, "• %s\n", (const char *) g_ptr_array_index (messages, i));
}

/* Every message, not the first dozen: a conflict named in the notices is what
 * the curator has to fix in one of the projects. */
static GtkWidget *
message_list (const GlossMergeSummary *summary)
{
  g_autoptr(GString) text = g_string_new (NULL);
  GtkWidget *label;
  GtkWidget *scrolled;

  append_list (text, _("Not merged:"), summary->problems);
  append_list (text, _("Notices:"), summary->notices);
  g_strchomp (text->str);

  label = gtk_label_new (text->str);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  /* The natural size of a wrapped label is one long line: bound it, so the
   * box is as tall as the wrapped text needs. */
  gtk_label_set_width_chars (GTK_LABEL (label), 48);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 56);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_start (label, 8);
  gtk_widget_set_margin_end (label, 8);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
  gtk_widget_add_css_class (scrolled, "frame");
  gtk_widget_set_margin_top (scrolled, 6);
  return scrolled;
}

/**
 * gloss_merge_dialog_show_summary:
 *
 * Shows what a merge brought and every notice and refusal it had, over
 * @parent.
 *
 * Returns: (transfer none): the dialog, closed by its button
 */
GtkWindow *
gloss_merge_dialog_show_summary (GtkWindow               *parent,
                                 const GlossMergeSummary *summary)
{
  g_autofree char *described = gloss_merge_summary_describe (summary);
  GtkWidget *dialog;
  GtkWidget *area;

  dialog = gtk_message_dialog_new (parent, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   summary->problems->len > 0 ? GTK_MESSAGE_WARNING : GTK_MESSAGE_INFO,
                                   GTK_BUTTONS_CLOSE, "%s", headline (summary));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", described);
  area = gtk_message_dialog_get_message_area (GTK_MESSAGE_DIALOG (dialog));
  gtk_box_append (GTK_BOX (area), message_list (summary));
  gtk_widget_add_css_class (dialog, "gloss-merge-summary");
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}
