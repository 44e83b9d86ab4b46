/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gloss-suggest.h"
#include "gloss-text.h"

G_BEGIN_DECLS

/* Internals shared by the files of the quote suggester:
 *   gloss-suggest-lexicon.c   the word lists of each language (data/lexicons/LANG.txt)
 *   gloss-suggest-text.c      tokens, sentences, the language of a text
 *   gloss-suggest-marks.c     pairing quotation marks into candidate quotations
 *   gloss-suggest-cues.c      speech verbs and phrases next to a quotation
 *   gloss-suggest-speakers.c  who a cue names: names, descriptions, pronouns
 *   gloss-suggest-quotes.c    the scan of a text, one quotation at a time, and
 *                             gloss_suggest_quotes ()
 *   gloss-suggest-claims-lexicon.c  what makes a sentence check-worthy
 *                             (data/lexicons/claims-LANG.txt)
 *   gloss-suggest-claims.c    check-worthy claims and who makes them
 *   gloss-suggest.c           records, quotes and claims together, a stored
 *                             document's suggestions, accepting */

/* ---- Lexicons ------------------------------------------------------------------ */

typedef enum
{
  SUGGEST_LANG_EN,
  SUGGEST_LANG_DE,
  SUGGEST_LANG_RU,
  SUGGEST_LANG_FR,
  SUGGEST_N_LANGS,
  SUGGEST_LANG_OTHER = SUGGEST_N_LANGS,
} SuggestLang;

typedef enum
{
  CUE_VERB,            /* "Putin said", "said Putin" */
  CUE_SOURCE_AFTER,    /* "according to Putin", "laut Gall", "по словам …" */
  CUE_SOURCE_BEFORE,   /* "Quellen zufolge" */
  CUE_PRONOUN_INSIDE,  /* "по его словам": the pronoun is the second word */
  CUE_SO,              /* German ", so Gall": only after a comma, before a name */
} CueKind;

/* The word lists of a lexicon file, one "[section]" each. */
typedef enum
{
  LEX_CUE_AUXILIARIES,  /* French "a" of "a déclaré" */
  LEX_PRONOUNS,         /* subject pronouns a speaker hides behind */
  LEX_RELATIVES,        /* "who", "которая" */
  LEX_SKIP,             /* adverbs, auxiliaries between subject and verb */
  LEX_PREPOSITIONS,
  LEX_DETERMINERS,
  LEX_CONJUNCTIONS,
  LEX_MARKERS,          /* the commonest words, to guess the language */
  LEX_CLITICS,          /* French "dit-il": after a hyphen, part of the verb */
  LEX_REPORT_CONJUNCTIONS, /* "…", wie Gall sagte · "…", as Putin said */
  LEX_OBLIQUE_DETERMINERS, /* "den", "dem": an article no subject has */
  LEX_NOUN_SUFFIXES,    /* "-ung": a capitalised word ending so is a noun, not a name */
  LEX_SPEAKER_NOUNS,    /* nouns that speak: "Regierung", "Polizei", "Demonstranten" */
  LEX_SPEAKER_NOUN_SUFFIXES, /* "-ministerium", "-behörde" */
  LEX_ATTACHMENTS,      /* what ties a source to its organisation: "for", "des", "vom" */
  LEX_ADJECTIVE_SUFFIXES, /* Russian "-ого": an adjective before a title */
  LEX_CLAUSE_RELATIVES, /* "who", German "der": a relative clause between subject and cue */
  LEX_GROUP_PRONOUNS,   /* "they", "it": a group or organisation, not a person */
  LEX_COORDINATORS,     /* "and": "…, and said" has the sentence's subject */
  /* Shared: the built-in lexicons hold the union over all languages. */
  LEX_TITLES,           /* "president", "Innenminister" is a suffix */
  LEX_TITLE_SUFFIXES,
  LEX_NOT_NAMES,        /* capitalised words that are never names */
  LEX_NAME_PARTICLES,   /* "von", "de" */
  LEX_ABBREVIATIONS,    /* a full stop after these ends no sentence */
  LEX_N_LISTS,
  LEX_FIRST_SHARED = LEX_TITLES,
} LexList;

typedef struct
{
  char    **words;     /* lower case; the last may be "stem*", a prefix */
  guint     n_words;
  CueKind   kind;
  guint     order;     /* place in the file: the first of two equal matches wins */
} SuggestCue;

typedef struct
{
  char        *code;
  SuggestLang  id;
  GPtrArray   *cues;            /* SuggestCue, in file order */
  GHashTable  *cue_index;       /* first word → GPtrArray of SuggestCue (borrowed) */
  GHashTable  *prefix_index;    /* first letter of a "stem*" first word → GPtrArray */
  GHashTable  *words[LEX_N_LISTS];
  guint        after_window;    /* words between a quotation and its cue after it */
  guint        after_window_dash;
} SuggestLexicon;

GQuark                _gloss_suggest_lexicon_error_quark (void);
#define GLOSS_SUGGEST_LEXICON_ERROR (_gloss_suggest_lexicon_error_quark ())

typedef gboolean (*GlossSuggestLineFunc) (char      *line,
                                           gpointer   user_data,
                                           GError   **error);
gboolean              _gloss_suggest_lexicon_read    (const char            *data,
                                                      gsize                  length,
                                                      const char            *name,
                                                      GlossSuggestLineFunc   func,
                                                      gpointer               user_data,
                                                      GError               **error);
SuggestLexicon       *_gloss_suggest_lexicon_parse   (const char            *code,
                                                      const char            *data,
                                                      gsize                  length,
                                                      const char            *name,
                                                      GError               **error);
void                  _gloss_suggest_lexicon_free    (SuggestLexicon        *lexicon);
const SuggestLexicon *_gloss_suggest_lexicon_get     (SuggestLang            lang);
const SuggestLexicon *_gloss_suggest_lexicon_for_code (const char           *code);
gboolean              _gloss_suggest_lexicon_is_title (const SuggestLexicon *lexicon,
                                                       const char           *word);
gboolean              _gloss_suggest_lexicon_has_suffix (const SuggestLexicon *lexicon,
                                                         LexList               list,
                                                         const char           *word);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuggestLexicon, _gloss_suggest_lexicon_free)

static inline gboolean
lex_has (const SuggestLexicon *lexicon,
         LexList               list,
         const char           *word)
{
  return word != NULL && g_hash_table_contains (lexicon->words[list], word);
}

/* ---- The text and its tokens --------------------------------------------------- */

enum
{
  TOKEN_WORD           = 1 << 0,
  TOKEN_UPPER          = 1 << 1,   /* first letter a capital */
  TOKEN_NUMBER         = 1 << 2,
  TOKEN_LOWER_PART     = 1 << 3,   /* hyphenated, with a part in lower case */
  TOKEN_SENTENCE_START = 1 << 4,
  TOKEN_NEWLINE_BEFORE = 1 << 5,
};

typedef struct
{
  gint   start;
  gint   end;
  guint  flags;
  gint   quote;   /* the candidate quotation holding the token, or -1 */
  gint   entity;  /* 1 + the index in Scan.entities of a tagged mention on it, or 0 */
  char  *fold;    /* lower-case text */
} Token;

/* A pair of marks: [start, end) with the marks. */
typedef struct
{
  gint start;
  gint end;
  gint open_len;
  gint close_len;
} Candidate;

/* Where the speaker of a quotation is written. */
typedef enum
{
  SUBJECT_NONE,
  SUBJECT_DESCRIPTION,
  SUBJECT_WEAK_NAME,   /* one capitalised word opening a sentence: maybe a name */
  SUBJECT_NAME,
  SUBJECT_PRONOUN,
  SUBJECT_RELATIVE,
} SubjectKind;

typedef struct
{
  SubjectKind kind;
  gint        start;       /* first and last token, inclusive */
  gint        last;
  gint        name_last;   /* the last word of the name in a longer phrase, or 0: @last */
  gint        entity;      /* 1 + the index of the tagged mention it is, or 0 */
} Subject;

/* A mention the annotator tagged with a label that can speak. */
typedef struct
{
  gint start;   /* code points */
  gint end;
  gint first;   /* tokens */
  gint last;
} Entity;

typedef struct
{
  gint    first;   /* tokens, inclusive */
  gint    last;
  CueKind kind;
} Cue;

typedef struct
{
  gint  start;
  gint  end;
  char *surname;
} Mention;

typedef struct
{
  const gunichar       *text;
  gint                  n;
  const SuggestLexicon *lang;
  GArray               *tokens;       /* Token */
  GArray               *candidates;   /* Candidate: outermost only, in text order */
  GHashTable           *lower_forms;  /* words written in lower case somewhere in the text */
  GArray               *speakers;     /* Mention: names quotations were attributed to */
  GHashTable           *surnames;     /* last words of names of two words or more */
  GArray               *entities;     /* Entity: preferred as speakers */
  Subject               group;        /* the latest description a quotation was given */
  GPtrArray            *quote_of;     /* candidate → its GlossQuoteSuggestion or NULL (borrowed) */
} Scan;

/* One quotation while it is looked at. */
typedef struct
{
  gint     index;      /* candidate */
  gint     first;      /* first token after the opening mark */
  gint     last;       /* last token before the closing mark */
  gint     after;      /* first token after the quotation */
  Cue      cue;
  gboolean has_cue;
  gboolean cue_after;  /* the cue follows the quotation */
  gboolean attached;   /* … after a comma or dash */
  Subject  subject;
} Quote;

static inline Token *
token (Scan *s,
       gint  i)
{
  return &g_array_index (s->tokens, Token, i);
}

static inline gboolean
is_word (Scan *s,
         gint  i)
{
  return i >= 0 && i < (gint) s->tokens->len && (token (s, i)->flags & TOKEN_WORD);
}

static inline gboolean
is_lex (Scan    *s,
        gint     i,
        LexList  list)
{
  return is_word (s, i) && lex_has (s->lang, list, token (s, i)->fold);
}

static inline gunichar
char_at (Scan *s,
         gint  pos)
{
  return pos >= 0 && pos < s->n ? s->text[pos] : '\n';
}

/* The token is this one punctuation character. */
static inline gboolean
token_is (Scan     *s,
          gint      i,
          gunichar  c)
{
  Token *t = token (s, i);

  return t->end - t->start == 1 && s->text[t->start] == c;
}

static inline const Candidate *
candidate (Scan *s,
           gint  i)
{
  return &g_array_index (s->candidates, Candidate, i);
}

static inline gboolean
is_dash (gunichar c)
{
  return c == '-' || c == 0x2010 || c == 0x2011 || c == 0x2012 || c == 0x2013 || c == 0x2014
         || c == 0x2015 || c == 0x2212;
}

static inline gboolean
is_space (gunichar c)
{
  return c == '\n' || g_unichar_isspace (c) || g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR
         || c == 0x200B;
}

/* gloss-suggest-text.c */
void                  _gloss_suggest_build_tokens         (Scan                 *s,
                                                           const char           *utf8,
                                                           const GlossTextIndex *index);
const SuggestLexicon *_gloss_suggest_guess_language       (Scan                 *s);
void                  _gloss_suggest_mark_sentence_starts (Scan                 *s);
void                  _gloss_suggest_collect_lower_forms  (Scan                 *s);
gboolean              _gloss_suggest_is_abbreviation      (Scan                 *s,
                                                           gint                  i);
gboolean              _gloss_suggest_ends_sentence        (Scan                 *s,
                                                           gint                  i);
gboolean              _gloss_suggest_is_boundary          (Scan                 *s,
                                                           gint                  i);
gint                  _gloss_suggest_token_at_or_after    (Scan                 *s,
                                                           gint                  pos);
gint                  _gloss_suggest_sentence_start       (Scan                 *s,
                                                           gint                  i);

/* gloss-suggest-quotes.c */
void                  _gloss_suggest_scan_init            (Scan                 *s,
                                                           const char           *text,
                                                           const char           *language,
                                                           GArray               *speakers);
void                  _gloss_suggest_scan_clear           (Scan                 *s);
GPtrArray            *_gloss_suggest_scan_quotes          (Scan                 *s,
                                                           GCancellable         *cancellable);

/* gloss-suggest-marks.c */
void                  _gloss_suggest_find_candidates      (Scan                 *s);
void                  _gloss_suggest_assign_tokens        (Scan                 *s);

/* gloss-suggest-cues.c */
gboolean              _gloss_suggest_match_cue            (Scan                 *s,
                                                           gint                  i,
                                                           Cue                  *cue);
gboolean              _gloss_suggest_find_cue_after       (Scan                 *s,
                                                           Quote                *q);
gboolean              _gloss_suggest_find_cue_before      (Scan                 *s,
                                                           Quote                *q);

/* gloss-suggest-speakers.c */
Subject               _gloss_suggest_find_subject         (Scan                 *s,
                                                           Quote                *q);
Subject               _gloss_suggest_subject_of_cue       (Scan                 *s,
                                                           const Cue            *cue,
                                                           gint                  limit);
gboolean              _gloss_suggest_resolve_pronoun      (Scan                 *s,
                                                           gint                  pronoun,
                                                           Subject              *out);
gboolean              _gloss_suggest_resolve_relative     (Scan                 *s,
                                                           gint                  relative,
                                                           Subject              *out);
gboolean              _gloss_suggest_may_be_in_name       (Scan                 *s,
                                                           gint                  i);
void                  _gloss_suggest_expand_name          (Scan                 *s,
                                                           gint                  i,
                                                           gint                  lo,
                                                           gint                  hi,
                                                           gint                 *first,
                                                           gint                 *last);
gboolean              _gloss_suggest_is_filler            (Scan                 *s,
                                                           gint                  i);
gboolean              _gloss_suggest_is_acronym           (Scan                 *s,
                                                           gint                  i);

/* gloss-suggest-phrase.c */
void                  _gloss_suggest_mark_entities        (Scan                 *s,
                                                           GArray               *speakers);
gboolean              _gloss_suggest_find_entity          (Scan                 *s,
                                                           gint                  first,
                                                           gint                  last,
                                                           gboolean              toward_end,
                                                           Subject              *out);
void                  _gloss_suggest_snap_to_entity       (Scan                 *s,
                                                           Subject              *subject);
void                  _gloss_suggest_collect_surnames     (Scan                 *s);
gboolean              _gloss_suggest_is_speaker_noun      (Scan                 *s,
                                                           gint                  i);
gboolean              _gloss_suggest_is_plain_noun        (Scan                 *s,
                                                           gint                  i);
void                  _gloss_suggest_whole_phrase         (Scan                 *s,
                                                           const Quote          *q,
                                                           Subject              *subject);
gboolean              _gloss_suggest_clause_subject       (Scan                 *s,
                                                           gint                  first,
                                                           gint                  last,
                                                           Subject              *out);

/* ---- Claims -------------------------------------------------------------------- */

/* What the claim suggester measures of a sentence besides its words. */
typedef enum
{
  CLAIM_SIGNAL_DIGITS,       /* a number in digits, not a year */
  CLAIM_SIGNAL_YEAR,         /* "1987", "2015" */
  CLAIM_SIGNAL_PERCENT,      /* "%" */
  CLAIM_SIGNAL_CURRENCY,     /* "$", "€", "₽" */
  CLAIM_SIGNAL_QUESTION,     /* "?" */
  CLAIM_SIGNAL_EXCLAMATION,  /* "!" */
  CLAIM_SIGNAL_NAME,         /* a capitalised word that does not open the sentence */
  CLAIM_SIGNAL_SHORT,        /* fewer words than the short-sentence setting */
  CLAIM_SIGNAL_FRAGMENT,     /* no full stop at the end: a headline, a caption, a dateline */
  CLAIM_N_SIGNALS,
} ClaimSignal;

/* Stems are filed under their first letters (up to this many). */
#define CLAIM_PREFIX_KEY 3

/* A weighted word or phrase: "percent", "i think", "процент*", "*ed". */
typedef struct
{
  char   **words;     /* lower case; a word may be "stem*"; a lone "*suffix" ends words */
  guint    n_words;
  double   weight;
  guint    id;        /* place in the file: counted once a sentence */
} ClaimEntry;

typedef struct
{
  char        *code;
  GPtrArray   *entries;          /* ClaimEntry, in file order */
  GHashTable  *by_word;          /* first word → GPtrArray of ClaimEntry (borrowed) */
  GHashTable  *by_prefix;        /* first letters of a "stem*" first word → GPtrArray */
  GHashTable  *by_suffix;        /* suffix without its star → ClaimEntry */
  guint        longest_suffix;   /* in characters */
  GHashTable  *leads;            /* words that open a sentence outside its claim: "and", "well" */
  GHashTable  *complementizers;  /* "that", "dass", "что", "que": a reported claim follows */
  double       signals[CLAIM_N_SIGNALS];
  double       threshold;        /* a sentence scoring this much or more is suggested */
  guint        short_sentence;
  guint        longest_sentence; /* words; longer ones are lists, not claims */
  guint        shortest_claim;   /* words a reported claim needs after its cue */
} ClaimLexicon;

ClaimLexicon         *_gloss_suggest_claim_lexicon_parse  (const char           *code,
                                                           const char           *data,
                                                           gsize                 length,
                                                           const char           *name,
                                                           GError              **error);
void                  _gloss_suggest_claim_lexicon_free   (ClaimLexicon         *lexicon);
const ClaimLexicon   *_gloss_suggest_claim_lexicon_get    (SuggestLang           lang);
char                 *_gloss_suggest_claim_prefix_key     (const char           *word,
                                                           guint                 letters);
char                 *_gloss_suggest_claim_fold           (const char           *word,
                                                           gssize                length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClaimLexicon, _gloss_suggest_claim_lexicon_free)

/* gloss-suggest.c */
GPtrArray            *_gloss_suggest_text_with            (const char           *text,
                                                           const char           *language,
                                                           GArray               *speakers,
                                                           GlossSuggestKinds     kinds,
                                                           const ClaimLexicon   *claim_lexicon,
                                                           GCancellable         *cancellable);

/* gloss-suggest-claims.c */
GPtrArray            *_gloss_suggest_scan_claims          (Scan                 *s,
                                                           const ClaimLexicon   *lexicon,
                                                           GCancellable         *cancellable);

G_END_DECLS
