/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "gloss-report.h"
#include "gloss-store.h"
#include "gloss-text.h"

G_BEGIN_DECLS

/* One document of the native format (DESIGN.md, "Native format"), in memory. */
typedef struct
{
  GlossDocument *document;
  GPtrArray     *spans;       /* GlossSpan */
  GPtrArray     *relations;   /* GlossRelation */
  GPtrArray     *entities;    /* GlossEntity */
  char          *annotator;   /* the set the record names, or NULL */
} GlossRecord;

GlossRecord *gloss_record_new              (void);
void         gloss_record_free             (GlossRecord        *record);

GlossRecord *gloss_native_read_record      (GlossStore         *store,
                                            JsonObject         *object,
                                            const char         *given_text,
                                            gboolean            keep_text,
                                            GlossReport        *report,
                                            GError            **error);
GlossRecord *gloss_native_load_record      (GlossStore         *store,
                                            GlossDocument      *document,
                                            gboolean            relations,
                                            gboolean            entities,
                                            GError            **error);
char        *gloss_native_normalize_text   (GlossRecord        *record,
                                            const char         *raw,
                                            gboolean            keep_text,
                                            GlossNormalized    *changed,
                                            GError            **error);
gboolean     gloss_native_ensure_label     (GlossStore         *store,
                                            const char         *name,
                                            const char         *layer,
                                            GlossReport        *report);
GlossDocument *gloss_native_document       (JsonObject         *object,
                                            char               *text,
                                            gboolean            keep_text,
                                            char               *meta);
char        *gloss_native_meta             (JsonObject         *object,
                                            GlossNormalized     changed,
                                            gboolean            keep_text);
void         gloss_native_write_record     (GlossStore         *store,
                                            const GlossRecord  *record,
                                            const char         *layer,
                                            gboolean            omit_text,
                                            GString            *out);
void         gloss_json_append_string      (GString            *out,
                                            const char         *str,
                                            gssize              length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossRecord, gloss_record_free)

G_END_DECLS
