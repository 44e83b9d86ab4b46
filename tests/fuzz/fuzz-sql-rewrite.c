/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the rewriting of the store's SQL for PostgreSQL
 * (gloss-db-postgres.c). Any text is rewritten without a crash or a read past
 * its end; what stands in single quotes comes out as it went in (the quotes
 * are all still there), and rewriting is the same every time. */
#include <string.h>

#include "gloss-db-private.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

static gsize
count_char (const char *text,
            char        c)
{
  gsize n = 0;

  for (; *text != '\0'; text++)
    n += *text == c;
  return n;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *sql = g_strndup ((const char *) data, size);
  g_autofree char *once = NULL;
  g_autofree char *again = NULL;
  int n_params = -1, n_again = -1;
  gboolean returns_id = FALSE, conflict_fails = FALSE;

  once = _gloss_db_postgres_rewrite (sql, TRUE, &n_params, &returns_id, &conflict_fails);
  again = _gloss_db_postgres_rewrite (sql, TRUE, &n_again, NULL, NULL);
  g_assert_nonnull (once);
  g_assert_cmpstr (once, ==, again);
  g_assert_cmpint (n_params, ==, n_again);
  g_assert_cmpint (n_params, >=, 0);
  g_assert_cmpuint (count_char (once, '\''), ==, count_char (sql, '\''));
  g_assert_true (!conflict_fails || returns_id);
  return 0;
}
