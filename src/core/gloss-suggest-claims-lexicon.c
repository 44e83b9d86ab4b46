/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-suggest"

#include "config.h"

#include <string.h>

#include "gloss-core-resources.h"
#include "gloss-suggest-private.h"

/* The claim lexicons: what makes a sentence check-worthy in each language, as
 * weighted words and phrases (data/lexicons/claims-<code>.txt, compiled into
 * the core's resources), so that a linguist tunes them without touching C.
 * Every lookup is a hash table: the cost per token does not grow with the
 * text. */

static const char * const signal_names[CLAIM_N_SIGNALS] = {
  [CLAIM_SIGNAL_DIGITS] = "digits",
  [CLAIM_SIGNAL_YEAR] = "year",
  [CLAIM_SIGNAL_PERCENT] = "percent-sign",
  [CLAIM_SIGNAL_CURRENCY] = "currency-sign",
  [CLAIM_SIGNAL_QUESTION] = "question",
  [CLAIM_SIGNAL_EXCLAMATION] = "exclamation",
  [CLAIM_SIGNAL_NAME] = "name",
  [CLAIM_SIGNAL_SHORT] = "short",
  [CLAIM_SIGNAL_FRAGMENT] = "fragment",
};

static const char * const lang_codes[SUGGEST_N_LANGS] = { "en", "de", "ru", "fr" };

typedef enum
{
  CLAIM_SECTION_NONE,
  CLAIM_SECTION_SETTINGS,
  CLAIM_SECTION_SIGNALS,
  CLAIM_SECTION_WORDS,
  CLAIM_SECTION_LEADS,
  CLAIM_SECTION_COMPLEMENTIZERS,
} ClaimSection;

static const char * const claim_section_names[] = {
  [CLAIM_SECTION_SETTINGS] = "settings",
  [CLAIM_SECTION_SIGNALS] = "signals",
  [CLAIM_SECTION_WORDS] = "words",
  [CLAIM_SECTION_LEADS] = "leads",
  [CLAIM_SECTION_COMPLEMENTIZERS] = "complementizers",
};

static void
entry_free (ClaimEntry *entry)
{
  g_strfreev (entry->words);
  g_free (entry);
}

void
_gloss_suggest_claim_lexicon_free (ClaimLexicon *lexicon)
{
  if (lexicon == NULL)
    return;
  g_free (lexicon->code);
  g_clear_pointer (&lexicon->by_word, g_hash_table_unref);
  g_clear_pointer (&lexicon->by_prefix, g_hash_table_unref);
  g_clear_pointer (&lexicon->by_suffix, g_hash_table_unref);
  g_clear_pointer (&lexicon->leads, g_hash_table_unref);
  g_clear_pointer (&lexicon->complementizers, g_hash_table_unref);
  g_clear_pointer (&lexicon->entries, g_ptr_array_unref);
  g_free (lexicon);
}

static ClaimLexicon *
claim_lexicon_new (const char *code)
{
  ClaimLexicon *lexicon = g_new0 (ClaimLexicon, 1);

  lexicon->code = g_strdup (code);
  lexicon->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  lexicon->by_word = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) g_ptr_array_unref);
  lexicon->by_prefix = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) g_ptr_array_unref);
  lexicon->by_suffix = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  lexicon->leads = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  lexicon->complementizers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  lexicon->threshold = 1.0;
  lexicon->short_sentence = 0;
  lexicon->longest_sentence = 150;
  lexicon->shortest_claim = 3;
  return lexicon;
}

/* The key a stem is filed under: its first CLAIM_PREFIX_KEY letters, or all of
 * a shorter one. */
char *
_gloss_suggest_claim_prefix_key (const char *word,
                                 guint       letters)
{
  const char *end = word;

  for (guint i = 0; i < letters && *end != '\0' && *end != '*'; i++)
    end = g_utf8_next_char (end);
  return g_strndup (word, end - word);
}

/* Lower case, and a curly apostrophe straight: "Don’t" is "don't", in a
 * lexicon as in a text. */
char *
_gloss_suggest_claim_fold (const char *word,
                           gssize      length)
{
  g_autofree char *down = g_utf8_strdown (word, length);
  GString *folded;

  if (strstr (down, "\xe2\x80\x99") == NULL)
    return g_steal_pointer (&down);
  folded = g_string_new (down);
  g_string_replace (folded, "\xe2\x80\x99", "'", 0);
  return g_string_free (folded, FALSE);
}

static void
file_entry (GHashTable *index,
            char       *key,
            ClaimEntry *entry)
{
  GPtrArray *bucket = g_hash_table_lookup (index, key);

  if (bucket == NULL)
    {
      bucket = g_ptr_array_new ();
      g_hash_table_insert (index, g_strdup (key), bucket);
    }
  g_ptr_array_add (bucket, entry);
}

static gboolean
parse_number (char    *field,
              double   lowest,
              double   highest,
              double  *value)
{
  char *end = NULL;

  if (field == NULL)
    return FALSE;
  g_strstrip (field);
  *value = g_ascii_strtod (field, &end);
  return end != field && *end == '\0' && *value >= lowest && *value <= highest;
}

static gboolean
parse_weight (char        *field,
              double      *weight,
              GError     **error)
{
  if (parse_number (field, -100, 100, weight))
    return TRUE;
  g_set_error (error, GLOSS_SUGGEST_LEXICON_ERROR, 0,
               "a word or signal needs a tab and its weight, a number from -100 to 100");
  return FALSE;
}

static gboolean
add_entry (ClaimLexicon  *lexicon,
           const char    *line,
           GError       **error)
{
  g_auto(GStrv) fields = g_strsplit (line, "\t", 2);
  g_autofree char *key = NULL;
  ClaimEntry *entry;
  double weight = 0;
  const char *first;

  if (!parse_weight (fields[1], &weight, error))
    return FALSE;
  entry = g_new0 (ClaimEntry, 1);
  entry->words = g_strsplit (g_strstrip (fields[0]), " ", -1);
  entry->n_words = g_strv_length (entry->words);
  entry->weight = weight;
  entry->id = lexicon->entries->len;
  g_ptr_array_add (lexicon->entries, entry);

  first = entry->words[0];
  if (first[0] == '*')
    {
      if (entry->n_words != 1 || first[1] == '\0')
        {
          g_set_error (error, GLOSS_SUGGEST_LEXICON_ERROR, 0, "a “*suffix” stands alone, without other words");
          return FALSE;
        }
      g_hash_table_insert (lexicon->by_suffix, g_strdup (first + 1), entry);
      lexicon->longest_suffix = MAX (lexicon->longest_suffix, (guint) g_utf8_strlen (first + 1, -1));
      return TRUE;
    }
  if (g_str_has_suffix (first, "*"))
    {
      key = _gloss_suggest_claim_prefix_key (first, CLAIM_PREFIX_KEY);
      if (*key == '\0')
        {
          g_set_error (error, GLOSS_SUGGEST_LEXICON_ERROR, 0, "a “stem*” needs a letter before the star");
          return FALSE;
        }
      file_entry (lexicon->by_prefix, key, entry);
      return TRUE;
    }
  file_entry (lexicon->by_word, (char *) first, entry);
  return TRUE;
}

static gboolean
add_claim_setting (ClaimLexicon  *lexicon,
                   const char    *line,
                   GError       **error)
{
  g_auto(GStrv) fields = g_strsplit_set (line, " \t", 2);
  double value = 0;

  if (!parse_number (fields[1], -1000, 1000, &value))
    {
      g_set_error (error, GLOSS_SUGGEST_LEXICON_ERROR, 0, "a setting needs a number after its name");
      return FALSE;
    }
  if (strcmp (fields[0], "threshold") == 0)
    lexicon->threshold = value;
  else if (strcmp (fields[0], "short-sentence") == 0 && value >= 0)
    lexicon->short_sentence = value;
  else if (strcmp (fields[0], "longest-sentence") == 0 && value >= 1)
    lexicon->longest_sentence = value;
  else if (strcmp (fields[0], "shortest-claim") == 0 && value >= 1)
    lexicon->shortest_claim = value;
  else
    {
      g_set_error (error, GLOSS_SUGGEST_LEXICON_ERROR, 0, "unknown setting “%s”", fields[0]);
      return FALSE;
    }
  return TRUE;
}

static gboolean
add_signal (ClaimLexicon  *lexicon,
            const char    *line,
            GError       **error)
{
  g_auto(GStrv) fields = g_strsplit_set (line, " \t", 2);

  for (guint i = 0; i < CLAIM_N_SIGNALS; i++)
    if (strcmp (fields[0], signal_names[i]) == 0)
      return parse_weight (fields[1], &lexicon->signals[i], error);
  g_set_error (error, GLOSS_SUGGEST_LEXICON_ERROR, 0, "unknown signal “%s”", fields[0]);
  return FALSE;
}

static gboolean
open_section (char          *line,
              ClaimSection  *section,
              GError       **error)
{
  char *close = strchr (line, ']');

  *section = CLAIM_SECTION_NONE;
  if (close != NULL)
    {
      *close = '\0';
      for (guint i = CLAIM_SECTION_SETTINGS; i < G_N_ELEMENTS (claim_section_names); i++)
        if (strcmp (line + 1, claim_section_names[i]) == 0)
          *section = i;
    }
  if (*section != CLAIM_SECTION_NONE)
    return TRUE;
  g_set_error (error, GLOSS_SUGGEST_LEXICON_ERROR, 0, "unknown section “%s”", line);
  return FALSE;
}

typedef struct
{
  ClaimLexicon *lexicon;
  ClaimSection  section;
} ClaimReading;

/* One line of a claim lexicon: a "[section]", or an entry of the section. */
static gboolean
parse_claim_line (char      *line,
                  gpointer   data,
                  GError   **error)
{
  ClaimReading *reading = data;
  ClaimLexicon *lexicon = reading->lexicon;
  ClaimSection *section = &reading->section;
  g_autofree char *folded = NULL;

  if (*line == '[')
    return open_section (line, section, error);

  folded = _gloss_suggest_claim_fold (line, -1);
  switch (*section)
    {
    case CLAIM_SECTION_SETTINGS:
      return add_claim_setting (lexicon, folded, error);
    case CLAIM_SECTION_SIGNALS:
      return add_signal (lexicon, folded, error);
    case CLAIM_SECTION_WORDS:
      return add_entry (lexicon, folded, error);
    case CLAIM_SECTION_LEADS:
      g_hash_table_add (lexicon->leads, g_strdup (g_strstrip (folded)));
      return TRUE;
    case CLAIM_SECTION_COMPLEMENTIZERS:
      g_hash_table_add (lexicon->complementizers, g_strdup (g_strstrip (folded)));
      return TRUE;
    case CLAIM_SECTION_NONE:
    default:
      g_set_error (error, GLOSS_SUGGEST_LEXICON_ERROR, 0, "a word before any [section]");
      return FALSE;
    }
}

/**
 * _gloss_suggest_claim_lexicon_parse:
 * @code: the language code the lexicon is for ("de")
 * @data: the text of a claim lexicon: "[section]" lines (settings, signals,
 *   words, leads, complementizers), one entry a line, "#" comments
 * @name: the file's name, for messages
 *
 * Returns: (transfer full) (nullable): the lexicon, or %NULL with @error set
 *   naming the file and line
 */
ClaimLexicon *
_gloss_suggest_claim_lexicon_parse (const char  *code,
                                    const char  *data,
                                    gsize        length,
                                    const char  *name,
                                    GError     **error)
{
  g_autoptr(ClaimLexicon) lexicon = claim_lexicon_new (code);
  ClaimReading reading = { lexicon, CLAIM_SECTION_NONE };

  if (!_gloss_suggest_lexicon_read (data, length, name, parse_claim_line, &reading, error))
    return NULL;
  return g_steal_pointer (&lexicon);
}

static gpointer
load_all_claims (gpointer data)
{
  ClaimLexicon **lexicons = g_new0 (ClaimLexicon *, SUGGEST_N_LANGS);

  for (guint i = 0; i < SUGGEST_N_LANGS; i++)
    {
      g_autofree char *path = g_strdup_printf ("/org/gloss/Gloss/lexicons/claims-%s.txt", lang_codes[i]);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      gsize size = 0;
      const char *text;

      bytes = g_resource_lookup_data (gloss_core_get_resource (), path, 0, &error);
      /* Compiled in: a missing or broken one is a broken build. */
      g_assert_no_error (error);
      text = g_bytes_get_data (bytes, &size);
      lexicons[i] = _gloss_suggest_claim_lexicon_parse (lang_codes[i], text, size, path, &error);
      g_assert_no_error (error);
    }
  return lexicons;
}

/**
 * _gloss_suggest_claim_lexicon_get:
 *
 * The built-in claim lexicon of @lang, read from the resources on first use
 * and kept for the life of the process.
 */
const ClaimLexicon *
_gloss_suggest_claim_lexicon_get (SuggestLang lang)
{
  static GOnce once = G_ONCE_INIT;
  ClaimLexicon **lexicons = g_once (&once, load_all_claims, NULL);

  g_return_val_if_fail (lang < SUGGEST_N_LANGS, NULL);
  return lexicons[lang];
}
