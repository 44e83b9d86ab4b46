/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gloss-store.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_SCHEMA_EDITOR (gloss_schema_editor_get_type ())
G_DECLARE_FINAL_TYPE (GlossSchemaEditor, gloss_schema_editor, GLOSS, SCHEMA_EDITOR, GtkWindow)

GlossSchemaEditor *gloss_schema_editor_new            (GtkWindow         *parent,
                                                       GlossStore        *store);
const char        *gloss_schema_editor_get_message    (GlossSchemaEditor *self);

G_END_DECLS
