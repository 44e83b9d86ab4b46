/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-suggest"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "gloss-store.h"
#include "gloss-suggest.h"
#include "gloss-text.h"
#include "gloss-tokenizer.h"

/* Quote suggestions are heuristics over the text alone: pair the quotation
 * marks, then look beside each quotation for a speech verb ("said", "sagte",
 * "заявил", "a déclaré") and for who it belongs to. They only propose; the
 * annotator accepts or rejects each one. */

/* ---- Words of each language --------------------------------------------------- */

typedef enum
{
  CUE_VERB,            /* "Putin said", "said Putin" */
  CUE_SOURCE_AFTER,    /* "according to Putin", "laut Gall", "по словам …" */
  CUE_SOURCE_BEFORE,   /* "Quellen zufolge" */
  CUE_PRONOUN_INSIDE,  /* "по его словам": the pronoun is the second word */
  CUE_SO,              /* German ", so Gall": only after a comma, before a name */
} CueKind;

typedef struct
{
  const char *words;   /* lower case, space separated; "stem*" matches a prefix */
  CueKind     kind;
} CueWord;

static const CueWord cues_en[] = {
  { "according to", CUE_SOURCE_AFTER },
  { "said", CUE_VERB }, { "says", CUE_VERB }, { "say", CUE_VERB }, { "saying", CUE_VERB },
  { "added", CUE_VERB }, { "adds", CUE_VERB }, { "adding", CUE_VERB },
  { "told", CUE_VERB }, { "tells", CUE_VERB }, { "telling", CUE_VERB },
  { "asked", CUE_VERB }, { "asks", CUE_VERB }, { "noted", CUE_VERB }, { "notes", CUE_VERB },
  { "stated", CUE_VERB }, { "explained", CUE_VERB }, { "explains", CUE_VERB },
  { "insisted", CUE_VERB }, { "insists", CUE_VERB }, { "argued", CUE_VERB }, { "argues", CUE_VERB },
  { "warned", CUE_VERB }, { "warns", CUE_VERB }, { "wrote", CUE_VERB }, { "writes", CUE_VERB },
  { "claimed", CUE_VERB }, { "claims", CUE_VERB }, { "announced", CUE_VERB },
  { "replied", CUE_VERB }, { "replies", CUE_VERB }, { "answered", CUE_VERB },
  { "responded", CUE_VERB }, { "continued", CUE_VERB }, { "commented", CUE_VERB },
  { "declared", CUE_VERB }, { "described", CUE_VERB }, { "called", CUE_VERB },
  { "urged", CUE_VERB }, { "remarked", CUE_VERB }, { "admitted", CUE_VERB },
  { "acknowledged", CUE_VERB }, { "suggested", CUE_VERB }, { "recalled", CUE_VERB },
  { "concluded", CUE_VERB }, { "confirmed", CUE_VERB }, { "tweeted", CUE_VERB },
  { "stressed", CUE_VERB }, { "emphasised", CUE_VERB }, { "emphasized", CUE_VERB },
  { "observed", CUE_VERB }, { "promised", CUE_VERB }, { "vowed", CUE_VERB },
  { "conceded", CUE_VERB }, { "complained", CUE_VERB }, { "countered", CUE_VERB },
  { "cautioned", CUE_VERB }, { "quipped", CUE_VERB }, { "testified", CUE_VERB },
  { "reported", CUE_VERB }, { "predicted", CUE_VERB }, { "pointed out", CUE_VERB },
  { NULL, 0 }
};

static const CueWord cues_de[] = {
  { "nach angaben", CUE_SOURCE_AFTER }, { "nach meinung", CUE_SOURCE_AFTER },
  { "nach ansicht", CUE_SOURCE_AFTER }, { "nach worten", CUE_SOURCE_AFTER },
  { "nach aussage*", CUE_SOURCE_AFTER }, { "unter berufung auf", CUE_SOURCE_AFTER },
  { "laut", CUE_SOURCE_AFTER }, { "lt", CUE_SOURCE_AFTER }, { "so", CUE_SO },
  { "zufolge", CUE_SOURCE_BEFORE }, { "hieß es", CUE_VERB },
  { "zeigte sich", CUE_VERB }, { "zeigt sich", CUE_VERB },
  { "sagt*", CUE_VERB }, { "sagte*", CUE_VERB }, { "gesagt", CUE_VERB },
  { "erklärt*", CUE_VERB }, { "betont*", CUE_VERB }, { "meint*", CUE_VERB },
  { "fügt*", CUE_VERB }, { "schreib*", CUE_VERB }, { "schrieb*", CUE_VERB },
  { "geschrieben", CUE_VERB }, { "berichte*", CUE_VERB }, { "kritisiert*", CUE_VERB },
  { "nannte*", CUE_VERB }, { "nennt", CUE_VERB }, { "bezeichne*", CUE_VERB },
  { "bestätigt*", CUE_VERB }, { "warnt*", CUE_VERB }, { "fordert*", CUE_VERB },
  { "äußert*", CUE_VERB }, { "kommentiert*", CUE_VERB }, { "fragt*", CUE_VERB },
  { "antwortet*", CUE_VERB }, { "ergänzt*", CUE_VERB }, { "unterstrich*", CUE_VERB },
  { "verkündet*", CUE_VERB }, { "beschrieb*", CUE_VERB }, { "beschreibt", CUE_VERB },
  { "erzählt*", CUE_VERB }, { "zitiert*", CUE_VERB }, { "gesprochen", CUE_VERB },
  { "sprach", CUE_VERB }, { "versichert*", CUE_VERB }, { "mahnt*", CUE_VERB },
  { "räumt*", CUE_VERB }, { "räumte*", CUE_VERB }, { "bekräftigt*", CUE_VERB },
  { NULL, 0 }
};

static const CueWord cues_ru[] = {
  { "по его словам", CUE_PRONOUN_INSIDE }, { "по её словам", CUE_PRONOUN_INSIDE },
  { "по ее словам", CUE_PRONOUN_INSIDE }, { "по их словам", CUE_PRONOUN_INSIDE },
  { "по его мнению", CUE_PRONOUN_INSIDE }, { "по её мнению", CUE_PRONOUN_INSIDE },
  { "по словам", CUE_SOURCE_AFTER }, { "по мнению", CUE_SOURCE_AFTER },
  { "по данным", CUE_SOURCE_AFTER }, { "согласно", CUE_SOURCE_AFTER },
  { "дал понять", CUE_VERB }, { "дала понять", CUE_VERB },
  { "сказал*", CUE_VERB }, { "заяви*", CUE_VERB }, { "заявля*", CUE_VERB },
  { "отмети*", CUE_VERB }, { "отмеча*", CUE_VERB }, { "добави*", CUE_VERB },
  { "добавля*", CUE_VERB }, { "сообщи*", CUE_VERB }, { "сообща*", CUE_VERB },
  { "говори*", CUE_VERB }, { "пишу*", CUE_VERB }, { "пишет", CUE_VERB },
  { "написа*", CUE_VERB }, { "констатир*", CUE_VERB }, { "пообеща*", CUE_VERB },
  { "обеща*", CUE_VERB }, { "подчеркну*", CUE_VERB }, { "подчеркива*", CUE_VERB },
  { "поясни*", CUE_VERB }, { "поясня*", CUE_VERB }, { "уточни*", CUE_VERB },
  { "рассказа*", CUE_VERB }, { "рассказыва*", CUE_VERB }, { "предупреди*", CUE_VERB },
  { "предупрежда*", CUE_VERB }, { "признал*", CUE_VERB }, { "ответи*", CUE_VERB },
  { "отвеча*", CUE_VERB }, { "возмуща*", CUE_VERB }, { "возмути*", CUE_VERB },
  { "посетова*", CUE_VERB }, { "сетует", CUE_VERB }, { "вздохну*", CUE_VERB },
  { "парирова*", CUE_VERB }, { "отрезал*", CUE_VERB }, { "цитиру*", CUE_VERB },
  { "считает", CUE_VERB }, { "считают", CUE_VERB }, { "утвержда*", CUE_VERB },
  { "вспомина*", CUE_VERB }, { "вспомни*", CUE_VERB }, { "полагает", CUE_VERB },
  { "напомни*", CUE_VERB }, { "напомина*", CUE_VERB }, { "объясни*", CUE_VERB },
  { "объясня*", CUE_VERB }, { "заметил*", CUE_VERB }, { "передает", CUE_VERB },
  { "передаёт", CUE_VERB }, { "пожаловал*", CUE_VERB }, { "призва*", CUE_VERB },
  { "призыва*", CUE_VERB }, { "завери*", CUE_VERB }, { "уверя*", CUE_VERB },
  { "выразил*", CUE_VERB }, { "спросил*", CUE_VERB },
  { NULL, 0 }
};

static const CueWord cues_fr[] = {
  { "selon", CUE_SOURCE_AFTER }, { "d'après", CUE_SOURCE_AFTER }, { "d’après", CUE_SOURCE_AFTER },
  { "dit", CUE_VERB }, { "déclaré", CUE_VERB }, { "déclare", CUE_VERB },
  { "ajouté", CUE_VERB }, { "ajoute", CUE_VERB }, { "explique", CUE_VERB },
  { "expliqué", CUE_VERB }, { "affirme", CUE_VERB }, { "affirmé", CUE_VERB },
  { "estime", CUE_VERB }, { "estimé", CUE_VERB }, { "souligne", CUE_VERB },
  { "souligné", CUE_VERB }, { "précise", CUE_VERB }, { "précisé", CUE_VERB },
  { "indique", CUE_VERB }, { "indiqué", CUE_VERB }, { "raconte", CUE_VERB },
  { "raconté", CUE_VERB }, { "assure", CUE_VERB }, { "assuré", CUE_VERB },
  { "confie", CUE_VERB }, { "confié", CUE_VERB }, { "rappelle", CUE_VERB },
  { "rappelé", CUE_VERB }, { "insiste", CUE_VERB }, { "insisté", CUE_VERB },
  { "poursuit", CUE_VERB }, { "répond", CUE_VERB }, { "répondu", CUE_VERB },
  { "écrit", CUE_VERB }, { "annonce", CUE_VERB }, { "annoncé", CUE_VERB },
  { "dénonce", CUE_VERB }, { "dénoncé", CUE_VERB }, { "reconnaît", CUE_VERB },
  { "reconnu", CUE_VERB }, { "déplore", CUE_VERB }, { "martèle", CUE_VERB },
  { NULL, 0 }
};

typedef struct
{
  const char          *code;
  const CueWord       *cues;
  const char * const  *pronouns;      /* subject pronouns a speaker hides behind */
  const char * const  *relatives;     /* "who", "которая" */
  const char * const  *skip;          /* adverbs, auxiliaries between subject and verb */
  const char * const  *prepositions;
  const char * const  *determiners;
  const char * const  *conjunctions;
  guint                after_window;  /* words between a quotation and its cue after it */
  guint                after_window_dash;
} Language;

static const char * const pronouns_en[] = { "he", "she", "they", "it", NULL };
static const char * const pronouns_de[] = { "er", "sie", NULL };
static const char * const pronouns_ru[] = { "он", "она", "они", NULL };
static const char * const pronouns_fr[] = { "il", "elle", "ils", "elles", NULL };

static const char * const relatives_en[] = { "who", NULL };
static const char * const relatives_de[] = { NULL };
static const char * const relatives_ru[] = { "который", "которая", "которые", "которое", NULL };
static const char * const relatives_fr[] = { "qui", NULL };

static const char * const skip_en[] = {
  "also", "later", "then", "again", "further", "previously", "earlier", "recently", "once",
  "has", "have", "had", "would", "will", "was", "were", "is", "are", "did", "does",
  "reportedly", "repeatedly", "just", "now", "still", "simply", "later", "famously", NULL
};
static const char * const skip_de[] = {
  "auch", "ebenfalls", "zudem", "noch", "bereits", "schon", "jedoch", "dann", "später",
  "nun", "jetzt", "hat", "hatte", "habe", "hätte", "soll", "sollte", "wird", "würde",
  "ist", "war", "dazu", "daraufhin", "gestern", "heute", "außerdem", "weiter", "hinzu", NULL
};
static const char * const skip_ru[] = {
  "также", "тоже", "ещё", "еще", "уже", "же", "затем", "потом", "тогда", "однако",
  "ранее", "позже", "вновь", "снова", "было", "бы", "прямо", "лишь", NULL
};
static const char * const skip_fr[] = {
  "aussi", "encore", "déjà", "également", "ensuite", "alors", "t", "a", "avait", "ont",
  "lui", "leur", NULL
};

static const char * const prepositions_en[] = {
  "for", "of", "at", "from", "with", "in", "on", "to", "by", "about", "near", "after",
  "before", "into", "over", "under", "against", "during", "without", "via", NULL
};
static const char * const prepositions_de[] = {
  "für", "von", "vom", "bei", "beim", "mit", "aus", "zu", "zum", "zur", "in", "im", "an",
  "am", "auf", "über", "unter", "gegen", "nach", "vor", "durch", "ohne", "gegenüber", NULL
};
static const char * const prepositions_ru[] = {
  "в", "во", "на", "с", "со", "к", "ко", "от", "у", "из", "по", "о", "об", "для", "при",
  "за", "под", "над", "перед", "между", "через", "без", "до", NULL
};
static const char * const prepositions_fr[] = {
  "de", "du", "des", "à", "au", "aux", "pour", "avec", "en", "dans", "par", "sur", "chez",
  "sans", "sous", "vers", NULL
};

static const char * const determiners_en[] = {
  "a", "an", "the", "this", "that", "one", "another", "two", "three", "several", "some",
  "many", NULL
};
static const char * const determiners_de[] = {
  "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer",
  "eines", "sein", "seine", "seinen", "seinem", "seiner", "seines", "ihr", "ihre", "ihren",
  "ihrem", "ihrer", "ihres", "unser", "unsere", "unseren", "unserem", "unserer", NULL
};
static const char * const determiners_ru[] = { NULL };
static const char * const determiners_fr[] = {
  "le", "la", "les", "l'", "l’", "un", "une", "ce", "cette", NULL
};

static const char * const conjunctions_en[] = {
  "and", "but", "or", "so", "while", "as", "that", "which", "if", "when", "because", NULL
};
static const char * const conjunctions_de[] = {
  "und", "aber", "oder", "dass", "wie", "als", "wenn", "weil", "denn", "doch", "ob", NULL
};
static const char * const conjunctions_ru[] = {
  "и", "а", "но", "или", "что", "как", "чтобы", "если", "когда", "хотя", "ли", "то", NULL
};
static const char * const conjunctions_fr[] = {
  "et", "mais", "ou", "que", "qu'", "comme", "si", "quand", "car", NULL
};

static const Language languages[] = {
  { "en", cues_en, pronouns_en, relatives_en, skip_en, prepositions_en, determiners_en,
    conjunctions_en, 5, 5 },
  { "de", cues_de, pronouns_de, relatives_de, skip_de, prepositions_de, determiners_de,
    conjunctions_de, 1, 2 },
  { "ru", cues_ru, pronouns_ru, relatives_ru, skip_ru, prepositions_ru, determiners_ru,
    conjunctions_ru, 1, 5 },
  { "fr", cues_fr, pronouns_fr, relatives_fr, skip_fr, prepositions_fr, determiners_fr,
    conjunctions_fr, 4, 4 },
};

/* Titles, roles and family words that come before a name and are not part of it
 * ("Russian President Vladimir Putin" → "Vladimir Putin"). */
static const char * const titles[] = {
  "president", "vice", "prime", "minister", "chancellor", "secretary", "general", "senator",
  "sen", "rep", "representative", "congressman", "congresswoman", "governor", "gov", "mayor",
  "king", "queen", "prince", "princess", "pope", "cardinal", "bishop", "archbishop", "rabbi",
  "imam", "sheikh", "emir", "sultan", "judge", "justice", "attorney", "chief", "director",
  "chairman", "chairwoman", "chair", "ceo", "founder", "spokesman", "spokeswoman",
  "spokesperson", "ambassador", "envoy", "commander", "gen", "lt", "col", "colonel", "captain",
  "capt", "major", "sergeant", "admiral", "officer", "inspector", "detective", "mr", "mrs",
  "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "coach", "manager",
  "foreign", "defence", "defense", "interior", "finance", "deputy", "acting", "former",
  "leader", "head", "state", "premier", "commissioner", "speaker", "striker", "goalkeeper",
  "herr", "frau", "papst", "könig", "königin", "professorin", "abgeordnete", "abgeordneter",
  "landrat", "verteidiger", "nationalspieler",
  "президент", "премьер", "премьер-министр", "министр", "председатель", "глава", "губернатор",
  "мэр", "депутат", "спикер", "лидер", "представитель", "пресс-секретарь", "директор", "ректор",
  "профессор", "кандидат", "канцлер", "посол", "генерал", "полковник", "судья", "прокурор",
  "тренер", "господин", "госпожа", "г-н", "г-жа", "мать", "отец", "президента", "министра",
  "председателя", "главы", "губернатора", "мэра", "депутата", "лидера", "представителя",
  "директора", "ректора",
  "président", "présidente", "ministre", "premier", "chancelier", "maire", "député",
  "sénateur", "porte-parole", "directeur", "directrice", "m", "mme", "général", "secrétaire",
  "juge", "entraîneur", "roi", "reine", "pape", NULL
};

/* German compounds: "Innenminister", "Bundestrainer", "Regierungssprecherin". */
static const char * const title_suffixes[] = {
  "minister", "ministerin", "präsident", "präsidentin", "sprecher", "sprecherin", "trainer",
  "trainerin", "chef", "chefin", "kanzler", "kanzlerin", "richter", "richterin", "vorsitzende",
  "vorsitzender", "meister", "meisterin", "spieler", "spielerin", "experte", "expertin",
  "politiker", "politikerin", "leiter", "leiterin", "direktor", "direktorin", "sekretär",
  "sekretärin", "stürmer", "torhüter", "torwart", "kapitän", "президент", "министр", NULL
};

/* Capitalised words that are never names. */
static const char * const not_names[] = {
  "i", "the", "a", "an", "this", "that", "these", "those", "it", "we", "you", "es", "wir",
  "ich", "ihr", "мы", "я", "вы", "on", "je", "nous", "vous",
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
  "february", "march", "april", "may", "june", "july", "august", "september", "october",
  "november", "december", "montag", "dienstag", "mittwoch", "donnerstag", "freitag",
  "samstag", "sonntag", "januar", "februar", "märz", "juni", "juli", "oktober", "dezember",
  NULL
};

/* Particles inside names: "Ursula von der Leyen", "Charles de Gaulle". */
static const char * const name_particles[] = {
  "van", "von", "bin", "ibn", "ben", "al", "el", "da", "dos", "del", "della", "di", "de", "du",
  "ter", "ten", "y", NULL
};

/* A full stop after these does not end a sentence. */
static const char * const abbreviations[] = {
  "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "lt", "col", "sen", "rep", "gov",
  "no", "nr", "vs", "etc", "ca", "bzw", "vgl", "usw", "dt", "inkl", "jh", "mio", "mrd",
  "г", "гг", "т", "е", "им", "др", "пр", "ул", "см", "тыс", "млн", "млрд", "mme", "mlle",
  NULL
};

/* French clitics after a hyphen belong to the verb, not to a compound: "dit-il". */
static const char * const clitics_fr[] = {
  "t", "il", "elle", "ils", "elles", "on", "je", "tu", "nous", "vous", NULL
};

static gboolean
in_list (const char         *word,
         const char * const *list)
{
  for (guint i = 0; word != NULL && list[i] != NULL; i++)
    if (strcmp (word, list[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
has_title_suffix (const char *word)
{
  gsize n = strlen (word);

  for (guint i = 0; title_suffixes[i] != NULL; i++)
    {
      gsize m = strlen (title_suffixes[i]);

      if (n > m && strcmp (word + n - m, title_suffixes[i]) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_title (const char *word)
{
  return in_list (word, titles) || has_title_suffix (word);
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
  gint        start;   /* first and last token, inclusive */
  gint        last;
} Subject;

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
  const gunichar *text;
  gint            n;
  const Language *lang;
  GArray         *tokens;       /* Token */
  GArray         *candidates;   /* Candidate: outermost only, in text order */
  GHashTable     *lower_forms;  /* words written in lower case somewhere in the text */
  GArray         *speakers;     /* Mention: names quotations were attributed to */
} Scan;

static Token *
token (Scan *s,
       gint  i)
{
  return &g_array_index (s->tokens, Token, i);
}

static gboolean
is_word (Scan *s,
         gint  i)
{
  return i >= 0 && i < (gint) s->tokens->len && (token (s, i)->flags & TOKEN_WORD);
}

static gunichar
char_at (Scan *s,
         gint  pos)
{
  return pos >= 0 && pos < s->n ? s->text[pos] : '\n';
}

/* The token is this one punctuation character. */
static gboolean
token_is (Scan     *s,
          gint      i,
          gunichar  c)
{
  Token *t = token (s, i);

  return t->end - t->start == 1 && s->text[t->start] == c;
}

static gboolean
is_dash (gunichar c)
{
  return c == '-' || c == 0x2010 || c == 0x2011 || c == 0x2012 || c == 0x2013 || c == 0x2014
         || c == 0x2015 || c == 0x2212;
}

static gboolean
is_space (gunichar c)
{
  return c == '\n' || g_unichar_isspace (c) || g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR
         || c == 0x200B;
}

static void
token_clear (Token *t)
{
  g_free (t->fold);
}

static void
mention_clear (Mention *m)
{
  g_free (m->surname);
}

static const Language *
language_for_code (const char *code)
{
  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (languages); i++)
    if (g_ascii_strncasecmp (code, languages[i].code, 2) == 0)
      return &languages[i];
  return NULL;
}

static const char * const marker_words[][12] = {
  { "the", "and", "of", "to", "is", "that", "with", "for", "was", "he", "said", NULL },
  { "der", "die", "und", "das", "nicht", "ist", "sich", "mit", "den", "ein", "dass", NULL },
  { NULL },
  { "le", "la", "les", "et", "des", "est", "une", "du", "dans", "que", "pour", NULL },
};

/* Cyrillic letters mean Russian; otherwise the language whose commonest words
 * are commonest. */
static const Language *
guess_language (Scan *s)
{
  guint cyrillic = 0, letters = 0, best = 0, scores[G_N_ELEMENTS (languages)] = { 0 };

  for (gint i = 0; i < s->n; i++)
    if (g_unichar_isalpha (s->text[i]))
      {
        letters++;
        cyrillic += g_unichar_get_script (s->text[i]) == G_UNICODE_SCRIPT_CYRILLIC;
      }
  if (letters > 0 && cyrillic * 3 > letters)
    return &languages[2];

  for (guint i = 0; i < s->tokens->len; i++)
    for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
      scores[l] += in_list (token (s, i)->fold, marker_words[l]);
  for (guint l = 1; l < G_N_ELEMENTS (languages); l++)
    if (scores[l] > scores[best])
      best = l;
  return &languages[best];
}

static char *
fold_range (const GlossTextIndex *index,
            gint                  start,
            gint                  end)
{
  const char *text = gloss_text_index_get_text (index);
  gsize from = gloss_text_index_to_byte (index, start);
  gsize to = gloss_text_index_to_byte (index, end);

  return g_utf8_strdown (text + from, to - from);
}

/* Joins "Пресс" "-" "служба" into one word, as a reader sees it. */
static gint
merge_hyphenated (Scan                 *s,
                  GArray               *raw,
                  guint                 i,
                  GlossToken           *word,
                  gboolean             *lower_part,
                  const GlossTextIndex *index)
{
  while (i + 2 < raw->len)
    {
      GlossToken *hyphen = &g_array_index (raw, GlossToken, i + 1);
      GlossToken *next = &g_array_index (raw, GlossToken, i + 2);
      g_autofree char *fold = NULL;

      if (hyphen->start != word->end || hyphen->end != hyphen->start + 1
          || !(s->text[hyphen->start] == '-' || s->text[hyphen->start] == 0x2010
               || s->text[hyphen->start] == 0x2011)
          || !next->is_word || next->start != hyphen->end)
        break;
      fold = fold_range (index, next->start, next->end);
      if (s->lang == &languages[3] && in_list (fold, clitics_fr))
        break;
      if (!g_unichar_isupper (s->text[next->start]) && !g_unichar_isdigit (s->text[next->start]))
        *lower_part = TRUE;
      word->end = next->end;
      i += 2;
    }
  return i;
}

static guint
word_flags (Scan *s,
            gint  start)
{
  gunichar c = s->text[start];

  if (g_unichar_isupper (c) || g_unichar_istitle (c))
    return TOKEN_WORD | TOKEN_UPPER;
  if (g_unichar_isdigit (c))
    return TOKEN_WORD | TOKEN_NUMBER;
  return TOKEN_WORD;
}

static gboolean
newline_between (Scan *s,
                 gint  from,
                 gint  to)
{
  for (gint p = from; p < to; p++)
    if (s->text[p] == '\n')
      return TRUE;
  return FALSE;
}

static void
build_tokens (Scan                 *s,
              const char           *utf8,
              const GlossTextIndex *index)
{
  g_autoptr(GArray) raw = gloss_tokenize (utf8, -1, s->lang != NULL ? s->lang->code : NULL);
  gint previous_end = 0;

  s->tokens = g_array_new (FALSE, TRUE, sizeof (Token));
  g_array_set_clear_func (s->tokens, (GDestroyNotify) token_clear);

  for (guint i = 0; i < raw->len; i++)
    {
      GlossToken word = g_array_index (raw, GlossToken, i);
      gboolean lower_part = FALSE;
      Token t = { 0 };

      if (word.is_word && s->lang != NULL)
        i = merge_hyphenated (s, raw, i, &word, &lower_part, index);
      t.start = word.start;
      t.end = word.end;
      t.quote = -1;
      t.flags = word.is_word ? word_flags (s, word.start) : 0;
      if (lower_part)
        t.flags |= TOKEN_LOWER_PART;
      if (s->tokens->len == 0 || newline_between (s, previous_end, t.start))
        t.flags |= TOKEN_NEWLINE_BEFORE;
      t.fold = fold_range (index, t.start, t.end);
      previous_end = t.end;
      g_array_append_val (s->tokens, t);
    }
}

/* ---- Sentences ----------------------------------------------------------------- */

static gboolean
is_abbreviation (Scan *s,
                 gint  i)
{
  Token *t;

  if (!is_word (s, i))
    return FALSE;
  t = token (s, i);
  if (g_utf8_strlen (t->fold, -1) == 1 && !(t->flags & TOKEN_NUMBER))
    return TRUE;
  if (in_list (t->fold, abbreviations))
    return TRUE;
  /* German ordinals: "am 19. August", "in der 20. Minute" */
  return s->lang == &languages[1] && (t->flags & TOKEN_NUMBER) && t->end - t->start <= 2;
}

/* Token @i ends a sentence: ". ! ? …" not after an abbreviation, and what
 * follows does not go on in lower case. */
static gboolean
ends_sentence (Scan *s,
               gint  i)
{
  Token *t = token (s, i);
  gunichar c = s->text[t->start];

  if (t->flags & TOKEN_WORD)
    return FALSE;
  if (c != '.' && c != '!' && c != '?' && c != 0x2026)
    return FALSE;
  if (c == '.' && t->end - t->start == 1 && is_abbreviation (s, i - 1))
    return FALSE;
  if (i + 1 < (gint) s->tokens->len)
    {
      Token *next = token (s, i + 1);

      if ((next->flags & TOKEN_WORD) && !(next->flags & (TOKEN_UPPER | TOKEN_NUMBER))
          && !(next->flags & TOKEN_NEWLINE_BEFORE))
        return FALSE;
    }
  return TRUE;
}

static void
mark_sentence_starts (Scan *s)
{
  gboolean start = TRUE;

  for (guint i = 0; i < s->tokens->len; i++)
    {
      Token *t = token (s, i);

      if (t->flags & TOKEN_NEWLINE_BEFORE)
        start = TRUE;
      if (t->flags & TOKEN_WORD)
        {
          if (start)
            t->flags |= TOKEN_SENTENCE_START;
          start = FALSE;
        }
      else if (ends_sentence (s, i))
        start = TRUE;
    }
}

static void
collect_lower_forms (Scan *s)
{
  s->lower_forms = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < s->tokens->len; i++)
    {
      Token *t = token (s, i);

      if ((t->flags & TOKEN_WORD) && !(t->flags & (TOKEN_UPPER | TOKEN_NUMBER)))
        g_hash_table_add (s->lower_forms, t->fold);
    }
}

/* ---- Quotation marks ------------------------------------------------------------ */

typedef enum
{
  FAMILY_NONE = -1,
  FAMILY_DOUBLE,           /* " “ ” „ */
  FAMILY_SINGLE,           /* ' ‘ ’ ‚ */
  FAMILY_GUILLEMET,        /* « » */
  FAMILY_SINGLE_GUILLEMET, /* ‹ › */
  FAMILY_CORNER,           /* 「 」 */
  FAMILY_WHITE_CORNER,     /* 『 』 */
  N_FAMILIES
} Family;

typedef struct
{
  gint     pos;
  gint     len;      /* 2 for '' used as a double mark */
  gunichar c;        /* '"' for '' */
  Family   family;
} Mark;

typedef struct
{
  Mark open;
  Mark close;
} Pair;

static Family
mark_family (gunichar c)
{
  switch (c)
    {
    case '"': case 0x201C: case 0x201D: case 0x201E:
      return FAMILY_DOUBLE;
    case '\'': case 0x2018: case 0x2019: case 0x201A:
      return FAMILY_SINGLE;
    case 0x00AB: case 0x00BB:
      return FAMILY_GUILLEMET;
    case 0x2039: case 0x203A:
      return FAMILY_SINGLE_GUILLEMET;
    case 0x300C: case 0x300D:
      return FAMILY_CORNER;
    case 0x300E: case 0x300F:
      return FAMILY_WHITE_CORNER;
    default:
      return FAMILY_NONE;
    }
}

/* Which closing marks end a quotation opened by @open: the styles of each
 * language, and the mixed pairs real articles contain ("…” and „…"). */
static gboolean
mark_closes (gunichar open,
             gunichar close)
{
  switch (open)
    {
    case '"':    return close == '"' || close == 0x201D || close == 0x201C;
    case 0x201C: return close == 0x201D || close == '"';
    case 0x201E: return close == 0x201C || close == 0x201D || close == '"';
    case 0x201D: return close == 0x201D || close == '"';
    case '\'':   return close == '\'' || close == 0x2019;
    case 0x2018: return close == 0x2019 || close == '\'';
    case 0x201A: return close == 0x2018 || close == 0x2019;
    case 0x00AB: return close == 0x00BB;
    case 0x00BB: return close == 0x00AB;
    case 0x2039: return close == 0x203A;
    case 0x203A: return close == 0x2039;
    case 0x300C: return close == 0x300D;
    case 0x300E: return close == 0x300F;
    default:     return FALSE;
    }
}

/* A quotation may run over paragraphs in these styles. */
static gboolean
may_span_paragraphs (const Mark *open)
{
  return open->family == FAMILY_DOUBLE || open->family == FAMILY_GUILLEMET
         || open->family == FAMILY_CORNER || open->family == FAMILY_WHITE_CORNER
         || open->c == 0x2018;
}

typedef struct
{
  const gunichar *text;
  gint            from;         /* the paragraph, without its line feed */
  gint            to;
  GArray         *stack;        /* Mark */
  GArray         *pairs;        /* Pair */
  GArray         *orphans;      /* Mark: closing marks nothing opened */
  gint            first_open;   /* an opening mark beginning the paragraph, or -1 */
  guint           seen[N_FAMILIES];
} Paragraph;

static void
paragraph_clear (Paragraph *p)
{
  g_clear_pointer (&p->stack, g_array_unref);
  g_clear_pointer (&p->pairs, g_array_unref);
  g_clear_pointer (&p->orphans, g_array_unref);
}

static gunichar
paragraph_char (Paragraph *p,
                gint       pos)
{
  return pos >= p->from && pos < p->to ? p->text[pos] : '\n';
}

static gboolean
allows_opening (gunichar prev)
{
  return is_space (prev) || is_dash (prev) || mark_family (prev) != FAMILY_NONE
         || prev == '(' || prev == '[' || prev == '{' || prev == '<' || prev == '/'
         || prev == ':' || prev == 0xBF || prev == 0xA1;
}

static gboolean
allows_closing (gunichar next)
{
  return is_space (next) || mark_family (next) != FAMILY_NONE || g_unichar_ispunct (next);
}

static gboolean
only_space_after (Paragraph *p,
                  gint       pos)
{
  for (; pos < p->to; pos++)
    if (!is_space (p->text[pos]))
      return FALSE;
  return TRUE;
}

static gboolean
has_open (Paragraph *p,
          Family     family,
          gunichar   c)
{
  for (guint i = 0; i < p->stack->len; i++)
    {
      Mark *m = &g_array_index (p->stack, Mark, i);

      if (m->family == family && (c == 0 || m->c == c))
        return TRUE;
    }
  return FALSE;
}

static void
push_mark (Paragraph  *p,
           const Mark *mark)
{
  if (p->first_open < 0 && p->stack->len == 0 && p->pairs->len == 0 && p->orphans->len == 0)
    {
      gint pos = p->from;

      while (pos < mark->pos && is_space (p->text[pos]))
        pos++;
      if (pos == mark->pos)
        p->first_open = mark->pos;
    }
  g_array_append_val (p->stack, *mark);
}

/* Closes the nearest quotation the mark can close; marks opened inside it and
 * never closed are dropped. */
static void
close_mark (Paragraph  *p,
            const Mark *mark)
{
  for (gint i = (gint) p->stack->len - 1; i >= 0; i--)
    {
      Mark *open = &g_array_index (p->stack, Mark, i);

      if (open->family == mark->family && mark_closes (open->c, mark->c))
        {
          Pair pair = { *open, *mark };

          g_array_append_val (p->pairs, pair);
          g_array_set_size (p->stack, i);
          return;
        }
    }
  g_array_append_val (p->orphans, *mark);
}

/* An apostrophe after a plural ("the Workers’ union") when another closing
 * mark follows in the paragraph. */
static gboolean
is_plural_possessive (Paragraph *p,
                      gint       pos)
{
  gunichar prev = paragraph_char (p, pos - 1);

  if (prev != 's' && prev != 'S')
    return FALSE;
  for (gint q = pos + 1; q < p->to; q++)
    {
      gunichar c = p->text[q];

      if ((c == 0x2019 || c == '\'') && !is_space (paragraph_char (p, q - 1))
          && allows_closing (paragraph_char (p, q + 1)))
        return TRUE;
      if (c == 0x2018)
        return FALSE;
    }
  return FALSE;
}

static void
feed_single (Paragraph *p,
             Mark      *mark,
             gboolean   left,
             gboolean   right)
{
  gunichar prev = paragraph_char (p, mark->pos - 1);
  gunichar next = paragraph_char (p, mark->pos + 1);

  switch (mark->c)
    {
    case 0x201A:
      if (left)
        push_mark (p, mark);
      break;
    case 0x2018:
      if (right && !left && has_open (p, FAMILY_SINGLE, 0x201A))
        close_mark (p, mark);
      else if (left)
        push_mark (p, mark);
      else if (right && has_open (p, FAMILY_SINGLE, 0))
        close_mark (p, mark);
      break;
    default:   /* ' and ’, which are apostrophes far more often than quotation marks */
      if (g_unichar_isalnum (prev) && g_unichar_isalnum (next))
        break;
      if (mark->c == '\'' && left && !right)
        push_mark (p, mark);
      else if (right && has_open (p, FAMILY_SINGLE, 0) && !is_plural_possessive (p, mark->pos))
        close_mark (p, mark);
      break;
    }
}

static void
feed_double (Paragraph *p,
             Mark      *mark,
             gboolean   left,
             gboolean   right,
             gboolean   at_end)
{
  switch (mark->c)
    {
    case 0x201E:
      push_mark (p, mark);
      break;
    case 0x201C:   /* opens in English, closes in German */
      if (right && !left)
        close_mark (p, mark);
      else if (left)
        push_mark (p, mark);
      else if (at_end)
        close_mark (p, mark);
      break;
    case 0x201D:
      if (right || (at_end && !left))
        close_mark (p, mark);
      else if (left)
        push_mark (p, mark);
      break;
    default:   /* " */
      if (left && !right)
        push_mark (p, mark);
      else if (right && !left)
        close_mark (p, mark);
      else if (left && right)
        {
          if (has_open (p, FAMILY_DOUBLE, 0))
            close_mark (p, mark);
          else
            push_mark (p, mark);
        }
      else if (at_end || has_open (p, FAMILY_DOUBLE, 0))
        close_mark (p, mark);
      break;
    }
}

/* « » and ‹ › open and close in either direction (French, Russian « »;
 * German » «), often with spaces inside. */
static void
feed_guillemet (Paragraph *p,
                Mark      *mark,
                gboolean   left)
{
  gunichar opposite;

  switch (mark->c)
    {
    case 0x00AB: opposite = 0x00BB; break;
    case 0x00BB: opposite = 0x00AB; break;
    case 0x2039: opposite = 0x203A; break;
    default:     opposite = 0x2039; break;
    }

  if (mark->c == 0x00AB || mark->c == 0x2039)
    {
      if (has_open (p, mark->family, opposite) && !left)
        close_mark (p, mark);
      else
        push_mark (p, mark);
    }
  else if (has_open (p, mark->family, opposite))
    close_mark (p, mark);
  else if (left)
    push_mark (p, mark);
  else
    g_array_append_val (p->orphans, *mark);
}

static gboolean
is_cjk (gunichar c)
{
  switch (g_unichar_get_script (c))
    {
    case G_UNICODE_SCRIPT_HAN:
    case G_UNICODE_SCRIPT_HIRAGANA:
    case G_UNICODE_SCRIPT_KATAKANA:
    case G_UNICODE_SCRIPT_HANGUL:
      return TRUE;
    default:
      return (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF);
    }
}

static void
feed_mark (Paragraph *p,
           Mark      *mark)
{
  gunichar prev = paragraph_char (p, mark->pos - 1);
  gunichar next = paragraph_char (p, mark->pos + mark->len);
  gboolean left = !is_space (next) && allows_opening (prev);
  gboolean right = !is_space (prev) && allows_closing (next);
  gboolean at_end = only_space_after (p, mark->pos + mark->len);

  /* Chinese and Japanese put no spaces around marks: what is open closes. */
  if (is_cjk (prev) || is_cjk (next))
    {
      right = has_open (p, mark->family, 0);
      left = !right;
    }
  p->seen[mark->family]++;
  switch (mark->family)
    {
    case FAMILY_DOUBLE:
      feed_double (p, mark, left, right, at_end);
      break;
    case FAMILY_SINGLE:
      feed_single (p, mark, left, right);
      break;
    case FAMILY_GUILLEMET:
    case FAMILY_SINGLE_GUILLEMET:
      feed_guillemet (p, mark, left);
      break;
    default:
      if (mark->c == 0x300C || mark->c == 0x300E)
        push_mark (p, mark);
      else
        close_mark (p, mark);
      break;
    case FAMILY_NONE:
    case N_FAMILIES:
      g_assert_not_reached ();
    }
}

static void
parse_paragraph (Paragraph *p)
{
  p->stack = g_array_new (FALSE, FALSE, sizeof (Mark));
  p->pairs = g_array_new (FALSE, FALSE, sizeof (Pair));
  p->orphans = g_array_new (FALSE, FALSE, sizeof (Mark));
  p->first_open = -1;
  memset (p->seen, 0, sizeof p->seen);

  for (gint pos = p->from; pos < p->to; pos++)
    {
      Mark mark = { pos, 1, p->text[pos], mark_family (p->text[pos]) };

      if (mark.family == FAMILY_NONE)
        continue;
      /* Two apostrophes are a double mark (wiki markup, typewriter habits). */
      if (mark.c == '\'' && pos + 1 < p->to && p->text[pos + 1] == '\'')
        {
          mark.len = 2;
          mark.c = '"';
          mark.family = FAMILY_DOUBLE;
        }
      feed_mark (p, &mark);
      pos += mark.len - 1;
    }
}

static const Pair *
pair_opened_at (Paragraph *p,
                gint       pos)
{
  for (guint i = 0; i < p->pairs->len; i++)
    if (g_array_index (p->pairs, Pair, i).open.pos == pos)
      return &g_array_index (p->pairs, Pair, i);
  return NULL;
}

static const Mark *
first_orphan (Paragraph *p,
              Family     family)
{
  for (guint i = 0; i < p->orphans->len; i++)
    if (g_array_index (p->orphans, Mark, i).family == family)
      return &g_array_index (p->orphans, Mark, i);
  return NULL;
}

static void
add_candidate (GArray     *candidates,
               const Mark *open,
               const Mark *close)
{
  Candidate c = { open->pos, close->pos + close->len, open->len, close->len };

  g_array_append_val (candidates, c);
}

/* A quotation left open at the end of a paragraph goes on in the next one when
 * that one opens with the same mark again (the English convention) or closes a
 * mark nothing opened (after at most three paragraphs without marks). */
typedef struct
{
  gboolean active;
  Mark     open;
  guint    plain;
} Carry;

static gint
continue_carry (Carry     *carry,
                Paragraph *p,
                GArray    *candidates)
{
  const Mark *orphan;

  if (p->first_open >= 0 && mark_family (p->text[p->first_open]) == carry->open.family)
    {
      const Pair *pair = pair_opened_at (p, p->first_open);

      if (pair == NULL)
        {
          carry->plain = 0;
          return -1;   /* the whole paragraph is inside */
        }
      add_candidate (candidates, &carry->open, &pair->close);
      carry->active = FALSE;
      return pair->close.pos + pair->close.len;
    }

  orphan = first_orphan (p, carry->open.family);
  if (orphan != NULL && mark_closes (carry->open.c, orphan->c))
    {
      add_candidate (candidates, &carry->open, orphan);
      carry->active = FALSE;
      return orphan->pos + orphan->len;
    }

  if (p->seen[carry->open.family] == 0 && carry->plain < 3)
    {
      carry->plain++;
      return -1;
    }

  carry->active = FALSE;
  return p->from;
}

static void
start_carry (Carry     *carry,
             Paragraph *p,
             gint       from)
{
  for (guint i = 0; i < p->stack->len; i++)
    {
      Mark *open = &g_array_index (p->stack, Mark, i);

      if (open->pos >= from && may_span_paragraphs (open))
        {
          carry->active = TRUE;
          carry->open = *open;
          carry->plain = 0;
          return;
        }
    }
}

static gint
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return x->end > y->end ? -1 : x->end < y->end;
}

/* Keeps the outermost quotations: an inner quote is part of the outer one. */
static GArray *
outermost (GArray *all)
{
  GArray *kept = g_array_new (FALSE, FALSE, sizeof (Candidate));
  gint end = -1;

  g_array_sort (all, compare_candidates);
  for (guint i = 0; i < all->len; i++)
    {
      Candidate *c = &g_array_index (all, Candidate, i);

      if (c->start >= end)
        {
          g_array_append_val (kept, *c);
          end = c->end;
        }
    }
  return kept;
}

static void
find_candidates (Scan *s)
{
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (Candidate));
  Carry carry = { FALSE };
  gint from = 0;

  while (from < s->n)
    {
      Paragraph p = { s->text, from, from };
      gint resume;

      while (p.to < s->n && s->text[p.to] != '\n')
        p.to++;
      from = p.to + 1;
      if (only_space_after (&p, p.from))
        continue;

      parse_paragraph (&p);
      for (guint i = 0; i < p.pairs->len; i++)
        {
          Pair *pair = &g_array_index (p.pairs, Pair, i);

          add_candidate (all, &pair->open, &pair->close);
        }

      resume = carry.active ? continue_carry (&carry, &p, all) : p.from;
      if (resume >= 0 && !carry.active)
        start_carry (&carry, &p, resume);
      paragraph_clear (&p);
    }

  s->candidates = outermost (all);
}

static void
assign_tokens_to_candidates (Scan *s)
{
  guint c = 0;

  for (guint i = 0; i < s->tokens->len; i++)
    {
      Token *t = token (s, i);

      while (c < s->candidates->len && g_array_index (s->candidates, Candidate, c).end <= t->start)
        c++;
      if (c < s->candidates->len && g_array_index (s->candidates, Candidate, c).start <= t->start)
        t->quote = c;
    }
}

/* ---- Cues ------------------------------------------------------------------------- */

static gboolean
word_matches (const char *fold,
              const char *pattern,
              gsize       length)
{
  if (length > 0 && pattern[length - 1] == '*')
    return strncmp (fold, pattern, length - 1) == 0;
  return strlen (fold) == length && strncmp (fold, pattern, length) == 0;
}

/* The last token of @cue's words at token @i, or -1. Words must be outside
 * quotations and one after the other. */
static gint
match_words (Scan       *s,
             gint        i,
             const char *words)
{
  const char *p = words;

  while (TRUE)
    {
      const char *space = strchr (p, ' ');
      gsize length = space != NULL ? (gsize) (space - p) : strlen (p);

      if (!is_word (s, i) || token (s, i)->quote >= 0 || !word_matches (token (s, i)->fold, p, length))
        return -1;
      if (space == NULL)
        return i;
      p = space + 1;
      i++;
    }
}

/* German "so" names a source only as ", so Gall" or "“, so der Minister". */
static gboolean
so_is_cue (Scan *s,
           gint  i)
{
  gboolean after_comma = i > 0 && (token_is (s, i - 1, ',') || token (s, i - 1)->quote >= 0);

  return after_comma && is_word (s, i + 1)
         && ((token (s, i + 1)->flags & TOKEN_UPPER)
             || in_list (token (s, i + 1)->fold, s->lang->determiners));
}

static gboolean
match_cue (Scan *s,
           gint  i,
           Cue  *cue)
{
  gint best = -1;

  for (const CueWord *w = s->lang->cues; w->words != NULL; w++)
    {
      gint last = match_words (s, i, w->words);

      if (last <= best || (w->kind == CUE_SO && !so_is_cue (s, i)))
        continue;
      best = last;
      cue->first = i;
      cue->last = last;
      cue->kind = w->kind;
    }

  /* French compound past: "a déclaré" */
  if (best >= 0 && s->lang == &languages[3] && is_word (s, i - 1)
      && in_list (token (s, i - 1)->fold, (const char * const[]) { "a", "avait", "ont", NULL }))
    cue->first = i - 1;
  return best >= 0;
}

/* ---- Speakers --------------------------------------------------------------------- */

/* Tokens a clause boundary stops at. */
static gboolean
is_boundary (Scan *s,
             gint  i)
{
  Token *t = token (s, i);
  gunichar c = s->text[t->start];

  if (t->flags & TOKEN_WORD)
    return FALSE;
  if (t->quote >= 0 || ends_sentence (s, i))
    return TRUE;
  if (is_dash (c))
    return is_space (char_at (s, t->start - 1)) || is_space (char_at (s, t->end));
  return c == ',' || c == ';' || c == ':' || c == '(' || c == ')' || c == '[' || c == ']';
}

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
  while (i >= 0 && i > limit && cue_first - i <= 10 && !is_boundary (s, i)
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
  while (i < n && (limit < 0 || i < limit) && i - cue_last <= 10 && !is_boundary (s, i)
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
  return s->lang == &languages[1] && first == last && is_word (s, last + 1)
         && in_list (token (s, last + 1)->fold, s->lang->determiners);
}

static gboolean
is_skippable (Scan *s,
              gint  i)
{
  return is_word (s, i) && in_list (token (s, i)->fold, s->lang->skip);
}

/* Adverbs, auxiliaries and conjunctions at the edge of a phrase. */
static gboolean
is_filler (Scan *s,
           gint  i)
{
  return is_skippable (s, i) || (is_word (s, i) && in_list (token (s, i)->fold, s->lang->conjunctions));
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

static gboolean
may_be_in_name (Scan *s,
                gint  i)
{
  Token *t = token (s, i);

  if (!(t->flags & TOKEN_UPPER) || t->quote >= 0)
    return FALSE;
  /* "Cornyn's office": the name is not the speaker */
  if (is_possessive (s, i))
    return FALSE;
  if (in_list (t->fold, not_names) || in_list (t->fold, s->lang->pronouns))
    return FALSE;
  /* "The", "Die", "Наблюдатель" opening a sentence are ordinary words. */
  if (is_common_word (s, i))
    return FALSE;
  return !in_list (t->fold, s->lang->determiners) && !in_list (t->fold, s->lang->prepositions)
         && !in_list (t->fold, s->lang->conjunctions);
}

/* Grows a name around token @i: capitalised words, particles between them,
 * the full stop of an initial. */
static void
expand_name (Scan *s,
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

      if (j >= lo && may_be_in_name (s, j))
        *first = j;
      else if (j - 1 >= lo && in_list (token (s, j)->fold, name_particles) && may_be_in_name (s, j - 1))
        *first = j - 1;
      else if (j - 1 >= lo && token_is (s, j, '.') && is_abbreviation (s, j - 1)
               && (token (s, j - 1)->flags & TOKEN_UPPER))
        *first = j - 1;
      else
        break;
    }
  while (TRUE)
    {
      gint j = *last + 1;

      if (j <= hi && may_be_in_name (s, j))
        *last = j;
      else if (j + 1 <= hi && in_list (token (s, j)->fold, name_particles) && may_be_in_name (s, j + 1))
        *last = j + 1;
      else if (j + 1 <= hi && token_is (s, j, '.') && is_abbreviation (s, *last)
               && may_be_in_name (s, j + 1))
        *last = j + 1;
      else
        break;
    }
}

static gboolean
is_acronym (Scan *s,
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
    if (is_word (s, i) && is_title (token (s, i)->fold))
      after = i + 1;
  if (after > 0)
    *first = after;
  while (*first < last && (!is_word (s, *first) || in_list (token (s, *first)->fold, name_particles)))
    (*first)++;
  /* "председатель ЧСДП Соботка", "президент Чехии Милош Земан" */
  if (*first < last && is_word (s, *first - 1) && is_title (token (s, *first - 1)->fold)
      && (is_acronym (s, *first) || (s->lang == &languages[2] && last - *first >= 2)))
    (*first)++;
  return is_word (s, last) && !is_title (token (s, last)->fold);
}

/* The name is the object of a preposition ("a spokesman for Gazprom"). */
static gboolean
after_preposition (Scan *s,
                   gint  first,
                   gint  floor)
{
  gint i = first - 1;

  while (i >= floor && is_word (s, i) && in_list (token (s, i)->fold, s->lang->determiners))
    i--;
  return i >= floor && is_word (s, i) && in_list (token (s, i)->fold, s->lang->prepositions);
}

/* A German name after an article is a noun phrase ("das Gericht", "Das
 * russische Außenministerium"). */
static gboolean
after_article (Scan *s,
               gint  first)
{
  gint i = first - 1;

  if (s->lang != &languages[1])
    return FALSE;
  while (first - i <= 3 && is_word (s, i) && !(token (s, i)->flags & TOKEN_UPPER)
         && !in_list (token (s, i)->fold, s->lang->determiners))
    i--;
  return is_word (s, i) && in_list (token (s, i)->fold, s->lang->determiners);
}

static gint
first_content (Scan *s,
               gint  first,
               gint  last)
{
  while (first <= last && is_filler (s, first))
    first++;
  return first;
}

static gboolean
is_head_noun (Scan *s,
              gint  i)
{
  const char *fold = token (s, i)->fold;

  return is_word (s, i) && !is_title (fold) && !in_list (fold, s->lang->prepositions)
         && !in_list (fold, s->lang->pronouns) && !in_list (fold, s->lang->relatives)
         && (!(token (s, i)->flags & TOKEN_UPPER) || is_common_word (s, i));
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

      if (!may_be_in_name (s, i))
        continue;
      expand_name (s, i, first, last, &a, &b);
      head = a - 1;
      /* Go on past the whole run of name words: strip_titles () moves @a
       * forward, and resuming from there would find "Ms King" again. */
      if (after_preposition (s, a, first) || is_possessive (s, b + 1) || !strip_titles (s, &a, b)
          || (a == head + 1 && after_article (s, a)) || german_noun (s, a, b))
        {
          i = toward_end ? head + 1 : b;
          continue;
        }
      /* Russian genitive: "Посольство США" is the embassy, not the country. */
      if (s->lang == &languages[2] && head == a - 1 && head == first_content (s, first, last)
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

  while (i <= last && is_filler (s, i))
    i++;
  /* "в ответ журналисты" */
  if (i + 2 <= last && is_word (s, i) && in_list (token (s, i)->fold, s->lang->prepositions)
      && is_word (s, i + 1) && is_word (s, i + 2))
    i += 2;
  start = i;
  for (; i <= last && is_word (s, i); i++)
    {
      const char *fold = token (s, i)->fold;

      if (in_list (fold, s->lang->prepositions) || in_list (fold, s->lang->conjunctions)
          || in_list (fold, s->lang->relatives) || in_list (fold, s->lang->pronouns)
          || (i > start && (in_list (fold, s->lang->determiners) || is_skippable (s, i))))
        break;
      if (i == start && in_list (fold, s->lang->determiners))
        article = TRUE;
      else if (!(token (s, i)->flags & (TOKEN_UPPER | TOKEN_NUMBER)) || is_common_word (s, i))
        lower = TRUE;
      words++;
    }
  while (i - 1 > start && is_skippable (s, i - 1))
    i--, words--;

  if (words == 0 || words > 5 || (!lower && !article) || (article && words == 1))
    return FALSE;
  /* Russian dative plural after the verb is who was told: "заявил журналистам". */
  if (s->lang == &languages[2] && (g_str_has_suffix (token (s, start)->fold, "ам")
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
    if (is_word (s, i) && in_list (token (s, i)->fold, s->lang->pronouns))
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

  if (is_word (s, i) && in_list (token (s, i)->fold, s->lang->pronouns))
    subject = (Subject) { SUBJECT_PRONOUN, i, i };
  else if (toward_end && is_word (s, i) && in_list (token (s, i)->fold, s->lang->relatives))
    subject = (Subject) { SUBJECT_RELATIVE, i, i };
  else if (!find_name (s, first, last, toward_end, &subject)
           && !(toward_end && find_pronoun (s, first, last, &subject)))
    find_description (s, first, last, &subject);
  return subject;
}

/* ---- Pronouns ------------------------------------------------------------------------- */

static gint
token_at_or_after (Scan *s,
                   gint  pos)
{
  guint lo = 0, hi = s->tokens->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (token (s, mid)->start < pos)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* The first token of the sentence holding token @i. */
static gint
sentence_start (Scan *s,
                gint  i)
{
  for (; i > 0; i--)
    if (token (s, i)->quote < 0 && (token (s, i)->flags & (TOKEN_SENTENCE_START | TOKEN_NEWLINE_BEFORE)))
      return i;
  return 0;
}

/* A name that may stand for a person: two words or more, or (outside German,
 * where every noun is capitalised) one that does not open a sentence. */
static gboolean
person_like (Scan *s,
             gint  first,
             gint  last)
{
  return last > first || s->lang != &languages[1];
}

/* The name opens a sentence or clause, where subjects are. */
static gboolean
opens_clause (Scan *s,
              gint  first)
{
  gint i = first - 1;

  if (token (s, first)->flags & (TOKEN_SENTENCE_START | TOKEN_NEWLINE_BEFORE))
    return TRUE;
  while (is_skippable (s, i) || (is_word (s, i) && in_list (token (s, i)->fold, s->lang->determiners)))
    i--;
  return i < 0 || (!is_word (s, i) && is_boundary (s, i))
         || (is_word (s, i) && in_list (token (s, i)->fold, s->lang->conjunctions));
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

      if (token (s, i)->quote >= 0 || !may_be_in_name (s, i))
        continue;
      expand_name (s, i, from, before - 1, &a, &b);
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
      expand_name (s, i, 0, s->tokens->len - 1, &a, &b);
      if (!strip_titles (s, &a, b))
        continue;
      *out = (Subject) { SUBJECT_NAME, a, b };
      return TRUE;
    }
  return FALSE;
}

/* He, she, er, она: the nearest person named in this or the previous
 * sentence, unless a speaker already seen is named there too. */
static gboolean
resolve_pronoun (Scan    *s,
                 gint     pronoun,
                 Subject *out)
{
  gint sentence = sentence_start (s, pronoun);
  gint window = sentence > 0 ? sentence_start (s, sentence - 1) : 0;
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

static gboolean
resolve_relative (Scan    *s,
                  gint     relative,
                  Subject *out)
{
  gint from = MAX (0, relative - 8);

  return nearest_person (s, from, relative, out);
}

/* ---- One quotation --------------------------------------------------------------- */

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

static const Candidate *
candidate (Scan *s,
           gint  i)
{
  return &g_array_index (s->candidates, Candidate, i);
}

static gboolean
ends_with_full_stop (Scan      *s,
                     const Candidate *c)
{
  for (gint p = c->end - c->close_len - 1; p > c->start; p--)
    if (!is_space (s->text[p]))
      return s->text[p] == '.';
  return FALSE;
}

/* "…," Putin said · „…“, sagte er · "…", - сказал он · « … », a déclaré X */
static gboolean
find_cue_after (Scan  *s,
                Quote *q)
{
  const Candidate *c = candidate (s, q->index);
  gint i = q->after, n = s->tokens->len, words = 0;
  gboolean comma = FALSE, dash = FALSE, through_commas;
  guint window;

  while (i < n && !is_word (s, i) && token (s, i)->quote < 0
         && !(token (s, i)->flags & TOKEN_NEWLINE_BEFORE))
    {
      gunichar ch = s->text[token (s, i)->start];

      if (ch == ',')
        comma = TRUE;
      else if (is_dash (ch))
        dash = TRUE;
      else
        return FALSE;
      i++;
    }
  if (i >= n || !is_word (s, i) || (token (s, i)->flags & TOKEN_NEWLINE_BEFORE)
      || in_list (token (s, i)->fold, s->lang->conjunctions))
    return FALSE;

  window = dash ? s->lang->after_window_dash : s->lang->after_window;
  if (s->lang == &languages[0])
    window = comma || dash || !ends_with_full_stop (s, c) ? 6 : 2;
  /* "…", - опершись на трибуну, многозначительно предупредила Линик */
  through_commas = dash && s->lang == &languages[2];
  if (through_commas)
    window = 12;

  for (; i < n && words < (gint) window; i++)
    {
      if (token (s, i)->quote >= 0
          || (!is_word (s, i) && is_boundary (s, i) && !(through_commas && token_is (s, i, ','))))
        break;
      if (!is_word (s, i))
        continue;
      if (match_cue (s, i, &q->cue) && q->cue.kind != CUE_SOURCE_BEFORE)
        {
          q->has_cue = q->cue_after = TRUE;
          q->attached = comma || dash;
          return TRUE;
        }
      words++;
    }
  return FALSE;
}

/* The sentence before the quotation, or the paragraph before when the quotation
 * opens a paragraph after a colon. */
static gint
region_start (Scan *s,
              gint  before)
{
  gint i = before - 1;

  if ((token (s, before)->flags & TOKEN_NEWLINE_BEFORE) && !(i >= 0 && token_is (s, i, ':')))
    return before;

  for (; i >= 0 && before - i <= 80; i--)
    {
      Token *t = token (s, i);

      if (t->quote < 0 && !is_word (s, i) && ends_sentence (s, i))
        return i + 1;
      if ((t->quote < 0 && (t->flags & TOKEN_SENTENCE_START)) || (t->flags & TOKEN_NEWLINE_BEFORE))
        return i;
    }
  return MAX (i, 0);
}

static gboolean
find_cue_before (Scan  *s,
                 Quote *q)
{
  gint before = token_at_or_after (s, candidate (s, q->index)->start);
  gint from = region_start (s, before);

  for (gint i = before - 1; i >= from; i--)
    {
      Cue cue;

      if (!is_word (s, i) || token (s, i)->quote >= 0 || !match_cue (s, i, &cue) || cue.last >= before)
        continue;
      /* "laut „Tagesspiegel“": the quotation is the source itself. */
      if ((cue.kind == CUE_SOURCE_AFTER || cue.kind == CUE_SO) && cue.last == before - 1)
        continue;
      q->cue = cue;
      q->has_cue = TRUE;
      return TRUE;
    }
  return FALSE;
}

static Subject
subject_of_cue_before (Scan  *s,
                       Quote *q)
{
  gint limit = token_at_or_after (s, candidate (s, q->index)->start);
  Subject before = { SUBJECT_NONE }, after = { SUBJECT_NONE };
  gboolean adjacent = FALSE;
  gint a, b;

  if (phrase_before (s, q->cue.first, -1, &a, &b))
    {
      before = analyse_phrase (s, a, b, TRUE);
      while (b >= a && is_skippable (s, b))
        b--;
      adjacent = before.kind == SUBJECT_NAME && before.last == b;
    }
  if (phrase_after (s, q->cue.last, limit, &a, &b))
    after = analyse_phrase (s, a, b, FALSE);

  if (s->lang == &languages[0] || s->lang == &languages[3])
    return before.kind != SUBJECT_NONE ? before : after;

  /* German and Russian put the subject after the verb as often as before; a
   * German sentence may open with an adverb ("Unmissverständlich sagt das
   * Gericht"), a Russian one seldom. */
  if (adjacent)
    return before;
  if (after.kind >= SUBJECT_NAME)
    return after;
  if (before.kind >= SUBJECT_NAME || (s->lang == &languages[2] && before.kind != SUBJECT_NONE))
    return before;
  if (after.kind == SUBJECT_DESCRIPTION)
    return after;
  return before;
}

static Subject
find_subject (Scan  *s,
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
      limit = q->cue_after ? -1 : token_at_or_after (s, candidate (s, q->index)->start);
      if (phrase_after (s, q->cue.last, limit, &a, &b))
        return analyse_phrase (s, a, b, FALSE);
      return none;
    case CUE_SOURCE_BEFORE:
      if (phrase_before (s, q->cue.first, -1, &a, &b))
        return analyse_phrase (s, a, b, TRUE);
      return none;
    case CUE_VERB:
    default:
      break;
    }

  if (!q->cue_after)
    return subject_of_cue_before (s, q);

  /* "…," Putin said: the words between the quotation and the verb */
  a = q->after;
  while (a < q->cue.first && !is_word (s, a))
    a++;
  if (a < q->cue.first)
    between = analyse_phrase (s, a, q->cue.first - 1, TRUE);
  if (between.kind >= SUBJECT_WEAK_NAME
      || (between.kind == SUBJECT_DESCRIPTION && (s->lang == &languages[0] || s->lang == &languages[3])))
    return between;
  if (phrase_after (s, q->cue.last, -1, &a, &b))
    after = analyse_phrase (s, a, b, FALSE);
  return after.kind != SUBJECT_NONE ? after : between;
}

static gboolean
before_is_plain_word (Scan  *s,
                      Quote *q)
{
  gint i = q->first - 1;
  Cue cue;

  while (i >= 0 && !is_word (s, i) && token (s, i)->quote == q->index)
    i--;
  return is_word (s, i) && token (s, i)->quote < 0 && !match_cue (s, i, &cue);
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
  if (s->lang != &languages[1] && words <= 4 && !punctuation && before_is_plain_word (s, q))
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
         && is_word (s, before) && in_list (token (s, before)->fold, s->lang->determiners);
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

/* Whether the quotation is worth suggesting at all. */
static gboolean
keep_quote (Scan  *s,
            Quote *q)
{
  guint words = count_words (s, q);

  if (words == 0)
    return FALSE;
  if (looks_like_title (s, q))
    return q->has_cue && q->cue_after && q->attached;
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
  Mention m = { token (s, name->start)->start, token (s, name->last)->end,
                g_strdup (token (s, name->last)->fold) };

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

static GlossQuoteSuggestion *
suggest_quote (Scan *s,
               gint  index)
{
  const Candidate *c = candidate (s, index);
  g_autoptr(GlossQuoteSuggestion) suggestion = gloss_quote_suggestion_new (c->start, c->end);
  Quote q = { index };
  Subject speaker;

  q.first = token_at_or_after (s, c->start + c->open_len);
  q.last = token_at_or_after (s, c->end - c->close_len) - 1;
  q.after = token_at_or_after (s, c->end);

  if (!find_cue_after (s, &q))
    find_cue_before (s, &q);
  if (q.has_cue)
    q.subject = find_subject (s, &q);
  if (!keep_quote (s, &q))
    return NULL;
  if (!q.has_cue)
    return g_steal_pointer (&suggestion);

  set_range (s, &suggestion->cue, q.cue.first, q.cue.last);
  speaker = q.subject;
  if (speaker.kind == SUBJECT_PRONOUN || speaker.kind == SUBJECT_RELATIVE)
    {
      gint via = speaker.start;

      if (!(speaker.kind == SUBJECT_PRONOUN ? resolve_pronoun (s, via, &speaker)
                                            : resolve_relative (s, via, &speaker)))
        return g_steal_pointer (&suggestion);
      set_range (s, &suggestion->via, via, via);
    }
  if (speaker.kind == SUBJECT_NONE)
    return g_steal_pointer (&suggestion);

  set_range (s, &suggestion->speaker, speaker.start, speaker.last);
  suggestion->speaker_kind = speaker.kind == SUBJECT_DESCRIPTION ? GLOSS_SPEAKER_DESCRIPTION
                                                                  : GLOSS_SPEAKER_NAME;
  if (suggestion->speaker_kind == GLOSS_SPEAKER_NAME)
    remember_speaker (s, &speaker);
  return g_steal_pointer (&suggestion);
}

static void
scan_clear (Scan *s)
{
  g_clear_pointer (&s->tokens, g_array_unref);
  g_clear_pointer (&s->candidates, g_array_unref);
  g_clear_pointer (&s->lower_forms, g_hash_table_unref);
  g_clear_pointer (&s->speakers, g_array_unref);
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
  GPtrArray *suggestions = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_quote_suggestion_free);
  g_autoptr(GlossTextIndex) index = NULL;
  g_autofree gunichar *chars = NULL;
  glong n = 0;
  Scan s = { NULL };

  g_return_val_if_fail (text != NULL, suggestions);

  chars = g_utf8_to_ucs4_fast (text, -1, &n);
  index = gloss_text_index_new (text, -1);
  s.text = chars;
  s.n = n;
  s.lang = language_for_code (language);
  s.speakers = g_array_new (FALSE, FALSE, sizeof (Mention));
  g_array_set_clear_func (s.speakers, (GDestroyNotify) mention_clear);

  build_tokens (&s, text, index);
  if (s.lang == NULL)
    {
      s.lang = guess_language (&s);
      g_clear_pointer (&s.tokens, g_array_unref);
      build_tokens (&s, text, index);
    }
  mark_sentence_starts (&s);
  collect_lower_forms (&s);
  find_candidates (&s);
  assign_tokens_to_candidates (&s);

  for (guint i = 0; i < s.candidates->len; i++)
    {
      GlossQuoteSuggestion *suggestion;

      if (g_cancellable_is_cancelled (cancellable))
        {
          scan_clear (&s);
          g_ptr_array_unref (suggestions);
          return NULL;
        }
      suggestion = suggest_quote (&s, i);

      if (suggestion != NULL)
        g_ptr_array_add (suggestions, suggestion);
    }

  scan_clear (&s);
  return suggestions;
}

/* ---- Records -------------------------------------------------------------------------- */

GlossQuoteSuggestion *
gloss_quote_suggestion_new (gint start,
                            gint end)
{
  GlossQuoteSuggestion *suggestion = g_new0 (GlossQuoteSuggestion, 1);

  suggestion->start = start;
  suggestion->end = end;
  suggestion->cue = suggestion->speaker = suggestion->via = (GlossFragment) { -1, -1 };
  return suggestion;
}

GlossQuoteSuggestion *
gloss_quote_suggestion_copy (const GlossQuoteSuggestion *suggestion)
{
  g_return_val_if_fail (suggestion != NULL, NULL);
  return g_memdup2 (suggestion, sizeof *suggestion);
}

void
gloss_quote_suggestion_free (GlossQuoteSuggestion *suggestion)
{
  g_free (suggestion);
}

static const char * const status_names[] = { "pending", "accepted", "rejected" };
static const char * const speaker_kind_names[] = { NULL, "name", "description" };

const char *
gloss_suggestion_status_to_string (GlossSuggestionStatus status)
{
  g_return_val_if_fail (status <= GLOSS_SUGGESTION_REJECTED, NULL);
  return status_names[status];
}

gboolean
gloss_suggestion_status_from_string (const char            *str,
                                     GlossSuggestionStatus *status)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (status_names); i++)
    if (strcmp (str, status_names[i]) == 0)
      {
        *status = i;
        return TRUE;
      }
  return FALSE;
}

const char *
gloss_speaker_kind_to_string (GlossSpeakerKind kind)
{
  g_return_val_if_fail (kind <= GLOSS_SPEAKER_DESCRIPTION, NULL);
  return speaker_kind_names[kind];
}

gboolean
gloss_speaker_kind_from_string (const char       *str,
                                GlossSpeakerKind *kind)
{
  for (guint i = 1; str != NULL && i < G_N_ELEMENTS (speaker_kind_names); i++)
    if (strcmp (str, speaker_kind_names[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

/* ---- Suggestions of a stored document ------------------------------------------------- */

static char *
document_language (const GlossDocument *document)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (document->meta == NULL || !json_parser_load_from_data (parser, document->meta, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return g_strdup (json_object_get_string_member_with_default (json_node_get_object (root),
                                                               "language", NULL));
}

/* Most of the shorter of the two is shared. */
static gboolean
overlaps_substantially (gint a_start,
                        gint a_end,
                        gint b_start,
                        gint b_end)
{
  gint shared = MIN (a_end, b_end) - MAX (a_start, b_start);

  return shared > 0 && 2 * shared >= MIN (a_end - a_start, b_end - b_start);
}

static gboolean
is_annotated (GPtrArray                  *quotes,
              const GlossQuoteSuggestion *suggestion)
{
  for (guint i = 0; i < quotes->len; i++)
    {
      const GlossSpan *span = g_ptr_array_index (quotes, i);

      if (overlaps_substantially (gloss_span_get_start (span), gloss_span_get_end (span),
                                  suggestion->start, suggestion->end))
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_rejected (GPtrArray                  *rejected,
             const GlossQuoteSuggestion *suggestion)
{
  for (guint i = 0; i < rejected->len; i++)
    {
      const GlossQuoteSuggestion *r = g_ptr_array_index (rejected, i);

      if (r->start == suggestion->start && r->end == suggestion->end)
        return TRUE;
    }
  return FALSE;
}

static GPtrArray *
quote_spans (GlossStore  *store,
             gint64       document,
             GError     **error)
{
  g_autoptr(GPtrArray) spans = gloss_store_list_spans (store, document, error);
  GPtrArray *quotes;

  if (spans == NULL)
    return NULL;
  quotes = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_span_free);
  for (guint i = 0; i < spans->len; i++)
    {
      const GlossSpan *span = g_ptr_array_index (spans, i);
      const GlossLabel *label = gloss_store_lookup_label (store, span->label);

      if (label != NULL && label->kind == GLOSS_LABEL_KIND_QUOTE)
        g_ptr_array_add (quotes, g_ptr_array_steal_index (spans, i--));
    }
  return quotes;
}

/**
 * gloss_suggest_for_document:
 * @document: a stored document, with its text
 *
 * The quote suggestions for the quotations of @document that are not annotated
 * yet (no QUOTE-kind span on the same text or most of it) and that the annotator
 * has not rejected. The language comes from the document's metadata, or is
 * guessed.
 *
 * Returns: (transfer container) (element-type GlossQuoteSuggestion): the
 *   suggestions in text order, each with its document set
 */
GPtrArray *
gloss_suggest_for_document (GlossStore           *store,
                            const GlossDocument  *document,
                            GCancellable         *cancellable,
                            GError              **error)
{
  GlossSuggestionStatus status = GLOSS_SUGGESTION_REJECTED;
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GPtrArray) quotes = NULL;
  g_autoptr(GPtrArray) rejected = NULL;
  g_autofree char *language = NULL;

  g_return_val_if_fail (GLOSS_IS_STORE (store), NULL);
  g_return_val_if_fail (document != NULL && document->text != NULL, NULL);

  quotes = quote_spans (store, document->rowid, error);
  if (quotes == NULL)
    return NULL;
  rejected = gloss_store_list_suggestions (store, document->rowid, &status, error);
  if (rejected == NULL)
    return NULL;

  language = document_language (document);
  suggestions = gloss_suggest_quotes (document->text, language, cancellable);
  if (suggestions == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Suggesting was cancelled"));
      return NULL;
    }
  for (guint i = 0; i < suggestions->len; i++)
    {
      GlossQuoteSuggestion *suggestion = g_ptr_array_index (suggestions, i);

      if (is_annotated (quotes, suggestion) || is_rejected (rejected, suggestion))
        g_ptr_array_remove_index (suggestions, i--);
      else
        suggestion->document = document->rowid;
    }
  return g_steal_pointer (&suggestions);
}

/* ---- Accepting one ------------------------------------------------------------------ */

static const GlossLabel *
first_label (GlossStore     *store,
             GlossLabelKind  kind,
             gboolean        can_speak)
{
  GPtrArray *labels = gloss_store_list_labels (store);

  for (guint i = 0; i < labels->len; i++)
    {
      const GlossLabel *label = g_ptr_array_index (labels, i);

      if (label->kind == kind && (!can_speak || label->can_speak))
        return label;
    }
  return NULL;
}

/* An annotation already on exactly [start, end) that fits: for a speaker, a
 * label that can speak or a SOURCE. */
static GlossSpan *
find_span (GlossStore *store,
           GPtrArray  *spans,
           gint        start,
           gint        end,
           gboolean    speaker,
           GlossLabelKind kind)
{
  for (guint i = 0; i < spans->len; i++)
    {
      GlossSpan *span = g_ptr_array_index (spans, i);
      const GlossLabel *label = gloss_store_lookup_label (store, span->label);

      if (label == NULL || span->fragments->len != 1 || gloss_span_get_start (span) != start
          || gloss_span_get_end (span) != end)
        continue;
      if (speaker ? (label->can_speak || label->kind == GLOSS_LABEL_KIND_SOURCE) : label->kind == kind)
        return span;
    }
  return NULL;
}

static char *
ensure_span (GlossStore        *store,
             gint64             document,
             GPtrArray         *spans,
             const GlossLabel  *label,
             gint               start,
             gint               end,
             gboolean           speaker,
             gboolean          *changed,
             GError           **error)
{
  GlossSpan *existing = find_span (store, spans, start, end, speaker, label->kind);
  g_autoptr(GlossSpan) span = NULL;
  g_autoptr(GlossSpan) stored = NULL;

  if (existing != NULL)
    return g_strdup (existing->id);

  span = gloss_span_new (label->name, start, end);
  stored = gloss_store_add_span (store, document, span, error);
  if (stored == NULL)
    return NULL;
  *changed = TRUE;
  return g_strdup (stored->id);
}

static gboolean
add_link (GlossStore  *store,
      gint64       document,
      const char  *type,
      const char  *from,
      const char  *to,
      gboolean    *changed,
      GError     **error)
{
  g_autoptr(GlossRelation) relation = gloss_relation_new (type, from, to);
  g_autoptr(GlossRelation) stored = gloss_store_add_relation (store, document, relation, error);

  *changed |= stored != NULL;
  return stored != NULL;
}

static gboolean
check_labels (GlossStore                  *store,
              const GlossQuoteSuggestion  *suggestion,
              const GlossLabel           **quote,
              const GlossLabel           **cue,
              const GlossLabel           **speaker,
              GError                     **error)
{
  *quote = first_label (store, GLOSS_LABEL_KIND_QUOTE, FALSE);
  *cue = first_label (store, GLOSS_LABEL_KIND_CUE, FALSE);
  *speaker = suggestion->speaker_kind == GLOSS_SPEAKER_DESCRIPTION
             ? first_label (store, GLOSS_LABEL_KIND_SOURCE, FALSE)
             : first_label (store, GLOSS_LABEL_KIND_ENTITY, TRUE);

  if (*quote != NULL && (suggestion->cue.start < 0 || *cue != NULL)
      && (suggestion->speaker.start < 0 || *speaker != NULL))
    return TRUE;
  g_set_error_literal (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID,
                       _("the label schema has no quote, cue or speaker label to accept the "
                         "suggestion with; add one in the label schema"));
  return FALSE;
}

static gboolean
accept_in_group (GlossStore                  *store,
                 gint64                       document,
                 const GlossQuoteSuggestion  *suggestion,
                 char                       **quote_id,
                 gboolean                    *changed,
                 GError                     **error)
{
  const GlossLabel *quote_label, *cue_label, *speaker_label;
  g_autoptr(GPtrArray) spans = NULL;
  g_autofree char *cue_id = NULL, *speaker_id = NULL;

  if (!check_labels (store, suggestion, &quote_label, &cue_label, &speaker_label, error)
      || (spans = gloss_store_list_spans (store, document, error)) == NULL)
    return FALSE;

  *quote_id = ensure_span (store, document, spans, quote_label, suggestion->start, suggestion->end,
                           FALSE, changed, error);
  if (*quote_id == NULL)
    return FALSE;
  if (suggestion->cue.start >= 0
      && ((cue_id = ensure_span (store, document, spans, cue_label, suggestion->cue.start,
                                 suggestion->cue.end, FALSE, changed, error)) == NULL
          || !add_link (store, document, "CUE", *quote_id, cue_id, changed, error)))
    return FALSE;
  if (suggestion->speaker.start >= 0
      && ((speaker_id = ensure_span (store, document, spans, speaker_label, suggestion->speaker.start,
                                     suggestion->speaker.end, TRUE, changed, error)) == NULL
          || !add_link (store, document, "SPEAKER", *quote_id, speaker_id, changed, error)))
    return FALSE;
  if (suggestion->rowid > 0
      && !gloss_store_set_suggestion_status (store, document, suggestion->rowid,
                                             GLOSS_SUGGESTION_ACCEPTED, error))
    return FALSE;
  return TRUE;
}

/**
 * gloss_suggest_accept:
 * @suggestion: a suggestion for @document; when stored (rowid set) it becomes
 *   accepted
 *
 * Makes the suggestion annotations in one undo step: the QUOTE span, the CUE
 * span and the speaker's mention (the annotation already on it, or a new one with
 * the first label that can speak — PERSON by default — for a name, SOURCE for a
 * description), linked by CUE and SPEAKER relations. Undoing the step removes
 * them and makes the suggestion pending again.
 *
 * Returns: (transfer full): the QUOTE span
 */
GlossSpan *
gloss_suggest_accept (GlossStore                  *store,
                      gint64                       document,
                      const GlossQuoteSuggestion  *suggestion,
                      GError                     **error)
{
  g_autofree char *quote_id = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  gboolean changed = FALSE, ok;

  g_return_val_if_fail (GLOSS_IS_STORE (store), NULL);
  g_return_val_if_fail (suggestion != NULL, NULL);

  gloss_store_begin_group (store, _("Accept quote suggestion"));
  ok = accept_in_group (store, document, suggestion, &quote_id, &changed, error);
  if (!gloss_store_end_group (store, ok ? error : NULL) && ok)
    return NULL;
  if (!ok)
    {
      /* All or nothing: what the group did before the failure goes. */
      if (changed)
        gloss_store_undo (store, NULL, NULL);
      return NULL;
    }

  spans = gloss_store_list_spans (store, document, error);
  for (guint i = 0; spans != NULL && i < spans->len; i++)
    if (g_strcmp0 (((GlossSpan *) g_ptr_array_index (spans, i))->id, quote_id) == 0)
      return g_ptr_array_steal_index (spans, i);
  return NULL;
}
