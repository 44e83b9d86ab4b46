/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How well claim suggestions find check-worthy sentences: the 2,000 debate
 * sentences of ../shared/data/other/claims_dev (ClaimBuster, labelled
 * check-worthy — 1 — or not — 0, one JSON object a line).
 *
 * The set is split once, by line: the first 1,400 lines are for tuning the
 * English claim lexicon, the other 600 are held back and scored only with
 * --held-back, so that what is tuned on and what is not stay apart. Each
 * sentence is suggested over on its own, as an English text; it counts as
 * suggested when at least one claim is. Prints precision, recall and F1 on
 * check-worthy sentences, and how much of a suggested sentence the claim
 * covers. A benchmark: it prints figures and never fails on them; without
 * ../shared it skips (exit 77).
 *
 *   eval-suggest-claims [--held-back] [--verbose] [--lexicon FILE] [JSONL] */
#include <json-glib/json-glib.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "gloss-suggest-private.h"

#define N_TUNING 1400

typedef struct
{
  guint  sentences;
  guint  positive;      /* labelled check-worthy */
  guint  suggested;
  guint  true_positive;
  double covered;       /* code points of the claims over those of their sentences */
} Counts;

static gboolean verbose;

static void
score_line (const char         *text,
            gboolean            checkworthy,
            const ClaimLexicon *lexicon,
            gboolean            tuning,
            Counts             *counts)
{
  g_autoptr(GPtrArray) claims = _gloss_suggest_text_with (text, "en", NULL, GLOSS_SUGGEST_CLAIMS, lexicon, NULL);
  glong length = g_utf8_strlen (text, -1);
  gboolean suggested = claims->len > 0;

  counts->sentences++;
  counts->positive += checkworthy;
  counts->suggested += suggested;
  counts->true_positive += suggested && checkworthy;
  for (guint i = 0; i < claims->len; i++)
    {
      const GlossQuoteSuggestion *claim = g_ptr_array_index (claims, i);

      counts->covered += length > 0 ? (double) (claim->end - claim->start) / length : 0;
    }
  /* Errors on held-back sentences are never listed. */
  if (verbose && tuning && suggested != checkworthy)
    g_print ("  %s  %s\n", checkworthy ? "MISSED" : "EXTRA ", text);
}

static double
ratio (double a,
       double b)
{
  return b > 0 ? a / b : 0.0;
}

static void
print_counts (const char   *part,
              const Counts *c)
{
  double precision = ratio (c->true_positive, c->suggested);
  double recall = ratio (c->true_positive, c->positive);

  g_print ("en %-9s %4u sentences, %4u check-worthy  suggested %4u  right %4u\n"
           "             precision %.3f  recall %.3f  F1 %.3f  (a claim covers %.0f%% of its sentence)\n",
           part, c->sentences, c->positive, c->suggested, c->true_positive, precision, recall,
           ratio (2 * precision * recall, precision + recall), 100 * ratio (c->covered, c->suggested));
}

static ClaimLexicon *
load_lexicon (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  ClaimLexicon *lexicon;

  if (!g_file_get_contents (path, &data, &length, &error)
      || (lexicon = _gloss_suggest_claim_lexicon_parse ("en", data, length, path, &error)) == NULL)
    {
      g_printerr ("eval-suggest-claims: %s\n", error->message);
      exit (1);
    }
  return lexicon;
}

int
main (int   argc,
      char *argv[])
{
  gboolean held_back = FALSE;
  g_autofree char *path = NULL;
  g_autoptr(ClaimLexicon) lexicon = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_auto(GStrv) lines = NULL;
  Counts tuning = { 0 }, held = { 0 };
  guint n = 0;

  setlocale (LC_ALL, "");
  for (int i = 1; i < argc; i++)
    if (strcmp (argv[i], "--held-back") == 0)
      held_back = TRUE;
    else if (strcmp (argv[i], "--verbose") == 0)
      verbose = TRUE;
    else if (strcmp (argv[i], "--lexicon") == 0 && i + 1 < argc)
      lexicon = load_lexicon (argv[++i]);
    else
      path = g_strdup (argv[i]);
  if (path == NULL && g_getenv ("GLOSS_SHARED_DATA") != NULL)
    path = g_build_filename (g_getenv ("GLOSS_SHARED_DATA"), "other", "claims_dev",
                             "claimbuster_two_class_train_sample2000.jsonl", NULL);
  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_print ("SKIP: the claim set (../shared/data/other/claims_dev) is not there\n");
      return 77;
    }
  if (!g_file_get_contents (path, &data, NULL, &error))
    {
      g_printerr ("eval-suggest-claims: %s\n", error->message);
      return 1;
    }

  lines = g_strsplit (data, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonNode) node = NULL;
      JsonObject *object;
      gboolean tune;

      if (*g_strstrip (lines[i]) == '\0')
        continue;
      tune = n++ < N_TUNING;
      if (!tune && !held_back)
        break;
      node = json_from_string (lines[i], &error);
      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        {
          g_printerr ("eval-suggest-claims: %s:%u: not a JSON object\n", path, i + 1);
          return 1;
        }
      object = json_node_get_object (node);
      score_line (json_object_get_string_member_with_default (object, "text", ""),
                  json_object_get_int_member_with_default (object, "label", 0) == 1, lexicon, tune,
                  tune ? &tuning : &held);
    }

  g_print ("claim suggestions against %s: the first %u sentences for tuning\n", path, N_TUNING);
  print_counts ("tuning", &tuning);
  if (held_back)
    print_counts ("held-back", &held);
  else
    g_print ("(held-back sentences not scored: pass --held-back, once, at the end)\n");
  return 0;
}
