/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "gloss-store-private.h"

/* The SQLite file format, section 1.3: the first 100 bytes of the database,
 * followed on page 1 by the b-tree page header of the schema table (1.6). */
#define HEADER_SIZE 100
#define PREFIX_SIZE (HEADER_SIZE + 8)
#define SQLITE_MAGIC "SQLite format 3"

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* Messages are one line ("gloss-cli: FILE: reason"): a newline or another
 * control character in a file name or an SQLite message must not break it. */
char *
_gloss_store_one_line (const char *text)
{
  GString *line = g_string_sized_new (strlen (text));

  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      if (*p == '\n')
        g_string_append (line, "\\n");
      else if (*p == '\r')
        g_string_append (line, "\\r");
      else if (*p < 0x20 || *p == 0x7f)
        g_string_append_printf (line, "\\x%02x", *p);
      else
        g_string_append_c (line, *p);
    }
  return g_string_free (line, FALSE);
}

char *
_gloss_store_display_name (const char *path)
{
  g_autofree char *display = NULL;

  if (gloss_store_is_server_uri (path))
    display = _gloss_store_server_display_name (path);
  else
    display = g_filename_display_name (path);

  return _gloss_store_one_line (display);
}

static gboolean
refuse (GError     **error,
        GlossStoreError code,
        const char  *path,
        const char  *reason)
{
  g_autofree char *display = _gloss_store_display_name (path);

  g_set_error (error, GLOSS_STORE_ERROR, code, "%s: %s", display, reason);
  return FALSE;
}

static gboolean
read_prefix (const char  *path,
             guint8      *buffer,
             gsize       *n_read,
             goffset     *size,
             GError     **error)
{
  GStatBuf st;
  int fd;
  gssize n;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0 || fstat (fd, &st) != 0)
    {
      int saved = errno;
      g_autofree char *display = _gloss_store_display_name (path);

      if (fd >= 0)
        close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "%s: %s", display, g_strerror (saved));
      return FALSE;
    }

  if (S_ISDIR (st.st_mode))
    {
      close (fd);
      return refuse (error, GLOSS_STORE_ERROR_NOT_SQLITE, path,
                     _("is a folder, not a Gloss project; name a .gloss file"));
    }

  /* The size is taken after the header: a checkpoint writes the header first
   * and the pages after it, so the other order sees more "missing" pages. */
  n = read (fd, buffer, PREFIX_SIZE);
  if (n < 0 || fstat (fd, &st) != 0)
    {
      int saved = errno;

      close (fd);
      return refuse (error, GLOSS_STORE_ERROR_NOT_SQLITE, path, g_strerror (saved));
    }
  close (fd);

  *n_read = n;
  *size = st.st_size;
  return TRUE;
}

static guint32
page_size_of (const guint8 *header)
{
  guint32 page_size = (header[16] << 8) | header[17];

  return page_size == 1 ? 65536 : page_size;
}

/* Why the file looks cut short, or NULL. The in-header size counts only when
 * the change counter (offset 24) matches the version-valid-for number (92):
 * older writers leave it stale, and SQLite then goes by the file's size. */
static char *
truncation (const guint8 *header,
            goffset       size)
{
  guint32 page_size = page_size_of (header);
  guint32 n_pages = read_be32 (header + 28);

  if (read_be32 (header + 24) == read_be32 (header + 92) && n_pages > 0
      && (guint64) size < (guint64) page_size * n_pages)
    return g_strdup_printf (_("truncated: %lld bytes, but its header says "
                              "%llu; restore it from a backup"),
                            (long long) size, (unsigned long long) page_size * n_pages);

  /* Less than one page is only ever a blank file; with a schema version
   * written in it, the rest of the page is missing. */
  if (page_size > 0 && size % page_size != 0 && (size > page_size || read_be32 (header + 60) != 0))
    return g_strdup (_("truncated: its size is not a whole number of pages; "
                       "restore it from a backup"));
  return NULL;
}

/* Write-ahead log format (fileformat.html, 4.1): a 32-byte header that starts
 * with 0x377f0682 or 0x377f0683 and names the page size, then frames of a
 * 24-byte header and one page each. */
#define WAL_HEADER_SIZE 32
#define WAL_FRAME_HEADER_SIZE 24
#define WAL_MAGIC 0x377f0682

/* Committed pages that no checkpoint has copied into the file yet: SQLite
 * reads them from the -wal, so the file alone may be short or stale. */
static gboolean
wal_holds_pages (const char *path,
                 guint32     page_size)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  guint8 buf[WAL_HEADER_SIZE];
  GStatBuf st;
  gboolean holds;
  int fd;

  fd = g_open (wal, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return FALSE;
  holds = read (fd, buf, sizeof buf) == sizeof buf
          && fstat (fd, &st) == 0
          && (read_be32 (buf) & ~1u) == WAL_MAGIC
          && read_be32 (buf + 8) == page_size
          && st.st_size >= WAL_HEADER_SIZE + WAL_FRAME_HEADER_SIZE + (goffset) page_size;
  close (fd);
  return holds;
}

/* A file shorter than its header says is truncated, unless the -wal beside it
 * holds the pages (a checkpoint cut short by a full disk, or still running in
 * another program). A checkpoint that ends between reading the header and
 * looking for the -wal removes the -wal but leaves the file whole, so a file
 * that looks truncated is read once more before it is refused. */
static gboolean
check_size (const char  *path,
            guint8      *buf,
            gsize       *n_read,
            goffset     *size,
            GError     **error)
{
  g_autofree char *reason = NULL;

  for (guint attempt = 0; attempt < 2; attempt++)
    {
      g_clear_pointer (&reason, g_free);
      if (attempt > 0 && !read_prefix (path, buf, n_read, size, error))
        return FALSE;
      if (*n_read < HEADER_SIZE)
        return refuse (error, GLOSS_STORE_ERROR_TRUNCATED, path,
                       _("truncated: shorter than an SQLite header; restore it from a backup"));

      reason = truncation (buf, *size);
      if (reason == NULL || wal_holds_pages (path, page_size_of (buf)))
        return TRUE;
    }
  return refuse (error, GLOSS_STORE_ERROR_TRUNCATED, path, reason);
}

/* What the header (or SQLite, reading through the -wal) says the file is. */
gboolean
_gloss_store_check_identity (const char  *path,
                             guint32      application_id,
                             guint32      user_version,
                             GError     **error)
{
  if (application_id != GLOSS_STORE_APPLICATION_ID)
    return refuse (error, GLOSS_STORE_ERROR_NOT_GLOSS, path,
                   _("an SQLite database, but not a Gloss project; open a .gloss file"));

  /* Gloss writes the application id and the version in one transaction. */
  if (user_version == 0)
    return refuse (error, GLOSS_STORE_ERROR_DAMAGED, path,
                   _("damaged, or not a Gloss project: marked as one but without a project "
                     "version; restore it from a backup"));

  if (user_version > GLOSS_STORE_SCHEMA_VERSION)
    {
      g_autofree char *reason =
        g_strdup_printf (_("made by a newer Gloss (project version %u; this Gloss reads up "
                           "to %u); update Gloss to open it"),
                         user_version, GLOSS_STORE_SCHEMA_VERSION);
      return refuse (error, GLOSS_STORE_ERROR_TOO_NEW, path, reason);
    }
  return TRUE;
}

/* One page, no application id, no version and not one table: what an import
 * killed while it was creating the project leaves (SQLite has switched the
 * file to WAL mode, the first transaction never committed). It holds nothing,
 * so it is taken as an empty file, not as another program's database. */
static gboolean
is_blank (const guint8 *buf,
          gsize         n_read,
          goffset       size)
{
  return n_read >= PREFIX_SIZE
         && size <= (goffset) page_size_of (buf)
         && read_be32 (buf + 60) == 0
         && read_be32 (buf + 68) == 0
         && buf[HEADER_SIZE] == 0x0d
         && buf[HEADER_SIZE + 3] == 0 && buf[HEADER_SIZE + 4] == 0;
}

/* The empty path is refused before anything is looked up or created (a
 * PostgreSQL URI never comes here: gloss_store_open () hands it to the server). */
static gboolean
check_path (const char  *path,
            GError     **error)
{
  if (*path == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                           _("the project path is empty; name a .gloss file"));
      return FALSE;
    }
  return TRUE;
}

/* Decides from the header alone whether SQLite may open the file, so that a file
 * that is not ours is never touched (no -wal or -shm appears beside it). */
gboolean
_gloss_store_read_header (const char        *path,
                          GlossStoreHeader  *header,
                          GError           **error)
{
  guint8 buf[PREFIX_SIZE];
  gsize n_read = 0;
  goffset size = 0;

  memset (header, 0, sizeof *header);
  if (!check_path (path, error))
    return FALSE;
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;

  header->exists = TRUE;
  if (!read_prefix (path, buf, &n_read, &size, error))
    return FALSE;

  if (size == 0)
    {
      header->empty = TRUE;
      return TRUE;
    }

  if (n_read < sizeof SQLITE_MAGIC || memcmp (buf, SQLITE_MAGIC, sizeof SQLITE_MAGIC) != 0)
    return refuse (error, GLOSS_STORE_ERROR_NOT_SQLITE, path,
                   _("not a Gloss project (not an SQLite database); open a .gloss file "
                     "or import this file with “gloss-cli import”"));

  if (!check_size (path, buf, &n_read, &size, error))
    return FALSE;

  header->wal = buf[18] == 2 && buf[19] == 2;
  header->user_version = read_be32 (buf + 60);
  header->application_id = read_be32 (buf + 68);

  /* Committed transactions that no checkpoint has copied yet live in the -wal:
   * a project just created, or left by a killed program, has a header that does
   * not know it is ours yet. SQLite will read the -wal; ask it after opening. */
  header->wal_pending = wal_holds_pages (path, page_size_of (buf));
  if (header->wal_pending)
    return TRUE;

  header->empty = is_blank (buf, n_read, size);
  if (header->empty)
    return TRUE;

  return _gloss_store_check_identity (path, header->application_id, header->user_version, error);
}

gboolean
gloss_store_check_file (const char  *path,
                        GError     **error)
{
  GlossStoreHeader header;

  g_return_val_if_fail (path != NULL, FALSE);

  return _gloss_store_read_header (path, &header, error);
}
