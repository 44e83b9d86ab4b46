/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A team on one server project at once: 8 writers, each with its own
 * connection and annotator set, add 1,000 annotations each to the same
 * document. Nothing is lost and the counts add up; a reader sees the others'
 * commits announced. The add round trip's latency is printed (not asserted). */
#include <string.h>

#include "gloss-store.h"
#include "gloss-test-pg.h"

#define N_WRITERS 8
#define N_SPANS   1000

typedef struct
{
  const char *uri;
  gint64      document;
  guint       index;
  gint64     *latencies;   /* N_SPANS, in µs */
  char       *failure;
} Writer;

static gpointer
write_spans (gpointer data)
{
  Writer *writer = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) store = gloss_store_open (writer->uri, 0, &error);
  g_autofree char *name = g_strdup_printf ("writer-%u", writer->index);

  if (store == NULL)
    {
      writer->failure = g_strdup (error->message);
      return NULL;
    }
  gloss_store_set_annotator (store, name);
  for (guint i = 0; i < N_SPANS; i++)
    {
      g_autoptr(GlossSpan) span = gloss_span_new (i % 2 ? "PERSON" : "ORG", i, i + 1 + writer->index % 3);
      g_autoptr(GlossSpan) added = NULL;
      gint64 start = g_get_monotonic_time ();

      added = gloss_store_add_span (store, writer->document, span, &error);
      writer->latencies[i] = g_get_monotonic_time () - start;
      if (added == NULL)
        {
          writer->failure = g_strdup_printf ("%s, span %u: %s", name, i, error->message);
          return NULL;
        }
    }
  return NULL;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
test_writers (void)
{
  g_autofree char *uri = gloss_test_pg_new_database ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) reader = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree gint64 *latencies = g_new0 (gint64, N_WRITERS * N_SPANS);
  g_autoptr(GlossDocument) document = g_new0 (GlossDocument, 1);
  Writer writers[N_WRITERS];
  GThread *threads[N_WRITERS];
  gint64 version;

  if (uri == NULL)
    {
      g_test_skip (GLOSS_TEST_PG_SKIP);
      return;
    }

  /* Cyrillic, emoji and a combining mark, so that offsets are code points. */
  while (g_utf8_strlen (text->str, -1) < N_SPANS + 10)
    g_string_append (text, "Москва 😀 said é́ “yes”. ");
  document->id = g_strdup ("d1");
  document->title = g_strdup ("Many writers");
  document->text = g_strdup (text->str);

  reader = gloss_store_open (uri, GLOSS_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (gloss_store_add_document (reader, document, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  version = gloss_store_get_data_version (reader);

  for (guint i = 0; i < N_WRITERS; i++)
    {
      writers[i] = (Writer) { uri, document->rowid, i, latencies + i * N_SPANS, NULL };
      threads[i] = g_thread_new ("writer", write_spans, &writers[i]);
    }
  for (guint i = 0; i < N_WRITERS; i++)
    {
      g_thread_join (threads[i]);
      g_assert_cmpstr (writers[i].failure, ==, NULL);
    }

  /* Every writer's spans are there, in its own set, and nobody else's. */
  for (guint i = 0; i < N_WRITERS; i++)
    {
      g_autofree char *name = g_strdup_printf ("writer-%u", i);
      g_autoptr(GPtrArray) spans = gloss_store_list_set_spans (reader, document->rowid, name, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (spans->len, ==, N_SPANS);
    }
  {
    g_autoptr(GlossStoreStats) stats = gloss_store_get_stats (reader, NULL);

    g_assert_nonnull (stats);
  }
  g_assert_cmpint (gloss_store_get_data_version (reader), >, version);

  qsort (latencies, N_WRITERS * N_SPANS, sizeof (gint64), (GCompareFunc) compare_gint64);
  g_test_message ("add-span round trip with %d writers at once: p50 %.2f ms, p99 %.2f ms, max %.2f ms",
                  N_WRITERS, latencies[N_WRITERS * N_SPANS / 2] / 1000.0,
                  latencies[N_WRITERS * N_SPANS * 99 / 100] / 1000.0,
                  latencies[N_WRITERS * N_SPANS - 1] / 1000.0);

  g_clear_object (&reader);
  gloss_test_pg_drop_database (uri);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/store/server/writers", test_writers);
  return g_test_run ();
}
