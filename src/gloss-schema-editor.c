/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-schema-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-color.h"
#include "gloss-schema-editor.h"

/* The project's labels: rename, recolour, change hotkeys, delete (asking
 * first when annotations have the label), add labels, attributes and relation
 * types. Every change is saved at once and is an undo step in the window. */
struct _GlossSchemaEditor
{
  GtkWindow   parent_instance;

  GlossStore *store;
  GtkWidget  *labels;
  GtkWidget  *message;
  GtkWidget  *new_name;
  GtkWidget  *new_layer;
  GtkWidget  *new_hotkey;
  GtkWidget  *new_color;
  GtkWidget  *attr_label;
  GtkWidget  *attr_name;
  GtkWidget  *attr_type;
  GtkWidget  *attr_values;
  GtkWidget  *rel_name;
  GtkWidget  *rel_description;
};

G_DEFINE_FINAL_TYPE (GlossSchemaEditor, gloss_schema_editor, GTK_TYPE_WINDOW)

static void rebuild (GlossSchemaEditor *self);

static void
say (GlossSchemaEditor *self,
     const char        *text,
     gboolean           failed)
{
  gtk_label_set_text (GTK_LABEL (self->message), text);
  if (failed)
    {
      gtk_widget_add_css_class (self->message, "error");
      gtk_widget_error_bell (GTK_WIDGET (self));
    }
  else
    gtk_widget_remove_css_class (self->message, "error");
}

const char *
gloss_schema_editor_get_message (GlossSchemaEditor *self)
{
  g_return_val_if_fail (GLOSS_IS_SCHEMA_EDITOR (self), NULL);
  return gtk_label_get_text (GTK_LABEL (self->message));
}

static void
report (GlossSchemaEditor *self,
        gboolean           ok,
        GError            *error,
        const char        *done)
{
  if (ok)
    say (self, done, FALSE);
  else
    say (self, error->message, TRUE);
}

static char *
color_to_hex (const GdkRGBA *rgba)
{
  return g_strdup_printf ("#%02x%02x%02x", (int) (rgba->red * 255 + 0.5), (int) (rgba->green * 255 + 0.5),
                          (int) (rgba->blue * 255 + 0.5));
}

static void
update_label (GlossSchemaEditor *self,
              const char        *name,
              GlossLabel        *changes,
              const char        *done)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = gloss_store_update_label (self->store, name, changes, &error);

  report (self, ok, error, done);
  if (!ok)
    rebuild (self);
}

static void
on_name_activate (GtkEntry          *entry,
                  GlossSchemaEditor *self)
{
  g_autoptr(GlossLabel) changes = gloss_label_new ();

  changes->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));
  update_label (self, g_object_get_data (G_OBJECT (entry), "label"), changes, _("Label renamed."));
}

static void
on_hotkey_activate (GtkEntry          *entry,
                    GlossSchemaEditor *self)
{
  g_autoptr(GlossLabel) changes = gloss_label_new ();

  changes->hotkey = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));
  update_label (self, g_object_get_data (G_OBJECT (entry), "label"), changes, _("Hotkey changed."));
}

static void
on_color_set (GtkColorButton    *button,
              GlossSchemaEditor *self)
{
  g_autoptr(GlossLabel) changes = gloss_label_new ();
  GdkRGBA rgba;

  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  changes->color = color_to_hex (&rgba);
  update_label (self, g_object_get_data (G_OBJECT (button), "label"), changes, _("Colour changed."));
}

static void
on_delete_response (GtkDialog         *dialog,
                    int                response,
                    GlossSchemaEditor *self)
{
  g_autofree char *name = g_strdup (g_object_get_data (G_OBJECT (dialog), "label"));
  g_autoptr(GError) error = NULL;

  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response != GTK_RESPONSE_ACCEPT)
    return;
  report (self, gloss_store_delete_label (self->store, name, &error), error,
          _("Label deleted. Ctrl+Z in the main window brings it back with its annotations."));
}

static void
on_delete_clicked (GtkButton         *button,
                   GlossSchemaEditor *self)
{
  const char *name = g_object_get_data (G_OBJECT (button), "label");
  guint n = gloss_store_count_label_spans (self->store, name);
  GtkWidget *dialog, *confirm;
  g_autoptr(GError) error = NULL;

  if (n == 0)
    {
      report (self, gloss_store_delete_label (self->store, name, &error), error, _("Label deleted."));
      return;
    }

  dialog = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE, _("Delete the label %s?"), name);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog),
                                            g_dngettext (GETTEXT_PACKAGE,
                                                         "%u annotation has this label and is deleted "
                                                         "with it. Undo brings both back.",
                                                         "%u annotations have this label and are deleted "
                                                         "with it. Undo brings them back.", n), n);
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL);
  confirm = gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Delete"), GTK_RESPONSE_ACCEPT);
  gtk_widget_add_css_class (confirm, "destructive-action");
  g_object_set_data_full (G_OBJECT (dialog), "label", g_strdup (name), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_delete_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
label_row (GlossSchemaEditor *self,
           const GlossLabel  *label)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *color = gtk_color_button_new ();
  GtkWidget *name = gtk_entry_new ();
  GtkWidget *hotkey = gtk_entry_new ();
  GtkWidget *kind = gtk_label_new (NULL);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *kind_text = g_strdup_printf ("%s · %s", label->layer, gloss_label_kind_to_string (label->kind));
  g_autofree char *a11y_color = g_strdup_printf (_("Colour of %s"), label->name);
  g_autofree char *a11y_name = g_strdup_printf (_("Name of %s"), label->name);
  g_autofree char *a11y_key = g_strdup_printf (_("Hotkey of %s"), label->name);
  g_autofree char *a11y_remove = g_strdup_printf (_("Delete the label %s"), label->name);
  GdkRGBA rgba;

  if (gdk_rgba_parse (&rgba, label->color))
    gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (color), &rgba);
  gtk_editable_set_text (GTK_EDITABLE (name), label->name);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (hotkey), label->hotkey ? label->hotkey : "");
  gtk_editable_set_width_chars (GTK_EDITABLE (hotkey), 2);
  gtk_entry_set_max_length (GTK_ENTRY (hotkey), 1);
  gtk_label_set_text (GTK_LABEL (kind), kind_text);
  gtk_widget_add_css_class (kind, "dim-label");
  gtk_widget_set_size_request (kind, 120, -1);
  gtk_label_set_xalign (GTK_LABEL (kind), 0);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, a11y_remove);

  gtk_accessible_update_property (GTK_ACCESSIBLE (color), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y_color, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (name), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y_name, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (hotkey), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y_key, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y_remove, -1);

  for (GtkWidget *w = color; w != NULL; w = w == color ? name : w == name ? hotkey : w == hotkey ? remove : NULL)
    g_object_set_data_full (G_OBJECT (w), "label", g_strdup (label->name), g_free);
  g_signal_connect (color, "color-set", G_CALLBACK (on_color_set), self);
  g_signal_connect (name, "activate", G_CALLBACK (on_name_activate), self);
  g_signal_connect (hotkey, "activate", G_CALLBACK (on_hotkey_activate), self);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_delete_clicked), self);

  gtk_box_append (GTK_BOX (row), color);
  gtk_box_append (GTK_BOX (row), name);
  gtk_box_append (GTK_BOX (row), hotkey);
  gtk_box_append (GTK_BOX (row), kind);
  gtk_box_append (GTK_BOX (row), remove);
  return row;
}

static void
fill_dropdown (GtkWidget *dropdown,
               GPtrArray *items,
               gboolean   layers)
{
  GtkStringList *names = gtk_string_list_new (NULL);

  for (guint i = 0; i < items->len; i++)
    gtk_string_list_append (names, layers ? ((GlossLayer *) g_ptr_array_index (items, i))->name
                                          : ((GlossLabel *) g_ptr_array_index (items, i))->name);
  gtk_drop_down_set_model (GTK_DROP_DOWN (dropdown), G_LIST_MODEL (names));
  g_object_unref (names);
}

/* A new label starts in the colour that stands furthest from those in use,
 * not in the colour chooser's black, on which its text could not be read. */
static void
suggest_color (GlossSchemaEditor *self)
{
  GPtrArray *labels = gloss_store_list_labels (self->store);
  g_autoptr(GStrvBuilder) taken = g_strv_builder_new ();
  g_auto(GStrv) colors = NULL;
  g_autofree char *picked = NULL;
  GdkRGBA rgba;

  for (guint i = 0; i < labels->len; i++)
    g_strv_builder_add (taken, ((GlossLabel *) g_ptr_array_index (labels, i))->color);
  colors = g_strv_builder_end (taken);
  picked = gloss_color_pick_distinct ((const char * const *) colors);
  if (gdk_rgba_parse (&rgba, picked))
    gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->new_color), &rgba);
}

static void
rebuild (GlossSchemaEditor *self)
{
  GPtrArray *labels = gloss_store_list_labels (self->store);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->labels)) != NULL)
    gtk_box_remove (GTK_BOX (self->labels), child);
  for (guint i = 0; i < labels->len; i++)
    gtk_box_append (GTK_BOX (self->labels), label_row (self, g_ptr_array_index (labels, i)));
  fill_dropdown (self->new_layer, gloss_store_list_layers (self->store), TRUE);
  fill_dropdown (self->attr_label, labels, FALSE);
  suggest_color (self);
}

static const char *
selected_string (GtkWidget *dropdown)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (dropdown));

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

static void
on_add_label (GlossSchemaEditor *self)
{
  g_autoptr(GlossLabel) label = gloss_label_new ();
  g_autoptr(GError) error = NULL;
  GdkRGBA rgba;

  label->name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_name))));
  label->layer = g_strdup (selected_string (self->new_layer));
  label->kind = GLOSS_LABEL_KIND_ENTITY;
  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (self->new_color), &rgba);
  label->color = color_to_hex (&rgba);
  if (*gtk_editable_get_text (GTK_EDITABLE (self->new_hotkey)) != '\0')
    label->hotkey = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_hotkey)));

  if (gloss_store_add_label (self->store, label, &error))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->new_name), "");
      gtk_editable_set_text (GTK_EDITABLE (self->new_hotkey), "");
      say (self, _("Label added."), FALSE);
    }
  else
    say (self, error->message, TRUE);
}

static void
on_add_attribute (GlossSchemaEditor *self)
{
  g_autoptr(GlossAttributeDef) def = g_new0 (GlossAttributeDef, 1);
  g_autoptr(GError) error = NULL;
  const char *values = gtk_editable_get_text (GTK_EDITABLE (self->attr_values));

  def->name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->attr_name))));
  def->type = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->attr_type));
  if (def->type == GLOSS_ATTRIBUTE_ENUM && *values != '\0')
    {
      def->values = g_strsplit (values, ",", -1);
      for (guint i = 0; def->values[i] != NULL; i++)
        g_strstrip (def->values[i]);
    }
  if (gloss_store_add_attribute (self->store, selected_string (self->attr_label), def, &error))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->attr_name), "");
      gtk_editable_set_text (GTK_EDITABLE (self->attr_values), "");
      say (self, _("Attribute added."), FALSE);
    }
  else
    say (self, error->message, TRUE);
}

static void
on_add_relation_type (GlossSchemaEditor *self)
{
  g_autoptr(GError) error = NULL;
  const char *description = gtk_editable_get_text (GTK_EDITABLE (self->rel_description));

  if (gloss_store_define_relation_type (self->store, gtk_editable_get_text (GTK_EDITABLE (self->rel_name)),
                                        *description ? description : NULL, &error))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->rel_name), "");
      gtk_editable_set_text (GTK_EDITABLE (self->rel_description), "");
      say (self, _("Relation type added."), FALSE);
    }
  else
    say (self, error->message, TRUE);
}

static GtkWidget *
named (GtkWidget  *widget,
       const char *name)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  if (GTK_IS_ENTRY (widget))
    gtk_entry_set_placeholder_text (GTK_ENTRY (widget), name);
  return widget;
}

static GtkWidget *
section (const char *title,
         GtkWidget  *content)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), content);
  return box;
}

static GtkWidget *
button (const char *label,
        GCallback   callback,
        gpointer    self)
{
  GtkWidget *widget = gtk_button_new_with_mnemonic (label);

  g_signal_connect_swapped (widget, "clicked", callback, self);
  return widget;
}

static GtkWidget *
build_add_forms (GlossSchemaEditor *self)
{
  static const char *types[] = { N_("choice"), N_("yes/no"), N_("text"), NULL };
  GtkWidget *forms = gtk_box_new (GTK_ORIENTATION_VERTICAL, 14);
  GtkWidget *add_label = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *add_attr = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *add_rel = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->new_color = named (gtk_color_button_new (), _("Colour of the new label"));
  self->new_name = named (gtk_entry_new (), _("New label name"));
  self->new_layer = named (gtk_drop_down_new (NULL, NULL), _("Layer of the new label"));
  self->new_hotkey = named (gtk_entry_new (), _("Key"));
  gtk_entry_set_max_length (GTK_ENTRY (self->new_hotkey), 1);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->new_hotkey), 4);
  gtk_widget_set_hexpand (self->new_name, TRUE);
  gtk_box_append (GTK_BOX (add_label), self->new_color);
  gtk_box_append (GTK_BOX (add_label), self->new_name);
  gtk_box_append (GTK_BOX (add_label), self->new_layer);
  gtk_box_append (GTK_BOX (add_label), self->new_hotkey);
  gtk_box_append (GTK_BOX (add_label), button (_("_Add Label"), G_CALLBACK (on_add_label), self));

  self->attr_label = named (gtk_drop_down_new (NULL, NULL), _("Label of the new attribute"));
  self->attr_name = named (gtk_entry_new (), _("Attribute name"));
  self->attr_type = named (gtk_drop_down_new_from_strings (types), _("Attribute type"));
  self->attr_values = named (gtk_entry_new (), _("Values, comma-separated"));
  gtk_widget_set_hexpand (self->attr_values, TRUE);
  gtk_box_append (GTK_BOX (add_attr), self->attr_label);
  gtk_box_append (GTK_BOX (add_attr), self->attr_name);
  gtk_box_append (GTK_BOX (add_attr), self->attr_type);
  gtk_box_append (GTK_BOX (add_attr), self->attr_values);
  gtk_box_append (GTK_BOX (add_attr), button (_("Add A_ttribute"), G_CALLBACK (on_add_attribute), self));

  self->rel_name = named (gtk_entry_new (), _("Relation type name"));
  self->rel_description = named (gtk_entry_new (), _("What it means"));
  gtk_widget_set_hexpand (self->rel_description, TRUE);
  gtk_box_append (GTK_BOX (add_rel), self->rel_name);
  gtk_box_append (GTK_BOX (add_rel), self->rel_description);
  gtk_box_append (GTK_BOX (add_rel), button (_("Add _Relation Type"), G_CALLBACK (on_add_relation_type), self));

  gtk_box_append (GTK_BOX (forms), section (_("New label"), add_label));
  gtk_box_append (GTK_BOX (forms), section (_("New attribute"), add_attr));
  gtk_box_append (GTK_BOX (forms), section (_("New relation type"), add_rel));
  return forms;
}

static void
on_schema_changed (GlossStore        *store,
                   GlossSchemaEditor *self)
{
  rebuild (self);
}

static void
gloss_schema_editor_dispose (GObject *object)
{
  GlossSchemaEditor *self = GLOSS_SCHEMA_EDITOR (object);

  g_clear_object (&self->store);
  G_OBJECT_CLASS (gloss_schema_editor_parent_class)->dispose (object);
}

static void
gloss_schema_editor_class_init (GlossSchemaEditorClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = gloss_schema_editor_dispose;
  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (klass), GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gloss_schema_editor_init (GlossSchemaEditor *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *hint = gtk_label_new (_("Enter saves a name or a key. Renaming or recolouring never changes "
                                     "what a label is for."));

  gtk_window_set_title (GTK_WINDOW (self), _("Labels"));
  gtk_window_set_default_size (GTK_WINDOW (self), 760, 640);
  self->labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->labels);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  self->message = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->message), 0);
  gtk_label_set_wrap (GTK_LABEL (self->message), TRUE);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_widget_add_css_class (hint, "dim-label");

  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_widget_set_margin_start (content, 18);
  gtk_widget_set_margin_end (content, 18);
  gtk_box_append (GTK_BOX (content), hint);
  gtk_box_append (GTK_BOX (content), scroller);
  gtk_box_append (GTK_BOX (content), build_add_forms (self));
  gtk_box_append (GTK_BOX (content), self->message);
  gtk_window_set_child (GTK_WINDOW (self), content);
}

GlossSchemaEditor *
gloss_schema_editor_new (GtkWindow  *parent,
                         GlossStore *store)
{
  GlossSchemaEditor *self = g_object_new (GLOSS_TYPE_SCHEMA_EDITOR, "transient-for", parent,
                                          "destroy-with-parent", TRUE, NULL);

  self->store = g_object_ref (store);
  g_signal_connect_object (store, "schema-changed", G_CALLBACK (on_schema_changed), self, 0);
  rebuild (self);
  return self;
}
