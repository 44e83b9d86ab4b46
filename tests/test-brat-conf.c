/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A brat collection's configuration kept in the project and given back: an
 * unchanged collection comes back with its annotation.conf, visual.conf,
 * tools.conf and kb_shortcuts.conf byte for byte; what is annotated in Gloss
 * afterwards is added to them without losing a line; brat's rules find no
 * more in the export than in the collection as it was. */
#include <glib/gstdio.h>
#include <string.h>

#include "gloss-export.h"
#include "gloss-import.h"
#include "gloss-store.h"

#include "brat-verify.h"

typedef struct
{
  char        *dir;
  GlossReport *report;
} Fixture;

/* Every kind of line annotation.conf knows: comments, a macro used before
 * and after, a hierarchy with an abstract type, relation constraints, an
 * equivalence, <OVERLAP> rules, an event, attributes. Tabs and spaces both. */
static const char annotation_conf[] =
  "# A small news ontology.\n"
  "<PER>=Person|Organization\n"
  "\n"
  "[entities]\n"
  "\n"
  "# abstract parent, then its children\n"
  "!Actor\n"
  "\tPerson\n"
  "\tOrganization\n"
  "Place\n"
  "\tCity\n"
  "\n"
  "[relations]\n"
  "\n"
  "Located    Arg1:<PER>, Arg2:Place|City\n"
  "Alias\tArg1:<PER>, Arg2:<PER>, <REL-TYPE>:symmetric-transitive\n"
  "<OVERLAP>\tArg1:City, Arg2:Organization, <OVL-TYPE>:contain\n"
  "<OVERLAP>\tArg1:Person, Arg2:Organization, <OVL-TYPE>:equal\n"
  "\n"
  "[events]\n"
  "\n"
  "Meet\tParticipant+:<PER>, Place?:Place|City\n"
  "\n"
  "[attributes]\n"
  "\n"
  "Negated     Arg:<EVENT>\n"
  "Certainty\tArg:<ENTITY>, Value:High|Low\n";

static const char visual_conf[] =
  "[labels]\n"
  "\n"
  "Organization | Organization | Org\n"
  "Person | Person | Per\n"
  "\n"
  "[drawing]\n"
  "\n"
  "SPAN_DEFAULT\tfgColor:black, bgColor:lightgreen, borderColor:darken\n"
  "ARC_DEFAULT\tcolor:black, arrowHead:triangle-5\n"
  "Person\tbgColor:#ffccaa\n"
  "City\tbgColor:#8fb2ff\n"
  "Meet\tbgColor:lightgreen\n";

static const char tools_conf[] =
  "[options]\n"
  "\n"
  "Validation\tvalidate:all\n"
  "Tokens\ttokenizer:whitespace\n"
  "\n"
  "[search]\n"
  "\n"
  "Google\t<URL>:http://www.google.com/search?q=%s\n"
  "\n"
  "[normalization]\n"
  "\n"
  "Wiki\tDB:dbs/wiki, <URL>:http://en.wikipedia.org/wiki/%s, <URLBASE>:http://en.wikipedia.org/?curid=%s\n"
  "\n"
  "[annotators]\n"
  "\n"
  "[disambiguators]\n";

static const char kb_shortcuts_conf[] =
  "P Person\n"
  "O Organization\n";

static const char a_txt[] = "Acme Paris office: Anna Berg met Bob in Paris.\n";
static const char a_ann[] =
  "T1\tOrganization 0 17\tAcme Paris office\n"
  "T2\tCity 5 10\tParis\n"
  "T3\tPerson 19 28\tAnna Berg\n"
  "T4\tOrganization 19 28\tAnna Berg\n"
  "T5\tMeet 29 32\tmet\n"
  "T6\tPerson 33 36\tBob\n"
  "T7\tCity 40 45\tParis\n"
  "R1\tLocated Arg1:T6 Arg2:T7\n"
  "E1\tMeet:T5 Participant:T3 Participant2:T6 Place:T7\n"
  "A1\tCertainty T3 High\n"
  "A2\tNegated E1\n";
static const char b_txt[] = "Bob went home.\n";
static const char b_ann[] = "T1\tPerson 0 3\tBob\n";

static const char * const conf_files[] = {
  "annotation.conf", "visual.conf", "tools.conf", "kb_shortcuts.conf"
};

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

static void
on_report (GlossReportKind  kind,
           const char      *message,
           gpointer         user_data)
{
  g_test_message ("%s: %s", kind == GLOSS_REPORT_PROBLEM ? "problem" : "notice", message);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("gloss-test-brat-conf-XXXXXX", &error);
  g_assert_no_error (error);
  f->report = gloss_report_new (on_report, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gloss_report_free (f->report);
  remove_tree (f->dir);
  g_free (f->dir);
}

static void
put (const char *folder,
     const char *name,
     const char *contents)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  g_assert_no_error (error);
}

static char *
get (const char *folder,
     const char *name)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  char *contents = NULL;

  return g_file_get_contents (path, &contents, NULL, NULL) ? contents : NULL;
}

/* The collection above in @f's folder under @name, with its four .conf files. */
static char *
make_collection (Fixture    *f,
                 const char *name)
{
  char *folder = g_build_filename (f->dir, name, NULL);

  put (folder, "annotation.conf", annotation_conf);
  put (folder, "visual.conf", visual_conf);
  put (folder, "tools.conf", tools_conf);
  put (folder, "kb_shortcuts.conf", kb_shortcuts_conf);
  put (folder, "a.txt", a_txt);
  put (folder, "a.ann", a_ann);
  put (folder, "b.txt", b_txt);
  put (folder, "b.ann", b_ann);
  return folder;
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
import_brat (Fixture    *f,
             GlossStore *store,
             const char *path)
{
  GlossImportOptions options = { .format = "brat" };
  GlossImportResult result = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_import_path (store, path, &options, f->report, &result, NULL, &error));
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

static void
assert_same_confs (const char *original,
                   const char *exported)
{
  for (guint i = 0; i < G_N_ELEMENTS (conf_files); i++)
    {
      g_autofree char *before = get (original, conf_files[i]);
      g_autofree char *after = get (exported, conf_files[i]);

      g_test_message ("%s", conf_files[i]);
      g_assert_cmpstr (after, ==, before);
    }
}

/* Every line of @original is in @merged, in the same order. */
static void
assert_keeps_lines (const char *original,
                    const char *merged)
{
  g_auto(GStrv) lines = g_strsplit (original, "\n", -1);
  const char *from = merged;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = g_strconcat (lines[i], lines[i + 1] != NULL ? "\n" : "", NULL);
      const char *found = strstr (from, line);

      g_assert_nonnull (found);
      from = found + strlen (line);
    }
}

/* ---- Tests -------------------------------------------------------------------- */

/* An unchanged collection comes back with its four files byte for byte, and
 * the project keeps them as they were read. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *collection = make_collection (f, "news");
  g_autoptr(GlossStore) store = new_project (f, "p.gloss");
  g_autofree char *out = NULL;
  g_autofree char *kept = NULL;
  guint before;

  import_brat (f, store, collection);
  kept = gloss_store_get_project_file (store, "brat/annotation.conf");
  g_assert_cmpstr (kept, ==, annotation_conf);

  out = export_brat (f, store, "out");
  assert_same_confs (collection, out);
  before = brat_verify_folder (collection, NULL);
  g_assert_cmpuint (before, ==, 0);
  g_assert_cmpuint (brat_verify_folder (out, NULL), <=, before);
}

static GlossSpan *
add_span (GlossStore *store,
          gint64      document,
          const char *label,
          gint        start,
          gint        end)
{
  g_autoptr(GlossSpan) span = gloss_span_new (label, start, end);
  g_autoptr(GError) error = NULL;
  GlossSpan *stored = gloss_store_add_span (store, document, span, &error);

  g_assert_no_error (error);
  return stored;
}

static void
add_relation (GlossStore *store,
              gint64      document,
              const char *type,
              const char *from,
              const char *to)
{
  g_autoptr(GlossRelation) relation = gloss_relation_new (type, from, to);
  g_autoptr(GlossRelation) stored = NULL;
  g_autoptr(GError) error = NULL;

  stored = gloss_store_add_relation (store, document, relation, &error);
  g_assert_no_error (error);
}

/* A label, a relation type and an argument type added in Gloss go into the
 * collection's files, where each of its own lines stays in its place; so
 * does the <OVERLAP> rule the new span needs. Labels nobody used do not. */
static void
test_added_in_gloss (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *collection = make_collection (f, "news");
  g_autoptr(GlossStore) store = new_project (f, "p.gloss");
  g_autoptr(GlossLabel) weapon = gloss_label_new ();
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GlossSpan) office = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *annotation = NULL;
  g_autofree char *visual = NULL;
  g_autofree char *tools = NULL;

  import_brat (f, store, collection);
  weapon->name = g_strdup ("Weapon");
  weapon->layer = g_strdup ("entity");
  weapon->kind = GLOSS_LABEL_KIND_ENTITY;
  weapon->color = g_strdup ("#123456");
  g_assert_true (gloss_store_add_label (store, weapon, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_store_add_relation_type (store, "Owns", NULL, &error));
  g_assert_no_error (error);
  document = gloss_store_get_document (store, "a", &error);
  g_assert_no_error (error);

  /* "office", inside the Organization "Acme Paris office" */
  office = add_span (store, document->rowid, "Weapon", 11, 17);
  add_relation (store, document->rowid, "Owns", "T3", office->id);
  add_relation (store, document->rowid, "Located", office->id, "T7");

  out = export_brat (f, store, "out");
  annotation = get (out, "annotation.conf");
  visual = get (out, "visual.conf");
  tools = get (out, "tools.conf");
  g_test_message ("%s", annotation);
  assert_keeps_lines (annotation_conf, annotation);
  assert_keeps_lines (visual_conf, visual);
  g_assert_cmpstr (tools, ==, tools_conf);
  g_assert_nonnull (strstr (annotation, "\tCity\nWeapon\n\n[relations]"));
  g_assert_nonnull (strstr (annotation, "\nOwns\tArg1:Person, Arg2:Weapon\n"));
  g_assert_nonnull (strstr (annotation, "\nLocated\tArg1:Person|Weapon, Arg2:City\n"));
  g_assert_nonnull (strstr (annotation, "\n<OVERLAP>\tArg1:Weapon, Arg2:Organization, <OVL-TYPE>:contain\n"));
  /* the project's preset labels, which no span uses, stay out */
  g_assert_null (strstr (annotation, "PERSON"));
  g_assert_null (strstr (annotation, "QUOTE"));
  g_assert_nonnull (strstr (visual, "Meet\tbgColor:lightgreen\nWeapon\tbgColor:#123456, fgColor:white\n"));
  g_assert_cmpuint (brat_verify_folder (out, NULL), ==, 0);

  /* Exported again from a project made from the export, the files stay. */
  {
    g_autoptr(GlossStore) again = new_project (f, "again.gloss");
    g_autofree char *second = NULL;

    import_brat (f, again, out);
    second = export_brat (f, again, "second");
    assert_same_confs (out, second);
  }
}

/* brat looks for a document's configuration in its folder, then in each
 * parent: documents in a sub-folder take its annotation.conf and the
 * collection's visual.conf. */
static void
test_parent_folders (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *root = g_build_filename (f->dir, "root", NULL);
  g_autofree char *sub = g_build_filename (root, "sub", NULL);
  g_autoptr(GlossStore) store = new_project (f, "p.gloss");
  g_autofree char *annotation = NULL;
  g_autofree char *visual = NULL;
  g_autofree char *tools = NULL;

  put (root, "annotation.conf", "[entities]\nSomethingElse\n");
  put (root, "visual.conf", visual_conf);
  put (sub, "annotation.conf", annotation_conf);
  put (sub, "b.txt", b_txt);
  put (sub, "b.ann", b_ann);
  import_brat (f, store, root);

  annotation = gloss_store_get_project_file (store, "brat/annotation.conf");
  visual = gloss_store_get_project_file (store, "brat/visual.conf");
  tools = gloss_store_get_project_file (store, "brat/tools.conf");
  g_assert_cmpstr (annotation, ==, annotation_conf);
  g_assert_cmpstr (visual, ==, visual_conf);
  g_assert_null (tools);
}

/* A project that kept nothing exports as it always did: the writer's own
 * files, with every label of the schema, and no tools.conf. */
static void
test_nothing_kept (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "bare", NULL);
  g_autoptr(GlossStore) store = new_project (f, "p.gloss");
  g_autofree char *out = NULL;
  g_autofree char *annotation = NULL;
  g_autofree char *tools = NULL;

  put (folder, "b.txt", b_txt);
  put (folder, "b.ann", b_ann);
  import_brat (f, store, folder);
  g_assert_null (gloss_store_get_project_file (store, "brat/annotation.conf"));

  out = export_brat (f, store, "out");
  annotation = get (out, "annotation.conf");
  tools = get (out, "tools.conf");
  g_assert_true (g_str_has_prefix (annotation, "# The label schema of a Gloss project"));
  g_assert_nonnull (strstr (annotation, "\nPERSON\n"));
  g_assert_nonnull (strstr (annotation, "\nPerson\n"));
  g_assert_null (tools);
  g_assert_cmpuint (brat_verify_folder (out, NULL), ==, 0);
}

/* A file written with CRLF line ends gets its new lines with CRLF too, and
 * one without a final line end keeps its last line whole. */
static void
test_line_ends (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "crlf", NULL);
  g_autoptr(GlossStore) store = new_project (f, "p.gloss");
  g_autoptr(GlossLabel) weapon = gloss_label_new ();
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GlossSpan) span = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *annotation = NULL;
  static const char crlf[] = "# kept\r\n[entities]\r\nPerson\r\n\r\n[relations]\r\n";

  put (folder, "annotation.conf", crlf);
  put (folder, "b.txt", b_txt);
  put (folder, "b.ann", b_ann);
  import_brat (f, store, folder);
  weapon->name = g_strdup ("Weapon");
  weapon->layer = g_strdup ("entity");
  weapon->kind = GLOSS_LABEL_KIND_ENTITY;
  weapon->color = g_strdup ("#abcdef");
  g_assert_true (gloss_store_add_label (store, weapon, &error));
  document = gloss_store_get_document (store, "b", &error);
  g_assert_no_error (error);
  span = add_span (store, document->rowid, "Weapon", 9, 13);

  out = export_brat (f, store, "out");
  annotation = get (out, "annotation.conf");
  g_assert_cmpstr (annotation, ==, "# kept\r\n[entities]\r\nPerson\r\nWeapon\r\n\r\n[relations]\r\n");
}

/* brat's own tutorial: its files come back unchanged, and brat's rules find
 * no more in the export than in the tutorial. */
static void
test_shared_tutorial (Fixture       *f,
                      gconstpointer  data)
{
  const char *shared = g_getenv ("GLOSS_SHARED_DATA");
  g_autofree char *tutorial = g_build_filename (shared ? shared : "../shared/data", "brat",
                                                "brat_tutorial_news", NULL);
  g_autoptr(GlossStore) store = NULL;
  g_autofree char *out = NULL;
  guint before, after, lines = 0;

  if (!g_file_test (tutorial, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("../shared/data/brat/brat_tutorial_news is not there");
      return;
    }
  store = new_project (f, "p.gloss");
  import_brat (f, store, tutorial);
  out = export_brat (f, store, "out");
  assert_same_confs (tutorial, out);

  before = brat_verify_folder (tutorial, NULL);
  after = brat_verify_folder (out, &lines);
  g_test_message ("brat's rules: %u issues in the tutorial, %u in its export", before, after);
  g_assert_cmpuint (lines, >, 0);
  g_assert_cmpuint (after, <=, before);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/brat-conf/round-trip", test_round_trip);
  ADD ("/brat-conf/added-in-gloss", test_added_in_gloss);
  ADD ("/brat-conf/parent-folders", test_parent_folders);
  ADD ("/brat-conf/nothing-kept", test_nothing_kept);
  ADD ("/brat-conf/line-ends", test_line_ends);
  ADD ("/brat-conf/shared-tutorial", test_shared_tutorial);
#undef ADD

  return g_test_run ();
}
