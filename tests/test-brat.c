/* SPDX-License-Identifier: GPL-3.0-or-later */
/* brat standoff, both ways: every kind of .ann line lands where it belongs, a
 * collection comes back from an export with the same annotations (and with
 * --keep-text the same bytes), and each faulty line is reported as FILE:LINE
 * while the rest of its file imports. */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "gloss-export.h"
#include "gloss-import.h"
#include "gloss-store.h"

typedef struct
{
  char        *dir;
  GlossReport *report;
  GPtrArray   *problems;   /* the problems reported, as messages */
} Fixture;

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

static void
on_report (GlossReportKind  kind,
           const char      *message,
           gpointer         user_data)
{
  GPtrArray *problems = user_data;

  if (kind != GLOSS_REPORT_PROBLEM)
    return;
  g_test_message ("problem: %s", message);
  g_ptr_array_add (problems, g_strdup (message));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("gloss-test-brat-XXXXXX", &error);
  g_assert_no_error (error);
  f->problems = g_ptr_array_new_with_free_func (g_free);
  f->report = gloss_report_new (on_report, f->problems);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gloss_report_free (f->report);
  g_ptr_array_unref (f->problems);
  remove_tree (f->dir);
  g_free (f->dir);
}

static char *
tutorial_path (void)
{
  const char *shared = g_getenv ("GLOSS_SHARED_DATA");
  g_autofree char *path = g_build_filename (shared ? shared : "../shared/data", "brat",
                                            "brat_tutorial_news", NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("../shared/data/brat/brat_tutorial_news is not there");
      return NULL;
    }
  return g_steal_pointer (&path);
}

static GlossStore *
new_project (Fixture    *f,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  GlossStore *store = gloss_store_open (path, GLOSS_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  return store;
}

static void
import_brat (GlossStore  *store,
             const char  *path,
             gboolean     keep_text,
             GlossReport *report)
{
  GlossImportOptions options = { .format = NULL, .keep_text = keep_text };
  GlossImportResult result = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_import_path (store, path, &options, report, &result, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.imported, >, 0);
  g_free (result.first_id);
}

static char *
export_brat (Fixture    *f,
             GlossStore *store,
             const char *name)
{
  g_autofree char *out = g_build_filename (f->dir, name, NULL);
  GlossExportOptions options = { .format = "brat", .output = out };
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_export (store, &options, NULL, f->report, NULL, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&out);
}

/* ---- What the files say, counted from the files -------------------------------------- */

typedef struct
{
  guint t, r, e, roles, a, n, equivs, notes;
} Counts;

static void
count_file (const char *path,
            Counts     *counts)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", 3);

      switch (lines[i][0])
        {
        case 'T': counts->t++; break;
        case 'R': counts->r++; break;
        case 'E':
          {
            g_auto(GStrv) arguments = g_strsplit (fields[1], " ", -1);

            counts->e++;
            counts->roles += g_strv_length (arguments) - 1;
          }
          break;
        case 'A': case 'M': counts->a++; break;
        case 'N': counts->n++; break;
        case '*': counts->equivs++; break;
        case '#': counts->notes++; break;
        default: break;
        }
    }
}

static Counts
count_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  Counts counts = { 0 };
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".ann"))
      {
        g_autofree char *path = g_build_filename (folder, name, NULL);

        count_file (path, &counts);
      }
  return counts;
}

static guint
count_attrs (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(GList) names = json_object_get_members (json_node_get_object (node));
  guint n = 0;

  for (GList *l = names; l != NULL; l = l->next)
    n += !g_str_has_prefix (l->data, "brat_");
  return n;
}

static guint
count_note_lines (const char *note)
{
  g_auto(GStrv) lines = note != NULL ? g_strsplit (note, "\n", -1) : NULL;

  return lines != NULL ? g_strv_length (lines) : 0;
}

static Counts
count_store (GlossStore *store)
{
  g_autoptr(GPtrArray) documents = gloss_store_list_documents (store, NULL);
  Counts counts = { 0 };

  for (guint d = 0; d < documents->len; d++)
    {
      const GlossDocument *document = g_ptr_array_index (documents, d);
      g_autoptr(GPtrArray) spans = gloss_store_list_spans (store, document->rowid, NULL);
      g_autoptr(GPtrArray) relations = gloss_store_list_relations (store, document->rowid, NULL);
      g_autoptr(GPtrArray) entities = gloss_store_list_entities (store, document->rowid, NULL);

      for (guint i = 0; i < spans->len; i++)
        {
          const GlossSpan *span = g_ptr_array_index (spans, i);

          counts.t++;
          counts.e += strstr (span->attrs, "\"brat_event_id\"") != NULL;
          counts.a += count_attrs (span->attrs);
          counts.notes += count_note_lines (span->note);
        }
      for (guint i = 0; i < relations->len; i++)
        {
          const GlossRelation *r = g_ptr_array_index (relations, i);

          if (strchr (r->id, '.') != NULL)
            counts.roles++;
          else
            counts.r++;
          counts.a += count_attrs (r->attrs);
          counts.notes += count_note_lines (r->note);
        }
      for (guint i = 0; i < entities->len; i++)
        {
          const GlossEntity *entity = g_ptr_array_index (entities, i);

          if (entity->kb_id != NULL)
            counts.n += entity->mentions->len;
          else
            counts.equivs++;
        }
    }
  return counts;
}

static void
assert_counts (const Counts *a,
               const Counts *b)
{
  g_assert_cmpuint (a->t, ==, b->t);
  g_assert_cmpuint (a->r, ==, b->r);
  g_assert_cmpuint (a->e, ==, b->e);
  g_assert_cmpuint (a->roles, ==, b->roles);
  g_assert_cmpuint (a->a, ==, b->a);
  g_assert_cmpuint (a->n, ==, b->n);
  g_assert_cmpuint (a->equivs, ==, b->equivs);
  g_assert_cmpuint (a->notes, ==, b->notes);
}

/* ---- Annotations, ids aside ---------------------------------------------------------- */

static char *
describe_span (const GlossDocument *document,
               const GlossSpan     *span,
               gboolean             offsets)
{
  GString *str = g_string_new (span->label);

  for (guint i = 0; i < span->fragments->len; i++)
    {
      const GlossFragment *f = &g_array_index (span->fragments, GlossFragment, i);
      const char *from = g_utf8_offset_to_pointer (document->text, f->start);
      const char *to = g_utf8_offset_to_pointer (document->text, f->end);

      if (offsets)
        g_string_append_printf (str, " [%d %d", f->start, f->end);
      g_string_append_printf (str, " “%.*s”", (int) (to - from), from);
      if (offsets)
        g_string_append_c (str, ']');
    }
  return g_string_free (str, FALSE);
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Every span (label, fragments and their text) and relation (type and both
 * ends, described the same way) of each document, sorted; one line each. */
static GHashTable *
describe_project (GlossStore *store,
                  gboolean    offsets)
{
  g_autoptr(GPtrArray) documents = gloss_store_list_documents (store, NULL);
  GHashTable *described = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint d = 0; d < documents->len; d++)
    {
      const GlossDocument *listed = g_ptr_array_index (documents, d);
      g_autoptr(GlossDocument) document = gloss_store_get_document (store, listed->id, NULL);
      g_autoptr(GPtrArray) spans = gloss_store_list_spans (store, document->rowid, NULL);
      g_autoptr(GPtrArray) relations = gloss_store_list_relations (store, document->rowid, NULL);
      g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
      g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GString) all = g_string_new (NULL);

      for (guint i = 0; i < spans->len; i++)
        {
          const GlossSpan *span = g_ptr_array_index (spans, i);
          char *line = describe_span (document, span, offsets);

          g_hash_table_insert (by_id, span->id, line);
          g_ptr_array_add (lines, g_strdup (line));
        }
      for (guint i = 0; i < relations->len; i++)
        {
          const GlossRelation *r = g_ptr_array_index (relations, i);

          g_ptr_array_add (lines, g_strdup_printf ("%s: %s → %s", r->type,
                                                   (char *) g_hash_table_lookup (by_id, r->from_id),
                                                   (char *) g_hash_table_lookup (by_id, r->to_id)));
        }
      g_ptr_array_sort (lines, compare_strings);
      for (guint i = 0; i < lines->len; i++)
        g_string_append_printf (all, "%s\n", (char *) g_ptr_array_index (lines, i));
      g_hash_table_insert (described, g_strdup (document->id), g_strdup (all->str));
    }
  return described;
}

static void
assert_same_annotations (GlossStore *a,
                         GlossStore *b)
{
  g_autoptr(GHashTable) da = describe_project (a, TRUE);
  g_autoptr(GHashTable) db = describe_project (b, TRUE);
  GHashTableIter iter;
  gpointer id, text;

  g_assert_cmpuint (g_hash_table_size (da), ==, g_hash_table_size (db));
  g_hash_table_iter_init (&iter, da);
  while (g_hash_table_iter_next (&iter, &id, &text))
    g_assert_cmpstr (text, ==, g_hash_table_lookup (db, id));
}

static void
assert_same_file (const char *a,
                  const char *b)
{
  g_autofree char *ca = NULL, *cb = NULL;
  gsize la, lb;

  g_assert_true (g_file_get_contents (a, &ca, &la, NULL));
  g_assert_true (g_file_get_contents (b, &cb, &lb, NULL));
  g_assert_cmpmem (ca, la, cb, lb);
}

/* Each NAME.@extension of @original is in @copy with the same bytes. */
static void
assert_same_files (const char *original,
                   const char *copy,
                   const char *extension)
{
  g_autoptr(GDir) dir = g_dir_open (original, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, extension))
      {
        g_autofree char *a = g_build_filename (original, name, NULL);
        g_autofree char *b = g_build_filename (copy, name, NULL);

        assert_same_file (a, b);
        n++;
      }
  g_assert_cmpuint (n, >, 0);
}

/* ---- The brat tutorial --------------------------------------------------------------- */

static void
test_tutorial_counts (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *tutorial = tutorial_path ();
  g_autoptr(GlossStore) store = NULL;
  Counts in_files, in_store;
  GPtrArray *layers;
  gboolean event_layer = FALSE;

  if (tutorial == NULL)
    return;
  store = new_project (f, "tutorial.gloss");
  import_brat (store, tutorial, FALSE, f->report);
  g_assert_cmpuint (gloss_report_count (f->report, GLOSS_REPORT_PROBLEM), ==, 0);

  in_files = count_folder (tutorial);
  in_store = count_store (store);
  g_assert_cmpuint (in_files.t, >, 100);
  g_assert_cmpuint (in_files.e, >, 0);
  g_assert_cmpuint (in_files.equivs, >, 0);
  assert_counts (&in_files, &in_store);

  /* annotation.conf's event types are in an event layer, visual.conf's
   * colours and kb_shortcuts.conf's hotkeys on the labels. */
  layers = gloss_store_list_layers (store);
  for (guint i = 0; i < layers->len; i++)
    event_layer |= ((GlossLayer *) g_ptr_array_index (layers, i))->is_event;
  g_assert_true (event_layer);
  g_assert_nonnull (gloss_store_lookup_label (store, "Merge-org"));
  g_assert_cmpstr (gloss_store_lookup_label (store, "Person")->color, ==, "#ff821c");
  g_assert_cmpstr (gloss_store_lookup_label (store, "Transfer-money")->description, ==,
                   "Transfer money");
  g_assert_nonnull (gloss_label_find_attribute (gloss_store_lookup_label (store, "Merge-org"),
                                                "Confidence"));
}

static void
test_tutorial_round_trip (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *tutorial = tutorial_path ();
  g_autoptr(GlossStore) first = NULL;
  g_autoptr(GlossStore) second = NULL;
  g_autofree char *out = NULL;
  g_autofree char *again = NULL;
  g_autofree char *conf = NULL;
  Counts in_files, in_export;

  if (tutorial == NULL)
    return;
  first = new_project (f, "first.gloss");
  import_brat (first, tutorial, TRUE, f->report);
  out = export_brat (f, first, "out");

  assert_same_files (tutorial, out, ".txt");
  in_files = count_folder (tutorial);
  in_export = count_folder (out);
  assert_counts (&in_files, &in_export);
  conf = g_build_filename (out, "annotation.conf", NULL);
  g_assert_true (g_file_test (conf, G_FILE_TEST_IS_REGULAR));

  second = new_project (f, "second.gloss");
  import_brat (second, out, TRUE, f->report);
  g_assert_cmpuint (gloss_report_count (f->report, GLOSS_REPORT_PROBLEM), ==, 0);
  assert_same_annotations (first, second);

  /* An export is in the canonical order, so exporting it again changes nothing. */
  again = export_brat (f, second, "again");
  assert_same_files (out, again, ".ann");
  assert_same_files (out, again, ".txt");
}

/* ---- A collection in canonical order comes back byte for byte ---------------------------- */

static void
test_canonical_bytes (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *canonical = g_test_build_filename (G_TEST_DIST, "data", "brat-canonical", NULL);
  g_autoptr(GlossStore) kept = new_project (f, "kept.gloss");
  g_autoptr(GlossStore) normalized = new_project (f, "normalized.gloss");
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GPtrArray) entities = NULL;
  g_autofree char *out = NULL;

  import_brat (kept, canonical, TRUE, f->report);
  out = export_brat (f, kept, "out");
  assert_same_files (canonical, out, ".txt");
  assert_same_files (canonical, out, ".ann");

  /* Without --keep-text the CRLF text is normalised and every offset moves
   * with it: the same words carry the same annotations. */
  import_brat (normalized, canonical, FALSE, f->report);
  g_assert_cmpuint (gloss_report_count (f->report, GLOSS_REPORT_PROBLEM), ==, 0);
  document = gloss_store_get_document (normalized, "news 1%", NULL);
  g_assert_nonnull (document);
  g_assert_null (strchr (document->text, '\r'));
  entities = gloss_store_list_entities (normalized, document->rowid, NULL);
  g_assert_cmpuint (entities->len, ==, 3);
  g_assert_cmpstr (((GlossEntity *) g_ptr_array_index (entities, 0))->kb_id, ==, "wikidata:Q7747");
  {
    g_autoptr(GHashTable) a = describe_project (kept, FALSE);
    g_autoptr(GHashTable) b = describe_project (normalized, FALSE);

    g_assert_cmpstr (g_hash_table_lookup (a, "news 1%"), ==, g_hash_table_lookup (b, "news 1%"));
  }
}

/* ---- Faulty lines -------------------------------------------------------------------- */

typedef struct
{
  const char *name;
  guint       line;
  const char *reason;
  guint       spans;
  guint       relations;
} BadCase;

static const BadCase bad_cases[] = {
  { "no-tab", 2, "a tab", 2, 0 },
  { "bad-offsets", 2, "not a type with offsets", 2, 0 },
  { "outside-text", 2, "outside the text", 2, 0 },
  { "text-mismatch", 2, "is not the text at its offsets", 2, 0 },
  { "reversed", 2, "empty or reversed", 2, 0 },
  { "overlapping-fragments", 2, "overlap", 2, 0 },
  { "dangling-relation", 2, "T9", 2, 0 },
  { "bad-relation", 2, "Arg1:ID Arg2:ID", 2, 0 },
  { "dangling-event", 2, "trigger T9", 2, 0 },
  { "bad-event", 2, "TYPE:TRIGGER", 2, 0 },
  { "dangling-attribute", 2, "E7", 2, 0 },
  { "bad-attribute", 2, "NAME ID", 2, 0 },
  { "dangling-normalization", 2, "T9", 2, 0 },
  { "bad-normalization", 2, "DB:KEY", 2, 0 },
  { "dangling-note", 2, "R4", 2, 0 },
  { "dangling-equivalence", 2, "fewer than two", 2, 0 },
  { "unknown-kind", 2, "X1", 2, 0 },
  { "duplicate-id", 2, "used twice", 2, 0 },
  { "invalid-utf8", 2, "UTF-8", 2, 0 },
  { "dangling-role", 2, "T9", 3, 1 },
};

static gboolean
reported (Fixture    *f,
          const char *where,
          const char *reason)
{
  for (guint i = 0; i < f->problems->len; i++)
    {
      const char *message = g_ptr_array_index (f->problems, i);

      if (strstr (message, where) != NULL && strstr (message, reason) != NULL)
        return TRUE;
    }
  return FALSE;
}

static GlossDocument *
document_with (GlossStore *store,
               const char *id,
               GPtrArray **spans,
               GPtrArray **relations,
               GPtrArray **entities)
{
  GlossDocument *document = gloss_store_get_document (store, id, NULL);

  g_assert_nonnull (document);
  *spans = gloss_store_list_spans (store, document->rowid, NULL);
  *relations = gloss_store_list_relations (store, document->rowid, NULL);
  *entities = gloss_store_list_entities (store, document->rowid, NULL);
  return document;
}

static void
test_bad_lines (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *bad = g_test_build_filename (G_TEST_DIST, "data", "brat-bad", NULL);
  g_autoptr(GlossStore) store = new_project (f, "bad.gloss");

  import_brat (store, bad, FALSE, f->report);

  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      const BadCase *c = &bad_cases[i];
      g_autofree char *where = g_strdup_printf ("%s.ann:%u: ", c->name, c->line);
      g_autoptr(GPtrArray) spans = NULL, relations = NULL, entities = NULL;
      g_autoptr(GlossDocument) document = document_with (store, c->name, &spans, &relations, &entities);

      g_test_message ("case %s", c->name);
      g_assert_true (reported (f, where, c->reason));
      g_assert_cmpuint (spans->len, ==, c->spans);
      g_assert_cmpuint (relations->len, ==, c->relations);
    }

  g_assert_true (reported (f, "orphan.ann: ", "orphan.txt"));
  g_assert_null (gloss_store_get_document (store, "orphan", NULL));
}

/* Forward references, trailing tabs and blanks, CRLF line ends, M lines, a
 * discontinuous span, and a name with a space and a %. */
static void
test_odd_but_fine (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *bad = g_test_build_filename (G_TEST_DIST, "data", "brat-bad", NULL);
  g_autoptr(GlossStore) store = new_project (f, "odd.gloss");
  g_autoptr(GPtrArray) spans = NULL, relations = NULL, entities = NULL;
  g_autoptr(GlossDocument) document = NULL;
  g_autofree char *meta = NULL;
  const GlossSpan *give = NULL, *event = NULL;
  guint roles = 0;

  import_brat (store, bad, FALSE, f->report);
  g_assert_false (reported (f, "odd name 100%.ann:", ""));

  document = document_with (store, "odd name 100%", &spans, &relations, &entities);
  g_assert_nonnull (strstr (document->meta, "\"filename\":\"odd name 100%.txt\""));
  g_assert_cmpuint (spans->len, ==, 7);
  for (guint i = 0; i < spans->len; i++)
    {
      const GlossSpan *span = g_ptr_array_index (spans, i);

      if (g_str_equal (span->id, "T2"))
        give = span;
      if (g_str_equal (span->id, "T7"))
        event = span;
    }
  g_assert_nonnull (give);
  g_assert_nonnull (strstr (give->attrs, "\"brat_event_id\":\"E1\""));
  g_assert_nonnull (strstr (give->attrs, "\"Negation\":true"));
  g_assert_cmpstr (give->note, ==, "check the roles");
  g_assert_cmpuint (event->fragments->len, ==, 2);

  for (guint i = 0; i < relations->len; i++)
    roles += g_str_has_prefix (((GlossRelation *) g_ptr_array_index (relations, i))->id, "E1.");
  g_assert_cmpuint (relations->len, ==, 4);
  g_assert_cmpuint (roles, ==, 3);
  g_assert_cmpuint (entities->len, ==, 2);

  g_clear_pointer (&spans, g_ptr_array_unref);
  g_clear_pointer (&relations, g_ptr_array_unref);
  g_clear_pointer (&entities, g_ptr_array_unref);
  g_clear_pointer (&document, gloss_document_free);
  document = document_with (store, "empty-ann", &spans, &relations, &entities);
  g_assert_cmpuint (spans->len, ==, 0);
  g_clear_pointer (&spans, g_ptr_array_unref);
  g_clear_pointer (&relations, g_ptr_array_unref);
  g_clear_pointer (&entities, g_ptr_array_unref);
  g_clear_pointer (&document, gloss_document_free);
  document = document_with (store, "no-ann", &spans, &relations, &entities);
  g_assert_cmpuint (spans->len, ==, 0);
}

/* ---- Guessing, and annotations made in Gloss ------------------------------------------ */

static void
test_guess (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *bad = g_test_build_filename (G_TEST_DIST, "data", "brat-bad", NULL);
  g_autofree char *ann = g_build_filename (bad, "no-tab.ann", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (gloss_import_guess_format (bad, NULL), ==, "brat");
  g_assert_cmpstr (gloss_import_guess_format (ann, NULL), ==, "brat");
  g_assert_null (gloss_import_guess_format (f->dir, &error));
  g_assert_error (error, GLOSS_IMPORT_ERROR, GLOSS_IMPORT_ERROR_UNREADABLE);
}

/* A span of an event layer with relations from it, made in Gloss, goes out as
 * an E line with its roles; an entity with a knowledge-base id as N lines and
 * a `*` group. */
static void
test_gloss_events (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GlossStore) store = new_project (f, "events.gloss");
  g_autoptr(GlossLabel) label = gloss_label_new ();
  g_autoptr(GPtrArray) spans = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_span_free);
  g_autoptr(GPtrArray) relations = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_relation_free);
  g_autoptr(GPtrArray) entities = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_entity_free);
  GlossDocument document = { .text = (char *) "Anna met Ben. She left.\n", .title = (char *) "t",
                             .meta = (char *) "{}" };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *ann_path = NULL;
  g_autofree char *ann = NULL;
  GlossEntity *entity;
  GlossSpan *span;

  g_assert_true (gloss_store_add_layer (store, "happening", TRUE, &error));
  label->name = g_strdup ("Meet");
  label->layer = g_strdup ("happening");
  label->color = g_strdup ("#336699");
  g_assert_true (gloss_store_add_label (store, label, &error));
  g_assert_no_error (error);

  span = gloss_span_new ("PERSON", 0, 4);
  span->id = g_strdup ("s1");
  g_ptr_array_add (spans, span);
  span = gloss_span_new ("Meet", 5, 8);
  span->id = g_strdup ("s2");
  g_free (span->attrs);
  span->attrs = g_strdup ("{\"certain\":true,\"mood\":\"calm\"}");
  g_ptr_array_add (spans, span);
  span = gloss_span_new ("PERSON", 9, 12);
  span->id = g_strdup ("s3");
  g_ptr_array_add (spans, span);
  span = gloss_span_new ("PERSON", 14, 17);
  span->id = g_strdup ("s4");
  g_ptr_array_add (spans, span);
  g_ptr_array_add (relations, gloss_relation_new ("Agent", "s2", "s1"));
  g_ptr_array_add (relations, gloss_relation_new ("Partner", "s2", "s3"));
  g_ptr_array_add (relations, gloss_relation_new ("COREF", "s4", "s1"));
  entity = gloss_entity_new ("Anna Smith");
  entity->kb_id = g_strdup ("wikidata:Q1");
  g_ptr_array_add (entity->mentions, g_strdup ("s1"));
  g_ptr_array_add (entity->mentions, g_strdup ("s4"));
  g_ptr_array_add (entities, entity);
  g_assert_true (gloss_store_add_document (store, &document, spans, relations, entities, NULL, &error));
  g_assert_no_error (error);

  out = export_brat (f, store, "out");
  ann_path = g_strdup_printf ("%s/%s.ann", out, document.id);
  g_free (document.id);
  g_free (document.text_sha256);
  g_assert_true (g_file_get_contents (ann_path, &ann, NULL, NULL));
  g_assert_cmpstr (ann, ==,
                   "T1\tPERSON 0 4\tAnna\n"
                   "T2\tMeet 5 8\tmet\n"
                   "T3\tPERSON 9 12\tBen\n"
                   "T4\tPERSON 14 17\tShe\n"
                   "R1\tCOREF Arg1:T4 Arg2:T1\t\n"
                   "E1\tMeet:T2 Agent:T1 Partner:T3\n"
                   "A1\tcertain E1\n"
                   "A2\tmood E1 calm\n"
                   "N1\tReference T1 Wikidata:Q1\tAnna Smith\n"
                   "N2\tReference T4 Wikidata:Q1\tAnna Smith\n"
                   "*\tEquiv T1 T4\n");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/brat/tutorial/counts", test_tutorial_counts);
  ADD ("/brat/tutorial/round-trip", test_tutorial_round_trip);
  ADD ("/brat/canonical/bytes", test_canonical_bytes);
  ADD ("/brat/bad/lines", test_bad_lines);
  ADD ("/brat/bad/odd-but-fine", test_odd_but_fine);
  ADD ("/brat/guess", test_guess);
  ADD ("/brat/export/gloss-events", test_gloss_events);
#undef ADD

  return g_test_run ();
}
