/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-article-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "gloss-article-view-private.h"
#include "gloss-color.h"
#include "gloss-text.h"

/* The article: read-only text with a tag per label for highlights, and bars drawn
 * under the text for quotes and claims (so that entity colours inside them stay
 * readable) and for nested spans (one level lower for each span around them). */

#define READABLE_WIDTH   760
#define MIN_MARGIN        28
#define BAR_STEP           4

typedef struct
{
  char           *name;
  GlossLabelKind  kind;
  GdkRGBA         color;
  GtkTextTag     *tag;
} LabelStyle;

struct _GlossArticleView
{
  GtkTextView  parent_instance;

  GHashTable  *styles;    /* label name → LabelStyle */
  GPtrArray   *spans;     /* GlossSpan, in reading order */
  GHashTable  *by_id;     /* span id → GlossSpan (borrowed) */
  GHashTable  *depths;    /* GlossSpan → nesting depth */
  char        *selected;
  GStrv        related;   /* spans linked to the selected one, outlined lighter */
  GArray      *suggested; /* GlossFragment: pending quote suggestions */
  guint        tagged;    /* spans[0..tagged) have their tags; the rest come in idle time */
  guint        tag_idle;
  gint         current_suggestion;
  GArray      *marks;     /* GlossFragment: Review's disagreements */
  GArray      *parts;     /* GlossFragment: the current suggestion's speaker and cue */
  gint         current_mark;
  GtkWidget   *popover;   /* a chooser shown over the text */
  GlossSpanDescriber describe;  /* the window's words on a span's links, for the tooltip */
  gpointer     describe_data;
  int          last_width;
};

G_DEFINE_FINAL_TYPE (GlossArticleView, gloss_article_view, GTK_TYPE_TEXT_VIEW)

enum {
  SPAN_SELECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
label_style_free (LabelStyle *style)
{
  g_free (style->name);
  g_free (style);
}

static gboolean
is_bar_kind (GlossLabelKind kind)
{
  return kind == GLOSS_LABEL_KIND_QUOTE || kind == GLOSS_LABEL_KIND_CLAIM;
}

static GtkTextBuffer *
get_buffer (GlossArticleView *self)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
}

static void
iter_at (GlossArticleView *self,
         GtkTextIter      *iter,
         gint              offset)
{
  gtk_text_buffer_get_iter_at_offset (get_buffer (self), iter, offset);
}

/* ---- Spans and tags ------------------------------------------------------------ */

static void
tag_span (GlossArticleView *self,
          const GlossSpan  *span,
          gboolean          apply)
{
  LabelStyle *style = g_hash_table_lookup (self->styles, span->label);

  if (style == NULL)
    return;

  for (guint i = 0; i < span->fragments->len; i++)
    {
      const GlossFragment *f = &g_array_index (span->fragments, GlossFragment, i);
      GtkTextIter start, end;

      iter_at (self, &start, f->start);
      iter_at (self, &end, f->end);
      if (apply)
        gtk_text_buffer_apply_tag (get_buffer (self), style->tag, &start, &end);
      else
        gtk_text_buffer_remove_tag (get_buffer (self), style->tag, &start, &end);
    }
}

/* Nesting depth of each span: how many spans around it are still open. One
 * sweep in reading order (by start, the longer first). */
static void
compute_depths (GlossArticleView *self)
{
  g_autoptr(GArray) open_ends = g_array_new (FALSE, FALSE, sizeof (gint));

  g_hash_table_remove_all (self->depths);
  for (guint i = 0; i < self->spans->len; i++)
    {
      GlossSpan *span = g_ptr_array_index (self->spans, i);
      gint start = gloss_span_get_start (span);
      gint end = gloss_span_get_end (span);
      guint depth = 0;

      /* Drop spans that ended before this one starts. */
      for (guint j = open_ends->len; j > 0; j--)
        if (g_array_index (open_ends, gint, j - 1) <= start)
          g_array_remove_index (open_ends, j - 1);
      for (guint j = 0; j < open_ends->len; j++)
        if (g_array_index (open_ends, gint, j) >= end)
          depth++;

      g_hash_table_insert (self->depths, span, GUINT_TO_POINTER (depth));
      g_array_append_val (open_ends, end);
    }
}

static void
index_spans (GlossArticleView *self)
{
  g_ptr_array_sort (self->spans, gloss_span_compare);
  g_hash_table_remove_all (self->by_id);
  for (guint i = 0; i < self->spans->len; i++)
    {
      GlossSpan *span = g_ptr_array_index (self->spans, i);

      g_hash_table_insert (self->by_id, span->id, span);
    }
  compute_depths (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static GlossSpan *
copy_span (const GlossSpan *span)
{
  GlossSpan *copy = gloss_span_new (span->label, 0, 0);

  copy->id = g_strdup (span->id);
  copy->rowid = span->rowid;
  copy->document = span->document;
  g_array_append_vals (copy->fragments, span->fragments->data, span->fragments->len);
  g_free (copy->attrs);
  copy->attrs = g_strdup (span->attrs);
  copy->note = g_strdup (span->note);
  copy->annotator = g_strdup (span->annotator);
  return copy;
}

/* A highlight in the colours of the page the theme gives: the label's colour
 * under dark text on a light page, a dark shade of it under white text on a
 * dark one (gloss_color_highlight ()). */
static void
apply_highlight (LabelStyle *style,
                 gboolean    dark)
{
  g_autofree char *hex = NULL;
  g_autofree char *background = NULL;

  if (is_bar_kind (style->kind))
    {
      g_object_set (style->tag, "background-set", FALSE, "foreground-set", FALSE, NULL);
      return;
    }
  hex = g_strdup_printf ("#%02x%02x%02x", (guint) (style->color.red * 255 + 0.5),
                         (guint) (style->color.green * 255 + 0.5), (guint) (style->color.blue * 255 + 0.5));
  background = gloss_color_highlight (hex, dark);
  g_object_set (style->tag, "background", background,
                "foreground", dark ? GLOSS_COLOR_TEXT_DARK : GLOSS_COLOR_TEXT, NULL);
}

static void
on_dark_changed (GlossArticleView *self)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GHashTableIter iter;
  gpointer style;

  g_hash_table_iter_init (&iter, self->styles);
  while (g_hash_table_iter_next (&iter, NULL, &style))
    apply_highlight (style, dark);
}

/**
 * gloss_article_view_set_labels:
 * @labels: (element-type GlossLabel): the project's labels
 *
 * Makes one tag per label: entity labels get a highlight in their colour
 * (apply_highlight ()); quotes and claims get bars drawn under the text instead.
 */
void
gloss_article_view_set_labels (GlossArticleView *self,
                               GPtrArray        *labels)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (get_buffer (self));

  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));

  for (guint i = 0; i < labels->len; i++)
    {
      const GlossLabel *label = g_ptr_array_index (labels, i);
      g_autofree char *tag_name = g_strdup_printf ("label:%s", label->name);
      LabelStyle *style = g_hash_table_lookup (self->styles, label->name);

      if (style == NULL)
        {
          style = g_new0 (LabelStyle, 1);
          style->name = g_strdup (label->name);
          style->tag = gtk_text_tag_table_lookup (table, tag_name);
          if (style->tag == NULL)
            style->tag = gtk_text_buffer_create_tag (get_buffer (self), tag_name, NULL);
          g_hash_table_insert (self->styles, style->name, style);
        }
      style->kind = label->kind;
      if (!gdk_rgba_parse (&style->color, label->color))
        gdk_rgba_parse (&style->color, "#cccccc");

      apply_highlight (style, adw_style_manager_get_dark (adw_style_manager_get_default ()));
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* A news article opens with its headline: set it as one. */
static void
mark_headline (GlossArticleView *self)
{
  GtkTextBuffer *buffer = get_buffer (self);
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "gloss-headline");
  GtkTextIter start, end;

  if (tag == NULL)
    tag = gtk_text_buffer_create_tag (buffer, "gloss-headline", "weight", PANGO_WEIGHT_BOLD,
                                      "scale", 1.35, "pixels-below-lines", 14, NULL);
  gtk_text_buffer_get_start_iter (buffer, &start);
  end = start;
  if (gtk_text_iter_get_chars_in_line (&start) > 300)
    return;
  gtk_text_iter_forward_to_line_end (&end);
  gtk_text_buffer_apply_tag (buffer, tag, &start, &end);
}

/* A long article with thousands of annotations shows at once: the spans are
 * drawn (bars, outlines) from the array straight away, and their tags are
 * applied a few milliseconds at a time while the main loop is idle, the ones
 * near the start first. */
#define TAG_BUDGET_USEC 3000
#define TAG_FIRST_SCREEN 4000   /* code points tagged before the first frame */

static gboolean
tag_some (gpointer data)
{
  GlossArticleView *self = data;
  gint64 deadline = g_get_monotonic_time () + TAG_BUDGET_USEC;

  while (self->tagged < self->spans->len)
    {
      tag_span (self, g_ptr_array_index (self->spans, self->tagged++), TRUE);
      if ((self->tagged & 63) == 0 && g_get_monotonic_time () > deadline)
        return G_SOURCE_CONTINUE;
    }
  self->tag_idle = 0;
  return G_SOURCE_REMOVE;
}

static void
take_spans (GlossArticleView *self,
            GPtrArray        *spans,
            gboolean          steal)
{
  g_clear_handle_id (&self->tag_idle, g_source_remove);
  g_hash_table_remove_all (self->by_id);
  g_ptr_array_set_size (self->spans, 0);
  for (guint i = 0; spans != NULL && i < spans->len; i++)
    g_ptr_array_add (self->spans, steal ? g_steal_pointer (&spans->pdata[i])
                                        : copy_span (g_ptr_array_index (spans, i)));
  index_spans (self);

  self->tagged = 0;
  while (self->tagged < self->spans->len
         && gloss_span_get_start (g_ptr_array_index (self->spans, self->tagged)) < TAG_FIRST_SCREEN)
    tag_span (self, g_ptr_array_index (self->spans, self->tagged++), TRUE);
  if (self->tagged < self->spans->len)
    self->tag_idle = g_idle_add_full (G_PRIORITY_LOW, tag_some, self, NULL);
}

/**
 * gloss_article_view_set_document:
 * @spans: (element-type GlossSpan): the document's spans; copied
 */
void
gloss_article_view_set_document (GlossArticleView *self,
                                 const char       *text,
                                 GPtrArray        *spans)
{
  GtkTextBuffer *buffer;
  GtkTextIter start;

  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));

  buffer = get_buffer (self);
  g_clear_pointer (&self->selected, g_free);
  g_clear_handle_id (&self->tag_idle, g_source_remove);
  g_ptr_array_set_size (self->spans, 0);
  gtk_text_buffer_set_text (buffer, text != NULL ? text : "", -1);
  take_spans (self, spans, FALSE);
  mark_headline (self);

  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
}

/**
 * gloss_article_view_take_document:
 * @spans: (transfer container): the document's spans; taken, the array is
 *   left with empty slots
 *
 * Like gloss_article_view_set_document(), without copying 10,000 spans.
 */
void
gloss_article_view_take_document (GlossArticleView *self,
                                  const char       *text,
                                  GPtrArray        *spans)
{
  GtkTextBuffer *buffer;
  GtkTextIter start;

  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));

  buffer = get_buffer (self);
  g_clear_pointer (&self->selected, g_free);
  g_clear_handle_id (&self->tag_idle, g_source_remove);
  g_ptr_array_set_size (self->spans, 0);
  gtk_text_buffer_set_text (buffer, text != NULL ? text : "", -1);
  take_spans (self, spans, TRUE);
  mark_headline (self);

  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
}

/**
 * gloss_article_view_set_spans:
 * @spans: (element-type GlossSpan): the document's spans now; copied
 *
 * Shows another set of spans on the same text (after an undo, or a change made
 * by another program), keeping the scroll position and, when it still exists,
 * the selected annotation.
 */
void
gloss_article_view_set_spans (GlossArticleView *self,
                              GPtrArray        *spans)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));

  buffer = get_buffer (self);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_all_tags (buffer, &start, &end);
  take_spans (self, spans, FALSE);
  mark_headline (self);

  if (self->selected != NULL && !g_hash_table_contains (self->by_id, self->selected))
    {
      g_clear_pointer (&self->selected, g_free);
      g_signal_emit (self, signals[SPAN_SELECTED], 0, NULL);
    }
}

/* How many spans contain [start, end): its nesting depth. */
static guint
depth_of (GlossArticleView *self,
          const GlossSpan  *span)
{
  gint start = gloss_span_get_start (span);
  gint end = gloss_span_get_end (span);
  guint depth = 0;

  for (guint i = 0; i < self->spans->len; i++)
    {
      const GlossSpan *other = g_ptr_array_index (self->spans, i);

      if (gloss_span_get_start (other) > start)
        break;
      if (other != span && gloss_span_get_end (other) >= end)
        depth++;
    }
  return depth;
}

static guint
insertion_point (GlossArticleView *self,
                 const GlossSpan  *span)
{
  guint low = 0, high = self->spans->len;

  while (low < high)
    {
      guint middle = (low + high) / 2;

      if (gloss_span_compare (&g_ptr_array_index (self->spans, middle), &span) < 0)
        low = middle + 1;
      else
        high = middle;
    }
  return low;
}

/* One more span: put in reading order by binary search; only the spans it
 * encloses get deeper. Adding costs no more with 10,000 spans than with ten. */
void
gloss_article_view_add_span (GlossArticleView *self,
                             const GlossSpan  *span)
{
  GlossSpan *copy;
  guint at;
  gint start, end;

  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));

  copy = copy_span (span);
  at = insertion_point (self, copy);
  g_ptr_array_insert (self->spans, at, copy);
  if (at <= self->tagged)
    self->tagged++;
  g_hash_table_insert (self->by_id, copy->id, copy);
  tag_span (self, copy, TRUE);

  start = gloss_span_get_start (copy);
  end = gloss_span_get_end (copy);
  g_hash_table_insert (self->depths, copy, GUINT_TO_POINTER (depth_of (self, copy)));
  for (guint i = at + 1; i < self->spans->len; i++)
    {
      GlossSpan *inner = g_ptr_array_index (self->spans, i);

      if (gloss_span_get_start (inner) >= end)
        break;
      if (gloss_span_get_end (inner) <= end && gloss_span_get_start (inner) >= start)
        g_hash_table_insert (self->depths, inner,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (self->depths, inner)) + 1));
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Removing one span's tag may take it off text that another span of the same
 * label still covers: put those back, only where the removed span was. */
static void
retag_label (GlossArticleView *self,
             const char       *label,
             gint              start,
             gint              end)
{
  for (guint i = 0; i < self->spans->len; i++)
    {
      const GlossSpan *span = g_ptr_array_index (self->spans, i);

      if (gloss_span_get_start (span) >= end)
        break;
      if (gloss_span_get_end (span) > start && g_str_equal (span->label, label))
        tag_span (self, span, TRUE);
    }
}

void
gloss_article_view_remove_span (GlossArticleView *self,
                                const char       *span_id)
{
  GlossSpan *span;
  g_autofree char *label = NULL;
  guint at;
  gint start, end;

  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));

  span = g_hash_table_lookup (self->by_id, span_id);
  if (span == NULL)
    return;

  label = g_strdup (span->label);
  start = gloss_span_get_start (span);
  end = gloss_span_get_end (span);
  if (g_strcmp0 (self->selected, span_id) == 0)
    gloss_article_view_select_span (self, NULL);
  g_hash_table_remove (self->by_id, span_id);
  g_hash_table_remove (self->depths, span);
  tag_span (self, span, FALSE);
  if (g_ptr_array_find (self->spans, span, &at) && at < self->tagged)
    self->tagged--;
  g_ptr_array_remove (self->spans, span);
  retag_label (self, label, start, end);

  /* The spans it enclosed are one level less deep. */
  for (guint i = 0; i < self->spans->len; i++)
    {
      GlossSpan *inner = g_ptr_array_index (self->spans, i);

      if (gloss_span_get_start (inner) >= end)
        break;
      if (gloss_span_get_start (inner) >= start && gloss_span_get_end (inner) <= end)
        g_hash_table_insert (self->depths, inner, GUINT_TO_POINTER (depth_of (self, inner)));
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
gloss_article_view_relabel_span (GlossArticleView *self,
                                 const char       *span_id,
                                 const char       *label)
{
  GlossSpan *span;
  g_autofree char *old = NULL;

  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));

  span = g_hash_table_lookup (self->by_id, span_id);
  if (span == NULL)
    return;

  tag_span (self, span, FALSE);
  old = g_steal_pointer (&span->label);
  span->label = g_strdup (label);
  retag_label (self, old, gloss_span_get_start (span), gloss_span_get_end (span));
  tag_span (self, span, TRUE);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * gloss_article_view_get_spans:
 *
 * Returns: (transfer none) (element-type GlossSpan): the spans shown, in reading order
 */
GPtrArray *
gloss_article_view_get_spans (GlossArticleView *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), NULL);
  return self->spans;
}

const GlossSpan *
gloss_article_view_lookup_span (GlossArticleView *self,
                                const char       *span_id)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), NULL);
  return span_id != NULL ? g_hash_table_lookup (self->by_id, span_id) : NULL;
}

gboolean
gloss_article_view_has_tag_at (GlossArticleView *self,
                               const char       *label,
                               gint              offset)
{
  LabelStyle *style = g_hash_table_lookup (self->styles, label);
  GtkTextIter iter;

  if (style == NULL)
    return FALSE;
  iter_at (self, &iter, offset);
  return gtk_text_iter_has_tag (&iter, style->tag);
}

/* ---- Selection ------------------------------------------------------------------ */

const char *
gloss_article_view_get_selected_span (GlossArticleView *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), NULL);
  return self->selected;
}

static void
scroll_to_offset (GlossArticleView *self,
                  gint              offset)
{
  GtkTextBuffer *buffer = get_buffer (self);
  GtkTextMark *mark = gtk_text_buffer_get_mark (buffer, "gloss-scroll");
  GtkTextIter iter;

  iter_at (self, &iter, offset);
  if (mark == NULL)
    mark = gtk_text_buffer_create_mark (buffer, "gloss-scroll", &iter, TRUE);
  else
    gtk_text_buffer_move_mark (buffer, mark, &iter);
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self), mark, 0.1, FALSE, 0, 0.3);
}

/**
 * gloss_article_view_select_span:
 * @span_id: (nullable): the span to select, or %NULL for none
 *
 * Selects an annotation: it is outlined, scrolled into view, the text cursor
 * moves to its start and no text stays selected, so that the next label key
 * relabels it.
 */
void
gloss_article_view_select_span (GlossArticleView *self,
                                const char       *span_id)
{
  const GlossSpan *span;

  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));

  span = gloss_article_view_lookup_span (self, span_id);
  if (g_strcmp0 (self->selected, span != NULL ? span->id : NULL) != 0)
    {
      g_free (self->selected);
      self->selected = span != NULL ? g_strdup (span->id) : NULL;
    }

  if (span != NULL)
    {
      GtkTextIter iter;

      iter_at (self, &iter, gloss_span_get_start (span));
      gtk_text_buffer_place_cursor (get_buffer (self), &iter);
      scroll_to_offset (self, gloss_span_get_start (span));
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SPAN_SELECTED], 0, self->selected);
}

/* Tab order: reading order, from the selected annotation or the cursor. */
void
gloss_article_view_select_next_span (GlossArticleView *self,
                                     gboolean          backwards)
{
  const GlossSpan *current = gloss_article_view_lookup_span (self, self->selected);
  gint cursor = gloss_article_view_get_cursor (self);
  gint sel_start, sel_end;

  /* From a search match, the next annotation is the one at or after its start. */
  if (gloss_article_view_get_text_selection (self, &sel_start, &sel_end))
    cursor = sel_start;
  const GlossSpan *next = NULL;
  guint n = self->spans->len;

  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));

  if (n == 0)
    return;

  if (current != NULL)
    {
      guint index;

      g_ptr_array_find (self->spans, current, &index);
      next = g_ptr_array_index (self->spans, backwards ? (index + n - 1) % n : (index + 1) % n);
    }
  else
    {
      for (guint i = 0; i < n; i++)
        {
          const GlossSpan *span = g_ptr_array_index (self->spans, backwards ? n - 1 - i : i);
          gint start = gloss_span_get_start (span);

          if ((!backwards && start >= cursor) || (backwards && start < cursor))
            {
              next = span;
              break;
            }
        }
      if (next == NULL)
        next = g_ptr_array_index (self->spans, backwards ? n - 1 : 0);
    }

  gloss_article_view_select_span (self, next->id);
}

gboolean
gloss_article_view_get_text_selection (GlossArticleView *self,
                                       gint             *start,
                                       gint             *end)
{
  GtkTextIter s, e;

  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), FALSE);

  if (!gtk_text_buffer_get_selection_bounds (get_buffer (self), &s, &e))
    return FALSE;
  *start = gtk_text_iter_get_offset (&s);
  *end = gtk_text_iter_get_offset (&e);
  return TRUE;
}

void
gloss_article_view_select_range (GlossArticleView *self,
                                 gint              start,
                                 gint              end)
{
  GtkTextIter s, e;

  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));

  iter_at (self, &s, start);
  iter_at (self, &e, end);
  gtk_text_buffer_select_range (get_buffer (self), &e, &s);
  scroll_to_offset (self, start);
}

gint
gloss_article_view_get_cursor (GlossArticleView *self)
{
  GtkTextBuffer *buffer = get_buffer (self);
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  return gtk_text_iter_get_offset (&iter);
}

/* ---- Drawing ---------------------------------------------------------------------- */

typedef void (*SegmentFunc) (GlossArticleView      *self,
                             GtkSnapshot           *snapshot,
                             const graphene_rect_t *rect,
                             gboolean               first,
                             gboolean               last,
                             gpointer               data);

/* Calls @func with the rectangle of each display line that [start, end) covers,
 * in buffer coordinates. Right-to-left runs give x1 < x0; the rectangle spans
 * both. */
static void
foreach_segment (GlossArticleView *self,
                 GtkSnapshot      *snapshot,
                 gint              start,
                 gint              end,
                 SegmentFunc       func,
                 gpointer          data)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GtkTextIter line, stop;
  gboolean first = TRUE;

  iter_at (self, &line, start);
  iter_at (self, &stop, end);

  while (gtk_text_iter_compare (&line, &stop) < 0)
    {
      GtkTextIter line_end = line, seg_end;
      GdkRectangle a, b;
      graphene_rect_t rect;

      if (!gtk_text_view_forward_display_line_end (view, &line_end))
        gtk_text_buffer_get_end_iter (get_buffer (self), &line_end);
      seg_end = gtk_text_iter_compare (&line_end, &stop) < 0 ? line_end : stop;

      gtk_text_view_get_iter_location (view, &line, &a);
      gtk_text_view_get_iter_location (view, &seg_end, &b);
      if (b.y != a.y)
        b.x = a.x + a.width;
      /* A wrapped line's end lies before its last character (after it, a
       * cursor would show on the next line); Chinese and Japanese wrap
       * between characters, not after a space, and that character is the
       * span's too. */
      else if (gtk_text_iter_equal (&seg_end, &line_end) && !gtk_text_iter_ends_line (&seg_end)
               && !g_unichar_isspace (gtk_text_iter_get_char (&seg_end)) && b.x >= a.x)
        b.x += b.width;
      rect = GRAPHENE_RECT_INIT (MIN (a.x, b.x), a.y, ABS (b.x - a.x), a.height);
      if (rect.size.width > 0)
        func (self, snapshot, &rect, first, gtk_text_iter_equal (&seg_end, &stop), data);
      first = FALSE;

      if (gtk_text_iter_equal (&seg_end, &stop) || !gtk_text_view_forward_display_line (view, &line))
        break;
    }
}

typedef struct
{
  GdkRGBA color;
  float   offset;
  float   thickness;
  gboolean brackets;
} Bar;

static void
draw_bar (GlossArticleView      *self,
          GtkSnapshot           *snapshot,
          const graphene_rect_t *rect,
          gboolean               first,
          gboolean               last,
          gpointer               data)
{
  const Bar *bar = data;
  float y = rect->origin.y + rect->size.height + 1 + bar->offset;

  gtk_snapshot_append_color (snapshot, &bar->color,
                             &GRAPHENE_RECT_INIT (rect->origin.x, y, rect->size.width, bar->thickness));
  if (!bar->brackets)
    return;
  /* Brackets at the ends make a quote's extent clear where lines wrap. */
  if (first)
    gtk_snapshot_append_color (snapshot, &bar->color,
                               &GRAPHENE_RECT_INIT (rect->origin.x - 1, rect->origin.y + 2, 2,
                                                    y - rect->origin.y - 2 + bar->thickness));
  if (last)
    gtk_snapshot_append_color (snapshot, &bar->color,
                               &GRAPHENE_RECT_INIT (rect->origin.x + rect->size.width - 1,
                                                    rect->origin.y + 2, 2,
                                                    y - rect->origin.y - 2 + bar->thickness));
}

static void
draw_outline (GlossArticleView      *self,
              GtkSnapshot           *snapshot,
              const graphene_rect_t *rect,
              gboolean               first,
              gboolean               last,
              gpointer               data)
{
  const GdkRGBA *color = data;
  GskRoundedRect outline;
  const float widths[4] = { 2, 2, 2, 2 };
  const GdkRGBA colors[4] = { *color, *color, *color, *color };

  gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (rect->origin.x - 2, rect->origin.y - 1,
                                                                  rect->size.width + 4,
                                                                  rect->size.height + 2), 3);
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);
}

static void
draw_dots (GlossArticleView      *self,
           GtkSnapshot           *snapshot,
           const graphene_rect_t *rect,
           gboolean               first,
           gboolean               last,
           gpointer               data)
{
  const GdkRGBA *color = data;
  float y = rect->origin.y + rect->size.height + 2;

  /* Dotted, not solid: a suggestion is not an annotation until accepted. */
  for (float x = rect->origin.x; x < rect->origin.x + rect->size.width; x += 5)
    gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y, 2.5, 2.5));
  if (first)
    gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (rect->origin.x - 1, rect->origin.y + 2,
                                                                     1.5, rect->size.height));
}

static void
draw_wash (GlossArticleView      *self,
           GtkSnapshot           *snapshot,
           const graphene_rect_t *rect,
           gboolean               first,
           gboolean               last,
           gpointer               data)
{
  gtk_snapshot_append_color (snapshot, data, rect);
}

/**
 * gloss_article_view_set_suggestions:
 * @suggested: (element-type GlossFragment) (nullable): pending suggestions
 * @current: the one to show as current, or -1
 */
void
gloss_article_view_set_suggestions (GlossArticleView *self,
                                    GArray           *suggested,
                                    gint              current)
{
  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));

  g_clear_pointer (&self->suggested, g_array_unref);
  if (suggested != NULL)
    self->suggested = g_array_ref (suggested);
  self->current_suggestion = current;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * gloss_article_view_set_marks:
 * @marks: (element-type GlossFragment) (nullable): the places Review lists
 * @current: the one to show as current, or -1
 */
void
gloss_article_view_set_marks (GlossArticleView *self,
                              GArray           *marks,
                              gint              current)
{
  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));

  g_clear_pointer (&self->marks, g_array_unref);
  if (marks != NULL)
    self->marks = g_array_ref (marks);
  self->current_mark = current;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * gloss_article_view_set_suggestion_parts:
 * @parts: (element-type GlossFragment) (nullable): the current suggestion's
 *   speaker and cue
 */
void
gloss_article_view_set_suggestion_parts (GlossArticleView *self,
                                         GArray           *parts)
{
  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));

  g_clear_pointer (&self->parts, g_array_unref);
  if (parts != NULL && parts->len > 0)
    self->parts = g_array_ref (parts);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

GArray *
gloss_article_view_get_suggestion_parts (GlossArticleView *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), NULL);
  return self->parts;
}

static void
draw_ranges (GlossArticleView *self,
             GtkSnapshot      *snapshot,
             GArray           *ranges,
             gint              current,
             const GdkRGBA    *dots,
             const GdkRGBA    *wash,
             gint              first,
             gint              last)
{
  for (guint i = 0; ranges != NULL && i < ranges->len; i++)
    {
      const GlossFragment *f = &g_array_index (ranges, GlossFragment, i);

      if (f->end < first || f->start > last)
        continue;
      if ((gint) i == current)
        foreach_segment (self, snapshot, f->start, f->end, draw_wash, (gpointer) wash);
      foreach_segment (self, snapshot, f->start, f->end, draw_dots, (gpointer) dots);
    }
}

static void
draw_suggestions (GlossArticleView *self,
                  GtkSnapshot      *snapshot,
                  gint              first,
                  gint              last)
{
  /* Suggestions in blue; Review's disagreements in amber, which no label
   * colour of the presets is close to. */
  static const GdkRGBA suggestion_dots = { 0.25, 0.45, 0.85, 0.9 };
  static const GdkRGBA suggestion_wash = { 0.25, 0.45, 0.85, 0.12 };
  static const GdkRGBA mark_dots = { 0.90, 0.55, 0.05, 0.95 };
  static const GdkRGBA mark_wash = { 0.90, 0.55, 0.05, 0.18 };

  draw_ranges (self, snapshot, self->suggested, self->current_suggestion,
               &suggestion_dots, &suggestion_wash, first, last);
  draw_ranges (self, snapshot, self->marks, self->current_mark, &mark_dots, &mark_wash, first, last);
  /* The current suggestion's speaker and cue: the same blue, washed and dotted. */
  for (guint i = 0; self->parts != NULL && i < self->parts->len; i++)
    draw_ranges (self, snapshot, self->parts, i, &suggestion_dots, &suggestion_wash, first, last);
}

static void
visible_offsets (GlossArticleView *self,
                 gint             *first,
                 gint             *last)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GdkRectangle visible;
  GtkTextIter iter;

  gtk_text_view_get_visible_rect (view, &visible);
  gtk_text_view_get_iter_at_location (view, &iter, visible.x, visible.y);
  gtk_text_iter_set_line_offset (&iter, 0);
  *first = gtk_text_iter_get_offset (&iter);
  gtk_text_view_get_iter_at_location (view, &iter, visible.x + visible.width, visible.y + visible.height);
  gtk_text_iter_forward_to_line_end (&iter);
  *last = gtk_text_iter_get_offset (&iter);
}

static void
draw_span_bars (GlossArticleView *self,
                GtkSnapshot      *snapshot,
                const GlossSpan  *span)
{
  LabelStyle *style = g_hash_table_lookup (self->styles, span->label);
  guint depth = GPOINTER_TO_UINT (g_hash_table_lookup (self->depths, span));
  Bar bar;

  if (style == NULL || (!is_bar_kind (style->kind) && depth == 0))
    return;

  bar.color = style->color;
  bar.offset = depth * BAR_STEP;
  bar.thickness = is_bar_kind (style->kind) ? 3 : 2;
  bar.brackets = is_bar_kind (style->kind);
  if (is_bar_kind (style->kind))
    bar.color.alpha = 1.0;

  for (guint i = 0; i < span->fragments->len; i++)
    {
      const GlossFragment *f = &g_array_index (span->fragments, GlossFragment, i);

      foreach_segment (self, snapshot, f->start, f->end, draw_bar, &bar);
    }
}

static void
gloss_article_view_snapshot_layer (GtkTextView      *view,
                                   GtkTextViewLayer  layer,
                                   GtkSnapshot      *snapshot)
{
  GlossArticleView *self = GLOSS_ARTICLE_VIEW (view);
  gint first, last;

  if (GTK_TEXT_VIEW_CLASS (gloss_article_view_parent_class)->snapshot_layer != NULL)
    GTK_TEXT_VIEW_CLASS (gloss_article_view_parent_class)->snapshot_layer (view, layer, snapshot);

  visible_offsets (self, &first, &last);

  if (layer == GTK_TEXT_VIEW_LAYER_BELOW_TEXT)
    {
      draw_suggestions (self, snapshot, first, last);
      for (guint i = 0; i < self->spans->len; i++)
        {
          const GlossSpan *span = g_ptr_array_index (self->spans, i);

          if (gloss_span_get_start (span) > last)
            break;
          if (gloss_span_get_end (span) >= first)
            draw_span_bars (self, snapshot, span);
        }
    }
  else if (self->selected != NULL)
    {
      const GlossSpan *span = g_hash_table_lookup (self->by_id, self->selected);
      GdkRGBA accent;

      gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &accent);
      accent.alpha = 0.4;
      for (guint r = 0; self->related != NULL && self->related[r] != NULL; r++)
        {
          const GlossSpan *related = g_hash_table_lookup (self->by_id, self->related[r]);

          for (guint i = 0; related != NULL && i < related->fragments->len; i++)
            {
              const GlossFragment *f = &g_array_index (related->fragments, GlossFragment, i);

              foreach_segment (self, snapshot, f->start, f->end, draw_outline, &accent);
            }
        }
      accent.alpha = 0.85;
      for (guint i = 0; span != NULL && i < span->fragments->len; i++)
        {
          const GlossFragment *f = &g_array_index (span->fragments, GlossFragment, i);

          foreach_segment (self, snapshot, f->start, f->end, draw_outline, &accent);
        }
    }
}

/* ---- Input and layout ------------------------------------------------------------ */

static const GlossSpan *
innermost_span_at (GlossArticleView *self,
                   gint              offset)
{
  const GlossSpan *best = NULL;
  gint best_length = G_MAXINT;

  for (guint i = 0; i < self->spans->len; i++)
    {
      const GlossSpan *span = g_ptr_array_index (self->spans, i);

      if (gloss_span_get_start (span) > offset)
        break;
      for (guint j = 0; j < span->fragments->len; j++)
        {
          const GlossFragment *f = &g_array_index (span->fragments, GlossFragment, j);

          if (f->start <= offset && offset < f->end && f->end - f->start < best_length)
            {
              best = span;
              best_length = f->end - f->start;
            }
        }
    }
  return best;
}

static char *
covered_text (GlossArticleView *self,
              const GlossSpan  *span)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < span->fragments->len; i++)
    {
      const GlossFragment *f = &g_array_index (span->fragments, GlossFragment, i);
      GtkTextIter start, end;
      g_autofree char *piece = NULL;

      iter_at (self, &start, f->start);
      iter_at (self, &end, MIN (f->end, f->start + 60));
      piece = gtk_text_buffer_get_slice (get_buffer (self), &start, &end, TRUE);
      g_string_append_printf (text, "%s%s%s", i > 0 ? " … " : "", piece, f->end > f->start + 60 ? "…" : "");
    }
  g_strdelimit (text->str, "\n", ' ');
  return g_string_free (text, FALSE);
}

/**
 * gloss_article_view_describe_at:
 * @offset: a code point offset into the text
 *
 * What the tooltip over @offset says: every annotation there, outermost
 * first, with its label, text, annotator and note, and what the window adds
 * about its links (a quote's speaker and cue). Colour is never the only cue.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL where nothing is
 */
char *
gloss_article_view_describe_at (GlossArticleView *self,
                                gint              offset)
{
  GString *out = NULL;

  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), NULL);

  for (guint i = 0; i < self->spans->len; i++)
    {
      const GlossSpan *span = g_ptr_array_index (self->spans, i);
      g_autofree char *text = NULL;
      g_autofree char *quoted = NULL;
      g_autofree char *links = NULL;
      gboolean here = FALSE;

      if (gloss_span_get_start (span) > offset)
        break;
      for (guint j = 0; j < span->fragments->len && !here; j++)
        {
          const GlossFragment *f = &g_array_index (span->fragments, GlossFragment, j);

          here = f->start <= offset && offset < f->end;
        }
      if (!here)
        continue;
      if (out == NULL)
        out = g_string_new (NULL);
      else
        g_string_append_c (out, '\n');
      text = covered_text (self, span);
      quoted = gloss_text_quote (text);
      g_string_append_printf (out, "%s %s", span->label, quoted);
      if (span->annotator != NULL)
        /* TRANSLATORS: in a highlight's tooltip: LABEL “text” — annotator */
        g_string_append_printf (out, _(" — %s"), span->annotator);
      if (self->describe != NULL && (links = self->describe (span, self->describe_data)) != NULL)
        g_string_append_printf (out, "\n    %s", links);
      if (span->note != NULL && *span->note != '\0')
        /* TRANSLATORS: a span's note, in its tooltip */
        g_string_append_printf (out, _("\n    Note: %s"), span->note);
    }
  return out != NULL ? g_string_free (out, FALSE) : NULL;
}

/**
 * gloss_article_view_set_describer:
 * @describe: (nullable): says what a span links to, for tooltips
 */
void
gloss_article_view_set_describer (GlossArticleView   *self,
                                  GlossSpanDescriber  describe,
                                  gpointer            data)
{
  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));

  self->describe = describe;
  self->describe_data = data;
}

static gboolean
on_query_tooltip (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    data)
{
  GlossArticleView *self = GLOSS_ARTICLE_VIEW (widget);
  g_autofree char *text = NULL;
  GtkTextIter iter;
  int bx, by;

  if (keyboard)
    {
      gtk_text_buffer_get_iter_at_mark (get_buffer (self), &iter, gtk_text_buffer_get_insert (get_buffer (self)));
    }
  else
    {
      gtk_text_view_window_to_buffer_coords (GTK_TEXT_VIEW (self), GTK_TEXT_WINDOW_WIDGET, x, y, &bx, &by);
      if (!gtk_text_view_get_iter_at_location (GTK_TEXT_VIEW (self), &iter, bx, by))
        return FALSE;
    }
  text = gloss_article_view_describe_at (self, gtk_text_iter_get_offset (&iter));
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* A click that leaves no text selected picks the innermost annotation there. */
static void
on_click_released (GtkGestureClick  *gesture,
                   int               n_press,
                   double            x,
                   double            y,
                   GlossArticleView *self)
{
  const GlossSpan *span;
  GtkTextIter iter;
  int bx, by;
  gint start, end;

  if (n_press != 1 || gloss_article_view_get_text_selection (self, &start, &end))
    return;

  gtk_text_view_window_to_buffer_coords (GTK_TEXT_VIEW (self), GTK_TEXT_WINDOW_WIDGET,
                                         (int) x, (int) y, &bx, &by);
  if (!gtk_text_view_get_iter_at_location (GTK_TEXT_VIEW (self), &iter, bx, by))
    {
      gloss_article_view_select_span (self, NULL);
      return;
    }

  span = innermost_span_at (self, gtk_text_iter_get_offset (&iter));
  if (span != NULL)
    {
      g_free (self->selected);
      self->selected = g_strdup (span->id);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      g_signal_emit (self, signals[SPAN_SELECTED], 0, self->selected);
    }
  else if (self->selected != NULL)
    gloss_article_view_select_span (self, NULL);
}

/* Keeps lines at a readable length however wide the window is. */
static void
gloss_article_view_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  GlossArticleView *self = GLOSS_ARTICLE_VIEW (widget);

  if (width != self->last_width)
    {
      int margin = MAX (MIN_MARGIN, (width - READABLE_WIDTH) / 2);

      self->last_width = width;
      gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self), margin);
      gtk_text_view_set_right_margin (GTK_TEXT_VIEW (self), margin);
    }

  GTK_WIDGET_CLASS (gloss_article_view_parent_class)->size_allocate (widget, width, height, baseline);
  if (self->popover != NULL)
    gtk_popover_present (GTK_POPOVER (self->popover));
}

/**
 * gloss_article_view_set_popover:
 * @popover: (transfer none): a popover to show over the text, pointing at
 *   places in it
 */
void
gloss_article_view_set_popover (GlossArticleView *self,
                                GtkWidget        *popover)
{
  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));
  g_return_if_fail (self->popover == NULL);

  self->popover = popover;
  gtk_widget_set_parent (popover, GTK_WIDGET (self));
}

/**
 * gloss_article_view_get_span_rect:
 *
 * Where @span_id is on screen, in widget coordinates, for pointing a popover
 * at it: from the top of its first line to the bottom of its last, as wide as
 * the text column when it wraps; the part that is scrolled out of view is cut
 * off (a span wholly out of view gives a flat rectangle at the nearer edge).
 *
 * Returns: %FALSE if there is no such span
 */
gboolean
gloss_article_view_get_span_rect (GlossArticleView *self,
                                  const char       *span_id,
                                  GdkRectangle     *rect)
{
  const GlossSpan *span = gloss_article_view_lookup_span (self, span_id);
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GtkTextIter first, last;
  GdkRectangle head, tail;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  int top, bottom;

  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), FALSE);
  g_return_val_if_fail (rect != NULL, FALSE);

  if (span == NULL)
    return FALSE;
  iter_at (self, &first, gloss_span_get_start (span));
  iter_at (self, &last, MAX (gloss_span_get_start (span), gloss_span_get_end (span) - 1));
  gtk_text_view_get_iter_location (view, &first, &head);
  gtk_text_view_get_iter_location (view, &last, &tail);
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, head.x, head.y, &head.x, &head.y);
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, tail.x, tail.y, &tail.x, &tail.y);

  if (head.y == tail.y)
    {
      rect->x = MIN (head.x, tail.x);
      rect->width = MAX (head.x + head.width, tail.x + tail.width) - rect->x;
    }
  else
    {
      rect->x = gtk_text_view_get_left_margin (view);
      rect->width = MAX (1, width - rect->x - gtk_text_view_get_right_margin (view));
    }
  top = CLAMP (head.y, 0, height);
  bottom = CLAMP (tail.y + tail.height, 0, height);
  rect->y = top;
  rect->height = MAX (bottom - top, 1);
  if (rect->y + rect->height > height)
    rect->y = MAX (height - rect->height, 0);
  return TRUE;
}

/**
 * gloss_article_view_set_related:
 * @ids: (nullable): spans linked to the selected one (its speaker, cue…)
 */
void
gloss_article_view_set_related (GlossArticleView   *self,
                                const char * const *ids)
{
  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));

  g_strfreev (self->related);
  self->related = g_strdupv ((char **) ids);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
gloss_article_view_dispose (GObject *object)
{
  GlossArticleView *self = (GlossArticleView *) object;

  g_clear_pointer (&self->popover, gtk_widget_unparent);
  g_clear_handle_id (&self->tag_idle, g_source_remove);
  G_OBJECT_CLASS (gloss_article_view_parent_class)->dispose (object);
}

static void
gloss_article_view_finalize (GObject *object)
{
  GlossArticleView *self = (GlossArticleView *) object;

  g_clear_pointer (&self->styles, g_hash_table_unref);
  g_clear_pointer (&self->depths, g_hash_table_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->spans, g_ptr_array_unref);
  g_clear_pointer (&self->selected, g_free);
  g_clear_pointer (&self->related, g_strfreev);
  g_clear_pointer (&self->suggested, g_array_unref);
  g_clear_pointer (&self->marks, g_array_unref);
  g_clear_pointer (&self->parts, g_array_unref);

  G_OBJECT_CLASS (gloss_article_view_parent_class)->finalize (object);
}

static void
gloss_article_view_class_init (GlossArticleViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkTextViewClass *text_view_class = GTK_TEXT_VIEW_CLASS (klass);

  object_class->dispose = gloss_article_view_dispose;
  object_class->finalize = gloss_article_view_finalize;
  widget_class->size_allocate = gloss_article_view_size_allocate;
  text_view_class->snapshot_layer = gloss_article_view_snapshot_layer;

  /**
   * GlossArticleView::span-selected:
   * @span_id: (nullable): the selected annotation, or %NULL
   */
  signals[SPAN_SELECTED] = g_signal_new ("span-selected", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "textview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_TEXT_BOX);
}

static void
gloss_article_view_init (GlossArticleView *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GtkGesture *click = gtk_gesture_click_new ();

  self->styles = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) label_style_free);
  self->spans = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_span_free);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->depths = g_hash_table_new (NULL, NULL);

  gtk_text_view_set_editable (view, FALSE);
  gtk_text_view_set_cursor_visible (view, TRUE);
  gtk_text_view_set_wrap_mode (view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_pixels_below_lines (view, 10);
  gtk_text_view_set_pixels_inside_wrap (view, 9);
  gtk_text_view_set_top_margin (view, 24);
  gtk_text_view_set_bottom_margin (view, 48);
  gtk_widget_add_css_class (GTK_WIDGET (self), "article");

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (on_click_released), self);
  _gloss_article_view_init_pointer_selection (self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed), self, G_CONNECT_SWAPPED);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Article"), -1);
}

GtkWidget *
gloss_article_view_new (void)
{
  return g_object_new (GLOSS_TYPE_ARTICLE_VIEW, NULL);
}
