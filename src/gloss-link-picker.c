/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-link-picker"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "gloss-article-view.h"
#include "gloss-link-picker.h"

/* Picks the other end of a relation (a quote's speaker, a claim's claimant):
 * a popover beside the annotation being linked, so the article does not move;
 * candidates in the order given, each with a few words around it, type to
 * filter, Enter picks, Escape cancels. It is not modal: the article stays
 * clickable, and the window takes a click on an annotation as the pick. Its
 * parent is the article view (gloss_article_view_set_popover ()), whose text
 * the rows quote. */

#define CONTEXT_WORDS 4
#define CONTEXT_CHARS 36
/* The title, filter, hint and margins around the list; the list shows 2 to 6 rows. */
#define CHROME_HEIGHT 150
#define MIN_LIST_HEIGHT 90
#define MAX_LIST_HEIGHT 264
/* Rows made at once; the filter reaches the others. */
#define MAX_ROWS 50

struct _GlossLinkPicker
{
  GtkPopover         parent_instance;

  GtkLabel          *title;
  GtkSearchEntry    *entry;
  GtkScrolledWindow *scroller;
  GtkListBox        *list;
  GtkLabel          *placeholder;

  GPtrArray         *candidates;    /* Candidate, in the order given */
  char              *shown_filter;  /* the filter the rows were made for */
  char              *empty_text;    /* what the list says when there is nothing to offer */
  char              *span_id;       /* pointed at while open; NULL when closed */
  GtkAdjustment     *followed;      /* the article's scrolling, while open */
};

G_DEFINE_FINAL_TYPE (GlossLinkPicker, gloss_link_picker, GTK_TYPE_POPOVER)

enum {
  CHOSEN,
  CANCELLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GlossArticleView *
get_article (GlossLinkPicker *self)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  return GLOSS_IS_ARTICLE_VIEW (parent) ? GLOSS_ARTICLE_VIEW (parent) : NULL;
}

/* ---- Rows ------------------------------------------------------------------------ */

static char *
slice (GtkTextBuffer *buffer,
       gint           start,
       gint           end)
{
  GtkTextIter from, to;
  char *text;

  gtk_text_buffer_get_iter_at_offset (buffer, &from, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &to, end);
  text = gtk_text_buffer_get_slice (buffer, &from, &to, TRUE);
  /* A quote may run over paragraphs; a row is one line. */
  return g_strdelimit (text, "\n\t", ' ');
}

static char *
mention_text (GtkTextBuffer   *buffer,
              const GlossSpan *span)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < span->fragments->len; i++)
    {
      const GlossFragment *f = &g_array_index (span->fragments, GlossFragment, i);
      g_autofree char *part = slice (buffer, f->start, f->end);

      if (i > 0)
        g_string_append (out, " … ");
      g_string_append (out, part);
    }
  return g_string_free (out, FALSE);
}

/* At most @max characters of @text, those nearest the mention. */
static char *
clip (char     *text,
      gint      max,
      gboolean  keep_end)
{
  glong n = g_utf8_strlen (text, -1);
  char *out;

  if (n <= max)
    return text;
  if (keep_end)
    out = g_strconcat ("…", g_utf8_offset_to_pointer (text, n - max), NULL);
  else
    {
      g_autofree char *head = g_utf8_substring (text, 0, max);

      out = g_strconcat (head, "…", NULL);
    }
  g_free (text);
  return out;
}

/* A few words either side of [start, end), within its paragraph: enough to
 * tell two "Putin" mentions apart. */
static void
context_around (GtkTextBuffer  *buffer,
                gint            start,
                gint            end,
                char          **before,
                char          **after)
{
  GtkTextIter at, from, line_start, to, line_end;

  gtk_text_buffer_get_iter_at_offset (buffer, &at, start);
  line_start = from = at;
  gtk_text_iter_set_line_offset (&line_start, 0);
  gtk_text_iter_backward_word_starts (&from, CONTEXT_WORDS);
  if (gtk_text_iter_compare (&from, &line_start) < 0)
    from = line_start;
  *before = clip (slice (buffer, gtk_text_iter_get_offset (&from), start), CONTEXT_CHARS, TRUE);
  if (!gtk_text_iter_equal (&from, &line_start) && !g_str_has_prefix (*before, "…"))
    {
      char *marked = g_strconcat ("…", *before, NULL);

      g_free (*before);
      *before = marked;
    }

  gtk_text_buffer_get_iter_at_offset (buffer, &at, end);
  line_end = to = at;
  if (!gtk_text_iter_ends_line (&line_end))
    gtk_text_iter_forward_to_line_end (&line_end);
  gtk_text_iter_forward_word_ends (&to, CONTEXT_WORDS);
  if (gtk_text_iter_compare (&to, &line_end) > 0)
    to = line_end;
  *after = clip (slice (buffer, end, gtk_text_iter_get_offset (&to)), CONTEXT_CHARS, FALSE);
  if (!gtk_text_iter_equal (&to, &line_end) && !g_str_has_suffix (*after, "…"))
    {
      char *marked = g_strconcat (*after, "…", NULL);

      g_free (*after);
      *after = marked;
    }
}

/* A candidate; its row is made only while it is among those shown. */
typedef struct
{
  char *id;
  char *label;
  char *mention;
  char *search;      /* label and mention, case-folded, for the filter */
  gint  start;       /* where its context is; -1: none (the author) */
  gint  end;
} Candidate;

static void
candidate_free (Candidate *candidate)
{
  g_free (candidate->id);
  g_free (candidate->label);
  g_free (candidate->mention);
  g_free (candidate->search);
  g_free (candidate);
}

static void
add_candidate (GlossLinkPicker *self,
               const char      *id,
               const char      *label,
               const char      *mention,
               gint             start,
               gint             end)
{
  Candidate *candidate = g_new0 (Candidate, 1);
  g_autofree char *search = g_strdup_printf ("%s %s", label, mention);

  candidate->id = g_strdup (id);
  candidate->label = g_strdup (label);
  candidate->mention = g_strdup (mention);
  candidate->search = g_utf8_casefold (search, -1);
  candidate->start = start;
  candidate->end = end;
  g_ptr_array_add (self->candidates, candidate);
}

/**
 * gloss_link_picker_add_span:
 *
 * Offers @span, after the candidates there: its row shows its label, its
 * words, and the words around it in the article.
 */
void
gloss_link_picker_add_span (GlossLinkPicker *self,
                            const GlossSpan *span)
{
  GlossArticleView *article = get_article (self);
  g_autofree char *mention = NULL;

  g_return_if_fail (GLOSS_IS_LINK_PICKER (self));
  g_return_if_fail (article != NULL);

  mention = mention_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (article)), span);
  add_candidate (self, span->id, span->label, mention, gloss_span_get_start (span), gloss_span_get_end (span));
}

/* The claim is the article's own: claimant_is_author rather than a relation. */
void
gloss_link_picker_add_author (GlossLinkPicker *self)
{
  g_return_if_fail (GLOSS_IS_LINK_PICKER (self));

  add_candidate (self, GLOSS_LINK_PICKER_AUTHOR, _("AUTHOR"), _("the author or outlet"), -1, -1);
}

static GtkWidget *
line_label (const char *markup,
            gboolean    context)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 44);
  gtk_label_set_width_chars (GTK_LABEL (label), 30);
  if (context)
    {
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "dim-label");
    }
  return label;
}

static GtkWidget *
make_row (GlossLinkPicker *self,
          const Candidate *candidate)
{
  g_autofree char *markup = g_markup_printf_escaped ("<small><b>%s</b></small>  %s", candidate->label,
                                                     candidate->mention);
  g_autofree char *spoken = g_strdup_printf ("%s %s", candidate->label, candidate->mention);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_box_append (GTK_BOX (box), line_label (markup, FALSE));
  if (candidate->start >= 0)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (get_article (self)));
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autofree char *context = NULL;

      context_around (buffer, candidate->start, candidate->end, &before, &after);
      context = g_markup_printf_escaped ("%s<b>%s</b>%s", before, candidate->mention, after);
      gtk_box_append (GTK_BOX (box), line_label (context, TRUE));
      g_free (spoken);
      spoken = g_strdup_printf ("%s %s: %s%s%s", candidate->label, candidate->mention, before,
                                candidate->mention, after);
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "gloss-id", g_strdup (candidate->id), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  return row;
}

/* The last row when more match than are shown: it says so, and is no pick. */
static GtkWidget *
make_more_row (guint n)
{
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "%u more: type to narrow the list.",
                                                        "%u more: type to narrow the list.", n), n);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

static void
remove_rows (GlossLinkPicker *self)
{
  GtkListBoxRow *row;

  /* Row by row: the placeholder is a child of the list too. */
  while ((row = gtk_list_box_get_row_at_index (self->list, 0)) != NULL)
    gtk_list_box_remove (self->list, GTK_WIDGET (row));
}

void
gloss_link_picker_clear (GlossLinkPicker *self,
                         const char      *title,
                         const char      *empty_text)
{
  g_return_if_fail (GLOSS_IS_LINK_PICKER (self));

  gtk_label_set_text (self->title, title);
  g_free (self->empty_text);
  self->empty_text = g_strdup (empty_text);
  g_ptr_array_set_size (self->candidates, 0);
  g_clear_pointer (&self->shown_filter, g_free);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  remove_rows (self);
}

/* How many candidates there are, shown or not. */
guint
gloss_link_picker_get_n_candidates (GlossLinkPicker *self)
{
  g_return_val_if_fail (GLOSS_IS_LINK_PICKER (self), 0);

  return self->candidates->len;
}

/* ---- Filtering and moving --------------------------------------------------------- */

/* The entry keeps the focus, so the list does not scroll to the row itself. */
static void
select_row (GlossLinkPicker *self,
            GtkListBoxRow   *row)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  graphene_rect_t bounds;

  gtk_list_box_select_row (self->list, row);
  if (row != NULL && gtk_widget_compute_bounds (GTK_WIDGET (row), GTK_WIDGET (self->list), &bounds))
    gtk_adjustment_clamp_page (adjustment, bounds.origin.y, bounds.origin.y + bounds.size.height);
}

/* Rows for the first MAX_ROWS candidates the filter lets through: a document
 * with thousands of mentions opens the picker as fast as one with ten, and
 * typing finds any of them. */
static void
show_rows (GlossLinkPicker *self)
{
  const char *needle = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autofree char *folded = g_utf8_casefold (needle != NULL ? needle : "", -1);
  guint shown = 0, more = 0;

  g_free (self->shown_filter);
  self->shown_filter = g_strdup (needle != NULL ? needle : "");
  remove_rows (self);
  for (guint i = 0; i < self->candidates->len; i++)
    {
      const Candidate *candidate = g_ptr_array_index (self->candidates, i);

      if (*folded != '\0' && strstr (candidate->search, folded) == NULL)
        continue;
      if (shown == MAX_ROWS)
        more++;
      else
        {
          gtk_list_box_append (self->list, make_row (self, candidate));
          shown++;
        }
    }
  if (more > 0)
    gtk_list_box_append (self->list, make_more_row (more));
  gtk_label_set_text (self->placeholder,
                      *folded != '\0' && self->candidates->len > 0
                      ? _("Nothing tagged matches. Words not tagged yet: select them in the text and press a "
                          "label key.")
                      : self->empty_text);
  select_row (self, shown > 0 ? gtk_list_box_get_row_at_index (self->list, 0) : NULL);
}

/* Rows as the filter says now, even before the entry's search delay is over. */
static void
ensure_rows (GlossLinkPicker *self)
{
  if (g_strcmp0 (self->shown_filter, gtk_editable_get_text (GTK_EDITABLE (self->entry))) != 0)
    show_rows (self);
}

static void
on_search_changed (GlossLinkPicker *self)
{
  if (self->span_id != NULL)
    ensure_rows (self);
}

static void
step (GlossLinkPicker *self,
      int              direction)
{
  GtkListBoxRow *row;
  int index;

  ensure_rows (self);
  row = gtk_list_box_get_selected_row (self->list);
  index = row != NULL ? gtk_list_box_row_get_index (row) : -1;
  for (index += direction; index >= 0; index += direction)
    {
      GtkListBoxRow *next = gtk_list_box_get_row_at_index (self->list, index);

      if (next == NULL)
        return;
      if (gtk_list_box_row_get_selectable (next))
        {
          select_row (self, next);
          return;
        }
    }
}

/* ---- Opening and closing ---------------------------------------------------------- */

/* Below the annotation or above it, on the side with more room in the
 * window, the list as tall as that room allows. */
static void
choose_side (GlossLinkPicker    *self,
             GtkWidget          *article,
             const GdkRectangle *rect)
{
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (article));
  double x, top, bottom;
  int above, below;

  if (window == NULL
      || !gtk_widget_translate_coordinates (article, window, rect->x, rect->y, &x, &top)
      || !gtk_widget_translate_coordinates (article, window, rect->x, rect->y + rect->height, &x, &bottom))
    return;
  above = (int) top;
  below = gtk_widget_get_height (window) - (int) bottom;
  gtk_popover_set_position (GTK_POPOVER (self), below >= above ? GTK_POS_BOTTOM : GTK_POS_TOP);
  gtk_scrolled_window_set_max_content_height (self->scroller,
                                              CLAMP (MAX (above, below) - CHROME_HEIGHT,
                                                     MIN_LIST_HEIGHT, MAX_LIST_HEIGHT));
}

static void
point_at_span (GlossLinkPicker *self)
{
  GlossArticleView *article = get_article (self);
  GdkRectangle rect;

  if (article == NULL || self->span_id == NULL
      || !gloss_article_view_get_span_rect (article, self->span_id, &rect))
    return;
  choose_side (self, GTK_WIDGET (article), &rect);
  gtk_popover_set_pointing_to (GTK_POPOVER (self), &rect);
}

/* Scrolled, or resized (the page size changes): the annotation moved. */
static void
follow (GlossLinkPicker *self,
        GtkAdjustment   *adjustment)
{
  if (self->followed != NULL)
    g_signal_handlers_disconnect_by_func (self->followed, point_at_span, self);
  g_set_object (&self->followed, adjustment);
  if (adjustment == NULL)
    return;
  g_signal_connect_swapped (adjustment, "value-changed", G_CALLBACK (point_at_span), self);
  g_signal_connect_swapped (adjustment, "changed", G_CALLBACK (point_at_span), self);
}

/* Closes, then says how: chosen @id, or cancelled when @id is NULL. */
static void
finish (GlossLinkPicker *self,
        const char      *id)
{
  g_autofree char *copy = g_strdup (id);

  if (self->span_id == NULL)
    return;
  g_clear_pointer (&self->span_id, g_free);
  follow (self, NULL);
  gtk_popover_popdown (GTK_POPOVER (self));
  if (copy != NULL)
    g_signal_emit (self, signals[CHOSEN], 0, copy);
  else
    g_signal_emit (self, signals[CANCELLED], 0);
}

/* Hidden by GTK itself (its own Escape, the window going away): a cancel. */
static void
on_closed (GlossLinkPicker *self)
{
  finish (self, NULL);
}

static void
pick (GlossLinkPicker *self,
      GtkListBoxRow   *row)
{
  const char *id = row != NULL ? g_object_get_data (G_OBJECT (row), "gloss-id") : NULL;

  if (id == NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  finish (self, id);
}

static void
on_entry_activate (GlossLinkPicker *self)
{
  ensure_rows (self);
  pick (self, gtk_list_box_get_selected_row (self->list));
}

static void
on_row_activated (GtkListBox      *list,
                  GtkListBoxRow   *row,
                  GlossLinkPicker *self)
{
  pick (self, row);
}

static gboolean
on_entry_key (GtkEventControllerKey *controller,
              guint                  keyval,
              guint                  keycode,
              GdkModifierType        state,
              GlossLinkPicker       *self)
{
  switch (keyval)
    {
    case GDK_KEY_Escape:
      gloss_link_picker_cancel (self);
      return GDK_EVENT_STOP;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      step (self, 1);
      return GDK_EVENT_STOP;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      step (self, -1);
      return GDK_EVENT_STOP;
    default:
      return GDK_EVENT_PROPAGATE;
    }
}

/**
 * gloss_link_picker_open:
 * @span_id: the annotation being linked, in the article view the picker
 *   belongs to
 *
 * Shows the picker pointing at @span_id, the filter focused. The article
 * neither scrolls nor moves; the picker follows the annotation when the
 * article is scrolled.
 */
void
gloss_link_picker_open (GlossLinkPicker *self,
                        const char      *span_id)
{
  GlossArticleView *article = get_article (self);

  g_return_if_fail (GLOSS_IS_LINK_PICKER (self));
  g_return_if_fail (article != NULL);
  g_return_if_fail (span_id != NULL);

  g_free (self->span_id);
  self->span_id = g_strdup (span_id);
  show_rows (self);
  point_at_span (self);
  follow (self, gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (article)));
  gtk_popover_popup (GTK_POPOVER (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

/* Closes without linking anything. */
void
gloss_link_picker_cancel (GlossLinkPicker *self)
{
  g_return_if_fail (GLOSS_IS_LINK_PICKER (self));

  finish (self, NULL);
}

/* Picks @id, as a click on that annotation in the text would, whether its
 * row is shown or not. */
gboolean
gloss_link_picker_choose (GlossLinkPicker *self,
                          const char      *id)
{
  g_return_val_if_fail (GLOSS_IS_LINK_PICKER (self), FALSE);

  for (guint i = 0; i < self->candidates->len; i++)
    {
      const Candidate *candidate = g_ptr_array_index (self->candidates, i);

      if (g_strcmp0 (candidate->id, id) == 0)
        {
          finish (self, candidate->id);
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
gloss_link_picker_is_open (GlossLinkPicker *self)
{
  g_return_val_if_fail (GLOSS_IS_LINK_PICKER (self), FALSE);

  return self->span_id != NULL;
}

static void
gloss_link_picker_realize (GtkWidget *widget)
{
  gboolean composited = gdk_display_is_composited (gtk_widget_get_display (widget));

  gtk_popover_set_has_arrow (GTK_POPOVER (widget), composited);
  if (composited)
    gtk_widget_remove_css_class (widget, "solid");
  else
    gtk_widget_add_css_class (widget, "solid");
  GTK_WIDGET_CLASS (gloss_link_picker_parent_class)->realize (widget);
}

static void
gloss_link_picker_dispose (GObject *object)
{
  GlossLinkPicker *self = GLOSS_LINK_PICKER (object);

  follow (self, NULL);
  g_clear_pointer (&self->span_id, g_free);
  g_clear_pointer (&self->empty_text, g_free);
  g_clear_pointer (&self->shown_filter, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_LINK_PICKER);
  G_OBJECT_CLASS (gloss_link_picker_parent_class)->dispose (object);
}

static void
gloss_link_picker_finalize (GObject *object)
{
  GlossLinkPicker *self = GLOSS_LINK_PICKER (object);

  g_clear_pointer (&self->candidates, g_ptr_array_unref);
  G_OBJECT_CLASS (gloss_link_picker_parent_class)->finalize (object);
}

static void
gloss_link_picker_class_init (GlossLinkPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_link_picker_dispose;
  object_class->finalize = gloss_link_picker_finalize;
  widget_class->realize = gloss_link_picker_realize;

  /**
   * GlossLinkPicker::chosen:
   * @id: the chosen annotation's id, or GLOSS_LINK_PICKER_AUTHOR
   */
  signals[CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * GlossLinkPicker::cancelled:
   *
   * Closed without a pick: Escape, gloss_link_picker_cancel ().
   */
  signals[CANCELLED] = g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/gloss/Gloss/gloss-link-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossLinkPicker, title);
  gtk_widget_class_bind_template_child (widget_class, GlossLinkPicker, entry);
  gtk_widget_class_bind_template_child (widget_class, GlossLinkPicker, scroller);
  gtk_widget_class_bind_template_child (widget_class, GlossLinkPicker, list);
  gtk_widget_class_bind_template_child (widget_class, GlossLinkPicker, placeholder);
  gtk_widget_class_bind_template_callback (widget_class, on_closed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_key);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
}

static void
gloss_link_picker_init (GlossLinkPicker *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) candidate_free);
}

GtkWidget *
gloss_link_picker_new (void)
{
  return g_object_new (GLOSS_TYPE_LINK_PICKER, NULL);
}
