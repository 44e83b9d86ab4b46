/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Selecting Chinese with the pointer, as a person drags it: a drag to the
 * end of a wrapped line takes the line's last character (either way round),
 * and the outline of the span drawn then goes round it too; a drag over part
 * of a word tags the whole word of ICU's dictionary.
 * The pointer is the X server's, moved by xdotool (XTest) over the real
 * window, so GtkTextView's own gestures make the selection. Runs under Xvfb
 * with GDK_BACKEND=x11; without a display or xdotool every test skips. */
#include <gdk/x11/gdkx.h>
#include <string.h>

#include "gloss-application.h"
#include "gloss-article-view.h"
#include "gloss-color.h"
#include "gloss-store.h"
#include "gloss-tokenizer.h"
#include "gloss-window.h"
#include "window-test-util.h"

static GlossApplication *app;
static gboolean have_display;

#define HEADLINE "北京大学的学生"
#define SENTENCE "北京大学的学生在图书馆里学习。"

/* What of the pointer has reached the window: where it was last (surface
 * coordinates) and whether the primary button is down. */
typedef struct
{
  double   x;
  double   y;
  gboolean pressed;
} Seen;

typedef struct
{
  char        *dir;
  char        *text;
  GlossWindow *window;
  gint64       document;
  Seen         seen;
} Project;

static gboolean
on_event (GtkEventControllerLegacy *controller,
          GdkEvent                 *event,
          Seen                     *seen)
{
  switch ((int) gdk_event_get_event_type (event))
    {
    case GDK_MOTION_NOTIFY:
    case GDK_ENTER_NOTIFY:
      gdk_event_get_position (event, &seen->x, &seen->y);
      break;
    case GDK_BUTTON_PRESS:
      seen->pressed = TRUE;
      break;
    case GDK_BUTTON_RELEASE:
      seen->pressed = FALSE;
      break;
    default:
      break;
    }
  return GDK_EVENT_PROPAGATE;
}

static Project *
project_new (void)
{
  Project *p = g_new0 (Project, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) store = NULL;
  g_autoptr(GlossDocument) document = g_new0 (GlossDocument, 1);
  g_autoptr(GString) text = g_string_new (HEADLINE "\n\n");
  g_autofree char *path = NULL;
  GtkEventController *legacy;
  GtkWindow *window;

  /* A paragraph that wraps over several lines, between any two characters. */
  for (guint i = 0; i < 14; i++)
    g_string_append (text, SENTENCE);
  p->text = g_string_free (g_steal_pointer (&text), FALSE);

  p->dir = g_dir_make_tmp ("gloss-test-select-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (p->dir, "project.gloss", NULL);
  store = gloss_store_open (path, GLOSS_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  document->title = g_strdup (HEADLINE);
  document->text = g_strdup (p->text);
  g_assert_true (gloss_store_add_document (store, document, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  p->document = document->rowid;
  g_clear_object (&store);

  window = gloss_application_open_project (app, path, &error);
  g_assert_no_error (error);
  p->window = GLOSS_WINDOW (window);
  g_assert_true (wait_until (is_mapped, window, 5000));
  legacy = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (legacy, GTK_PHASE_CAPTURE);
  g_signal_connect (legacy, "event", G_CALLBACK (on_event), &p->seen);
  gtk_widget_add_controller (GTK_WIDGET (window), legacy);
  pump ();
  return p;
}

static void
project_free (Project *p)
{
  gtk_window_destroy (GTK_WINDOW (p->window));
  pump ();
  remove_tree (p->dir);
  g_free (p->dir);
  g_free (p->text);
  g_free (p);
}

static GtkTextView *
view (Project *p)
{
  return GTK_TEXT_VIEW (gloss_window_get_article_view (p->window));
}

/* Runs xdotool with @args: the X server's pointer, for every window. */
static void
xdotool (const char *args)
{
  g_autofree char *command = g_strdup_printf ("xdotool %s", args);
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

typedef struct
{
  Seen     *seen;
  double    x;
  double    y;
  gboolean  pressed;
} Expected;

static gboolean
seen_as_expected (gpointer data)
{
  const Expected *e = data;

  return e->seen->pressed == e->pressed && ABS (e->seen->x - e->x) < 1 && ABS (e->seen->y - e->y) < 1;
}

/* Waits until the window has handled the pointer at (@x, @y), pressed or not:
 * the gestures then act on the very place the pointer is. */
static void
wait_for_pointer (Project  *p,
                  double    x,
                  double    y,
                  gboolean  pressed)
{
  Expected expected = { &p->seen, x, y, pressed };

  g_assert_true (wait_until (seen_as_expected, &expected, 5000));
}

/* The pointer to buffer point (@x, @y) of the article; returns it in the
 * window's surface coordinates. */
static void
move_to (Project *p,
         int      x,
         int      y,
         double  *sx,
         double  *sy)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (view (p)));
  g_autofree char *args = NULL;
  double nx, ny, wx, wy;
  int vx, vy;

  gtk_text_view_buffer_to_window_coords (view (p), GTK_TEXT_WINDOW_WIDGET, x, y, &vx, &vy);
  g_assert_true (gtk_widget_translate_coordinates (GTK_WIDGET (view (p)), GTK_WIDGET (native), vx, vy, &wx, &wy));
  gtk_native_get_surface_transform (native, &nx, &ny);
  *sx = (int) (wx + nx);
  *sy = (int) (wy + ny);
  args = g_strdup_printf ("mousemove --window %lu %d %d",
                          (gulong) gdk_x11_surface_get_xid (gtk_native_get_surface (native)), (int) *sx, (int) *sy);
  xdotool (args);
}

/* A drag with the primary button, in steps as a hand makes it, each one
 * handled by the window before the next. */
static void
drag (Project *p,
      int      from_x,
      int      to_x,
      int      y)
{
  double sx, sy;

  /* No selection to start in: a press inside one would drag its text. */
  gloss_article_view_select_range (GLOSS_ARTICLE_VIEW (view (p)), 0, 0);
  pump ();
  move_to (p, from_x, y, &sx, &sy);
  wait_for_pointer (p, sx, sy, FALSE);
  xdotool ("mousedown 1");
  wait_for_pointer (p, sx, sy, TRUE);
  for (guint step = 1; step <= 4; step++)
    {
      move_to (p, from_x + (to_x - from_x) * (int) step / 4, y, &sx, &sy);
      wait_for_pointer (p, sx, sy, TRUE);
    }
  xdotool ("mouseup 1");
  wait_for_pointer (p, sx, sy, FALSE);
  /* Out of the way of the windows the next tests open. */
  xdotool ("mousemove 10000 10000");
}

static GdkRectangle
char_rect (Project *p,
           gint     offset)
{
  GtkTextIter iter;
  GdkRectangle rect;

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (view (p)), &iter, offset);
  gtk_text_view_get_iter_location (view (p), &iter, &rect);
  return rect;
}

/* The last character of the paragraph's first wrapped line. */
static gint
wrapped_line_end (Project *p)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view (p));
  gint from = (gint) g_utf8_strlen (HEADLINE "\n\n", -1);
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, from + 1);
  while (!gtk_text_view_starts_display_line (view (p), &iter))
    g_assert_true (gtk_text_iter_forward_char (&iter));
  g_assert_false (gtk_text_iter_starts_line (&iter));
  return gtk_text_iter_get_offset (&iter) - 1;
}

static void
selection (Project *p,
           gint    *start,
           gint    *end)
{
  g_assert_true (gloss_article_view_get_text_selection (GLOSS_ARTICLE_VIEW (view (p)), start, end));
}

/* Tags the selection as @label; returns the one span saved, as "start-end". */
static char *
tag_selection (Project    *p,
               const char *label)
{
  GlossStore *store = gloss_window_get_store (p->window);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  const GlossSpan *span;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (p->window), "win.tag", "s", label));
  pump ();
  spans = gloss_store_list_spans (store, p->document, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 1);
  span = g_ptr_array_index (spans, 0);
  g_assert_cmpstr (span->label, ==, label);
  return g_strdup_printf ("%d-%d", gloss_span_get_start (span), gloss_span_get_end (span));
}

/* The span snapping makes of [start, end), from the core's own tokens. */
static char *
snapped (Project *p,
         gint     start,
         gint     end)
{
  g_autoptr(GArray) tokens = gloss_tokenize (p->text, -1, NULL);

  g_assert_true (gloss_tokenizer_snap (tokens, &start, &end));
  return g_strdup_printf ("%d-%d", start, end);
}

/* The colour drawn at buffer point (@x, @y) of the article, as "#rrggbb". */
static char *
drawn_at (Project *p,
          int      x,
          int      y)
{
  GtkWidget *widget = GTK_WIDGET (view (p));
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = g_malloc ((gsize) width * height * 4);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  const guchar *px;
  int vx, vy;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_texture_download (texture, pixels, (gsize) width * 4);
  gtk_text_view_buffer_to_window_coords (view (p), GTK_TEXT_WINDOW_WIDGET, x, y, &vx, &vy);
  g_assert_cmpint (vx, >=, 0);
  g_assert_cmpint (vx, <, width);
  g_assert_cmpint (vy, >=, 0);
  g_assert_cmpint (vy, <, height);
  px = pixels + (gsize) vy * width * 4 + (gsize) vx * 4;  /* B, G, R, A */
  return g_strdup_printf ("#%02x%02x%02x", px[2], px[1], px[0]);
}

static void
delete_span (Project *p)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (p->window), "win.delete-annotation", NULL));
  pump ();
}

static gboolean
can_drag (void)
{
  g_autofree char *path = g_find_program_in_path ("xdotool");

  if (!have_display || !GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      g_test_skip ("no X11 display: run under Xvfb (xvfb-run) with GDK_BACKEND=x11");
      return FALSE;
    }
  if (path == NULL)
    {
      g_test_skip ("no xdotool to move the pointer");
      return FALSE;
    }
  return TRUE;
}

/* Dragging from inside a wrapped line to beyond its end, and back from
 * beyond its end, takes the line's last character; the span grows from there
 * to ICU's words. Pango put both ends before that character. */
static void
test_drag_to_wrapped_line_end (void)
{
  Project *p;
  GdkRectangle first, last;
  gint end_char, start, end;
  g_autofree char *forward = NULL;
  g_autofree char *backward = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *outline = NULL;

  if (!can_drag ())
    return;
  p = project_new ();
  end_char = wrapped_line_end (p);
  first = char_rect (p, end_char - 2);
  last = char_rect (p, end_char);
  g_assert_cmpint (first.y, ==, last.y);

  drag (p, first.x + 1, last.x + last.width + 12, last.y + last.height / 2);
  selection (p, &start, &end);
  g_assert_cmpint (start, ==, end_char - 2);
  g_assert_cmpint (end, ==, end_char + 1);
  forward = tag_selection (p, "ORG");
  expected = snapped (p, end_char - 2, end_char + 1);
  g_assert_cmpstr (forward, ==, expected);
  /* The new span is selected: its outline's right side lies past the
   * line's last character, not across it. */
  outline = drawn_at (p, last.x + last.width + 1, last.y + last.height / 2);
  g_assert_cmpfloat (gloss_color_contrast (outline, "#ffffff"), >=, 3);
  delete_span (p);

  drag (p, last.x + last.width + 12, first.x + 1, last.y + last.height / 2);
  selection (p, &start, &end);
  g_assert_cmpint (start, ==, end_char - 2);
  g_assert_cmpint (end, ==, end_char + 1);
  backward = tag_selection (p, "ORG");
  g_assert_cmpstr (backward, ==, expected);

  project_free (p);
}

/* A drag over 生 of 学生 selects that character, and tagging saves 学生, the
 * word of ICU's dictionary, not a one-character span. */
static void
test_drag_part_of_word (void)
{
  Project *p;
  gint word, start, end;
  GdkRectangle rect;
  g_autofree char *span = NULL;
  g_autofree char *icu = NULL;
  g_autofree char *expected = NULL;

  if (!can_drag ())
    return;
  p = project_new ();
  /* 学生 in the paragraph's first sentence. */
  word = (gint) g_utf8_strlen (HEADLINE "\n\n" "北京大学的", -1);
  rect = char_rect (p, word + 1);
  g_assert_cmpint (char_rect (p, word).y, ==, rect.y);

  drag (p, rect.x + 1, rect.x + rect.width - 1, rect.y + rect.height / 2);
  selection (p, &start, &end);
  g_assert_cmpint (start, ==, word + 1);
  g_assert_cmpint (end, ==, word + 2);
  span = tag_selection (p, "PERSON");
  expected = g_strdup_printf ("%d-%d", word, word + 2);
  icu = snapped (p, word + 1, word + 2);
  g_assert_cmpstr (icu, ==, expected);
  g_assert_cmpstr (span, ==, expected);

  project_free (p);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  have_display = gtk_init_check ();
  if (have_display)
    {
      app = gloss_application_new (G_APPLICATION_NON_UNIQUE);
      g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
      g_assert_no_error (error);
      /* The first run's annotator question is test-window-first-run's. */
      g_settings_set_boolean (gloss_application_get_settings (app), "annotator-asked", TRUE);
    }

  g_test_add_func ("/select/drag-to-wrapped-line-end", test_drag_to_wrapped_line_end);
  g_test_add_func ("/select/drag-part-of-word", test_drag_part_of_word);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
