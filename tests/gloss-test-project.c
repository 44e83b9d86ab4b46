/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <stdlib.h>

#include "gloss-test-pg.h"
#include "gloss-test-project.h"

gboolean
gloss_test_on_server (void)
{
  return g_strcmp0 (g_getenv ("GLOSS_TEST_ENGINE"), "postgresql") == 0;
}

/* Call after g_test_init (): on the server engine without a server, the whole
 * program is one skip (TAP's plan of no tests). */
void
gloss_test_skip_program_without_server (void)
{
  const char *uri = g_getenv ("GLOSS_TEST_POSTGRESQL");

  if (!gloss_test_on_server () || (uri != NULL && *uri != '\0'))
    return;
  printf ("1..0 # SKIP %s\n", GLOSS_TEST_PG_SKIP);
  exit (0);
}

/**
 * gloss_test_project_new:
 * @dir: the test's temporary folder
 * @name: the project file's name in it
 *
 * Returns: the path of a project file in @dir, or on the server engine the
 *   URI of a new empty database
 */
char *
gloss_test_project_new (const char *dir,
                        const char *name)
{
  char *uri;

  if (!gloss_test_on_server ())
    return g_build_filename (dir, name, NULL);
  uri = gloss_test_pg_new_database ();
  if (uri == NULL)
    g_error ("GLOSS_TEST_ENGINE=postgresql but no server: %s", GLOSS_TEST_PG_SKIP);
  return uri;
}

void
gloss_test_project_free (char *project)
{
  if (project != NULL && g_str_has_prefix (project, "postgresql://"))
    gloss_test_pg_drop_database (project);
  g_free (project);
}
