/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How well quote suggestions match hand-made attribution: the German Wikinews
 * articles of ../shared/data/other/quotes_de_dev (gold per quotation: quote,
 * speaker and cue spans in code points, and a type).
 *
 * The set is split once, by article id: the 28 lowest ids are for tuning, the
 * other 12 are held back and shown only with --held-back, so that what is tuned
 * on and what is not stay apart. For direct quotes (type Direct) it prints
 * recall, precision and speaker accuracy (the suggested speaker, or the pronoun
 * it was reached through, overlaps the gold speaker; no speaker where gold has
 * none). A benchmark: it prints figures and never fails on them; without
 * ../shared it skips (exit 77).
 *
 *   eval-suggest-quotes [--held-back] [--verbose] [DIR] */
#include <json-glib/json-glib.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "gloss-suggest.h"
#include "gloss-text.h"

#define N_TUNING 28

typedef struct
{
  gint        start;
  gint        end;
  gint        speaker_start;   /* -1: none */
  gint        speaker_end;
  gboolean    direct;
  const char *speaker_text;
} Gold;

typedef struct
{
  guint gold;          /* direct quotes */
  guint suggested;
  guint matched;       /* direct quotes found */
  guint true_direct;   /* suggestions on a direct quote */
  guint true_any;      /* suggestions on a quotation of any type */
  guint right_speaker;
} Counts;

static gboolean verbose;

static gboolean
overlap (gint a_start,
         gint a_end,
         gint b_start,
         gint b_end)
{
  return MIN (a_end, b_end) > MAX (a_start, b_start);
}

/* Most of the shorter of the two is shared (the suggestion has its marks). */
static gboolean
same_quote (gint a_start,
            gint a_end,
            gint b_start,
            gint b_end)
{
  gint shared = MIN (a_end, b_end) - MAX (a_start, b_start);

  return shared > 0 && 2 * shared >= MIN (a_end - a_start, b_end - b_start);
}

static void
span_bounds (JsonObject *member,
             gint       *start,
             gint       *end)
{
  JsonArray *spans = json_object_get_array_member (member, "spans");

  *start = *end = -1;
  for (guint i = 0; spans != NULL && i < json_array_get_length (spans); i++)
    {
      JsonObject *span = json_array_get_object_element (spans, i);
      gint b = json_object_get_int_member (span, "charBegin");
      gint e = json_object_get_int_member (span, "charEnd");

      *start = *start < 0 ? b : MIN (*start, b);
      *end = MAX (*end, e);
    }
}

static GArray *
read_gold (JsonParser *parser)
{
  JsonObject *root = json_node_get_object (json_parser_get_root (parser));
  JsonArray *annotations = json_object_get_array_member (root, "annotations");
  GArray *gold = g_array_new (FALSE, FALSE, sizeof (Gold));

  for (guint i = 0; i < json_array_get_length (annotations); i++)
    {
      JsonObject *a = json_array_get_object_element (annotations, i);
      JsonObject *speaker = json_object_get_object_member (a, "speaker");
      Gold g = { 0 };

      span_bounds (json_object_get_object_member (a, "quote"), &g.start, &g.end);
      span_bounds (speaker, &g.speaker_start, &g.speaker_end);
      g.speaker_text = json_object_get_string_member_with_default (speaker, "text", "");
      g.direct = g_strcmp0 (json_object_get_string_member (a, "type"), "Direct") == 0;
      if (g.start >= 0)
        g_array_append_val (gold, g);
    }
  return gold;
}

static char *
slice (GlossTextIndex *index,
       gint            start,
       gint            end)
{
  const char *text = gloss_text_index_get_text (index);
  gsize from, to;

  if (start < 0)
    return g_strdup ("(none)");
  from = gloss_text_index_to_byte (index, start);
  to = gloss_text_index_to_byte (index, end);
  return g_strndup (text + from, to - from);
}

static gboolean
right_speaker (const GlossQuoteSuggestion *s,
               const Gold                 *g)
{
  if (g->speaker_start < 0)
    return s->speaker.start < 0;
  return (s->speaker.start >= 0
          && overlap (s->speaker.start, s->speaker.end, g->speaker_start, g->speaker_end))
         || (s->via.start >= 0 && overlap (s->via.start, s->via.end, g->speaker_start, g->speaker_end));
}

static void
score_gold (const char     *id,
            GlossTextIndex *index,
            GPtrArray      *suggestions,
            const Gold     *g,
            Counts         *counts)
{
  const GlossQuoteSuggestion *found = NULL;
  g_autofree char *quote = slice (index, g->start, MIN (g->end, g->start + 50));

  counts->gold++;
  for (guint i = 0; i < suggestions->len && found == NULL; i++)
    {
      const GlossQuoteSuggestion *s = g_ptr_array_index (suggestions, i);

      if (same_quote (s->start, s->end, g->start, g->end))
        found = s;
    }
  if (found == NULL)
    {
      if (verbose)
        g_print ("  %s MISSED  %s\n", id, quote);
      return;
    }
  counts->matched++;
  if (right_speaker (found, g))
    counts->right_speaker++;
  else if (verbose)
    {
      g_autofree char *got = slice (index, found->speaker.start, found->speaker.end);
      g_autofree char *cue = slice (index, found->cue.start, found->cue.end);

      g_print ("  %s SPEAKER %s\n      gold: %s | got: %s (cue %s)\n", id, quote,
               g->speaker_text[0] != '\0' ? g->speaker_text : "(none)", got, cue);
    }
}

static void
score_suggestion (const char                 *id,
                  GlossTextIndex             *index,
                  const GlossQuoteSuggestion *s,
                  GArray                     *gold,
                  Counts                     *counts)
{
  gboolean direct = FALSE, any = FALSE;

  counts->suggested++;
  for (guint i = 0; i < gold->len; i++)
    {
      const Gold *g = &g_array_index (gold, Gold, i);

      if (same_quote (s->start, s->end, g->start, g->end))
        {
          any = TRUE;
          direct |= g->direct;
        }
    }
  counts->true_direct += direct;
  counts->true_any += any;
  if (!direct && verbose)
    {
      g_autofree char *quote = slice (index, s->start, MIN (s->end, s->start + 50));

      g_print ("  %s EXTRA%s  %s\n", id, any ? " (a quotation, not direct)" : "", quote);
    }
}

static gboolean
score_article (const char *dir,
               const char *id,
               Counts     *counts)
{
  g_autofree char *txt = g_strdup_printf ("%s/%s.txt", dir, id);
  g_autofree char *json = g_strdup_printf ("%s/%s.json", dir, id);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GlossTextIndex) index = NULL;
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GArray) gold = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!g_file_get_contents (txt, &text, NULL, &error) || !json_parser_load_from_file (parser, json, &error))
    {
      g_printerr ("eval-suggest-quotes: %s\n", error->message);
      return FALSE;
    }
  index = gloss_text_index_new (text, -1);
  gold = read_gold (parser);
  /* As `gloss-cli suggest` does for a document whose metadata says "de". */
  suggestions = gloss_suggest_quotes (text, "de", NULL);

  for (guint i = 0; i < gold->len; i++)
    if (g_array_index (gold, Gold, i).direct)
      score_gold (id, index, suggestions, &g_array_index (gold, Gold, i), counts);
  for (guint i = 0; i < suggestions->len; i++)
    score_suggestion (id, index, g_ptr_array_index (suggestions, i), gold, counts);
  return TRUE;
}

static gint
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = g_ascii_strtoll (*(const char * const *) a, NULL, 10);
  gint64 y = g_ascii_strtoll (*(const char * const *) b, NULL, 10);

  return (x > y) - (x < y);
}

/* The article ids of @dir (each with a .txt and a .json), in numeric order. */
static GPtrArray *
list_ids (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (ids, g_strndup (name, strlen (name) - 5));
  g_ptr_array_sort (ids, compare_ids);
  return ids;
}

static double
ratio (guint a,
       guint b)
{
  return b > 0 ? (double) a / b : 0.0;
}

static void
print_counts (const char   *part,
              guint         articles,
              const Counts *c)
{
  g_print ("de %-9s %2u articles  direct quotes %3u  suggested %3u  matched %3u\n"
           "             recall %.2f  precision %.2f (on direct quotes) %.2f (on any gold quotation)"
           "  speaker %.2f (%u/%u)\n",
           part, articles, c->gold, c->suggested, c->matched, ratio (c->matched, c->gold),
           ratio (c->true_direct, c->suggested), ratio (c->true_any, c->suggested),
           ratio (c->right_speaker, c->matched), c->right_speaker, c->matched);
}

int
main (int   argc,
      char *argv[])
{
  gboolean held_back = FALSE;
  g_autofree char *dir = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  Counts tuning = { 0 }, held = { 0 };

  setlocale (LC_ALL, "");
  for (int i = 1; i < argc; i++)
    if (strcmp (argv[i], "--held-back") == 0)
      held_back = TRUE;
    else if (strcmp (argv[i], "--verbose") == 0)
      verbose = TRUE;
    else
      dir = g_strdup (argv[i]);
  if (dir == NULL && g_getenv ("GLOSS_SHARED_DATA") != NULL)
    dir = g_build_filename (g_getenv ("GLOSS_SHARED_DATA"), "other", "quotes_de_dev", NULL);
  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_print ("SKIP: the German quote set (../shared/data/other/quotes_de_dev) is not there\n");
      return 77;
    }

  ids = list_ids (dir);
  g_print ("quote suggestions against %s: %u articles, the first %u by id for tuning\n",
           dir, ids->len, MIN (ids->len, N_TUNING));
  for (guint i = 0; i < ids->len; i++)
    {
      gboolean tune = i < N_TUNING;

      if (!tune && !held_back)
        continue;
      /* Misses of held-back articles are never listed. */
      if (!tune)
        verbose = FALSE;
      if (!score_article (dir, g_ptr_array_index (ids, i), tune ? &tuning : &held))
        return 1;
    }
  print_counts ("tuning", MIN (ids->len, N_TUNING), &tuning);
  if (held_back)
    print_counts ("held-back", ids->len > N_TUNING ? ids->len - N_TUNING : 0, &held);
  else
    g_print ("(held-back articles not scored: pass --held-back, once, at the end)\n");
  return 0;
}
