/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-suggest"

#include "config.h"

#include <string.h>

#include "gloss-suggest-private.h"

/* Who a cue names: the phrase next to it holds a name, a description ("a
 * spokesman") or a pronoun, which is resolved to a person named before. */

/* ---- Speakers --------------------------------------------------------------------- */


/* The words next to the cue up to a clause boundary, at most @max tokens, not
 * crossing @limit (a quotation). */
static gboolean
phrase_before (Scan *s,
               gint  cue_first,
               gint  limit,
               gint *first,
               gint *last)
{
  gint i = cue_first - 1;

  *last = i;
  while (i >= 0 && i > limit && cue_first - i <= 10 && !_gloss_suggest_is_boundary (s, i)
         && !(token (s, i + 1)->flags & TOKEN_NEWLINE_BEFORE))
    i--;
  *first = i + 1;
  return *first <= *last;
}

static gboolean
phrase_after (Scan *s,
              gint  cue_last,
              gint  limit,
              gint *first,
              gint *last)
{
  gint i = cue_last + 1;
  gint n = s->tokens->len;

  *first = i;
  /* "dit-il", "sagte's" */
  if (i < n && !is_word (s, i) && is_dash (s->text[token (s, i)->start])
      && token (s, i)->start == token (s, cue_last)->end)
    *first = ++i;
  while (i < n && (limit < 0 || i < limit) && i - cue_last <= 10 && !_gloss_suggest_is_boundary (s, i)
         && !(token (s, i)->flags & TOKEN_NEWLINE_BEFORE))
    i++;
  *last = i - 1;
  return *first <= *last;
}

/* A German noun with a genitive after it: "Erklärungen des Vorsitzenden". */
static gboolean
german_noun (Scan *s,
             gint  first,
             gint  last)
{
  return s->lang->id == SUGGEST_LANG_DE && first == last && is_word (s, last + 1)
         && lex_has (s->lang, LEX_DETERMINERS, token (s, last + 1)->fold);
}

static gboolean
is_skippable (Scan *s,
              gint  i)
{
  return is_word (s, i) && lex_has (s->lang, LEX_SKIP, token (s, i)->fold);
}

/* Adverbs, auxiliaries and conjunctions at the edge of a phrase. */
gboolean
_gloss_suggest_is_filler (Scan *s,
                          gint  i)
{
  return is_skippable (s, i) || (is_word (s, i) && lex_has (s->lang, LEX_CONJUNCTIONS, token (s, i)->fold));
}

static gboolean
is_possessive (Scan *s,
               gint  i)
{
  return is_word (s, i) && (g_str_has_suffix (token (s, i)->fold, "'s")
                            || g_str_has_suffix (token (s, i)->fold, "’s"));
}

/* A capitalised word opening a sentence that the text also writes in lower
 * case: "Наблюдатель", "The". */
static gboolean
is_common_word (Scan *s,
                gint  i)
{
  Token *t = token (s, i);

  return (t->flags & TOKEN_SENTENCE_START) && g_hash_table_contains (s->lower_forms, t->fold);
}

gboolean
_gloss_suggest_may_be_in_name (Scan *s,
                               gint  i)
{
  Token *t = token (s, i);

  if (t->quote >= 0)
    return FALSE;
  if (t->entity > 0)
    return TRUE;
  if (!(t->flags & TOKEN_UPPER))
    return FALSE;
  /* "Cornyn's office": the name is not the speaker */
  if (is_possessive (s, i))
    return FALSE;
  if (lex_has (s->lang, LEX_NOT_NAMES, t->fold) || lex_has (s->lang, LEX_PRONOUNS, t->fold))
    return FALSE;
  /* "The", "Die", "Наблюдатель" opening a sentence are ordinary words. */
  if (is_common_word (s, i))
    return FALSE;
  return !lex_has (s->lang, LEX_DETERMINERS, t->fold) && !lex_has (s->lang, LEX_PREPOSITIONS, t->fold)
         && !lex_has (s->lang, LEX_CONJUNCTIONS, t->fold);
}

/* Grows a name around token @i: capitalised words, particles between them,
 * the full stop of an initial. */
void
_gloss_suggest_expand_name (Scan *s,
                            gint  i,
                            gint  lo,
                            gint  hi,
                            gint *first,
                            gint *last)
{
  *first = *last = i;
  while (TRUE)
    {
      gint j = *first - 1;

      if (j >= lo && _gloss_suggest_may_be_in_name (s, j))
        *first = j;
      else if (j - 1 >= lo && lex_has (s->lang, LEX_NAME_PARTICLES, token (s, j)->fold) && _gloss_suggest_may_be_in_name (s, j - 1))
        *first = j - 1;
      else if (j - 1 >= lo && token_is (s, j, '.') && _gloss_suggest_is_abbreviation (s, j - 1)
               && (token (s, j - 1)->flags & TOKEN_UPPER))
        *first = j - 1;
      else
        break;
    }
  while (TRUE)
    {
      gint j = *last + 1;

      if (j <= hi && _gloss_suggest_may_be_in_name (s, j))
        *last = j;
      else if (j + 1 <= hi && lex_has (s->lang, LEX_NAME_PARTICLES, token (s, j)->fold) && _gloss_suggest_may_be_in_name (s, j + 1))
        *last = j + 1;
      else if (j + 1 <= hi && token_is (s, j, '.') && _gloss_suggest_is_abbreviation (s, *last)
               && _gloss_suggest_may_be_in_name (s, j + 1))
        *last = j + 1;
      else
        break;
    }
}

gboolean
_gloss_suggest_is_acronym (Scan *s,
                           gint  i)
{
  Token *t = token (s, i);

  if (t->end - t->start < 2)
    return FALSE;
  for (gint p = t->start; p < t->end; p++)
    if (!g_unichar_isupper (s->text[p]))
      return FALSE;
  return TRUE;
}

/* Drops titles, roles and what goes with them from the front of a name:
 * "Russian President Vladimir Putin", "Gazprom CEO Alexei Miller". */
static gboolean
strip_titles (Scan *s,
              gint *first,
              gint  last)
{
  gint after = -1;

  for (gint i = *first; i < last; i++)
    if (is_word (s, i) && _gloss_suggest_lexicon_is_title (s->lang, token (s, i)->fold))
      after = i + 1;
  if (after > 0)
    *first = after;
  while (*first < last && (!is_word (s, *first) || lex_has (s->lang, LEX_NAME_PARTICLES, token (s, *first)->fold)))
    (*first)++;
  /* "председатель ЧСДП Соботка", "президент Чехии Милош Земан" */
  if (*first < last && is_word (s, *first - 1) && _gloss_suggest_lexicon_is_title (s->lang, token (s, *first - 1)->fold)
      && (_gloss_suggest_is_acronym (s, *first) || (s->lang->id == SUGGEST_LANG_RU && last - *first >= 2)))
    (*first)++;
  return is_word (s, last) && !_gloss_suggest_lexicon_is_title (s->lang, token (s, last)->fold);
}

/* The name is the object of a preposition ("a spokesman for Gazprom"). */
static gboolean
after_preposition (Scan *s,
                   gint  first,
                   gint  floor)
{
  gint i = first - 1;

  while (i >= floor && is_word (s, i) && lex_has (s->lang, LEX_DETERMINERS, token (s, i)->fold))
    i--;
  return i >= floor && is_word (s, i) && lex_has (s->lang, LEX_PREPOSITIONS, token (s, i)->fold);
}

/* A German name after an article is a noun phrase ("das Gericht", "Das
 * russische Außenministerium"). */
static gboolean
after_article (Scan *s,
               gint  first)
{
  gint i = first - 1;

  if (s->lang->id != SUGGEST_LANG_DE)
    return FALSE;
  while (first - i <= 3 && is_word (s, i) && !(token (s, i)->flags & TOKEN_UPPER)
         && !lex_has (s->lang, LEX_DETERMINERS, token (s, i)->fold))
    i--;
  return is_word (s, i) && lex_has (s->lang, LEX_DETERMINERS, token (s, i)->fold);
}

static gint
first_content (Scan *s,
               gint  first,
               gint  last)
{
  while (first <= last && _gloss_suggest_is_filler (s, first))
    first++;
  return first;
}

static gboolean
is_head_noun (Scan *s,
              gint  i)
{
  const char *fold = token (s, i)->fold;

  return is_word (s, i) && !_gloss_suggest_lexicon_is_title (s->lang, fold) && !lex_has (s->lang, LEX_PREPOSITIONS, fold)
         && !lex_has (s->lang, LEX_PRONOUNS, fold) && !lex_has (s->lang, LEX_RELATIVES, fold)
         && (!(token (s, i)->flags & TOKEN_UPPER) || is_common_word (s, i));
}

/* One capitalised word as a name: in German, where every noun is capitalised,
 * one after a title, an acronym or a surname the text also gives in full
 * (find_name () also takes one touching the cue: "so Gall"). */
static gboolean
plausible_single_name (Scan     *s,
                       gint      i,
                       gboolean  after_title)
{
  if (s->lang->id != SUGGEST_LANG_DE || after_title || _gloss_suggest_is_acronym (s, i)
      || token (s, i)->entity > 0)
    return TRUE;
  return g_hash_table_contains (s->surnames, token (s, i)->fold) && !_gloss_suggest_is_plain_noun (s, i);
}

static gint
last_content (Scan *s,
              gint  first,
              gint  last)
{
  while (last >= first && _gloss_suggest_is_filler (s, last))
    last--;
  return last;
}

static gboolean
find_name (Scan    *s,
           gint     first,
           gint     last,
           gboolean toward_end,
           Subject *out)
{
  gint step = toward_end ? -1 : 1;

  for (gint i = toward_end ? last : first; i >= first && i <= last; i += step)
    {
      gint a, b, head;

      if (!_gloss_suggest_may_be_in_name (s, i))
        continue;
      _gloss_suggest_expand_name (s, i, first, last, &a, &b);
      head = a - 1;
      /* Go on past the whole run of name words: strip_titles () moves @a
       * forward, and resuming from there would find "Ms King" again. */
      if (after_preposition (s, a, first) || is_possessive (s, b + 1) || !strip_titles (s, &a, b)
          || (a == head + 1 && after_article (s, a)) || german_noun (s, a, b))
        {
          i = toward_end ? head + 1 : b;
          continue;
        }
      if (a == b && !plausible_single_name (s, a, a > head + 1))
        {
          gboolean touching = a == (toward_end ? last_content (s, first, last) : first_content (s, first, last))
                              && !(token (s, a)->flags & TOKEN_SENTENCE_START);

          /* "laut Gericht": a noun that speaks, touching the cue */
          if (touching && _gloss_suggest_is_speaker_noun (s, a))
            {
              *out = (Subject) { SUBJECT_DESCRIPTION, a, a };
              return TRUE;
            }
          if (!touching || _gloss_suggest_is_plain_noun (s, a))
            {
              i = toward_end ? head + 1 : b;
              continue;
            }
        }
      /* "the Republican front-runner", "the French minister" */
      if (a == b && a > first && is_lex (s, a - 1, LEX_DETERMINERS) && b + 1 <= last && is_word (s, b + 1)
          && !(token (s, b + 1)->flags & TOKEN_UPPER))
        {
          i = toward_end ? head + 1 : b;
          continue;
        }
      /* "Panama coach", "Gazprom CEO": the name qualifies a title after it. */
      if (b + 1 <= last && is_word (s, b + 1) && _gloss_suggest_lexicon_is_title (s->lang, token (s, b + 1)->fold)
          && !(token (s, b + 1)->flags & TOKEN_UPPER))
        {
          i = toward_end ? head + 1 : b;
          continue;
        }
      /* Russian genitive: "Посольство США" is the embassy, not the country. */
      if (s->lang->id == SUGGEST_LANG_RU && head == a - 1 && head == first_content (s, first, last)
          && is_head_noun (s, head))
        {
          *out = (Subject) { SUBJECT_DESCRIPTION, head, b };
          return TRUE;
        }
      out->start = a;
      out->last = b;
      out->kind = a == b && (token (s, a)->flags & TOKEN_SENTENCE_START) ? SUBJECT_WEAK_NAME
                                                                            : SUBJECT_NAME;
      return TRUE;
    }
  return FALSE;
}

static gboolean
speaker_description (Scan *s,
                gint  first,
                gint  last)
{
  if (is_lex (s, first, LEX_OBLIQUE_DETERMINERS))
    return FALSE;
  for (gint i = first; i <= last; i++)
    if (_gloss_suggest_is_speaker_noun (s, i))
      return TRUE;
  return FALSE;
}

/* "a spokesman", "пресс-служба", "Das russische Außenministerium": the first
 * words of the phrase up to a preposition, conjunction or second article. */
static gboolean
find_description (Scan    *s,
                  gint     first,
                  gint     last,
                  Subject *out)
{
  gint i = first, start, words = 0;
  gboolean lower = FALSE, article = FALSE;

  while (i <= last && _gloss_suggest_is_filler (s, i))
    i++;
  /* "в ответ журналисты" */
  if (i + 2 <= last && is_word (s, i) && lex_has (s->lang, LEX_PREPOSITIONS, token (s, i)->fold)
      && is_word (s, i + 1) && is_word (s, i + 2))
    i += 2;
  start = i;
  for (; i <= last && is_word (s, i); i++)
    {
      const char *fold = token (s, i)->fold;

      if (lex_has (s->lang, LEX_PREPOSITIONS, fold) || lex_has (s->lang, LEX_CONJUNCTIONS, fold)
          || lex_has (s->lang, LEX_RELATIVES, fold) || lex_has (s->lang, LEX_PRONOUNS, fold)
          || (i > start && (lex_has (s->lang, LEX_DETERMINERS, fold) || is_skippable (s, i))))
        break;
      /* A German noun that speaks ends the phrase: "der Bundespräsident | nicht",
       * "Das Auswärtige Amt | der Bundesrepublik" */
      if (s->lang->id == SUGGEST_LANG_DE && i > start && _gloss_suggest_is_speaker_noun (s, i - 1)
          && !(i - 1 == start && article))
        break;
      if (i == start && lex_has (s->lang, LEX_DETERMINERS, fold))
        article = TRUE;
      else if (!(token (s, i)->flags & (TOKEN_UPPER | TOKEN_NUMBER)) || is_common_word (s, i))
        lower = TRUE;
      words++;
    }
  while (i - 1 > start && is_skippable (s, i - 1))
    i--, words--;

  if (words == 0 || words > 5 || (!lower && !article) || (article && words == 1))
    return FALSE;
  /* German: a subject's article ("der", not "den") and a noun that can speak,
   * not "den Forderungen", "das Engagement". */
  if (s->lang->id == SUGGEST_LANG_DE && !speaker_description (s, start, i - 1))
    return FALSE;
  /* Russian dative plural after the verb is who was told: "заявил журналистам". */
  if (s->lang->id == SUGGEST_LANG_RU && (g_str_has_suffix (token (s, start)->fold, "ам")
                                   || g_str_has_suffix (token (s, start)->fold, "ям")))
    return FALSE;
  out->kind = SUBJECT_DESCRIPTION;
  out->start = start;
  out->last = i - 1;
  return TRUE;
}

/* "то он всегда с удовольствием рассказывал" */
static gboolean
find_pronoun (Scan    *s,
              gint     first,
              gint     last,
              Subject *out)
{
  for (gint i = last; i >= first; i--)
    if (is_word (s, i) && lex_has (s->lang, LEX_PRONOUNS, token (s, i)->fold))
      {
        *out = (Subject) { SUBJECT_PRONOUN, i, i };
        return TRUE;
      }
  return FALSE;
}

/* Who the phrase next to a cue names: the word touching the cue may be a
 * pronoun; otherwise the nearest name; otherwise a description. */
static Subject
analyse_phrase (Scan     *s,
                gint      first,
                gint      last,
                gboolean  toward_end)
{
  Subject subject = { SUBJECT_NONE, -1, -1 };
  gint i = toward_end ? last : first;

  while (i >= first && i <= last && is_skippable (s, i))
    i += toward_end ? -1 : 1;
  if (i < first || i > last)
    return subject;

  if (is_word (s, i) && lex_has (s->lang, LEX_PRONOUNS, token (s, i)->fold))
    subject = (Subject) { SUBJECT_PRONOUN, i, i };
  else if (toward_end && is_word (s, i) && lex_has (s->lang, LEX_RELATIVES, token (s, i)->fold))
    subject = (Subject) { SUBJECT_RELATIVE, i, i };
  else if (!_gloss_suggest_find_entity (s, first, last, toward_end, &subject)
           && !find_name (s, first, last, toward_end, &subject)
           && !(toward_end && find_pronoun (s, first, last, &subject)))
    find_description (s, first, last, &subject);
  return subject;
}

/* A name that may stand for a person: two words or more, or (outside German,
 * where every noun is capitalised) one that does not open a sentence. */
static gboolean
person_like (Scan *s,
             gint  first,
             gint  last)
{
  return last > first || s->lang->id != SUGGEST_LANG_DE || token (s, last)->entity > 0
         || g_hash_table_contains (s->surnames, token (s, last)->fold);
}

/* The name opens a sentence or clause, where subjects are. */
static gboolean
opens_clause (Scan *s,
              gint  first)
{
  gint i = first - 1;

  if (token (s, first)->flags & (TOKEN_SENTENCE_START | TOKEN_NEWLINE_BEFORE))
    return TRUE;
  while (is_skippable (s, i) || (is_word (s, i) && lex_has (s->lang, LEX_DETERMINERS, token (s, i)->fold)))
    i--;
  return i < 0 || (!is_word (s, i) && _gloss_suggest_is_boundary (s, i))
         || (is_word (s, i) && lex_has (s->lang, LEX_CONJUNCTIONS, token (s, i)->fold));
}

/* The nearest name of a person before token @before, one opening a clause
 * first. */
static gboolean
nearest_person (Scan    *s,
                gint     from,
                gint     before,
                Subject *out)
{
  gboolean found = FALSE;

  for (gint i = before - 1; i >= from; i--)
    {
      gint a, b, run;

      if (token (s, i)->quote >= 0 || !_gloss_suggest_may_be_in_name (s, i))
        continue;
      _gloss_suggest_expand_name (s, i, from, before - 1, &a, &b);
      i = run = a;
      if (after_preposition (s, a, 0) || after_article (s, a) || !strip_titles (s, &a, b)
          || !person_like (s, a, b))
        continue;
      if (!found)
        *out = (Subject) { SUBJECT_NAME, a, b };
      found = TRUE;
      if (opens_clause (s, run))
        {
          *out = (Subject) { SUBJECT_NAME, a, b };
          return TRUE;
        }
    }
  return found;
}

/* How far back, in code points, a pronoun may refer to a speaker seen before. */
#define MENTION_REACH 2000

/* The latest mention before token @before of a speaker already seen. */
static gboolean
latest_mention (Scan          *s,
                const Mention *speaker,
                gint           before,
                Subject       *out)
{
  /* A mention further back than the caller accepts ends the search, so that
   * each pronoun looks back a bounded stretch, not to the start. */
  gint horizon = token (s, before)->start - MENTION_REACH - 200;

  for (gint i = before - 1; i >= 0 && token (s, i)->end >= horizon; i--)
    {
      gint a, b;

      if (token (s, i)->quote >= 0 || !is_word (s, i)
          || strcmp (token (s, i)->fold, speaker->surname) != 0)
        continue;
      _gloss_suggest_expand_name (s, i, 0, s->tokens->len - 1, &a, &b);
      if (!strip_titles (s, &a, b))
        continue;
      *out = (Subject) { SUBJECT_NAME, a, b };
      return TRUE;
    }
  return FALSE;
}

/* He, she, er, она: the nearest person named in this or the previous
 * sentence, unless a speaker already seen is named there too. */
gboolean
_gloss_suggest_resolve_pronoun (Scan    *s,
                                gint     pronoun,
                                Subject *out)
{
  /* "they", "it": the group or organisation a quotation was last given to */
  if (is_lex (s, pronoun, LEX_GROUP_PRONOUNS))
    {
      if (s->group.kind == SUBJECT_NONE || s->group.last >= pronoun
          || token (s, pronoun)->start - token (s, s->group.last)->end > MENTION_REACH)
        return FALSE;
      *out = s->group;
      return TRUE;
    }
  gint sentence = _gloss_suggest_sentence_start (s, pronoun);
  gint window = sentence > 0 ? _gloss_suggest_sentence_start (s, sentence - 1) : 0;
  Subject near = { SUBJECT_NONE }, seen = { SUBJECT_NONE };
  gboolean has_near = (sentence < pronoun && nearest_person (s, sentence, pronoun, &near))
                      || nearest_person (s, window, MIN (sentence, pronoun), &near);
  gboolean has_seen = FALSE;

  if (s->speakers->len > 0)
    {
      Mention *last = &g_array_index (s->speakers, Mention, s->speakers->len - 1);

      has_seen = last->start < token (s, pronoun)->start
                 && latest_mention (s, last, pronoun, &seen)
                 && token (s, pronoun)->start - token (s, seen.last)->end <= MENTION_REACH;
    }

  if (has_seen && (!has_near || seen.start >= window))
    *out = seen;
  else if (has_near)
    *out = near;
  else
    return FALSE;
  return TRUE;
}

gboolean
_gloss_suggest_resolve_relative (Scan    *s,
                                 gint     relative,
                                 Subject *out)
{
  gint from = MAX (0, relative - 8);

  return nearest_person (s, from, relative, out);
}

/* "nach Aussagen des Auswärtigen Amtes": the genitive after a source cue,
 * up to its first noun that can speak or its last capitalised word. */
static Subject
genitive_source (Scan *s,
                 gint  first,
                 gint  last)
{
  Subject none = { SUBJECT_NONE, -1, -1 };
  gint end = -1;

  for (gint i = first + 1; i <= last && is_word (s, i); i++)
    {
      if (token (s, i)->flags & TOKEN_UPPER)
        end = i;
      if (_gloss_suggest_is_speaker_noun (s, i) || lex_has (s->lang, LEX_PREPOSITIONS, token (s, i)->fold))
        break;
    }
  return end < 0 ? none : (Subject) { SUBJECT_DESCRIPTION, first, end };
}

/* The phrase before the cue; past an apposition or relative clause set off by
 * commas ("Heike van Laak, sagte", "The senator, who has long opposed the
 * deal, said"), the phrase before it. */
static gboolean
phrase_before_cue (Scan *s,
                   gint  cue_first,
                   gint *first,
                   gint *last)
{
  if (phrase_before (s, cue_first, -1, first, last))
    return TRUE;
  if (cue_first <= 0 || !token_is (s, cue_first - 1, ',') || !phrase_before (s, cue_first - 1, -1, first, last))
    return FALSE;
  if (is_lex (s, *first, LEX_CLAUSE_RELATIVES) && *first > 0 && token_is (s, *first - 1, ','))
    return phrase_before (s, *first - 1, -1, first, last);
  return TRUE;
}

/**
 * _gloss_suggest_subject_of_cue:
 * @cue: a speech verb
 * @limit: the first token after the verb that is what was said (the quotation,
 *   the claim), or -1
 *
 * Who a speech verb says spoke: the phrase before it or after it, as each
 * language puts its subject.
 */
Subject
_gloss_suggest_subject_of_cue (Scan      *s,
                               const Cue *cue,
                               gint       limit)
{
  Subject before = { SUBJECT_NONE }, after = { SUBJECT_NONE };
  gboolean adjacent = FALSE;
  gint a, b;

  /* "Yvette Cooper said …, and said it was „…“": the sentence's subject */
  if (is_lex (s, cue->first - 1, LEX_COORDINATORS) && s->lang->id != SUGGEST_LANG_DE
      && nearest_person (s, _gloss_suggest_sentence_start (s, cue->first), cue->first - 1, &before))
    return before;

  if (phrase_before_cue (s, cue->first, &a, &b))
    {
      before = analyse_phrase (s, a, b, TRUE);
      while (b >= a && is_skippable (s, b))
        b--;
      adjacent = before.kind == SUBJECT_NAME && before.last == b;
    }
  if (phrase_after (s, cue->last, limit, &a, &b))
    after = analyse_phrase (s, a, b, FALSE);

  if (s->lang->id == SUGGEST_LANG_EN || s->lang->id == SUGGEST_LANG_FR)
    return before.kind != SUBJECT_NONE ? before : after;

  /* German and Russian put the subject after the verb as often as before; a
   * German sentence may open with an adverb ("Unmissverständlich sagt das
   * Gericht"), a Russian one seldom. */
  if (adjacent)
    return before;
  if (after.kind >= SUBJECT_NAME)
    return after;
  if (before.kind >= SUBJECT_NAME || (s->lang->id == SUGGEST_LANG_RU && before.kind != SUBJECT_NONE))
    return before;
  if (after.kind == SUBJECT_DESCRIPTION)
    return after;
  return before;
}

Subject
_gloss_suggest_find_subject (Scan  *s,
                             Quote *q)
{
  Subject none = { SUBJECT_NONE, -1, -1 };
  Subject between = none, after = none;
  gint a, b, limit;

  switch (q->cue.kind)
    {
    case CUE_PRONOUN_INSIDE:
      return (Subject) { SUBJECT_PRONOUN, q->cue.first + 1, q->cue.first + 1 };
    case CUE_SOURCE_AFTER:
    case CUE_SO:
      limit = q->cue_after ? -1 : _gloss_suggest_token_at_or_after (s, candidate (s, q->index)->start);
      if (!phrase_after (s, q->cue.last, limit, &a, &b))
        return none;
      between = analyse_phrase (s, a, b, FALSE);
      if (between.kind == SUBJECT_NONE && is_lex (s, a, LEX_ATTACHMENTS))
        return genitive_source (s, a, b);
      return between;
    case CUE_SOURCE_BEFORE:
      if (phrase_before (s, q->cue.first, -1, &a, &b))
        return analyse_phrase (s, a, b, TRUE);
      return none;
    case CUE_VERB:
    default:
      break;
    }

  if (!q->cue_after)
    return _gloss_suggest_subject_of_cue (s, &q->cue,
                                          _gloss_suggest_token_at_or_after (s, candidate (s, q->index)->start));

  /* "…," Putin said: the words between the quotation and the verb */
  a = q->after;
  while (a < q->cue.first && !is_word (s, a))
    a++;
  for (b = a; b < q->cue.first && !token_is (s, b, ','); b++)
    ;
  if (a < b)
    between = analyse_phrase (s, a, b - 1, TRUE);
  if (between.kind >= SUBJECT_WEAK_NAME
      || (between.kind == SUBJECT_DESCRIPTION && (s->lang->id == SUGGEST_LANG_EN || s->lang->id == SUGGEST_LANG_FR)))
    return between;
  if (phrase_after (s, q->cue.last, -1, &a, &b))
    after = analyse_phrase (s, a, b, FALSE);
  return after.kind != SUBJECT_NONE ? after : between;
}

/* "Köhler: „…“", "Zudem sparte der Bundespräsident nicht mit Kritik: „…“": who
 * opens the clause that brings in a quotation with a colon, or stands after its
 * first word or two (German puts the verb second). A description must hold a
 * noun that can speak. */
gboolean
_gloss_suggest_clause_subject (Scan    *s,
                               gint     first,
                               gint     last,
                               Subject *out)
{
  gint end = first;

  /* "During Prime Minister's Questions Wednesday, Sunak defended …:" */
  if (is_lex (s, first, LEX_PREPOSITIONS))
    {
      while (first <= last && first - end <= 10 && !token_is (s, first, ','))
        first++;
      if (first > last || !token_is (s, first, ','))
        return FALSE;
      first++;
    }
  end = first;
  while (end < last && !_gloss_suggest_is_boundary (s, end + 1))
    end++;
  last = end;
  for (gint i = first; i <= last && i <= first + 2; i++)
    {
      Subject subject;

      if (!is_word (s, i))
        return FALSE;
      subject = (Subject) { SUBJECT_NONE, -1, -1 };
      /* "Der Leiter der UNO-Studie, Paulo Sérgio Pinheiro, sieht …:" */
      if (!(is_lex (s, i, LEX_DETERMINERS) && find_description (s, i, MIN (last, i + 8), &subject)))
        subject = analyse_phrase (s, i, MIN (last, i + 8), FALSE);
      if (subject.kind == SUBJECT_NONE || subject.start > i + 1 || subject.kind == SUBJECT_RELATIVE)
        continue;
      if (subject.kind == SUBJECT_DESCRIPTION && !speaker_description (s, subject.start, subject.last))
        continue;
      if (subject.kind == SUBJECT_WEAK_NAME && !plausible_single_name (s, subject.start, FALSE))
        continue;
      *out = subject;
      return TRUE;
    }
  return FALSE;
}
