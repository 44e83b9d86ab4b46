/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-agreement"

#include "config.h"

#include "gloss-agreement-private.h"

/* Krippendorff's alpha_U (Krippendorff 2004, "Measuring the reliability of
 * qualitative text analysis data"; computed as DKPro Agreement's
 * KrippendorffAlphaUnitizingAgreement does) for one label. Every document is
 * one stretch of the corpus continuum: its units and gaps go into the expected
 * disagreement, and no gap runs on into the next document. */
struct _GlossUnitizing
{
  guint    n_annotators;
  gint64   continuum;   /* code points of every document added */
  gdouble  observed;    /* summed distances over pairs of annotators (i < j) */
  GArray  *units;       /* gint64: length of every annotator's units */
  GArray  *gaps;        /* gint64: length of the stretches between them */
};

GlossUnitizing *
_gloss_unitizing_new (guint n_annotators)
{
  GlossUnitizing *self = g_new0 (GlossUnitizing, 1);

  self->n_annotators = n_annotators;
  self->units = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->gaps = g_array_new (FALSE, FALSE, sizeof (gint64));
  return self;
}

void
_gloss_unitizing_free (GlossUnitizing *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->units);
  g_array_unref (self->gaps);
  g_free (self);
}

static gint
compare_fragments (gconstpointer pa,
                   gconstpointer pb)
{
  const GlossFragment *a = pa;
  const GlossFragment *b = pb;

  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  return a->end < b->end ? -1 : (a->end > b->end);
}

/* An annotator's units on the document's continuum: every fragment one unit,
 * clamped to the document, overlapping units merged, sorted. */
static GArray *
merged_units (GArray *fragments,
              gint    length)
{
  GArray *units = g_array_new (FALSE, FALSE, sizeof (GlossFragment));
  guint kept = 0;

  for (guint i = 0; fragments != NULL && i < fragments->len; i++)
    {
      GlossFragment u = g_array_index (fragments, GlossFragment, i);

      u.start = CLAMP (u.start, 0, length);
      u.end = CLAMP (u.end, 0, length);
      if (u.end > u.start)
        g_array_append_val (units, u);
    }
  g_array_sort (units, compare_fragments);
  for (guint i = 0; i < units->len; i++)
    {
      GlossFragment u = g_array_index (units, GlossFragment, i);
      GlossFragment *last = kept > 0 ? &g_array_index (units, GlossFragment, kept - 1) : NULL;

      if (last != NULL && u.start < last->end)
        last->end = MAX (last->end, u.end);
      else
        g_array_index (units, GlossFragment, kept++) = u;
    }
  g_array_set_size (units, kept);
  return units;
}

static gdouble
square (gint64 x)
{
  return (gdouble) x * (gdouble) x;
}

static gdouble
lone_units (GArray   *units,
            gboolean *hit)
{
  gdouble sum = 0;

  for (guint i = 0; i < units->len; i++)
    {
      const GlossFragment *u = &g_array_index (units, GlossFragment, i);

      if (!hit[i])
        sum += square (u->end - u->start);
    }
  return sum;
}

/* Krippendorff's distances between two annotators' units: overlapping units
 * by the squared differences of their ends; a unit that falls wholly in a gap
 * of the other by its squared length. */
static gdouble
unit_distances (GArray *u,
                GArray *v)
{
  g_autofree gboolean *hit_u = g_new0 (gboolean, u->len);
  g_autofree gboolean *hit_v = g_new0 (gboolean, v->len);
  gdouble sum = 0;
  guint i = 0, j = 0;

  while (i < u->len && j < v->len)
    {
      const GlossFragment *x = &g_array_index (u, GlossFragment, i);
      const GlossFragment *y = &g_array_index (v, GlossFragment, j);

      if (x->start < y->end && y->start < x->end)
        {
          sum += square (x->start - y->start) + square (x->end - y->end);
          hit_u[i] = hit_v[j] = TRUE;
        }
      if (x->end <= y->end)
        i++;
      if (y->end <= x->end)
        j++;
    }
  return sum + lone_units (u, hit_u) + lone_units (v, hit_v);
}

static void
add_lengths (GlossUnitizing *self,
             GArray         *units,
             gint            length)
{
  gint64 pos = 0;

  for (guint i = 0; i <= units->len; i++)
    {
      gint64 start = i < units->len ? g_array_index (units, GlossFragment, i).start : length;
      gint64 gap = start - pos, unit;

      if (gap > 0)
        g_array_append_val (self->gaps, gap);
      if (i == units->len)
        break;
      pos = g_array_index (units, GlossFragment, i).end;
      unit = pos - start;
      g_array_append_val (self->units, unit);
    }
}

/**
 * _gloss_unitizing_add_document:
 * @fragments: per annotator, the fragments of every span of the label
 * @length: the document's length in code points
 */
void
_gloss_unitizing_add_document (GlossUnitizing *self,
                               GArray * const *fragments,
                               gint            length)
{
  g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  self->continuum += length;
  for (guint r = 0; r < self->n_annotators; r++)
    {
      g_ptr_array_add (units, merged_units (fragments[r], length));
      add_lengths (self, g_ptr_array_index (units, r), length);
    }
  for (guint r = 0; r < self->n_annotators; r++)
    for (guint s = r + 1; s < self->n_annotators; s++)
      self->observed += unit_distances (g_ptr_array_index (units, r),
                                        g_ptr_array_index (units, s));
}

static gint
compare_lengths (gconstpointer pa,
                 gconstpointer pb)
{
  gint64 a = *(const gint64 *) pa;
  gint64 b = *(const gint64 *) pb;

  return a < b ? -1 : (a > b);
}

/* The first gap at least @length long; gaps are sorted. */
static guint
first_gap_from (GArray *gaps,
                gint64  length)
{
  guint lo = 0, hi = gaps->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (gaps, gint64, mid) < length)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Krippendorff's expected disagreement, before dividing by L: every unit
 * against every other unit, and against every position it fits in a gap. */
static gdouble
expected_sum (GlossUnitizing *self)
{
  guint n = self->units->len, n_gaps = self->gaps->len;
  g_autofree gdouble *tail = g_new0 (gdouble, n_gaps + 1);
  gdouble sum = 0;

  g_array_sort (self->gaps, compare_lengths);
  for (guint k = n_gaps; k > 0; k--)
    tail[k - 1] = tail[k] + (gdouble) g_array_index (self->gaps, gint64, k - 1);
  for (guint i = 0; i < n; i++)
    {
      gdouble l = (gdouble) g_array_index (self->units, gint64, i);
      guint k = first_gap_from (self->gaps, (gint64) l);

      sum += (n - 1) * (2 * l * l * l - 3 * l * l + l) / 3;
      sum += l * l * (tail[k] - (l - 1) * (n_gaps - k));
    }
  return sum;
}

/**
 * _gloss_unitizing_get_parts:
 * @observed: (out): D_o
 * @expected: (out): D_e
 *
 * Returns: %FALSE when alpha_U is undefined: fewer than two annotators, no
 *   text or no unit at all
 */
gboolean
_gloss_unitizing_get_parts (GlossUnitizing *self,
                            gdouble        *observed,
                            gdouble        *expected)
{
  gdouble r = self->n_annotators, l = (gdouble) self->continuum;
  gdouble squared = 0;

  *observed = *expected = 0;
  if (self->n_annotators < 2 || self->continuum == 0 || self->units->len == 0)
    return FALSE;
  for (guint i = 0; i < self->units->len; i++)
    {
      gdouble u = (gdouble) g_array_index (self->units, gint64, i);

      squared += u * (u - 1);
    }
  *observed = 2 * self->observed / (r * (r - 1) * l * l);
  *expected = 2 * expected_sum (self) / l / (r * l * (r * l - 1) - squared);
  return TRUE;
}
