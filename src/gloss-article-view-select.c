/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-article-view"

#include "config.h"

#include "gloss-article-view-private.h"

/* A drag to the end of a wrapped line takes the line's last character.
 *
 * Pango places a pointer right of a wrapped line's last character before
 * that character, so that a cursor put there is not drawn at the start of the
 * next line. Latin text wraps after a space, and the space is what a drag
 * then leaves out; Chinese and Japanese wrap between any two characters, so
 * a drag could never take the character that ends a line. While the primary
 * button is down, a selection bound that Pango put there moves past the
 * character the pointer is on. */

/* The pointer in @view's buffer coordinates, while the primary button is down. */
static gboolean
pointer_dragging (GtkTextView *view,
                  int         *x,
                  int         *y)
{
  GtkWidget *widget = GTK_WIDGET (view);
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = native != NULL ? gtk_native_get_surface (native) : NULL;
  GdkDevice *pointer = gdk_seat_get_pointer (gdk_display_get_default_seat (gtk_widget_get_display (widget)));
  GdkModifierType mask = 0;
  double sx, sy, nx, ny, wx, wy;

  if (surface == NULL || pointer == NULL
      || !gdk_surface_get_device_position (surface, pointer, &sx, &sy, &mask)
      || (mask & GDK_BUTTON1_MASK) == 0)
    return FALSE;
  gtk_native_get_surface_transform (native, &nx, &ny);
  if (!gtk_widget_translate_coordinates (GTK_WIDGET (native), widget, sx - nx, sy - ny, &wx, &wy))
    return FALSE;
  gtk_text_view_window_to_buffer_coords (view, GTK_TEXT_WINDOW_WIDGET, (int) wx, (int) wy, x, y);
  return TRUE;
}

/* Whether (@x, @y) lies right of the middle of the last character of a
 * wrapped display line, and @iter is where Pango put it: before that
 * character. Sets @past to after it. */
static gboolean
past_wrapped_end (GtkTextView       *view,
                  int                x,
                  int                y,
                  const GtkTextIter *iter,
                  GtkTextIter       *past)
{
  GtkTextIter at, line_start;
  GdkRectangle last, first;

  gtk_text_view_get_iter_at_location (view, &at, x, y);
  if (!gtk_text_iter_equal (&at, iter) || g_unichar_isspace (gtk_text_iter_get_char (&at)))
    return FALSE;
  *past = at;
  if (!gtk_text_iter_forward_cursor_position (past) || gtk_text_iter_starts_line (past)
      || !gtk_text_view_starts_display_line (view, past))
    return FALSE;

  gtk_text_view_get_iter_location (view, &at, &last);
  line_start = at;
  gtk_text_view_backward_display_line_start (view, &line_start);
  gtk_text_view_get_iter_location (view, &line_start, &first);
  /* Left to right: a right-to-left line ends at its left. */
  return last.x >= first.x && x >= last.x + last.width / 2;
}

static void
on_mark_set (GtkTextBuffer     *buffer,
             const GtkTextIter *location,
             GtkTextMark       *mark,
             GtkTextView       *view)
{
  GtkTextIter past;
  int x, y;

  if (mark != gtk_text_buffer_get_insert (buffer) && mark != gtk_text_buffer_get_selection_bound (buffer))
    return;
  /* Moving the mark sets it again, past the character: then nothing matches. */
  if (pointer_dragging (view, &x, &y) && past_wrapped_end (view, x, y, location, &past))
    gtk_text_buffer_move_mark (buffer, mark, &past);
}

void
_gloss_article_view_init_pointer_selection (GlossArticleView *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);

  g_signal_connect_object (gtk_text_view_get_buffer (view), "mark-set", G_CALLBACK (on_mark_set), view,
                           G_CONNECT_AFTER);
}
