/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The dataset card of a team's project (issue #14 item 6): export --bundle of a
 * project with two annotators' sets names the annotators, the documents each
 * has and their status, where each record comes from, and the agreement table
 * that `gloss-cli agree` gives for the documents exported. */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cli-run.h"


#define TEXT1 "Vladimir Putin said “We are ready,” in Москва 😀."
#define TEXT2 "Ана Иванова flew to 東京 on Monday."

/* d1: both done, differing as in test-cli-teams.c; d2: Ana's only, in progress. */
static const char *ana_jsonl =
  "{\"id\": \"d1\", \"status\": \"done\", \"text\": \"" TEXT1 "\", \"spans\": ["
  "{\"id\": \"s1\", \"label\": \"PERSON\", \"start\": 0, \"end\": 14},"
  "{\"id\": \"s2\", \"label\": \"GPE\", \"start\": 39, \"end\": 45}]}\n"
  "{\"id\": \"d2\", \"status\": \"in-progress\", \"text\": \"" TEXT2 "\", \"spans\": ["
  "{\"id\": \"s1\", \"label\": \"PERSON\", \"start\": 0, \"end\": 11}]}\n";
static const char *ben_jsonl =
  "{\"id\": \"d1\", \"status\": \"done\", \"text\": \"" TEXT1 "\", \"spans\": ["
  "{\"id\": \"s1\", \"label\": \"PERSON\", \"start\": 9, \"end\": 14},"
  "{\"id\": \"s2\", \"label\": \"GPE\", \"start\": 39, \"end\": 45},"
  "{\"id\": \"s3\", \"label\": \"ORG\", \"start\": 0, \"end\": 8}]}\n";

static char *
read_card (const char *bundle)
{
  g_autofree char *path = g_build_filename (cli_dir, bundle, "README.md", NULL);
  g_autoptr(GError) error = NULL;
  char *card = NULL;

  g_file_get_contents (path, &card, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("%s:\n%s", bundle, card);
  return card;
}

/* The two annotators' projects merged into team.gloss, once per test run. */
static void
make_team (void)
{
  static gboolean made;

  if (made)
    return;
  cli_write ("ana.jsonl", ana_jsonl);
  cli_write ("ben.jsonl", ben_jsonl);
  g_free (cli_run (0, NULL, "import", "ana.gloss", "ana.jsonl", "--annotator", "ana", NULL));
  g_free (cli_run (0, NULL, "import", "ben.gloss", "ben.jsonl", "--annotator", "ben", NULL));
  g_free (cli_run (0, NULL, "merge", "team.gloss", "ana.gloss", "ben.gloss", NULL));
  made = TRUE;
}

/* The overall exact F1 `agree --json` gives, as the card prints it. */
static char *
agreed_exact_f1 (void)
{
  g_autofree char *out = cli_run (0, NULL, "agree", "team.gloss", "--json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = json_from_string (out, &error);
  JsonObject *overall;

  g_assert_no_error (error);
  overall = json_object_get_object_member (json_node_get_object (root), "overall");
  return g_strdup_printf ("| overall | %.3f |", json_object_get_double_member (overall, "exact_f1"));
}

static void
test_card_all_sets (void)
{
  g_autofree char *card = NULL, *overall = NULL;

  make_team ();
  g_free (cli_run (0, NULL, "export", "team.gloss", "--bundle", "out", "--set", "all", "--format", "jsonl", NULL));
  card = read_card ("out");

  /* Annotators and their documents: Ana has d1 done and d2 in progress, Ben d1 done. */
  g_assert_nonnull (strstr (card, "## Annotators"));
  g_assert_nonnull (strstr (card, "| ana | 2 | 0 | 1 | 1 |"));
  g_assert_nonnull (strstr (card, "| ben | 1 | 0 | 0 | 1 |"));
  g_assert_nonnull (strstr (card, "3 records of 2 documents"));

  /* The agreement table: d1 only (d2 is not Ben's and not done), the same
   * figure agree prints (2/5, see test-cli-teams.c), no Fleiss column with two. */
  overall = agreed_exact_f1 ();
  g_assert_nonnull (strstr (card, "## Agreement"));
  g_assert_nonnull (strstr (card, overall));
  g_assert_nonnull (strstr (card, "| overall | 0.400 | 0.800 |"));
  g_assert_nonnull (strstr (card, "| PERSON | 0.000 | 1.000 |"));
  g_assert_nonnull (strstr (card, "| GPE | 1.000 | 1.000 |"));
  g_assert_null (strstr (card, "Fleiss"));
}

static void
test_card_gold (void)
{
  g_autofree char *card = NULL;

  make_team ();
  g_free (cli_run (0, NULL, "export", "team.gloss", "--bundle", "gold", "--format", "jsonl", NULL));
  card = read_card ("gold");

  /* d1 has two sets and no gold: left out; d2 comes from Ana's only set, and
   * with d1 left out no document is left to compare. */
  g_assert_nonnull (strstr (card, "- Documents: 1\n"));
  g_assert_nonnull (strstr (card, "- from the gold set: 0\n"));
  g_assert_nonnull (strstr (card, "- from the only annotator's set: 1\n"));
  g_assert_nonnull (strstr (card, "- left out, several annotators' sets and no gold: 1\n"));
  g_assert_nonnull (strstr (card, "| overall | — | — |"));
}

static void
test_card_one_annotator (void)
{
  g_autofree char *card = NULL;

  make_team ();
  g_free (cli_run (0, NULL, "export", "ana.gloss", "--bundle", "ana-out", "--format", "jsonl", NULL));
  card = read_card ("ana-out");
  g_assert_null (strstr (card, "## Annotators"));
  g_assert_null (strstr (card, "## Agreement"));
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  if (!cli_setup ("card"))
    return 77;

  g_test_add_func ("/card-teams/all-sets", test_card_all_sets);
  g_test_add_func ("/card-teams/gold", test_card_gold);
  g_test_add_func ("/card-teams/one-annotator", test_card_one_annotator);
  status = g_test_run ();
  cli_teardown ();
  return status;
}
