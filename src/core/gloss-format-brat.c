/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-format-brat"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gloss-json.h"
#include "gloss-export-private.h"
#include "gloss-import-private.h"
#include "gloss-native.h"
#include "gloss-text.h"

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

/* ---- Small helpers ------------------------------------------------------------------ */

/* Cuts the next run of non-blanks out of *@p (in place); NULL when none is left. */
static char *
next_token (char **p)
{
  char *start = *p, *end;

  while (*start == ' ' || *start == '\t')
    start++;
  if (*start == '\0')
    {
      *p = start;
      return NULL;
    }
  end = start;
  while (*end != '\0' && *end != ' ' && *end != '\t')
    end++;
  *p = *end != '\0' ? end + 1 : end;
  *end = '\0';
  return start;
}

static GPtrArray *
split_tokens (const char *data)
{
  GPtrArray *tokens = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *copy = g_strdup (data);
  char *p = copy, *token;

  while ((token = next_token (&p)) != NULL)
    g_ptr_array_add (tokens, g_strdup (token));
  return tokens;
}

static gboolean
parse_offset (const char *str,
              gint       *value)
{
  guint64 v;

  if (str == NULL || !g_ascii_isdigit (*str)
      || !g_ascii_string_to_unsigned (str, 10, 0, G_MAXINT, &v, NULL))
    return FALSE;
  *value = (gint) v;
  return TRUE;
}

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

static void
add_unique (GPtrArray  *array,
            const char *str)
{
  for (guint i = 0; i < array->len; i++)
    if (g_str_equal (g_ptr_array_index (array, i), str))
      return;
  g_ptr_array_add (array, g_strdup (str));
}

/* ---- Colours ---------------------------------------------------------------------------- */

/* The CSS colour names brat configurations use. */
static const struct { const char *name; const char *hex; } css_colors[] = {
  { "black", "#000000" }, { "white", "#ffffff" }, { "gray", "#808080" }, { "grey", "#808080" },
  { "silver", "#c0c0c0" }, { "red", "#ff0000" }, { "maroon", "#800000" }, { "yellow", "#ffff00" },
  { "olive", "#808000" }, { "lime", "#00ff00" }, { "green", "#008000" }, { "aqua", "#00ffff" },
  { "cyan", "#00ffff" }, { "teal", "#008080" }, { "blue", "#0000ff" }, { "navy", "#000080" },
  { "fuchsia", "#ff00ff" }, { "magenta", "#ff00ff" }, { "purple", "#800080" },
  { "orange", "#ffa500" }, { "pink", "#ffc0cb" }, { "brown", "#a52a2a" }, { "gold", "#ffd700" },
  { "violet", "#ee82ee" }, { "indigo", "#4b0082" }, { "beige", "#f5f5dc" }, { "khaki", "#f0e68c" },
  { "salmon", "#fa8072" }, { "coral", "#ff7f50" }, { "tomato", "#ff6347" }, { "orchid", "#da70d6" },
  { "plum", "#dda0dd" }, { "tan", "#d2b48c" }, { "lavender", "#e6e6fa" },
  { "turquoise", "#40e0d0" }, { "lightgreen", "#90ee90" }, { "lightblue", "#add8e6" },
  { "lightgray", "#d3d3d3" }, { "lightgrey", "#d3d3d3" }, { "lightpink", "#ffb6c1" },
  { "lightyellow", "#ffffe0" }, { "lightcyan", "#e0ffff" }, { "lightsalmon", "#ffa07a" },
  { "lightcoral", "#f08080" }, { "lightskyblue", "#87cefa" }, { "lightsteelblue", "#b0c4de" },
  { "lightseagreen", "#20b2aa" }, { "palegreen", "#98fb98" }, { "paleturquoise", "#afeeee" },
  { "palegoldenrod", "#eee8aa" }, { "darkgreen", "#006400" }, { "darkblue", "#00008b" },
  { "darkred", "#8b0000" }, { "darkorange", "#ff8c00" }, { "darkgray", "#a9a9a9" },
  { "darkgrey", "#a9a9a9" }, { "darkkhaki", "#bdb76b" }, { "darkviolet", "#9400d3" },
  { "skyblue", "#87ceeb" }, { "steelblue", "#4682b4" }, { "royalblue", "#4169e1" },
  { "seagreen", "#2e8b57" }, { "springgreen", "#00ff7f" }, { "yellowgreen", "#9acd32" },
  { "greenyellow", "#adff2f" }, { "chartreuse", "#7fff00" }, { "hotpink", "#ff69b4" },
  { "deeppink", "#ff1493" }, { "deepskyblue", "#00bfff" }, { "dodgerblue", "#1e90ff" },
  { "cornflowerblue", "#6495ed" }, { "mediumpurple", "#9370db" }, { "thistle", "#d8bfd8" },
  { "wheat", "#f5deb3" }, { "moccasin", "#ffe4b5" }, { "peachpuff", "#ffdab9" },
  { "mistyrose", "#ffe4e1" }, { "honeydew", "#f0fff0" }, { "azure", "#f0ffff" },
  { "aquamarine", "#7fffd4" }, { "ivory", "#fffff0" }, { "linen", "#faf0e6" },
  { "snow", "#fffafa" }, { "lemonchiffon", "#fffacd" }, { "crimson", "#dc143c" },
  { "firebrick", "#b22222" }, { "sienna", "#a0522d" }, { "chocolate", "#d2691e" },
  { "peru", "#cd853f" }, { "goldenrod", "#daa520" }, { "sandybrown", "#f4a460" },
  { "rosybrown", "#bc8f8f" }, { "burlywood", "#deb887" }, { "olivedrab", "#6b8e23" },
  { "forestgreen", "#228b22" }, { "limegreen", "#32cd32" }, { "mediumseagreen", "#3cb371" },
  { "cadetblue", "#5f9ea0" }, { "slateblue", "#6a5acd" }, { "slategray", "#708090" },
};

/* A brat colour (#rgb, #rrggbb or a CSS name) as #rrggbb; NULL for others. */
static char *
parse_color (const char *value)
{
  gsize length = strlen (value);

  if (value[0] == '#' && (length == 4 || length == 7))
    {
      for (gsize i = 1; i < length; i++)
        if (!g_ascii_isxdigit (value[i]))
          return NULL;
      if (length == 7)
        return g_ascii_strdown (value, -1);
      return g_ascii_strdown ((char[]) { '#', value[1], value[1], value[2], value[2],
                                         value[3], value[3], '\0' }, -1);
    }
  for (guint i = 0; i < G_N_ELEMENTS (css_colors); i++)
    if (g_ascii_strcasecmp (css_colors[i].name, value) == 0)
      return g_strdup (css_colors[i].hex);
  return NULL;
}

/* ---- Import: configuration -------------------------------------------------------------- */

typedef struct
{
  char  *name;
  char **args;     /* types, or <ENTITY>, <EVENT>, <ANY> */
  char **values;   /* NULL for a binary attribute */
} AttributeConf;

static void
attribute_conf_free (AttributeConf *conf)
{
  g_free (conf->name);
  g_strfreev (conf->args);
  g_strfreev (conf->values);
  g_free (conf);
}

typedef struct
{
  GPtrArray  *entity_types;     /* char *, in file order */
  GPtrArray  *event_types;
  GPtrArray  *relation_types;
  GPtrArray  *attributes;       /* AttributeConf */
  GHashTable *colors;           /* type → #rrggbb */
  GHashTable *display;          /* type → the name brat shows */
  GHashTable *hotkeys;          /* type in lower case → key */
  char       *default_color;
} Conf;

static void
conf_init (Conf *conf)
{
  conf->entity_types = g_ptr_array_new_with_free_func (g_free);
  conf->event_types = g_ptr_array_new_with_free_func (g_free);
  conf->relation_types = g_ptr_array_new_with_free_func (g_free);
  conf->attributes = g_ptr_array_new_with_free_func ((GDestroyNotify) attribute_conf_free);
  conf->colors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  conf->display = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  conf->hotkeys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
conf_clear (Conf *conf)
{
  g_clear_pointer (&conf->entity_types, g_ptr_array_unref);
  g_clear_pointer (&conf->event_types, g_ptr_array_unref);
  g_clear_pointer (&conf->relation_types, g_ptr_array_unref);
  g_clear_pointer (&conf->attributes, g_ptr_array_unref);
  g_clear_pointer (&conf->colors, g_hash_table_unref);
  g_clear_pointer (&conf->display, g_hash_table_unref);
  g_clear_pointer (&conf->hotkeys, g_hash_table_unref);
  g_clear_pointer (&conf->default_color, g_free);
}

typedef void (*ConfLineFunc) (Conf       *conf,
                              const char *section,
                              char       *line);

/* Calls @func with each line of a configuration file that is neither blank
 * nor a comment, with the [section] it is in. A missing file is no error. */
static void
read_conf (Conf         *conf,
           const char   *folder,
           const char   *name,
           ConfLineFunc  func)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autofree char *contents = NULL;
  g_autofree char *section = g_strdup ("");
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL) || !g_utf8_validate (contents, -1, NULL))
    return;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      gsize length = strlen (line);

      if (*line == '\0' || *line == '#')
        continue;
      if (line[0] == '[' && line[length - 1] == ']')
        {
          g_free (section);
          section = g_strndup (line + 1, length - 2);
          continue;
        }
      func (conf, section, line);
    }
}

/* A type name that can label spans: not a "!" grouping, a <MACRO>, a
 * separator line or a macro definition. */
static gboolean
is_usable_type (const char *type)
{
  return type != NULL && *type != '!' && *type != '<' && *type != '-' && strchr (type, '=') == NULL;
}

/* "High | Low" → { "High", "Low" } */
static char **
split_choices (const char *list)
{
  char **choices = g_strsplit (list, "|", -1);

  for (guint i = 0; choices[i] != NULL; i++)
    g_strstrip (choices[i]);
  return choices;
}

static AttributeConf *
parse_attribute_conf (char *name,
                      char *rest)
{
  AttributeConf *conf = g_new0 (AttributeConf, 1);
  g_auto(GStrv) pairs = g_strsplit (rest, ",", -1);

  conf->name = g_strdup (name);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      char *pair = g_strstrip (pairs[i]);
      char *colon = strchr (pair, ':');

      if (colon == NULL)
        continue;
      *colon = '\0';
      if (g_str_equal (pair, "Arg"))
        {
          g_strfreev (conf->args);
          conf->args = split_choices (colon + 1);
        }
      else if (g_str_equal (pair, "Value"))
        {
          g_strfreev (conf->values);
          conf->values = split_choices (colon + 1);
        }
    }
  if (conf->args == NULL)
    conf->args = split_choices ("<ENTITY>|<EVENT>");
  return conf;
}

static void
on_annotation_conf (Conf       *conf,
                    const char *section,
                    char       *line)
{
  char *rest = line;
  char *type = next_token (&rest);

  if (!is_usable_type (type))
    return;
  if (g_str_equal (section, "entities"))
    add_unique (conf->entity_types, type);
  else if (g_str_equal (section, "events"))
    add_unique (conf->event_types, type);
  else if (g_str_equal (section, "relations") && strstr (rest, "<REL-TYPE>") == NULL)
    add_unique (conf->relation_types, type);
  else if (g_str_equal (section, "attributes"))
    g_ptr_array_add (conf->attributes, parse_attribute_conf (type, rest));
}

static void
on_visual_conf (Conf       *conf,
                const char *section,
                char       *line)
{
  if (g_str_equal (section, "labels"))
    {
      g_auto(GStrv) forms = g_strsplit (line, "|", -1);

      if (forms[0] != NULL && forms[1] != NULL
          && !g_str_equal (g_strstrip (forms[0]), g_strstrip (forms[1])) && *forms[1] != '\0')
        g_hash_table_replace (conf->display, g_strdup (forms[0]), g_strdup (forms[1]));
    }
  else if (g_str_equal (section, "drawing"))
    {
      char *rest = line;
      char *type = next_token (&rest);
      g_auto(GStrv) pairs = g_strsplit (rest, ",", -1);

      for (guint i = 0; type != NULL && pairs[i] != NULL; i++)
        {
          char *pair = g_strstrip (pairs[i]);
          char *color;

          if (!g_str_has_prefix (pair, "bgColor:")
              || (color = parse_color (g_strstrip (pair + 8))) == NULL)
            continue;
          if (g_str_equal (type, "SPAN_DEFAULT"))
            {
              g_free (conf->default_color);
              conf->default_color = color;
            }
          else
            g_hash_table_replace (conf->colors, g_strdup (type), color);
        }
    }
}

static void
on_kb_shortcuts (Conf       *conf,
                 const char *section,
                 char       *line)
{
  char *rest = line;
  char *key = next_token (&rest);
  char *type = next_token (&rest);

  if (key != NULL && type != NULL && g_utf8_strlen (key, -1) == 1)
    g_hash_table_replace (conf->hotkeys, g_ascii_strdown (type, -1), g_utf8_strdown (key, -1));
}

/* ---- Import: the label schema -------------------------------------------------------------- */

typedef struct
{
  GlossStore               *store;
  const GlossImportOptions *options;
  GlossReport              *report;
  GlossImportResult        *result;
  GCancellable             *cancellable;
  Conf                      conf;
  char                     *event_layer;
  GHashTable               *relation_types;   /* types added to the schema (set) */
} Reader;

/* The project's event layer, made when the first event needs it. */
static const char *
event_layer (Reader *reader)
{
  GPtrArray *layers = gloss_store_list_layers (reader->store);
  g_autoptr(GError) error = NULL;

  if (reader->event_layer != NULL)
    return reader->event_layer;
  for (guint i = 0; i < layers->len; i++)
    {
      const GlossLayer *layer = g_ptr_array_index (layers, i);

      if (layer->is_event)
        return reader->event_layer = g_strdup (layer->name);
    }
  if (!gloss_store_add_layer (reader->store, EVENT_LAYER, TRUE, &error))
    {
      gloss_report_problem (reader->report, _("the event layer cannot be added: %s"), error->message);
      return NULL;
    }
  return reader->event_layer = g_strdup (EVENT_LAYER);
}

static gboolean
hotkey_taken (GlossStore *store,
              const char *key)
{
  GPtrArray *labels = gloss_store_list_labels (store);

  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (((const GlossLabel *) g_ptr_array_index (labels, i))->hotkey, key) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
attribute_applies (const AttributeConf *conf,
                   const char          *type,
                   gboolean             trigger)
{
  for (guint i = 0; conf->args[i] != NULL; i++)
    {
      const char *arg = conf->args[i];

      if (g_str_equal (arg, type) || g_str_equal (arg, "<ANY>")
          || (g_str_equal (arg, "<ENTITY>") && !trigger) || (g_str_equal (arg, "<EVENT>") && trigger))
        return TRUE;
    }
  return FALSE;
}

static void
add_attribute_defs (Reader     *reader,
                    GlossLabel *label,
                    gboolean    trigger)
{
  for (guint i = 0; i < reader->conf.attributes->len; i++)
    {
      const AttributeConf *conf = g_ptr_array_index (reader->conf.attributes, i);
      GlossAttributeDef *def;

      if (!attribute_applies (conf, label->name, trigger)
          || gloss_label_find_attribute (label, conf->name) != NULL)
        continue;
      def = g_new0 (GlossAttributeDef, 1);
      def->name = g_strdup (conf->name);
      def->type = conf->values != NULL ? GLOSS_ATTRIBUTE_ENUM : GLOSS_ATTRIBUTE_BOOLEAN;
      def->values = g_strdupv (conf->values);
      g_ptr_array_add (label->attributes, def);
    }
}

/* A brat type the project does not have yet joins its schema with the colour,
 * hotkey, display name and attributes the configuration gives it. */
static gboolean
ensure_label (Reader     *reader,
              const char *type,
              gboolean    trigger)
{
  static const char * const palette[] = {
    "#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462", "#b3de69", "#fccde5",
  };
  g_autoptr(GlossLabel) label = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *lower = g_ascii_strdown (type, -1);
  const char *color = g_hash_table_lookup (reader->conf.colors, type);
  const char *hotkey = g_hash_table_lookup (reader->conf.hotkeys, lower);
  const char *layer = trigger ? event_layer (reader) : NULL;

  if (gloss_store_lookup_label (reader->store, type) != NULL)
    return TRUE;

  label = gloss_label_new ();
  label->name = g_strdup (type);
  label->layer = g_strdup (layer != NULL ? layer : ENTITY_LAYER);
  label->kind = GLOSS_LABEL_KIND_ENTITY;
  if (color == NULL)
    color = reader->conf.default_color;
  label->color = g_strdup (color != NULL ? color : palette[g_str_hash (type) % G_N_ELEMENTS (palette)]);
  label->description = g_strdup (g_hash_table_lookup (reader->conf.display, type));
  if (hotkey != NULL && !hotkey_taken (reader->store, hotkey))
    label->hotkey = g_strdup (hotkey);
  add_attribute_defs (reader, label, trigger);

  if (!gloss_store_add_label (reader->store, label, &error))
    {
      gloss_report_problem (reader->report, _("label %s cannot be added: %s"), type, error->message);
      return FALSE;
    }
  if (hotkey != NULL && label->hotkey == NULL)
    gloss_report_notice (reader->report, _("label %s is new to the project; added to layer %s "
                                           "without its hotkey %s, which is taken"),
                         type, label->layer, hotkey);
  else
    gloss_report_notice (reader->report, _("label %s is new to the project; added to layer %s"),
                         type, label->layer);
  return TRUE;
}

static void
add_relation_type (Reader     *reader,
                   const char *type,
                   const char *description)
{
  g_autoptr(GError) error = NULL;

  if (g_hash_table_contains (reader->relation_types, type))
    return;
  g_hash_table_add (reader->relation_types, g_strdup (type));
  if (!gloss_store_add_relation_type (reader->store, type, description, &error))
    gloss_report_problem (reader->report, _("relation type %s cannot be added: %s"), type,
                          error->message);
}

/* Reads the folder's configuration and adds what it defines to the schema. */
static void
apply_conf (Reader     *reader,
            const char *folder)
{
  Conf *conf = &reader->conf;

  read_conf (conf, folder, "visual.conf", on_visual_conf);
  read_conf (conf, folder, "kb_shortcuts.conf", on_kb_shortcuts);
  read_conf (conf, folder, "annotation.conf", on_annotation_conf);

  for (guint i = 0; i < conf->entity_types->len; i++)
    ensure_label (reader, g_ptr_array_index (conf->entity_types, i), FALSE);
  for (guint i = 0; i < conf->event_types->len; i++)
    ensure_label (reader, g_ptr_array_index (conf->event_types, i), TRUE);
  for (guint i = 0; i < conf->relation_types->len; i++)
    add_relation_type (reader, g_ptr_array_index (conf->relation_types, i), NULL);
}

/* ---- Import: one .ann file ----------------------------------------------------------------- */

typedef struct
{
  guint  number;   /* line number, from 1 */
  char  *id;
  char  *data;     /* between the first and second tab */
  char  *tail;     /* after the second tab, or NULL */
} AnnLine;

typedef struct
{
  Reader               *reader;
  GlossReport          *report;
  const char           *ann_path;
  const GlossTextIndex *index;      /* the text as read */
  GlossRecord          *record;
  GHashTable           *ids;        /* every annotation id of the file */
  GHashTable           *spans;      /* T id → GlossSpan, in record->spans */
  GHashTable           *aliases;    /* T id of a duplicate → the T id kept */
  GHashTable           *span_keys;  /* "LABEL [[s,e]]" → the T id that has it */
  GHashTable           *triggers;   /* E id → its trigger's T id */
  GHashTable           *trigger_spans; /* T id of a trigger (set) */
  GHashTable           *relations;  /* R id, or E1.Role for a role → GlossRelation */
  GHashTable           *span_attrs;      /* GlossSpan → JsonObject */
  GHashTable           *relation_attrs;  /* GlossRelation → JsonObject */
  guint                 equivs;
} Ann;

static void
problem (Ann           *ann,
         const AnnLine *line,
         const char    *format,
         ...) G_GNUC_PRINTF (3, 4);

static void
problem (Ann           *ann,
         const AnnLine *line,
         const char    *format,
         ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  gloss_report_set_location (ann->report, ann->ann_path, line->number);
  gloss_report_problem (ann->report, "%s", reason);
}

/* The text of @span's fragments joined by one space, with the line breaks and
 * tabs an .ann line cannot hold as spaces. */
static char *
flat_text (const GlossTextIndex *index,
           const GlossSpan      *span)
{
  GString *str = g_string_new (NULL);
  const char *text = gloss_text_index_get_text (index);

  for (guint i = 0; i < span->fragments->len; i++)
    {
      const GlossFragment *f = &g_array_index (span->fragments, GlossFragment, i);
      gsize from = gloss_text_index_to_byte (index, f->start);
      gsize to = gloss_text_index_to_byte (index, f->end);

      if (i > 0)
        g_string_append_c (str, ' ');
      for (gsize b = from; b < to; b++)
        g_string_append_c (str, text[b] == '\n' || text[b] == '\r' || text[b] == '\t' ? ' ' : text[b]);
    }
  return g_string_free (str, FALSE);
}

static gboolean
same_text (const char *stated,
           const char *actual)
{
  g_autofree char *a = NULL, *b = NULL;

  if (g_str_equal (stated, actual))
    return TRUE;
  /* Trailing blanks of a line are often lost or added by editors. */
  a = g_strchomp (g_strdup (stated));
  b = g_strchomp (g_strdup (actual));
  for (char *p = a; *p; p++)
    if (*p == '\t')
      *p = ' ';
  return g_str_equal (a, b);
}

static JsonObject *
attrs_of (GHashTable *table,
          gpointer    owner)
{
  JsonObject *attrs = g_hash_table_lookup (table, owner);

  if (attrs == NULL)
    {
      attrs = json_object_new ();
      g_hash_table_insert (table, owner, attrs);
    }
  return attrs;
}

static GlossSpan *
parse_fragments (char       *type,
                 char       *offsets)
{
  g_autoptr(GlossSpan) span = gloss_span_new (type, 0, 0);
  g_auto(GStrv) parts = g_strsplit (offsets, ";", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) tokens = split_tokens (parts[i]);
      gint start, end;

      if (tokens->len != 2 || !parse_offset (g_ptr_array_index (tokens, 0), &start)
          || !parse_offset (g_ptr_array_index (tokens, 1), &end))
        return NULL;
      gloss_span_add_fragment (span, start, end);
    }
  return span->fragments->len > 0 ? g_steal_pointer (&span) : NULL;
}

/* NULL when the fragments fit the text, else why not. */
static char *
check_fragments (const GlossSpan *span,
                 gint             length)
{
  for (guint i = 0; i < span->fragments->len; i++)
    {
      const GlossFragment *f = &g_array_index (span->fragments, GlossFragment, i);

      if (f->end <= f->start)
        return g_strdup_printf (_("the fragment %d %d is empty or reversed"), f->start, f->end);
      if (f->end > length)
        return g_strdup_printf (_("the offsets %d %d are outside the text (%d characters)"),
                                f->start, f->end, length);
      if (i > 0 && f->start < g_array_index (span->fragments, GlossFragment, i - 1).end)
        return g_strdup_printf (_("its fragments overlap at %d"), f->start);
    }
  return NULL;
}

/* An exact duplicate (same type, same fragments) becomes another name for
 * the first, so that what refers to it still has a span. */
static const char *
find_duplicate (Ann             *ann,
                const GlossSpan *span)
{
  g_autofree char *fragments = gloss_span_fragments_to_string (span);
  char *key = g_strdup_printf ("%s %s", span->label, fragments);
  const char *first = g_hash_table_lookup (ann->span_keys, key);

  if (first != NULL)
    {
      g_free (key);
      return first;
    }
  g_hash_table_insert (ann->span_keys, key, (gpointer) span->id);
  return NULL;
}

static void
read_textbound (Ann     *ann,
                AnnLine *line)
{
  g_autofree char *data = g_strdup (line->data);
  char *offsets = data;
  char *type = next_token (&offsets);
  g_autoptr(GlossSpan) span = NULL;
  g_autofree char *why = NULL;
  g_autofree char *actual = NULL;
  const char *first;

  span = type != NULL ? parse_fragments (type, offsets) : NULL;
  if (span == NULL)
    {
      problem (ann, line, _("%s: “%s” is not a type with offsets (TYPE START END, fragments separated "
                            "by “;”); skipped"), line->id, line->data);
      return;
    }
  if ((why = check_fragments (span, gloss_text_index_get_length (ann->index))) != NULL)
    {
      problem (ann, line, _("%s: %s; skipped"), line->id, why);
      return;
    }
  actual = flat_text (ann->index, span);
  if (line->tail != NULL && !same_text (line->tail, actual))
    {
      problem (ann, line, _("%s: its text “%s” is not the text at its offsets (“%s”); skipped"),
               line->id, line->tail, actual);
      return;
    }
  span->id = g_strdup (line->id);
  if ((first = find_duplicate (ann, span)) != NULL)
    {
      gloss_report_set_location (ann->report, ann->ann_path, line->number);
      gloss_report_notice (ann->report, _("%s: the same %s span as %s; merged into %s"), line->id,
                           type, first, first);
      g_hash_table_insert (ann->aliases, line->id, (gpointer) first);
      return;
    }

  g_hash_table_insert (ann->spans, span->id, span);
  g_ptr_array_add (ann->record->spans, g_steal_pointer (&span));
}

static GlossSpan *
lookup_textbound (Ann        *ann,
                  const char *id)
{
  const char *kept = g_hash_table_lookup (ann->aliases, id);

  return g_hash_table_lookup (ann->spans, kept != NULL ? kept : id);
}

/* The span an annotation id stands for: a T, or an event's trigger. */
static GlossSpan *
resolve_span (Ann        *ann,
              const char *id)
{
  const char *trigger = g_hash_table_lookup (ann->triggers, id);

  return lookup_textbound (ann, trigger != NULL ? trigger : id);
}

/* First pass over E lines: which T each event is anchored to. */
static void
read_trigger (Ann     *ann,
              AnnLine *line)
{
  g_autofree char *data = g_strdup (line->data);
  char *rest = data;
  char *head = next_token (&rest);
  char *colon = head != NULL ? strchr (head, ':') : NULL;
  GlossSpan *trigger;

  if (colon == NULL)
    {
      problem (ann, line, _("%s: “%s” is not TYPE:TRIGGER followed by ROLE:ID arguments; skipped"),
               line->id, line->data);
      return;
    }
  *colon = '\0';
  trigger = lookup_textbound (ann, colon + 1);
  if (trigger == NULL)
    {
      problem (ann, line, _("%s: its trigger %s is not a text annotation in the file or was "
                            "skipped; skipped"),
               line->id, colon + 1);
      return;
    }
  if (!g_str_equal (trigger->label, head))
    {
      problem (ann, line, _("%s: its type %s is not the type %s of its trigger %s; skipped"),
               line->id, head, trigger->label, trigger->id);
      return;
    }
  g_hash_table_insert (ann->triggers, line->id, trigger->id);
  g_hash_table_add (ann->trigger_spans, trigger->id);
}

static void
read_event (Ann     *ann,
            AnnLine *line)
{
  g_autoptr(GPtrArray) tokens = NULL;
  GlossSpan *trigger;
  JsonObject *attrs;

  if (!g_hash_table_contains (ann->triggers, line->id))
    return;   /* reported in the first pass */

  tokens = split_tokens (line->data);
  trigger = resolve_span (ann, line->id);
  attrs = attrs_of (ann->span_attrs, trigger);
  if (!json_object_has_member (attrs, EVENT_ID_KEY))
    json_object_set_string_member (attrs, EVENT_ID_KEY, line->id);
  else
    {
      gloss_report_set_location (ann->report, ann->ann_path, line->number);
      gloss_report_notice (ann->report, _("%s: a second event on the trigger of %s; its attributes "
                                          "and notes are kept with the first"),
                           line->id, json_object_get_string_member (attrs, EVENT_ID_KEY));
    }

  for (guint i = 1; i < tokens->len; i++)
    {
      char *role = g_ptr_array_index (tokens, i);
      char *colon = strchr (role, ':');
      GlossSpan *argument;
      GlossRelation *relation;

      if (colon == NULL || colon == role)
        {
          problem (ann, line, _("%s: the argument “%s” is not ROLE:ID; left out"), line->id, role);
          continue;
        }
      *colon = '\0';
      if ((argument = resolve_span (ann, colon + 1)) == NULL)
        {
          problem (ann, line, _("%s: the %s argument %s is not in the file or was skipped; left out"),
                   line->id, role, colon + 1);
          continue;
        }
      relation = gloss_relation_new (role, trigger->id, argument->id);
      relation->id = g_strdup_printf ("%s.%s", line->id, role);
      for (guint n = 2; g_hash_table_contains (ann->relations, relation->id); n++)
        {
          g_free (relation->id);
          relation->id = g_strdup_printf ("%s.%s.%u", line->id, role, n);
        }
      g_hash_table_insert (ann->relations, relation->id, relation);
      g_ptr_array_add (ann->record->relations, relation);
      add_relation_type (ann->reader, role, ROLE_DESCRIPTION);
    }
}

static void
read_relation (Ann     *ann,
               AnnLine *line)
{
  g_autoptr(GPtrArray) tokens = split_tokens (line->data);
  const char *ends[2] = { NULL, NULL };
  GlossSpan *from, *to;
  GlossRelation *relation;

  for (guint i = 1; tokens->len == 3 && i < 3; i++)
    {
      char *arg = g_ptr_array_index (tokens, i);
      char *colon = strchr (arg, ':');

      if (colon != NULL)
        ends[i - 1] = colon + 1;
      /* Arguments named Arg2 then Arg1 are the same relation. */
      if (colon != NULL && i == 1 && g_str_has_prefix (arg, "Arg2:"))
        {
          ends[1] = colon + 1;
          ends[0] = NULL;
        }
      else if (colon != NULL && i == 2 && ends[0] == NULL)
        ends[0] = colon + 1;
    }
  if (ends[0] == NULL || ends[1] == NULL)
    {
      problem (ann, line, _("%s: “%s” is not TYPE Arg1:ID Arg2:ID; skipped"), line->id, line->data);
      return;
    }
  from = resolve_span (ann, ends[0]);
  to = resolve_span (ann, ends[1]);
  if (from == NULL || to == NULL)
    {
      problem (ann, line, _("%s: %s is not in the file or was skipped; skipped"), line->id,
               from == NULL ? ends[0] : ends[1]);
      return;
    }

  relation = gloss_relation_new (g_ptr_array_index (tokens, 0), from->id, to->id);
  relation->id = g_strdup (line->id);
  g_hash_table_insert (ann->relations, relation->id, relation);
  g_ptr_array_add (ann->record->relations, relation);
  /* An event argument is stored as its trigger; this says to write the event back. */
  if (g_hash_table_contains (ann->triggers, ends[0]))
    json_object_set_boolean_member (attrs_of (ann->relation_attrs, relation), ARG1_EVENT_KEY, TRUE);
  if (g_hash_table_contains (ann->triggers, ends[1]))
    json_object_set_boolean_member (attrs_of (ann->relation_attrs, relation), ARG2_EVENT_KEY, TRUE);
}

/* A, M and # name a span, a relation or an event (its trigger). */
static gboolean
resolve_target (Ann            *ann,
                const char     *id,
                GlossSpan     **span,
                GlossRelation **relation)
{
  *relation = g_hash_table_lookup (ann->relations, id);
  *span = *relation == NULL ? resolve_span (ann, id) : NULL;
  return *span != NULL || *relation != NULL;
}

static void
read_attribute (Ann     *ann,
                AnnLine *line)
{
  g_autoptr(GPtrArray) tokens = split_tokens (line->data);
  GlossSpan *span;
  GlossRelation *relation;
  JsonObject *attrs;
  const char *name;

  if (tokens->len < 2 || tokens->len > 3)
    {
      problem (ann, line, _("%s: “%s” is not NAME ID or NAME ID VALUE; skipped"), line->id, line->data);
      return;
    }
  if (!resolve_target (ann, g_ptr_array_index (tokens, 1), &span, &relation))
    {
      problem (ann, line, _("%s: %s is not in the file or was skipped; skipped"), line->id,
               (char *) g_ptr_array_index (tokens, 1));
      return;
    }
  name = g_ptr_array_index (tokens, 0);
  if (g_str_has_prefix (name, RESERVED_PREFIX))
    {
      problem (ann, line, _("%s: attribute names starting with %s are Gloss’s own; skipped"),
               line->id, RESERVED_PREFIX);
      return;
    }
  attrs = span != NULL ? attrs_of (ann->span_attrs, span) : attrs_of (ann->relation_attrs, relation);
  if (tokens->len == 3)
    json_object_set_string_member (attrs, name, g_ptr_array_index (tokens, 2));
  else
    json_object_set_boolean_member (attrs, name, TRUE);
}

/* "Wikipedia:534366" → "wikipedia:534366": a knowledge-base id's prefix is
 * lower case letters, digits, "_" and "-". */
static char *
kb_id_from_brat (const char *reference)
{
  const char *colon = strchr (reference, ':');
  GString *id;

  if (colon == NULL || colon == reference || colon[1] == '\0')
    return NULL;
  id = g_string_new (NULL);
  for (const char *p = reference; p < colon; p++)
    g_string_append_c (id, g_ascii_isalnum (*p) || *p == '-' ? g_ascii_tolower (*p) : '_');
  g_string_append (id, colon);
  return g_string_free (id, FALSE);
}

static void
read_normalization (Ann     *ann,
                    AnnLine *line)
{
  g_autoptr(GPtrArray) tokens = split_tokens (line->data);
  g_autofree char *kb_id = NULL;
  GlossSpan *span;
  GlossEntity *entity;

  if (tokens->len != 3 || (kb_id = kb_id_from_brat (g_ptr_array_index (tokens, 2))) == NULL)
    {
      problem (ann, line, _("%s: “%s” is not Reference ID DB:KEY; skipped"), line->id, line->data);
      return;
    }
  if ((span = resolve_span (ann, g_ptr_array_index (tokens, 1))) == NULL)
    {
      problem (ann, line, _("%s: %s is not a text annotation in the file or was skipped; skipped"),
               line->id,
               (char *) g_ptr_array_index (tokens, 1));
      return;
    }

  if (line->tail != NULL && *g_strstrip (line->tail) != '\0')
    entity = gloss_entity_new (line->tail);
  else
    {
      g_autofree char *text = flat_text (ann->index, span);

      entity = gloss_entity_new (text);
    }
  entity->id = g_strdup (line->id);
  entity->type = g_strdup (span->label);
  entity->kb_id = g_steal_pointer (&kb_id);
  g_ptr_array_add (entity->mentions, g_strdup (span->id));
  g_ptr_array_add (ann->record->entities, entity);
}

static void
read_equivalence (Ann     *ann,
                  AnnLine *line)
{
  g_autoptr(GPtrArray) tokens = split_tokens (line->data);
  g_autoptr(GlossEntity) entity = NULL;

  if (tokens->len < 3)
    {
      problem (ann, line, _("“%s” is not TYPE ID ID…; skipped"), line->data);
      return;
    }
  entity = gloss_entity_new (NULL);
  entity->type = g_strdup (g_ptr_array_index (tokens, 0));
  for (guint i = 1; i < tokens->len; i++)
    {
      GlossSpan *span = resolve_span (ann, g_ptr_array_index (tokens, i));

      if (span == NULL)
        problem (ann, line, _("%s is not a text annotation in the file or was skipped; left out "
                              "of the %s group"),
                 (char *) g_ptr_array_index (tokens, i), entity->type);
      else if (!g_ptr_array_find_with_equal_func (entity->mentions, span->id, g_str_equal, NULL))
        g_ptr_array_add (entity->mentions, g_strdup (span->id));
    }
  if (entity->mentions->len < 2)
    {
      problem (ann, line, _("the %s group has fewer than two annotations of this file; skipped"),
               entity->type);
      return;
    }

  g_free (entity->name);
  entity->name = flat_text (ann->index, lookup_textbound (ann, g_ptr_array_index (entity->mentions, 0)));
  entity->id = g_strdup_printf ("*%u", ++ann->equivs);
  g_ptr_array_add (ann->record->entities, g_steal_pointer (&entity));
}

static void
append_note (char       **note,
             const char  *text)
{
  char *joined = *note != NULL ? g_strconcat (*note, "\n", text, NULL) : g_strdup (text);

  g_free (*note);
  *note = joined;
}

static void
read_note (Ann     *ann,
           AnnLine *line)
{
  g_autoptr(GPtrArray) tokens = split_tokens (line->data);
  const char *text = line->tail != NULL ? g_strchomp (line->tail) : "";
  GlossSpan *span;
  GlossRelation *relation;

  if (tokens->len != 2)
    {
      problem (ann, line, _("%s: “%s” is not AnnotatorNotes ID; skipped"), line->id, line->data);
      return;
    }
  if (!resolve_target (ann, g_ptr_array_index (tokens, 1), &span, &relation))
    {
      problem (ann, line, _("%s: %s is not in the file or was skipped; skipped"), line->id,
               (char *) g_ptr_array_index (tokens, 1));
      return;
    }
  if (*text == '\0')
    return;
  append_note (span != NULL ? &span->note : &relation->note, text);
}

/* Splits the file into lines, each ID TAB DATA [TAB TAIL]; reports the lines
 * that are not. */
static GPtrArray *
split_lines (Ann  *ann,
             char *contents)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  char *p = contents;

  for (guint number = 1; *p != '\0'; number++)
    {
      char *eol = strchr (p, '\n');
      char *next = eol != NULL ? eol + 1 : p + strlen (p);
      AnnLine probe = { number, NULL, NULL, NULL };
      AnnLine *line;
      char *tab;

      if (eol != NULL)
        *eol = '\0';
      if (eol != NULL && eol > p && eol[-1] == '\r')
        eol[-1] = '\0';

      if (*p == '\0' || strspn (p, " \t") == strlen (p))
        ;
      else if (!g_utf8_validate (p, -1, NULL))
        problem (ann, &probe, _("not valid UTF-8; skipped"));
      else if ((tab = strchr (p, '\t')) == NULL || tab == p)
        problem (ann, &probe, _("“%s” is not ID, a tab, then the annotation; skipped"), p);
      else
        {
          line = g_new0 (AnnLine, 1);
          line->number = number;
          line->id = p;
          *tab = '\0';
          line->data = tab + 1;
          if ((tab = strchr (line->data, '\t')) != NULL)
            {
              *tab = '\0';
              line->tail = tab + 1;
            }
          g_ptr_array_add (lines, line);
        }
      p = next;
    }
  return lines;
}

static gboolean
known_kind (char kind)
{
  return strchr ("TREAMN#*", kind) != NULL;
}

static void
read_line (Ann     *ann,
           AnnLine *line)
{
  switch (line->id[0])
    {
    case 'R':
      read_relation (ann, line);
      break;
    case 'E':
      read_event (ann, line);
      break;
    case 'A':
    case 'M':
      read_attribute (ann, line);
      break;
    case 'N':
      read_normalization (ann, line);
      break;
    case '*':
      read_equivalence (ann, line);
      break;
    case '#':
      read_note (ann, line);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Reads @contents (the .ann file) into @ann->record in passes, so that a line
 * may refer to annotations defined further down. */
static void
read_annotations (Ann  *ann,
                  char *contents)
{
  g_autoptr(GPtrArray) lines = split_lines (ann, contents);

  for (guint i = 0; i < lines->len; i++)
    {
      AnnLine *line = g_ptr_array_index (lines, i);

      if (!known_kind (line->id[0]))
        {
          problem (ann, line, _("“%s” is not a brat annotation (ids start with T, R, E, A, M, N, # "
                                "or *); skipped"), line->id);
          continue;
        }
      if (line->id[0] != '*' && g_hash_table_contains (ann->ids, line->id))
        {
          problem (ann, line, _("%s: the id is used twice in the file; skipped"), line->id);
          continue;
        }
      g_hash_table_add (ann->ids, line->id);
      if (line->id[0] == 'T')
        read_textbound (ann, line);
    }
  for (guint i = 0; i < lines->len; i++)
    {
      AnnLine *line = g_ptr_array_index (lines, i);

      if (line->id[0] == 'E' && g_hash_table_lookup (ann->ids, line->id) == line->id)
        read_trigger (ann, line);
    }

  gloss_report_set_location (ann->report, ann->ann_path, 0);
  for (guint i = 0; i < ann->record->spans->len; i++)
    {
      GlossSpan *span = g_ptr_array_index (ann->record->spans, i);

      ensure_label (ann->reader, span->label, g_hash_table_contains (ann->trigger_spans, span->id));
    }

  /* Then relations, events, and what names annotations of any kind. */
  for (const char *kind = "REAMN*#"; *kind != '\0'; kind++)
    for (guint i = 0; i < lines->len; i++)
      {
        AnnLine *line = g_ptr_array_index (lines, i);

        if (line->id[0] != *kind
            || (*kind != '*' && g_hash_table_lookup (ann->ids, line->id) != line->id))
          continue;
        read_line (ann, line);
      }
}

static void
store_attrs (GHashTable *table,
             gboolean    spans)
{
  GHashTableIter iter;
  gpointer owner, value;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &owner, &value))
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), value);
      char **attrs = spans ? &((GlossSpan *) owner)->attrs : &((GlossRelation *) owner)->attrs;

      g_free (*attrs);
      *attrs = gloss_json_node_to_string (node);
    }
}

/* ---- Import: one document ---------------------------------------------------------------- */

static char *
document_meta (const char      *txt_path,
               GlossNormalized  changed,
               gboolean         keep_text)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree char *base = g_path_get_basename (txt_path);
  g_autofree char *display = g_filename_display_name (base);
  JsonObject *meta = json_object_new ();

  json_object_set_string_member (meta, "filename", display);
  json_object_set_object_member (object, "meta", meta);
  return gloss_native_meta (object, changed, keep_text);
}

/* The text of NAME.txt as UTF-8 (decoded when --encoding names another); a
 * file that cannot be read is reported and %NULL. */
static char *
read_text (Reader     *reader,
           const char *txt_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  GlossNormalized changed;

  gloss_report_set_location (reader->report, txt_path, 0);
  if (!g_file_get_contents (txt_path, &contents, &length, &error))
    {
      gloss_report_problem (reader->report, _("%s; skipped"), error->message);
      return NULL;
    }
  if (reader->options->encoding != NULL)
    {
      g_autofree char *decoded = gloss_text_decode (contents, length, reader->options->encoding,
                                                    &length, &error);

      if (decoded == NULL)
        {
          gloss_report_problem (reader->report, _("%s; skipped"), error->message);
          return NULL;
        }
      g_free (contents);
      contents = g_steal_pointer (&decoded);
    }
  /* Only to refuse what the text normaliser refuses (bad UTF-8, NUL, empty)
   * with its own message, before offsets are read against the text. */
  if (!g_utf8_validate_len (contents, length, NULL) || length == 0)
    {
      g_autofree char *checked = gloss_text_normalize (contents, length, TRUE, &changed, &error);

      gloss_report_problem (reader->report, _("%s; skipped"),
                            error != NULL ? error->message : _("not a text file"));
      return NULL;
    }
  return g_steal_pointer (&contents);
}

static gboolean
import_document (Reader      *reader,
                 const char  *stem,
                 GError     **error)
{
  g_autofree char *txt_path = g_strconcat (stem, ".txt", NULL);
  g_autofree char *ann_path = g_strconcat (stem, ".ann", NULL);
  g_autoptr(GlossRecord) record = gloss_record_new ();
  g_autoptr(GlossTextIndex) index = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  GlossNormalized changed = GLOSS_NORMALIZED_NONE;
  gboolean keep_text = reader->options->keep_text;

  if (!g_file_test (txt_path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *base = g_path_get_basename (txt_path);

      gloss_report_set_location (reader->report, ann_path, 0);
      gloss_report_problem (reader->report, _("no %s beside it for its offsets; skipped"), base);
      return TRUE;
    }
  if ((raw = read_text (reader, txt_path)) == NULL)
    return TRUE;

  index = gloss_text_index_new (raw, -1);
  if (g_file_test (ann_path, G_FILE_TEST_EXISTS)
      && !g_file_get_contents (ann_path, &contents, NULL, &local_error))
    {
      gloss_report_set_location (reader->report, ann_path, 0);
      gloss_report_problem (reader->report, _("%s; the text is imported without annotations"),
                            local_error->message);
      g_clear_error (&local_error);
    }
  if (contents != NULL)
    {
      g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GHashTable) spans = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GHashTable) aliases = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GHashTable) span_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GHashTable) triggers = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GHashTable) trigger_spans = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GHashTable) relations = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GHashTable) span_attrs = g_hash_table_new_full (NULL, NULL, NULL,
                                                                (GDestroyNotify) json_object_unref);
      g_autoptr(GHashTable) relation_attrs = g_hash_table_new_full (NULL, NULL, NULL,
                                                                    (GDestroyNotify) json_object_unref);
      Ann ann = { reader, reader->report, ann_path, index, record, ids, spans, aliases, span_keys,
                  triggers, trigger_spans, relations, span_attrs, relation_attrs, 0 };

      read_annotations (&ann, contents);
      store_attrs (span_attrs, TRUE);
      store_attrs (relation_attrs, FALSE);
    }

  gloss_report_set_location (reader->report, txt_path, 0);
  text = gloss_native_normalize_text (record, raw, keep_text, &changed, &local_error);
  if (text == NULL)
    {
      gloss_report_problem (reader->report, _("%s; skipped"), local_error->message);
      return TRUE;
    }

  record->document = g_new0 (GlossDocument, 1);
  record->document->id = g_path_get_basename (stem);
  record->document->title = gloss_text_guess_title (text);
  record->document->meta = document_meta (txt_path, changed, keep_text);
  record->document->keep_text = keep_text;
  record->document->text = g_steal_pointer (&text);

  gloss_report_set_location (reader->report, ann_path, 0);
  return _gloss_import_store_record (reader->store, record, reader->report, reader->result, error);
}

/* ---- Import: the folder ------------------------------------------------------------------ */

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The NAME (a path without .txt or .ann) of every document under @folder,
 * sorted by name, the files of a folder before its sub-folders'. */
static void
collect_documents (const char *folder,
                   GPtrArray  *stems,
                   guint       depth)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) folders = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (folder, name, NULL);

      if (name[0] == '.')
        continue;
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          if (depth < 8)
            g_ptr_array_add (folders, g_steal_pointer (&child));
        }
      else if (g_str_has_suffix (name, ".txt") || g_str_has_suffix (name, ".ann"))
        g_ptr_array_add (names, g_strndup (name, strlen (name) - 4));
    }

  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    if (g_hash_table_add (seen, g_ptr_array_index (names, i)))
      g_ptr_array_add (stems, g_build_filename (folder, g_ptr_array_index (names, i), NULL));

  g_ptr_array_sort (folders, compare_names);
  for (guint i = 0; i < folders->len; i++)
    collect_documents (g_ptr_array_index (folders, i), stems, depth + 1);
}

/**
 * _gloss_import_read_brat:
 * @path: a brat collection (a folder), or one of its .ann or .txt files
 *
 * Imports each NAME.txt with its NAME.ann as a document whose id is NAME,
 * and the types, colours and hotkeys of the folder's configuration into the
 * label schema. A line that cannot be read, or that refers to what is not
 * there, is reported with its line number and skipped.
 */
gboolean
_gloss_import_read_brat (GlossStore               *store,
                         const char               *path,
                         const GlossImportOptions *options,
                         GlossReport              *report,
                         GlossImportResult        *result,
                         GCancellable             *cancellable,
                         GError                  **error)
{
  Reader reader = { store, options, report, result, cancellable };
  g_autoptr(GPtrArray) stems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *folder = NULL;
  gboolean ok = TRUE;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      folder = g_strdup (path);
      collect_documents (path, stems, 0);
    }
  else if (g_str_has_suffix (path, ".ann") || g_str_has_suffix (path, ".txt"))
    {
      folder = g_path_get_dirname (path);
      g_ptr_array_add (stems, g_strndup (path, strlen (path) - 4));
    }
  else
    return _gloss_import_refuse (error, GLOSS_IMPORT_ERROR_FORMAT, path,
                                 _("is not a brat collection: name a folder of .txt and .ann "
                                   "files, or one of them"));
  if (stems->len == 0)
    return _gloss_import_refuse (error, GLOSS_IMPORT_ERROR_CONTENT, path,
                                 _("has no .txt or .ann files; there is nothing to import"));

  conf_init (&reader.conf);
  reader.relation_types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  apply_conf (&reader, folder);
  for (guint i = 0; ok && i < stems->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        ok = FALSE;
      else
        ok = import_document (&reader, g_ptr_array_index (stems, i), error);
      if (options->progress != NULL)
        options->progress (i + 1, stems->len, options->progress_data);
    }
  conf_clear (&reader.conf);
  g_free (reader.event_layer);
  g_hash_table_unref (reader.relation_types);
  gloss_report_set_location (report, path, 0);
  return ok;
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
  GHashTable     *triggers;         /* labels written as event types (set) */
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
} Doc;

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

static void
write_textbounds (Doc *doc)
{
  for (guint i = 0; i < doc->spans->len; i++)
    {
      const GlossSpan *span = g_ptr_array_index (doc->spans, i);
      g_autofree char *text = flat_text (doc->index, span);

      g_string_append (doc->out, g_hash_table_lookup (doc->t_ids, span->id));
      g_string_append_c (doc->out, '\t');
      append_token (doc, span->label);
      for (guint j = 0; j < span->fragments->len; j++)
        {
          const GlossFragment *f = &g_array_index (span->fragments, GlossFragment, j);

          g_string_append_printf (doc->out, "%c%d %d", j > 0 ? ';' : ' ', f->start, f->end);
        }
      g_string_append_c (doc->out, '\t');
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
      add_unique (stat->arg1, label_of (doc, r->from_id));
      add_unique (stat->arg2, label_of (doc, r->to_id));
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

      add_unique (role->types, label_of (doc, r->to_id));
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

static void
write_attributes_of (Doc        *doc,
                     JsonObject *attrs,
                     const char *target,
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

      g_string_append_printf (doc->out, "A%u\t", ++doc->a);
      append_token (doc, name);
      g_string_append_printf (doc->out, " %s", target);
      stat = attribute_stat (doc->w, name);
      if (type == G_TYPE_STRING)
        {
          g_string_append_c (doc->out, ' ');
          append_token (doc, json_node_get_string (value));
          add_unique (stat->values, json_node_get_string (value));
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
                             g_hash_table_lookup (doc->t_ids, span->id), ON_ENTITY);
    }
  for (guint i = 0; i < doc->relations->len; i++)
    {
      const GlossRelation *r = g_ptr_array_index (doc->relations, i);

      write_attributes_of (doc, parsed_attrs (doc, r, r->attrs), g_hash_table_lookup (doc->r_ids, r),
                           ON_RELATION);
    }
  for (guint i = 0; i < doc->events->len; i++)
    {
      const Event *event = g_ptr_array_index (doc->events, i);

      if (is_first_event (doc, event))
        write_attributes_of (doc, parsed_attrs (doc, event->trigger, event->trigger->attrs), event->id,
                             ON_EVENT);
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
          add_unique (stat->arg1, label_of (doc, g_ptr_array_index (entity->mentions, j)));
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
              event_of, events_by_id, relations, r_ids, out, 0, 0, 0 };
  gboolean ok;

  number_spans (&doc);
  collect_events (&doc);
  number_relations (&doc);

  write_textbounds (&doc);
  write_relations (&doc);
  write_events (&doc);
  write_attributes (&doc);
  write_normalizations (&doc);
  write_equivalences (&doc);
  write_notes (&doc);

  ok = write_file (w->folder, name, ".txt", record->document->text, -1, error)
       && write_file (w->folder, name, ".ann", out->str, out->len, error);
  g_ptr_array_unref (doc.events);
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

  qsort (equivs, g_hash_table_size (w->equiv_stats), sizeof (char *), (GCompareFunc) compare_names);
  for (guint i = 0; equivs[i] != NULL; i++)
    {
      RelationStat *stat = g_hash_table_lookup (w->equiv_stats, equivs[i]);

      g_string_append_printf (conf, "%s\tArg1:", equivs[i]);
      append_types (conf, stat->arg1);
      g_string_append (conf, ", Arg2:");
      append_types (conf, stat->arg1);
      g_string_append (conf, ", <REL-TYPE>:symmetric-transitive\n");
    }
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
            add_unique (stat->values, def->values[k]);
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
  qsort (names, g_hash_table_size (w->attribute_stats), sizeof (char *), (GCompareFunc) compare_names);

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

static gboolean
write_confs (Writer  *w,
             GError **error)
{
  g_autofree char *annotation = annotation_conf (w);
  g_autofree char *visual = visual_conf (w);
  g_autofree char *shortcuts = kb_shortcuts_conf (w);

  return write_file (w->folder, "annotation", ".conf", annotation, -1, error)
         && write_file (w->folder, "visual", ".conf", visual, -1, error)
         && write_file (w->folder, "kb_shortcuts", ".conf", shortcuts, -1, error);
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
 * visual.conf and kb_shortcuts.conf from the project's schema. The .ann lines
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
