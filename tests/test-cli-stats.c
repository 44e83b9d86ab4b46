/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gloss-cli stats --json on a team's project: the figures of the statistics
 * window (documents by status and spans by label per set, adjudicated
 * documents, agreement per label, the confusion table of a pair) next to the
 * counts it printed before, which stay as they were. */
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "cli-run.h"

#define TEXT "Vladimir Putin said “We are ready,” in Москва 😀."

static const char *ana_jsonl =
  "{\"id\": \"d1\", \"status\": \"done\", \"text\": \"" TEXT "\", \"spans\": ["
  "{\"id\": \"s1\", \"label\": \"PERSON\", \"start\": 0, \"end\": 14},"
  "{\"id\": \"s2\", \"label\": \"GPE\", \"start\": 39, \"end\": 45}]}\n";
static const char *ben_jsonl =
  "{\"id\": \"d1\", \"status\": \"done\", \"text\": \"" TEXT "\", \"spans\": ["
  "{\"id\": \"s1\", \"label\": \"PERSON\", \"start\": 9, \"end\": 14},"
  "{\"id\": \"s2\", \"label\": \"LOC\", \"start\": 39, \"end\": 45}]}\n";
static const char *gold_jsonl =
  "{\"id\": \"d1\", \"status\": \"done\", \"text\": \"" TEXT "\", \"spans\": ["
  "{\"id\": \"s1\", \"label\": \"PERSON\", \"start\": 0, \"end\": 14}]}\n";

static JsonNode *
at (JsonNode   *node,
    const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (JSON_NODE_HOLDS_ARRAY (node))
        node = json_array_get_element (json_node_get_array (node), atoi (parts[i]));
      else
        node = json_object_get_member (json_node_get_object (node), parts[i]);
      if (node == NULL)
        g_error ("no %s in the output", path);
    }
  return node;
}

static gint
label_place (JsonNode   *root,
             const char *label)
{
  JsonArray *labels = json_node_get_array (at (root, "confusion/layers/entity/labels"));

  for (guint i = 0; i < json_array_get_length (labels); i++)
    if (!JSON_NODE_HOLDS_NULL (json_array_get_element (labels, i))
        && g_str_equal (json_array_get_string_element (labels, i), label))
      return i;
  g_error ("no %s in the confusion table", label);
}

static JsonNode *
stats_json (const char *first,
            ...)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  if (first == NULL)
    out = cli_run (0, NULL, "stats", "team.gloss", "--json", NULL);
  else
    out = cli_run (0, NULL, "stats", "team.gloss", "--json", "--pair", first, NULL);
  root = json_from_string (out, &error);
  g_assert_no_error (error);
  return root;
}

static void
make_team (void)
{
  cli_write ("ana.jsonl", ana_jsonl);
  cli_write ("ben.jsonl", ben_jsonl);
  cli_write ("gold.jsonl", gold_jsonl);
  g_free (cli_run (0, NULL, "import", "ana.gloss", "ana.jsonl", "--annotator", "ana", NULL));
  g_free (cli_run (0, NULL, "import", "ben.gloss", "ben.jsonl", "--annotator", "ben", NULL));
  g_free (cli_run (0, NULL, "import", "gold.gloss", "gold.jsonl", "--annotator", "gold", NULL));
  g_free (cli_run (0, NULL, "merge", "team.gloss", "ana.gloss", "ben.gloss", "gold.gloss", NULL));
}

/* GPE Москва against LOC Москва is the confusion cell; PERSON 0–14 against
 * 9–14 overlaps (overlap F1 1) but is not exact (exact F1 0). */
static void
test_figures (void)
{
  g_autoptr(JsonNode) root = NULL;
  gint gpe, loc, person;

  make_team ();
  root = stats_json (NULL);

  /* What stats --json printed before is still there. */
  g_assert_cmpint (json_node_get_int (at (root, "documents/total")), ==, 1);
  g_assert_cmpint (json_node_get_int (at (root, "annotators")), ==, 3);
  g_assert_cmpint (json_node_get_int (at (root, "sets/ben/documents/done")), ==, 1);
  g_assert_cmpint (json_node_get_int (at (root, "sets/ben/spans/LOC")), ==, 1);
  g_assert_cmpint (json_node_get_int (at (root, "sets/gold/spans/PERSON")), ==, 1);

  g_assert_cmpint (json_node_get_int (at (root, "adjudicated")), ==, 1);
  g_assert_cmpstr (json_node_get_string (at (root, "agreement/status")), ==, "done");
  g_assert_cmpstr (json_node_get_string (at (root, "agreement/annotators/1")), ==, "ben");
  g_assert_cmpfloat_with_epsilon (json_node_get_double (at (root, "agreement/layers/entity/labels/PERSON/exact_f1")),
                                  0.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_node_get_double (at (root, "agreement/layers/entity/labels/PERSON/overlap_f1")),
                                  1.0, 1e-9);
  g_assert_true (json_object_has_member (json_node_get_object (at (root, "agreement/layers")), "quote"));

  g_assert_cmpstr (json_node_get_string (at (root, "confusion/a")), ==, "ana");
  g_assert_cmpstr (json_node_get_string (at (root, "confusion/b")), ==, "ben");
  gpe = label_place (root, "GPE");
  loc = label_place (root, "LOC");
  person = label_place (root, "PERSON");
  {
    g_autofree char *gpe_loc = g_strdup_printf ("confusion/layers/entity/counts/%d/%d", gpe, loc);
    g_autofree char *loc_gpe = g_strdup_printf ("confusion/layers/entity/counts/%d/%d", loc, gpe);
    g_autofree char *persons = g_strdup_printf ("confusion/layers/entity/counts/%d/%d", person, person);

    g_assert_cmpint (json_node_get_int (at (root, gpe_loc)), ==, 1);
    g_assert_cmpint (json_node_get_int (at (root, loc_gpe)), ==, 0);
    g_assert_cmpint (json_node_get_int (at (root, persons)), ==, 1);
  }
}

/* --pair turns the table round; --status any is said in the output. */
static void
test_pair_and_status (void)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *any = NULL;

  make_team ();
  root = stats_json ("ben,ana");
  g_assert_cmpstr (json_node_get_string (at (root, "confusion/a")), ==, "ben");
  {
    g_autofree char *loc_gpe = g_strdup_printf ("confusion/layers/entity/counts/%d/%d",
                                                label_place (root, "LOC"), label_place (root, "GPE"));

    g_assert_cmpint (json_node_get_int (at (root, loc_gpe)), ==, 1);
  }
  any = cli_run (0, NULL, "stats", "team.gloss", "--json", "--status", "any", NULL);
  g_assert_nonnull (strstr (any, "\"status\" : \"any\""));
}

static void
test_bad_options (void)
{
  g_autofree char *err = NULL;

  make_team ();
  g_free (cli_run (2, NULL, "stats", "team.gloss", "--json", "--pair", "ana", NULL));
  g_free (cli_run (2, &err, "stats", "team.gloss", "--json", "--pair", "ana,dora", NULL));
  g_assert_nonnull (strstr (err, "dora"));
  g_free (cli_run (2, NULL, "stats", "team.gloss", "--status", "some", NULL));
}

/* One annotator: no pair to compare, said as null, not an error. */
static void
test_one_annotator (void)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) root = NULL;

  cli_write ("ana.jsonl", ana_jsonl);
  g_free (cli_run (0, NULL, "import", "solo.gloss", "ana.jsonl", "--annotator", "ana", NULL));
  out = cli_run (0, NULL, "stats", "solo.gloss", "--json", NULL);
  root = json_from_string (out, NULL);
  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_NULL (at (root, "confusion")));
  g_assert_cmpint (json_node_get_int (at (root, "adjudicated")), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  if (!cli_setup ("stats"))
    return 77;

  g_test_add_func ("/cli-stats/figures", test_figures);
  g_test_add_func ("/cli-stats/pair-and-status", test_pair_and_status);
  g_test_add_func ("/cli-stats/bad-options", test_bad_options);
  g_test_add_func ("/cli-stats/one-annotator", test_one_annotator);
  status = g_test_run ();
  cli_teardown ();
  return status;
}
