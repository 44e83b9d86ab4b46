/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gloss-report.h"
#include "gloss-store.h"

G_BEGIN_DECLS

typedef struct
{
  guint documents;   /* documents added to the team project */
  guint sets;        /* (document, annotator) sets that brought something */
  guint replaced;    /* sets replaced by a newer copy */
  guint spans;       /* spans added */
} GlossMergeResult;

gboolean gloss_merge_project (GlossStore        *team,
                              GlossStore        *source,
                              GlossReport       *report,
                              GlossMergeResult  *result,
                              GCancellable      *cancellable,
                              GError           **error);

gboolean gloss_copy_project  (GlossStore        *target,
                              GlossStore        *source,
                              GlossReport       *report,
                              GlossMergeResult  *result,
                              GCancellable      *cancellable,
                              GError           **error);

G_END_DECLS
