/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Same behaviour on both engines: every gloss-cli command run on a project file
 * and on a project on the PostgreSQL server gives the same output, byte for
 * byte, once the project's name (and the document ids minted from the clock)
 * are put aside. Imports, suggestions accepted into a set, agreement, stats,
 * every export format, merge and copy; texts with emoji, Cyrillic, CJK, curly
 * quotes and combining marks. */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cli-run.h"
#include "gloss-test-pg.h"

#define TEXT1 "Vladimir Putin said “We are ready,” in Москва 😀. Ms King said she was “delighted”."
#define TEXT2 "東京都 agreed: “Prices rose 5%,” said Zoë Müller é́ of the Central Bank on Monday."

static const char *ana_jsonl =
  "{\"id\": \"d1\", \"title\": \"Putin\", \"status\": \"done\", \"text\": \"" TEXT1 "\", \"spans\": ["
  "{\"id\": \"s1\", \"label\": \"PERSON\", \"start\": 0, \"end\": 14},"
  "{\"id\": \"s2\", \"label\": \"QUOTE\", \"start\": 20, \"end\": 35},"
  "{\"id\": \"s3\", \"label\": \"GPE\", \"start\": 39, \"end\": 45, \"note\": \"the city\"}],"
  "\"relations\": [{\"id\": \"r1\", \"type\": \"speaker\", \"from_id\": \"s2\", \"to_id\": \"s1\"}]}\n"
  "{\"id\": \"d2\", \"title\": \"Tokyo\", \"status\": \"in-progress\", \"text\": \"" TEXT2 "\", \"spans\": ["
  "{\"id\": \"s1\", \"label\": \"GPE\", \"start\": 0, \"end\": 3},"
  "{\"id\": \"s2\", \"label\": \"PERSON\", \"start\": 33, \"end\": 43}]}\n";
static const char *ben_jsonl =
  "{\"id\": \"d1\", \"status\": \"done\", \"text\": \"" TEXT1 "\", \"spans\": ["
  "{\"id\": \"s1\", \"label\": \"PERSON\", \"start\": 9, \"end\": 14},"
  "{\"id\": \"s2\", \"label\": \"LOC\", \"start\": 39, \"end\": 45}]}\n";

static const char * const formats[] = {
  "jsonl", "json", "w3c", "conll", "hf", "prodigy", "doccano",
};

static char *
replace (const char *text,
         const char *what,
         const char *with)
{
  g_auto(GStrv) parts = g_strsplit (text, what, -1);

  return g_strjoinv (with, parts);
}

/* The output with @project (its path or URI, and its name: the file's or the
 * database's) written as PROJECT and minted document ids as d-ID. */
static char *
neutral (const char *output,
         const char *project)
{
  g_autoptr(GRegex) ids = g_regex_new ("d-[0-9A-HJKMNP-TV-Z]{26}", 0, 0, NULL);
  g_autofree char *name = NULL;
  g_autofree char *without_path = replace (output, project, "PROJECT");
  g_autofree char *without_name = NULL;

  if (g_str_has_prefix (project, "postgresql:///"))
    name = g_strndup (project + 14, strcspn (project + 14, "?"));
  else
    name = g_path_get_basename (project);
  without_name = replace (without_path, name, "PROJECT");
  return g_regex_replace_literal (ids, without_name, -1, 0, "d-ID", 0, NULL);
}

static char *
run_on (const char *project,
        int         expected,
        const char *command,
        ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *both = NULL;
  const char *arg;
  va_list ap;

  g_ptr_array_add (argv, (gpointer) command);
  g_ptr_array_add (argv, (gpointer) project);
  va_start (ap, command);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);

  switch (argv->len)
    {
    case 2: out = cli_run (expected, &err, argv->pdata[0], argv->pdata[1], NULL); break;
    case 3: out = cli_run (expected, &err, argv->pdata[0], argv->pdata[1], argv->pdata[2], NULL); break;
    case 4: out = cli_run (expected, &err, argv->pdata[0], argv->pdata[1], argv->pdata[2], argv->pdata[3], NULL); break;
    case 5: out = cli_run (expected, &err, argv->pdata[0], argv->pdata[1], argv->pdata[2], argv->pdata[3], argv->pdata[4], NULL); break;
    case 6: out = cli_run (expected, &err, argv->pdata[0], argv->pdata[1], argv->pdata[2], argv->pdata[3], argv->pdata[4], argv->pdata[5], NULL); break;
    case 7: out = cli_run (expected, &err, argv->pdata[0], argv->pdata[1], argv->pdata[2], argv->pdata[3], argv->pdata[4], argv->pdata[5], argv->pdata[6], NULL); break;
    case 8: out = cli_run (expected, &err, argv->pdata[0], argv->pdata[1], argv->pdata[2], argv->pdata[3], argv->pdata[4], argv->pdata[5], argv->pdata[6], argv->pdata[7], NULL); break;
    default: g_assert_not_reached ();
    }
  both = g_strconcat (out, "\n--- messages ---\n", err, NULL);
  return neutral (both, project);
}

/* On a difference, both outputs are left in the test's folder and the first
 * differing line is shown. */
static void
assert_same (const char *what,
             const char *on_file,
             const char *on_server)
{
  g_auto(GStrv) a = NULL;
  g_auto(GStrv) b = NULL;

  if (g_strcmp0 (on_file, on_server) == 0)
    return;
  cli_write ("differs.file", on_file);
  cli_write ("differs.server", on_server);
  a = g_strsplit (on_file, "\n", -1);
  b = g_strsplit (on_server, "\n", -1);
  for (guint i = 0; a[i] != NULL && b[i] != NULL; i++)
    if (g_strcmp0 (a[i], b[i]) != 0)
      {
        g_test_message ("%s: line %u differs:\n  file:   %s\n  server: %s", what, i + 1, a[i], b[i]);
        break;
      }
  g_test_fail_printf ("%s: the server's output differs from the file's", what);
}

#define SAME(expected, command, ...) \
  G_STMT_START { \
    g_autofree char *on_file = run_on ("p.gloss", expected, command, __VA_ARGS__, NULL); \
    g_autofree char *on_server = run_on (uri, expected, command, __VA_ARGS__, NULL); \
    assert_same (command " " #__VA_ARGS__, on_file, on_server); \
  } G_STMT_END
#define SAME0(expected, command) \
  G_STMT_START { \
    g_autofree char *on_file = run_on ("p.gloss", expected, command, NULL); \
    g_autofree char *on_server = run_on (uri, expected, command, NULL); \
    assert_same (command, on_file, on_server); \
  } G_STMT_END

#define SWAP_NEUTRAL(text, project) \
  G_STMT_START { \
    char *neutral_ = neutral (text, project); \
    g_free (text); \
    text = neutral_; \
  } G_STMT_END

static char *
read_output (const char *name)
{
  g_autofree char *path = cli_path (name);
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

static void
test_same_output (void)
{
  g_autofree char *uri = gloss_test_pg_new_database ();

  if (uri == NULL)
    {
      g_test_skip (GLOSS_TEST_PG_SKIP);
      return;
    }
  cli_write ("ana.jsonl", ana_jsonl);
  cli_write ("ben.jsonl", ben_jsonl);
  cli_write ("more.txt", "A third article\n\nSergei Lavrov said: „Wir sind bereit.“ 👍🏽\n");

  SAME (0, "import", "ana.jsonl", "--annotator", "ana");
  SAME (0, "import", "ben.jsonl", "--annotator", "ben");
  SAME (0, "import", "more.txt", "--annotator", "ana");
  SAME0 (0, "list");
  SAME0 (0, "stats");
  SAME (0, "stats", "--json");
  SAME (0, "suggest", "--annotator", "ana");
  SAME (0, "suggest", "--accept", "--annotator", "ana");
  SAME (0, "suggest", "--annotator", "ana");
  SAME (0, "agree", "--json");
  SAME (0, "agree", "--layer", "quote", "--status", "any", "--json");
  SAME (2, "agree", "--label", "NOPE");
  SAME (0, "export", "--format", "jsonl", "--set", "all");
  SAME (0, "export", "--format", "json", "--set", "ana");
  SAME (0, "export", "--format", "jsonl", "--set", "ben", "--status", "done");
  SAME (2, "export", "--format", "conll", "--set", "all");
  SAME (2, "list", "--document", "nope");

  /* merge another annotator's file into both; again adds nothing */
  {
    g_autofree char *o = cli_run (0, NULL, "import", "cy.gloss", "ben.jsonl", "--annotator", "cy", NULL);

    SAME (0, "merge", "cy.gloss");
    SAME (0, "merge", "cy.gloss");
    SAME (0, "agree", "--annotators", "ben,cy", "--status", "any");
    SAME (0, "export", "--format", "json", "--set", "all");
  }

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *file_out = g_strdup_printf ("file.%s", formats[i]);
      g_autofree char *server_out = g_strdup_printf ("server.%s", formats[i]);
      g_autofree char *a = NULL, *b = NULL, *o1 = NULL, *o2 = NULL;

      o1 = cli_run (0, NULL, "export", "p.gloss", "--format", formats[i], "--set", "ana",
                    "-o", file_out, NULL);
      o2 = cli_run (0, NULL, "export", uri, "--format", formats[i], "--set", "ana",
                    "-o", server_out, NULL);
      a = read_output (file_out);
      b = read_output (server_out);
      SWAP_NEUTRAL (a, "p.gloss");
      SWAP_NEUTRAL (b, uri);
      g_test_message ("%s: %zu bytes", formats[i], strlen (a));
      assert_same (formats[i], a, b);
    }

  gloss_test_pg_drop_database (uri);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  if (!cli_setup ("engines"))
    return 77;

  g_test_add_func ("/cli-engines/same-output", test_same_output);
  status = g_test_run ();
  cli_teardown ();
  return status;
}
