/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-format-brat"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gloss-json.h"
#include "gloss-format-brat-private.h"
#include "gloss-import-private.h"

/* Reading brat standoff: see gloss-format-brat-private.h for the mapping. */
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

void
_gloss_brat_add_unique (GPtrArray  *array,
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

/* Calls @func with each line of @name as brat finds it for @folder that is
 * neither blank nor a comment, with the [section] it is in. A missing file
 * is no error. */
static void
read_conf (Conf         *conf,
           const char   *folder,
           const char   *root,
           const char   *name,
           ConfLineFunc  func)
{
  g_autofree char *path = _gloss_brat_find_conf (folder, root, name);
  g_autofree char *contents = NULL;
  g_autofree char *section = g_strdup ("");
  g_auto(GStrv) lines = NULL;

  if (path == NULL || !g_file_get_contents (path, &contents, NULL, NULL)
      || !g_utf8_validate (contents, -1, NULL))
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
    _gloss_brat_add_unique (conf->entity_types, type);
  else if (g_str_equal (section, "events"))
    _gloss_brat_add_unique (conf->event_types, type);
  else if (g_str_equal (section, "relations") && strstr (rest, "<REL-TYPE>") == NULL)
    _gloss_brat_add_unique (conf->relation_types, type);
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

/* Reads the folder's configuration, adds what it defines to the schema and
 * keeps its files in the project for export. */
static gboolean
apply_conf (Reader      *reader,
            const char  *folder,
            const char  *root,
            GError     **error)
{
  Conf *conf = &reader->conf;

  read_conf (conf, folder, root, "visual.conf", on_visual_conf);
  read_conf (conf, folder, root, "kb_shortcuts.conf", on_kb_shortcuts);
  read_conf (conf, folder, root, "annotation.conf", on_annotation_conf);
  if (!_gloss_brat_keep_confs (reader->store, folder, root, reader->report, error))
    return FALSE;

  for (guint i = 0; i < conf->entity_types->len; i++)
    ensure_label (reader, g_ptr_array_index (conf->entity_types, i), FALSE);
  for (guint i = 0; i < conf->event_types->len; i++)
    ensure_label (reader, g_ptr_array_index (conf->event_types, i), TRUE);
  for (guint i = 0; i < conf->relation_types->len; i++)
    add_relation_type (reader, g_ptr_array_index (conf->relation_types, i), NULL);
  return TRUE;
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
char *
_gloss_brat_flat_text (const GlossTextIndex *index,
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

/* Whether [from, to) is blank with a line break in it. */
static gboolean
is_line_gap (const GlossTextIndex *index,
             gint                  from,
             gint                  to)
{
  const char *text = gloss_text_index_get_text (index);
  const char *end = text + gloss_text_index_to_byte (index, to);
  gboolean line_break = FALSE;

  for (const char *p = text + gloss_text_index_to_byte (index, from); p < end; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
      line_break |= *p == '\n' || *p == '\r';
    }
  return line_break;
}

/* brat's editor cuts a selection over several lines into one fragment per
 * line (an .ann line cannot hold a line break), and so does Gloss's brat
 * export: fragments apart only by line breaks and blanks are one stretch. */
static void
join_line_pieces (const GlossTextIndex *index,
                  GlossSpan            *span)
{
  GArray *fragments = span->fragments;

  for (guint i = 1; i < fragments->len; i++)
    {
      GlossFragment *previous = &g_array_index (fragments, GlossFragment, i - 1);
      const GlossFragment *f = &g_array_index (fragments, GlossFragment, i);

      if (!is_line_gap (index, previous->end, f->start))
        continue;
      previous->end = f->end;
      g_array_remove_index (fragments, i--);
    }
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
  actual = _gloss_brat_flat_text (ann->index, span);
  if (line->tail != NULL && !same_text (line->tail, actual))
    {
      problem (ann, line, _("%s: its text “%s” is not the text at its offsets (“%s”); skipped"),
               line->id, line->tail, actual);
      return;
    }
  join_line_pieces (ann->index, span);
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
      g_autofree char *text = _gloss_brat_flat_text (ann->index, span);

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
  entity->name = _gloss_brat_flat_text (ann->index,
                                        lookup_textbound (ann, g_ptr_array_index (entity->mentions, 0)));
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

gint
_gloss_brat_compare_names (gconstpointer a,
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

  g_ptr_array_sort (names, _gloss_brat_compare_names);
  for (guint i = 0; i < names->len; i++)
    if (g_hash_table_add (seen, g_ptr_array_index (names, i)))
      g_ptr_array_add (stems, g_build_filename (folder, g_ptr_array_index (names, i), NULL));

  g_ptr_array_sort (folders, _gloss_brat_compare_names);
  for (guint i = 0; i < folders->len; i++)
    collect_documents (g_ptr_array_index (folders, i), stems, depth + 1);
}

/**
 * _gloss_import_read_brat:
 * @path: a brat collection (a folder), or one of its .ann or .txt files
 *
 * Imports each NAME.txt with its NAME.ann as a document whose id is NAME,
 * and the types, colours and hotkeys of the folder's configuration into the
 * label schema; the configuration files themselves are kept in the project. A line that cannot be read, or that refers to what is not
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
  g_autofree char *conf_folder = NULL;
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
  conf_folder = _gloss_brat_conf_folder (stems, folder);
  ok = apply_conf (&reader, conf_folder, folder, error);
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

