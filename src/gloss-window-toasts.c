/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-window"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-window-private.h"

/* An event the user should notice (a deletion, say) is a toast; the status line
 * keeps the running hints. A toast with an undo action offers "Undo" and goes
 * before any other toast, since it is only useful while the change is fresh.
 * Returns the toast, owned by the overlay. */
AdwToast *
_gloss_window_toast (AdwToastOverlay *overlay,
                     const char      *title,
                     const char      *undo_action)
{
  g_autofree char *markup = NULL;
  AdwToast *toast;

  g_return_val_if_fail (ADW_IS_TOAST_OVERLAY (overlay), NULL);

  /* libadwaita 1.2 reads a toast's title as Pango markup. */
  markup = g_markup_escape_text (title, -1);
  toast = adw_toast_new (markup);
  if (undo_action != NULL)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, undo_action);
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
    }
  adw_toast_overlay_add_toast (overlay, toast);
  return toast;
}
