/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-agreement"

#include "config.h"

#include <string.h>

#include "gloss-agreement-private.h"

/* Spans against spans: shared code points, one-to-one matching, and whether
 * two matched quotes have the same speakers. */

#define SPEAKER_RELATION "SPEAKER"

typedef GlossAgreementItem Item;
typedef GlossAgreementSheet Sheet;
typedef GlossAgreementMatch Candidate;

gint
_gloss_agreement_span_size (const GlossSpan *span)
{
  gint size = 0;

  for (guint i = 0; i < span->fragments->len; i++)
    {
      const GlossFragment *f = &g_array_index (span->fragments, GlossFragment, i);

      size += MAX (f->end - f->start, 0);
    }
  return size;
}

/* Code points two spans share; fragments are sorted and disjoint. */
gint
_gloss_agreement_shared (const GlossSpan *a,
                         const GlossSpan *b)
{
  guint i = 0, j = 0;
  gint shared = 0;

  while (i < a->fragments->len && j < b->fragments->len)
    {
      const GlossFragment *fa = &g_array_index (a->fragments, GlossFragment, i);
      const GlossFragment *fb = &g_array_index (b->fragments, GlossFragment, j);

      shared += MAX (MIN (fa->end, fb->end) - MAX (fa->start, fb->start), 0);
      if (fa->end <= fb->end)
        i++;
      else
        j++;
    }
  return shared;
}

gboolean
_gloss_agreement_same_fragments (const GlossSpan *a,
                                 const GlossSpan *b)
{
  return a->fragments->len == b->fragments->len
         && memcmp (a->fragments->data, b->fragments->data,
                    a->fragments->len * sizeof (GlossFragment)) == 0;
}

/* ---- Matching spans one-to-one ---- */

/* The largest shared part first; ties to the pair that starts earlier. */
static gint
compare_candidates (gconstpointer pa,
                    gconstpointer pb)
{
  const Candidate *a = pa;
  const Candidate *b = pb;

  if (a->shared != b->shared)
    return a->shared > b->shared ? -1 : 1;
  if (a->first != b->first)
    return a->first < b->first ? -1 : 1;
  if (a->second != b->second)
    return a->second < b->second ? -1 : 1;
  if (a->a != b->a)
    return a->a < b->a ? -1 : 1;
  if (a->b != b->b)
    return a->b < b->b ? -1 : 1;
  return 0;
}

static GArray *
find_candidates (GArray   *a,
                 GArray   *b,
                 gboolean  same_label,
                 gboolean *used_a,
                 gboolean *used_b)
{
  GArray *candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));

  for (guint i = 0; i < a->len; i++)
    for (guint j = 0; j < b->len; j++)
      {
        const Item *x = &g_array_index (a, Item, i);
        const Item *y = &g_array_index (b, Item, j);
        Candidate c = { i, j, 0, MIN (x->start, y->start), MAX (x->start, y->start) };

        if (used_a[i] || used_b[j] || (same_label && x->label != y->label))
          continue;
        c.shared = _gloss_agreement_shared (x->span, y->span);
        if (c.shared > 0)
          g_array_append_val (candidates, c);
      }
  return candidates;
}

/* Pairs of spans that share at least one code point, matched one-to-one, the
 * largest overlap first; spans already used stay out and are marked used. */
GArray *
_gloss_agreement_match (GArray   *a,
                        GArray   *b,
                        gboolean  same_label,
                        gboolean *used_a,
                        gboolean *used_b)
{
  g_autoptr(GArray) candidates = find_candidates (a, b, same_label, used_a, used_b);
  GArray *matches = g_array_new (FALSE, FALSE, sizeof (Candidate));

  g_array_sort (candidates, compare_candidates);
  for (guint k = 0; k < candidates->len; k++)
    {
      const Candidate *c = &g_array_index (candidates, Candidate, k);

      if (used_a[c->a] || used_b[c->b])
        continue;
      used_a[c->a] = used_b[c->b] = TRUE;
      g_array_append_val (matches, *c);
    }
  return matches;
}

/* ---- Quote speakers ---- */

static const GlossSpan *
find_span (Sheet      *sheet,
           const char *id)
{
  if (sheet->by_id == NULL)
    {
      sheet->by_id = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < sheet->spans->len; i++)
        {
          GlossSpan *span = g_ptr_array_index (sheet->spans, i);

          if (span != NULL && span->id != NULL && span->fragments->len > 0)
            g_hash_table_insert (sheet->by_id, span->id, span);
        }
    }
  return id != NULL ? g_hash_table_lookup (sheet->by_id, id) : NULL;
}

static GPtrArray *
find_speakers (Sheet           *sheet,
               const GlossSpan *quote)
{
  GPtrArray *speakers = g_ptr_array_new ();

  for (guint i = 0; sheet->relations != NULL && i < sheet->relations->len; i++)
    {
      const GlossRelation *relation = g_ptr_array_index (sheet->relations, i);
      const GlossSpan *speaker;

      if (quote->id == NULL || g_strcmp0 (relation->type, SPEAKER_RELATION) != 0
          || g_strcmp0 (relation->from_id, quote->id) != 0)
        continue;
      speaker = find_span (sheet, relation->to_id);
      if (speaker != NULL)
        g_ptr_array_add (speakers, (gpointer) speaker);
    }
  return speakers;
}

static const GlossEntity *
find_entity (Sheet           *sheet,
             const GlossSpan *span)
{
  for (guint i = 0; sheet->entities != NULL && i < sheet->entities->len; i++)
    {
      const GlossEntity *entity = g_ptr_array_index (sheet->entities, i);
      GPtrArray *mentions = entity->mentions;

      for (guint j = 0; span->id != NULL && mentions != NULL && j < mentions->len; j++)
        if (g_strcmp0 (g_ptr_array_index (mentions, j), span->id) == 0)
          return entity;
    }
  return NULL;
}

/* The speaker span and the other mentions of its entity. */
static GPtrArray *
speaker_mentions (Sheet           *sheet,
                  const GlossSpan *speaker)
{
  const GlossEntity *entity = find_entity (sheet, speaker);
  GPtrArray *mentions = g_ptr_array_new ();

  g_ptr_array_add (mentions, (gpointer) speaker);
  for (guint i = 0; entity != NULL && i < entity->mentions->len; i++)
    {
      const GlossSpan *mention = find_span (sheet, g_ptr_array_index (entity->mentions, i));

      if (mention != NULL && mention != speaker)
        g_ptr_array_add (mentions, (gpointer) mention);
    }
  return mentions;
}

/* Two speakers are the same when their spans (or their entities' mentions)
 * overlap, or when their entities have the same knowledge-base id. */
static gboolean
same_speaker (Sheet           *sa,
              const GlossSpan *s,
              Sheet           *sb,
              const GlossSpan *t)
{
  const GlossEntity *ea = find_entity (sa, s);
  const GlossEntity *eb = find_entity (sb, t);
  g_autoptr(GPtrArray) ma = NULL;
  g_autoptr(GPtrArray) mb = NULL;

  if (ea != NULL && eb != NULL && ea->kb_id != NULL && *ea->kb_id != '\0'
      && g_strcmp0 (ea->kb_id, eb->kb_id) == 0)
    return TRUE;
  ma = speaker_mentions (sa, s);
  mb = speaker_mentions (sb, t);
  for (guint i = 0; i < ma->len; i++)
    for (guint j = 0; j < mb->len; j++)
      if (_gloss_agreement_shared (g_ptr_array_index (ma, i), g_ptr_array_index (mb, j)) > 0)
        return TRUE;
  return FALSE;
}

/* Every speaker of one side has a same speaker on the other side. */
static gboolean
speakers_covered (Sheet     *sa,
                  GPtrArray *speakers_a,
                  Sheet     *sb,
                  GPtrArray *speakers_b)
{
  for (guint i = 0; i < speakers_a->len; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; !found && j < speakers_b->len; j++)
        found = same_speaker (sa, g_ptr_array_index (speakers_a, i),
                              sb, g_ptr_array_index (speakers_b, j));
      if (!found)
        return FALSE;
    }
  return TRUE;
}

/* Both quotes without a speaker, or every speaker of each has a same speaker
 * on the other side. */
gboolean
_gloss_agreement_speakers_agree (Sheet           *sa,
                                 const GlossSpan *qa,
                                 Sheet           *sb,
                                 const GlossSpan *qb)
{
  g_autoptr(GPtrArray) speakers_a = find_speakers (sa, qa);
  g_autoptr(GPtrArray) speakers_b = find_speakers (sb, qb);

  if (speakers_a->len == 0 || speakers_b->len == 0)
    return speakers_a->len == speakers_b->len;
  return speakers_covered (sa, speakers_a, sb, speakers_b)
         && speakers_covered (sb, speakers_b, sa, speakers_a);
}
