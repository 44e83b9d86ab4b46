/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Gloss's word tokens: ICU's words, and English clitics cut off them as
 * spaCy's English tokenizer cuts them, in any script around them. */
#include <glib.h>

#include "gloss-tokenizer.h"

/* The tokens of @text in @language, as their texts joined by "|", after
 * checking that they are in order, do not overlap, and leave only
 * whitespace between them (so tokens and whitespace rebuild the text). */
static char *
split (const char *text,
       const char *language)
{
  g_autoptr(GArray) tokens = gloss_tokenize (text, -1, NULL);
  g_autoptr(GString) joined = g_string_new (NULL);
  glong length = g_utf8_strlen (text, -1);
  gint at = 0;

  gloss_tokenizer_split_clitics (tokens, text, language);
  for (guint i = 0; i < tokens->len; i++)
    {
      const GlossToken *t = &g_array_index (tokens, GlossToken, i);
      const char *from = g_utf8_offset_to_pointer (text, t->start);

      g_assert_cmpint (t->start, >=, at);
      g_assert_cmpint (t->start, <, t->end);
      g_assert_cmpint (t->end, <=, length);
      for (const char *p = g_utf8_offset_to_pointer (text, at); p < from; p = g_utf8_next_char (p))
        g_assert_true (g_unichar_isspace (g_utf8_get_char (p)));
      if (i > 0)
        g_string_append_c (joined, '|');
      g_string_append_len (joined, from, g_utf8_offset_to_pointer (text, t->end) - from);
      at = t->end;
    }
  for (const char *p = g_utf8_offset_to_pointer (text, at); *p != '\0'; p = g_utf8_next_char (p))
    g_assert_true (g_unichar_isspace (g_utf8_get_char (p)));
  return g_string_free (g_steal_pointer (&joined), FALSE);
}

static void
assert_split (const char *text,
              const char *language,
              const char *expected)
{
  g_autofree char *got = split (text, language);

  g_assert_cmpstr (got, ==, expected);
}

static void
test_possessive (void)
{
  assert_split ("Uber’s Lesson", NULL, "Uber|’s|Lesson");
  assert_split ("Apple's deal", NULL, "Apple|'s|deal");
  assert_split ("IT'S HERE", NULL, "IT|'S|HERE");
  assert_split ("Kleiner Perkins’s Bet", NULL, "Kleiner|Perkins|’s|Bet");
  assert_split ("McDonald’s", "en", "McDonald|’s");
  /* The apostrophe after a plural s was never part of the word. */
  assert_split ("the Khans' Party", NULL, "the|Khans|'|Party");
  /* ICU breaks "'s" where no letter comes before it; spaCy does not. */
  assert_split ("the 1990's and ’S", NULL, "the|1990|'s|and|’S");
  assert_split ("'sup", NULL, "'|sup");
  /* 's alone, and an apostrophe inside a name, stay as they are. */
  assert_split ("'s O'Neill o'clock rock'n'roll", NULL, "'s|O'Neill|o'clock|rock'n'roll");
}

static void
test_contractions (void)
{
  assert_split ("don't", NULL, "do|n't");
  assert_split ("Don’t can’t won't", NULL, "Do|n’t|ca|n’t|wo|n't");
  assert_split ("isn't ain't shan't", NULL, "is|n't|ai|n't|sha|n't");
  assert_split ("we're you’ve they'll she’d I'm", NULL, "we|'re|you|’ve|they|'ll|she|’d|I|'m");
  assert_split ("shouldn't've who'd've", NULL, "should|n't|'ve|who|'d|'ve");
  assert_split ("it's let’s", NULL, "it|'s|let|’s");
  /* Only the words spaCy's exceptions list lose these endings, in lower or
   * title case as they list them. */
  assert_split ("DON'T Kant'd Bob're", NULL, "DON'T|Kant'd|Bob're");
}

static void
test_offsets_other_scripts (void)
{
  g_autoptr(GArray) tokens = NULL;
  const char *text = "😀 Cafe\u0301’s can’t";
  const GlossToken expected[] = {
    { 0, 1, FALSE }, { 2, 7, TRUE }, { 7, 9, TRUE }, { 10, 12, TRUE }, { 12, 15, TRUE },
  };

  assert_split (text, NULL, "😀|Cafe\u0301|’s|ca|n’t");
  tokens = gloss_tokenize (text, -1, NULL);
  gloss_tokenizer_split_clitics (tokens, text, "en-GB");
  g_assert_cmpuint (tokens->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < tokens->len; i++)
    {
      g_assert_cmpint (g_array_index (tokens, GlossToken, i).start, ==, expected[i].start);
      g_assert_cmpint (g_array_index (tokens, GlossToken, i).end, ==, expected[i].end);
    }
  g_assert_true (g_array_index (tokens, GlossToken, 2).is_word);
}

static void
test_other_languages (void)
{
  /* A stated language other than English keeps every word whole. */
  assert_split ("Peter’s Kneipe", "de", "Peter’s|Kneipe");
  assert_split ("Uber’s", "fr", "Uber’s");
  /* French elision is not an English ending: one token, whatever the
   * language, as ICU makes it. */
  assert_split ("l’homme aujourd’hui", NULL, "l’homme|aujourd’hui");
  assert_split ("l’homme", "fr", "l’homme");
  assert_split ("Москва не сдаётся", NULL, "Москва|не|сдаётся");
  assert_split ("Die Straße heißt „Hans’ Weg“", NULL, "Die|Straße|heißt|„|Hans|’|Weg|“");
  assert_split ("東京の会社", "ja", "東京|の|会社");
}

static void
test_empty (void)
{
  assert_split ("", NULL, "");
  assert_split ("  \n", NULL, "");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/tokenizer/clitics/possessive", test_possessive);
  g_test_add_func ("/tokenizer/clitics/contractions", test_contractions);
  g_test_add_func ("/tokenizer/clitics/offsets-other-scripts", test_offsets_other_scripts);
  g_test_add_func ("/tokenizer/clitics/other-languages", test_other_languages);
  g_test_add_func ("/tokenizer/clitics/empty", test_empty);

  return g_test_run ();
}
