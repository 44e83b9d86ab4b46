/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-tokenizer"

#include "config.h"

#include <unicode/ubrk.h>
#include <unicode/ustring.h>

#include "gloss-tokenizer.h"

/* Code-point offset of every UTF-16 index, so that ICU's boundaries (UTF-16)
 * become the offsets Gloss uses everywhere. */
static gint *
utf16_to_codepoints (const UChar *u16,
                     gint32       length)
{
  gint *map = g_new (gint, length + 1);
  gint cp = 0;

  for (gint32 i = 0; i < length; i++)
    {
      map[i] = cp;
      if (!(U16_IS_LEAD (u16[i]) && i + 1 < length && U16_IS_TRAIL (u16[i + 1])))
        cp++;
    }
  map[length] = cp;
  return map;
}

static gboolean
all_space (const UChar *u16,
           gint32       from,
           gint32       to)
{
  for (gint32 i = from; i < to; i++)
    {
      UChar32 c;

      U16_GET (u16, 0, i, to, c);
      if (!u_isUWhiteSpace (c))
        return FALSE;
    }
  return TRUE;
}

/**
 * gloss_tokenize:
 * @locale: (nullable): an ICU locale for the word rules ("en", "zh"), or %NULL
 *
 * Splits @text with ICU's word break iterator (UAX #29, dictionary-based for
 * Chinese, Japanese and Thai). The one tokenizer of Gloss: word snapping in the
 * window and token offsets in exports use it.
 *
 * Returns: (transfer full) (element-type GlossToken): the tokens
 */
GArray *
gloss_tokenize (const char *text,
                gssize      length,
                const char *locale)
{
  GArray *tokens = g_array_new (FALSE, FALSE, sizeof (GlossToken));
  UErrorCode status = U_ZERO_ERROR;
  g_autofree UChar *u16 = NULL;
  g_autofree gint *map = NULL;
  UBreakIterator *bi;
  gint32 u16_length = 0;
  gint32 from, to;

  g_return_val_if_fail (text != NULL, tokens);

  u_strFromUTF8 (NULL, 0, &u16_length, text, length, &status);
  if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE (status))
    return tokens;
  status = U_ZERO_ERROR;
  u16 = g_new (UChar, u16_length + 1);
  u_strFromUTF8 (u16, u16_length + 1, NULL, text, length, &status);
  if (U_FAILURE (status))
    return tokens;

  bi = ubrk_open (UBRK_WORD, locale != NULL ? locale : "", u16, u16_length, &status);
  if (U_FAILURE (status))
    return tokens;

  map = utf16_to_codepoints (u16, u16_length);
  for (from = ubrk_first (bi), to = ubrk_next (bi); to != UBRK_DONE; from = to, to = ubrk_next (bi))
    {
      GlossToken token;
      gint32 rule = ubrk_getRuleStatus (bi);

      if (all_space (u16, from, to))
        continue;
      token.start = map[from];
      token.end = map[to];
      token.is_word = rule >= UBRK_WORD_NUMBER;
      g_array_append_val (tokens, token);
    }

  ubrk_close (bi);
  return tokens;
}

/**
 * gloss_tokenizer_snap:
 * @start: (inout): start of a selection, in code points
 * @end: (inout): its end
 *
 * Grows a selection that cuts a word so that it covers the whole word, and
 * shrinks it past whitespace at either end.
 *
 * Returns: %FALSE when nothing but whitespace is selected
 */
gboolean
gloss_tokenizer_snap (GArray *tokens,
                      gint   *start,
                      gint   *end)
{
  gint new_start = -1, new_end = -1;

  for (guint i = 0; i < tokens->len; i++)
    {
      const GlossToken *t = &g_array_index (tokens, GlossToken, i);

      if (t->end <= *start || t->start >= *end)
        continue;
      if (new_start < 0)
        new_start = t->is_word ? t->start : MAX (t->start, *start);
      new_end = t->is_word ? t->end : MIN (t->end, *end);
    }

  if (new_start < 0)
    return FALSE;
  *start = new_start;
  *end = new_end;
  return TRUE;
}
