/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-suggest"

#include "config.h"

#include <string.h>

#include "gloss-suggest-private.h"

/* Claim suggestions: sentences that assert something a fact-checker can check —
 * figures, comparisons, records, what happened and why, what someone did. Each
 * sentence is scored by the weighted words of its language's claim lexicon
 * ("percent", "voted", "i think", "*ed") and a few signals (digits, years, %,
 * currency, a question); one that reaches the lexicon's threshold is suggested:
 * the sentence, or the claim a reporting clause brings in ("X said (that) …",
 * "…, according to X", "laut X …"), with X as its claimant. A claim inside a
 * quotation is the quotation's speaker's. One pass over the sentences, each
 * read a bounded number of times: linear in the text. */

/* Words a reporting clause may take before the claim it brings in. */
#define FRAME_WORDS 10

typedef struct
{
  const ClaimLexicon *lex;
  guint              *seen;      /* entry id → the count of the sentence that last scored it */
  guint               round;     /* counts scorings, from 1 */
  guint               signals;   /* a bit per ClaimSignal scored this round */
  double              score;
} Scorer;

/* What is suggested for one sentence. */
typedef struct
{
  gint                        first;     /* tokens, inclusive */
  gint                        last;
  gint                        skip;      /* code points of the first token not in the claim ("qu'") */
  gboolean                    has_cue;
  Cue                         cue;
  Subject                     claimant;
  const GlossQuoteSuggestion *quote;     /* the quotation the claim is in */
} Claim;

/* ---- Scoring ---------------------------------------------------------------------- */

static gboolean
word_matches (const char *fold,
              const char *pattern)
{
  gsize length = strlen (pattern);

  if (length > 0 && pattern[length - 1] == '*')
    return strncmp (fold, pattern, length - 1) == 0;
  return strcmp (fold, pattern) == 0;
}

/* The token's lower-case text with straight apostrophes: @owned when it had
 * to be made, else the token's own. */
static const char *
claim_fold (Scan  *s,
            gint   i,
            char **owned)
{
  const char *fold = token (s, i)->fold;

  if (strstr (fold, "\xe2\x80\x99") == NULL)
    return fold;
  *owned = _gloss_suggest_claim_fold (fold, -1);
  return *owned;
}

/* The words of @entry, one after the other from token @i, within @last. */
static gboolean
entry_matches (Scan             *s,
               gint              i,
               gint              last,
               const char       *fold,
               const ClaimEntry *entry)
{
  if (!word_matches (fold, entry->words[0]))
    return FALSE;
  for (guint w = 1; w < entry->n_words; w++)
    {
      g_autofree char *owned = NULL;

      if (i + (gint) w > last || !is_word (s, i + w)
          || !word_matches (claim_fold (s, i + w, &owned), entry->words[w]))
        return FALSE;
    }
  return TRUE;
}

static void
count_entry (Scorer           *sc,
             const ClaimEntry *entry)
{
  if (sc->seen[entry->id] == sc->round)
    return;
  sc->seen[entry->id] = sc->round;
  sc->score += entry->weight;
}

static void
count_signal (Scorer      *sc,
              ClaimSignal  signal)
{
  if (sc->signals & (1u << signal))
    return;
  sc->signals |= 1u << signal;
  sc->score += sc->lex->signals[signal];
}

/* Scores the entries of @bucket that start at token @i; whether one of them is
 * the word alone. */
static gboolean
score_bucket (Scan       *s,
              Scorer     *sc,
              GPtrArray  *bucket,
              gint        i,
              gint        last,
              const char *fold)
{
  gboolean single = FALSE;

  for (guint e = 0; bucket != NULL && e < bucket->len; e++)
    {
      const ClaimEntry *entry = g_ptr_array_index (bucket, e);

      if (!entry_matches (s, i, last, fold, entry))
        continue;
      count_entry (sc, entry);
      single |= entry->n_words == 1;
    }
  return single;
}

/* The longest "*suffix" the word ends in, when it is longer than the suffix
 * by three letters or more. */
static void
score_suffix (Scorer     *sc,
              const char *fold)
{
  glong length = g_utf8_strlen (fold, -1);

  for (glong n = MIN ((glong) sc->lex->longest_suffix, length - 3); n >= 1; n--)
    {
      const ClaimEntry *entry = g_hash_table_lookup (sc->lex->by_suffix, g_utf8_offset_to_pointer (fold, length - n));

      if (entry != NULL)
        {
          count_entry (sc, entry);
          return;
        }
    }
}

static gboolean
is_cue_word (Scan *s,
             gint  i)
{
  Cue cue;

  return _gloss_suggest_match_cue (s, i, &cue) && cue.kind == CUE_VERB;
}

static void
score_words (Scan   *s,
             Scorer *sc,
             gint    i,
             gint    last)
{
  g_autofree char *owned = NULL;
  const char *fold = claim_fold (s, i, &owned);
  gboolean single = score_bucket (s, sc, g_hash_table_lookup (sc->lex->by_word, fold), i, last, fold);
  const char *end = fold;
  char key[4 * CLAIM_PREFIX_KEY + 1];

  /* The stems filed under the word's first letter, first two, first three. */
  for (guint letters = 1; letters <= CLAIM_PREFIX_KEY && *end != '\0'; letters++)
    {
      end = g_utf8_next_char (end);
      memcpy (key, fold, end - fold);
      key[end - fold] = '\0';
      single |= score_bucket (s, sc, g_hash_table_lookup (sc->lex->by_prefix, key), i, last, fold);
    }
  /* A word the lexicon names is weighed as named, not by its ending; a speech
   * verb's past ("added", "sagte") tells of the report, not of a fact. */
  if (!single && !(token (s, i)->flags & TOKEN_NUMBER) && !is_cue_word (s, i))
    score_suffix (sc, fold);
}

static gboolean
is_year (Scan *s,
         gint  i)
{
  Token *t = token (s, i);
  guint64 value = 0;

  return t->end - t->start == 4 && g_ascii_string_to_unsigned (t->fold, 10, 1000, 2099, &value, NULL);
}

/* A capitalised word inside the sentence, not "I" nor a pronoun. */
static gboolean
is_name (Scan *s,
         gint  i,
         gint  first)
{
  Token *t = token (s, i);

  return i > first && (t->flags & TOKEN_UPPER) && !(t->flags & TOKEN_SENTENCE_START)
         && strcmp (t->fold, "i") != 0 && !g_str_has_prefix (t->fold, "i'")
         && !g_str_has_prefix (t->fold, "i\xe2\x80\x99") && !lex_has (s->lang, LEX_PRONOUNS, t->fold);
}

static void
score_token (Scan   *s,
             Scorer *sc,
             gint    i,
             gint    first,
             gint    last)
{
  gunichar c = s->text[token (s, i)->start];

  if (is_word (s, i))
    {
      if (token (s, i)->flags & TOKEN_NUMBER)
        count_signal (sc, is_year (s, i) ? CLAIM_SIGNAL_YEAR : CLAIM_SIGNAL_DIGITS);
      else if (is_name (s, i, first))
        count_signal (sc, CLAIM_SIGNAL_NAME);
      score_words (s, sc, i, last);
    }
  else if (c == '%' || c == 0x2030 || c == 0xFF05)
    count_signal (sc, CLAIM_SIGNAL_PERCENT);
  else if (g_unichar_type (c) == G_UNICODE_CURRENCY_SYMBOL)
    count_signal (sc, CLAIM_SIGNAL_CURRENCY);
  else if (c == '?' || c == 0xFF1F)
    count_signal (sc, CLAIM_SIGNAL_QUESTION);
  else if (c == '!' || c == 0xFF01)
    count_signal (sc, CLAIM_SIGNAL_EXCLAMATION);
}

/* A headline, a caption, a dateline: words that end without a full stop, a
 * question or an exclamation mark (closing marks and brackets aside). */
static gboolean
is_fragment (Scan *s,
             gint  first,
             gint  last)
{
  for (gint i = last; i >= first; i--)
    {
      gunichar c = s->text[token (s, i)->start];
      GUnicodeType type = g_unichar_type (c);

      if (is_word (s, i))
        return TRUE;
      if (c == '.' || c == '!' || c == '?' || c == 0x2026 || c == ';' || c == ':' || c == 0x3002
          || c == 0xFF01 || c == 0xFF1F)
        return FALSE;
      if (type != G_UNICODE_FINAL_PUNCTUATION && type != G_UNICODE_INITIAL_PUNCTUATION
          && type != G_UNICODE_CLOSE_PUNCTUATION && c != '"' && c != '\'')
        return TRUE;
    }
  return TRUE;
}

/* The score of tokens [first, last]; @words counts their words. With
 * @quote ≥ 0, only the tokens of that quotation count. A sentence is short
 * by its words of letters: "05/08/2008 10:35" has none. */
static double
score_range (Scan   *s,
             Scorer *sc,
             gint    first,
             gint    last,
             gint    quote,
             guint  *words)
{
  guint n = 0, letters = 0;

  sc->round++;
  sc->signals = 0;
  sc->score = 0;
  for (gint i = first; i <= last; i++)
    {
      if (quote >= 0 && token (s, i)->quote != quote)
        continue;
      n += is_word (s, i);
      letters += is_word (s, i) && !(token (s, i)->flags & TOKEN_NUMBER);
      score_token (s, sc, i, first, last);
    }
  if (letters < sc->lex->short_sentence)
    count_signal (sc, CLAIM_SIGNAL_SHORT);
  if (quote < 0 && is_fragment (s, first, last))
    count_signal (sc, CLAIM_SIGNAL_FRAGMENT);
  if (words != NULL)
    *words = n;
  return sc->score;
}

/* ---- Where the claim is ------------------------------------------------------------ */

/* The words of a lead at token @i ("and", "of course", "i mean"): up to
 * five, or 0. */
static guint
lead_at (Scan               *s,
         const ClaimLexicon *lex,
         gint                i,
         gint                last)
{
  g_autoptr(GString) words = g_string_new (NULL);
  guint found = 0;

  for (guint n = 1; n <= 5 && i <= last && is_word (s, i); n++, i++)
    {
      g_autofree char *owned = NULL;

      if (n > 1)
        g_string_append_c (words, ' ');
      g_string_append (words, claim_fold (s, i, &owned));
      if (g_hash_table_contains (lex->leads, words->str))
        found = n;
    }
  return found;
}

/* A token a claim neither starts nor ends with: punctuation, marks, dashes;
 * not a currency sign, a per cent sign or a bracket that closes. */
static gboolean
is_edge_punctuation (Scan     *s,
                     gint      i,
                     gboolean  at_end)
{
  gunichar c = s->text[token (s, i)->start];

  if (is_word (s, i) || g_unichar_type (c) == G_UNICODE_CURRENCY_SYMBOL)
    return FALSE;
  if (at_end && (c == '%' || c == 0x2030 || c == ')' || c == ']'))
    return FALSE;
  return TRUE;
}

/* Past the words that open a sentence without belonging to its claim
 * ("And", "Well,", "Uh -", "Aber"), and the punctuation after them. */
static gint
skip_leads (Scan               *s,
            const ClaimLexicon *lex,
            gint                first,
            gint                last)
{
  for (guint n = 0; first <= last && n < 6; n++)
    {
      guint words;

      while (first <= last && is_edge_punctuation (s, first, FALSE))
        first++;
      if (first > last || (words = lead_at (s, lex, first, last)) == 0)
        break;
      first += words;
    }
  while (first <= last && is_edge_punctuation (s, first, FALSE))
    first++;
  return first;
}

static gint
trim_end (Scan *s,
          gint  first,
          gint  last)
{
  while (last >= first && is_edge_punctuation (s, last, TRUE))
    last--;
  return last;
}

static guint
count_words (Scan *s,
             gint  first,
             gint  last)
{
  guint n = 0;

  for (gint i = first; i <= last; i++)
    n += is_word (s, i);
  return n;
}

static gboolean
is_clause_mark (Scan *s,
                gint  i)
{
  return token_is (s, i, ',') || token_is (s, i, ':') || token_is (s, i, ';')
         || (!is_word (s, i) && is_dash (s->text[token (s, i)->start]));
}

/* Where the claim starts after a cue: past commas, a colon and a
 * complementizer ("that", "dass", "что", "que", or the "qu'" of "qu'il"). */
static gint
after_cue (Scan               *s,
           const ClaimLexicon *lex,
           gint                i,
           gint                last,
           gint               *skip)
{
  g_autofree char *owned = NULL;
  const char *fold, *apostrophe;

  while (i <= last && is_clause_mark (s, i))
    i++;
  if (i > last || !is_word (s, i))
    return i;
  fold = claim_fold (s, i, &owned);
  if (g_hash_table_contains (lex->complementizers, fold))
    return i + 1;
  apostrophe = strchr (fold, '\'');
  if (apostrophe != NULL && apostrophe[1] != '\0')
    {
      g_autofree char *head = g_strndup (fold, apostrophe + 1 - fold);

      if (g_hash_table_contains (lex->complementizers, head))
        *skip = g_utf8_strlen (head, -1);
    }
  return i;
}

/* The first cue in [first, last] outside quotations. */
static gboolean
first_cue (Scan *s,
           gint  first,
           gint  last,
           Cue  *cue)
{
  for (gint i = first; i <= last; i++)
    if (is_word (s, i) && token (s, i)->quote < 0 && _gloss_suggest_match_cue (s, i, cue)
        && cue->last <= last)
      return TRUE;
  return FALSE;
}

static gboolean
subject_in (Scan    *s,
            gint     first,
            gint     last,
            Subject *out)
{
  *out = (Subject) { SUBJECT_NONE, -1, -1 };
  return first <= last && _gloss_suggest_clause_subject (s, first, last, out);
}

/* The comma or dash right before token @i (past nothing else), or -1. */
static gint
mark_before (Scan *s,
             gint  i,
             gint  first)
{
  return i - 1 > first && is_clause_mark (s, i - 1) ? i - 1 : -1;
}

/* The first comma or dash after token @i within a few words, or -1. */
static gint
mark_after (Scan *s,
            gint  i,
            gint  last)
{
  for (gint j = i + 1; j <= last && j - i <= FRAME_WORDS; j++)
    if (is_clause_mark (s, j))
      return j;
  return -1;
}

/* The token after a speech verb's commas that is a complementizer ("said
 * that"), or -1: who spoke is not looked for past it. */
static gint
complementizer_after (Scan               *s,
                      const ClaimLexicon *lex,
                      gint                i,
                      gint                last)
{
  g_autofree char *owned = NULL;

  while (i <= last && is_clause_mark (s, i))
    i++;
  return i <= last && is_word (s, i) && g_hash_table_contains (lex->complementizers, claim_fold (s, i, &owned))
         ? i : -1;
}

/* Who the speech verb says spoke, between @from and @to. */
static gboolean
verb_subject (Scan      *s,
              const Cue *cue,
              gint       limit,
              gint       from,
              gint       to,
              Subject   *out)
{
  *out = _gloss_suggest_subject_of_cue (s, cue, limit);
  if (out->kind != SUBJECT_NONE && out->start >= from && out->last <= to)
    return TRUE;
  *out = (Subject) { SUBJECT_NONE, -1, -1 };
  return FALSE;
}

/* "X said (that) …" · "Gestern sagte Scholz, …" */
static gboolean
verb_before (Scan               *s,
             const ClaimLexicon *lex,
             Claim              *claim,
             gint                last)
{
  const Cue *cue = &claim->cue;
  gint limit = complementizer_after (s, lex, cue->last + 1, last);

  /* "called on Turkey to …": a verb with a preposition reports no claim */
  if (cue->first - claim->first > FRAME_WORDS || is_lex (s, cue->last + 1, LEX_PREPOSITIONS)
      || !verb_subject (s, cue, limit, claim->first, last, &claim->claimant))
    return FALSE;
  claim->first = after_cue (s, lex, MAX (cue->last, claim->claimant.last) + 1, last, &claim->skip);
  return count_words (s, claim->first, last) >= lex->shortest_claim;
}

/* "…, X said" · "…, said X" · "…, sagte Scholz" */
static gboolean
verb_after (Scan               *s,
            const ClaimLexicon *lex,
            Claim              *claim,
            gint                last)
{
  const Cue *cue = &claim->cue;
  gint comma, first = claim->first;

  /* the clause after the claim: its last comma before the cue */
  for (comma = cue->first - 1; comma > first && cue->first - comma <= FRAME_WORDS; comma--)
    if (is_clause_mark (s, comma))
      break;
  /* … and the clause holds little more than who said it */
  if (comma <= first || !is_clause_mark (s, comma) || count_words (s, first, comma - 1) < lex->shortest_claim
      || count_words (s, cue->last + 1, last) > FRAME_WORDS / 2)
    return FALSE;
  /* "…, and police were called": a clause of its own, not who said it */
  for (gint i = comma + 1; i < cue->first; i++)
    if (is_lex (s, i, LEX_COORDINATORS) || is_lex (s, i, LEX_CONJUNCTIONS))
      return FALSE;
  if (!verb_subject (s, cue, -1, comma + 1, last, &claim->claimant))
    return FALSE;
  claim->last = comma - 1;
  return TRUE;
}

static gboolean
verb_frame (Scan               *s,
            const ClaimLexicon *lex,
            Claim              *claim,
            gint                last)
{
  Claim before = *claim;

  if (claim->cue.first > claim->first && verb_before (s, lex, &before, last))
    {
      *claim = before;
      return TRUE;
    }
  return verb_after (s, lex, claim, last);
}

/* "according to X, …" · "…, according to X" · "…, so X" · "Laut X ist …" */
static gboolean
source_frame (Scan               *s,
              const ClaimLexicon *lex,
              Claim              *claim,
              gint                last)
{
  const Cue *cue = &claim->cue;
  gint comma;

  if (cue->first == claim->first)
    {
      comma = mark_after (s, cue->last, last);
      if (comma < 0 || count_words (s, comma + 1, last) < lex->shortest_claim)
        return FALSE;
      subject_in (s, cue->last + 1, comma - 1, &claim->claimant);
      claim->first = comma + 1;
      return TRUE;
    }
  comma = mark_before (s, cue->first, claim->first);
  if (comma < 0 || count_words (s, claim->first, comma - 1) < lex->shortest_claim)
    return FALSE;
  subject_in (s, cue->last + 1, last, &claim->claimant);
  claim->last = comma - 1;
  return TRUE;
}

/* "Regierungsangaben zufolge …" · "по его словам, …" */
static gboolean
source_before_frame (Scan               *s,
                     const ClaimLexicon *lex,
                     Claim              *claim,
                     gint                last)
{
  const Cue *cue = &claim->cue;

  if (count_words (s, cue->last + 1, last) < lex->shortest_claim || cue->first - claim->first > FRAME_WORDS)
    return FALSE;
  if (cue->kind == CUE_PRONOUN_INSIDE)
    claim->claimant = (Subject) { SUBJECT_PRONOUN, cue->first + 1, cue->first + 1 };
  else
    subject_in (s, claim->first, cue->first - 1, &claim->claimant);
  claim->first = after_cue (s, lex, cue->last + 1, last, &claim->skip);
  return TRUE;
}

/* A reporting clause in the sentence: the claim is what it brings in. */
static void
find_frame (Scan               *s,
            const ClaimLexicon *lex,
            Claim              *claim)
{
  Claim framed = *claim;
  gboolean found;

  if (!first_cue (s, claim->first, claim->last, &framed.cue))
    return;
  switch (framed.cue.kind)
    {
    case CUE_VERB:
      found = verb_frame (s, lex, &framed, claim->last);
      break;
    case CUE_SOURCE_AFTER:
    case CUE_SO:
      found = source_frame (s, lex, &framed, claim->last);
      break;
    case CUE_SOURCE_BEFORE:
    case CUE_PRONOUN_INSIDE:
    default:
      found = source_before_frame (s, lex, &framed, claim->last);
      break;
    }
  framed.last = trim_end (s, framed.first, framed.last);
  while (framed.first <= framed.last && is_edge_punctuation (s, framed.first, FALSE) && framed.skip == 0)
    framed.first++;
  if (!found || count_words (s, framed.first, framed.last) < lex->shortest_claim)
    return;
  framed.has_cue = TRUE;
  *claim = framed;
}

/* Words of the sentence inside one quotation and outside any: the quotation
 * the first quoted word is in, and its first and last token in the sentence. */
static gint
quotation_in (Scan  *s,
              gint   first,
              gint   last,
              gint  *inside_first,
              gint  *inside_last,
              guint *outside)
{
  gint quote = -1;

  *outside = 0;
  for (gint i = first; i <= last; i++)
    {
      Token *t = token (s, i);

      if (!is_word (s, i))
        continue;
      if (t->quote < 0)
        (*outside)++;
      else if (quote < 0 || t->quote == quote)
        {
          if (quote < 0)
            *inside_first = i;
          quote = t->quote;
          *inside_last = i;
        }
    }
  return quote;
}

static const GlossQuoteSuggestion *
quote_suggestion (Scan *s,
                  gint  candidate)
{
  if (s->quote_of == NULL || candidate < 0 || candidate >= (gint) s->quote_of->len)
    return NULL;
  return g_ptr_array_index (s->quote_of, candidate);
}

/* The quotation's cue is in [first, last], and little else is outside it:
 * "“…,” Putin said at a news conference." */
static gboolean
reports_quotation (Scan                       *s,
                   const GlossQuoteSuggestion *quote,
                   gint                        first,
                   gint                        last,
                   guint                       outside)
{
  return quote != NULL && quote->cue.start >= token (s, first)->start && quote->cue.end <= token (s, last)->end
         && outside <= FRAME_WORDS + FRAME_WORDS / 2;
}

/* The claim of a sentence that scored: the quotation it reports when that is
 * where the claim is, else the sentence or what its reporting clause brings
 * in. FALSE when the sentence scored only by its reporting clause ("Ms King
 * said she was “delighted”"). */
static gboolean
place_claim (Scan   *s,
             Scorer *sc,
             Claim  *claim)
{
  gint in_first = -1, in_last = -1, quote;
  guint outside = 0;
  const GlossQuoteSuggestion *reported;
  gboolean scores;

  quote = quotation_in (s, claim->first, claim->last, &in_first, &in_last, &outside);
  if (quote >= 0 && outside == 0)
    {
      claim->quote = quote_suggestion (s, quote);
      return TRUE;
    }
  reported = quote >= 0 ? quote_suggestion (s, quote) : NULL;
  if (reported != NULL && reported->cue.start >= 0)
    {
      scores = score_range (s, sc, in_first, in_last, quote, NULL) >= sc->lex->threshold
               && count_words (s, in_first, in_last) >= sc->lex->shortest_claim;
      if (scores)
        {
          claim->first = in_first;
          claim->last = trim_end (s, in_first, in_last);
          claim->quote = reported;
          return TRUE;
        }
      if (reports_quotation (s, reported, claim->first, claim->last, outside))
        return FALSE;
    }
  find_frame (s, sc->lex, claim);
  return TRUE;
}

/* ---- Suggestions --------------------------------------------------------------------- */

static void
set_range (Scan          *s,
           GlossFragment *range,
           gint           first,
           gint           last)
{
  range->start = token (s, first)->start;
  range->end = token (s, last)->end;
}

/* Who makes the claim, found as a quotation's speaker is. */
static void
set_claimant (Scan                 *s,
              const Claim          *claim,
              GlossQuoteSuggestion *suggestion)
{
  Subject speaker = claim->claimant;
  Quote frame = { -1 };

  set_range (s, &suggestion->cue, claim->cue.first, claim->cue.last);
  if (speaker.kind == SUBJECT_PRONOUN || speaker.kind == SUBJECT_RELATIVE)
    {
      gint via = speaker.start;

      if (!(speaker.kind == SUBJECT_PRONOUN ? _gloss_suggest_resolve_pronoun (s, via, &speaker)
                                            : _gloss_suggest_resolve_relative (s, via, &speaker)))
        return;
      set_range (s, &suggestion->via, via, via);
    }
  else
    {
      frame.has_cue = TRUE;
      frame.cue = claim->cue;
      _gloss_suggest_whole_phrase (s, &frame, &speaker);
    }
  _gloss_suggest_snap_to_entity (s, &speaker);
  if (speaker.kind == SUBJECT_NONE)
    return;
  set_range (s, &suggestion->speaker, speaker.start, speaker.last);
  if (speaker.entity > 0)
    {
      const Entity *e = &g_array_index (s->entities, Entity, speaker.entity - 1);

      suggestion->speaker = (GlossFragment) { e->start, e->end };
    }
  suggestion->speaker_kind = speaker.kind == SUBJECT_DESCRIPTION ? GLOSS_SPEAKER_DESCRIPTION
                                                                  : GLOSS_SPEAKER_NAME;
}

static GlossQuoteSuggestion *
suggestion_for (Scan        *s,
                const Claim *claim)
{
  GlossQuoteSuggestion *suggestion = gloss_claim_suggestion_new (token (s, claim->first)->start + claim->skip,
                                                                 token (s, claim->last)->end);

  if (claim->quote != NULL)
    {
      suggestion->cue = claim->quote->cue;
      suggestion->speaker = claim->quote->speaker;
      suggestion->speaker_kind = claim->quote->speaker_kind;
      suggestion->via = claim->quote->via;
    }
  else if (claim->has_cue)
    set_claimant (s, claim, suggestion);
  return suggestion;
}

/* The suggestion for the sentence of tokens [first, last], or NULL. */
static GlossQuoteSuggestion *
suggest_sentence (Scan   *s,
                  Scorer *sc,
                  gint    first,
                  gint    last)
{
  Claim claim = { 0 };
  guint words = 0;

  first = skip_leads (s, sc->lex, first, last);
  if (first > last || score_range (s, sc, first, last, -1, &words) < sc->lex->threshold
      || words > sc->lex->longest_sentence)
    return NULL;
  claim.first = first;
  claim.last = trim_end (s, first, last);
  if (claim.last < claim.first || !place_claim (s, sc, &claim))
    return NULL;
  return suggestion_for (s, &claim);
}

/* A new line, or a sentence start in capitals or digits: "servicemen... are"
 * goes on. */
static gboolean
starts_sentence (Scan *s,
                 gint  i)
{
  Token *t = token (s, i);

  return (t->flags & TOKEN_NEWLINE_BEFORE)
         || ((t->flags & TOKEN_SENTENCE_START) && (t->flags & (TOKEN_UPPER | TOKEN_NUMBER)));
}

/**
 * _gloss_suggest_scan_claims:
 * @s: a scanned text whose quotations were suggested (_gloss_suggest_scan_quotes ())
 * @lexicon: the claim lexicon of its language
 * @cancellable: (nullable): checked before each sentence
 *
 * Returns: (transfer container) (nullable): the claim suggestions in text
 *   order, or %NULL when cancelled
 */
GPtrArray *
_gloss_suggest_scan_claims (Scan               *s,
                            const ClaimLexicon *lexicon,
                            GCancellable       *cancellable)
{
  g_autoptr(GPtrArray) claims = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_quote_suggestion_free);
  g_autofree guint *seen = g_new0 (guint, MAX (lexicon->entries->len, 1));
  Scorer sc = { lexicon, seen, 0 };
  gint n = s->tokens->len, start = 0;

  for (gint i = 1; i <= n; i++)
    {
      GlossQuoteSuggestion *suggestion;

      if (i < n && !starts_sentence (s, i))
        continue;
      if (g_cancellable_is_cancelled (cancellable))
        return NULL;
      suggestion = suggest_sentence (s, &sc, start, i - 1);
      if (suggestion != NULL)
        g_ptr_array_add (claims, suggestion);
      start = i;
    }
  return g_steal_pointer (&claims);
}
