/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A project file: what only SQLite has — the file header, checked before SQLite
 * may touch the file, read-only and immutable modes, WAL, the PRAGMAs, the
 * backup before migrating, and taking away a project this store created. */
#define G_LOG_DOMAIN "gloss-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <unistd.h>

#include "gloss-store-private.h"

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
  sqlite3 *handle = NULL;
  int rc;

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

  rc = sqlite3_open_v2 (uri, &handle, flags, NULL);
  self->db = gloss_db_new_sqlite (handle);
  if (rc != SQLITE_OK)
    {
      _gloss_store_set_error (self, error);
      return FALSE;
    }

  sqlite3_busy_timeout (handle, 5000);
  sqlite3_extended_result_codes (handle, TRUE);
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
  GlossDbStmt *stmt;

  if (header->user_version == 0 || header->user_version >= 5)
    return TRUE;
  backup = g_strdup_printf ("%s.v%u-backup", self->path, header->user_version);
  if (g_file_test (backup, G_FILE_TEST_EXISTS))
    return TRUE;
  stmt = _gloss_store_prepare (self, "VACUUM INTO ?", error);
  if (stmt == NULL)
    return FALSE;
  gloss_db_bind_text (stmt, 1, backup);
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

  g_clear_pointer (&self->db, gloss_db_close);
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

gboolean
_gloss_store_sqlite_open (GlossStore           *self,
                          const char           *path,
                          GlossStoreOpenFlags   flags,
                          GError              **error)
{
  GlossStoreHeader header;

  if (!_gloss_store_read_header (path, &header, error)
      || (header.wal_pending && !check_pending_header (path, &header, error))
      || !check_creation (path, &header, flags, error))
    return FALSE;

  self->path = g_strdup (path);
  self->engine = &_gloss_store_sqlite_engine;
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
      return FALSE;
    }

  if (!open_project (self, &header, error))
    {
      discard_files (self, NULL);
      return FALSE;
    }
  return TRUE;
}


/* Nobody else may be using the project: in WAL mode every connection holds a
 * shared lock on the file, so an exclusive one is had only when alone. */
static gboolean
alone_and_empty (GlossStore *self)
{
  sqlite3 *handle = gloss_db_get_sqlite (self->db);
  GlossDbStmt *stmt;
  gboolean empty = FALSE;

  sqlite3_busy_timeout (handle, 0);
  if (_gloss_store_exec (self, "PRAGMA locking_mode = EXCLUSIVE", NULL)
      && _gloss_store_exec (self, "BEGIN EXCLUSIVE", NULL))
    {
      stmt = _gloss_store_prepare (self, "SELECT NOT EXISTS (SELECT 1 FROM documents)", NULL);
      empty = stmt != NULL && gloss_db_step (stmt) == GLOSS_DB_ROW && gloss_db_column_int (stmt, 0);
      if (stmt != NULL)
        gloss_db_reset (stmt);
      _gloss_store_exec (self, "ROLLBACK", NULL);
    }
  if (!empty)
    _gloss_store_exec (self, "PRAGMA locking_mode = NORMAL", NULL);
  sqlite3_busy_timeout (handle, 5000);
  return empty;
}

gboolean
_gloss_store_sqlite_discard_new (GlossStore  *self,
                                 GError     **error)
{
  if (self->creation == CREATION_NONE || self->db == NULL || !alone_and_empty (self))
    return FALSE;
  return discard_files (self, error);
}

/* ---- The engine's parts of the store --------------------------------------- */

static gint64
sqlite_data_version (GlossStore *self)
{
  GlossDbStmt *stmt = _gloss_store_prepare (self, "PRAGMA data_version", NULL);
  gint64 version = -1;

  if (stmt != NULL && gloss_db_step (stmt) == GLOSS_DB_ROW)
    version = gloss_db_column_int64 (stmt, 0);
  if (stmt != NULL)
    gloss_db_reset (stmt);
  return version;
}

static gboolean
sqlite_check_integrity (GlossStore  *self,
                        GError     **error)
{
  GlossDbStmt *stmt = _gloss_store_prepare (self, "PRAGMA integrity_check", error);
  gboolean ok = FALSE;

  if (stmt == NULL)
    return FALSE;
  if (gloss_db_step (stmt) == GLOSS_DB_ROW)
    {
      const char *result = gloss_db_column_text (stmt, 0);

      ok = g_strcmp0 (result, "ok") == 0;
      if (!ok)
        g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_FAILED,
                     "%s: integrity check failed: %s", self->path, result);
    }
  else
    _gloss_store_set_error (self, error);
  gloss_db_reset (stmt);
  return ok;
}

const GlossStoreEngine _gloss_store_sqlite_engine = {
  "CREATE TEMP TABLE IF NOT EXISTS current_set_name (name TEXT NOT NULL);"
  "CREATE TEMP VIEW IF NOT EXISTS current_set AS "
  "  SELECT n.id FROM main.annotators n "
  "  JOIN temp.current_set_name c ON c.name = n.name",
  sqlite_data_version,
  sqlite_check_integrity,
  NULL,
};
