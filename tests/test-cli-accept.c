/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gloss-cli suggest --accept pre-annotates a corpus as the window's Alt+Y
 * does: the QUOTE, CUE and speaker spans with SPEAKER and CUE relations, in the
 * --annotator set; a second run adds nothing; --accept with --apply is a usage
 * error. */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

static const char *cli;
static char *dir;

static const char article[] =
  "Talks in Geneva\n\n"
  "The minister said “We will not sign this agreement today.” Reporters waited outside.\n\n"
  "“The negotiations will continue next week,” Maria Keller said.\n";

static char *
run (int         expected,
     const char *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  g_autofree char *err = NULL;
  va_list args;

  g_ptr_array_add (argv, (gpointer) cli);
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_subprocess_launcher_set_cwd (launcher, dir);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error));
  g_test_message ("$ gloss-cli %s …\n%s", first, err);
  g_assert_null (strstr (err, "CRITICAL"));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, expected);
  return out;
}

static guint
count_lines (const char *out)
{
  guint n = 0;

  for (const char *p = strchr (out, '\n'); p != NULL; p = strchr (p + 1, '\n'))
    n++;
  return n;
}

/* The label of span @id in @spans. */
static const char *
label_of (JsonArray  *spans,
          const char *id)
{
  for (guint i = 0; i < json_array_get_length (spans); i++)
    {
      JsonObject *span = json_array_get_object_element (spans, i);

      if (g_str_equal (json_object_get_string_member (span, "id"), id))
        return json_object_get_string_member (span, "label");
    }
  g_assert_not_reached ();
}

/* Counts spans by label and checks each relation: SPEAKER from a QUOTE to a
 * PERSON or SOURCE, CUE from a QUOTE to a CUE, all in ana's set. */
static void
check_annotations (JsonObject *document,
                   GHashTable *labels,
                   guint      *speakers,
                   guint      *cues)
{
  JsonArray *spans = json_object_get_array_member (document, "spans");
  JsonArray *relations = json_object_get_array_member (document, "relations");

  for (guint i = 0; i < json_array_get_length (spans); i++)
    {
      JsonObject *span = json_array_get_object_element (spans, i);
      const char *label = json_object_get_string_member (span, "label");

      g_assert_cmpstr (json_object_get_string_member (span, "annotator"), ==, "ana");
      g_hash_table_insert (labels, (gpointer) label,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (labels, label)) + 1));
    }
  for (guint i = 0; i < json_array_get_length (relations); i++)
    {
      JsonObject *r = json_array_get_object_element (relations, i);
      const char *type = json_object_get_string_member (r, "type");
      const char *to = label_of (spans, json_object_get_string_member (r, "to_id"));

      g_assert_cmpstr (label_of (spans, json_object_get_string_member (r, "from_id")), ==, "QUOTE");
      if (g_str_equal (type, "SPEAKER"))
        g_assert_true (g_str_equal (to, "PERSON") || g_str_equal (to, "SOURCE"));
      else
        g_assert_cmpstr (to, ==, "CUE");
      *speakers += g_str_equal (type, "SPEAKER");
      *cues += g_str_equal (type, "CUE");
    }
}

static void
test_accept (void)
{
  g_autofree char *path = g_build_filename (dir, "article.txt", NULL);
  g_autofree char *suggested = NULL, *accepted = NULL, *again = NULL, *exported = NULL, *later = NULL;
  g_autoptr(GHashTable) labels = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  guint speakers = 0, cues = 0;

  g_assert_true (g_file_set_contents (path, article, -1, NULL));
  g_free (run (0, "import", "p.gloss", "article.txt", "--annotator", "ana", NULL));
  suggested = run (0, "suggest", "p.gloss", "--annotator", "ana", NULL);
  g_assert_cmpuint (count_lines (suggested), ==, 2);

  /* The accepted suggestions are printed as suggest prints them. */
  accepted = run (0, "suggest", "p.gloss", "--accept", "--annotator", "ana", NULL);
  g_assert_cmpstr (accepted, ==, suggested);

  exported = run (0, "export", "p.gloss", "--format", "jsonl", "--set", "ana", NULL);
  g_assert_cmpuint (count_lines (exported), ==, 1);
  root = json_from_string (exported, &error);
  g_assert_no_error (error);
  check_annotations (json_node_get_object (root), labels, &speakers, &cues);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (labels, "QUOTE")), ==, 2);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (labels, "CUE")), ==, 2);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (labels, "PERSON")), ==, 1);   /* Maria Keller */
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (labels, "SOURCE")), ==, 1);   /* The minister */
  g_assert_cmpuint (speakers, ==, 2);
  g_assert_cmpuint (cues, ==, 2);

  /* Annotated quotations are not suggested, so a second run adds nothing. */
  again = run (0, "suggest", "p.gloss", "--accept", "--annotator", "ana", NULL);
  g_assert_cmpstr (again, ==, "");
  later = run (0, "export", "p.gloss", "--format", "jsonl", "--set", "ana", NULL);
  g_assert_cmpstr (later, ==, exported);
}

static void
test_accept_apply (void)
{
  g_autofree char *out = run (2, "suggest", "p.gloss", "--accept", "--apply", NULL);

  g_assert_cmpstr (out, ==, "");
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  cli = g_getenv ("GLOSS_CLI");
  if (cli == NULL)
    {
      g_test_skip ("GLOSS_CLI is not set (meson test sets it)");
      return g_test_run ();
    }
  dir = g_dir_make_tmp ("gloss-test-cli-accept-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/cli/suggest/accept", test_accept);
  g_test_add_func ("/cli/suggest/accept-apply", test_accept_apply);
  status = g_test_run ();

  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *child = g_build_filename (dir, name, NULL);

        g_unlink (child);
      }
    g_rmdir (dir);
  }
  g_free (dir);
  return status;
}
