/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-format-brat"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gloss-json.h"
#include "gloss-export-private.h"
#include "gloss-format-brat-private.h"

/* Writing brat standoff: see gloss-format-brat-private.h for the mapping. */

/* "T12" → 12 for @prefix 'T'; 0 for anything not written that way. */
static guint
id_number (const char *id,
           char        prefix)
{
  guint64 v;

  if (id == NULL || id[0] != prefix || id[1] < '1' || id[1] > '9'
      || !g_ascii_string_to_unsigned (id + 1, 10, 1, G_MAXINT, &v, NULL))
    return 0;
  return (guint) v;
}

/* ---- Export: what annotation.conf will say ------------------------------------------------ */

typedef struct
{
  GPtrArray *arg1;     /* type names */
  GPtrArray *arg2;
} RelationStat;

typedef struct
{
  char      *role;     /* without its number: Theme2 is a second Theme */
  GPtrArray *types;
  guint      events;   /* events of the type with this role */
  guint      most;     /* most arguments in this role in one event */
} RoleStat;

typedef struct
{
  guint      count;
  GPtrArray *roles;    /* RoleStat */
} EventStat;

typedef struct
{
  gboolean   on_entity;
  gboolean   on_event;
  gboolean   on_relation;
  gboolean   binary;
  GPtrArray *values;
} AttributeStat;

static void
relation_stat_free (RelationStat *stat)
{
  g_ptr_array_unref (stat->arg1);
  g_ptr_array_unref (stat->arg2);
  g_free (stat);
}

static void
role_stat_free (RoleStat *stat)
{
  g_free (stat->role);
  g_ptr_array_unref (stat->types);
  g_free (stat);
}

static void
event_stat_free (EventStat *stat)
{
  g_ptr_array_unref (stat->roles);
  g_free (stat);
}

static void
attribute_stat_free (AttributeStat *stat)
{
  g_ptr_array_unref (stat->values);
  g_free (stat);
}

typedef struct
{
  GlossExportJob *job;
  const char     *folder;
  GlossFileNames *names;            /* NAME of each document written */
  GHashTable     *event_layers;     /* layer names (set) */
  GHashTable     *relation_stats;   /* type → RelationStat */
  GHashTable     *equiv_stats;      /* type → RelationStat */
  GHashTable     *event_stats;      /* type → EventStat */
  GHashTable     *attribute_stats;  /* name → AttributeStat */
  GHashTable     *roles;            /* role names written (set) */
  GHashTable     *overlaps;         /* "TYPE1\tTYPE2" → OVERLAP_* mask that the spans need */
  GHashTable     *triggers;         /* labels written as event types (set) */
  GHashTable     *used;             /* span types written (set); see write_confs () */
  guint           renamed;          /* names and values written with "_" for blanks */
  guint           unheld;           /* entities and notes brat cannot hold */
} Writer;

static RelationStat *
relation_stat (GHashTable *stats,
               const char *type)
{
  RelationStat *stat = g_hash_table_lookup (stats, type);

  if (stat == NULL)
    {
      stat = g_new0 (RelationStat, 1);
      stat->arg1 = g_ptr_array_new_with_free_func (g_free);
      stat->arg2 = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (stats, g_strdup (type), stat);
    }
  return stat;
}

static AttributeStat *
attribute_stat (Writer     *w,
                const char *name)
{
  AttributeStat *stat = g_hash_table_lookup (w->attribute_stats, name);

  if (stat == NULL)
    {
      stat = g_new0 (AttributeStat, 1);
      stat->values = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (w->attribute_stats, g_strdup (name), stat);
    }
  return stat;
}

static RoleStat *
role_stat (EventStat  *event,
           const char *role)
{
  RoleStat *stat;

  for (guint i = 0; i < event->roles->len; i++)
    if (g_str_equal (((RoleStat *) g_ptr_array_index (event->roles, i))->role, role))
      return g_ptr_array_index (event->roles, i);
  stat = g_new0 (RoleStat, 1);
  stat->role = g_strdup (role);
  stat->types = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (event->roles, stat);
  return stat;
}

/* ---- Export: one document -------------------------------------------------------------------- */

typedef struct
{
  char            *id;        /* "E3"; NULL until numbered */
  const GlossSpan *trigger;
  GPtrArray       *roles;     /* const GlossRelation * */
} Event;

static void
event_free (Event *event)
{
  g_free (event->id);
  g_ptr_array_unref (event->roles);
  g_free (event);
}

typedef struct
{
  Writer            *w;
  const GlossRecord *record;
  GlossTextIndex    *index;
  GPtrArray         *spans;         /* const GlossSpan *, in T order */
  GHashTable        *kept;          /* span id → const GlossSpan *, the spans written */
  GHashTable        *t_ids;         /* span id → "T3" */
  GHashTable        *attrs;         /* span or relation → JsonObject */
  GPtrArray         *events;        /* Event *, in E order */
  GHashTable        *event_of;      /* span id → its first Event */
  GHashTable        *events_by_id;  /* "E3" → Event */
  GPtrArray         *relations;     /* const GlossRelation *, in R order */
  GHashTable        *r_ids;         /* GlossRelation → "R2" */
  GString           *out;
  guint              a;             /* the last A, N and # numbers given */
  guint              n;
  guint              notes;
  GHashTable        *pieces;        /* span id → GlossSpan: its fragments cut at line breaks */
  GPtrArray         *text_notes;    /* "T3", "name: value", …: free-text attributes, as notes */
} Doc;

/* How two written spans may overlap, as annotation.conf's <OVL-TYPE> says it. */
enum
{
  OVERLAP_CONTAIN = 1 << 0,   /* TYPE1 inside TYPE2 */
  OVERLAP_EQUAL   = 1 << 1,
  OVERLAP_CROSS   = 1 << 2,
};

typedef struct
{
  guint    number;
  gpointer item;
} Numbered;

static gint
compare_numbered (gconstpointer a,
                  gconstpointer b)
{
  const Numbered *x = a, *y = b;

  return (x->number > y->number) - (x->number < y->number);
}

/* Items whose id is PREFIX<n> keep n (the first one to claim it); the others
 * are numbered after the highest. Returns them sorted by number. */
static GArray *
number_items (GPtrArray   *items,
              const char *(*id_of) (gconstpointer item),
              char         prefix)
{
  g_autoptr(GHashTable) used = g_hash_table_new (NULL, NULL);
  GArray *numbered = g_array_sized_new (FALSE, TRUE, sizeof (Numbered), items->len);
  guint top = 0;

  for (guint i = 0; i < items->len; i++)
    {
      Numbered entry = { id_number (id_of (g_ptr_array_index (items, i)), prefix),
                         g_ptr_array_index (items, i) };

      if (entry.number > 0 && !g_hash_table_add (used, GUINT_TO_POINTER (entry.number)))
        entry.number = 0;
      top = MAX (top, entry.number);
      g_array_append_val (numbered, entry);
    }
  for (guint i = 0; i < numbered->len; i++)
    if (g_array_index (numbered, Numbered, i).number == 0)
      g_array_index (numbered, Numbered, i).number = ++top;
  g_array_sort (numbered, compare_numbered);
  return numbered;
}

static const char *
span_id_of (gconstpointer item)
{
  return ((const GlossSpan *) item)->id;
}

static const char *
relation_id_of (gconstpointer item)
{
  return ((const GlossRelation *) item)->id;
}

static const char *
event_id_of (gconstpointer item)
{
  return ((const Event *) item)->id;
}

static JsonObject *
parsed_attrs (Doc           *doc,
              gconstpointer  owner,
              const char    *json)
{
  JsonObject *attrs = g_hash_table_lookup (doc->attrs, owner);
  g_autoptr(JsonNode) node = NULL;

  if (attrs != NULL || json == NULL)
    return attrs;
  node = json_from_string (json, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  attrs = json_object_ref (json_node_get_object (node));
  g_hash_table_insert (doc->attrs, (gpointer) owner, attrs);
  return attrs;
}

/* Appends @str with the blanks a brat field cannot hold as "_". */
static void
append_token (Doc        *doc,
              const char *str)
{
  gboolean renamed = FALSE;

  for (const char *p = str; *p != '\0'; p++)
    {
      gboolean blank = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r';

      g_string_append_c (doc->out, blank ? '_' : *p);
      renamed |= blank;
    }
  doc->w->renamed += renamed;
}

/* Appends free text (a span's text, a note, a name) on one line. */
static void
append_line_text (GString    *out,
                  const char *str)
{
  for (const char *p = str != NULL ? str : ""; *p != '\0'; p++)
    g_string_append_c (out, *p == '\n' || *p == '\r' || *p == '\t' ? ' ' : *p);
}

static gboolean
is_event_label (Writer     *w,
                const char *name)
{
  const GlossLabel *label = gloss_store_lookup_label (w->job->store, name);

  return label != NULL && g_hash_table_contains (w->event_layers, label->layer);
}

static void
number_spans (Doc *doc)
{
  const char *layer = doc->w->job->options->layer;
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  g_autoptr(GArray) numbered = NULL;

  for (guint i = 0; i < doc->record->spans->len; i++)
    {
      const GlossSpan *span = g_ptr_array_index (doc->record->spans, i);
      const GlossLabel *label = gloss_store_lookup_label (doc->w->job->store, span->label);

      if (layer == NULL || (label != NULL && g_str_equal (label->layer, layer)))
        g_ptr_array_add (kept, (gpointer) span);
    }

  numbered = number_items (kept, span_id_of, 'T');
  for (guint i = 0; i < numbered->len; i++)
    {
      const Numbered *entry = &g_array_index (numbered, Numbered, i);
      const GlossSpan *span = entry->item;

      g_ptr_array_add (doc->spans, entry->item);
      g_hash_table_insert (doc->kept, span->id, entry->item);
      g_hash_table_insert (doc->t_ids, span->id, g_strdup_printf ("T%u", entry->number));
    }
}

static Event *
add_event (Doc             *doc,
           const char      *id,
           const GlossSpan *trigger)
{
  Event *event = g_new0 (Event, 1);

  event->id = g_strdup (id);
  event->trigger = trigger;
  event->roles = g_ptr_array_new ();
  g_ptr_array_add (doc->events, event);
  if (!g_hash_table_contains (doc->event_of, trigger->id))
    g_hash_table_insert (doc->event_of, trigger->id, event);
  if (id != NULL && !g_hash_table_contains (doc->events_by_id, id))
    g_hash_table_insert (doc->events_by_id, event->id, event);
  return event;
}

/* A trigger's first event, made (to be numbered) when it has none. */
static Event *
event_of (Doc             *doc,
          const GlossSpan *trigger)
{
  Event *event = g_hash_table_lookup (doc->event_of, trigger->id);

  return event != NULL ? event : add_event (doc, NULL, trigger);
}

/* The event @id of @trigger: its first event when that has no id yet,
 * otherwise another one. */
static Event *
name_event (Doc             *doc,
            const char      *id,
            const GlossSpan *trigger)
{
  Event *event = g_hash_table_lookup (doc->event_of, trigger->id);

  if (event == NULL || event->id != NULL)
    return add_event (doc, id, trigger);
  event->id = g_strdup (id);
  g_hash_table_insert (doc->events_by_id, event->id, event);
  return event;
}

/* "E3.Theme" → "E3": the event a role relation came from. */
static char *
role_event_id (const char *relation_id)
{
  const char *dot = relation_id != NULL ? strchr (relation_id, '.') : NULL;
  g_autofree char *id = dot != NULL ? g_strndup (relation_id, dot - relation_id) : NULL;

  return id_number (id, 'E') > 0 ? g_steal_pointer (&id) : NULL;
}

/* Which relations are event roles, and of which event: a role keeps the event
 * it was read from; a relation from a trigger made in Gloss is a role of the
 * trigger's event; the rest are R lines. */
static void
collect_events (Doc *doc)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GArray) numbered = NULL;

  for (guint i = 0; i < doc->spans->len; i++)
    {
      const GlossSpan *span = g_ptr_array_index (doc->spans, i);
      JsonObject *attrs = parsed_attrs (doc, span, span->attrs);
      const char *id = NULL;

      if (attrs != NULL)
        id = json_object_get_string_member_with_default (attrs, EVENT_ID_KEY, NULL);

      if (id != NULL || is_event_label (doc->w, span->label))
        add_event (doc, id, span);
    }

  for (guint i = 0; i < doc->record->relations->len; i++)
    {
      const GlossRelation *r = g_ptr_array_index (doc->record->relations, i);
      const GlossSpan *from = g_hash_table_lookup (doc->kept, r->from_id);
      g_autofree char *event_id = role_event_id (r->id);
      Event *event = NULL;

      if (from == NULL || !g_hash_table_contains (doc->kept, r->to_id))
        continue;
      if (event_id != NULL)
        {
          event = g_hash_table_lookup (doc->events_by_id, event_id);
          if (event == NULL)
            event = name_event (doc, event_id, from);
          else if (event->trigger != from)
            event = event_of (doc, from);
        }
      else if (id_number (r->id, 'R') == 0 && g_hash_table_contains (doc->event_of, from->id))
        event = event_of (doc, from);

      if (event != NULL)
        g_ptr_array_add (event->roles, (gpointer) r);
      else
        g_ptr_array_add (doc->relations, (gpointer) r);
    }

  g_hash_table_remove_all (doc->events_by_id);
  events = g_steal_pointer (&doc->events);
  doc->events = g_ptr_array_new_with_free_func ((GDestroyNotify) event_free);
  numbered = number_items (events, event_id_of, 'E');
  g_ptr_array_set_free_func (events, NULL);
  for (guint i = 0; i < numbered->len; i++)
    {
      Event *event = g_array_index (numbered, Numbered, i).item;

      g_free (event->id);
      event->id = g_strdup_printf ("E%u", g_array_index (numbered, Numbered, i).number);
      g_ptr_array_add (doc->events, event);
    }
}

static void
number_relations (Doc *doc)
{
  g_autoptr(GArray) numbered = number_items (doc->relations, relation_id_of, 'R');

  g_ptr_array_set_size (doc->relations, 0);
  for (guint i = 0; i < numbered->len; i++)
    {
      const Numbered *entry = &g_array_index (numbered, Numbered, i);

      g_ptr_array_add (doc->relations, entry->item);
      g_hash_table_insert (doc->r_ids, entry->item, g_strdup_printf ("R%u", entry->number));
    }
}

static const char *
label_of (Doc        *doc,
          const char *span_id)
{
  const GlossSpan *span = g_hash_table_lookup (doc->kept, span_id);

  return span->label;
}

/* How an event role or an equivalence names @span_id: a trigger by its event. */
static const char *
argument_id (Doc        *doc,
             const char *span_id)
{
  const Event *event = g_hash_table_lookup (doc->event_of, span_id);

  return event != NULL ? event->id : g_hash_table_lookup (doc->t_ids, span_id);
}

static gboolean
is_line_break (GlossTextIndex *index,
               gint            offset)
{
  char c = gloss_text_index_get_text (index)[gloss_text_index_to_byte (index, offset)];

  return c == '\n' || c == '\r';
}

static gboolean
is_blank (GlossTextIndex *index,
          gint            offset)
{
  return g_unichar_isspace (g_utf8_get_char (gloss_text_index_get_text (index)
                                             + gloss_text_index_to_byte (index, offset)));
}

/* Adds [start, end) without the blanks next to a line break it was cut at. */
static void
add_piece (GlossSpan      *pieces,
           GlossTextIndex *index,
           gint            start,
           gint            end,
           gboolean        after_break,
           gboolean        before_break)
{
  while (after_break && start < end && is_blank (index, start))
    start++;
  while (before_break && end > start && is_blank (index, end - 1))
    end--;
  if (end > start)
    gloss_span_add_fragment (pieces, start, end);
}

/* @span as brat can hold it: an .ann line cannot hold a line break, so each
 * fragment is cut at line breaks into fragments of their own, as brat's
 * editor cuts a selection over several lines. */
static GlossSpan *
line_pieces (GlossTextIndex  *index,
             const GlossSpan *span)
{
  GlossSpan *pieces = gloss_span_new (span->label, 0, 0);

  for (guint i = 0; i < span->fragments->len; i++)
    {
      const GlossFragment *f = &g_array_index (span->fragments, GlossFragment, i);
      gint start = f->start;
      gboolean after_break = FALSE;

      for (gint at = f->start; at < f->end; at++)
        if (is_line_break (index, at))
          {
            add_piece (pieces, index, start, at, after_break, TRUE);
            start = at + 1;
            after_break = TRUE;
          }
      add_piece (pieces, index, start, f->end, after_break, FALSE);
    }
  if (pieces->fragments->len == 0)
    gloss_span_add_fragment (pieces, gloss_span_get_start (span), gloss_span_get_end (span));
  return pieces;
}

static const GlossSpan *
written_form (Doc             *doc,
              const GlossSpan *span)
{
  GlossSpan *pieces = g_hash_table_lookup (doc->pieces, span->id);

  if (pieces == NULL)
    {
      pieces = line_pieces (doc->index, span);
      g_hash_table_insert (doc->pieces, span->id, pieces);
    }
  return pieces;
}

/* brat's test: every fragment of @inner lies inside one fragment of @outer. */
static gboolean
contains (const GlossSpan *outer,
          const GlossSpan *inner)
{
  for (guint i = 0; i < inner->fragments->len; i++)
    {
      const GlossFragment *f = &g_array_index (inner->fragments, GlossFragment, i);
      gboolean inside = FALSE;

      for (guint j = 0; j < outer->fragments->len && !inside; j++)
        {
          const GlossFragment *o = &g_array_index (outer->fragments, GlossFragment, j);

          inside = o->start <= f->start && f->end <= o->end;
        }
      if (!inside)
        return FALSE;
    }
  return TRUE;
}

static void
need_overlap (Writer     *w,
              const char *type1,
              const char *type2,
              guint       kind)
{
  g_autofree char *key = NULL;
  gpointer mask;

  /* Equal and crossing spans may be declared either way round. */
  if (kind != OVERLAP_CONTAIN && strcmp (type1, type2) > 0)
    key = g_strdup_printf ("%s\t%s", type2, type1);
  else
    key = g_strdup_printf ("%s\t%s", type1, type2);
  g_strdelimit (key, " \n\r", '_');
  mask = g_hash_table_lookup (w->overlaps, key);
  g_hash_table_insert (w->overlaps, g_steal_pointer (&key), GUINT_TO_POINTER (GPOINTER_TO_UINT (mask) | kind));
}

/* How brat's verifier sees two spans whose extents overlap. */
static void
classify_overlap (Writer          *w,
                  const GlossSpan *a,
                  const GlossSpan *b)
{
  if (contains (a, b) && contains (b, a))
    need_overlap (w, a->label, b->label, OVERLAP_EQUAL);
  else if (contains (b, a))
    need_overlap (w, a->label, b->label, OVERLAP_CONTAIN);
  else if (contains (a, b))
    need_overlap (w, b->label, a->label, OVERLAP_CONTAIN);
  else
    need_overlap (w, a->label, b->label, OVERLAP_CROSS);
}

static gint
compare_starts (gconstpointer a,
                gconstpointer b)
{
  gint x = gloss_span_get_start (*(const GlossSpan * const *) a);
  gint y = gloss_span_get_start (*(const GlossSpan * const *) b);

  return (x > y) - (x < y);
}

/* The <OVERLAP> rules this document's written spans need. */
static void
collect_overlaps (Doc *doc)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  for (guint i = 0; i < doc->spans->len; i++)
    g_ptr_array_add (sorted, (gpointer) written_form (doc, g_ptr_array_index (doc->spans, i)));
  g_ptr_array_sort (sorted, compare_starts);
  for (guint i = 0; i < sorted->len; i++)
    {
      const GlossSpan *a = g_ptr_array_index (sorted, i);

      for (guint j = i + 1; j < sorted->len; j++)
        {
          const GlossSpan *b = g_ptr_array_index (sorted, j);

          if (gloss_span_get_start (b) >= gloss_span_get_end (a))
            break;
          classify_overlap (doc->w, a, b);
        }
    }
}

static void
write_textbounds (Doc *doc)
{
  for (guint i = 0; i < doc->spans->len; i++)
    {
      const GlossSpan *span = g_ptr_array_index (doc->spans, i);
      const GlossSpan *pieces = written_form (doc, span);
      g_autofree char *text = _gloss_brat_flat_text (doc->index, pieces);

      g_string_append (doc->out, g_hash_table_lookup (doc->t_ids, span->id));
      g_string_append_c (doc->out, '\t');
      append_token (doc, span->label);
      g_hash_table_add (doc->w->used, g_strdup (span->label));
      for (guint j = 0; j < pieces->fragments->len; j++)
        {
          const GlossFragment *f = &g_array_index (pieces->fragments, GlossFragment, j);

          g_string_append_printf (doc->out, "%c%d %d", j > 0 ? ';' : ' ', f->start, f->end);
        }
      g_string_append_c (doc->out, '\t');
      if (!doc->w->job->options->omit_text)
        g_string_append (doc->out, text);
      g_string_append_c (doc->out, '\n');
    }
}

/* An R line names a span by its T id, or by its event when it was read so. */
static const char *
relation_end (Doc        *doc,
              const char *span_id,
              JsonObject *attrs,
              const char *key)
{
  if (attrs != NULL && json_object_get_boolean_member_with_default (attrs, key, FALSE))
    return argument_id (doc, span_id);
  return g_hash_table_lookup (doc->t_ids, span_id);
}

/* brat writes a tab after a relation's arguments; so do we, for the same bytes. */
static void
write_relations (Doc *doc)
{
  for (guint i = 0; i < doc->relations->len; i++)
    {
      const GlossRelation *r = g_ptr_array_index (doc->relations, i);
      RelationStat *stat = relation_stat (doc->w->relation_stats, r->type);

      JsonObject *attrs = parsed_attrs (doc, r, r->attrs);

      g_string_append_printf (doc->out, "%s\t", (char *) g_hash_table_lookup (doc->r_ids, r));
      append_token (doc, r->type);
      g_string_append_printf (doc->out, " Arg1:%s Arg2:%s\t\n",
                              relation_end (doc, r->from_id, attrs, ARG1_EVENT_KEY),
                              relation_end (doc, r->to_id, attrs, ARG2_EVENT_KEY));
      _gloss_brat_add_unique (stat->arg1, label_of (doc, r->from_id));
      _gloss_brat_add_unique (stat->arg2, label_of (doc, r->to_id));
    }
}

/* "Org-Arg2" → "Org-Arg": the numbers only tell arguments of one role apart. */
static char *
role_base (const char *role)
{
  gsize length = strlen (role);

  while (length > 1 && g_ascii_isdigit (role[length - 1]))
    length--;
  return g_strndup (role, length);
}

static EventStat *
event_stat (Writer     *w,
            const char *type)
{
  EventStat *stat = g_hash_table_lookup (w->event_stats, type);

  if (stat == NULL)
    {
      stat = g_new0 (EventStat, 1);
      stat->roles = g_ptr_array_new_with_free_func ((GDestroyNotify) role_stat_free);
      g_hash_table_insert (w->event_stats, g_strdup (type), stat);
    }
  return stat;
}

static void
count_roles (Doc         *doc,
             const Event *event)
{
  EventStat *stat = event_stat (doc->w, event->trigger->label);
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer base, count;

  stat->count++;
  for (guint i = 0; i < event->roles->len; i++)
    {
      const GlossRelation *r = g_ptr_array_index (event->roles, i);
      g_autofree char *name = role_base (r->type);
      RoleStat *role = role_stat (stat, name);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, name));

      _gloss_brat_add_unique (role->types, label_of (doc, r->to_id));
      g_hash_table_insert (counts, g_steal_pointer (&name), GUINT_TO_POINTER (n + 1));
      g_hash_table_add (doc->w->roles, g_strdup (r->type));
    }

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &base, &count))
    {
      RoleStat *role = role_stat (stat, base);

      role->events++;
      role->most = MAX (role->most, GPOINTER_TO_UINT (count));
    }
  g_hash_table_add (doc->w->triggers, g_strdup (event->trigger->label));
}

static void
write_events (Doc *doc)
{
  for (guint i = 0; i < doc->events->len; i++)
    {
      const Event *event = g_ptr_array_index (doc->events, i);

      g_string_append_printf (doc->out, "%s\t", event->id);
      append_token (doc, event->trigger->label);
      g_string_append_printf (doc->out, ":%s",
                              (char *) g_hash_table_lookup (doc->t_ids, event->trigger->id));
      for (guint j = 0; j < event->roles->len; j++)
        {
          const GlossRelation *r = g_ptr_array_index (event->roles, j);

          g_string_append_c (doc->out, ' ');
          append_token (doc, r->type);
          g_string_append_printf (doc->out, ":%s", argument_id (doc, r->to_id));
        }
      g_string_append_c (doc->out, '\n');
      count_roles (doc, event);
    }
}

typedef enum
{
  ON_ENTITY,
  ON_RELATION,
  ON_EVENT,
} Target;

/* Whether @label defines @name as free text: brat's attributes take a value
 * from a list, so free text goes out as an annotator's note. */
static gboolean
is_free_text (Doc        *doc,
              const char *label,
              const char *name)
{
  const GlossLabel *def = label != NULL ? gloss_store_lookup_label (doc->w->job->store, label) : NULL;

  for (guint i = 0; def != NULL && i < def->attributes->len; i++)
    {
      const GlossAttributeDef *attribute = g_ptr_array_index (def->attributes, i);

      if (g_str_equal (attribute->name, name))
        return attribute->type == GLOSS_ATTRIBUTE_TEXT;
    }
  return FALSE;
}

static void
write_attributes_of (Doc        *doc,
                     JsonObject *attrs,
                     const char *target,
                     const char *label,
                     Target      kind)
{
  g_autoptr(GList) names = attrs != NULL ? json_object_get_members (attrs) : NULL;

  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *value = json_object_get_member (attrs, name);
      GType type = JSON_NODE_HOLDS_VALUE (value) ? json_node_get_value_type (value) : G_TYPE_INVALID;
      AttributeStat *stat;

      if (g_str_has_prefix (name, RESERVED_PREFIX)
          || !((type == G_TYPE_BOOLEAN && json_node_get_boolean (value)) || type == G_TYPE_STRING))
        continue;
      if (type == G_TYPE_STRING && is_free_text (doc, label, name))
        {
          g_ptr_array_add (doc->text_notes, g_strdup (target));
          g_ptr_array_add (doc->text_notes, g_strdup_printf ("%s: %s", name, json_node_get_string (value)));
          continue;
        }

      g_string_append_printf (doc->out, "A%u\t", ++doc->a);
      append_token (doc, name);
      g_string_append_printf (doc->out, " %s", target);
      stat = attribute_stat (doc->w, name);
      if (type == G_TYPE_STRING)
        {
          g_string_append_c (doc->out, ' ');
          append_token (doc, json_node_get_string (value));
          _gloss_brat_add_unique (stat->values, json_node_get_string (value));
        }
      else
        stat->binary = TRUE;
      g_string_append_c (doc->out, '\n');
      stat->on_entity |= kind == ON_ENTITY;
      stat->on_relation |= kind == ON_RELATION;
      stat->on_event |= kind == ON_EVENT;
    }
}

/* A trigger's attributes and notes are its first event's. */
static gboolean
is_first_event (Doc         *doc,
                const Event *event)
{
  return g_hash_table_lookup (doc->event_of, event->trigger->id) == event;
}

static void
write_attributes (Doc *doc)
{
  for (guint i = 0; i < doc->spans->len; i++)
    {
      const GlossSpan *span = g_ptr_array_index (doc->spans, i);

      if (!g_hash_table_contains (doc->event_of, span->id))
        write_attributes_of (doc, parsed_attrs (doc, span, span->attrs),
                             g_hash_table_lookup (doc->t_ids, span->id), span->label, ON_ENTITY);
    }
  for (guint i = 0; i < doc->relations->len; i++)
    {
      const GlossRelation *r = g_ptr_array_index (doc->relations, i);

      write_attributes_of (doc, parsed_attrs (doc, r, r->attrs), g_hash_table_lookup (doc->r_ids, r), NULL,
                           ON_RELATION);
    }
  for (guint i = 0; i < doc->events->len; i++)
    {
      const Event *event = g_ptr_array_index (doc->events, i);

      if (is_first_event (doc, event))
        write_attributes_of (doc, parsed_attrs (doc, event->trigger, event->trigger->attrs), event->id,
                             event->trigger->label, ON_EVENT);
    }
}

static gint
compare_t_ids (gconstpointer a,
               gconstpointer b)
{
  guint x = id_number (*(const char * const *) a, 'T');
  guint y = id_number (*(const char * const *) b, 'T');

  return (x > y) - (x < y);
}

/* The T ids of @entity's mentions that are written, in T order. */
static GPtrArray *
written_mentions (Doc               *doc,
                  const GlossEntity *entity)
{
  GPtrArray *ids = g_ptr_array_new ();

  for (guint i = 0; i < entity->mentions->len; i++)
    {
      const char *t_id = g_hash_table_lookup (doc->t_ids, g_ptr_array_index (entity->mentions, i));

      if (t_id != NULL)
        g_ptr_array_add (ids, (gpointer) t_id);
    }
  g_ptr_array_sort (ids, compare_t_ids);
  return ids;
}

/* "wikipedia" → "Wikipedia": brat names databases as its tools.conf does. */
static void
append_database (GString    *out,
                 const char *prefix,
                 gsize       length)
{
  static const char * const known[] = {
    "Wikipedia", "Wikidata", "UniProt", "GeoNames", "DBpedia", "PubChem", "GO", "MeSH",
    "EntrezGene", "NCBIGene", "NCBITaxon", "UMLS", "ORCID", "ChEBI",
  };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (strlen (known[i]) == length && g_ascii_strncasecmp (known[i], prefix, length) == 0)
      {
        g_string_append (out, known[i]);
        return;
      }
  g_string_append_c (out, g_ascii_toupper (prefix[0]));
  g_string_append_len (out, prefix + 1, length - 1);
}

static void
write_normalizations (Doc *doc)
{
  for (guint i = 0; i < doc->record->entities->len; i++)
    {
      const GlossEntity *entity = g_ptr_array_index (doc->record->entities, i);
      const char *colon = entity->kb_id != NULL ? strchr (entity->kb_id, ':') : NULL;
      g_autoptr(GPtrArray) mentions = NULL;

      if (colon == NULL || colon == entity->kb_id)
        continue;
      mentions = written_mentions (doc, entity);
      for (guint j = 0; j < mentions->len; j++)
        {
          g_string_append_printf (doc->out, "N%u\tReference %s ", ++doc->n,
                                  (char *) g_ptr_array_index (mentions, j));
          append_database (doc->out, entity->kb_id, colon - entity->kb_id);
          g_string_append (doc->out, colon);
          g_string_append_c (doc->out, '\t');
          append_line_text (doc->out, entity->name);
          g_string_append_c (doc->out, '\n');
        }
    }
}

/* An entity read from a `*` line keeps its type there (Equiv, Alias, …);
 * another entity's type is a label, and its group an Equiv. */
static const char *
equivalence_type (Doc               *doc,
                  const GlossEntity *entity)
{
  const char *type = entity->type;

  if (type == NULL || *type == '\0' || strpbrk (type, " \t\n") != NULL
      || gloss_store_lookup_label (doc->w->job->store, type) != NULL)
    return "Equiv";
  return type;
}

static void
write_equivalences (Doc *doc)
{
  for (guint i = 0; i < doc->record->entities->len; i++)
    {
      const GlossEntity *entity = g_ptr_array_index (doc->record->entities, i);
      g_autoptr(GPtrArray) mentions = written_mentions (doc, entity);
      const char *type = equivalence_type (doc, entity);
      RelationStat *stat;

      if (mentions->len < 2)
        {
          doc->w->unheld += mentions->len == 1 && entity->kb_id == NULL;
          continue;
        }
      stat = relation_stat (doc->w->equiv_stats, type);
      g_string_append_printf (doc->out, "*\t%s", type);
      for (guint j = 0; j < mentions->len; j++)
        g_string_append_printf (doc->out, " %s", (char *) g_ptr_array_index (mentions, j));
      g_string_append_c (doc->out, '\n');
      for (guint j = 0; j < entity->mentions->len; j++)
        if (g_hash_table_contains (doc->kept, g_ptr_array_index (entity->mentions, j)))
          _gloss_brat_add_unique (stat->arg1, label_of (doc, g_ptr_array_index (entity->mentions, j)));
    }
}

/* One # line for each line of the note. */
static void
write_note (Doc        *doc,
            const char *note,
            const char *target)
{
  g_auto(GStrv) lines = note != NULL ? g_strsplit (note, "\n", -1) : NULL;

  for (guint i = 0; lines != NULL && lines[i] != NULL; i++)
    {
      if (*g_strstrip (lines[i]) == '\0')
        continue;
      g_string_append_printf (doc->out, "#%u\tAnnotatorNotes %s\t", ++doc->notes, target);
      append_line_text (doc->out, lines[i]);
      g_string_append_c (doc->out, '\n');
    }
}

static void
write_notes (Doc *doc)
{
  for (guint i = 0; i < doc->spans->len; i++)
    {
      const GlossSpan *span = g_ptr_array_index (doc->spans, i);

      if (!g_hash_table_contains (doc->event_of, span->id))
        write_note (doc, span->note, g_hash_table_lookup (doc->t_ids, span->id));
    }
  for (guint i = 0; i < doc->relations->len; i++)
    {
      const GlossRelation *r = g_ptr_array_index (doc->relations, i);

      write_note (doc, r->note, g_hash_table_lookup (doc->r_ids, r));
    }
  for (guint i = 0; i < doc->events->len; i++)
    {
      const Event *event = g_ptr_array_index (doc->events, i);

      if (is_first_event (doc, event))
        write_note (doc, event->trigger->note, event->id);
      for (guint j = 0; j < event->roles->len; j++)
        doc->w->unheld += ((const GlossRelation *) g_ptr_array_index (event->roles, j))->note != NULL;
    }
  for (guint i = 0; i + 1 < doc->text_notes->len; i += 2)
    {
      g_string_append_printf (doc->out, "#%u\tAnnotatorNotes %s\t", ++doc->notes,
                              (char *) g_ptr_array_index (doc->text_notes, i));
      append_line_text (doc->out, g_ptr_array_index (doc->text_notes, i + 1));
      g_string_append_c (doc->out, '\n');
    }
}

static gboolean
write_file (const char  *folder,
            const char  *name,
            const char  *extension,
            const char  *contents,
            gssize       length,
            GError     **error)
{
  g_autofree char *base = g_strconcat (name, extension, NULL);
  g_autofree char *path = g_build_filename (folder, base, NULL);

  return g_file_set_contents (path, contents, length, error);
}

static gboolean
write_document (GlossExportJob     *job,
                const GlossRecord  *record,
                gpointer            data,
                GError            **error)
{
  Writer *w = data;
  g_autofree char *name = _gloss_file_names_add (w->names, record->document);
  g_autoptr(GlossTextIndex) index = gloss_text_index_new (record->document->text, -1);
  g_autoptr(GPtrArray) spans = g_ptr_array_new ();
  g_autoptr(GHashTable) kept = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) t_ids = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GHashTable) attrs = g_hash_table_new_full (NULL, NULL, NULL,
                                                       (GDestroyNotify) json_object_unref);
  g_autoptr(GHashTable) event_of = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) events_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) relations = g_ptr_array_new ();
  g_autoptr(GHashTable) r_ids = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr(GString) out = g_string_new (NULL);
  Doc doc = { w, record, index, spans, kept, t_ids, attrs,
              g_ptr_array_new_with_free_func ((GDestroyNotify) event_free),
              event_of, events_by_id, relations, r_ids, out, 0, 0, 0,
              g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) gloss_span_free),
              g_ptr_array_new_with_free_func (g_free) };
  gboolean ok;

  number_spans (&doc);
  collect_events (&doc);
  number_relations (&doc);

  write_textbounds (&doc);
  collect_overlaps (&doc);
  write_relations (&doc);
  write_events (&doc);
  write_attributes (&doc);
  write_normalizations (&doc);
  write_equivalences (&doc);
  write_notes (&doc);

  /* --text omit: the .ann files alone, their T lines' text fields empty. */
  ok = (w->job->options->omit_text
        || write_file (w->folder, name, ".txt", record->document->text, -1, error))
       && write_file (w->folder, name, ".ann", out->str, out->len, error);
  g_ptr_array_unref (doc.events);
  g_hash_table_unref (doc.pieces);
  g_ptr_array_unref (doc.text_notes);
  return ok;
}

/* ---- Export: configuration ------------------------------------------------------------------- */

static void
append_types (GString   *out,
              GPtrArray *types)
{
  if (types == NULL || types->len == 0)
    {
      g_string_append (out, "<ANY>");
      return;
    }
  for (guint i = 0; i < types->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? "|" : "", (char *) g_ptr_array_index (types, i));
}

static gboolean
is_event_type (Writer           *w,
               const GlossLabel *label)
{
  return g_hash_table_contains (w->event_layers, label->layer)
         || g_hash_table_contains (w->triggers, label->name);
}

static void
conf_entities (Writer  *w,
               GString *conf)
{
  GPtrArray *labels = gloss_store_list_labels (w->job->store);

  g_string_append (conf, "[entities]\n\n");
  for (guint i = 0; i < labels->len; i++)
    {
      const GlossLabel *label = g_ptr_array_index (labels, i);

      if (!is_event_type (w, label))
        g_string_append_printf (conf, "%s\n", label->name);
    }
}

static gboolean
is_relation_type (Writer     *w,
                  const char *type)
{
  g_autofree char *description = NULL;

  if (g_hash_table_contains (w->relation_stats, type))
    return TRUE;
  if (g_hash_table_contains (w->roles, type) || strpbrk (type, " \t") != NULL)
    return FALSE;
  description = gloss_store_describe_relation_type (w->job->store, type);
  return g_strcmp0 (description, ROLE_DESCRIPTION) != 0;
}

/* One <OVERLAP> line for each pair of types whose spans overlap somewhere:
 * brat refuses nested, equal and crossing spans that no line allows. */
static void
conf_overlaps (Writer  *w,
               GString *conf)
{
  static const char * const kinds[] = { "contain", "equal", "cross" };
  g_autofree const char **pairs = (const char **) g_hash_table_get_keys_as_array (w->overlaps, NULL);

  qsort (pairs, g_hash_table_size (w->overlaps), sizeof (char *), (GCompareFunc) _gloss_brat_compare_names);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      guint mask = GPOINTER_TO_UINT (g_hash_table_lookup (w->overlaps, pairs[i]));
      const char *tab = strchr (pairs[i], '\t');
      const char *sep = "";

      g_string_append_printf (conf, "<OVERLAP>\tArg1:%.*s, Arg2:%s, <OVL-TYPE>:", (int) (tab - pairs[i]),
                              pairs[i], tab + 1);
      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        if (mask & (1u << k))
          {
            g_string_append_printf (conf, "%s%s", sep, kinds[k]);
            sep = "|";
          }
      g_string_append_c (conf, '\n');
    }
}

static void
conf_relations (Writer  *w,
                GString *conf)
{
  g_auto(GStrv) types = gloss_store_list_relation_types (w->job->store);
  g_autofree const char **equivs = NULL;

  equivs = (const char **) g_hash_table_get_keys_as_array (w->equiv_stats, NULL);
  g_string_append (conf, "\n[relations]\n\n");
  for (guint i = 0; types[i] != NULL; i++)
    {
      RelationStat *stat = g_hash_table_lookup (w->relation_stats, types[i]);

      if (!is_relation_type (w, types[i]))
        continue;
      g_string_append_printf (conf, "%s\tArg1:", types[i]);
      append_types (conf, stat ? stat->arg1 : NULL);
      g_string_append (conf, ", Arg2:");
      append_types (conf, stat ? stat->arg2 : NULL);
      g_string_append_c (conf, '\n');
    }

  qsort (equivs, g_hash_table_size (w->equiv_stats), sizeof (char *),
         (GCompareFunc) _gloss_brat_compare_names);
  for (guint i = 0; equivs[i] != NULL; i++)
    {
      RelationStat *stat = g_hash_table_lookup (w->equiv_stats, equivs[i]);

      g_string_append_printf (conf, "%s\tArg1:", equivs[i]);
      append_types (conf, stat->arg1);
      g_string_append (conf, ", Arg2:");
      append_types (conf, stat->arg1);
      g_string_append (conf, ", <REL-TYPE>:symmetric-transitive\n");
    }
  conf_overlaps (w, conf);
}

/* "Theme+": a role every event has (no mark or +) or not (? or *), once
 * (no mark or ?) or more (+ or *). */
static void
append_role (GString        *conf,
             const RoleStat *role,
             guint           events)
{
  const char *mark;

  if (role->most > 1)
    mark = role->events == events ? "+" : "*";
  else
    mark = role->events == events ? "" : "?";
  g_string_append_printf (conf, "%s%s:", role->role, mark);
  append_types (conf, role->types);
}

static void
conf_events (Writer  *w,
             GString *conf)
{
  GPtrArray *labels = gloss_store_list_labels (w->job->store);

  g_string_append (conf, "\n[events]\n\n");
  for (guint i = 0; i < labels->len; i++)
    {
      const GlossLabel *label = g_ptr_array_index (labels, i);
      const EventStat *stat = g_hash_table_lookup (w->event_stats, label->name);

      if (!is_event_type (w, label))
        continue;
      g_string_append (conf, label->name);
      for (guint j = 0; stat != NULL && j < stat->roles->len; j++)
        {
          g_string_append (conf, j > 0 ? ", " : "\t");
          append_role (conf, g_ptr_array_index (stat->roles, j), stat->count);
        }
      g_string_append_c (conf, '\n');
    }
}

/* The attributes the labels define, with those the data used. */
static void
schema_attributes (Writer *w)
{
  GPtrArray *labels = gloss_store_list_labels (w->job->store);

  for (guint i = 0; i < labels->len; i++)
    {
      const GlossLabel *label = g_ptr_array_index (labels, i);

      for (guint j = 0; j < label->attributes->len; j++)
        {
          const GlossAttributeDef *def = g_ptr_array_index (label->attributes, j);
          AttributeStat *stat;

          if (g_str_has_prefix (def->name, RESERVED_PREFIX) || strpbrk (def->name, " \t") != NULL)
            continue;
          stat = attribute_stat (w, def->name);
          stat->on_event |= is_event_type (w, label);
          stat->on_entity |= !is_event_type (w, label);
          stat->binary |= def->type == GLOSS_ATTRIBUTE_BOOLEAN;
          for (guint k = 0; def->values != NULL && def->values[k] != NULL; k++)
            _gloss_brat_add_unique (stat->values, def->values[k]);
        }
    }
}

static void
conf_attributes (Writer  *w,
                 GString *conf)
{
  g_autofree const char **names = NULL;

  schema_attributes (w);
  names = (const char **) g_hash_table_get_keys_as_array (w->attribute_stats, NULL);
  qsort (names, g_hash_table_size (w->attribute_stats), sizeof (char *),
         (GCompareFunc) _gloss_brat_compare_names);

  g_string_append (conf, "\n[attributes]\n\n");
  for (guint i = 0; names[i] != NULL; i++)
    {
      const AttributeStat *stat = g_hash_table_lookup (w->attribute_stats, names[i]);
      const char *sep = "";

      if (stat->values->len == 0 && !stat->binary)
        continue;   /* free text nobody wrote yet */
      g_string_append_printf (conf, "%s\tArg:", names[i]);
      if (stat->on_entity)
        g_string_append (conf, "<ENTITY>"), sep = "|";
      if (stat->on_event)
        g_string_append_printf (conf, "%s<EVENT>", sep), sep = "|";
      if (stat->on_relation)
        g_string_append_printf (conf, "%s<RELATION>", sep);
      if (stat->values->len > 0)
        {
          g_string_append (conf, ", Value:");
          for (guint j = 0; j < stat->values->len; j++)
            {
              if (j > 0)
                g_string_append_c (conf, '|');
              for (const char *p = g_ptr_array_index (stat->values, j); *p != '\0'; p++)
                g_string_append_c (conf, *p == ' ' || *p == '|' || *p == ',' ? '_' : *p);
            }
        }
      g_string_append_c (conf, '\n');
    }
}

static char *
annotation_conf (Writer *w)
{
  GString *conf = g_string_new ("# The label schema of a Gloss project, as brat types.\n\n");

  conf_entities (w, conf);
  conf_relations (w, conf);
  conf_events (w, conf);
  conf_attributes (w, conf);
  return g_string_free (conf, FALSE);
}

static gboolean
is_dark (const char *color)
{
  guint r, g, b;

  if (color == NULL || sscanf (color, "#%02x%02x%02x", &r, &g, &b) != 3)
    return FALSE;
  return 299 * r + 587 * g + 114 * b < 128000;
}

static char *
visual_conf (Writer *w)
{
  GPtrArray *labels = gloss_store_list_labels (w->job->store);
  GString *conf = g_string_new ("# The colours of a Gloss project's labels.\n\n[labels]\n\n[drawing]\n\n"
                                "SPAN_DEFAULT\tfgColor:black, bgColor:lightgreen, borderColor:darken\n"
                                "ARC_DEFAULT\tcolor:black, arrowHead:triangle-5\n\n");

  for (guint i = 0; i < labels->len; i++)
    {
      const GlossLabel *label = g_ptr_array_index (labels, i);

      if (label->color == NULL)
        continue;
      g_string_append_printf (conf, "%s\tbgColor:%s%s\n", label->name, label->color,
                              is_dark (label->color) ? ", fgColor:white" : "");
    }
  return g_string_free (conf, FALSE);
}

static char *
kb_shortcuts_conf (Writer *w)
{
  GPtrArray *labels = gloss_store_list_labels (w->job->store);
  GString *conf = g_string_new ("# The hotkeys of a Gloss project's labels.\n\n");

  for (guint i = 0; i < labels->len; i++)
    {
      const GlossLabel *label = g_ptr_array_index (labels, i);

      if (label->hotkey != NULL && strlen (label->hotkey) == 1 && g_ascii_isalnum (label->hotkey[0]))
        g_string_append_printf (conf, "%c %s\n", g_ascii_toupper (label->hotkey[0]), label->name);
    }
  return g_string_free (conf, FALSE);
}

static void
add_keys (GHashTable *set,
          GHashTable *table)
{
  GHashTableIter iter;
  const char *key;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
    g_hash_table_add (set, g_strdup (key));
}

/* What the annotations use is taken before annotation_conf () adds the
 * schema's attributes: a kept annotation.conf gets only what they need. */
static gboolean
write_confs (Writer  *w,
             GError **error)
{
  g_autofree char *annotation = NULL;
  g_autofree char *visual = visual_conf (w);
  g_autofree char *shortcuts = kb_shortcuts_conf (w);

  add_keys (w->used, w->relation_stats);
  add_keys (w->used, w->equiv_stats);
  add_keys (w->used, w->event_stats);
  add_keys (w->used, w->attribute_stats);
  annotation = annotation_conf (w);
  return _gloss_brat_write_confs (w->job->store, w->folder, annotation, visual, shortcuts, w->used,
                                  w->job->report, error);
}

static void
writer_init (Writer         *w,
             GlossExportJob *job,
             const char     *folder)
{
  GPtrArray *layers = gloss_store_list_layers (job->store);

  w->job = job;
  w->folder = folder;
  w->names = _gloss_file_names_new ();
  w->event_layers = g_hash_table_new (g_str_hash, g_str_equal);
  w->relation_stats = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) relation_stat_free);
  w->equiv_stats = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) relation_stat_free);
  w->event_stats = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) event_stat_free);
  w->attribute_stats = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) attribute_stat_free);
  w->roles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w->triggers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w->overlaps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w->used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < layers->len; i++)
    {
      const GlossLayer *layer = g_ptr_array_index (layers, i);

      if (layer->is_event)
        g_hash_table_add (w->event_layers, layer->name);
    }
}

static void
writer_clear (Writer *w)
{
  g_clear_pointer (&w->names, _gloss_file_names_free);
  g_clear_pointer (&w->event_layers, g_hash_table_unref);
  g_clear_pointer (&w->relation_stats, g_hash_table_unref);
  g_clear_pointer (&w->equiv_stats, g_hash_table_unref);
  g_clear_pointer (&w->event_stats, g_hash_table_unref);
  g_clear_pointer (&w->attribute_stats, g_hash_table_unref);
  g_clear_pointer (&w->roles, g_hash_table_unref);
  g_clear_pointer (&w->triggers, g_hash_table_unref);
  g_clear_pointer (&w->overlaps, g_hash_table_unref);
  g_clear_pointer (&w->used, g_hash_table_unref);
}

static void
report_unheld (Writer *w)
{
  if (w->renamed > 0)
    gloss_report_notice (w->job->report, _("%u types, attribute names or values have blanks, which "
                                           "brat cannot hold; written with “_”"), w->renamed);
  if (w->unheld > 0)
    gloss_report_notice (w->job->report, _("%u entities with one mention and no knowledge-base id, "
                                           "or notes on event roles, have no place in brat; left "
                                           "out"), w->unheld);
}

/**
 * _gloss_export_write_brat:
 * @path: a folder that is missing or empty
 *
 * Writes NAME.txt and NAME.ann for each document, and annotation.conf,
 * visual.conf and kb_shortcuts.conf from the project's schema, or those an
 * imported collection had (and its tools.conf), see gloss-format-brat-conf.c. The .ann lines
 * come in one order (T, R, E by number, then A, N, `*`, #), so a collection
 * already in that order and imported with --keep-text comes back byte for
 * byte.
 */
gboolean
_gloss_export_write_brat (GlossExportJob  *job,
                          GPtrArray       *documents,
                          const char      *path,
                          FILE            *stream,
                          GError         **error)
{
  g_autofree char *tmp = NULL;
  Writer w = { 0 };
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);

  if ((tmp = _gloss_export_staging_folder (path, error)) == NULL)
    return FALSE;
  writer_init (&w, job, tmp);
  ok = _gloss_export_each_record (job, documents, write_document, &w, error) && write_confs (&w, error);
  report_unheld (&w);
  if (ok)
    _gloss_file_names_report (w.names, job, path, ".txt and .ann");
  writer_clear (&w);
  if (!ok)
    {
      _gloss_export_remove_tree (tmp);
      return FALSE;
    }
  return _gloss_export_publish_folder (tmp, path, error);
}
