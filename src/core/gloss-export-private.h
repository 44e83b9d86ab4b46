/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stdio.h>

#include "gloss-export.h"
#include "gloss-native.h"

G_BEGIN_DECLS

/* What every format writer shares: the documents to write, one at a time with
 * their annotations, and output that appears whole or not at all. */
typedef struct _GlossExportJob GlossExportJob;

struct _GlossExportJob
{
  GlossStore                *store;
  const GlossExportOptions  *options;
  GlossExportResult         *result;
  GCancellable              *cancellable;
  GlossReport               *report;        /* spans a format cannot hold, notices */
  guint64                    done;
  guint64                    total;
  gboolean                   relations;     /* the project has any */
  gboolean                   entities;
  GHashTable                *label_counts;  /* label name → spans written */
  FILE                      *out;           /* while _gloss_export_write_lines () runs */
  const char                *out_path;
  guint                      not_written;   /* spans the format cannot hold (reported) */
  gboolean                   one_set;       /* the project has one set, the store's */
};

typedef gboolean (*GlossRecordFunc) (GlossExportJob     *job,
                                     const GlossRecord  *record,
                                     gpointer            data,
                                     GError            **error);

/* Writes @documents (NULL: every document the options select) to @path: a
 * file, or for a folder format a folder that must be missing or empty; with
 * @path NULL, to @stream. */
typedef gboolean (*GlossFormatWriter) (GlossExportJob  *job,
                                       GPtrArray       *documents,
                                       const char      *path,
                                       FILE            *stream,
                                       GError         **error);

typedef struct
{
  const char        *name;        /* --format */
  const char        *extension;   /* of the data file in a bundle */
  gboolean           folder;      /* writes a folder rather than a file */
  GlossFormatWriter  write;
} GlossExportFormat;

typedef struct _GlossAtomicFile GlossAtomicFile;

/* File names made from document ids, one set per folder written. */
typedef struct _GlossFileNames GlossFileNames;

gboolean          _gloss_export_each_record      (GlossExportJob   *job,
                                                  GPtrArray        *documents,
                                                  GlossRecordFunc   func,
                                                  gpointer          data,
                                                  GError          **error);
gboolean          _gloss_export_write_lines      (GlossExportJob   *job,
                                                  GPtrArray        *documents,
                                                  const char       *path,
                                                  FILE             *stream,
                                                  const char       *head,
                                                  const char       *tail,
                                                  GlossRecordFunc   func,
                                                  gpointer          data,
                                                  GError          **error);
gboolean          _gloss_export_put              (GlossExportJob   *job,
                                                  const char       *data,
                                                  gsize             length,
                                                  GError          **error);
gboolean          _gloss_export_output_error     (GError          **error,
                                                  const char       *path,
                                                  int               saved_errno,
                                                  const char       *what);
GlossAtomicFile  *_gloss_atomic_file_open        (const char       *path,
                                                  GError          **error);
FILE             *_gloss_atomic_file_get_stream  (GlossAtomicFile  *file);
gboolean          _gloss_atomic_file_commit      (GlossAtomicFile  *file,
                                                  GError          **error);
void              _gloss_atomic_file_abort       (GlossAtomicFile  *file);
char             *_gloss_export_staging_folder   (const char       *path,
                                                  GError          **error);
gboolean          _gloss_export_publish_folder   (const char       *tmp,
                                                  const char       *path,
                                                  GError          **error);
void              _gloss_export_remove_tree      (const char       *path);
GlossFileNames   *_gloss_file_names_new          (void);
char             *_gloss_file_names_add          (GlossFileNames   *names,
                                                  const GlossDocument *document);
void              _gloss_file_names_report       (GlossFileNames   *names,
                                                  GlossExportJob   *job,
                                                  const char       *folder,
                                                  const char       *extension);
void              _gloss_file_names_free         (GlossFileNames   *names);
void              _gloss_export_build_schema     (JsonBuilder      *builder,
                                                  GlossStore       *store);
const char       *_gloss_export_conll_label      (const char       *ontonotes);

/* gloss-format-w3c.c */
gboolean          _gloss_export_write_w3c        (GlossExportJob   *job,
                                                  GPtrArray        *documents,
                                                  const char       *path,
                                                  FILE             *stream,
                                                  GError          **error);
void              _gloss_export_describe_w3c     (GString          *card,
                                                  GlossExportJob   *job,
                                                  const char * const *files);

/* gloss-format-conll.c: one layer's tags, CoNLL IOB2 and Hugging Face */
gboolean          _gloss_export_write_conll      (GlossExportJob   *job,
                                                  GPtrArray        *documents,
                                                  const char       *path,
                                                  FILE             *stream,
                                                  GError          **error);
gboolean          _gloss_export_write_hf         (GlossExportJob   *job,
                                                  GPtrArray        *documents,
                                                  const char       *path,
                                                  FILE             *stream,
                                                  GError          **error);
GStrv             _gloss_export_ner_tags         (GlossStore       *store,
                                                  const char       *layer);
void              _gloss_export_describe_conll   (GString          *card,
                                                  GlossExportJob   *job,
                                                  const char * const *files);
void              _gloss_export_describe_hf      (GString          *card,
                                                  GlossExportJob   *job,
                                                  const char * const *files);
void              _gloss_export_describe_calls   (GString          *card,
                                                  const char       *variable,
                                                  const char       *function,
                                                  const char * const *files);

/* gloss-format-prodigy.c, gloss-format-doccano.c */
gboolean          _gloss_export_write_prodigy    (GlossExportJob   *job,
                                                  GPtrArray        *documents,
                                                  const char       *path,
                                                  FILE             *stream,
                                                  GError          **error);
gboolean          _gloss_export_write_doccano    (GlossExportJob   *job,
                                                  GPtrArray        *documents,
                                                  const char       *path,
                                                  FILE             *stream,
                                                  GError          **error);
void              _gloss_export_describe_prodigy (GString          *card,
                                                  GlossExportJob   *job,
                                                  const char * const *files);
void              _gloss_export_describe_doccano (GString          *card,
                                                  GlossExportJob   *job,
                                                  const char * const *files);

/* gloss-format-brat.c */
gboolean          _gloss_export_write_brat       (GlossExportJob   *job,
                                                  GPtrArray        *documents,
                                                  const char       *path,
                                                  FILE             *stream,
                                                  GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossAtomicFile, _gloss_atomic_file_abort)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossFileNames, _gloss_file_names_free)

G_END_DECLS
