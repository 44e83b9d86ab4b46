/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-application"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-application.h"
#include "gloss-first-run.h"
#include "gloss-import.h"
#include "gloss-preferences.h"
#include "gloss-server-dialog.h"
#include "gloss-text.h"
#include "gloss-window.h"

struct _GlossApplication
{
  AdwApplication  parent_instance;
  GSettings      *settings;
  GtkWindow      *asking;     /* the first run's annotator question, while shown */
};

G_DEFINE_FINAL_TYPE (GlossApplication, gloss_application, ADW_TYPE_APPLICATION)

static const GOptionEntry options[] = {
  { "project", 'p', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the project FILE, or the project at a postgresql:// URI (created if missing)"),
    N_("PROJECT") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and quit"), NULL },
  { NULL }
};

char *
gloss_application_default_project (void)
{
  return g_build_filename (g_get_user_data_dir (), "gloss", "default.gloss", NULL);
}

/* The first run gets a project with a sample article we wrote ourselves, so
 * that there is something to annotate straight away. */
gboolean
gloss_application_ensure_default_project (const char  *path,
                                          GError     **error)
{
  g_autoptr(GlossStore) store = NULL;
  g_autoptr(GBytes) sample = NULL;
  g_autoptr(GlossDocument) document = g_new0 (GlossDocument, 1);
  gboolean fresh = !g_file_test (path, G_FILE_TEST_EXISTS);

  /* The only path Gloss chooses itself: its folder may be made too. */
  store = gloss_store_open (path, GLOSS_STORE_OPEN_CREATE | GLOSS_STORE_OPEN_CREATE_FOLDERS, error);
  if (store == NULL)
    return FALSE;
  if (!fresh)
    return TRUE;

  sample = g_resources_lookup_data ("/org/gloss/Gloss/sample-article.txt", 0, error);
  if (sample == NULL)
    return FALSE;
  document->text = g_strndup (g_bytes_get_data (sample, NULL), g_bytes_get_size (sample));
  document->title = gloss_text_guess_title (document->text);
  document->meta = g_strdup ("{\"source\":\"Gloss sample\",\"language\":\"en\",\"normalized\":[]}");
  return gloss_store_add_document (store, document, NULL, NULL, NULL, NULL, error);
}

static GtkWindow *
find_window (GlossApplication *self,
             const char       *path)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (GLOSS_IS_WINDOW (l->data)
        && g_strcmp0 (gloss_window_get_project_path (l->data), path) == 0)
      return l->data;
  return NULL;
}

static void
remember_project (GlossApplication *self,
                  const char       *path)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-projects");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;
  /* A password that came in a URI is never kept in the settings: libpq finds
   * it again in ~/.pgpass or the service file. */
  g_autofree char *kept = gloss_store_is_server_uri (path) ? gloss_store_describe_location (path)
                                                           : g_strdup (path);
  guint n = 1;

  path = kept;
  g_strv_builder_add (builder, path);
  for (guint i = 0; recent[i] != NULL && n < 10; i++)
    if (g_strcmp0 (recent[i], path) != 0)
      {
        g_strv_builder_add (builder, recent[i]);
        n++;
      }
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-projects", (const char * const *) updated);
  g_settings_set_string (self->settings, "last-project", path);
}

/* Over the first window only: a second project opened meanwhile waits for the
 * same answer. */
static void
ask_annotator_once (GlossApplication *self,
                    GtkWindow        *window)
{
  if (self->asking != NULL || !gloss_first_run_is_needed (self->settings))
    return;
  self->asking = gloss_first_run_ask (window, self->settings);
  g_object_add_weak_pointer (G_OBJECT (self->asking), (gpointer *) &self->asking);
}

/**
 * gloss_application_open_project:
 *
 * Presents the window of @path if one is open, or opens the project (created if
 * missing) in a new window.
 *
 * Returns: (transfer none): the window
 */
GtkWindow *
gloss_application_open_project (GlossApplication  *self,
                                const char        *path,
                                GError           **error)
{
  g_autofree char *absolute = gloss_store_is_server_uri (path) ? g_strdup (path)
                                                                : g_canonicalize_filename (path, NULL);
  g_autofree char *default_path = gloss_application_default_project ();
  g_autoptr(GlossStore) store = NULL;
  GtkWindow *window;

  window = find_window (self, absolute);
  if (window != NULL)
    {
      gtk_window_present (window);
      return window;
    }

  if (g_str_equal (absolute, default_path)
      && !gloss_application_ensure_default_project (absolute, error))
    return NULL;

  store = gloss_store_open (absolute, GLOSS_STORE_OPEN_CREATE, error);
  if (store == NULL)
    return NULL;

  window = GTK_WINDOW (gloss_window_new (self, store));
  remember_project (self, absolute);
  gtk_window_present (window);
  ask_annotator_once (self, window);
  return window;
}

static void
show_error (GlossApplication *self,
            const char       *primary,
            const GError     *error)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *dialog;

  g_printerr ("gloss: %s\n", error->message);
  dialog = gtk_message_dialog_new (parent, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE, "%s", primary);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", error->message);
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
initial_project (GlossApplication *self,
                 const char       *given,
                 GFile            *cwd)
{
  g_autofree char *last = g_settings_get_string (self->settings, "last-project");

  if (given != NULL && gloss_store_is_server_uri (given))
    return g_strdup (given);
  if (given != NULL)
    {
      g_autoptr(GFile) file = g_file_resolve_relative_path (cwd, given);

      return g_file_get_path (file);
    }
  if (last != NULL && *last != '\0'
      && (gloss_store_is_server_uri (last) || g_file_test (last, G_FILE_TEST_EXISTS)))
    return g_steal_pointer (&last);
  return gloss_application_default_project ();
}

static gboolean
is_project_argument (const char *argument)
{
  return g_str_has_suffix (argument, ".gloss") || gloss_store_is_server_uri (argument);
}

/* Project arguments open in their own windows (or present the one that shows
 * them); the other arguments are articles imported into @window's project. */
static int
open_arguments (GlossApplication        *self,
                GApplicationCommandLine *command_line,
                GlossWindow             *window,
                GFile                   *cwd,
                char                   **argv,
                int                      argc)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  int status = 0;

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GFile) file = g_file_resolve_relative_path (cwd, argv[i]);
      g_autofree char *path = gloss_store_is_server_uri (argv[i]) ? g_strdup (argv[i])
                                                                  : g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      if (!is_project_argument (argv[i]))
        g_ptr_array_add (files, g_steal_pointer (&file));
      else if (gloss_application_open_project (self, path, &error) == NULL)
        {
          g_application_command_line_printerr (command_line, "gloss: %s\n", error->message);
          status = 2;
        }
    }
  if (files->len > 0)
    {
      gtk_window_present (GTK_WINDOW (window));
      gloss_window_import_files (window, files, TRUE);
    }
  return status;
}

static int
gloss_application_command_line (GApplication            *application,
                                GApplicationCommandLine *command_line)
{
  GlossApplication *self = GLOSS_APPLICATION (application);
  GVariantDict *dict = g_application_command_line_get_options_dict (command_line);
  g_autofree char *given = NULL;
  g_autofree char *project = NULL;
  g_auto(GStrv) argv = NULL;
  g_autoptr(GFile) cwd = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  int argc;

  g_variant_dict_lookup (dict, "project", "^ay", &given);
  argv = g_application_command_line_get_arguments (command_line, &argc);
  cwd = g_file_new_for_path (g_application_command_line_get_cwd (command_line));
  /* A file manager opens a project as "gloss FILE.gloss": without --project, the
   * first project argument is the project the articles go to. */
  for (int i = 1; i < argc && given == NULL; i++)
    if (is_project_argument (argv[i]))
      given = g_strdup (argv[i]);
  project = initial_project (self, given, cwd);

  window = gloss_application_open_project (self, project, &error);
  if (window == NULL)
    {
      g_application_command_line_printerr (command_line, "gloss: %s\n", error->message);
      return 2;
    }

  return open_arguments (self, command_line, GLOSS_WINDOW (window), cwd, argv, argc);
}

static gboolean
settings_schema_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, GLOSS_APPLICATION_ID, TRUE);
  return schema != NULL;
}

static int
gloss_application_handle_local_options (GApplication *application,
                                        GVariantDict *options_dict)
{
  if (g_variant_dict_contains (options_dict, "version"))
    {
      g_print ("gloss %s\n", PACKAGE_VERSION);
      return 0;
    }
  /* GSettings would abort on a missing schema: an uninstalled binary started
   * on its own says what to do instead. */
  if (!settings_schema_installed ())
    {
      g_printerr (_("gloss: the settings schema %s is not installed: install Gloss "
                    "(meson install), or start it from the source tree with build-aux/run.sh\n"),
                  GLOSS_APPLICATION_ID);
      return 1;
    }
  return -1;
}


static void
on_project_response (GtkNativeDialog  *chooser,
                     int               response,
                     GlossApplication *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gboolean create = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "gloss-create"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = g_file_get_path (file);
      if (create && path != NULL && !g_str_has_suffix (path, ".gloss"))
        {
          char *with_suffix = g_strconcat (path, ".gloss", NULL);

          g_free (path);
          path = with_suffix;
        }
      if (path != NULL && gloss_application_open_project (self, path, &error) == NULL)
        show_error (self, _("The project cannot be opened"), error);
    }
  g_object_unref (chooser);
}

static void
choose_project (GlossApplication *self,
                gboolean          create)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (create ? _("New Project") : _("Open Project"), parent,
                                         create ? GTK_FILE_CHOOSER_ACTION_SAVE
                                                : GTK_FILE_CHOOSER_ACTION_OPEN,
                                         create ? _("_Create") : _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Gloss projects"));
  gtk_file_filter_add_pattern (filter, "*.gloss");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (create)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("Untitled.gloss"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_project_response), self);
  g_object_set_data (G_OBJECT (chooser), "gloss-create", GINT_TO_POINTER (create));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}


static void
new_project_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  choose_project (GLOSS_APPLICATION (user_data), TRUE);
}

static void
open_project_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  choose_project (GLOSS_APPLICATION (user_data), FALSE);
}

static void
open_server_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  GlossApplication *self = GLOSS_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (gloss_server_dialog_new (parent, self, NULL, NULL)));
}

static void
open_recent_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  GlossApplication *self = GLOSS_APPLICATION (user_data);
  g_autoptr(GError) error = NULL;

  if (gloss_application_open_project (self, g_variant_get_string (parameter, NULL), &error) == NULL)
    show_error (self, _("The project cannot be opened"), error);
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  GlossApplication *self = GLOSS_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (gloss_preferences_new (parent, self->settings)));
}

static void
shortcuts_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  GlossApplication *self = GLOSS_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/org/gloss/Gloss/gloss-shortcuts.ui");
  GtkWindow *window = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts"));

  gtk_window_set_transient_for (window, parent);
  gtk_window_present (window);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GlossApplication *self = GLOSS_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *authors[] = { "The Gloss developers", NULL };

  gtk_show_about_dialog (parent,
                         "program-name", "Gloss",
                         "logo-icon-name", GLOSS_APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Annotate news articles: entities, quotes and their speakers, "
                                       "claims and their claimants"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", authors,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (user_data));

  /* Every change is already saved: closing only remembers the window size. */
  while (windows != NULL)
    {
      GList *next = windows->next;

      gtk_window_close (windows->data);
      windows = next;
    }
}

static const GActionEntry app_actions[] = {
  { "new-project", new_project_activated },
  { "open-project", open_project_activated },
  { "open-server", open_server_activated },
  { "open-recent", open_recent_activated, "s" },
  { "preferences", preferences_activated },
  { "shortcuts", shortcuts_activated },
  { "about", about_activated },
  { "quit", quit_activated },
};

static const struct { const char *action; const char *accels[3]; } accels[] = {
  { "app.new-project", { "<Control>n", NULL } },
  { "app.open-project", { "<Control>o", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "app.shortcuts", { "<Control>question", "<Control><Shift>slash", NULL } },
  { "app.quit", { "<Control>q", NULL } },
  { "win.undo", { "<Control>z", NULL } },
  { "win.redo", { "<Control><Shift>z", "<Control>y", NULL } },
  { "win.search", { "<Control>f", NULL } },
  { "win.find-next", { "<Control>g", NULL } },
  { "win.find-previous", { "<Control><Shift>g", NULL } },
  { "win.done-and-next", { "<Control>Return", NULL } },
  { "win.next-document", { "<Alt>Down", NULL } },
  { "win.previous-document", { "<Alt>Up", NULL } },
  { "win.import", { "<Control>i", NULL } },
  { "win.export", { "<Control>e", NULL } },
  { "win.tag-all", { "<Control><Shift>a", NULL } },
  { "win.rename-document", { "F2", NULL } },
  { "win.link::SPEAKER", { "<Alt>s", NULL } },
  { "win.relink::SPEAKER", { "<Alt><Shift>s", NULL } },
  { "win.relink::CLAIMANT", { "<Alt><Shift>k", NULL } },
  { "win.link::CUE", { "<Alt>c", NULL } },
  { "win.link::ADDRESSEE", { "<Alt>a", NULL } },
  { "win.link::CLAIMANT", { "<Alt>k", NULL } },
  { "win.link::IN_QUOTE", { "<Alt>q", NULL } },
  { "win.link::COREF", { "<Alt>r", NULL } },
  { "win.add-fragment", { "<Alt>f", NULL } },
  { "win.entity", { "<Alt>e", NULL } },
  { "win.edit-labels", { "<Control><Shift>l", NULL } },
  { "win.next-suggestion", { "F8", NULL } },
  { "win.previous-suggestion", { "<Shift>F8", NULL } },
  { "win.accept-suggestion", { "<Alt>y", NULL } },
  { "win.reject-suggestion", { "<Alt>n", NULL } },
  { "win.cycle-suggestion-kinds", { "<Control>F8", NULL } },
  { "win.review", { "<Control>r", NULL } },
  { "win.toggle-documents", { "F9", NULL } },
  { "review.next", { "F6", NULL } },
  { "review.previous", { "<Shift>F6", NULL } },
  { "review.take(0)", { "<Alt>0", "<Alt>KP_0", NULL } },
  { "review.take(1)", { "<Alt>1", "<Alt>KP_1", NULL } },
  { "review.take(2)", { "<Alt>2", "<Alt>KP_2", NULL } },
  { "review.take(3)", { "<Alt>3", "<Alt>KP_3", NULL } },
  { "review.take(4)", { "<Alt>4", "<Alt>KP_4", NULL } },
  { "review.take(5)", { "<Alt>5", "<Alt>KP_5", NULL } },
  { "review.take(6)", { "<Alt>6", "<Alt>KP_6", NULL } },
  { "review.take(7)", { "<Alt>7", "<Alt>KP_7", NULL } },
  { "review.take(8)", { "<Alt>8", "<Alt>KP_8", NULL } },
  { "review.take(9)", { "<Alt>9", "<Alt>KP_9", NULL } },
  { "review.take-agreed", { "<Control><Shift>Return", "<Control><Shift>KP_Enter", NULL } },
};

static void
gloss_application_startup (GApplication *application)
{
  GlossApplication *self = GLOSS_APPLICATION (application);

  G_APPLICATION_CLASS (gloss_application_parent_class)->startup (application);

  self->settings = g_settings_new (GLOSS_APPLICATION_ID);
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action, accels[i].accels);

  /* AdwApplication loads style.css from the resource base path, /org/gloss/Gloss. */
  gtk_window_set_default_icon_name (GLOSS_APPLICATION_ID);
}

static void
gloss_application_dispose (GObject *object)
{
  GlossApplication *self = GLOSS_APPLICATION (object);

  if (self->asking != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->asking), (gpointer *) &self->asking);
  self->asking = NULL;
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (gloss_application_parent_class)->dispose (object);
}

static void
gloss_application_class_init (GlossApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = gloss_application_dispose;
  app_class->startup = gloss_application_startup;
  app_class->command_line = gloss_application_command_line;
  app_class->handle_local_options = gloss_application_handle_local_options;
}

static void
gloss_application_init (GlossApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_parameter_string (G_APPLICATION (self),
                                                     _("[PROJECT.gloss…] [ARTICLE…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Annotate news articles. A .gloss file opens as the "
                                              "project, like --project; ARTICLEs (.txt or Gloss JSON "
                                              "Lines) are imported into it and the first is shown."));
}

GlossApplication *
gloss_application_new (GApplicationFlags flags)
{
  return g_object_new (GLOSS_TYPE_APPLICATION,
                       "application-id", GLOSS_APPLICATION_ID,
                       "flags", flags | G_APPLICATION_HANDLES_COMMAND_LINE,
                       NULL);
}

GSettings *
gloss_application_get_settings (GlossApplication *self)
{
  g_return_val_if_fail (GLOSS_IS_APPLICATION (self), NULL);
  return self->settings;
}
