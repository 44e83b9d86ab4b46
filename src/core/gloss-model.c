/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-model"

#include "config.h"

#include <json-glib/json-glib.h>
#include <stdlib.h>

#include "gloss-model.h"

static const char * const status_names[] = { "new", "in-progress", "done" };
static const char * const kind_names[] = { "entity", "quote", "cue", "source", "claim" };
static const char * const attribute_type_names[] = { "enum", "boolean", "text" };

static gboolean
lookup_name (const char * const *names,
             guint               n_names,
             const char         *str,
             guint              *index)
{
  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < n_names; i++)
    {
      if (g_str_equal (names[i], str))
        {
          *index = i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
gloss_status_to_string (GlossStatus status)
{
  g_return_val_if_fail (status <= GLOSS_STATUS_DONE, NULL);
  return status_names[status];
}

gboolean
gloss_status_from_string (const char  *str,
                          GlossStatus *status)
{
  guint i;

  if (!lookup_name (status_names, G_N_ELEMENTS (status_names), str, &i))
    return FALSE;
  *status = i;
  return TRUE;
}

const char *
gloss_label_kind_to_string (GlossLabelKind kind)
{
  g_return_val_if_fail (kind <= GLOSS_LABEL_KIND_CLAIM, NULL);
  return kind_names[kind];
}

gboolean
gloss_label_kind_from_string (const char     *str,
                              GlossLabelKind *kind)
{
  guint i;

  if (!lookup_name (kind_names, G_N_ELEMENTS (kind_names), str, &i))
    return FALSE;
  *kind = i;
  return TRUE;
}

const char *
gloss_attribute_type_to_string (GlossAttributeType type)
{
  g_return_val_if_fail (type <= GLOSS_ATTRIBUTE_TEXT, NULL);
  return attribute_type_names[type];
}

gboolean
gloss_attribute_type_from_string (const char         *str,
                                  GlossAttributeType *type)
{
  guint i;

  if (!lookup_name (attribute_type_names, G_N_ELEMENTS (attribute_type_names), str, &i))
    return FALSE;
  *type = i;
  return TRUE;
}

/**
 * gloss_document_dup_language:
 *
 * Returns: (transfer full) (nullable): the language the document's metadata
 *   states ("en", "de"), or %NULL when it states none
 */
char *
gloss_document_dup_language (const GlossDocument *document)
{
  g_autoptr(JsonNode) meta = NULL;
  const char *language = NULL;

  g_return_val_if_fail (document != NULL, NULL);

  meta = document->meta != NULL ? json_from_string (document->meta, NULL) : NULL;
  if (meta != NULL && JSON_NODE_HOLDS_OBJECT (meta))
    language = json_object_get_string_member_with_default (json_node_get_object (meta), "language", NULL);
  return language != NULL && *language != '\0' ? g_strdup (language) : NULL;
}

void
gloss_document_free (GlossDocument *document)
{
  if (document == NULL)
    return;

  g_free (document->id);
  g_free (document->title);
  g_free (document->meta);
  g_free (document->text);
  g_free (document->text_sha256);
  g_free (document);
}

void
gloss_layer_free (GlossLayer *layer)
{
  if (layer == NULL)
    return;

  g_free (layer->name);
  g_free (layer);
}

void
gloss_attribute_def_free (GlossAttributeDef *def)
{
  if (def == NULL)
    return;

  g_free (def->name);
  g_strfreev (def->values);
  g_free (def);
}

GlossLabel *
gloss_label_new (void)
{
  GlossLabel *label = g_new0 (GlossLabel, 1);

  label->attributes = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_attribute_def_free);
  return label;
}

void
gloss_label_free (GlossLabel *label)
{
  if (label == NULL)
    return;

  g_free (label->name);
  g_free (label->layer);
  g_free (label->color);
  g_free (label->hotkey);
  g_free (label->description);
  g_clear_pointer (&label->attributes, g_ptr_array_unref);
  g_free (label);
}

const GlossAttributeDef *
gloss_label_find_attribute (const GlossLabel *label,
                            const char       *name)
{
  g_return_val_if_fail (label != NULL, NULL);

  for (guint i = 0; i < label->attributes->len; i++)
    {
      const GlossAttributeDef *def = g_ptr_array_index (label->attributes, i);

      if (g_str_equal (def->name, name))
        return def;
    }

  return NULL;
}

GlossSpan *
gloss_span_new (const char *label,
                gint        start,
                gint        end)
{
  GlossSpan *span = g_new0 (GlossSpan, 1);

  span->label = g_strdup (label);
  span->fragments = g_array_new (FALSE, FALSE, sizeof (GlossFragment));
  span->attrs = g_strdup ("{}");
  if (end > start)
    gloss_span_add_fragment (span, start, end);
  return span;
}

void
gloss_span_free (GlossSpan *span)
{
  if (span == NULL)
    return;

  g_free (span->id);
  g_free (span->label);
  g_clear_pointer (&span->fragments, g_array_unref);
  g_free (span->attrs);
  g_free (span->annotator);
  g_free (span->note);
  g_free (span->origin);
  g_free (span);
}

static gint
compare_fragments (gconstpointer a,
                   gconstpointer b)
{
  const GlossFragment *fa = a;
  const GlossFragment *fb = b;

  if (fa->start != fb->start)
    return fa->start < fb->start ? -1 : 1;
  return (fa->end > fb->end) - (fa->end < fb->end);
}

/* Fragments stay sorted by start; the store refuses overlapping ones. */
void
gloss_span_add_fragment (GlossSpan *span,
                         gint       start,
                         gint       end)
{
  GlossFragment fragment = { start, end };

  g_return_if_fail (span != NULL);

  g_array_append_val (span->fragments, fragment);
  g_array_sort (span->fragments, compare_fragments);
}

gint
gloss_span_get_start (const GlossSpan *span)
{
  g_return_val_if_fail (span != NULL && span->fragments->len > 0, -1);
  return g_array_index (span->fragments, GlossFragment, 0).start;
}

gint
gloss_span_get_end (const GlossSpan *span)
{
  g_return_val_if_fail (span != NULL && span->fragments->len > 0, -1);
  return g_array_index (span->fragments, GlossFragment, span->fragments->len - 1).end;
}

/* The canonical text form, "[[0,5],[8,12]]": it is what the store keeps and what
 * makes an exact duplicate detectable by a UNIQUE index. */
char *
gloss_span_fragments_to_string (const GlossSpan *span)
{
  GString *str = g_string_new ("[");

  for (guint i = 0; i < span->fragments->len; i++)
    {
      const GlossFragment *f = &g_array_index (span->fragments, GlossFragment, i);

      g_string_append_printf (str, "%s[%d,%d]", i ? "," : "", f->start, f->end);
    }
  g_string_append_c (str, ']');
  return g_string_free (str, FALSE);
}

gboolean
gloss_span_set_fragments_from_string (GlossSpan  *span,
                                      const char *str)
{
  const char *p = str;

  g_array_set_size (span->fragments, 0);
  if (*p++ != '[')
    return FALSE;

  while (*p == '[')
    {
      char *endp;
      gint64 start = g_ascii_strtoll (p + 1, &endp, 10);
      gint64 end;

      if (*endp != ',')
        return FALSE;
      end = g_ascii_strtoll (endp + 1, &endp, 10);
      if (*endp != ']' || start < 0 || end <= start || end > G_MAXINT)
        return FALSE;
      gloss_span_add_fragment (span, (gint) start, (gint) end);
      p = endp + 1;
      if (*p == ',')
        p++;
    }

  return *p == ']' && span->fragments->len > 0;
}

/* Reading order: by start, the longer first, then by id. */
gint
gloss_span_compare (gconstpointer a,
                    gconstpointer b)
{
  const GlossSpan *sa = *(const GlossSpan * const *) a;
  const GlossSpan *sb = *(const GlossSpan * const *) b;
  gint as = gloss_span_get_start (sa), bs = gloss_span_get_start (sb);
  gint ae = gloss_span_get_end (sa), be = gloss_span_get_end (sb);

  if (as != bs)
    return as < bs ? -1 : 1;
  if (ae != be)
    return ae > be ? -1 : 1;
  return g_strcmp0 (sa->id, sb->id);
}

GlossRelation *
gloss_relation_new (const char *type,
                    const char *from_id,
                    const char *to_id)
{
  GlossRelation *relation = g_new0 (GlossRelation, 1);

  relation->type = g_strdup (type);
  relation->from_id = g_strdup (from_id);
  relation->to_id = g_strdup (to_id);
  relation->attrs = g_strdup ("{}");
  return relation;
}

void
gloss_relation_free (GlossRelation *relation)
{
  if (relation == NULL)
    return;

  g_free (relation->id);
  g_free (relation->type);
  g_free (relation->from_id);
  g_free (relation->to_id);
  g_free (relation->attrs);
  g_free (relation->note);
  g_free (relation);
}

GlossEntity *
gloss_entity_new (const char *name)
{
  GlossEntity *entity = g_new0 (GlossEntity, 1);

  entity->name = g_strdup (name);
  entity->mentions = g_ptr_array_new_with_free_func (g_free);
  return entity;
}

void
gloss_entity_free (GlossEntity *entity)
{
  if (entity == NULL)
    return;

  g_free (entity->id);
  g_free (entity->name);
  g_free (entity->type);
  g_free (entity->kb_id);
  g_clear_pointer (&entity->mentions, g_ptr_array_unref);
  g_free (entity);
}
