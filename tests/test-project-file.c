/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

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

  /* Less than one page, with Gloss's id and an old schema version but no page
   * count in the header (as fuzz-header found): before, it was backed up,
   * switched to WAL and grown to a page before the refusal. */
  {
    g_autofree char *stub = fixture_path (fixture, "stub.gloss");
    guint8 header[110];

    memcpy (header, data_, sizeof header);
    memset (header + 28, 0, 4);     /* in-header page count */
    header[60] = header[61] = header[62] = 0;
    header[63] = 2;                 /* user_version 2: a migration would follow */
    write_bytes (stub, header, sizeof header);
    assert_refused (stub, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_TRUNCATED);
  }
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
  g_autofree char *folder = g_build_filename (fixture->dir, "new", "folder", NULL);
  g_autofree char *path = g_build_filename (folder, "project.gloss", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) store = gloss_store_open (path, GLOSS_STORE_OPEN_CREATE, &error);

  /* A mistyped path must not become a chain of folders. */
  g_assert_null (store);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, "does not exist"));
  g_clear_error (&error);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));

  /* Folders Gloss chose itself (the default project's) it may make. */
  store = gloss_store_open (path, GLOSS_STORE_OPEN_CREATE | GLOSS_STORE_OPEN_CREATE_FOLDERS, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_cmpint (g_remove (path), ==, 0);

  store = gloss_store_open (path, GLOSS_STORE_OPEN_CREATE, &error);
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

/* ---- A pending write-ahead log, read-only folders, damaged projects ---------- */

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GBytes) contents = read_bytes (from);

  write_bytes (to, g_bytes_get_data (contents, NULL), g_bytes_get_size (contents));
}

static void
copy_companions (const char *from,
                 const char *to,
                 gboolean    with_shm)
{
  g_autofree char *from_wal = g_strconcat (from, "-wal", NULL);
  g_autofree char *to_wal = g_strconcat (to, "-wal", NULL);
  g_autofree char *from_shm = g_strconcat (from, "-shm", NULL);
  g_autofree char *to_shm = g_strconcat (to, "-shm", NULL);

  copy_file (from, to);
  copy_file (from_wal, to_wal);
  if (with_shm)
    copy_file (from_shm, to_shm);
}

static sqlite3 *
open_holder (const char *path)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  /* A connection that never checkpoints and keeps the -wal alive while it is open. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0; "
                    "SELECT count(*) FROM sqlite_master", NULL, NULL, &message);
  g_assert_cmpstr (message, ==, NULL);
  return db;
}

static void
holder_exec (sqlite3    *db,
             const char *sql)
{
  char *message = NULL;

  sqlite3_exec (db, sql, NULL, NULL, &message);
  g_assert_cmpstr (message, ==, NULL);
}

static void
add_articles (const char *path,
              guint       first,
              guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) store = gloss_store_open (path, GLOSS_STORE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  for (guint i = first; i < first + n; i++)
    {
      g_autoptr(GlossDocument) document = g_new0 (GlossDocument, 1);
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint j = 0; j < 80; j++)
        g_string_append_printf (text, "Line %u of the late article %u, written to the log. ", j, i);
      document->id = g_strdup_printf ("doc-%u", i);
      document->title = g_strdup_printf ("Late article %u", i);
      document->text = g_strdup (text->str);
      g_assert_true (gloss_store_add_document (store, document, NULL, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
    }
}

static void
assert_documents (const char *path,
                  guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) store = gloss_store_open (path, GLOSS_STORE_OPEN_DEFAULT, &error);
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GlossDocument) last = NULL;
  g_autofree char *last_id = g_strdup_printf ("doc-%u", n - 1);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  documents = gloss_store_list_documents (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, n);
  last = gloss_store_get_document (store, last_id, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (last->text, "Line 0 of the late article"));
  g_assert_true (gloss_store_check_integrity (store, &error));
  g_assert_no_error (error);
}

/* A checkpoint interrupted by a full disk (or one still running in another
 * program) has written the new header but not yet every page: the main file is
 * shorter than its header says, and the -wal still holds every page. SQLite
 * reads it whole; it is not truncated. */
static void
test_wal_pending_short_main (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "busy.gloss");
  g_autofree char *copy = fixture_path (fixture, "copy.gloss");
  g_autofree char *copy_wal = g_strconcat (copy, "-wal", NULL);
  g_autofree char *bare = fixture_path (fixture, "bare.gloss");
  g_autofree char *bare_wal = g_strconcat (bare, "-wal", NULL);
  g_autoptr(GBytes) copied = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *holder;
  goffset before;

  make_project (path, 3);
  before = file_size (path);

  holder = open_holder (path);
  add_articles (path, 3, 6);
  holder_exec (holder, "PRAGMA wal_checkpoint(PASSIVE)");
  copy_companions (path, copy, FALSE);
  sqlite3_close (holder);
  g_assert_cmpint (file_size (copy), >, before);
  g_assert_cmpint (truncate (copy, before), ==, 0);
  copied = read_bytes (copy);

  /* Truncated but for the -wal: without it, refused. */
  write_bytes (bare, g_bytes_get_data (copied, NULL), g_bytes_get_size (copied));
  assert_refused (bare, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_TRUNCATED);

  /* A -wal that is not a write-ahead log does not hold the pages. */
  write_bytes (bare_wal, "not a write-ahead log, only some bytes; 32 at least", 48);
  g_assert_false (gloss_store_check_file (bare, &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_TRUNCATED);
  g_clear_error (&error);

  g_assert_true (gloss_store_check_file (copy, &error));
  g_assert_no_error (error);
  assert_documents (copy, 9);

  /* Closing checkpointed the log: the file alone is whole now. */
  g_assert_false (has_companion (copy, "-wal"));
  g_assert_true (gloss_store_check_file (copy, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (copy_wal, G_FILE_TEST_EXISTS));
  assert_documents (copy, 9);
}

/* A writer of another program that predates the in-header size leaves the
 * version-valid-for number behind the change counter: the size in the header
 * is then stale, and SQLite goes by the file's size. */
static void
test_stale_header_size (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "stale.gloss");
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 *data_;
  guint8 *bytes;
  gsize size;

  make_project (path, 3);
  contents = read_bytes (path);
  data_ = g_bytes_get_data (contents, &size);
  bytes = g_memdup2 (data_, size);
  bytes[28] = 0x7f;   /* a page count far beyond the file */
  bytes[95] ^= 0x01;  /* version-valid-for no longer matches the change counter */
  write_bytes (path, bytes, size);
  g_free (bytes);

  g_assert_true (gloss_store_check_file (path, &error));
  g_assert_no_error (error);
}

static void
make_folder (const char *path)
{
  g_assert_cmpint (g_mkdir (path, 0755), ==, 0);
}

/* Without write permission on its folder, SQLite cannot make the -wal and -shm
 * it needs even to read: the project opens for reading. Gloss goes by the
 * permission bits, as for the file, so this holds for root too. */
static void
test_read_only_folder (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *folder = fixture_path (fixture, "shared");
  g_autofree char *path = g_build_filename (folder, "kept.gloss", NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) store = NULL;

  make_folder (folder);
  make_project (path, 3);
  before = read_bytes (path);
  g_assert_cmpint (g_chmod (folder, 0555), ==, 0);

  store = gloss_store_open (path, GLOSS_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  assert_writes_refused (store, path);
  g_clear_object (&store);

  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  assert_no_companions (path);
  g_assert_cmpint (g_chmod (folder, 0755), ==, 0);
}

/* Committed changes still in the -wal of a read-only folder are read with it
 * when the -shm is there; without the -shm they cannot be, and the project is
 * refused rather than shown without them. */
static void
test_read_only_folder_wal (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "live.gloss");
  g_autofree char *folder = fixture_path (fixture, "shared");
  g_autofree char *copy = g_build_filename (folder, "kept.gloss", NULL);
  g_autofree char *copy_shm = g_strconcat (copy, "-shm", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) store = NULL;
  g_autoptr(GlossDocument) document = NULL;
  sqlite3 *holder;

  make_folder (folder);
  make_project (path, 3);
  holder = open_holder (path);
  holder_exec (holder, "UPDATE documents SET title = 'Renamed in the log' WHERE uid = 'doc-1'");
  copy_companions (path, copy, TRUE);
  sqlite3_close (holder);
  g_assert_cmpint (g_chmod (folder, 0555), ==, 0);

  store = gloss_store_open (copy, GLOSS_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (gloss_store_is_read_only (store));
  document = gloss_store_get_document (store, "doc-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (document->title, ==, "Renamed in the log");
  g_clear_object (&store);
  g_assert_true (has_companion (copy, "-wal"));

  g_assert_cmpint (g_chmod (folder, 0755), ==, 0);
  g_assert_cmpint (g_remove (copy_shm), ==, 0);
  g_assert_cmpint (g_chmod (folder, 0555), ==, 0);
  store = gloss_store_open (copy, GLOSS_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_READ_ONLY);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, copy));
  g_assert_nonnull (strstr (error->message, "-wal"));
  g_assert_false (has_companion (copy, "-shm"));
  g_assert_cmpint (g_chmod (folder, 0755), ==, 0);
}

/* The header says Gloss but there is no project version: a damaged file, or
 * one another program marked. Refused as it is, not "table already exists". */
static void
test_refuse_no_version (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "unversioned.gloss");

  make_project (path, 2);
  exec_sql (path, "PRAGMA user_version = 0");
  checkpoint (path);
  assert_refused (path, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_DAMAGED);
}

/* An SQLite file of another program with committed changes still in its -wal:
 * refused as not Gloss, and neither the file nor its -wal changes. */
static void
test_refuse_foreign_wal (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "notes.db");
  g_autofree char *copy = fixture_path (fixture, "copy.db");
  g_autofree char *copy_wal = g_strconcat (copy, "-wal", NULL);
  g_autofree char *gloss_like = fixture_path (fixture, "gloss-like.gloss");
  g_autoptr(GBytes) main_before = NULL;
  g_autoptr(GBytes) wal_before = NULL;
  g_autoptr(GBytes) main_after = NULL;
  g_autoptr(GBytes) wal_after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) store = NULL;
  sqlite3 *holder;

  exec_sql (path, "PRAGMA journal_mode = WAL; CREATE TABLE documents (id INTEGER PRIMARY KEY, body TEXT)");
  checkpoint (path);
  holder = open_holder (path);
  holder_exec (holder, "INSERT INTO documents (body) VALUES ('mine, not Gloss''s')");
  copy_companions (path, copy, TRUE);
  sqlite3_close (holder);
  main_before = read_bytes (copy);
  wal_before = read_bytes (copy_wal);

  store = gloss_store_open (copy, GLOSS_STORE_OPEN_CREATE, &error);
  g_assert_null (store);
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_GLOSS);
  g_assert_true (g_str_has_prefix (error->message, copy));
  g_clear_error (&error);

  main_after = read_bytes (copy);
  wal_after = read_bytes (copy_wal);
  g_assert_true (g_bytes_equal (main_before, main_after));
  g_assert_true (g_bytes_equal (wal_before, wal_after));

  /* Gloss's application id without a version, in the -wal: refused the same way
   * as in the file. */
  make_project (gloss_like, 1);
  holder = open_holder (gloss_like);
  holder_exec (holder, "PRAGMA user_version = 0");
  copy_companions (gloss_like, copy, TRUE);
  sqlite3_close (holder);
  store = gloss_store_open (copy, GLOSS_STORE_OPEN_CREATE, &error);
  g_assert_null (store);
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_DAMAGED);
  g_assert_null (strchr (error->message, '\n'));
}

/* Makes NOT NULL columns nullable behind SQLite's back, as damage or another
 * program could, and empties them. */
static void
null_out (const char *path,
          const char *table,
          const char *column_sql,
          const char *update)
{
  g_autofree char *sql =
    g_strdup_printf ("PRAGMA writable_schema = ON;"
                     "UPDATE sqlite_schema SET sql = replace (sql, '%s NOT NULL', '%s') "
                     "WHERE type = 'table' AND name = '%s';"
                     "PRAGMA writable_schema = OFF;", column_sql, column_sql, table);

  exec_sql (path, sql);
  exec_sql (path, update);
  checkpoint (path);
}

static void
assert_damaged (const GError *error,
                const char   *path)
{
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_DAMAGED);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, "damaged"));
  g_assert_null (strchr (error->message, '\n'));
}

static gboolean
take_document (GlossDocument  *document,
               gpointer        user_data,
               GError        **error)
{
  GlossStore *store = user_data;
  g_autoptr(GPtrArray) spans = gloss_store_list_spans (store, document->rowid, error);

  gloss_document_free (document);
  return spans != NULL;
}

static void
test_damaged_nulls (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "nulls.gloss");
  g_autofree char *spans_path = fixture_path (fixture, "null-span.gloss");
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) store = NULL;
  g_autoptr(GlossStoreStats) stats = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GlossDocument) document = NULL;

  make_project (path, 3);
  null_out (path, "document_sets", "status TEXT",
            "UPDATE document_sets SET status = NULL WHERE document_id = "
            "(SELECT id FROM documents WHERE uid = 'doc-1')");
  store = gloss_store_open (path, GLOSS_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  stats = gloss_store_get_stats (store, &error);
  g_assert_null (stats);
  assert_damaged (error, path);
  g_clear_error (&error);
  documents = gloss_store_list_documents (store, &error);
  g_assert_null (documents);
  assert_damaged (error, path);
  g_clear_error (&error);
  document = gloss_store_get_document (store, "doc-1", &error);
  g_assert_null (document);
  assert_damaged (error, path);
  g_clear_error (&error);
  g_assert_false (gloss_store_foreach_document (store, NULL, take_document, store, &error));
  assert_damaged (error, path);
  g_clear_error (&error);
  g_clear_object (&store);

  make_project (spans_path, 3);
  null_out (spans_path, "annotations", "fragments TEXT",
            "UPDATE annotations SET fragments = NULL WHERE document_id = "
            "(SELECT id FROM documents WHERE uid = 'doc-2')");
  store = gloss_store_open (spans_path, GLOSS_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  document = gloss_store_get_document (store, "doc-2", &error);
  g_assert_no_error (error);
  spans = gloss_store_list_spans (store, document->rowid, &error);
  g_assert_null (spans);
  assert_damaged (error, spans_path);
  g_clear_error (&error);
  g_assert_false (gloss_store_foreach_document (store, NULL, take_document, store, &error));
  assert_damaged (error, spans_path);
}

static guint32
get_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* Breaks the last leaf page of the annotations table: the spans of the first
 * documents still read, those of the last one cannot. */
static void
break_last_span_page (const char *path)
{
  g_autoptr(GBytes) contents = read_bytes (path);
  gsize size = g_bytes_get_size (contents);
  guint8 *bytes = g_memdup2 (g_bytes_get_data (contents, NULL), size);
  guint page = page_size (contents);
  guint32 root = query_int (path, "SELECT rootpage FROM sqlite_schema WHERE name = 'annotations'");
  guint8 *root_page = bytes + (gsize) (root - 1) * page;
  guint32 leaf;

  g_assert_cmpuint (root_page[0], ==, 0x05);   /* an interior table page */
  leaf = get_be32 (root_page + 8);              /* its right-most child */
  g_assert_cmpuint ((gsize) leaf * page, <=, size);
  g_assert_cmpuint (bytes[(gsize) (leaf - 1) * page], ==, 0x0d);
  memset (bytes + (gsize) (leaf - 1) * page, 0x77, 8);
  write_bytes (path, bytes, size);
  g_free (bytes);
}

static void
make_spanned_project (const char *path,
                      guint       n_documents,
                      guint       n_spans)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) store = gloss_store_open (path, GLOSS_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < n_documents; i++)
    {
      g_autoptr(GlossDocument) document = g_new0 (GlossDocument, 1);
      g_autoptr(GPtrArray) spans = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_span_free);
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint j = 0; j < n_spans; j++)
        {
          g_string_append_printf (text, "Name%04u said so. ", j);
          g_ptr_array_add (spans, gloss_span_new ("PERSON", j * 18, j * 18 + 8));
        }
      document->id = g_strdup_printf ("doc-%u", i);
      document->title = g_strdup_printf ("Article %u", i);
      document->text = g_strdup (text->str);
      g_assert_true (gloss_store_add_document (store, document, spans, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  g_clear_object (&store);
  checkpoint (path);
}

static void
test_damaged_page (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "broken.gloss");
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) store = NULL;
  g_autoptr(GlossDocument) first = NULL;
  g_autoptr(GlossDocument) last = NULL;
  g_autoptr(GPtrArray) spans = NULL;

  make_spanned_project (path, 3, 200);
  break_last_span_page (path);

  store = gloss_store_open (path, GLOSS_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  first = gloss_store_get_document (store, "doc-0", &error);
  g_assert_no_error (error);
  spans = gloss_store_list_spans (store, first->rowid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 200);
  g_clear_pointer (&spans, g_ptr_array_unref);

  last = gloss_store_get_document (store, "doc-2", &error);
  g_assert_no_error (error);
  spans = gloss_store_list_spans (store, last->rowid, &error);
  g_assert_null (spans);
  assert_damaged (error, path);
  g_clear_error (&error);

  g_assert_false (gloss_store_foreach_document (store, NULL, take_document, store, &error));
  assert_damaged (error, path);
}

/* A server that cannot be reached is one line, without the password, and
 * nothing is created in the working folder; the empty path is refused. */
static void
test_refuse_uri (Fixture       *fixture,
                 gconstpointer  data)
{
  static const char * const uris[] = {
    "postgresql:///db?host=/nonexistent/pg",
    "postgres://annotator:s3cret@127.0.0.1:1/news",
    "postgresql:///news?host=/nonexistent/pg&password=s3cret",
  };

  g_assert_cmpint (g_chdir (fixture->dir), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (uris); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GlossStore) store = gloss_store_open (uris[i], GLOSS_STORE_OPEN_CREATE, &error);
      g_autoptr(GDir) dir = NULL;

      g_assert_null (store);
      g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_CONNECTION);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, "cannot connect to the server"));
      g_assert_null (strstr (error->message, "s3cret"));
      g_assert_null (strchr (error->message, '\n'));
      dir = g_dir_open (fixture->dir, 0, NULL);
      g_assert_null (g_dir_read_name (dir));
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GlossStore) store = gloss_store_open ("", GLOSS_STORE_OPEN_CREATE, &error);

    g_assert_null (store);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME);
    g_assert_false (gloss_store_check_file ("", NULL));
  }
}

/* Only a project this store made, still without documents, is taken away again;
 * an empty file that was there before is left empty. */
static void
test_discard_new (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "new.gloss");
  g_autofree char *empty = fixture_path (fixture, "empty.gloss");
  g_autofree char *kept = fixture_path (fixture, "kept.gloss");
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) store = NULL;
  g_autoptr(GlossDocument) document = g_new0 (GlossDocument, 1);
  sqlite3 *holder;

  store = gloss_store_open (path, GLOSS_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (gloss_store_is_new (store));
  g_assert_true (gloss_store_discard_new (store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  assert_no_companions (path);

  write_bytes (empty, "", 0);
  store = gloss_store_open (empty, GLOSS_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (gloss_store_is_new (store));
  g_assert_true (gloss_store_discard_new (store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_cmpint (file_size (empty), ==, 0);
  assert_no_companions (empty);

  /* Not new, or no longer empty: kept. */
  make_project (kept, 2);
  before = read_bytes (kept);
  store = gloss_store_open (kept, GLOSS_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_false (gloss_store_is_new (store));
  g_assert_false (gloss_store_discard_new (store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  checkpoint (kept);
  after = read_bytes (kept);
  g_assert_true (g_bytes_equal (before, after));

  /* Another program has the new project open: it may be about to fill it. */
  store = gloss_store_open (path, GLOSS_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  holder = open_holder (path);
  g_assert_false (gloss_store_discard_new (store, &error));
  g_assert_no_error (error);
  sqlite3_close (holder);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  document->text = g_strdup ("An article after all.");
  g_assert_true (gloss_store_add_document (store, document, NULL, NULL, NULL, NULL, &error));
  g_assert_false (gloss_store_discard_new (store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM documents"), ==, 1);
}

/* An import killed while creating the project leaves an SQLite file in WAL
 * mode with nothing in it: the next import makes the project there, reading
 * commands call it empty; a database with an id or a table stays refused. */
static void
test_blank_sqlite (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "half-made.gloss");
  g_autofree char *marked = fixture_path (fixture, "marked.db");
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) store = NULL;

  exec_sql (path, "PRAGMA journal_mode = WAL");
  checkpoint (path);
  before = read_bytes (path);
  g_assert_cmpuint (g_bytes_get_size (before), ==, page_size (before));

  store = gloss_store_open (path, GLOSS_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_GLOSS);
  g_assert_nonnull (strstr (error->message, "empty"));
  g_clear_error (&error);
  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  assert_no_companions (path);

  store = gloss_store_open (path, GLOSS_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (gloss_store_is_new (store));
  g_assert_nonnull (gloss_store_lookup_label (store, "PERSON"));
  g_clear_object (&store);
  g_assert_cmpint (query_int (path, "PRAGMA application_id"), ==, GLOSS_STORE_APPLICATION_ID);

  exec_sql (marked, "PRAGMA application_id = 7; PRAGMA journal_mode = WAL");
  checkpoint (marked);
  assert_refused (marked, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_GLOSS);
}

/* A file name with a line break is quoted on one line: messages are
 * "FILE: reason", one a line. */
static void
test_one_line_name (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "two\nlines.gloss");
  g_autofree char *missing = fixture_path (fixture, "no\nsuch\nfolder/p.gloss");
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) store = NULL;

  write_bytes (path, "Plain text, not a project.\n", 27);
  store = gloss_store_open (path, GLOSS_STORE_OPEN_DEFAULT, &error);
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_SQLITE);
  g_test_message ("%s", error->message);
  g_assert_null (strchr (error->message, '\n'));
  g_assert_nonnull (strstr (error->message, "two\\nlines.gloss"));
  g_clear_error (&error);

  store = gloss_store_open (missing, GLOSS_STORE_OPEN_CREATE, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_test_message ("%s", error->message);
  g_assert_null (strchr (error->message, '\n'));
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
  ADD ("/project-file/read-only/folder", test_read_only_folder);
  ADD ("/project-file/read-only/folder-wal", test_read_only_folder_wal);
  ADD ("/project-file/wal/short-main", test_wal_pending_short_main);
  ADD ("/project-file/wal/stale-header-size", test_stale_header_size);
  ADD ("/project-file/refuse/no-version", test_refuse_no_version);
  ADD ("/project-file/refuse/foreign-wal", test_refuse_foreign_wal);
  ADD ("/project-file/refuse/uri", test_refuse_uri);
  ADD ("/project-file/damaged/nulls", test_damaged_nulls);
  ADD ("/project-file/damaged/page", test_damaged_page);
  ADD ("/project-file/discard-new", test_discard_new);
  ADD ("/project-file/one-line-name", test_one_line_name);
  ADD ("/project-file/blank-sqlite", test_blank_sqlite);
#undef ADD

  return g_test_run ();
}
