/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What the window tests share: running the main loop and finding widgets. */

typedef gboolean (*Condition) (gpointer data);
typedef gboolean (*WidgetTest) (GtkWidget     *widget,
                                gconstpointer  data);

void       pump          (void);
gboolean   wait_until    (Condition      condition,
                          gpointer       data,
                          guint          timeout_ms);
gboolean   is_mapped     (gpointer       data);
void       remove_tree   (const char    *path);
GtkWidget *find_widget   (GtkWidget     *root,
                          WidgetTest     test,
                          gconstpointer  data);
gboolean   is_of_type    (GtkWidget     *widget,
                          gconstpointer  data);
GtkWidget *find_of_type  (GtkWidget     *root,
                          GType          type);

void       save_screenshot (GtkWidget    *window,
                            const char   *name);

G_END_DECLS
