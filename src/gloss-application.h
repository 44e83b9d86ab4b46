/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GLOSS_APPLICATION_ID "org.gloss.Gloss"

#define GLOSS_TYPE_APPLICATION (gloss_application_get_type ())
G_DECLARE_FINAL_TYPE (GlossApplication, gloss_application, GLOSS, APPLICATION, AdwApplication)

GlossApplication *gloss_application_new                 (GApplicationFlags  flags);
GSettings        *gloss_application_get_settings        (GlossApplication  *self);
char             *gloss_application_default_project     (void);
GtkWindow        *gloss_application_open_project        (GlossApplication  *self,
                                                         const char        *path,
                                                         GError           **error);
gboolean          gloss_application_ensure_default_project (const char    *path,
                                                            GError       **error);

G_END_DECLS
