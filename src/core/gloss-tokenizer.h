/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One token, in code points, end exclusive. Words are letters or numbers;
 * other tokens are punctuation and symbols. Whitespace is never a token. */
typedef struct
{
  gint     start;
  gint     end;
  gboolean is_word;
} GlossToken;

/* One sentence, in code points, end exclusive, without surrounding whitespace. */
typedef struct
{
  gint start;
  gint end;
} GlossSentence;

GArray   *gloss_tokenize            (const char *text,
                                     gssize      length,
                                     const char *locale);
GArray   *gloss_sentences           (const char *text,
                                     gssize      length,
                                     const char *locale);
gboolean  gloss_tokenizer_snap      (GArray     *tokens,
                                     gint       *start,
                                     gint       *end);
void      gloss_tokenizer_split_clitics (GArray     *tokens,
                                         const char *text,
                                         const char *language);

G_END_DECLS
