/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The add-annotation round trip as the window makes it: one span added to a
 * document of PROJECT (a file or a postgresql:// URI), each its own
 * transaction and undo step, N times; prints the median, p99 and maximum.
 *
 * Usage: bench-add PROJECT [N] */
#include <stdio.h>
#include <stdlib.h>

#include "gloss-store.h"

static int
compare (const void *a,
         const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) store = NULL;
  g_autoptr(GlossDocument) document = g_new0 (GlossDocument, 1);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree gint64 *times = NULL;
  guint n = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 1000;

  if (argc < 2 || n == 0)
    {
      g_printerr ("usage: bench-add PROJECT [N]\n");
      return 2;
    }
  store = gloss_store_open (argv[1], GLOSS_STORE_OPEN_CREATE, &error);
  if (store == NULL)
    {
      g_printerr ("bench-add: %s\n", error->message);
      return 1;
    }
  while ((guint) g_utf8_strlen (text->str, -1) < n + 20)
    g_string_append (text, "Zoë Müller said “yes” in Москва 😀. ");
  document->id = g_strdup_printf ("bench-add-%" G_GINT64_FORMAT, g_get_real_time ());
  document->title = g_strdup ("Round trips");
  document->text = g_strdup (text->str);
  if (!gloss_store_add_document (store, document, NULL, NULL, NULL, NULL, &error))
    {
      g_printerr ("bench-add: %s\n", error->message);
      return 1;
    }

  times = g_new0 (gint64, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossSpan) span = gloss_span_new ("PERSON", i, i + 3);
      g_autoptr(GlossSpan) added = NULL;
      gint64 start = g_get_monotonic_time ();

      added = gloss_store_add_span (store, document->rowid, span, &error);
      times[i] = g_get_monotonic_time () - start;
      if (added == NULL)
        {
          g_printerr ("bench-add: span %u: %s\n", i, error->message);
          return 1;
        }
    }
  qsort (times, n, sizeof *times, compare);
  printf ("{\"n\": %u, \"p50_ms\": %.3f, \"p99_ms\": %.3f, \"max_ms\": %.3f}\n", n,
          times[n / 2] / 1000.0, times[n * 99 / 100] / 1000.0, times[n - 1] / 1000.0);
  return 0;
}
