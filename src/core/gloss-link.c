/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-link"

#include "config.h"

#include "gloss-link.h"

/* The other end of a relation is looked for by label kind, never by label
 * name, so that a renamed label keeps its place. Candidates come in tiers,
 * each nearest first:
 *
 * - a speaker, addressee or claimant is a mention whose label can speak, or a
 *   SOURCE; one outside the quote comes before one inside it, since the words
 *   of a quote name what is talked about ("buyers in Germany and France"),
 *   not who talks;
 * - a cue likewise: CUE spans, those outside the quote first;
 * - the quote a claim sits in: quotes around the claim first;
 * - the antecedent of a mention: mentions of the same label first. */

typedef enum
{
  TIER_BEST,
  TIER_OTHER,
} Tier;

typedef struct
{
  const char     *type;
  GlossLabelKind  from;
  gboolean        to_speaker;   /* a label that can speak, or SOURCE */
  GlossLabelKind  to;           /* otherwise: a label of this kind */
} Rule;

static const Rule rules[] = {
  { "SPEAKER", GLOSS_LABEL_KIND_QUOTE, TRUE, GLOSS_LABEL_KIND_ENTITY },
  { "ADDRESSEE", GLOSS_LABEL_KIND_QUOTE, TRUE, GLOSS_LABEL_KIND_ENTITY },
  { "CUE", GLOSS_LABEL_KIND_QUOTE, FALSE, GLOSS_LABEL_KIND_CUE },
  { "CLAIMANT", GLOSS_LABEL_KIND_CLAIM, TRUE, GLOSS_LABEL_KIND_ENTITY },
  { "IN_QUOTE", GLOSS_LABEL_KIND_CLAIM, FALSE, GLOSS_LABEL_KIND_QUOTE },
  { "COREF", GLOSS_LABEL_KIND_ENTITY, FALSE, GLOSS_LABEL_KIND_ENTITY },
};

static const Rule *
lookup_rule (const char *type)
{
  for (guint i = 0; type != NULL && i < G_N_ELEMENTS (rules); i++)
    if (g_str_equal (rules[i].type, type))
      return &rules[i];
  return NULL;
}

static const GlossLabel *
lookup_label (GPtrArray  *labels,
              const char *name)
{
  for (guint i = 0; labels != NULL && name != NULL && i < labels->len; i++)
    {
      const GlossLabel *label = g_ptr_array_index (labels, i);

      if (g_str_equal (label->name, name))
        return label;
    }
  return NULL;
}

static gboolean
rule_starts_at (const Rule       *rule,
                const GlossLabel *label)
{
  if (label == NULL)
    return FALSE;
  /* A SOURCE ("officials") can have an antecedent as a mention can. */
  if (rule->from == GLOSS_LABEL_KIND_ENTITY)
    return label->kind == GLOSS_LABEL_KIND_ENTITY || label->kind == GLOSS_LABEL_KIND_SOURCE;
  return label->kind == rule->from;
}

static gboolean
rule_ends_at (const Rule       *rule,
              const GlossLabel *label)
{
  if (label == NULL)
    return FALSE;
  if (rule->to_speaker)
    return label->can_speak || label->kind == GLOSS_LABEL_KIND_SOURCE;
  return label->kind == rule->to;
}

/**
 * gloss_link_can_start:
 * @type: a relation type (SPEAKER, CUE, ADDRESSEE, CLAIMANT, IN_QUOTE, COREF)
 *
 * Returns: whether a @type relation can go from @source (a SPEAKER from a
 *   quote, a CLAIMANT from a claim…)
 */
gboolean
gloss_link_can_start (GPtrArray       *labels,
                      const char      *type,
                      const GlossSpan *source)
{
  const Rule *rule = lookup_rule (type);

  g_return_val_if_fail (source != NULL, FALSE);

  return rule != NULL && rule_starts_at (rule, lookup_label (labels, source->label));
}

/**
 * gloss_link_label_fits:
 *
 * Returns: whether an annotation labelled @label can be the other end of a
 *   @type relation (for a SPEAKER: PERSON yes, DATE no)
 */
gboolean
gloss_link_label_fits (GPtrArray  *labels,
                       const char *type,
                       const char *label)
{
  const Rule *rule = lookup_rule (type);

  return rule != NULL && rule_ends_at (rule, lookup_label (labels, label));
}

/* Characters between the two spans' extents; 0 when they overlap. */
static gint
gap (const GlossSpan *a,
     const GlossSpan *b)
{
  gint a_start = gloss_span_get_start (a), a_end = gloss_span_get_end (a);
  gint b_start = gloss_span_get_start (b), b_end = gloss_span_get_end (b);

  if (a_end <= b_start)
    return b_start - a_end;
  if (b_end <= a_start)
    return a_start - b_end;
  return 0;
}

/* Whether @inner lies within one of @outer's fragments: in a quote's words,
 * not in the "he told reporters" between two of them. */
static gboolean
is_within (const GlossSpan *inner,
           const GlossSpan *outer)
{
  gint start = gloss_span_get_start (inner), end = gloss_span_get_end (inner);

  for (guint i = 0; i < outer->fragments->len; i++)
    {
      const GlossFragment *f = &g_array_index (outer->fragments, GlossFragment, i);

      if (f->start <= start && end <= f->end)
        return TRUE;
    }
  return FALSE;
}

static Tier
tier_of (const Rule      *rule,
         const GlossSpan *source,
         const GlossSpan *candidate)
{
  if (rule->to == GLOSS_LABEL_KIND_QUOTE)
    return is_within (source, candidate) ? TIER_BEST : TIER_OTHER;
  if (rule->to == GLOSS_LABEL_KIND_ENTITY && !rule->to_speaker)
    return g_str_equal (candidate->label, source->label) ? TIER_BEST : TIER_OTHER;
  return is_within (candidate, source) ? TIER_OTHER : TIER_BEST;
}

typedef struct
{
  const GlossSpan *span;
  Tier             tier;
  gint             gap;
} Ranked;

static gint
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const Ranked *ra = a, *rb = b;

  if (ra->tier != rb->tier)
    return ra->tier < rb->tier ? -1 : 1;
  if (ra->gap != rb->gap)
    return ra->gap < rb->gap ? -1 : 1;
  return gloss_span_get_start (ra->span) - gloss_span_get_start (rb->span);
}

/**
 * gloss_link_rank_candidates:
 * @source: where the @type relation goes from
 * @spans: (element-type GlossSpan): the document's annotations
 *
 * The annotations of @spans that can be the other end of a @type relation
 * from @source, the most likely first: an annotation whose label cannot fill
 * the role is never among them.
 *
 * Returns: (transfer container) (element-type GlossSpan): borrowed from @spans
 */
GPtrArray *
gloss_link_rank_candidates (GPtrArray       *labels,
                            const char      *type,
                            const GlossSpan *source,
                            GPtrArray       *spans)
{
  const Rule *rule = lookup_rule (type);
  g_autoptr(GArray) ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  GPtrArray *out = g_ptr_array_new ();

  g_return_val_if_fail (source != NULL, out);
  g_return_val_if_fail (spans != NULL, out);

  if (rule == NULL)
    return out;
  for (guint i = 0; i < spans->len; i++)
    {
      const GlossSpan *span = g_ptr_array_index (spans, i);
      Ranked r = { span, 0, 0 };

      if (span == source || g_strcmp0 (span->id, source->id) == 0
          || !rule_ends_at (rule, lookup_label (labels, span->label)))
        continue;
      r.tier = tier_of (rule, source, span);
      r.gap = gap (span, source);
      g_array_append_val (ranked, r);
    }
  g_array_sort (ranked, compare_ranked);
  for (guint i = 0; i < ranked->len; i++)
    g_ptr_array_add (out, (gpointer) g_array_index (ranked, Ranked, i).span);
  return out;
}
