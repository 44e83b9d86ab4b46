/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "gloss-store.h"
#include "gloss-test-pg.h"
#include "gloss-test-project.h"
#include "gloss-text.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* Emoji (one and two code points), CJK, and Arabic with combining harakat: byte,
 * UTF-16 and code-point offsets all differ. Already NFC. Offsets below were
 * counted in Python (str indices). */
#define TEXT "Zoë Müller 😀 said: “Prices rose 5%.” 東京都 agreed.\n" \
             "قال مُحَمَّد إن الاتفاق جيد 👍🏽"
#define TEXT_LENGTH 79
#define TEXT_SHA256 "78a048f1ece7a82823625b2f26e14504f3f1fd9231f5e781b1e13e1315619b08"

typedef struct
{
  char       *dir;
  char       *path;
  GlossStore *store;
} Fixture;

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_remove (path);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("gloss-test-store-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = gloss_test_project_new (fixture->dir, "project.gloss");
  fixture->store = gloss_store_open (fixture->path, GLOSS_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->path, gloss_test_project_free);
}

static const char *
or_none (const char *str)
{
  return str != NULL ? str : "(none)";
}

static GlossSpan *
span_new (const char *id,
          const char *label,
          gint        start,
          gint        end)
{
  GlossSpan *span = gloss_span_new (label, start, end);

  span->id = g_strdup (id);
  return span;
}

static GlossRelation *
relation_new (const char *id,
              const char *type,
              const char *from_id,
              const char *to_id)
{
  GlossRelation *relation = gloss_relation_new (type, from_id, to_id);

  relation->id = g_strdup (id);
  return relation;
}

static GlossDocument *
document_new (const char *id,
              const char *title,
              const char *text)
{
  GlossDocument *document = g_new0 (GlossDocument, 1);

  document->id = g_strdup (id);
  document->title = g_strdup (title);
  document->text = g_strdup (text);
  return document;
}

/* Imports TEXT with spans s1…s7 (given out of order), two relations and one
 * entity, and returns the document's row id. */
static gint64
import_annotated (GlossStore *store,
                  const char *id)
{
  g_autoptr(GlossDocument) document = document_new (id, "Prices", TEXT);
  g_autoptr(GPtrArray) spans = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_span_free);
  g_autoptr(GPtrArray) relations =
    g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_relation_free);
  g_autoptr(GPtrArray) entities =
    g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_entity_free);
  g_autoptr(GlossReport) report = gloss_report_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  GlossEntity *entity;
  GlossSpan *span;

  span = span_new ("s6", "CLAIM", 20, 34);
  g_free (span->attrs);
  span->attrs = g_strdup ("{\"checkworthiness\":\"CFS\"}");
  g_ptr_array_add (spans, span);
  g_ptr_array_add (spans, span_new ("s4", "GPE", 37, 40));
  g_ptr_array_add (spans, span_new ("s7", "PERSON", 0, 3));
  g_ptr_array_add (spans, span_new ("s1", "PERSON", 0, 10));
  g_ptr_array_add (spans, span_new ("s2", "QUOTE", 19, 36));
  span = span_new ("s5", "PERSON", 53, 61);
  span->note = g_strdup ("Arabic name");
  g_ptr_array_add (spans, span);
  g_ptr_array_add (spans, span_new ("s3", "CUE", 13, 17));

  g_ptr_array_add (relations, relation_new ("r1", "SPEAKER", "s2", "s1"));
  g_ptr_array_add (relations, relation_new ("r2", "CUE", "s2", "s3"));

  entity = gloss_entity_new ("Zoë Müller");
  entity->id = g_strdup ("e1");
  entity->type = g_strdup ("PERSON");
  entity->kb_id = g_strdup ("wikidata:Q42");
  g_ptr_array_add (entity->mentions, g_strdup ("s1"));
  g_ptr_array_add (entity->mentions, g_strdup ("s7"));
  g_ptr_array_add (entities, entity);

  g_assert_true (gloss_store_add_document (store, document, spans, relations, entities, report,
                                           &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_report_count (report, GLOSS_REPORT_PROBLEM), ==, 0);
  g_assert_cmpuint (gloss_report_count (report, GLOSS_REPORT_NOTICE), ==, 0);
  g_assert_cmpstr (document->id, ==, id);
  g_assert_cmpint (document->rowid, >, 0);
  return document->rowid;
}

static gint64
import_plain (GlossStore *store,
              const char *id,
              const char *text)
{
  g_autoptr(GlossDocument) document = document_new (id, id, text);
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_store_add_document (store, document, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return document->rowid;
}

/* Everything the store says about one document, to compare states exactly. */
static char *
dump_document (GlossStore *store,
               gint64      rowid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossDocument) document = gloss_store_get_document_by_rowid (store, rowid, &error);
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GPtrArray) entities = NULL;
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  spans = gloss_store_list_spans (store, rowid, &error);
  g_assert_no_error (error);
  relations = gloss_store_list_relations (store, rowid, &error);
  g_assert_no_error (error);
  entities = gloss_store_list_entities (store, rowid, &error);
  g_assert_no_error (error);

  g_string_append_printf (out, "document %s title=%s status=%s modified=%" G_GINT64_FORMAT
                          " n_spans=%d\n", document->id, document->title,
                          gloss_status_to_string (document->status), document->modified,
                          document->n_spans);
  for (guint i = 0; i < spans->len; i++)
    {
      const GlossSpan *span = g_ptr_array_index (spans, i);
      g_autofree char *fragments = gloss_span_fragments_to_string (span);

      g_string_append_printf (out, "span #%" G_GINT64_FORMAT " %s %s %s attrs=%s annotator=%s "
                              "note=%s\n", span->rowid, span->id, span->label, fragments,
                              span->attrs, or_none (span->annotator), or_none (span->note));
    }
  for (guint i = 0; i < relations->len; i++)
    {
      const GlossRelation *relation = g_ptr_array_index (relations, i);

      g_string_append_printf (out, "relation #%" G_GINT64_FORMAT " %s %s %s→%s attrs=%s note=%s\n",
                              relation->rowid, relation->id, relation->type, relation->from_id,
                              relation->to_id, relation->attrs, or_none (relation->note));
    }
  for (guint i = 0; i < entities->len; i++)
    {
      const GlossEntity *entity = g_ptr_array_index (entities, i);

      g_string_append_printf (out, "entity #%" G_GINT64_FORMAT " %s %s type=%s kb=%s mentions=",
                              entity->rowid, entity->id, entity->name, or_none (entity->type),
                              or_none (entity->kb_id));
      for (guint j = 0; j < entity->mentions->len; j++)
        g_string_append_printf (out, "%s%s", j ? "," : "",
                                (char *) g_ptr_array_index (entity->mentions, j));
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

static void
assert_dump (GlossStore *store,
             gint64      rowid,
             const char *expected)
{
  g_autofree char *dump = dump_document (store, rowid);

  g_assert_cmpstr (dump, ==, expected);
}

static const GlossSpan *
find_span (GPtrArray  *spans,
           const char *id)
{
  for (guint i = 0; i < spans->len; i++)
    {
      const GlossSpan *span = g_ptr_array_index (spans, i);

      if (g_strcmp0 (span->id, id) == 0)
        return span;
    }
  return NULL;
}

static GlossSpan *
get_span (GlossStore *store,
          gint64      document,
          const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = gloss_store_list_spans (store, document, &error);
  const GlossSpan *found;
  GlossSpan *copy;

  g_assert_no_error (error);
  found = find_span (spans, id);
  if (found == NULL)
    return NULL;

  copy = gloss_span_new (found->label, 0, 0);
  g_array_append_vals (copy->fragments, found->fragments->data, found->fragments->len);
  copy->rowid = found->rowid;
  copy->id = g_strdup (found->id);
  g_free (copy->attrs);
  copy->attrs = g_strdup (found->attrs);
  copy->annotator = g_strdup (found->annotator);
  copy->note = g_strdup (found->note);
  return copy;
}

/* The JSON text of one member of a span's attributes, or NULL. */
static char *
get_span_attribute (GlossStore *store,
                    gint64      document,
                    const char *span_id,
                    const char *name)
{
  g_autoptr(GlossSpan) span = get_span (store, document, span_id);
  g_autoptr(JsonNode) root = NULL;
  JsonNode *member;

  g_assert_nonnull (span);
  root = json_from_string (span->attrs, NULL);
  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  member = json_object_get_member (json_node_get_object (root), name);
  return member != NULL ? json_to_string (member, FALSE) : NULL;
}

static GlossStatus
get_status (GlossStore *store,
            gint64      document)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossDocument) found = gloss_store_get_document_by_rowid (store, document, &error);

  g_assert_no_error (error);
  return found->status;
}

static void
add_span_ok (GlossStore *store,
             gint64      document,
             const char *label,
             gint        start,
             gint        end)
{
  g_autoptr(GlossSpan) span = gloss_span_new (label, start, end);
  g_autoptr(GlossSpan) stored = NULL;
  g_autoptr(GError) error = NULL;

  stored = gloss_store_add_span (store, document, span, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
}

static gint64
query_int (const char *path,
           const char *sql)
{
  g_autoptr(sqlite3) db = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* ---- Label schema -------------------------------------------------------------- */

static void
test_schema_default (Fixture       *fixture,
                     gconstpointer  data)
{
  /* DESIGN.md, "Default labels". */
  static const struct
  {
    const char     *name;
    const char     *layer;
    const char     *hotkey;
    const char     *color;
    GlossLabelKind  kind;
    gboolean        can_speak;
  } expected[] = {
    { "PERSON", "entity", "p", "#a5a0fb", GLOSS_LABEL_KIND_ENTITY, TRUE },
    { "ORG", "entity", "o", "#7aecec", GLOSS_LABEL_KIND_ENTITY, TRUE },
    { "GPE", "entity", "g", "#ffca73", GLOSS_LABEL_KIND_ENTITY, TRUE },
    { "LOC", "entity", "l", "#ff9561", GLOSS_LABEL_KIND_ENTITY, FALSE },
    { "NORP", "entity", "n", "#cd8bf5", GLOSS_LABEL_KIND_ENTITY, TRUE },
    { "FAC", "entity", "f", "#90c3ff", GLOSS_LABEL_KIND_ENTITY, FALSE },
    { "EVENT", "entity", "e", "#ffeb80", GLOSS_LABEL_KIND_ENTITY, FALSE },
    { "WORK_OF_ART", "entity", "w", "#c5b0c6", GLOSS_LABEL_KIND_ENTITY, FALSE },
    { "LAW", "entity", "x", "#ff8197", GLOSS_LABEL_KIND_ENTITY, FALSE },
    { "LANGUAGE", "entity", "u", "#febad0", GLOSS_LABEL_KIND_ENTITY, FALSE },
    { "PRODUCT", "entity", "r", "#cff1c6", GLOSS_LABEL_KIND_ENTITY, FALSE },
    { "DATE", "entity", "d", "#d2f27b", GLOSS_LABEL_KIND_ENTITY, FALSE },
    { "TIME", "entity", "t", "#a5e1fc", GLOSS_LABEL_KIND_ENTITY, FALSE },
    { "MONEY", "entity", "m", "#80d48a", GLOSS_LABEL_KIND_ENTITY, FALSE },
    { "PERCENT", "entity", "5", "#dfc7a3", GLOSS_LABEL_KIND_ENTITY, FALSE },
    { "QUANTITY", "entity", "y", "#bcc3d7", GLOSS_LABEL_KIND_ENTITY, FALSE },
    { "ORDINAL", "entity", "1", "#b8bdb6", GLOSS_LABEL_KIND_ENTITY, FALSE },
    { "CARDINAL", "entity", "2", "#f5c4ff", GLOSS_LABEL_KIND_ENTITY, FALSE },
    { "QUOTE", "quote", "q", "#f4a3b5", GLOSS_LABEL_KIND_QUOTE, FALSE },
    { "CUE", "quote", "v", "#ff7f50", GLOSS_LABEL_KIND_CUE, FALSE },
    { "SOURCE", "quote", "s", "#b39ddb", GLOSS_LABEL_KIND_SOURCE, TRUE },
    { "CLAIM", "claim", "k", "#66bb6a", GLOSS_LABEL_KIND_CLAIM, FALSE },
  };
  static const char * const claim_attributes[][2] = {
    { "checkworthiness", "enum" },
    { "verifiable", "boolean" },
    { "claimant_stance", "enum" },
    { "claimant_is_author", "boolean" },
    { "verdict", "text" },
  };
  static const char * const checkworthiness[] = { "NFS", "UFS", "CFS", NULL };
  static const char * const stances[] = { "affirm", "refute", "unclear", NULL };
  static const char * const quote_types[] = { "direct", "indirect", "mixed", NULL };
  GPtrArray *labels = gloss_store_list_labels (fixture->store);
  GPtrArray *layers = gloss_store_list_layers (fixture->store);
  g_auto(GStrv) relation_types = gloss_store_list_relation_types (fixture->store);
  const GlossLabel *claim, *quote;
  const GlossAttributeDef *def;

  g_assert_cmpuint (labels->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const GlossLabel *label = gloss_store_lookup_label (fixture->store, expected[i].name);

      g_assert_nonnull (label);
      g_assert_cmpstr (label->layer, ==, expected[i].layer);
      g_assert_cmpstr (label->hotkey, ==, expected[i].hotkey);
      g_assert_cmpstr (label->color, ==, expected[i].color);
      g_assert_cmpint (label->kind, ==, expected[i].kind);
      g_assert_cmpint (label->can_speak, ==, expected[i].can_speak);
    }

  g_assert_cmpuint (layers->len, ==, 3);
  g_assert_cmpstr (((GlossLayer *) g_ptr_array_index (layers, 0))->name, ==, "entity");
  g_assert_cmpstr (((GlossLayer *) g_ptr_array_index (layers, 1))->name, ==, "quote");
  g_assert_cmpstr (((GlossLayer *) g_ptr_array_index (layers, 2))->name, ==, "claim");

  claim = gloss_store_lookup_label (fixture->store, "CLAIM");
  g_assert_cmpuint (claim->attributes->len, ==, G_N_ELEMENTS (claim_attributes));
  for (guint i = 0; i < G_N_ELEMENTS (claim_attributes); i++)
    {
      def = gloss_label_find_attribute (claim, claim_attributes[i][0]);
      g_assert_nonnull (def);
      g_assert_cmpstr (gloss_attribute_type_to_string (def->type), ==, claim_attributes[i][1]);
    }
  g_assert_cmpstrv (gloss_label_find_attribute (claim, "checkworthiness")->values, checkworthiness);
  g_assert_cmpstrv (gloss_label_find_attribute (claim, "claimant_stance")->values, stances);
  g_assert_null (gloss_label_find_attribute (claim, "verifiable")->values);

  quote = gloss_store_lookup_label (fixture->store, "QUOTE");
  def = gloss_label_find_attribute (quote, "quote_type");
  g_assert_nonnull (def);
  g_assert_cmpint (def->type, ==, GLOSS_ATTRIBUTE_ENUM);
  g_assert_cmpstrv (def->values, quote_types);

  g_assert_null (gloss_store_lookup_label (fixture->store, "PER"));
  g_assert_null (gloss_store_lookup_label (fixture->store, NULL));
  g_assert_true (g_strv_contains ((const char * const *) relation_types, "SPEAKER"));
  g_assert_true (g_strv_contains ((const char * const *) relation_types, "CLAIMANT"));
  g_assert_true (g_strv_contains ((const char * const *) relation_types, "COREF"));
}

static void
test_schema_conll (Fixture       *fixture,
                   gconstpointer  data)
{
  GlossStore *store = fixture->store;
  static const struct
  {
    const char *name;
    const char *hotkey;
    gboolean    can_speak;
  } entities[] = {
    { "PER", "p", TRUE },
    { "ORG", "o", TRUE },
    { "LOC", "l", FALSE },
    { "MISC", "i", FALSE },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  GPtrArray *labels;
  guint n_entity = 0;
  gint64 document;

  g_assert_true (gloss_store_apply_preset (store, GLOSS_PRESET_CONLL2003, &error));
  g_assert_no_error (error);

  labels = gloss_store_list_labels (store);
  for (guint i = 0; i < labels->len; i++)
    if (g_str_equal (((GlossLabel *) g_ptr_array_index (labels, i))->layer, "entity"))
      n_entity++;
  g_assert_cmpuint (n_entity, ==, G_N_ELEMENTS (entities));
  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    {
      const GlossLabel *label = gloss_store_lookup_label (store, entities[i].name);

      g_assert_nonnull (label);
      g_assert_cmpstr (label->layer, ==, "entity");
      g_assert_cmpint (label->kind, ==, GLOSS_LABEL_KIND_ENTITY);
      g_assert_cmpstr (label->hotkey, ==, entities[i].hotkey);
      g_assert_cmpint (label->can_speak, ==, entities[i].can_speak);
    }
  g_assert_null (gloss_store_lookup_label (store, "PERSON"));
  g_assert_null (gloss_store_lookup_label (store, "GPE"));
  g_assert_cmpint (gloss_store_lookup_label (store, "QUOTE")->kind, ==, GLOSS_LABEL_KIND_QUOTE);
  g_assert_cmpint (gloss_store_lookup_label (store, "CUE")->kind, ==, GLOSS_LABEL_KIND_CUE);
  g_assert_cmpint (gloss_store_lookup_label (store, "SOURCE")->kind, ==, GLOSS_LABEL_KIND_SOURCE);
  g_assert_cmpint (gloss_store_lookup_label (store, "CLAIM")->kind, ==, GLOSS_LABEL_KIND_CLAIM);
  g_assert_nonnull (gloss_label_find_attribute (gloss_store_lookup_label (store, "CLAIM"),
                                                "claimant_is_author"));
  g_assert_cmpuint (gloss_store_list_layers (store)->len, ==, 3);

  /* A document without spans does not block a preset; the first span does. */
  document = import_plain (store, "plain", "Angela Merkel visited Paris.");
  g_assert_true (gloss_store_apply_preset (store, GLOSS_PRESET_ONTONOTES, &error));
  g_assert_no_error (error);
  g_assert_nonnull (gloss_store_lookup_label (store, "PERSON"));
  g_assert_true (gloss_store_apply_preset (store, GLOSS_PRESET_CONLL2003, &error));
  g_assert_no_error (error);

  add_span_ok (store, document, "PER", 0, 13);
  before = dump_document (store, document);
  g_assert_false (gloss_store_apply_preset (store, GLOSS_PRESET_ONTONOTES, &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID);
  g_assert_nonnull (gloss_store_lookup_label (store, "PER"));
  g_assert_null (gloss_store_lookup_label (store, "PERSON"));
  assert_dump (store, document, before);
}

/* The history holds rows that name labels by row id: once the schema is replaced,
 * replaying them would bring back spans under some other label. */
static void
test_schema_preset_clears_history (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  gint64 rowid = import_plain (fixture->store, "doc-1", "Tokyo is big. Angela Merkel came.");

  add_span_ok (fixture->store, rowid, "GPE", 0, 5);
  g_assert_true (gloss_store_undo (fixture->store, NULL, &error));
  g_assert_no_error (error);
  add_span_ok (fixture->store, rowid, "PERSON", 14, 27);
  g_assert_true (gloss_store_undo (fixture->store, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_store_can_redo (fixture->store));

  g_assert_true (gloss_store_apply_preset (fixture->store, GLOSS_PRESET_CONLL2003, &error));
  g_assert_no_error (error);
  g_assert_false (gloss_store_can_undo (fixture->store));
  g_assert_false (gloss_store_can_redo (fixture->store));
  g_assert_false (gloss_store_redo (fixture->store, NULL, &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  spans = gloss_store_list_spans (fixture->store, rowid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 0);
}

/* ---- Documents -------------------------------------------------------------------- */

static void
assert_covers (const GlossDocument *document,
               const GlossSpan     *span,
               const char          *text)
{
  g_autofree char *covered = g_utf8_substring (document->text, gloss_span_get_start (span),
                                               gloss_span_get_end (span));

  g_assert_cmpstr (covered, ==, text);
}

static void
test_document_add (Fixture       *fixture,
                   gconstpointer  data)
{
  static const struct
  {
    const char *id;
    const char *label;
    gint        start;
    gint        end;
    const char *text;
  } expected[] = {
    /* By start, the longer first. */
    { "s1", "PERSON", 0, 10, "Zoë Müller" },
    { "s7", "PERSON", 0, 3, "Zoë" },
    { "s3", "CUE", 13, 17, "said" },
    { "s2", "QUOTE", 19, 36, "“Prices rose 5%.”" },
    { "s6", "CLAIM", 20, 34, "Prices rose 5%" },
    { "s4", "GPE", 37, 40, "東京都" },
    { "s5", "PERSON", 53, 61, "مُحَمَّد" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GPtrArray) entities = NULL;
  g_autoptr(GlossDocument) document = NULL;
  g_autofree char *found = NULL;
  const GlossDocument *listed;
  const GlossRelation *relation;
  const GlossEntity *entity;
  gint64 rowid;

  rowid = import_annotated (fixture->store, "doc-1");

  documents = gloss_store_list_documents (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 1);
  listed = g_ptr_array_index (documents, 0);
  g_assert_cmpint (listed->rowid, ==, rowid);
  g_assert_cmpstr (listed->id, ==, "doc-1");
  g_assert_cmpstr (listed->title, ==, "Prices");
  g_assert_null (listed->text);
  g_assert_cmpint (listed->n_spans, ==, G_N_ELEMENTS (expected));
  g_assert_cmpint (listed->length, ==, TEXT_LENGTH);
  g_assert_cmpint (listed->status, ==, GLOSS_STATUS_NEW);

  document = gloss_store_get_document (fixture->store, "doc-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (document->text, ==, TEXT);
  g_assert_cmpstr (document->text_sha256, ==, TEXT_SHA256);
  g_assert_cmpint (document->length, ==, TEXT_LENGTH);
  g_assert_cmpint (document->length, ==, g_utf8_strlen (TEXT, -1));
  g_assert_cmpint (document->rowid, ==, rowid);
  g_assert_cmpint (document->n_spans, ==, G_N_ELEMENTS (expected));
  g_assert_cmpint (document->created, >, 0);
  g_assert_cmpstr (document->meta, ==, "{}");

  found = gloss_store_find_text (fixture->store, TEXT_SHA256);
  g_assert_cmpstr (found, ==, "doc-1");

  spans = gloss_store_list_spans (fixture->store, rowid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const GlossSpan *span = g_ptr_array_index (spans, i);

      g_assert_cmpstr (span->id, ==, expected[i].id);
      g_assert_cmpstr (span->label, ==, expected[i].label);
      g_assert_cmpint (span->document, ==, rowid);
      g_assert_cmpuint (span->fragments->len, ==, 1);
      g_assert_cmpint (gloss_span_get_start (span), ==, expected[i].start);
      g_assert_cmpint (gloss_span_get_end (span), ==, expected[i].end);
      assert_covers (document, span, expected[i].text);
    }
  g_assert_cmpstr (find_span (spans, "s6")->attrs, ==, "{\"checkworthiness\":\"CFS\"}");
  g_assert_cmpstr (find_span (spans, "s5")->note, ==, "Arabic name");
  g_assert_null (find_span (spans, "s1")->note);

  relations = gloss_store_list_relations (fixture->store, rowid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (relations->len, ==, 2);
  relation = g_ptr_array_index (relations, 0);
  g_assert_cmpstr (relation->id, ==, "r1");
  g_assert_cmpstr (relation->type, ==, "SPEAKER");
  g_assert_cmpstr (relation->from_id, ==, "s2");
  g_assert_cmpstr (relation->to_id, ==, "s1");
  relation = g_ptr_array_index (relations, 1);
  g_assert_cmpstr (relation->id, ==, "r2");
  g_assert_cmpstr (relation->type, ==, "CUE");
  g_assert_cmpstr (relation->from_id, ==, "s2");
  g_assert_cmpstr (relation->to_id, ==, "s3");

  entities = gloss_store_list_entities (fixture->store, rowid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entities->len, ==, 1);
  entity = g_ptr_array_index (entities, 0);
  g_assert_cmpstr (entity->id, ==, "e1");
  g_assert_cmpstr (entity->name, ==, "Zoë Müller");
  g_assert_cmpstr (entity->type, ==, "PERSON");
  g_assert_cmpstr (entity->kb_id, ==, "wikidata:Q42");
  g_assert_cmpuint (entity->mentions->len, ==, 2);
  g_assert_true (g_ptr_array_find_with_equal_func (entity->mentions, "s1", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (entity->mentions, "s7", g_str_equal, NULL));

  g_clear_pointer (&document, gloss_document_free);
  document = gloss_store_get_document (fixture->store, "no-such-document", &error);
  g_assert_null (document);
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (gloss_store_get_document_by_rowid (fixture->store, rowid + 100, &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_FOUND);
}

static void
test_document_problems (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GlossDocument) document = document_new ("doc-1", "Problems", TEXT);
  g_autoptr(GlossDocument) again = document_new ("doc-1", "Again", "Another text.");
  g_autoptr(GPtrArray) spans = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_span_free);
  g_autoptr(GPtrArray) relations =
    g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_relation_free);
  g_autoptr(GPtrArray) stored_spans = NULL;
  g_autoptr(GPtrArray) stored_relations = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GlossReport) report = gloss_report_new (NULL, NULL);
  g_autoptr(GlossReport) report_again = gloss_report_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  const char * const *messages;
  const GlossSpan *span;

  g_ptr_array_add (spans, span_new ("ok1", "PERSON", 0, 10));
  g_ptr_array_add (spans, span_new ("past", "PERSON", 70, TEXT_LENGTH + 1));
  g_ptr_array_add (spans, span_new ("unknown", "NO_SUCH_LABEL", 0, 3));
  g_ptr_array_add (spans, span_new ("ok1", "GPE", 37, 40));
  g_ptr_array_add (spans, span_new ("copy", "PERSON", 0, 10));
  g_ptr_array_add (spans, span_new ("last", "PRODUCT", 77, TEXT_LENGTH));
  g_ptr_array_add (spans, span_new (NULL, "CUE", 13, 17));
  g_ptr_array_add (relations, relation_new ("r1", "SPEAKER", "last", "ok1"));
  g_ptr_array_add (relations, relation_new ("r2", "SPEAKER", "last", "missing"));

  g_assert_true (gloss_store_add_document (fixture->store, document, spans, relations, NULL, report,
                                           &error));
  g_assert_no_error (error);

  /* Offsets past the end, unknown label, duplicate id, duplicate exact span,
   * relation to a missing span. */
  messages = gloss_report_get_messages (report);
  for (guint i = 0; messages[i] != NULL; i++)
    g_test_message ("%s", messages[i]);
  g_assert_cmpuint (gloss_report_count (report, GLOSS_REPORT_PROBLEM), ==, 5);
  g_assert_cmpuint (gloss_report_count (report, GLOSS_REPORT_NOTICE), ==, 0);
  g_assert_nonnull (strstr (messages[0], "past"));
  g_assert_nonnull (strstr (messages[1], "unknown"));
  g_assert_nonnull (strstr (messages[2], "ok1"));
  g_assert_nonnull (strstr (messages[3], "copy"));
  g_assert_nonnull (strstr (messages[4], "r2"));
  g_assert_cmpstr (document->id, ==, "doc-1");

  stored_spans = gloss_store_list_spans (fixture->store, document->rowid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored_spans->len, ==, 3);
  span = find_span (stored_spans, "ok1");
  g_assert_cmpstr (span->label, ==, "PERSON");
  span = find_span (stored_spans, "last");
  g_assert_cmpint (gloss_span_get_end (span), ==, TEXT_LENGTH);
  /* A span without an id gets one that no given span uses. */
  span = g_ptr_array_index (stored_spans, 1);
  g_assert_cmpint (gloss_span_get_start (span), ==, 13);
  g_assert_nonnull (span->id);
  g_assert_cmpstr (span->id, !=, "ok1");
  g_assert_cmpstr (span->id, !=, "last");

  stored_relations = gloss_store_list_relations (fixture->store, document->rowid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored_relations->len, ==, 1);
  g_assert_cmpstr (((GlossRelation *) g_ptr_array_index (stored_relations, 0))->id, ==, "r1");

  /* A taken document id is re-minted with a notice, not a problem. */
  g_assert_true (gloss_store_add_document (fixture->store, again, NULL, NULL, NULL, report_again,
                                           &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_report_count (report_again, GLOSS_REPORT_PROBLEM), ==, 0);
  g_assert_cmpuint (gloss_report_count (report_again, GLOSS_REPORT_NOTICE), ==, 1);
  g_assert_nonnull (strstr (gloss_report_get_messages (report_again)[0], "doc-1"));
  g_assert_nonnull (strstr (gloss_report_get_messages (report_again)[0], again->id));
  g_assert_cmpstr (again->id, !=, "doc-1");
  g_assert_true (g_str_has_prefix (again->id, "d-"));
  g_assert_cmpint (again->rowid, !=, document->rowid);

  documents = gloss_store_list_documents (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 2);
  g_assert_cmpstr (((GlossDocument *) g_ptr_array_index (documents, 0))->title, ==, "Problems");
  g_assert_cmpint (((GlossDocument *) g_ptr_array_index (documents, 0))->n_spans, ==, 3);
  g_assert_cmpstr (((GlossDocument *) g_ptr_array_index (documents, 1))->id, ==, again->id);
  g_assert_cmpint (((GlossDocument *) g_ptr_array_index (documents, 1))->n_spans, ==, 0);
}

static void
test_document_edit (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossDocument) document = NULL;
  gint64 rowid = import_plain (fixture->store, "doc-1", "Short text.");

  g_assert_true (gloss_store_rename_document (fixture->store, rowid, "  A better title ", &error));
  g_assert_no_error (error);
  g_assert_false (gloss_store_rename_document (fixture->store, rowid, "   ", &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (gloss_store_rename_document (fixture->store, rowid + 1, "Title", &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (gloss_store_set_document_status (fixture->store, rowid, GLOSS_STATUS_DONE, &error));
  g_assert_no_error (error);
  g_assert_false (gloss_store_set_document_status (fixture->store, rowid + 1, GLOSS_STATUS_DONE,
                                                   &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  document = gloss_store_get_document (fixture->store, "doc-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (document->title, ==, "A better title");
  g_assert_cmpint (document->status, ==, GLOSS_STATUS_DONE);

  /* A done document stays done when a span is added. */
  add_span_ok (fixture->store, rowid, "ORG", 0, 5);
  g_assert_cmpint (get_status (fixture->store, rowid), ==, GLOSS_STATUS_DONE);

  g_assert_true (gloss_store_delete_document (fixture->store, rowid, &error));
  g_assert_no_error (error);
  g_clear_pointer (&document, gloss_document_free);
  document = gloss_store_get_document (fixture->store, "doc-1", &error);
  g_assert_null (document);
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (gloss_store_delete_document (fixture->store, rowid, &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_FOUND);
}

/* ---- Spans, relations, entities ------------------------------------------------------ */

static void
test_span_add (Fixture       *fixture,
               gconstpointer  data)
{
  GlossStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossSpan) first = NULL;
  g_autoptr(GlossSpan) second = NULL;
  g_autoptr(GlossSpan) discontinuous = NULL;
  g_autoptr(GlossSpan) stored = NULL;
  g_autoptr(GlossSpan) span = NULL;
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autofree char *fragments = NULL;
  gint64 rowid = import_plain (store, "doc-1", TEXT);

  g_assert_cmpint (get_status (store, rowid), ==, GLOSS_STATUS_NEW);

  gloss_store_set_annotator (store, "alice");
  g_assert_cmpstr (gloss_store_get_annotator (store), ==, "alice");
  span = gloss_span_new ("PERSON", 0, 10);
  first = gloss_store_add_span (store, rowid, span, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first->id, ==, "s1");
  g_assert_cmpstr (first->label, ==, "PERSON");
  g_assert_cmpstr (first->annotator, ==, "alice");
  g_assert_cmpint (first->document, ==, rowid);
  g_assert_cmpint (first->rowid, >, 0);
  g_assert_cmpint (get_status (store, rowid), ==, GLOSS_STATUS_IN_PROGRESS);
  g_clear_pointer (&span, gloss_span_free);

  /* The same offsets under another label are a different span. */
  span = gloss_span_new ("ORG", 0, 10);
  second = gloss_store_add_span (store, rowid, span, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second->id, ==, "s2");
  g_clear_pointer (&span, gloss_span_free);

  span = gloss_span_new ("PERSON", 0, 10);
  g_assert_null (gloss_store_add_span (store, rowid, span, &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_clear_pointer (&span, gloss_span_free);

  span = gloss_span_new ("PRODUCT", 77, TEXT_LENGTH + 1);
  g_assert_null (gloss_store_add_span (store, rowid, span, &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&span, gloss_span_free);

  span = gloss_span_new ("PRODUCT", -1, 3);
  g_assert_null (gloss_store_add_span (store, rowid, span, &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&span, gloss_span_free);

  span = gloss_span_new ("NO_SUCH_LABEL", 0, 3);
  g_assert_null (gloss_store_add_span (store, rowid, span, &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&span, gloss_span_free);

  span = gloss_span_new ("PERSON", 0, 3);
  g_assert_null (gloss_store_add_span (store, rowid + 1, span, &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_pointer (&span, gloss_span_free);

  span = span_new ("s1", "PERSON", 0, 3);
  g_assert_null (gloss_store_add_span (store, rowid, span, &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_clear_pointer (&span, gloss_span_free);

  /* The last code point of the text (an emoji with a skin tone: two). */
  span = gloss_span_new ("PRODUCT", 77, TEXT_LENGTH);
  stored = gloss_store_add_span (store, rowid, span, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->id, ==, "s3");
  g_clear_pointer (&span, gloss_span_free);

  /* "Prices … 5%" without "rose". */
  span = gloss_span_new ("CLAIM", 20, 26);
  gloss_span_add_fragment (span, 32, 34);
  discontinuous = gloss_store_add_span (store, rowid, span, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (discontinuous->id, ==, "s4");
  g_clear_pointer (&span, gloss_span_free);

  span = gloss_span_new ("CLAIM", 20, 26);
  gloss_span_add_fragment (span, 24, 34);
  g_assert_null (gloss_store_add_span (store, rowid, span, &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&span, gloss_span_free);

  /* The same label with other fragments is not a duplicate. */
  span = gloss_span_new ("CLAIM", 20, 26);
  gloss_span_add_fragment (span, 27, 31);
  g_clear_pointer (&stored, gloss_span_free);
  stored = gloss_store_add_span (store, rowid, span, &error);
  g_assert_no_error (error);
  g_clear_pointer (&span, gloss_span_free);

  document = gloss_store_get_document (store, "doc-1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (document->n_spans, ==, 5);
  spans = gloss_store_list_spans (store, rowid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 5);

  g_clear_pointer (&span, gloss_span_free);
  span = get_span (store, rowid, "s4");
  g_assert_cmpuint (span->fragments->len, ==, 2);
  fragments = gloss_span_fragments_to_string (span);
  g_assert_cmpstr (fragments, ==, "[[20,26],[32,34]]");
  g_assert_cmpint (gloss_span_get_start (span), ==, 20);
  g_assert_cmpint (gloss_span_get_end (span), ==, 34);
  g_assert_cmpstr (span->annotator, ==, "alice");
  g_clear_pointer (&span, gloss_span_free);

  span = get_span (store, rowid, "s3");
  assert_covers (document, span, "👍🏽");
  g_clear_pointer (&span, gloss_span_free);

  /* Ids are never reused while the span they name exists. */
  g_assert_true (gloss_store_delete_span (store, rowid, "s1", &error));
  g_assert_no_error (error);
  g_assert_false (gloss_store_delete_span (store, rowid, "s1", &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_pointer (&stored, gloss_span_free);
  span = gloss_span_new ("GPE", 37, 40);
  stored = gloss_store_add_span (store, rowid, span, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->id, !=, "s2");
  g_assert_cmpstr (stored->id, !=, "s3");
  g_assert_cmpstr (stored->id, !=, "s4");
  g_assert_cmpstr (stored->id, !=, "s5");
}

static void
test_span_edit (Fixture       *fixture,
                gconstpointer  data)
{
  GlossStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossSpan) span = NULL;
  g_autofree char *value = NULL;
  gint64 rowid = import_annotated (store, "doc-1");

  /* Label */
  g_assert_true (gloss_store_set_span_label (store, rowid, "s4", "LOC", &error));
  g_assert_no_error (error);
  span = get_span (store, rowid, "s4");
  g_assert_cmpstr (span->label, ==, "LOC");
  g_clear_pointer (&span, gloss_span_free);
  g_assert_false (gloss_store_set_span_label (store, rowid, "s4", "NO_SUCH_LABEL", &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (gloss_store_set_span_label (store, rowid, "s99", "LOC", &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* s7 is PERSON [0,3]; add ORG [0,3] and relabel it PERSON: an exact duplicate. */
  add_span_ok (store, rowid, "ORG", 0, 3);
  g_assert_false (gloss_store_set_span_label (store, rowid, "s8", "PERSON", &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_DUPLICATE);
  g_clear_error (&error);
  span = get_span (store, rowid, "s8");
  g_assert_cmpstr (span->label, ==, "ORG");
  g_clear_pointer (&span, gloss_span_free);

  /* Note */
  g_assert_true (gloss_store_set_span_note (store, rowid, "s4", "Tokyo, the prefecture", &error));
  g_assert_no_error (error);
  span = get_span (store, rowid, "s4");
  g_assert_cmpstr (span->note, ==, "Tokyo, the prefecture");
  g_clear_pointer (&span, gloss_span_free);
  g_assert_true (gloss_store_set_span_note (store, rowid, "s4", NULL, &error));
  g_assert_no_error (error);
  span = get_span (store, rowid, "s4");
  g_assert_null (span->note);
  g_clear_pointer (&span, gloss_span_free);
  g_assert_true (gloss_store_set_span_note (store, rowid, "s5", "", &error));
  g_assert_no_error (error);
  span = get_span (store, rowid, "s5");
  g_assert_null (span->note);
  g_clear_pointer (&span, gloss_span_free);

  /* Enum attribute: one of its values, nothing else. */
  g_assert_true (gloss_store_set_span_attribute (store, rowid, "s2", "quote_type", "\"direct\"",
                                                 &error));
  g_assert_no_error (error);
  value = get_span_attribute (store, rowid, "s2", "quote_type");
  g_assert_cmpstr (value, ==, "\"direct\"");
  g_clear_pointer (&value, g_free);
  g_assert_false (gloss_store_set_span_attribute (store, rowid, "s2", "quote_type",
                                                  "\"sarcastic\"", &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (gloss_store_set_span_attribute (store, rowid, "s2", "quote_type", "true",
                                                  &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  value = get_span_attribute (store, rowid, "s2", "quote_type");
  g_assert_cmpstr (value, ==, "\"direct\"");
  g_clear_pointer (&value, g_free);

  /* Enum of another label: CLAIM checkworthiness, then boolean verifiable. */
  g_assert_true (gloss_store_set_span_attribute (store, rowid, "s6", "checkworthiness", "\"UFS\"",
                                                 &error));
  g_assert_no_error (error);
  g_assert_false (gloss_store_set_span_attribute (store, rowid, "s6", "checkworthiness",
                                                  "\"direct\"", &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (gloss_store_set_span_attribute (store, rowid, "s6", "verifiable", "true",
                                                 &error));
  g_assert_no_error (error);
  g_assert_false (gloss_store_set_span_attribute (store, rowid, "s6", "verifiable", "\"yes\"",
                                                  &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (gloss_store_set_span_attribute (store, rowid, "s6", "verdict",
                                                 "\"False: prices fell\"", &error));
  g_assert_no_error (error);
  g_assert_false (gloss_store_set_span_attribute (store, rowid, "s6", "verdict", "false",
                                                  &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  value = get_span_attribute (store, rowid, "s6", "checkworthiness");
  g_assert_cmpstr (value, ==, "\"UFS\"");
  g_clear_pointer (&value, g_free);
  value = get_span_attribute (store, rowid, "s6", "verifiable");
  g_assert_cmpstr (value, ==, "true");
  g_clear_pointer (&value, g_free);

  /* Removing with NULL keeps the others. */
  g_assert_true (gloss_store_set_span_attribute (store, rowid, "s6", "checkworthiness", NULL,
                                                 &error));
  g_assert_no_error (error);
  value = get_span_attribute (store, rowid, "s6", "checkworthiness");
  g_assert_null (value);
  value = get_span_attribute (store, rowid, "s6", "verifiable");
  g_assert_cmpstr (value, ==, "true");
  g_clear_pointer (&value, g_free);

  /* Not JSON at all, and a span that does not exist. */
  g_assert_false (gloss_store_set_span_attribute (store, rowid, "s6", "verdict", "unquoted",
                                                  &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (gloss_store_set_span_attribute (store, rowid, "s99", "verifiable", "true",
                                                  &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
}

static void
test_relation (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossRelation) relation = NULL;
  g_autoptr(GlossRelation) stored = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  const GlossRelation *listed;
  gint64 rowid = import_annotated (fixture->store, "doc-1");

  relation = gloss_relation_new ("COREF", "s7", "s1");
  relation->note = g_strdup ("first name");
  stored = gloss_store_add_relation (fixture->store, rowid, relation, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->id, ==, "r3");
  g_assert_cmpstr (stored->type, ==, "COREF");
  g_assert_cmpint (stored->rowid, >, 0);
  g_clear_pointer (&relation, gloss_relation_free);

  relations = gloss_store_list_relations (fixture->store, rowid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (relations->len, ==, 3);
  listed = g_ptr_array_index (relations, 2);
  g_assert_cmpstr (listed->id, ==, "r3");
  g_assert_cmpstr (listed->from_id, ==, "s7");
  g_assert_cmpstr (listed->to_id, ==, "s1");
  g_assert_cmpstr (listed->note, ==, "first name");
  g_clear_pointer (&relations, g_ptr_array_unref);

  relation = gloss_relation_new ("SPEAKER", "s2", "s99");
  g_assert_null (gloss_store_add_relation (fixture->store, rowid, relation, &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_pointer (&relation, gloss_relation_free);

  /* A given id that is taken. */
  relation = relation_new ("r1", "SPEAKER", "s2", "s5");
  g_assert_null (gloss_store_add_relation (fixture->store, rowid, relation, &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_DUPLICATE);
  g_clear_error (&error);

  g_assert_true (gloss_store_delete_relation (fixture->store, rowid, "r1", &error));
  g_assert_no_error (error);
  g_assert_false (gloss_store_delete_relation (fixture->store, rowid, "r1", &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  relations = gloss_store_list_relations (fixture->store, rowid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (relations->len, ==, 2);
  g_assert_cmpstr (((GlossRelation *) g_ptr_array_index (relations, 0))->id, ==, "r2");
  g_assert_cmpstr (((GlossRelation *) g_ptr_array_index (relations, 1))->id, ==, "r3");
}

static void
test_entity (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossEntity) entity = NULL;
  g_autoptr(GlossEntity) stored = NULL;
  g_autoptr(GPtrArray) entities = NULL;
  g_autoptr(GlossSpan) span = NULL;
  const GlossEntity *listed;
  gint64 rowid = import_annotated (fixture->store, "doc-1");

  entity = gloss_entity_new ("Tokyo");
  entity->type = g_strdup ("GPE");
  entity->kb_id = g_strdup ("wikidata:Q1490");
  g_ptr_array_add (entity->mentions, g_strdup ("s4"));
  stored = gloss_store_add_entity (fixture->store, rowid, entity, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->id, ==, "e2");
  g_assert_cmpuint (stored->mentions->len, ==, 1);
  g_clear_pointer (&entity, gloss_entity_free);

  entities = gloss_store_list_entities (fixture->store, rowid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entities->len, ==, 2);
  listed = g_ptr_array_index (entities, 1);
  g_assert_cmpstr (listed->id, ==, "e2");
  g_assert_cmpstr (listed->name, ==, "Tokyo");
  g_assert_cmpstr (listed->type, ==, "GPE");
  g_assert_cmpstr (listed->kb_id, ==, "wikidata:Q1490");
  g_assert_cmpuint (listed->mentions->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (listed->mentions, 0), ==, "s4");
  g_clear_pointer (&entities, g_ptr_array_unref);

  entity = gloss_entity_new ("Nobody");
  g_ptr_array_add (entity->mentions, g_strdup ("s99"));
  g_assert_null (gloss_store_add_entity (fixture->store, rowid, entity, &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (gloss_store_delete_entity (fixture->store, rowid, "e1", &error));
  g_assert_no_error (error);
  g_assert_false (gloss_store_delete_entity (fixture->store, rowid, "e1", &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Deleting an entity keeps its mentions' spans. */
  entities = gloss_store_list_entities (fixture->store, rowid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entities->len, ==, 1);
  g_assert_cmpstr (((GlossEntity *) g_ptr_array_index (entities, 0))->id, ==, "e2");
  span = get_span (fixture->store, rowid, "s1");
  g_assert_nonnull (span);
}

/* ---- Undo and redo -------------------------------------------------------------- */

typedef gboolean (*MutationFunc) (GlossStore  *store,
                                  gint64       document,
                                  GError     **error);

typedef struct
{
  const char   *path;
  MutationFunc  func;
  gboolean      on_plain;   /* on a document without spans */
} Mutation;

static gboolean
add_span (GlossStore  *store,
          gint64       document,
          GlossSpan   *span,
          GError     **error)
{
  g_autoptr(GlossSpan) owned = span;
  g_autoptr(GlossSpan) stored = gloss_store_add_span (store, document, owned, error);

  return stored != NULL;
}

static gboolean
mutate_add_span (GlossStore  *store,
                 gint64       document,
                 GError     **error)
{
  return add_span (store, document, gloss_span_new ("CUE", 41, 47), error);
}

static gboolean
mutate_add_discontinuous (GlossStore  *store,
                          gint64       document,
                          GError     **error)
{
  GlossSpan *span = gloss_span_new ("CLAIM", 20, 26);

  gloss_span_add_fragment (span, 27, 31);
  return add_span (store, document, span, error);
}

static gboolean
mutate_delete_span (GlossStore  *store,
                    gint64       document,
                    GError     **error)
{
  return gloss_store_delete_span (store, document, "s4", error);
}

static gboolean
mutate_delete_linked_span (GlossStore  *store,
                           gint64       document,
                           GError     **error)
{
  return gloss_store_delete_span (store, document, "s1", error);
}

static gboolean
mutate_relabel (GlossStore  *store,
                gint64       document,
                GError     **error)
{
  return gloss_store_set_span_label (store, document, "s4", "LOC", error);
}

static gboolean
mutate_note (GlossStore  *store,
             gint64       document,
             GError     **error)
{
  return gloss_store_set_span_note (store, document, "s4", "check", error);
}

static gboolean
mutate_clear_note (GlossStore  *store,
                   gint64       document,
                   GError     **error)
{
  return gloss_store_set_span_note (store, document, "s5", NULL, error);
}

static gboolean
mutate_set_attribute (GlossStore  *store,
                      gint64       document,
                      GError     **error)
{
  return gloss_store_set_span_attribute (store, document, "s2", "quote_type", "\"mixed\"", error);
}

static gboolean
mutate_set_boolean (GlossStore  *store,
                    gint64       document,
                    GError     **error)
{
  return gloss_store_set_span_attribute (store, document, "s6", "claimant_is_author", "false", error);
}

static gboolean
mutate_remove_attribute (GlossStore  *store,
                         gint64       document,
                         GError     **error)
{
  return gloss_store_set_span_attribute (store, document, "s6", "checkworthiness", NULL, error);
}

static gboolean
mutate_add_relation (GlossStore  *store,
                     gint64       document,
                     GError     **error)
{
  g_autoptr(GlossRelation) relation = gloss_relation_new ("COREF", "s7", "s1");
  g_autoptr(GlossRelation) stored = gloss_store_add_relation (store, document, relation, error);

  return stored != NULL;
}

static gboolean
mutate_delete_relation (GlossStore  *store,
                        gint64       document,
                        GError     **error)
{
  return gloss_store_delete_relation (store, document, "r2", error);
}

static gboolean
mutate_add_entity (GlossStore  *store,
                   gint64       document,
                   GError     **error)
{
  g_autoptr(GlossEntity) entity = gloss_entity_new ("Tokyo");
  g_autoptr(GlossEntity) stored = NULL;

  g_ptr_array_add (entity->mentions, g_strdup ("s4"));
  stored = gloss_store_add_entity (store, document, entity, error);
  return stored != NULL;
}

static gboolean
mutate_delete_entity (GlossStore  *store,
                      gint64       document,
                      GError     **error)
{
  return gloss_store_delete_entity (store, document, "e1", error);
}

static gboolean
mutate_rename (GlossStore  *store,
               gint64       document,
               GError     **error)
{
  return gloss_store_rename_document (store, document, "Another title", error);
}

static gboolean
mutate_status (GlossStore  *store,
               gint64       document,
               GError     **error)
{
  return gloss_store_set_document_status (store, document, GLOSS_STATUS_DONE, error);
}

static gboolean
mutate_first_span (GlossStore  *store,
                   gint64       document,
                   GError     **error)
{
  return add_span (store, document, gloss_span_new ("ORG", 0, 5), error);
}

static const Mutation mutations[] = {
  { "/store/undo/add-span", mutate_add_span, FALSE },
  { "/store/undo/add-discontinuous-span", mutate_add_discontinuous, FALSE },
  { "/store/undo/first-span", mutate_first_span, TRUE },
  { "/store/undo/delete-span", mutate_delete_span, FALSE },
  { "/store/undo/delete-linked-span", mutate_delete_linked_span, FALSE },
  { "/store/undo/set-label", mutate_relabel, FALSE },
  { "/store/undo/set-note", mutate_note, FALSE },
  { "/store/undo/clear-note", mutate_clear_note, FALSE },
  { "/store/undo/set-attribute", mutate_set_attribute, FALSE },
  { "/store/undo/set-boolean-attribute", mutate_set_boolean, FALSE },
  { "/store/undo/remove-attribute", mutate_remove_attribute, FALSE },
  { "/store/undo/add-relation", mutate_add_relation, FALSE },
  { "/store/undo/delete-relation", mutate_delete_relation, FALSE },
  { "/store/undo/add-entity", mutate_add_entity, FALSE },
  { "/store/undo/delete-entity", mutate_delete_entity, FALSE },
  { "/store/undo/rename-document", mutate_rename, FALSE },
  { "/store/undo/set-status", mutate_status, FALSE },
};

static void
test_undo_mutation (Fixture       *fixture,
                    gconstpointer  data)
{
  const Mutation *mutation = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  g_autofree char *undone_again = NULL;
  gint64 other = import_annotated (fixture->store, "other");
  gint64 rowid = mutation->on_plain ? import_plain (fixture->store, "doc-1", TEXT)
                                    : import_annotated (fixture->store, "doc-1");
  g_autofree char *other_before = dump_document (fixture->store, other);
  gint64 document = -1;

  /* Imports are not undo steps. */
  g_assert_false (gloss_store_can_undo (fixture->store));

  before = dump_document (fixture->store, rowid);
  g_assert_true (mutation->func (fixture->store, rowid, &error));
  g_assert_no_error (error);
  after = dump_document (fixture->store, rowid);
  g_assert_cmpstr (before, !=, after);
  g_assert_true (gloss_store_can_undo (fixture->store));
  g_assert_false (gloss_store_can_redo (fixture->store));
  g_assert_nonnull (gloss_store_get_undo_description (fixture->store));

  g_assert_true (gloss_store_undo (fixture->store, &document, &error));
  g_assert_no_error (error);
  g_assert_cmpint (document, ==, rowid);
  undone = dump_document (fixture->store, rowid);
  g_assert_cmpstr (undone, ==, before);
  g_assert_false (gloss_store_can_undo (fixture->store));
  g_assert_true (gloss_store_can_redo (fixture->store));

  document = -1;
  g_assert_true (gloss_store_redo (fixture->store, &document, &error));
  g_assert_no_error (error);
  g_assert_cmpint (document, ==, rowid);
  redone = dump_document (fixture->store, rowid);
  g_assert_cmpstr (redone, ==, after);

  g_assert_true (gloss_store_undo (fixture->store, NULL, &error));
  g_assert_no_error (error);
  undone_again = dump_document (fixture->store, rowid);
  g_assert_cmpstr (undone_again, ==, before);

  g_assert_true (gloss_store_check_integrity (fixture->store, &error));
  g_assert_no_error (error);
  assert_dump (fixture->store, other, other_before);
}

static void
test_undo_delete_linked_span (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossSpan) before = NULL;
  g_autoptr(GlossSpan) after = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GPtrArray) entities = NULL;
  const GlossRelation *relation;
  const GlossEntity *entity;
  gint64 rowid = import_annotated (fixture->store, "doc-1");

  before = get_span (fixture->store, rowid, "s1");
  g_assert_true (gloss_store_delete_span (fixture->store, rowid, "s1", &error));
  g_assert_no_error (error);

  g_assert_null (get_span (fixture->store, rowid, "s1"));
  relations = gloss_store_list_relations (fixture->store, rowid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (relations->len, ==, 1);
  g_assert_cmpstr (((GlossRelation *) g_ptr_array_index (relations, 0))->id, ==, "r2");
  g_clear_pointer (&relations, g_ptr_array_unref);
  entities = gloss_store_list_entities (fixture->store, rowid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (((GlossEntity *) g_ptr_array_index (entities, 0))->mentions->len, ==, 1);
  g_clear_pointer (&entities, g_ptr_array_unref);

  g_assert_true (gloss_store_undo (fixture->store, NULL, &error));
  g_assert_no_error (error);

  after = get_span (fixture->store, rowid, "s1");
  g_assert_nonnull (after);
  g_assert_cmpint (after->rowid, ==, before->rowid);
  g_assert_cmpstr (after->label, ==, "PERSON");
  relations = gloss_store_list_relations (fixture->store, rowid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (relations->len, ==, 2);
  relation = g_ptr_array_index (relations, 0);
  g_assert_cmpstr (relation->id, ==, "r1");
  g_assert_cmpstr (relation->from_id, ==, "s2");
  g_assert_cmpstr (relation->to_id, ==, "s1");
  entities = gloss_store_list_entities (fixture->store, rowid, &error);
  g_assert_no_error (error);
  entity = g_ptr_array_index (entities, 0);
  g_assert_cmpstr (entity->id, ==, "e1");
  g_assert_cmpuint (entity->mentions->len, ==, 2);
  g_assert_true (g_ptr_array_find_with_equal_func (entity->mentions, "s1", g_str_equal, NULL));
}

static void
test_undo_documents (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 a = import_annotated (fixture->store, "doc-a");
  gint64 b = import_annotated (fixture->store, "doc-b");
  g_autofree char *a_before = dump_document (fixture->store, a);
  g_autofree char *b_before = dump_document (fixture->store, b);
  gint64 document = 0;

  g_assert_true (mutate_add_span (fixture->store, a, &error));
  g_assert_true (mutate_delete_span (fixture->store, b, &error));
  g_assert_true (mutate_note (fixture->store, a, &error));
  g_assert_no_error (error);

  g_assert_true (gloss_store_undo (fixture->store, &document, &error));
  g_assert_cmpint (document, ==, a);
  g_assert_true (gloss_store_undo (fixture->store, &document, &error));
  g_assert_cmpint (document, ==, b);
  assert_dump (fixture->store, b, b_before);
  g_assert_true (gloss_store_undo (fixture->store, &document, &error));
  g_assert_cmpint (document, ==, a);
  g_assert_no_error (error);
  assert_dump (fixture->store, a, a_before);

  g_assert_true (gloss_store_redo (fixture->store, &document, &error));
  g_assert_cmpint (document, ==, a);
  g_assert_true (gloss_store_redo (fixture->store, &document, &error));
  g_assert_cmpint (document, ==, b);
  g_assert_no_error (error);
}

static void
test_undo_group (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossSpan) duplicate = gloss_span_new ("PERSON", 0, 10);
  gint64 rowid = import_annotated (fixture->store, "doc-1");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *redone = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  gint64 document = 0;

  g_assert_true (mutate_note (fixture->store, rowid, &error));
  g_assert_no_error (error);
  before = dump_document (fixture->store, rowid);

  gloss_store_begin_group (fixture->store, "Tag all occurrences");
  add_span_ok (fixture->store, rowid, "EVENT", 41, 47);
  add_span_ok (fixture->store, rowid, "LOC", 37, 40);
  /* A failure inside the group leaves the others in it. */
  g_assert_null (gloss_store_add_span (fixture->store, rowid, duplicate, &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_DUPLICATE);
  g_clear_error (&error);
  add_span_ok (fixture->store, rowid, "ORG", 65, 72);
  g_assert_true (gloss_store_end_group (fixture->store, &error));
  g_assert_no_error (error);

  after = dump_document (fixture->store, rowid);
  spans = gloss_store_list_spans (fixture->store, rowid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 10);
  g_assert_cmpstr (gloss_store_get_undo_description (fixture->store), ==, "Tag all occurrences");

  g_assert_true (gloss_store_undo (fixture->store, &document, &error));
  g_assert_no_error (error);
  g_assert_cmpint (document, ==, rowid);
  assert_dump (fixture->store, rowid, before);
  /* The note before the group is still one step behind. */
  g_assert_true (gloss_store_can_undo (fixture->store));
  g_assert_cmpstr (gloss_store_get_redo_description (fixture->store), ==, "Tag all occurrences");

  g_assert_true (gloss_store_redo (fixture->store, NULL, &error));
  g_assert_no_error (error);
  redone = dump_document (fixture->store, rowid);
  g_assert_cmpstr (redone, ==, after);
}

static void
test_undo_clears_redo (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 rowid = import_annotated (fixture->store, "doc-1");

  g_assert_true (mutate_add_span (fixture->store, rowid, &error));
  g_assert_true (mutate_note (fixture->store, rowid, &error));
  g_assert_true (gloss_store_undo (fixture->store, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_store_can_redo (fixture->store));

  g_assert_true (mutate_relabel (fixture->store, rowid, &error));
  g_assert_no_error (error);
  g_assert_false (gloss_store_can_redo (fixture->store));
  g_assert_null (gloss_store_get_redo_description (fixture->store));
  g_assert_false (gloss_store_redo (fixture->store, NULL, &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A failed mutation is no step and clears nothing. */
  g_assert_true (gloss_store_undo (fixture->store, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (gloss_store_set_span_label (fixture->store, rowid, "s99", "LOC", &error));
  g_clear_error (&error);
  g_assert_true (gloss_store_can_redo (fixture->store));
}

static void
test_undo_empty (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 document = 42;

  g_assert_false (gloss_store_can_undo (fixture->store));
  g_assert_false (gloss_store_can_redo (fixture->store));
  g_assert_null (gloss_store_get_undo_description (fixture->store));

  g_assert_false (gloss_store_undo (fixture->store, &document, &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (document, ==, 42);
  g_clear_error (&error);
  g_assert_false (gloss_store_redo (fixture->store, &document, &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* An import is not an undo step either. */
  import_annotated (fixture->store, "doc-1");
  g_assert_false (gloss_store_undo (fixture->store, NULL, &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_FOUND);
}

static void
test_undo_delete_document (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 a = import_annotated (fixture->store, "doc-a");
  gint64 b = import_annotated (fixture->store, "doc-b");
  gint64 document = 0;

  g_assert_true (mutate_add_span (fixture->store, a, &error));
  g_assert_true (mutate_note (fixture->store, b, &error));
  g_assert_true (mutate_relabel (fixture->store, a, &error));
  g_assert_true (mutate_rename (fixture->store, a, &error));
  g_assert_true (gloss_store_undo (fixture->store, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_store_can_redo (fixture->store));

  g_assert_true (gloss_store_delete_document (fixture->store, a, &error));
  g_assert_no_error (error);

  g_assert_false (gloss_store_can_redo (fixture->store));
  g_assert_true (gloss_store_can_undo (fixture->store));
  g_assert_true (gloss_store_undo (fixture->store, &document, &error));
  g_assert_no_error (error);
  g_assert_cmpint (document, ==, b);
  g_assert_false (gloss_store_can_undo (fixture->store));
}

/* ---- Signals, persistence, concurrency ---------------------------------------------- */

static void
on_changed (GlossStore *store,
            gint64      document,
            gpointer    user_data)
{
  GArray *seen = user_data;

  g_array_append_val (seen, document);
}

static void
assert_changed (GArray *seen,
                gint64  document)
{
  g_assert_cmpuint (seen->len, ==, 1);
  g_assert_cmpint (g_array_index (seen, gint64, 0), ==, document);
  g_array_set_size (seen, 0);
}

static void
test_changed_signal (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossSpan) duplicate = gloss_span_new ("CUE", 13, 17);
  gint64 rowid;

  g_signal_connect (fixture->store, "changed", G_CALLBACK (on_changed), seen);

  rowid = import_annotated (fixture->store, "doc-1");
  assert_changed (seen, 0);

  g_assert_true (mutate_add_span (fixture->store, rowid, &error));
  assert_changed (seen, rowid);
  g_assert_true (mutate_note (fixture->store, rowid, &error));
  assert_changed (seen, rowid);
  g_assert_true (mutate_set_attribute (fixture->store, rowid, &error));
  assert_changed (seen, rowid);
  g_assert_true (mutate_add_relation (fixture->store, rowid, &error));
  assert_changed (seen, rowid);
  g_assert_true (mutate_add_entity (fixture->store, rowid, &error));
  assert_changed (seen, rowid);
  g_assert_true (mutate_status (fixture->store, rowid, &error));
  assert_changed (seen, rowid);
  g_assert_true (mutate_delete_linked_span (fixture->store, rowid, &error));
  assert_changed (seen, rowid);
  g_assert_true (gloss_store_undo (fixture->store, NULL, &error));
  assert_changed (seen, rowid);
  g_assert_true (gloss_store_redo (fixture->store, NULL, &error));
  assert_changed (seen, rowid);
  g_assert_no_error (error);

  /* A refused change says nothing. */
  g_assert_null (gloss_store_add_span (fixture->store, rowid, duplicate, &error));
  g_clear_error (&error);
  g_assert_cmpuint (seen->len, ==, 0);

  gloss_store_begin_group (fixture->store, "Group");
  g_assert_true (mutate_add_discontinuous (fixture->store, rowid, &error));
  g_assert_true (mutate_relabel (fixture->store, rowid, &error));
  g_assert_cmpuint (seen->len, ==, 0);
  g_assert_true (gloss_store_end_group (fixture->store, &error));
  g_assert_no_error (error);
  assert_changed (seen, rowid);

  g_assert_true (gloss_store_delete_document (fixture->store, rowid, &error));
  g_assert_no_error (error);
  assert_changed (seen, 0);
}

static void
test_persist_reopen (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) reopened = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autofree char *a_dump = NULL;
  g_autofree char *b_dump = NULL;
  g_autofree char *a_reopened = NULL;
  g_autofree char *b_reopened = NULL;
  gint64 a, b;

  /* Bob imports and edits in his set. */
  gloss_store_set_annotator (fixture->store, "bob");
  a = import_annotated (fixture->store, "doc-a");
  b = import_plain (fixture->store, "doc-b", "Nothing here yet.");
  g_assert_true (mutate_add_discontinuous (fixture->store, a, &error));
  g_assert_true (mutate_set_attribute (fixture->store, a, &error));
  g_assert_true (mutate_add_relation (fixture->store, a, &error));
  g_assert_true (mutate_add_entity (fixture->store, a, &error));
  g_assert_true (mutate_delete_span (fixture->store, a, &error));
  g_assert_true (mutate_delete_relation (fixture->store, a, &error));
  g_assert_true (mutate_rename (fixture->store, b, &error));
  g_assert_true (mutate_status (fixture->store, b, &error));
  g_assert_no_error (error);
  a_dump = dump_document (fixture->store, a);
  b_dump = dump_document (fixture->store, b);
  g_clear_object (&fixture->store);

  reopened = gloss_store_open (fixture->path, GLOSS_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_false (gloss_store_is_read_only (reopened));
  g_assert_cmpstr (gloss_store_get_path (reopened), ==, fixture->path);
  documents = gloss_store_list_documents (reopened, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 2);
  a_reopened = dump_document (reopened, a);
  b_reopened = dump_document (reopened, b);
  g_assert_cmpstr (a_reopened, ==, a_dump);
  g_assert_cmpstr (b_reopened, ==, b_dump);
  g_assert_nonnull (strstr (a_reopened, "annotator=bob"));
  g_assert_cmpuint (gloss_store_list_labels (reopened)->len, ==, 22);

  /* The history lives with the store, not in the file. */
  g_assert_false (gloss_store_can_undo (reopened));
}

/* Two stores on one file, as the window and gloss-cli: each sees the other's
 * writes at once, and its data version tells it to refresh. */
static void
check_two_stores (GlossStore *first,
                  GlossStore *second,
                  gint64      rowid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autofree char *dump = NULL;
  g_autofree char *dump_second = NULL;
  gint64 version, own_version;

  version = gloss_store_get_data_version (second);
  own_version = gloss_store_get_data_version (first);
  g_assert_cmpint (version, >=, 0);
  g_assert_true (mutate_add_span (first, rowid, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gloss_store_get_data_version (second), !=, version);
  g_assert_cmpint (gloss_store_get_data_version (first), ==, own_version);
  dump = dump_document (first, rowid);
  dump_second = dump_document (second, rowid);
  g_assert_cmpstr (dump_second, ==, dump);

  /* And the other way round, including a new document. */
  version = gloss_store_get_data_version (first);
  g_assert_true (mutate_delete_linked_span (second, rowid, &error));
  g_assert_no_error (error);
  import_plain (second, "doc-2", "Written by the second store.");
  g_assert_cmpint (gloss_store_get_data_version (first), !=, version);
  g_clear_pointer (&dump, g_free);
  g_clear_pointer (&dump_second, g_free);
  dump = dump_document (first, rowid);
  dump_second = dump_document (second, rowid);
  g_assert_cmpstr (dump, ==, dump_second);
  documents = gloss_store_list_documents (first, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 2);

  /* The version stays put while nobody writes. */
  version = gloss_store_get_data_version (second);
  g_assert_cmpint (gloss_store_get_data_version (second), ==, version);
}

/* The first store has just created the project: all of it is still in the
 * write-ahead log. */
static void
test_persist_two_stores (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) second = NULL;
  gint64 rowid = import_annotated (fixture->store, "doc-1");

  second = gloss_store_open (fixture->path, GLOSS_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (second);
  check_two_stores (fixture->store, second, rowid);
}

/* The same on a project that was closed once (so checkpointed) and reopened. */
static void
test_persist_two_stores_reopened (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) second = NULL;
  gint64 rowid = import_annotated (fixture->store, "doc-1");

  g_clear_object (&fixture->store);
  fixture->store = gloss_store_open (fixture->path, GLOSS_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  second = gloss_store_open (fixture->path, GLOSS_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (second);
  check_two_stores (fixture->store, second, rowid);
}

/* The server ends the store's session (a restart, a network cut): the store
 * notices, connects again, sets its session up again and goes on; work
 * committed before is all there, and the next change is saved. */
static void
test_server_reconnect (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 rowid;
  gint64 version;

  if (!gloss_test_on_server ())
    {
      g_test_skip ("about a server project only");
      return;
    }
  gloss_store_set_annotator (fixture->store, "ana");
  rowid = import_annotated (fixture->store, "doc-1");
  before = dump_document (fixture->store, rowid);
  version = gloss_store_get_data_version (fixture->store);

  g_assert_true (gloss_test_pg_exec (fixture->path,
                                     "SELECT pg_terminate_backend (pid) FROM pg_stat_activity "
                                     "WHERE datname = current_database () AND pid <> pg_backend_pid ()",
                                     &error));
  g_assert_no_error (error);

  /* The window's one-second look finds the session gone and reconnects. */
  gloss_store_get_data_version (fixture->store);
  gloss_store_get_data_version (fixture->store);
  g_assert_true (gloss_store_is_connected (fixture->store));
  g_assert_cmpint (gloss_store_get_data_version (fixture->store), >, version);
  after = dump_document (fixture->store, rowid);
  g_assert_cmpstr (after, ==, before);
  {
    g_autofree char *set = gloss_store_get_set (fixture->store);

    g_assert_cmpstr (set, ==, "ana");
  }

  /* Cut again, and the next change itself reconnects and is saved. */
  g_assert_true (gloss_test_pg_exec (fixture->path,
                                     "SELECT pg_terminate_backend (pid) FROM pg_stat_activity "
                                     "WHERE datname = current_database () AND pid <> pg_backend_pid ()",
                                     &error));
  g_assert_true (mutate_add_span (fixture->store, rowid, &error));
  g_assert_no_error (error);
  g_clear_pointer (&after, g_free);
  after = dump_document (fixture->store, rowid);
  g_assert_cmpstr (after, !=, before);
  g_assert_true (gloss_store_undo (fixture->store, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&after, g_free);
  after = dump_document (fixture->store, rowid);
  g_assert_cmpstr (after, ==, before);
}

/* On a server, one curator at a time edits a document's gold set: a second
 * is refused with a message naming the first, edits elsewhere and in the
 * annotators' own sets go on, and the document is free once the first moves on. */
static void
test_server_gold_lock (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) second = NULL;
  g_autofree char *holder = NULL;
  gint64 first_doc, other_doc;

  if (!gloss_test_on_server ())
    {
      g_test_skip ("about a server project only");
      return;
    }
  first_doc = import_annotated (fixture->store, "doc-1");
  other_doc = import_plain (fixture->store, "doc-2", "Written by the second store.");
  second = gloss_store_open (fixture->path, GLOSS_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  gloss_store_set_annotator (fixture->store, "gold");
  gloss_store_set_annotator (second, "gold");
  g_assert_true (add_span (fixture->store, first_doc, gloss_span_new ("PERSON", 0, 3), &error));
  g_assert_no_error (error);

  g_assert_false (add_span (second, first_doc, gloss_span_new ("ORG", 5, 9), &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_LOCKED);
  holder = g_strdup_printf ("Gloss (%s@%s)", g_get_user_name (), g_get_host_name ());
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, holder));
  g_assert_null (strchr (error->message, '\n'));
  g_clear_error (&error);

  /* Another document's gold set, and an annotator's own set, are free. */
  g_assert_true (add_span (second, other_doc, gloss_span_new ("ORG", 0, 7), &error));
  g_assert_no_error (error);
  gloss_store_set_annotator (second, "ben");
  g_assert_true (add_span (second, first_doc, gloss_span_new ("ORG", 5, 9), &error));
  g_assert_no_error (error);

  /* The first curator moves on: the document is the second's to adjudicate. */
  gloss_store_set_annotator (fixture->store, "ana");
  gloss_store_set_annotator (second, "gold");
  g_assert_true (add_span (second, first_doc, gloss_span_new ("ORG", 5, 9), &error));
  g_assert_no_error (error);
  /* and undoing it is the second's too, while the first cannot take it back */
  gloss_store_set_annotator (fixture->store, "gold");
  g_assert_false (add_span (fixture->store, first_doc, gloss_span_new ("GPE", 10, 12), &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_LOCKED);
}

/* A store opened for reading only still follows what a writer does, as a
 * viewer beside the window would. */
static void
test_persist_read_only_viewer (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) viewer = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autofree char *dump = NULL;
  g_autofree char *dump_viewer = NULL;
  gint64 rowid = import_annotated (fixture->store, "doc-1");
  gint64 version;

  g_clear_object (&fixture->store);
  viewer = gloss_store_open (fixture->path, GLOSS_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (gloss_store_is_read_only (viewer));
  version = gloss_store_get_data_version (viewer);

  fixture->store = gloss_store_open (fixture->path, GLOSS_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (mutate_add_span (fixture->store, rowid, &error));
  g_assert_no_error (error);
  import_plain (fixture->store, "doc-2", "Written while a viewer is open.");

  g_assert_cmpint (gloss_store_get_data_version (viewer), !=, version);
  documents = gloss_store_list_documents (viewer, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 2);
  dump = dump_document (fixture->store, rowid);
  dump_viewer = dump_document (viewer, rowid);
  g_assert_cmpstr (dump_viewer, ==, dump);
}

/* Killing the program loses nothing: a subprocess creates a project, annotates
 * and dies without closing it. */
static void
test_persist_killed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) store = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *dump = NULL;

  if (g_test_subprocess ())
    {
      GlossStore *doomed = gloss_store_open (g_getenv ("GLOSS_TEST_PROJECT"), GLOSS_STORE_OPEN_CREATE,
                                             &error);
      gint64 rowid;

      g_assert_no_error (error);
      rowid = import_annotated (doomed, "doc-1");
      g_assert_true (mutate_add_span (doomed, rowid, &error));
      g_assert_no_error (error);
      _exit (0);
    }

  dir = g_dir_make_tmp ("gloss-test-store-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "killed.gloss", NULL);
  wal = g_strconcat (path, "-wal", NULL);
  g_setenv ("GLOSS_TEST_PROJECT", path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  store = gloss_store_open (path, GLOSS_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  dump = dump_document (store, 1);
  g_assert_nonnull (strstr (dump, "document doc-1"));
  g_assert_nonnull (strstr (dump, "n_spans=8"));
  g_clear_object (&store);
  remove_tree (dir);
}

/* ---- Migration ---------------------------------------------------------------------- */

/* The first step of migrations[] in src/core/gloss-store-schema.c, as released. */
static const char v1_schema[] =
  "CREATE TABLE documents ("
  "  id INTEGER PRIMARY KEY,"
  "  uid TEXT NOT NULL UNIQUE,"
  "  title TEXT NOT NULL,"
  "  meta TEXT NOT NULL DEFAULT '{}',"
  "  text TEXT NOT NULL,"
  "  text_sha256 TEXT NOT NULL,"
  "  length INTEGER NOT NULL,"
  "  status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in-progress', 'done')),"
  "  keep_text INTEGER NOT NULL DEFAULT 0,"
  "  created INTEGER NOT NULL,"
  "  modified INTEGER NOT NULL);"
  "CREATE INDEX documents_sha ON documents (text_sha256);"
  "CREATE TABLE layers ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  is_event INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE labels ("
  "  id INTEGER PRIMARY KEY,"
  "  layer_id INTEGER NOT NULL REFERENCES layers (id),"
  "  name TEXT NOT NULL UNIQUE,"
  "  kind TEXT NOT NULL CHECK (kind IN ('entity', 'quote', 'cue', 'source', 'claim')),"
  "  can_speak INTEGER NOT NULL DEFAULT 0,"
  "  color TEXT NOT NULL,"
  "  hotkey TEXT UNIQUE,"
  "  description TEXT);"
  "CREATE TABLE attribute_defs ("
  "  id INTEGER PRIMARY KEY,"
  "  label_id INTEGER NOT NULL REFERENCES labels (id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL,"
  "  type TEXT NOT NULL CHECK (type IN ('enum', 'boolean', 'text')),"
  "  choices TEXT,"
  "  UNIQUE (label_id, name));"
  "CREATE TABLE relation_types ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  description TEXT);"
  "CREATE TABLE annotations ("
  "  id INTEGER PRIMARY KEY,"
  "  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
  "  uid TEXT NOT NULL,"
  "  label_id INTEGER NOT NULL REFERENCES labels (id),"
  "  start INTEGER NOT NULL,"
  "  end INTEGER NOT NULL,"
  "  fragments TEXT NOT NULL,"
  "  attrs TEXT NOT NULL DEFAULT '{}',"
  "  note TEXT,"
  "  UNIQUE (document_id, uid),"
  "  UNIQUE (document_id, label_id, fragments));"
  "CREATE INDEX annotations_position ON annotations (document_id, start, end);"
  "CREATE TABLE relations ("
  "  id INTEGER PRIMARY KEY,"
  "  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
  "  uid TEXT NOT NULL,"
  "  type TEXT NOT NULL,"
  "  from_id INTEGER NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,"
  "  to_id INTEGER NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,"
  "  attrs TEXT NOT NULL DEFAULT '{}',"
  "  note TEXT,"
  "  UNIQUE (document_id, uid));"
  "CREATE INDEX relations_from ON relations (from_id);"
  "CREATE INDEX relations_to ON relations (to_id);";

/* 0x474c5353, "GLSS" (GLOSS_STORE_APPLICATION_ID). */
static const char v1_rows[] =
  "PRAGMA application_id = 1196184403;"
  "PRAGMA user_version = 1;"
  "INSERT INTO layers (id, name) VALUES (1, 'entity');"
  "INSERT INTO labels (id, layer_id, name, kind, can_speak, color, hotkey) "
  "  VALUES (1, 1, 'PERSON', 'entity', 1, '#aa9cfc', 'p');"
  "INSERT INTO relation_types (name) VALUES ('COREF');"
  "INSERT INTO documents (id, uid, title, text, text_sha256, length, status, created, modified) "
  "  VALUES (1, 'old-doc', 'An old article', 'Zoë met Ana in 東京.', "
  "  'f47d799e9865eb0c129e662cee12dcbf5dcdbdfa9e93105a94d1e38b7c92c232', 18, 'in-progress', "
  "  1600000000, 1600000000);"
  "INSERT INTO annotations (id, document_id, uid, label_id, start, end, fragments, attrs, note) "
  "  VALUES (1, 1, 's1', 1, 0, 3, '[[0,3]]', '{}', 'from version 1');";

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  sqlite3_exec (db, sql, NULL, NULL, &message);
  g_assert_cmpstr (message, ==, NULL);
}

static void
test_migrate_v1 (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) store = NULL;
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GPtrArray) entities = NULL;
  g_autoptr(GlossSpan) span = NULL;
  g_autoptr(GlossSpan) stored = NULL;
  g_autoptr(GlossEntity) entity = NULL;
  g_autoptr(GlossEntity) stored_entity = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "version-1.gloss", NULL);
  g_autofree char *dump = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_sql (db, v1_schema);
  exec_sql (db, v1_rows);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (query_int (path, "PRAGMA application_id"), ==, GLOSS_STORE_APPLICATION_ID);

  store = gloss_store_open (path, GLOSS_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  /* The old content reads as before. */
  document = gloss_store_get_document (store, "old-doc", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (document->title, ==, "An old article");
  g_assert_cmpstr (document->text, ==, "Zoë met Ana in 東京.");
  g_assert_cmpint (document->length, ==, 18);
  g_assert_cmpint (document->status, ==, GLOSS_STATUS_IN_PROGRESS);
  g_assert_cmpint (document->n_spans, ==, 1);
  spans = gloss_store_list_spans (store, document->rowid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 1);
  span = get_span (store, document->rowid, "s1");
  g_assert_cmpstr (span->label, ==, "PERSON");
  g_assert_cmpint (gloss_span_get_start (span), ==, 0);
  g_assert_cmpint (gloss_span_get_end (span), ==, 3);
  g_assert_cmpstr (span->note, ==, "from version 1");
  /* Version 5: spans with no annotator recorded became one set, the login's;
   * it is the project's only set, so the store works in it. */
  {
    g_autofree char *set = gloss_store_get_set (store);
    g_autofree char *backup = g_strconcat (path, ".v1-backup", NULL);
    g_auto(GStrv) sets = gloss_store_list_sets (store, 0);

    g_assert_cmpstr (span->annotator, ==, set);
    g_assert_cmpuint (g_strv_length (sets), ==, 1);
    g_assert_cmpstr (sets[0], ==, set);
    /* The project as it was is kept beside it, and still reads as version 1. */
    g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
    g_assert_cmpint (query_int (backup, "PRAGMA user_version"), ==, 1);
  }
  g_clear_pointer (&span, gloss_span_free);
  /* Its schema is kept, not replaced by a preset. */
  g_assert_cmpuint (gloss_store_list_labels (store)->len, ==, 1);

  /* Version 2: annotators and entities; version 5: carol works in a set of her
   * own, where ids start again. */
  gloss_store_set_annotator (store, "carol");
  span = gloss_span_new ("PERSON", 8, 11);
  stored = gloss_store_add_span (store, document->rowid, span, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->id, ==, "s1");
  g_assert_cmpstr (stored->annotator, ==, "carol");

  entity = gloss_entity_new ("Zoë");
  g_ptr_array_add (entity->mentions, g_strdup ("s1"));
  stored_entity = gloss_store_add_entity (store, document->rowid, entity, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored_entity->id, ==, "e1");
  entities = gloss_store_list_entities (store, document->rowid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entities->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (((GlossEntity *) g_ptr_array_index (entities, 0))->mentions, 0),
                   ==, "s1");
  g_assert_true (gloss_store_undo (store, NULL, &error));
  g_assert_true (gloss_store_redo (store, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_store_check_integrity (store, &error));
  g_assert_no_error (error);

  dump = dump_document (store, document->rowid);
  g_assert_nonnull (strstr (dump, "annotator=carol"));
  g_clear_object (&store);

  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, GLOSS_STORE_SCHEMA_VERSION);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM suggestions"), ==, 0);
  g_assert_cmpint (query_int (path, "PRAGMA application_id"), ==, GLOSS_STORE_APPLICATION_ID);
  /* The login's set from the migration, and carol's. */
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM annotators"), ==, 2);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM entity_mentions"), ==, 1);

  /* Reopening a migrated file changes nothing more. */
  store = gloss_store_open (path, GLOSS_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  gloss_store_set_annotator (store, "carol");
  assert_dump (store, 1, dump);
}

/* ---- Suggestions: quotes and claims --------------------------------------------------------- */

static GlossQuoteSuggestion *
suggestion_new (GlossSuggestionKind kind,
                gint                start,
                gint                end)
{
  GlossQuoteSuggestion *suggestion = kind == GLOSS_SUGGESTION_CLAIM ? gloss_claim_suggestion_new (start, end)
                                                                    : gloss_quote_suggestion_new (start, end);

  return suggestion;
}

static GPtrArray *
list_suggestions (GlossStore                  *store,
                  gint64                       document,
                  const GlossSuggestionStatus *status)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *suggestions = gloss_store_list_suggestions (store, document, status, &error);

  g_assert_no_error (error);
  g_assert_nonnull (suggestions);
  return suggestions;
}

static guint
add_suggestions (GlossStore *store,
                 gint64      document,
                 GPtrArray  *suggestions)
{
  g_autoptr(GError) error = NULL;
  guint added = G_MAXUINT;

  g_assert_true (gloss_store_add_suggestions (store, document, suggestions, &added, &error));
  g_assert_no_error (error);
  return added;
}

/* Quote and claim suggestions side by side: each keeps its kind, a quote and a
 * claim on the same text are two, and each is stored once. */
static void
test_suggestion_kinds (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) suggestions = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_quote_suggestion_free);
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GError) error = NULL;
  GlossSuggestionStatus status = GLOSS_SUGGESTION_PENDING;
  GlossQuoteSuggestion *claim;
  gint64 rowid = import_plain (fixture->store, "doc", TEXT);

  g_ptr_array_add (suggestions, suggestion_new (GLOSS_SUGGESTION_QUOTE, 19, 36));
  /* "Prices rose 5%.": the claim inside the quotation, its speaker Zoë Müller */
  claim = suggestion_new (GLOSS_SUGGESTION_CLAIM, 20, 34);
  claim->speaker = (GlossFragment) { 0, 10 };
  claim->speaker_kind = GLOSS_SPEAKER_NAME;
  claim->cue = (GlossFragment) { 13, 17 };
  g_ptr_array_add (suggestions, claim);
  g_ptr_array_add (suggestions, suggestion_new (GLOSS_SUGGESTION_CLAIM, 19, 36));
  g_assert_cmpuint (add_suggestions (fixture->store, rowid, suggestions), ==, 3);
  g_assert_cmpuint (add_suggestions (fixture->store, rowid, suggestions), ==, 0);

  stored = list_suggestions (fixture->store, rowid, NULL);
  g_assert_cmpuint (stored->len, ==, 3);
  /* In text order; on one range, the quote first. */
  g_assert_cmpint (((GlossQuoteSuggestion *) g_ptr_array_index (stored, 0))->kind, ==, GLOSS_SUGGESTION_QUOTE);
  g_assert_cmpint (((GlossQuoteSuggestion *) g_ptr_array_index (stored, 1))->kind, ==, GLOSS_SUGGESTION_CLAIM);
  g_assert_cmpint (((GlossQuoteSuggestion *) g_ptr_array_index (stored, 1))->start, ==, 19);
  claim = g_ptr_array_index (stored, 2);
  g_assert_cmpint (claim->kind, ==, GLOSS_SUGGESTION_CLAIM);
  g_assert_cmpint (claim->start, ==, 20);
  g_assert_cmpint (claim->end, ==, 34);
  g_assert_cmpint (claim->speaker.start, ==, 0);
  g_assert_cmpint (claim->speaker.end, ==, 10);
  g_assert_cmpint (claim->speaker_kind, ==, GLOSS_SPEAKER_NAME);
  g_assert_cmpint (claim->cue.start, ==, 13);

  /* Rejecting the claim leaves the quote on the same text pending. */
  g_assert_true (gloss_store_set_suggestion_status (fixture->store, rowid,
                                                    ((GlossQuoteSuggestion *) g_ptr_array_index (stored, 1))->rowid,
                                                    GLOSS_SUGGESTION_REJECTED, &error));
  g_assert_no_error (error);
  pending = list_suggestions (fixture->store, rowid, &status);
  g_assert_cmpuint (pending->len, ==, 2);
  g_assert_cmpint (((GlossQuoteSuggestion *) g_ptr_array_index (pending, 0))->kind, ==, GLOSS_SUGGESTION_QUOTE);
  g_assert_cmpint (((GlossQuoteSuggestion *) g_ptr_array_index (pending, 1))->start, ==, 20);
}

/* ---- Migration to version 7 --------------------------------------------------------------- */

/* The suggestions table as version 6 had it, on a file. */
#define SUGGESTIONS_V6 \
  "CREATE TABLE suggestions_v6 (" \
  "  id INTEGER PRIMARY KEY," \
  "  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE," \
  "  annotator_id INTEGER NOT NULL REFERENCES annotators (id)," \
  "  kind TEXT NOT NULL DEFAULT 'quote' CHECK (kind IN ('quote'))," \
  "  start INTEGER NOT NULL," \
  "  end INTEGER NOT NULL," \
  "  cue_start INTEGER," \
  "  cue_end INTEGER," \
  "  speaker_start INTEGER," \
  "  speaker_end INTEGER," \
  "  speaker_kind TEXT CHECK (speaker_kind IN ('name', 'description'))," \
  "  via_start INTEGER," \
  "  via_end INTEGER," \
  "  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected'))," \
  "  UNIQUE (document_id, annotator_id, kind, start, end));" \
  "INSERT INTO suggestions_v6 SELECT id, document_id, annotator_id, kind, start, end, cue_start, cue_end," \
  "  speaker_start, speaker_end, speaker_kind, via_start, via_end, status FROM suggestions;" \
  "DROP TABLE suggestions;" \
  "ALTER TABLE suggestions_v6 RENAME TO suggestions;" \
  "PRAGMA user_version = 6;"

/* …and on a server: the constraint of version 6, and its version. */
#define SUGGESTIONS_V6_SERVER \
  "ALTER TABLE suggestions DROP CONSTRAINT suggestions_kind_check;" \
  "ALTER TABLE suggestions ADD CONSTRAINT suggestions_kind_check CHECK (kind IN ('quote'));" \
  "UPDATE gloss_meta SET value = '6' WHERE key = 'schema_version';"

static void
exec_file_sql (const char *path,
               const char *sql)
{
  g_autoptr(sqlite3) db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static void
downgrade_to_v6 (const char *path)
{
  g_autoptr(GError) error = NULL;

  if (!gloss_test_on_server ())
    {
      exec_file_sql (path, SUGGESTIONS_V6);
      g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, 6);
      return;
    }
  g_assert_true (gloss_test_pg_exec (path, SUGGESTIONS_V6_SERVER, &error));
  g_assert_no_error (error);
}

/* The project says it is at @version (a file's header, a server's gloss_meta). */
static void
assert_schema_version (const char *path,
                       gint        version)
{
  g_autofree char *check = NULL;
  g_autoptr(GError) error = NULL;

  if (!gloss_test_on_server ())
    {
      g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, version);
      return;
    }
  check = g_strdup_printf ("DO $$ BEGIN IF (SELECT value FROM gloss_meta WHERE key = 'schema_version') "
                           "<> '%d' THEN RAISE 'another version'; END IF; END $$", version);
  g_assert_true (gloss_test_pg_exec (path, check, &error));
  g_assert_no_error (error);
}

/* A project of version 6 holding quote suggestions, one of them rejected. */
static gint64
make_v6_project (Fixture *fixture)
{
  g_autoptr(GPtrArray) suggestions = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_quote_suggestion_free);
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GError) error = NULL;
  GlossQuoteSuggestion *quote;
  gint64 rowid = import_plain (fixture->store, "doc", TEXT);

  quote = suggestion_new (GLOSS_SUGGESTION_QUOTE, 19, 36);
  quote->cue = (GlossFragment) { 13, 17 };
  quote->speaker = (GlossFragment) { 0, 10 };
  quote->speaker_kind = GLOSS_SPEAKER_NAME;
  g_ptr_array_add (suggestions, quote);
  g_ptr_array_add (suggestions, suggestion_new (GLOSS_SUGGESTION_QUOTE, 41, 48));
  g_assert_cmpuint (add_suggestions (fixture->store, rowid, suggestions), ==, 2);
  stored = list_suggestions (fixture->store, rowid, NULL);
  g_assert_true (gloss_store_set_suggestion_status (fixture->store, rowid,
                                                    ((GlossQuoteSuggestion *) g_ptr_array_index (stored, 1))->rowid,
                                                    GLOSS_SUGGESTION_REJECTED, &error));
  g_assert_no_error (error);
  g_clear_object (&fixture->store);
  downgrade_to_v6 (fixture->path);
  return rowid;
}

/* What a version-6 project held is there after the update to 7. */
static void
assert_v6_suggestions (GlossStore *store,
                       gint64      rowid)
{
  g_autoptr(GPtrArray) kept = list_suggestions (store, rowid, NULL);
  const GlossQuoteSuggestion *first, *second;

  g_assert_cmpuint (kept->len, ==, 2);
  first = g_ptr_array_index (kept, 0);
  second = g_ptr_array_index (kept, 1);
  g_assert_cmpint (first->kind, ==, GLOSS_SUGGESTION_QUOTE);
  g_assert_cmpint (first->start, ==, 19);
  g_assert_cmpint (first->end, ==, 36);
  g_assert_cmpint (first->cue.start, ==, 13);
  g_assert_cmpint (first->speaker.end, ==, 10);
  g_assert_cmpint (first->speaker_kind, ==, GLOSS_SPEAKER_NAME);
  g_assert_cmpint (first->status, ==, GLOSS_SUGGESTION_PENDING);
  g_assert_cmpint (second->kind, ==, GLOSS_SUGGESTION_QUOTE);
  g_assert_cmpint (second->start, ==, 41);
  g_assert_cmpint (second->status, ==, GLOSS_SUGGESTION_REJECTED);
}

/* Version 6 took quote suggestions only; opened by this Gloss, a project is
 * brought to 7 in one transaction (a file's table rebuilt, a server's
 * constraint replaced), keeps its suggestions and their decisions, and then
 * takes claims. */
static void
test_migrate_v6 (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) claims = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_quote_suggestion_free);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  gint64 rowid = make_v6_project (fixture);

  assert_schema_version (fixture->path, 6);
  fixture->store = gloss_store_open (fixture->path, GLOSS_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  assert_schema_version (fixture->path, GLOSS_STORE_SCHEMA_VERSION);
  assert_v6_suggestions (fixture->store, rowid);

  g_ptr_array_add (claims, suggestion_new (GLOSS_SUGGESTION_CLAIM, 20, 34));
  g_assert_cmpuint (add_suggestions (fixture->store, rowid, claims), ==, 1);
  all = list_suggestions (fixture->store, rowid, NULL);
  g_assert_cmpuint (all->len, ==, 3);
  g_assert_cmpint (((GlossQuoteSuggestion *) g_ptr_array_index (all, 1))->kind, ==, GLOSS_SUGGESTION_CLAIM);
  g_assert_true (gloss_store_check_integrity (fixture->store, &error));
  g_assert_no_error (error);

  /* Opened again, nothing more happens. */
  g_clear_object (&fixture->store);
  fixture->store = gloss_store_open (fixture->path, GLOSS_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  assert_schema_version (fixture->path, GLOSS_STORE_SCHEMA_VERSION);
  g_clear_pointer (&all, g_ptr_array_unref);
  all = list_suggestions (fixture->store, rowid, NULL);
  g_assert_cmpuint (all->len, ==, 3);
}

/* A version-6 project on a server opened for reading is read as it is, and
 * not changed; a file is refused (it cannot be updated), and not changed
 * either. */
static void
test_migrate_v6_read_only (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 rowid = make_v6_project (fixture);

  fixture->store = gloss_store_open (fixture->path, GLOSS_STORE_OPEN_READ_ONLY, &error);
  if (!gloss_test_on_server ())
    {
      g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_READ_ONLY);
      g_assert_null (fixture->store);
      assert_schema_version (fixture->path, 6);
      return;
    }
  g_assert_no_error (error);
  assert_schema_version (fixture->path, 6);
  assert_v6_suggestions (fixture->store, rowid);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gloss_test_skip_program_without_server ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/schema/default", test_schema_default);
  ADD ("/store/schema/conll2003", test_schema_conll);
  ADD ("/store/schema/preset-clears-history", test_schema_preset_clears_history);
  ADD ("/store/document/add", test_document_add);
  ADD ("/store/document/problems", test_document_problems);
  ADD ("/store/document/edit", test_document_edit);
  ADD ("/store/span/add", test_span_add);
  ADD ("/store/span/edit", test_span_edit);
  ADD ("/store/relation", test_relation);
  ADD ("/store/entity", test_entity);
  for (guint i = 0; i < G_N_ELEMENTS (mutations); i++)
    g_test_add (mutations[i].path, Fixture, &mutations[i], fixture_set_up, test_undo_mutation,
                fixture_tear_down);
  ADD ("/store/undo/delete-span-brings-back-links", test_undo_delete_linked_span);
  ADD ("/store/undo/across-documents", test_undo_documents);
  ADD ("/store/undo/group", test_undo_group);
  ADD ("/store/undo/new-change-clears-redo", test_undo_clears_redo);
  ADD ("/store/undo/nothing", test_undo_empty);
  ADD ("/store/undo/delete-document-prunes", test_undo_delete_document);
  ADD ("/store/changed-signal", test_changed_signal);
  ADD ("/store/migrate/version-1", test_migrate_v1);
  ADD ("/store/migrate/version-6", test_migrate_v6);
  ADD ("/store/migrate/version-6-read-only", test_migrate_v6_read_only);
  ADD ("/store/suggestions/kinds", test_suggestion_kinds);
  ADD ("/store/persist/reopen", test_persist_reopen);
  ADD ("/store/persist/two-stores-reopened", test_persist_two_stores_reopened);
  ADD ("/store/persist/two-stores", test_persist_two_stores);
  g_test_add_func ("/store/persist/killed", test_persist_killed);
  ADD ("/store/persist/read-only-viewer", test_persist_read_only_viewer);
  ADD ("/store/server/reconnect", test_server_reconnect);
  ADD ("/store/server/gold-lock", test_server_gold_lock);
#undef ADD

  return g_test_run ();
}
