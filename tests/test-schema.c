/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Editing the label schema (rename, recolour, hotkeys, delete, attributes,
 * relation types) and the annotation edits that came with it (discontinuous
 * spans, entities with knowledge-base ids), each as one undo step that also
 * survives reopening the project. */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "gloss-export.h"
#include "gloss-store.h"

/* Cyrillic and guillemets before everything else: byte and code-point offsets
 * differ from the first span on. */
#define TEXT "Владимир Путин said: «We are ready,» he added, «to cooperate.» Moscow agreed."

typedef struct
{
  char       *dir;
  char       *path;
  GlossStore *store;
  gint64      doc;       /* TEXT, annotated (see fixture_set_up) */
  gint64      other;     /* a second document with one PERSON span */
  guint       schema_changes;
} Fixture;

/* ---- Helpers ----------------------------------------------------------------------- */

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

/* The code-point offset of @needle in TEXT, and its end. */
static gint
at (const char *needle)
{
  const char *found = strstr (TEXT, needle);

  g_assert_nonnull (found);
  return (gint) g_utf8_pointer_to_offset (TEXT, found);
}

static gint
end_of (const char *needle)
{
  return at (needle) + (gint) g_utf8_strlen (needle, -1);
}

static GlossSpan *
span_over (const char *id,
           const char *label,
           const char *needle)
{
  GlossSpan *span = gloss_span_new (label, at (needle), end_of (needle));

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

static gint64
add_document (GlossStore *store,
              const char *id,
              const char *text,
              GPtrArray  *spans,
              GPtrArray  *relations,
              GPtrArray  *entities)
{
  g_autoptr(GlossDocument) document = g_new0 (GlossDocument, 1);
  g_autoptr(GlossReport) report = gloss_report_new (NULL, NULL);
  g_autoptr(GError) error = NULL;

  document->id = g_strdup (id);
  document->title = g_strdup (id);
  document->text = g_strdup (text);
  g_assert_true (gloss_store_add_document (store, document, spans, relations, entities, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_report_count (report, GLOSS_REPORT_PROBLEM), ==, 0);
  return document->rowid;
}

static void
on_schema_changed (GlossStore *store,
                   Fixture    *fixture)
{
  fixture->schema_changes++;
}

static void
open_store (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  fixture->store = gloss_store_open (fixture->path, GLOSS_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);
  g_signal_connect (fixture->store, "schema-changed", G_CALLBACK (on_schema_changed), fixture);
}

/* Closes the project and opens it again: what was saved is what is read. */
static void
reopen (Fixture *fixture)
{
  g_clear_object (&fixture->store);
  open_store (fixture);
}

/* In TEXT: s1 PERSON "Владимир Путин", s2 CUE "added", s3 QUOTE in two
 * fragments (the two halves of the quote), direct, s4 PERSON "he", s5 GPE
 * "Moscow"; r1 SPEAKER s3→s4, r2 CUE s3→s2, r3 COREF s4→s1; entity e1 = {s1,
 * s4}. The other document has one PERSON. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_span_free);
  g_autoptr(GPtrArray) relations = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_relation_free);
  g_autoptr(GPtrArray) entities = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_entity_free);
  g_autoptr(GPtrArray) other_spans = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_span_free);
  GlossEntity *entity;
  GlossSpan *quote;

  fixture->dir = g_dir_make_tmp ("gloss-test-schema-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "project.gloss", NULL);
  open_store (fixture);

  g_ptr_array_add (spans, span_over ("s1", "PERSON", "Владимир Путин"));
  g_ptr_array_add (spans, span_over ("s2", "CUE", "added"));
  quote = span_over ("s3", "QUOTE", "«We are ready,»");
  gloss_span_add_fragment (quote, at ("«to cooperate.»"), end_of ("«to cooperate.»"));
  g_free (quote->attrs);
  quote->attrs = g_strdup ("{\"quote_type\":\"direct\"}");
  g_ptr_array_add (spans, quote);
  g_ptr_array_add (spans, span_over ("s4", "PERSON", "he"));
  g_ptr_array_add (spans, span_over ("s5", "GPE", "Moscow"));
  g_ptr_array_add (relations, relation_new ("r1", "SPEAKER", "s3", "s4"));
  g_ptr_array_add (relations, relation_new ("r2", "CUE", "s3", "s2"));
  g_ptr_array_add (relations, relation_new ("r3", "COREF", "s4", "s1"));
  entity = gloss_entity_new ("Vladimir Putin");
  entity->id = g_strdup ("e1");
  entity->type = g_strdup ("PERSON");
  g_ptr_array_add (entity->mentions, g_strdup ("s1"));
  g_ptr_array_add (entity->mentions, g_strdup ("s4"));
  g_ptr_array_add (entities, entity);
  fixture->doc = add_document (fixture->store, "d1", TEXT, spans, relations, entities);

  g_ptr_array_add (other_spans, gloss_span_new ("PERSON", 0, 13));
  fixture->other = add_document (fixture->store, "d2", "Angela Merkel spoke.", other_spans, NULL, NULL);
  fixture->schema_changes = 0;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->path, g_free);
}

static const char *
or_none (const char *str)
{
  return str != NULL ? str : "(none)";
}

/* One label as a line: everything the schema says about it. */
static char *
dump_label (const GlossLabel *label)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "#%" G_GINT64_FORMAT " %s layer=%s kind=%s speak=%d color=%s key=%s desc=%s attrs=",
                          label->rowid, label->name, label->layer, gloss_label_kind_to_string (label->kind),
                          label->can_speak, label->color, or_none (label->hotkey),
                          or_none (label->description));
  for (guint i = 0; i < label->attributes->len; i++)
    {
      const GlossAttributeDef *def = g_ptr_array_index (label->attributes, i);
      g_autofree char *values = def->values ? g_strjoinv ("|", def->values) : g_strdup ("-");

      g_string_append_printf (out, "%s%s:%s:%s", i ? "," : "", def->name,
                              gloss_attribute_type_to_string (def->type), values);
    }
  return g_string_free (out, FALSE);
}

static char *
dump_schema (GlossStore *store)
{
  GPtrArray *labels = gloss_store_list_labels (store);
  g_auto(GStrv) types = gloss_store_list_relation_types (store);
  g_autofree char *joined = g_strjoinv (",", types);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < labels->len; i++)
    {
      g_autofree char *line = dump_label (g_ptr_array_index (labels, i));

      g_string_append_printf (out, "%s\n", line);
    }
  g_string_append_printf (out, "relation types: %s\n", joined);
  return g_string_free (out, FALSE);
}

/* Everything about one document's annotations, row ids included. */
static char *
dump_document (GlossStore *store,
               gint64      rowid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = gloss_store_list_spans (store, rowid, &error);
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GPtrArray) entities = NULL;
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  relations = gloss_store_list_relations (store, rowid, &error);
  g_assert_no_error (error);
  entities = gloss_store_list_entities (store, rowid, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < spans->len; i++)
    {
      const GlossSpan *span = g_ptr_array_index (spans, i);
      g_autofree char *fragments = gloss_span_fragments_to_string (span);

      g_string_append_printf (out, "span #%" G_GINT64_FORMAT " %s %s %s attrs=%s note=%s\n", span->rowid,
                              span->id, span->label, fragments, span->attrs, or_none (span->note));
    }
  for (guint i = 0; i < relations->len; i++)
    {
      const GlossRelation *r = g_ptr_array_index (relations, i);

      g_string_append_printf (out, "relation #%" G_GINT64_FORMAT " %s %s %s→%s attrs=%s\n", r->rowid, r->id,
                              r->type, r->from_id, r->to_id, r->attrs);
    }
  for (guint i = 0; i < entities->len; i++)
    {
      const GlossEntity *e = g_ptr_array_index (entities, i);

      g_string_append_printf (out, "entity #%" G_GINT64_FORMAT " %s %s kb=%s mentions=", e->rowid, e->id,
                              e->name, or_none (e->kb_id));
      for (guint j = 0; j < e->mentions->len; j++)
        g_string_append_printf (out, "%s%s", j ? "," : "", (char *) g_ptr_array_index (e->mentions, j));
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* The schema and both documents, to compare whole states. */
static char *
dump_all (Fixture *fixture)
{
  g_autofree char *schema = dump_schema (fixture->store);
  g_autofree char *doc = dump_document (fixture->store, fixture->doc);
  g_autofree char *other = dump_document (fixture->store, fixture->other);

  return g_strconcat (schema, "-- d1\n", doc, "-- d2\n", other, NULL);
}

static GlossSpan *
get_span (GlossStore *store,
          gint64      document,
          const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = gloss_store_list_spans (store, document, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < spans->len; i++)
    if (g_str_equal (((GlossSpan *) g_ptr_array_index (spans, i))->id, id))
      return g_ptr_array_steal_index (spans, i);
  return NULL;
}

static char *
fragments_of (GlossStore *store,
              gint64      document,
              const char *id)
{
  g_autoptr(GlossSpan) span = get_span (store, document, id);

  g_assert_nonnull (span);
  return gloss_span_fragments_to_string (span);
}

static void
undo (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_store_undo (fixture->store, NULL, &error));
  g_assert_no_error (error);
}

static void
redo (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_store_redo (fixture->store, NULL, &error));
  g_assert_no_error (error);
}

/* The native export of the project, one parsed object per document. */
static GPtrArray *
export_jsonl (GlossStore *store)
{
  GlossExportOptions options = { .format = "jsonl" };
  g_autoptr(GError) error = NULL;
  g_autofree char *buffer = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  size_t size = 0;
  FILE *stream = open_memstream (&buffer, &size);

  g_assert_nonnull (stream);
  g_assert_true (gloss_export (store, &options, stream, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fclose (stream), ==, 0);

  lines = g_strsplit (buffer, "\n", -1);
  for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      JsonNode *root = json_from_string (lines[i], &error);

      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
      g_ptr_array_add (records, root);
    }
  return records;
}

static JsonObject *
record_of (GPtrArray  *records,
           const char *id)
{
  for (guint i = 0; i < records->len; i++)
    {
      JsonObject *object = json_node_get_object (g_ptr_array_index (records, i));

      if (g_strcmp0 (json_object_get_string_member (object, "id"), id) == 0)
        return object;
    }
  g_assert_not_reached ();
}

static JsonObject *
span_in_record (JsonObject *record,
                const char *id,
                guint      *n_found)
{
  JsonArray *spans = json_object_get_array_member (record, "spans");
  JsonObject *found = NULL;

  *n_found = 0;
  for (guint i = 0; i < json_array_get_length (spans); i++)
    {
      JsonObject *span = json_array_get_object_element (spans, i);

      if (g_str_equal (json_object_get_string_member (span, "id"), id))
        {
          found = span;
          (*n_found)++;
        }
    }
  return found;
}

/* ---- update_label --------------------------------------------------------------------- */

static void
test_rename (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossLabel) changes = gloss_label_new ();
  g_autoptr(GlossSpan) span = NULL;
  g_autoptr(GlossSpan) added = NULL;
  g_autoptr(GlossSpan) request = NULL;
  g_autoptr(GPtrArray) records = NULL;
  const GlossLabel *label;
  gint64 rowid = gloss_store_lookup_label (fixture->store, "PERSON")->rowid;
  JsonObject *quote;
  JsonArray *speakers;
  guint n;

  changes->name = g_strdup ("HUMAN");
  g_assert_true (gloss_store_update_label (fixture->store, "PERSON", changes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->schema_changes, ==, 1);

  /* The same label under a new name: kind, layer, colour, key all kept. */
  g_assert_null (gloss_store_lookup_label (fixture->store, "PERSON"));
  label = gloss_store_lookup_label (fixture->store, "HUMAN");
  g_assert_nonnull (label);
  g_assert_cmpint (label->rowid, ==, rowid);
  g_assert_cmpint (label->kind, ==, GLOSS_LABEL_KIND_ENTITY);
  g_assert_true (label->can_speak);
  g_assert_cmpstr (label->layer, ==, "entity");
  g_assert_cmpstr (label->color, ==, "#a5a0fb");
  g_assert_cmpstr (label->hotkey, ==, "p");
  g_assert_cmpstr (label->description, ==, "People, including fictional.");
  g_assert_cmpuint (gloss_store_count_label_spans (fixture->store, "HUMAN"), ==, 3);
  g_assert_cmpuint (gloss_store_count_label_spans (fixture->store, "PERSON"), ==, 0);

  /* The spans that had it show the new name, and new ones take it. */
  span = get_span (fixture->store, fixture->doc, "s1");
  g_assert_cmpstr (span->label, ==, "HUMAN");
  request = gloss_span_new ("HUMAN", at ("Путин"), end_of ("Путин"));
  added = gloss_store_add_span (fixture->store, fixture->doc, request, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (added->label, ==, "HUMAN");
  g_clear_pointer (&request, gloss_span_free);
  request = gloss_span_new ("PERSON", at ("Владимир"), end_of ("Владимир"));
  g_assert_null (gloss_store_add_span (fixture->store, fixture->doc, request, &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* The quote logic goes by kind, not name: a renamed QUOTE still derives its
   * quote, with the renamed PERSON as its speaker. */
  g_free (changes->name);
  changes->name = g_strdup ("ZITAT");
  g_assert_true (gloss_store_update_label (fixture->store, "QUOTE", changes, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gloss_store_lookup_label (fixture->store, "ZITAT")->kind, ==, GLOSS_LABEL_KIND_QUOTE);
  records = export_jsonl (fixture->store);
  g_assert_cmpstr (json_object_get_string_member (span_in_record (record_of (records, "d1"), "s3", &n),
                                                  "label"), ==, "ZITAT");
  g_assert_cmpstr (json_object_get_string_member (span_in_record (record_of (records, "d1"), "s3", &n),
                                                  "layer"), ==, "quote");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (record_of (records, "d1"), "quotes")),
                    ==, 1);
  quote = json_array_get_object_element (json_object_get_array_member (record_of (records, "d1"), "quotes"), 0);
  g_assert_cmpstr (json_object_get_string_member (quote, "id"), ==, "s3");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (quote, "cue"), "text"), ==,
                   "added");
  speakers = json_object_get_array_member (quote, "speakers");
  g_assert_cmpuint (json_array_get_length (speakers), ==, 1);
  /* "he" is shown as its entity's named mention. */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (speakers, 0), "text"), ==,
                   "Владимир Путин");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (speakers, 0), "entity"), ==,
                   "e1");

  /* Undo takes the names back one step at a time. */
  undo (fixture);
  g_assert_nonnull (gloss_store_lookup_label (fixture->store, "QUOTE"));
  g_assert_null (gloss_store_lookup_label (fixture->store, "ZITAT"));
  undo (fixture);  /* the span added as HUMAN */
  undo (fixture);
  g_assert_null (gloss_store_lookup_label (fixture->store, "HUMAN"));
  g_assert_cmpint (gloss_store_lookup_label (fixture->store, "PERSON")->rowid, ==, rowid);
  g_clear_pointer (&span, gloss_span_free);
  span = get_span (fixture->store, fixture->doc, "s1");
  g_assert_cmpstr (span->label, ==, "PERSON");
  g_assert_cmpuint (fixture->schema_changes, ==, 4);

  redo (fixture);
  g_assert_nonnull (gloss_store_lookup_label (fixture->store, "HUMAN"));
  g_assert_cmpuint (fixture->schema_changes, ==, 5);

  reopen (fixture);
  g_assert_null (gloss_store_lookup_label (fixture->store, "PERSON"));
  g_assert_cmpint (gloss_store_lookup_label (fixture->store, "HUMAN")->rowid, ==, rowid);
  g_clear_pointer (&span, gloss_span_free);
  span = get_span (fixture->store, fixture->other, "s1");
  g_assert_cmpstr (span->label, ==, "HUMAN");
}

static void
test_recolour_and_hotkey (Fixture       *fixture,
                          gconstpointer  data)
{
  static const char * const bad_colours[] = { "red", "#12345", "#1234567", "#gg0000", "aa9cfc", "" };
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const GlossLabel *label;

  /* Colour alone. */
  {
    g_autoptr(GlossLabel) changes = gloss_label_new ();

    changes->color = g_strdup ("#00aa11");
    g_assert_true (gloss_store_update_label (fixture->store, "PERSON", changes, &error));
    g_assert_no_error (error);
    label = gloss_store_lookup_label (fixture->store, "PERSON");
    g_assert_cmpstr (label->color, ==, "#00aa11");
    g_assert_cmpstr (label->hotkey, ==, "p");
    g_assert_cmpint (label->kind, ==, GLOSS_LABEL_KIND_ENTITY);
  }

  /* A key another label has: refused, naming that label. */
  before = dump_all (fixture);
  {
    g_autoptr(GlossLabel) changes = gloss_label_new ();

    changes->hotkey = g_strdup ("o");
    g_assert_false (gloss_store_update_label (fixture->store, "PERSON", changes, &error));
    g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_DUPLICATE);
    g_assert_nonnull (strstr (error->message, "ORG"));
    g_clear_error (&error);

    /* The same with a rename at once. */
    changes->name = g_strdup ("HUMAN");
    g_assert_false (gloss_store_update_label (fixture->store, "PERSON", changes, &error));
    g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_DUPLICATE);
    g_assert_nonnull (strstr (error->message, "ORG"));
    g_clear_error (&error);
  }

  /* Colours that are not #rrggbb. */
  for (guint i = 0; i < G_N_ELEMENTS (bad_colours); i++)
    {
      g_autoptr(GlossLabel) changes = gloss_label_new ();

      changes->color = g_strdup (bad_colours[i]);
      g_assert_false (gloss_store_update_label (fixture->store, "PERSON", changes, &error));
      g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID);
      g_clear_error (&error);

      /* Also when the name changes too. */
      changes->name = g_strdup ("HUMAN");
      g_assert_false (gloss_store_update_label (fixture->store, "PERSON", changes, &error));
      g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID);
      g_clear_error (&error);
    }

  /* Names that are taken or not one word, keys that are not one key, labels
   * that do not exist. */
  {
    g_autoptr(GlossLabel) changes = gloss_label_new ();

    changes->name = g_strdup ("ORG");
    g_assert_false (gloss_store_update_label (fixture->store, "PERSON", changes, &error));
    g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_DUPLICATE);
    g_clear_error (&error);
    g_free (changes->name);
    changes->name = g_strdup ("TWO WORDS");
    g_assert_false (gloss_store_update_label (fixture->store, "PERSON", changes, &error));
    g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID);
    g_clear_error (&error);
    g_free (changes->name);
    changes->name = g_strdup ("");
    g_assert_false (gloss_store_update_label (fixture->store, "PERSON", changes, &error));
    g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID);
    g_clear_error (&error);
    g_clear_pointer (&changes->name, g_free);
    changes->hotkey = g_strdup ("ab");
    g_assert_false (gloss_store_update_label (fixture->store, "PERSON", changes, &error));
    g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (gloss_store_update_label (fixture->store, "NO_SUCH_LABEL", changes, &error));
    g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  /* Nothing of that changed anything, nor made an undo step. */
  after = dump_all (fixture);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpstr (gloss_store_get_undo_description (fixture->store), ==, "Change label");
  g_assert_cmpuint (fixture->schema_changes, ==, 1);

  /* Its own key does not count as taken; a free one is fine; "" removes it,
   * and then another label may take it. */
  {
    g_autoptr(GlossLabel) changes = gloss_label_new ();

    changes->name = g_strdup ("HUMAN");
    changes->hotkey = g_strdup ("p");
    changes->color = g_strdup ("#00aa11");
    g_assert_true (gloss_store_update_label (fixture->store, "PERSON", changes, &error));
    g_assert_no_error (error);
    g_clear_pointer (&changes->name, g_free);
    g_clear_pointer (&changes->color, g_free);
    g_free (changes->hotkey);
    changes->hotkey = g_strdup ("h");
    g_assert_true (gloss_store_update_label (fixture->store, "HUMAN", changes, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (gloss_store_lookup_label (fixture->store, "HUMAN")->hotkey, ==, "h");

    g_free (changes->hotkey);
    changes->hotkey = g_strdup ("");
    g_assert_true (gloss_store_update_label (fixture->store, "HUMAN", changes, &error));
    g_assert_no_error (error);
    g_assert_null (gloss_store_lookup_label (fixture->store, "HUMAN")->hotkey);
    g_free (changes->hotkey);
    changes->hotkey = g_strdup ("h");
    g_assert_true (gloss_store_update_label (fixture->store, "ORG", changes, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (gloss_store_lookup_label (fixture->store, "ORG")->hotkey, ==, "h");
  }

  /* Undo the last two: ORG gets "o" back, HUMAN "h". */
  undo (fixture);
  undo (fixture);
  g_assert_cmpstr (gloss_store_lookup_label (fixture->store, "ORG")->hotkey, ==, "o");
  g_assert_cmpstr (gloss_store_lookup_label (fixture->store, "HUMAN")->hotkey, ==, "h");
  g_assert_cmpstr (gloss_store_lookup_label (fixture->store, "HUMAN")->color, ==, "#00aa11");

  reopen (fixture);
  label = gloss_store_lookup_label (fixture->store, "HUMAN");
  g_assert_nonnull (label);
  g_assert_cmpstr (label->hotkey, ==, "h");
  g_assert_cmpstr (label->color, ==, "#00aa11");
  g_assert_cmpint (label->kind, ==, GLOSS_LABEL_KIND_ENTITY);
  g_assert_cmpstr (gloss_store_lookup_label (fixture->store, "ORG")->hotkey, ==, "o");
}

/* ---- delete_label ------------------------------------------------------------------------ */

static void
test_delete_label (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *deleted = NULL;
  g_autofree char *now = NULL;
  g_autofree char *person_before = NULL;
  g_autofree char *quote_before = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GPtrArray) entities = NULL;
  g_autoptr(GlossSpan) span = NULL;
  const char *values[] = { "male", "female", "other", NULL };
  GlossAttributeDef def = { (char *) "gender", GLOSS_ATTRIBUTE_ENUM, (char **) values };

  /* PERSON gets an attribute of its own first, so that there is one to bring back. */
  g_assert_true (gloss_store_add_attribute (fixture->store, "PERSON", &def, &error));
  g_assert_no_error (error);
  before = dump_all (fixture);
  person_before = dump_label (gloss_store_lookup_label (fixture->store, "PERSON"));
  quote_before = dump_label (gloss_store_lookup_label (fixture->store, "QUOTE"));
  g_assert_cmpuint (gloss_store_count_label_spans (fixture->store, "PERSON"), ==, 3);
  g_assert_cmpuint (gloss_store_count_label_spans (fixture->store, "QUOTE"), ==, 1);

  /* QUOTE: the discontinuous quote and the relations from it go. */
  fixture->schema_changes = 0;
  g_assert_true (gloss_store_delete_label (fixture->store, "QUOTE", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->schema_changes, ==, 1);
  g_assert_null (gloss_store_lookup_label (fixture->store, "QUOTE"));
  g_assert_cmpuint (gloss_store_count_label_spans (fixture->store, "QUOTE"), ==, 0);
  g_assert_null (get_span (fixture->store, fixture->doc, "s3"));
  relations = gloss_store_list_relations (fixture->store, fixture->doc, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (relations->len, ==, 1);
  g_assert_cmpstr (((GlossRelation *) g_ptr_array_index (relations, 0))->id, ==, "r3");
  g_clear_pointer (&relations, g_ptr_array_unref);

  /* One undo: the label (same row, name, colour, key, attributes), the span
   * (same id and rowid, both fragments, its attributes) and its relations. */
  undo (fixture);
  g_assert_cmpuint (fixture->schema_changes, ==, 2);
  now = dump_all (fixture);
  g_assert_cmpstr (now, ==, before);
  g_clear_pointer (&now, g_free);
  now = dump_label (gloss_store_lookup_label (fixture->store, "QUOTE"));
  g_assert_cmpstr (now, ==, quote_before);
  g_clear_pointer (&now, g_free);
  now = fragments_of (fixture->store, fixture->doc, "s3");
  g_assert_cmpstr (now, ==, "[[21,36],[47,62]]");
  g_clear_pointer (&now, g_free);

  /* PERSON: spans in both documents, relations to them, the COREF between two
   * of them, and the entity's mentions. */
  g_assert_true (gloss_store_delete_label (fixture->store, "PERSON", &error));
  g_assert_no_error (error);
  g_assert_null (gloss_store_lookup_label (fixture->store, "PERSON"));
  g_assert_null (get_span (fixture->store, fixture->doc, "s1"));
  g_assert_null (get_span (fixture->store, fixture->doc, "s4"));
  g_assert_null (get_span (fixture->store, fixture->other, "s1"));
  span = get_span (fixture->store, fixture->doc, "s3");
  g_assert_nonnull (span);
  relations = gloss_store_list_relations (fixture->store, fixture->doc, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (relations->len, ==, 1);
  g_assert_cmpstr (((GlossRelation *) g_ptr_array_index (relations, 0))->id, ==, "r2");
  g_clear_pointer (&relations, g_ptr_array_unref);
  entities = gloss_store_list_entities (fixture->store, fixture->doc, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entities->len; i++)
    g_assert_cmpuint (((GlossEntity *) g_ptr_array_index (entities, i))->mentions->len, ==, 0);
  g_clear_pointer (&entities, g_ptr_array_unref);
  g_assert_true (gloss_store_check_integrity (fixture->store, &error));
  g_assert_no_error (error);
  deleted = dump_all (fixture);

  undo (fixture);
  now = dump_all (fixture);
  g_assert_cmpstr (now, ==, before);
  g_clear_pointer (&now, g_free);
  now = dump_label (gloss_store_lookup_label (fixture->store, "PERSON"));
  g_assert_cmpstr (now, ==, person_before);
  g_clear_pointer (&now, g_free);
  g_assert_cmpuint (gloss_store_count_label_spans (fixture->store, "PERSON"), ==, 3);

  /* Redo deletes it all again, exactly as the first time. */
  redo (fixture);
  now = dump_all (fixture);
  g_assert_cmpstr (now, ==, deleted);
  g_clear_pointer (&now, g_free);
  g_assert_null (gloss_store_lookup_label (fixture->store, "PERSON"));

  /* And what the file holds is that. */
  reopen (fixture);
  now = dump_all (fixture);
  g_assert_cmpstr (now, ==, deleted);
  g_clear_pointer (&now, g_free);

  g_assert_false (gloss_store_delete_label (fixture->store, "PERSON", &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_FOUND);
}

/* ---- add_attribute, define_relation_type ---------------------------------------------------- */

static void
test_add_attribute (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *no_values[] = { NULL };
  const char *roles[] = { "official", "witness", NULL };
  GlossAttributeDef enum_without = { (char *) "role", GLOSS_ATTRIBUTE_ENUM, NULL };
  GlossAttributeDef enum_empty = { (char *) "role", GLOSS_ATTRIBUTE_ENUM, (char **) no_values };
  GlossAttributeDef role = { (char *) "role", GLOSS_ATTRIBUTE_ENUM, (char **) roles };
  GlossAttributeDef duplicate = { (char *) "quote_type", GLOSS_ATTRIBUTE_TEXT, NULL };
  GlossAttributeDef confirmed = { (char *) "confirmed", GLOSS_ATTRIBUTE_BOOLEAN, NULL };
  g_autofree char *before = dump_all (fixture);
  g_autofree char *now = NULL;
  const GlossAttributeDef *found;

  g_assert_false (gloss_store_add_attribute (fixture->store, "QUOTE", &enum_without, &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (gloss_store_add_attribute (fixture->store, "QUOTE", &enum_empty, &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (gloss_store_add_attribute (fixture->store, "QUOTE", &duplicate, &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_false (gloss_store_add_attribute (fixture->store, "NO_SUCH_LABEL", &role, &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  now = dump_all (fixture);
  g_assert_cmpstr (now, ==, before);
  g_clear_pointer (&now, g_free);
  g_assert_false (gloss_store_can_undo (fixture->store));
  g_assert_cmpuint (fixture->schema_changes, ==, 0);

  g_assert_true (gloss_store_add_attribute (fixture->store, "PERSON", &role, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_store_add_attribute (fixture->store, "PERSON", &confirmed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->schema_changes, ==, 2);
  found = gloss_label_find_attribute (gloss_store_lookup_label (fixture->store, "PERSON"), "role");
  g_assert_nonnull (found);
  g_assert_cmpint (found->type, ==, GLOSS_ATTRIBUTE_ENUM);
  g_assert_cmpstrv (found->values, roles);

  /* The new definition checks values at once. */
  g_assert_true (gloss_store_set_span_attribute (fixture->store, fixture->doc, "s1", "role", "\"official\"",
                                                 &error));
  g_assert_no_error (error);
  g_assert_false (gloss_store_set_span_attribute (fixture->store, fixture->doc, "s1", "role", "\"judge\"",
                                                  &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (gloss_store_set_span_attribute (fixture->store, fixture->doc, "s1", "confirmed", "\"yes\"",
                                                  &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  /* The same name on another label is no duplicate. */
  g_assert_true (gloss_store_add_attribute (fixture->store, "ORG", &role, &error));
  g_assert_no_error (error);
  g_assert_false (gloss_store_add_attribute (fixture->store, "PERSON", &role, &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_DUPLICATE);
  g_clear_error (&error);

  /* Undo: ORG's, the span value, then PERSON's "confirmed". */
  undo (fixture);
  undo (fixture);
  undo (fixture);
  g_assert_null (gloss_label_find_attribute (gloss_store_lookup_label (fixture->store, "ORG"), "role"));
  g_assert_null (gloss_label_find_attribute (gloss_store_lookup_label (fixture->store, "PERSON"), "confirmed"));
  g_assert_nonnull (gloss_label_find_attribute (gloss_store_lookup_label (fixture->store, "PERSON"), "role"));
  g_assert_cmpuint (fixture->schema_changes, ==, 5);
  redo (fixture);
  g_assert_nonnull (gloss_label_find_attribute (gloss_store_lookup_label (fixture->store, "PERSON"),
                                                "confirmed"));
  undo (fixture);
  undo (fixture);
  now = dump_all (fixture);
  g_assert_cmpstr (now, ==, before);
  g_clear_pointer (&now, g_free);

  /* Back to two attributes, then reopened. */
  redo (fixture);
  redo (fixture);
  reopen (fixture);
  found = gloss_label_find_attribute (gloss_store_lookup_label (fixture->store, "PERSON"), "role");
  g_assert_nonnull (found);
  g_assert_cmpstrv (found->values, roles);
  found = gloss_label_find_attribute (gloss_store_lookup_label (fixture->store, "PERSON"), "confirmed");
  g_assert_nonnull (found);
  g_assert_cmpint (found->type, ==, GLOSS_ATTRIBUTE_BOOLEAN);
  g_assert_null (gloss_label_find_attribute (gloss_store_lookup_label (fixture->store, "ORG"), "role"));
}

static void
test_define_relation_type (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) types = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GlossRelation) request = NULL;
  g_autoptr(GlossRelation) relation = NULL;
  guint n_before;

  types = gloss_store_list_relation_types (fixture->store);
  n_before = g_strv_length (types);
  g_clear_pointer (&types, g_strfreev);

  g_assert_true (gloss_store_define_relation_type (fixture->store, "CONTRADICTS", "Claim → a claim it denies.",
                                                   &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->schema_changes, ==, 1);
  types = gloss_store_list_relation_types (fixture->store);
  g_assert_cmpuint (g_strv_length (types), ==, n_before + 1);
  g_assert_true (g_strv_contains ((const char * const *) types, "CONTRADICTS"));
  g_clear_pointer (&types, g_strfreev);
  description = gloss_store_describe_relation_type (fixture->store, "CONTRADICTS");
  g_assert_cmpstr (description, ==, "Claim → a claim it denies.");

  g_assert_false (gloss_store_define_relation_type (fixture->store, "CONTRADICTS", NULL, &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_false (gloss_store_define_relation_type (fixture->store, "SPEAKER", NULL, &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_false (gloss_store_define_relation_type (fixture->store, "TWO WORDS", NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (gloss_store_define_relation_type (fixture->store, "", NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpstr (gloss_store_get_undo_description (fixture->store), ==, "Add relation type");

  /* A relation of the new type. */
  request = relation_new (NULL, "CONTRADICTS", "s3", "s5");
  relation = gloss_store_add_relation (fixture->store, fixture->doc, request, &error);
  g_assert_no_error (error);
  g_assert_nonnull (relation);
  undo (fixture);

  undo (fixture);
  g_assert_cmpuint (fixture->schema_changes, ==, 2);
  types = gloss_store_list_relation_types (fixture->store);
  g_assert_false (g_strv_contains ((const char * const *) types, "CONTRADICTS"));
  g_assert_cmpuint (g_strv_length (types), ==, n_before);
  g_clear_pointer (&types, g_strfreev);

  redo (fixture);
  reopen (fixture);
  types = gloss_store_list_relation_types (fixture->store);
  g_assert_true (g_strv_contains ((const char * const *) types, "CONTRADICTS"));
}

/* ---- add_fragment: one quote in two parts ---------------------------------------------------- */

static void
test_add_fragment (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossSpan) request = gloss_span_new ("QUOTE", at ("«We are ready,»"), end_of ("«We are ready,»"));
  g_autoptr(GlossSpan) quote = NULL;
  g_autoptr(GlossSpan) span = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *fragments = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *one = NULL;
  JsonObject *exported;
  JsonArray *pairs;
  JsonArray *quotes;
  JsonArray *contents;
  gint length = (gint) g_utf8_strlen (TEXT, -1);
  guint n;

  /* A second QUOTE on the first half of s3's quote, one fragment so far. */
  quote = gloss_store_add_span (fixture->store, fixture->doc, request, &error);
  g_assert_no_error (error);
  one = fragments_of (fixture->store, fixture->doc, quote->id);

  /* The same fragments as s3 with the same label: an exact duplicate. */
  g_assert_false (gloss_store_add_fragment (fixture->store, fixture->doc, quote->id, at ("«to cooperate"),
                                            end_of ("cooperate.»"), &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_DUPLICATE);
  g_clear_error (&error);
  fragments = fragments_of (fixture->store, fixture->doc, quote->id);
  g_assert_cmpstr (fragments, ==, one);
  g_clear_pointer (&fragments, g_free);

  /* The second part, without its closing mark: a fragment of its own. */
  g_assert_true (gloss_store_add_fragment (fixture->store, fixture->doc, quote->id, at ("«to cooperate"),
                                           end_of ("«to cooperate"), &error));
  g_assert_no_error (error);
  expected = g_strdup_printf ("[[%d,%d],[%d,%d]]", at ("«We are ready,»"), end_of ("«We are ready,»"),
                              at ("«to cooperate"), end_of ("«to cooperate"));
  fragments = fragments_of (fixture->store, fixture->doc, quote->id);
  g_assert_cmpstr (fragments, ==, expected);
  g_clear_pointer (&fragments, g_free);
  span = get_span (fixture->store, fixture->doc, quote->id);
  g_assert_cmpint (gloss_span_get_start (span), ==, at ("«We are ready,»"));
  g_assert_cmpint (gloss_span_get_end (span), ==, end_of ("«to cooperate"));
  g_clear_pointer (&span, gloss_span_free);

  /* Overlapping one of its parts, or outside the text: refused. */
  g_assert_false (gloss_store_add_fragment (fixture->store, fixture->doc, quote->id, at ("ready"),
                                            end_of ("he added"), &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (gloss_store_add_fragment (fixture->store, fixture->doc, quote->id, at ("«to cooperate"),
                                            end_of ("«to cooperate"), &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (gloss_store_add_fragment (fixture->store, fixture->doc, quote->id, at ("agreed"), length + 1,
                                            &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (gloss_store_add_fragment (fixture->store, fixture->doc, quote->id, -1, 2, &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (gloss_store_add_fragment (fixture->store, fixture->doc, quote->id, 5, 5, &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (gloss_store_add_fragment (fixture->store, fixture->doc, "s999", 0, 2, &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  fragments = fragments_of (fixture->store, fixture->doc, quote->id);
  g_assert_cmpstr (fragments, ==, expected);
  g_clear_pointer (&fragments, g_free);

  /* The export: the span once, both fragments, their texts joined by one
   * space; the derived quote has both parts as contents. */
  records = export_jsonl (fixture->store);
  exported = span_in_record (record_of (records, "d1"), quote->id, &n);
  g_assert_cmpuint (n, ==, 1);
  pairs = json_object_get_array_member (exported, "fragments");
  g_assert_cmpuint (json_array_get_length (pairs), ==, 2);
  g_assert_cmpint (json_array_get_int_element (json_array_get_array_element (pairs, 0), 0), ==,
                   at ("«We are ready,»"));
  g_assert_cmpint (json_array_get_int_element (json_array_get_array_element (pairs, 1), 1), ==,
                   end_of ("«to cooperate"));
  g_assert_cmpint (json_object_get_int_member (exported, "start"), ==, at ("«We are ready,»"));
  g_assert_cmpint (json_object_get_int_member (exported, "end"), ==, end_of ("«to cooperate"));
  g_assert_cmpstr (json_object_get_string_member (exported, "text"), ==, "«We are ready,» «to cooperate");
  quotes = json_object_get_array_member (record_of (records, "d1"), "quotes");
  for (guint i = 0; i < json_array_get_length (quotes); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (quotes, i), "id"),
                     quote->id))
      {
        contents = json_object_get_array_member (json_array_get_object_element (quotes, i), "contents");
        g_assert_cmpuint (json_array_get_length (contents), ==, 2);
        g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (contents, 1), "text"),
                         ==, "«to cooperate");
      }
  g_clear_pointer (&records, g_ptr_array_unref);

  /* Undo: one fragment again; redo: two. */
  undo (fixture);
  fragments = fragments_of (fixture->store, fixture->doc, quote->id);
  g_assert_cmpstr (fragments, ==, one);
  g_clear_pointer (&fragments, g_free);
  span = get_span (fixture->store, fixture->doc, quote->id);
  g_assert_cmpint (gloss_span_get_end (span), ==, end_of ("«We are ready,»"));
  g_clear_pointer (&span, gloss_span_free);
  redo (fixture);

  /* A fragment before the first one keeps them in order. */
  g_assert_true (gloss_store_add_fragment (fixture->store, fixture->doc, quote->id, at ("said"),
                                           end_of ("said"), &error));
  g_assert_no_error (error);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("[[%d,%d],[%d,%d],[%d,%d]]", at ("said"), end_of ("said"),
                              at ("«We are ready,»"), end_of ("«We are ready,»"),
                              at ("«to cooperate"), end_of ("«to cooperate"));

  reopen (fixture);
  fragments = fragments_of (fixture->store, fixture->doc, quote->id);
  g_assert_cmpstr (fragments, ==, expected);
  g_clear_pointer (&fragments, g_free);
  records = export_jsonl (fixture->store);
  exported = span_in_record (record_of (records, "d1"), quote->id, &n);
  g_assert_cmpstr (json_object_get_string_member (exported, "text"), ==,
                   "said «We are ready,» «to cooperate");
  g_assert_cmpint (json_object_get_int_member (exported, "start"), ==, at ("said"));
}

/* ---- Entities: names, knowledge-base ids, mentions ------------------------------------------------ */

static void
test_kb_id (void)
{
  static const char * const good[] = { "wikidata:Q7747", "wikidata:Q1", "viaf:102333412", "gnd:118540238",
                                       "dbpedia:Vladimir_Putin" };
  static const char * const bad[] = { "Q7747", "wikidata:7747", "Wikidata:Q1", "wikidata: Q1",
                                      "wikidata:Q", "wikidata:Q12a", "wikidata:", ":Q1", "", "wiki data:Q1" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", good[i]);
      g_assert_true (gloss_store_check_kb_id (good[i], &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", bad[i]);
      g_assert_false (gloss_store_check_kb_id (bad[i], &error));
      g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "wikidata:Q7747"));
    }
}

static GlossEntity *
get_entity (GlossStore *store,
            gint64      document,
            const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entities = gloss_store_list_entities (store, document, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < entities->len; i++)
    if (g_str_equal (((GlossEntity *) g_ptr_array_index (entities, i))->id, id))
      return g_ptr_array_steal_index (entities, i);
  return NULL;
}

static void
test_entity (Fixture       *fixture,
             gconstpointer  data)
{
  static const char * const bad[] = { "Q7747", "wikidata:7747", "Wikidata:Q1", "wikidata: Q1" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossEntity) entity = NULL;
  g_autoptr(GlossEntity) request = gloss_entity_new ("Moscow");
  g_autoptr(GlossEntity) moscow = NULL;
  g_autoptr(GlossSpan) span_request = gloss_span_new ("LOC", at ("Moscow"), end_of ("Moscow"));
  g_autoptr(GlossSpan) second = NULL;
  g_autoptr(GPtrArray) records = NULL;
  JsonArray *entities;

  /* A knowledge-base id on the fixture's entity. */
  g_assert_true (gloss_store_set_entity (fixture->store, fixture->doc, "e1", "Vladimir Putin", "wikidata:Q7747",
                                         &error));
  g_assert_no_error (error);
  entity = get_entity (fixture->store, fixture->doc, "e1");
  g_assert_cmpstr (entity->kb_id, ==, "wikidata:Q7747");
  g_assert_cmpstr (entity->name, ==, "Vladimir Putin");
  g_clear_pointer (&entity, gloss_entity_free);

  /* Ids that are not prefix:id, or not a Wikidata id: refused, nothing changed. */
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (gloss_store_set_entity (fixture->store, fixture->doc, "e1", "Putin", bad[i], &error));
      g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID);
      g_clear_error (&error);
    }
  entity = get_entity (fixture->store, fixture->doc, "e1");
  g_assert_cmpstr (entity->kb_id, ==, "wikidata:Q7747");
  g_assert_cmpstr (entity->name, ==, "Vladimir Putin");
  g_clear_pointer (&entity, gloss_entity_free);
  g_assert_cmpstr (gloss_store_get_undo_description (fixture->store), ==, "Edit entity");
  g_assert_false (gloss_store_set_entity (fixture->store, fixture->doc, "e9", "Nobody", NULL, &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A new name; an empty id removes the id. Undo brings the old ones back. */
  g_assert_true (gloss_store_set_entity (fixture->store, fixture->doc, "e1", "Путин", "", &error));
  g_assert_no_error (error);
  entity = get_entity (fixture->store, fixture->doc, "e1");
  g_assert_cmpstr (entity->name, ==, "Путин");
  g_assert_null (entity->kb_id);
  g_clear_pointer (&entity, gloss_entity_free);
  undo (fixture);
  entity = get_entity (fixture->store, fixture->doc, "e1");
  g_assert_cmpstr (entity->name, ==, "Vladimir Putin");
  g_assert_cmpstr (entity->kb_id, ==, "wikidata:Q7747");
  g_clear_pointer (&entity, gloss_entity_free);

  /* An entity made with a bad id is refused too. */
  request->kb_id = g_strdup ("Q649");
  g_ptr_array_add (request->mentions, g_strdup ("s5"));
  g_assert_null (gloss_store_add_entity (fixture->store, fixture->doc, request, &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_free (request->kb_id);
  request->kb_id = g_strdup ("wikidata:Q649");
  moscow = gloss_store_add_entity (fixture->store, fixture->doc, request, &error);
  g_assert_no_error (error);

  /* A second mention of Moscow, added to its entity; undo, redo. */
  second = gloss_store_add_span (fixture->store, fixture->doc, span_request, &error);
  g_assert_no_error (error);
  g_assert_true (gloss_store_add_mention (fixture->store, fixture->doc, moscow->id, second->id, &error));
  g_assert_no_error (error);
  entity = get_entity (fixture->store, fixture->doc, moscow->id);
  g_assert_cmpuint (entity->mentions->len, ==, 2);
  g_clear_pointer (&entity, gloss_entity_free);
  undo (fixture);
  entity = get_entity (fixture->store, fixture->doc, moscow->id);
  g_assert_cmpuint (entity->mentions->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (entity->mentions, 0), ==, "s5");
  g_clear_pointer (&entity, gloss_entity_free);
  redo (fixture);

  g_assert_false (gloss_store_add_mention (fixture->store, fixture->doc, moscow->id, "s999", &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (gloss_store_add_mention (fixture->store, fixture->doc, "e9", "s5", &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* What the file holds, and what the export says. */
  reopen (fixture);
  entity = get_entity (fixture->store, fixture->doc, "e1");
  g_assert_cmpstr (entity->kb_id, ==, "wikidata:Q7747");
  g_assert_cmpuint (entity->mentions->len, ==, 2);
  g_clear_pointer (&entity, gloss_entity_free);
  entity = get_entity (fixture->store, fixture->doc, moscow->id);
  g_assert_cmpstr (entity->kb_id, ==, "wikidata:Q649");
  g_assert_cmpuint (entity->mentions->len, ==, 2);
  g_clear_pointer (&entity, gloss_entity_free);

  records = export_jsonl (fixture->store);
  entities = json_object_get_array_member (record_of (records, "d1"), "entities");
  g_assert_cmpuint (json_array_get_length (entities), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (entities, 0), "kb_id"), ==,
                   "wikidata:Q7747");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_array_get_object_element (entities, 1), "mentions")), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/schema/update-label/rename", test_rename);
  ADD ("/schema/update-label/colour-and-hotkey", test_recolour_and_hotkey);
  ADD ("/schema/delete-label", test_delete_label);
  ADD ("/schema/add-attribute", test_add_attribute);
  ADD ("/schema/define-relation-type", test_define_relation_type);
  ADD ("/schema/add-fragment", test_add_fragment);
  g_test_add_func ("/schema/kb-id", test_kb_id);
  ADD ("/schema/entity", test_entity);
#undef ADD

  return g_test_run ();
}
