/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a W3C Web Annotation client needs from `export --format w3c`: the fields
 * the model requires, a relation whose head and dependent stay apart, quote
 * selectors that select one place in their document even where a quote repeats,
 * and knowledge-base ids as the IRIs the knowledge bases use. Offsets are code
 * points, so the text has Cyrillic, Chinese and emoji before the spans. */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "gloss-export.h"
#include "gloss-store.h"

/* The same sentence three times: the second and third “yes” have the same 32
 * code points on each side, so only a longer context tells them apart. */
#define REPEATED "He said “yes”. The room went quiet for a long moment after that. "

static const char text[] =
  "Ана сказала 😀 «да». " REPEATED REPEATED REPEATED "习近平说：“好”。Конец 👍🏽.";

typedef struct
{
  char       *dir;
  GlossStore *store;
  JsonNode   *root;      /* the export */
  JsonArray  *items;     /* its annotations */
} Fixture;

/* ---- Fixture ------------------------------------------------------------------ */

static GlossSpan *
span_on (const char *id,
         const char *label,
         const char *needle,
         guint       nth)
{
  const char *p = strstr (text, needle);
  GlossSpan *span;
  gint start;

  for (guint i = 0; p != NULL && i < nth; i++)
    p = strstr (p + 1, needle);
  g_assert_nonnull (p);
  start = g_utf8_pointer_to_offset (text, p);
  span = gloss_span_new (label, start, start + g_utf8_strlen (needle, -1));
  span->id = g_strdup (id);
  return span;
}

static GlossRelation *
relation (const char *id,
          const char *type,
          const char *from,
          const char *to)
{
  GlossRelation *r = gloss_relation_new (type, from, to);

  r->id = g_strdup (id);
  return r;
}

static GlossEntity *
entity (const char *id,
        const char *kb_id,
        const char *mention)
{
  GlossEntity *e = gloss_entity_new (id);

  e->id = g_strdup (id);
  e->type = g_strdup ("PERSON");
  e->kb_id = g_strdup (kb_id);
  g_ptr_array_add (e->mentions, g_strdup (mention));
  return e;
}

static GPtrArray *
make_spans (void)
{
  GPtrArray *spans = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_span_free);

  g_ptr_array_add (spans, span_on ("ana", "PERSON", "Ана", 0));
  g_ptr_array_add (spans, span_on ("cue", "CUE", "сказала", 0));
  g_ptr_array_add (spans, span_on ("q0", "QUOTE", "«да»", 0));
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *he = g_strdup_printf ("he%u", i);
      g_autofree char *quote = g_strdup_printf ("q%u", i + 1);

      g_ptr_array_add (spans, span_on (he, "PERSON", "He", i));
      g_ptr_array_add (spans, span_on (quote, "QUOTE", "“yes”", i));
    }
  g_ptr_array_add (spans, span_on ("xi", "PERSON", "习近平", 0));
  return spans;
}

static GPtrArray *
make_relations (void)
{
  GPtrArray *relations = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_relation_free);

  g_ptr_array_add (relations, relation ("r1", "SPEAKER", "q0", "ana"));
  g_ptr_array_add (relations, relation ("r2", "CUE", "q0", "cue"));
  g_ptr_array_add (relations, relation ("r3", "SPEAKER", "q3", "he2"));
  return relations;
}

static GPtrArray *
make_entities (void)
{
  GPtrArray *entities = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_entity_free);

  g_ptr_array_add (entities, entity ("E1", "wikidata:Q7747", "ana"));
  g_ptr_array_add (entities, entity ("E2", "wikipedia:64488", "xi"));
  g_ptr_array_add (entities, entity ("E3", "wikipedia:Title_With_Words", "he0"));
  g_ptr_array_add (entities, entity ("E4", "https://example.org/people/he", "he1"));
  g_ptr_array_add (entities, entity ("E5", "isni:0000000121032683", "he2"));
  return entities;
}

static void
add_document (Fixture *f)
{
  g_autoptr(GlossReport) report = gloss_report_new (NULL, NULL);
  g_autoptr(GlossDocument) document = g_new0 (GlossDocument, 1);
  g_autoptr(GPtrArray) spans = make_spans ();
  g_autoptr(GPtrArray) relations = make_relations ();
  g_autoptr(GPtrArray) entities = make_entities ();
  g_autoptr(GError) error = NULL;

  document->id = g_strdup ("d1");
  document->title = g_strdup ("d1");
  document->meta = g_strdup ("{}");
  document->text = g_strdup (text);
  gloss_store_add_document (f->store, document, spans, relations, entities, report, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_report_count (report, GLOSS_REPORT_PROBLEM), ==, 0);
}

static void
export_w3c (Fixture *f)
{
  GlossExportOptions options = { .format = "w3c" };
  g_autoptr(GlossReport) report = gloss_report_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *buffer = NULL;
  size_t size = 0;
  FILE *stream = open_memstream (&buffer, &size);

  g_assert_true (gloss_export (f->store, &options, stream, report, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fclose (stream), ==, 0);
  f->root = json_from_string (buffer, &error);
  g_assert_no_error (error);
  f->items = json_object_get_array_member (json_object_get_object_member (json_node_get_object (f->root),
                                                                          "first"), "items");
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("gloss-test-w3c-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "project.gloss", NULL);
  f->store = gloss_store_open (path, GLOSS_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  add_document (f);
  export_w3c (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "project.gloss", NULL);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&f->store);
  g_clear_pointer (&f->root, json_node_unref);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (f->dir, name, NULL);

      g_unlink (child);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

/* ---- Helpers ------------------------------------------------------------------ */

static JsonObject *
item (Fixture    *f,
      const char *id)
{
  for (guint i = 0; i < json_array_get_length (f->items); i++)
    {
      JsonObject *a = json_array_get_object_element (f->items, i);

      if (g_str_equal (json_object_get_string_member (a, "id"), id))
        return a;
    }
  g_assert_not_reached ();
}

/* The bodies of @annotation as a list, whether it has one or several. */
static JsonArray *
bodies_of (JsonObject *annotation)
{
  JsonNode *body = json_object_get_member (annotation, "body");
  JsonArray *list;

  g_assert_nonnull (body);
  if (JSON_NODE_HOLDS_ARRAY (body))
    return json_array_ref (json_node_get_array (body));
  list = json_array_new ();
  json_array_add_element (list, json_node_copy (body));
  return list;
}

/* The first body with @purpose, or NULL. */
static JsonObject *
body_with_purpose (JsonArray  *bodies,
                   const char *purpose)
{
  for (guint i = 0; i < json_array_get_length (bodies); i++)
    {
      JsonNode *node = json_array_get_element (bodies, i);

      if (JSON_NODE_HOLDS_OBJECT (node)
          && g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (node), "purpose", NULL),
                        purpose) == 0)
        return json_node_get_object (node);
    }
  return NULL;
}

static const char *
tag_of (JsonObject *annotation)
{
  g_autoptr(JsonArray) bodies = bodies_of (annotation);
  JsonObject *tag = body_with_purpose (bodies, "tagging");

  g_assert_nonnull (tag);
  return json_object_get_string_member (tag, "value");
}

static char *
slice (gint64 start,
       gint64 end)
{
  const char *from = g_utf8_offset_to_pointer (text, start);

  return g_strndup (from, g_utf8_offset_to_pointer (text, end) - from);
}

/* Where @needle occurs in the text, in code points, and how often. */
static guint
occurrences (const char *needle,
             glong      *at)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    if (n++ == 0)
      *at = g_utf8_pointer_to_offset (text, p);
  return n;
}

/* ---- Tests -------------------------------------------------------------------- */

/* The collection and every annotation in it have what the model requires. */
static void
test_required (Fixture       *f,
               gconstpointer  data)
{
  JsonObject *collection = json_node_get_object (f->root);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpstr (json_object_get_string_member (collection, "@context"), ==, "http://www.w3.org/ns/anno.jsonld");
  g_assert_cmpstr (json_object_get_string_member (collection, "type"), ==, "AnnotationCollection");
  g_assert_cmpint (json_object_get_int_member (collection, "total"), ==, json_array_get_length (f->items));
  /* 10 spans, 3 relations, 5 entities */
  g_assert_cmpuint (json_array_get_length (f->items), ==, 10 + 3 + 5);
  for (guint i = 0; i < json_array_get_length (f->items); i++)
    {
      JsonObject *a = json_array_get_object_element (f->items, i);
      JsonNode *target = json_object_get_member (a, "target");
      const char *id = json_object_get_string_member (a, "id");

      g_assert_true (g_str_has_prefix (id, "urn:gloss:d1:"));
      g_assert_true (g_hash_table_add (ids, (gpointer) id));
      g_assert_cmpstr (json_object_get_string_member (a, "type"), ==, "Annotation");
      g_assert_nonnull (json_object_get_string_member (a, "motivation"));
      g_assert_nonnull (target);
      g_assert_true (!JSON_NODE_HOLDS_ARRAY (target) || json_array_get_length (json_node_get_array (target)) > 0);
    }
}

/* A SPEAKER relation: its one target is the quote (the head), its linking body
 * the speaker (the dependent), and both resolve to annotations of the export. */
static void
test_relation_direction (Fixture       *f,
                         gconstpointer  data)
{
  static const char * const relations[][4] = {
    { "urn:gloss:d1:relation:r1", "SPEAKER", "urn:gloss:d1:q0", "urn:gloss:d1:ana" },
    { "urn:gloss:d1:relation:r2", "CUE", "urn:gloss:d1:q0", "urn:gloss:d1:cue" },
    { "urn:gloss:d1:relation:r3", "SPEAKER", "urn:gloss:d1:q3", "urn:gloss:d1:he2" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (relations); i++)
    {
      JsonObject *r = item (f, relations[i][0]);
      JsonArray *targets = json_object_get_array_member (r, "target");
      g_autoptr(JsonArray) bodies = bodies_of (r);
      JsonObject *link = body_with_purpose (bodies, "linking");

      g_assert_cmpstr (json_object_get_string_member (r, "motivation"), ==, "linking");
      g_assert_cmpstr (tag_of (r), ==, relations[i][1]);
      g_assert_cmpuint (json_array_get_length (targets), ==, 1);
      g_assert_cmpstr (json_array_get_string_element (targets, 0), ==, relations[i][2]);
      g_assert_nonnull (link);
      g_assert_cmpstr (json_object_get_string_member (link, "type"), ==, "SpecificResource");
      g_assert_cmpstr (json_object_get_string_member (link, "source"), ==, relations[i][3]);
      /* The head is the quote, the dependent what the relation type says. */
      g_assert_cmpstr (tag_of (item (f, relations[i][2])), ==, "QUOTE");
      g_assert_cmpstr (tag_of (item (f, relations[i][3])), !=, "QUOTE");
    }
}

static void
check_quote_selector (JsonObject *target,
                      guint      *grown)
{
  JsonArray *selectors = json_object_get_array_member (target, "selector");
  JsonObject *position = json_array_get_object_element (selectors, 0);
  JsonObject *quote = json_array_get_object_element (selectors, 1);
  gint64 start = json_object_get_int_member (position, "start");
  gint64 end = json_object_get_int_member (position, "end");
  const char *prefix = json_object_get_string_member (quote, "prefix");
  const char *exact = json_object_get_string_member (quote, "exact");
  const char *suffix = json_object_get_string_member (quote, "suffix");
  g_autofree char *in_text = slice (start, end);
  g_autofree char *whole = g_strconcat (prefix, exact, suffix, NULL);
  glong prefix_length = g_utf8_strlen (prefix, -1), suffix_length = g_utf8_strlen (suffix, -1);
  glong at = -1;

  g_assert_cmpstr (json_object_get_string_member (target, "source"), ==, "urn:gloss:d1");
  g_assert_cmpstr (json_object_get_string_member (position, "type"), ==, "TextPositionSelector");
  g_assert_cmpstr (json_object_get_string_member (quote, "type"), ==, "TextQuoteSelector");
  g_assert_cmpstr (exact, ==, in_text);
  /* At least the usual 32 code points, up to the ends of the text. */
  g_assert_cmpint (prefix_length, ==, MIN (start, MAX (32, prefix_length)));
  g_assert_cmpint (suffix_length, ==, MIN (g_utf8_strlen (text, -1) - end, MAX (32, suffix_length)));
  /* Once in the document, and there. */
  g_assert_cmpuint (occurrences (whole, &at), ==, 1);
  g_assert_cmpint (at, ==, start - prefix_length);
  *grown += prefix_length > 32 || suffix_length > 32;
}

/* Every TextQuoteSelector selects one place; the repeated “yes” needs more
 * than 32 code points of context to. */
static void
test_quotes_unique (Fixture       *f,
                    gconstpointer  data)
{
  guint grown = 0, selectors = 0;
  glong at;

  g_assert_cmpuint (occurrences ("“yes”", &at), ==, 3);
  for (guint i = 0; i < json_array_get_length (f->items); i++)
    {
      JsonObject *a = json_array_get_object_element (f->items, i);

      if (!g_str_equal (json_object_get_string_member (a, "motivation"), "tagging"))
        continue;
      check_quote_selector (json_object_get_object_member (a, "target"), &grown);
      selectors++;
    }
  g_assert_cmpuint (selectors, ==, 10);
  g_assert_cmpuint (grown, >, 0);
}

/* The knowledge-base IRI body of entity @id: an IRI as a string. */
static const char *
kb_body (Fixture    *f,
         const char *id)
{
  g_autofree char *urn = g_strconcat ("urn:gloss:d1:entity:", id, NULL);
  g_autoptr(JsonArray) bodies = bodies_of (item (f, urn));
  JsonNode *last = json_array_get_element (bodies, json_array_get_length (bodies) - 1);

  if (JSON_NODE_HOLDS_VALUE (last))
    return json_node_get_string (last);
  return NULL;
}

static void
test_kb_iris (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(JsonArray) bodies = bodies_of (item (f, "urn:gloss:d1:entity:E5"));
  JsonObject *raw = json_array_get_object_element (bodies, json_array_get_length (bodies) - 1);

  g_assert_cmpstr (kb_body (f, "E1"), ==, "http://www.wikidata.org/entity/Q7747");
  g_assert_cmpstr (kb_body (f, "E2"), ==, "https://en.wikipedia.org/?curid=64488");
  g_assert_cmpstr (kb_body (f, "E3"), ==, "https://en.wikipedia.org/wiki/Title_With_Words");
  g_assert_cmpstr (kb_body (f, "E4"), ==, "https://example.org/people/he");
  /* An id with no known IRI is not passed off as one. */
  g_assert_null (kb_body (f, "E5"));
  g_assert_cmpstr (json_object_get_string_member (raw, "type"), ==, "TextualBody");
  g_assert_cmpstr (json_object_get_string_member (raw, "purpose"), ==, "identifying");
  g_assert_cmpstr (json_object_get_string_member (raw, "value"), ==, "isni:0000000121032683");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (item (f, "urn:gloss:d1:entity:E2"),
                                                                                 "target"), 0), ==,
                   "urn:gloss:d1:xi");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/w3c/required", test_required);
  ADD ("/w3c/relation-direction", test_relation_direction);
  ADD ("/w3c/quotes-unique", test_quotes_unique);
  ADD ("/w3c/kb-iris", test_kb_iris);
#undef ADD

  return g_test_run ();
}
