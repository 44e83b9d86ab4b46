/* SPDX-License-Identifier: GPL-3.0-or-later */
/* brat's rules for a collection, in our words, learnt from brat's
 * verify_annotations.py and projectconfig.py: every text-bound, relation,
 * event and attribute is of a type annotation.conf declares, a relation's
 * arguments are of types its definition allows, an attribute's value is one
 * it lists, and two entity spans overlap only as an <OVERLAP> rule allows.
 * Each breach is one issue, logged with g_test_message (). */
#include <stdio.h>
#include <string.h>

#include "brat-verify.h"

typedef struct
{
  GHashTable *macros;        /* "<POG>" → "Person|Organization" */
  GHashTable *entity_types;  /* [entities] (set) */
  GHashTable *event_types;   /* [events] (set) */
  GHashTable *relations;     /* type → GPtrArray of GStrv {"|arg1 types|", "|arg2 types|"} */
  GPtrArray  *overlaps;      /* GStrv {arg1 types, arg2 types, kinds} of each <OVERLAP> line */
  GHashTable *attributes;    /* name → "|v1|v2|", "" for a binary one */
} BratConf;

static void
brat_conf_clear (BratConf *conf)
{
  g_clear_pointer (&conf->macros, g_hash_table_unref);
  g_clear_pointer (&conf->entity_types, g_hash_table_unref);
  g_clear_pointer (&conf->event_types, g_hash_table_unref);
  g_clear_pointer (&conf->relations, g_hash_table_unref);
  g_clear_pointer (&conf->overlaps, g_ptr_array_unref);
  g_clear_pointer (&conf->attributes, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (BratConf, brat_conf_clear)

/* "A|<POG>" → "|A|Person|Organization|" */
static char *
expand (BratConf   *conf,
        const char *list)
{
  g_auto(GStrv) types = g_strsplit (list, "|", -1);
  GString *out = g_string_new ("|");

  for (guint i = 0; types[i] != NULL; i++)
    {
      char *type = g_strstrip (types[i]);
      const char *macro = g_hash_table_lookup (conf->macros, type);

      g_string_append_printf (out, "%s|", macro != NULL ? macro : type);
    }
  return g_string_free (out, FALSE);
}

/* "Arg1:A|B, Arg2:C, <OVL-TYPE>:contain" → { "|A|B|", "|C|", "|contain|" } */
static GStrv
parse_args (BratConf   *conf,
            const char *args)
{
  g_auto(GStrv) parts = g_strsplit (args, ",", -1);
  char **rule = g_new0 (char *, 4);

  for (guint slot = 0; slot < 3; slot++)
    rule[slot] = g_strdup ("||");
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *part = g_strstrip (parts[i]);
      char *colon = strchr (part, ':');
      guint slot = g_str_has_prefix (part, "Arg1:") ? 0 : g_str_has_prefix (part, "Arg2:") ? 1 : 2;

      if (colon == NULL)
        continue;
      g_free (rule[slot]);
      rule[slot] = expand (conf, colon + 1);
    }
  return rule;
}

static void
read_conf_line (BratConf   *conf,
                const char *section,
                char       *line)
{
  g_autofree char *type = g_strndup (line, strcspn (line, " \t"));
  const char *rest = line + strlen (type) + strspn (line + strlen (type), " \t");
  const char *name = type + (*type == '!');
  GPtrArray *rules;

  if ((*name == '<' && !g_str_equal (type, "<OVERLAP>")) || *name == '-')
    return;
  if (g_str_equal (section, "entities"))
    g_hash_table_add (conf->entity_types, g_strdup (name));
  else if (g_str_equal (section, "events"))
    g_hash_table_add (conf->event_types, g_strdup (name));
  else if (g_str_equal (section, "attributes"))
    g_hash_table_insert (conf->attributes, g_strdup (name),
                         strstr (rest, "Value:") != NULL
                         ? expand (conf, strstr (rest, "Value:") + strlen ("Value:"))
                         : g_strdup (""));
  else if (g_str_equal (section, "relations") && g_str_equal (type, "<OVERLAP>"))
    g_ptr_array_add (conf->overlaps, parse_args (conf, rest));
  else if (g_str_equal (section, "relations"))
    {
      if ((rules = g_hash_table_lookup (conf->relations, type)) == NULL)
        g_hash_table_insert (conf->relations, g_strdup (type),
                             rules = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev));
      g_ptr_array_add (rules, parse_args (conf, rest));
    }
}

/* Macros first: a line may use one defined below it. */
static void
read_brat_conf (const char *folder,
                BratConf   *conf)
{
  g_autofree char *path = g_build_filename (folder, "annotation.conf", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  conf->macros = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  conf->entity_types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  conf->event_types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  conf->relations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) g_ptr_array_unref);
  conf->overlaps = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  conf->attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint pass = 0; pass < 2; pass++)
    {
      g_autofree char *section = g_strdup ("");

      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_autofree char *line = g_strstrip (g_strdup (lines[i]));
          char *equals = strchr (line, '=');

          if (*line == '#' || *line == '\0')
            continue;
          if (*line == '[')
            {
              g_free (section);
              section = g_strndup (line + 1, strcspn (line + 1, "]"));
            }
          else if (pass == 0 && *line == '<' && equals != NULL)
            g_hash_table_replace (conf->macros, g_strndup (line, equals - line), g_strdup (equals + 1));
          else if (pass == 1 && (*line != '<' || equals == NULL))
            read_conf_line (conf, section, line);
        }
    }
}

static gboolean
type_in (BratConf   *conf,
         const char *types,
         const char *type)
{
  g_autofree char *needle = g_strdup_printf ("|%s|", type);
  const char *generic = g_hash_table_contains (conf->event_types, type) ? "|<EVENT>|" : "|<ENTITY>|";

  return strstr (types, needle) != NULL || strstr (types, generic) != NULL
         || strstr (types, "|<ANY>|") != NULL;
}

/* projectconfig's span_can_contain (), spans_can_be_equal (), spans_can_cross ()
 * ("contain": Arg1 inside Arg2, as Gloss declares it). */
static gboolean
overlap_allowed (BratConf   *conf,
                 const char *inner,
                 const char *outer,
                 const char *kind)
{
  g_autofree char *wanted = g_strdup_printf ("|%s|", kind);

  for (guint i = 0; i < conf->overlaps->len; i++)
    {
      char **rule = g_ptr_array_index (conf->overlaps, i);
      gboolean any = strstr (rule[2], "|<ANY>|") != NULL;
      gboolean forward = type_in (conf, rule[0], inner) && type_in (conf, rule[1], outer);
      gboolean backward = type_in (conf, rule[0], outer) && type_in (conf, rule[1], inner);

      if ((forward && (any || strstr (rule[2], wanted) != NULL)) || (backward && any)
          || (backward && !g_str_equal (kind, "contain") && strstr (rule[2], wanted) != NULL))
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  char   *id;
  char   *type;
  GArray *fragments;   /* gint pairs */
} BratSpan;

static void
brat_span_free (BratSpan *span)
{
  g_free (span->id);
  g_free (span->type);
  g_array_unref (span->fragments);
  g_free (span);
}

static gint
fragment (const BratSpan *span,
          guint           i,
          guint           end)
{
  return g_array_index (span->fragments, gint, 2 * i + end);
}

static gboolean
brat_contains (const BratSpan *outer,
               const BratSpan *inner)
{
  for (guint i = 0; i < inner->fragments->len / 2; i++)
    {
      gboolean inside = FALSE;

      for (guint j = 0; j < outer->fragments->len / 2; j++)
        inside |= fragment (outer, j, 0) <= fragment (inner, i, 0)
                  && fragment (inner, i, 1) <= fragment (outer, j, 1);
      if (!inside)
        return FALSE;
    }
  return TRUE;
}

static char *
slice (const char *text,
       gint        start,
       gint        end)
{
  const char *from = g_utf8_offset_to_pointer (text, start);

  return g_strndup (from, g_utf8_offset_to_pointer (from, end - start) - from);
}

/* annotation.py: "ID\tTYPE START END[;START END…]\tTEXT", fragments in the
 * text, in order, TEXT their texts joined by one space. */
static BratSpan *
parse_textbound (const char *text,
                 const char *line,
                 guint      *issues)
{
  g_auto(GStrv) fields = g_strsplit (line, "\t", 3);
  g_auto(GStrv) parts = NULL;
  g_autoptr(GString) joined = g_string_new (NULL);
  glong length = g_utf8_strlen (text, -1);
  BratSpan *span;
  char *offsets;

  if (g_strv_length (fields) != 3 || (offsets = strchr (fields[1], ' ')) == NULL)
    {
      g_test_message ("not a text-bound line: %s", line);
      ++*issues;
      return NULL;
    }
  span = g_new0 (BratSpan, 1);
  span->id = g_strdup (fields[0]);
  span->type = g_strndup (fields[1], offsets - fields[1]);
  span->fragments = g_array_new (FALSE, FALSE, sizeof (gint));
  parts = g_strsplit (offsets + 1, ";", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      gint f[2] = { -1, -1 };
      g_autofree char *covered = NULL;

      if (sscanf (parts[i], "%d %d", &f[0], &f[1]) != 2 || f[0] < 0 || f[0] > f[1] || f[1] > length)
        {
          g_test_message ("%s: offsets outside the text", span->id);
          ++*issues;
          brat_span_free (span);
          return NULL;
        }
      covered = slice (text, f[0], f[1]);
      g_string_append_printf (joined, "%s%s", i > 0 ? " " : "", covered);
      g_array_append_vals (span->fragments, f, 2);
    }
  if (!g_str_equal (fields[2], joined->str))
    {
      g_test_message ("%s: its text is not the text at its offsets", span->id);
      ++*issues;
    }
  return span;
}

static guint
count_overlap_errors (BratConf  *conf,
                      GPtrArray *spans)
{
  guint errors = 0;

  for (guint i = 0; i < spans->len; i++)
    for (guint j = i + 1; j < spans->len; j++)
      {
        const BratSpan *a = g_ptr_array_index (spans, i), *b = g_ptr_array_index (spans, j);
        gint a_start = fragment (a, 0, 0), a_end = fragment (a, a->fragments->len / 2 - 1, 1);
        gint b_start = fragment (b, 0, 0), b_end = fragment (b, b->fragments->len / 2 - 1, 1);
        gboolean ok;

        if (!g_hash_table_contains (conf->entity_types, a->type)
            || !g_hash_table_contains (conf->entity_types, b->type)
            || !(b_start < a_end && b_end > a_start))
          continue;
        if (brat_contains (a, b) && brat_contains (b, a))
          ok = overlap_allowed (conf, a->type, b->type, "equal");
        else if (brat_contains (b, a))
          ok = overlap_allowed (conf, a->type, b->type, "contain");
        else if (brat_contains (a, b))
          ok = overlap_allowed (conf, b->type, a->type, "contain");
        else
          ok = overlap_allowed (conf, a->type, b->type, "cross");
        if (!ok)
          g_test_message ("%s %s and %s %s may not overlap so", a->id, a->type, b->id, b->type);
        errors += !ok;
      }
  return errors;
}

/* "R1\tType Arg1:T1 Arg2:T2": a declared type whose arguments some definition allows. */
static guint
check_relation (BratConf   *conf,
                GHashTable *types,
                const char *line)
{
  g_auto(GStrv) fields = g_strsplit (line, "\t", 3);
  g_auto(GStrv) words = g_strsplit (fields[1] != NULL ? fields[1] : "", " ", -1);
  GPtrArray *rules = g_hash_table_lookup (conf->relations, words[0]);
  const char *arg1 = NULL, *arg2 = NULL;

  for (guint i = 1; words[i] != NULL; i++)
    if (g_str_has_prefix (words[i], "Arg1:"))
      arg1 = g_hash_table_lookup (types, words[i] + 5);
    else if (g_str_has_prefix (words[i], "Arg2:"))
      arg2 = g_hash_table_lookup (types, words[i] + 5);
  for (guint i = 0; rules != NULL && arg1 != NULL && arg2 != NULL && i < rules->len; i++)
    {
      char **rule = g_ptr_array_index (rules, i);

      if (type_in (conf, rule[0], arg1) && type_in (conf, rule[1], arg2))
        return 0;
    }
  g_test_message ("%s: relation %s from %s to %s is not declared", fields[0], words[0], arg1, arg2);
  return 1;
}

/* "A1\tName T1 [Value]" */
static guint
check_attribute (BratConf   *conf,
                 const char *line)
{
  g_auto(GStrv) fields = g_strsplit (line, "\t", 2);
  g_auto(GStrv) words = g_strsplit (fields[1] != NULL ? fields[1] : "", " ", -1);
  const char *values = g_hash_table_lookup (conf->attributes, words[0]);
  g_autofree char *wanted = words[1] != NULL && words[2] != NULL ? g_strdup_printf ("|%s|", words[2]) : NULL;

  if (values != NULL && (wanted == NULL ? *values == '\0' : strstr (values, wanted) != NULL))
    return 0;
  g_test_message ("%s: attribute %s is not declared with that value", fields[0], words[0]);
  return 1;
}

static guint
check_document (BratConf   *conf,
                const char *text,
                const char *ann,
                guint      *lines_read)
{
  g_autoptr(GPtrArray) spans = g_ptr_array_new_with_free_func ((GDestroyNotify) brat_span_free);
  g_autoptr(GHashTable) types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) lines = g_strsplit (ann, "\n", -1);
  guint issues = 0;

  for (guint i = 0; lines[i] != NULL; i++, ++*lines_read)
    {
      BratSpan *span = lines[i][0] == 'T' ? parse_textbound (text, lines[i], &issues) : NULL;
      g_autofree char *type = NULL;

      if (span == NULL)
        continue;
      g_ptr_array_add (spans, span);
      g_hash_table_insert (types, g_strdup (span->id), g_strdup (span->type));
      if (!g_hash_table_contains (conf->entity_types, span->type)
          && !g_hash_table_contains (conf->event_types, span->type))
        {
          g_test_message ("%s: type %s is not declared", span->id, span->type);
          issues++;
        }
    }
  /* An event argument is named by its E id: it has its trigger's type. */
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] == 'E' && strchr (lines[i], '\t') != NULL)
      {
        g_auto(GStrv) fields = g_strsplit (lines[i], "\t", 3);
        g_autofree char *trigger = g_strndup (fields[1], strcspn (fields[1], " "));
        const char *colon = strchr (trigger, ':');

        if (colon != NULL)
          g_hash_table_insert (types, g_strdup (fields[0]), g_strndup (trigger, colon - trigger));
      }
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] == 'R')
      issues += check_relation (conf, types, lines[i]);
    else if (lines[i][0] == 'A' || lines[i][0] == 'M')
      issues += check_attribute (conf, lines[i]);
  return issues + count_overlap_errors (conf, spans);
}

/**
 * brat_verify_folder:
 * @lines_read: (out) (optional): the .ann lines read
 *
 * Returns: the issues brat's rules find in the documents of @folder
 */
guint
brat_verify_folder (const char *folder,
                    guint      *lines_read)
{
  g_auto(BratConf) conf = { 0 };
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint issues = 0, lines = 0;

  g_assert_nonnull (dir);
  read_brat_conf (folder, &conf);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *ann_path = g_build_filename (folder, name, NULL);
      g_autofree char *stem = NULL;
      g_autofree char *txt_path = NULL;
      g_autofree char *text = NULL, *ann = NULL;

      if (!g_str_has_suffix (name, ".ann"))
        continue;
      stem = g_strndup (ann_path, strlen (ann_path) - 4);
      txt_path = g_strconcat (stem, ".txt", NULL);
      g_assert_true (g_file_get_contents (txt_path, &text, NULL, NULL));
      g_assert_true (g_file_get_contents (ann_path, &ann, NULL, NULL));
      issues += check_document (&conf, text, ann, &lines);
    }
  if (lines_read != NULL)
    *lines_read = lines;
  return issues;
}
