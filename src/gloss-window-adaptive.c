/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-window"

#include "config.h"

#include "gloss-window-private.h"

/* The document list (left) and the labels and inspector (right) are AdwFlaps:
 * side by side on a wide window, folded over the article on a narrow one, where
 * the article keeps the width (the flaps fold before it gets narrower than its
 * readable minimum, set in gloss-window.ui). F9 and the header's buttons
 * show and hide them through boolean actions whose state follows the flaps,
 * which also reveal and hide themselves when they fold. */

typedef struct
{
  AdwFlap   *flap;
  GtkWidget *article;
} FlapToggle;

static void
toggle_flap_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  FlapToggle *toggle = user_data;
  GtkWidget *flap_child = adw_flap_get_flap (toggle->flap);
  gboolean shown = !adw_flap_get_reveal_flap (toggle->flap);

  /* Keys must not go on into a list that slides away. */
  if (!shown && gtk_widget_get_focus_child (flap_child) != NULL)
    gtk_widget_grab_focus (toggle->article);
  adw_flap_set_reveal_flap (toggle->flap, shown);
}

static void
on_reveal_flap (AdwFlap       *flap,
                GParamSpec    *pspec,
                GSimpleAction *action)
{
  g_simple_action_set_state (action, g_variant_new_boolean (adw_flap_get_reveal_flap (flap)));
}

static void
add_toggle (GlossWindow *self,
            const char  *name,
            AdwFlap     *flap,
            GtkWidget   *article)
{
  FlapToggle *toggle = g_new0 (FlapToggle, 1);
  g_autoptr(GSimpleAction) action = NULL;

  toggle->flap = flap;
  toggle->article = article;
  action = g_simple_action_new_stateful (name, NULL,
                                         g_variant_new_boolean (adw_flap_get_reveal_flap (flap)));
  g_signal_connect_data (action, "activate", G_CALLBACK (toggle_flap_activated), toggle,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  g_signal_connect_object (flap, "notify::reveal-flap", G_CALLBACK (on_reveal_flap), action, 0);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (action));
}

void
_gloss_window_init_flaps (GlossWindow *self,
                          AdwFlap     *documents,
                          AdwFlap     *panel,
                          GtkWidget   *article)
{
  add_toggle (self, "toggle-documents", documents, article);
  add_toggle (self, "toggle-panel", panel, article);
}
