/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Claim suggestions on their own: check-worthy sentences and the ones that are
 * not, in English, German, Russian and French; the clause a reporting clause
 * brings in and its claimant; a claim inside a quotation; offsets in code
 * points over emoji, curly quotes and combining marks; the claim lexicon's
 * format and errors; cancellation. */
#include <string.h>

#include "gloss-suggest-private.h"

/* ---- Helpers -------------------------------------------------------------------- */

static char *
slice (const char *text,
       gint        start,
       gint        end)
{
  const char *from, *to;

  g_assert_cmpint (start, >=, 0);
  g_assert_cmpint (start, <, end);
  g_assert_cmpint (end, <=, g_utf8_strlen (text, -1));
  from = g_utf8_offset_to_pointer (text, start);
  to = g_utf8_offset_to_pointer (from, end - start);
  return g_strndup (from, to - from);
}

static char *
range_text (const char          *text,
            const GlossFragment *range)
{
  return range->start < 0 ? NULL : slice (text, range->start, range->end);
}

typedef struct
{
  const char *claim;      /* the CLAIM span's text */
  const char *claimant;   /* NULL: none */
  const char *cue;        /* NULL: none */
} Expected;

static GPtrArray *
claims_of (const char *text,
           const char *language)
{
  GPtrArray *claims = gloss_suggest_claims (text, language, NULL);

  g_assert_nonnull (claims);
  for (guint i = 0; i < claims->len; i++)
    {
      const GlossQuoteSuggestion *c = g_ptr_array_index (claims, i);
      g_autofree char *claim = slice (text, c->start, c->end);

      g_test_message ("claim: %s", claim);
      g_assert_cmpint (c->kind, ==, GLOSS_SUGGESTION_CLAIM);
      g_assert_cmpint (c->rowid, ==, 0);
      g_assert_cmpint (c->status, ==, GLOSS_SUGGESTION_PENDING);
    }
  return claims;
}

/* @text holds exactly one claim, @expected. */
static void
assert_claim (const char     *text,
              const char     *language,
              const Expected *expected)
{
  g_autoptr(GPtrArray) claims = claims_of (text, language);
  const GlossQuoteSuggestion *c;
  g_autofree char *claim = NULL, *claimant = NULL, *cue = NULL;

  g_assert_cmpuint (claims->len, ==, 1);
  c = g_ptr_array_index (claims, 0);
  claim = slice (text, c->start, c->end);
  claimant = range_text (text, &c->speaker);
  cue = range_text (text, &c->cue);
  g_assert_cmpstr (claim, ==, expected->claim);
  g_assert_cmpstr (claimant, ==, expected->claimant);
  g_assert_cmpstr (cue, ==, expected->cue);
  g_assert_true ((c->speaker.start < 0) == (c->speaker_kind == GLOSS_SPEAKER_NONE));
}

static void
assert_no_claim (const char *text,
                 const char *language)
{
  g_autoptr(GPtrArray) claims = claims_of (text, language);

  g_assert_cmpuint (claims->len, ==, 0);
}

/* ---- Sentences, one language at a time ---------------------------------------------- */

static void
test_english (void)
{
  static const Expected unemployment = { "Unemployment fell to 4.5 percent last year, the lowest rate since 2001" };
  static const Expected deficit = { "the federal deficit has come down $70 billion in one year, in 1987" };
  static const Expected voted = { "Senator Smith voted against the bill twice" };

  assert_claim ("Unemployment fell to 4.5 percent last year, the lowest rate since 2001.", "en", &unemployment);
  /* "And" opens the sentence, not the claim. */
  assert_claim ("And, well, the federal deficit has come down $70 billion in one year, in 1987.", "en",
                &deficit);
  assert_claim ("Senator Smith voted against the bill twice.", "en", &voted);

  /* Opinions, plans, wishes, questions, thanks. */
  assert_no_claim ("I think we need to do much better for our families.", "en");
  assert_no_claim ("We will cut taxes for the middle class next year.", "en");
  assert_no_claim ("Will the government raise taxes by 5 percent?", "en");
  assert_no_claim ("Thank you very much, it is a pleasure to be here.", "en");
  /* A dateline and a caption are no claims, figures or not. */
  assert_no_claim ("Updated Nov 30, 2015", "en");
  assert_no_claim ("05/08/2008 10:35", "en");
}

static void
test_german (void)
{
  static const Expected rate = { "Die Arbeitslosenquote ist im vergangenen Jahr auf 5,2 Prozent gesunken" };
  static const Expected reported = { "die Inflation sei 2022 auf 7,9 Prozent gestiegen",
                                     "Bundeskanzler Olaf Scholz", "sagte" };
  static const Expected after = { "Die Inflation sei 2022 auf 7,9 Prozent gestiegen", "Olaf Scholz", "sagte" };

  assert_claim ("Die Arbeitslosenquote ist im vergangenen Jahr auf 5,2 Prozent gesunken.", "de", &rate);
  assert_claim ("Bundeskanzler Olaf Scholz sagte, die Inflation sei 2022 auf 7,9 Prozent gestiegen.", "de",
                &reported);
  /* The verb before its subject, after the claim. */
  assert_claim ("Die Inflation sei 2022 auf 7,9 Prozent gestiegen, sagte Olaf Scholz am Montag.", "de", &after);
  assert_no_claim ("Ich glaube, wir müssen in Zukunft mehr für die Familien tun.", "de");
  assert_no_claim ("Wie viele Menschen werden im nächsten Jahr kommen?", "de");
}

static void
test_russian (void)
{
  static const Expected growth = { "Население города выросло на 12 процентов за последние десять лет" };
  static const Expected reported = { "экономика России выросла на 3 процента в 2015 году", "Песков", "заявил" };

  assert_claim ("Население города выросло на 12 процентов за последние десять лет.", "ru", &growth);
  assert_claim ("Песков заявил, что экономика России выросла на 3 процента в 2015 году.", "ru", &reported);
  assert_no_claim ("Я думаю, нам нужно больше работать в будущем.", "ru");
  assert_no_claim ("Сколько денег будет потрачено в следующем году?", "ru");
}

static void
test_french (void)
{
  static const Expected unemployment = { "Le chômage a baissé de 2 pour cent depuis 2015" };
  /* "qu'il": the claim starts after the apostrophe. */
  static const Expected reported = { "il y avait 3 millions de chômeurs en 2017", "Macron", "a déclaré" };

  assert_claim ("Le chômage a baissé de 2 pour cent depuis 2015.", "fr", &unemployment);
  assert_claim ("Macron a déclaré qu'il y avait 3 millions de chômeurs en 2017.", "fr", &reported);
  assert_no_claim ("Je pense qu'il faut agir pour notre avenir.", "fr");
  assert_no_claim ("Combien de personnes viendront l'année prochaine ?", "fr");
}

/* ---- Where the claim is, and whose ------------------------------------------------- */

static void
test_reporting_clauses (void)
{
  static const Expected that = { "Russia's economy grew 3% in 2015", "Putin", "said" };
  static const Expected after = { "The economy grew by 2.1 percent in the third quarter", "the ministry", "said" };
  static const Expected according = { "global debt reached 226 trillion dollars in 2020", "IMF",
                                      "According to" };
  static const Expected pronoun = { "exports had doubled since 2010", "Angela Merkel", "said" };

  assert_claim ("Putin said that Russia's economy grew 3% in 2015.", "en", &that);
  assert_claim ("The economy grew by 2.1 percent in the third quarter, the ministry said.", "en", &after);
  assert_claim ("According to the IMF, global debt reached 226 trillion dollars in 2020.", "en", &according);

  /* A pronoun claimant is who it stands for; the pronoun is kept as "via". */
  {
    const char *text = "Angela Merkel said: “We are ready.” She said exports had doubled since 2010.";
    g_autoptr(GPtrArray) claims = claims_of (text, "en");
    const GlossQuoteSuggestion *c;
    g_autofree char *claim = NULL, *claimant = NULL, *cue = NULL, *via = NULL;

    g_assert_cmpuint (claims->len, ==, 1);
    c = g_ptr_array_index (claims, 0);
    claim = slice (text, c->start, c->end);
    claimant = range_text (text, &c->speaker);
    cue = range_text (text, &c->cue);
    via = range_text (text, &c->via);
    g_assert_cmpstr (claim, ==, pronoun.claim);
    g_assert_cmpstr (claimant, ==, pronoun.claimant);
    g_assert_cmpstr (cue, ==, pronoun.cue);
    g_assert_cmpstr (via, ==, "She");
    g_assert_cmpint (c->speaker_kind, ==, GLOSS_SPEAKER_NAME);
  }

  /* "called on …" reports no claim: the whole sentence is one. */
  {
    static const Expected called = { "The minister called on the banks to lend 5 billion euros more in 2021" };

    assert_claim ("The minister called on the banks to lend 5 billion euros more in 2021.", "en", &called);
  }
}

/* A claim in a quotation is what is quoted, and its speaker's. */
static void
test_in_quotation (void)
{
  const char *text = "“Exports rose 12 percent in 2019,” Angela Merkel told reporters.";
  static const Expected quoted = { "Exports rose 12 percent in 2019", "Angela Merkel", "told" };
  g_autoptr(GPtrArray) all = gloss_suggest_text (text, "en", NULL, GLOSS_SUGGEST_ALL, NULL);
  const GlossQuoteSuggestion *quote, *claim;

  assert_claim (text, "en", &quoted);

  /* Both kinds together, in text order: the quotation (marks included) first. */
  g_assert_cmpuint (all->len, ==, 2);
  quote = g_ptr_array_index (all, 0);
  claim = g_ptr_array_index (all, 1);
  g_assert_cmpint (quote->kind, ==, GLOSS_SUGGESTION_QUOTE);
  g_assert_cmpint (claim->kind, ==, GLOSS_SUGGESTION_CLAIM);
  g_assert_cmpint (quote->start, <, claim->start);
  g_assert_cmpint (claim->end, <, quote->end);
  g_assert_cmpint (claim->speaker.start, ==, quote->speaker.start);
  g_assert_cmpint (claim->speaker.end, ==, quote->speaker.end);

  /* Quotes only: no claim. */
  {
    g_autoptr(GPtrArray) quotes = gloss_suggest_text (text, "en", NULL, GLOSS_SUGGEST_QUOTES, NULL);

    g_assert_cmpuint (quotes->len, ==, 1);
    g_assert_cmpint (((GlossQuoteSuggestion *) g_ptr_array_index (quotes, 0))->kind, ==,
                     GLOSS_SUGGESTION_QUOTE);
  }
}

/* A mention the annotator tagged is the claimant, exactly. */
static void
test_tagged_claimant (void)
{
  const char *text = "Finance minister Olaf Scholz said that the debt fell by 40 billion euros in 2019.";
  g_autoptr(GArray) speakers = g_array_new (FALSE, FALSE, sizeof (GlossFragment));
  g_autoptr(GPtrArray) claims = NULL;
  GlossFragment scholz = { 17, 28 };
  const GlossQuoteSuggestion *c;

  g_array_append_val (speakers, scholz);
  claims = gloss_suggest_text (text, "en", speakers, GLOSS_SUGGEST_CLAIMS, NULL);
  g_assert_cmpuint (claims->len, ==, 1);
  c = g_ptr_array_index (claims, 0);
  g_assert_cmpint (c->speaker.start, ==, scholz.start);
  g_assert_cmpint (c->speaker.end, ==, scholz.end);
}

/* ---- Offsets ----------------------------------------------------------------------- */

static void
test_offsets (void)
{
  /* An emoji of two code points (U+1F44D U+1F3FD), curly quotes and an
   * apostrophe, a combining acute accent (e + U+0301): code points, not bytes
   * nor UTF-16 units. */
  const char *text = "👍🏽 Fans cheered. The café\xcc\x81’s revenue grew 40 percent in 2019, "
                     "the owner said. “Don’t ask,” he laughed 😀.";
  g_autoptr(GPtrArray) claims = claims_of (text, "en");
  const GlossQuoteSuggestion *c;
  g_autofree char *claim = NULL;
  g_autofree char *claimant = NULL;

  g_assert_cmpuint (claims->len, ==, 1);
  c = g_ptr_array_index (claims, 0);
  claim = slice (text, c->start, c->end);
  g_assert_cmpstr (claim, ==, "The café\xcc\x81’s revenue grew 40 percent in 2019");
  /* 👍🏽 is two code points, then " Fans cheered. " */
  g_assert_cmpint (c->start, ==, 2 + 15);
  g_assert_cmpint (c->end, ==, c->start + (gint) g_utf8_strlen (claim, -1));
  claimant = range_text (text, &c->speaker);
  g_assert_cmpstr (claimant, ==, "the owner");

  /* Curly apostrophes match the lexicon's straight ones: "don’t" is "don't". */
  assert_no_claim ("I don’t think that’s right, and I won’t pretend it is.", "en");
}

/* ---- The claim lexicon ------------------------------------------------------------- */

static ClaimLexicon *
parse (const char  *text,
       GError     **error)
{
  return _gloss_suggest_claim_lexicon_parse ("en", text, strlen (text), "claims-test.txt", error);
}

static void
test_lexicon_format (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClaimLexicon) lexicon = parse ("# a comment\n"
                                           "[settings]\n"
                                           "threshold 2.5   # points\n"
                                           "shortest-claim\t4\n"
                                           "[signals]\n"
                                           "digits\t3\n"
                                           "question -5\n"
                                           "[words]\n"
                                           "Percent\t3\n"
                                           "I think\t-1.5\n"
                                           "процент*\t3\n"
                                           "*ed\t0.5\n"
                                           "don’t know\t-1\n"
                                           "[leads]\n"
                                           "  And \n"
                                           "of course\n"
                                           "[complementizers]\n"
                                           "qu'\n",
                                           &error);
  GPtrArray *bucket;
  const ClaimEntry *entry;

  g_assert_no_error (error);
  g_assert_cmpfloat (lexicon->threshold, ==, 2.5);
  g_assert_cmpuint (lexicon->shortest_claim, ==, 4);
  g_assert_cmpfloat (lexicon->signals[CLAIM_SIGNAL_DIGITS], ==, 3);
  g_assert_cmpfloat (lexicon->signals[CLAIM_SIGNAL_QUESTION], ==, -5);
  g_assert_cmpfloat (lexicon->signals[CLAIM_SIGNAL_YEAR], ==, 0);
  g_assert_cmpuint (lexicon->entries->len, ==, 5);

  /* Lower case, filed by first word; a phrase by its first word. */
  bucket = g_hash_table_lookup (lexicon->by_word, "percent");
  g_assert_nonnull (bucket);
  g_assert_cmpfloat (((ClaimEntry *) g_ptr_array_index (bucket, 0))->weight, ==, 3);
  bucket = g_hash_table_lookup (lexicon->by_word, "i");
  g_assert_nonnull (bucket);
  entry = g_ptr_array_index (bucket, 0);
  g_assert_cmpuint (entry->n_words, ==, 2);
  g_assert_cmpstr (entry->words[1], ==, "think");
  /* A stem by its first three letters, an ending on its own. */
  bucket = g_hash_table_lookup (lexicon->by_prefix, "про");
  g_assert_nonnull (bucket);
  g_assert_cmpstr (((ClaimEntry *) g_ptr_array_index (bucket, 0))->words[0], ==, "процент*");
  entry = g_hash_table_lookup (lexicon->by_suffix, "ed");
  g_assert_nonnull (entry);
  g_assert_cmpuint (lexicon->longest_suffix, ==, 2);
  /* A curly apostrophe is a straight one. */
  g_assert_nonnull (g_hash_table_lookup (lexicon->by_word, "don't"));
  g_assert_true (g_hash_table_contains (lexicon->leads, "and"));
  g_assert_true (g_hash_table_contains (lexicon->leads, "of course"));
  g_assert_true (g_hash_table_contains (lexicon->complementizers, "qu'"));
}

static void
test_lexicon_errors (void)
{
  static const struct
  {
    const char *text;
    const char *message;
  } cases[] = {
    { "percent\t3\n", "claims-test.txt:1: a word before any [section]" },
    { "[words]\npercent\n", "claims-test.txt:2: a word or signal needs a tab and its weight" },
    { "[words]\npercent\tmany\n", "claims-test.txt:2: a word or signal needs a tab" },
    { "[words]\npercent\t1000\n", "claims-test.txt:2: a word or signal needs a tab" },
    { "\n[nouns]\n", "claims-test.txt:2: unknown section" },
    { "[signals]\nadverbs\t1\n", "claims-test.txt:2: unknown signal “adverbs”" },
    { "[settings]\nthreshold\n", "claims-test.txt:2: a setting needs a number" },
    { "[settings]\nwindow\t3\n", "claims-test.txt:2: unknown setting “window”" },
    { "[words]\n*ed said\t1\n", "claims-test.txt:2: a “*suffix” stands alone" },
    { "[words]\n*\t1\n", "claims-test.txt:2: a “*suffix” stands alone" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ClaimLexicon) lexicon = parse (cases[i].text, &error);

      g_assert_null (lexicon);
      g_assert_error (error, GLOSS_SUGGEST_LEXICON_ERROR, 0);
      if (!g_str_has_prefix (error->message, cases[i].message))
        g_error ("“%s” gave “%s”, expected “%s…”", cases[i].text, error->message, cases[i].message);
    }

  /* Not UTF-8 */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ClaimLexicon) lexicon = _gloss_suggest_claim_lexicon_parse ("en", "[words]\n\xff\t1\n", 11,
                                                                          "claims-test.txt", &error);

    g_assert_null (lexicon);
    g_assert_error (error, GLOSS_SUGGEST_LEXICON_ERROR, 0);
  }
}

/* Every language's lexicon is compiled in and has words, leads and a
 * complementizer. */
static void
test_lexicon_builtin (void)
{
  for (SuggestLang lang = 0; lang < SUGGEST_N_LANGS; lang++)
    {
      const ClaimLexicon *lexicon = _gloss_suggest_claim_lexicon_get (lang);

      g_assert_nonnull (lexicon);
      g_assert_cmpuint (lexicon->entries->len, >, 50);
      g_assert_cmpuint (g_hash_table_size (lexicon->leads), >, 3);
      g_assert_cmpuint (g_hash_table_size (lexicon->complementizers), >=, 1);
      g_assert_cmpfloat (lexicon->threshold, >, 0);
      g_assert_cmpfloat (lexicon->signals[CLAIM_SIGNAL_QUESTION], <, 0);
    }
}

/* ---- Long texts --------------------------------------------------------------------- */

static void
test_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) claims = NULL;

  for (guint i = 0; i < 2000; i++)
    g_string_append (text, "Exports rose 12 percent in 2019. I think we can do better. ");
  g_cancellable_cancel (cancellable);
  g_assert_null (gloss_suggest_text (text->str, "en", NULL, GLOSS_SUGGEST_CLAIMS, cancellable));

  /* Uncancelled: one claim for each check-worthy sentence, none for the rest. */
  claims = gloss_suggest_claims (text->str, "en", NULL);
  g_assert_cmpuint (claims->len, ==, 2000);
}

/* A sentence of many thousand words (a list without full stops) is read once,
 * and is not a claim. */
static void
test_run_on (void)
{
  g_autoptr(GString) text = g_string_new ("Figures");
  g_autoptr(GPtrArray) claims = NULL;

  for (guint i = 0; i < 50000; i++)
    g_string_append_printf (text, ", %u percent", i);
  g_string_append (text, ".\nThe deficit fell by 3 percent in 2019.");
  claims = gloss_suggest_claims (text->str, "en", NULL);
  g_assert_cmpuint (claims->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/suggest-claims/en", test_english);
  g_test_add_func ("/suggest-claims/de", test_german);
  g_test_add_func ("/suggest-claims/ru", test_russian);
  g_test_add_func ("/suggest-claims/fr", test_french);
  g_test_add_func ("/suggest-claims/reporting-clauses", test_reporting_clauses);
  g_test_add_func ("/suggest-claims/in-quotation", test_in_quotation);
  g_test_add_func ("/suggest-claims/tagged-claimant", test_tagged_claimant);
  g_test_add_func ("/suggest-claims/offsets", test_offsets);
  g_test_add_func ("/suggest-claims/lexicon/format", test_lexicon_format);
  g_test_add_func ("/suggest-claims/lexicon/errors", test_lexicon_errors);
  g_test_add_func ("/suggest-claims/lexicon/builtin", test_lexicon_builtin);
  g_test_add_func ("/suggest-claims/cancelled", test_cancelled);
  g_test_add_func ("/suggest-claims/run-on", test_run_on);

  return g_test_run ();
}
