/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A team's workflow through gloss-cli, as DESIGN.md's Teams section has it: two
 * annotators import their work into their own copies (--annotator), merge
 * brings both into one project, agree --json gives the figures a hand
 * computation gives, and export --set chooses whose spans go out. */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cli-run.h"
#include "gloss-test-project.h"


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
  /* the team's project: a file, or a database on the test server */
  char *team = gloss_test_project_new (cli_dir, "team.gloss");

  cli_write ("ana.jsonl", ana_jsonl);
  cli_write ("ben.jsonl", ben_jsonl);
  o1 = cli_run (0, NULL, "import", "ana.gloss", "ana.jsonl", "--annotator", "ana", NULL);
  o2 = cli_run (0, NULL, "import", "ben.gloss", "ben.jsonl", "--annotator", "ben", NULL);
  o3 = cli_run (0, NULL, "merge", team, "ana.gloss", "ben.gloss", NULL);
  g_assert_nonnull (strstr (o3, "1 documents added"));
  g_assert_nonnull (strstr (o3, "5 spans added"));
  g_clear_pointer (&o3, g_free);
  /* Again: nothing more. */
  o3 = cli_run (0, NULL, "merge", team, "ana.gloss", "ben.gloss", NULL);
  g_assert_nonnull (strstr (o3, "0 spans added"));

  /* By hand: PERSON 0-14 vs 9-14 overlap (not exact), GPE 39-45 is exact in both,
   * ORG 0-8 only Ben's. Exact: 1 match of 2 (Ana) and 3 (Ben) spans, F1 = 2/5.
   * Overlap: PERSON and GPE match, F1 = 2·(2/2·2/3)/(2/2+2/3) = 0.8. */
  agree = cli_run (0, NULL, "agree", team, "--json", NULL);
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
  gold = cli_run (0, NULL, "export", team, "--format", "jsonl", NULL);
  g_assert_cmpstr (gold, ==, "");
  ben = cli_run (0, NULL, "export", team, "--format", "jsonl", "--set", "ben", NULL);
  g_assert_nonnull (strstr (ben, "\"annotator\":\"ben\""));
  g_assert_null (strstr (ben, "\"annotator\":\"ana\""));
  all = cli_run (0, NULL, "export", team, "--format", "jsonl", "--set", "all", NULL);
  lines = g_strsplit (g_strstrip (all), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_free (cli_run (2, NULL, "export", team, "--format", "conll", "--set", "all", NULL));

  /* stats counts per annotator set. */
  {
    g_autofree char *stats = cli_run (0, NULL, "stats", team, "--json", NULL);
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
  g_free (cli_run (2, NULL, "agree", "ana.gloss", NULL));
  gloss_test_project_free (team);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gloss_test_skip_program_without_server ();
  if (!cli_setup ("teams"))
    return 77;

  g_test_add_func ("/cli-teams/merge-agree-export", test_merge_agree_export);
  status = g_test_run ();
  cli_teardown ();
  return status;
}
