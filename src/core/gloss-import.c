/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gloss-json.h"
#include "gloss-import-private.h"
#include "gloss-native.h"
#include "gloss-text.h"

G_DEFINE_QUARK (gloss-import-error-quark, gloss_import_error)

gboolean
_gloss_import_refuse (GError          **error,
                      GlossImportError  code,
                      const char       *path,
                      const char       *reason)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, GLOSS_IMPORT_ERROR, code, "%s: %s", display, reason);
  return FALSE;
}

gboolean
_gloss_import_read_file (const char  *path,
                 char       **contents,
                 gsize       *length,
                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return _gloss_import_refuse (error, GLOSS_IMPORT_ERROR_UNREADABLE, path,
                   _("is a folder; name the files in it (for example FOLDER/*.txt)"));

  if (!g_file_get_contents (path, contents, length, &local_error))
    return _gloss_import_refuse (error, GLOSS_IMPORT_ERROR_UNREADABLE, path, local_error->message);
  return TRUE;
}

/* ---- Plain text ------------------------------------------------------------------ */

static char *
txt_meta (const char      *path,
          GlossNormalized  changed,
          const char      *encoding,
          gboolean         keep_text)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *display = g_filename_display_name (base);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "filename");
  json_builder_add_string_value (b, display);
  if (encoding != NULL)
    {
      json_builder_set_member_name (b, "encoding");
      json_builder_add_string_value (b, encoding);
    }
  if (!keep_text)
    {
      g_auto(GStrv) names = gloss_text_normalized_to_strv (changed);

      json_builder_set_member_name (b, "normalized");
      json_builder_begin_array (b);
      for (guint i = 0; names[i] != NULL; i++)
        json_builder_add_string_value (b, names[i]);
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return gloss_json_node_to_string (root);
}

static gboolean store_record (GlossStore        *store,
                              GlossRecord       *record,
                              GlossReport       *report,
                              GlossImportResult *result,
                              GError           **error);

/* A record goes into the set it names, unless the command named one
 * (--annotator, or the window's annotator). */
gboolean
_gloss_import_store_record (GlossStore        *store,
                            GlossRecord       *record,
                            GlossReport       *report,
                            GlossImportResult *result,
                            GError           **error)
{
  gboolean ok;

  if (record->annotator == NULL || gloss_store_get_annotator (store) != NULL)
    return store_record (store, record, report, result, error);

  gloss_store_set_annotator (store, record->annotator);
  ok = store_record (store, record, report, result, error);
  gloss_store_set_annotator (store, NULL);
  return ok;
}

static gboolean
has_annotations (const GlossRecord *record)
{
  return record->spans->len > 0 || record->relations->len > 0 || record->entities->len > 0
         || record->document->status != GLOSS_STATUS_NEW;
}

/* Annotations of a text the project has go into that document, in the set
 * being imported into: several annotators' files of one corpus come together. */
static gboolean
annotate_existing (GlossStore        *store,
                   GlossRecord       *record,
                   const char        *id,
                   GlossReport       *report,
                   GlossImportResult *result,
                   GError           **error)
{
  g_autoptr(GlossDocument) there = gloss_store_get_document (store, id, error);
  g_autofree char *set = NULL;
  guint added = 0;

  if (there == NULL
      || !gloss_store_add_annotations (store, there->rowid, record->document->status, 0, record->spans,
                                       record->relations, record->entities, report, &added, error))
    return FALSE;
  set = gloss_store_get_set (store);
  gloss_report_notice (report, _("the same text is already in the project as %s; its annotations went "
                                 "into %s's set there (%u new spans of %u)"),
                       id, set, added, record->spans->len);
  if (result->first_id == NULL)
    result->first_id = g_strdup (id);
  return TRUE;
}

static gboolean
store_record (GlossStore        *store,
              GlossRecord       *record,
              GlossReport       *report,
              GlossImportResult *result,
              GError           **error)
{
  GlossDocument *document = record->document;
  g_autofree char *existing = NULL;

  document->text_sha256 = gloss_text_sha256 (document->text, -1);
  existing = gloss_store_find_text (store, document->text_sha256);
  if (existing != NULL)
    {
      result->duplicates++;
      if (has_annotations (record))
        return annotate_existing (store, record, existing, report, result, error);
      gloss_report_notice (report, _("the same text is already in the project as %s; skipped"),
                           existing);
      if (result->first_id == NULL)
        result->first_id = g_steal_pointer (&existing);
      return TRUE;
    }

  if (!gloss_store_add_document (store, document, record->spans, record->relations,
                                 record->entities, report, error))
    return FALSE;
  result->imported++;
  if (result->first_id == NULL)
    result->first_id = g_strdup (document->id);
  return TRUE;
}

/* The text of the .txt file @path as import stores it: decoded from
 * @encoding, then normalised unless @keep_text. */
static char *
read_article (const char       *path,
              const char       *encoding,
              gboolean          keep_text,
              GlossNormalized  *changed,
              GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *decoded = NULL;
  gsize length = 0;
  char *text;

  if (!_gloss_import_read_file (path, &contents, &length, error))
    return NULL;

  if (encoding != NULL)
    {
      decoded = gloss_text_decode (contents, length, encoding, &length, &local_error);
      if (decoded == NULL)
        {
          _gloss_import_refuse (error, GLOSS_IMPORT_ERROR_CONTENT, path, local_error->message);
          return NULL;
        }
    }

  text = gloss_text_normalize (decoded ? decoded : contents, length, keep_text, changed, &local_error);
  if (text == NULL)
    _gloss_import_refuse (error, GLOSS_IMPORT_ERROR_CONTENT, path, local_error->message);
  return text;
}

static gboolean
import_txt (GlossStore               *store,
            const char               *path,
            const GlossImportOptions *options,
            GlossReport              *report,
            GlossImportResult        *result,
            GError                  **error)
{
  g_autoptr(GlossRecord) record = gloss_record_new ();
  g_autofree char *text = NULL;
  GlossNormalized changed = GLOSS_NORMALIZED_NONE;

  text = read_article (path, options->encoding, options->keep_text, &changed, error);
  if (text == NULL)
    return FALSE;

  record->document = g_new0 (GlossDocument, 1);
  record->document->title = options->title != NULL ? g_strdup (options->title)
                                                   : gloss_text_guess_title (text);
  record->document->meta = txt_meta (path, changed, options->encoding, options->keep_text);
  record->document->keep_text = options->keep_text;
  record->document->text = g_steal_pointer (&text);

  return _gloss_import_store_record (store, record, report, result, error);
}

/* ---- JSON Lines and JSON ------------------------------------------------------------ */

typedef struct
{
  GlossStore               *store;
  const GlossImportOptions *options;
  GlossReport              *report;
  GlossImportResult        *result;
  GHashTable               *texts;   /* --texts DIR: SHA-256 → TextFile, or NULL */
} NativeImport;

/* A .txt file of --texts DIR, and whether its hash is of the text as given
 * (for a record kept as given) rather than normalised. */
typedef struct
{
  char     *path;
  gboolean  raw;
} TextFile;

static void
text_file_free (TextFile *file)
{
  g_free (file->path);
  g_free (file);
}

static void
add_text_file (GHashTable *texts,
               const char *path,
               const char *text,
               gboolean    raw)
{
  char *sha256 = gloss_text_sha256 (text, -1);
  TextFile *file;

  if (g_hash_table_contains (texts, sha256))
    {
      g_free (sha256);
      return;
    }
  file = g_new0 (TextFile, 1);
  file->path = g_strdup (path);
  file->raw = raw;
  g_hash_table_insert (texts, sha256, file);
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The .txt files of --texts DIR by the SHA-256 of their text as import would
 * store it: normalised (unless --keep-text), and also as given, which is what
 * a document imported with --keep-text was hashed by. Read once per file
 * imported; a file that is not text is reported and left out. */
static GHashTable *
scan_texts (const GlossImportOptions  *options,
            GlossReport               *report,
            GError                   **error)
{
  g_autoptr(GHashTable) texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) text_file_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDir) dir = g_dir_open (options->texts_dir, 0, &local_error);
  const char *name;

  if (dir == NULL)
    {
      _gloss_import_refuse (error, GLOSS_IMPORT_ERROR_UNREADABLE, options->texts_dir, local_error->message);
      return NULL;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".txt"))
      g_ptr_array_add (names, g_build_filename (options->texts_dir, name, NULL));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *path = g_ptr_array_index (names, i);
      g_autofree char *raw = read_article (path, options->encoding, TRUE, NULL, &local_error);
      g_autofree char *normalized = NULL;

      if (raw == NULL)
        {
          gloss_report_notice (report, _("--texts: %s; not used"), local_error->message);
          g_clear_error (&local_error);
          continue;
        }
      if (!options->keep_text)
        {
          normalized = gloss_text_normalize (raw, strlen (raw), FALSE, NULL, NULL);
          add_text_file (texts, path, normalized, FALSE);
        }
      add_text_file (texts, path, raw, TRUE);
    }
  return g_steal_pointer (&texts);
}

/* The text of a text-less record (`export --text omit`) from --texts DIR, by
 * its text_sha256; %NULL with @error set when DIR has none. */
static char *
find_text (NativeImport  *import,
           JsonObject    *object,
           GError       **error)
{
  const char *sha256 = _gloss_json_string (object, "text_sha256");
  TextFile *file = sha256 != NULL ? g_hash_table_lookup (import->texts, sha256) : NULL;
  g_autofree char *text = NULL;
  g_autofree char *found = NULL;

  if (file == NULL)
    {
      g_set_error (error, GLOSS_IMPORT_ERROR, GLOSS_IMPORT_ERROR_CONTENT,
                   _("no text in %s has sha256 %s"), import->options->texts_dir,
                   sha256 != NULL ? sha256 : _("(none given)"));
      return NULL;
    }
  text = read_article (file->path, import->options->encoding, import->options->keep_text || file->raw,
                       NULL, error);
  if (text == NULL)
    return NULL;
  found = gloss_text_sha256 (text, -1);
  if (!g_str_equal (found, sha256))
    {
      g_set_error (error, GLOSS_IMPORT_ERROR, GLOSS_IMPORT_ERROR_CONTENT,
                   _("%s changed while it was imported: its sha256 is no longer %s"), file->path, sha256);
      return NULL;
    }
  return g_steal_pointer (&text);
}

/* One record of the native format, or a whole-project export (its
 * "documents"), read by the same record reader as every JSON format. */
static gboolean
import_native_record (JsonObject  *object,
                      gpointer     user_data,
                      GError     **error)
{
  NativeImport *import = user_data;
  g_autoptr(GlossRecord) record = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  JsonNode *documents = json_object_get_member (object, "documents");

  if (documents != NULL && JSON_NODE_HOLDS_ARRAY (documents) && !json_object_has_member (object, "text"))
    {
      JsonArray *array = json_node_get_array (documents);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_OBJECT (node))
            gloss_report_problem (import->report, _("document %u is not a JSON object; skipped"), i + 1);
          else if (!import_native_record (json_node_get_object (node), import, error))
            return FALSE;
        }
      return TRUE;
    }

  if (import->texts != NULL && !json_object_has_member (object, "text"))
    text = find_text (import, object, &local_error);
  if (local_error == NULL)
    record = gloss_native_read_record (import->store, object, text, import->options->keep_text,
                                       import->report, &local_error);
  if (record == NULL)
    {
      gloss_report_problem (import->report, _("%s; skipped"), local_error->message);
      return TRUE;
    }
  return _gloss_import_store_record (import->store, record, import->report, import->result, error);
}

static gboolean
is_blank (const char *line,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isspace (line[i]))
      return FALSE;
  return TRUE;
}

/* ---- Records of JSON formats ------------------------------------------------------------ */

const char *
_gloss_json_string (JsonObject *object,
                    const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* %FALSE when @name is missing or not a whole number that fits a gint. */
gboolean
_gloss_json_int (JsonObject *object,
                 const char *name,
                 gint       *value)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  if (json_node_get_int (node) < G_MININT || json_node_get_int (node) > G_MAXINT)
    return FALSE;
  *value = (gint) json_node_get_int (node);
  return TRUE;
}

static guint
first_line (const char *data,
            gsize       length)
{
  guint line = 1;

  for (gsize i = 0; i < length && g_ascii_isspace (data[i]); i++)
    if (data[i] == '\n')
      line++;
  return line;
}

/* Whether @data is one JSON object or array, pretty-printed or not, rather
 * than JSON Lines (json-glib stops after the first value and would take a
 * JSON Lines file for its first line). @lines gets the line on which each
 * element of a top-level array starts, so that problems name a line as those
 * of JSON Lines do. */
static gboolean
is_one_value (const char *data,
              gsize       length,
              GArray     *lines)
{
  gboolean in_string = FALSE, escaped = FALSE, expect = FALSE, started = FALSE;
  guint line = 1, depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (c == '\n')
        line++;
      if (in_string)
        {
          if (escaped)
            escaped = FALSE;
          else if (c == '\\')
            escaped = TRUE;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (g_ascii_isspace (c))
        continue;
      if (depth == 0 && (started || (c != '{' && c != '[')))
        return FALSE;   /* a second value, or not an object or array */
      started = TRUE;
      if (expect && !(c == ']' && depth == 1))
        g_array_append_val (lines, line);
      expect = FALSE;
      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        expect = ++depth == 1 && c == '[';
      else if (c == ']' || c == '}')
        depth--;
      else if (c == ',' && depth == 1)
        expect = TRUE;
    }
  return started && depth == 0;
}

typedef struct
{
  const char               *path;
  const GlossImportOptions *options;
  GlossReport              *report;
  GlossJsonRecordFunc       func;
  gpointer                  user_data;
} RecordVisit;

static gboolean
visit_record (RecordVisit  *visit,
              JsonNode     *node,
              guint         line,
              GError      **error)
{
  gloss_report_set_location (visit->report, visit->path, line);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      gloss_report_problem (visit->report, _("not a JSON object; skipped"));
      return TRUE;
    }
  return visit->func (json_node_get_object (node), visit->user_data, error);
}

/* One JSON value: an array of records, or a single record. */
static gboolean
visit_value (RecordVisit   *visit,
             JsonNode      *root,
             const char    *data,
             gsize          length,
             GArray        *lines,
             GCancellable  *cancellable,
             GError       **error)
{
  JsonArray *records;

  if (!JSON_NODE_HOLDS_ARRAY (root))
    return visit_record (visit, root, first_line (data, length), error);

  records = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!visit_record (visit, json_array_get_element (records, i),
                         i < lines->len ? g_array_index (lines, guint, i) : 0, error))
        return FALSE;
      if (visit->options->progress != NULL)
        visit->options->progress (i + 1, json_array_get_length (records), visit->options->progress_data);
    }
  return TRUE;
}

static gboolean
visit_lines (RecordVisit   *visit,
             const char    *data,
             gsize          length,
             GCancellable  *cancellable,
             GError       **error)
{
  const char *p = data, *end = data + length;

  for (guint line = 1; p < end; line++)
    {
      const char *eol = memchr (p, '\n', end - p);
      gsize n = (eol != NULL ? eol : end) - p;
      g_autoptr(JsonParser) parser = NULL;
      g_autoptr(GError) local_error = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!is_blank (p, n))
        {
          parser = json_parser_new_immutable ();
          if (gloss_json_check_input (p, n, &local_error)
              && json_parser_load_from_data (parser, p, n, &local_error))
            {
              if (!visit_record (visit, json_parser_get_root (parser), line, error))
                return FALSE;
            }
          else
            {
              gloss_report_set_location (visit->report, visit->path, line);
              gloss_report_problem (visit->report, _("not valid JSON (%s); skipped"), local_error->message);
            }
        }
      p += n + 1;
      if (visit->options->progress != NULL)
        visit->options->progress (MIN ((gsize) (p - data), length), length, visit->options->progress_data);
    }
  return TRUE;
}

/**
 * _gloss_import_foreach_json:
 *
 * Calls @func with each record of @path: the elements of one JSON array, one
 * JSON object (pretty-printed over many lines, whatever the file is called),
 * or else the lines of JSON Lines. A line that is not JSON, or a record that is
 * not an object, is reported and skipped. An empty or unreadable file is an
 * error.
 */
gboolean
_gloss_import_foreach_json (const char                *path,
                            const GlossImportOptions  *options,
                            GlossReport               *report,
                            GCancellable              *cancellable,
                            GlossJsonRecordFunc        func,
                            gpointer                   user_data,
                            GError                   **error)
{
  RecordVisit visit = { path, options, report, func, user_data };
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GError) local_error = NULL;
  const char *data;
  gsize length;
  gboolean ok;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return _gloss_import_refuse (error, GLOSS_IMPORT_ERROR_UNREADABLE, path,
                   _("is a folder; name the files in it (for example FOLDER/*.jsonl)"));
  mapped = g_mapped_file_new (path, FALSE, &local_error);
  if (mapped == NULL)
    return _gloss_import_refuse (error, GLOSS_IMPORT_ERROR_UNREADABLE, path, local_error->message);

  data = g_mapped_file_get_contents (mapped);
  length = g_mapped_file_get_length (mapped);
  if (data == NULL || is_blank (data, length))
    return _gloss_import_refuse (error, GLOSS_IMPORT_ERROR_CONTENT, path,
                                 _("is empty; there is nothing to import"));

  if (is_one_value (data, length, lines))
    {
      /* One value over the whole file is one record or one array of them: what
       * cannot be parsed safely refuses the file, which then imports nothing. */
      if (!gloss_json_check_input (data, length, &local_error))
        return _gloss_import_refuse (error, GLOSS_IMPORT_ERROR_CONTENT, path, local_error->message);
      if (!json_parser_load_from_data (parser, data, length, &local_error))
        return _gloss_import_refuse (error, GLOSS_IMPORT_ERROR_CONTENT, path, local_error->message);
      ok = visit_value (&visit, json_parser_get_root (parser), data, length, lines, cancellable, error);
    }
  else
    ok = visit_lines (&visit, data, length, cancellable, error);
  gloss_report_set_location (report, path, 0);
  return ok;
}

static gboolean
read_txt (GlossStore               *store,
          const char               *path,
          const GlossImportOptions *options,
          GlossReport              *report,
          GlossImportResult        *result,
          GCancellable             *cancellable,
          GError                  **error)
{
  return import_txt (store, path, options, report, result, error);
}

static gboolean
read_jsonl (GlossStore               *store,
            const char               *path,
            const GlossImportOptions *options,
            GlossReport              *report,
            GlossImportResult        *result,
            GCancellable             *cancellable,
            GError                  **error)
{
  g_autoptr(GHashTable) texts = NULL;
  NativeImport import = { store, options, report, result, NULL };

  if (options->texts_dir != NULL)
    {
      texts = scan_texts (options, report, error);
      if (texts == NULL)
        return FALSE;
      import.texts = texts;
    }
  return _gloss_import_foreach_json (path, options, report, cancellable, import_native_record, &import,
                                     error);
}

/* Every import format. A format of its own lives in gloss-format-NAME.c and
 * adds one line here (and, if it can be recognised, to the guess below). */
static const GlossImportFormat import_formats[] = {
  { "txt", read_txt },
  { "jsonl", read_jsonl },
  { "prodigy", _gloss_import_read_prodigy },
  { "doccano", _gloss_import_read_doccano },
  { "brat", _gloss_import_read_brat },
};

static const GlossImportFormat *
lookup_reader (const char *name)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (import_formats); i++)
    if (g_str_equal (import_formats[i].name, name))
      return &import_formats[i];
  return NULL;
}

gboolean
gloss_import_is_format (const char *format)
{
  return lookup_reader (format) != NULL;
}

/**
 * gloss_import_list_formats:
 *
 * Returns: (transfer full): the names of the import formats, for messages
 */
char *
gloss_import_list_formats (void)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (import_formats); i++)
    g_string_append_printf (names, "%s%s", i ? ", " : "", import_formats[i].name);
  return g_string_free (names, FALSE);
}

/* ---- Choosing the reader ---------------------------------------------------------------- */

static gboolean
whole_file_parses (JsonParser *parser,
                   const char *path)
{
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, NULL);

  return mapped != NULL
         && gloss_json_check_input (g_mapped_file_get_contents (mapped), g_mapped_file_get_length (mapped), NULL)
         && json_parser_load_from_data (parser, g_mapped_file_get_contents (mapped),
                                        g_mapped_file_get_length (mapped), NULL);
}

/* The first record of a JSON file: its first line, or else the first element
 * of the one JSON value the whole file holds (a pretty-printed file). */
static JsonNode *
first_record (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) input = g_file_read (file, NULL, NULL);
  g_autoptr(GDataInputStream) data = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gboolean tried_whole = FALSE;
  JsonNode *root = NULL;

  if (input == NULL)
    return NULL;
  data = g_data_input_stream_new (G_INPUT_STREAM (input));
  /* A broken first line does not decide: the next good one does. */
  for (guint i = 0; i < 1000 && root == NULL; i++)
    {
      g_autofree char *line = NULL;
      gsize length;

      line = g_data_input_stream_read_line (data, &length, NULL, NULL);
      if (line == NULL)
        return NULL;
      if (is_blank (line, length))
        continue;
      if ((gloss_json_check_input (line, length, NULL) && json_parser_load_from_data (parser, line, length, NULL))
          || (!tried_whole && whole_file_parses (parser, path)))
        root = json_parser_get_root (parser);
      tried_whole = TRUE;
    }

  if (root != NULL && JSON_NODE_HOLDS_ARRAY (root) && json_array_get_length (json_node_get_array (root)) > 0)
    root = json_array_get_element (json_node_get_array (root), 0);
  return root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_copy (root) : NULL;
}

static JsonObject *
first_object (JsonObject *object,
              const char *array)
{
  JsonNode *node = json_object_get_member (object, array);
  JsonArray *items = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  if (items == NULL || json_array_get_length (items) == 0)
    return NULL;
  return JSON_NODE_HOLDS_OBJECT (json_array_get_element (items, 0))
         ? json_array_get_object_element (items, 0) : NULL;
}

/* Gloss's own records: the export's keys, or spans and relations as Gloss
 * writes them (with ids, layers, fragments, from_id). */
static gboolean
looks_native (JsonObject *object)
{
  JsonObject *span = first_object (object, "spans");
  JsonObject *relation = first_object (object, "relations");

  if (json_object_has_member (object, "text_sha256") || json_object_has_member (object, "offsets"))
    return TRUE;
  if (span != NULL && (json_object_has_member (span, "fragments") || json_object_has_member (span, "id")
                       || json_object_has_member (span, "layer")))
    return TRUE;
  return relation != NULL && json_object_has_member (relation, "from_id");
}

static gboolean
looks_like_doccano (JsonObject *object)
{
  JsonObject *entity = first_object (object, "entities");
  JsonNode *label = json_object_get_member (object, "label");

  if (label == NULL)
    label = json_object_get_member (object, "labels");
  if (entity != NULL && json_object_has_member (entity, "start_offset"))
    return TRUE;
  if (json_object_has_member (object, "entities") && !json_object_has_member (object, "spans"))
    return TRUE;
  return label != NULL && JSON_NODE_HOLDS_ARRAY (label)
         && json_array_get_length (json_node_get_array (label)) > 0
         && JSON_NODE_HOLDS_ARRAY (json_array_get_element (json_node_get_array (label), 0));
}

static gboolean
looks_like_prodigy (JsonObject *object)
{
  JsonNode *spans = json_object_get_member (object, "spans");

  return (spans != NULL && JSON_NODE_HOLDS_ARRAY (spans)) || json_object_has_member (object, "tokens")
         || json_object_has_member (object, "_input_hash") || json_object_has_member (object, "_task_hash");
}

/* DESIGN.md, "Command line": the first record decides. */
static const char *
sniff_json (const char *path)
{
  g_autoptr(JsonNode) record = first_record (path);
  JsonObject *object = record != NULL ? json_node_get_object (record) : NULL;

  if (object == NULL)
    return "jsonl";
  if (looks_like_doccano (object))
    return "doccano";
  if (!looks_native (object) && looks_like_prodigy (object))
    return "prodigy";
  return "jsonl";
}

/* A brat collection: .ann files in the folder or, for a collection of
 * collections, in its sub-folders. */
static gboolean
folder_has_ann (const char *path,
                guint       depth)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = NULL;

      if (name[0] == '.')
        continue;
      if (g_str_has_suffix (name, ".ann"))
        return TRUE;
      child = g_build_filename (path, name, NULL);
      if (depth < 2 && g_file_test (child, G_FILE_TEST_IS_DIR) && folder_has_ann (child, depth + 1))
        return TRUE;
    }
  return FALSE;
}

/**
 * gloss_import_guess_format:
 *
 * Returns: the reader for @path ("txt", "jsonl", "prodigy", "doccano", "brat"
 *   for a folder with .ann files or an .ann file), from its name and, for
 *   JSON, its first record; %NULL with an error for a file no reader takes
 */
const char *
gloss_import_guess_format (const char  *path,
                           GError     **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      if (folder_has_ann (path, 0))
        return "brat";
      _gloss_import_refuse (error, GLOSS_IMPORT_ERROR_UNREADABLE, path,
              _("is a folder without brat .ann files; name the files in it (for example "
                "FOLDER/*.txt)"));
      return NULL;
    }
  if (g_str_has_suffix (lower, ".ann"))
    return "brat";
  if (!g_str_has_suffix (lower, ".jsonl") && !g_str_has_suffix (lower, ".json")
      && !g_str_has_suffix (lower, ".ndjson"))
    return "txt";

  return sniff_json (path);
}

/**
 * gloss_import_path:
 * @result: (inout): counts, added to
 *
 * Imports one file. A file that cannot be read, is empty, binary or not valid
 * in its encoding is refused as a whole (an error, nothing stored). In JSON
 * Lines, a bad line, span or relation is reported to @report and skipped, and
 * each document is stored in its own transaction.
 */
gboolean
gloss_import_path (GlossStore               *store,
                   const char               *path,
                   const GlossImportOptions *options,
                   GlossReport              *report,
                   GlossImportResult        *result,
                   GCancellable             *cancellable,
                   GError                  **error)
{
  GlossImportOptions defaults = { 0 };
  GlossImportResult local_result = { 0 };
  const GlossImportFormat *reader;
  const char *format;
  gboolean ok;

  g_return_val_if_fail (GLOSS_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (options == NULL)
    options = &defaults;
  if (result == NULL)
    result = &local_result;

  format = options->format;
  if (format == NULL && (format = gloss_import_guess_format (path, error)) == NULL)
    return FALSE;

  reader = lookup_reader (format);
  gloss_report_set_location (report, path, 0);
  if (reader != NULL)
    ok = reader->read (store, path, options, report, result, cancellable, error);
  else
    {
      g_autofree char *names = gloss_import_list_formats ();
      g_autofree char *reason = g_strdup_printf (_("unknown import format “%s”; use one of: %s"),
                                                 format, names);

      ok = _gloss_import_refuse (error, GLOSS_IMPORT_ERROR_FORMAT, path, reason);
    }
  gloss_report_set_location (report, NULL, 0);
  if (result == &local_result)
    g_free (local_result.first_id);
  return ok;
}
