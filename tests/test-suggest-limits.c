/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The suggester (quotes and claims) always finishes and stops when asked:
 * sentences that once made it loop, every real article of ../shared/data
 * within a budget each, and cancellation. */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "gloss-suggest.h"

/* A loop in the suggester cannot be interrupted from outside, so each text runs
 * in a thread that the test waits for with a deadline: a text that does not
 * finish in time fails the test instead of hanging the suite. The budget is far
 * above what any text here needs (milliseconds), so it only ever catches a loop. */
#define BUDGET_SECONDS 20

typedef struct
{
  GMutex      lock;
  GCond       done_cond;
  gboolean    done;
  char       *text;
  guint       found;
} Job;

static gpointer
run_job (gpointer data)
{
  Job *job = data;
  /* Quotes and claims, as the window and gloss-cli suggest them; the quotes
   * are counted. */
  g_autoptr(GPtrArray) suggestions = gloss_suggest_text (job->text, NULL, NULL, GLOSS_SUGGEST_ALL, NULL);
  guint quotes = 0;

  for (guint i = 0; i < suggestions->len; i++)
    quotes += ((GlossQuoteSuggestion *) g_ptr_array_index (suggestions, i))->kind == GLOSS_SUGGESTION_QUOTE;
  g_mutex_lock (&job->lock);
  job->found = quotes;
  job->done = TRUE;
  g_cond_signal (&job->done_cond);
  g_mutex_unlock (&job->lock);
  return NULL;
}

/* Suggests over @text in a thread; fails (and ends the program, since the
 * looping thread cannot be stopped) when it takes longer than the budget. */
static guint
suggest_within_budget (const char *name,
                       const char *text)
{
  Job *job = g_new0 (Job, 1);
  gint64 deadline = g_get_monotonic_time () + BUDGET_SECONDS * G_TIME_SPAN_SECOND;
  GThread *thread;
  guint found;

  g_mutex_init (&job->lock);
  g_cond_init (&job->done_cond);
  job->text = g_strdup (text);
  thread = g_thread_new ("suggest", run_job, job);

  g_mutex_lock (&job->lock);
  while (!job->done)
    if (!g_cond_wait_until (&job->done_cond, &job->lock, deadline))
      break;
  if (!job->done)
    {
      g_printerr ("suggestions over %s did not finish within %d s: a loop\n", name, BUDGET_SECONDS);
      g_test_fail ();
      _exit (1);
    }
  g_mutex_unlock (&job->lock);
  g_thread_join (thread);

  found = job->found;
  g_mutex_clear (&job->lock);
  g_cond_clear (&job->done_cond);
  g_free (job->text);
  g_free (job);
  return found;
}

static void
test_titles_before_names (void)
{
  /* "Ms King said she was …": a title before a name once sent the speaker
   * search back to the same word for ever (a BBC story). */
  static const char *texts[] = {
    "Ms King said she was \"delighted\" with the result.",
    "Mr Jones said he was “pleased” by the vote.",
    "Dr Ahmed Khan said: \"We are ready.\"",
    "Prof. Ute Lehmann sagte, sie sei „zufrieden“.",
    "Frau Merkel sagte: „Wir schaffen das.“",
    "Mrs May told MPs she would \"not give up\". Ms King said she was \"delighted\".",
    "Ms\nKing said she was \"delighted\"",
    "Ms King",
    "\"Delighted\" Ms King",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    suggest_within_budget (texts[i], texts[i]);

  /* The quotation of the first is still found, with its speaker. */
  {
    g_autoptr(GPtrArray) s = gloss_suggest_quotes (texts[0], "en", NULL);

    g_assert_cmpuint (s->len, ==, 1);
  }
}

static void
add_texts_in (GPtrArray  *paths,
              const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".txt"))
      g_ptr_array_add (paths, g_build_filename (folder, name, NULL));
}

/* The texts of a JSON Lines file joined into one long document, as a long
 * article would be. */
static char *
joined_jsonl_texts (const char *path)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GString *joined = g_string_new (NULL);

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return g_string_free (joined, FALSE);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonNode *root;
      const char *text;

      if (!json_parser_load_from_data (parser, lines[i], -1, NULL))
        continue;
      root = json_parser_get_root (parser);
      if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
        continue;
      text = json_object_get_string_member_with_default (json_node_get_object (root), "text", NULL);
      if (text == NULL)
        continue;
      g_string_append (joined, text);
      g_string_append (joined, "\n\n");
    }
  return g_string_free (joined, FALSE);
}

static void
test_real_articles (void)
{
  const char *shared = g_getenv ("GLOSS_SHARED_DATA");
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  static const char *folders[] = {
    "articles", "brat/brat_tutorial_news", "other/quotes_de_dev",
  };
  static const char *jsonl[] = {
    "other/claims_dev/claimbuster_two_class_train_sample2000.jsonl",
    "other/prodigy_jsonl",
  };
  guint texts = 0;

  if (shared == NULL || !g_file_test (shared, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("../shared/data is not here");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autofree char *folder = g_build_filename (shared, folders[i], NULL);

      add_texts_in (paths, folder);
    }

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autofree char *text = NULL;

      if (!g_file_get_contents (path, &text, NULL, NULL) || !g_utf8_validate (text, -1, NULL))
        continue;
      suggest_within_budget (path, text);
      texts++;
    }

  for (guint i = 0; i < G_N_ELEMENTS (jsonl); i++)
    {
      g_autofree char *path = g_build_filename (shared, jsonl[i], NULL);
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
          const char *name;

          while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
            if (g_str_has_suffix (name, ".jsonl"))
              g_ptr_array_add (files, g_build_filename (path, name, NULL));
        }
      else
        g_ptr_array_add (files, g_strdup (path));

      for (guint j = 0; j < files->len; j++)
        {
          g_autofree char *text = joined_jsonl_texts (g_ptr_array_index (files, j));

          if (*text != '\0' && g_utf8_validate (text, -1, NULL))
            {
              suggest_within_budget (g_ptr_array_index (files, j), text);
              texts++;
            }
        }
    }
  g_test_message ("%u texts finished", texts);
  g_assert_cmpuint (texts, >, 60);
}

static void
test_long_article (void)
{
  /* Many speakers, titles and pronouns in one long text: the work per quotation
   * looks back a bounded stretch, so this stays quick. */
  GString *text = g_string_new (NULL);
  g_autofree char *owned = NULL;
  guint found;

  for (guint i = 0; i < 4000; i++)
    g_string_append_printf (text,
                            "Ms King%u said she was \"delighted\". Mr Berg%u added: “We will see.” "
                            "He said it twice.\n\n", i % 7, i % 5);
  owned = g_string_free (text, FALSE);
  found = suggest_within_budget ("a long article", owned);
  g_assert_cmpuint (found, ==, 8000);
}

static void
test_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  const char *text = "“We will win,” Anna Berg said. Ms King said she was \"delighted\".";
  g_autoptr(GPtrArray) before = gloss_suggest_quotes (text, "en", cancellable);
  g_autoptr(GPtrArray) after = NULL;

  g_assert_nonnull (before);
  g_assert_cmpuint (before->len, ==, 2);

  g_cancellable_cancel (cancellable);
  after = gloss_suggest_quotes (text, "en", cancellable);
  g_assert_null (after);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/suggest-limits/titles-before-names", test_titles_before_names);
  g_test_add_func ("/suggest-limits/real-articles", test_real_articles);
  g_test_add_func ("/suggest-limits/long-article", test_long_article);
  g_test_add_func ("/suggest-limits/cancelled", test_cancelled);

  return g_test_run ();
}
