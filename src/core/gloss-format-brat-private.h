/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gloss-native.h"
#include "gloss-text.h"

G_BEGIN_DECLS

/* brat standoff (https://brat.nlplab.org/standoff.html): a folder of NAME.txt
 * and NAME.ann pairs beside annotation.conf, visual.conf and kb_shortcuts.conf.
 * Offsets count code points, as Gloss does.
 *
 * In Gloss terms: T is a span (its id kept), R a relation, E an event: its
 * trigger span gets a label of the event layer and the event's id under
 * EVENT_ID_KEY, and each role becomes a relation from the trigger to the
 * argument (an event argument is its trigger), with the id "E1.Role". A and M
 * are attributes (binary ones are true) of a span or relation; an event's are
 * its trigger's; an R argument that named an event is marked, to be written
 * back as the event. N makes an entity with a knowledge-base id, `*` an entity
 * grouping equivalent mentions (its type kept as the entity's), `#` a note.
 * Attribute keys starting with RESERVED_PREFIX are this file's own. */

#define EVENT_ID_KEY     "brat_event_id"
#define ARG1_EVENT_KEY   "brat_arg1_event"
#define ARG2_EVENT_KEY   "brat_arg2_event"
#define RESERVED_PREFIX  "brat_"
#define ROLE_DESCRIPTION "event role (brat)"
#define EVENT_LAYER      "event"
#define ENTITY_LAYER     "entity"

/* gloss-format-brat-read.c, shared with the writer */
void      _gloss_brat_add_unique    (GPtrArray            *array,
                                     const char           *str);
char     *_gloss_brat_flat_text     (const GlossTextIndex *index,
                                     const GlossSpan      *span);
gint      _gloss_brat_compare_names (gconstpointer         a,
                                     gconstpointer         b);

/* gloss-format-brat-conf.c: the collection's configuration kept and given back */
char     *_gloss_brat_find_conf     (const char           *folder,
                                     const char           *root,
                                     const char           *name);
char     *_gloss_brat_conf_folder   (GPtrArray            *stems,
                                     const char           *root);
gboolean  _gloss_brat_keep_confs    (GlossStore           *store,
                                     const char           *folder,
                                     const char           *root,
                                     GlossReport          *report,
                                     GError              **error);
char     *_gloss_brat_merge_annotation_conf (const char   *kept,
                                             const char   *fresh,
                                             GHashTable   *used,
                                             GPtrArray    *added_types,
                                             guint        *added);
gboolean  _gloss_brat_write_confs   (GlossStore           *store,
                                     const char           *folder,
                                     const char           *annotation,
                                     const char           *visual,
                                     const char           *shortcuts,
                                     GHashTable           *used,
                                     GlossReport          *report,
                                     GError              **error);

G_END_DECLS
