/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-document-list"

#include "config.h"

#include "gloss-document-list.h"

struct _GlossDocumentItem
{
  GObject      parent_instance;
  gint64       rowid;
  char        *id;
  char        *title;
  GlossStatus  status;
  guint        n_spans;
};

enum {
  ITEM_PROP_0,
  ITEM_PROP_ID,
  ITEM_PROP_TITLE,
  ITEM_PROP_STATUS,
  ITEM_PROP_STATUS_NAME,
  ITEM_PROP_N_SPANS,
  ITEM_N_PROPS
};

static GParamSpec *item_properties[ITEM_N_PROPS];

G_DEFINE_FINAL_TYPE (GlossDocumentItem, gloss_document_item, G_TYPE_OBJECT)

static void
gloss_document_item_finalize (GObject *object)
{
  GlossDocumentItem *self = (GlossDocumentItem *) object;

  g_free (self->id);
  g_free (self->title);
  G_OBJECT_CLASS (gloss_document_item_parent_class)->finalize (object);
}

static void
gloss_document_item_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  GlossDocumentItem *self = GLOSS_DOCUMENT_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case ITEM_PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case ITEM_PROP_STATUS:
      g_value_set_int (value, self->status);
      break;
    case ITEM_PROP_STATUS_NAME:
      g_value_set_string (value, gloss_status_to_string (self->status));
      break;
    case ITEM_PROP_N_SPANS:
      g_value_set_uint (value, self->n_spans);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_document_item_class_init (GlossDocumentItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gloss_document_item_finalize;
  object_class->get_property = gloss_document_item_get_property;

  item_properties[ITEM_PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL, GLOSS_STATUS_NEW, GLOSS_STATUS_DONE, GLOSS_STATUS_NEW,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_STATUS_NAME] =
    g_param_spec_string ("status-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_N_SPANS] =
    g_param_spec_uint ("n-spans", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
}

static void
gloss_document_item_init (GlossDocumentItem *self)
{
}

static GlossDocumentItem *
item_new (const GlossDocument *document)
{
  GlossDocumentItem *self = g_object_new (GLOSS_TYPE_DOCUMENT_ITEM, NULL);

  self->rowid = document->rowid;
  self->id = g_strdup (document->id);
  self->title = g_strdup (document->title);
  self->status = document->status;
  self->n_spans = document->n_spans;
  return self;
}

static void
item_update (GlossDocumentItem   *self,
             const GlossDocument *document)
{
  if (g_strcmp0 (self->title, document->title) != 0)
    {
      g_free (self->title);
      self->title = g_strdup (document->title);
      g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_TITLE]);
    }
  if (self->status != document->status)
    {
      self->status = document->status;
      g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_STATUS]);
      g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_STATUS_NAME]);
    }
  if (self->n_spans != (guint) document->n_spans)
    {
      self->n_spans = document->n_spans;
      g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_N_SPANS]);
    }
}

gint64
gloss_document_item_get_rowid (GlossDocumentItem *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_ITEM (self), 0);
  return self->rowid;
}

const char *
gloss_document_item_get_id (GlossDocumentItem *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_ITEM (self), NULL);
  return self->id;
}

const char *
gloss_document_item_get_title (GlossDocumentItem *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_ITEM (self), NULL);
  return self->title;
}

GlossStatus
gloss_document_item_get_status (GlossDocumentItem *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_ITEM (self), GLOSS_STATUS_NEW);
  return self->status;
}

guint
gloss_document_item_get_n_spans (GlossDocumentItem *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_ITEM (self), 0);
  return self->n_spans;
}

/* ---- The list ---------------------------------------------------------------- */

struct _GlossDocumentList
{
  GObject     parent_instance;
  GlossStore *store;
  GPtrArray  *items;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GlossDocumentList, gloss_document_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return GLOSS_TYPE_DOCUMENT_ITEM;
}

static guint
get_n_items (GListModel *model)
{
  return GLOSS_DOCUMENT_LIST (model)->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  GlossDocumentList *self = GLOSS_DOCUMENT_LIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
gloss_document_list_dispose (GObject *object)
{
  GlossDocumentList *self = (GlossDocumentList *) object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  G_OBJECT_CLASS (gloss_document_list_parent_class)->dispose (object);
}

static void
gloss_document_list_class_init (GlossDocumentListClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = gloss_document_list_dispose;
}

static void
gloss_document_list_init (GlossDocumentList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

GlossDocumentList *
gloss_document_list_new (GlossStore *store)
{
  GlossDocumentList *self;

  g_return_val_if_fail (GLOSS_IS_STORE (store), NULL);

  self = g_object_new (GLOSS_TYPE_DOCUMENT_LIST, NULL);
  self->store = g_object_ref (store);
  gloss_document_list_refresh (self, NULL);
  return self;
}

static gboolean
same_documents (GPtrArray *items,
                GPtrArray *documents)
{
  if (items->len != documents->len)
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    if (((GlossDocumentItem *) g_ptr_array_index (items, i))->rowid
        != ((GlossDocument *) g_ptr_array_index (documents, i))->rowid)
      return FALSE;
  return TRUE;
}

/**
 * gloss_document_list_refresh:
 *
 * Reads the documents again. When the same documents are there, rows are
 * updated in place (so that a view keeps its selection); otherwise the list is
 * replaced.
 */
gboolean
gloss_document_list_refresh (GlossDocumentList  *self,
                             GError            **error)
{
  g_autoptr(GPtrArray) documents = NULL;
  guint removed;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT_LIST (self), FALSE);

  documents = gloss_store_list_documents (self->store, error);
  if (documents == NULL)
    return FALSE;

  if (same_documents (self->items, documents))
    {
      for (guint i = 0; i < documents->len; i++)
        item_update (g_ptr_array_index (self->items, i), g_ptr_array_index (documents, i));
      return TRUE;
    }

  removed = self->items->len;
  g_ptr_array_set_size (self->items, 0);
  for (guint i = 0; i < documents->len; i++)
    g_ptr_array_add (self->items, item_new (g_ptr_array_index (documents, i)));
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->items->len);
  return TRUE;
}

/* Returns: the position of the document, or -1 */
gint
gloss_document_list_find (GlossDocumentList *self,
                          gint64             rowid)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_LIST (self), -1);

  for (guint i = 0; i < self->items->len; i++)
    if (((GlossDocumentItem *) g_ptr_array_index (self->items, i))->rowid == rowid)
      return i;
  return -1;
}

/**
 * gloss_document_list_refresh_one:
 *
 * Reads one document's row again (its status, title, number of annotations)
 * without reading the others: after an annotation is added.
 */
gboolean
gloss_document_list_refresh_one (GlossDocumentList *self,
                                 gint64             rowid)
{
  g_autoptr(GlossDocument) document = NULL;
  gint position;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT_LIST (self), FALSE);

  position = gloss_document_list_find (self, rowid);
  if (position < 0)
    return FALSE;
  document = gloss_store_get_document_info (self->store, rowid, NULL);
  if (document == NULL)
    return gloss_document_list_refresh (self, NULL);
  item_update (g_ptr_array_index (self->items, position), document);
  return TRUE;
}
