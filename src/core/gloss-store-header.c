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

/* The SQLite file format, section 1.3: the first 100 bytes of the database. */
#define HEADER_SIZE 100
#define SQLITE_MAGIC "SQLite format 3"

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static gboolean
refuse (GError     **error,
        GlossStoreError code,
        const char  *path,
        const char  *reason)
{
  g_autofree char *display = g_filename_display_name (path);

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
      g_autofree char *display = g_filename_display_name (path);

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

  n = read (fd, buffer, HEADER_SIZE);
  close (fd);
  if (n < 0)
    return refuse (error, GLOSS_STORE_ERROR_NOT_SQLITE, path, g_strerror (errno));

  *n_read = n;
  *size = st.st_size;
  return TRUE;
}

/* Decides from the header alone whether SQLite may open the file, so that a file
 * that is not ours is never touched (no -wal or -shm appears beside it). */
gboolean
_gloss_store_read_header (const char        *path,
                          GlossStoreHeader  *header,
                          GError           **error)
{
  guint8 buf[HEADER_SIZE];
  gsize n_read = 0;
  goffset size = 0;
  guint32 page_size, n_pages;

  memset (header, 0, sizeof *header);
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

  if (n_read < HEADER_SIZE)
    return refuse (error, GLOSS_STORE_ERROR_TRUNCATED, path,
                   _("truncated: shorter than an SQLite header; restore it from a backup"));

  page_size = (buf[16] << 8) | buf[17];
  if (page_size == 1)
    page_size = 65536;
  n_pages = read_be32 (buf + 28);

  /* The in-header size is valid only when the change counter matches the
   * version-valid-for number; older writers leave it stale. */
  if (read_be32 (buf + 24) == read_be32 (buf + 92) && n_pages > 0
      && (guint64) size < (guint64) page_size * n_pages)
    {
      g_autofree char *reason =
        g_strdup_printf (_("truncated: %" G_GOFFSET_FORMAT " bytes, but its header says "
                           "%" G_GUINT64_FORMAT "; restore it from a backup"),
                         size, (guint64) page_size * n_pages);
      return refuse (error, GLOSS_STORE_ERROR_TRUNCATED, path, reason);
    }

  if (size % page_size != 0 && size > page_size)
    return refuse (error, GLOSS_STORE_ERROR_TRUNCATED, path,
                   _("truncated: its size is not a whole number of pages; "
                     "restore it from a backup"));

  header->wal = buf[18] == 2 && buf[19] == 2;
  header->user_version = read_be32 (buf + 60);
  header->application_id = read_be32 (buf + 68);

  /* Committed transactions that no checkpoint has copied yet live in the -wal:
   * a project just created, or left by a killed program, has a header that does
   * not know it is ours yet. SQLite will read the -wal; ask it after opening. */
  if (header->wal)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      GStatBuf st;

      if (g_stat (wal, &st) == 0 && st.st_size > 0)
        {
          header->wal_pending = TRUE;
          return TRUE;
        }
    }

  if (header->application_id != GLOSS_STORE_APPLICATION_ID)
    return refuse (error, GLOSS_STORE_ERROR_NOT_GLOSS, path,
                   _("an SQLite database, but not a Gloss project; open a .gloss file"));

  if (header->user_version > GLOSS_STORE_SCHEMA_VERSION)
    {
      g_autofree char *reason =
        g_strdup_printf (_("made by a newer Gloss (project version %u; this Gloss reads up "
                           "to %u); update Gloss to open it"),
                         header->user_version, GLOSS_STORE_SCHEMA_VERSION);
      return refuse (error, GLOSS_STORE_ERROR_TOO_NEW, path, reason);
    }

  return TRUE;
}

gboolean
gloss_store_check_file (const char  *path,
                        GError     **error)
{
  GlossStoreHeader header;

  g_return_val_if_fail (path != NULL, FALSE);

  return _gloss_store_read_header (path, &header, error);
}
