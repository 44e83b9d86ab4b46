/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gloss-cli suggest --accept pre-annotates a corpus as the window's Alt+Y
 * does: the QUOTE, CUE and speaker spans with SPEAKER and CUE relations, in the
 * --annotator set; a second run adds nothing; --accept with --apply is a usage
 * error. */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cli-run.h"


static const char article[] =
  "Talks in Geneva\n\n"
  "The minister said “We will not sign this agreement today.” Reporters waited outside.\n\n"
  "“The negotiations will continue next week,” Maria Keller said.\n";

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
  g_autofree char *path = g_build_filename (cli_dir, "article.txt", NULL);
  g_autofree char *suggested = NULL, *accepted = NULL, *again = NULL, *exported = NULL, *later = NULL;
  g_autoptr(GHashTable) labels = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  guint speakers = 0, cues = 0;

  g_assert_true (g_file_set_contents (path, article, -1, NULL));
  g_free (cli_run (0, NULL, "import", "p.gloss", "article.txt", "--annotator", "ana", NULL));
  suggested = cli_run (0, NULL, "suggest", "p.gloss", "--annotator", "ana", NULL);
  g_assert_cmpuint (count_lines (suggested), ==, 2);

  /* The accepted suggestions are printed as suggest prints them. */
  accepted = cli_run (0, NULL, "suggest", "p.gloss", "--accept", "--annotator", "ana", NULL);
  g_assert_cmpstr (accepted, ==, suggested);

  exported = cli_run (0, NULL, "export", "p.gloss", "--format", "jsonl", "--set", "ana", NULL);
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
  again = cli_run (0, NULL, "suggest", "p.gloss", "--accept", "--annotator", "ana", NULL);
  g_assert_cmpstr (again, ==, "");
  later = cli_run (0, NULL, "export", "p.gloss", "--format", "jsonl", "--set", "ana", NULL);
  g_assert_cmpstr (later, ==, exported);
}

static void
test_accept_apply (void)
{
  g_autofree char *out = cli_run (2, NULL, "suggest", "p.gloss", "--accept", "--apply", NULL);

  g_assert_cmpstr (out, ==, "");
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  if (!cli_setup ("cli-accept"))
    return 77;

  g_test_add_func ("/cli/suggest/accept", test_accept);
  g_test_add_func ("/cli/suggest/accept-apply", test_accept_apply);
  status = g_test_run ();
  cli_teardown ();
  return status;
}
