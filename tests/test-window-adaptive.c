/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window at the sizes people use: at 800×600 the document list and the
 * labels-and-inspector column fold away and the article keeps a readable line,
 * F9 and the header's buttons bring them back; at half of a 1920-wide screen the
 * labels stay beside the article; at 1600×1000 everything is side by side. A
 * deleted annotation comes back from its toast's Undo; an empty project says
 * how to import. Runs under Xvfb; without a display every test skips. */
#include <string.h>

#include "gloss-application.h"
#include "gloss-article-view.h"
#include "gloss-inspector.h"
#include "gloss-label-palette.h"
#include "gloss-store.h"
#include "gloss-window.h"
#include "window-test-util.h"

static GlossApplication *app;
static gboolean have_display;

#define SKIP_WITHOUT_DISPLAY()                 \
  G_STMT_START {                               \
    if (!have_display)                         \
      {                                        \
        g_test_skip ("no display");            \
        return;                                \
      }                                        \
  } G_STMT_END

/* Fewer characters a line than this reads badly (about half a printed column). */
#define READABLE_CHARS 45

#define TEXT "Vladimir Putin said on Tuesday that Russia was ready to talk, according to " \
             "a transcript published by the Kremlin in Moscow late in the evening."

typedef struct
{
  char        *dir;
  char        *path;
  GlossWindow *window;
  gint64       document;
  char        *span;
} Project;

typedef struct
{
  GtkWidget *widget;
  int        width;
} WidthQuery;

static Project *
project_open (int      width,
              int      height,
              gboolean with_document)
{
  Project *p = g_new0 (Project, 1);
  GSettings *settings = gloss_application_get_settings (app);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) store = NULL;

  p->dir = g_dir_make_tmp ("gloss-test-adaptive-XXXXXX", &error);
  g_assert_no_error (error);
  p->path = g_build_filename (p->dir, "project.gloss", NULL);
  store = gloss_store_open (p->path, GLOSS_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  if (with_document)
    {
      g_autoptr(GlossDocument) document = g_new0 (GlossDocument, 1);
      g_autoptr(GlossSpan) request = gloss_span_new ("PERSON", 0, 14);
      g_autoptr(GlossSpan) span = NULL;

      document->title = g_strdup ("Putin ready to talk");
      document->text = g_strdup (TEXT);
      g_assert_true (gloss_store_add_document (store, document, NULL, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      p->document = document->rowid;
      span = gloss_store_add_span (store, p->document, request, &error);
      g_assert_no_error (error);
      p->span = g_strdup (span->id);
    }
  g_clear_object (&store);

  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_settings_set_boolean (settings, "window-maximized", FALSE);
  p->window = GLOSS_WINDOW (gloss_application_open_project (app, p->path, &error));
  g_assert_no_error (error);
  g_assert_true (wait_until (is_mapped, p->window, 5000));
  return p;
}

static void
project_free (Project *p)
{
  if (p->window != NULL)
    gtk_window_destroy (GTK_WINDOW (p->window));
  pump ();
  remove_tree (p->dir);
  g_free (p->span);
  g_free (p->path);
  g_free (p->dir);
  g_free (p);
}

static void
activate (Project    *p,
          const char *name,
          GVariant   *parameter)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (p->window), name, parameter));
  pump ();
}

static gboolean
has_width (gpointer data)
{
  WidthQuery *query = data;
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (query->widget));

  /* The surface: the window's own width leaves out its frame (CSD). */
  return surface != NULL && gdk_surface_get_width (surface) == query->width;
}

static gboolean
is_flap_at (GtkWidget     *widget,
            gconstpointer  data)
{
  return ADW_IS_FLAP (widget)
         && (int) adw_flap_get_flap_position (ADW_FLAP (widget)) == GPOINTER_TO_INT (data);
}

/* The document list folds from the start (left), the labels and inspector from the end. */
static AdwFlap *
documents_flap (Project *p)
{
  GtkWidget *flap = find_widget (GTK_WIDGET (p->window), is_flap_at, GINT_TO_POINTER (GTK_PACK_START));

  g_assert_nonnull (flap);
  return ADW_FLAP (flap);
}

static AdwFlap *
panel_flap (Project *p)
{
  GtkWidget *flap = find_widget (GTK_WIDGET (p->window), is_flap_at, GINT_TO_POINTER (GTK_PACK_END));

  g_assert_nonnull (flap);
  return ADW_FLAP (flap);
}

static GtkWidget *
widget_of_type (Project *p,
                GType    type)
{
  return find_of_type (GTK_WIDGET (p->window), type);
}

static gboolean
is_document_list (GtkWidget     *widget,
                  gconstpointer  data)
{
  return GTK_IS_LIST_VIEW (widget) && gtk_widget_has_css_class (widget, "navigation-sidebar");
}

static gboolean
action_state (Project    *p,
              const char *name)
{
  g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (p->window), name);

  return g_variant_get_boolean (state);
}

/* The window is given the size it asked for, and lays itself out for it. */
static void
wait_for_size (Project *p,
               int      width)
{
  WidthQuery query = { GTK_WIDGET (p->window), width };

  g_assert_true (wait_until (has_width, &query, 5000));
  /* Flaps fold and slide on the frames after the size changes. */
  for (int i = 0; i < 50; i++)
    {
      pump ();
      g_usleep (10000);
    }
}

/* Characters of average width that fit on a line of the article. */
static int
article_line_chars (Project *p)
{
  GtkWidget *article = widget_of_type (p, GLOSS_TYPE_ARTICLE_VIEW);
  PangoContext *context = gtk_widget_get_pango_context (article);
  PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);
  int char_width = pango_font_metrics_get_approximate_char_width (metrics);
  int text_width = gtk_widget_get_width (article)
                   - gtk_text_view_get_left_margin (GTK_TEXT_VIEW (article))
                   - gtk_text_view_get_right_margin (GTK_TEXT_VIEW (article));

  pango_font_metrics_unref (metrics);
  return text_width * PANGO_SCALE / char_width;
}

static void
assert_article_readable (Project *p)
{
  GtkWidget *article = widget_of_type (p, GLOSS_TYPE_ARTICLE_VIEW);

  g_assert_true (gtk_widget_get_mapped (article));
  g_assert_cmpint (article_line_chars (p), >=, READABLE_CHARS);
}

static void
test_narrow (void)
{
  Project *p;
  GtkWidget *list, *palette;
  g_auto(GStrv) accels = NULL;

  SKIP_WITHOUT_DISPLAY ();
  p = project_open (800, 600, TRUE);
  wait_for_size (p, 800);

  g_assert_true (adw_flap_get_folded (documents_flap (p)));
  g_assert_true (adw_flap_get_folded (panel_flap (p)));
  g_assert_false (adw_flap_get_reveal_flap (documents_flap (p)));
  g_assert_false (adw_flap_get_reveal_flap (panel_flap (p)));
  g_assert_false (action_state (p, "toggle-documents"));
  g_assert_false (action_state (p, "toggle-panel"));
  assert_article_readable (p);
  /* Nothing covers it: both columns are out of the way. */
  list = find_widget (GTK_WIDGET (p->window), is_document_list, NULL);
  palette = widget_of_type (p, GLOSS_TYPE_LABEL_PALETTE);
  g_assert_false (gtk_widget_get_mapped (list));
  g_assert_false (gtk_widget_get_mapped (palette));

  /* F9 brings the document list over the article, and takes it away again. */
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.toggle-documents");
  g_assert_true (g_strv_contains ((const char * const *) accels, "F9"));
  activate (p, "win.toggle-documents", NULL);
  g_assert_true (adw_flap_get_reveal_flap (documents_flap (p)));
  g_assert_true (action_state (p, "toggle-documents"));
  g_assert_true (wait_until (is_mapped, list, 2000));
  activate (p, "win.toggle-documents", NULL);
  g_assert_false (adw_flap_get_reveal_flap (documents_flap (p)));
  g_assert_false (action_state (p, "toggle-documents"));

  /* Folded over the article, the list goes once a document is chosen from it. */
  activate (p, "win.toggle-documents", NULL);
  g_assert_true (wait_until (is_mapped, list, 2000));
  g_signal_emit_by_name (list, "activate", 0);
  pump ();
  g_assert_false (adw_flap_get_reveal_flap (documents_flap (p)));
  g_assert_false (action_state (p, "toggle-documents"));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (p->window)) == widget_of_type (p, GLOSS_TYPE_ARTICLE_VIEW));

  /* The header's other button brings the labels and the inspector. */
  activate (p, "win.toggle-panel", NULL);
  g_assert_true (action_state (p, "toggle-panel"));
  g_assert_true (wait_until (is_mapped, palette, 2000));
  g_assert_true (gtk_widget_get_mapped (widget_of_type (p, GLOSS_TYPE_INSPECTOR)));
  project_free (p);
}

/* Half of a 1920-wide screen: the document list folds, the labels stay. */
static void
test_half_screen (void)
{
  Project *p;

  SKIP_WITHOUT_DISPLAY ();
  p = project_open (960, 1000, TRUE);
  wait_for_size (p, 960);

  g_assert_true (adw_flap_get_folded (documents_flap (p)));
  g_assert_false (adw_flap_get_folded (panel_flap (p)));
  g_assert_true (adw_flap_get_reveal_flap (panel_flap (p)));
  g_assert_true (gtk_widget_get_mapped (widget_of_type (p, GLOSS_TYPE_LABEL_PALETTE)));
  g_assert_true (gtk_widget_get_mapped (widget_of_type (p, GLOSS_TYPE_INSPECTOR)));
  assert_article_readable (p);

  activate (p, "win.toggle-documents", NULL);
  g_assert_true (wait_until (is_mapped, find_widget (GTK_WIDGET (p->window), is_document_list, NULL), 2000));
  project_free (p);
}

/* The widest window the screen takes, up to 1600 px: GTK keeps a window
 * within its monitor (xvfb-run's screen is 1280 wide). Folding depends on
 * width alone, so what is unfolded at 1280 is unfolded at 1600. */
static int
wide_width (void)
{
  GListModel *monitors = gdk_display_get_monitors (gdk_display_get_default ());
  g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, 0);
  GdkRectangle geometry;

  gdk_monitor_get_geometry (monitor, &geometry);
  return MIN (1600, geometry.width);
}

static void
test_wide (void)
{
  Project *p;
  int width;

  SKIP_WITHOUT_DISPLAY ();
  width = wide_width ();
  if (width < 1200)
    {
      g_test_skip ("the screen is narrower than 1200 px: run under xvfb-run's default 1280×1024");
      return;
    }
  p = project_open (width, 1000, TRUE);
  wait_for_size (p, width);

  g_assert_false (adw_flap_get_folded (documents_flap (p)));
  g_assert_false (adw_flap_get_folded (panel_flap (p)));
  g_assert_true (action_state (p, "toggle-documents"));
  g_assert_true (action_state (p, "toggle-panel"));
  g_assert_true (gtk_widget_get_mapped (find_widget (GTK_WIDGET (p->window), is_document_list, NULL)));
  g_assert_true (gtk_widget_get_mapped (widget_of_type (p, GLOSS_TYPE_LABEL_PALETTE)));
  g_assert_true (gtk_widget_get_mapped (widget_of_type (p, GLOSS_TYPE_INSPECTOR)));
  assert_article_readable (p);
  project_free (p);
}

static gboolean
is_undo_button (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_BUTTON (widget)
         && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), "_Undo") == 0
         && gtk_widget_get_mapped (widget);
}

static gboolean
toast_shown (gpointer data)
{
  return find_widget (GTK_WIDGET (data), is_undo_button, NULL) != NULL;
}

static guint
stored_spans (Project *p)
{
  g_autoptr(GPtrArray) spans = gloss_store_list_spans (gloss_window_get_store (p->window), p->document, NULL);

  return spans->len;
}

static gboolean
has_one_span (gpointer data)
{
  return stored_spans (data) == 1;
}

/* A deleted annotation: a toast says so, and its Undo brings the annotation back. */
static void
test_delete_toast_undo (void)
{
  Project *p;
  GtkWidget *overlay;
  GtkWidget *undo;
  GlossArticleView *article;

  SKIP_WITHOUT_DISPLAY ();
  p = project_open (1280, 820, TRUE);
  article = GLOSS_ARTICLE_VIEW (widget_of_type (p, GLOSS_TYPE_ARTICLE_VIEW));
  overlay = widget_of_type (p, ADW_TYPE_TOAST_OVERLAY);
  g_assert_nonnull (overlay);
  g_assert_false (toast_shown (overlay));

  activate (p, "win.select-annotation", g_variant_new_string (p->span));
  activate (p, "win.delete-annotation", NULL);
  g_assert_cmpuint (stored_spans (p), ==, 0);
  g_assert_null (gloss_article_view_lookup_span (article, p->span));

  g_assert_true (wait_until (toast_shown, overlay, 2000));
  undo = find_widget (overlay, is_undo_button, NULL);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (undo)), ==, "win.undo");
  /* As Enter or Space on it would: the button clicks a moment later. */
  gtk_widget_activate (undo);
  g_assert_true (wait_until (has_one_span, p, 2000));
  g_assert_nonnull (gloss_article_view_lookup_span (article, p->span));
  project_free (p);
}

static gboolean
is_status_page (GtkWidget     *widget,
                gconstpointer  data)
{
  return ADW_IS_STATUS_PAGE (widget) && gtk_widget_get_mapped (widget);
}

static gboolean
status_page_shown (gpointer data)
{
  return find_widget (GTK_WIDGET (data), is_status_page, NULL) != NULL;
}

static gboolean
document_is_open (gpointer data)
{
  Project *p = data;

  return gloss_window_get_document (p->window) == p->document;
}

static gboolean
document_stored (Project *p)
{
  g_autoptr(GlossStore) store = gloss_store_open (p->path, GLOSS_STORE_OPEN_DEFAULT, NULL);
  g_autoptr(GlossDocument) document = NULL;

  g_assert_nonnull (store);
  document = gloss_store_get_document_by_rowid (store, p->document, NULL);
  return document != NULL;
}

static gboolean
toast_gone (gpointer data)
{
  return !toast_shown (data);
}

static gboolean
document_gone (gpointer data)
{
  return !document_stored (data);
}

static gboolean
is_toast_close_button (GtkWidget     *widget,
                       gconstpointer  data)
{
  return GTK_IS_BUTTON (widget)
         && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), "window-close-symbolic") == 0
         && gtk_widget_get_mapped (widget);
}

/* A deleted document is hidden at once and comes back from its toast's Undo;
 * the file loses it for good once the toast is closed (or times out). */
static void
test_delete_document_undo (void)
{
  Project *p;
  GtkWidget *overlay;

  SKIP_WITHOUT_DISPLAY ();
  p = project_open (1280, 820, TRUE);
  overlay = widget_of_type (p, ADW_TYPE_TOAST_OVERLAY);
  g_assert_cmpint (gloss_window_get_document (p->window), ==, p->document);

  activate (p, "win.delete-document", NULL);
  g_assert_cmpint (gloss_window_get_document (p->window), ==, 0);
  g_assert_true (wait_until (status_page_shown, p->window, 2000));
  g_assert_true (document_stored (p));
  g_assert_true (wait_until (toast_shown, overlay, 2000));
  gtk_widget_activate (find_widget (overlay, is_undo_button, NULL));
  g_assert_true (wait_until (document_is_open, p, 2000));
  g_assert_false (status_page_shown (p->window));
  g_assert_cmpuint (stored_spans (p), ==, 1);
  g_assert_true (wait_until (toast_gone, overlay, 2000));

  activate (p, "win.delete-document", NULL);
  g_assert_true (wait_until (toast_shown, overlay, 2000));
  gtk_widget_activate (find_widget (overlay, is_toast_close_button, NULL));
  g_assert_true (wait_until (document_gone, p, 2000));
  g_assert_true (status_page_shown (p->window));
  project_free (p);
}

/* Closing the window while the toast is shown deletes the document too. */
static void
test_delete_document_then_close (void)
{
  Project *p;

  SKIP_WITHOUT_DISPLAY ();
  p = project_open (1280, 820, TRUE);
  activate (p, "win.delete-document", NULL);
  g_assert_true (document_stored (p));
  gtk_window_destroy (GTK_WINDOW (p->window));
  p->window = NULL;
  pump ();
  g_assert_false (document_stored (p));
  project_free (p);
}

static gboolean
is_import_button (GtkWidget     *widget,
                  gconstpointer  data)
{
  return GTK_IS_BUTTON (widget)
         && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "win.import") == 0;
}

/* An empty project: no blank page, but what to do. */
static void
test_empty_project (void)
{
  Project *p;
  GtkWidget *page;

  SKIP_WITHOUT_DISPLAY ();
  p = project_open (1280, 820, FALSE);
  page = find_widget (GTK_WIDGET (p->window), is_status_page, NULL);
  g_assert_nonnull (page);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (page)), ==, "No Documents");
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (page)), "Ctrl+I"));
  g_assert_nonnull (adw_status_page_get_paintable (ADW_STATUS_PAGE (page)));
  g_assert_nonnull (find_widget (page, is_import_button, NULL));
  g_assert_false (gtk_widget_get_mapped (widget_of_type (p, GLOSS_TYPE_ARTICLE_VIEW)));
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
      g_settings_set_boolean (gloss_application_get_settings (app), "annotator-asked", TRUE);
    }

  g_test_add_func ("/adaptive/narrow", test_narrow);
  g_test_add_func ("/adaptive/half-screen", test_half_screen);
  g_test_add_func ("/adaptive/wide", test_wide);
  g_test_add_func ("/adaptive/delete-toast-undo", test_delete_toast_undo);
  g_test_add_func ("/adaptive/empty-project", test_empty_project);
  g_test_add_func ("/adaptive/delete-document-undo", test_delete_document_undo);
  g_test_add_func ("/adaptive/delete-document-then-close", test_delete_document_then_close);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
