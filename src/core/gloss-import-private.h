/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gloss-import.h"
#include "gloss-native.h"

G_BEGIN_DECLS

/* A format reader: imports @path into @store. A file it cannot read at all is
 * an error (nothing stored); a bad line, span or relation goes to @report and
 * is skipped; each document is stored whole or not at all. */
typedef gboolean (*GlossFormatReader) (GlossStore               *store,
                                       const char               *path,
                                       const GlossImportOptions *options,
                                       GlossReport              *report,
                                       GlossImportResult        *result,
                                       GCancellable             *cancellable,
                                       GError                  **error);

typedef struct
{
  const char        *name;
  GlossFormatReader  read;
} GlossImportFormat;

/* Called with each record of a JSON or JSON Lines file, with the report
 * located at the record's line. */
typedef gboolean (*GlossJsonRecordFunc) (JsonObject               *record,
                                         gpointer                  user_data,
                                         GError                  **error);

gboolean _gloss_import_refuse       (GError                  **error,
                                     GlossImportError          code,
                                     const char               *path,
                                     const char               *reason);
gboolean _gloss_import_read_file    (const char               *path,
                                     char                    **contents,
                                     gsize                    *length,
                                     GError                  **error);
gboolean _gloss_import_store_record (GlossStore               *store,
                                     GlossRecord              *record,
                                     GlossReport              *report,
                                     GlossImportResult        *result,
                                     GError                  **error);
gboolean _gloss_import_foreach_json (const char               *path,
                                     const GlossImportOptions *options,
                                     GlossReport              *report,
                                     GCancellable             *cancellable,
                                     GlossJsonRecordFunc       func,
                                     gpointer                  user_data,
                                     GError                  **error);

/* gloss-format-prodigy.c, gloss-format-doccano.c */
gboolean _gloss_import_read_prodigy (GlossStore               *store,
                                     const char               *path,
                                     const GlossImportOptions *options,
                                     GlossReport              *report,
                                     GlossImportResult        *result,
                                     GCancellable             *cancellable,
                                     GError                  **error);
gboolean _gloss_import_read_doccano (GlossStore               *store,
                                     const char               *path,
                                     const GlossImportOptions *options,
                                     GlossReport              *report,
                                     GlossImportResult        *result,
                                     GCancellable             *cancellable,
                                     GError                  **error);

/* gloss-format-brat.c */
gboolean _gloss_import_read_brat    (GlossStore               *store,
                                     const char               *path,
                                     const GlossImportOptions *options,
                                     GlossReport              *report,
                                     GlossImportResult        *result,
                                     GCancellable             *cancellable,
                                     GError                  **error);

const char *_gloss_json_string      (JsonObject               *object,
                                     const char               *name);
gboolean    _gloss_json_int         (JsonObject               *object,
                                     const char               *name,
                                     gint                     *value);

G_END_DECLS
