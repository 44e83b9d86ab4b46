/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-suggest"

#include "config.h"

#include <string.h>

#include "gloss-suggest-private.h"

/* Quote suggestions are heuristics over the text alone: pair the quotation
 * marks, then look beside each quotation for a speech verb ("said", "sagte",
 * "заявил", "a déclaré") and for who it belongs to. They only propose; the
 * annotator accepts or rejects each one. */

static void
mention_clear (Mention *m)
{
  g_free (m->surname);
}


static gboolean
before_is_plain_word (Scan  *s,
                      Quote *q)
{
  gint i = q->first - 1;
  Cue cue;

  while (i >= 0 && !is_word (s, i) && token (s, i)->quote == q->index)
    i--;
  return is_word (s, i) && token (s, i)->quote < 0 && !_gloss_suggest_match_cue (s, i, &cue);
}

/* Names of newspapers, operations, films, ships: „Tagesspiegel“, "Арсенал". */
static gboolean
looks_like_title (Scan  *s,
                  Quote *q)
{
  guint words = 0, capitalised = 0;
  gboolean punctuation = FALSE;
  gint before = q->first - 1, first = q->first;

  for (gint i = q->first; i <= q->last; i++)
    {
      Token *t = token (s, i);

      if (!(t->flags & TOKEN_WORD))
        {
          punctuation |= s->text[t->start] != '-' && s->text[t->start] != '&';
          continue;
        }
      words++;
      if (((t->flags & TOKEN_UPPER) && !(t->flags & TOKEN_LOWER_PART)) || (t->flags & TOKEN_NUMBER))
        capitalised++;
    }

  if (words >= 1 && words <= 5 && capitalised == words)
    return TRUE;
  /* Sentence-case names in the middle of a sentence: «Начни сначала», "Четвертая власть" */
  if (s->lang->id != SUGGEST_LANG_DE && words <= 4 && !punctuation && before_is_plain_word (s, q))
    {
      while (first <= q->last && !is_word (s, first))
        first++;
      if (first <= q->last && (token (s, first)->flags & TOKEN_UPPER))
        return TRUE;
    }
  while (before >= 0 && !is_word (s, before) && token (s, before)->quote == q->index)
    before--;
  while (first <= q->last && !is_word (s, first))
    first++;
  return words <= 6 && !punctuation && first <= q->last && (token (s, first)->flags & TOKEN_UPPER)
         && is_word (s, before) && lex_has (s->lang, LEX_DETERMINERS, token (s, before)->fold);
}

static guint
count_words (Scan  *s,
             Quote *q)
{
  guint words = 0;

  for (gint i = q->first; i <= q->last; i++)
    words += is_word (s, i);
  return words;
}

static gboolean
after_colon (Scan  *s,
             Quote *q)
{
  gint i = q->first - 1;

  while (i >= 0 && token (s, i)->quote == q->index)
    i--;
  return i >= 0 && token_is (s, i, ':');
}

/* Words a speaker is reported to have used for something: "nannte dies einen
 * „Militärputsch“", "sagte, Afghanistan sei ein „Opfer des Terrorismus“", "als
 * „Fest“ bezeichnete". An article before a quotation the verb follows makes the
 * quotation its subject instead („Die „Kampagne …“ berichtete"). */
static gboolean
partial_quote (Scan  *s,
               Quote *q)
{
  gint before = q->first - 1;

  while (before >= 0 && !is_word (s, before) && token (s, before)->quote == q->index)
    before--;
  if (q->cue.kind != CUE_VERB || !is_word (s, before) || token (s, before)->quote >= 0)
    return FALSE;
  if (q->cue_after)
    return is_lex (s, before, LEX_CONJUNCTIONS) && q->cue.first == q->after;
  return is_lex (s, before, LEX_DETERMINERS) || is_lex (s, before, LEX_CONJUNCTIONS);
}

/* Whether the quotation is worth suggesting at all. */
static gboolean
keep_quote (Scan  *s,
            Quote *q)
{
  guint words = count_words (s, q);

  if (words == 0)
    return FALSE;
  if (looks_like_title (s, q))
    return q->has_cue && ((q->cue_after && q->attached) || partial_quote (s, q));
  /* „heise online“ berichtet: the quoted words are who speaks. */
  if (q->has_cue && q->cue_after && !q->attached && words <= 3 && q->subject.kind == SUBJECT_NONE)
    return FALSE;
  /* Two words in marks with no one saying them are mostly scare quotes. */
  return q->has_cue || words > 2 || after_colon (s, q);
}

static void
remember_speaker (Scan          *s,
                  const Subject *name)
{
  gint last = name->name_last > 0 ? name->name_last : name->last;
  Mention m = { token (s, name->start)->start, token (s, name->last)->end,
                g_strdup (token (s, last)->fold) };

  g_array_append_val (s->speakers, m);
}

static void
set_range (Scan          *s,
           GlossFragment *range,
           gint           first,
           gint           last)
{
  range->start = token (s, first)->start;
  range->end = token (s, last)->end;
}

/* "Köhler: „…“": with no cue, the subject of the clause before the colon. */
static void
find_colon_subject (Scan  *s,
                    Quote *q)
{
  gint colon = q->first - 1, start;

  while (colon >= 0 && token (s, colon)->quote == q->index)
    colon--;
  if (colon <= 0 || !token_is (s, colon, ':'))
    return;
  /* The clause's start, looked for over a bounded stretch so that a text
   * without full stops stays linear. */
  for (start = colon - 1; start > 0 && colon - start < 60; start--)
    if (token (s, start)->quote < 0 && (token (s, start)->flags & (TOKEN_SENTENCE_START | TOKEN_NEWLINE_BEFORE)))
      break;
  _gloss_suggest_clause_subject (s, start, colon - 1, &q->subject);
}

static GlossQuoteSuggestion *
suggest_quote (Scan *s,
               gint  index)
{
  const Candidate *c = candidate (s, index);
  g_autoptr(GlossQuoteSuggestion) suggestion = gloss_quote_suggestion_new (c->start, c->end);
  Quote q = { index };
  Subject speaker;

  q.first = _gloss_suggest_token_at_or_after (s, c->start + c->open_len);
  q.last = _gloss_suggest_token_at_or_after (s, c->end - c->close_len) - 1;
  q.after = _gloss_suggest_token_at_or_after (s, c->end);

  if (!_gloss_suggest_find_cue_after (s, &q))
    _gloss_suggest_find_cue_before (s, &q);
  if (q.has_cue)
    q.subject = _gloss_suggest_find_subject (s, &q);
  else
    find_colon_subject (s, &q);
  if (!keep_quote (s, &q))
    return NULL;

  if (q.has_cue)
    set_range (s, &suggestion->cue, q.cue.first, q.cue.last);
  speaker = q.subject;
  if (speaker.kind == SUBJECT_PRONOUN || speaker.kind == SUBJECT_RELATIVE)
    {
      gint via = speaker.start;

      if (!(speaker.kind == SUBJECT_PRONOUN ? _gloss_suggest_resolve_pronoun (s, via, &speaker)
                                            : _gloss_suggest_resolve_relative (s, via, &speaker)))
        return g_steal_pointer (&suggestion);
      set_range (s, &suggestion->via, via, via);
    }
  else
    _gloss_suggest_whole_phrase (s, &q, &speaker);
  _gloss_suggest_snap_to_entity (s, &speaker);
  if (speaker.kind == SUBJECT_NONE)
    return g_steal_pointer (&suggestion);

  set_range (s, &suggestion->speaker, speaker.start, speaker.last);
  if (speaker.entity > 0)
    {
      const Entity *e = &g_array_index (s->entities, Entity, speaker.entity - 1);

      suggestion->speaker = (GlossFragment) { e->start, e->end };
    }
  suggestion->speaker_kind = speaker.kind == SUBJECT_DESCRIPTION ? GLOSS_SPEAKER_DESCRIPTION
                                                                  : GLOSS_SPEAKER_NAME;
  if (suggestion->speaker_kind == GLOSS_SPEAKER_NAME)
    remember_speaker (s, &speaker);
  /* What "they" and "it" may stand for: a description, an organisation. */
  if (speaker.kind == SUBJECT_DESCRIPTION || speaker.entity > 0
      || (speaker.start == speaker.last && _gloss_suggest_is_acronym (s, speaker.start)))
    s->group = speaker;
  return g_steal_pointer (&suggestion);
}

/* Paragraph breaks between two offsets. */
static guint
paragraphs_between (Scan *s,
                    gint  from,
                    gint  to)
{
  guint breaks = 0;

  for (gint p = from; p < to; p++)
    if (s->text[p] == '\n' && (p == from || s->text[p - 1] != '\n'))
      breaks++;
  return breaks;
}

/* A quotation with nothing saying whose it is goes on with the speaker of the
 * quotation before it, in the same paragraph or the next. */
static void
continue_speaker (Scan                       *s,
                  const GlossQuoteSuggestion *before,
                  GlossQuoteSuggestion       *suggestion)
{
  if (before == NULL || suggestion->cue.start >= 0 || suggestion->speaker.start >= 0
      || before->speaker.start < 0 || paragraphs_between (s, before->end, suggestion->start) > 1)
    return;
  suggestion->speaker = before->speaker;
  suggestion->speaker_kind = before->speaker_kind;
}

/**
 * _gloss_suggest_scan_init:
 * @language: (nullable): the text's language, or %NULL to guess it
 * @speakers: (nullable) (element-type GlossFragment): mentions tagged with a
 *   label that can speak
 *
 * Reads @text into @s: its tokens and sentences, its quotation marks paired.
 * What the quote and claim passes share; _gloss_suggest_scan_clear () frees it.
 */
void
_gloss_suggest_scan_init (Scan       *s,
                          const char *text,
                          const char *language,
                          GArray     *speakers)
{
  g_autoptr(GlossTextIndex) index = gloss_text_index_new (text, -1);
  glong n = 0;

  *s = (Scan) { NULL };
  s->text = g_utf8_to_ucs4_fast (text, -1, &n);
  s->n = n;
  s->lang = _gloss_suggest_lexicon_for_code (language);
  s->speakers = g_array_new (FALSE, FALSE, sizeof (Mention));
  g_array_set_clear_func (s->speakers, (GDestroyNotify) mention_clear);

  _gloss_suggest_build_tokens (s, text, index);
  if (s->lang == NULL)
    {
      s->lang = _gloss_suggest_guess_language (s);
      g_clear_pointer (&s->tokens, g_array_unref);
      _gloss_suggest_build_tokens (s, text, index);
    }
  _gloss_suggest_mark_sentence_starts (s);
  _gloss_suggest_collect_lower_forms (s);
  _gloss_suggest_mark_entities (s, speakers);
  _gloss_suggest_collect_surnames (s);
  _gloss_suggest_find_candidates (s);
  _gloss_suggest_assign_tokens (s);
}

void
_gloss_suggest_scan_clear (Scan *s)
{
  g_clear_pointer ((gunichar **) &s->text, g_free);
  g_clear_pointer (&s->tokens, g_array_unref);
  g_clear_pointer (&s->candidates, g_array_unref);
  g_clear_pointer (&s->lower_forms, g_hash_table_unref);
  g_clear_pointer (&s->speakers, g_array_unref);
  g_clear_pointer (&s->surnames, g_hash_table_unref);
  g_clear_pointer (&s->entities, g_array_unref);
  g_clear_pointer (&s->quote_of, g_ptr_array_unref);
}

/**
 * _gloss_suggest_scan_quotes:
 * @cancellable: (nullable): checked before each quotation, so that a long text
 *   stops at once
 *
 * The quote suggestions of a scanned text. Afterwards @s->quote_of gives the
 * suggestion of each candidate, borrowed from the array returned.
 *
 * Returns: (transfer container) (nullable): the suggestions in text order, or
 *   %NULL when cancelled
 */
GPtrArray *
_gloss_suggest_scan_quotes (Scan         *s,
                            GCancellable *cancellable)
{
  g_autoptr(GPtrArray) suggestions =
    g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_quote_suggestion_free);

  g_clear_pointer (&s->quote_of, g_ptr_array_unref);
  s->quote_of = g_ptr_array_new ();
  for (guint i = 0; i < s->candidates->len; i++)
    {
      GlossQuoteSuggestion *suggestion;

      if (g_cancellable_is_cancelled (cancellable))
        return NULL;
      suggestion = suggest_quote (s, i);
      g_ptr_array_add (s->quote_of, suggestion);
      if (suggestion == NULL)
        continue;
      if (suggestions->len > 0)
        continue_speaker (s, g_ptr_array_index (suggestions, suggestions->len - 1), suggestion);
      g_ptr_array_add (suggestions, suggestion);
    }
  return g_steal_pointer (&suggestions);
}

/**
 * gloss_suggest_quotes:
 * @text: a document text (UTF-8)
 * @language: (nullable): its language ("en", "de", "ru", "fr"), or %NULL to
 *   guess it from the text
 * @cancellable: (nullable): checked before each quotation, so that a long text
 *   stops at once
 *
 * Finds the quotations of @text: text between paired quotation marks of the
 * common styles (mixed pairs, several paragraphs and nesting included; an inner
 * quotation is part of the outer one), each with the speech verb or phrase next
 * to it and who it belongs to.
 *
 * Returns: (transfer container) (element-type GlossQuoteSuggestion) (nullable):
 *   the suggestions in text order, or %NULL when cancelled
 */
GPtrArray *
gloss_suggest_quotes (const char   *text,
                      const char   *language,
                      GCancellable *cancellable)
{
  return gloss_suggest_quotes_with_speakers (text, language, NULL, cancellable);
}

/**
 * gloss_suggest_quotes_with_speakers:
 * @speakers: (nullable) (element-type GlossFragment): mentions the annotator
 *   already tagged with a label that can speak (PERSON, ORG, …), in any order
 *
 * As gloss_suggest_quotes (), preferring the tagged mentions as speakers: one
 * in the phrase next to a cue is taken before any other word there, and a
 * speaker found that holds or overlaps one becomes exactly that mention, so
 * that accepting links to the annotation already there.
 */
GPtrArray *
gloss_suggest_quotes_with_speakers (const char   *text,
                                    const char   *language,
                                    GArray       *speakers,
                                    GCancellable *cancellable)
{
  return gloss_suggest_text (text, language, speakers, GLOSS_SUGGEST_QUOTES, cancellable);
}
