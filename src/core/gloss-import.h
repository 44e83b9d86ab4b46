/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gloss-report.h"
#include "gloss-store.h"

G_BEGIN_DECLS

#define GLOSS_IMPORT_ERROR (gloss_import_error_quark ())

typedef enum
{
  GLOSS_IMPORT_ERROR_UNREADABLE,   /* missing, a folder, no permission */
  GLOSS_IMPORT_ERROR_FORMAT,       /* unknown format, or a format this reader refuses */
  GLOSS_IMPORT_ERROR_CONTENT,      /* empty, binary, bad encoding: nothing imported */
} GlossImportError;

typedef void (*GlossProgressFunc) (guint64   done,
                                   guint64   total,
                                   gpointer  user_data);

typedef struct
{
  const char        *format;      /* "txt", "jsonl", or NULL to guess */
  const char        *encoding;    /* legacy encoding of the input, or NULL for UTF-8 */
  gboolean           keep_text;   /* store the text exactly as given */
  const char        *title;       /* overrides the title of a txt document */
  GlossProgressFunc  progress;
  gpointer           progress_data;
  const char        *texts_dir;   /* .txt files that fill the texts of a text-less native
                                   * file (export --text omit), matched by SHA-256 */
} GlossImportOptions;

typedef struct
{
  guint  imported;     /* documents stored */
  guint  duplicates;   /* documents skipped because their text was already there */
  char  *first_id;     /* the first document imported or found already there; the
                        * caller frees it */
} GlossImportResult;

GQuark       gloss_import_error_quark (void);
gboolean     gloss_import_is_format    (const char               *format);
char        *gloss_import_list_formats (void);
const char  *gloss_import_guess_format (const char               *path,
                                        GError                  **error);
gboolean     gloss_import_path         (GlossStore               *store,
                                        const char               *path,
                                        const GlossImportOptions *options,
                                        GlossReport              *report,
                                        GlossImportResult        *result,
                                        GCancellable             *cancellable,
                                        GError                  **error);

G_END_DECLS
