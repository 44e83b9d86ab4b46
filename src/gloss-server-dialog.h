/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gloss-application.h"

G_BEGIN_DECLS

GtkWidget *gloss_server_dialog_new       (GtkWindow        *parent,
                                          GlossApplication *application,
                                          const char       *uri,
                                          const char       *problem);
char      *gloss_server_dialog_build_uri (const char       *uri,
                                          const char       *password);

G_END_DECLS
