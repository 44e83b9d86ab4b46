/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The research formats' promises: W3C selectors slice to their quotes in code
 * points, whatever the script; CoNLL and Hugging Face tags sit on the right
 * tokens; spans a tag set cannot hold are reported, never dropped in silence;
 * a bundle's labels.json names the tags and its card's Python runs. */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "gloss-export.h"
#include "gloss-store.h"
#include "gloss-tokenizer.h"

typedef struct
{
  char       *dir;
  GlossStore *store;
} Fixture;

/* Latin with emoji (one a two-code-point sequence), a span that an ICU
 * sentence break cuts ("Yahoo! Inc"), overlapping, nested, discontinuous and
 * token-cutting spans, a span at each end of the text. */
static const char en_text[] =
  "Vladimir Putin 😀 said \"We are ready 👍🏽\" in Moscow. Shares of Yahoo! Inc fell "
  "at the New York Times Square office of Bank of America, Angela Merkel said.\n\n"
  "Mr. Smith left Oslo";
static const char en_url[] = "https://example.org/news/putin";
static const char cjk_text[] = "习近平在北京会见了默克尔。她说：“合作很重要。”";
static const char ar_text[] = "قال الرئيس محمود عباس في رام الله إن المفاوضات ستستمر.";

/* The entity spans of en_text a tag set cannot hold. */
static const char * const en_untaggable[] = { "e5", "e7", "e8", "e9", NULL };

/* ---- Fixture ------------------------------------------------------------------ */

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static GlossSpan *
span_on (const char *text,
         const char *id,
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

static void
add_document (Fixture    *f,
              const char *id,
              const char *meta,
              const char *text,
              GPtrArray  *spans,
              GPtrArray  *relations,
              GPtrArray  *entities)
{
  g_autoptr(GlossReport) report = gloss_report_new (NULL, NULL);
  g_autoptr(GlossDocument) document = g_new0 (GlossDocument, 1);
  g_autoptr(GError) error = NULL;

  document->id = g_strdup (id);
  document->title = g_strdup (id);
  document->meta = g_strdup (meta);
  document->text = g_strdup (text);
  gloss_store_add_document (f->store, document, spans, relations, entities, report, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_report_count (report, GLOSS_REPORT_PROBLEM), ==, 0);
  g_assert_cmpstr (document->id, ==, id);
}

static void
add_en (Fixture *f)
{
  g_autoptr(GPtrArray) spans = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_span_free);
  g_autoptr(GPtrArray) relations = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_relation_free);
  g_autofree char *meta = g_strdup_printf ("{\"url\":\"%s\",\"language\":\"en\"}", en_url);
  g_autoptr(GlossSpan) last_name = NULL;
  GlossSpan *quote, *merkel;

  g_ptr_array_add (spans, span_on (en_text, "e1", "PERSON", "Vladimir Putin", 0));
  g_ptr_array_add (spans, span_on (en_text, "e2", "GPE", "Moscow", 0));
  g_ptr_array_add (spans, span_on (en_text, "e3", "ORG", "Yahoo! Inc", 0));
  g_ptr_array_add (spans, span_on (en_text, "e4", "ORG", "New York Times", 0));
  g_ptr_array_add (spans, span_on (en_text, "e5", "LOC", "Times Square", 0));    /* overlaps e4 */
  g_ptr_array_add (spans, span_on (en_text, "e6", "ORG", "Bank of America", 0));
  g_ptr_array_add (spans, span_on (en_text, "e7", "GPE", "America", 0));         /* inside e6 */
  g_ptr_array_add (spans, span_on (en_text, "e8", "PERSON", "ngela", 0));        /* cuts a token */
  merkel = span_on (en_text, "e9", "PERSON", "Angela", 0);                      /* discontinuous */
  last_name = span_on (en_text, "tmp", "PERSON", "Merkel", 0);
  gloss_span_add_fragment (merkel, gloss_span_get_start (last_name), gloss_span_get_end (last_name));
  g_ptr_array_add (spans, merkel);
  g_ptr_array_add (spans, span_on (en_text, "e10", "PERSON", "Smith", 0));
  g_ptr_array_add (spans, span_on (en_text, "e11", "GPE", "Oslo", 0));
  quote = span_on (en_text, "q1", "QUOTE", "\"We are ready 👍🏽\"", 0);
  g_free (quote->attrs);
  quote->attrs = g_strdup ("{\"quote_type\":\"direct\"}");
  quote->note = g_strdup ("checked against the video");
  g_ptr_array_add (spans, quote);
  g_ptr_array_add (spans, span_on (en_text, "c1", "CUE", "said", 0));
  g_ptr_array_add (relations, relation ("r1", "SPEAKER", "q1", "e1"));
  g_ptr_array_add (relations, relation ("r2", "CUE", "q1", "c1"));
  add_document (f, "d-en", meta, en_text, spans, relations, NULL);
}

static void
add_cjk_arabic (Fixture *f)
{
  g_autoptr(GPtrArray) cjk = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_span_free);
  g_autoptr(GPtrArray) ar = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_span_free);
  g_autoptr(GPtrArray) entities = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_entity_free);
  GlossEntity *abbas = gloss_entity_new ("Mahmoud Abbas");

  g_ptr_array_add (cjk, span_on (cjk_text, "c-1", "PERSON", "习近平", 0));
  g_ptr_array_add (cjk, span_on (cjk_text, "c-2", "GPE", "北京", 0));
  g_ptr_array_add (cjk, span_on (cjk_text, "c-3", "PERSON", "默克尔", 0));
  add_document (f, "d-cjk", "{}", cjk_text, cjk, NULL, NULL);

  g_ptr_array_add (ar, span_on (ar_text, "a1", "PERSON", "محمود عباس", 0));
  g_ptr_array_add (ar, span_on (ar_text, "a2", "GPE", "رام الله", 0));
  abbas->id = g_strdup ("E1");
  abbas->type = g_strdup ("PERSON");
  abbas->kb_id = g_strdup ("wikidata:Q127998");
  g_ptr_array_add (abbas->mentions, g_strdup ("a1"));
  g_ptr_array_add (entities, abbas);
  add_document (f, "d-ar", "{\"language\":\"ar\"}", ar_text, ar, NULL, entities);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("gloss-test-formats-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "project.gloss", NULL);
  f->store = gloss_store_open (path, GLOSS_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  add_en (f);
  add_cjk_arabic (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->dir);
}

/* ---- Helpers ------------------------------------------------------------------------ */

static const char *
text_of (const char *document)
{
  if (g_str_equal (document, "d-en"))
    return en_text;
  if (g_str_equal (document, "d-cjk"))
    return cjk_text;
  g_assert_cmpstr (document, ==, "d-ar");
  return ar_text;
}

static char *
slice (const char *text,
       gint64      start,
       gint64      end)
{
  const char *from = g_utf8_offset_to_pointer (text, start);

  return g_strndup (from, g_utf8_offset_to_pointer (text, end) - from);
}

static char *
export_string (Fixture            *f,
               GlossExportOptions *options,
               GlossReport        *report)
{
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  size_t size = 0;
  FILE *stream = open_memstream (&buffer, &size);

  g_assert_true (gloss_export (f->store, options, stream, report, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fclose (stream), ==, 0);
  return buffer;
}

static JsonNode *
parse_json (const char *data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, data, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static gboolean
strv_has (const char * const *strv,
          const char         *str)
{
  return strv != NULL && g_strv_contains (strv, str);
}

/* The tag names of @layer, as the exports must number them. */
static GStrv
expected_tags (GlossStore *store,
               const char *layer)
{
  GPtrArray *labels = gloss_store_list_labels (store);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  g_strv_builder_add (names, "O");
  for (guint i = 0; i < labels->len; i++)
    {
      const GlossLabel *label = g_ptr_array_index (labels, i);
      g_autofree char *b = g_strconcat ("B-", label->name, NULL);
      g_autofree char *in = g_strconcat ("I-", label->name, NULL);

      if (!g_str_equal (label->layer, layer))
        continue;
      g_strv_builder_add (names, b);
      g_strv_builder_add (names, in);
    }
  return g_strv_builder_end (names);
}

/* ---- Sentences ----------------------------------------------------------------------- */

static void
test_sentences (void)
{
  static const char text[] = "😀 One. Two!\n\nThree\n  \nMr. Smith went home.  Shares of Yahoo! Inc fell.";
  static const char * const expected[] = {
    "😀 One.", "Two!", "Three", "Mr. Smith went home.", "Shares of Yahoo!", "Inc fell.",
  };
  g_autoptr(GArray) sentences = gloss_sentences (text, -1, "en");

  g_assert_cmpuint (sentences->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < sentences->len; i++)
    {
      const GlossSentence *s = &g_array_index (sentences, GlossSentence, i);
      g_autofree char *got = slice (text, s->start, s->end);

      g_assert_cmpstr (got, ==, expected[i]);
    }
}

/* ---- W3C ------------------------------------------------------------------------------ */

static const char *
source_text (const char *source)
{
  if (g_str_equal (source, en_url))
    return en_text;
  g_assert_true (g_str_has_prefix (source, "urn:gloss:"));
  return text_of (source + strlen ("urn:gloss:"));
}

static void
check_selectors (JsonObject *target)
{
  const char *text = source_text (json_object_get_string_member (target, "source"));
  JsonArray *selectors = json_object_get_array_member (target, "selector");
  JsonObject *position = json_array_get_object_element (selectors, 0);
  JsonObject *quote = json_array_get_object_element (selectors, 1);
  gint64 start = json_object_get_int_member (position, "start");
  gint64 end = json_object_get_int_member (position, "end");
  glong length = g_utf8_strlen (text, -1);
  g_autofree char *exact = slice (text, start, end);
  g_autofree char *prefix = slice (text, MAX (0, start - 32), start);
  g_autofree char *suffix = slice (text, end, MIN (length, end + 32));

  g_assert_cmpstr (json_object_get_string_member (position, "type"), ==, "TextPositionSelector");
  g_assert_cmpstr (json_object_get_string_member (quote, "type"), ==, "TextQuoteSelector");
  g_assert_cmpint (0, <=, start);
  g_assert_cmpint (start, <, end);
  g_assert_cmpint (end, <=, length);
  g_assert_cmpstr (json_object_get_string_member (quote, "exact"), ==, exact);
  g_assert_cmpstr (json_object_get_string_member (quote, "prefix"), ==, prefix);
  g_assert_cmpstr (json_object_get_string_member (quote, "suffix"), ==, suffix);
}

static guint
check_targets (JsonNode *node)
{
  JsonArray *array;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      check_selectors (json_node_get_object (node));
      return 1;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    check_selectors (json_array_get_object_element (array, i));
  return json_array_get_length (array);
}

/* The tagging body's label, whether the body is one object or a list. */
static const char *
tag_of (JsonObject *annotation)
{
  JsonNode *body = json_object_get_member (annotation, "body");
  JsonObject *tag = JSON_NODE_HOLDS_OBJECT (body) ? json_node_get_object (body)
                                                  : json_array_get_object_element (json_node_get_array (body), 0);

  g_assert_cmpstr (json_object_get_string_member (tag, "type"), ==, "TextualBody");
  g_assert_cmpstr (json_object_get_string_member (tag, "purpose"), ==, "tagging");
  return json_object_get_string_member (tag, "value");
}

static JsonObject *
item (JsonArray  *items,
      const char *id)
{
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *a = json_array_get_object_element (items, i);

      if (g_str_equal (json_object_get_string_member (a, "id"), id))
        return a;
    }
  return NULL;
}

/* Checks every annotation; returns the items and counts them by motivation. */
static JsonNode *
export_w3c (Fixture    *f,
            const char *layer,
            guint      *tagging,
            guint      *linking,
            guint      *identifying)
{
  GlossExportOptions options = { .format = "w3c", .layer = layer };
  g_autoptr(GlossReport) report = gloss_report_new (NULL, NULL);
  g_autofree char *out = export_string (f, &options, report);
  JsonNode *root = parse_json (out);
  JsonObject *collection = json_node_get_object (root);
  JsonObject *page = json_object_get_object_member (collection, "first");
  JsonArray *items = json_object_get_array_member (page, "items");
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (gloss_report_count (report, GLOSS_REPORT_NOTICE), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (collection, "@context"), ==, "http://www.w3.org/ns/anno.jsonld");
  g_assert_cmpstr (json_object_get_string_member (collection, "type"), ==, "AnnotationCollection");
  g_assert_nonnull (json_object_get_string_member (collection, "id"));
  g_assert_cmpstr (json_object_get_string_member (page, "type"), ==, "AnnotationPage");
  g_assert_cmpint (json_object_get_int_member (collection, "total"), ==, json_array_get_length (items));

  *tagging = *linking = *identifying = 0;
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *a = json_array_get_object_element (items, i);
      const char *motivation = json_object_get_string_member (a, "motivation");

      g_assert_cmpstr (json_object_get_string_member (a, "type"), ==, "Annotation");
      g_assert_true (g_hash_table_add (ids, (gpointer) json_object_get_string_member (a, "id")));
      if (g_str_equal (motivation, "tagging"))
        {
          (*tagging)++;
          g_assert_cmpuint (check_targets (json_object_get_member (a, "target")), >, 0);
          g_assert_nonnull (tag_of (a));
        }
      else
        {
          JsonArray *targets = json_object_get_array_member (a, "target");

          *linking += g_str_equal (motivation, "linking");
          *identifying += g_str_equal (motivation, "identifying");
          g_assert_true (g_str_equal (motivation, "linking") || g_str_equal (motivation, "identifying"));
          for (guint j = 0; j < json_array_get_length (targets); j++)
            g_assert_nonnull (item (items, json_array_get_string_element (targets, j)));
        }
    }
  return root;
}

static void
test_w3c_selectors (Fixture       *f,
                    gconstpointer  data)
{
  guint tagging, linking, identifying;
  g_autoptr(JsonNode) root = export_w3c (f, NULL, &tagging, &linking, &identifying);
  JsonArray *items = json_object_get_array_member (json_object_get_object_member (json_node_get_object (root),
                                                                                  "first"), "items");
  JsonObject *merkel = item (items, "urn:gloss:d-en:e9");
  JsonObject *quote = item (items, "urn:gloss:d-en:q1");
  JsonObject *speaker = item (items, "urn:gloss:d-en:relation:r1");
  JsonObject *abbas = item (items, "urn:gloss:d-ar:entity:E1");
  JsonArray *bodies;
  JsonArray *targets;
  g_autofree char *abbas_body = NULL;

  /* Every span, nested, overlapping or discontinuous, is there. */
  g_assert_cmpuint (tagging, ==, 13 + 3 + 2);
  g_assert_cmpuint (linking, ==, 2);
  g_assert_cmpuint (identifying, ==, 1);

  g_assert_cmpuint (check_targets (json_object_get_member (merkel, "target")), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (item (items, "urn:gloss:d-en:e1"),
                                                                                 "target"), "source"), ==, en_url);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (item (items, "urn:gloss:d-cjk:c-1"),
                                                                                 "target"), "source"), ==, "urn:gloss:d-cjk");

  g_assert_cmpstr (tag_of (quote), ==, "QUOTE");
  bodies = json_object_get_array_member (quote, "body");
  g_assert_cmpuint (json_array_get_length (bodies), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (bodies, 1), "purpose"), ==, "commenting");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (bodies, 1), "value"), ==,
                   "checked against the video");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (bodies, 2), "value"), ==,
                   "{\"quote_type\":\"direct\"}");

  g_assert_cmpstr (tag_of (speaker), ==, "SPEAKER");
  targets = json_object_get_array_member (speaker, "target");
  /* The head is the target; the dependent is a linking body. */
  g_assert_cmpuint (json_array_get_length (targets), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (targets, 0), ==, "urn:gloss:d-en:q1");
  {
    g_autofree char *speaker_body = json_to_string (json_object_get_member (speaker, "body"), FALSE);

    g_assert_nonnull (strstr (speaker_body, "\"purpose\":\"linking\""));
    g_assert_nonnull (strstr (speaker_body, "\"urn:gloss:d-en:e1\""));
  }

  abbas_body = json_to_string (json_object_get_member (abbas, "body"), FALSE);
  g_assert_nonnull (strstr (abbas_body, "\"http://www.wikidata.org/entity/Q127998\""));
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (abbas, "target"), 0), ==,
                   "urn:gloss:d-ar:a1");
}

/* A layer keeps its spans, and no relation or entity points outside it. */
static void
test_w3c_layer (Fixture       *f,
                gconstpointer  data)
{
  guint tagging, linking, identifying;
  g_autoptr(JsonNode) quotes = export_w3c (f, "quote", &tagging, &linking, &identifying);
  g_autoptr(JsonNode) entities = NULL;

  g_assert_cmpuint (tagging, ==, 2);
  g_assert_cmpuint (linking, ==, 1);   /* CUE: both ends are quote spans; SPEAKER is not */
  g_assert_cmpuint (identifying, ==, 0);
  entities = export_w3c (f, "entity", &tagging, &linking, &identifying);
  g_assert_cmpuint (tagging, ==, 11 + 3 + 2);
  g_assert_cmpuint (linking, ==, 0);
  g_assert_cmpuint (identifying, ==, 1);
}

/* ---- Token tags ------------------------------------------------------------------------ */

typedef struct
{
  char    *document;
  GArray  *offsets;   /* GlossSentence: each token's [start, end) */
  GStrv    tokens;
  GStrv    tags;      /* names */
} Sentence;

static void
sentence_free (Sentence *s)
{
  g_free (s->document);
  g_array_unref (s->offsets);
  g_strfreev (s->tokens);
  g_strfreev (s->tags);
  g_free (s);
}

static GStrv
strings_of (JsonArray *array)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  for (guint i = 0; i < json_array_get_length (array); i++)
    g_strv_builder_add (b, json_array_get_string_element (array, i));
  return g_strv_builder_end (b);
}

static GPtrArray *
export_hf (Fixture     *f,
           const char  *layer,
           GlossReport *report)
{
  GlossExportOptions options = { .format = "hf", .layer = layer };
  g_autofree char *out = export_string (f, &options, report);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  g_auto(GStrv) names = expected_tags (f->store, layer ? layer : "entity");
  GPtrArray *sentences = g_ptr_array_new_with_free_func ((GDestroyNotify) sentence_free);

  g_assert_true (g_str_has_suffix (out, "\n"));
  for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      g_autoptr(JsonNode) node = parse_json (lines[i]);
      JsonObject *o = json_node_get_object (node);
      JsonArray *tags = json_object_get_array_member (o, "ner_tags");
      JsonArray *offsets = json_object_get_array_member (o, "token_offsets");
      g_autoptr(GStrvBuilder) tag_names = g_strv_builder_new ();
      Sentence *s = g_new0 (Sentence, 1);
      g_autofree char *id = NULL;

      s->document = g_strdup (json_object_get_string_member (o, "document"));
      s->tokens = strings_of (json_object_get_array_member (o, "tokens"));
      s->offsets = g_array_new (FALSE, FALSE, sizeof (GlossSentence));
      g_assert_cmpuint (json_array_get_length (tags), ==, g_strv_length (s->tokens));
      g_assert_cmpuint (json_array_get_length (offsets), ==, g_strv_length (s->tokens));
      g_assert_cmpuint (g_strv_length (s->tokens), >, 0);
      for (guint t = 0; t < json_array_get_length (tags); t++)
        {
          JsonArray *pair = json_array_get_array_element (offsets, t);
          GlossSentence range = { json_array_get_int_element (pair, 0), json_array_get_int_element (pair, 1) };
          gint64 tag = json_array_get_int_element (tags, t);
          g_autofree char *token = slice (text_of (s->document), range.start, range.end);

          g_assert_cmpstr (token, ==, s->tokens[t]);
          g_assert_cmpint (tag, >=, 0);
          g_assert_cmpint (tag, <, g_strv_length (names));
          g_strv_builder_add (tag_names, names[tag]);
          g_array_append_val (s->offsets, range);
        }
      s->tags = g_strv_builder_end (tag_names);
      g_assert_cmpint (json_object_get_int_member (o, "start"), ==,
                       g_array_index (s->offsets, GlossSentence, 0).start);
      id = g_strdup_printf ("%s-", s->document);
      g_assert_true (g_str_has_prefix (json_object_get_string_member (o, "id"), id));
      g_ptr_array_add (sentences, s);
    }
  return sentences;
}

/* What the tag of each token of @document must be: B- on the first token of
 * every span of @layer a tag set can hold, I- on its other tokens, O elsewhere. */
static GStrv
oracle_tags (Fixture            *f,
             const char         *document,
             const char         *layer,
             const char * const *untaggable,
             GArray             *tokens)
{
  g_autoptr(GlossDocument) doc = gloss_store_get_document (f->store, document, NULL);
  g_autoptr(GPtrArray) spans = gloss_store_list_spans (f->store, doc->rowid, NULL);
  GStrv tags = g_new0 (char *, tokens->len + 1);

  for (guint t = 0; t < tokens->len; t++)
    tags[t] = g_strdup ("O");
  for (guint i = 0; i < spans->len; i++)
    {
      const GlossSpan *span = g_ptr_array_index (spans, i);
      const GlossLabel *label = gloss_store_lookup_label (f->store, span->label);
      gboolean first = TRUE;

      if (!g_str_equal (label->layer, layer) || strv_has (untaggable, span->id))
        continue;
      for (guint t = 0; t < tokens->len; t++)
        {
          const GlossToken *token = &g_array_index (tokens, GlossToken, t);

          if (token->start < gloss_span_get_start (span) || token->end > gloss_span_get_end (span))
            continue;
          g_assert_cmpstr (tags[t], ==, "O");
          g_free (tags[t]);
          tags[t] = g_strconcat (first ? "B-" : "I-", span->label, NULL);
          first = FALSE;
        }
      g_assert_false (first);
    }
  return tags;
}

/* Every token of every document, once, in order, with the oracle's tag. */
static void
check_against_oracle (Fixture            *f,
                      GPtrArray          *sentences,
                      const char         *layer,
                      const char * const *en_skipped)
{
  static const char * const documents[] = { "d-en", "d-cjk", "d-ar" };
  guint s = 0;

  for (guint d = 0; d < G_N_ELEMENTS (documents); d++)
    {
      g_autoptr(GArray) tokens = gloss_tokenize (text_of (documents[d]), -1, NULL);
      g_auto(GStrv) expected = NULL;
      guint t = 0;

      /* The exports' tokens: English clitics come off in every document whose
       * language is English or not stated, and no other text has them. */
      gloss_tokenizer_split_clitics (tokens, text_of (documents[d]), NULL);
      expected = oracle_tags (f, documents[d], layer, d == 0 ? en_skipped : NULL, tokens);

      for (; s < sentences->len; s++)
        {
          Sentence *sentence = g_ptr_array_index (sentences, s);

          if (!g_str_equal (sentence->document, documents[d]))
            break;
          for (guint i = 0; sentence->tokens[i] != NULL; i++, t++)
            {
              const GlossToken *token = &g_array_index (tokens, GlossToken, t);

              g_assert_cmpuint (t, <, tokens->len);
              g_assert_cmpint (g_array_index (sentence->offsets, GlossSentence, i).start, ==, token->start);
              g_assert_cmpstr (sentence->tags[i], ==, expected[t]);
            }
        }
      g_assert_cmpuint (t, ==, tokens->len);
    }
  g_assert_cmpuint (s, ==, sentences->len);
}

static const char *
tag_at (GPtrArray  *sentences,
        const char *document,
        const char *token,
        guint       nth)
{
  for (guint s = 0; s < sentences->len; s++)
    {
      Sentence *sentence = g_ptr_array_index (sentences, s);

      for (guint i = 0; g_str_equal (sentence->document, document) && sentence->tokens[i] != NULL; i++)
        if (g_str_equal (sentence->tokens[i], token) && nth-- == 0)
          return sentence->tags[i];
    }
  g_assert_not_reached ();
  return NULL;
}

static const Sentence *
sentence_with (GPtrArray  *sentences,
               const char *token)
{
  for (guint s = 0; s < sentences->len; s++)
    {
      Sentence *sentence = g_ptr_array_index (sentences, s);

      if (strv_has ((const char * const *) sentence->tokens, token))
        return sentence;
    }
  g_assert_not_reached ();
  return NULL;
}

static void
test_hf_tags (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GlossReport) report = gloss_report_new (NULL, NULL);
  g_autoptr(GPtrArray) sentences = export_hf (f, NULL, report);
  const char *notice;
  const Sentence *yahoo;

  check_against_oracle (f, sentences, "entity", en_untaggable);

  /* The same facts, spelt out. */
  g_assert_cmpstr (tag_at (sentences, "d-en", "Vladimir", 0), ==, "B-PERSON");
  g_assert_cmpstr (tag_at (sentences, "d-en", "Putin", 0), ==, "I-PERSON");
  g_assert_cmpstr (tag_at (sentences, "d-en", "said", 0), ==, "O");
  g_assert_cmpstr (tag_at (sentences, "d-en", "Moscow", 0), ==, "B-GPE");
  g_assert_cmpstr (tag_at (sentences, "d-en", "Yahoo", 0), ==, "B-ORG");
  g_assert_cmpstr (tag_at (sentences, "d-en", "!", 0), ==, "I-ORG");
  g_assert_cmpstr (tag_at (sentences, "d-en", "Inc", 0), ==, "I-ORG");
  g_assert_cmpstr (tag_at (sentences, "d-en", "Times", 0), ==, "I-ORG");
  g_assert_cmpstr (tag_at (sentences, "d-en", "Square", 0), ==, "O");
  g_assert_cmpstr (tag_at (sentences, "d-en", "America", 0), ==, "I-ORG");
  g_assert_cmpstr (tag_at (sentences, "d-en", "Angela", 0), ==, "O");
  g_assert_cmpstr (tag_at (sentences, "d-en", "Oslo", 0), ==, "B-GPE");
  g_assert_cmpstr (tag_at (sentences, "d-cjk", "习", 0), ==, "B-PERSON");
  g_assert_cmpstr (tag_at (sentences, "d-cjk", "近平", 0), ==, "I-PERSON");
  g_assert_cmpstr (tag_at (sentences, "d-cjk", "北京", 0), ==, "B-GPE");
  g_assert_cmpstr (tag_at (sentences, "d-ar", "محمود", 0), ==, "B-PERSON");
  g_assert_cmpstr (tag_at (sentences, "d-ar", "عباس", 0), ==, "I-PERSON");
  g_assert_cmpstr (tag_at (sentences, "d-ar", "الله", 0), ==, "I-GPE");

  /* ICU cuts "Yahoo! Inc" into two sentences; the span keeps them together. */
  yahoo = sentence_with (sentences, "Yahoo");
  g_assert_true (strv_has ((const char * const *) yahoo->tokens, "Inc"));
  g_assert_true (strv_has ((const char * const *) sentence_with (sentences, "Smith")->tokens, "Mr"));

  /* One notice names the count and the first of them; nothing is a problem. */
  g_assert_cmpuint (gloss_report_count (report, GLOSS_REPORT_PROBLEM), ==, 0);
  g_assert_cmpuint (gloss_report_count (report, GLOSS_REPORT_NOTICE), ==, 1);
  notice = gloss_report_get_messages (report)[0];
  g_test_message ("%s", notice);
  g_assert_nonnull (strstr (notice, "4 spans"));
  g_assert_nonnull (strstr (notice, "entity"));
  g_assert_nonnull (strstr (notice, "d-en:["));
  g_assert_nonnull (strstr (notice, "is discontinuous"));
  g_assert_nonnull (strstr (notice, "crosses a token boundary"));
  g_assert_nonnull (strstr (notice, "overlaps a tagged span"));
}

/* CoNLL holds exactly what hf holds, as text; --layer picks another layer. */
static void
test_conll_tags (Fixture       *f,
                 gconstpointer  data)
{
  GlossExportOptions options = { .format = "conll" };
  g_autoptr(GlossReport) report = gloss_report_new (NULL, NULL);
  g_autoptr(GlossReport) hf_report = gloss_report_new (NULL, NULL);
  g_autofree char *out = export_string (f, &options, report);
  g_autoptr(GPtrArray) sentences = export_hf (f, NULL, hf_report);
  g_auto(GStrv) documents = NULL;
  g_autoptr(GPtrArray) quotes = NULL;
  guint s = 0;

  g_assert_true (g_str_has_prefix (out, "-DOCSTART- -X- O O\n\n"));
  documents = g_strsplit (out + strlen ("-DOCSTART- -X- O O\n\n"), "-DOCSTART- -X- O O\n\n", -1);
  g_assert_cmpuint (g_strv_length (documents), ==, 3);
  for (guint d = 0; documents[d] != NULL; d++)
    {
      g_auto(GStrv) blocks = NULL;

      g_assert_true (g_str_has_suffix (documents[d], "\n\n"));
      documents[d][strlen (documents[d]) - 2] = '\0';
      blocks = g_strsplit (documents[d], "\n\n", -1);
      for (guint b = 0; blocks[b] != NULL; b++, s++)
        {
          g_auto(GStrv) lines = g_strsplit (blocks[b], "\n", -1);
          Sentence *sentence = g_ptr_array_index (sentences, s);

          g_assert_cmpuint (g_strv_length (lines), ==, g_strv_length (sentence->tokens));
          for (guint i = 0; lines[i] != NULL; i++)
            {
              g_auto(GStrv) columns = g_strsplit (lines[i], "\t", -1);

              g_assert_cmpuint (g_strv_length (columns), ==, 2);
              g_assert_cmpstr (columns[0], ==, sentence->tokens[i]);
              g_assert_cmpstr (columns[1], ==, sentence->tags[i]);
            }
        }
    }
  g_assert_cmpuint (s, ==, sentences->len);
  g_assert_cmpuint (gloss_report_count (report, GLOSS_REPORT_NOTICE), ==, 1);
  g_assert_cmpstr (gloss_report_get_messages (report)[0], ==, gloss_report_get_messages (hf_report)[0]);

  quotes = export_hf (f, "quote", NULL);
  check_against_oracle (f, quotes, "quote", NULL);
  g_assert_cmpstr (tag_at (quotes, "d-en", "\"", 0), ==, "B-QUOTE");
  g_assert_cmpstr (tag_at (quotes, "d-en", "👍🏽", 0), ==, "I-QUOTE");
  g_assert_cmpstr (tag_at (quotes, "d-en", "said", 0), ==, "B-CUE");
  g_assert_cmpstr (tag_at (quotes, "d-en", "Putin", 0), ==, "O");
}

/* A name before "’s" is a token of its own in English, as CoNLL-2003 and
 * spaCy cut it, so that it is tagged without the clitic; a German document
 * keeps "Peter’s" whole. */
static void
test_conll_clitics (Fixture       *f,
                    gconstpointer  data)
{
  static const char en[] = "Uber\u2019s drivers don't stop in K\u00f6ln\u2019s centre.";
  static const char de[] = "Peter\u2019s Kneipe";
  GlossExportOptions options = { .format = "conll" };
  g_autoptr(GPtrArray) en_spans = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_span_free);
  g_autoptr(GPtrArray) de_spans = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_span_free);
  g_autoptr(GlossReport) report = gloss_report_new (NULL, NULL);
  g_autofree char *out = NULL;

  g_ptr_array_add (en_spans, span_on (en, "c1", "ORG", "Uber", 0));
  g_ptr_array_add (en_spans, span_on (en, "c2", "GPE", "K\u00f6ln", 0));
  add_document (f, "d-clitic", "{\"language\":\"en\"}", en, en_spans, NULL, NULL);
  g_ptr_array_add (de_spans, span_on (de, "c3", "ORG", "Peter\u2019s", 0));
  add_document (f, "d-de", "{\"language\":\"de\"}", de, de_spans, NULL, NULL);

  out = export_string (f, &options, report);
  g_assert_nonnull (strstr (out, "\nUber\tB-ORG\n\u2019s\tO\ndrivers\tO\ndo\tO\nn't\tO\nstop\tO\n"));
  g_assert_nonnull (strstr (out, "\nK\u00f6ln\tB-GPE\n\u2019s\tO\ncentre\tO\n"));
  g_assert_nonnull (strstr (out, "\nPeter\u2019s\tB-ORG\nKneipe\tO\n"));
}

/* ---- Bundles ---------------------------------------------------------------------------- */

static char *
bundle (Fixture    *f,
        const char *name,
        const char *format,
        const char *split)
{
  g_autofree char *dir = g_build_filename (f->dir, name, NULL);
  GlossExportOptions options = { .format = format, .bundle = dir, .split = split, .seed = 3 };
  g_autoptr(GlossReport) report = gloss_report_new (NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_export (f->store, &options, NULL, report, NULL, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&dir);
}

static char *
read_file (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
test_bundle_hf (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *dir = bundle (f, "hf", "hf", NULL);
  g_autofree char *labels = read_file (dir, "labels.json");
  g_autofree char *card = read_file (dir, "README.md");
  g_autofree char *lines = read_file (dir, "data.jsonl");
  g_autoptr(JsonNode) root = parse_json (labels);
  JsonObject *o = json_node_get_object (root);
  g_auto(GStrv) names = strings_of (json_object_get_array_member (o, "ner_tags"));
  g_auto(GStrv) expected = expected_tags (f->store, "entity");

  g_assert_cmpstr (json_object_get_string_member (o, "ner_layer"), ==, "entity");
  g_assert_cmpuint (g_strv_length (names), ==, g_strv_length (expected));
  for (guint i = 0; expected[i] != NULL; i++)
    g_assert_cmpstr (names[i], ==, expected[i]);
  g_assert_cmpstr (names[0], ==, "O");
  g_assert_cmpstr (names[1], ==, "B-PERSON");
  g_assert_cmpstr (names[2], ==, "I-PERSON");
  g_assert_true (json_object_has_member (o, "conll_mapping"));
  g_assert_true (json_object_has_member (o, "labels"));

  g_assert_nonnull (strstr (lines, "\"ner_tags\":[1,2,"));   /* Vladimir Putin */
  g_assert_nonnull (strstr (card, "`data.jsonl`"));
  g_assert_nonnull (strstr (card, "load_dataset(\"json\", data_files=\"data.jsonl\")"));
  g_assert_nonnull (strstr (card, "ClassLabel(names=names)"));
  g_assert_nonnull (strstr (card, "4 spans are not in the tags"));
}

/* Runs the card's Python in the bundle, with @check appended; returns what it prints. */
static char *
run_card_python (const char *dir,
                 const char *check)
{
  g_autofree char *card = read_file (dir, "README.md");
  const char *code = strstr (card, "```python\n");
  const char *end;
  g_autofree char *script = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { "/usr/bin/python3", "-c", NULL, NULL };
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_nonnull (code);
  code += strlen ("```python\n");
  end = strstr (code, "```");
  g_assert_nonnull (end);
  script = g_strdup_printf ("%.*s\n%s\n", (int) (end - code), code, check);
  argv[2] = script;
  g_spawn_sync (dir, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_test_message ("%s\n%s", script, err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_strstrip (g_steal_pointer (&out));
}

static void
test_bundle_python (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *conll = NULL;
  g_autofree char *w3c = NULL;
  g_autofree char *sentences = NULL;
  g_autofree char *annotations = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GPtrArray) hf = export_hf (f, NULL, NULL);

  if (!g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("no /usr/bin/python3 to run the dataset card's code");
      return;
    }

  conll = bundle (f, "conll", "conll", "train=0.5,test=0.5");
  sentences = run_card_python (conll, "print(sum(len(s) for s in splits.values()))");
  expected = g_strdup_printf ("%u", hf->len);
  g_assert_cmpstr (sentences, ==, expected);

  w3c = bundle (f, "w3c", "w3c", NULL);
  annotations = run_card_python (w3c, "print(len(annotations))");
  g_assert_cmpstr (annotations, ==, "21");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/formats/sentences", test_sentences);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/formats/w3c/selectors", test_w3c_selectors);
  ADD ("/formats/w3c/layer", test_w3c_layer);
  ADD ("/formats/hf/tags", test_hf_tags);
  ADD ("/formats/conll/tags", test_conll_tags);
  ADD ("/formats/conll/clitics", test_conll_clitics);
  ADD ("/formats/bundle/hf", test_bundle_hf);
  ADD ("/formats/bundle/python", test_bundle_python);
#undef ADD

  return g_test_run ();
}
