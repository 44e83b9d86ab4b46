/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A team's workflow through gloss-cli, as DESIGN.md's Teams section has it: two
 * annotators import their work into their own copies (--annotator), merge
 * brings both into one project, agree --json gives the figures a hand
 * computation gives, and export --set chooses whose spans go out. */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

static const char *cli;
static char *dir;

/* "Vladimir Putin said “We are ready,” in Москва 😀." — offsets in code points. */
#define TEXT "Vladimir Putin said “We are ready,” in Москва 😀."

static const char *ana_jsonl =
  "{\"id\": \"d1\", \"status\": \"done\", \"text\": \"" TEXT "\", \"spans\": ["
  "{\"id\": \"s1\", \"label\": \"PERSON\", \"start\": 0, \"end\": 14},"
  "{\"id\": \"s2\", \"label\": \"GPE\", \"start\": 39, \"end\": 45}]}\n";
static const char *ben_jsonl =
  "{\"id\": \"d1\", \"status\": \"done\", \"text\": \"" TEXT "\", \"spans\": ["
  "{\"id\": \"s1\", \"label\": \"PERSON\", \"start\": 9, \"end\": 14},"
  "{\"id\": \"s2\", \"label\": \"GPE\", \"start\": 39, \"end\": 45},"
  "{\"id\": \"s3\", \"label\": \"ORG\", \"start\": 0, \"end\": 8}]}\n";

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
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, expected);
  return out;
}

static void
write_file (const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
}

static JsonObject *
parse_object (const char *text,
              JsonNode  **keep)
{
  g_autoptr(GError) error = NULL;

  *keep = json_from_string (text, &error);
  g_assert_no_error (error);
  return json_node_get_object (*keep);
}

static gboolean
is_null (JsonObject *object,
         const char *member)
{
  return JSON_NODE_HOLDS_NULL (json_object_get_member (object, member));
}

static void
test_merge_agree_export (void)
{
  g_autofree char *o1 = NULL, *o2 = NULL, *o3 = NULL, *agree = NULL, *gold = NULL, *all = NULL, *ben = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *result, *overall, *person, *gpe;
  g_auto(GStrv) lines = NULL;

  write_file ("ana.jsonl", ana_jsonl);
  write_file ("ben.jsonl", ben_jsonl);
  o1 = run (0, "import", "ana.gloss", "ana.jsonl", "--annotator", "ana", NULL);
  o2 = run (0, "import", "ben.gloss", "ben.jsonl", "--annotator", "ben", NULL);
  o3 = run (0, "merge", "team.gloss", "ana.gloss", "ben.gloss", NULL);
  g_assert_nonnull (strstr (o3, "1 documents added"));
  g_assert_nonnull (strstr (o3, "5 spans added"));
  g_clear_pointer (&o3, g_free);
  /* Again: nothing more. */
  o3 = run (0, "merge", "team.gloss", "ana.gloss", "ben.gloss", NULL);
  g_assert_nonnull (strstr (o3, "0 spans added"));

  /* By hand: PERSON 0-14 vs 9-14 overlap (not exact), GPE 39-45 is exact in both,
   * ORG 0-8 only Ben's. Exact: 1 match of 2 (Ana) and 3 (Ben) spans, F1 = 2/5.
   * Overlap: PERSON and GPE match, F1 = 2·(2/2·2/3)/(2/2+2/3) = 0.8. */
  agree = run (0, "agree", "team.gloss", "--json", NULL);
  result = parse_object (agree, &root);
  overall = json_object_get_object_member (result, "overall");
  g_assert_cmpint (json_object_get_int_member (result, "documents"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (result, "layer"), ==, "entity");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (overall, "exact_f1"), 0.4, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (overall, "overlap_f1"), 0.8, 1e-9);
  g_assert_true (is_null (overall, "fleiss_kappa"));   /* fewer than three annotators */
  person = json_object_get_object_member (json_object_get_object_member (result, "labels"), "PERSON");
  gpe = json_object_get_object_member (json_object_get_object_member (result, "labels"), "GPE");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (person, "exact_f1"), 0.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (person, "overlap_f1"), 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (gpe, "exact_f1"), 1.0, 1e-9);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (person, "count"), "ben"), ==, 1);

  /* Export: no gold and two sets, so --set gold leaves the document out and
   * says so; --set ben and --set all choose. */
  gold = run (0, "export", "team.gloss", "--format", "jsonl", NULL);
  g_assert_cmpstr (gold, ==, "");
  ben = run (0, "export", "team.gloss", "--format", "jsonl", "--set", "ben", NULL);
  g_assert_nonnull (strstr (ben, "\"annotator\":\"ben\""));
  g_assert_null (strstr (ben, "\"annotator\":\"ana\""));
  all = run (0, "export", "team.gloss", "--format", "jsonl", "--set", "all", NULL);
  lines = g_strsplit (g_strstrip (all), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_free (run (2, "export", "team.gloss", "--format", "conll", "--set", "all", NULL));

  /* stats counts per annotator set. */
  {
    g_autofree char *stats = run (0, "stats", "team.gloss", "--json", NULL);
    g_autoptr(JsonNode) stats_root = NULL;
    JsonObject *counts = parse_object (stats, &stats_root);
    JsonObject *sets = json_object_get_object_member (counts, "sets");
    JsonObject *ben_set = json_object_get_object_member (sets, "ben");

    g_assert_cmpint (json_object_get_int_member (counts, "annotators"), ==, 2);
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (ben_set, "documents"), "done"),
                     ==, 1);
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (ben_set, "spans"), "ORG"), ==, 1);
  }

  /* Fewer than two sets is a clear refusal. */
  g_free (run (2, "agree", "ana.gloss", NULL));
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
    return 77;
  dir = g_dir_make_tmp ("gloss-test-teams-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/cli-teams/merge-agree-export", test_merge_agree_export);
  status = g_test_run ();
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);

    if (system (cmd) != 0)
      g_printerr ("could not remove %s\n", dir);
  }
  return status;
}
