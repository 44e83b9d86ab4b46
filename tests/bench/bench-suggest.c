/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Throughput of suggestions, quotes alone and quotes with claims: the articles
 * of ../shared/data (or, without it, generated news-like text in four
 * languages) repeated to about 10 MB, suggested article by article, then the
 * same text as one document. Prints MB/s; never fails on time.
 *
 *   bench-suggest [MEGABYTES] */
#include <stdlib.h>
#include <string.h>

#include "gloss-suggest.h"

static void
add_dir (GPtrArray  *texts,
         const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      char *text = NULL;

      if (g_str_has_suffix (name, ".txt") && g_file_get_contents (path, &text, NULL, NULL)
          && g_utf8_validate (text, -1, NULL))
        g_ptr_array_add (texts, text);
      else
        g_free (text);
    }
}

static const char * const generated[] = {
  "Russian President Vladimir Putin met reporters in Moscow on Monday. \"We are ready to "
  "cooperate with the coalition,\" he said. According to a spokesman for the Kremlin, the talks "
  "went well. \"It was a good day,\" said Anna Berg, a director at the agency.\n\n",
  "„Wir befürchten das Schlimmste“, sagte Innenminister Heribert Rech am Dienstag in Stuttgart. "
  "Laut einem Sprecher des Fernsehsenders ProSieben wird die Sendung verschoben. Der Entwurf gehe "
  "„zu weit“, so EU-Gesundheitskommissar Marcos Kyprianou.\n\n",
  "«Мы готовы к сотрудничеству», — заявил президент России Владимир Путин. По словам Сергея "
  "Лаврова, «переговоры прошли успешно». Как сообщил представитель ведомства, работа "
  "продолжится.\n\n",
  "« Nous allons gagner », a déclaré Emmanuel Macron à Berlin. Selon le ministre, « la situation "
  "est grave ». « Nous sommes prêts », a-t-il dit aux journalistes.\n\n",
};

static void
add_generated (GPtrArray *texts)
{
  for (guint doc = 0; doc < 40; doc++)
    {
      GString *text = g_string_new (NULL);

      for (guint p = 0; p < 12; p++)
        g_string_append (text, generated[(doc + p / 4) % G_N_ELEMENTS (generated)]);
      g_ptr_array_add (texts, g_string_free (text, FALSE));
    }
}

static double
suggest_all (GPtrArray         *texts,
             GlossSuggestKinds  kinds,
             gsize              target,
             gsize             *bytes,
             guint             *found)
{
  gint64 start = g_get_monotonic_time ();

  *bytes = 0;
  *found = 0;
  for (guint i = 0; *bytes < target; i = (i + 1) % texts->len)
    {
      const char *text = g_ptr_array_index (texts, i);
      g_autoptr(GPtrArray) suggestions = gloss_suggest_text (text, NULL, NULL, kinds, NULL);

      *bytes += strlen (text);
      *found += suggestions->len;
    }
  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  const char *shared = g_getenv ("GLOSS_SHARED_DATA");
  double megabytes = argc > 1 ? g_ascii_strtod (argv[1], NULL) : 10.0;
  gsize target = (gsize) (megabytes * 1e6), bytes;
  g_autoptr(GString) one = g_string_new (NULL);
  g_autoptr(GPtrArray) single = NULL;
  double seconds;
  guint found;

  if (shared != NULL)
    {
      g_autofree char *articles = g_build_filename (shared, "articles", NULL);
      g_autofree char *quotes = g_build_filename (shared, "other", "quotes_de_dev", NULL);

      add_dir (texts, articles);
      add_dir (texts, quotes);
    }
  g_print ("suggest throughput over %.0f MB of %s\n", megabytes,
           texts->len > 0 ? "the articles of ../shared/data, repeated" : "generated articles");
  if (texts->len == 0)
    add_generated (texts);

  seconds = suggest_all (texts, GLOSS_SUGGEST_QUOTES, target, &bytes, &found);
  g_print ("article by article, quotes:     %.1f MB in %.2f s = %.2f MB/s (%u suggestions)\n",
           bytes / 1e6, seconds, bytes / 1e6 / seconds, found);
  seconds = suggest_all (texts, GLOSS_SUGGEST_ALL, target, &bytes, &found);
  g_print ("article by article, all kinds:  %.1f MB in %.2f s = %.2f MB/s (%u suggestions)\n",
           bytes / 1e6, seconds, bytes / 1e6 / seconds, found);

  /* One long document: work must stay linear in its length. */
  for (guint i = 0; one->len < target; i = (i + 1) % texts->len)
    g_string_append_printf (one, "%s\n\n", (const char *) g_ptr_array_index (texts, i));
  {
    gint64 start = g_get_monotonic_time ();

    single = gloss_suggest_text (one->str, NULL, NULL, GLOSS_SUGGEST_ALL, NULL);
    seconds = (g_get_monotonic_time () - start) / 1e6;
  }
  g_print ("one document, all kinds:        %.1f MB in %.2f s = %.2f MB/s (%u suggestions)\n",
           one->len / 1e6, seconds, one->len / 1e6 / seconds, single->len);
  return 0;
}
