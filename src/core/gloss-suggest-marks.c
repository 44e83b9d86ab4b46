/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-suggest"

#include "config.h"

#include <string.h>

#include "gloss-suggest-private.h"

/* Pairs the quotation marks of a text into candidate quotations: every common
 * style, mixed pairs, nesting, quotations over several paragraphs. */

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

void
_gloss_suggest_find_candidates (Scan *s)
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

void
_gloss_suggest_assign_tokens (Scan *s)
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
