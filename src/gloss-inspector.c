/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-inspector"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "gloss-inspector.h"
#include "gloss-text.h"

/* The selected annotation (text, label, attributes, relations, note) and the
 * list of all annotations of the document. Every edit goes through a win.*
 * action, so that it is one undoable change in the store like any other. */
struct _GlossInspector
{
  GtkBox            parent_instance;

  GlossStore       *store;
  GlossArticleView *article;
  GPtrArray        *relations;    /* of the document */
  GPtrArray        *entities;
  GtkStringList    *label_names;
  gboolean          updating;

  GtkWidget        *placeholder;
  GtkWidget        *details;
  GtkWidget        *span_text;
  GtkWidget        *label_dropdown;
  GtkWidget        *note_entry;
  GtkWidget        *attributes;
  GtkWidget        *relations_box;
  GtkWidget        *entity_box;
  GtkWidget        *entity_name;
  GtkWidget        *entity_kb;
  char             *entity_id;
  GtkWidget        *overview;
  GtkWidget        *overview_heading;
  GtkStringList    *overview_ids;
  char             *overview_key;   /* what the overview shows, to skip rebuilding it */
  GtkWidget        *list_heading;
  GtkStringList    *span_ids;
  GtkWidget        *list_view;
};

G_DEFINE_FINAL_TYPE (GlossInspector, gloss_inspector, GTK_TYPE_BOX)

static char *
span_text (GlossInspector  *self,
           const GlossSpan *span)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->article));
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < span->fragments->len; i++)
    {
      const GlossFragment *f = &g_array_index (span->fragments, GlossFragment, i);
      GtkTextIter start, end;
      g_autofree char *slice = NULL;

      gtk_text_buffer_get_iter_at_offset (buffer, &start, f->start);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, f->end);
      slice = gtk_text_buffer_get_slice (buffer, &start, &end, TRUE);
      if (i > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, slice);
    }
  return g_string_free (text, FALSE);
}

/* The widget whose signal made the change that is shown now (a drop-down, a
 * switch) is among the children: GTK still uses it when the handler returns,
 * so each row lives on until the main loop is idle. */
static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    {
      g_idle_add_once ((GSourceOnceFunc) g_object_unref, g_object_ref (child));
      gtk_box_remove (GTK_BOX (box), child);
    }
}

static void
activate (GlossInspector *self,
          const char     *action,
          GVariant       *parameter)
{
  if (!self->updating)
    gtk_widget_activate_action_variant (GTK_WIDGET (self), action, parameter);
}

static void
on_label_chosen (GtkDropDown    *dropdown,
                 GParamSpec     *pspec,
                 GlossInspector *self)
{
  guint position = gtk_drop_down_get_selected (dropdown);
  const char *name = gtk_string_list_get_string (self->label_names, position);

  if (name != NULL)
    activate (self, "win.set-label", g_variant_new_string (name));
}

static void
on_note_activate (GtkEntry       *entry,
                  GlossInspector *self)
{
  activate (self, "win.set-note", g_variant_new_string (gtk_editable_get_text (GTK_EDITABLE (entry))));
}

static void
set_attribute (GlossInspector *self,
               const char     *name,
               const char     *json)
{
  activate (self, "win.set-attribute", g_variant_new ("(ss)", name, json));
}

static void
on_enum_chosen (GtkDropDown    *dropdown,
                GParamSpec     *pspec,
                GlossInspector *self)
{
  const char *name = g_object_get_data (G_OBJECT (dropdown), "attribute");
  GtkStringList *values = GTK_STRING_LIST (gtk_drop_down_get_model (dropdown));
  guint position = gtk_drop_down_get_selected (dropdown);
  g_autofree char *json = NULL;

  if (position == 0 || position == GTK_INVALID_LIST_POSITION)
    {
      set_attribute (self, name, "");
      return;
    }
  json = g_strdup_printf ("\"%s\"", gtk_string_list_get_string (values, position));
  set_attribute (self, name, json);
}

static void
on_switch_toggled (GtkSwitch      *button,
                   GParamSpec     *pspec,
                   GlossInspector *self)
{
  set_attribute (self, g_object_get_data (G_OBJECT (button), "attribute"),
                 gtk_switch_get_active (button) ? "true" : "false");
}

static void
on_text_attribute_activate (GtkEntry       *entry,
                            GlossInspector *self)
{
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (),
                                                    gtk_editable_get_text (GTK_EDITABLE (entry)));
  g_autofree char *json = json_to_string (node, FALSE);

  set_attribute (self, g_object_get_data (G_OBJECT (entry), "attribute"),
                 *gtk_editable_get_text (GTK_EDITABLE (entry)) ? json : "");
}

static GtkWidget *
attribute_widget (GlossInspector          *self,
                  const GlossAttributeDef *def,
                  JsonObject              *attrs)
{
  JsonNode *value = attrs != NULL ? json_object_get_member (attrs, def->name) : NULL;
  GtkWidget *widget;

  if (def->type == GLOSS_ATTRIBUTE_ENUM)
    {
      GtkStringList *values = gtk_string_list_new (NULL);
      guint selected = 0;

      gtk_string_list_append (values, "—");
      for (guint i = 0; def->values != NULL && def->values[i] != NULL; i++)
        {
          gtk_string_list_append (values, def->values[i]);
          if (value != NULL && JSON_NODE_HOLDS_VALUE (value)
              && g_strcmp0 (json_node_get_string (value), def->values[i]) == 0)
            selected = i + 1;
        }
      widget = gtk_drop_down_new (G_LIST_MODEL (values), NULL);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (widget), selected);
      g_signal_connect (widget, "notify::selected", G_CALLBACK (on_enum_chosen), self);
    }
  else if (def->type == GLOSS_ATTRIBUTE_BOOLEAN)
    {
      widget = gtk_switch_new ();
      gtk_widget_set_halign (widget, GTK_ALIGN_START);
      gtk_switch_set_active (GTK_SWITCH (widget),
                             value != NULL && JSON_NODE_HOLDS_VALUE (value) && json_node_get_boolean (value));
      g_signal_connect (widget, "notify::active", G_CALLBACK (on_switch_toggled), self);
    }
  else
    {
      widget = gtk_entry_new ();
      if (value != NULL && JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
        gtk_editable_set_text (GTK_EDITABLE (widget), json_node_get_string (value));
      g_signal_connect (widget, "activate", G_CALLBACK (on_text_attribute_activate), self);
    }

  g_object_set_data_full (G_OBJECT (widget), "attribute", g_strdup (def->name), g_free);
  {
    g_autofree char *words = gloss_text_key_to_words (def->name);

    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, words, -1);
  }
  return widget;
}

static void
show_attributes (GlossInspector  *self,
                 const GlossSpan *span)
{
  const GlossLabel *label = gloss_store_lookup_label (self->store, span->label);
  g_autoptr(JsonNode) attrs = json_from_string (span->attrs, NULL);
  JsonObject *object = attrs != NULL && JSON_NODE_HOLDS_OBJECT (attrs) ? json_node_get_object (attrs) : NULL;

  clear_box (self->attributes);
  for (guint i = 0; label != NULL && i < label->attributes->len; i++)
    {
      const GlossAttributeDef *def = g_ptr_array_index (label->attributes, i);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      g_autofree char *words = gloss_text_key_to_words (def->name);
      GtkWidget *name = gtk_label_new (words);

      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_widget_set_size_request (name, 120, -1);
      gtk_box_append (GTK_BOX (row), name);
      gtk_box_append (GTK_BOX (row), attribute_widget (self, def, object));
      gtk_box_append (GTK_BOX (self->attributes), row);
    }
  gtk_widget_set_visible (self->attributes, label != NULL && label->attributes->len > 0);
}

static void
show_relations (GlossInspector  *self,
                const GlossSpan *span)
{
  gboolean any = FALSE;

  clear_box (self->relations_box);
  for (guint i = 0; self->relations != NULL && i < self->relations->len; i++)
    {
      const GlossRelation *r = g_ptr_array_index (self->relations, i);
      gboolean outgoing = g_str_equal (r->from_id, span->id);
      const GlossSpan *other;
      g_autofree char *text = NULL;
      g_autofree char *quoted = NULL;
      g_autofree char *line = NULL;
      g_autofree char *accessible = NULL;
      GtkWidget *row, *label, *remove;

      if (!outgoing && !g_str_equal (r->to_id, span->id))
        continue;
      other = gloss_article_view_lookup_span (self->article, outgoing ? r->to_id : r->from_id);
      if (other == NULL)
        continue;
      row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      text = span_text (self, other);
      quoted = gloss_text_quote (text);
      line = g_strdup_printf ("%s %s %s %s", r->type, outgoing ? "→" : "←", other->label, quoted);
      label = gtk_label_new (line);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (row), label);
      remove = gtk_button_new_from_icon_name ("window-close-symbolic");
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "win.delete-relation");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", r->id);
      accessible = g_strdup_printf (_("Remove the link %s"), line);
      gtk_widget_set_tooltip_text (remove, _("Remove this link"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      gtk_box_append (GTK_BOX (row), remove);
      gtk_box_append (GTK_BOX (self->relations_box), row);
      any = TRUE;
    }
  gtk_widget_set_visible (self->relations_box, any);
}

static void
on_entity_activate (GtkEntry       *entry,
                    GlossInspector *self)
{
  if (self->entity_id == NULL)
    return;
  activate (self, "win.set-entity",
            g_variant_new ("(sss)", self->entity_id,
                           gtk_editable_get_text (GTK_EDITABLE (self->entity_name)),
                           gtk_editable_get_text (GTK_EDITABLE (self->entity_kb))));
}

static void
show_entity (GlossInspector  *self,
             const GlossSpan *span)
{
  const GlossEntity *found = NULL;

  for (guint i = 0; self->entities != NULL && i < self->entities->len && found == NULL; i++)
    {
      const GlossEntity *entity = g_ptr_array_index (self->entities, i);

      for (guint j = 0; j < entity->mentions->len; j++)
        if (g_str_equal (g_ptr_array_index (entity->mentions, j), span->id))
          found = entity;
    }

  g_free (self->entity_id);
  self->entity_id = found != NULL ? g_strdup (found->id) : NULL;
  gtk_widget_set_visible (self->entity_box, found != NULL);
  if (found == NULL)
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->entity_name), found->name ? found->name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->entity_kb), found->kb_id ? found->kb_id : "");
}

static void
select_label (GlossInspector *self,
              const char     *name)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->label_names));

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->label_names, i), name) == 0)
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->label_dropdown), i);
}

static void
show_span (GlossInspector  *self,
           const GlossSpan *span)
{
  g_autofree char *text = NULL;
  g_autofree char *quoted = NULL;

  gtk_widget_set_visible (self->placeholder, span == NULL);
  gtk_widget_set_visible (self->details, span != NULL);
  if (span == NULL)
    return;

  self->updating = TRUE;
  text = span_text (self, span);
  quoted = gloss_text_quote (text);
  gtk_label_set_text (GTK_LABEL (self->span_text), quoted);
  select_label (self, span->label);
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), span->note != NULL ? span->note : "");
  show_attributes (self, span);
  show_relations (self, span);
  show_entity (self, span);
  self->updating = FALSE;
}

/* ---- Who said what: the document's quotes and claims ------------------------------ */

static char *
linked_text (GlossInspector  *self,
             const GlossSpan *span,
             const char      *type)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; self->relations != NULL && i < self->relations->len; i++)
    {
      const GlossRelation *r = g_ptr_array_index (self->relations, i);
      const GlossSpan *other;
      g_autofree char *text = NULL;

      if (!g_str_equal (r->type, type) || !g_str_equal (r->from_id, span->id))
        continue;
      other = gloss_article_view_lookup_span (self->article, r->to_id);
      if (other == NULL)
        continue;
      text = span_text (self, other);
      g_string_append_printf (names, "%s%s", names->len ? ", " : "", text);
    }
  return g_string_free (names, FALSE);
}

static char *
overview_markup (GlossInspector  *self,
                 const GlossSpan *span)
{
  const GlossLabel *label = gloss_store_lookup_label (self->store, span->label);
  g_autoptr(JsonNode) attrs = json_from_string (span->attrs, NULL);
  JsonObject *object = attrs != NULL && JSON_NODE_HOLDS_OBJECT (attrs) ? json_node_get_object (attrs) : NULL;
  gboolean quote = label != NULL && label->kind == GLOSS_LABEL_KIND_QUOTE;
  const char *detail = NULL;
  g_autofree char *who = NULL;
  g_autofree char *text = NULL;

  if (object != NULL)
    detail = json_object_get_string_member_with_default (object, quote ? "quote_type" : "checkworthiness",
                                                         NULL);
  who = linked_text (self, span, quote ? "SPEAKER" : "CLAIMANT");
  if (*who == '\0' && object != NULL
      && json_object_get_boolean_member_with_default (object, "claimant_is_author", FALSE))
    {
      g_free (who);
      who = g_strdup (_("the author"));
    }
  text = span_text (self, span);
  return g_markup_printf_escaped ("<small><b>%s</b> %s</small>\n%s → %s", span->label,
                                  detail ? detail : "", *who ? who : _("(nobody yet)"), text);
}

static void
setup_overview_row (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    GlossInspector           *self)
{
  GtkWidget *line = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (line), 0);
  gtk_label_set_lines (GTK_LABEL (line), 3);
  gtk_label_set_ellipsize (GTK_LABEL (line), PANGO_ELLIPSIZE_END);
  gtk_label_set_wrap (GTK_LABEL (line), TRUE);
  gtk_list_item_set_child (item, line);
}

/* Rows are made only for the quotes and claims in view. */
static void
bind_overview_row (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   GlossInspector           *self)
{
  GtkStringObject *id = gtk_list_item_get_item (item);
  const GlossSpan *span = gloss_article_view_lookup_span (self->article, gtk_string_object_get_string (id));
  g_autofree char *markup = span != NULL ? overview_markup (self, span) : NULL;

  gtk_label_set_markup (GTK_LABEL (gtk_list_item_get_child (item)), markup ? markup : "");
}

static void
on_overview_activated (GtkListView    *view,
                       guint           position,
                       GlossInspector *self)
{
  const char *id = gtk_string_list_get_string (self->overview_ids, position);

  if (id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.select-annotation", "s", id);
}

/* Everything the overview depends on: its quotes and claims (with their
 * attributes) and the relations. Tagging a name changes none of it. */
static char *
overview_key (GlossInspector *self,
              GStrvBuilder   *ids)
{
  GPtrArray *spans = gloss_article_view_get_spans (self->article);
  GString *key = g_string_new (NULL);

  for (guint i = 0; i < spans->len; i++)
    {
      const GlossSpan *span = g_ptr_array_index (spans, i);
      const GlossLabel *label = gloss_store_lookup_label (self->store, span->label);

      if (label == NULL || (label->kind != GLOSS_LABEL_KIND_QUOTE && label->kind != GLOSS_LABEL_KIND_CLAIM))
        continue;
      g_strv_builder_add (ids, span->id);
      g_string_append_printf (key, "%s %s %d %s\n", span->id, span->label, gloss_span_get_end (span),
                              span->attrs);
    }
  for (guint i = 0; self->relations != NULL && i < self->relations->len; i++)
    {
      const GlossRelation *r = g_ptr_array_index (self->relations, i);

      g_string_append_printf (key, "%s %s %s %s\n", r->id, r->type, r->from_id, r->to_id);
    }
  return g_string_free (key, FALSE);
}

static void
refresh_overview (GlossInspector *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *key = overview_key (self, builder);
  g_auto(GStrv) ids = g_strv_builder_end (builder);
  gboolean any = ids[0] != NULL;

  if (g_strcmp0 (key, self->overview_key) == 0)
    return;
  g_free (self->overview_key);
  self->overview_key = g_steal_pointer (&key);

  gtk_string_list_splice (self->overview_ids, 0, g_list_model_get_n_items (G_LIST_MODEL (self->overview_ids)),
                          (const char * const *) ids);
  gtk_widget_set_visible (self->overview_heading, any);
  gtk_widget_set_visible (self->overview, any);
}

/* ---- The list of annotations ------------------------------------------------------ */

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           GlossInspector           *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

/* A row stands for one annotation as it is now: span ids start again in
 * every document, and a relabelled or resized span keeps its id, so a row
 * keyed by the id alone would go on showing what it showed before. */
static char *
row_key (const GlossSpan *span)
{
  g_autofree char *fragments = gloss_span_fragments_to_string (span);

  return g_strdup_printf ("%s\x1f%" G_GINT64_FORMAT "\x1f%s\x1f%s", span->id, span->document, span->label,
                          fragments);
}

static char *
row_id (const char *key)
{
  const char *end = strchr (key, '\x1f');

  return end != NULL ? g_strndup (key, end - key) : g_strdup (key);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          GlossInspector           *self)
{
  GtkStringObject *key = gtk_list_item_get_item (item);
  g_autofree char *id = row_id (gtk_string_object_get_string (key));
  const GlossSpan *span = gloss_article_view_lookup_span (self->article, id);
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;

  if (span == NULL)
    return;
  text = span_text (self, span);
  markup = g_markup_printf_escaped ("<small><b>%s</b></small>  %s", span->label, text);
  gtk_label_set_markup (GTK_LABEL (gtk_list_item_get_child (item)), markup);
}

static void
on_row_activated (GtkListView    *view,
                  guint           position,
                  GlossInspector *self)
{
  const char *key = gtk_string_list_get_string (self->span_ids, position);
  g_autofree char *id = key != NULL ? row_id (key) : NULL;

  if (id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.select-annotation", "s", id);
}

static gboolean
same_tail (GtkStringList      *list,
           guint               from,
           const char * const *ids,
           guint               ids_from)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (; from < n; from++, ids_from++)
    if (ids[ids_from] == NULL || !g_str_equal (gtk_string_list_get_string (list, from), ids[ids_from]))
      return FALSE;
  return ids[ids_from] == NULL;
}

static void
refresh_list (GlossInspector *self)
{
  GPtrArray *spans = gloss_article_view_get_spans (self->article);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;
  g_autofree char *heading = NULL;

  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->span_ids));
  guint first = 0;

  for (guint i = 0; i < spans->len; i++)
    {
      g_autofree char *key = row_key (g_ptr_array_index (spans, i));

      g_strv_builder_add (builder, key);
    }
  ids = g_strv_builder_end (builder);

  /* Usually one annotation came or went: change that row only. */
  while (first < n && first < spans->len
         && g_str_equal (gtk_string_list_get_string (self->span_ids, first), ids[first]))
    first++;
  if (spans->len == n + 1 && same_tail (self->span_ids, first, (const char * const *) ids, first + 1))
    gtk_string_list_splice (self->span_ids, first, 0, (const char * const []) { ids[first], NULL });
  else if (spans->len + 1 == n && same_tail (self->span_ids, first + 1, (const char * const *) ids, first))
    gtk_string_list_splice (self->span_ids, first, 1, NULL);
  else if (first < n || first < spans->len)
    gtk_string_list_splice (self->span_ids, first, n - first, (const char * const *) ids + first);

  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u annotation", "%u annotations", spans->len),
                             spans->len);
  gtk_label_set_text (GTK_LABEL (self->list_heading), heading);
}

static void
on_span_selected (GlossArticleView *article,
                  const char       *span_id,
                  GlossInspector   *self)
{
  /* A handler that ran first may have selected another annotation (a click
   * that picks a link's target selects the quote again): show the one
   * selected now, not the one this emission started with. */
  const char *selected = gloss_article_view_get_selected_span (article);

  show_span (self, gloss_article_view_lookup_span (article, selected));
}

void
gloss_inspector_set_context (GlossInspector   *self,
                             GlossStore       *store,
                             GlossArticleView *article)
{
  GPtrArray *labels = gloss_store_list_labels (store);

  g_return_if_fail (GLOSS_IS_INSPECTOR (self));

  g_set_object (&self->store, store);
  /* Called again on every schema change: connect once. */
  if (self->article != article)
    {
      self->article = article;
      g_signal_connect_object (article, "span-selected", G_CALLBACK (on_span_selected), self, 0);
    }

  self->updating = TRUE;
  gtk_string_list_splice (self->label_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->label_names)), NULL);
  for (guint i = 0; i < labels->len; i++)
    gtk_string_list_append (self->label_names, ((GlossLabel *) g_ptr_array_index (labels, i))->name);
  self->updating = FALSE;
}

/**
 * gloss_inspector_refresh:
 * @relations: (element-type GlossRelation): the document's relations
 * @entities: (element-type GlossEntity): the document's entities
 *
 * Shows the article view's spans and selection again, after a change.
 */
void
gloss_inspector_refresh (GlossInspector *self,
                         GPtrArray      *relations,
                         GPtrArray      *entities)
{
  g_return_if_fail (GLOSS_IS_INSPECTOR (self));

  g_clear_pointer (&self->relations, g_ptr_array_unref);
  self->relations = relations != NULL ? g_ptr_array_ref (relations) : NULL;
  g_clear_pointer (&self->entities, g_ptr_array_unref);
  self->entities = entities != NULL ? g_ptr_array_ref (entities) : NULL;
  refresh_list (self);
  refresh_overview (self);
  show_span (self, gloss_article_view_lookup_span (self->article,
                                                   gloss_article_view_get_selected_span (self->article)));
}

/* ---- Construction ----------------------------------------------------------------- */

static GtkWidget *
heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

static GtkWidget *
entity_entry (GlossInspector *self,
              const char     *name,
              const char     *placeholder)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_widget_set_tooltip_text (entry, name);
  g_signal_connect (entry, "activate", G_CALLBACK (on_entity_activate), self);
  return entry;
}

static GtkWidget *
build_entity_box (GlossInspector *self)
{
  GtkWidget *caption = gtk_label_new (_("Entity (Enter saves)"));

  self->entity_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_widget_add_css_class (caption, "dim-label");
  self->entity_name = entity_entry (self, _("Entity name"), _("Canonical name"));
  self->entity_kb = entity_entry (self, _("Knowledge-base id"), _("Knowledge-base id, e.g. wikidata:Q7747"));
  gtk_box_append (GTK_BOX (self->entity_box), caption);
  gtk_box_append (GTK_BOX (self->entity_box), self->entity_name);
  gtk_box_append (GTK_BOX (self->entity_box), self->entity_kb);
  gtk_widget_set_visible (self->entity_box, FALSE);
  return self->entity_box;
}

static void
build_details (GlossInspector *self)
{
  GtkWidget *delete_button = gtk_button_new_with_mnemonic (_("_Delete Annotation"));
  GtkWidget *note_label = gtk_label_new (_("Note"));

  self->details = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  self->span_text = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->span_text), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->span_text), 0);
  gtk_label_set_selectable (GTK_LABEL (self->span_text), FALSE);
  gtk_widget_add_css_class (self->span_text, "span-text");

  self->label_dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->label_names)), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->label_dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Label"), -1);
  g_signal_connect (self->label_dropdown, "notify::selected", G_CALLBACK (on_label_chosen), self);

  self->attributes = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->relations_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  gtk_label_set_xalign (GTK_LABEL (note_label), 0);
  gtk_widget_add_css_class (note_label, "dim-label");
  self->note_entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->note_entry), _("Add a note, then Enter"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->note_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Note"), -1);
  g_signal_connect (self->note_entry, "activate", G_CALLBACK (on_note_activate), self);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (delete_button), "win.delete-annotation");
  gtk_widget_set_halign (delete_button, GTK_ALIGN_START);

  gtk_box_append (GTK_BOX (self->details), self->span_text);
  gtk_box_append (GTK_BOX (self->details), self->label_dropdown);
  gtk_box_append (GTK_BOX (self->details), self->attributes);
  gtk_box_append (GTK_BOX (self->details), self->relations_box);
  gtk_box_append (GTK_BOX (self->details), build_entity_box (self));
  gtk_box_append (GTK_BOX (self->details), note_label);
  gtk_box_append (GTK_BOX (self->details), self->note_entry);
  gtk_box_append (GTK_BOX (self->details), delete_button);
}

static void
build_list (GlossInspector *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkSelectionModel *selection;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);

  self->span_ids = gtk_string_list_new (NULL);
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->span_ids))));
  self->list_view = gtk_list_view_new (selection, factory);
  gtk_list_view_set_single_click_activate (GTK_LIST_VIEW (self->list_view), TRUE);
  gtk_widget_set_vexpand (self->list_view, TRUE);
  gtk_widget_add_css_class (self->list_view, "annotation-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Annotations of the document"), -1);
  g_signal_connect (self->list_view, "activate", G_CALLBACK (on_row_activated), self);
  self->list_heading = heading (_("Annotations"));
}

/* A list view in its own scrolled window makes rows only for what is in view;
 * given its natural height it would make one for each of 10,000 annotations. */
static GtkWidget *
list_scroller (GtkWidget *list)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_size_request (scroller, -1, 260);
  gtk_widget_set_vexpand (scroller, TRUE);
  return scroller;
}

static void
build_overview (GlossInspector *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkSelectionModel *selection;
  GtkWidget *scroller = gtk_scrolled_window_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_overview_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_overview_row), self);
  self->overview_ids = gtk_string_list_new (NULL);
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->overview_ids))));
  self->overview = gtk_list_view_new (selection, factory);
  gtk_list_view_set_single_click_activate (GTK_LIST_VIEW (self->overview), TRUE);
  gtk_widget_add_css_class (self->overview, "overview");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->overview), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Quotes and claims of the document"), -1);
  g_signal_connect (self->overview, "activate", G_CALLBACK (on_overview_activated), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->overview);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  /* A fixed height: a list view asked for its natural height would measure
   * every row, and a long article has hundreds of quotes. */
  gtk_widget_set_size_request (scroller, -1, 180);
  self->overview = scroller;
  self->overview_heading = heading (_("Who said what"));
  gtk_widget_set_visible (self->overview_heading, FALSE);
  gtk_widget_set_visible (self->overview, FALSE);
}

static void
gloss_inspector_dispose (GObject *object)
{
  GlossInspector *self = GLOSS_INSPECTOR (object);

  g_clear_object (&self->store);
  g_clear_object (&self->span_ids);
  g_clear_object (&self->label_names);
  g_clear_pointer (&self->relations, g_ptr_array_unref);
  g_clear_pointer (&self->entities, g_ptr_array_unref);
  g_clear_pointer (&self->entity_id, g_free);
  g_clear_pointer (&self->overview_key, g_free);
  g_clear_object (&self->overview_ids);
  G_OBJECT_CLASS (gloss_inspector_parent_class)->dispose (object);
}

static void
gloss_inspector_class_init (GlossInspectorClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = gloss_inspector_dispose;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "inspector");
}

static void
gloss_inspector_init (GlossInspector *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 8);

  self->label_names = gtk_string_list_new (NULL);
  self->placeholder = gtk_label_new (_("Select text and press a label key, or Tab to an annotation."));
  gtk_label_set_wrap (GTK_LABEL (self->placeholder), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->placeholder), 0);
  gtk_widget_add_css_class (self->placeholder, "dim-label");

  build_details (self);
  build_list (self);

  gtk_box_append (GTK_BOX (self), heading (_("Annotation")));
  gtk_box_append (GTK_BOX (self), self->placeholder);
  gtk_box_append (GTK_BOX (self), self->details);
  build_overview (self);
  gtk_box_append (GTK_BOX (self), self->overview_heading);
  gtk_box_append (GTK_BOX (self), self->overview);
  gtk_box_append (GTK_BOX (self), self->list_heading);
  gtk_box_append (GTK_BOX (self), list_scroller (self->list_view));
  gtk_widget_set_visible (self->details, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Inspector"), -1);
}
