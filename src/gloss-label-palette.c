/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-label-palette"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "gloss-color.h"
#include "gloss-label-palette.h"
#include "gloss-model.h"

/* Every label as a button with its colour and hotkey, grouped by layer. A
 * button activates win.tag, the same action as the label's key. */
struct _GlossLabelPalette
{
  GtkBox          parent_instance;
  GtkCssProvider *colors;
  guint           serial;   /* keeps colour classes apart between windows */
};

G_DEFINE_FINAL_TYPE (GlossLabelPalette, gloss_label_palette, GTK_TYPE_BOX)

static void
clear (GlossLabelPalette *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_box_remove (GTK_BOX (self), child);
}

static GtkWidget *
label_button (GlossLabelPalette *self,
              const GlossLabel  *label,
              const char        *chip_class)
{
  g_autofree char *tooltip = NULL;
  g_autofree char *accessible = NULL;
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *chip = gtk_label_new (NULL);
  GtkWidget *name = gtk_label_new (label->name);
  GtkWidget *key = gtk_label_new (label->hotkey != NULL ? label->hotkey : "");

  gtk_widget_add_css_class (chip, "label-chip");
  gtk_widget_add_css_class (chip, chip_class);
  gtk_widget_set_valign (chip, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (key, "hotkey");
  gtk_box_append (GTK_BOX (box), chip);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), key);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "palette-button");

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.tag");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", label->name);

  tooltip = label->hotkey != NULL
            ? g_strdup_printf (_("%s — key %s (Shift+%s adds a second label)"),
                               label->description ? label->description : label->name,
                               label->hotkey, label->hotkey)
            : g_strdup (label->description ? label->description : label->name);
  gtk_widget_set_tooltip_text (button, tooltip);
  accessible = label->hotkey != NULL ? g_strdup_printf (_("Tag as %s (key %s)"), label->name, label->hotkey)
                                     : g_strdup_printf (_("Tag as %s"), label->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return button;
}

/* A chip shows the label as the article shows it: a highlight's colour for
 * the page the theme gives, a quote's or claim's bar in the label's colour. */
static void
append_chip_css (GString          *css,
                 const char       *chip_class,
                 const GlossLabel *label)
{
  gboolean bar = label->kind == GLOSS_LABEL_KIND_QUOTE || label->kind == GLOSS_LABEL_KIND_CLAIM;
  g_autofree char *light = bar ? NULL : gloss_color_highlight (label->color, FALSE);
  g_autofree char *dark = bar ? NULL : gloss_color_highlight (label->color, TRUE);

  g_string_append_printf (css, ".%s { background-color: %s; }\n", chip_class,
                          light != NULL ? light : label->color);
  g_string_append_printf (css, "palette.dark .%s { background-color: %s; }\n", chip_class,
                          dark != NULL ? dark : label->color);
}

static void
on_dark_changed (GlossLabelPalette *self)
{
  if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
    gtk_widget_add_css_class (GTK_WIDGET (self), "dark");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "dark");
}

/**
 * gloss_label_palette_set_labels:
 * @layers: (element-type GlossLayer): the layers, in order
 * @labels: (element-type GlossLabel): the labels
 */
void
gloss_label_palette_set_labels (GlossLabelPalette *self,
                                GPtrArray         *layers,
                                GPtrArray         *labels)
{
  g_autoptr(GString) css = g_string_new (NULL);

  g_return_if_fail (GLOSS_IS_LABEL_PALETTE (self));

  clear (self);
  for (guint l = 0; l < layers->len; l++)
    {
      const GlossLayer *layer = g_ptr_array_index (layers, l);
      GtkWidget *heading = gtk_label_new (layer->name);
      GtkWidget *flow = gtk_flow_box_new ();

      gtk_label_set_xalign (GTK_LABEL (heading), 0);
      gtk_widget_add_css_class (heading, "heading");
      gtk_widget_add_css_class (heading, "palette-heading");
      gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
      gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (flow), 2);
      gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 2);
      gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (flow), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      layer->name, -1);

      for (guint i = 0; i < labels->len; i++)
        {
          const GlossLabel *label = g_ptr_array_index (labels, i);
          g_autofree char *chip_class = NULL;

          if (g_strcmp0 (label->layer, layer->name) != 0)
            continue;
          chip_class = g_strdup_printf ("label-chip-%u-%u", self->serial, i);
          gtk_flow_box_append (GTK_FLOW_BOX (flow), label_button (self, label, chip_class));
          if (label->color != NULL)
            append_chip_css (css, chip_class, label);
        }

      gtk_box_append (GTK_BOX (self), heading);
      gtk_box_append (GTK_BOX (self), flow);
    }

  gtk_css_provider_load_from_data (self->colors, css->str, css->len);
}

static void
gloss_label_palette_dispose (GObject *object)
{
  GlossLabelPalette *self = GLOSS_LABEL_PALETTE (object);

  if (self->colors != NULL)
    gtk_style_context_remove_provider_for_display (gdk_display_get_default (),
                                                   GTK_STYLE_PROVIDER (self->colors));
  g_clear_object (&self->colors);
  G_OBJECT_CLASS (gloss_label_palette_parent_class)->dispose (object);
}

static void
gloss_label_palette_class_init (GlossLabelPaletteClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = gloss_label_palette_dispose;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "palette");
}

static void
gloss_label_palette_init (GlossLabelPalette *self)
{
  static guint serial;

  self->serial = serial++;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 4);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Labels"), -1);

  self->colors = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (self->colors),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed), self, G_CONNECT_SWAPPED);
  on_dark_changed (self);
}
