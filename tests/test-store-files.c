/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Files a project keeps for a format (gloss-store-files.c): kept, replaced and
 * removed by name, several at once or none; refused on a read-only project;
 * and a version 5 project gains the table when it is opened, without losing
 * anything and without the backup that the regrouping into sets needed. */
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "gloss-store.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close)

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("gloss-test-store-files-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "p.gloss", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (f->dir, name, NULL);

      g_unlink (child);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static GlossStore *
open_store (Fixture             *f,
            GlossStoreOpenFlags  flags)
{
  g_autoptr(GError) error = NULL;
  GlossStore *store = gloss_store_open (f->path, flags, &error);

  g_assert_no_error (error);
  return store;
}

static void
exec_sql (const char *path,
          const char *sql)
{
  g_autoptr(sqlite3) db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, sql, NULL, NULL, &message);
  g_assert_cmpstr (message, ==, NULL);
}

static gint64
query_int (const char *path,
           const char *sql)
{
  g_autoptr(sqlite3) db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
test_get_set (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GlossStore) store = open_store (f, GLOSS_STORE_OPEN_CREATE);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *reopened = NULL;
  g_autofree char *removed = NULL;

  g_assert_null (gloss_store_get_project_file (store, "brat/annotation.conf"));
  g_assert_true (gloss_store_set_project_file (store, "brat/annotation.conf", "[entities]\nZoë\n", &error));
  g_assert_no_error (error);
  first = gloss_store_get_project_file (store, "brat/annotation.conf");
  g_assert_cmpstr (first, ==, "[entities]\nZoë\n");

  g_assert_true (gloss_store_set_project_file (store, "brat/annotation.conf", "", &error));
  g_assert_no_error (error);
  second = gloss_store_get_project_file (store, "brat/annotation.conf");
  g_assert_cmpstr (second, ==, "");
  g_assert_true (gloss_store_set_project_file (store, "brat/tools.conf", "[search]\n", &error));
  g_assert_no_error (error);

  /* Kept in the file, not in the store object. */
  g_clear_object (&store);
  store = open_store (f, GLOSS_STORE_OPEN_DEFAULT);
  reopened = gloss_store_get_project_file (store, "brat/tools.conf");
  g_assert_cmpstr (reopened, ==, "[search]\n");

  g_assert_true (gloss_store_set_project_file (store, "brat/tools.conf", NULL, &error));
  g_assert_no_error (error);
  removed = gloss_store_get_project_file (store, "brat/tools.conf");
  g_assert_null (removed);
  /* Files are not annotations: nothing to undo. */
  g_assert_false (gloss_store_can_undo (store));
}

/* One bad file among several: none of them is kept. */
static void
test_all_or_none (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GlossStore) store = open_store (f, GLOSS_STORE_OPEN_CREATE);
  g_autoptr(GError) error = NULL;
  const char *names[] = { "brat/annotation.conf", "brat/visual.conf", NULL };
  const char *contents[] = { "[entities]\n", "\xff\xfe not text", NULL };
  g_autofree char *kept = NULL;

  g_assert_false (gloss_store_set_project_files (store, names, contents, &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID);
  kept = gloss_store_get_project_file (store, "brat/annotation.conf");
  g_assert_null (kept);
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GlossStore) store = open_store (f, GLOSS_STORE_OPEN_CREATE);
  g_autoptr(GError) error = NULL;

  g_clear_object (&store);
  store = open_store (f, GLOSS_STORE_OPEN_READ_ONLY);
  g_assert_false (gloss_store_set_project_file (store, "brat/annotation.conf", "x", &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_READ_ONLY);
}

/* The version before project_files (5): what a project of this build is
 * without the table (the steps after it change nothing the tests look at). */
#define BEFORE_FILES 5

static void
downgrade (const char *path)
{
  g_autofree char *sql = g_strdup_printf ("DROP TABLE project_files; PRAGMA user_version = %d;",
                                          BEFORE_FILES);

  exec_sql (path, sql);
}

static void
test_migrate_v5 (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GlossStore) store = open_store (f, GLOSS_STORE_OPEN_CREATE);
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = g_strdup_printf ("%s.v%d-backup", f->path, BEFORE_FILES);
  g_autofree char *kept = NULL;
  guint labels = gloss_store_list_labels (store)->len;

  g_assert_true (gloss_store_add_relation_type (store, "OWNS", "kept across the update", &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  downgrade (f->path);
  g_assert_cmpint (query_int (f->path, "PRAGMA user_version"), ==, BEFORE_FILES);

  store = open_store (f, GLOSS_STORE_OPEN_DEFAULT);
  g_assert_cmpint (query_int (f->path, "PRAGMA user_version"), ==, GLOSS_STORE_SCHEMA_VERSION);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM project_files"), ==, 0);
  g_assert_cmpuint (gloss_store_list_labels (store)->len, ==, labels);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM relation_types WHERE name = 'OWNS'"), ==, 1);
  /* Only a project older than annotator sets is backed up before it is updated. */
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));

  g_assert_true (gloss_store_set_project_file (store, "brat/annotation.conf", "[entities]\n", &error));
  g_assert_no_error (error);
  kept = gloss_store_get_project_file (store, "brat/annotation.conf");
  g_assert_cmpstr (kept, ==, "[entities]\n");
  g_assert_true (gloss_store_check_integrity (store, &error));
  g_assert_no_error (error);
}

/* A project of version 5 opened read-only is not updated behind its back. */
static void
test_migrate_v5_read_only (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GlossStore) store = open_store (f, GLOSS_STORE_OPEN_CREATE);
  g_autoptr(GError) error = NULL;

  g_clear_object (&store);
  downgrade (f->path);
  store = gloss_store_open (f->path, GLOSS_STORE_OPEN_READ_ONLY, &error);
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_READ_ONLY);
  g_assert_null (store);
  g_assert_cmpint (query_int (f->path, "PRAGMA user_version"), ==, BEFORE_FILES);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/files/get-set", test_get_set);
  ADD ("/store/files/all-or-none", test_all_or_none);
  ADD ("/store/files/read-only", test_read_only);
  ADD ("/store/files/migrate-v5", test_migrate_v5);
  ADD ("/store/files/migrate-v5-read-only", test_migrate_v5_read_only);
#undef ADD

  return g_test_run ();
}
