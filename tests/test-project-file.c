/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "gloss-store.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

typedef struct
{
  char *dir;
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

  fixture->dir = g_dir_make_tmp ("gloss-test-project-file-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static char *
fixture_path (Fixture    *fixture,
              const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static void
write_bytes (const char *path,
             const void *data,
             gsize       length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
}

static gboolean
has_companion (const char *path,
               const char *suffix)
{
  g_autofree char *companion = g_strconcat (path, suffix, NULL);

  return g_file_test (companion, G_FILE_TEST_EXISTS);
}

static void
assert_no_companions (const char *path)
{
  g_assert_false (has_companion (path, "-wal"));
  g_assert_false (has_companion (path, "-shm"));
  g_assert_false (has_companion (path, "-journal"));
}

static void
remove_companions (const char *path)
{
  static const char * const suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *companion = g_strconcat (path, suffixes[i], NULL);

      g_remove (companion);
    }
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
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* Folds the write-ahead log into the file and removes it, so that the file alone
 * is the whole project. */
static void
checkpoint (const char *path)
{
  exec_sql (path, "PRAGMA wal_checkpoint(TRUNCATE)");
  remove_companions (path);
  assert_no_companions (path);
}

/* A real project, several pages long, closed and checkpointed. */
static void
make_project (const char *path,
              guint       n_documents)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) store = gloss_store_open (path, GLOSS_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < n_documents; i++)
    {
      g_autoptr(GlossDocument) document = g_new0 (GlossDocument, 1);
      g_autoptr(GlossSpan) span = gloss_span_new ("PERSON", 0, 6);
      g_autoptr(GlossSpan) stored = NULL;
      g_autoptr(GString) text = g_string_new ("Amélie met the minister in Zürich 😀. ");

      for (guint j = 0; j < 60; j++)
        g_string_append_printf (text, "Paragraph %u of article %u: 東京 and القاهرة. ", j, i);

      document->id = g_strdup_printf ("doc-%u", i);
      document->title = g_strdup_printf ("Article %u", i);
      document->text = g_strdup (text->str);
      g_assert_true (gloss_store_add_document (store, document, NULL, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      stored = gloss_store_add_span (store, document->rowid, span, &error);
      g_assert_no_error (error);
    }
  g_clear_object (&store);
  checkpoint (path);
}

static guint
page_size (GBytes *contents)
{
  const guint8 *data = g_bytes_get_data (contents, NULL);
  guint size = (data[16] << 8) | data[17];

  return size == 1 ? 65536 : size;
}

/* Opening refuses the file with @code and leaves it exactly as it was, with nothing
 * created beside it; so does the header check alone. */
static void
assert_refused (const char *path,
                GQuark      domain,
                gint        code)
{
  static const GlossStoreOpenFlags flags[] = {
    GLOSS_STORE_OPEN_DEFAULT,
    GLOSS_STORE_OPEN_CREATE,
    GLOSS_STORE_OPEN_READ_ONLY,
  };
  g_autoptr(GBytes) before = NULL;
  gboolean is_file = g_file_test (path, G_FILE_TEST_IS_REGULAR);

  if (is_file)
    before = read_bytes (path);

  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GlossStore) store = gloss_store_open (path, flags[i], &error);

      g_assert_null (store);
      g_assert_error (error, domain, code);
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, path));
      g_assert_null (strchr (error->message, '\n'));
    }

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (gloss_store_check_file (path, &error));
      g_assert_error (error, domain, code);
    }

  if (is_file)
    {
      g_autoptr(GBytes) after = read_bytes (path);

      g_assert_true (g_bytes_equal (before, after));
    }
  assert_no_companions (path);
}

static void
test_refuse_text (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char text[] = "Reuters, 3 May: this is a plain text article, not SQLite.\n";
  g_autofree char *path = fixture_path (fixture, "article.gloss");
  g_autofree char *tiny = fixture_path (fixture, "tiny.gloss");

  write_bytes (path, text, strlen (text));
  assert_refused (path, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_SQLITE);

  write_bytes (tiny, "hi", 2);
  assert_refused (tiny, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_SQLITE);
}

static void
test_refuse_binary (Fixture       *fixture,
                    gconstpointer  data)
{
  static const guint8 png_header[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
  };
  g_autofree char *path = fixture_path (fixture, "picture.gloss");
  guint8 data_[4096];

  memcpy (data_, png_header, sizeof png_header);
  for (gsize i = sizeof png_header; i < sizeof data_; i++)
    data_[i] = (guint8) (i * 31 + 7);
  write_bytes (path, data_, sizeof data_);
  assert_refused (path, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_SQLITE);
}

static void
test_refuse_plain_sqlite (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "other.gloss");

  exec_sql (path, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);"
                  "INSERT INTO notes (body) VALUES ('not a Gloss project');");
  assert_no_companions (path);
  g_assert_cmpint (query_int (path, "PRAGMA application_id"), ==, 0);

  assert_refused (path, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_GLOSS);
}

static void
test_refuse_truncated (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "full.gloss");
  g_autofree char *half = fixture_path (fixture, "half.gloss");
  g_autofree char *pages = fixture_path (fixture, "half-pages.gloss");
  g_autofree char *short_one = fixture_path (fixture, "one-page-short.gloss");
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GError) error = NULL;
  const char *data_;
  gsize size;
  guint page;

  make_project (path, 12);
  contents = read_bytes (path);
  data_ = g_bytes_get_data (contents, &size);
  page = page_size (contents);
  g_test_message ("project: %" G_GSIZE_FORMAT " bytes, %u-byte pages", size, page);
  g_assert_cmpuint (size, >=, 8 * page);

  /* The whole file is fine. */
  g_assert_true (gloss_store_check_file (path, &error));
  g_assert_no_error (error);

  write_bytes (half, data_, size / 2);
  assert_refused (half, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_TRUNCATED);

  /* Whole pages only: the header's page count gives it away. */
  write_bytes (pages, data_, (size / page / 2) * page);
  assert_refused (pages, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_TRUNCATED);

  write_bytes (short_one, data_, size - page);
  assert_refused (short_one, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_TRUNCATED);
}

static void
test_refuse_short_header (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "short.gloss");
  char header[60] = "SQLite format 3";

  /* The magic string's NUL is part of the 16 bytes. */
  memset (header + 16, 0x10, sizeof header - 16);
  write_bytes (path, header, sizeof header);
  assert_refused (path, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_TRUNCATED);

  write_bytes (path, header, 16);
  assert_refused (path, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_TRUNCATED);
}

static void
test_refuse_too_new (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "future.gloss");
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) store = NULL;
  g_autofree char *current_version = g_strdup_printf ("PRAGMA user_version = %d", GLOSS_STORE_SCHEMA_VERSION);

  make_project (path, 2);
  exec_sql (path, "PRAGMA user_version = 99");
  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, 99);
  checkpoint (path);

  assert_refused (path, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_TOO_NEW);

  /* Back to this version, it opens again. */
  exec_sql (path, current_version);
  checkpoint (path);
  store = gloss_store_open (path, GLOSS_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
}

static void
test_refuse_folder (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "folder.gloss");
  g_autoptr(GDir) dir = NULL;

  g_assert_cmpint (g_mkdir (path, 0755), ==, 0);
  assert_refused (path, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_SQLITE);

  dir = g_dir_open (path, 0, NULL);
  g_assert_nonnull (dir);
  g_assert_null (g_dir_read_name (dir));
}

static void
test_refuse_missing (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "missing.gloss");
  g_autofree char *folder = fixture_path (fixture, "no-such-folder");
  g_autofree char *nested = g_build_filename (folder, "missing.gloss", NULL);
  const char *paths[] = { path, nested };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GlossStore) store = gloss_store_open (paths[i], GLOSS_STORE_OPEN_DEFAULT, &error);

      g_assert_null (store);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
      g_assert_true (g_str_has_prefix (error->message, paths[i]));
      g_assert_false (g_file_test (paths[i], G_FILE_TEST_EXISTS));
      assert_no_companions (paths[i]);
    }
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
}

static void
test_create_missing (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "new", "folder", "project.gloss", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) store = gloss_store_open (path, GLOSS_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_nonnull (gloss_store_lookup_label (store, "PERSON"));
  g_clear_object (&store);

  g_assert_true (gloss_store_check_file (path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, GLOSS_STORE_SCHEMA_VERSION);
  g_assert_cmpint (query_int (path, "PRAGMA application_id"), ==, GLOSS_STORE_APPLICATION_ID);
}

/* The path goes into an SQLite URI: characters that mean something there must
 * not change which file is opened. */
static void
test_special_names (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char * const names[] = {
    "my project #1.gloss",
    "what?.gloss",
    "100%20 done.gloss",
    "Zoë & 東京.gloss",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = fixture_path (fixture, names[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GlossStore) store = gloss_store_open (path, GLOSS_STORE_OPEN_CREATE, &error);
      g_autoptr(GDir) dir = NULL;
      const char *name;

      g_assert_no_error (error);
      g_assert_nonnull (store);
      g_clear_object (&store);
      checkpoint (path);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      g_assert_true (gloss_store_check_file (path, &error));
      g_assert_no_error (error);

      /* Nothing else appeared in the folder. */
      dir = g_dir_open (fixture->dir, 0, &error);
      g_assert_no_error (error);
      while ((name = g_dir_read_name (dir)) != NULL)
        g_assert_true (g_strv_contains (names, name));

      store = gloss_store_open (path, GLOSS_STORE_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      g_assert_nonnull (gloss_store_lookup_label (store, "PERSON"));
    }
}

static goffset
file_size (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_size;
}

static void
test_empty_file (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "empty.gloss");
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) store = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GlossDocument) document = g_new0 (GlossDocument, 1);

  write_bytes (path, "", 0);

  /* Reading commands (list, stats, export) must not turn any empty file into a
   * project: without CREATE it is refused and stays empty. */
  store = gloss_store_open (path, GLOSS_STORE_OPEN_DEFAULT, &error);
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_GLOSS);
  g_assert_null (store);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_clear_error (&error);
  g_assert_cmpint (file_size (path), ==, 0);

  store = gloss_store_open (path, GLOSS_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_false (gloss_store_is_read_only (store));

  /* A new project: the default labels, no documents, and it takes one. */
  g_assert_cmpuint (gloss_store_list_labels (store)->len, ==, 22);
  g_assert_nonnull (gloss_store_lookup_label (store, "CLAIM"));
  documents = gloss_store_list_documents (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 0);
  document->text = g_strdup ("A first article.");
  g_assert_true (gloss_store_add_document (store, document, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_true (gloss_store_check_file (path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, GLOSS_STORE_SCHEMA_VERSION);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM documents"), ==, 1);
}

static void
test_empty_read_only (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "empty.gloss");
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) store = NULL;

  write_bytes (path, "", 0);
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);

  store = gloss_store_open (path, GLOSS_STORE_OPEN_CREATE, &error);
  g_assert_null (store);
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_READ_ONLY);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  assert_no_companions (path);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM sqlite_master"), ==, 0);
}

/* Every kind of write fails with READ_ONLY and names the file. */
static void
assert_writes_refused (GlossStore *store,
                       const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = gloss_store_list_documents (store, &error);
  g_autoptr(GlossDocument) document = g_new0 (GlossDocument, 1);
  g_autoptr(GlossDocument) first = NULL;
  g_autoptr(GlossSpan) span = gloss_span_new ("ORG", 10, 20);
  g_autoptr(GlossSpan) stored = NULL;
  g_autoptr(GlossRelation) relation = gloss_relation_new ("COREF", "s1", "s1");
  g_autoptr(GlossRelation) stored_relation = NULL;
  g_autoptr(GlossEntity) entity = gloss_entity_new ("Amélie");
  g_autoptr(GlossEntity) stored_entity = NULL;
  g_autoptr(GlossLabel) label = gloss_label_new ();
  g_autoptr(GPtrArray) spans = NULL;
  gint64 rowid;

  g_assert_no_error (error);
  g_assert_true (gloss_store_is_read_only (store));
  g_assert_cmpuint (documents->len, ==, 3);
  rowid = ((GlossDocument *) g_ptr_array_index (documents, 0))->rowid;
  g_assert_cmpint (((GlossDocument *) g_ptr_array_index (documents, 0))->n_spans, ==, 1);
  first = gloss_store_get_document (store, "doc-0", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (first->text, "Amélie"));
  spans = gloss_store_list_spans (store, rowid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 1);
  g_assert_nonnull (gloss_store_lookup_label (store, "PERSON"));

#define ASSERT_READ_ONLY(call)                                                   \
  G_STMT_START {                                                                 \
    g_assert_false (call);                                                       \
    g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_READ_ONLY);      \
    g_assert_true (g_str_has_prefix (error->message, path));                     \
    g_clear_error (&error);                                                      \
  } G_STMT_END

  stored = gloss_store_add_span (store, rowid, span, &error);
  ASSERT_READ_ONLY (stored != NULL);
  document->id = g_strdup ("doc-new");
  document->text = g_strdup ("A new article.");
  ASSERT_READ_ONLY (gloss_store_add_document (store, document, NULL, NULL, NULL, NULL, &error));
  ASSERT_READ_ONLY (gloss_store_set_document_status (store, rowid, GLOSS_STATUS_DONE, &error));
  ASSERT_READ_ONLY (gloss_store_apply_preset (store, GLOSS_PRESET_CONLL2003, &error));
  ASSERT_READ_ONLY (gloss_store_rename_document (store, rowid, "Another title", &error));
  ASSERT_READ_ONLY (gloss_store_delete_span (store, rowid, "s1", &error));
  ASSERT_READ_ONLY (gloss_store_set_span_label (store, rowid, "s1", "ORG", &error));
  ASSERT_READ_ONLY (gloss_store_set_span_note (store, rowid, "s1", "a note", &error));
  ASSERT_READ_ONLY (gloss_store_set_span_attribute (store, rowid, "s1", "x", "true", &error));
  stored_relation = gloss_store_add_relation (store, rowid, relation, &error);
  ASSERT_READ_ONLY (stored_relation != NULL);
  g_ptr_array_add (entity->mentions, g_strdup ("s1"));
  stored_entity = gloss_store_add_entity (store, rowid, entity, &error);
  ASSERT_READ_ONLY (stored_entity != NULL);
  ASSERT_READ_ONLY (gloss_store_delete_document (store, rowid, &error));
  label->name = g_strdup ("TOPIC");
  label->layer = g_strdup ("entity");
  ASSERT_READ_ONLY (gloss_store_add_label (store, label, &error));

  gloss_store_begin_group (store, "Tag all");
  stored = gloss_store_add_span (store, rowid, span, &error);
  ASSERT_READ_ONLY (stored != NULL);
  g_assert_true (gloss_store_end_group (store, &error));
  g_assert_no_error (error);

#undef ASSERT_READ_ONLY

  g_assert_false (gloss_store_can_undo (store));
  g_assert_null (gloss_store_lookup_label (store, "PER"));
  g_clear_pointer (&documents, g_ptr_array_unref);
  documents = gloss_store_list_documents (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 3);
}

static void
test_read_only_file (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "kept.gloss");
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) store = NULL;

  make_project (path, 3);
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  before = read_bytes (path);

  store = gloss_store_open (path, GLOSS_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  assert_writes_refused (store, path);
  g_clear_object (&store);

  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  assert_no_companions (path);
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
}

static void
test_read_only_flag (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "flag.gloss");
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) store = NULL;

  make_project (path, 3);
  before = read_bytes (path);

  store = gloss_store_open (path, GLOSS_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  assert_writes_refused (store, path);
  g_clear_object (&store);

  /* A writable file may have a writer beside this store, so a -wal and -shm
   * are fair here; the file itself is untouched. */
  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/project-file/refuse/text", test_refuse_text);
  ADD ("/project-file/refuse/binary", test_refuse_binary);
  ADD ("/project-file/refuse/plain-sqlite", test_refuse_plain_sqlite);
  ADD ("/project-file/refuse/truncated", test_refuse_truncated);
  ADD ("/project-file/refuse/short-header", test_refuse_short_header);
  ADD ("/project-file/refuse/too-new", test_refuse_too_new);
  ADD ("/project-file/refuse/folder", test_refuse_folder);
  ADD ("/project-file/refuse/missing", test_refuse_missing);
  ADD ("/project-file/create-missing", test_create_missing);
  ADD ("/project-file/special-names", test_special_names);
  ADD ("/project-file/empty", test_empty_file);
  ADD ("/project-file/empty-read-only", test_empty_read_only);
  ADD ("/project-file/read-only/file", test_read_only_file);
  ADD ("/project-file/read-only/flag", test_read_only_flag);
#undef ADD

  return g_test_run ();
}
