/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "gloss-agreement.h"
#include "gloss-store.h"

G_BEGIN_DECLS

/* The figures of a team's project, computed once: documents by status and
 * spans by label per annotator set (gold included), agreement per label for
 * every layer, and the label × label confusion of any two annotators. The
 * statistics window draws them and `gloss-cli stats --json` prints them. */
#define GLOSS_TYPE_STATISTICS (gloss_statistics_get_type ())
G_DECLARE_FINAL_TYPE (GlossStatistics, gloss_statistics, GLOSS, STATISTICS, GObject)

GlossStatistics    *gloss_statistics_new_for_store  (GlossStore          *store,
                                                     gboolean             any_status,
                                                     GCancellable        *cancellable,
                                                     GError             **error);
void                gloss_statistics_new_async      (const char          *project,
                                                     gboolean             any_status,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
GlossStatistics    *gloss_statistics_new_finish     (GAsyncResult        *result,
                                                     GError             **error);

gboolean            gloss_statistics_get_any_status (GlossStatistics     *self);
guint               gloss_statistics_get_documents  (GlossStatistics     *self);
guint               gloss_statistics_get_adjudicated (GlossStatistics    *self);
const char * const *gloss_statistics_get_sets       (GlossStatistics     *self);
const char * const *gloss_statistics_get_annotators (GlossStatistics     *self);
const char * const *gloss_statistics_get_layers     (GlossStatistics     *self);
const char * const *gloss_statistics_get_labels     (GlossStatistics     *self,
                                                     const char          *layer);
JsonObject         *gloss_statistics_get_set        (GlossStatistics     *self,
                                                     const char          *set);
JsonObject         *gloss_statistics_get_agreement  (GlossStatistics     *self,
                                                     const char          *layer);
GlossConfusion     *gloss_statistics_get_confusion  (GlossStatistics     *self,
                                                     const char          *layer,
                                                     const char          *a,
                                                     const char          *b);
JsonNode           *gloss_statistics_to_json        (GlossStatistics     *self,
                                                     const char          *a,
                                                     const char          *b,
                                                     GError             **error);

G_END_DECLS
