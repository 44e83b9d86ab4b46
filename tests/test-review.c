/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Review: adjudicating one document from two or three annotators' sets into
 * gold. What a curator relies on: the disagreements are exactly the places
 * where the sets differ, in document order; taking a version copies it with
 * its cue and speaker and says where each gold span came from; taking what
 * everyone agrees on is one undo step; an annotator who left the document
 * empty disagrees everywhere. */
#include <glib/gstdio.h>
#include <string.h>

#include "gloss-export.h"
#include "gloss-import.h"
#include "gloss-review.h"
#include "gloss-store.h"

/* Offsets are code points: the curly quotes, the Cyrillic and the emoji are
 * one each. */
#define TEXT "Vladimir Putin said “We are ready,” in Москва 😀. Ms King agreed."

typedef struct
{
  char       *dir;
  GlossStore *store;
  gint64      document;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GlossDocument) document = g_new0 (GlossDocument, 1);
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("gloss-test-review-XXXXXX", NULL);
  path = g_build_filename (f->dir, "team.gloss", NULL);
  f->store = gloss_store_open (path, GLOSS_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  document->id = g_strdup ("d1");
  document->title = g_strdup ("Putin");
  document->text = g_strdup (TEXT);
  g_assert_true (gloss_store_add_document (f->store, document, NULL, NULL, NULL, NULL, &error));
  f->document = document->rowid;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  g_clear_object (&f->store);
  g_assert_cmpint (system (cmd), ==, 0);
  g_free (f->dir);
}

static char *
add (Fixture    *f,
     const char *label,
     gint        start,
     gint        end)
{
  g_autoptr(GlossSpan) span = gloss_span_new (label, start, end);
  g_autoptr(GlossSpan) stored = NULL;
  g_autoptr(GError) error = NULL;

  stored = gloss_store_add_span (f->store, f->document, span, &error);
  g_assert_no_error (error);
  return g_strdup (stored->id);
}

static void
relate (Fixture    *f,
      const char *type,
      const char *from,
      const char *to)
{
  g_autoptr(GlossRelation) relation = gloss_relation_new (type, from, to);
  g_autoptr(GlossRelation) stored = NULL;
  g_autoptr(GError) error = NULL;

  stored = gloss_store_add_relation (f->store, f->document, relation, &error);
  g_assert_no_error (error);
}

/* ana: Vladimir Putin, the cue "said", the quote with its marks, Москва as GPE,
 * Ms King. ben: Putin only, no cue, the quote without its marks, Москва as LOC,
 * Ms King. */
static void
annotate_two (Fixture *f)
{
  g_autofree char *ana_putin = NULL, *ana_cue = NULL, *ana_quote = NULL;
  g_autofree char *ben_putin = NULL, *ben_quote = NULL;
  g_autofree char *ignored = NULL, *ignored2 = NULL, *ignored3 = NULL, *ignored4 = NULL;

  gloss_store_set_annotator (f->store, "ana");
  ana_putin = add (f, "PERSON", 0, 14);
  ana_cue = add (f, "CUE", 15, 19);
  ana_quote = add (f, "QUOTE", 20, 35);
  relate (f, "SPEAKER", ana_quote, ana_putin);
  relate (f, "CUE", ana_quote, ana_cue);
  ignored = add (f, "GPE", 39, 45);
  ignored2 = add (f, "PERSON", 49, 56);

  gloss_store_set_annotator (f->store, "ben");
  ben_putin = add (f, "PERSON", 9, 14);
  ben_quote = add (f, "QUOTE", 21, 34);
  relate (f, "SPEAKER", ben_quote, ben_putin);
  ignored3 = add (f, "LOC", 39, 45);
  ignored4 = add (f, "PERSON", 49, 56);
}

/* The gold set's spans as "LABEL a-b", by start. */
static char *
gold_spans (Fixture *f)
{
  g_autoptr(GPtrArray) spans = NULL;
  GString *out = g_string_new (NULL);

  gloss_store_view_set (f->store, "gold");
  spans = gloss_store_list_spans (f->store, f->document, NULL);
  g_ptr_array_sort (spans, gloss_span_compare);
  for (guint i = 0; i < spans->len; i++)
    {
      const GlossSpan *span = g_ptr_array_index (spans, i);

      g_string_append_printf (out, "%s%s %d-%d", i ? " " : "", span->label, gloss_span_get_start (span),
                              gloss_span_get_end (span));
    }
  return g_string_free (out, FALSE);
}

static const GlossSpan *
gold_span_at (GPtrArray *spans,
              gint       start)
{
  for (guint i = 0; i < spans->len; i++)
    if (gloss_span_get_start (g_ptr_array_index (spans, i)) == start)
      return g_ptr_array_index (spans, i);
  g_assert_not_reached ();
}

static void
test_disagreements (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GlossReview) review = NULL;
  g_autoptr(GError) error = NULL;
  const GlossReviewItem *item;

  annotate_two (f);
  review = gloss_review_new (f->store, f->document, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (gloss_review_get_n_annotators (review), ==, 2);
  g_assert_cmpstr (gloss_review_get_annotator (review, 0), ==, "ana");
  g_assert_cmpstr (gloss_review_get_annotator (review, 1), ==, "ben");
  /* Putin, the cue, the quote, Москва; Ms King is agreed. */
  g_assert_cmpuint (gloss_review_get_n_disagreements (review), ==, 4);
  g_assert_cmpuint (gloss_review_count_open_agreed (review), ==, 1);

  item = gloss_review_get_disagreement (review, 0);
  g_assert_cmpstr (item->layer, ==, "entity");
  g_assert_cmpint (item->start, ==, 0);
  g_assert_cmpint (item->end, ==, 14);
  g_assert_cmpuint (item->versions[0]->len, ==, 1);
  g_assert_cmpuint (item->versions[1]->len, ==, 1);
  g_assert_cmpint (item->gold_choice, ==, GLOSS_REVIEW_GOLD_EMPTY);

  item = gloss_review_get_disagreement (review, 1);
  g_assert_cmpstr (item->layer, ==, "quote");
  g_assert_cmpint (item->start, ==, 15);
  g_assert_cmpuint (item->versions[1]->len, ==, 0);

  item = gloss_review_get_disagreement (review, 2);
  g_assert_cmpint (item->start, ==, 20);
  g_assert_cmpint (item->end, ==, 35);

  item = gloss_review_get_disagreement (review, 3);
  g_assert_cmpint (item->start, ==, 39);
  g_assert_cmpstr (((GlossSpan *) item->versions[0]->pdata[0])->label, ==, "GPE");
  g_assert_cmpstr (((GlossSpan *) item->versions[1]->pdata[0])->label, ==, "LOC");

  /* The review leaves the store working in gold. */
  g_assert_cmpstr (gloss_store_get_viewing (f->store), ==, NULL);
  {
    g_autofree char *set = gloss_store_get_set (f->store);

    g_assert_cmpstr (set, ==, "gold");
  }
}

static void
test_take (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GlossReview) review = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autofree char *gold = NULL;
  gint64 document = 0;

  annotate_two (f);
  review = gloss_review_new (f->store, f->document, &error);
  g_assert_no_error (error);

  /* ben's Putin. */
  g_assert_true (gloss_review_take (review, 0, 1, &error));
  g_assert_no_error (error);
  gold = gold_spans (f);
  g_assert_cmpstr (gold, ==, "PERSON 9-14");
  g_clear_pointer (&gold, g_free);
  g_assert_cmpint (gloss_review_get_disagreement (review, 0)->gold_choice, ==, 1);

  /* ana's quote replaces nothing, and brings her cue and speaker along: the
   * speaker replaces ben's Putin in gold's eyes only where it is the same span. */
  g_assert_true (gloss_review_take (review, 2, 0, &error));
  g_assert_no_error (error);
  gold = gold_spans (f);
  g_assert_cmpstr (gold, ==, "PERSON 0-14 PERSON 9-14 CUE 15-19 QUOTE 20-35");
  g_clear_pointer (&gold, g_free);
  spans = gloss_store_list_spans (f->store, f->document, &error);
  relations = gloss_store_list_relations (f->store, f->document, &error);
  g_assert_cmpuint (relations->len, ==, 2);
  for (guint i = 0; i < relations->len; i++)
    {
      const GlossRelation *relation = g_ptr_array_index (relations, i);

      g_assert_cmpstr (relation->from_id, ==, gold_span_at (spans, 20)->id);
      g_assert_cmpstr (relation->to_id, ==,
                       gold_span_at (spans, g_str_equal (relation->type, "SPEAKER") ? 0 : 15)->id);
    }
  g_assert_cmpstr (gold_span_at (spans, 20)->origin, ==, "[\"ana:s3\"]");
  g_assert_cmpint (gloss_review_get_disagreement (review, 2)->gold_choice, ==, 0);
  g_assert_cmpint (gloss_review_get_disagreement (review, 1)->gold_choice, ==, 0);
  /* Gold now holds both Putins there: a version of its own. */
  g_assert_cmpint (gloss_review_get_disagreement (review, 0)->gold_choice, ==, GLOSS_REVIEW_GOLD_OWN);

  /* One undo step takes the quote, cue, speaker and both relations back. */
  g_assert_true (gloss_store_undo (f->store, &document, &error));
  g_assert_no_error (error);
  gold = gold_spans (f);
  g_assert_cmpstr (gold, ==, "PERSON 9-14");
  g_clear_pointer (&gold, g_free);

  /* Taking none clears gold there. */
  g_assert_true (gloss_review_reload (review, &error));
  g_assert_true (gloss_review_take (review, 0, -1, &error));
  g_assert_no_error (error);
  gold = gold_spans (f);
  g_assert_cmpstr (gold, ==, "");
  g_assert_cmpint (gloss_review_get_disagreement (review, 0)->gold_choice, ==, GLOSS_REVIEW_GOLD_EMPTY);
}

static void
test_take_agreed (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GlossReview) review = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autofree char *gold = NULL;
  gint64 document = 0;
  guint taken = 0;

  annotate_two (f);
  gloss_store_set_annotator (f->store, "carl");
  g_free (add (f, "PERSON", 49, 56));
  g_free (add (f, "GPE", 39, 45));
  review = gloss_review_new (f->store, f->document, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_review_get_n_annotators (review), ==, 3);
  g_assert_cmpuint (gloss_review_count_open_agreed (review), ==, 1);

  g_assert_true (gloss_review_take_agreed (review, &taken, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (taken, ==, 1);
  gold = gold_spans (f);
  g_assert_cmpstr (gold, ==, "PERSON 49-56");
  g_clear_pointer (&gold, g_free);
  spans = gloss_store_list_spans (f->store, f->document, &error);
  g_assert_cmpstr (((GlossSpan *) spans->pdata[0])->origin, ==, "[\"ana:s5\",\"ben:s4\",\"carl:s1\"]");
  g_assert_cmpuint (gloss_review_count_open_agreed (review), ==, 0);

  /* Again: nothing left to take, and no empty undo step. */
  g_assert_true (gloss_review_take_agreed (review, &taken, &error));
  g_assert_cmpuint (taken, ==, 0);
  g_assert_cmpstr (gloss_store_get_undo_description (f->store), ==, "Take what every annotator agrees on");
  g_assert_true (gloss_store_undo (f->store, &document, &error));
  gold = gold_spans (f);
  g_assert_cmpstr (gold, ==, "");
}

/* Relations every annotator drew between agreed spans come along. */
static void
test_agreed_relations (Fixture       *f,
                       gconstpointer  data)
{
  const char *annotators[] = { "ana", "ben" };
  g_autoptr(GlossReview) review = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  guint taken = 0;

  for (guint i = 0; i < G_N_ELEMENTS (annotators); i++)
    {
      g_autofree char *quote = NULL, *speaker = NULL;

      gloss_store_set_annotator (f->store, annotators[i]);
      speaker = add (f, "PERSON", 0, 14);
      quote = add (f, "QUOTE", 20, 35);
      relate (f, "SPEAKER", quote, speaker);
    }
  review = gloss_review_new (f->store, f->document, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_review_get_n_disagreements (review), ==, 0);
  g_assert_true (gloss_review_take_agreed (review, &taken, &error));
  g_assert_cmpuint (taken, ==, 2);
  relations = gloss_store_list_relations (f->store, f->document, &error);
  g_assert_cmpuint (relations->len, ==, 1);
  g_assert_cmpstr (((GlossRelation *) relations->pdata[0])->type, ==, "SPEAKER");
}

/* An annotator who marked the document done with nothing in it disagrees with
 * every span of the others. */
static void
test_empty_annotator (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GlossReview) review = NULL;
  g_autoptr(GError) error = NULL;

  annotate_two (f);
  gloss_store_set_annotator (f->store, "dora");
  g_assert_true (gloss_store_set_document_status (f->store, f->document, GLOSS_STATUS_DONE, &error));
  review = gloss_review_new (f->store, f->document, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_review_get_n_annotators (review), ==, 3);
  g_assert_cmpuint (gloss_review_get_n_disagreements (review), ==, 5);
  g_assert_cmpuint (gloss_review_count_open_agreed (review), ==, 0);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpuint (gloss_review_get_disagreement (review, i)->versions[2]->len, ==, 0);
}

static char *
export_gold (GlossStore *store,
             const char *path)
{
  GlossExportOptions options = { .format = "jsonl", .output = path, .set = "gold" };
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_autoptr(GlossReport) report = gloss_report_new (NULL, NULL);

  g_assert_true (gloss_export (store, &options, NULL, report, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

/* `export --set gold` holds the adjudicated spans with "from", and a project
 * that imports that file exports the same again. */
static void
test_provenance_exported (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GlossReview) review = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) copy = NULL;
  g_autofree char *first = g_build_filename (f->dir, "gold.jsonl", NULL);
  g_autofree char *second = g_build_filename (f->dir, "again.jsonl", NULL);
  g_autofree char *copy_path = g_build_filename (f->dir, "copy.gloss", NULL);
  g_autofree char *exported = NULL;
  g_autofree char *again = NULL;
  GlossImportOptions options = { .format = "jsonl" };
  GlossImportResult result = { 0 };
  g_autoptr(GlossReport) report = gloss_report_new (NULL, NULL);

  annotate_two (f);
  review = gloss_review_new (f->store, f->document, &error);
  g_assert_true (gloss_review_take_agreed (review, NULL, &error));
  g_assert_true (gloss_review_take (review, 3, 1, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_store_set_document_status (f->store, f->document, GLOSS_STATUS_DONE, &error));

  exported = export_gold (f->store, first);
  g_assert_nonnull (strstr (exported, "\"annotator\":\"gold\""));
  g_assert_nonnull (strstr (exported, "\"label\":\"LOC\""));
  g_assert_null (strstr (exported, "\"label\":\"GPE\""));
  g_assert_nonnull (strstr (exported, "\"from\":[\"ben:s3\"]"));
  g_assert_nonnull (strstr (exported, "\"from\":[\"ana:s5\",\"ben:s4\"]"));

  copy = gloss_store_open (copy_path, GLOSS_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (gloss_import_path (copy, first, &options, report, &result, NULL, &error));
  g_assert_no_error (error);
  g_free (result.first_id);
  again = export_gold (copy, second);
  /* The spans, provenance and all (an import notes in "meta" that it normalised nothing). */
  g_assert_cmpstr (strstr (again, "\"spans\""), ==, strstr (exported, "\"spans\""));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/review/disagreements", test_disagreements);
  ADD ("/review/take", test_take);
  ADD ("/review/take-agreed", test_take_agreed);
  ADD ("/review/agreed-relations", test_agreed_relations);
  ADD ("/review/empty-annotator", test_empty_annotator);
  ADD ("/review/provenance-exported", test_provenance_exported);
#undef ADD

  return g_test_run ();
}
