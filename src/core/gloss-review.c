/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-review"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "gloss-model.h"
#include "gloss-review.h"

/* One annotator's work on the document, indexed the ways a review looks it up. */
typedef struct
{
  char       *name;
  GPtrArray  *spans;      /* GlossSpan */
  GPtrArray  *relations;  /* GlossRelation */
  GHashTable *by_id;      /* span id → GlossSpan */
  GHashTable *by_key;     /* span key → GlossSpan */
  GHashTable *links;      /* relation key → TRUE */
} Set;

typedef struct
{
  GlossReviewItem  item;
  char            *layer;
  char           **version_keys;  /* per annotator: the sorted span keys, joined */
} Item;

struct _GlossReview
{
  GObject     parent_instance;

  GlossStore *store;
  gint64      document;
  guint       n_sets;
  Set        *sets;
  Set         gold;
  GArray     *items;          /* Item */
  GArray     *disagreements;  /* guint: indices into items */
};

G_DEFINE_FINAL_TYPE (GlossReview, gloss_review, G_TYPE_OBJECT)

/* Two spans are the same annotation when label and fragments are. */
static char *
span_key (const GlossSpan *span)
{
  g_autofree char *fragments = gloss_span_fragments_to_string (span);

  return g_strdup_printf ("%s\x1f%s", span->label, fragments);
}

static char *
relation_key (const char *type,
              const char *from_key,
              const char *to_key)
{
  return g_strdup_printf ("%s\x1e%s\x1e%s", type, from_key, to_key);
}

static void
set_clear (Set *set)
{
  g_clear_pointer (&set->name, g_free);
  g_clear_pointer (&set->spans, g_ptr_array_unref);
  g_clear_pointer (&set->relations, g_ptr_array_unref);
  g_clear_pointer (&set->by_id, g_hash_table_unref);
  g_clear_pointer (&set->by_key, g_hash_table_unref);
  g_clear_pointer (&set->links, g_hash_table_unref);
}

static void
item_clear (Item *item)
{
  for (guint i = 0; item->item.versions != NULL && item->version_keys[i] != NULL; i++)
    g_ptr_array_unref (item->item.versions[i]);
  g_free (item->item.versions);
  g_clear_pointer (&item->item.gold, g_ptr_array_unref);
  g_strfreev (item->version_keys);
  g_free (item->layer);
}

static void
clear_sets (GlossReview *self)
{
  for (guint i = 0; i < self->n_sets; i++)
    set_clear (&self->sets[i]);
  g_clear_pointer (&self->sets, g_free);
  self->n_sets = 0;
  set_clear (&self->gold);
  g_array_set_size (self->items, 0);
  g_array_set_size (self->disagreements, 0);
}

static void
gloss_review_finalize (GObject *object)
{
  GlossReview *self = GLOSS_REVIEW (object);

  clear_sets (self);
  g_array_unref (self->items);
  g_array_unref (self->disagreements);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (gloss_review_parent_class)->finalize (object);
}

static void
gloss_review_class_init (GlossReviewClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gloss_review_finalize;
}

static void
gloss_review_init (GlossReview *self)
{
  self->items = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (self->items, (GDestroyNotify) item_clear);
  self->disagreements = g_array_new (FALSE, FALSE, sizeof (guint));
}

/* ---- Loading ----------------------------------------------------------------------------------- */

static void
index_set (Set *set)
{
  set->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  set->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  set->links = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < set->spans->len; i++)
    {
      GlossSpan *span = g_ptr_array_index (set->spans, i);

      g_hash_table_insert (set->by_id, span->id, span);
      g_hash_table_insert (set->by_key, span_key (span), span);
    }
  for (guint i = 0; i < set->relations->len; i++)
    {
      const GlossRelation *relation = g_ptr_array_index (set->relations, i);
      const GlossSpan *from = g_hash_table_lookup (set->by_id, relation->from_id);
      const GlossSpan *to = g_hash_table_lookup (set->by_id, relation->to_id);
      g_autofree char *from_key = NULL;
      g_autofree char *to_key = NULL;

      if (from == NULL || to == NULL)
        continue;
      from_key = span_key (from);
      to_key = span_key (to);
      g_hash_table_add (set->links, relation_key (relation->type, from_key, to_key));
    }
}

static gboolean
load_set (GlossReview  *self,
          Set          *set,
          const char   *name,
          GError      **error)
{
  set->name = g_strdup (name);
  /* By name: choosing each set in turn would write the store's temp table. */
  set->spans = gloss_store_list_set_spans (self->store, self->document, name, error);
  if (set->spans == NULL)
    return FALSE;
  set->relations = gloss_store_list_set_relations (self->store, self->document, name, error);
  if (set->relations == NULL)
    return FALSE;
  index_set (set);
  return TRUE;
}

typedef struct
{
  GlossSpan  *span;
  guint       set;
  const char *layer;
} Entry;

static gint
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *ea = a, *eb = b;
  gint by_layer = g_strcmp0 (ea->layer, eb->layer);
  gint as = gloss_span_get_start (ea->span), bs = gloss_span_get_start (eb->span);

  if (by_layer != 0)
    return by_layer;
  if (as != bs)
    return as < bs ? -1 : 1;
  return gloss_span_get_end (eb->span) - gloss_span_get_end (ea->span);
}

static const char *
layer_of (GlossReview     *self,
          const GlossSpan *span)
{
  const GlossLabel *label = gloss_store_lookup_label (self->store, span->label);

  return label != NULL ? label->layer : "";
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static char *
join_keys (GPtrArray *spans)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < spans->len; i++)
    g_ptr_array_add (keys, span_key (g_ptr_array_index (spans, i)));
  g_ptr_array_sort (keys, compare_strings);
  g_ptr_array_add (keys, NULL);
  return g_strjoinv ("\n", (char **) keys->pdata);
}

static void
place_gold (GlossReview *self,
            Item        *item)
{
  g_autofree char *gold_keys = NULL;

  item->item.gold = g_ptr_array_new ();
  for (guint i = 0; i < self->gold.spans->len; i++)
    {
      GlossSpan *span = g_ptr_array_index (self->gold.spans, i);

      if (gloss_span_get_start (span) < item->item.end && gloss_span_get_end (span) > item->item.start
          && g_str_equal (layer_of (self, span), item->layer))
        g_ptr_array_add (item->item.gold, span);
    }
  g_ptr_array_sort (item->item.gold, gloss_span_compare);

  item->item.gold_choice = item->item.gold->len == 0 ? GLOSS_REVIEW_GOLD_EMPTY : GLOSS_REVIEW_GOLD_OWN;
  if (item->item.gold->len == 0)
    return;
  gold_keys = join_keys (item->item.gold);
  for (guint a = 0; a < self->n_sets; a++)
    if (g_str_equal (gold_keys, item->version_keys[a]))
      {
        item->item.gold_choice = a;
        break;
      }
}

static void
close_item (GlossReview *self,
            Item        *item)
{
  item->item.layer = item->layer;
  item->version_keys = g_new0 (char *, self->n_sets + 1);
  item->item.agreed = TRUE;
  for (guint a = 0; a < self->n_sets; a++)
    {
      g_ptr_array_sort (item->item.versions[a], gloss_span_compare);
      item->version_keys[a] = join_keys (item->item.versions[a]);
      if (a > 0 && !g_str_equal (item->version_keys[a], item->version_keys[0]))
        item->item.agreed = FALSE;
    }
  place_gold (self, item);
}

/* Items: spans of one layer that overlap, across annotators, taken together. */
static void
group_items (GlossReview *self)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  Item *open = NULL;

  for (guint a = 0; a < self->n_sets; a++)
    for (guint i = 0; i < self->sets[a].spans->len; i++)
      {
        Entry entry = { g_ptr_array_index (self->sets[a].spans, i), a, NULL };

        entry.layer = layer_of (self, entry.span);
        g_array_append_val (entries, entry);
      }
  g_array_sort (entries, compare_entries);

  for (guint i = 0; i < entries->len; i++)
    {
      const Entry *entry = &g_array_index (entries, Entry, i);
      gint start = gloss_span_get_start (entry->span), end = gloss_span_get_end (entry->span);

      if (open == NULL || !g_str_equal (open->layer, entry->layer) || start >= open->item.end)
        {
          Item fresh = { { 0 } };

          if (open != NULL)
            close_item (self, open);
          fresh.layer = g_strdup (entry->layer);
          fresh.item.start = start;
          fresh.item.end = end;
          fresh.item.versions = g_new0 (GPtrArray *, self->n_sets);
          for (guint a = 0; a < self->n_sets; a++)
            fresh.item.versions[a] = g_ptr_array_new ();
          g_array_append_val (self->items, fresh);
          open = &g_array_index (self->items, Item, self->items->len - 1);
        }
      open->item.end = MAX (open->item.end, end);
      g_ptr_array_add (open->item.versions[entry->set], entry->span);
    }
  if (open != NULL)
    close_item (self, open);
}

static gint
compare_items (gconstpointer a,
               gconstpointer b)
{
  const Item *ia = a, *ib = b;

  if (ia->item.start != ib->item.start)
    return ia->item.start < ib->item.start ? -1 : 1;
  return g_strcmp0 (ia->layer, ib->layer);
}

/**
 * gloss_review_reload:
 *
 * Reads every set of the document again, as after a change to the gold set.
 * The store is left working in gold.
 */
gboolean
gloss_review_reload (GlossReview  *self,
                     GError      **error)
{
  g_auto(GStrv) names = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (GLOSS_IS_REVIEW (self), FALSE);

  clear_sets (self);
  names = gloss_store_list_sets (self->store, self->document);
  self->sets = g_new0 (Set, g_strv_length (names));
  for (guint i = 0; ok && names[i] != NULL; i++)
    if (!g_str_equal (names[i], "gold"))
      ok = load_set (self, &self->sets[self->n_sets++], names[i], error);
  ok = ok && load_set (self, &self->gold, "gold", error);
  gloss_store_view_set (self->store, "gold");
  if (!ok)
    {
      clear_sets (self);
      return FALSE;
    }
  group_items (self);
  /* Items were grouped per layer; the list reads in document order. */
  g_array_sort (self->items, compare_items);
  for (guint i = 0; i < self->items->len; i++)
    if (!g_array_index (self->items, Item, i).item.agreed)
      g_array_append_val (self->disagreements, i);
  return TRUE;
}

/**
 * gloss_review_new:
 * @document: the document's row id
 *
 * Returns: (transfer full) (nullable): the review, or %NULL with @error set
 *   when the store cannot be read
 */
GlossReview *
gloss_review_new (GlossStore  *store,
                  gint64       document,
                  GError     **error)
{
  g_autoptr(GlossReview) self = NULL;

  g_return_val_if_fail (GLOSS_IS_STORE (store), NULL);

  self = g_object_new (GLOSS_TYPE_REVIEW, NULL);
  self->store = g_object_ref (store);
  self->document = document;
  if (!gloss_review_reload (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

gint64
gloss_review_get_document (GlossReview *self)
{
  g_return_val_if_fail (GLOSS_IS_REVIEW (self), 0);
  return self->document;
}

guint
gloss_review_get_n_annotators (GlossReview *self)
{
  g_return_val_if_fail (GLOSS_IS_REVIEW (self), 0);
  return self->n_sets;
}

const char *
gloss_review_get_annotator (GlossReview *self,
                            guint        index)
{
  g_return_val_if_fail (GLOSS_IS_REVIEW (self), NULL);
  g_return_val_if_fail (index < self->n_sets, NULL);
  return self->sets[index].name;
}

guint
gloss_review_get_n_disagreements (GlossReview *self)
{
  g_return_val_if_fail (GLOSS_IS_REVIEW (self), 0);
  return self->disagreements->len;
}

static Item *
disagreement (GlossReview *self,
              guint        index)
{
  return &g_array_index (self->items, Item, g_array_index (self->disagreements, guint, index));
}

const GlossReviewItem *
gloss_review_get_disagreement (GlossReview *self,
                               guint        index)
{
  g_return_val_if_fail (GLOSS_IS_REVIEW (self), NULL);
  g_return_val_if_fail (index < self->disagreements->len, NULL);
  return &disagreement (self, index)->item;
}

/**
 * gloss_review_count_open_agreed:
 *
 * Returns: how many items every annotator agrees on and gold does not hold
 *   yet: what gloss_review_take_agreed () would bring in
 */
guint
gloss_review_count_open_agreed (GlossReview *self)
{
  guint n = 0;

  g_return_val_if_fail (GLOSS_IS_REVIEW (self), 0);

  for (guint i = 0; i < self->items->len; i++)
    {
      const Item *item = &g_array_index (self->items, Item, i);

      n += item->item.agreed && item->item.gold_choice == GLOSS_REVIEW_GOLD_EMPTY;
    }
  return n;
}

/* ---- Taking into gold ---------------------------------------------------------------------------- */

/* The gold spans and relations as they are while one "take" runs. */
typedef struct
{
  GHashTable *spans;  /* span key → gold span id */
  GHashTable *links;  /* relation key over gold ids → TRUE */
} Gold;

static void
gold_clear (Gold *gold)
{
  g_clear_pointer (&gold->spans, g_hash_table_unref);
  g_clear_pointer (&gold->links, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Gold, gold_clear)

static void
gold_init (GlossReview *self,
           Gold        *gold,
           GPtrArray   *removed)
{
  gold->spans = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gold->links = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < self->gold.spans->len; i++)
    {
      const GlossSpan *span = g_ptr_array_index (self->gold.spans, i);

      if (removed == NULL || !g_ptr_array_find (removed, span, NULL))
        g_hash_table_insert (gold->spans, span_key (span), g_strdup (span->id));
    }
  for (guint i = 0; i < self->gold.relations->len; i++)
    {
      const GlossRelation *relation = g_ptr_array_index (self->gold.relations, i);

      g_hash_table_add (gold->links, relation_key (relation->type, relation->from_id, relation->to_id));
    }
}

/* "from": every annotator span with this label and these fragments. */
static char *
origin_of (GlossReview *self,
           const char  *key)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint a = 0; a < self->n_sets; a++)
    {
      const GlossSpan *span = g_hash_table_lookup (self->sets[a].by_key, key);

      if (span != NULL)
        {
          g_autofree char *reference = g_strdup_printf ("%s:%s", self->sets[a].name, span->id);

          json_builder_add_string_value (builder, reference);
        }
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static gboolean
add_gold_relation (GlossReview          *self,
                   Gold                 *gold,
                   const GlossRelation  *relation,
                   const char           *from_id,
                   const char           *to_id,
                   GError              **error)
{
  g_autoptr(GlossRelation) copy = NULL;
  g_autoptr(GlossRelation) stored = NULL;
  char *key = relation_key (relation->type, from_id, to_id);

  if (!g_hash_table_add (gold->links, key))
    return TRUE;
  copy = gloss_relation_new (relation->type, from_id, to_id);
  g_free (copy->attrs);
  copy->attrs = g_strdup (relation->attrs);
  copy->note = g_strdup (relation->note);
  stored = gloss_store_add_relation (self->store, self->document, copy, error);
  return stored != NULL;
}

static const char *add_gold_span (GlossReview      *self,
                                  Gold             *gold,
                                  guint             set,
                                  const GlossSpan  *span,
                                  gboolean          with_links,
                                  GError          **error);

/* A taken span brings the relations that go out of it and the spans they
 * point at (a quote's cue and speaker), but not those spans' own relations:
 * taking a speaker does not bring every quote of theirs. */
static gboolean
add_links_of (GlossReview      *self,
              Gold             *gold,
              guint             set,
              const GlossSpan  *span,
              const char       *gold_id,
              GError          **error)
{
  const Set *source = &self->sets[set];

  for (guint i = 0; i < source->relations->len; i++)
    {
      const GlossRelation *relation = g_ptr_array_index (source->relations, i);
      const GlossSpan *other;
      g_autofree char *other_id = NULL;

      if (!g_str_equal (relation->from_id, span->id))
        continue;
      other = g_hash_table_lookup (source->by_id, relation->to_id);
      if (other == NULL)
        continue;
      other_id = g_strdup (add_gold_span (self, gold, set, other, FALSE, error));
      if (other_id == NULL || !add_gold_relation (self, gold, relation, gold_id, other_id, error))
        return FALSE;
    }
  return TRUE;
}

/* Returns: the id of the gold span with @span's label and fragments, added
 * when gold has none. */
static const char *
add_gold_span (GlossReview      *self,
               Gold             *gold,
               guint             set,
               const GlossSpan  *span,
               gboolean          with_links,
               GError          **error)
{
  g_autofree char *key = span_key (span);
  const char *id = g_hash_table_lookup (gold->spans, key);

  if (id == NULL)
    {
      g_autoptr(GlossSpan) copy = gloss_span_new (span->label, 0, 0);
      g_autoptr(GlossSpan) stored = NULL;

      g_array_append_vals (copy->fragments, span->fragments->data, span->fragments->len);
      g_free (copy->attrs);
      copy->attrs = g_strdup (span->attrs);
      copy->note = g_strdup (span->note);
      copy->origin = origin_of (self, key);
      stored = gloss_store_add_span (self->store, self->document, copy, error);
      if (stored == NULL)
        return NULL;
      g_hash_table_insert (gold->spans, g_strdup (key), g_steal_pointer (&stored->id));
      id = g_hash_table_lookup (gold->spans, key);
    }
  if (with_links && !add_links_of (self, gold, set, span, id, error))
    return NULL;
  return id;
}

static gboolean
finish (GlossReview  *self,
        gboolean      ok,
        GError      **error)
{
  if (!ok)
    {
      gloss_store_cancel_group (self->store);
      gloss_review_reload (self, NULL);
      return FALSE;
    }
  ok = gloss_store_end_group (self->store, error);
  return gloss_review_reload (self, ok ? error : NULL) && ok;
}

/**
 * gloss_review_take:
 * @disagreement: which disagreement
 * @annotator: whose version goes into gold, or -1 for none
 *
 * Replaces what gold holds at the disagreement with one annotator's spans
 * there, their relations and the spans those link to: one undo step. The
 * disagreements are read again afterwards.
 */
gboolean
gloss_review_take (GlossReview  *self,
                   guint         index,
                   gint          annotator,
                   GError      **error)
{
  const GlossReviewItem *item;
  g_auto(Gold) gold = { NULL, NULL };
  g_autofree char *description = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (GLOSS_IS_REVIEW (self), FALSE);
  g_return_val_if_fail (index < self->disagreements->len, FALSE);
  g_return_val_if_fail (annotator < (gint) self->n_sets, FALSE);

  item = &disagreement (self, index)->item;
  description = annotator >= 0
                ? g_strdup_printf (_("Take %s’s version"), self->sets[annotator].name)
                : g_strdup (_("Take no version"));
  gloss_store_view_set (self->store, "gold");
  gloss_store_begin_group (self->store, description);
  for (guint i = 0; ok && i < item->gold->len; i++)
    ok = gloss_store_delete_span (self->store, self->document,
                                  ((GlossSpan *) g_ptr_array_index (item->gold, i))->id, error);
  gold_init (self, &gold, item->gold);
  for (guint i = 0; ok && annotator >= 0 && i < item->versions[annotator]->len; i++)
    ok = add_gold_span (self, &gold, annotator, g_ptr_array_index (item->versions[annotator], i),
                        TRUE, error) != NULL;
  return finish (self, ok, error);
}

/* A relation every annotator has, between spans every annotator has. */
static gboolean
take_agreed_links (GlossReview  *self,
                   Gold         *gold,
                   GHashTable   *taken,
                   GError      **error)
{
  const Set *first = &self->sets[0];

  for (guint i = 0; i < first->relations->len; i++)
    {
      const GlossRelation *relation = g_ptr_array_index (first->relations, i);
      const GlossSpan *from = g_hash_table_lookup (first->by_id, relation->from_id);
      const GlossSpan *to = g_hash_table_lookup (first->by_id, relation->to_id);
      g_autofree char *from_key = NULL;
      g_autofree char *to_key = NULL;
      g_autofree char *key = NULL;
      const char *from_id, *to_id;
      gboolean everyone = TRUE;

      if (from == NULL || to == NULL)
        continue;
      from_key = span_key (from);
      to_key = span_key (to);
      if (!g_hash_table_contains (taken, from_key) && !g_hash_table_contains (taken, to_key))
        continue;
      key = relation_key (relation->type, from_key, to_key);
      for (guint a = 1; everyone && a < self->n_sets; a++)
        everyone = g_hash_table_contains (self->sets[a].links, key);
      from_id = g_hash_table_lookup (gold->spans, from_key);
      to_id = g_hash_table_lookup (gold->spans, to_key);
      if (everyone && from_id != NULL && to_id != NULL
          && !add_gold_relation (self, gold, relation, from_id, to_id, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * gloss_review_take_agreed:
 * @taken: (out) (optional): how many spans went into gold
 *
 * Brings every item all annotators agree on, where gold has nothing yet, into
 * gold with the relations all of them share: one undo step.
 */
gboolean
gloss_review_take_agreed (GlossReview  *self,
                          guint        *taken,
                          GError      **error)
{
  g_auto(Gold) gold = { NULL, NULL };
  g_autoptr(GHashTable) added = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean ok = TRUE;

  g_return_val_if_fail (GLOSS_IS_REVIEW (self), FALSE);

  if (taken != NULL)
    *taken = 0;
  if (self->n_sets == 0 || gloss_review_count_open_agreed (self) == 0)
    return TRUE;

  gloss_store_view_set (self->store, "gold");
  gloss_store_begin_group (self->store, _("Take what every annotator agrees on"));
  gold_init (self, &gold, NULL);
  for (guint i = 0; ok && i < self->items->len; i++)
    {
      const Item *item = &g_array_index (self->items, Item, i);

      if (!item->item.agreed || item->item.gold_choice != GLOSS_REVIEW_GOLD_EMPTY)
        continue;
      for (guint s = 0; ok && s < item->item.versions[0]->len; s++)
        {
          const GlossSpan *span = g_ptr_array_index (item->item.versions[0], s);

          ok = add_gold_span (self, &gold, 0, span, FALSE, error) != NULL;
          if (ok && g_hash_table_add (added, span_key (span)) && taken != NULL)
            (*taken)++;
        }
    }
  ok = ok && take_agreed_links (self, &gold, added, error);
  return finish (self, ok, error);
}
