/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-suggest"

#include "config.h"

#include <string.h>

#include "gloss-core-resources.h"
#include "gloss-suggest-private.h"

/* The words of each language are data (data/lexicons/<code>.txt, compiled into
 * the core's resources) so that a linguist extends them without touching C.
 * They are read once, into hash tables. */

G_DEFINE_QUARK (gloss-suggest-lexicon-error-quark, _gloss_suggest_lexicon_error)

static const char * const section_names[LEX_N_LISTS] = {
  [LEX_CUE_AUXILIARIES] = "cue-auxiliaries",
  [LEX_PRONOUNS] = "pronouns",
  [LEX_RELATIVES] = "relatives",
  [LEX_SKIP] = "skip",
  [LEX_PREPOSITIONS] = "prepositions",
  [LEX_DETERMINERS] = "determiners",
  [LEX_CONJUNCTIONS] = "conjunctions",
  [LEX_MARKERS] = "markers",
  [LEX_CLITICS] = "clitics",
  [LEX_REPORT_CONJUNCTIONS] = "report-conjunctions",
  [LEX_OBLIQUE_DETERMINERS] = "oblique-determiners",
  [LEX_NOUN_SUFFIXES] = "noun-suffixes",
  [LEX_SPEAKER_NOUNS] = "speaker-nouns",
  [LEX_SPEAKER_NOUN_SUFFIXES] = "speaker-noun-suffixes",
  [LEX_ATTACHMENTS] = "attachments",
  [LEX_ADJECTIVE_SUFFIXES] = "adjective-suffixes",
  [LEX_CLAUSE_RELATIVES] = "clause-relatives",
  [LEX_GROUP_PRONOUNS] = "group-pronouns",
  [LEX_COORDINATORS] = "coordinators",
  [LEX_TITLES] = "titles",
  [LEX_TITLE_SUFFIXES] = "title-suffixes",
  [LEX_NOT_NAMES] = "not-names",
  [LEX_NAME_PARTICLES] = "name-particles",
  [LEX_ABBREVIATIONS] = "abbreviations",
};

static const char * const cue_kind_names[] = {
  [CUE_VERB] = "verb",
  [CUE_SOURCE_AFTER] = "source-after",
  [CUE_SOURCE_BEFORE] = "source-before",
  [CUE_PRONOUN_INSIDE] = "pronoun-inside",
  [CUE_SO] = "so",
};

static const char * const lang_codes[SUGGEST_N_LANGS] = { "en", "de", "ru", "fr" };

/* Sections that are not word lists. */
enum
{
  SECTION_NONE = -1,
  SECTION_SETTINGS = LEX_N_LISTS,
  SECTION_CUES,
};

static void
cue_free (SuggestCue *cue)
{
  g_strfreev (cue->words);
  g_free (cue);
}

void
_gloss_suggest_lexicon_free (SuggestLexicon *lexicon)
{
  if (lexicon == NULL)
    return;
  g_free (lexicon->code);
  g_clear_pointer (&lexicon->cue_index, g_hash_table_unref);
  g_clear_pointer (&lexicon->prefix_index, g_hash_table_unref);
  g_clear_pointer (&lexicon->cues, g_ptr_array_unref);
  for (guint i = 0; i < LEX_N_LISTS; i++)
    g_clear_pointer (&lexicon->words[i], g_hash_table_unref);
  g_free (lexicon);
}

static SuggestLexicon *
lexicon_new (const char *code)
{
  SuggestLexicon *lexicon = g_new0 (SuggestLexicon, 1);

  lexicon->code = g_strdup (code);
  lexicon->id = SUGGEST_LANG_OTHER;
  for (guint i = 0; i < SUGGEST_N_LANGS; i++)
    if (g_strcmp0 (code, lang_codes[i]) == 0)
      lexicon->id = i;
  lexicon->cues = g_ptr_array_new_with_free_func ((GDestroyNotify) cue_free);
  lexicon->cue_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) g_ptr_array_unref);
  lexicon->prefix_index = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < LEX_N_LISTS; i++)
    lexicon->words[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  lexicon->after_window = 4;
  lexicon->after_window_dash = 4;
  return lexicon;
}

static gint
section_for (const char *name)
{
  for (guint i = 0; i < LEX_N_LISTS; i++)
    if (strcmp (name, section_names[i]) == 0)
      return i;
  if (strcmp (name, "settings") == 0)
    return SECTION_SETTINGS;
  if (strcmp (name, "cues") == 0)
    return SECTION_CUES;
  return SECTION_NONE;
}

/* @copy_key: the index owns its keys (a word), so a new bucket gets a copy;
 * otherwise the key is a value in itself (a code point). */
static void
index_cue (GHashTable    *index,
           gconstpointer  key,
           gboolean       copy_key,
           SuggestCue    *cue)
{
  GPtrArray *bucket = g_hash_table_lookup (index, key);

  if (bucket == NULL)
    {
      bucket = g_ptr_array_new ();
      g_hash_table_insert (index, copy_key ? g_strdup (key) : (gpointer) key, bucket);
    }
  g_ptr_array_add (bucket, cue);
}

static gboolean
add_cue (SuggestLexicon  *lexicon,
         const char      *line,
         GError         **error)
{
  g_auto(GStrv) fields = g_strsplit (line, "\t", 2);
  SuggestCue *cue;
  const char *first;
  gint kind = -1;

  for (guint i = 0; fields[1] != NULL && i < G_N_ELEMENTS (cue_kind_names); i++)
    if (strcmp (g_strstrip (fields[1]), cue_kind_names[i]) == 0)
      kind = i;
  if (kind < 0)
    {
      g_set_error (error, GLOSS_SUGGEST_LEXICON_ERROR, 0,
                   "a cue needs a tab and its kind (verb, source-after, source-before, "
                   "pronoun-inside or so)");
      return FALSE;
    }

  cue = g_new0 (SuggestCue, 1);
  cue->words = g_strsplit (g_strstrip (fields[0]), " ", -1);
  cue->n_words = g_strv_length (cue->words);
  cue->kind = kind;
  cue->order = lexicon->cues->len;
  g_ptr_array_add (lexicon->cues, cue);

  first = cue->words[0];
  if (g_str_has_suffix (first, "*"))
    index_cue (lexicon->prefix_index, GUINT_TO_POINTER (g_utf8_get_char (first)), FALSE, cue);
  else
    index_cue (lexicon->cue_index, first, TRUE, cue);
  return TRUE;
}

static gboolean
add_setting (SuggestLexicon  *lexicon,
             const char      *line,
             GError         **error)
{
  g_auto(GStrv) fields = g_strsplit_set (line, " \t", 2);
  guint64 value = 0;

  if (fields[1] == NULL || !g_ascii_string_to_unsigned (g_strstrip (fields[1]), 10, 0, 100, &value, NULL))
    {
      g_set_error (error, GLOSS_SUGGEST_LEXICON_ERROR, 0, "a setting needs a number after its name");
      return FALSE;
    }
  if (strcmp (fields[0], "after-window") == 0)
    lexicon->after_window = value;
  else if (strcmp (fields[0], "after-window-dash") == 0)
    lexicon->after_window_dash = value;
  else
    {
      g_set_error (error, GLOSS_SUGGEST_LEXICON_ERROR, 0, "unknown setting “%s”", fields[0]);
      return FALSE;
    }
  return TRUE;
}

/**
 * _gloss_suggest_lexicon_read:
 * @data: the text of a lexicon file
 * @name: the file's name, for messages
 * @func: called with each line that holds something: without its "#"
 *   comment and the blanks around it
 *
 * The reading every lexicon file shares: valid UTF-8, one entry a line, "#"
 * comments, blank lines ignored; an error of @func is reported as
 * "NAME:LINE: …".
 */
gboolean
_gloss_suggest_lexicon_read (const char             *data,
                             gsize                   length,
                             const char             *name,
                             GlossSuggestLineFunc    func,
                             gpointer                user_data,
                             GError                **error)
{
  g_autofree char *copy = g_strndup (data, length);
  g_auto(GStrv) lines = NULL;

  if (!g_utf8_validate (copy, -1, NULL))
    {
      g_set_error (error, GLOSS_SUGGEST_LEXICON_ERROR, 0, "%s: not valid UTF-8", name);
      return FALSE;
    }
  lines = g_strsplit (copy, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GError) local = NULL;
      char *line = lines[i];
      char *hash = strchr (line, '#');

      if (hash != NULL)
        *hash = '\0';
      g_strchomp (line);
      while (*line == ' ' || *line == '\t')
        line++;
      if (*line == '\0')
        continue;
      if (!func (line, user_data, &local))
        {
          g_set_error (error, GLOSS_SUGGEST_LEXICON_ERROR, 0, "%s:%u: %s", name, i + 1, local->message);
          return FALSE;
        }
    }
  return TRUE;
}

typedef struct
{
  SuggestLexicon *lexicon;
  gint            section;
} Reading;

/* One line of a quote lexicon: a "[section]", or an entry of the section. */
static gboolean
parse_line (char      *line,
            gpointer   data,
            GError   **error)
{
  Reading *reading = data;
  SuggestLexicon *lexicon = reading->lexicon;
  gint *section = &reading->section;
  g_autofree char *folded = NULL;

  if (*line == '[')
    {
      char *close = strchr (line, ']');

      if (close != NULL)
        *close = '\0';
      *section = section_for (line + 1);
      if (close == NULL || *section == SECTION_NONE)
        {
          g_set_error (error, GLOSS_SUGGEST_LEXICON_ERROR, 0, "unknown section “%s”", line);
          return FALSE;
        }
      return TRUE;
    }

  folded = g_utf8_strdown (line, -1);
  switch (*section)
    {
    case SECTION_NONE:
      g_set_error (error, GLOSS_SUGGEST_LEXICON_ERROR, 0, "a word before any [section]");
      return FALSE;
    case SECTION_SETTINGS:
      return add_setting (lexicon, folded, error);
    case SECTION_CUES:
      return add_cue (lexicon, folded, error);
    default:
      g_hash_table_add (lexicon->words[*section], g_strdup (g_strstrip (folded)));
      return TRUE;
    }
}

/**
 * _gloss_suggest_lexicon_parse:
 * @code: the language code the lexicon is for ("de")
 * @data: the text of a lexicon file: "[section]" lines, one entry a line,
 *   "#" comments
 * @name: the file's name, for messages
 *
 * Returns: (transfer full) (nullable): the lexicon, or %NULL with @error set
 *   naming the file and line
 */
SuggestLexicon *
_gloss_suggest_lexicon_parse (const char  *code,
                              const char  *data,
                              gsize        length,
                              const char  *name,
                              GError     **error)
{
  g_autoptr(SuggestLexicon) lexicon = lexicon_new (code);
  Reading reading = { lexicon, SECTION_NONE };

  if (!_gloss_suggest_lexicon_read (data, length, name, parse_line, &reading, error))
    return NULL;
  return g_steal_pointer (&lexicon);
}

/* Titles, names and abbreviations travel between languages: each built-in
 * lexicon gets the shared lists of all. */
static void
share_lists (SuggestLexicon **lexicons)
{
  for (guint list = LEX_FIRST_SHARED; list < LEX_N_LISTS; list++)
    for (guint from = 0; from < SUGGEST_N_LANGS; from++)
      {
        GHashTableIter iter;
        gpointer word;

        g_hash_table_iter_init (&iter, lexicons[from]->words[list]);
        while (g_hash_table_iter_next (&iter, &word, NULL))
          for (guint to = 0; to < SUGGEST_N_LANGS; to++)
            if (to != from)
              g_hash_table_add (lexicons[to]->words[list], g_strdup (word));
      }
}

static SuggestLexicon *
load_builtin (const char *code)
{
  g_autofree char *path = g_strdup_printf ("/org/gloss/Gloss/lexicons/%s.txt", code);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  SuggestLexicon *lexicon;
  gsize size = 0;
  const char *data;

  bytes = g_resource_lookup_data (gloss_core_get_resource (), path, 0, &error);
  /* The lexicons are compiled in: missing ones are a broken build. */
  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &size);
  lexicon = _gloss_suggest_lexicon_parse (code, data, size, path, &error);
  g_assert_no_error (error);
  return lexicon;
}

static gpointer
load_all (gpointer data)
{
  SuggestLexicon **lexicons = g_new0 (SuggestLexicon *, SUGGEST_N_LANGS);

  for (guint i = 0; i < SUGGEST_N_LANGS; i++)
    lexicons[i] = load_builtin (lang_codes[i]);
  share_lists (lexicons);
  return lexicons;
}

/**
 * _gloss_suggest_lexicon_get:
 *
 * The built-in lexicon of @lang, read from the resources on first use and
 * kept for the life of the process.
 */
const SuggestLexicon *
_gloss_suggest_lexicon_get (SuggestLang lang)
{
  static GOnce once = G_ONCE_INIT;
  SuggestLexicon **lexicons = g_once (&once, load_all, NULL);

  g_return_val_if_fail (lang < SUGGEST_N_LANGS, NULL);
  return lexicons[lang];
}

/* "de", "de-AT", "DE": the built-in lexicon, or %NULL for another language. */
const SuggestLexicon *
_gloss_suggest_lexicon_for_code (const char *code)
{
  for (guint i = 0; code != NULL && i < SUGGEST_N_LANGS; i++)
    if (g_ascii_strncasecmp (code, lang_codes[i], 2) == 0)
      return _gloss_suggest_lexicon_get (i);
  return NULL;
}

/* @word ends in a word of @list, and is longer: "Innenminister" in "minister". */
gboolean
_gloss_suggest_lexicon_has_suffix (const SuggestLexicon *lexicon,
                                   LexList               list,
                                   const char           *word)
{
  if (word == NULL || *word == '\0')
    return FALSE;
  for (const char *p = g_utf8_next_char (word); *p != '\0'; p = g_utf8_next_char (p))
    if (lex_has (lexicon, list, p))
      return TRUE;
  return FALSE;
}

/* A title, or a German compound ending in one: "Innenminister". */
gboolean
_gloss_suggest_lexicon_is_title (const SuggestLexicon *lexicon,
                                 const char           *word)
{
  return lex_has (lexicon, LEX_TITLES, word)
         || _gloss_suggest_lexicon_has_suffix (lexicon, LEX_TITLE_SUFFIXES, word);
}
