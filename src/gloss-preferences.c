/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-preferences.h"

/* Preferences apply at once, through GSettings bindings: there is nothing to
 * confirm or cancel. */
struct _GlossPreferences
{
  GtkWindow       parent_instance;

  GtkEntry       *annotator;
  GtkSpinButton  *text_size;
  GtkSwitch      *word_snapping;
};

G_DEFINE_FINAL_TYPE (GlossPreferences, gloss_preferences, GTK_TYPE_WINDOW)

static void
gloss_preferences_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), GLOSS_TYPE_PREFERENCES);
  G_OBJECT_CLASS (gloss_preferences_parent_class)->dispose (object);
}

static void
gloss_preferences_class_init (GlossPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_preferences_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/gloss/Gloss/gloss-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossPreferences, annotator);
  gtk_widget_class_bind_template_child (widget_class, GlossPreferences, text_size);
  gtk_widget_class_bind_template_child (widget_class, GlossPreferences, word_snapping);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gloss_preferences_init (GlossPreferences *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GlossPreferences *
gloss_preferences_new (GtkWindow *parent,
                       GSettings *settings)
{
  GlossPreferences *self = g_object_new (GLOSS_TYPE_PREFERENCES, "transient-for", parent, NULL);

  g_settings_bind (settings, "annotator", self->annotator, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "text-size", self->text_size, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "word-snapping", self->word_snapping, "active", G_SETTINGS_BIND_DEFAULT);
  return self;
}
