/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-suggest"

#include "config.h"

#include <string.h>

#include "gloss-tokenizer.h"
#include "gloss-suggest-private.h"

/* Tokens and sentences of a text, and which language it is in. */

static void
token_clear (Token *t)
{
  g_free (t->fold);
}

/* Cyrillic letters mean Russian; otherwise the language whose commonest words
 * are commonest (English when none is). */
const SuggestLexicon *
_gloss_suggest_guess_language (Scan *s)
{
  guint cyrillic = 0, letters = 0, best = 0, scores[SUGGEST_N_LANGS] = { 0 };

  for (gint i = 0; i < s->n; i++)
    if (g_unichar_isalpha (s->text[i]))
      {
        letters++;
        cyrillic += g_unichar_get_script (s->text[i]) == G_UNICODE_SCRIPT_CYRILLIC;
      }
  if (letters > 0 && cyrillic * 3 > letters)
    return _gloss_suggest_lexicon_get (SUGGEST_LANG_RU);

  for (guint i = 0; i < s->tokens->len; i++)
    for (guint l = 0; l < SUGGEST_N_LANGS; l++)
      scores[l] += lex_has (_gloss_suggest_lexicon_get (l), LEX_MARKERS, token (s, i)->fold);
  for (guint l = 1; l < SUGGEST_N_LANGS; l++)
    if (scores[l] > scores[best])
      best = l;
  return _gloss_suggest_lexicon_get (best);
}

static char *
fold_range (const GlossTextIndex *index,
            gint                  start,
            gint                  end)
{
  const char *text = gloss_text_index_get_text (index);
  gsize from = gloss_text_index_to_byte (index, start);
  gsize to = gloss_text_index_to_byte (index, end);

  return g_utf8_strdown (text + from, to - from);
}

/* Joins "Пресс" "-" "служба" into one word, as a reader sees it. */
static gint
merge_hyphenated (Scan                 *s,
                  GArray               *raw,
                  guint                 i,
                  GlossToken           *word,
                  gboolean             *lower_part,
                  const GlossTextIndex *index)
{
  while (i + 2 < raw->len)
    {
      GlossToken *hyphen = &g_array_index (raw, GlossToken, i + 1);
      GlossToken *next = &g_array_index (raw, GlossToken, i + 2);
      g_autofree char *fold = NULL;

      if (hyphen->start != word->end || hyphen->end != hyphen->start + 1
          || !(s->text[hyphen->start] == '-' || s->text[hyphen->start] == 0x2010
               || s->text[hyphen->start] == 0x2011)
          || !next->is_word || next->start != hyphen->end)
        break;
      fold = fold_range (index, next->start, next->end);
      if (s->lang->id == SUGGEST_LANG_FR && lex_has (s->lang, LEX_CLITICS, fold))
        break;
      if (!g_unichar_isupper (s->text[next->start]) && !g_unichar_isdigit (s->text[next->start]))
        *lower_part = TRUE;
      word->end = next->end;
      i += 2;
    }
  return i;
}

static guint
word_flags (Scan *s,
            gint  start)
{
  gunichar c = s->text[start];

  if (g_unichar_isupper (c) || g_unichar_istitle (c))
    return TOKEN_WORD | TOKEN_UPPER;
  if (g_unichar_isdigit (c))
    return TOKEN_WORD | TOKEN_NUMBER;
  return TOKEN_WORD;
}

static gboolean
newline_between (Scan *s,
                 gint  from,
                 gint  to)
{
  for (gint p = from; p < to; p++)
    if (s->text[p] == '\n')
      return TRUE;
  return FALSE;
}

void
_gloss_suggest_build_tokens (Scan                 *s,
                             const char           *utf8,
                             const GlossTextIndex *index)
{
  g_autoptr(GArray) raw = gloss_tokenize (utf8, -1, s->lang != NULL ? s->lang->code : NULL);
  gint previous_end = 0;

  s->tokens = g_array_new (FALSE, TRUE, sizeof (Token));
  g_array_set_clear_func (s->tokens, (GDestroyNotify) token_clear);

  for (guint i = 0; i < raw->len; i++)
    {
      GlossToken word = g_array_index (raw, GlossToken, i);
      gboolean lower_part = FALSE;
      Token t = { 0 };

      if (word.is_word && s->lang != NULL)
        i = merge_hyphenated (s, raw, i, &word, &lower_part, index);
      t.start = word.start;
      t.end = word.end;
      t.quote = -1;
      t.flags = word.is_word ? word_flags (s, word.start) : 0;
      if (lower_part)
        t.flags |= TOKEN_LOWER_PART;
      if (s->tokens->len == 0 || newline_between (s, previous_end, t.start))
        t.flags |= TOKEN_NEWLINE_BEFORE;
      t.fold = fold_range (index, t.start, t.end);
      previous_end = t.end;
      g_array_append_val (s->tokens, t);
    }
}

/* ---- Sentences ----------------------------------------------------------------- */

gboolean
_gloss_suggest_is_abbreviation (Scan *s,
                                gint  i)
{
  Token *t;

  if (!is_word (s, i))
    return FALSE;
  t = token (s, i);
  if (g_utf8_strlen (t->fold, -1) == 1 && !(t->flags & TOKEN_NUMBER))
    return TRUE;
  if (lex_has (s->lang, LEX_ABBREVIATIONS, t->fold))
    return TRUE;
  /* German ordinals: "am 19. August", "in der 20. Minute" */
  return s->lang->id == SUGGEST_LANG_DE && (t->flags & TOKEN_NUMBER) && t->end - t->start <= 2;
}

/* Token @i ends a sentence: ". ! ? …" not after an abbreviation, and what
 * follows does not go on in lower case. */
gboolean
_gloss_suggest_ends_sentence (Scan *s,
                              gint  i)
{
  Token *t = token (s, i);
  gunichar c = s->text[t->start];

  if (t->flags & TOKEN_WORD)
    return FALSE;
  if (c != '.' && c != '!' && c != '?' && c != 0x2026)
    return FALSE;
  if (c == '.' && t->end - t->start == 1 && _gloss_suggest_is_abbreviation (s, i - 1))
    return FALSE;
  if (i + 1 < (gint) s->tokens->len)
    {
      Token *next = token (s, i + 1);

      if ((next->flags & TOKEN_WORD) && !(next->flags & (TOKEN_UPPER | TOKEN_NUMBER))
          && !(next->flags & TOKEN_NEWLINE_BEFORE))
        return FALSE;
    }
  return TRUE;
}

void
_gloss_suggest_mark_sentence_starts (Scan *s)
{
  gboolean start = TRUE;

  for (guint i = 0; i < s->tokens->len; i++)
    {
      Token *t = token (s, i);

      if (t->flags & TOKEN_NEWLINE_BEFORE)
        start = TRUE;
      if (t->flags & TOKEN_WORD)
        {
          if (start)
            t->flags |= TOKEN_SENTENCE_START;
          start = FALSE;
        }
      else if (_gloss_suggest_ends_sentence (s, i))
        start = TRUE;
    }
}

void
_gloss_suggest_collect_lower_forms (Scan *s)
{
  s->lower_forms = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < s->tokens->len; i++)
    {
      Token *t = token (s, i);

      if ((t->flags & TOKEN_WORD) && !(t->flags & (TOKEN_UPPER | TOKEN_NUMBER)))
        g_hash_table_add (s->lower_forms, t->fold);
    }
}

/* Tokens a clause boundary stops at. */
gboolean
_gloss_suggest_is_boundary (Scan *s,
                            gint  i)
{
  Token *t = token (s, i);
  gunichar c = s->text[t->start];

  if (t->flags & TOKEN_WORD)
    return FALSE;
  if (t->quote >= 0 || _gloss_suggest_ends_sentence (s, i))
    return TRUE;
  if (is_dash (c))
    return is_space (char_at (s, t->start - 1)) || is_space (char_at (s, t->end));
  return c == ',' || c == ';' || c == ':' || c == '(' || c == ')' || c == '[' || c == ']';
}


gint
_gloss_suggest_token_at_or_after (Scan *s,
                                  gint  pos)
{
  guint lo = 0, hi = s->tokens->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (token (s, mid)->start < pos)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* The first token of the sentence holding token @i. */
gint
_gloss_suggest_sentence_start (Scan *s,
                               gint  i)
{
  /* A "sentence" of thousands of tokens (a list, a text without full stops)
   * ends the search, so that each caller looks back a bounded stretch. */
  gint floor = MAX (0, i - 400);

  for (; i > floor; i--)
    if (token (s, i)->quote < 0 && (token (s, i)->flags & (TOKEN_SENTENCE_START | TOKEN_NEWLINE_BEFORE)))
      return i;
  return floor;
}
