/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The candidates for the other end of a relation, over the default (OntoNotes)
 * schema of a new project: what can fill each role, and in which order the
 * link picker offers them. */
#include <glib/gstdio.h>
#include <string.h>

#include "gloss-link.h"
#include "gloss-store.h"

/* A speaker before the quote, places named inside it, a SOURCE and a person
 * after it, a date: as a news article has them. */
#define TEXT "Nordvåg Seafood said on Tuesday that Søren Ødegård told staff: “We cannot sell to " \
             "buyers in Germany and France since 2021.” A spokesman declined to comment. " \
             "Mayor Hilde Brekke said he was wrong."

typedef struct
{
  char       *dir;
  GlossStore *store;
  GPtrArray  *spans;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("gloss-test-link-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "p.gloss", NULL);
  f->store = gloss_store_open (path, GLOSS_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  f->spans = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_span_free);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_pointer (&f->spans, g_ptr_array_unref);
  g_clear_object (&f->store);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (f->dir, name, NULL);

      g_unlink (child);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static gint
offset_of (const char *needle)
{
  const char *at = strstr (TEXT, needle);

  g_assert_nonnull (at);
  return (gint) g_utf8_pointer_to_offset (TEXT, at);
}

/* A span over @needle (its first occurrence), with the id @id. */
static GlossSpan *
add (Fixture    *f,
     const char *id,
     const char *label,
     const char *needle)
{
  gint start = offset_of (needle);
  GlossSpan *span = gloss_span_new (label, start, start + (gint) g_utf8_strlen (needle, -1));

  span->id = g_strdup (id);
  g_ptr_array_add (f->spans, span);
  return span;
}

static GPtrArray *
labels (Fixture *f)
{
  return gloss_store_list_labels (f->store);
}

/* The ids of the ranked candidates, joined by spaces. */
static char *
ranked_ids (Fixture         *f,
            const char      *type,
            const GlossSpan *source)
{
  g_autoptr(GPtrArray) ranked = gloss_link_rank_candidates (labels (f), type, source, f->spans);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < ranked->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? " " : "", ((GlossSpan *) g_ptr_array_index (ranked, i))->id);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static GlossSpan *
tag_article (Fixture *f)
{
  GlossSpan *quote;

  add (f, "nordvag", "ORG", "Nordvåg Seafood");
  add (f, "said", "CUE", "said");
  add (f, "odegard", "PERSON", "Søren Ødegård");
  add (f, "told", "CUE", "told");
  quote = add (f, "quote", "QUOTE", "“We cannot sell to buyers in Germany and France since 2021.”");
  add (f, "germany", "GPE", "Germany");
  add (f, "france", "GPE", "France");
  add (f, "year", "DATE", "2021");
  add (f, "spokesman", "SOURCE", "A spokesman");
  add (f, "brekke", "PERSON", "Hilde Brekke");
  return quote;
}

/* Who said it: who could have, outside the quote, nearest first; then the
 * places the quote names (GPE can speak, "France said", but not here); never
 * the date, the cues or the quote itself. */
static void
test_speaker_order (Fixture       *f,
                    gconstpointer  data)
{
  GlossSpan *quote = tag_article (f);
  g_autofree char *speakers = ranked_ids (f, "SPEAKER", quote);
  g_autofree char *addressees = ranked_ids (f, "ADDRESSEE", quote);

  g_assert_cmpstr (speakers, ==, "spokesman odegard brekke nordvag germany france");
  g_assert_cmpstr (addressees, ==, speakers);
}

static void
test_cue_order (Fixture       *f,
                gconstpointer  data)
{
  GlossSpan *quote = tag_article (f);
  g_autofree char *cues = ranked_ids (f, "CUE", quote);

  g_assert_cmpstr (cues, ==, "told said");
}

/* "he told reporters" between the two parts of a quote is not inside it. */
static void
test_speaker_between_fragments (Fixture       *f,
                                gconstpointer  data)
{
  GlossSpan *quote = tag_article (f);
  g_autofree char *speakers = NULL;

  /* The quote in two parts, with "Germany and " between them. */
  g_array_set_size (quote->fragments, 0);
  gloss_span_add_fragment (quote, offset_of ("“We"), offset_of ("Germany"));
  gloss_span_add_fragment (quote, offset_of ("France"), offset_of (" A spokesman"));

  speakers = ranked_ids (f, "SPEAKER", quote);
  g_assert_true (g_str_has_prefix (speakers, "germany "));
  g_assert_true (g_str_has_suffix (speakers, " france"));
}

/* A claim: its claimant as a speaker; the quote around it before another. */
static void
test_claim (Fixture       *f,
            gconstpointer  data)
{
  GlossSpan *quote = tag_article (f);
  GlossSpan *claim = add (f, "claim", "CLAIM", "he was wrong");
  GlossSpan *inner = add (f, "inner", "CLAIM", "We cannot sell");
  g_autofree char *claimants = NULL;
  g_autofree char *quotes = NULL;

  add (f, "later", "QUOTE", "said he was wrong");
  claimants = ranked_ids (f, "CLAIMANT", claim);

  g_assert_true (g_str_has_prefix (claimants, "brekke spokesman "));
  g_assert_null (strstr (claimants, "year"));

  g_assert_true (gloss_link_can_start (labels (f), "IN_QUOTE", inner));
  quotes = ranked_ids (f, "IN_QUOTE", inner);
  g_assert_cmpstr (quotes, ==, "quote later");
  g_clear_pointer (&quotes, g_free);
  quotes = ranked_ids (f, "IN_QUOTE", claim);
  g_assert_cmpstr (quotes, ==, "later quote");
  g_assert_false (gloss_link_can_start (labels (f), "IN_QUOTE", quote));
}

/* The antecedent of a mention: the same label first, then the nearest. */
static void
test_coref (Fixture       *f,
            gconstpointer  data)
{
  GlossSpan *he;
  g_autofree char *antecedents = NULL;

  tag_article (f);
  he = gloss_span_new ("PERSON", offset_of ("he was"), offset_of ("he was") + 2);
  he->id = g_strdup ("he");
  g_ptr_array_add (f->spans, he);
  antecedents = ranked_ids (f, "COREF", he);
  g_assert_true (g_str_has_prefix (antecedents, "brekke odegard "));
  g_assert_null (strstr (antecedents, "spokesman"));
}

/* Which annotation a relation goes from, and which labels can end it. */
static void
test_roles (Fixture       *f,
            gconstpointer  data)
{
  GlossSpan *quote = tag_article (f);
  GlossSpan *person = g_ptr_array_index (f->spans, 2);
  GlossSpan *claim = add (f, "claim", "CLAIM", "he was wrong");
  GlossSpan *source = add (f, "source", "SOURCE", "A spokesman");

  g_assert_true (gloss_link_can_start (labels (f), "SPEAKER", quote));
  g_assert_true (gloss_link_can_start (labels (f), "CUE", quote));
  g_assert_false (gloss_link_can_start (labels (f), "SPEAKER", person));
  g_assert_false (gloss_link_can_start (labels (f), "SPEAKER", claim));
  g_assert_true (gloss_link_can_start (labels (f), "CLAIMANT", claim));
  g_assert_false (gloss_link_can_start (labels (f), "CLAIMANT", quote));
  g_assert_true (gloss_link_can_start (labels (f), "COREF", person));
  g_assert_true (gloss_link_can_start (labels (f), "COREF", source));
  g_assert_false (gloss_link_can_start (labels (f), "COREF", quote));
  g_assert_false (gloss_link_can_start (labels (f), "NO_SUCH_TYPE", quote));

  g_assert_true (gloss_link_label_fits (labels (f), "SPEAKER", "PERSON"));
  g_assert_true (gloss_link_label_fits (labels (f), "SPEAKER", "ORG"));
  g_assert_true (gloss_link_label_fits (labels (f), "SPEAKER", "SOURCE"));
  g_assert_false (gloss_link_label_fits (labels (f), "SPEAKER", "DATE"));
  g_assert_false (gloss_link_label_fits (labels (f), "SPEAKER", "CUE"));
  g_assert_true (gloss_link_label_fits (labels (f), "CUE", "CUE"));
  g_assert_false (gloss_link_label_fits (labels (f), "CUE", "PERSON"));
  g_assert_true (gloss_link_label_fits (labels (f), "CLAIMANT", "NORP"));
  g_assert_false (gloss_link_label_fits (labels (f), "SPEAKER", "NO_SUCH_LABEL"));
  g_assert_false (gloss_link_label_fits (labels (f), "NO_SUCH_TYPE", "PERSON"));
}

/* Renamed, a label keeps its role: kinds count, not names. */
static void
test_renamed_label (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GlossLabel) changes = gloss_label_new ();
  g_autoptr(GError) error = NULL;
  GlossSpan *quote = tag_article (f);
  g_autofree char *speakers = NULL;

  changes->name = g_strdup ("HUMAN");
  g_assert_true (gloss_store_update_label (f->store, "PERSON", changes, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < f->spans->len; i++)
    {
      GlossSpan *span = g_ptr_array_index (f->spans, i);

      if (g_str_equal (span->label, "PERSON"))
        {
          g_free (span->label);
          span->label = g_strdup ("HUMAN");
        }
    }
  g_assert_true (gloss_link_label_fits (labels (f), "SPEAKER", "HUMAN"));
  speakers = ranked_ids (f, "SPEAKER", quote);
  g_assert_cmpstr (speakers, ==, "spokesman odegard brekke nordvag germany france");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/link/speaker-order", test_speaker_order);
  ADD ("/link/cue-order", test_cue_order);
  ADD ("/link/speaker-between-fragments", test_speaker_between_fragments);
  ADD ("/link/claim", test_claim);
  ADD ("/link/coref", test_coref);
  ADD ("/link/roles", test_roles);
  ADD ("/link/renamed-label", test_renamed_label);
#undef ADD

  return g_test_run ();
}
