/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Every control of the window has an accessible name: the design promises that
 * colour is never the only cue. Runs with GTK_A11Y=test (so that accessible
 * properties can be read back) under Xvfb; skips without either. */
#include <glib/gstdio.h>
#include <string.h>

#include "gloss-application.h"
#include "gloss-label-palette.h"
#include "gloss-store.h"
#include "gloss-window.h"
#include "window-test-util.h"

static GlossApplication *app;
static gboolean have_display;

#define TEXT "Putin said \"We are ready to cooperate,\" in Moscow. The economy grew 5% last year."

typedef struct
{
  char        *dir;
  char        *path;
  GlossWindow *window;
  char        *quote;   /* span ids */
  char        *claim;
} Project;


static gboolean
wait_mapped (GtkWidget *widget)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;

  while (!gtk_widget_get_mapped (widget))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
  pump ();
  return TRUE;
}

static gint
cp_offset (const char *text,
           const char *needle)
{
  const char *at = strstr (text, needle);

  g_assert_nonnull (at);
  return (gint) g_utf8_pointer_to_offset (text, at);
}

static char *
add_span (GlossStore *store,
          gint64      document,
          const char *label,
          const char *text)
{
  gint start = cp_offset (TEXT, text);
  g_autoptr(GlossSpan) request = gloss_span_new (label, start, start + (gint) g_utf8_strlen (text, -1));
  g_autoptr(GlossSpan) span = NULL;
  g_autoptr(GError) error = NULL;

  span = gloss_store_add_span (store, document, request, &error);
  g_assert_no_error (error);
  return g_strdup (span->id);
}

/* A project with one article, a quote and a claim in it (so that the inspector
 * shows attribute controls of every kind), open in a window. */
static Project *
project_new (void)
{
  Project *p = g_new0 (Project, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) store = NULL;
  g_autoptr(GlossDocument) document = g_new0 (GlossDocument, 1);
  GtkWindow *window;

  p->dir = g_dir_make_tmp ("gloss-test-a11y-XXXXXX", &error);
  g_assert_no_error (error);
  p->path = g_build_filename (p->dir, "project.gloss", NULL);
  store = gloss_store_open (p->path, GLOSS_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  document->title = g_strdup ("Cooperation");
  document->text = g_strdup (TEXT);
  g_assert_true (gloss_store_add_document (store, document, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  add_span (store, document->rowid, "PERSON", "Putin");
  p->quote = add_span (store, document->rowid, "QUOTE", "\"We are ready to cooperate,\"");
  p->claim = add_span (store, document->rowid, "CLAIM", "The economy grew 5% last year");
  g_clear_object (&store);

  window = gloss_application_open_project (app, p->path, &error);
  g_assert_no_error (error);
  p->window = GLOSS_WINDOW (window);
  g_assert_true (wait_mapped (GTK_WIDGET (window)));
  return p;
}

static void
project_free (Project *p)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  gtk_window_destroy (GTK_WINDOW (p->window));
  pump ();
  dir = g_dir_open (p->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (p->dir, name, NULL);

      g_remove (child);
    }
  g_rmdir (p->dir);
  g_free (p->quote);
  g_free (p->claim);
  g_free (p->path);
  g_free (p->dir);
  g_free (p);
}

static gboolean
can_run (void)
{
  if (!have_display)
    {
      g_test_skip ("no display: run under Xvfb (xvfb-run) with GDK_BACKEND=x11");
      return FALSE;
    }
  if (g_strcmp0 (g_getenv ("GTK_A11Y"), "test") != 0)
    {
      g_test_skip ("accessible properties can only be read back with GTK_A11Y=test");
      return FALSE;
    }
  return TRUE;
}

/* ---- Walking the widget tree --------------------------------------------------------- */

static gboolean
has_visible_label (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child))
        continue;
      if (GTK_IS_LABEL (child) && *gtk_label_get_text (GTK_LABEL (child)) != '\0')
        return TRUE;
      if (has_visible_label (child))
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_control (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_ENTRY (widget)
         || GTK_IS_SEARCH_ENTRY (widget) || GTK_IS_DROP_DOWN (widget) || GTK_IS_SWITCH (widget);
}

/* A name from the accessible label, a labelled-by relation or, for buttons, the
 * text they show. An entry's placeholder or a drop-down's current value is not
 * a name. */
static gboolean
is_named (GtkWidget *widget)
{
  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL)
      || gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return TRUE;
  return (GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget)) && has_visible_label (widget);
}

static void
describe (GString   *out,
          GtkWidget *widget)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);
  g_auto(GStrv) classes = gtk_widget_get_css_classes (widget);
  g_autofree char *joined = g_strjoinv (".", classes);

  g_string_append_printf (out, "  %s", G_OBJECT_TYPE_NAME (widget));
  if (*joined != '\0')
    g_string_append_printf (out, ".%s", joined);
  if (GTK_IS_BUTTON (widget) && gtk_button_get_icon_name (GTK_BUTTON (widget)) != NULL)
    g_string_append_printf (out, " icon=%s", gtk_button_get_icon_name (GTK_BUTTON (widget)));
  if (tooltip != NULL)
    g_string_append_printf (out, " tooltip=“%s”", tooltip);
  g_string_append (out, " in");
  for (GtkWidget *w = gtk_widget_get_parent (widget); w != NULL; w = gtk_widget_get_parent (w))
    g_string_append_printf (out, " %s", G_OBJECT_TYPE_NAME (w));
  g_string_append_c (out, '\n');
}

/* Checks every control under @widget (hidden ones too: they show up later),
 * without looking inside a control at its own parts. */
static guint
check_controls (GtkWidget *widget,
                GString   *unnamed)
{
  guint checked = 0;

  if (is_control (widget))
    {
      if (!is_named (widget))
        describe (unnamed, widget);
      return 1;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    checked += check_controls (child, unnamed);
  return checked;
}

static void
activate (Project    *p,
          const char *action,
          GVariant   *parameter)
{
  g_action_group_activate_action (G_ACTION_GROUP (p->window), action, parameter);
  pump ();
}

/* ---- Tests ------------------------------------------------------------------------------ */

static void
collect_buttons (GtkWidget *widget,
                 GPtrArray *buttons)
{
  if (GTK_IS_BUTTON (widget))
    {
      g_ptr_array_add (buttons, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_buttons (child, buttons);
}

static GtkWidget *
find_palette (GtkWidget *widget)
{
  if (GLOSS_IS_LABEL_PALETTE (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_palette (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_palette_and_article (void)
{
  Project *p;
  GtkWidget *palette;
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  GPtrArray *labels;
  gboolean found_person = FALSE;

  if (!can_run ())
    return;
  p = project_new ();

  /* The article itself. */
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (gloss_window_get_article_view (p->window)),
                                                   GTK_ACCESSIBLE_PROPERTY_LABEL));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (gloss_window_get_article_view (p->window)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Article");

  /* One button per label, each named with its label and key, not its colour. */
  palette = find_palette (GTK_WIDGET (p->window));
  g_assert_nonnull (palette);
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (palette), GTK_ACCESSIBLE_PROPERTY_LABEL));
  collect_buttons (palette, buttons);
  labels = gloss_store_list_labels (gloss_window_get_store (p->window));
  g_assert_cmpuint (buttons->len, ==, labels->len);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);
      GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button));

      g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (button),
                                                       GTK_ACCESSIBLE_PROPERTY_LABEL));
      if (target != NULL && g_str_equal (g_variant_get_string (target, NULL), "PERSON"))
        {
          gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                               "Tag as PERSON (key p)");
          found_person = TRUE;
        }
    }
  g_assert_true (found_person);

  project_free (p);
}

static void
test_every_control_named (void)
{
  Project *p;
  g_autoptr(GString) unnamed = g_string_new (NULL);
  guint checked;

  if (!can_run ())
    return;
  p = project_new ();

  /* As it opens, with the search bar open, and with a quote and then a claim
   * selected (their attributes get controls of every kind). */
  checked = check_controls (GTK_WIDGET (p->window), unnamed);
  activate (p, "search", NULL);
  checked += check_controls (GTK_WIDGET (p->window), unnamed);
  activate (p, "select-annotation", g_variant_new_string (p->quote));
  checked += check_controls (GTK_WIDGET (p->window), unnamed);
  activate (p, "select-annotation", g_variant_new_string (p->claim));
  checked += check_controls (GTK_WIDGET (p->window), unnamed);
  g_test_message ("%u controls checked", checked);
  g_assert_cmpuint (checked, >, 30);

  if (unnamed->len > 0)
    g_test_message ("controls without an accessible name:\n%s", unnamed->str);
  g_assert_cmpstr (unnamed->str, ==, "");

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

  g_test_add_func ("/window-a11y/palette-and-article", test_palette_and_article);
  g_test_add_func ("/window-a11y/every-control-named", test_every_control_named);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
