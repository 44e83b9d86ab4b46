/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Gloss's word tokens: ICU's words, and English clitics cut off them as
 * spaCy's English tokenizer cuts them, in any script around them; and a
 * selection snapped to them, as the window tags it. */
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

/* ---- Snapping a selection ---------------------------------------------------------- */

/* [start, end) of @text snapped as the window snaps a selection before
 * tagging it (code points, end exclusive), as "start-end", or "none". */
static char *
snap (const char *text,
      gint        start,
      gint        end)
{
  g_autoptr(GArray) tokens = gloss_tokenize (text, -1, NULL);

  gloss_tokenizer_split_clitics (tokens, text, NULL);
  if (!gloss_tokenizer_snap (tokens, &start, &end))
    return g_strdup ("none");
  return g_strdup_printf ("%d-%d", start, end);
}

static void
assert_snap (const char *text,
             gint        start,
             gint        end,
             const char *expected)
{
  g_autofree char *got = snap (text, start, end);

  g_assert_cmpstr (got, ==, expected);
}

/* Chinese has no spaces: a cut word grows to the word of ICU's dictionary. */
static void
test_snap_chinese (void)
{
  const char *text = "北京大学的学生在图书馆里学习。";  /* 北京|大学|的|学生|在|图书|馆|里|学习|。 */

  assert_snap (text, 1, 2, "0-2");     /* 京 → 北京 */
  assert_snap (text, 1, 3, "0-4");     /* 京大 → 北京大学 */
  assert_snap (text, 5, 6, "5-7");     /* 学 → 学生 */
  assert_snap (text, 4, 5, "4-5");     /* 的, a word of its own */
  assert_snap (text, 13, 14, "12-14"); /* 习 → 学习 */
  assert_snap (text, 13, 15, "12-15"); /* 习。 → 学习。 */
  assert_snap (text, 14, 15, "14-15"); /* 。 */
}

static void
test_snap_japanese (void)
{
  const char *text = "私は東京大学の学生です。東京タワーに行きました。";

  assert_snap (text, 3, 4, "2-4");     /* 京 → 東京 */
  assert_snap (text, 5, 6, "4-6");     /* 学 → 大学 */
  assert_snap (text, 10, 11, "9-11");  /* す → です */
  assert_snap (text, 15, 16, "12-17"); /* ワ → 東京タワー */
}

/* An emoji with its skin tone, a family joined by ZWJ, a flag of two
 * regional indicators, a keycap: never cut, though none is a word. */
static void
test_snap_emoji (void)
{
  const char *text = "Hi 👍🏽 and 👩\u200d👩\u200d👧 ok 🇳🇴! #\ufe0f\u20e3";

  assert_snap (text, 3, 4, "3-5");
  assert_snap (text, 4, 6, "3-5");
  assert_snap (text, 12, 13, "10-15");
  assert_snap (text, 10, 11, "10-15");
  assert_snap (text, 20, 21, "19-21");
  assert_snap (text, 21, 22, "21-22");
  assert_snap (text, 23, 24, "23-26");
  assert_snap (text, 0, 4, "0-5");
}

/* Combining marks stay with their letter (the text is not NFC here, as a
 * project imported with --keep-text keeps it). */
static void
test_snap_combining (void)
{
  const char *text = "cafe\u0301 x\u0301\u0302. \u0915\u094d\u0937 \u2192\u0338";

  assert_snap (text, 0, 4, "0-5");
  assert_snap (text, 3, 4, "0-5");
  assert_snap (text, 6, 7, "6-9");
  assert_snap (text, 6, 10, "6-10");
  assert_snap (text, 11, 12, "11-14");  /* क्ष, one Devanagari cluster */
  assert_snap (text, 15, 16, "15-17");  /* an arrow struck through: a symbol, not a word */
  /* Nothing but whitespace: nothing to tag. */
  assert_snap (text, 5, 6, "none");
  assert_snap (text, 4, 6, "0-5");
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
  g_test_add_func ("/tokenizer/snap/chinese", test_snap_chinese);
  g_test_add_func ("/tokenizer/snap/japanese", test_snap_japanese);
  g_test_add_func ("/tokenizer/snap/emoji", test_snap_emoji);
  g_test_add_func ("/tokenizer/snap/combining", test_snap_combining);

  return g_test_run ();
}
