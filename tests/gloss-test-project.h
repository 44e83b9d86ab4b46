/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The same store and CLI tests run on both engines: meson runs each program a
 * second time with GLOSS_TEST_ENGINE=postgresql, and then every project a test
 * makes is a new database on the test server (gloss-test-pg.h) instead of a
 * file. Tests about files themselves (headers, WAL, permissions) say so with
 * GLOSS_TEST_FILE_ONLY () and are skipped on the server. */

gboolean  gloss_test_on_server      (void);
void      gloss_test_skip_program_without_server (void);
char     *gloss_test_project_new    (const char *dir,
                                     const char *name);
void      gloss_test_project_free   (char       *project);

#define GLOSS_TEST_FILE_ONLY() \
  G_STMT_START { \
    if (gloss_test_on_server ()) \
      { \
        g_test_skip ("about project files only"); \
        return; \
      } \
  } G_STMT_END

G_END_DECLS
