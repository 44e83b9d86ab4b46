/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The lexicons of the quote suggester on their own: the file format a linguist
 * edits, its errors (file and line named), and the built-in lexicons. */
#include <string.h>

#include "gloss-suggest-private.h"

static SuggestLexicon *
parse (const char  *text,
       GError     **error)
{
  return _gloss_suggest_lexicon_parse ("de", text, strlen (text), "test.txt", error);
}

static const SuggestCue *
only_cue (GHashTable *index,
          gpointer    key)
{
  GPtrArray *bucket = g_hash_table_lookup (index, key);

  g_assert_nonnull (bucket);
  g_assert_cmpuint (bucket->len, ==, 1);
  return g_ptr_array_index (bucket, 0);
}

static void
test_format (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SuggestLexicon) lexicon = parse ("# a comment\n"
                                             "[settings]\n"
                                             "after-window 3   # words\n"
                                             "\n"
                                             "[cues]\n"
                                             "Nach Angaben\tsource-after\n"
                                             "sagt*\tverb\n"
                                             "zufolge\tsource-before\n"
                                             "[pronouns]\n"
                                             "  er \n"
                                             "Sie\n"
                                             "[title-suffixes]\n"
                                             "minister\n",
                                             &error);
  const SuggestCue *cue;

  g_assert_no_error (error);
  g_assert_cmpint (lexicon->id, ==, SUGGEST_LANG_DE);
  g_assert_cmpuint (lexicon->after_window, ==, 3);
  g_assert_cmpuint (lexicon->cues->len, ==, 3);

  /* Folded to lower case, indexed by the first word; a prefix by its letter. */
  cue = only_cue (lexicon->cue_index, "nach");
  g_assert_cmpuint (cue->n_words, ==, 2);
  g_assert_cmpstr (cue->words[1], ==, "angaben");
  g_assert_cmpint (cue->kind, ==, CUE_SOURCE_AFTER);
  g_assert_cmpuint (cue->order, ==, 0);
  cue = only_cue (lexicon->prefix_index, GUINT_TO_POINTER ('s'));
  g_assert_cmpstr (cue->words[0], ==, "sagt*");
  g_assert_cmpint (cue->kind, ==, CUE_VERB);
  g_assert_cmpint (only_cue (lexicon->cue_index, "zufolge")->kind, ==, CUE_SOURCE_BEFORE);

  g_assert_true (lex_has (lexicon, LEX_PRONOUNS, "er"));
  g_assert_true (lex_has (lexicon, LEX_PRONOUNS, "sie"));
  g_assert_false (lex_has (lexicon, LEX_PRONOUNS, "es"));
  g_assert_false (lex_has (lexicon, LEX_SKIP, "er"));
  g_assert_true (_gloss_suggest_lexicon_is_title (lexicon, "innenminister"));
  /* A suffix is a title only inside a longer word. */
  g_assert_false (_gloss_suggest_lexicon_is_title (lexicon, "minister"));
  g_assert_false (_gloss_suggest_lexicon_is_title (lexicon, "mister"));
}

static void
test_errors (void)
{
  static const struct { const char *text; const char *message; } cases[] = {
    { "[cues]\nsagte\n", "test.txt:2: a cue needs a tab and its kind" },
    { "[cues]\nsagte\tshouted\n", "test.txt:2: a cue needs a tab and its kind" },
    { "# words\n[verbs]\nsagte\n", "test.txt:2: unknown section" },
    { "[pronouns\ner\n", "test.txt:1: unknown section" },
    { "er\n", "test.txt:1: a word before any [section]" },
    { "[settings]\nafter-window many\n", "test.txt:2: a setting needs a number" },
    { "[settings]\nwindow 2\n", "test.txt:2: unknown setting" },
    { "[pronouns]\ner\n\xff\n", "test.txt: not valid UTF-8" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SuggestLexicon) lexicon = parse (cases[i].text, &error);

      g_assert_null (lexicon);
      g_assert_error (error, GLOSS_SUGGEST_LEXICON_ERROR, 0);
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, cases[i].message));
    }
}

static void
test_builtin (void)
{
  const SuggestLexicon *en = _gloss_suggest_lexicon_get (SUGGEST_LANG_EN);
  const SuggestLexicon *de = _gloss_suggest_lexicon_for_code ("de-AT");
  const SuggestLexicon *ru = _gloss_suggest_lexicon_for_code ("RU");
  const SuggestLexicon *fr = _gloss_suggest_lexicon_for_code ("fr");

  g_assert_null (_gloss_suggest_lexicon_for_code ("ja"));
  g_assert_null (_gloss_suggest_lexicon_for_code (NULL));
  g_assert_true (de == _gloss_suggest_lexicon_get (SUGGEST_LANG_DE));
  g_assert_cmpstr (en->code, ==, "en");
  g_assert_cmpint (ru->id, ==, SUGGEST_LANG_RU);

  g_assert_nonnull (g_hash_table_lookup (en->cue_index, "according"));
  g_assert_nonnull (g_hash_table_lookup (de->cue_index, "laut"));
  g_assert_nonnull (g_hash_table_lookup (ru->cue_index, "по"));
  g_assert_nonnull (g_hash_table_lookup (fr->cue_index, "selon"));
  g_assert_true (lex_has (de, LEX_PRONOUNS, "er"));
  g_assert_false (lex_has (en, LEX_PRONOUNS, "er"));
  g_assert_true (lex_has (fr, LEX_CUE_AUXILIARIES, "a"));
  g_assert_true (lex_has (fr, LEX_CLITICS, "il"));
  g_assert_true (lex_has (ru, LEX_CONJUNCTIONS, "что"));

  /* Titles, particles and abbreviations of each language hold in all. */
  g_assert_true (_gloss_suggest_lexicon_is_title (de, "president"));
  g_assert_true (_gloss_suggest_lexicon_is_title (en, "regierungssprecherin"));
  g_assert_true (_gloss_suggest_lexicon_is_title (fr, "министр"));
  g_assert_true (lex_has (ru, LEX_NAME_PARTICLES, "von"));
  g_assert_true (lex_has (en, LEX_ABBREVIATIONS, "bzw"));
  g_assert_true (lex_has (de, LEX_NOT_NAMES, "monday"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/suggest-lexicon/format", test_format);
  g_test_add_func ("/suggest-lexicon/errors", test_errors);
  g_test_add_func ("/suggest-lexicon/builtin", test_builtin);
  return g_test_run ();
}
