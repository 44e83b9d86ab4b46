/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "gloss-application.h"

static const char *
gloss_localedir (void)
{
  const char *dir = g_getenv ("GLOSS_LOCALEDIR");

  return dir != NULL && *dir != '\0' ? dir : LOCALEDIR;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GlossApplication) app = NULL;
  GApplicationFlags flags = G_APPLICATION_DEFAULT_FLAGS;

  setlocale (LC_ALL, "");
  /* GLOSS_LOCALEDIR: the build tree's compiled catalogs (BUILD/po/LANG/LC_MESSAGES),
   * set by build-aux/run.sh and meson devenv so that an uninstalled run is translated. */
  bindtextdomain (GETTEXT_PACKAGE, gloss_localedir ());
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
