/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Text-less export (DESIGN.md, Teams): `export --text omit` writes offsets,
 * text_sha256 and length but none of the article's words, and `import --texts
 * DIR` puts the texts back from the articles' .txt files, so that a team can
 * share annotations of news it may not redistribute. Run through gloss-cli. */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cli-run.h"


#define RU_HEAD "Путин заявил: «Мы готовы 😀»."
#define RU_TAIL "В Москве он добавил, что союз вырастет 👍🏽."
#define ZH_TEXT "北京欢迎你。新华社记者报道说：“我们准备好了。”🎉"

/* The Russian article has no title (it becomes its first line, the article's
 * own words); the Chinese one has a title of its own. Offsets in code points. */
static const char *source_jsonl =
  "{\"id\": \"ru\", \"status\": \"done\", \"meta\": {\"url\": \"https://example.org/ru\"}, "
  "\"text\": \"" RU_HEAD "\\n" RU_TAIL "\", \"spans\": ["
  "{\"id\": \"p1\", \"label\": \"PERSON\", \"start\": 0, \"end\": 5},"
  "{\"id\": \"c1\", \"label\": \"CUE\", \"start\": 6, \"end\": 12},"
  "{\"id\": \"q1\", \"label\": \"QUOTE\", \"start\": 14, \"end\": 27, \"attrs\": {\"quote_type\": \"direct\"}},"
  "{\"id\": \"g1\", \"label\": \"GPE\", \"start\": 31, \"end\": 37},"
  "{\"id\": \"p2\", \"label\": \"PERSON\", \"start\": 38, \"end\": 40},"
  "{\"id\": \"k1\", \"label\": \"CLAIM\", \"start\": 54, \"end\": 67, \"fragments\": [[54, 58], [59, 67]]}],"
  "\"relations\": [{\"id\": \"r1\", \"type\": \"SPEAKER\", \"from_id\": \"q1\", \"to_id\": \"p1\"},"
  "{\"id\": \"r2\", \"type\": \"CUE\", \"from_id\": \"q1\", \"to_id\": \"c1\"},"
  "{\"id\": \"r3\", \"type\": \"COREF\", \"from_id\": \"p2\", \"to_id\": \"p1\"},"
  "{\"id\": \"r4\", \"type\": \"CLAIMANT\", \"from_id\": \"k1\", \"to_id\": \"p2\"}],"
  "\"entities\": [{\"id\": \"e1\", \"name\": \"Vladimir Putin\", \"type\": \"PERSON\", "
  "\"kb_id\": \"wikidata:Q7747\", \"mentions\": [\"p1\", \"p2\"]}]}\n"
  "{\"id\": \"zh\", \"title\": \"Beijing report\", \"text\": \"" ZH_TEXT "\", \"spans\": ["
  "{\"id\": \"s1\", \"label\": \"GPE\", \"start\": 0, \"end\": 2},"
  "{\"id\": \"s2\", \"label\": \"ORG\", \"start\": 6, \"end\": 9},"
  "{\"id\": \"s3\", \"label\": \"QUOTE\", \"start\": 15, \"end\": 24}],"
  "\"relations\": [{\"id\": \"r1\", \"type\": \"SPEAKER\", \"from_id\": \"s3\", \"to_id\": \"s2\"}]}\n";

/* Words of the articles, none of which a text-less export may hold. */
static const char * const article_words[] = {
  "Путин", "заявил", "Мы готовы", "Москве", "он", "союз", "😀", "👍🏽",
  "北京", "新华社", "我们准备好了", "🎉", NULL
};

static char *
read_file (const char *name)
{
  g_autofree char *path = cli_path (name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  return contents;
}

static void
assert_no_article_words (const char *what,
                         const char *contents)
{
  for (guint i = 0; article_words[i] != NULL; i++)
    if (strstr (contents, article_words[i]) != NULL)
      g_error ("%s holds “%s” of an article:\n%s", what, article_words[i], contents);
}

static void
make_folder (const char *name)
{
  g_autofree char *path = cli_path (name);

  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
}

/* The project every test starts from, and its full and text-less exports. */
static void
ensure_project (void)
{
  static gboolean done;

  if (done)
    return;
  done = TRUE;
  cli_write ("source.jsonl", source_jsonl);
  g_free (cli_run (0, NULL, "import", "project.gloss", "source.jsonl", NULL));
  g_free (cli_run (0, NULL, "export", "project.gloss", "--format", "jsonl", "-o", "full.jsonl", NULL));
  g_free (cli_run (0, NULL, "export", "project.gloss", "--format", "jsonl", "--text", "omit",
               "-o", "bare.jsonl", NULL));

  /* The articles as a publisher's files: the Russian one with a BOM and CRLF
   * line ends, which import normalises away as it did for the project. */
  make_folder ("texts");
  cli_write ("texts/ru.txt", "\xef\xbb\xbf" RU_HEAD "\r\n" RU_TAIL);
  cli_write ("texts/zh.txt", ZH_TEXT);
  cli_write ("texts/unrelated.txt", "Another article altogether.");
}

static void
test_jsonl_round_trip (void)
{
  g_autofree char *full = NULL, *bare = NULL, *again = NULL;

  ensure_project ();
  full = read_file ("full.jsonl");
  bare = read_file ("bare.jsonl");

  assert_no_article_words ("bare.jsonl", bare);
  g_assert_null (strstr (bare, "\"text\":"));
  g_assert_nonnull (strstr (bare, "\"length\":71,"));
  g_assert_nonnull (strstr (bare, "\"length\":25,"));
  g_assert_nonnull (strstr (bare, "\"text_sha256\":"));
  g_assert_nonnull (strstr (bare, "\"title\":\"Beijing report\""));   /* a title of its own stays */
  g_assert_nonnull (strstr (full, "\"text\":\"" RU_HEAD "\\n" RU_TAIL "\""));
  g_assert_nonnull (strstr (full, "\"title\":\"" RU_HEAD "\""));

  /* The texts put back: the same project, byte for byte. */
  g_free (cli_run (0, NULL, "import", "filled.gloss", "bare.jsonl", "--texts", "texts", NULL));
  again = cli_run (0, NULL, "export", "filled.gloss", "--format", "jsonl", NULL);
  g_assert_cmpstr (again, ==, full);
}

static void
test_json_round_trip (void)
{
  g_autofree char *bare = NULL, *full = NULL, *again = NULL;

  ensure_project ();
  g_free (cli_run (0, NULL, "export", "project.gloss", "--format", "json", "--text", "omit",
               "-o", "bare.json", NULL));
  bare = read_file ("bare.json");
  assert_no_article_words ("bare.json", bare);
  g_assert_nonnull (strstr (bare, "\"length\":71,"));

  g_free (cli_run (0, NULL, "import", "from-json.gloss", "bare.json", "--texts", "texts", NULL));
  again = cli_run (0, NULL, "export", "from-json.gloss", "--format", "jsonl", NULL);
  full = read_file ("full.jsonl");
  g_assert_cmpstr (again, ==, full);
}

/* A record whose text DIR lacks is named with its line and skipped; the rest
 * imports, and the exit status says something was left out. */
static void
test_text_missing (void)
{
  g_autofree char *err = NULL, *out = NULL, *expected = NULL, *zh = NULL;
  g_autofree char *sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, ZH_TEXT, -1);

  ensure_project ();
  make_folder ("only-ru");
  zh = read_file ("texts/ru.txt");
  cli_write ("only-ru/ru.txt", zh);

  out = cli_run (1, &err, "import", "partial.gloss", "bare.jsonl", "--texts", "only-ru", NULL);
  expected = g_strdup_printf ("bare.jsonl:2: no text in only-ru has sha256 %s; skipped", sha256);
  g_assert_nonnull (strstr (err, expected));
  g_assert_nonnull (strstr (out, "Imported 1 document"));
}

static void
test_texts_needed (void)
{
  g_autofree char *err = NULL;

  ensure_project ();
  g_free (cli_run (1, &err, "import", "none.gloss", "bare.jsonl", NULL));
  g_assert_nonnull (strstr (err, "bare.jsonl:1: "));
  g_assert_nonnull (strstr (err, "--texts DIR"));
  g_clear_pointer (&err, g_free);

  g_free (cli_run (2, &err, "import", "none.gloss", "bare.jsonl", "--texts", "no-such-folder", NULL));
  g_assert_nonnull (strstr (err, "no-such-folder"));
}

static void
test_other_formats (void)
{
  g_autofree char *err = NULL, *w3c = NULL, *ann = NULL;
  g_autoptr(GDir) brat = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *brat_path = NULL;
  const char *name;
  guint anns = 0;

  ensure_project ();
  g_free (cli_run (2, &err, "export", "project.gloss", "--format", "conll", "--text", "omit", NULL));
  g_assert_nonnull (strstr (err, "jsonl, json, w3c and brat"));
  g_clear_pointer (&err, g_free);
  g_free (cli_run (2, &err, "export", "project.gloss", "--format", "jsonl", "--text", "keep", NULL));
  g_clear_pointer (&err, g_free);

  w3c = cli_run (0, NULL, "export", "project.gloss", "--format", "w3c", "--text", "omit", NULL);
  assert_no_article_words ("the w3c export", w3c);
  g_assert_nonnull (strstr (w3c, "\"TextPositionSelector\",\"start\":38,\"end\":40}]"));
  g_assert_null (strstr (w3c, "TextQuoteSelector"));

  g_free (cli_run (0, NULL, "export", "project.gloss", "--format", "brat", "--text", "omit",
               "-o", "brat", NULL));
  brat_path = cli_path ("brat");
  brat = g_dir_open (brat_path, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (brat)) != NULL)
    {
      g_autofree char *file = g_build_filename ("brat", name, NULL);
      g_autofree char *contents = read_file (file);

      g_assert_false (g_str_has_suffix (name, ".txt"));
      assert_no_article_words (file, contents);
      anns += g_str_has_suffix (name, ".ann");
    }
  g_assert_cmpuint (anns, ==, 2);
  ann = read_file ("brat/ru.ann");
  g_assert_nonnull (strstr (ann, "\tPERSON 0 5\t\n"));   /* the covered text is left empty */
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  if (!cli_setup ("text-omit"))
    return 77;

  g_test_add_func ("/text-omit/jsonl-round-trip", test_jsonl_round_trip);
  g_test_add_func ("/text-omit/json-round-trip", test_json_round_trip);
  g_test_add_func ("/text-omit/text-missing", test_text_missing);
  g_test_add_func ("/text-omit/texts-needed", test_texts_needed);
  g_test_add_func ("/text-omit/other-formats", test_other_formats);
  status = g_test_run ();
  cli_teardown ();
  return status;
}
