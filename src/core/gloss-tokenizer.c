/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-tokenizer"

#include "config.h"

#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
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

/* @text in UTF-16, in *@u16 (freed by the caller also on failure). */
static gboolean
to_utf16 (const char  *text,
          gssize       length,
          UChar      **u16,
          gint32      *u16_length)
{
  UErrorCode status = U_ZERO_ERROR;

  u_strFromUTF8 (NULL, 0, u16_length, text, length, &status);
  if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE (status))
    return FALSE;
  status = U_ZERO_ERROR;
  *u16 = g_new (UChar, *u16_length + 1);
  u_strFromUTF8 (*u16, *u16_length + 1, NULL, text, length, &status);
  return U_SUCCESS (status);
}

/* An ICU break iterator over @text, which it converts to UTF-16 in *@u16. */
static UBreakIterator *
open_break_iterator (UBreakIteratorType   type,
                     const char          *locale,
                     const char          *text,
                     gssize               length,
                     UChar              **u16,
                     gint32              *u16_length)
{
  UErrorCode status = U_ZERO_ERROR;
  UBreakIterator *bi;

  if (!to_utf16 (text, length, u16, u16_length))
    return NULL;
  bi = ubrk_open (type, locale != NULL ? locale : "", *u16, *u16_length, &status);
  return U_SUCCESS (status) ? bi : NULL;
}

/* Each thread keeps its word iterator for the next text: opening one for each
 * text made ICU build its set of the characters no dictionary handles (a
 * script's worth of them, for one Hangul word) again for every document, a
 * third of the tokenizer's time in agree. */
typedef struct
{
  char           *locale;
  UBreakIterator *bi;
} WordIterator;

static void
word_iterator_free (gpointer data)
{
  WordIterator *it = data;

  ubrk_close (it->bi);
  g_free (it->locale);
  g_free (it);
}

static GPrivate word_iterator = G_PRIVATE_INIT (word_iterator_free);

/* The thread's word iterator for @locale, over @u16 (which must outlive its use). */
static UBreakIterator *
word_iterator_over (const char  *locale,
                    const UChar *u16,
                    gint32       u16_length)
{
  WordIterator *it = g_private_get (&word_iterator);
  UErrorCode status = U_ZERO_ERROR;
  UBreakIterator *bi;

  if (locale == NULL)
    locale = "";
  if (it != NULL && g_str_equal (it->locale, locale))
    {
      ubrk_setText (it->bi, u16, u16_length, &status);
      return U_SUCCESS (status) ? it->bi : NULL;
    }
  bi = ubrk_open (UBRK_WORD, locale, u16, u16_length, &status);
  if (U_FAILURE (status))
    return NULL;
  it = g_new0 (WordIterator, 1);
  it->locale = g_strdup (locale);
  it->bi = bi;
  g_private_replace (&word_iterator, it);
  return bi;
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
  g_autofree UChar *u16 = NULL;
  g_autofree gint *map = NULL;
  UBreakIterator *bi;
  gint32 u16_length = 0;
  gint32 from, to;

  g_return_val_if_fail (text != NULL, tokens);

  if (!to_utf16 (text, length, &u16, &u16_length))
    return tokens;
  bi = word_iterator_over (locale, u16, u16_length);
  if (bi == NULL)
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
  return tokens;
}

/* A blank line ends a paragraph: a line feed, then only whitespace up to the
 * next line feed. */
static gboolean
blank_line_at (const UChar *u16,
               gint32       i,
               gint32       to)
{
  if (u16[i] != '\n')
    return FALSE;
  for (i++; i < to && u16[i] != '\n'; i++)
    if (!u_isUWhiteSpace (u16[i]))
      return FALSE;
  return i < to;
}

/* Adds [from, to) (UTF-16) without the whitespace at either end, split at
 * blank lines, as code points. */
static void
add_sentence (GArray      *sentences,
              const UChar *u16,
              const gint  *map,
              gint32       from,
              gint32       to)
{
  while (from < to)
    {
      GlossSentence sentence;
      gint32 end;

      while (from < to && u_isUWhiteSpace (u16[from]))
        from++;
      for (end = from; end < to && !blank_line_at (u16, end, to); end++)
        ;
      sentence.end = end;
      while (sentence.end > from && u_isUWhiteSpace (u16[sentence.end - 1]))
        sentence.end--;
      if (sentence.end > from)
        {
          sentence.start = map[from];
          sentence.end = map[sentence.end];
          g_array_append_val (sentences, sentence);
        }
      from = end;
    }
}

/**
 * gloss_sentences:
 * @locale: (nullable): an ICU locale ("en", "de"), or %NULL for the root rules
 *
 * Splits @text into sentences with ICU's sentence break iterator (UAX #29,
 * with the locale's abbreviation list, so "Mr. Smith" stays one sentence in
 * English). A line break ends a sentence (UAX #29 rule SB4), and so a blank
 * line always does. Whitespace at either end is not part of a sentence and a
 * sentence of only whitespace is none.
 *
 * Returns: (transfer full) (element-type GlossSentence): the sentences in
 *   order, in code points, end exclusive
 */
GArray *
gloss_sentences (const char *text,
                 gssize      length,
                 const char *locale)
{
  GArray *sentences = g_array_new (FALSE, FALSE, sizeof (GlossSentence));
  g_autofree char *filtered = NULL;
  g_autofree UChar *u16 = NULL;
  g_autofree gint *map = NULL;
  UBreakIterator *bi;
  gint32 u16_length = 0;
  gint32 from, to;

  g_return_val_if_fail (text != NULL, sentences);

  if (locale == NULL)
    locale = "";
  filtered = g_strconcat (locale, strchr (locale, '@') != NULL ? ";" : "@", "ss=standard", NULL);
  bi = open_break_iterator (UBRK_SENTENCE, filtered, text, length, &u16, &u16_length);
  if (bi == NULL)
    return sentences;

  map = utf16_to_codepoints (u16, u16_length);
  for (from = ubrk_first (bi), to = ubrk_next (bi); to != UBRK_DONE; from = to, to = ubrk_next (bi))
    add_sentence (sentences, u16, map, from, to);

  ubrk_close (bi);
  return sentences;
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
