/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Two windows on one project on a PostgreSQL server, each with its own
 * connection, as two annotators on two machines: what one tags appears in the
 * other within the window's one-second look, announced by the server; and a
 * gloss-cli import at the same time shows up in both document lists. */
#include <glib/gstdio.h>
#include <string.h>

#include <adwaita.h>

#include "gloss-application.h"
#include "gloss-article-view.h"
#include "gloss-store.h"
#include "gloss-test-pg.h"
#include "gloss-window.h"
#include "window-test-util.h"

static GlossApplication *app;
static gboolean have_display;

#define TEXT "Vladimir Putin said “We are ready,” in Москва 😀. Ms King agreed."

typedef struct
{
  GlossWindow *window;
  gint         start;
  gint         end;
  const char  *label;
} Shown;

static gboolean
shows_span (gpointer data)
{
  Shown *shown = data;
  GlossArticleView *view = gloss_window_get_article_view (shown->window);
  GPtrArray *spans = gloss_article_view_get_spans (view);

  for (guint i = 0; spans != NULL && i < spans->len; i++)
    {
      const GlossSpan *span = g_ptr_array_index (spans, i);

      if (g_strcmp0 (span->label, shown->label) == 0
          && gloss_span_get_start (span) == shown->start && gloss_span_get_end (span) == shown->end)
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  GlossWindow *window;
  guint        n;
} Listed;

static gboolean
lists_documents (gpointer data)
{
  Listed *listed = data;
  g_autoptr(GPtrArray) documents = gloss_store_list_documents (gloss_window_get_store (listed->window),
                                                               NULL);

  return documents != NULL && documents->len == listed->n
         && gloss_window_get_status_text (listed->window) != NULL;
}

static void
tag (GlossWindow *window,
     gint         start,
     gint         end,
     const char  *label)
{
  GActionGroup *group = G_ACTION_GROUP (window);

  gloss_article_view_select_range (gloss_window_get_article_view (window), start, end);
  g_assert_true (g_action_group_get_action_enabled (group, "tag"));
  g_action_group_activate_action (group, "tag", g_variant_new_string (label));
  pump ();
  /* the window that tagged shows it at once */
  g_assert_true (shows_span (&(Shown) { window, start, end, label }));
}

static void
test_two_windows (void)
{
  g_autofree char *uri = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) seed = NULL;
  g_autoptr(GlossStore) second_store = NULL;
  g_autoptr(GlossDocument) document = g_new0 (GlossDocument, 1);
  g_autofree char *article = NULL;
  g_autofree char *cli_out = NULL;
  GlossWindow *first, *second;
  Shown shown;
  Listed listed;
  int status = 0;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  uri = gloss_test_pg_new_database ();
  if (uri == NULL)
    {
      g_test_skip (GLOSS_TEST_PG_SKIP);
      return;
    }

  seed = gloss_store_open (uri, GLOSS_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  document->id = g_strdup ("putin");
  document->title = g_strdup ("Putin");
  document->text = g_strdup (TEXT);
  g_assert_true (gloss_store_add_document (seed, document, NULL, NULL, NULL, NULL, &error));
  g_clear_object (&seed);

  /* Ana's window, and Ben's with a connection of its own. */
  first = GLOSS_WINDOW (gloss_application_open_project (app, uri, &error));
  g_assert_no_error (error);
  second_store = gloss_store_open (uri, GLOSS_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  second = gloss_window_new (app, second_store);
  gtk_window_present (GTK_WINDOW (second));
  g_assert_true (wait_until (is_mapped, first, 5000));
  g_assert_true (wait_until (is_mapped, second, 5000));
  /* both annotate as the annotator the settings name (one person at two
   * machines); their sets are the same */
  {
    g_autofree char *a = gloss_store_get_set (gloss_window_get_store (first));
    g_autofree char *b = gloss_store_get_set (second_store);

    g_assert_cmpstr (a, ==, b);
  }
  g_assert_true (gloss_window_open_document (first, document->rowid));
  g_assert_true (gloss_window_open_document (second, document->rowid));
  pump ();

  /* The first tags Putin; the second shows it without anyone asking. */
  tag (first, 9, 14, "PERSON");
  shown = (Shown) { second, 9, 14, "PERSON" };
  g_assert_true (wait_until (shows_span, &shown, 5000));

  /* And the other way round: Москва from the second. */
  tag (second, 39, 45, "GPE");
  shown = (Shown) { first, 39, 45, "GPE" };
  g_assert_true (wait_until (shows_span, &shown, 5000));

  /* gloss-cli imports an article meanwhile: both lists show it. */
  article = g_build_filename (g_get_tmp_dir (), "gloss-server-article.txt", NULL);
  g_assert_true (g_file_set_contents (article, "Second article\n\nÉlodie spoke in Zürich.\n", -1, NULL));
  {
    const char *argv[] = { g_getenv ("GLOSS_CLI"), "import", uri, article, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                                 &cli_out, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  listed = (Listed) { first, 2 };
  g_assert_true (wait_until (lists_documents, &listed, 5000));
  listed = (Listed) { second, 2 };
  g_assert_true (wait_until (lists_documents, &listed, 5000));

  /* Everything each showed is saved on the server. */
  {
    g_autoptr(GlossStore) check = gloss_store_open (uri, GLOSS_STORE_OPEN_READ_ONLY, &error);
    g_autoptr(GPtrArray) spans = NULL;

    g_assert_no_error (error);
    gloss_store_set_annotator (check, gloss_store_get_annotator (second_store));
    spans = gloss_store_list_spans (check, document->rowid, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (spans->len, ==, 2);
  }

  gtk_window_destroy (GTK_WINDOW (first));
  gtk_window_destroy (GTK_WINDOW (second));
  pump ();
  g_remove (article);
  gloss_test_pg_drop_database (uri);
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwMessageDialog *found = NULL;

  /* the newest one that is shown */
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        found = ADW_MESSAGE_DIALOG (window);
    }
  return found;
}

static gboolean
is_label_with (GtkWidget     *widget,
               gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget)
         && strstr (gtk_label_get_text (GTK_LABEL (widget)), data) != NULL;
}

/* The dialog that says why it came back. */
static gboolean
has_refusal (gpointer data)
{
  AdwMessageDialog *dialog = find_dialog ();

  return dialog != NULL && find_widget (GTK_WIDGET (dialog), is_label_with, data) != NULL;
}

static gboolean
has_dialog (gpointer data)
{
  return find_dialog () != NULL;
}

static gboolean
has_window_of (gpointer data)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (GLOSS_IS_WINDOW (l->data)
        && g_strcmp0 (gloss_window_get_project_path (l->data), data) == 0)
      return TRUE;
  return FALSE;
}

static void
fill_and_open (const char *uri,
               const char *password)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry, *secret;

  g_assert_true (wait_until (has_dialog, NULL, 5000));
  dialog = find_dialog ();
  entry = find_of_type (GTK_WIDGET (dialog), GTK_TYPE_ENTRY);
  secret = find_of_type (GTK_WIDGET (dialog), GTK_TYPE_PASSWORD_ENTRY);
  g_assert_nonnull (entry);
  g_assert_nonnull (secret);
  gtk_editable_set_text (GTK_EDITABLE (entry), uri);
  gtk_editable_set_text (GTK_EDITABLE (secret), password);
  save_screenshot (GTK_WIDGET (dialog), "gloss-server-dialog.png");
  adw_message_dialog_response (dialog, "open");
  pump ();
}

/* Project ▸ Open Server Project…: a URI that is not PostgreSQL's comes back
 * with a reason; a server project opens in its own window; the recent projects
 * keep its URI without the password. */
static void
test_open_dialog (void)
{
  g_autofree char *uri = NULL;
  g_autofree char *with_password = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) recent = NULL;
  AdwMessageDialog *again;
  GtkWidget *window;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  uri = gloss_test_pg_new_database ();
  if (uri == NULL)
    {
      g_test_skip (GLOSS_TEST_PG_SKIP);
      return;
    }

  g_action_group_activate_action (G_ACTION_GROUP (app), "open-server", NULL);
  fill_and_open ("http://db.example.org/news", "");
  g_assert_true (wait_until (has_refusal, "begins with postgresql://", 5000));
  again = find_dialog ();
  save_screenshot (GTK_WIDGET (again), "gloss-server-dialog-refused.png");
  adw_message_dialog_response (again, "cancel");
  pump ();

  g_action_group_activate_action (G_ACTION_GROUP (app), "open-server", NULL);
  fill_and_open (uri, "s3cret");
  with_password = g_strdup_printf ("%s&password=s3cret", uri);
  g_assert_true (wait_until (has_window_of, with_password, 10000));

  recent = g_settings_get_strv (gloss_application_get_settings (app), "recent-projects");
  g_assert_nonnull (recent[0]);
  g_assert_null (strstr (recent[0], "s3cret"));
  g_assert_nonnull (strstr (recent[0], "postgresql:///"));

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (GLOSS_IS_WINDOW (l->data))
      {
        window = l->data;
        gtk_window_destroy (GTK_WINDOW (window));
        break;
      }
  pump ();
  (void) error;
  gloss_test_pg_drop_database (uri);
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

  g_test_add_func ("/window/server/two-windows", test_two_windows);
  g_test_add_func ("/window/server/open-dialog", test_open_dialog);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
