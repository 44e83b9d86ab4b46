/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-link-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-link-chooser.h"

/* Picks the other end of a relation (a quote's speaker, a claim's claimant):
 * candidates nearest first, type to filter, Enter picks, Escape cancels. It is
 * a bar over the article, not a popover, so that the text stays clickable: the
 * window takes a click on an annotation as the pick. */
struct _GlossLinkChooser
{
  GtkBox      parent_instance;

  GtkWidget  *title;
  GtkWidget  *entry;
  GtkWidget  *list;
};

G_DEFINE_FINAL_TYPE (GlossLinkChooser, gloss_link_chooser, GTK_TYPE_BOX)

enum {
  CHOSEN,
  CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
row_matches (GtkListBoxRow *row,
             gpointer       user_data)
{
  GlossLinkChooser *self = user_data;
  const char *needle = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  const char *haystack = g_object_get_data (G_OBJECT (row), "gloss-search");
  g_autofree char *folded_needle = NULL;

  if (needle == NULL || *needle == '\0')
    return TRUE;
  folded_needle = g_utf8_casefold (needle, -1);
  return haystack != NULL && strstr (haystack, folded_needle) != NULL;
}

static GtkListBoxRow *
first_visible (GlossLinkChooser *self)
{
  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->list), i);

      if (row == NULL)
        return NULL;
      if (gtk_widget_get_child_visible (GTK_WIDGET (row)) && row_matches (row, self))
        return row;
    }
}

static void
pick (GlossLinkChooser *self,
      GtkListBoxRow    *row)
{
  const char *id = row != NULL ? g_object_get_data (G_OBJECT (row), "gloss-id") : NULL;
  g_autofree char *copy = g_strdup (id);

  if (copy == NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_signal_emit (self, signals[CHOSEN], 0, copy);
}

static void
on_search_changed (GlossLinkChooser *self)
{
  GtkListBoxRow *row;

  gtk_list_box_invalidate_filter (GTK_LIST_BOX (self->list));
  row = first_visible (self);
  gtk_list_box_select_row (GTK_LIST_BOX (self->list), row);
}

static void
on_entry_activate (GlossLinkChooser *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (GTK_LIST_BOX (self->list));

  pick (self, row != NULL ? row : first_visible (self));
}

static void
on_row_activated (GtkListBox       *list,
                  GtkListBoxRow    *row,
                  GlossLinkChooser *self)
{
  pick (self, row);
}

static gboolean
on_entry_key (GtkEventControllerKey *controller,
              guint                  keyval,
              guint                  keycode,
              GdkModifierType        state,
              GlossLinkChooser      *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (GTK_LIST_BOX (self->list));
  int index = row != NULL ? gtk_list_box_row_get_index (row) : -1;
  int step = keyval == GDK_KEY_Down ? 1 : keyval == GDK_KEY_Up ? -1 : 0;

  if (keyval == GDK_KEY_Escape)
    {
      gloss_link_chooser_close (self);
      return GDK_EVENT_STOP;
    }
  if (step == 0)
    return GDK_EVENT_PROPAGATE;

  for (index += step; index >= 0; index += step)
    {
      GtkListBoxRow *next = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->list), index);

      if (next == NULL)
        break;
      if (row_matches (next, self))
        {
          gtk_list_box_select_row (GTK_LIST_BOX (self->list), next);
          gtk_widget_grab_focus (self->entry);
          break;
        }
    }
  return GDK_EVENT_STOP;
}

void
gloss_link_chooser_clear (GlossLinkChooser *self,
                          const char       *title)
{
  GtkWidget *child;

  g_return_if_fail (GLOSS_IS_LINK_CHOOSER (self));

  gtk_label_set_text (GTK_LABEL (self->title), title);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  while ((child = gtk_widget_get_first_child (self->list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list), child);
}

void
gloss_link_chooser_add (GlossLinkChooser *self,
                        const char       *id,
                        const char       *label,
                        const char       *text)
{
  g_autofree char *markup = g_markup_printf_escaped ("<small><b>%s</b></small>  %s", label, text);
  g_autofree char *search = g_strdup_printf ("%s %s", label, text);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *content = gtk_label_new (NULL);

  gtk_label_set_markup (GTK_LABEL (content), markup);
  gtk_label_set_xalign (GTK_LABEL (content), 0);
  gtk_label_set_ellipsize (GTK_LABEL (content), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (content), 48);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), content);
  g_object_set_data_full (G_OBJECT (row), "gloss-id", g_strdup (id), g_free);
  g_object_set_data_full (G_OBJECT (row), "gloss-search", g_utf8_casefold (search, -1), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, search, -1);
  gtk_list_box_append (GTK_LIST_BOX (self->list), row);
  if (gtk_list_box_get_selected_row (GTK_LIST_BOX (self->list)) == NULL)
    gtk_list_box_select_row (GTK_LIST_BOX (self->list), GTK_LIST_BOX_ROW (row));
}

/* Picks the row of @id, as a click on that annotation in the text would. */
gboolean
gloss_link_chooser_choose (GlossLinkChooser *self,
                           const char       *id)
{
  g_return_val_if_fail (GLOSS_IS_LINK_CHOOSER (self), FALSE);

  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->list), i);

      if (row == NULL)
        return FALSE;
      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "gloss-id"), id) == 0)
        {
          pick (self, row);
          return TRUE;
        }
    }
}

guint
gloss_link_chooser_get_n_rows (GlossLinkChooser *self)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (self->list); child; child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

void
gloss_link_chooser_open (GlossLinkChooser *self)
{
  g_return_if_fail (GLOSS_IS_LINK_CHOOSER (self));

  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  gtk_widget_grab_focus (self->entry);
}

/* Cancels: nothing is linked. */
void
gloss_link_chooser_close (GlossLinkChooser *self)
{
  g_return_if_fail (GLOSS_IS_LINK_CHOOSER (self));

  if (!gtk_widget_get_visible (GTK_WIDGET (self)))
    return;
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_signal_emit (self, signals[CLOSED], 0);
}

gboolean
gloss_link_chooser_is_open (GlossLinkChooser *self)
{
  g_return_val_if_fail (GLOSS_IS_LINK_CHOOSER (self), FALSE);
  return gtk_widget_get_visible (GTK_WIDGET (self));
}

static void
gloss_link_chooser_class_init (GlossLinkChooserClass *klass)
{
  signals[CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "linkchooser");

  /**
   * GlossLinkChooser::chosen:
   * @id: the chosen annotation's id, or GLOSS_LINK_CHOOSER_AUTHOR
   */
  signals[CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
gloss_link_chooser_init (GlossLinkChooser *self)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkWidget *hint = gtk_label_new (_("Type to filter, Enter picks, or click an annotation in the text. "
                                     "Escape cancels."));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);
  gtk_widget_add_css_class (GTK_WIDGET (self), "link-chooser");

  self->title = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->title, "heading");
  gtk_label_set_xalign (GTK_LABEL (self->title), 0);
  self->entry = gtk_search_entry_new ();
  gtk_widget_set_hexpand (self->entry, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Filter the candidates"), -1);
  g_signal_connect_swapped (self->entry, "search-changed", G_CALLBACK (on_search_changed), self);
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (on_entry_activate), self);
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_entry_key), self);
  gtk_widget_add_controller (self->entry, keys);

  self->list = gtk_list_box_new ();
  gtk_list_box_set_filter_func (GTK_LIST_BOX (self->list), row_matches, self, NULL);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_BROWSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Candidates, nearest first"), -1);
  g_signal_connect (self->list, "row-activated", G_CALLBACK (on_row_activated), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 180);

  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_add_css_class (hint, "caption");

  gtk_box_append (GTK_BOX (header), self->title);
  gtk_box_append (GTK_BOX (header), self->entry);
  gtk_box_append (GTK_BOX (self), header);
  gtk_box_append (GTK_BOX (self), scroller);
  gtk_box_append (GTK_BOX (self), hint);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
gloss_link_chooser_new (void)
{
  return g_object_new (GLOSS_TYPE_LINK_CHOOSER, NULL);
}
