/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gloss-import.h"
#include "gloss-report.h"
#include "gloss-store.h"

G_BEGIN_DECLS

#define GLOSS_EXPORT_ERROR (gloss_export_error_quark ())

typedef enum
{
  GLOSS_EXPORT_ERROR_USAGE,        /* options that do not go together */
  GLOSS_EXPORT_ERROR_OUTPUT,       /* the output cannot be written */
} GlossExportError;

typedef struct
{
  const char        *format;       /* "jsonl", "json", "txt" */
  const char        *output;       /* a file (a folder for txt); NULL writes to @stream */
  const char        *bundle;       /* a new or empty folder for a dataset bundle, or NULL */
  gboolean           filter_status;
  GlossStatus        status;
  const char        *layer;        /* only this layer's spans, or NULL */
  const char        *set;          /* "gold" (also NULL), an annotator's name, or "all" */
  const char        *split;        /* "train=0.8,dev=0.1,test=0.1", needs @bundle */
  guint              seed;
  GlossProgressFunc  progress;
  gpointer           progress_data;
  gboolean           omit_text;    /* --text omit: offsets and text_sha256, no text (jsonl,
                                    * json, w3c, brat) */
} GlossExportOptions;

typedef struct
{
  guint documents;
  guint spans;
} GlossExportResult;

GQuark       gloss_export_error_quark (void);
gboolean     gloss_export_is_format   (const char                *format);
char        *gloss_export_list_formats (void);
gboolean     gloss_export             (GlossStore                *store,
                                       const GlossExportOptions  *options,
                                       FILE                      *stream,
                                       GlossReport               *report,
                                       GlossExportResult         *result,
                                       GCancellable              *cancellable,
                                       GError                   **error);

G_END_DECLS
