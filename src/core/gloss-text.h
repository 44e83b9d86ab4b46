/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GLOSS_TEXT_ERROR (gloss_text_error_quark ())

typedef enum
{
  GLOSS_TEXT_ERROR_EMPTY,          /* no bytes, or only whitespace */
  GLOSS_TEXT_ERROR_BINARY,         /* NUL bytes or other signs of a binary file */
  GLOSS_TEXT_ERROR_INVALID_UTF8,   /* message names the byte offset of the first bad byte */
  GLOSS_TEXT_ERROR_ENCODING,       /* --encoding names an unknown encoding or the input does not decode */
} GlossTextError;

/* What normalisation changed, recorded in a document's metadata as
 * `meta.normalized` (["bom","crlf","nfc"]). */
typedef enum
{
  GLOSS_NORMALIZED_NONE = 0,
  GLOSS_NORMALIZED_BOM  = 1 << 0,
  GLOSS_NORMALIZED_CRLF = 1 << 1,
  GLOSS_NORMALIZED_NFC  = 1 << 2,
} GlossNormalized;

GQuark   gloss_text_error_quark      (void);

char    *gloss_text_decode           (const char       *data,
                                      gsize             length,
                                      const char       *encoding,
                                      gsize            *out_length,
                                      GError          **error);
char    *gloss_text_normalize        (const char       *data,
                                      gsize             length,
                                      gboolean          keep_text,
                                      GlossNormalized  *changed,
                                      GError          **error);
char   **gloss_text_normalized_to_strv (GlossNormalized changed);
char    *gloss_text_guess_title      (const char       *text);
char    *gloss_text_sha256           (const char       *text,
                                      gssize            length);
gint     gloss_text_count_chars      (const char       *text,
                                      gssize            length);
char    *gloss_text_quote            (const char       *text);
char    *gloss_text_key_to_words     (const char       *key);

/* Maps code-point offsets of one text to byte offsets, in O(1). */
typedef struct _GlossTextIndex GlossTextIndex;

GlossTextIndex *gloss_text_index_new        (const char           *text,
                                             gssize                length);
void            gloss_text_index_free       (GlossTextIndex       *index);
gint            gloss_text_index_get_length (const GlossTextIndex *index);
gsize           gloss_text_index_to_byte    (const GlossTextIndex *index,
                                             gint                  offset);
const char     *gloss_text_index_get_text   (const GlossTextIndex *index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossTextIndex, gloss_text_index_free)

G_END_DECLS
