/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-suggest"

#include "config.h"

#include <string.h>

#include "gloss-suggest-private.h"

/* The speaker is the whole noun phrase that names the source, not only the
 * name in it: its title and what the title hangs on ("der Außenminister
 * Frank-Walter Steinmeier (SPD)", "Russian President Vladimir Putin"), the
 * organisation a description belongs to ("ein Sprecher des Fernsehsenders
 * ProSieben", "a spokesman for the Kremlin") and an apposition naming the
 * person ("Die Sprecherin der Stiftung Warentest, Heike van Laak"). */

/* How far a phrase may grow, in tokens, each way. */
#define MAX_GROWTH 14

/* Names of two words or more give their last word: "Steinmeier" after
 * "Frank-Walter Steinmeier" is a person, in German too where every noun is
 * capitalised. */
void
_gloss_suggest_collect_surnames (Scan *s)
{
  gint n = s->tokens->len;

  s->surnames = g_hash_table_new (g_str_hash, g_str_equal);
  for (gint i = 0; i < n; i++)
    {
      gint a, b;

      if (!_gloss_suggest_may_be_in_name (s, i))
        continue;
      _gloss_suggest_expand_name (s, i, i, MIN (n - 1, i + 6), &a, &b);
      if (b > a && !_gloss_suggest_lexicon_is_title (s->lang, token (s, b)->fold)
          && !_gloss_suggest_is_plain_noun (s, b))
        g_hash_table_add (s->surnames, token (s, b)->fold);
      i = b;
    }
}

/* A noun that can speak: a title or role, or an organisation or group. */
gboolean
_gloss_suggest_is_speaker_noun (Scan *s,
                                gint  i)
{
  const char *fold;

  if (!is_word (s, i))
    return FALSE;
  fold = token (s, i)->fold;
  return _gloss_suggest_lexicon_is_title (s->lang, fold) || lex_has (s->lang, LEX_SPEAKER_NOUNS, fold)
         || lex_has (s->lang, LEX_TITLE_SUFFIXES, fold) || lex_has (s->lang, LEX_SPEAKER_NOUN_SUFFIXES, fold)
         || _gloss_suggest_lexicon_has_suffix (s->lang, LEX_SPEAKER_NOUN_SUFFIXES, fold);
}

/* "Forderungen", "Engagement": a word whose ending makes it a noun. */
gboolean
_gloss_suggest_is_plain_noun (Scan *s,
                              gint  i)
{
  return is_word (s, i) && _gloss_suggest_lexicon_has_suffix (s->lang, LEX_NOUN_SUFFIXES, token (s, i)->fold);
}

static gboolean
is_free (Scan        *s,
         const Quote *q,
         gint         i)
{
  return i >= 0 && i < (gint) s->tokens->len && token (s, i)->quote < 0
         && !(q->has_cue && i >= q->cue.first && i <= q->cue.last);
}

/* The tokens around @subject in its sentence, outside quotations and the cue. */
static void
limits (Scan          *s,
        const Quote   *q,
        const Subject *subject,
        gint          *lo,
        gint          *hi)
{
  gint i = subject->start, j = subject->last;

  while (subject->start - i < MAX_GROWTH && is_free (s, q, i - 1)
         && !(token (s, i)->flags & (TOKEN_NEWLINE_BEFORE | TOKEN_SENTENCE_START))
         && !_gloss_suggest_ends_sentence (s, i - 1))
    i--;
  while (j - subject->last < MAX_GROWTH && is_free (s, q, j + 1)
         && !(token (s, j + 1)->flags & (TOKEN_NEWLINE_BEFORE | TOKEN_SENTENCE_START))
         && !_gloss_suggest_ends_sentence (s, j + 1))
    j++;
  *lo = i;
  *hi = j;
}

static gboolean
is_lower_word (Scan *s,
               gint  i)
{
  return is_word (s, i) && !(token (s, i)->flags & (TOKEN_UPPER | TOKEN_NUMBER))
         && !_gloss_suggest_is_filler (s, i) && !is_lex (s, i, LEX_PREPOSITIONS)
         && !is_lex (s, i, LEX_DETERMINERS) && !is_lex (s, i, LEX_PRONOUNS)
         && !is_lex (s, i, LEX_RELATIVES);
}

/* A determiner a subject can have: not German "den", "dem". */
static gboolean
is_subject_determiner (Scan *s,
                       gint  i)
{
  return is_lex (s, i, LEX_DETERMINERS) && !is_lex (s, i, LEX_OBLIQUE_DETERMINERS);
}

/* "пресс-секретаря президента": Russian adjectives agree with their noun and
 * have no article before them. */
static gboolean
is_adjective (Scan *s,
              gint  i)
{
  return is_lower_word (s, i) && _gloss_suggest_lexicon_has_suffix (s->lang, LEX_ADJECTIVE_SUFFIXES,
                                                                     token (s, i)->fold);
}

/* "Russian President", "den brasilianischen Gesundheitsminister", "министр
 * иностранных дел России", "le ministre des Affaires étrangères" before a name:
 * the words back to the first title, what modifies it, and its article. */
static gint
grow_titles (Scan *s,
             gint  start,
             gint  lo)
{
  gint i, title = -1, adjectives = 0;

  for (i = start - 1; i >= lo && start - i <= 6 && !_gloss_suggest_is_filler (s, i); i--)
    {
      /* "Sen. Bernie Sanders" */
      if (token_is (s, i, '.') && i - 1 >= lo && _gloss_suggest_is_abbreviation (s, i - 1))
        continue;
      if (!is_word (s, i))
        break;
      if (_gloss_suggest_lexicon_is_title (s->lang, token (s, i)->fold))
        title = i;
      else if (!(_gloss_suggest_may_be_in_name (s, i) || is_lower_word (s, i)
                 || is_lex (s, i, LEX_ATTACHMENTS) || is_lex (s, i, LEX_DETERMINERS)))
        break;
    }
  if (title < 0)
    return start;
  start = title;
  /* "White House press secretary", "her campaign manager": nouns before the
   * title, up to the start of the phrase or its article. */
  for (i = start - 1; i >= lo && start - i <= 3 && (_gloss_suggest_may_be_in_name (s, i) || is_lower_word (s, i));
       i--)
    ;
  if (i < start - 1 && (i < lo || !is_word (s, i) || is_lex (s, i, LEX_DETERMINERS)))
    return i >= lo && is_lex (s, i, LEX_DETERMINERS) ? i : i + 1;
  while (start - 1 >= lo && _gloss_suggest_may_be_in_name (s, start - 1)
         && !_gloss_suggest_is_filler (s, start - 1))
    start--;
  for (i = start - 1; i >= lo && adjectives < 2 && is_lower_word (s, i); i--)
    adjectives++;
  if (i >= lo && is_lex (s, i, LEX_DETERMINERS))
    return i;
  while (start - 1 >= lo && is_adjective (s, start - 1))
    start--;
  return start;
}

/* "des Fernsehsenders ProSieben", "for the Kremlin", "vom Sender RTVE": the
 * last token of the attachment after @last, or @last. */
static gint
grow_attachment (Scan *s,
                 gint  last,
                 gint  hi)
{
  gint i = last + 1, words = 0;
  gboolean determiner = FALSE;

  if (i > hi || !is_lex (s, i, LEX_ATTACHMENTS))
    return last;
  i++;
  if (i <= hi && is_lex (s, i, LEX_DETERMINERS) && !is_lex (s, i - 1, LEX_DETERMINERS))
    determiner = TRUE, i++;
  while (i <= hi && is_lower_word (s, i) && i + 1 <= hi && is_word (s, i + 1)
         && (token (s, i + 1)->flags & TOKEN_UPPER))
    i++;
  for (; i <= hi && words < 5; i++, words++)
    if (!(is_word (s, i) && (token (s, i)->flags & TOKEN_UPPER) && !is_lex (s, i, LEX_PREPOSITIONS)
          && !is_lex (s, i, LEX_DETERMINERS) && !is_lex (s, i, LEX_PRONOUNS)))
      break;
  /* "the Clinton campaign" */
  if (words > 0 && i <= hi && is_lower_word (s, i) && _gloss_suggest_is_speaker_noun (s, i))
    return i;
  /* "a spokesman for the company", "le porte-parole du gouvernement" */
  if (words == 0 && (determiner || s->lang->id == SUGGEST_LANG_FR) && s->lang->id != SUGGEST_LANG_DE
      && is_lower_word (s, i) && _gloss_suggest_is_speaker_noun (s, i))
    return i;
  return words > 0 ? i - 1 : last;
}

/* "(SPD)", "(AU)" */
static gint
grow_parenthesis (Scan *s,
                  gint  last,
                  gint  hi)
{
  if (last + 2 > hi || !token_is (s, last + 1, '('))
    return last;
  for (gint i = last + 2; i <= hi && i <= last + 5; i++)
    if (token_is (s, i, ')'))
      return i;
  return last;
}

/* ", Heike van Laak" after a description: the person it describes. */
static gint
grow_apposition (Scan    *s,
                 gint     last,
                 gint     hi,
                 gint    *name_last)
{
  gint a, b;

  if (last + 2 > hi || !token_is (s, last + 1, ',') || !_gloss_suggest_may_be_in_name (s, last + 2))
    return last;
  _gloss_suggest_expand_name (s, last + 2, last + 2, hi, &a, &b);
  if (b == a && !_gloss_suggest_is_acronym (s, a) && !g_hash_table_contains (s->surnames, token (s, a)->fold))
    return last;
  if (b < hi && !token_is (s, b + 1, ',') && !token_is (s, b + 1, ')')
      && !_gloss_suggest_is_boundary (s, b + 1))
    return last;
  *name_last = b;
  return b;
}

/* "Der Leiter der UNO-Studie, Paulo Sérgio Pinheiro": the description before a
 * name set off by a comma. */
static gint
grow_apposition_before (Scan *s,
                        gint  start,
                        gint  lo)
{
  gint i = start - 2, first;
  gboolean speaker_noun = FALSE;

  if (i < lo || !token_is (s, start - 1, ','))
    return start;
  while (i >= lo && start - i <= MAX_GROWTH
         && (is_word (s, i) || token_is (s, i, '(') || token_is (s, i, ')') || token_is (s, i, '-')))
    i--;
  first = i + 1;
  if (first >= start - 1 || !(is_subject_determiner (s, first) || _gloss_suggest_is_speaker_noun (s, first)))
    return start;
  for (gint j = first; j < start - 1 && j <= first + 3; j++)
    speaker_noun |= _gloss_suggest_is_speaker_noun (s, j);
  return speaker_noun ? first : start;
}

/* "Hernan Dario Gomez, Panama coach, said": the name a description after it
 * describes. */
static gboolean
name_before (Scan    *s,
             Subject *subject,
             gint     lo)
{
  gint a, b, end = subject->start - 2;

  if (end < lo || !token_is (s, end + 1, ',') || !_gloss_suggest_may_be_in_name (s, end))
    return FALSE;
  _gloss_suggest_expand_name (s, end, lo, end, &a, &b);
  if ((a == b && !g_hash_table_contains (s->surnames, token (s, a)->fold))
      || (a > lo && !_gloss_suggest_is_boundary (s, a - 1)))
    return FALSE;
  subject->kind = SUBJECT_NAME;
  subject->name_last = b;
  subject->start = a;
  return TRUE;
}

/**
 * _gloss_suggest_whole_phrase:
 * @subject: a name or description found next to @q's cue
 *
 * Grows @subject to the whole noun phrase naming the source, within its
 * sentence and without crossing a quotation or the cue. A description that an
 * apposition names becomes a name.
 */
void
_gloss_suggest_whole_phrase (Scan        *s,
                             const Quote *q,
                             Subject     *subject)
{
  gint lo, hi, name_last = subject->last, last;

  if ((subject->kind != SUBJECT_NAME && subject->kind != SUBJECT_WEAK_NAME
       && subject->kind != SUBJECT_DESCRIPTION) || subject->entity > 0)
    return;
  limits (s, q, subject, &lo, &hi);

  if (subject->kind == SUBJECT_DESCRIPTION && name_before (s, subject, lo))
    return;
  if (subject->kind == SUBJECT_DESCRIPTION)
    {
      last = grow_attachment (s, subject->last, hi);
      last = grow_attachment (s, last, hi);
      last = grow_parenthesis (s, last, hi);
      subject->last = grow_apposition (s, last, hi, &name_last);
      if (subject->last != last)
        {
          subject->kind = SUBJECT_NAME;
          subject->name_last = name_last;
        }
      return;
    }

  subject->start = grow_titles (s, subject->start, lo);
  subject->start = grow_apposition_before (s, subject->start, lo);
  last = grow_parenthesis (s, subject->last, hi);
  if (last != subject->last)
    {
      subject->name_last = subject->last;
      subject->last = last;
    }
}

/* ---- Mentions the annotator tagged --------------------------------------------- */

/* Marks the tokens of each tagged mention (PERSON, ORG, …: @speakers). */
void
_gloss_suggest_mark_entities (Scan   *s,
                              GArray *speakers)
{
  s->entities = g_array_new (FALSE, FALSE, sizeof (Entity));
  for (guint i = 0; speakers != NULL && i < speakers->len; i++)
    {
      const GlossFragment *f = &g_array_index (speakers, GlossFragment, i);
      Entity e = { f->start, f->end, _gloss_suggest_token_at_or_after (s, f->start), -1 };

      for (gint t = e.first; t < (gint) s->tokens->len && token (s, t)->start < f->end; t++)
        e.last = t;
      if (f->start >= f->end || e.last < e.first)
        continue;
      g_array_append_val (s->entities, e);
      for (gint t = e.first; t <= e.last; t++)
        if (token (s, t)->entity == 0)
          token (s, t)->entity = s->entities->len;
    }
}

static Subject
entity_subject (Scan *s,
                gint  entity)
{
  const Entity *e = &g_array_index (s->entities, Entity, entity - 1);

  return (Subject) { SUBJECT_NAME, e->first, e->last, 0, entity };
}

/* The tagged mention in the phrase nearest the cue (at its end or start). */
gboolean
_gloss_suggest_find_entity (Scan     *s,
                            gint      first,
                            gint      last,
                            gboolean  toward_end,
                            Subject  *out)
{
  for (gint i = toward_end ? last : first; i >= first && i <= last; i += toward_end ? -1 : 1)
    if (token (s, i)->entity > 0 && token (s, i)->quote < 0)
      {
        *out = entity_subject (s, token (s, i)->entity);
        return TRUE;
      }
  return FALSE;
}

/* A speaker holding or inside a tagged mention is that mention, so that
 * accepting links the quotation to the annotation already there. */
void
_gloss_suggest_snap_to_entity (Scan    *s,
                               Subject *subject)
{
  if (subject->kind == SUBJECT_NONE || subject->entity > 0)
    return;
  for (gint i = subject->last; i >= subject->start; i--)
    if (token (s, i)->entity > 0)
      {
        *subject = entity_subject (s, token (s, i)->entity);
        return;
      }
}
