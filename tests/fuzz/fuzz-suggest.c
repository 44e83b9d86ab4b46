/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: quote and claim suggestions over any text. Run with -timeout so that
 * a loop (an input that takes seconds) is a finding like a crash. Every
 * suggestion must lie inside the text, its cue and speaker too. */
#include <stdlib.h>
#include <string.h>

#include "gloss-suggest.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

static void
check_range (const GlossFragment *range,
             glong                length)
{
  if (range->start < 0 && range->end < 0)
    return;
  if (range->start < 0 || range->start > range->end || range->end > length)
    {
      g_printerr ("a range outside the text: %d–%d of %ld\n", range->start, range->end, length);
      abort ();
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static const char *languages[] = { NULL, "en", "de", "ru", "fr" };
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) suggestions = NULL;
  glong length;

  /* Documents are valid UTF-8 without NUL: the first byte picks a language. */
  if (size == 0)
    return 0;
  text = g_utf8_make_valid ((const char *) data + 1, size - 1);
  length = g_utf8_strlen (text, -1);
  suggestions = gloss_suggest_text (text, languages[data[0] % G_N_ELEMENTS (languages)], NULL, GLOSS_SUGGEST_ALL,
                                    NULL);
  for (guint i = 0; i < suggestions->len; i++)
    {
      const GlossQuoteSuggestion *s = g_ptr_array_index (suggestions, i);
      GlossFragment quote = { s->start, s->end };

      check_range (&quote, length);
      if (s->start >= s->end)
        {
          g_printerr ("an empty suggestion at %d\n", s->start);
          abort ();
        }
      check_range (&s->cue, length);
      check_range (&s->speaker, length);
      check_range (&s->via, length);
    }
  return 0;
}
