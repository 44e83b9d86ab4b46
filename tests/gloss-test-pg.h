/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A database of its own for each test, on the server at GLOSS_TEST_POSTGRESQL
 * (the libpq URI of a maintenance database on which the test user may create
 * databases; build-aux/test.sh and .ci/run start a throwaway cluster and set
 * it). Without it the tests skip:
 *
 *   g_autofree char *uri = gloss_test_pg_new_database ();
 *
 *   if (uri == NULL)
 *     {
 *       g_test_skip (GLOSS_TEST_PG_SKIP);
 *       return;
 *     }
 *   …
 *   gloss_test_pg_drop_database (uri);
 */

#define GLOSS_TEST_PG_SKIP "no PostgreSQL server: set GLOSS_TEST_POSTGRESQL or install postgresql"

const char *gloss_test_pg_maintenance_uri (void);
char       *gloss_test_pg_new_database    (void);
void        gloss_test_pg_drop_database   (const char  *uri);
gboolean    gloss_test_pg_exec            (const char  *uri,
                                           const char  *sql,
                                           GError     **error);

G_END_DECLS
