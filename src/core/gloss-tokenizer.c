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
 * window, token-level agreement and token offsets in exports use it, after
 * gloss_tokenizer_split_clitics() where they need spaCy's English tokens.
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
 * Grows a selection that cuts a token so that it covers the whole token, and
 * shrinks it past whitespace at either end. A token is a word of ICU's (by
 * its dictionary in Chinese, Japanese and Thai, where no space parts words)
 * or one character with what joins it: its combining marks, an emoji's skin
 * tone, the rest of a ZWJ sequence or of a flag. ICU never breaks inside such
 * a cluster, so no snapped selection cuts one.
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
        new_start = t->start;
      new_end = t->end;
    }

  if (new_start < 0)
    return FALSE;
  *start = new_start;
  *end = new_end;
  return TRUE;
}

/* ---- English clitics ------------------------------------------------------------------ */

/* The words spaCy's English tokenizer exceptions take a clitic off, in lower
 * case; the same word with a capital first letter counts too ("Don't"). */
static const char * const not_stems[] = {
  "ai", "are", "ca", "could", "dare", "did", "do", "does", "had", "has", "have", "is", "may",
  "might", "must", "need", "ought", "sha", "should", "was", "were", "wo", "would", NULL
};
static const char * const not_have_stems[] = {
  "ca", "could", "did", "do", "does", "had", "may", "might", "must", "need", "ought", "sha",
  "should", "wo", "would", NULL
};
static const char * const am_stems[] = { "i", NULL };
static const char * const will_stems[] = {
  "i", "you", "he", "she", "it", "we", "they",
  "who", "what", "when", "where", "why", "how", "there", "that", NULL
};
static const char * const have_stems[] = {
  "i", "you", "we", "they", "could", "might", "must", "should", "would",
  "who", "what", "when", "where", "why", "how", "there", "that", NULL
};
static const char * const are_stems[] = {
  "you", "we", "they", "who", "what", "when", "where", "why", "how", "there", "that", NULL
};

/* A clitic that comes off the words of @stems: @tail ("'" for any
 * apostrophe) in pieces of the given lengths, first piece first. */
typedef struct
{
  const char         *tail;
  const char * const *stems;
  guint               pieces[2];
} Clitic;

static const Clitic clitics[] = {
  { "n't've", not_have_stems, { 3, 3 } },
  { "'ll've", will_stems, { 3, 3 } },
  { "'d've", will_stems, { 2, 3 } },
  { "n't", not_stems, { 3, 0 } },
  { "'ll", will_stems, { 3, 0 } },
  { "'re", are_stems, { 3, 0 } },
  { "'ve", have_stems, { 3, 0 } },
  { "'d", will_stems, { 2, 0 } },
  { "'m", am_stems, { 2, 0 } },
};

/* Straight, right (typographic) and, as a typing slip for it, left single
 * quotation marks; ICU keeps all three inside a word. */
static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019 || c == 0x2018;
}

/* Whether @c[0, n) ends with @tail, an apostrophe in @tail standing for any. */
static gboolean
ends_with (const gunichar *c,
           gsize           n,
           const char     *tail)
{
  gsize length = strlen (tail);

  if (length > n)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    {
      gunichar have = c[n - length + i];

      if (tail[i] == '\'' ? !is_apostrophe (have) : have != (gunichar) tail[i])
        return FALSE;
    }
  return TRUE;
}

/* Whether @c[0, n) is one of @words, or one with a capital first letter. */
static gboolean
is_stem (const gunichar     *c,
         gsize               n,
         const char * const *words)
{
  for (guint w = 0; words[w] != NULL; w++)
    {
      gsize i;

      if (strlen (words[w]) != n)
        continue;
      for (i = 0; i < n; i++)
        if (c[i] != (gunichar) words[w][i] && (i > 0 || c[i] != g_unichar_toupper (words[w][i])))
          break;
      if (i == n)
        return TRUE;
    }
  return FALSE;
}

/* The lengths of the pieces to cut off the end of the word @c[0, n), last
 * piece first; returns how many (at most four). A possessive or "is" 's comes
 * off any word, as spaCy's suffix rules take it; the other clitics only off
 * the words its English exceptions list. */
static guint
find_clitics (const gunichar *c,
              gsize           n,
              guint          *pieces)
{
  guint count = 0;

  while (count < 2 && n > 2 && (ends_with (c, n, "'s") || ends_with (c, n, "'S")))
    {
      pieces[count++] = 2;
      n -= 2;
    }
  for (guint r = 0; r < G_N_ELEMENTS (clitics); r++)
    {
      gsize length = strlen (clitics[r].tail);

      if (n <= length || !ends_with (c, n, clitics[r].tail) || !is_stem (c, n - length, clitics[r].stems))
        continue;
      if (clitics[r].pieces[1] > 0)
        pieces[count++] = clitics[r].pieces[1];
      pieces[count++] = clitics[r].pieces[0];
      break;
    }
  return count;
}

/* Appends @token to @out, its clitics as tokens of their own. */
static void
append_split (GArray           *out,
              const GlossToken *token,
              const char       *at)
{
  const char *end = g_utf8_offset_to_pointer (at, token->end - token->start);
  g_autofree gunichar *c = NULL;
  guint pieces[4];
  guint count;
  glong n = 0;
  GlossToken piece = *token;

  if (!token->is_word)
    {
      g_array_append_val (out, piece);
      return;
    }
  c = g_utf8_to_ucs4_fast (at, end - at, &n);
  count = find_clitics (c, n, pieces);
  for (guint i = 0; i < count; i++)
    piece.end -= pieces[i];
  for (guint i = count + 1; i-- > 0;)
    {
      g_array_append_val (out, piece);
      piece.start = piece.end;
      piece.end += i > 0 ? pieces[i - 1] : 0;
    }
}

/* Whether tokens @i and @i + 1, at @at, are an apostrophe and "s" that ICU
 * broke apart where no letter came before ("'s", "1990's"): spaCy's
 * exceptions and suffix rule keep them one token. */
static gboolean
broken_s_at (GArray     *tokens,
            guint       i,
            const char *at)
{
  const GlossToken *token = &g_array_index (tokens, GlossToken, i);
  const GlossToken *next = i + 1 < tokens->len ? token + 1 : NULL;
  gunichar s;

  if (next == NULL || token->end - token->start != 1 || !is_apostrophe (g_utf8_get_char (at))
      || next->start != token->end || next->end - next->start != 1)
    return FALSE;
  s = g_utf8_get_char (g_utf8_next_char (at));
  return s == 's' || s == 'S';
}

/* English, or not known: the clitic rules are English forms after English
 * words, which text in other languages hardly ever has. */
static gboolean
english_or_unknown (const char *language)
{
  return language == NULL || *language == '\0' || g_ascii_strcasecmp (language, "und") == 0
         || (g_ascii_strncasecmp (language, "en", 2) == 0 && !g_ascii_isalpha (language[2]));
}

/**
 * gloss_tokenizer_split_clitics:
 * @tokens: (element-type GlossToken): tokens of @text from gloss_tokenize()
 * @text: the text they are tokens of
 * @language: (nullable): the document's language ("en", "de"), or %NULL when
 *   not known
 *
 * Cuts English clitics off ICU's words as spaCy's English tokenizer does,
 * so that a name before a possessive is a token of its own: "Uber’s" becomes
 * "Uber" and "’s", "don't" "do" and "n't", "can’t" "ca" and "n’t", "we're"
 * "we" and "'re". Straight and curly apostrophes alike. A document in another
 * language keeps its words whole (French "l’homme" is one token either way:
 * only English endings are cut).
 */
void
gloss_tokenizer_split_clitics (GArray     *tokens,
                               const char *text,
                               const char *language)
{
  g_autoptr(GArray) split = NULL;
  const char *at = text;
  gint offset = 0;

  g_return_if_fail (tokens != NULL && text != NULL);

  if (!english_or_unknown (language))
    return;
  split = g_array_sized_new (FALSE, FALSE, sizeof (GlossToken), tokens->len);
  for (guint i = 0; i < tokens->len; i++)
    {
      const GlossToken *token = &g_array_index (tokens, GlossToken, i);

      g_assert (token->start >= offset);
      at = g_utf8_offset_to_pointer (at, token->start - offset);
      offset = token->start;
      if (broken_s_at (tokens, i, at))
        {
          GlossToken merged = { token->start, token[1].end, TRUE };

          g_array_append_val (split, merged);
          i++;
          continue;
        }
      append_split (split, token, at);
    }
  g_array_set_size (tokens, 0);
  g_array_append_vals (tokens, split->data, split->len);
}
