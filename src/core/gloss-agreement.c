/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-agreement"

#include "config.h"

#include <math.h>
#include <string.h>

#include "gloss-agreement-private.h"
#include "gloss-tokenizer.h"

/* What one pair of annotators adds up over the documents both have. */
typedef struct
{
  guint   *exact;      /* per label: spans matched with the same fragments */
  guint   *overlap;    /* per label: spans matched one-to-one by overlap */
  guint   *n_a;        /* per label: spans of the first annotator */
  guint   *n_b;
  guint64 *tokens;     /* categories², token labels of a (row) against b */
  guint   *confusion;  /* categories², span pairs */
  guint    quotes_matched;
  guint    quotes_agreeing;
} PairStats;

struct _GlossAgreement
{
  GObject          parent_instance;
  GStrv            annotators;
  GStrv            labels;
  guint            n_annotators;
  guint            n_labels;          /* categories = n_labels + 1: the last is O */
  gint             focus;             /* label index, or -1 for all labels */
  char            *quote_label;
  guint            n_added;
  guint            n_documents;       /* documents every annotator has */
  guint           *counts;            /* n_annotators × n_labels */
  PairStats       *pairs;
  guint64          fleiss_subjects;
  gdouble          fleiss_agreement;  /* sum of every token's P_i */
  guint64         *fleiss_totals;     /* per category */
  GlossUnitizing **units;             /* per label */
};

G_DEFINE_FINAL_TYPE (GlossAgreement, gloss_agreement, G_TYPE_OBJECT)

typedef GlossAgreementItem Item;
typedef GlossAgreementSheet Sheet;
typedef GlossAgreementMatch Candidate;

typedef struct
{
  gint    length;             /* code points */
  GArray *tokens;
  Sheet  *sheets;
} Doc;

static guint
n_categories (GlossAgreement *self)
{
  return self->n_labels + 1;
}

static guint
n_pairs (GlossAgreement *self)
{
  return self->n_annotators * (self->n_annotators - 1) / 2;
}

static guint
pair_index (GlossAgreement *self,
            guint           a,
            guint           b)
{
  return a * (2 * self->n_annotators - a - 1) / 2 + (b - a - 1);
}

static gboolean
label_active (GlossAgreement *self,
              gint            label)
{
  return label >= 0 && (self->focus < 0 || self->focus == label);
}

static gint
label_index (GlossAgreement *self,
             const char     *name)
{
  for (guint i = 0; name != NULL && i < self->n_labels; i++)
    if (strcmp (self->labels[i], name) == 0)
      return (gint) i;
  return -1;
}

static void
pair_stats_init (PairStats *stats,
                 guint      n_labels)
{
  guint categories = n_labels + 1;

  stats->exact = g_new0 (guint, n_labels);
  stats->overlap = g_new0 (guint, n_labels);
  stats->n_a = g_new0 (guint, n_labels);
  stats->n_b = g_new0 (guint, n_labels);
  stats->tokens = g_new0 (guint64, categories * categories);
  stats->confusion = g_new0 (guint, categories * categories);
}

static void
pair_stats_clear (PairStats *stats)
{
  g_free (stats->exact);
  g_free (stats->overlap);
  g_free (stats->n_a);
  g_free (stats->n_b);
  g_free (stats->tokens);
  g_free (stats->confusion);
}

static void
gloss_agreement_finalize (GObject *object)
{
  GlossAgreement *self = GLOSS_AGREEMENT (object);

  for (guint i = 0; i < n_pairs (self); i++)
    pair_stats_clear (&self->pairs[i]);
  for (guint i = 0; i < self->n_labels; i++)
    _gloss_unitizing_free (self->units[i]);
  g_free (self->pairs);
  g_free (self->units);
  g_free (self->counts);
  g_free (self->fleiss_totals);
  g_free (self->quote_label);
  g_strfreev (self->annotators);
  g_strfreev (self->labels);
  G_OBJECT_CLASS (gloss_agreement_parent_class)->finalize (object);
}

static void
gloss_agreement_class_init (GlossAgreementClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gloss_agreement_finalize;
}

static void
gloss_agreement_init (GlossAgreement *self)
{
  self->focus = -1;
  self->quote_label = g_strdup ("QUOTE");
}

/**
 * gloss_agreement_new:
 * @annotators: the annotators compared, in the order of the output
 * @labels: the layer's labels in schema order; ties between token labels go to
 *   the earlier one, and spans of other labels are not compared
 *
 * Returns: (transfer full): a new agreement with no documents yet
 */
GlossAgreement *
gloss_agreement_new (const char * const *annotators,
                     const char * const *labels)
{
  GlossAgreement *self;

  g_return_val_if_fail (annotators != NULL && labels != NULL, NULL);

  self = g_object_new (GLOSS_TYPE_AGREEMENT, NULL);
  self->annotators = g_strdupv ((char **) annotators);
  self->labels = g_strdupv ((char **) labels);
  self->n_annotators = g_strv_length (self->annotators);
  self->n_labels = g_strv_length (self->labels);
  self->counts = g_new0 (guint, self->n_annotators * self->n_labels);
  self->pairs = g_new0 (PairStats, n_pairs (self));
  for (guint i = 0; i < n_pairs (self); i++)
    pair_stats_init (&self->pairs[i], self->n_labels);
  self->fleiss_totals = g_new0 (guint64, n_categories (self));
  self->units = g_new0 (GlossUnitizing *, self->n_labels);
  for (guint i = 0; i < self->n_labels; i++)
    self->units[i] = _gloss_unitizing_new (self->n_annotators);
  return self;
}

/**
 * gloss_agreement_set_focus_label:
 * @label: (nullable): the one label to compare (`--label X`), or %NULL for all
 *
 * With a focus label only its spans count: tokens are X or O, and the label
 * table holds X alone. Call it before adding documents.
 *
 * Returns: %FALSE when @label is not one of the labels
 */
gboolean
gloss_agreement_set_focus_label (GlossAgreement *self,
                                 const char     *label)
{
  g_return_val_if_fail (GLOSS_IS_AGREEMENT (self), FALSE);
  g_return_val_if_fail (self->n_added == 0, FALSE);

  if (label == NULL)
    {
      self->focus = -1;
      return TRUE;
    }
  self->focus = label_index (self, label);
  return self->focus >= 0;
}

/**
 * gloss_agreement_set_quote_label:
 * @label: the label of quotes whose speakers are compared ("QUOTE" by default)
 *
 * Call it before adding documents.
 */
void
gloss_agreement_set_quote_label (GlossAgreement *self,
                                 const char     *label)
{
  g_return_if_fail (GLOSS_IS_AGREEMENT (self));
  g_return_if_fail (label != NULL && self->n_added == 0);

  g_free (self->quote_label);
  self->quote_label = g_strdup (label);
}

/**
 * gloss_agreement_get_annotators:
 *
 * Returns: (transfer none): the annotators compared, in the order given
 */
const char * const *
gloss_agreement_get_annotators (GlossAgreement *self)
{
  g_return_val_if_fail (GLOSS_IS_AGREEMENT (self), NULL);
  return (const char * const *) self->annotators;
}

guint
gloss_agreement_get_n_documents (GlossAgreement *self)
{
  g_return_val_if_fail (GLOSS_IS_AGREEMENT (self), 0);
  return self->n_documents;
}

/* ---- Sheets ---- */

static void
add_item (GArray          *items,
          const GlossSpan *span,
          gint             label)
{
  Item item = { span, label, gloss_span_get_start (span), _gloss_agreement_span_size (span) };

  g_array_append_val (items, item);
}

static void
sheet_init (GlossAgreement *self,
            Sheet          *sheet,
            GPtrArray      *spans)
{
  sheet->present = spans != NULL;
  sheet->spans = spans;
  sheet->items = g_array_new (FALSE, FALSE, sizeof (Item));
  sheet->quotes = g_array_new (FALSE, FALSE, sizeof (Item));
  for (guint i = 0; spans != NULL && i < spans->len; i++)
    {
      const GlossSpan *span = g_ptr_array_index (spans, i);
      gint label;

      if (span == NULL || span->label == NULL || _gloss_agreement_span_size (span) == 0)
        continue;
      label = label_index (self, span->label);
      if (label_active (self, label))
        add_item (sheet->items, span, label);
      if (strcmp (span->label, self->quote_label) == 0)
        add_item (sheet->quotes, span, 0);
    }
}

static void
sheet_clear (Sheet *sheet)
{
  g_array_unref (sheet->items);
  g_array_unref (sheet->quotes);
  g_free (sheet->token_labels);
  g_clear_pointer (&sheet->by_id, g_hash_table_unref);
}

/* ---- Matching ---- */

static void
count_exact (PairStats *stats,
             GArray    *a,
             GArray    *b)
{
  g_autofree gboolean *used = g_new0 (gboolean, b->len);

  for (guint i = 0; i < a->len; i++)
    {
      const Item *x = &g_array_index (a, Item, i);

      for (guint j = 0; j < b->len; j++)
        {
          const Item *y = &g_array_index (b, Item, j);

          if (used[j] || x->label != y->label
              || !_gloss_agreement_same_fragments (x->span, y->span))
            continue;
          used[j] = TRUE;
          stats->exact[x->label]++;
          break;
        }
    }
}

static void
add_confusion (GlossAgreement *self,
               PairStats      *stats,
               gint            row,
               gint            column)
{
  stats->confusion[row * n_categories (self) + column]++;
}

static void
count_unmatched (GlossAgreement *self,
                 PairStats      *stats,
                 GArray         *items,
                 gboolean       *used,
                 gboolean        first)
{
  for (guint i = 0; i < items->len; i++)
    {
      gint label = g_array_index (items, Item, i).label;

      if (used[i])
        continue;
      if (first)
        add_confusion (self, stats, label, self->n_labels);
      else
        add_confusion (self, stats, self->n_labels, label);
    }
}

/* Overlap matches of the same label, then what is left paired across labels
 * for the confusion table. */
static void
count_matches (GlossAgreement *self,
               PairStats      *stats,
               GArray         *a,
               GArray         *b)
{
  g_autofree gboolean *used_a = g_new0 (gboolean, a->len);
  g_autofree gboolean *used_b = g_new0 (gboolean, b->len);
  g_autoptr(GArray) same = _gloss_agreement_match (a, b, TRUE, used_a, used_b);
  g_autoptr(GArray) cross = _gloss_agreement_match (a, b, FALSE, used_a, used_b);

  for (guint k = 0; k < same->len; k++)
    {
      gint label = g_array_index (a, Item, g_array_index (same, Candidate, k).a).label;

      stats->overlap[label]++;
      add_confusion (self, stats, label, label);
    }
  for (guint k = 0; k < cross->len; k++)
    {
      const Candidate *c = &g_array_index (cross, Candidate, k);

      add_confusion (self, stats, g_array_index (a, Item, c->a).label,
                     g_array_index (b, Item, c->b).label);
    }
  count_unmatched (self, stats, a, used_a, TRUE);
  count_unmatched (self, stats, b, used_b, FALSE);
}

static void
compare_quotes (PairStats *stats,
                Sheet     *sa,
                Sheet     *sb)
{
  g_autofree gboolean *used_a = g_new0 (gboolean, sa->quotes->len);
  g_autofree gboolean *used_b = g_new0 (gboolean, sb->quotes->len);
  g_autoptr(GArray) matches = NULL;

  matches = _gloss_agreement_match (sa->quotes, sb->quotes, TRUE, used_a, used_b);
  for (guint k = 0; k < matches->len; k++)
    {
      const Candidate *c = &g_array_index (matches, Candidate, k);
      const GlossSpan *qa = g_array_index (sa->quotes, Item, c->a).span;
      const GlossSpan *qb = g_array_index (sb->quotes, Item, c->b).span;

      stats->quotes_matched++;
      if (_gloss_agreement_speakers_agree (sa, qa, sb, qb))
        stats->quotes_agreeing++;
    }
}

/* ---- Tokens ---- */

/* The first token that ends after @pos; tokens are sorted and disjoint. */
static guint
first_token_after (GArray *tokens,
                   gint    pos)
{
  guint lo = 0, hi = tokens->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (tokens, GlossToken, mid).end <= pos)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Each token takes the label of the longest span covering any of its code
 * points, ties to the label that comes first in the schema, else O. */
static void
label_tokens (GlossAgreement *self,
              Sheet          *sheet,
              GArray         *tokens)
{
  g_autofree gint *sizes = g_new0 (gint, tokens->len);

  sheet->token_labels = g_new (gint, tokens->len);
  for (guint t = 0; t < tokens->len; t++)
    sheet->token_labels[t] = self->n_labels;
  for (guint i = 0; i < sheet->items->len; i++)
    {
      const Item *item = &g_array_index (sheet->items, Item, i);

      for (guint f = 0; f < item->span->fragments->len; f++)
        {
          const GlossFragment *frag = &g_array_index (item->span->fragments, GlossFragment, f);

          for (guint t = first_token_after (tokens, frag->start);
               t < tokens->len && g_array_index (tokens, GlossToken, t).start < frag->end; t++)
            if (item->size > sizes[t]
                || (item->size == sizes[t] && item->label < sheet->token_labels[t]))
              {
                sizes[t] = item->size;
                sheet->token_labels[t] = item->label;
              }
        }
    }
}

static void
count_tokens (GlossAgreement *self,
              PairStats      *stats,
              Sheet          *sa,
              Sheet          *sb,
              guint           n_tokens)
{
  for (guint t = 0; t < n_tokens; t++)
    stats->tokens[sa->token_labels[t] * n_categories (self) + sb->token_labels[t]]++;
}

static void
add_fleiss (GlossAgreement *self,
            Doc            *doc)
{
  guint n = self->n_annotators;
  g_autofree guint *ratings = g_new (guint, n_categories (self));

  for (guint t = 0; t < doc->tokens->len; t++)
    {
      guint64 squares = 0;

      memset (ratings, 0, n_categories (self) * sizeof (guint));
      for (guint r = 0; r < n; r++)
        ratings[doc->sheets[r].token_labels[t]]++;
      for (guint k = 0; k < n_categories (self); k++)
        {
          squares += (guint64) ratings[k] * ratings[k];
          self->fleiss_totals[k] += ratings[k];
        }
      self->fleiss_agreement += (gdouble) (squares - n) / ((gdouble) n * (n - 1));
      self->fleiss_subjects++;
    }
}

/* ---- Krippendorff's alpha_U ---- */

static void
add_units (GlossAgreement *self,
           Doc            *doc,
           gint            label)
{
  g_autoptr(GPtrArray) fragments = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  for (guint r = 0; r < self->n_annotators; r++)
    {
      GArray *mine = g_array_new (FALSE, FALSE, sizeof (GlossFragment));
      GArray *items = doc->sheets[r].items;

      for (guint i = 0; i < items->len; i++)
        {
          const Item *item = &g_array_index (items, Item, i);

          if (item->label == label)
            g_array_append_vals (mine, item->span->fragments->data, item->span->fragments->len);
        }
      g_ptr_array_add (fragments, mine);
    }
  _gloss_unitizing_add_document (self->units[label], (GArray * const *) fragments->pdata,
                                 doc->length);
}

static gdouble
alpha_from_parts (gdouble observed,
                  gdouble expected)
{
  return expected > 0 ? 1 - observed / expected : NAN;
}

static gdouble
label_alpha (GlossAgreement *self,
             guint           label)
{
  gdouble observed, expected;

  _gloss_unitizing_get_parts (self->units[label], &observed, &expected);
  return alpha_from_parts (observed, expected);
}

/* Over all labels jointly, as DKPro does: summed D_o over summed D_e. */
static gdouble
overall_alpha (GlossAgreement *self)
{
  gdouble observed = 0, expected = 0;

  for (guint c = 0; c < self->n_labels; c++)
    {
      gdouble o, e;

      if (!label_active (self, c))
        continue;
      _gloss_unitizing_get_parts (self->units[c], &o, &e);
      observed += o;
      expected += e;
    }
  return alpha_from_parts (observed, expected);
}

/* ---- Adding a document ---- */

static void
count_spans (GlossAgreement *self,
             Sheet          *sheet,
             guint           annotator)
{
  for (guint i = 0; i < sheet->items->len; i++)
    self->counts[annotator * self->n_labels + g_array_index (sheet->items, Item, i).label]++;
}

static void
count_pair_spans (PairStats *stats,
                  Sheet     *sa,
                  Sheet     *sb)
{
  for (guint i = 0; i < sa->items->len; i++)
    stats->n_a[g_array_index (sa->items, Item, i).label]++;
  for (guint i = 0; i < sb->items->len; i++)
    stats->n_b[g_array_index (sb->items, Item, i).label]++;
}

static void
compare_pair (GlossAgreement *self,
              Doc            *doc,
              guint           a,
              guint           b)
{
  PairStats *stats = &self->pairs[pair_index (self, a, b)];
  Sheet *sa = &doc->sheets[a], *sb = &doc->sheets[b];

  count_pair_spans (stats, sa, sb);
  count_exact (stats, sa->items, sb->items);
  count_matches (self, stats, sa->items, sb->items);
  count_tokens (self, stats, sa, sb, doc->tokens->len);
  compare_quotes (stats, sa, sb);
}

static void
add_whole_document (GlossAgreement *self,
                    Doc            *doc)
{
  self->n_documents++;
  if (self->n_annotators >= 3)
    add_fleiss (self, doc);
  for (guint c = 0; c < self->n_labels; c++)
    if (label_active (self, c))
      add_units (self, doc, c);
}

/**
 * gloss_agreement_add_document:
 * @text: the document text (UTF-8); offsets are code points into it
 * @spans: per annotator, in the order given to gloss_agreement_new(), that
 *   annotator's spans of the document, or %NULL when the annotator does not have
 *   it (the document then counts only for pairs that both have it); an empty
 *   array is a document annotated with nothing found. Spans whose label is not
 *   one of the labels are left out of every measure but quotes: pass the spans
 *   of every layer so that quotes (quote layer) and their speakers (entity
 *   mentions) are found whatever layer is compared.
 * @relations: (nullable): per annotator, its relations (SPEAKER links), or %NULL
 * @entities: (nullable): per annotator, its entities, or %NULL
 */
void
gloss_agreement_add_document (GlossAgreement    *self,
                              const char        *text,
                              GPtrArray * const *spans,
                              GPtrArray * const *relations,
                              GPtrArray * const *entities)
{
  Doc doc = { 0, };
  gboolean everyone = TRUE;

  g_return_if_fail (GLOSS_IS_AGREEMENT (self));
  g_return_if_fail (text != NULL && spans != NULL);

  self->n_added++;
  doc.length = (gint) g_utf8_strlen (text, -1);
  doc.tokens = gloss_tokenize (text, -1, NULL);
  /* The tokens the CoNLL and Prodigy exports train on, so that "Uber" and
   * "Uber’s" differ on the "’s" a model would learn; the language is not
   * known here, and only English endings after English words are cut. */
  gloss_tokenizer_split_clitics (doc.tokens, text, NULL);
  doc.sheets = g_new0 (Sheet, self->n_annotators);
  for (guint r = 0; r < self->n_annotators; r++)
    {
      Sheet *sheet = &doc.sheets[r];

      sheet_init (self, sheet, spans[r]);
      sheet->relations = relations != NULL ? relations[r] : NULL;
      sheet->entities = entities != NULL ? entities[r] : NULL;
      everyone = everyone && sheet->present;
      if (!sheet->present)
        continue;
      label_tokens (self, sheet, doc.tokens);
      count_spans (self, sheet, r);
    }
  for (guint a = 0; a < self->n_annotators; a++)
    for (guint b = a + 1; b < self->n_annotators; b++)
      if (doc.sheets[a].present && doc.sheets[b].present)
        compare_pair (self, &doc, a, b);
  if (everyone)
    add_whole_document (self, &doc);

  for (guint r = 0; r < self->n_annotators; r++)
    sheet_clear (&doc.sheets[r]);
  g_free (doc.sheets);
  g_array_unref (doc.tokens);
}

/* ---- Results ---- */

static gdouble
f1 (guint matched,
    guint n_a,
    guint n_b)
{
  return n_a + n_b > 0 ? 2.0 * matched / (n_a + n_b) : NAN;
}

/* F1 of one pair, for one label or (label < 0) micro over the labels. */
static gdouble
pair_f1 (GlossAgreement *self,
         PairStats      *stats,
         gint            label,
         gboolean        exact)
{
  guint matched = 0, n_a = 0, n_b = 0;

  for (guint c = 0; c < self->n_labels; c++)
    {
      if (!label_active (self, c) || (label >= 0 && (gint) c != label))
        continue;
      matched += exact ? stats->exact[c] : stats->overlap[c];
      n_a += stats->n_a[c];
      n_b += stats->n_b[c];
    }
  return f1 (matched, n_a, n_b);
}

static gdouble
cohen_kappa (GlossAgreement *self,
             PairStats      *stats)
{
  guint k = n_categories (self);
  gdouble n = 0, agree = 0, chance = 0;

  for (guint i = 0; i < k * k; i++)
    n += stats->tokens[i];
  if (n == 0)
    return NAN;
  for (guint i = 0; i < k; i++)
    {
      gdouble row = 0, column = 0;

      for (guint j = 0; j < k; j++)
        {
          row += stats->tokens[i * k + j];
          column += stats->tokens[j * k + i];
        }
      agree += stats->tokens[i * k + i] / n;
      chance += (row / n) * (column / n);
    }
  return chance < 1 ? (agree - chance) / (1 - chance) : NAN;
}

static gdouble
fleiss_kappa (GlossAgreement *self)
{
  gdouble n = self->fleiss_subjects, agree, chance = 0;

  if (self->n_annotators < 3 || n == 0)
    return NAN;
  agree = self->fleiss_agreement / n;
  for (guint k = 0; k < n_categories (self); k++)
    {
      gdouble p = self->fleiss_totals[k] / (n * self->n_annotators);

      chance += p * p;
    }
  return chance < 1 ? (agree - chance) / (1 - chance) : NAN;
}

typedef gdouble (*PairMeasure) (GlossAgreement *self,
                                PairStats      *stats,
                                gint            label,
                                gboolean        exact);

static gdouble
pair_kappa (GlossAgreement *self,
            PairStats      *stats,
            gint            label,
            gboolean        exact)
{
  return cohen_kappa (self, stats);
}

/* The mean over pairs of annotators, leaving out pairs where it is undefined. */
static gdouble
mean_over_pairs (GlossAgreement *self,
                 PairMeasure     measure,
                 gint            label,
                 gboolean        exact)
{
  gdouble sum = 0;
  guint n = 0;

  for (guint i = 0; i < n_pairs (self); i++)
    {
      gdouble value = measure (self, &self->pairs[i], label, exact);

      if (isnan (value))
        continue;
      sum += value;
      n++;
    }
  return n > 0 ? sum / n : NAN;
}

static void
add_number (JsonBuilder *builder,
            const char  *name,
            gdouble      value)
{
  json_builder_set_member_name (builder, name);
  if (isfinite (value))
    json_builder_add_double_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
build_overall (GlossAgreement *self,
               JsonBuilder    *builder)
{
  json_builder_set_member_name (builder, "overall");
  json_builder_begin_object (builder);
  add_number (builder, "exact_f1", mean_over_pairs (self, pair_f1, -1, TRUE));
  add_number (builder, "overlap_f1", mean_over_pairs (self, pair_f1, -1, FALSE));
  add_number (builder, "cohen_kappa", mean_over_pairs (self, pair_kappa, -1, FALSE));
  add_number (builder, "fleiss_kappa", fleiss_kappa (self));
  add_number (builder, "alpha_u", overall_alpha (self));
  json_builder_end_object (builder);
}

static void
build_label (GlossAgreement *self,
             JsonBuilder    *builder,
             guint           label)
{
  json_builder_set_member_name (builder, self->labels[label]);
  json_builder_begin_object (builder);
  add_number (builder, "exact_f1", mean_over_pairs (self, pair_f1, label, TRUE));
  add_number (builder, "overlap_f1", mean_over_pairs (self, pair_f1, label, FALSE));
  add_number (builder, "alpha_u", label_alpha (self, label));
  json_builder_set_member_name (builder, "count");
  json_builder_begin_object (builder);
  for (guint r = 0; r < self->n_annotators; r++)
    {
      json_builder_set_member_name (builder, self->annotators[r]);
      json_builder_add_int_value (builder, self->counts[r * self->n_labels + label]);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static void
build_pair (GlossAgreement *self,
            JsonBuilder    *builder,
            guint           a,
            guint           b)
{
  PairStats *stats = &self->pairs[pair_index (self, a, b)];

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "a");
  json_builder_add_string_value (builder, self->annotators[a]);
  json_builder_set_member_name (builder, "b");
  json_builder_add_string_value (builder, self->annotators[b]);
  add_number (builder, "exact_f1", pair_f1 (self, stats, -1, TRUE));
  add_number (builder, "overlap_f1", pair_f1 (self, stats, -1, FALSE));
  add_number (builder, "cohen_kappa", cohen_kappa (self, stats));
  json_builder_end_object (builder);
}

/* Matched quotes summed over pairs; the share of them whose speakers agree. */
static void
build_quotes (GlossAgreement *self,
              JsonBuilder    *builder)
{
  guint matched = 0, agreeing = 0;

  for (guint i = 0; i < n_pairs (self); i++)
    {
      matched += self->pairs[i].quotes_matched;
      agreeing += self->pairs[i].quotes_agreeing;
    }
  json_builder_set_member_name (builder, "quotes");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "matched");
  json_builder_add_int_value (builder, matched);
  add_number (builder, "speaker_agreement", matched > 0 ? (gdouble) agreeing / matched : NAN);
  json_builder_end_object (builder);
}

/**
 * gloss_agreement_to_json:
 *
 * The object `gloss-cli agree --json` prints, without "layer" (the caller
 * knows it). Undefined measures are null; numbers are not rounded.
 *
 * Returns: (transfer full): a JSON object
 */
JsonNode *
gloss_agreement_to_json (GlossAgreement *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (GLOSS_IS_AGREEMENT (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "annotators");
  json_builder_begin_array (builder);
  for (guint r = 0; r < self->n_annotators; r++)
    json_builder_add_string_value (builder, self->annotators[r]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "documents");
  json_builder_add_int_value (builder, self->n_documents);
  build_overall (self, builder);
  json_builder_set_member_name (builder, "labels");
  json_builder_begin_object (builder);
  for (guint c = 0; c < self->n_labels; c++)
    if (label_active (self, c))
      build_label (self, builder, c);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "pairs");
  json_builder_begin_array (builder);
  for (guint a = 0; a < self->n_annotators; a++)
    for (guint b = a + 1; b < self->n_annotators; b++)
      build_pair (self, builder, a, b);
  json_builder_end_array (builder);
  build_quotes (self, builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* ---- Confusion ---- */

/**
 * gloss_agreement_get_confusion:
 * @a: index of the first annotator (rows)
 * @b: index of the second annotator (columns)
 *
 * Returns: (transfer full): the label × label table of annotators @a and @b
 *   over the documents both have
 */
GlossConfusion *
gloss_agreement_get_confusion (GlossAgreement *self,
                               guint           a,
                               guint           b)
{
  GlossConfusion *confusion;
  guint k = n_categories (self);
  PairStats *stats;

  g_return_val_if_fail (GLOSS_IS_AGREEMENT (self), NULL);
  g_return_val_if_fail (a != b && a < self->n_annotators && b < self->n_annotators, NULL);

  stats = &self->pairs[pair_index (self, MIN (a, b), MAX (a, b))];
  confusion = g_new0 (GlossConfusion, 1);
  confusion->n_labels = self->n_labels;
  confusion->labels = g_strdupv (self->labels);
  confusion->counts = g_new (guint, k * k);
  for (guint i = 0; i < k; i++)
    for (guint j = 0; j < k; j++)
      confusion->counts[i * k + j] = a < b ? stats->confusion[i * k + j]
                                           : stats->confusion[j * k + i];
  return confusion;
}

static guint
confusion_index (const GlossConfusion *confusion,
                 const char           *label)
{
  for (guint i = 0; label != NULL && i < confusion->n_labels; i++)
    if (strcmp (confusion->labels[i], label) == 0)
      return i;
  return confusion->n_labels;
}

/**
 * gloss_confusion_get:
 * @row: (nullable): a label of the first annotator, or %NULL for "no span"
 * @column: (nullable): a label of the second annotator, or %NULL for "no span"
 *
 * Returns: how many span pairs fall in that cell
 */
guint
gloss_confusion_get (const GlossConfusion *confusion,
                     const char           *row,
                     const char           *column)
{
  g_return_val_if_fail (confusion != NULL, 0);

  return confusion->counts[confusion_index (confusion, row) * (confusion->n_labels + 1)
                           + confusion_index (confusion, column)];
}

void
gloss_confusion_free (GlossConfusion *confusion)
{
  if (confusion == NULL)
    return;
  g_strfreev (confusion->labels);
  g_free (confusion->counts);
  g_free (confusion);
}
