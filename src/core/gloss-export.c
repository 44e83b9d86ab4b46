/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-export"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gloss-agreement-store.h"
#include "gloss-export-private.h"
#include "gloss-native.h"
#include "gloss-text.h"

G_DEFINE_QUARK (gloss-export-error-quark, gloss_export_error)

gboolean
_gloss_export_output_error (GError     **error,
                  const char  *path,
                  int          saved_errno,
                  const char  *what)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, GLOSS_EXPORT_ERROR, GLOSS_EXPORT_ERROR_OUTPUT, "%s: %s: %s",
               display, what, g_strerror (saved_errno));
  return FALSE;
}

/* ---- Temporary files a killed export leaves behind -------------------------------- */

/* Every temporary file or folder of an export is ".NAME.gloss-tmp-PID-XXXXXX"
 * beside its final place. One whose process is gone was left by a killed
 * export, and the next export into the same folder removes it. */
#define TEMPORARY_MARK ".gloss-tmp-"
#define TEMPORARY_NAME_MAX 100   /* bytes of NAME kept in a temporary's name */

/* Cuts @s to at most @max bytes, not inside a UTF-8 sequence. */
static void
cut_utf8 (char  *s,
          gsize  max)
{
  gsize end = max;

  if (strlen (s) <= max)
    return;
  while (end > 0 && ((guchar) s[end] & 0xC0) == 0x80)
    end--;
  s[end] = '\0';
}

static char *
temporary_template (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = NULL;

  cut_utf8 (base, TEMPORARY_NAME_MAX);
  name = g_strdup_printf (".%s" TEMPORARY_MARK "%ld-XXXXXX", base, (long) getpid ());
  return g_build_filename (dir, name, NULL);
}

/* The process that made @name, when it names one of our temporaries. */
static gboolean
temporary_owner (const char *name,
                 pid_t      *pid)
{
  const char *mark = g_strrstr (name, TEMPORARY_MARK);
  const char *digits;
  char *end = NULL;
  guint64 value;

  if (name[0] != '.' || mark == NULL || mark == name)
    return FALSE;
  digits = mark + strlen (TEMPORARY_MARK);
  if (!g_ascii_isdigit (*digits))
    return FALSE;
  value = g_ascii_strtoull (digits, &end, 10);
  if (value == 0 || value > G_MAXINT32 || *end != '-' || strlen (end + 1) != 6)
    return FALSE;
  *pid = (pid_t) value;
  return TRUE;
}

static gboolean
is_stale_temporary (const char *dir,
                    const char *name)
{
  g_autofree char *path = NULL;
  struct stat st;
  pid_t pid;

  if (!temporary_owner (name, &pid) || kill (pid, 0) == 0 || errno != ESRCH)
    return FALSE;
  /* Only our own: a shared folder's other users clean up after themselves. */
  path = g_build_filename (dir, name, NULL);
  return lstat (path, &st) == 0 && st.st_uid == getuid ();
}

static void
remove_stale_temporaries (const char *dir)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) stale = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    if (is_stale_temporary (dir, name))
      g_ptr_array_add (stale, g_build_filename (dir, name, NULL));

  for (guint i = 0; i < stale->len; i++)
    {
      const char *path = g_ptr_array_index (stale, i);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        _gloss_export_remove_tree (path);
      else
        g_unlink (path);
    }
}

/* ---- Output that appears whole or not at all ------------------------------------ */

struct _GlossAtomicFile
{
  char *path;     /* as the user named it, for messages */
  char *target;   /* @path with its links resolved: what a commit replaces */
  char *tmp;      /* NULL when written in place */
  FILE *fp;
};

void
_gloss_atomic_file_abort (GlossAtomicFile *file)
{
  if (file == NULL)
    return;
  if (file->fp != NULL)
    fclose (file->fp);
  if (file->tmp != NULL)
    g_unlink (file->tmp);
  g_free (file->tmp);
  g_free (file->target);
  g_free (file->path);
  g_free (file);
}

static gboolean
refuse_output (GError     **error,
               const char  *path,
               const char  *reason)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, GLOSS_EXPORT_ERROR, GLOSS_EXPORT_ERROR_OUTPUT, "%s: %s", display, reason);
  return FALSE;
}

static gboolean
open_stream (GlossAtomicFile  *file,
             int               fd,
             GError          **error)
{
  if (fd < 0)
    {
      int saved = errno;

      g_clear_pointer (&file->tmp, g_free);
      return _gloss_export_output_error (error, file->path, saved, _("cannot write the export there"));
    }
  file->fp = fdopen (fd, "w");
  setvbuf (file->fp, NULL, _IOFBF, 1 << 20);
  return TRUE;
}

/* A device, a FIFO or a terminal is written into, never replaced. */
static gboolean
open_in_place (GlossAtomicFile  *file,
               GError          **error)
{
  return open_stream (file, open (file->path, O_WRONLY | O_CLOEXEC | O_NOCTTY), error);
}

/* A regular file is written beside its target (through any links, which
 * stay) and renamed over it on commit, keeping its permissions. */
static gboolean
open_beside (GlossAtomicFile    *file,
             const struct stat  *existing,
             GError            **error)
{
  g_autofree char *dir = NULL;
  int fd;

  file->target = existing != NULL ? realpath (file->path, NULL) : NULL;
  if (file->target == NULL)
    file->target = g_strdup (file->path);
  dir = g_path_get_dirname (file->target);
  remove_stale_temporaries (dir);

  file->tmp = temporary_template (file->target);
  fd = g_mkstemp_full (file->tmp, O_WRONLY | O_CLOEXEC, 0644);
  if (fd >= 0 && existing != NULL)
    fchmod (fd, existing->st_mode & 0777);
  return open_stream (file, fd, error);
}

static gboolean
is_dangling_link (const char *path)
{
  struct stat st;

  return lstat (path, &st) == 0 && S_ISLNK (st.st_mode);
}

GlossAtomicFile *
_gloss_atomic_file_open (const char  *path,
                         GError     **error)
{
  g_autoptr(GlossAtomicFile) file = g_new0 (GlossAtomicFile, 1);
  struct stat st;
  gboolean ok;

  file->path = g_strdup (path);
  if (stat (path, &st) != 0)
    ok = is_dangling_link (path)
         ? refuse_output (error, path, _("is a link to a file that does not exist; name the file itself"))
         : open_beside (file, NULL, error);
  else if (S_ISDIR (st.st_mode))
    ok = refuse_output (error, path, _("is a folder; name a file to write the export to"));
  else if (!S_ISREG (st.st_mode))
    ok = open_in_place (file, error);
  else
    ok = open_beside (file, &st, error);
  return ok ? g_steal_pointer (&file) : NULL;
}

FILE *
_gloss_atomic_file_get_stream (GlossAtomicFile *file)
{
  return file->fp;
}

static gboolean
flush_stream (FILE        *fp,
              const char  *path,
              GError     **error)
{
  if (fflush (fp) != 0 || ferror (fp))
    return _gloss_export_output_error (error, path, errno ? errno : EIO, _("writing failed"));
  return TRUE;
}

gboolean
_gloss_atomic_file_commit (GlossAtomicFile  *file,
                           GError          **error)
{
  FILE *fp = g_steal_pointer (&file->fp);
  int saved = 0;

  errno = 0;
  if (fflush (fp) != 0 || ferror (fp) || (file->tmp != NULL && fsync (fileno (fp)) != 0))
    saved = errno ? errno : EIO;
  if (fclose (fp) != 0 && saved == 0)
    saved = errno;
  if (saved != 0)
    return _gloss_export_output_error (error, file->path, saved, _("writing failed"));
  if (file->tmp == NULL)
    return TRUE;
  if (g_rename (file->tmp, file->target) != 0)
    return _gloss_export_output_error (error, file->path, errno, _("cannot write the export there"));
  g_clear_pointer (&file->tmp, g_free);
  return TRUE;
}

/* A folder is written beside its final place and renamed into it, so a reader
 * never sees half of it. The final place must be missing or an empty folder. */
char *
_gloss_export_staging_folder (const char  *path,
                              GError     **error)
{
  g_autofree char *parent = g_path_get_dirname (path);
  g_autofree char *tmp = NULL;
  g_autoptr(GDir) dir = NULL;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      dir = g_dir_open (path, 0, NULL);
      if (dir == NULL || g_dir_read_name (dir) != NULL)
        {
          refuse_output (error, path, _("exists and is not an empty folder; name a new or empty folder"));
          return NULL;
        }
    }

  remove_stale_temporaries (parent);
  tmp = temporary_template (path);
  if (g_mkdtemp_full (tmp, 0755) == NULL)
    {
      _gloss_export_output_error (error, path, errno, _("cannot create the folder"));
      return NULL;
    }
  return g_steal_pointer (&tmp);
}

void
_gloss_export_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        _gloss_export_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

gboolean
_gloss_export_publish_folder (const char  *tmp,
                const char  *path,
                GError     **error)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    g_rmdir (path);
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;

      _gloss_export_remove_tree (tmp);
      return _gloss_export_output_error (error, path, saved, _("cannot create the folder"));
    }
  return TRUE;
}

/* ---- Never over the project -------------------------------------------------------- */

static const char * const project_files[] = { "", "-wal", "-shm", "-journal" };

/* @path with every link resolved, as far as it exists. */
static char *
resolve_name (const char *path)
{
  g_autofree char *dir = NULL;
  g_autofree char *real_dir = NULL;
  g_autofree char *base = NULL;
  char *real = realpath (path, NULL);

  if (real != NULL)
    return real;
  dir = g_path_get_dirname (path);
  real_dir = realpath (dir, NULL);
  if (real_dir == NULL)
    return NULL;
  base = g_path_get_basename (path);
  return g_build_filename (real_dir, base, NULL);
}

/* Whether @path is @name: the same file (through links, hard links too), or
 * the same name when neither exists yet. */
static gboolean
same_file (const char        *path,
           const struct stat *path_st,
           const char        *name)
{
  g_autofree char *real_path = NULL;
  g_autofree char *real_name = NULL;
  struct stat st;

  if (stat (name, &st) == 0)
    return path_st != NULL && st.st_dev == path_st->st_dev && st.st_ino == path_st->st_ino;
  real_path = resolve_name (path);
  real_name = resolve_name (name);
  return real_path != NULL && g_strcmp0 (real_path, real_name) == 0;
}

/* Refuses an output that is the project or one of the files SQLite keeps
 * beside it: the export would replace the project. */
static gboolean
check_not_project (GlossStore  *store,
                   const char  *path,
                   GError     **error)
{
  const char *project = gloss_store_get_path (store);
  g_autofree char *real_project = project != NULL && !gloss_store_is_server_uri (project)
                                  ? realpath (project, NULL) : NULL;
  struct stat st;
  gboolean exists;

  if (path == NULL || real_project == NULL)
    return TRUE;
  exists = stat (path, &st) == 0;
  for (guint i = 0; i < G_N_ELEMENTS (project_files); i++)
    {
      g_autofree char *name = g_strconcat (project, project_files[i], NULL);
      g_autofree char *real_name = g_strconcat (real_project, project_files[i], NULL);

      if (same_file (path, exists ? &st : NULL, name) || same_file (path, exists ? &st : NULL, real_name))
        return refuse_output (error, path, i == 0
                              ? _("is the project being exported; name another file or folder for "
                                  "the export")
                              : _("belongs to the project being exported (its journal); name "
                                  "another file or folder for the export"));
    }
  return TRUE;
}

/* ---- File names from document ids ---------------------------------------------------- */

/* Ids are free strings: a file name made of one holds no "/" or control
 * characters, starts with no ".", fits in NAME_MAX with an extension, a
 * number and a temporary suffix, and differs from the others of its folder in
 * more than case (a folder may go to a file system that ignores it). */
#define FILE_STEM_MAX 200

struct _GlossFileNames
{
  GHashTable *used;      /* case-folded stems */
  guint       changed;
  char       *example;   /* the first changed: its id or file name */
  char       *example_stem;
};

GlossFileNames *
_gloss_file_names_new (void)
{
  GlossFileNames *names = g_new0 (GlossFileNames, 1);

  names->used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return names;
}

void
_gloss_file_names_free (GlossFileNames *names)
{
  if (names == NULL)
    return;
  g_hash_table_unref (names->used);
  g_free (names->example);
  g_free (names->example_stem);
  g_free (names);
}

static gboolean
is_unsafe_char (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return c == '/' || c == '\\' || type == G_UNICODE_CONTROL
         || type == G_UNICODE_LINE_SEPARATOR || type == G_UNICODE_PARAGRAPH_SEPARATOR;
}

/* @source as a file name, "_" for each character a name cannot hold. */
static char *
safe_stem (const char *source)
{
  g_autofree char *valid = g_utf8_make_valid (source, -1);
  GString *stem = g_string_new (NULL);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (is_unsafe_char (g_utf8_get_char (p)))
        g_string_append_c (stem, '_');
      else
        g_string_append_len (stem, p, g_utf8_next_char (p) - p);
    }
  if (stem->len == 0 || stem->str[0] == '.')
    g_string_prepend_c (stem, '_');
  cut_utf8 (stem->str, FILE_STEM_MAX);
  return g_string_free (stem, FALSE);
}

/* The document's original file name without ".txt", or else its id. */
static char *
source_stem (const GlossDocument *document)
{
  g_autoptr(JsonNode) meta = json_from_string (document->meta, NULL);
  const char *filename = NULL;
  char *stem;

  if (meta != NULL && JSON_NODE_HOLDS_OBJECT (meta))
    filename = json_object_get_string_member_with_default (json_node_get_object (meta), "filename",
                                                           NULL);
  stem = g_strdup (filename != NULL && *filename != '\0' ? filename : document->id);
  if (g_str_has_suffix (stem, ".txt") && strlen (stem) > 4)
    stem[strlen (stem) - 4] = '\0';
  return stem;
}

static gboolean
take_stem (GlossFileNames *names,
           const char     *stem)
{
  g_autofree char *folded = g_utf8_casefold (stem, -1);

  return g_hash_table_add (names->used, g_utf8_normalize (folded, -1, G_NORMALIZE_DEFAULT));
}

/**
 * _gloss_file_names_add:
 *
 * Returns: a name for @document's files, without extension, that no other
 * document of @names has: its original file name or its id, made safe; the
 * same documents in the same order get the same names.
 */
char *
_gloss_file_names_add (GlossFileNames      *names,
                       const GlossDocument *document)
{
  g_autofree char *source = source_stem (document);
  g_autofree char *stem = safe_stem (source);

  for (guint n = 1;; n++)
    {
      g_autofree char *name = n == 1 ? g_strdup (stem) : g_strdup_printf ("%s-%u", stem, n);

      if (!take_stem (names, name))
        continue;
      if (!g_str_equal (name, source) && names->changed++ == 0)
        {
          names->example = g_strdup (source);
          names->example_stem = g_strdup (name);
        }
      return g_steal_pointer (&name);
    }
}

/* @text on one line, control characters shown as \uNNNN, at most about 80 bytes. */
static char *
printable (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0' && out->len < 80; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_unsafe_char (c) && c != '/' && c != '\\')
        g_string_append_printf (out, "\\u%04X", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  if (*text != '\0' && out->len >= 80)
    g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

/* One notice, so that a document whose name was changed can still be found.
 * @folder is where the files go, in a bundle's staging folder for a bundle. */
void
_gloss_file_names_report (GlossFileNames *names,
                          GlossExportJob *job,
                          const char     *folder,
                          const char     *extension)
{
  GlossReport *report = job->report;
  g_autofree char *base = g_path_get_basename (folder);
  g_autofree char *final = job->options->bundle != NULL
                           ? g_build_filename (job->options->bundle, base, NULL) : g_strdup (folder);
  g_autofree char *display = NULL;
  g_autofree char *example = NULL;

  if (names->changed == 0 || report == NULL)
    return;
  display = g_filename_display_name (final);
  example = printable (names->example);
  gloss_report_set_location (report, display, 0);
  gloss_report_notice (report,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "%u document is written under a name other than its id or "
                                    "file name, which is not a possible file name or is taken: "
                                    "“%s” is %s%s",
                                    "%u documents are written under names other than their ids or "
                                    "file names, which are not possible file names or are taken; "
                                    "the first: “%s” is %s%s", names->changed),
                       names->changed, example, names->example_stem, extension);
  gloss_report_set_location (report, NULL, 0);
}

/* ---- Which documents --------------------------------------------------------------- */

typedef struct
{
  char      *name;
  double     fraction;
  GPtrArray *documents;   /* GlossDocument, borrowed, in import order */
} Part;

static void
part_free (Part *part)
{
  g_free (part->name);
  g_ptr_array_unref (part->documents);
  g_free (part);
}

static GPtrArray *
parse_split (const char  *spec,
             GError     **error)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) part_free);
  g_auto(GStrv) items = g_strsplit (spec, ",", -1);
  double total = 0;

  for (guint i = 0; items[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (items[i], "=", 2);
      char *end = NULL;
      Part *part;
      double fraction;

      fraction = kv[0] && kv[1] ? g_ascii_strtod (kv[1], &end) : -1;
      if (kv[0] == NULL || *g_strstrip (kv[0]) == '\0' || end == NULL || *end != '\0'
          || fraction < 0 || fraction > 1 || strpbrk (kv[0], "/\\.") != NULL)
        {
          g_set_error (error, GLOSS_EXPORT_ERROR, GLOSS_EXPORT_ERROR_USAGE,
                       _("--split: “%s” is not NAME=FRACTION (as in train=0.8,dev=0.1,test=0.1)"),
                       items[i]);
          return NULL;
        }
      part = g_new0 (Part, 1);
      part->name = g_strdup (kv[0]);
      part->fraction = fraction;
      part->documents = g_ptr_array_new ();
      g_ptr_array_add (parts, part);
      total += fraction;
    }

  if (parts->len == 0 || total < 0.999 || total > 1.001)
    {
      g_set_error (error, GLOSS_EXPORT_ERROR, GLOSS_EXPORT_ERROR_USAGE,
                   _("--split: the fractions add up to %.3g, not 1"), total);
      return NULL;
    }
  return g_steal_pointer (&parts);
}

static gint
compare_rowid (gconstpointer a,
               gconstpointer b)
{
  const GlossDocument *da = *(const GlossDocument * const *) a;
  const GlossDocument *db = *(const GlossDocument * const *) b;

  return (da->rowid > db->rowid) - (da->rowid < db->rowid);
}

/* The same seed gives the same split of the same documents: a Fisher-Yates
 * shuffle from a seeded generator, cut by cumulative fractions. */
static void
assign_parts (GPtrArray *parts,
              GPtrArray *documents,
              guint      seed)
{
  g_autoptr(GPtrArray) order = g_ptr_array_copy (documents, NULL, NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  double cumulative = 0;
  guint next = 0;

  g_ptr_array_set_free_func (order, NULL);   /* the copy inherits it; @documents owns them */
  for (guint i = order->len; i > 1; i--)
    {
      guint j = g_rand_int_range (rand, 0, i);
      gpointer tmp = order->pdata[i - 1];

      order->pdata[i - 1] = order->pdata[j];
      order->pdata[j] = tmp;
    }

  for (guint p = 0; p < parts->len; p++)
    {
      Part *part = g_ptr_array_index (parts, p);
      guint until;

      cumulative += part->fraction;
      until = p == parts->len - 1 ? order->len : (guint) (cumulative * order->len + 0.5);
      for (; next < until && next < order->len; next++)
        g_ptr_array_add (part->documents, order->pdata[next]);
      g_ptr_array_sort (part->documents, compare_rowid);
    }
}

static gboolean
set_is (const GlossExportOptions *options,
        const char               *name)
{
  return g_strcmp0 (options->set != NULL ? options->set : "gold", name) == 0;
}

/* With --set gold or all, which set a document goes out in is decided per
 * document, and so is the status --status filters on. */
static gboolean
sets_per_document (const GlossExportOptions *options)
{
  return set_is (options, "gold") || set_is (options, "all");
}

static GPtrArray *
select_documents (GlossStore                *store,
                  const GlossExportOptions  *options,
                  GError                   **error)
{
  g_autoptr(GPtrArray) all = gloss_store_list_documents (store, error);
  g_autoptr(GPtrArray) chosen = NULL;

  if (all == NULL)
    return NULL;

  chosen = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_document_free);
  for (guint i = 0; i < all->len; i++)
    {
      GlossDocument *document = g_ptr_array_index (all, i);

      if (options->filter_status && !sets_per_document (options) && document->status != options->status)
        continue;
      g_ptr_array_add (chosen, g_steal_pointer (&all->pdata[i]));
    }
  return g_steal_pointer (&chosen);
}

/* ---- Writers ------------------------------------------------------------------------ */

typedef struct
{
  GlossExportJob  *export;
  GlossRecordFunc  func;
  gpointer         data;
} Visit;

/* Where a document's record comes from under --set gold. */
typedef enum
{
  SOURCE_NO_SET,    /* nobody has annotated it: plain text */
  SOURCE_GOLD,
  SOURCE_ONLY,      /* its only annotator's set */
  SOURCE_LEFT_OUT,  /* several sets and no gold */
} SetSource;

static SetSource
gold_source (const char * const *sets)
{
  if (sets[0] == NULL)
    return SOURCE_NO_SET;
  if (g_strv_contains (sets, "gold"))
    return SOURCE_GOLD;
  return sets[1] == NULL ? SOURCE_ONLY : SOURCE_LEFT_OUT;
}

/* The sets @document goes out in: --set NAME that one; --set all each set that
 * has it; --set gold the gold set if it has one, else its only set. A document
 * with several sets and no gold is skipped with a notice. */
static GStrv
choose_sets (GlossExportJob       *export,
             const GlossDocument  *document)
{
  const GlossExportOptions *options = export->options;
  g_auto(GStrv) sets = NULL;
  const char *one[2] = { NULL, NULL };

  sets = gloss_store_list_sets (export->store, document->rowid);
  if (set_is (options, "all"))
    return g_steal_pointer (&sets);
  switch (gold_source ((const char * const *) sets))
    {
    case SOURCE_NO_SET:
    case SOURCE_ONLY:
      return g_steal_pointer (&sets);
    case SOURCE_GOLD:
      one[0] = "gold";
      return g_strdupv ((GStrv) one);
    case SOURCE_LEFT_OUT:
    default:
      break;
    }
  gloss_report_notice (export->report,
                       _("document %s: %u annotators' sets and no gold set; left out (adjudicate it, "
                         "or choose a set with --set NAME or --set all)"),
                       document->id, g_strv_length (sets));
  return g_strdupv ((GStrv) one);
}

static void
count_written (GlossExportJob    *export,
               const GlossRecord *record)
{
  const char *layer = export->options->layer;

  export->result->documents++;
  for (guint i = 0; i < record->spans->len; i++)
    {
      const GlossSpan *span = g_ptr_array_index (record->spans, i);
      const GlossLabel *label = gloss_store_lookup_label (export->store, span->label);

      if (layer != NULL && (label == NULL || g_strcmp0 (label->layer, layer) != 0))
        continue;
      export->result->spans++;
      if (label != NULL)
        g_hash_table_insert (export->label_counts, label->name,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (export->label_counts,
                                                                                      label->name)) + 1));
    }

  export->done++;
  if (export->options->progress != NULL)
    export->options->progress (export->done, export->total, export->options->progress_data);
}

/* One set in the whole project, and the store works in it: no choice to make
 * per document. */
static gboolean
has_one_set (GlossStore *store)
{
  g_auto(GStrv) sets = gloss_store_list_sets (store, 0);
  g_autofree char *current = gloss_store_get_set (store);

  return sets[0] == NULL || (sets[1] == NULL && g_str_equal (sets[0], current));
}

static gboolean
has_any_set (GlossStore *store,
             gint64      document)
{
  g_auto(GStrv) sets = gloss_store_list_sets (store, document);

  return sets[0] != NULL;
}

/* One record: @document (the callback's) in the store's current set. */
static gboolean
visit_set (Visit          *visit,
           GlossDocument  *document,
           GError        **error)
{
  GlossExportJob *export = visit->export;
  g_autoptr(GlossRecord) record = NULL;

  if (sets_per_document (export->options) && export->options->filter_status
      && document->status != export->options->status)
    {
      gloss_document_free (document);
      return TRUE;
    }
  record = gloss_native_load_record (export->store, document, export->relations, export->entities, error);
  if (record == NULL || !visit->func (export, record, visit->data, error))
    return FALSE;
  count_written (export, record);
  return TRUE;
}

static gboolean
visit_document (GlossDocument  *document,
                gpointer        user_data,
                GError        **error)
{
  Visit *visit = user_data;
  GlossExportJob *export = visit->export;
  g_autoptr(GlossDocument) owned = document;
  g_auto(GStrv) sets = NULL;
  gboolean ok = TRUE;

  if (g_cancellable_set_error_if_cancelled (export->cancellable, error))
    return FALSE;
  /* --set NAME, or a project of one set: the store works in that set already. */
  if (!sets_per_document (export->options) || export->one_set)
    return visit_set (visit, g_steal_pointer (&owned), error);

  sets = choose_sets (export, document);
  /* A document no set has anything of yet still goes out, as plain text. */
  if (sets[0] == NULL && !has_any_set (export->store, document->rowid))
    ok = visit_set (visit, g_steal_pointer (&owned), error);
  /* The usual case, one person's project: the document as read is the one to write. */
  if (ok && sets[0] != NULL && sets[1] == NULL)
    {
      g_autofree char *current = gloss_store_get_set (export->store);

      if (g_str_equal (current, sets[0]))
        return visit_set (visit, g_steal_pointer (&owned), error);
    }
  for (guint i = 0; ok && sets[i] != NULL; i++)
    {
      GlossDocument *copy;

      gloss_store_set_annotator (export->store, sets[i]);
      copy = gloss_store_get_document_by_rowid (export->store, document->rowid, error);
      ok = copy != NULL && visit_set (visit, copy, error);
    }
  gloss_store_set_annotator (export->store, NULL);
  return ok;
}

/* Calls @func with each document to export and its annotations: @documents
 * when given (the part of a split), otherwise every document the options
 * select, in one pass over the project. */
gboolean
_gloss_export_each_record (GlossExportJob *export,
             GPtrArray   *documents,
             GlossRecordFunc func,
             gpointer     data,
             GError     **error)
{
  Visit visit = { export, func, data };

  if (documents == NULL)
    return gloss_store_foreach_document (export->store,
                                         export->options->filter_status
                                         && !sets_per_document (export->options)
                                         ? &export->options->status : NULL,
                                         visit_document, &visit, error);

  for (guint i = 0; i < documents->len; i++)
    {
      const GlossDocument *listed = g_ptr_array_index (documents, i);
      GlossDocument *document = gloss_store_get_document_by_rowid (export->store, listed->rowid, error);

      if (document == NULL || !visit_document (document, &visit, error))
        return FALSE;
    }
  return TRUE;
}

/* Runs @func over the documents with job->out set to @path (written
 * atomically) or @stream, between @head and @tail when given. */
gboolean
_gloss_export_write_lines (GlossExportJob   *job,
                           GPtrArray        *documents,
                           const char       *path,
                           FILE             *stream,
                           const char       *head,
                           const char       *tail,
                           GlossRecordFunc   func,
                           gpointer          data,
                           GError          **error)
{
  g_autoptr(GlossAtomicFile) file = NULL;
  gboolean ok;

  if (path != NULL)
    {
      file = _gloss_atomic_file_open (path, error);
      if (file == NULL)
        return FALSE;
      stream = _gloss_atomic_file_get_stream (file);
    }

  job->out = stream;
  job->out_path = path != NULL ? path : "-";
  ok = (head == NULL || _gloss_export_put (job, head, strlen (head), error))
       && _gloss_export_each_record (job, documents, func, data, error)
       && (tail == NULL || _gloss_export_put (job, tail, strlen (tail), error))
       && flush_stream (stream, job->out_path, error);
  job->out = NULL;
  if (!ok)
    return FALSE;
  /* A committed file has no stream or temporary left: the cleanup only frees it. */
  return file == NULL || _gloss_atomic_file_commit (file, error);
}

gboolean
_gloss_export_put (GlossExportJob  *job,
                   const char      *data,
                   gsize            length,
                   GError         **error)
{
  if (fwrite (data, 1, length, job->out) != length)
    return _gloss_export_output_error (error, job->out_path, errno, _("writing failed"));
  return TRUE;
}

typedef struct
{
  gboolean  as_array;
  guint     written;
  GString  *buffer;
} NativeTarget;

static gboolean
write_native_record (GlossExportJob     *export,
                     const GlossRecord  *record,
                     gpointer            data,
                     GError            **error)
{
  NativeTarget *target = data;
  GString *buffer = target->buffer;

  g_string_truncate (buffer, 0);
  if (target->as_array && target->written++ > 0)
    g_string_append_c (buffer, ',');
  gloss_native_write_record (export->store, record, export->options->layer,
                             export->options->omit_text, buffer);
  if (target->as_array)
    g_string_truncate (buffer, buffer->len - 1);   /* the line's newline */
  return _gloss_export_put (export, buffer->str, buffer->len, error);
}

static void
build_label (JsonBuilder      *b,
             const GlossLabel *label)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, label->name);
  json_builder_set_member_name (b, "layer");
  json_builder_add_string_value (b, label->layer);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, gloss_label_kind_to_string (label->kind));
  json_builder_set_member_name (b, "can_speak");
  json_builder_add_boolean_value (b, label->can_speak);
  json_builder_set_member_name (b, "color");
  json_builder_add_string_value (b, label->color);
  json_builder_set_member_name (b, "hotkey");
  json_builder_add_string_value (b, label->hotkey);
  json_builder_set_member_name (b, "description");
  json_builder_add_string_value (b, label->description);
  json_builder_set_member_name (b, "attributes");
  json_builder_begin_array (b);
  for (guint i = 0; i < label->attributes->len; i++)
    {
      const GlossAttributeDef *def = g_ptr_array_index (label->attributes, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, def->name);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, gloss_attribute_type_to_string (def->type));
      if (def->values != NULL)
        {
          json_builder_set_member_name (b, "values");
          json_builder_begin_array (b);
          for (guint j = 0; def->values[j] != NULL; j++)
            json_builder_add_string_value (b, def->values[j]);
          json_builder_end_array (b);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

/* The members of the label schema, in the shape of data/presets/\*.json. */
void
_gloss_export_build_schema (JsonBuilder *b,
                            GlossStore  *store)
{
  GPtrArray *layers = gloss_store_list_layers (store);
  GPtrArray *labels = gloss_store_list_labels (store);
  g_auto(GStrv) types = gloss_store_list_relation_types (store);

  json_builder_set_member_name (b, "layers");
  json_builder_begin_array (b);
  for (guint i = 0; i < layers->len; i++)
    {
      const GlossLayer *layer = g_ptr_array_index (layers, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, layer->name);
      json_builder_set_member_name (b, "event");
      json_builder_add_boolean_value (b, layer->is_event);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "labels");
  json_builder_begin_array (b);
  for (guint i = 0; i < labels->len; i++)
    build_label (b, g_ptr_array_index (labels, i));
  json_builder_end_array (b);

  json_builder_set_member_name (b, "relation_types");
  json_builder_begin_array (b);
  for (guint i = 0; types[i] != NULL; i++)
    {
      g_autofree char *description = gloss_store_describe_relation_type (store, types[i]);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, types[i]);
      json_builder_set_member_name (b, "description");
      json_builder_add_string_value (b, description);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static char *
schema_to_string (GlossStore *store)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  _gloss_export_build_schema (b, store);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

static gboolean
write_jsonl (GlossExportJob  *export,
             GPtrArray       *documents,
             const char      *path,
             FILE            *stream,
             GError         **error)
{
  g_autoptr(GString) buffer = g_string_sized_new (1 << 16);
  NativeTarget target = { FALSE, 0, buffer };

  return _gloss_export_write_lines (export, documents, path, stream, NULL, NULL,
                                    write_native_record, &target, error);
}

static gboolean
write_project_json (GlossExportJob  *export,
                    GPtrArray       *documents,
                    const char      *path,
                    FILE            *stream,
                    GError         **error)
{
  g_autoptr(GString) buffer = g_string_sized_new (1 << 16);
  g_autofree char *schema = schema_to_string (export->store);
  g_autofree char *head = g_strdup_printf ("{\"format\":\"gloss-project\",\"version\":1,\"schema\":%s,"
                                           "\"documents\":[", schema);
  NativeTarget target = { TRUE, 0, buffer };

  return _gloss_export_write_lines (export, documents, path, stream, head, "]}\n",
                                    write_native_record, &target, error);
}

typedef struct
{
  const char     *folder;
  GlossFileNames *names;
} TxtTarget;

static gboolean
write_one_txt (GlossExportJob     *export,
               const GlossRecord  *record,
               gpointer            data,
               GError            **error)
{
  TxtTarget *target = data;
  g_autofree char *stem = _gloss_file_names_add (target->names, record->document);
  g_autofree char *name = g_strconcat (stem, ".txt", NULL);
  g_autofree char *file = g_build_filename (target->folder, name, NULL);

  return g_file_set_contents (file, record->document->text, -1, error);
}

/* One NAME.txt for each document, named after its original file or its id. */
static gboolean
write_txt_folder (GlossExportJob  *export,
                  GPtrArray       *documents,
                  const char      *path,
                  FILE            *stream,
                  GError         **error)
{
  g_autoptr(GlossFileNames) names = _gloss_file_names_new ();
  g_autofree char *tmp = _gloss_export_staging_folder (path, error);
  TxtTarget target = { tmp, names };

  if (tmp == NULL)
    return FALSE;
  if (!_gloss_export_each_record (export, documents, write_one_txt, &target, error))
    {
      _gloss_export_remove_tree (tmp);
      return FALSE;
    }
  _gloss_file_names_report (names, export, path, ".txt");
  return _gloss_export_publish_folder (tmp, path, error);
}

/* Every export format. A format of its own lives in gloss-format-NAME.c and
 * adds one line here. */
static const GlossExportFormat export_formats[] = {
  { "jsonl", "jsonl", FALSE, write_jsonl },
  { "json", "json", FALSE, write_project_json },
  { "txt", NULL, TRUE, write_txt_folder },
  { "w3c", "jsonld", FALSE, _gloss_export_write_w3c },
  { "conll", "conll", FALSE, _gloss_export_write_conll },
  { "hf", "jsonl", FALSE, _gloss_export_write_hf },
  { "prodigy", "jsonl", FALSE, _gloss_export_write_prodigy },
  { "doccano", "jsonl", FALSE, _gloss_export_write_doccano },
  { "brat", NULL, TRUE, _gloss_export_write_brat },
};

static const GlossExportFormat *
lookup_format (const char *name)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (export_formats); i++)
    if (g_str_equal (export_formats[i].name, name))
      return &export_formats[i];
  return NULL;
}

gboolean
gloss_export_is_format (const char *format)
{
  return lookup_format (format) != NULL;
}

/**
 * gloss_export_list_formats:
 *
 * Returns: (transfer container): the names of the export formats, for messages
 */
char *
gloss_export_list_formats (void)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (export_formats); i++)
    g_string_append_printf (names, "%s%s", i ? ", " : "", export_formats[i].name);
  return g_string_free (names, FALSE);
}

/* ---- Bundles ---------------------------------------------------------------------------- */

static const char * const conll_mapping[][2] = {
  { "PERSON", "PER" }, { "ORG", "ORG" }, { "GPE", "LOC" }, { "LOC", "LOC" }, { "FAC", "LOC" },
  { "NORP", "MISC" }, { "EVENT", "MISC" }, { "WORK_OF_ART", "MISC" }, { "LAW", "MISC" },
  { "LANGUAGE", "MISC" }, { "PRODUCT", "MISC" }, { "DATE", "O" }, { "TIME", "O" },
  { "MONEY", "O" }, { "PERCENT", "O" }, { "QUANTITY", "O" }, { "ORDINAL", "O" },
  { "CARDINAL", "O" },
};

/* The CoNLL-2003 type of an OntoNotes label, "O" for numeric and time types;
 * NULL for a label outside OntoNotes. */
const char *
_gloss_export_conll_label (const char *ontonotes)
{
  for (guint i = 0; i < G_N_ELEMENTS (conll_mapping); i++)
    if (g_strcmp0 (conll_mapping[i][0], ontonotes) == 0)
      return conll_mapping[i][1];
  return NULL;
}

/* Token tags hold one layer: labels.json names them in the order of their
 * indices, which Hugging Face's ner_tags are. */
static void
build_ner_tags (JsonBuilder    *b,
                GlossExportJob *export)
{
  const char *format = export->options->format;
  g_auto(GStrv) tags = NULL;

  if (!g_str_equal (format, "conll") && !g_str_equal (format, "hf"))
    return;
  tags = _gloss_export_ner_tags (export->store, export->options->layer);
  json_builder_set_member_name (b, "ner_layer");
  json_builder_add_string_value (b, export->options->layer);
  json_builder_set_member_name (b, "ner_tags");
  json_builder_begin_array (b);
  for (guint i = 0; tags[i] != NULL; i++)
    json_builder_add_string_value (b, tags[i]);
  json_builder_end_array (b);
}

static gboolean
write_labels_json (GlossExportJob  *export,
                   const char      *folder,
                   GError         **error)
{
  GlossStore *store = export->store;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = g_build_filename (folder, "labels.json", NULL);

  json_builder_begin_object (b);
  _gloss_export_build_schema (b, store);
  json_builder_set_member_name (b, "conll_mapping");
  json_builder_begin_object (b);
  for (guint i = 0; i < G_N_ELEMENTS (conll_mapping); i++)
    {
      json_builder_set_member_name (b, conll_mapping[i][0]);
      json_builder_add_string_value (b, conll_mapping[i][1]);
    }
  json_builder_end_object (b);
  build_ner_tags (b, export);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  text = json_to_string (root, TRUE);
  return g_file_set_contents (path, text, -1, error);
}

static void
card_counts (GString    *card,
             GlossExportJob *export)
{
  GHashTable *counts = export->label_counts;
  GPtrArray *labels = gloss_store_list_labels (export->store);

  g_string_append (card, "| label | layer | spans | description |\n|---|---|---:|---|\n");
  for (guint i = 0; i < labels->len; i++)
    {
      const GlossLabel *label = g_ptr_array_index (labels, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, label->name));

      if (n > 0)
        g_string_append_printf (card, "| %s | %s | %u | %s |\n", label->name, label->layer, n,
                                label->description ? label->description : "");
    }
}

/* ---- The dataset card of a team's project -------------------------------------------- */

/* What the card says about the annotator sets of the documents the export
 * chose from. */
typedef struct
{
  GStrv    sets;          /* every set in the project, gold included */
  guint   *by_status;     /* per set, per status: documents */
  guint    from[SOURCE_LEFT_OUT + 1];
  guint    records;       /* records written under --set all */
  GArray  *exported;      /* rowids of the documents that went out with a set */
} Team;

static void
team_clear (Team *team)
{
  g_clear_pointer (&team->sets, g_strfreev);
  g_clear_pointer (&team->by_status, g_free);
  g_clear_pointer (&team->exported, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Team, team_clear)

static guint *
team_statuses (Team       *team,
               const char *set)
{
  for (guint i = 0; team->sets[i] != NULL; i++)
    if (g_str_equal (team->sets[i], set))
      return &team->by_status[i * (GLOSS_STATUS_DONE + 1)];
  return NULL;
}

/* Counts the status of each of @sets on @document; returns whether a set that
 * goes out has the status --status asks for (as visit_set () filters). */
static gboolean
team_count_statuses (GlossExportJob      *export,
                     Team                *team,
                     const GlossDocument *document,
                     const char * const  *sets,
                     gboolean            *wanted,
                     GError             **error)
{
  const GlossExportOptions *o = export->options;
  gboolean gold_only = set_is (o, "gold") && gold_source (sets) == SOURCE_GOLD;

  *wanted = !o->filter_status || !sets_per_document (o) || (sets[0] == NULL && document->status == o->status);
  for (guint i = 0; sets[i] != NULL; i++)
    {
      g_autoptr(GlossDocument) info = NULL;
      guint *statuses = team_statuses (team, sets[i]);

      gloss_store_set_annotator (export->store, sets[i]);
      info = gloss_store_get_document_info (export->store, document->rowid, error);
      if (info == NULL)
        return FALSE;
      if (statuses != NULL)
        statuses[info->status]++;
      if (!gold_only || g_str_equal (sets[i], "gold"))
        *wanted |= info->status == o->status;
    }
  return TRUE;
}

static gboolean
team_add_document (GlossExportJob      *export,
                   Team                *team,
                   const GlossDocument *document,
                   GError             **error)
{
  g_auto(GStrv) sets = gloss_store_list_sets (export->store, document->rowid);
  SetSource source = gold_source ((const char * const *) sets);
  gboolean wanted;

  if (!team_count_statuses (export, team, document, (const char * const *) sets, &wanted, error))
    return FALSE;
  if (set_is (export->options, "gold") && source == SOURCE_LEFT_OUT)
    {
      team->from[SOURCE_LEFT_OUT]++;
      return TRUE;
    }
  if (!wanted)
    return TRUE;
  team->from[source]++;
  team->records += MAX (g_strv_length (sets), 1);
  if (source != SOURCE_NO_SET)
    g_array_append_val (team->exported, document->rowid);
  return TRUE;
}

/* Fills @team from @documents (NULL: those the options select); FALSE when
 * the project has one set or none, or on error. */
static gboolean
team_collect (GlossExportJob  *export,
              GPtrArray       *documents,
              Team            *team,
              GError         **error)
{
  g_autoptr(GPtrArray) selected = NULL;

  team->sets = gloss_store_list_sets (export->store, 0);
  if (g_strv_length (team->sets) < 2)
    return FALSE;
  team->by_status = g_new0 (guint, g_strv_length (team->sets) * (GLOSS_STATUS_DONE + 1));
  team->exported = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (documents == NULL)
    documents = selected = select_documents (export->store, export->options, error);
  for (guint i = 0; documents != NULL && i < documents->len; i++)
    if (!team_add_document (export, team, g_ptr_array_index (documents, i), error))
      return FALSE;
  return documents != NULL;
}

static void
card_annotators (GString    *card,
                 const Team *team)
{
  g_string_append (card, "## Annotators\n\nEach annotator's set of the documents the export "
                   "chose from, by status (`gold` is the adjudicated set):\n\n"
                   "| annotator | documents | new | in-progress | done |\n|---|---:|---:|---:|---:|\n");
  for (guint i = 0; team->sets[i] != NULL; i++)
    {
      const guint *n = &team->by_status[i * (GLOSS_STATUS_DONE + 1)];

      g_string_append_printf (card, "| %s | %u | %u | %u | %u |\n", team->sets[i],
                              n[GLOSS_STATUS_NEW] + n[GLOSS_STATUS_IN_PROGRESS] + n[GLOSS_STATUS_DONE],
                              n[GLOSS_STATUS_NEW], n[GLOSS_STATUS_IN_PROGRESS], n[GLOSS_STATUS_DONE]);
    }
  g_string_append (card, "\n");
}

static void
card_sources (GString                  *card,
              const GlossExportOptions *o,
              const Team               *team)
{
  g_string_append (card, "## Which set each document comes from\n\n");
  if (set_is (o, "all"))
    g_string_append_printf (card, "`--set all`: one record per document and annotator set, each "
                            "naming its set in `annotator`: %u records of %u documents.\n",
                            team->records, team->from[SOURCE_GOLD] + team->from[SOURCE_ONLY]
                            + team->from[SOURCE_LEFT_OUT] + team->from[SOURCE_NO_SET]);
  else if (set_is (o, "gold"))
    g_string_append_printf (card, "`--set gold`: each document in its adjudicated (`gold`) set "
                            "when it has one, else in its only annotator's set. Documents:\n\n"
                            "- from the gold set: %u\n"
                            "- from the only annotator's set: %u\n"
                            "- left out, several annotators' sets and no gold: %u\n"
                            "- with no set (text only): %u\n",
                            team->from[SOURCE_GOLD], team->from[SOURCE_ONLY],
                            team->from[SOURCE_LEFT_OUT], team->from[SOURCE_NO_SET]);
  else
    g_string_append_printf (card, "`--set %s`: every document in the set of `%s`.\n", o->set, o->set);
  g_string_append (card, "\n");
}

static void
card_value (GString    *card,
            JsonObject *values,
            const char *member)
{
  JsonNode *node = json_object_get_member (values, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    g_string_append (card, " — |");
  else
    g_string_append_printf (card, " %.3f |", json_node_get_double (node));
}

static void
card_agreement_row (GString    *card,
                    const char *name,
                    JsonObject *values,
                    gboolean    fleiss)
{
  g_string_append_printf (card, "| %s |", name);
  card_value (card, values, "exact_f1");
  card_value (card, values, "overlap_f1");
  card_value (card, values, "cohen_kappa");
  if (fleiss)
    card_value (card, values, "fleiss_kappa");
  card_value (card, values, "alpha_u");
  g_string_append (card, "\n");
}

/* A label no annotator used is left out, as `gloss-cli agree` does. */
static gboolean
card_label_used (JsonObject *label)
{
  JsonObject *counts = json_object_get_object_member (label, "count");
  g_autoptr(GList) values = counts != NULL ? json_object_get_values (counts) : NULL;

  for (GList *l = values; l != NULL; l = l->next)
    if (json_node_get_int (l->data) > 0)
      return TRUE;
  return FALSE;
}

static void
card_agreement_table (GString    *card,
                      JsonObject *result,
                      gboolean    fleiss)
{
  JsonObject *labels = json_object_get_object_member (result, "labels");
  g_autoptr(GList) names = json_object_get_members (labels);

  g_string_append_printf (card, "| | exact F1 | overlap F1 | Cohen's κ |%s α_U |\n|---|---:|---:|---:|%s---:|\n",
                          fleiss ? " Fleiss' κ |" : "", fleiss ? "---:|" : "");
  card_agreement_row (card, "overall", json_object_get_object_member (result, "overall"), fleiss);
  for (GList *l = names; l != NULL; l = l->next)
    if (card_label_used (json_object_get_object_member (labels, l->data)))
      card_agreement_row (card, l->data, json_object_get_object_member (labels, l->data), fleiss);
}

/* The agreement of every set but gold over the documents exported, as
 * `gloss-cli agree` computes it: a document counts for a pair when both
 * marked it done. */
static gboolean
card_agreement (GString         *card,
                GlossExportJob  *export,
                const Team      *team,
                GError         **error)
{
  const char *layer = export->options->layer != NULL ? export->options->layer : "entity";
  g_auto(GStrv) annotators = gloss_agreement_store_annotators (export->store, NULL);
  g_auto(GStrv) labels = gloss_agreement_store_labels (export->store, layer);
  g_autoptr(GlossAgreement) agreement = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *names = g_strjoinv (", ", annotators);
  guint n = g_strv_length (annotators);

  g_string_append (card, "## Agreement\n\n");
  if (n < 2 || labels[0] == NULL)
    {
      g_string_append_printf (card, "Not computed: it needs two annotators' sets (besides gold) and "
                              "labels in the layer `%s`.\n\n", layer);
      return TRUE;
    }
  agreement = gloss_agreement_new ((const char * const *) annotators, (const char * const *) labels);
  for (guint i = 0; i < team->exported->len; i++)
    if (!gloss_agreement_add_store_document (agreement, export->store,
                                             g_array_index (team->exported, gint64, i), FALSE, error))
      return FALSE;
  root = gloss_agreement_to_json (agreement);
  g_string_append_printf (card, "Between %s over the layer `%s` of the documents exported, as "
                          "`gloss-cli agree` computes it: a document counts for two annotators when "
                          "both marked it done. Documents every one of them marked done: %u. "
                          "F1 pools the spans of every document, overall is the mean over pairs; "
                          "— is undefined.\n\n",
                          names, layer, gloss_agreement_get_n_documents (agreement));
  card_agreement_table (card, json_node_get_object (root), n >= 3);
  g_string_append (card, "\n");
  return TRUE;
}

/* Annotators, documents per annotator, where each record comes from, and the
 * agreement table, when the project has more than one set. */
static gboolean
card_team (GString         *card,
           GlossExportJob  *export,
           GPtrArray       *documents,
           GError         **error)
{
  g_auto(Team) team = { NULL };
  g_autofree char *before = g_strdup (gloss_store_get_annotator (export->store));
  gboolean ok;

  ok = team_collect (export, documents, &team, error);
  if (ok)
    {
      card_annotators (card, &team);
      card_sources (card, export->options, &team);
      ok = card_agreement (card, export, &team, error);
    }
  else if (error == NULL || *error == NULL)
    ok = TRUE;
  gloss_store_set_annotator (export->store, before);
  return ok;
}

/* The name of a bundle's data file (or folder) called @name. */
static char *
part_file (const GlossExportFormat *format,
           const char              *name)
{
  return format->folder ? g_strdup (name) : g_strdup_printf ("%s.%s", name, format->extension);
}

static gboolean
write_card (GlossExportJob *export,
            GPtrArray   *documents,
            GPtrArray   *parts,
            const char  *folder,
            GError     **error)
{
  const GlossExportOptions *o = export->options;
  g_autoptr(GString) card = g_string_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *project = gloss_store_get_name (export->store);
  g_autofree char *path = g_build_filename (folder, "README.md", NULL);
  const GlossExportFormat *format = lookup_format (o->format);
  g_autoptr(GPtrArray) files = g_ptr_array_new_null_terminated (0, g_free, TRUE);

  g_string_append_printf (card, "# %s\n\nAnnotated news articles exported by Gloss %s from the "
                          "project `%s` on %s.\n\n", project, PACKAGE_VERSION, project, date);
  g_string_append_printf (card, "- Documents: %u\n- Spans: %u\n- Format: `%s`\n",
                          export->result->documents, export->result->spans, o->format);
  if (o->filter_status)
    g_string_append_printf (card, "- Only documents with status `%s`\n", gloss_status_to_string (o->status));
  if (o->layer != NULL)
    g_string_append_printf (card, "- Only spans of the layer `%s`\n", o->layer);

  g_string_append (card, "\n## Files\n\n");
  if (parts != NULL)
    {
      for (guint i = 0; i < parts->len; i++)
        {
          const Part *part = g_ptr_array_index (parts, i);
          char *file = part_file (format, part->name);

          g_string_append_printf (card, "- `%s`: %u documents (%.0f%%)\n", file,
                                  part->documents->len, part->fraction * 100);
          g_ptr_array_add (files, file);
        }
    }
  else
    {
      g_ptr_array_add (files, part_file (format, "data"));
      g_string_append_printf (card, "- `%s`: every document\n", (char *) files->pdata[0]);
    }
  g_string_append (card, "- `labels.json`: the label schema (layers, labels, colours, hotkeys, "
                   "attributes, relation types) and the OntoNotes → CoNLL mapping");
  if (g_str_equal (o->format, "conll") || g_str_equal (o->format, "hf"))
    g_string_append (card, "; `ner_tags` names the tags in the order of their indices");
  g_string_append (card, "\n\n");
  if (parts != NULL)
    g_string_append_printf (card, "The split is random with seed %u; the same seed over the "
                            "same documents gives the same split.\n\n", o->seed);

  g_string_append (card, "## Labels\n\n");
  card_counts (card, export);
  g_string_append (card, "\n");
  if (!card_team (card, export, documents, error))
    return FALSE;

  g_string_append (card, "## Offsets\n\nOffsets are Unicode code points into `text`, end "
                   "exclusive (Python `text[start:end]`). Texts are UTF-8, NFC, with LF line ends, "
                   "unless a document's `offsets` says otherwise. A span's `text` is its fragments' "
                   "texts joined by one space.\n\n");
  if (g_str_equal (o->format, "jsonl"))
    g_string_append (card, "## Loading\n\n```python\nimport json\nwith open(\"data.jsonl\", "
                     "encoding=\"utf-8\") as f:\n    docs = [json.loads(line) for line in f]\n```\n\n"
                     "With Hugging Face: `datasets.load_dataset(\"json\", data_files=\"data.jsonl\")`.\n");
  else if (g_str_equal (o->format, "w3c"))
    _gloss_export_describe_w3c (card, export, (const char * const *) files->pdata);
  else if (g_str_equal (o->format, "conll"))
    _gloss_export_describe_conll (card, export, (const char * const *) files->pdata);
  else if (g_str_equal (o->format, "hf"))
    _gloss_export_describe_hf (card, export, (const char * const *) files->pdata);
  else if (g_str_equal (o->format, "prodigy"))
    _gloss_export_describe_prodigy (card, export, (const char * const *) files->pdata);
  else if (g_str_equal (o->format, "doccano"))
    _gloss_export_describe_doccano (card, export, (const char * const *) files->pdata);
  return g_file_set_contents (path, card->str, card->len, error);
}

static gboolean
write_part (GlossExportJob *export,
            GPtrArray      *documents,
            const char     *folder,
            const char     *name,
            GError        **error)
{
  const GlossExportFormat *format = lookup_format (export->options->format);
  g_autofree char *file = part_file (format, name);
  g_autofree char *path = g_build_filename (folder, file, NULL);

  return format->write (export, documents, path, NULL, error);
}

static gboolean
write_bundle (GlossExportJob *export,
              GPtrArray   *documents,
              GError     **error)
{
  const GlossExportOptions *o = export->options;
  g_autoptr(GPtrArray) parts = NULL;
  g_autofree char *tmp = NULL;
  gboolean ok = TRUE;

  if (o->split != NULL)
    {
      parts = parse_split (o->split, error);
      if (parts == NULL)
        return FALSE;
      assign_parts (parts, documents, o->seed);
    }

  tmp = _gloss_export_staging_folder (o->bundle, error);
  if (tmp == NULL)
    return FALSE;

  if (parts != NULL)
    for (guint i = 0; ok && i < parts->len; i++)
      {
        const Part *part = g_ptr_array_index (parts, i);

        ok = write_part (export, part->documents, tmp, part->name, error);
      }
  else
    ok = write_part (export, NULL, tmp, "data", error);

  ok = ok && write_labels_json (export, tmp, error)
          && write_card (export, documents, parts, tmp, error);
  if (!ok)
    {
      _gloss_export_remove_tree (tmp);
      return FALSE;
    }
  return _gloss_export_publish_folder (tmp, o->bundle, error);
}

/* The formats that stand without the text: offsets and the text's hash. */
static gboolean
format_holds_no_text (const GlossExportFormat *format)
{
  const char * const names[] = { "jsonl", "json", "w3c", "brat", NULL };

  return g_strv_contains (names, format->name);
}

/**
 * gloss_export:
 * @stream: where to write when neither @options->output nor a bundle is given
 *
 * Writes the chosen documents in import order. A file or folder output appears
 * whole or not at all; on error or cancellation nothing is left behind. An
 * output that is the project or one of its journal files is refused
 * (%GLOSS_EXPORT_ERROR_OUTPUT); a device, FIFO or terminal is written into,
 * never replaced; a link to a file updates the file. Files named after
 * documents are safe names inside the output folder.
 */
gboolean
gloss_export (GlossStore                *store,
              const GlossExportOptions  *options,
              FILE                      *stream,
              GlossReport               *report,
              GlossExportResult         *result,
              GCancellable              *cancellable,
              GError                   **error)
{
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GHashTable) label_counts = g_hash_table_new (g_str_hash, g_str_equal);
  GlossExportResult local_result = { 0 };
  GlossExportJob export = { store, options, result ? result : &local_result, cancellable, report };
  GlossExportOptions one_layer;
  const GlossExportFormat *format;

  g_return_val_if_fail (GLOSS_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  format = lookup_format (options->format);
  if (format == NULL)
    {
      g_autofree char *names = gloss_export_list_formats ();

      g_set_error (error, GLOSS_EXPORT_ERROR, GLOSS_EXPORT_ERROR_USAGE,
                   _("unknown export format “%s”; use one of: %s"),
                   options->format ? options->format : "", names);
      return FALSE;
    }
  /* Token tags hold one layer: the entities unless told otherwise. */
  if (options->layer == NULL && (g_str_equal (format->name, "conll") || g_str_equal (format->name, "hf")))
    {
      one_layer = *options;
      one_layer.layer = "entity";
      export.options = options = &one_layer;
    }
  if (!check_not_project (store, options->output, error)
      || !check_not_project (store, options->bundle, error))
    return FALSE;
  if (options->split != NULL && options->bundle == NULL)
    {
      g_set_error_literal (error, GLOSS_EXPORT_ERROR, GLOSS_EXPORT_ERROR_USAGE,
                           _("--split needs --bundle DIR: a split is written as several files"));
      return FALSE;
    }
  if (format->folder && options->output == NULL && options->bundle == NULL)
    {
      g_set_error (error, GLOSS_EXPORT_ERROR, GLOSS_EXPORT_ERROR_USAGE,
                   _("--format %s writes a folder: name it with -o DIR"), format->name);
      return FALSE;
    }

  if (set_is (options, "all") && !g_str_equal (format->name, "jsonl") && !g_str_equal (format->name, "json"))
    {
      g_set_error (error, GLOSS_EXPORT_ERROR, GLOSS_EXPORT_ERROR_USAGE,
                   _("--set all writes one record per document and annotator: only jsonl and json "
                     "hold that; choose one set (--set gold or --set NAME) for %s"), format->name);
      return FALSE;
    }
  if (options->omit_text && !format_holds_no_text (format))
    {
      g_set_error (error, GLOSS_EXPORT_ERROR, GLOSS_EXPORT_ERROR_USAGE,
                   _("--text omit is for jsonl, json, w3c and brat: %s cannot go without the "
                     "text"), format->name);
      return FALSE;
    }
  if (!sets_per_document (options))
    gloss_store_set_annotator (store, options->set);
  else
    export.one_set = has_one_set (store);

  /* A list of the documents first only when it is needed: a split, or a
   * progress line that wants the total. Otherwise one pass writes them. */
  if (options->split != NULL || options->progress != NULL)
    {
      documents = select_documents (store, options, error);
      if (documents == NULL)
        return FALSE;
      export.total = documents->len;
    }
  export.relations = gloss_store_has_relations (store);
  export.entities = gloss_store_has_entities (store);
  export.label_counts = label_counts;

  if (options->bundle != NULL)
    return write_bundle (&export, documents, error);
  return format->write (&export, NULL, options->output, stream, error);
}
