/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-text"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>

#include "gloss-text.h"

#define TITLE_MAX_CHARS 200
#define INDEX_BLOCK_SHIFT 6
#define INDEX_BLOCK_SIZE (1 << INDEX_BLOCK_SHIFT)

/* No code point below U+0300 decomposes, combines or reorders under NFC. */
#define NFC_QUICK_CHECK_MIN 0x300

static const char utf8_bom[] = "\xef\xbb\xbf";

typedef struct
{
  const char *magic;
  gsize       length;
  const char *name;
} BinaryMagic;

static const BinaryMagic binary_magics[] = {
  { "\x89PNG\r\n\x1a\n", 8, N_("PNG image") },
  { "\xff\xd8\xff", 3, N_("JPEG image") },
  { "GIF87a", 6, N_("GIF image") },
  { "GIF89a", 6, N_("GIF image") },
  { "%PDF-", 5, N_("PDF document") },
  { "PK\x03\x04", 4, N_("ZIP archive or office document") },
  { "PK\x05\x06", 4, N_("ZIP archive") },
  { "\x1f\x8b", 2, N_("gzip archive") },
  { "\xfd" "7zXZ", 6, N_("xz archive") },
  { "7z\xbc\xaf\x27\x1c", 6, N_("7-Zip archive") },
  { "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8, N_("old Microsoft Office document") },
  { "\x7f" "ELF", 4, N_("ELF executable") },
  { "SQLite format 3\0", 16, N_("SQLite database") },
};

struct _GlossTextIndex
{
  const char *text;
  gsize       n_bytes;
  gint        n_chars;
  /* Byte offset of every INDEX_BLOCK_SIZE-th code point; NULL for ASCII text. */
  guint32    *blocks;
};

G_DEFINE_QUARK (gloss-text-error-quark, gloss_text_error)

static inline gboolean
is_utf8_lead_byte (guchar byte)
{
  return (byte & 0xc0) != 0x80;
}

static gboolean
is_ascii (const char *data,
          gsize       length)
{
  guchar bits = 0;

  /* Branch-free so that the compiler can vectorise it. */
  for (gsize i = 0; i < length; i++)
    bits |= (guchar) data[i];

  return (bits & 0x80) == 0;
}

static char *
copy_bytes (const char *data,
            gsize       length)
{
  char *copy = g_malloc (length + 1);

  if (length > 0)
    memcpy (copy, data, length);
  copy[length] = '\0';

  return copy;
}

static gboolean
is_utf8_name (const char *encoding)
{
  return encoding == NULL ||
         g_ascii_strcasecmp (encoding, "UTF-8") == 0 ||
         g_ascii_strcasecmp (encoding, "UTF8") == 0;
}

static void
set_unknown_encoding_error (const char  *encoding,
                            GError     **error)
{
  g_set_error (error, GLOSS_TEXT_ERROR, GLOSS_TEXT_ERROR_ENCODING,
               _("cannot decode as “%s”: unknown encoding; check the --encoding name "
                 "(“iconv --list” shows the known ones)"),
               encoding);
}

static void
set_decode_error (const char    *encoding,
                  gsize          offset,
                  const GError  *convert_error,
                  GError       **error)
{
  if (g_error_matches (convert_error, G_CONVERT_ERROR, G_CONVERT_ERROR_NO_CONVERSION))
    set_unknown_encoding_error (encoding, error);
  else
    g_set_error (error, GLOSS_TEXT_ERROR, GLOSS_TEXT_ERROR_ENCODING,
                 _("cannot decode as %s at byte %lu: %s; "
                   "check the --encoding name"),
                 encoding, (unsigned long) offset, convert_error->message);
}

char *
gloss_text_decode (const char  *data,
                   gsize        length,
                   const char  *encoding,
                   gsize       *out_length,
                   GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *converted;
  gsize bytes_read = 0;
  gsize bytes_written = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (out_length != NULL)
    *out_length = 0;

  if (is_utf8_name (encoding))
    {
      if (out_length != NULL)
        *out_length = length;
      return copy_bytes (data, length);
    }

  /* iconv takes "" to mean the locale's encoding, which is not what was asked. */
  if (*encoding == '\0')
    {
      set_unknown_encoding_error (encoding, error);
      return NULL;
    }

  converted = g_convert (length > 0 ? data : "", length, "UTF-8", encoding,
                         &bytes_read, &bytes_written, &local_error);
  if (converted == NULL)
    {
      set_decode_error (encoding, bytes_read, local_error, error);
      return NULL;
    }

  if (out_length != NULL)
    *out_length = bytes_written;

  return converted;
}

static gboolean
has_utf8_bom (const char *data,
              gsize       length)
{
  return length >= 3 && memcmp (data, utf8_bom, 3) == 0;
}

/* A byte-order mark counts as blank too, so that a lone BOM is an empty file. */
static gboolean
is_blank (const char *data,
          gsize       length)
{
  const char *p = data;
  const char *end = data + length;

  while (p < end)
    {
      gunichar c;

      if (g_ascii_isspace (*p))
        {
          p++;
          continue;
        }

      c = g_utf8_get_char_validated (p, end - p);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        return FALSE;
      if (!g_unichar_isspace (c) && c != 0xfeff)
        return FALSE;

      p = g_utf8_next_char (p);
    }

  return TRUE;
}

static const BinaryMagic *
find_binary_magic (const char *data,
                   gsize       length)
{
  for (guint i = 0; i < G_N_ELEMENTS (binary_magics); i++)
    {
      const BinaryMagic *magic = &binary_magics[i];

      if (length >= magic->length && memcmp (data, magic->magic, magic->length) == 0)
        return magic;
    }

  return NULL;
}

static gboolean
has_utf16_bom (const char *data,
               gsize       length)
{
  return length >= 2 &&
         (memcmp (data, "\xff\xfe", 2) == 0 || memcmp (data, "\xfe\xff", 2) == 0);
}

static gboolean
check_not_binary (const char  *data,
                  gsize        length,
                  GError     **error)
{
  const BinaryMagic *magic;
  const char *nul;

  /* UTF-16 text is full of NUL bytes, but calling it binary would hide the fix. */
  if (has_utf16_bom (data, length))
    {
      g_set_error_literal (error, GLOSS_TEXT_ERROR, GLOSS_TEXT_ERROR_INVALID_UTF8,
                           _("not valid UTF-8 (first bad byte at offset 0; the file starts "
                             "with a UTF-16 byte-order mark); convert it to UTF-8 or name "
                             "its encoding with --encoding UTF-16"));
      return FALSE;
    }

  if ((magic = find_binary_magic (data, length)))
    {
      g_set_error (error, GLOSS_TEXT_ERROR, GLOSS_TEXT_ERROR_BINARY,
                   _("binary file (%s), not a text article"), _(magic->name));
      return FALSE;
    }

  if ((nul = memchr (data, '\0', length)))
    {
      g_set_error (error, GLOSS_TEXT_ERROR, GLOSS_TEXT_ERROR_BINARY,
                   _("binary file (NUL byte at offset %lu), "
                     "not a text article"),
                   (unsigned long) (nul - data));
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_text (const char  *data,
            gsize        length,
            GError     **error)
{
  const char *end = NULL;

  if (is_blank (data, length))
    {
      g_set_error_literal (error, GLOSS_TEXT_ERROR, GLOSS_TEXT_ERROR_EMPTY,
                           _("empty file; nothing to import"));
      return FALSE;
    }

  if (!check_not_binary (data, length, error))
    return FALSE;

  if (!g_utf8_validate_len (data, length, &end))
    {
      g_set_error (error, GLOSS_TEXT_ERROR, GLOSS_TEXT_ERROR_INVALID_UTF8,
                   _("not valid UTF-8 (first bad byte at offset %lu); "
                     "convert it to UTF-8 or name its encoding with --encoding"),
                   (unsigned long) (end - data));
      return FALSE;
    }

  return TRUE;
}

/* Returns a NUL-terminated copy without a leading BOM and with LF line ends. */
static char *
strip_bom_and_cr (const char      *data,
                  gsize            length,
                  GlossNormalized *changed)
{
  char *out;
  char *q;

  if (has_utf8_bom (data, length))
    {
      data += 3;
      length -= 3;
      *changed |= GLOSS_NORMALIZED_BOM;
    }

  if (memchr (data, '\r', length) == NULL)
    return copy_bytes (data, length);

  *changed |= GLOSS_NORMALIZED_CRLF;
  out = q = g_malloc (length + 1);

  for (gsize i = 0; i < length; i++)
    {
      if (data[i] != '\r')
        *q++ = data[i];
      else if (i + 1 == length || data[i + 1] != '\n')
        *q++ = '\n';
    }
  *q = '\0';

  return out;
}

/* The quick check of UAX #15: TRUE only when @text is certainly in NFC already,
 * which is nearly always, and costs no allocation. */
static gboolean
is_nfc_quick (const char *text)
{
  guint8 last_class = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      guint8 combining_class;

      if (c < NFC_QUICK_CHECK_MIN)
        {
          last_class = 0;
          continue;
        }

      combining_class = u_getCombiningClass (c);
      if (combining_class != 0 && last_class > combining_class)
        return FALSE;
      if (u_getIntPropertyValue (c, UCHAR_NFC_QUICK_CHECK) != UNORM_YES)
        return FALSE;
      last_class = combining_class;
    }

  return TRUE;
}

static UChar *
nfc_utf16 (const UChar *utf16,
           int32_t      n_utf16,
           int32_t     *n_nfc)
{
  UErrorCode status = U_ZERO_ERROR;
  const UNormalizer2 *nfc = unorm2_getNFCInstance (&status);
  int32_t capacity = n_utf16 + n_utf16 / 2 + 16;
  g_autofree UChar *out = g_new (UChar, capacity);

  *n_nfc = unorm2_normalize (nfc, utf16, n_utf16, out, capacity, &status);
  if (status == U_BUFFER_OVERFLOW_ERROR)
    {
      status = U_ZERO_ERROR;
      capacity = *n_nfc;
      g_free (out);
      out = g_new (UChar, capacity);
      *n_nfc = unorm2_normalize (nfc, utf16, n_utf16, out, capacity, &status);
    }

  return U_SUCCESS (status) ? g_steal_pointer (&out) : NULL;
}

/* ICU works in UTF-16 but is several times faster than g_utf8_normalize(). */
static char *
nfc_utf8 (const char *text,
          gsize       length)
{
  UErrorCode status = U_ZERO_ERROR;
  g_autofree UChar *utf16 = NULL;
  g_autofree UChar *nfc = NULL;
  int32_t n_utf16 = 0;
  int32_t n_nfc = 0;
  int32_t n_bytes = 0;
  char *out;

  if (length > G_MAXINT32 / 4)
    return g_utf8_normalize (text, length, G_NORMALIZE_NFC);

  utf16 = g_new (UChar, length + 1);
  u_strFromUTF8 (utf16, length + 1, &n_utf16, text, length, &status);
  if (U_SUCCESS (status))
    nfc = nfc_utf16 (utf16, n_utf16, &n_nfc);
  if (nfc == NULL)
    return g_utf8_normalize (text, length, G_NORMALIZE_NFC);

  out = g_malloc ((gsize) n_nfc * 3 + 1);
  u_strToUTF8 (out, n_nfc * 3 + 1, &n_bytes, nfc, n_nfc, &status);
  g_assert (U_SUCCESS (status));

  return out;
}

static char *
normalize_nfc (char            *text,
               gsize            length,
               GlossNormalized *changed)
{
  g_autofree char *owned = text;
  g_autofree char *nfc = NULL;

  if (is_ascii (text, length) || is_nfc_quick (text))
    return g_steal_pointer (&owned);

  nfc = nfc_utf8 (text, length);
  g_assert (nfc != NULL);

  if (strcmp (nfc, text) == 0)
    return g_steal_pointer (&owned);

  *changed |= GLOSS_NORMALIZED_NFC;
  return g_steal_pointer (&nfc);
}

char *
gloss_text_normalize (const char       *data,
                      gsize             length,
                      gboolean          keep_text,
                      GlossNormalized  *changed,
                      GError          **error)
{
  GlossNormalized what = GLOSS_NORMALIZED_NONE;
  char *text;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (changed != NULL)
    *changed = GLOSS_NORMALIZED_NONE;

  if (!check_text (data, length, error))
    return NULL;

  if (keep_text)
    return copy_bytes (data, length);

  text = strip_bom_and_cr (data, length, &what);
  text = normalize_nfc (text, strlen (text), &what);

  if (changed != NULL)
    *changed = what;

  return text;
}

char **
gloss_text_normalized_to_strv (GlossNormalized changed)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (changed & GLOSS_NORMALIZED_BOM)
    g_strv_builder_add (builder, "bom");
  if (changed & GLOSS_NORMALIZED_CRLF)
    g_strv_builder_add (builder, "crlf");
  if (changed & GLOSS_NORMALIZED_NFC)
    g_strv_builder_add (builder, "nfc");

  return g_strv_builder_end (builder);
}

static gboolean
is_line_break (gunichar c)
{
  return c == '\n' || c == '\r' || c == 0x0b || c == 0x0c ||
         c == 0x85 || c == 0x2028 || c == 0x2029;
}

static gboolean
is_title_space (gunichar c)
{
  return g_unichar_isspace (c) || is_line_break (c) || c == 0xfeff;
}

/* Collects the first non-blank line with whitespace collapsed, stopping once it
 * is known to be longer than the limit. Returns the number of code points kept. */
static guint
collect_first_line (const char *text,
                    GString    *line)
{
  gboolean pending_space = FALSE;
  guint n_chars = 0;

  for (const char *p = text; *p && n_chars <= TITLE_MAX_CHARS; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_line_break (c) && n_chars > 0)
        break;

      if (is_title_space (c))
        {
          pending_space = n_chars > 0;
          continue;
        }

      if (pending_space)
        {
          g_string_append_c (line, ' ');
          n_chars++;
          pending_space = FALSE;
        }
      g_string_append_unichar (line, c);
      n_chars++;
    }

  return n_chars;
}

/* Returns the last word boundary at or before byte @cut of @str, or 0. */
static gsize
word_boundary_before (const char *str,
                      gsize       length,
                      gsize       cut)
{
  UErrorCode status = U_ZERO_ERROR;
  UText *text = utext_openUTF8 (NULL, str, length, &status);
  UBreakIterator *words = ubrk_open (UBRK_WORD, "", NULL, 0, &status);
  gint32 boundary = 0;

  ubrk_setUText (words, text, &status);
  if (U_SUCCESS (status))
    {
      if (ubrk_isBoundary (words, cut))
        boundary = cut;
      else
        boundary = MAX (ubrk_preceding (words, cut), 0);
    }

  ubrk_close (words);
  utext_close (text);

  return boundary;
}

static void
shorten_title (GString *title)
{
  gsize cut = g_utf8_offset_to_pointer (title->str, TITLE_MAX_CHARS - 1) - title->str;
  gsize boundary = word_boundary_before (title->str, title->len, cut);

  /* One word longer than the whole title is cut where it must be. */
  if (boundary == 0)
    boundary = cut;

  g_string_truncate (title, boundary);
  while (title->len > 0 && title->str[title->len - 1] == ' ')
    g_string_truncate (title, title->len - 1);
  g_string_append (title, "…");
}

char *
gloss_text_guess_title (const char *text)
{
  g_autoptr(GString) title = NULL;
  guint n_chars;

  g_return_val_if_fail (text != NULL, NULL);

  title = g_string_new (NULL);
  n_chars = collect_first_line (text, title);
  if (n_chars == 0)
    return NULL;

  if (n_chars > TITLE_MAX_CHARS)
    shorten_title (title);

  return g_string_free (g_steal_pointer (&title), FALSE);
}

char *
gloss_text_sha256 (const char *text,
                   gssize      length)
{
  g_return_val_if_fail (text != NULL || length == 0, NULL);

  if (length < 0)
    length = strlen (text);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                      (const guchar *) (length > 0 ? text : ""),
                                      length);
}

gint
gloss_text_count_chars (const char *text,
                        gssize      length)
{
  gsize n_chars = 0;

  g_return_val_if_fail (text != NULL || length == 0, 0);

  if (length < 0)
    length = strlen (text);

  /* Every code point has exactly one lead byte; counting them has no branches,
   * which keeps ASCII runs as fast as they can be. */
  for (gssize i = 0; i < length; i++)
    n_chars += is_utf8_lead_byte (text[i]);

  return (gint) MIN (n_chars, (gsize) G_MAXINT);
}

static guint32 *
build_blocks (const char *text,
              gsize       n_bytes,
              gint        n_chars)
{
  guint32 *blocks = g_new (guint32, (n_chars + INDEX_BLOCK_SIZE - 1) / INDEX_BLOCK_SIZE);
  guint offset = 0;
  gsize i = 0;

  while (i < n_bytes)
    {
      guint64 word;
      guint in_block = offset & (INDEX_BLOCK_SIZE - 1);

      /* Eight ASCII bytes at a time: news text is mostly ASCII, and this runs
       * once per document on every export. */
      if (i + 8 <= n_bytes && (memcpy (&word, text + i, 8), (word & G_GUINT64_CONSTANT (0x8080808080808080)) == 0))
        {
          if (in_block == 0)
            blocks[offset >> INDEX_BLOCK_SHIFT] = i;
          else if (in_block + 8 > INDEX_BLOCK_SIZE)
            blocks[(offset >> INDEX_BLOCK_SHIFT) + 1] = i + (INDEX_BLOCK_SIZE - in_block);
          offset += 8;
          i += 8;
          continue;
        }

      if (is_utf8_lead_byte (text[i]))
        {
          if (in_block == 0)
            blocks[offset >> INDEX_BLOCK_SHIFT] = i;
          offset++;
        }
      i++;
    }

  g_assert (offset == (guint) n_chars);

  return blocks;
}

/**
 * gloss_text_index_new:
 * @text: valid UTF-8; it is not copied and must outlive the index
 * @length: length of @text in bytes, or -1 if it is NUL-terminated
 *
 * Keeps the byte offset of every 64th code point, a sixteenth of the memory of
 * a full table, so that a lookup walks at most 63 code points.
 */
GlossTextIndex *
gloss_text_index_new (const char *text,
                      gssize      length)
{
  GlossTextIndex *index;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  if (length < 0)
    length = strlen (text);

  g_return_val_if_fail ((gsize) length <= G_MAXINT32, NULL);

  index = g_new0 (GlossTextIndex, 1);
  index->text = text;
  index->n_bytes = length;
  index->n_chars = gloss_text_count_chars (text, length);

  if ((gsize) index->n_chars != index->n_bytes)
    index->blocks = build_blocks (text, index->n_bytes, index->n_chars);

  return index;
}

void
gloss_text_index_free (GlossTextIndex *index)
{
  if (index == NULL)
    return;

  g_free (index->blocks);
  g_free (index);
}

gint
gloss_text_index_get_length (const GlossTextIndex *index)
{
  g_return_val_if_fail (index != NULL, 0);

  return index->n_chars;
}

const char *
gloss_text_index_get_text (const GlossTextIndex *index)
{
  g_return_val_if_fail (index != NULL, NULL);

  return index->text;
}

/* A block of 64 code points in 64 bytes is ASCII, so needs no walk. */
static gboolean
block_is_ascii (const GlossTextIndex *index,
                gint                  block)
{
  gint first = block << INDEX_BLOCK_SHIFT;
  gint n_chars = MIN (INDEX_BLOCK_SIZE, index->n_chars - first);
  gsize end;

  if (first + INDEX_BLOCK_SIZE < index->n_chars)
    end = index->blocks[block + 1];
  else
    end = index->n_bytes;

  return end - index->blocks[block] == (gsize) n_chars;
}

gsize
gloss_text_index_to_byte (const GlossTextIndex *index,
                          gint                  offset)
{
  const guchar *p;
  gint block;
  gint rest;

  g_return_val_if_fail (index != NULL, 0);
  g_return_val_if_fail (offset >= 0 && offset <= index->n_chars, 0);

  if (index->blocks == NULL)
    return offset;
  if (offset == index->n_chars)
    return index->n_bytes;

  block = offset >> INDEX_BLOCK_SHIFT;
  rest = offset & (INDEX_BLOCK_SIZE - 1);
  if (block_is_ascii (index, block))
    return index->blocks[block] + rest;

  p = (const guchar *) index->text + index->blocks[block];
  while (rest > 0)
    {
      p++;
      rest -= is_utf8_lead_byte (*p);
    }

  return p - (const guchar *) index->text;
}

/* Quotation marks of any language and either side: German closes with “,
 * Swedish with ”, Chinese with 」. */
static gboolean
is_quote_mark (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return c == '"' || c == '\'' || c == 0x201E || (c >= 0x300C && c <= 0x300F)
         || type == G_UNICODE_INITIAL_PUNCTUATION || type == G_UNICODE_FINAL_PUNCTUATION;
}

/**
 * gloss_text_quote:
 *
 * Returns: (transfer full): @text between curly quotation marks, for display,
 *   unless it already begins and ends with marks of its own (a quote span
 *   that took its „…“ or «…» along)
 */
char *
gloss_text_quote (const char *text)
{
  const char *last;

  g_return_val_if_fail (text != NULL, NULL);

  last = *text != '\0' ? g_utf8_find_prev_char (text, text + strlen (text)) : NULL;
  if (last != NULL && last != text && is_quote_mark (g_utf8_get_char (text))
      && is_quote_mark (g_utf8_get_char (last)))
    return g_strdup (text);
  return g_strdup_printf ("“%s”", text);
}

/**
 * gloss_text_key_to_words:
 *
 * Returns: (transfer full): a name such as `quote_type` or `speakerKind` as
 *   words a person reads, "Quote type"
 */
char *
gloss_text_key_to_words (const char *key)
{
  GString *out;

  g_return_val_if_fail (key != NULL, NULL);

  out = g_string_sized_new (strlen (key) + 4);
  for (const char *p = key; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '_' || c == '-')
        c = ' ';
      else if (g_unichar_isupper (c) && p != key && g_unichar_islower (g_utf8_get_char (g_utf8_prev_char (p))))
        {
          g_string_append_c (out, ' ');
          c = g_unichar_tolower (c);
        }
      g_string_append_unichar (out, out->len == 0 ? g_unichar_totitle (c) : c);
    }
  return g_string_free (out, FALSE);
}
