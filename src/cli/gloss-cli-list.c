/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gloss-cli list and stats: what a project holds, as a table or JSON. */
#define G_LOG_DOMAIN "gloss-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "gloss-cli-private.h"
#include "gloss-statistics.h"

/* ---- list and stats ------------------------------------------------------------------- */

static char *
format_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (unix_seconds);

  return time != NULL ? g_date_time_format_iso8601 (time) : g_strdup ("");
}

static void
list_as_json (GPtrArray *documents)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; i < documents->len; i++)
    {
      const GlossDocument *d = g_ptr_array_index (documents, i);
      g_autofree char *created = format_time (d->created);
      g_autofree char *modified = format_time (d->modified);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, d->id);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, d->title);
      json_builder_set_member_name (b, "status");
      json_builder_add_string_value (b, gloss_status_to_string (d->status));
      json_builder_set_member_name (b, "spans");
      json_builder_add_int_value (b, d->n_spans);
      json_builder_set_member_name (b, "length");
      json_builder_add_int_value (b, d->length);
      json_builder_set_member_name (b, "created");
      json_builder_add_string_value (b, created);
      json_builder_set_member_name (b, "modified");
      json_builder_add_string_value (b, modified);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  gloss_cli_print_json (b);
}

static void
list_as_table (GPtrArray *documents)
{
  guint id_width = 2;

  for (guint i = 0; i < documents->len; i++)
    id_width = MAX (id_width, strlen (((GlossDocument *) g_ptr_array_index (documents, i))->id));

  gloss_cli_print_padded (_("ID"), id_width + 2);
  gloss_cli_print_padded (_("STATUS"), 13);
  g_print ("%6s  %s\n", _("SPANS"), _("TITLE"));
  for (guint i = 0; i < documents->len; i++)
    {
      const GlossDocument *d = g_ptr_array_index (documents, i);
      g_autofree char *title = g_utf8_substring (d->title, 0, MIN (g_utf8_strlen (d->title, -1), 70));

      gloss_cli_print_padded (d->id, id_width + 2);
      gloss_cli_print_padded (gloss_status_to_string (d->status), 13);
      g_print ("%6d  %s\n", d->n_spans, title);
    }
}

int
gloss_cli_run_list (int    argc,
          char **argv)
{
  g_autofree char *annotator = NULL;
  gboolean as_json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print a JSON array instead of a table"), NULL },
    GLOSS_CLI_ANNOTATOR_OPTION (annotator),
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    gloss_cli_new_context (_("PROJECT — list the documents"),
                 _("Lists the documents in import order: id, status, number of spans, title."),
                 entries);
  g_autoptr(GlossStore) store = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!gloss_cli_parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return gloss_cli_usage_error (context, _("list needs one PROJECT"));

  store = gloss_cli_open_project_as (argv[1], GLOSS_STORE_OPEN_DEFAULT, annotator);
  if (store == NULL)
    return EXIT_USAGE;
  documents = gloss_store_list_documents (store, &error);
  if (documents == NULL)
    {
      gloss_cli_say_error (error);
      return EXIT_USAGE;
    }

  if (as_json)
    list_as_json (documents);
  else
    list_as_table (documents);
  return EXIT_OK;
}

static void
build_counts (JsonBuilder *b,
              GHashTable  *counts)
{
  g_autoptr(GList) keys = g_list_sort (g_hash_table_get_keys (counts), (GCompareFunc) g_strcmp0);

  json_builder_begin_object (b);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      json_builder_set_member_name (b, l->data);
      json_builder_add_int_value (b, GPOINTER_TO_UINT (g_hash_table_lookup (counts, l->data)));
    }
  json_builder_end_object (b);
}

/* The team's figures (DESIGN.md "Teams"): "sets" as before, and "adjudicated",
 * "agreement" and "confusion" as the statistics window shows them. */
static void
stats_as_json (const GlossStoreStats *stats,
               JsonNode              *figures)
{
  JsonObject *team = json_node_get_object (figures);
  static const char * const members[] = { "sets", "adjudicated", "agreement", "confusion" };
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "documents");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "total");
  json_builder_add_int_value (b, stats->documents);
  for (GlossStatus s = GLOSS_STATUS_NEW; s <= GLOSS_STATUS_DONE; s++)
    {
      json_builder_set_member_name (b, gloss_status_to_string (s));
      json_builder_add_int_value (b, stats->by_status[s]);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "spans");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "total");
  json_builder_add_int_value (b, stats->spans);
  json_builder_set_member_name (b, "by_label");
  build_counts (b, stats->spans_by_label);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "relations");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "total");
  json_builder_add_int_value (b, stats->relations);
  json_builder_set_member_name (b, "by_type");
  build_counts (b, stats->relations_by_type);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "entities");
  json_builder_add_int_value (b, stats->entities);
  json_builder_set_member_name (b, "annotators");
  json_builder_add_int_value (b, stats->annotators);
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      json_builder_set_member_name (b, members[i]);
      json_builder_add_value (b, json_node_copy (json_object_get_member (team, members[i])));
    }
  json_builder_end_object (b);
  gloss_cli_print_json (b);
}

/* Per annotator set: documents by status, spans. */
static void
sets_as_table (JsonNode *sets)
{
  JsonObject *object = json_node_get_object (sets);
  g_autoptr(GList) names = json_object_get_members (object);

  if (g_list_length (names) < 2)
    return;
  g_print (_("Per annotator        new  in progress   done   spans\n"));
  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonObject *set = json_object_get_object_member (object, l->data);
      JsonObject *documents = json_object_get_object_member (set, "documents");
      g_autoptr(GList) counts = json_object_get_values (json_object_get_object_member (set, "spans"));
      gint64 spans = 0;

      for (GList *c = counts; c != NULL; c = c->next)
        spans += json_node_get_int (c->data);
      g_print ("  ");
      gloss_cli_print_padded (l->data, 16);
      g_print ("%6" G_GINT64_FORMAT "  %11" G_GINT64_FORMAT "  %5" G_GINT64_FORMAT "  %6" G_GINT64_FORMAT "\n",
               json_object_get_int_member_with_default (documents, "new", 0),
               json_object_get_int_member_with_default (documents, "in-progress", 0),
               json_object_get_int_member_with_default (documents, "done", 0), spans);
    }
}

static void
stats_as_table (GlossStore            *store,
                const GlossStoreStats *stats)
{
  GPtrArray *labels = gloss_store_list_labels (store);
  g_autoptr(GList) types = g_list_sort (g_hash_table_get_keys (stats->relations_by_type),
                                        (GCompareFunc) g_strcmp0);

  g_print (_("Documents   %6u   (new %u, in progress %u, done %u)\n"), stats->documents,
           stats->by_status[GLOSS_STATUS_NEW], stats->by_status[GLOSS_STATUS_IN_PROGRESS],
           stats->by_status[GLOSS_STATUS_DONE]);
  g_print (_("Spans       %6u\n"), stats->spans);
  for (guint i = 0; i < labels->len; i++)
    {
      const GlossLabel *label = g_ptr_array_index (labels, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (stats->spans_by_label, label->name));

      if (n > 0)
        {
          g_print ("  ");
          gloss_cli_print_padded (label->name, 12);
          g_print ("%6u   %s\n", n, label->layer);
        }
    }
  g_print (_("Relations   %6u\n"), stats->relations);
  for (GList *l = types; l != NULL; l = l->next)
    {
      g_print ("  ");
      gloss_cli_print_padded (l->data, 12);
      g_print ("%6u\n", GPOINTER_TO_UINT (g_hash_table_lookup (stats->relations_by_type, l->data)));
    }
  g_print (_("Entities    %6u\n"), stats->entities);
  g_print (_("Annotators  %6u\n"), stats->annotators);
}

static JsonNode *
team_figures (GlossStore  *store,
              const char  *status,
              const char  *pair,
              GError     **error)
{
  g_autoptr(GlossStatistics) statistics = NULL;
  g_auto(GStrv) names = pair != NULL ? g_strsplit (pair, ",", -1) : NULL;

  if (names != NULL && g_strv_length (names) != 2)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--pair takes two annotators, as in ana,ben"));
      return NULL;
    }
  statistics = gloss_statistics_new_for_store (store, g_strcmp0 (status, "any") == 0, gloss_cli_interrupted, error);
  if (statistics == NULL)
    return NULL;
  return gloss_statistics_to_json (statistics, names ? names[0] : NULL, names ? names[1] : NULL, error);
}

int
gloss_cli_run_stats (int    argc,
           char **argv)
{
  g_autofree char *annotator = NULL, *status = NULL, *pair = NULL;
  gboolean as_json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print a JSON object instead of a table, with agreement per label and a confusion table"), NULL },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, N_("done (default): agreement counts a document for two annotators who both marked it done; any: whatever its status"), "S" },
    { "pair", 0, 0, G_OPTION_ARG_STRING, &pair, N_("The confusion table of these two annotators, as in ana,ben (default: the first two)"), "A,B" },
    GLOSS_CLI_ANNOTATOR_OPTION (annotator),
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    gloss_cli_new_context (_("PROJECT — count documents and annotations"),
                 _("Counts documents by status, spans by label, relations by type, entities;\n"
                   "per annotator set, documents by status and spans by label."),
                 entries);
  g_autoptr(GlossStore) store = NULL;
  g_autoptr(GlossStoreStats) stats = NULL;
  g_autoptr(JsonNode) sets = NULL;
  g_autoptr(GError) error = NULL;
  int code;

  if (!gloss_cli_parse_options (context, &argc, &argv, &code))
    return code;
  if (argc != 2)
    return gloss_cli_usage_error (context, _("stats needs one PROJECT"));
  if (status != NULL && !g_str_equal (status, "done") && !g_str_equal (status, "any"))
    return gloss_cli_usage_error (context, _("--status takes done or any"));

  store = gloss_cli_open_project_as (argv[1], GLOSS_STORE_OPEN_DEFAULT, annotator);
  if (store == NULL)
    return EXIT_USAGE;
  stats = gloss_store_get_stats (store, &error);
  /* The table shows no agreement: only --json reads every set of every document. */
  if (stats != NULL)
    sets = as_json ? team_figures (store, status, pair, &error) : gloss_store_get_set_stats (store, &error);
  if (sets == NULL)
    {
      gloss_cli_say_error (error);
      return EXIT_USAGE;
    }

  if (as_json)
    stats_as_json (stats, sets);
  else
    {
      stats_as_table (store, stats);
      sets_as_table (sets);
    }
  return EXIT_OK;
}
