/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The statistics of a team's project, as the statistics window and
 * `gloss-cli stats --json` show them: documents by status and spans by label
 * per annotator set, agreement per label, and the confusion table of a pair,
 * on a project of three annotators and a gold set whose counts are known. */
#include <glib/gstdio.h>
#include <string.h>

#include "gloss-statistics.h"
#include "gloss-store.h"

#define D1 "aa bb cc dd"
#define D2 "ee ff"

typedef struct
{
  char       *dir;
  char       *path;
  GlossStore *store;
  gint64      d1;
  gint64      d2;
} Fixture;

static gint64
add_document (GlossStore *store,
              const char *id,
              const char *text)
{
  g_autoptr(GlossDocument) document = g_new0 (GlossDocument, 1);
  g_autoptr(GError) error = NULL;

  document->id = g_strdup (id);
  document->title = g_strdup (id);
  document->text = g_strdup (text);
  g_assert_true (gloss_store_add_document (store, document, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return document->rowid;
}

static void
add_span (GlossStore *store,
          gint64      document,
          const char *label,
          gint        start,
          gint        end)
{
  g_autoptr(GlossSpan) request = gloss_span_new (label, start, end);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossSpan) stored = gloss_store_add_span (store, document, request, &error);

  g_assert_no_error (error);
}

static void
set_status (GlossStore  *store,
            gint64       document,
            GlossStatus  status)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_store_set_document_status (store, document, status, &error));
  g_assert_no_error (error);
}

/* d1 "aa bb cc dd": ana PERSON aa, ORG bb–cc, LOC dd (done); ben PERSON aa,
 * GPE bb, PERSON cc (done); carol PERSON aa (in progress); gold PERSON aa
 * (done). d2: ana PERSON ee (in progress), nobody else. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("gloss-test-statistics-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "team.gloss", NULL);
  f->store = gloss_store_open (f->path, GLOSS_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  gloss_store_set_annotator (f->store, "ana");
  f->d1 = add_document (f->store, "d1", D1);
  f->d2 = add_document (f->store, "d2", D2);
  add_span (f->store, f->d1, "PERSON", 0, 2);
  add_span (f->store, f->d1, "ORG", 3, 8);
  add_span (f->store, f->d1, "LOC", 9, 11);
  set_status (f->store, f->d1, GLOSS_STATUS_DONE);
  add_span (f->store, f->d2, "PERSON", 0, 2);
  set_status (f->store, f->d2, GLOSS_STATUS_IN_PROGRESS);

  gloss_store_set_annotator (f->store, "ben");
  add_span (f->store, f->d1, "PERSON", 0, 2);
  add_span (f->store, f->d1, "GPE", 3, 5);
  add_span (f->store, f->d1, "PERSON", 6, 8);
  set_status (f->store, f->d1, GLOSS_STATUS_DONE);

  gloss_store_set_annotator (f->store, "carol");
  add_span (f->store, f->d1, "PERSON", 0, 2);
  set_status (f->store, f->d1, GLOSS_STATUS_IN_PROGRESS);

  gloss_store_set_annotator (f->store, "gold");
  add_span (f->store, f->d1, "PERSON", 0, 2);
  set_status (f->store, f->d1, GLOSS_STATUS_DONE);
  gloss_store_set_annotator (f->store, "ana");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_remove (f->path);
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static gint64
set_count (GlossStatistics *stats,
           const char      *set,
           const char      *group,
           const char      *key)
{
  JsonObject *object = gloss_statistics_get_set (stats, set);

  g_assert_nonnull (object);
  return json_object_get_int_member_with_default (json_object_get_object_member (object, group), key, 0);
}

static void
test_counts (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStatistics) stats = gloss_statistics_new_for_store (f->store, FALSE, NULL, &error);
  const char *sets[] = { "ana", "ben", "carol", "gold", NULL };
  const char *annotators[] = { "ana", "ben", "carol", NULL };

  g_assert_no_error (error);
  g_assert_cmpuint (gloss_statistics_get_documents (stats), ==, 2);
  g_assert_cmpuint (gloss_statistics_get_adjudicated (stats), ==, 1);
  g_assert_true (g_strv_equal (gloss_statistics_get_sets (stats), sets));
  g_assert_true (g_strv_equal (gloss_statistics_get_annotators (stats), annotators));

  g_assert_cmpint (set_count (stats, "ana", "documents", "done"), ==, 1);
  g_assert_cmpint (set_count (stats, "ana", "documents", "in-progress"), ==, 1);
  g_assert_cmpint (set_count (stats, "ana", "documents", "new"), ==, 0);
  g_assert_cmpint (set_count (stats, "ben", "documents", "done"), ==, 1);
  g_assert_cmpint (set_count (stats, "ben", "documents", "new"), ==, 1);
  g_assert_cmpint (set_count (stats, "carol", "documents", "in-progress"), ==, 1);
  g_assert_cmpint (set_count (stats, "carol", "documents", "new"), ==, 1);
  g_assert_cmpint (set_count (stats, "gold", "documents", "done"), ==, 1);

  g_assert_cmpint (set_count (stats, "ana", "spans", "PERSON"), ==, 2);
  g_assert_cmpint (set_count (stats, "ana", "spans", "ORG"), ==, 1);
  g_assert_cmpint (set_count (stats, "ben", "spans", "PERSON"), ==, 2);
  g_assert_cmpint (set_count (stats, "ben", "spans", "GPE"), ==, 1);
  g_assert_cmpint (set_count (stats, "ben", "spans", "ORG"), ==, 0);
  g_assert_cmpint (set_count (stats, "carol", "spans", "PERSON"), ==, 1);
}

static JsonObject *
pair_of (JsonObject *agreement,
         const char *a,
         const char *b)
{
  JsonArray *pairs = json_object_get_array_member (agreement, "pairs");

  for (guint i = 0; i < json_array_get_length (pairs); i++)
    {
      JsonObject *pair = json_array_get_object_element (pairs, i);

      if (g_str_equal (json_object_get_string_member (pair, "a"), a)
          && g_str_equal (json_object_get_string_member (pair, "b"), b))
        return pair;
    }
  g_assert_not_reached ();
}

/* Only documents both annotators marked done count: carol's is in progress. */
static void
test_agreement (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStatistics) done = gloss_statistics_new_for_store (f->store, FALSE, NULL, &error);
  g_autoptr(GlossStatistics) any = gloss_statistics_new_for_store (f->store, TRUE, NULL, &error);
  JsonObject *entity = gloss_statistics_get_agreement (done, "entity");
  JsonObject *person = json_object_get_object_member (json_object_get_object_member (entity, "labels"),
                                                      "PERSON");

  g_assert_no_error (error);
  /* ana and ben: PERSON aa matches exactly out of 3 + 3 spans. */
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (pair_of (entity, "ana", "ben"), "exact_f1"),
                                  1.0 / 3, 1e-9);
  g_assert_true (json_object_get_null_member (pair_of (entity, "ana", "carol"), "exact_f1"));
  /* PERSON: ana 1, ben 2 on d1, one match → 2/3 for the only pair that counts. */
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (person, "exact_f1"), 2.0 / 3, 1e-9);
  g_assert_true (json_object_has_member (person, "overlap_f1"));

  /* With any status carol's d1 counts (d2 not: she has nothing there): 1 match of 3 + 1. */
  entity = gloss_statistics_get_agreement (any, "entity");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (pair_of (entity, "ana", "carol"), "exact_f1"),
                                  2.0 / 4, 1e-9);
  g_assert_null (gloss_statistics_get_agreement (done, "no such layer"));
}

static void
test_confusion (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStatistics) stats = gloss_statistics_new_for_store (f->store, FALSE, NULL, &error);
  g_autoptr(GlossConfusion) ab = gloss_statistics_get_confusion (stats, "entity", "ana", "ben");
  g_autoptr(GlossConfusion) ba = gloss_statistics_get_confusion (stats, "entity", "ben", "ana");

  g_assert_no_error (error);
  g_assert_cmpuint (gloss_confusion_get (ab, "PERSON", "PERSON"), ==, 1);
  /* ORG bb–cc overlaps GPE bb and PERSON cc as much: the earlier start wins. */
  g_assert_cmpuint (gloss_confusion_get (ab, "ORG", "GPE"), ==, 1);
  g_assert_cmpuint (gloss_confusion_get (ab, "ORG", "PERSON"), ==, 0);
  g_assert_cmpuint (gloss_confusion_get (ab, "LOC", NULL), ==, 1);
  g_assert_cmpuint (gloss_confusion_get (ab, NULL, "PERSON"), ==, 1);
  g_assert_cmpuint (gloss_confusion_get (ba, "GPE", "ORG"), ==, 1);
  g_assert_null (gloss_statistics_get_confusion (stats, "entity", "ana", "ana"));
  g_assert_null (gloss_statistics_get_confusion (stats, "entity", "ana", "gold"));
}

static JsonNode *
member (JsonNode   *node,
        const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (JSON_NODE_HOLDS_ARRAY (node))
        node = json_array_get_element (json_node_get_array (node), g_ascii_strtoull (parts[i], NULL, 10));
      else
        node = json_object_get_member (json_node_get_object (node), parts[i]);
      g_assert_nonnull (node);
    }
  return node;
}

/* The JSON the CLI prints: the confusion cell by the labels' places. */
static void
test_json (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStatistics) stats = gloss_statistics_new_for_store (f->store, FALSE, NULL, &error);
  g_autoptr(JsonNode) root = gloss_statistics_to_json (stats, "ben", "ana", &error);
  g_autoptr(JsonNode) first = gloss_statistics_to_json (stats, NULL, NULL, &error);
  JsonArray *labels;
  gint gpe = -1, org = -1;

  g_assert_no_error (error);
  g_assert_cmpint (json_node_get_int (member (root, "documents")), ==, 2);
  g_assert_cmpint (json_node_get_int (member (root, "adjudicated")), ==, 1);
  g_assert_cmpint (json_node_get_int (member (root, "sets/ben/spans/GPE")), ==, 1);
  g_assert_cmpstr (json_node_get_string (member (root, "agreement/status")), ==, "done");
  g_assert_cmpstr (json_node_get_string (member (root, "agreement/annotators/2")), ==, "carol");
  g_assert_cmpstr (json_node_get_string (member (root, "confusion/a")), ==, "ben");
  g_assert_cmpstr (json_node_get_string (member (first, "confusion/a")), ==, "ana");
  g_assert_cmpstr (json_node_get_string (member (first, "confusion/b")), ==, "ben");

  labels = json_node_get_array (member (root, "confusion/layers/entity/labels"));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_array_get_element (labels, json_array_get_length (labels) - 1)));
  for (guint i = 0; i + 1 < json_array_get_length (labels); i++)
    {
      if (g_str_equal (json_array_get_string_element (labels, i), "GPE"))
        gpe = i;
      if (g_str_equal (json_array_get_string_element (labels, i), "ORG"))
        org = i;
    }
  g_assert_cmpint (gpe, >=, 0);
  g_assert_cmpint (org, >=, 0);
  {
    g_autofree char *cell = g_strdup_printf ("confusion/layers/entity/counts/%d/%d", gpe, org);

    g_assert_cmpint (json_node_get_int (member (root, cell)), ==, 1);
  }
}

static void
test_bad_pair (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStatistics) stats = gloss_statistics_new_for_store (f->store, FALSE, NULL, &error);
  g_autoptr(JsonNode) unknown = NULL;
  g_autoptr(JsonNode) same = NULL;

  g_assert_no_error (error);
  unknown = gloss_statistics_to_json (stats, "ana", "dora", &error);
  g_assert_null (unknown);
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "dora"));
  g_clear_error (&error);
  same = gloss_statistics_to_json (stats, "ana", "ana", &error);
  g_assert_null (same);
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID);
}

/* Reading every set must not leave the window's store in someone else's. */
static void
test_restores_set (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStatistics) stats = NULL;
  g_autofree char *set = NULL;
  g_autoptr(GlossStatistics) again = NULL;
  g_autofree char *gold = NULL;

  gloss_store_set_annotator (f->store, "ben");
  gloss_store_view_set (f->store, "carol");
  stats = gloss_statistics_new_for_store (f->store, FALSE, NULL, &error);
  g_assert_no_error (error);
  set = gloss_store_get_set (f->store);
  g_assert_cmpstr (gloss_store_get_annotator (f->store), ==, "ben");
  g_assert_cmpstr (gloss_store_get_viewing (f->store), ==, "carol");
  g_assert_cmpstr (set, ==, "carol");

  gloss_store_view_set (f->store, "gold");
  again = gloss_statistics_new_for_store (f->store, FALSE, NULL, &error);
  g_assert_no_error (error);
  gold = gloss_store_get_set (f->store);
  g_assert_cmpstr (gold, ==, "gold");
  g_assert_cmpstr (gloss_store_get_annotator (f->store), ==, "ben");
}

static void
test_one_annotator (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gloss-test-statistics-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "solo.gloss", NULL);
  g_autoptr(GlossStore) store = gloss_store_open (path, GLOSS_STORE_OPEN_CREATE, &error);
  g_autoptr(GlossStatistics) stats = NULL;
  g_autoptr(JsonNode) root = NULL;
  gint64 d1;

  g_assert_no_error (error);
  gloss_store_set_annotator (store, "ana");
  d1 = add_document (store, "d1", D1);
  add_span (store, d1, "PERSON", 0, 2);
  stats = gloss_statistics_new_for_store (store, FALSE, NULL, &error);
  g_assert_no_error (error);
  root = gloss_statistics_to_json (stats, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length ((GStrv) gloss_statistics_get_annotators (stats)), ==, 1);
  g_assert_null (gloss_statistics_get_agreement (stats, "entity"));
  g_assert_true (JSON_NODE_HOLDS_NULL (member (root, "confusion")));
  g_assert_cmpuint (json_object_get_size (json_node_get_object (member (root, "agreement/layers"))), ==, 0);
  g_assert_cmpint (json_node_get_int (member (root, "sets/ana/spans/PERSON")), ==, 1);
  g_clear_object (&store);
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);

    g_assert_cmpint (system (cmd), ==, 0);
  }
}

static void
on_computed (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GlossStatistics **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = gloss_statistics_new_finish (result, &error);
  g_assert_no_error (error);
}

/* In a thread with its own connection: the same figures. */
static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GlossStatistics) stats = NULL;
  g_autoptr(GlossConfusion) ab = NULL;

  gloss_statistics_new_async (f->path, FALSE, NULL, on_computed, &stats);
  while (stats == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (gloss_statistics_get_adjudicated (stats), ==, 1);
  ab = gloss_statistics_get_confusion (stats, "entity", "ana", "ben");
  g_assert_cmpuint (gloss_confusion_get (ab, "ORG", "GPE"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/statistics/counts", test_counts);
  ADD ("/statistics/agreement", test_agreement);
  ADD ("/statistics/confusion", test_confusion);
  ADD ("/statistics/json", test_json);
  ADD ("/statistics/bad-pair", test_bad_pair);
  ADD ("/statistics/restores-set", test_restores_set);
  ADD ("/statistics/async", test_async);
#undef ADD
  g_test_add_func ("/statistics/one-annotator", test_one_annotator);

  return g_test_run ();
}
