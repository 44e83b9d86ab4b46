/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-format-conll"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gloss-export-private.h"
#include "gloss-tokenizer.h"

/* Token tags for one layer, as CoNLL IOB2 (`conll`) and as Hugging Face token
 * classification (`hf`): ICU tokens, ICU sentences, B- on a span's first
 * token and I- on the rest. A tag set holds one span per token, so a span that
 * does not start and end at token boundaries, overlaps a longer span of the
 * layer, or is discontinuous is left out, and reported. */

#define MAX_EXAMPLES 3
#define EXAMPLE_CHARS 40

/* The tag of a token is an index into the layer's tag names: 0 is "O", then
 * B- and I- of each label of the layer in schema order. */
#define TAG_B(k) (1 + 2 * (k))
#define TAG_I(k) (2 + 2 * (k))

typedef struct
{
  const char  *layer;
  GHashTable  *label_index;   /* label name → its position in the layer + 1 */
  char       **names;         /* the tag names, by index */
  guint        skipped;       /* spans not in the tags */
  GString     *examples;
  guint        n_examples;
  GString     *line;
  gboolean     hf;
} Tagger;

typedef struct
{
  const GlossSpan *span;
  guint            label;     /* position of its label in the layer */
  guint            first;     /* its first and last token */
  guint            last;
} Candidate;

/* One document cut into what the formats write: a group is a run of
 * sentences that no tagged span crosses. */
typedef struct
{
  GArray  *tokens;            /* GlossToken */
  guint   *tags;              /* one per token */
  GArray  *groups;            /* Group */
} Tagging;

typedef struct
{
  guint first;                /* tokens [first, end) */
  guint end;
} Group;

/* Tag names go in columns separated by whitespace: a label with a space in
 * its name gets an underscore there. */
static char *
column_safe (const char *str)
{
  GString *out = g_string_new (NULL);

  for (const char *p = str; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        g_string_append_c (out, '_');
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/**
 * _gloss_export_ner_tags:
 * @layer: the layer whose labels are tagged
 *
 * Returns: (transfer full): the tag names of @layer in index order: "O", then
 *   "B-LABEL" and "I-LABEL" for each label of the layer in schema order
 */
GStrv
_gloss_export_ner_tags (GlossStore *store,
                        const char *layer)
{
  GPtrArray *labels = gloss_store_list_labels (store);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  g_strv_builder_add (names, "O");
  for (guint i = 0; i < labels->len; i++)
    {
      const GlossLabel *label = g_ptr_array_index (labels, i);
      g_autofree char *name = NULL;
      g_autofree char *b = NULL, *in = NULL;

      if (g_strcmp0 (label->layer, layer) != 0)
        continue;
      name = column_safe (label->name);
      b = g_strconcat ("B-", name, NULL);
      in = g_strconcat ("I-", name, NULL);
      g_strv_builder_add (names, b);
      g_strv_builder_add (names, in);
    }
  return g_strv_builder_end (names);
}

static void
tagger_init (Tagger         *tagger,
             GlossExportJob *job,
             gboolean        hf)
{
  GPtrArray *labels = gloss_store_list_labels (job->store);
  guint k = 0;

  tagger->layer = job->options->layer != NULL ? job->options->layer : "entity";
  tagger->label_index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < labels->len; i++)
    {
      const GlossLabel *label = g_ptr_array_index (labels, i);

      if (g_strcmp0 (label->layer, tagger->layer) == 0)
        g_hash_table_insert (tagger->label_index, label->name, GUINT_TO_POINTER (++k));
    }
  tagger->names = _gloss_export_ner_tags (job->store, tagger->layer);
  tagger->examples = g_string_new (NULL);
  tagger->line = g_string_sized_new (1 << 16);
  tagger->hf = hf;
}

static void
tagger_clear (Tagger *tagger)
{
  g_clear_pointer (&tagger->label_index, g_hash_table_unref);
  g_clear_pointer (&tagger->names, g_strfreev);
  g_string_free (tagger->examples, TRUE);
  g_string_free (tagger->line, TRUE);
}

static void
tagging_clear (Tagging *tagging)
{
  g_clear_pointer (&tagging->tokens, g_array_unref);
  g_clear_pointer (&tagging->tags, g_free);
  g_clear_pointer (&tagging->groups, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Tagger, tagger_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Tagging, tagging_clear)

/* ---- Which spans can be tagged ----------------------------------------------------- */

static void
skip_span (Tagger            *tagger,
           const GlossRecord *record,
           GlossTextIndex    *index,
           const GlossSpan   *span,
           const char        *why)
{
  const char *text = record->document->text;
  gint start = gloss_span_get_start (span);
  gint end = MIN (gloss_span_get_end (span), start + EXAMPLE_CHARS);
  gsize from = gloss_text_index_to_byte (index, start);

  if (tagger->skipped++ >= MAX_EXAMPLES)
    {
      if (tagger->skipped == MAX_EXAMPLES + 1)
        g_string_append (tagger->examples, ", …");
      return;
    }
  if (tagger->examples->len > 0)
    g_string_append (tagger->examples, ", ");
  g_string_append_printf (tagger->examples, "%s:[%d,%d] “%.*s%s” %s", record->document->id, start,
                          gloss_span_get_end (span),
                          (int) (gloss_text_index_to_byte (index, end) - from), text + from,
                          end < gloss_span_get_end (span) ? "…" : "", why);
}

/* The first token that ends after @offset. */
static guint
token_after (GArray *tokens,
             gint    offset)
{
  guint lo = 0, hi = tokens->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (tokens, GlossToken, mid).end <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* The tokens [*first, *last] that @start and @end cover, when neither cuts
 * a token. */
static const char *
cover_tokens (GArray *tokens,
              gint    start,
              gint    end,
              guint  *first,
              guint  *last)
{
  guint i = token_after (tokens, start);
  guint j = token_after (tokens, end - 1);
  const GlossToken *a = i < tokens->len ? &g_array_index (tokens, GlossToken, i) : NULL;
  const GlossToken *b = j < tokens->len ? &g_array_index (tokens, GlossToken, j) : NULL;

  if ((a != NULL && a->start < start) || (b != NULL && b->start < end && b->end > end))
    return _("crosses a token boundary");
  if (b == NULL || b->start >= end)
    j--;
  if (a == NULL || a->start >= end || j == G_MAXUINT || j < i)
    return _("covers no token");
  *first = i;
  *last = j;
  return NULL;
}

static gint
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *ca = a, *cb = b;
  guint la = ca->last - ca->first, lb = cb->last - cb->first;

  if (la != lb)
    return la > lb ? -1 : 1;
  return (ca->first > cb->first) - (ca->first < cb->first);
}

/* The spans of the layer that start and end at token boundaries, longest
 * first; the others are reported. */
static GArray *
collect_candidates (Tagger            *tagger,
                    const GlossRecord *record,
                    GlossTextIndex    *index,
                    GArray            *tokens)
{
  GArray *candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));

  for (guint i = 0; i < record->spans->len; i++)
    {
      const GlossSpan *span = g_ptr_array_index (record->spans, i);
      guint k = GPOINTER_TO_UINT (g_hash_table_lookup (tagger->label_index, span->label));
      Candidate c = { span, k - 1, 0, 0 };
      const char *why;

      if (k == 0)
        continue;
      if (span->fragments->len > 1)
        why = _("is discontinuous");
      else
        why = cover_tokens (tokens, gloss_span_get_start (span), gloss_span_get_end (span),
                            &c.first, &c.last);
      if (why != NULL)
        skip_span (tagger, record, index, span, why);
      else
        g_array_append_val (candidates, c);
    }
  g_array_sort (candidates, compare_candidates);
  return candidates;
}

/* Tags the longest spans first; a span that overlaps one already tagged is
 * reported. Returns the spans tagged. */
static GArray *
assign_tags (Tagger            *tagger,
             const GlossRecord *record,
             GlossTextIndex    *index,
             Tagging           *tagging,
             GArray            *candidates)
{
  GArray *tagged = g_array_new (FALSE, FALSE, sizeof (Candidate));

  for (guint i = 0; i < candidates->len; i++)
    {
      const Candidate *c = &g_array_index (candidates, Candidate, i);
      gboolean vacant = TRUE;

      for (guint t = c->first; vacant && t <= c->last; t++)
        vacant = tagging->tags[t] == 0;
      if (!vacant)
        {
          skip_span (tagger, record, index, c->span, _("overlaps a tagged span"));
          continue;
        }
      tagging->tags[c->first] = TAG_B (c->label);
      for (guint t = c->first + 1; t <= c->last; t++)
        tagging->tags[t] = TAG_I (c->label);
      g_array_append_val (tagged, *c);
    }
  return tagged;
}

/* ---- Sentences ------------------------------------------------------------------------- */

/* The language of the document for ICU's sentence rules, English unless its
 * metadata says otherwise (the English abbreviations do no harm elsewhere). */
static char *
document_locale (const GlossDocument *document)
{
  char *language = gloss_document_dup_language (document);

  return language != NULL ? language : g_strdup ("en");
}

/* The sentence of each token; a token outside every sentence (none should be)
 * goes with the next one. */
static guint *
sentence_of_tokens (GArray *tokens,
                    GArray *sentences)
{
  guint *sentence_of = g_new (guint, tokens->len + 1);
  guint s = 0;

  for (guint t = 0; t < tokens->len; t++)
    {
      const GlossToken *token = &g_array_index (tokens, GlossToken, t);

      while (s + 1 < sentences->len && g_array_index (sentences, GlossSentence, s).end <= token->start)
        s++;
      sentence_of[t] = s;
    }
  return sentence_of;
}

/* Whether a sentence ends between sentences @from and @to that no span joins. */
static gboolean
sentence_ends (const gboolean *joined,
               guint           from,
               guint           to)
{
  for (guint s = from; s < to; s++)
    if (!joined[s])
      return TRUE;
  return FALSE;
}

/* Cuts the tokens into sentences, joining those a tagged span crosses so that
 * every span is whole in one of them. */
static GArray *
group_sentences (const GlossRecord *record,
                 GArray            *tokens,
                 GArray            *tagged)
{
  g_autofree char *locale = document_locale (record->document);
  g_autoptr(GArray) sentences = gloss_sentences (record->document->text, -1, locale);
  g_autofree guint *sentence_of = sentence_of_tokens (tokens, sentences);
  g_autofree gboolean *joined = g_new0 (gboolean, sentences->len + 1);
  GArray *groups = g_array_new (FALSE, FALSE, sizeof (Group));
  Group group = { 0, 0 };

  for (guint i = 0; i < tagged->len; i++)
    {
      const Candidate *c = &g_array_index (tagged, Candidate, i);

      for (guint s = sentence_of[c->first]; s < sentence_of[c->last]; s++)
        joined[s] = TRUE;
    }

  for (guint t = 1; t < tokens->len; t++)
    if (sentence_ends (joined, sentence_of[t - 1], sentence_of[t]))
      {
        group.end = t;
        g_array_append_val (groups, group);
        group.first = t;
      }
  group.end = tokens->len;
  if (group.end > group.first)
    g_array_append_val (groups, group);
  return groups;
}

static void
tag_document (Tagger            *tagger,
              const GlossRecord *record,
              GlossTextIndex    *index,
              Tagging           *tagging)
{
  g_autoptr(GArray) candidates = NULL;
  g_autoptr(GArray) tagged = NULL;
  g_autofree char *locale = document_locale (record->document);

  tagging->tokens = gloss_tokenize (record->document->text, -1, NULL);
  /* CoNLL-2003 and the tools that read it cut "Uber’s" and "don't" as the
   * Penn Treebank and spaCy do; a name before "’s" then is a token of its own. */
  gloss_tokenizer_split_clitics (tagging->tokens, record->document->text, locale);
  tagging->tags = g_new0 (guint, tagging->tokens->len + 1);
  candidates = collect_candidates (tagger, record, index, tagging->tokens);
  tagged = assign_tags (tagger, record, index, tagging, candidates);
  tagging->groups = group_sentences (record, tagging->tokens, tagged);
}

/* ---- Writing --------------------------------------------------------------------------- */

static void
append_token_text (GString              *out,
                   const GlossTextIndex *index,
                   const GlossToken     *token,
                   gboolean              json)
{
  const char *text = gloss_text_index_get_text (index);
  gsize from = gloss_text_index_to_byte (index, token->start);
  gsize to = gloss_text_index_to_byte (index, token->end);

  if (json)
    {
      gloss_json_append_string (out, text + from, to - from);
      return;
    }
  /* A column may not hold whitespace; ICU leaves some in a token only when a
   * combining mark follows a space. */
  for (const char *p = text + from; p < text + to; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        g_string_append_c (out, '_');
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
}

static void
append_conll (Tagger               *tagger,
              const GlossTextIndex *index,
              const Tagging        *tagging)
{
  GString *out = tagger->line;

  /* CoNLL-2003's own line, which spaCy's converter splits documents at. */
  g_string_append (out, "-DOCSTART- -X- O O\n\n");
  for (guint g = 0; g < tagging->groups->len; g++)
    {
      const Group *group = &g_array_index (tagging->groups, Group, g);

      for (guint t = group->first; t < group->end; t++)
        {
          append_token_text (out, index, &g_array_index (tagging->tokens, GlossToken, t), FALSE);
          g_string_append_c (out, '\t');
          g_string_append (out, tagger->names[tagging->tags[t]]);
          g_string_append_c (out, '\n');
        }
      g_string_append_c (out, '\n');
    }
}

static void
append_hf_sentence (Tagger               *tagger,
                    const GlossDocument  *document,
                    const GlossTextIndex *index,
                    const Tagging        *tagging,
                    guint                 n)
{
  const Group *group = &g_array_index (tagging->groups, Group, n);
  const GlossToken *tokens = &g_array_index (tagging->tokens, GlossToken, 0);
  g_autofree char *id = g_strdup_printf ("%s-%u", document->id, n);
  GString *out = tagger->line;

  g_string_append (out, "{\"id\":");
  gloss_json_append_string (out, id, -1);
  g_string_append (out, ",\"tokens\":[");
  for (guint t = group->first; t < group->end; t++)
    {
      if (t > group->first)
        g_string_append_c (out, ',');
      append_token_text (out, index, &tokens[t], TRUE);
    }
  g_string_append (out, "],\"ner_tags\":[");
  for (guint t = group->first; t < group->end; t++)
    g_string_append_printf (out, t > group->first ? ",%u" : "%u", tagging->tags[t]);
  g_string_append (out, "],\"document\":");
  gloss_json_append_string (out, document->id, -1);
  g_string_append_printf (out, ",\"start\":%d,\"token_offsets\":[", tokens[group->first].start);
  for (guint t = group->first; t < group->end; t++)
    g_string_append_printf (out, t > group->first ? ",[%d,%d]" : "[%d,%d]",
                            tokens[t].start, tokens[t].end);
  g_string_append (out, "]}\n");
}

static gboolean
write_tagged_record (GlossExportJob     *job,
                     const GlossRecord  *record,
                     gpointer            data,
                     GError            **error)
{
  Tagger *tagger = data;
  g_auto(Tagging) tagging = { NULL, };
  g_autoptr(GlossTextIndex) index = gloss_text_index_new (record->document->text, -1);

  tag_document (tagger, record, index, &tagging);
  g_string_truncate (tagger->line, 0);
  if (tagger->hf)
    for (guint n = 0; n < tagging.groups->len; n++)
      append_hf_sentence (tagger, record->document, index, &tagging, n);
  else
    append_conll (tagger, index, &tagging);
  return _gloss_export_put (job, tagger->line->str, tagger->line->len, error);
}

/* One notice per file written, so a corpus with many such spans does not
 * bury the other messages. */
static void
report_skipped (GlossExportJob *job,
                const Tagger   *tagger,
                const char     *path)
{
  g_autofree char *where = NULL;

  /* A bundle's files are written in a staging folder: name their final place. */
  if (path != NULL && job->options->bundle != NULL)
    {
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *final = g_build_filename (job->options->bundle, base, NULL);

      where = g_filename_display_name (final);
    }
  else
    where = g_filename_display_name (path != NULL ? path : gloss_store_get_path (job->store));

  job->not_written += tagger->skipped;
  if (tagger->skipped == 0 || job->report == NULL)
    return;
  gloss_report_set_location (job->report, where, 0);
  gloss_report_notice (job->report,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "%u span of layer “%s” is not in the tags: %s",
                                    "%u spans of layer “%s” are not in the tags: %s",
                                    tagger->skipped),
                       tagger->skipped, tagger->layer, tagger->examples->str);
  gloss_report_set_location (job->report, NULL, 0);
}

static gboolean
write_tagged (GlossExportJob  *job,
              GPtrArray       *documents,
              const char      *path,
              FILE            *stream,
              gboolean         hf,
              GError         **error)
{
  g_auto(Tagger) tagger = { NULL, };

  tagger_init (&tagger, job, hf);
  if (!_gloss_export_write_lines (job, documents, path, stream, NULL, NULL,
                                  write_tagged_record, &tagger, error))
    return FALSE;
  report_skipped (job, &tagger, path);
  return TRUE;
}

gboolean
_gloss_export_write_conll (GlossExportJob  *job,
                           GPtrArray       *documents,
                           const char      *path,
                           FILE            *stream,
                           GError         **error)
{
  return write_tagged (job, documents, path, stream, FALSE, error);
}

gboolean
_gloss_export_write_hf (GlossExportJob  *job,
                        GPtrArray       *documents,
                        const char      *path,
                        FILE            *stream,
                        GError         **error)
{
  return write_tagged (job, documents, path, stream, TRUE, error);
}

/* ---- The dataset card ---------------------------------------------------------------- */

static void
describe_tagging (GString        *card,
                  GlossExportJob *job)
{
  const char *layer = job->options->layer != NULL ? job->options->layer : "entity";

  g_string_append_printf (card, "Tokens are ICU word-break tokens (UAX #29, dictionary-based for "
                          "Chinese, Japanese and Thai): words, numbers and punctuation, never "
                          "whitespace. Sentences are ICU sentence-break units; a line break always "
                          "ends one, and sentences a span crosses are kept together.\n\n"
                          "Only the labels of the layer `%s` are tagged, with the project's label "
                          "names (`labels.json` → `conll_mapping` maps OntoNotes labels to "
                          "CoNLL-2003 types). A token holds one span: where spans of the layer "
                          "overlap, the longest is tagged. ", layer);
  if (job->not_written > 0)
    g_string_append_printf (card, "%u spans are not in the tags because they overlap a tagged "
                            "span, start or end inside a token, or are discontinuous; the export "
                            "listed the first of them.\n\n", job->not_written);
  else
    g_string_append (card, "Every span of the layer is in the tags.\n\n");
}

/* Python that calls @function on each data file: one variable, or a dict of
 * the parts of a split. */
void
_gloss_export_describe_calls (GString             *card,
                              const char          *variable,
                              const char          *function,
                              const char * const  *files)
{
  if (files[1] == NULL)
    {
      g_string_append_printf (card, "%s = %s(\"%s\")\n", variable, function, files[0]);
      return;
    }
  g_string_append (card, "splits = {\n");
  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autofree char *split = g_strndup (files[i], strcspn (files[i], "."));

      g_string_append_printf (card, "    \"%s\": %s(\"%s\"),\n", split, function, files[i]);
    }
  g_string_append (card, "}\n");
}

/* The "## Format" and "## Loading" sections of the card of a `conll` bundle;
 * @files are its data files. */
void
_gloss_export_describe_conll (GString             *card,
                              GlossExportJob      *job,
                              const char * const  *files)
{
  g_string_append_printf (card, "## Format\n\n`%s` is CoNLL-2003-style IOB2: one token per line "
                          "as `TOKEN<TAB>TAG`, a blank line after each sentence, and each document "
                          "opened by CoNLL-2003's `-DOCSTART- -X- O O` line and a blank line. `B-LABEL` marks a "
                          "span's first token, `I-LABEL` its other tokens, `O` every other token. "
                          "A token never holds whitespace (an underscore stands in for any).\n\n",
                          files[0]);
  describe_tagging (card, job);
  g_string_append (card, "## Loading\n\n```python\ndef read_conll(path):\n"
                   "    sentences, tokens, tags = [], [], []\n"
                   "    with open(path, encoding=\"utf-8\") as f:\n"
                   "        for line in f:\n"
                   "            line = line.rstrip(\"\\n\")\n"
                   "            if not line or line.startswith(\"-DOCSTART-\"):\n"
                   "                if tokens:\n"
                   "                    sentences.append((tokens, tags))\n"
                   "                tokens, tags = [], []\n"
                   "                continue\n"
                   "            token, tag = line.split(\"\\t\")\n"
                   "            tokens.append(token)\n"
                   "            tags.append(tag)\n"
                   "    if tokens:\n"
                   "        sentences.append((tokens, tags))\n"
                   "    return sentences\n\n");
  _gloss_export_describe_calls (card, "sentences", "read_conll", files);
  g_string_append_printf (card, "```\n\nspaCy: `python -m spacy convert %s . --converter ner`.\n",
                          files[0]);
}

/* The same for an `hf` bundle. */
void
_gloss_export_describe_hf (GString             *card,
                           GlossExportJob      *job,
                           const char * const  *files)
{
  g_auto(GStrv) tags = _gloss_export_ner_tags (job->store, job->options->layer ? job->options->layer
                                                                              : "entity");
  g_autofree char *names = g_strjoinv ("`, `", tags);

  g_string_append_printf (card, "## Format\n\n`%s` has one JSON object per sentence: `id` (the "
                          "document id and the sentence's number in it), `tokens`, `ner_tags` "
                          "(IOB2 tag indices), `document` (the document id), `start` (the "
                          "code-point offset of the sentence's first token in the document text) "
                          "and `token_offsets` (each token's [start, end) there).\n\n"
                          "The tag names, by index, are in `labels.json` → `ner_tags`: `%s`.\n\n",
                          files[0], names);
  describe_tagging (card, job);
  g_string_append (card, "## Loading\n\n```python\nimport json\n"
                   "from datasets import ClassLabel, Sequence, load_dataset\n\n"
                   "with open(\"labels.json\", encoding=\"utf-8\") as f:\n"
                   "    names = json.load(f)[\"ner_tags\"]\n");
  if (files[1] == NULL)
    g_string_append_printf (card, "ds = load_dataset(\"json\", data_files=\"%s\")\n", files[0]);
  else
    {
      g_string_append (card, "ds = load_dataset(\"json\", data_files={");
      for (guint i = 0; files[i] != NULL; i++)
        {
          g_autofree char *split = g_strndup (files[i], strcspn (files[i], "."));

          g_string_append_printf (card, "%s\"%s\": \"%s\"", i ? ", " : "", split, files[i]);
        }
      g_string_append (card, "})\n");
    }
  g_string_append (card, "ds = ds.cast_column(\"ner_tags\", Sequence(ClassLabel(names=names)))\n"
                   "```\n");
}
