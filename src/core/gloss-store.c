/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "gloss-color.h"
#include "gloss-core-resources.h"
#include "gloss-store-private.h"
#include "gloss-text.h"

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

/* ---- SQLite plumbing ---------------------------------------------------- */

static void
set_damaged (GlossStore  *self,
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

      set_damaged (self, what, error);
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

        set_damaged (self, what, error);
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

/* ---- Spans, relations, entities: rows ------------------------------------------ */

gboolean
_gloss_store_check_span (GlossStore       *self,
                         const GlossSpan  *span,
                         gint              length,
                         GError          **error)
{
  if (gloss_store_lookup_label (self, span->label) == NULL)
    {
      g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID,
                   _("unknown label “%s”"), span->label ? span->label : "");
      return FALSE;
    }
  if (span->fragments == NULL || span->fragments->len == 0)
    {
      g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID, _("no fragments"));
      return FALSE;
    }

  for (guint i = 0; i < span->fragments->len; i++)
    {
      const GlossFragment *f = &g_array_index (span->fragments, GlossFragment, i);
      gint previous_end = i > 0 ? g_array_index (span->fragments, GlossFragment, i - 1).end : 0;

      if (f->start < 0 || f->end <= f->start || f->end > length)
        {
          g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID,
                       _("offsets [%d, %d] are outside the text (0 to %d code points)"),
                       f->start, f->end, length);
          return FALSE;
        }
      if (f->start < previous_end)
        {
          g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID,
                       _("fragments overlap at %d"), f->start);
          return FALSE;
        }
    }
  return TRUE;
}

gint64
_gloss_store_insert_span_row (GlossStore       *self,
                              gint64            document,
                              const GlossSpan  *span,
                              GError          **error)
{
  const GlossLabel *label = gloss_store_lookup_label (self, span->label);
  g_autofree char *fragments = gloss_span_fragments_to_string (span);
  sqlite3_stmt *stmt;

  stmt = _gloss_store_prepare (self,
                               "INSERT INTO annotations (document_id, uid, label_id, start, end, "
                               "fragments, attrs, note, origin, annotator_id) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, " GLOSS_STORE_CURRENT_SET ")",
                               error);
  if (stmt == NULL)
    return -1;

  sqlite3_bind_int64 (stmt, 1, document);
  sqlite3_bind_text (stmt, 2, span->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, label->rowid);
  sqlite3_bind_int (stmt, 4, gloss_span_get_start (span));
  sqlite3_bind_int (stmt, 5, gloss_span_get_end (span));
  sqlite3_bind_text (stmt, 6, fragments, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, span->attrs != NULL ? span->attrs : "{}", -1, SQLITE_TRANSIENT);
  _gloss_store_bind_text_or_null (stmt, 8, span->note);
  _gloss_store_bind_text_or_null (stmt, 9, span->origin);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      int code = sqlite3_extended_errcode (self->db);

      sqlite3_reset (stmt);
      if (code == SQLITE_CONSTRAINT_UNIQUE)
        g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_DUPLICATE,
                     _("a %s span with the same offsets %s is already there"),
                     span->label, fragments);
      else
        _gloss_store_set_error (self, error);
      return -1;
    }
  sqlite3_reset (stmt);
  return sqlite3_last_insert_rowid (self->db);
}

gint64
_gloss_store_lookup_rowid (GlossStore  *self,
                           const char  *sql,
                           gint64       document,
                           const char  *uid)
{
  sqlite3_stmt *stmt = _gloss_store_prepare (self, sql, NULL);
  gint64 rowid = -1;

  if (stmt == NULL || uid == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, document);
  sqlite3_bind_text (stmt, 2, uid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    rowid = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return rowid;
}

static const char *span_uid_sql =
  "SELECT id FROM annotations WHERE document_id = ? AND uid = ? AND annotator_id = " GLOSS_STORE_CURRENT_SET;

/* The next free "<prefix><n>" in @document, counting from the number of rows. */
char *
_gloss_store_mint_uid (GlossStore  *self,
                       const char  *uid_sql,
                       const char  *count_sql,
                       const char  *prefix,
                       gint64       document)
{
  sqlite3_stmt *stmt = _gloss_store_prepare (self, count_sql, NULL);
  gint64 n = 0;

  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, document);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        n = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }

  for (;;)
    {
      g_autofree char *uid = g_strdup_printf ("%s%" G_GINT64_FORMAT, prefix, ++n);

      if (_gloss_store_lookup_rowid (self, uid_sql, document, uid) < 0)
        return g_steal_pointer (&uid);
    }
}

/* ---- Reading annotations ---------------------------------------------------------- */

static GlossSpan *
span_from_row (GlossStore    *self,
               sqlite3_stmt  *stmt,
               gint64         document,
               GError       **error)
{
  gint64 label_rowid = sqlite3_column_int64 (stmt, 2);
  const GlossLabel *label = g_hash_table_lookup (self->labels_by_rowid, &label_rowid);
  g_autoptr(GlossSpan) span = NULL;

  if (!_gloss_store_row_complete (self, stmt, GLOSS_STORE_COLUMN (1) | GLOSS_STORE_COLUMN (3) | GLOSS_STORE_COLUMN (4), error))
    return NULL;

  span = gloss_span_new (label != NULL ? label->name : "?", 0, 0);
  span->rowid = sqlite3_column_int64 (stmt, 0);
  span->document = document;
  span->id = _gloss_store_column_dup (stmt, 1);
  if (!gloss_span_set_fragments_from_string (span, (const char *) sqlite3_column_text (stmt, 3)))
    {
      g_autofree char *what = g_strdup_printf (_("span “%s” has fragments that cannot be read"),
                                               span->id);

      set_damaged (self, what, error);
      return NULL;
    }
  g_free (span->attrs);
  span->attrs = _gloss_store_column_dup (stmt, 4);
  span->annotator = _gloss_store_column_dup (stmt, 5);
  span->note = _gloss_store_column_dup (stmt, 6);
  span->origin = _gloss_store_column_dup (stmt, 7);
  return g_steal_pointer (&span);
}

/* Steps @stmt, prepared from GLOSS_STORE_SPANS_SQL and bound, to its end. */
GPtrArray *
_gloss_store_read_spans (GlossStore    *self,
                         sqlite3_stmt  *stmt,
                         gint64         document,
                         GError       **error)
{
  g_autoptr(GPtrArray) spans = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_span_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GlossSpan *span = span_from_row (self, stmt, document, error);

      if (span == NULL)
        {
          sqlite3_reset (stmt);
          return NULL;
        }
      g_ptr_array_add (spans, span);
    }
  if (!_gloss_store_rows_done (self, stmt, rc, error))
    return NULL;
  /* Sorted here rather than by SQLite: "the longer first" (end descending)
   * would make every query run a sorter, and exports run one per document. */
  g_ptr_array_sort (spans, gloss_span_compare);
  return g_steal_pointer (&spans);
}

/**
 * gloss_store_list_spans:
 *
 * Returns: (transfer container) (element-type GlossSpan): the document's spans
 *   in reading order (by start, the longer first)
 */
GPtrArray *
gloss_store_list_spans (GlossStore  *self,
                        gint64       document,
                        GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);

  stmt = _gloss_store_prepare (self, GLOSS_STORE_SPANS_SQL GLOSS_STORE_CURRENT_SET, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document);
  return _gloss_store_read_spans (self, stmt, document, error);
}

/* ---- Mutations: each one transaction and one undo step ------------------------------ */

gint
_gloss_store_document_length (GlossStore  *self,
                              gint64       document,
                              GError     **error)
{
  sqlite3_stmt *stmt = _gloss_store_prepare (self, "SELECT length FROM documents WHERE id = ?", error);
  gint length = -1;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, document);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    length = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  if (length < 0)
    {
      g_autofree char *what = g_strdup_printf ("#%" G_GINT64_FORMAT, document);

      _gloss_store_set_not_found (error, _("document"), what);
    }
  return length;
}

/**
 * gloss_store_add_span:
 * @span: the label, fragments and optionally id, attributes and note; the
 *   annotator is the store's unless the span names one
 *
 * Returns: (transfer full): the stored span, with its id
 */
GlossSpan *
gloss_store_add_span (GlossStore       *self,
                      gint64            document,
                      const GlossSpan  *span,
                      GError          **error)
{
  g_autoptr(GlossSpan) stored = NULL;
  g_autofree char *description = NULL;
  gint64 rowid;
  gint length;

  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);
  g_return_val_if_fail (span != NULL, NULL);

  length = _gloss_store_document_length (self, document, error);
  if (length < 0 || !_gloss_store_check_span (self, span, length, error))
    return NULL;

  description = g_strdup_printf (_("Add %s"), span->label);
  if (!_gloss_store_begin_mutation (self, description, document, error))
    return NULL;

  stored = gloss_span_new (span->label, 0, 0);
  g_array_append_vals (stored->fragments, span->fragments->data, span->fragments->len);
  g_free (stored->attrs);
  stored->attrs = g_strdup (span->attrs != NULL ? span->attrs : "{}");
  stored->note = g_strdup (span->note);
  stored->origin = g_strdup (span->origin);
  stored->annotator = gloss_store_get_set (self);
  stored->document = document;

  if (span->id != NULL && _gloss_store_lookup_rowid (self, span_uid_sql, document, span->id) >= 0)
    {
      g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_DUPLICATE,
                   _("span id %s is already taken"), span->id);
      _gloss_store_end_mutation (self, FALSE, NULL);
      return NULL;
    }
  stored->id = span->id != NULL
               ? g_strdup (span->id)
               : _gloss_store_mint_uid (self, span_uid_sql,
                                        "SELECT count(*) FROM annotations WHERE document_id = ? AND annotator_id = " GLOSS_STORE_CURRENT_SET,
                                        "s", document);

  rowid = _gloss_store_insert_span_row (self, document, stored, error);
  if (rowid < 0)
    {
      _gloss_store_end_mutation (self, FALSE, NULL);
      return NULL;
    }
  stored->rowid = rowid;
  _gloss_store_track_row (self, &_gloss_store_table_annotations, rowid, FALSE);

  if (!_gloss_store_end_mutation (self, _gloss_store_mark_in_progress (self, document, error), error))
    return NULL;
  return g_steal_pointer (&stored);
}

gint64
_gloss_store_require_span (GlossStore  *self,
                           gint64       document,
                           const char  *span_id,
                           GError     **error)
{
  gint64 rowid = _gloss_store_lookup_rowid (self, span_uid_sql, document, span_id);

  if (rowid < 0)
    _gloss_store_set_not_found (error, _("span"), span_id);
  return rowid;
}

gboolean
_gloss_store_track_rows_of (GlossStore       *self,
                            const char       *sql,
                            gint64            rowid,
                            const TableInfo  *table,
                            GError          **error)
{
  sqlite3_stmt *stmt = _gloss_store_prepare (self, sql, error);
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (rows, id);
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i < rows->len; i++)
    _gloss_store_track_row (self, table, g_array_index (rows, gint64, i), TRUE);
  return TRUE;
}

/* Rows that the database would delete by cascade are deleted by hand first, so
 * that the undo step knows them and can bring them back. */

/* An entity whose only mention goes, goes too: an entity of no mentions
 * would be exported as a name pointing at nothing. */
static gboolean
delete_orphans (GlossStore  *self,
                GArray      *entities,
                GError     **error)
{
  for (guint i = 0; i < entities->len; i++)
    {
      gint64 entity = g_array_index (entities, gint64, i);
      sqlite3_stmt *stmt;

      _gloss_store_track_row (self, &_gloss_store_table_entities, entity, TRUE);
      stmt = _gloss_store_prepare (self, "DELETE FROM entities WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, entity);
      if (!_gloss_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
_gloss_store_delete_span_row (GlossStore  *self,
                              gint64       rowid,
                              GError     **error)
{
  g_autoptr(GArray) orphans = NULL;
  sqlite3_stmt *stmt;

  if (!_gloss_store_track_rows_of (self, "SELECT id FROM relations WHERE from_id = ?1 OR to_id = ?1", rowid,
                                   &_gloss_store_table_relations, error)
      || !_gloss_store_track_rows_of (self, "SELECT id FROM entity_mentions WHERE annotation_id = ?", rowid,
                                      &_gloss_store_table_entity_mentions, error))
    return FALSE;
  _gloss_store_track_row (self, &_gloss_store_table_annotations, rowid, TRUE);

  stmt = _gloss_store_prepare (self,
                               "DELETE FROM relations WHERE from_id = ?1 OR to_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);
  if (!_gloss_store_step_done (self, stmt, error))
    return FALSE;

  orphans = _gloss_store_rowids_of (self, "SELECT m.entity_id FROM entity_mentions m WHERE m.annotation_id = ?1 "
                                          "AND (SELECT count(*) FROM entity_mentions o WHERE o.entity_id = m.entity_id) = 1",
                                    rowid);
  stmt = _gloss_store_prepare (self, "DELETE FROM entity_mentions WHERE annotation_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);
  if (!_gloss_store_step_done (self, stmt, error) || !delete_orphans (self, orphans, error))
    return FALSE;

  stmt = _gloss_store_prepare (self, "DELETE FROM annotations WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);
  return _gloss_store_step_done (self, stmt, error);
}

gboolean
gloss_store_delete_span (GlossStore  *self,
                         gint64       document,
                         const char  *span_id,
                         GError     **error)
{
  gint64 rowid;

  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);
  g_return_val_if_fail (span_id != NULL, FALSE);

  if ((rowid = _gloss_store_require_span (self, document, span_id, error)) < 0
      || !_gloss_store_begin_mutation (self, _("Delete annotation"), document, error))
    return FALSE;

  return _gloss_store_end_mutation (self, _gloss_store_delete_span_row (self, rowid, error), error);
}

static gboolean
update_span (GlossStore   *self,
             const char   *description,
             const char   *sql,
             gint64        document,
             const char   *span_id,
             const char   *text_value,
             gint64        int_value,
             GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 rowid;
  gboolean ok;

  if ((rowid = _gloss_store_require_span (self, document, span_id, error)) < 0
      || !_gloss_store_begin_mutation (self, description, document, error))
    return FALSE;

  _gloss_store_track_row (self, &_gloss_store_table_annotations, rowid, TRUE);
  stmt = _gloss_store_prepare (self, sql, error);
  ok = stmt != NULL;
  if (ok)
    {
      if (text_value != NULL)
        sqlite3_bind_text (stmt, 1, text_value, -1, SQLITE_TRANSIENT);
      else if (int_value >= 0)
        sqlite3_bind_int64 (stmt, 1, int_value);
      sqlite3_bind_int64 (stmt, 2, rowid);
      ok = _gloss_store_step_done (self, stmt, error);
    }
  return _gloss_store_end_mutation (self, ok, error);
}

gboolean
gloss_store_set_span_label (GlossStore  *self,
                            gint64       document,
                            const char  *span_id,
                            const char  *label_name,
                            GError     **error)
{
  const GlossLabel *label;
  g_autofree char *description = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);
  g_return_val_if_fail (span_id != NULL, FALSE);

  label = gloss_store_lookup_label (self, label_name);
  if (label == NULL)
    return _gloss_store_set_not_found (error, _("label"), label_name ? label_name : "");

  description = g_strdup_printf (_("Relabel as %s"), label->name);
  if (update_span (self, description, "UPDATE annotations SET label_id = ?1 WHERE id = ?2",
                   document, span_id, NULL, label->rowid, &local_error))
    return TRUE;

  if (g_error_matches (local_error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_DUPLICATE))
    g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_DUPLICATE,
                 _("a %s span with the same offsets is already there"), label->name);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

gboolean
gloss_store_set_span_note (GlossStore  *self,
                           gint64       document,
                           const char  *span_id,
                           const char  *note,
                           GError     **error)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);
  g_return_val_if_fail (span_id != NULL, FALSE);

  if (note != NULL && *note == '\0')
    note = NULL;
  return update_span (self, _("Edit note"), "UPDATE annotations SET note = ?1 WHERE id = ?2",
                      document, span_id, note, -1, error);
}

static char *
span_attrs (GlossStore *self,
            gint64      rowid,
            gint64     *label_rowid)
{
  sqlite3_stmt *stmt = _gloss_store_prepare (self, "SELECT attrs, label_id FROM annotations WHERE id = ?",
                                             NULL);
  char *attrs = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, rowid);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      attrs = _gloss_store_column_dup (stmt, 0);
      *label_rowid = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  return attrs;
}

static gboolean
check_attribute_value (const GlossLabel  *label,
                       const char        *name,
                       JsonNode          *value,
                       GError           **error)
{
  const GlossAttributeDef *def = label ? gloss_label_find_attribute (label, name) : NULL;
  GType type = value != NULL && JSON_NODE_HOLDS_VALUE (value) ? json_node_get_value_type (value) : 0;

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return TRUE;
  if (def == NULL)
    {
      if (type == G_TYPE_STRING || type == G_TYPE_BOOLEAN)
        return TRUE;
    }
  else if (def->type == GLOSS_ATTRIBUTE_BOOLEAN && type == G_TYPE_BOOLEAN)
    return TRUE;
  else if (def->type == GLOSS_ATTRIBUTE_TEXT && type == G_TYPE_STRING)
    return TRUE;
  else if (def->type == GLOSS_ATTRIBUTE_ENUM && type == G_TYPE_STRING
           && def->values != NULL
           && g_strv_contains ((const char * const *) def->values, json_node_get_string (value)))
    return TRUE;

  g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID,
               _("“%s” is not a valid value of attribute %s"),
               type == G_TYPE_STRING ? json_node_get_string (value) : "?", name);
  return FALSE;
}

/**
 * gloss_store_set_span_attribute:
 * @json_value: (nullable): the value as JSON ("\"direct\"", "true"); %NULL
 *   removes the attribute
 *
 * Sets one attribute, checked against the label's attribute definition: an enum
 * takes one of its values, a boolean true or false, a text a string.
 */
gboolean
gloss_store_set_span_attribute (GlossStore  *self,
                                gint64       document,
                                const char  *span_id,
                                const char  *name,
                                const char  *json_value,
                                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonNode) value = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *attrs = NULL;
  g_autofree char *updated = NULL;
  g_autofree char *description = NULL;
  JsonObject *object;
  gint64 rowid, label_rowid = 0;

  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);
  g_return_val_if_fail (span_id != NULL && name != NULL, FALSE);

  if ((rowid = _gloss_store_require_span (self, document, span_id, error)) < 0)
    return FALSE;

  if (json_value != NULL)
    {
      if (!json_parser_load_from_data (parser, json_value, -1, error))
        return FALSE;
      value = json_node_copy (json_parser_get_root (parser));
      if (JSON_NODE_HOLDS_NULL (value))
        g_clear_pointer (&value, json_node_unref);
    }

  attrs = span_attrs (self, rowid, &label_rowid);
  if (!check_attribute_value (g_hash_table_lookup (self->labels_by_rowid, &label_rowid), name, value, error))
    return FALSE;

  root = json_from_string (attrs != NULL ? attrs : "{}", NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    root = json_node_init_object (json_node_alloc (), json_object_new ());
  object = json_node_get_object (root);
  if (value != NULL)
    json_object_set_member (object, name, g_steal_pointer (&value));
  else
    json_object_remove_member (object, name);
  updated = json_to_string (root, FALSE);

  description = g_strdup_printf (_("Set %s"), name);
  return update_span (self, description, "UPDATE annotations SET attrs = ?1 WHERE id = ?2",
                      document, span_id, updated, -1, error);
}

/**
 * gloss_store_add_fragment:
 *
 * Makes a span discontinuous: a quote interrupted by "he said" is one QUOTE
 * with two fragments. The new fragment may not overlap the span's others.
 */
gboolean
gloss_store_add_fragment (GlossStore  *self,
                          gint64       document,
                          const char  *span_id,
                          gint         start,
                          gint         end,
                          GError     **error)
{
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GlossSpan) changed = NULL;
  g_autofree char *fragments = NULL;
  const GlossSpan *span = NULL;
  sqlite3_stmt *stmt;
  gint64 rowid;
  gint length;
  gboolean ok;

  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);
  g_return_val_if_fail (span_id != NULL, FALSE);

  if ((rowid = _gloss_store_require_span (self, document, span_id, error)) < 0
      || (length = _gloss_store_document_length (self, document, error)) < 0
      || (spans = gloss_store_list_spans (self, document, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < spans->len && span == NULL; i++)
    if (g_str_equal (((GlossSpan *) g_ptr_array_index (spans, i))->id, span_id))
      span = g_ptr_array_index (spans, i);

  changed = gloss_span_new (span->label, 0, 0);
  g_array_append_vals (changed->fragments, span->fragments->data, span->fragments->len);
  gloss_span_add_fragment (changed, start, end);
  if (!_gloss_store_check_span (self, changed, length, error))
    return FALSE;
  fragments = gloss_span_fragments_to_string (changed);

  if (!_gloss_store_begin_mutation (self, _("Add fragment"), document, error))
    return FALSE;
  _gloss_store_track_row (self, &_gloss_store_table_annotations, rowid, TRUE);
  stmt = _gloss_store_prepare (self, "UPDATE annotations SET fragments = ?1, start = ?2, end = ?3 "
                                     "WHERE id = ?4", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, fragments, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, gloss_span_get_start (changed));
      sqlite3_bind_int (stmt, 3, gloss_span_get_end (changed));
      sqlite3_bind_int64 (stmt, 4, rowid);
      ok = _gloss_store_step_done (self, stmt, error);
    }
  return _gloss_store_end_mutation (self, ok, error);
}
