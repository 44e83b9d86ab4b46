/* SPDX-License-Identifier: GPL-3.0-or-later */
/* GlossStore: the object, and the part of it that is about SQLite itself — the
 * connection, the statement cache, turning SQLite's errors into GLOSS_STORE_ERROR,
 * and opening a project (header checks, pragmas, WAL, migrations, creation and
 * discarding of a new file). Everything else speaks SQL through the helpers here:
 *
 *   gloss-store-header.c       the file header, read before SQLite opens a file
 *   gloss-store-schema.c       migrations
 *   gloss-store-batch.c        batches of writes and read transactions
 *   gloss-store-history.c      changes, undo and redo
 *   gloss-store-sets.c         annotator sets and statistics
 *   gloss-store-labels.c       the label schema, read and edited
 *   gloss-store-documents.c    documents, their status, renaming and deleting
 *   gloss-store-import.c       a new document, or annotations for one the project has
 *   gloss-store-spans.c        spans
 *   gloss-store-relations.c    relations and entities
 *   gloss-store-suggestions.c  quote suggestions
 *   gloss-store-files.c        files kept for the format a project came from
 */
#define G_LOG_DOMAIN "gloss-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <unistd.h>

#include "gloss-store-private.h"

/* ---- The object ----------------------------------------------------------- */

G_DEFINE_FINAL_TYPE (GlossStore, gloss_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (gloss-store-error-quark, gloss_store_error)

enum {
  CHANGED,
  SCHEMA_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
gloss_store_finalize (GObject *object)
{
  GlossStore *self = (GlossStore *) object;

  g_clear_pointer (&self->pending, _gloss_store_change_free);
  g_clear_pointer (&self->undo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->redo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->labels_by_name, g_hash_table_unref);
  g_clear_pointer (&self->labels_by_rowid, g_hash_table_unref);
  g_clear_pointer (&self->labels, g_ptr_array_unref);
  g_clear_pointer (&self->layers, g_ptr_array_unref);
  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->annotator, g_free);
  g_clear_pointer (&self->viewing, g_free);

  G_OBJECT_CLASS (gloss_store_parent_class)->finalize (object);
}

static void
gloss_store_class_init (GlossStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gloss_store_finalize;

  /**
   * GlossStore::changed:
   * @document: the row id of the document whose data changed, or 0 for the
   *   document list itself (an import, a deletion)
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[SCHEMA_CHANGED] = g_signal_new ("schema-changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
gloss_store_init (GlossStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, finalize_statement);
  self->undo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) _gloss_store_change_free);
  self->redo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) _gloss_store_change_free);
  self->layers = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_layer_free);
  self->labels = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_label_free);
  self->labels_by_name = g_hash_table_new (g_str_hash, g_str_equal);
  self->labels_by_rowid = g_hash_table_new (g_int64_hash, g_int64_equal);
}

void
_gloss_store_emit_changed (GlossStore *self,
                           gint64      document)
{
  g_signal_emit (self, signals[CHANGED], 0, document);
}

void
_gloss_store_emit_schema_changed (GlossStore *self)
{
  g_signal_emit (self, signals[SCHEMA_CHANGED], 0);
}

/* ---- SQLite plumbing: the engine-specific part ------------------------- */

void
_gloss_store_set_damaged (GlossStore  *self,
                          const char  *what,
                          GError     **error)
{
  g_autofree char *display = _gloss_store_display_name (self->path);
  g_autofree char *reason = _gloss_store_one_line (what);

  g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_DAMAGED,
               _("%s: the project is damaged (%s); restore it from a backup, or rescue what "
                 "is left with sqlite3's .recover"), display, reason);
}

void
_gloss_store_set_error (GlossStore  *self,
                        GError     **error)
{
  int code = sqlite3_extended_errcode (self->db);
  GlossStoreError gloss_code = GLOSS_STORE_ERROR_FAILED;
  g_autofree char *display = _gloss_store_display_name (self->path);
  g_autofree char *message = _gloss_store_one_line (sqlite3_errmsg (self->db));

  if ((code & 0xff) == SQLITE_CORRUPT || (code & 0xff) == SQLITE_NOTADB)
    {
      g_autofree char *what = g_strdup_printf ("SQLite: %s", message);

      _gloss_store_set_damaged (self, what, error);
      return;
    }

  if (code == SQLITE_READONLY || (code & 0xff) == SQLITE_READONLY)
    gloss_code = GLOSS_STORE_ERROR_READ_ONLY;
  else if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY)
    gloss_code = GLOSS_STORE_ERROR_DUPLICATE;
  else if ((code & 0xff) == SQLITE_CONSTRAINT)
    gloss_code = GLOSS_STORE_ERROR_INVALID;

  g_set_error (error, GLOSS_STORE_ERROR, gloss_code, "%s: %s", display, message);
}

/* Ends a loop over sqlite3_step (): the statement is reset, and anything but
 * SQLITE_DONE (a damaged page, an I/O error) is an error, never the end of the
 * rows. */
gboolean
_gloss_store_rows_done (GlossStore    *self,
                        sqlite3_stmt  *stmt,
                        int            rc,
                        GError       **error)
{
  gboolean done = rc == SQLITE_DONE;

  if (!done)
    _gloss_store_set_error (self, error);
  sqlite3_reset (stmt);
  return done;
}

/* A NULL in a column the schema declares NOT NULL comes only from a damaged
 * file (or another program's writes): an error, never a crash further on. */
gboolean
_gloss_store_row_complete (GlossStore    *self,
                           sqlite3_stmt  *stmt,
                           guint32        required,
                           GError       **error)
{
  for (int i = 0; i < sqlite3_column_count (stmt) && i < 32; i++)
    if ((required & GLOSS_STORE_COLUMN (i)) && sqlite3_column_type (stmt, i) == SQLITE_NULL)
      {
        g_autofree char *what = g_strdup_printf (_("a row without its “%s”"),
                                                 sqlite3_column_name (stmt, i));

        _gloss_store_set_damaged (self, what, error);
        return FALSE;
      }
  return TRUE;
}

sqlite3 *
_gloss_store_get_db (GlossStore *self)
{
  return self->db;
}

/* Statements are prepared once and kept; @sql must be a string that lives as
 * long as the store (a literal). The statement comes back reset and unbound. */
sqlite3_stmt *
_gloss_store_prepare (GlossStore  *self,
                      const char  *sql,
                      GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (self->db == NULL)
    {
      g_set_error_literal (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_FAILED,
                           _("the project was closed"));
      return NULL;
    }
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      _gloss_store_set_error (self, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
_gloss_store_exec (GlossStore  *self,
                   const char  *sql,
                   GError     **error)
{
  if (self->db == NULL)
    {
      g_set_error_literal (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_FAILED,
                           _("the project was closed"));
      return FALSE;
    }
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      _gloss_store_set_error (self, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
_gloss_store_step_done (GlossStore    *self,
                        sqlite3_stmt  *stmt,
                        GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _gloss_store_set_error (self, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

void
_gloss_store_bind_text_or_null (sqlite3_stmt *stmt,
                                int           index,
                                const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

char *
_gloss_store_column_dup (sqlite3_stmt *stmt,
                         int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

gboolean
_gloss_store_set_not_found (GError     **error,
                            const char  *what,
                            const char  *id)
{
  g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_FOUND, _("no %s “%s”"), what, id);
  return FALSE;
}

/* ---- Opening -------------------------------------------------------------- */

/* Root may write anything, but a file or folder without write bits is meant to
 * be kept as it is: respect the bits too. */
static gboolean
is_writable (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return FALSE;
  return (st.st_mode & 0222) != 0 && g_access (path, W_OK) == 0;
}

/* SQLite writes the -wal and -shm beside the project even to read it, so the
 * folder must be writable as well as the file. */
static gboolean
project_is_writable (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);

  return is_writable (path) && is_writable (folder);
}

static gboolean
companion_exists (const char *path,
                  const char *suffix)
{
  g_autofree char *companion = g_strconcat (path, suffix, NULL);

  return g_file_test (companion, G_FILE_TEST_EXISTS);
}

/* How a project opened for reading is given to SQLite: "mode=ro" follows other
 * writers and reads the -wal, but needs a -shm (there, or made beside the file);
 * "immutable=1" reads the file alone and makes nothing, for a file nobody can
 * change because nobody may write it or make a -wal beside it. */
static const char *
read_only_mode (const char        *path,
                GlossStoreHeader  *header,
                GError           **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *display = NULL;

  if (!header->wal_pending)
    return is_writable (folder) && is_writable (path) ? "mode=ro" : "immutable=1";
  if (is_writable (folder) || companion_exists (path, "-shm"))
    return "mode=ro";

  display = _gloss_store_display_name (path);
  g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_READ_ONLY,
               _("%s: its last changes wait in %s-wal, which cannot be read while its folder "
                 "is read-only; open it once where the folder is writable"), display, display);
  return NULL;
}

static char *
database_uri (const char *path,
              const char *query)
{
  g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);

  return query != NULL ? g_strdup_printf ("file:%s?%s", escaped, query)
                       : g_strdup_printf ("file:%s", escaped);
}

static gboolean
open_database (GlossStore        *self,
               GlossStoreHeader  *header,
               GError           **error)
{
  g_autofree char *uri = NULL;
  int flags = SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX;

  if (self->read_only)
    {
      const char *mode = read_only_mode (self->path, header, error);

      if (mode == NULL)
        return FALSE;
      uri = database_uri (self->path, mode);
      flags |= SQLITE_OPEN_READONLY;
    }
  else
    {
      uri = database_uri (self->path, NULL);
      flags |= SQLITE_OPEN_READWRITE | (header->exists ? 0 : SQLITE_OPEN_CREATE);
    }

  if (sqlite3_open_v2 (uri, &self->db, flags, NULL) != SQLITE_OK)
    {
      _gloss_store_set_error (self, error);
      return FALSE;
    }

  sqlite3_busy_timeout (self->db, 5000);
  sqlite3_extended_result_codes (self->db, TRUE);
  if (!_gloss_store_exec (self, "PRAGMA foreign_keys = ON", error))
    return FALSE;
  /* Before the temp table of the current set is made (changing it drops the
   * temp database): the savepoint of each write inside a batch journals the
   * pages it changes, in a temporary file unless kept in memory. */
  if (!_gloss_store_exec (self, "PRAGMA temp_store = MEMORY", error))
    return FALSE;
  if (self->read_only)
    return TRUE;

  return _gloss_store_exec (self, "PRAGMA journal_mode = WAL", error)
      && _gloss_store_exec (self, "PRAGMA synchronous = NORMAL", error);
}

static gboolean
query_pragma (sqlite3    *db,
              const char *sql,
              guint32    *value)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK
      || sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  *value = (guint32) sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* The header of a file whose -wal holds pages may be stale: SQLite, reading
 * through the -wal, tells what the file is. It asks on a connection of its
 * own that only reads, so that refusing a file that is not ours never writes
 * to it (a read-write connection would checkpoint the -wal into it on close). */
static gboolean
check_pending_header (const char        *path,
                      GlossStoreHeader  *header,
                      GError           **error)
{
  const char *mode = read_only_mode (path, header, error);
  g_autofree char *uri = NULL;
  sqlite3 *db = NULL;
  guint32 n_tables = 0;
  gboolean read;

  if (mode == NULL)
    return FALSE;
  uri = database_uri (path, mode);
  read = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_URI | SQLITE_OPEN_READONLY, NULL) == SQLITE_OK
         && (sqlite3_busy_timeout (db, 5000), TRUE)
         && query_pragma (db, "PRAGMA application_id", &header->application_id)
         && query_pragma (db, "PRAGMA user_version", &header->user_version)
         && query_pragma (db, "SELECT count(*) FROM sqlite_schema", &n_tables);
  if (!read)
    {
      g_autofree char *display = _gloss_store_display_name (path);
      g_autofree char *message = _gloss_store_one_line (db != NULL ? sqlite3_errmsg (db)
                                                                   : g_strerror (ENOMEM));

      g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_FAILED,
                   _("%s: cannot read the project: %s"), display, message);
    }
  sqlite3_close_v2 (db);
  if (!read)
    return FALSE;

  /* Nothing committed yet: an import killed while creating the project. */
  header->empty = header->application_id == 0 && header->user_version == 0 && n_tables == 0;
  return header->empty
         || _gloss_store_check_identity (path, header->application_id, header->user_version, error);
}

/* A new project goes into a folder that exists: a mistyped path (or a URI)
 * must not become a chain of folders. */
static gboolean
prepare_folder (const char           *path,
                GlossStoreOpenFlags   flags,
                GError              **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *display = _gloss_store_display_name (path);
  g_autofree char *folder_display = _gloss_store_display_name (folder);
  int saved;

  if (g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      if (is_writable (folder))
        return TRUE;
      g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_READ_ONLY,
                   _("%s: cannot create the project: the folder %s is read-only"),
                   display, folder_display);
      return FALSE;
    }

  if (g_file_test (folder, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY,
                   _("%s: %s is not a folder"), display, folder_display);
      return FALSE;
    }

  if (!(flags & GLOSS_STORE_OPEN_CREATE_FOLDERS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("%s: the folder %s does not exist; create it first"),
                   display, folder_display);
      return FALSE;
    }

  if (g_mkdir_with_parents (folder, 0755) == 0)
    return TRUE;
  saved = errno;
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
               _("%s: cannot create the folder: %s"), folder_display, g_strerror (saved));
  return FALSE;
}

/* Missing and empty files become projects only when asked to. */
static gboolean
check_creation (const char              *path,
                const GlossStoreHeader  *header,
                GlossStoreOpenFlags      flags,
                GError                 **error)
{
  g_autofree char *display = NULL;

  if (flags & GLOSS_STORE_OPEN_CREATE)
    return header->exists || prepare_folder (path, flags, error);

  display = _gloss_store_display_name (path);
  if (header->empty)
    g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_GLOSS,
                 _("%s: an empty file, not a Gloss project yet; import articles into it to "
                   "start one"), display);
  else if (!header->exists)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 _("%s: no such project; check the path, or import a file to create it"),
                 display);
  else
    return TRUE;
  return FALSE;
}

/* Version 5 regroups every annotation into annotator sets: the project as it
 * was is kept beside it first, once, as FILE.v4-backup (a consistent copy even
 * while changes wait in the -wal). */
static gboolean
back_up_before_sets (GlossStore        *self,
                     GlossStoreHeader  *header,
                     GError           **error)
{
  g_autofree char *backup = NULL;
  sqlite3_stmt *stmt;

  if (header->user_version == 0 || header->user_version >= 5)
    return TRUE;
  backup = g_strdup_printf ("%s.v%u-backup", self->path, header->user_version);
  if (g_file_test (backup, G_FILE_TEST_EXISTS))
    return TRUE;
  stmt = _gloss_store_prepare (self, "VACUUM INTO ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, backup, -1, SQLITE_TRANSIENT);
  if (!_gloss_store_step_done (self, stmt, error))
    return FALSE;
  g_debug ("%s: the project as it was is kept in %s", self->path, backup);
  return TRUE;
}

static gboolean
bring_up_to_date (GlossStore        *self,
                  GlossStoreHeader  *header,
                  GError           **error)
{
  g_autofree char *display = NULL;

  if (header->user_version >= GLOSS_STORE_SCHEMA_VERSION)
    return TRUE;
  if (!self->read_only)
    return back_up_before_sets (self, header, error)
           && _gloss_store_migrate (self, GLOSS_STORE_SCHEMA_VERSION, error);

  display = _gloss_store_display_name (self->path);
  g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_READ_ONLY,
               _("%s: made by an older Gloss and read-only; make it writable once "
                 "so that Gloss can update it"), display);
  return FALSE;
}

static gboolean
open_project (GlossStore        *self,
              GlossStoreHeader  *header,
              GError           **error)
{
  gboolean fresh = self->creation != CREATION_NONE;

  if (!open_database (self, header, error)
      || !bring_up_to_date (self, header, error)
      || !_gloss_store_load_schema (self, error)
      || !_gloss_store_prepare_sets (self, error)
      || !_gloss_store_choose_set (self, error))
    return FALSE;

  if (fresh && self->labels->len == 0
      && !gloss_store_apply_preset (self, GLOSS_PRESET_ONTONOTES, error))
    return FALSE;

  /* A new or migrated project's header (application id, version) is written to
   * the main file now, not at some later checkpoint: other programs read the
   * header before they open the file. */
  if (!self->read_only && (fresh || header->user_version < GLOSS_STORE_SCHEMA_VERSION))
    _gloss_store_exec (self, "PRAGMA wal_checkpoint(TRUNCATE)", NULL);
  return TRUE;
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

/* Closes the database and takes away the project this store made: the file
 * goes, or an empty file that was there is emptied again. */
static gboolean
discard_files (GlossStore  *self,
               GError     **error)
{
  int failed = 0;

  if (self->creation == CREATION_NONE)
    return TRUE;

  g_hash_table_remove_all (self->statements);
  g_clear_pointer (&self->db, sqlite3_close_v2);
  if (self->creation == CREATION_FILE)
    failed = g_remove (self->path) != 0 && errno != ENOENT ? errno : 0;
  else
    failed = truncate (self->path, 0) != 0 ? errno : 0;
  remove_companions (self->path);
  self->creation = CREATION_NONE;
  self->read_only = TRUE;

  if (failed != 0)
    {
      g_autofree char *display = _gloss_store_display_name (self->path);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (failed),
                   _("%s: cannot remove the new project: %s"), display, g_strerror (failed));
      return FALSE;
    }
  return TRUE;
}

/**
 * gloss_store_open:
 * @path: the project file
 * @flags: whether to create a missing project, or to open it for reading only
 *
 * Reads the file's header first and refuses, without touching the file, one that
 * is not a Gloss project of a version this build reads. A file without write
 * permission, or in a folder without it, opens for reading; every write on it
 * then fails with %GLOSS_STORE_ERROR_READ_ONLY. A project this call was creating
 * when it failed is removed again.
 */
GlossStore *
gloss_store_open (const char           *path,
                  GlossStoreOpenFlags   flags,
                  GError              **error)
{
  g_autoptr(GlossStore) self = NULL;
  GlossStoreHeader header;

  g_return_val_if_fail (path != NULL, NULL);

  if (!_gloss_store_read_header (path, &header, error)
      || (header.wal_pending && !check_pending_header (path, &header, error))
      || !check_creation (path, &header, flags, error))
    return NULL;

  self = g_object_new (GLOSS_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->read_only = (flags & GLOSS_STORE_OPEN_READ_ONLY)
                    || (header.exists && !project_is_writable (path));
  if (!header.exists)
    self->creation = CREATION_FILE;
  else if (header.empty)
    self->creation = CREATION_FROM_EMPTY;

  if (self->creation != CREATION_NONE && self->read_only)
    {
      g_autofree char *display = _gloss_store_display_name (path);

      g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_READ_ONLY,
                   _("%s: empty and read-only; make it (and its folder) writable to start a "
                     "project there"), display);
      return NULL;
    }

  if (!open_project (self, &header, error))
    {
      discard_files (self, NULL);
      return NULL;
    }
  return g_steal_pointer (&self);
}

const char *
gloss_store_get_path (GlossStore *self)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);
  return self->path;
}

gboolean
gloss_store_is_read_only (GlossStore *self)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), TRUE);
  return self->read_only || self->viewing != NULL;
}

/**
 * gloss_store_is_new:
 *
 * Returns: whether opening made this project (the file was missing or empty)
 */
gboolean
gloss_store_is_new (GlossStore *self)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);
  return self->creation != CREATION_NONE;
}

/* Nobody else may be using the project: in WAL mode every connection holds a
 * shared lock on the file, so an exclusive one is had only when alone. */
static gboolean
alone_and_empty (GlossStore *self)
{
  sqlite3_stmt *stmt;
  gboolean empty = FALSE;

  sqlite3_busy_timeout (self->db, 0);
  if (_gloss_store_exec (self, "PRAGMA locking_mode = EXCLUSIVE", NULL)
      && _gloss_store_exec (self, "BEGIN EXCLUSIVE", NULL))
    {
      stmt = _gloss_store_prepare (self, "SELECT NOT EXISTS (SELECT 1 FROM documents)", NULL);
      empty = stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0);
      if (stmt != NULL)
        sqlite3_reset (stmt);
      _gloss_store_exec (self, "ROLLBACK", NULL);
    }
  if (!empty)
    _gloss_store_exec (self, "PRAGMA locking_mode = NORMAL", NULL);
  sqlite3_busy_timeout (self->db, 5000);
  return empty;
}

/**
 * gloss_store_discard_new:
 *
 * Takes away a project that opening this store made (see gloss_store_is_new())
 * while it still holds no documents and no other program has it open, so that
 * a command that imported nothing leaves nothing behind: the file and its
 * -wal and -shm are removed, or an empty file that was there before is left
 * empty. Afterwards the store is closed; only unref it.
 *
 * Returns: %TRUE if the project was taken away; %FALSE if it was kept, with
 *   @error set only when removing it failed
 */
gboolean
gloss_store_discard_new (GlossStore  *self,
                         GError     **error)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);

  if (self->creation == CREATION_NONE || self->db == NULL || !alone_and_empty (self))
    return FALSE;
  return discard_files (self, error);
}
