/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gloss-agreement.h"

/* Published values are checked to three decimals, hand-computed ones exactly. */
#define PUBLISHED 0.0005
#define EXACT     1e-9

#define assert_number(root, path, expected, epsilon) \
  g_assert_cmpfloat_with_epsilon (number_at ((root), (path)), (expected), (epsilon))
#define assert_null(root, path) \
  g_assert_true (JSON_NODE_HOLDS_NULL (node_at ((root), (path))))

static JsonNode *
node_at (JsonNode   *root,
         const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  JsonNode *node = root;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (JSON_NODE_HOLDS_ARRAY (node))
        node = json_array_get_element (json_node_get_array (node), atoi (parts[i]));
      else
        node = json_object_get_member (json_node_get_object (node), parts[i]);
      if (node == NULL)
        g_error ("no %s in the result", path);
    }
  return node;
}

static gdouble
number_at (JsonNode   *root,
           const char *path)
{
  JsonNode *node = node_at (root, path);

  if (JSON_NODE_HOLDS_NULL (node))
    return NAN;
  return json_node_get_double (node);
}

static GPtrArray *
spans_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_span_free);
}

static GlossSpan *
add_span (GPtrArray  *spans,
          const char *label,
          gint        start,
          gint        end)
{
  GlossSpan *span = gloss_span_new (label, start, end);

  span->id = g_strdup_printf ("s%u", spans->len + 1);
  g_ptr_array_add (spans, span);
  return span;
}

/* @n_annotators sets of spans (or an empty list of lists), freed with the array. */
static GPtrArray *
sets_new (guint n_annotators)
{
  GPtrArray *sets = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < n_annotators; i++)
    g_ptr_array_add (sets, spans_new ());
  return sets;
}

static GPtrArray *
set_at (GPtrArray *sets,
        guint      i)
{
  return g_ptr_array_index (sets, i);
}

static void
add_document (GlossAgreement *agreement,
              const char     *text,
              GPtrArray      *sets)
{
  gloss_agreement_add_document (agreement, text, (GPtrArray * const *) sets->pdata, NULL, NULL);
}

/* ---- Published worked examples ---- */

/* Fleiss (1971) as Wikipedia presents it: 10 subjects, 14 raters, 5 categories;
 * how many raters put each subject in each category. */
static const guint fleiss_table[10][5] = {
  { 0, 0, 0, 0, 14 },
  { 0, 2, 6, 4, 2 },
  { 0, 0, 3, 5, 6 },
  { 0, 3, 9, 2, 0 },
  { 2, 2, 8, 1, 1 },
  { 7, 7, 0, 0, 0 },
  { 3, 2, 6, 3, 0 },
  { 2, 5, 3, 2, 2 },
  { 6, 5, 2, 1, 0 },
  { 0, 2, 2, 3, 7 },
};

static void
test_fleiss_1971 (void)
{
  const char *labels[] = { "C1", "C2", "C3", "C4", "C5", NULL };
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) sets = sets_new (14);
  g_autoptr(GlossAgreement) agreement = NULL;
  g_autoptr(JsonNode) root = NULL;

  for (guint r = 0; r < 14; r++)
    g_ptr_array_add (names, g_strdup_printf ("rater%u", r + 1));
  g_ptr_array_add (names, NULL);
  agreement = gloss_agreement_new ((const char * const *) names->pdata, labels);

  /* One document, one word per subject: "a b c d e f g h i j". */
  for (guint subject = 0; subject < 10; subject++)
    {
      guint rater = 0;

      for (guint category = 0; category < 5; category++)
        for (guint k = 0; k < fleiss_table[subject][category]; k++)
          add_span (set_at (sets, rater++), labels[category], 2 * subject, 2 * subject + 1);
      g_assert_cmpuint (rater, ==, 14);
    }
  add_document (agreement, "a b c d e f g h i j", sets);
  root = gloss_agreement_to_json (agreement);

  assert_number (root, "overall/fleiss_kappa", 0.210, PUBLISHED);
  g_assert_cmpint (json_node_get_int (node_at (root, "documents")), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node_at (root, "pairs"))),
                    ==, 14 * 13 / 2);
}

/* Wikipedia's Cohen's kappa example: 50 proposals read by two editors; 20 both
 * yes, 5 only A, 10 only B, 15 both no. p_o = 0.7, p_e = 0.5, kappa = 0.4. */
static void
test_cohen_yes_no (void)
{
  const char *annotators[] = { "a", "b", NULL };
  const char *labels[] = { "YES", NULL };
  g_autoptr(GlossAgreement) agreement = gloss_agreement_new (annotators, labels);
  g_autoptr(GPtrArray) sets = sets_new (2);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(JsonNode) root = NULL;

  for (guint i = 0; i < 50; i++)
    {
      g_string_append (text, i > 0 ? " x" : "x");
      if (i < 25)
        add_span (set_at (sets, 0), "YES", 2 * i, 2 * i + 1);
      if (i < 20 || (i >= 25 && i < 35))
        add_span (set_at (sets, 1), "YES", 2 * i, 2 * i + 1);
    }
  add_document (agreement, text->str, sets);
  root = gloss_agreement_to_json (agreement);

  assert_number (root, "pairs/0/cohen_kappa", 0.4, PUBLISHED);
  assert_number (root, "overall/cohen_kappa", 0.4, EXACT);
  assert_null (root, "overall/fleiss_kappa");
  /* 20 of 25 and 30 spans match: 40 / 55. */
  assert_number (root, "overall/exact_f1", 40.0 / 55, EXACT);
  assert_number (root, "labels/YES/overlap_f1", 40.0 / 55, EXACT);
  assert_number (root, "labels/YES/count/a", 25, EXACT);
  assert_number (root, "labels/YES/count/b", 30, EXACT);
}

/* The unitizing example of Krippendorff (2004, Content Analysis, p. 254), as
 * DKPro Agreement's Krippendorff2004Test has it: continuum 150..450, two
 * observers, categories c and k. alpha_c = 0.7286, alpha_k = 1, alpha = 0.8591. */
static void
test_krippendorff_2004 (void)
{
  const char *annotators[] = { "i", "j", NULL };
  const char *labels[] = { "c", "k", NULL };
  g_autoptr(GlossAgreement) agreement = gloss_agreement_new (annotators, labels);
  g_autoptr(GPtrArray) sets = sets_new (2);
  g_autofree char *text = g_strnfill (300, 'x');
  g_autoptr(JsonNode) root = NULL;

  /* Offsets from the continuum's start at 150. */
  add_span (set_at (sets, 0), "c", 225 - 150, 295 - 150);
  add_span (set_at (sets, 0), "c", 370 - 150, 400 - 150);
  add_span (set_at (sets, 1), "c", 220 - 150, 300 - 150);
  add_span (set_at (sets, 1), "c", 355 - 150, 375 - 150);
  add_span (set_at (sets, 1), "c", 400 - 150, 420 - 150);
  for (guint r = 0; r < 2; r++)
    {
      add_span (set_at (sets, r), "k", 180 - 150, 240 - 150);
      add_span (set_at (sets, r), "k", 300 - 150, 350 - 150);
    }
  add_document (agreement, text, sets);
  root = gloss_agreement_to_json (agreement);

  assert_number (root, "labels/c/alpha_u", 0.7286, PUBLISHED);
  assert_number (root, "labels/k/alpha_u", 1.0, EXACT);
  assert_number (root, "overall/alpha_u", 0.8591, PUBLISHED);
}

/* DKPro Agreement's UnitizingAgreementTest: a continuum of 10, one unit 1..9
 * against three short ones; alpha_A = -0.7003. */
static void
test_unitizing_dkpro (void)
{
  const char *annotators[] = { "r0", "r1", NULL };
  const char *labels[] = { "A", NULL };
  g_autoptr(GlossAgreement) agreement = gloss_agreement_new (annotators, labels);
  g_autoptr(GPtrArray) sets = sets_new (2);
  g_autoptr(JsonNode) root = NULL;

  add_span (set_at (sets, 0), "A", 1, 9);
  add_span (set_at (sets, 1), "A", 2, 3);
  add_span (set_at (sets, 1), "A", 4, 5);
  add_span (set_at (sets, 1), "A", 6, 7);
  add_document (agreement, "xxxxxxxxxx", sets);
  root = gloss_agreement_to_json (agreement);

  assert_number (root, "labels/A/alpha_u", -0.7003, PUBLISHED);
  assert_number (root, "overall/alpha_u", -0.7003, PUBLISHED);
}

/* DKPro's testSingleAnnotationUnit: one unit of one of three raters over 20
 * positions; observed and expected disagreement are equal, alpha_U = 0. */
static void
test_unitizing_single_unit (void)
{
  const char *annotators[] = { "r0", "r1", "r2", NULL };
  const char *labels[] = { "X", NULL };
  g_autoptr(GlossAgreement) agreement = gloss_agreement_new (annotators, labels);
  g_autoptr(GPtrArray) sets = sets_new (3);
  g_autofree char *text = g_strnfill (20, 'x');
  g_autoptr(JsonNode) root = NULL;

  add_span (set_at (sets, 0), "X", 0, 1);
  add_document (agreement, text, sets);
  root = gloss_agreement_to_json (agreement);

  assert_number (root, "labels/X/alpha_u", 0.0, EXACT);
}

/* ---- Hand-computed cases ---- */

static const char *entity_labels[] = { "PER", "ORG", "LOC", NULL };

static GlossSpan *
add_discontinuous (GPtrArray  *spans,
                   const char *label,
                   gint        start1,
                   gint        end1,
                   gint        start2,
                   gint        end2)
{
  GlossSpan *span = add_span (spans, label, start1, end1);

  gloss_span_add_fragment (span, start2, end2);
  return span;
}

/* "aa bb cc dd ee ff": six tokens at 0, 3, 6, 9, 12, 15. A and B agree on the
 * nested LOC and the discontinuous PER "aa … ee", not on ORG's end. */
static void
nested_document (GPtrArray *sets)
{
  add_span (set_at (sets, 0), "ORG", 0, 11);
  add_span (set_at (sets, 0), "LOC", 6, 11);
  add_discontinuous (set_at (sets, 0), "PER", 0, 2, 12, 14);
  add_span (set_at (sets, 1), "ORG", 0, 8);
  add_span (set_at (sets, 1), "LOC", 6, 11);
  add_discontinuous (set_at (sets, 1), "PER", 0, 2, 12, 14);
}

static void
test_nested_discontinuous (void)
{
  const char *annotators[] = { "a", "b", NULL };
  g_autoptr(GlossAgreement) agreement = gloss_agreement_new (annotators, entity_labels);
  g_autoptr(GPtrArray) sets = sets_new (2);
  g_autoptr(JsonNode) root = NULL;

  nested_document (sets);
  add_document (agreement, "aa bb cc dd ee ff", sets);
  root = gloss_agreement_to_json (agreement);

  assert_number (root, "overall/exact_f1", 4.0 / 6, EXACT);
  assert_number (root, "overall/overlap_f1", 1.0, EXACT);
  assert_number (root, "labels/PER/exact_f1", 1.0, EXACT);
  assert_number (root, "labels/ORG/exact_f1", 0.0, EXACT);
  assert_number (root, "labels/ORG/overlap_f1", 1.0, EXACT);
  /* Tokens, longest covering span: A ORG ORG ORG ORG PER O, B ORG ORG ORG LOC
   * PER O. p_o = 5/6, p_e = (4·3 + 1·1 + 1·1)/36, kappa = 16/22. */
  assert_number (root, "pairs/0/cohen_kappa", 16.0 / 22, EXACT);
  assert_number (root, "overall/cohen_kappa", 16.0 / 22, EXACT);
  /* Both have LOC 6..11 alone: identical units. */
  assert_number (root, "labels/LOC/alpha_u", 1.0, EXACT);
  g_assert_cmpfloat (number_at (root, "labels/ORG/alpha_u"), <, 1.0);
}

/* --label ORG: only ORG spans count, tokens are ORG or O. */
static void
test_focus_label (void)
{
  const char *annotators[] = { "a", "b", NULL };
  g_autoptr(GlossAgreement) agreement = gloss_agreement_new (annotators, entity_labels);
  g_autoptr(GPtrArray) sets = sets_new (2);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *labels;

  g_assert_false (gloss_agreement_set_focus_label (agreement, "NOPE"));
  g_assert_true (gloss_agreement_set_focus_label (agreement, "ORG"));
  nested_document (sets);
  add_document (agreement, "aa bb cc dd ee ff", sets);
  root = gloss_agreement_to_json (agreement);

  labels = json_node_get_object (node_at (root, "labels"));
  g_assert_cmpuint (json_object_get_size (labels), ==, 1);
  g_assert_true (json_object_has_member (labels, "ORG"));
  assert_number (root, "overall/exact_f1", 0.0, EXACT);
  assert_number (root, "overall/overlap_f1", 1.0, EXACT);
  /* A ORG ×4, O ×2; B ORG ×3, O ×3: p_o = 5/6, p_e = 1/2, kappa = 2/3. */
  assert_number (root, "overall/cohen_kappa", 2.0 / 3, EXACT);
}

/* Equal lengths: the label earlier in the schema wins the token; a token
 * touched on one code point is covered. */
static void
test_token_ties (void)
{
  const char *annotators[] = { "a", "b", NULL };
  g_autoptr(GlossAgreement) agreement = gloss_agreement_new (annotators, entity_labels);
  g_autoptr(GPtrArray) sets = sets_new (2);
  g_autoptr(JsonNode) root = NULL;

  add_span (set_at (sets, 0), "LOC", 0, 2);
  add_span (set_at (sets, 0), "PER", 0, 2);
  add_span (set_at (sets, 1), "LOC", 0, 2);
  /* "bb cc": both edges only touch a token. */
  add_span (set_at (sets, 0), "ORG", 4, 7);
  add_span (set_at (sets, 1), "ORG", 4, 7);
  add_document (agreement, "aa bb cc dd", sets);
  root = gloss_agreement_to_json (agreement);

  /* Tokens: A PER ORG ORG O, B LOC ORG ORG O: p_o = 3/4,
   * p_e = (2·2 + 1·1)/16, kappa = (12 - 5)/(16 - 5). */
  assert_number (root, "overall/cohen_kappa", 7.0 / 11, EXACT);
}

/* One annotator's two overlapping PER spans are one unit for alpha_U, and
 * still two spans for F1. */
static void
test_overlapping_units_merged (void)
{
  const char *annotators[] = { "a", "b", NULL };
  g_autoptr(GlossAgreement) agreement = gloss_agreement_new (annotators, entity_labels);
  g_autoptr(GPtrArray) sets = sets_new (2);
  g_autofree char *text = g_strnfill (20, 'x');
  g_autoptr(JsonNode) root = NULL;

  add_span (set_at (sets, 0), "PER", 0, 6);
  add_span (set_at (sets, 0), "PER", 4, 10);
  add_span (set_at (sets, 1), "PER", 0, 10);
  add_document (agreement, text, sets);
  root = gloss_agreement_to_json (agreement);

  assert_number (root, "labels/PER/alpha_u", 1.0, EXACT);
  assert_number (root, "overall/alpha_u", 1.0, EXACT);
  assert_number (root, "labels/PER/overlap_f1", 2.0 / 3, EXACT);
  assert_number (root, "labels/PER/count/a", 2, EXACT);
  /* Labels nobody used have no alpha. */
  assert_null (root, "labels/LOC/alpha_u");
  assert_null (root, "labels/LOC/exact_f1");
}

/* Each document is its own stretch of the continuum: a gap at the end of one
 * does not run on into the next. Two documents of 10; A marks 2..5 in the first,
 * B 2..5 in the first and 0..3 in the second. D_o = 2·3²/(2·1·20²); units 3, 3, 3
 * and gaps 2, 5, 10 (A), 2, 5, 7 (B): D_e = 2/20 · 3·(20 + 9·19) / (2·20·39 - 18). */
static void
test_unitizing_documents (void)
{
  const char *annotators[] = { "a", "b", NULL };
  g_autoptr(GlossAgreement) agreement = gloss_agreement_new (annotators, entity_labels);
  g_autoptr(GPtrArray) doc1 = sets_new (2);
  g_autoptr(GPtrArray) doc2 = sets_new (2);
  g_autoptr(JsonNode) root = NULL;
  gdouble expected;

  add_span (set_at (doc1, 0), "PER", 2, 5);
  add_span (set_at (doc1, 1), "PER", 2, 5);
  add_span (set_at (doc2, 1), "PER", 0, 3);
  add_document (agreement, "xxxxxxxxxx", doc1);
  add_document (agreement, "xxxxxxxxxx", doc2);
  root = gloss_agreement_to_json (agreement);

  expected = 1 - (18.0 / 800) / ((2.0 / 20) * 573 / (1560 - 18));
  assert_number (root, "labels/PER/alpha_u", expected, 1e-12);
  assert_number (root, "overall/alpha_u", expected, 1e-12);
}

/* Offsets are code points: an emoji is one, Cyrillic letters are one each.
 * "😀 Путин сказал 😀 в Москве" is 25 code points and 6 tokens. */
static void
test_code_points (void)
{
  const char *annotators[] = { "a", "b", NULL };
  const char *text = "😀 Путин сказал 😀 в Москве";
  g_autoptr(GlossAgreement) agreement = gloss_agreement_new (annotators, entity_labels);
  g_autoptr(GPtrArray) sets = sets_new (2);
  g_autoptr(JsonNode) root = NULL;
  gdouble expected_per;

  add_span (set_at (sets, 0), "PER", 2, 7);
  add_span (set_at (sets, 0), "PER", 15, 16);
  add_span (set_at (sets, 0), "LOC", 19, 25);
  add_span (set_at (sets, 1), "PER", 2, 7);
  add_span (set_at (sets, 1), "LOC", 19, 24);
  add_document (agreement, text, sets);
  root = gloss_agreement_to_json (agreement);

  assert_number (root, "overall/exact_f1", 2.0 / 5, EXACT);
  assert_number (root, "overall/overlap_f1", 4.0 / 5, EXACT);
  /* Tokens: A O PER O PER O LOC, B O PER O O O LOC: p_o = 5/6,
   * p_e = (2·1 + 1·1 + 3·4)/36, kappa = 15/21. */
  assert_number (root, "overall/cohen_kappa", 15.0 / 21, EXACT);
  /* PER over L = 25: D_o = 2·1²/(2·1·25²); D_e from units 5, 1, 5 and gaps
   * 2, 8, 9 (A) and 2, 18 (B): 2/25 · 1429 / (2·25·49 - 40). */
  expected_per = 1 - (2.0 / 1250) / ((2.0 / 25) * 1429 / (2450 - 40));
  assert_number (root, "labels/PER/alpha_u", expected_per, 1e-12);
}

/* Tokens are the exports' tokens: "’s" is one of its own, so a name with
 * and without it agree on the name and not on the clitic.
 * "Uber’s drivers don't" is 21 code points and 5 tokens. */
static void
test_clitic_tokens (void)
{
  const char *annotators[] = { "a", "b", NULL };
  g_autoptr(GlossAgreement) agreement = gloss_agreement_new (annotators, entity_labels);
  g_autoptr(GPtrArray) sets = sets_new (2);
  g_autoptr(JsonNode) root = NULL;

  add_span (set_at (sets, 0), "ORG", 0, 4);
  add_span (set_at (sets, 1), "ORG", 0, 6);
  add_document (agreement, "Uber’s drivers don't", sets);
  root = gloss_agreement_to_json (agreement);

  assert_number (root, "overall/exact_f1", 0.0, EXACT);
  /* Tokens Uber ’s drivers do n't: A ORG O O O O, B ORG ORG O O O:
   * p_o = 4/5, p_e = (1·2 + 4·3)/25, kappa = (20 - 14)/(25 - 14). */
  assert_number (root, "overall/cohen_kappa", 6.0 / 11, EXACT);
}

/* A set that lacks a document (NULL) leaves it out of that set's pairs; an
 * empty set is a document annotated with nothing found. */
static void
test_missing_and_empty (void)
{
  const char *annotators[] = { "ana", "ben", "cy", NULL };
  const char *text = "aa bb cc";
  g_autoptr(GlossAgreement) agreement = gloss_agreement_new (annotators, entity_labels);
  g_autoptr(GPtrArray) doc1 = sets_new (3);
  g_autoptr(GPtrArray) doc2 = sets_new (3);
  g_autoptr(GPtrArray) doc3 = sets_new (3);
  g_autoptr(JsonNode) root = NULL;
  GPtrArray *cy_lacks_doc2[] = { set_at (doc2, 0), set_at (doc2, 1), NULL };

  for (guint r = 0; r < 3; r++)
    add_span (set_at (doc1, r), "PER", 0, 2);
  add_span (set_at (doc2, 0), "PER", 3, 5);
  add_span (set_at (doc2, 1), "PER", 3, 5);
  add_span (set_at (doc3, 0), "PER", 6, 8);
  add_span (set_at (doc3, 2), "PER", 6, 8);
  add_document (agreement, text, doc1);
  gloss_agreement_add_document (agreement, text, cy_lacks_doc2, NULL, NULL);
  add_document (agreement, text, doc3);
  root = gloss_agreement_to_json (agreement);

  g_assert_cmpint (json_node_get_int (node_at (root, "documents")), ==, 2);
  g_assert_cmpuint (gloss_agreement_get_n_documents (agreement), ==, 2);
  assert_number (root, "pairs/0/exact_f1", 4.0 / 5, EXACT);      /* ana–ben, 3 documents */
  assert_number (root, "pairs/1/exact_f1", 1.0, EXACT);          /* ana–cy, 2 documents */
  assert_number (root, "pairs/2/exact_f1", 2.0 / 3, EXACT);      /* ben–cy */
  assert_number (root, "overall/exact_f1", (0.8 + 1.0 + 2.0 / 3) / 3, EXACT);
  assert_number (root, "labels/PER/count/ana", 3, EXACT);
  assert_number (root, "labels/PER/count/ben", 2, EXACT);
  assert_number (root, "labels/PER/count/cy", 2, EXACT);
  /* Fleiss over documents 1 and 3 (6 tokens, 3 raters): P̄ = 288/324,
   * P̄e = (5² + 13²)/18², kappa = 94/130. */
  assert_number (root, "overall/fleiss_kappa", 94.0 / 130, EXACT);
  g_assert_cmpstr (json_node_get_string (node_at (root, "pairs/2/a")), ==, "ben");
  g_assert_cmpstr (json_node_get_string (node_at (root, "pairs/2/b")), ==, "cy");
}

/* Nothing to compare: every measure is null, not 0 or NaN. */
static void
test_undefined (void)
{
  const char *annotators[] = { "a", "b", NULL };
  g_autoptr(GlossAgreement) agreement = gloss_agreement_new (annotators, entity_labels);
  g_autoptr(GPtrArray) sets = sets_new (2);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;

  add_document (agreement, "nothing here", sets);
  root = gloss_agreement_to_json (agreement);

  assert_null (root, "overall/exact_f1");
  assert_null (root, "overall/overlap_f1");
  assert_null (root, "overall/cohen_kappa");
  assert_null (root, "overall/fleiss_kappa");
  assert_null (root, "overall/alpha_u");
  assert_null (root, "pairs/0/cohen_kappa");
  assert_null (root, "quotes/speaker_agreement");
  g_assert_cmpint (json_node_get_int (node_at (root, "quotes/matched")), ==, 0);
  json = json_to_string (root, FALSE);
  g_assert_null (strstr (json, "nan"));
}

/* "aa bb cc dd": A PER aa, ORG bb–cc, LOC dd; B PER aa, LOC bb, PER cc. */
static void
test_confusion (void)
{
  const char *annotators[] = { "a", "b", NULL };
  g_autoptr(GlossAgreement) agreement = gloss_agreement_new (annotators, entity_labels);
  g_autoptr(GPtrArray) sets = sets_new (2);
  g_autoptr(GlossConfusion) ab = NULL;
  g_autoptr(GlossConfusion) ba = NULL;
  guint total = 0;

  add_span (set_at (sets, 0), "PER", 0, 2);
  add_span (set_at (sets, 0), "ORG", 3, 8);
  add_span (set_at (sets, 0), "LOC", 9, 11);
  add_span (set_at (sets, 1), "PER", 0, 2);
  add_span (set_at (sets, 1), "LOC", 3, 5);
  add_span (set_at (sets, 1), "PER", 6, 8);
  add_document (agreement, "aa bb cc dd", sets);
  ab = gloss_agreement_get_confusion (agreement, 0, 1);
  ba = gloss_agreement_get_confusion (agreement, 1, 0);

  g_assert_cmpuint (ab->n_labels, ==, 3);
  g_assert_cmpuint (gloss_confusion_get (ab, "PER", "PER"), ==, 1);
  /* ORG shares two code points with LOC bb and with PER cc: the earlier start wins. */
  g_assert_cmpuint (gloss_confusion_get (ab, "ORG", "LOC"), ==, 1);
  g_assert_cmpuint (gloss_confusion_get (ab, "ORG", "PER"), ==, 0);
  g_assert_cmpuint (gloss_confusion_get (ab, NULL, "PER"), ==, 1);
  g_assert_cmpuint (gloss_confusion_get (ab, "LOC", NULL), ==, 1);
  for (guint i = 0; i < 16; i++)
    total += ab->counts[i];
  g_assert_cmpuint (total, ==, 4);
  g_assert_cmpuint (gloss_confusion_get (ba, "LOC", "ORG"), ==, 1);
  g_assert_cmpuint (gloss_confusion_get (ba, NULL, "LOC"), ==, 1);
}

static guint
offset_of (const char *text,
           const char *needle)
{
  const char *found = strstr (text, needle);

  g_assert_nonnull (found);
  return (guint) (found - text);
}

static GlossSpan *
add_text_span (GPtrArray  *spans,
               const char *text,
               const char *label,
               const char *needle)
{
  guint start = offset_of (text, needle);

  return add_span (spans, label, start, start + strlen (needle));
}

static void
add_speaker (GPtrArray       *relations,
             const GlossSpan *quote,
             const GlossSpan *speaker)
{
  g_ptr_array_add (relations, gloss_relation_new ("SPEAKER", quote->id, speaker->id));
}

static void
add_entity (GPtrArray       *entities,
            const char      *kb_id,
            const GlossSpan *first,
            const GlossSpan *second)
{
  GlossEntity *entity = gloss_entity_new ("someone");

  entity->kb_id = g_strdup (kb_id);
  g_ptr_array_add (entity->mentions, g_strdup (first->id));
  if (second != NULL)
    g_ptr_array_add (entity->mentions, g_strdup (second->id));
  g_ptr_array_add (entities, entity);
}

/* Five quotes both annotators mark. Speakers agree on the first (same span),
 * the third (no speaker on either side), the fourth (A's "He" is one entity with
 * "P") and the fifth (same knowledge-base id); not on the second (L against M). */
static void
test_quote_speakers (void)
{
  const char *annotators[] = { "a", "b", NULL };
  const char *labels[] = { "QUOTE", "CUE", "SOURCE", NULL };
  const char *text = "P said \"aaa\". L said \"bbb\". M said \"ccc\". "
                     "He said \"ddd\". She said \"eee\".";
  const char *quotes[] = { "\"aaa\"", "\"bbb\"", "\"ccc\"", "\"ddd\"", "\"eee\"" };
  g_autoptr(GlossAgreement) agreement = gloss_agreement_new (annotators, labels);
  g_autoptr(GPtrArray) sets = sets_new (2);
  g_autoptr(GPtrArray) relations = sets_new (0);
  g_autoptr(GPtrArray) entities = sets_new (0);
  g_autoptr(JsonNode) root = NULL;
  GlossSpan *qa[5], *qb[5];
  GlossSpan *p_a, *l_a, *he_a, *she_a, *p_b, *m_b;

  for (guint r = 0; r < 2; r++)
    {
      g_ptr_array_add (relations,
                       g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_relation_free));
      g_ptr_array_add (entities,
                       g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_entity_free));
    }
  for (guint q = 0; q < 5; q++)
    {
      qa[q] = add_text_span (set_at (sets, 0), text, "QUOTE", quotes[q]);
      qb[q] = add_text_span (set_at (sets, 1), text, "QUOTE", q == 0 ? "aaa" : quotes[q]);
    }
  /* Speakers are entity mentions: another layer, passed along with the quotes. */
  p_a = add_text_span (set_at (sets, 0), text, "PERSON", "P said");
  l_a = add_text_span (set_at (sets, 0), text, "PERSON", "L");
  he_a = add_text_span (set_at (sets, 0), text, "PERSON", "He");
  she_a = add_text_span (set_at (sets, 0), text, "PERSON", "She");
  p_b = add_text_span (set_at (sets, 1), text, "PERSON", "P");
  m_b = add_text_span (set_at (sets, 1), text, "PERSON", "M");
  add_entity (g_ptr_array_index (entities, 0), NULL, p_a, he_a);
  add_entity (g_ptr_array_index (entities, 0), "wikidata:Q1", she_a, NULL);
  add_entity (g_ptr_array_index (entities, 1), "wikidata:Q1", m_b, NULL);
  add_speaker (g_ptr_array_index (relations, 0), qa[0], p_a);
  add_speaker (g_ptr_array_index (relations, 0), qa[1], l_a);
  add_speaker (g_ptr_array_index (relations, 0), qa[3], he_a);
  add_speaker (g_ptr_array_index (relations, 0), qa[4], she_a);
  add_speaker (g_ptr_array_index (relations, 1), qb[0], p_b);
  add_speaker (g_ptr_array_index (relations, 1), qb[1], m_b);
  add_speaker (g_ptr_array_index (relations, 1), qb[3], p_b);
  add_speaker (g_ptr_array_index (relations, 1), qb[4], m_b);
  gloss_agreement_add_document (agreement, text, (GPtrArray * const *) sets->pdata,
                                (GPtrArray * const *) relations->pdata,
                                (GPtrArray * const *) entities->pdata);
  root = gloss_agreement_to_json (agreement);

  g_assert_cmpint (json_node_get_int (node_at (root, "quotes/matched")), ==, 5);
  assert_number (root, "quotes/speaker_agreement", 4.0 / 5, EXACT);
  /* PERSON is not a label of this layer: not counted, not compared. */
  assert_number (root, "labels/QUOTE/count/a", 5, EXACT);
  assert_number (root, "labels/QUOTE/exact_f1", 8.0 / 10, EXACT);
  assert_number (root, "labels/QUOTE/overlap_f1", 1.0, EXACT);
  assert_null (root, "labels/CUE/overlap_f1");
}

/* The object `agree --json` prints, minus "layer". */
static void
test_json_shape (void)
{
  const char *annotators[] = { "ana", "ben", NULL };
  const char *overall[] = { "exact_f1", "overlap_f1", "cohen_kappa", "fleiss_kappa", "alpha_u" };
  const char *pair[] = { "a", "b", "exact_f1", "overlap_f1", "cohen_kappa" };
  g_autoptr(GlossAgreement) agreement = gloss_agreement_new (annotators, entity_labels);
  g_autoptr(GPtrArray) sets = sets_new (2);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  nested_document (sets);
  add_document (agreement, "aa bb cc dd ee ff", sets);
  root = gloss_agreement_to_json (agreement);
  object = json_node_get_object (root);

  g_assert_cmpuint (json_object_get_size (object), ==, 6);
  g_assert_cmpstr (json_node_get_string (node_at (root, "annotators/1")), ==, "ben");
  for (guint i = 0; i < G_N_ELEMENTS (overall); i++)
    g_assert_true (json_object_has_member (json_object_get_object_member (object, "overall"),
                                           overall[i]));
  for (guint i = 0; i < G_N_ELEMENTS (pair); i++)
    g_assert_true (json_object_has_member (json_node_get_object (node_at (root, "pairs/0")),
                                           pair[i]));
  g_assert_cmpuint (json_object_get_size (json_node_get_object (node_at (root, "labels/PER"))),
                    ==, 4);
  g_assert_true (json_object_has_member (json_node_get_object (node_at (root, "quotes")),
                                         "speaker_agreement"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/agreement/published/fleiss-1971", test_fleiss_1971);
  g_test_add_func ("/agreement/published/cohen-yes-no", test_cohen_yes_no);
  g_test_add_func ("/agreement/published/krippendorff-2004", test_krippendorff_2004);
  g_test_add_func ("/agreement/published/unitizing-dkpro", test_unitizing_dkpro);
  g_test_add_func ("/agreement/published/unitizing-single-unit", test_unitizing_single_unit);
  g_test_add_func ("/agreement/nested-discontinuous", test_nested_discontinuous);
  g_test_add_func ("/agreement/focus-label", test_focus_label);
  g_test_add_func ("/agreement/token-ties", test_token_ties);
  g_test_add_func ("/agreement/clitic-tokens", test_clitic_tokens);
  g_test_add_func ("/agreement/overlapping-units-merged", test_overlapping_units_merged);
  g_test_add_func ("/agreement/unitizing-documents", test_unitizing_documents);
  g_test_add_func ("/agreement/code-points", test_code_points);
  g_test_add_func ("/agreement/missing-and-empty", test_missing_and_empty);
  g_test_add_func ("/agreement/undefined", test_undefined);
  g_test_add_func ("/agreement/confusion", test_confusion);
  g_test_add_func ("/agreement/quote-speakers", test_quote_speakers);
  g_test_add_func ("/agreement/json-shape", test_json_shape);

  return g_test_run ();
}
