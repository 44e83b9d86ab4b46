/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gloss-store.h"

G_BEGIN_DECLS

/* One row of the document list: a document without its text. Properties
 * notify when a refresh finds the document changed. */
#define GLOSS_TYPE_DOCUMENT_ITEM (gloss_document_item_get_type ())
G_DECLARE_FINAL_TYPE (GlossDocumentItem, gloss_document_item, GLOSS, DOCUMENT_ITEM, GObject)

gint64       gloss_document_item_get_rowid   (GlossDocumentItem *self);
const char  *gloss_document_item_get_id      (GlossDocumentItem *self);
const char  *gloss_document_item_get_title   (GlossDocumentItem *self);
GlossStatus  gloss_document_item_get_status  (GlossDocumentItem *self);
guint        gloss_document_item_get_n_spans (GlossDocumentItem *self);

/* The project's documents in import order, as a GListModel of
 * GlossDocumentItem that follows the store. */
#define GLOSS_TYPE_DOCUMENT_LIST (gloss_document_list_get_type ())
G_DECLARE_FINAL_TYPE (GlossDocumentList, gloss_document_list, GLOSS, DOCUMENT_LIST, GObject)

GlossDocumentList *gloss_document_list_new      (GlossStore        *store);
gboolean           gloss_document_list_refresh  (GlossDocumentList *self,
                                                 GError           **error);
gint               gloss_document_list_find     (GlossDocumentList *self,
                                                 gint64             rowid);
gboolean           gloss_document_list_refresh_one (GlossDocumentList *self,
                                                    gint64             rowid);

G_END_DECLS
