/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-suggest"

#include "config.h"

#include <string.h>

#include "gloss-suggest-private.h"

/* Speech verbs and phrases ("said", "sagte", "по словам", "selon") next to a
 * quotation: after it in the same clause, or before it in its sentence. */

/* ---- Cues ------------------------------------------------------------------------- */

static gboolean
word_matches (const char *fold,
              const char *pattern)
{
  gsize length = strlen (pattern);

  if (length > 0 && pattern[length - 1] == '*')
    return strncmp (fold, pattern, length - 1) == 0;
  return strcmp (fold, pattern) == 0;
}

/* The last token of @cue's words at token @i, or -1. Words must be outside
 * quotations and one after the other. */
static gint
match_words (Scan             *s,
             gint              i,
             const SuggestCue *cue)
{
  for (guint w = 0; w < cue->n_words; w++, i++)
    if (!is_word (s, i) || token (s, i)->quote >= 0 || !word_matches (token (s, i)->fold, cue->words[w]))
      return -1;
  return i - 1;
}

/* German "so" names a source only as ", so Gall" or "“, so der Minister". */
static gboolean
so_is_cue (Scan *s,
           gint  i)
{
  gboolean after_comma = i > 0 && (token_is (s, i - 1, ',') || token (s, i - 1)->quote >= 0);

  return after_comma && is_word (s, i + 1)
         && ((token (s, i + 1)->flags & TOKEN_UPPER)
             || lex_has (s->lang, LEX_DETERMINERS, token (s, i + 1)->fold));
}

/* The longest cue starting at token @i (the first listed of equally long ones). */
static void
best_cue (Scan      *s,
          gint       i,
          GPtrArray *cues,
          gint      *best,
          guint     *order,
          Cue       *out)
{
  for (guint c = 0; cues != NULL && c < cues->len; c++)
    {
      const SuggestCue *w = g_ptr_array_index (cues, c);
      gint last = match_words (s, i, w);

      if (last < 0 || last < *best || (last == *best && w->order > *order)
          || (w->kind == CUE_SO && !so_is_cue (s, i)))
        continue;
      *best = last;
      *order = w->order;
      *out = (Cue) { i, last, w->kind };
    }
}

gboolean
_gloss_suggest_match_cue (Scan *s,
                          gint  i,
                          Cue  *cue)
{
  const char *fold = token (s, i)->fold;
  gint best = -1;
  guint order = G_MAXUINT;

  if (!is_word (s, i))
    return FALSE;
  best_cue (s, i, g_hash_table_lookup (s->lang->cue_index, fold), &best, &order, cue);
  best_cue (s, i, g_hash_table_lookup (s->lang->prefix_index, GUINT_TO_POINTER (g_utf8_get_char (fold))),
            &best, &order, cue);

  /* French compound past: "a déclaré" */
  if (best >= 0 && is_lex (s, i - 1, LEX_CUE_AUXILIARIES))
    cue->first = i - 1;
  return best >= 0;
}

/* The last character inside the marks, spaces aside, is @ch. */
static gboolean
ends_with (Scan            *s,
           const Candidate *c,
           gunichar         ch)
{
  for (gint p = c->end - c->close_len - 1; p > c->start; p--)
    if (!is_space (s->text[p]))
      return s->text[p] == ch;
  return FALSE;
}

/* "…," Putin said · „…“, sagte er · "…", - сказал он · « … », a déclaré X */
gboolean
_gloss_suggest_find_cue_after (Scan  *s,
                               Quote *q)
{
  const Candidate *c = candidate (s, q->index);
  gint i = q->after, n = s->tokens->len, words = 0;
  gboolean comma = FALSE, dash = FALSE, through_commas, reported;
  guint window;

  while (i < n && !is_word (s, i) && token (s, i)->quote < 0
         && !(token (s, i)->flags & TOKEN_NEWLINE_BEFORE))
    {
      gunichar ch = s->text[token (s, i)->start];

      if (ch == ',')
        comma = TRUE;
      else if (is_dash (ch))
        dash = TRUE;
      else
        return FALSE;
      i++;
    }
  if (i >= n || !is_word (s, i) || (token (s, i)->flags & TOKEN_NEWLINE_BEFORE))
    return FALSE;
  /* "…“, wie ein Sprecher mitteilte" · "…," as Putin said */
  reported = (comma || dash || ends_with (s, c, ',')) && is_lex (s, i, LEX_REPORT_CONJUNCTIONS);
  if (!reported && is_lex (s, i, LEX_CONJUNCTIONS))
    return FALSE;

  window = dash ? s->lang->after_window_dash : s->lang->after_window;
  if (s->lang->id == SUGGEST_LANG_EN)
    window = comma || dash || !ends_with (s, c, '.') ? 8 : 2;
  /* "…", - опершись на трибуну, многозначительно предупредила Линик ·
   * "…," Sanders, a Democrat from Vermont, said */
  through_commas = (dash && s->lang->id == SUGGEST_LANG_RU)
                   || (s->lang->id != SUGGEST_LANG_RU && (token (s, i)->flags & TOKEN_UPPER)
                       && i + 1 < n && token_is (s, i + 1, ','));
  if (through_commas)
    window = 12;
  if (reported)
    i++, window = 8;

  for (; i < n && words < (gint) window; i++)
    {
      if (token (s, i)->quote >= 0
          || (!is_word (s, i) && _gloss_suggest_is_boundary (s, i) && !(through_commas && token_is (s, i, ','))))
        break;
      if (!is_word (s, i))
        continue;
      if (_gloss_suggest_match_cue (s, i, &q->cue) && q->cue.kind != CUE_SOURCE_BEFORE)
        {
          q->has_cue = q->cue_after = TRUE;
          q->attached = comma || dash;
          return TRUE;
        }
      words++;
    }
  return FALSE;
}

/* The sentence before the quotation, or the paragraph before when the quotation
 * opens a paragraph after a colon. */
static gint
region_start (Scan *s,
              gint  before)
{
  gint i = before - 1;

  if ((token (s, before)->flags & TOKEN_NEWLINE_BEFORE) && !(i >= 0 && token_is (s, i, ':')))
    return before;

  for (; i >= 0 && before - i <= 80; i--)
    {
      Token *t = token (s, i);

      if (t->quote < 0 && !is_word (s, i) && _gloss_suggest_ends_sentence (s, i))
        return i + 1;
      if ((t->quote < 0 && (t->flags & TOKEN_SENTENCE_START)) || (t->flags & TOKEN_NEWLINE_BEFORE))
        return i;
    }
  return MAX (i, 0);
}

gboolean
_gloss_suggest_find_cue_before (Scan  *s,
                                Quote *q)
{
  gint before = _gloss_suggest_token_at_or_after (s, candidate (s, q->index)->start);
  gint from = region_start (s, before);

  for (gint i = before - 1; i >= from; i--)
    {
      Cue cue;

      if (!is_word (s, i) || token (s, i)->quote >= 0 || !_gloss_suggest_match_cue (s, i, &cue) || cue.last >= before)
        continue;
      /* "laut „Tagesspiegel“": the quotation is the source itself. */
      if ((cue.kind == CUE_SOURCE_AFTER || cue.kind == CUE_SO) && cue.last == before - 1)
        continue;
      q->cue = cue;
      q->has_cue = TRUE;
      return TRUE;
    }
  return FALSE;
}
