/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-format-brat"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gloss-format-brat-private.h"

/* A brat collection's configuration, kept in the project and given back.
 *
 * On import the collection's annotation.conf, visual.conf, tools.conf and
 * kb_shortcuts.conf are kept verbatim as project files "brat/NAME". On export
 * each kept file is written back as it was, except that annotation.conf gets
 * what the written annotations need and it does not declare (types, relations
 * and attributes added in Gloss, <OVERLAP> rules for actual overlaps), and
 * visual.conf the colours of the types so added. Lines are only ever inserted,
 * at the end of their section, so macros, hierarchy, comments and order stay;
 * a collection exported unchanged gets its own files back byte for byte. */

#define KEPT_PREFIX "brat/"

static const char * const conf_names[] = {
  "annotation.conf", "visual.conf", "tools.conf", "kb_shortcuts.conf", NULL
};

/* ---- Finding a collection's files ------------------------------------------------------- */

/**
 * _gloss_brat_find_conf:
 * @folder: the folder of the documents
 * @root: the collection the import was given, @folder or one of its parents
 *
 * Looks for @name as brat does: in @folder, then in each parent up to @root.
 *
 * Returns: (transfer full) (nullable): the file's path
 */
char *
_gloss_brat_find_conf (const char *folder,
                       const char *root,
                       const char *name)
{
  g_autofree char *top = g_canonicalize_filename (root, NULL);
  g_autofree char *dir = g_canonicalize_filename (folder, NULL);

  while (dir != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *parent = NULL;

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
      if (g_str_equal (dir, top) || !g_str_has_prefix (dir, top))
        break;
      parent = g_path_get_dirname (dir);
      if (g_str_equal (parent, dir))
        break;
      g_free (dir);
      dir = g_steal_pointer (&parent);
    }
  return NULL;
}

/**
 * _gloss_brat_conf_folder:
 * @stems: the documents to import (paths without .txt or .ann)
 *
 * Returns: (transfer full): the folder whose configuration applies to all of
 *   them: theirs when they share one, else @root
 */
char *
_gloss_brat_conf_folder (GPtrArray  *stems,
                         const char *root)
{
  g_autofree char *shared = NULL;

  for (guint i = 0; i < stems->len; i++)
    {
      g_autofree char *dir = g_path_get_dirname (g_ptr_array_index (stems, i));

      if (shared == NULL)
        shared = g_steal_pointer (&dir);
      else if (!g_str_equal (shared, dir))
        return g_strdup (root);
    }
  return shared != NULL ? g_steal_pointer (&shared) : g_strdup (root);
}

/**
 * _gloss_brat_keep_confs:
 *
 * Keeps the configuration files that apply to @folder in the project, all
 * together or, on an error, none. A collection without any keeps what an
 * earlier import kept; one with some replaces all of them.
 */
gboolean
_gloss_brat_keep_confs (GlossStore   *store,
                        const char   *folder,
                        const char   *root,
                        GlossReport  *report,
                        GError      **error)
{
  g_autofree char *before = gloss_store_get_project_file (store, KEPT_PREFIX "annotation.conf");
  char *names[G_N_ELEMENTS (conf_names)] = { NULL };
  char *contents[G_N_ELEMENTS (conf_names)] = { NULL };
  gboolean found = FALSE;
  gboolean ok = TRUE;

  for (guint i = 0; conf_names[i] != NULL; i++)
    {
      g_autofree char *path = _gloss_brat_find_conf (folder, root, conf_names[i]);
      g_autoptr(GError) local_error = NULL;

      names[i] = g_strconcat (KEPT_PREFIX, conf_names[i], NULL);
      if (path == NULL)
        continue;
      if (!g_file_get_contents (path, &contents[i], NULL, &local_error)
          || !g_utf8_validate (contents[i], -1, NULL))
        {
          gloss_report_set_location (report, path, 0);
          gloss_report_notice (report, _("%s; brat exports write their own instead"),
                               local_error != NULL ? local_error->message : _("not UTF-8 text"));
          g_clear_pointer (&contents[i], g_free);
          continue;
        }
      found = TRUE;
    }

  if (found)
    {
      if (before != NULL && g_strcmp0 (before, contents[0]) != 0)
        gloss_report_notice (report, _("the brat configuration kept from an earlier import is "
                                       "replaced by this collection’s"));
      ok = gloss_store_set_project_files (store, (const char * const *) names,
                                          (const char * const *) contents, error);
    }
  for (guint i = 0; conf_names[i] != NULL; i++)
    {
      g_free (names[i]);
      g_free (contents[i]);
    }
  return ok;
}

/* ---- A configuration file as lines in sections ----------------------------------------- */

typedef struct
{
  char      *name;
  guint      end;        /* the line after its last one that is not blank */
  GPtrArray *added;      /* lines to insert there */
} Section;

typedef struct
{
  GPtrArray *lines;      /* each without its "\n" */
  GPtrArray *owners;     /* the Section of each line; NULL for a header */
  gboolean   final_newline;
  gboolean   crlf;
  GPtrArray *sections;   /* Section, in file order; "" before the first header */
} ConfText;

static void
section_free (Section *section)
{
  g_free (section->name);
  g_ptr_array_unref (section->added);
  g_free (section);
}

static Section *
section_new (const char *name,
             guint       end)
{
  Section *section = g_new0 (Section, 1);

  section->name = g_strdup (name);
  section->end = end;
  section->added = g_ptr_array_new_with_free_func (g_free);
  return section;
}

static void
conf_text_clear (ConfText *text)
{
  g_clear_pointer (&text->lines, g_ptr_array_unref);
  g_clear_pointer (&text->owners, g_ptr_array_unref);
  g_clear_pointer (&text->sections, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ConfText, conf_text_clear)

/* "[relations]" → "relations"; %NULL for a line that is no header. */
static char *
header_name (const char *line)
{
  g_autofree char *stripped = g_strstrip (g_strdup (line));
  gsize length = strlen (stripped);

  if (length < 2 || stripped[0] != '[' || stripped[length - 1] != ']')
    return NULL;
  return g_strndup (stripped + 1, length - 2);
}

static void
conf_text_parse (ConfText   *text,
                 const char *contents)
{
  g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);
  guint n = g_strv_length (lines);
  Section *current = section_new ("", 0);

  text->lines = g_ptr_array_new_with_free_func (g_free);
  text->owners = g_ptr_array_new ();
  text->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) section_free);
  text->final_newline = n > 0 && *lines[n - 1] == '\0';
  text->crlf = n > 1 && g_str_has_suffix (lines[0], "\r");
  g_ptr_array_add (text->sections, current);
  for (guint i = 0; i < n - (text->final_newline ? 1 : 0); i++)
    {
      g_autofree char *name = header_name (lines[i]);
      g_autofree char *stripped = g_strstrip (g_strdup (lines[i]));

      g_ptr_array_add (text->lines, g_strdup (lines[i]));
      if (name != NULL)
        g_ptr_array_add (text->sections, current = section_new (name, i + 1));
      else if (*stripped != '\0')
        current->end = i + 1;
      g_ptr_array_add (text->owners, name != NULL ? NULL : current);
    }
}

/* The last section of that name: brat reads the file top to bottom. */
static Section *
conf_text_section (ConfText   *text,
                   const char *name)
{
  for (guint i = text->sections->len; i > 0; i--)
    {
      Section *section = g_ptr_array_index (text->sections, i - 1);

      if (g_str_equal (section->name, name))
        return section;
    }
  g_ptr_array_add (text->sections, section_new (name, G_MAXUINT));
  return g_ptr_array_index (text->sections, text->sections->len - 1);
}

static void
conf_text_add (ConfText   *text,
               const char *section,
               const char *line)
{
  g_ptr_array_add (conf_text_section (text, section)->added, g_strdup (line));
}

static guint
conf_text_count_added (ConfText *text)
{
  guint count = 0;

  for (guint i = 0; i < text->sections->len; i++)
    count += ((Section *) g_ptr_array_index (text->sections, i))->added->len;
  return count;
}

static void
append_added (GString    *out,
              Section    *section,
              const char *eol)
{
  for (guint i = 0; i < section->added->len; i++)
    g_string_append_printf (out, "%s%s", (char *) g_ptr_array_index (section->added, i), eol);
}

/* The file again, each section's new lines after its last line that is not
 * blank, sections it did not have at the end. */
static char *
conf_text_render (ConfText *text)
{
  const char *eol = text->crlf ? "\r\n" : "\n";
  GString *out = g_string_new (NULL);
  guint n = text->lines->len;

  for (guint s = 0; s < text->sections->len; s++)
    {
      Section *section = g_ptr_array_index (text->sections, s);

      if (section->end == 0)
        append_added (out, section, eol);
    }
  for (guint i = 0; i < n; i++)
    {
      /* A kept line keeps its own "\r". */
      g_string_append (out, g_ptr_array_index (text->lines, i));
      if (i + 1 < n || text->final_newline)
        g_string_append_c (out, '\n');
      for (guint s = 0; s < text->sections->len; s++)
        {
          Section *section = g_ptr_array_index (text->sections, s);

          if (section->end != i + 1 || section->added->len == 0)
            continue;
          if (i + 1 == n && !text->final_newline)
            g_string_append (out, eol);
          append_added (out, section, eol);
        }
    }
  for (guint s = 0; s < text->sections->len; s++)
    {
      Section *section = g_ptr_array_index (text->sections, s);

      if (section->end != G_MAXUINT || section->added->len == 0)
        continue;
      if (out->len > 0 && out->str[out->len - 1] != '\n')
        g_string_append (out, eol);
      g_string_append_printf (out, "%s[%s]%s%s", out->len > 0 ? eol : "", section->name, eol, eol);
      append_added (out, section, eol);
    }
  return g_string_free (out, FALSE);
}

/* ---- What an annotation.conf declares --------------------------------------------------- */

typedef struct
{
  GHashTable *arg1;    /* types (set), macros expanded */
  GHashTable *arg2;
  GHashTable *kinds;   /* <OVL-TYPE> values */
} Rule;

static void
rule_free (Rule *rule)
{
  g_hash_table_unref (rule->arg1);
  g_hash_table_unref (rule->arg2);
  g_hash_table_unref (rule->kinds);
  g_free (rule);
}

typedef struct
{
  GHashTable *macros;      /* "<POG>" → "Person|Organization|GPE" */
  GHashTable *entities;    /* types (set) */
  GHashTable *events;
  GHashTable *attributes;
  GHashTable *relations;   /* type → GPtrArray of Rule */
  GPtrArray  *overlaps;    /* Rule */
} Declared;

static void
declared_init (Declared *d)
{
  d->macros = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  d->entities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  d->events = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  d->attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  d->relations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_ptr_array_unref);
  d->overlaps = g_ptr_array_new_with_free_func ((GDestroyNotify) rule_free);
}

static void
declared_clear (Declared *d)
{
  g_clear_pointer (&d->macros, g_hash_table_unref);
  g_clear_pointer (&d->entities, g_hash_table_unref);
  g_clear_pointer (&d->events, g_hash_table_unref);
  g_clear_pointer (&d->attributes, g_hash_table_unref);
  g_clear_pointer (&d->relations, g_hash_table_unref);
  g_clear_pointer (&d->overlaps, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Declared, declared_clear)

/* A line's first field (its type) and the rest, brat splitting on blanks. */
static char *
split_type (const char  *line,
            const char **rest)
{
  const char *p = line;
  const char *end;

  while (*p == ' ' || *p == '\t')
    p++;
  end = p + strcspn (p, " \t\r");
  if (rest != NULL)
    {
      *rest = end;
      while (**rest == ' ' || **rest == '\t' || **rest == '\r')
        (*rest)++;
    }
  return g_strndup (p, end - p);
}

static void
add_types (Declared   *d,
           GHashTable *set,
           const char *list,
           guint       depth)
{
  g_auto(GStrv) types = g_strsplit (list, "|", -1);

  for (guint i = 0; types[i] != NULL; i++)
    {
      char *type = g_strstrip (types[i]);
      const char *macro = g_hash_table_lookup (d->macros, type);

      if (macro != NULL && depth < 8)
        add_types (d, set, macro, depth + 1);
      else if (*type != '\0')
        g_hash_table_add (set, g_strdup (type));
    }
}

/* "Arg1:A|B, Arg2:<POG>, <OVL-TYPE>:contain" */
static Rule *
parse_rule (Declared   *d,
            const char *args)
{
  g_auto(GStrv) parts = g_strsplit (args, ",", -1);
  Rule *rule = g_new0 (Rule, 1);

  rule->arg1 = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  rule->arg2 = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  rule->kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *part = g_strstrip (parts[i]);
      char *colon = strchr (part, ':');

      if (colon == NULL)
        continue;
      *colon = '\0';
      if (g_str_equal (part, "Arg1"))
        add_types (d, rule->arg1, colon + 1, 0);
      else if (g_str_equal (part, "Arg2"))
        add_types (d, rule->arg2, colon + 1, 0);
      else if (g_str_equal (part, "<OVL-TYPE>"))
        add_types (d, rule->kinds, colon + 1, 0);
    }
  return rule;
}

static void
declare_relation (Declared   *d,
                  const char *type,
                  const char *args)
{
  GPtrArray *rules;

  if (g_str_equal (type, "<OVERLAP>") || g_str_equal (type, "ENTITY-NESTING"))
    {
      Rule *rule = parse_rule (d, args);

      if (g_str_equal (type, "ENTITY-NESTING"))
        g_hash_table_add (rule->kinds, g_strdup ("contain"));
      g_ptr_array_add (d->overlaps, rule);
      return;
    }
  rules = g_hash_table_lookup (d->relations, type);
  if (rules == NULL)
    {
      rules = g_ptr_array_new_with_free_func ((GDestroyNotify) rule_free);
      g_hash_table_insert (d->relations, g_strdup (type), rules);
    }
  g_ptr_array_add (rules, parse_rule (d, args));
}

static void
declare_line (Declared   *d,
              const char *section,
              const char *line)
{
  const char *rest = NULL;
  g_autofree char *type = split_type (line, &rest);
  const char *name = type + (*type == '!');
  char *equals = strchr (type, '=');

  if (*type == '\0' || *type == '#')
    return;
  if (type[0] == '<' && equals != NULL)
    {
      /* A macro: "<POG>=Person|Organization|GPE" */
      g_hash_table_replace (d->macros, g_strndup (type, equals - type), g_strdup (equals + 1));
      return;
    }
  if (g_str_equal (section, "relations"))
    declare_relation (d, type, rest);
  else if (*name == '\0' || *name == '<' || *name == '-')
    return;
  else if (g_str_equal (section, "entities"))
    g_hash_table_add (d->entities, g_strdup (name));
  else if (g_str_equal (section, "events"))
    g_hash_table_add (d->events, g_strdup (name));
  else if (g_str_equal (section, "attributes"))
    g_hash_table_add (d->attributes, g_strdup (name));
}

/* Calls @func with each line of @text that is not blank, a comment or a
 * header, with the name of the section it is in. */
static void
foreach_line (const ConfText *text,
              void          (*func) (const char *section,
                                     const char *line,
                                     gpointer    data),
              gpointer        data)
{
  for (guint i = 0; i < text->lines->len; i++)
    {
      const char *line = g_ptr_array_index (text->lines, i);
      Section *owner = g_ptr_array_index (text->owners, i);
      g_autofree char *stripped = g_strstrip (g_strdup (line));

      if (owner != NULL && *stripped != '\0' && *stripped != '#')
        func (owner->name, line, data);
    }
}

static void
declare_macro (const char *section,
               const char *line,
               gpointer    data)
{
  g_autofree char *type = split_type (line, NULL);

  if (type[0] == '<' && strchr (type, '=') != NULL)
    declare_line (data, section, line);
}

static void
declare_other (const char *section,
               const char *line,
               gpointer    data)
{
  g_autofree char *type = split_type (line, NULL);

  if (type[0] != '<' || strchr (type, '=') == NULL)
    declare_line (data, section, line);
}

/* Macros first: brat lets a line use one defined further down. */
static void
declared_parse (Declared       *d,
                const ConfText *text)
{
  foreach_line (text, declare_macro, d);
  foreach_line (text, declare_other, d);
}

/* ---- What the export needs that the kept file does not declare ------------------------ */

typedef struct
{
  Declared    declared;
  GHashTable *fresh_events;  /* event types of the written annotations (set) */
} Merge;

static gboolean
is_event (Merge      *m,
          const char *type)
{
  return g_hash_table_contains (m->declared.events, type) || g_hash_table_contains (m->fresh_events, type);
}

/* Whether a rule's argument list takes @type, as brat's projectconfig reads it. */
static gboolean
takes (Merge      *m,
       GHashTable *types,
       const char *type)
{
  return g_hash_table_contains (types, type) || g_hash_table_contains (types, "<ANY>")
         || g_hash_table_contains (types, is_event (m, type) ? "<EVENT>" : "<ENTITY>");
}

/* Every type the fresh line's argument takes, some kept rule for the type takes. */
static gboolean
arguments_covered (Merge      *m,
                   GPtrArray  *rules,
                   GHashTable *wanted,
                   gboolean    second)
{
  GHashTableIter iter;
  const char *type;

  g_hash_table_iter_init (&iter, wanted);
  while (g_hash_table_iter_next (&iter, (gpointer *) &type, NULL))
    {
      gboolean found = FALSE;

      for (guint i = 0; !found && i < rules->len; i++)
        {
          Rule *rule = g_ptr_array_index (rules, i);

          found = takes (m, second ? rule->arg2 : rule->arg1, type);
        }
      if (!found)
        return FALSE;
    }
  return TRUE;
}

/* brat's overlap_types (): the <OVL-TYPE> values of the rules for the pair. */
static gboolean
overlap_has (Merge      *m,
             const char *arg1,
             const char *arg2,
             const char *kind)
{
  for (guint i = 0; i < m->declared.overlaps->len; i++)
    {
      Rule *rule = g_ptr_array_index (m->declared.overlaps, i);

      if (takes (m, rule->arg1, arg1) && takes (m, rule->arg2, arg2)
          && (g_hash_table_contains (rule->kinds, kind) || g_hash_table_contains (rule->kinds, "<ANY>")))
        return TRUE;
    }
  return FALSE;
}

/* As span_can_contain (), spans_can_be_equal () and spans_can_cross () do;
 * "contain" has Arg1 inside Arg2, as the writer declares it. */
static gboolean
overlap_allowed (Merge      *m,
                 const char *arg1,
                 const char *arg2,
                 const char *kind)
{
  if (overlap_has (m, arg1, arg2, kind) || overlap_has (m, arg2, arg1, "<ANY>"))
    return TRUE;
  return !g_str_equal (kind, "contain") && overlap_has (m, arg2, arg1, kind);
}

static void
merge_overlap (Merge      *m,
               ConfText   *text,
               const char *args)
{
  g_autoptr(GString) kinds = g_string_new (NULL);
  Rule *rule = parse_rule (&m->declared, args);
  GHashTableIter i1, i2;
  const char *arg1, *arg2, *kind;

  /* The writer's lines name one pair each. */
  g_hash_table_iter_init (&i1, rule->arg1);
  while (g_hash_table_iter_next (&i1, (gpointer *) &arg1, NULL))
    {
      g_hash_table_iter_init (&i2, rule->arg2);
      while (g_hash_table_iter_next (&i2, (gpointer *) &arg2, NULL))
        {
          static const char * const order[] = { "contain", "equal", "cross" };

          g_string_truncate (kinds, 0);
          for (guint k = 0; k < G_N_ELEMENTS (order); k++)
            {
              kind = order[k];
              if (g_hash_table_contains (rule->kinds, kind) && !overlap_allowed (m, arg1, arg2, kind))
                g_string_append_printf (kinds, "%s%s", kinds->len > 0 ? "|" : "", kind);
            }
          if (kinds->len > 0)
            {
              g_autofree char *line = g_strdup_printf ("<OVERLAP>\tArg1:%s, Arg2:%s, <OVL-TYPE>:%s",
                                                       arg1, arg2, kinds->str);

              conf_text_add (text, "relations", line);
            }
        }
    }
  rule_free (rule);
}

static void
merge_relation (Merge      *m,
                ConfText   *text,
                const char *type,
                const char *args,
                const char *line)
{
  GPtrArray *rules = g_hash_table_lookup (m->declared.relations, type);
  Rule *wanted;
  gboolean covered;

  if (rules == NULL)
    {
      conf_text_add (text, "relations", line);
      return;
    }
  wanted = parse_rule (&m->declared, args);
  covered = arguments_covered (m, rules, wanted->arg1, FALSE)
            && arguments_covered (m, rules, wanted->arg2, TRUE);
  rule_free (wanted);
  if (!covered)
    conf_text_add (text, "relations", line);
}

/* One line of the writer's own annotation.conf: added when the written
 * annotations use what it declares and the kept file does not declare it. */
static void
merge_line (Merge      *m,
            ConfText   *text,
            GHashTable *used,
            const char *section,
            const char *line,
            GPtrArray  *added_types)
{
  const char *rest = NULL;
  g_autofree char *type = split_type (line, &rest);
  gboolean declared = g_hash_table_contains (m->declared.entities, type)
                      || g_hash_table_contains (m->declared.events, type);

  if (g_str_equal (section, "relations") && g_str_equal (type, "<OVERLAP>"))
    merge_overlap (m, text, rest);
  else if (!g_hash_table_contains (used, type))
    return;
  else if (g_str_equal (section, "relations"))
    merge_relation (m, text, type, rest, line);
  else if ((g_str_equal (section, "entities") || g_str_equal (section, "events")) && !declared)
    {
      conf_text_add (text, section, line);
      g_ptr_array_add (added_types, g_strdup (type));
    }
  else if (g_str_equal (section, "attributes") && !g_hash_table_contains (m->declared.attributes, type))
    conf_text_add (text, section, line);
}


static void
fresh_event (const char *section,
             const char *line,
             gpointer    data)
{
  Merge *m = data;

  if (g_str_equal (section, "events"))
    g_hash_table_add (m->fresh_events, split_type (line, NULL));
}

typedef struct
{
  Merge      *m;
  ConfText   *text;
  GHashTable *used;
  GPtrArray  *added_types;
} MergeVisit;

static void
merge_visit (const char *section,
             const char *line,
             gpointer    data)
{
  MergeVisit *v = data;

  merge_line (v->m, v->text, v->used, section, line, v->added_types);
}

/**
 * _gloss_brat_merge_annotation_conf:
 * @kept: a collection's annotation.conf
 * @fresh: the one the writer makes from the schema and the written annotations
 * @used: the span types, relation and event types and attribute names the
 *   written annotations use (a set)
 * @added_types: entity and event types added are appended to it
 * @added: (out): how many lines were added
 *
 * Returns: (transfer full): @kept with the lines of @fresh that the written
 *   annotations need and @kept does not declare; @kept itself when none
 */
char *
_gloss_brat_merge_annotation_conf (const char *kept,
                                   const char *fresh,
                                   GHashTable *used,
                                   GPtrArray  *added_types,
                                   guint      *added)
{
  g_auto(ConfText) text = { 0 };
  g_auto(ConfText) fresh_text = { 0 };
  Merge m = { { 0 }, g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL) };
  MergeVisit visit = { &m, &text, used, added_types };

  conf_text_parse (&text, kept);
  conf_text_parse (&fresh_text, fresh);
  declared_init (&m.declared);
  declared_parse (&m.declared, &text);
  foreach_line (&fresh_text, fresh_event, &m);
  foreach_line (&fresh_text, merge_visit, &visit);
  declared_clear (&m.declared);
  g_hash_table_unref (m.fresh_events);

  *added = conf_text_count_added (&text);
  return *added == 0 ? g_strdup (kept) : conf_text_render (&text);
}

typedef struct
{
  ConfText   *text;
  GHashTable *drawn;    /* types visual.conf draws (set) */
  GPtrArray  *types;    /* the types to draw, or NULL for all */
} VisualVisit;

static void
drawn_type (const char *section,
            const char *line,
            gpointer    data)
{
  VisualVisit *v = data;

  if (g_str_equal (section, "drawing"))
    g_hash_table_add (v->drawn, split_type (line, NULL));
}

static gboolean
wanted_type (GPtrArray  *types,
             const char *type)
{
  if (types == NULL)
    return TRUE;
  for (guint i = 0; i < types->len; i++)
    if (g_str_equal (g_ptr_array_index (types, i), type))
      return TRUE;
  return FALSE;
}

static void
draw_type (const char *section,
           const char *line,
           gpointer    data)
{
  VisualVisit *v = data;
  g_autofree char *type = split_type (line, NULL);

  if (g_str_equal (section, "drawing") && wanted_type (v->types, type)
      && g_hash_table_add (v->drawn, g_strdup (type)))
    conf_text_add (v->text, "drawing", line);
}

/* @kept with the [drawing] lines of @fresh for @types that it does not draw. */
static char *
merge_visual_conf (const char *kept,
                   const char *fresh,
                   GPtrArray  *types)
{
  g_auto(ConfText) text = { 0 };
  g_auto(ConfText) fresh_text = { 0 };
  g_autoptr(GHashTable) drawn = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  VisualVisit visit = { &text, drawn, types };

  conf_text_parse (&text, kept);
  conf_text_parse (&fresh_text, fresh);
  foreach_line (&text, drawn_type, &visit);
  foreach_line (&fresh_text, draw_type, &visit);
  return conf_text_count_added (&text) == 0 ? g_strdup (kept) : conf_text_render (&text);
}

static gboolean
write_conf (const char  *folder,
            const char  *name,
            const char  *contents,
            GError     **error)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);

  return g_file_set_contents (path, contents, -1, error);
}

/**
 * _gloss_brat_write_confs:
 * @annotation, @visual, @shortcuts: the files the writer makes from the schema
 * @used: see _gloss_brat_merge_annotation_conf ()
 *
 * Writes the configuration of an exported collection into @folder: the kept
 * files of an imported one (annotation.conf and visual.conf with what the
 * annotations need added), else the writer's own.
 */
gboolean
_gloss_brat_write_confs (GlossStore   *store,
                         const char   *folder,
                         const char   *annotation,
                         const char   *visual,
                         const char   *shortcuts,
                         GHashTable   *used,
                         GlossReport  *report,
                         GError      **error)
{
  g_autofree char *kept_annotation = gloss_store_get_project_file (store, KEPT_PREFIX "annotation.conf");
  g_autofree char *kept_visual = gloss_store_get_project_file (store, KEPT_PREFIX "visual.conf");
  g_autofree char *kept_tools = gloss_store_get_project_file (store, KEPT_PREFIX "tools.conf");
  g_autofree char *kept_shortcuts = gloss_store_get_project_file (store, KEPT_PREFIX "kb_shortcuts.conf");
  g_autoptr(GPtrArray) added_types = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *annotation_out = NULL;
  g_autofree char *visual_out = NULL;
  guint added = 0;

  if (kept_annotation != NULL)
    annotation_out = _gloss_brat_merge_annotation_conf (kept_annotation, annotation, used, added_types,
                                                        &added);
  if (kept_visual != NULL)
    visual_out = merge_visual_conf (kept_visual, visual,
                                    kept_annotation != NULL ? added_types : NULL);
  if (added > 0)
    gloss_report_notice (report, _("annotation.conf is the imported collection’s with %u lines added "
                                   "for what the annotations use and it did not declare"), added);

  return write_conf (folder, "annotation.conf", annotation_out ? annotation_out : annotation, error)
         && write_conf (folder, "visual.conf", visual_out ? visual_out : visual, error)
         && write_conf (folder, "kb_shortcuts.conf", kept_shortcuts ? kept_shortcuts : shortcuts, error)
         && (kept_tools == NULL || write_conf (folder, "tools.conf", kept_tools, error));
}
