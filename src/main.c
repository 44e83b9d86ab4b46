/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "gloss-application.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GlossApplication) app = NULL;
  GApplicationFlags flags = G_APPLICATION_DEFAULT_FLAGS;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Without a session bus (a bare X server, a container) there is nobody to be
   * unique with: run on our own instead of failing to register. */
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      flags |= G_APPLICATION_NON_UNIQUE;
      /* dconf needs the bus too: keep settings (last project, window size) in
       * a key file instead of losing them. */
      g_setenv ("GSETTINGS_BACKEND", "keyfile", FALSE);
    }

  app = gloss_application_new (flags);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
