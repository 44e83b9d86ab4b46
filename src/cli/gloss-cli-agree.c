/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gloss-cli agree: inter-annotator agreement between the sets of a project. */
#define G_LOG_DOMAIN "gloss-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "gloss-agreement.h"
#include "gloss-cli-private.h"

typedef struct
{
  GlossStore  *store;
  GStrv        annotators;
  gboolean     any_status;
} Agree;

/* The annotators compared: those named, else every set but gold. */
static GStrv
choose_annotators (GlossStore *store,
                   const char *named)
{
  g_auto(GStrv) sets = NULL;
  g_autoptr(GStrvBuilder) chosen = g_strv_builder_new ();

  if (named != NULL)
    return g_strsplit (named, ",", -1);
  sets = gloss_store_list_sets (store, 0);
  for (guint i = 0; sets[i] != NULL; i++)
    if (!g_str_equal (sets[i], "gold"))
      g_strv_builder_add (chosen, sets[i]);
  return g_strv_builder_end (chosen);
}

/* The names of @layer's labels in schema order, or just @label. */
static GStrv
layer_labels (GlossStore *store,
              const char *layer)
{
  GPtrArray *labels = gloss_store_list_labels (store);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  for (guint i = 0; i < labels->len; i++)
    {
      const GlossLabel *label = g_ptr_array_index (labels, i);

      if (g_str_equal (label->layer, layer))
        g_strv_builder_add (names, label->name);
    }
  return g_strv_builder_end (names);
}

/* One annotator's work on @document, or NULL when it does not count: the set
 * has not marked it done (unless --status any), or has nothing of it. */
static gboolean
load_set (Agree       *agree,
          gint64       document,
          const char  *annotator,
          GPtrArray  **spans,
          GPtrArray  **relations,
          GPtrArray  **entities,
          GError     **error)
{
  g_autoptr(GlossDocument) info = NULL;
  g_auto(GStrv) sets = gloss_store_list_sets (agree->store, document);

  gloss_store_set_annotator (agree->store, annotator);
  info = gloss_store_get_document_info (agree->store, document, error);
  if (info == NULL)
    return FALSE;
  if (agree->any_status ? !g_strv_contains ((const char * const *) sets, annotator)
                        : info->status != GLOSS_STATUS_DONE)
    return TRUE;
  *spans = gloss_store_list_spans (agree->store, document, error);
  *relations = *spans ? gloss_store_list_relations (agree->store, document, error) : NULL;
  *entities = *relations ? gloss_store_list_entities (agree->store, document, error) : NULL;
  return *entities != NULL;
}

static void
free_arrays (GPtrArray **arrays,
             guint       n)
{
  for (guint i = 0; i < n; i++)
    g_clear_pointer (&arrays[i], g_ptr_array_unref);
  g_free (arrays);
}

static gboolean
add_document (Agree           *agree,
              GlossAgreement  *agreement,
              gint64           rowid,
              GError         **error)
{
  guint n = g_strv_length (agree->annotators);
  g_autoptr(GlossDocument) document = gloss_store_get_document_by_rowid (agree->store, rowid, error);
  GPtrArray **spans = g_new0 (GPtrArray *, n);
  GPtrArray **relations = g_new0 (GPtrArray *, n);
  GPtrArray **entities = g_new0 (GPtrArray *, n);
  gboolean ok = document != NULL;

  for (guint i = 0; ok && i < n; i++)
    ok = load_set (agree, rowid, agree->annotators[i], &spans[i], &relations[i], &entities[i], error);
  if (ok)
    gloss_agreement_add_document (agreement, document->text, spans, relations, entities);
  free_arrays (spans, n);
  free_arrays (relations, n);
  free_arrays (entities, n);
  return ok;
}

static void
print_value (JsonObject *object,
             const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    g_print ("  %8s", "—");
  else
    g_print ("  %8.3f", json_node_get_double (node));
}

static void
print_row (const char *name,
           JsonObject *values)
{
  static const char * const members[] = { "exact_f1", "overlap_f1", "cohen_kappa", "fleiss_kappa", "alpha_u" };

  g_print ("%-18s", name);
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    print_value (values, members[i]);
  g_print ("\n");
}

/* A label no annotator used is left out of the table (the JSON has it). */
static gboolean
used (JsonObject *label)
{
  JsonObject *counts = json_object_get_object_member (label, "count");
  g_autoptr(GList) values = counts != NULL ? json_object_get_values (counts) : NULL;

  for (GList *l = values; l != NULL; l = l->next)
    if (json_node_get_int (l->data) > 0)
      return TRUE;
  return FALSE;
}

static void
print_table (JsonObject *result)
{
  JsonObject *labels = json_object_get_object_member (result, "labels");
  JsonArray *pairs = json_object_get_array_member (result, "pairs");
  g_autoptr(GList) names = json_object_get_members (labels);

  g_print (_("%" G_GINT64_FORMAT " documents, layer %s\n\n"), json_object_get_int_member (result, "documents"),
           json_object_get_string_member (result, "layer"));
  g_print ("%-18s  %8s  %8s  %8s  %8s  %8s\n", "", _("exact F1"), _("overlap"), _("Cohen κ"),
           _("Fleiss κ"), _("α_U"));
  print_row (_("overall"), json_object_get_object_member (result, "overall"));
  for (GList *l = names; l != NULL; l = l->next)
    if (used (json_object_get_object_member (labels, l->data)))
      print_row (l->data, json_object_get_object_member (labels, l->data));
  for (guint i = 0; i < json_array_get_length (pairs); i++)
    {
      JsonObject *pair = json_array_get_object_element (pairs, i);
      g_autofree char *name = g_strdup_printf ("%s × %s", json_object_get_string_member (pair, "a"),
                                               json_object_get_string_member (pair, "b"));

      print_row (name, pair);
    }
}

static int
report (JsonNode   *root,
        const char *layer,
        gboolean    as_json)
{
  JsonObject *result = json_node_get_object (root);
  g_autoptr(JsonGenerator) generator = NULL;
  g_autofree char *text = NULL;

  json_object_set_string_member (result, "layer", layer);
  if (!as_json)
    {
      print_table (result);
      return EXIT_OK;
    }
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
  return EXIT_OK;
}

int
gloss_cli_run_agree (int    argc,
                     char **argv)
{
  g_autofree char *layer = NULL, *label = NULL, *annotators = NULL, *document_id = NULL, *status = NULL;
  gboolean as_json = FALSE;
  GOptionEntry entries[] = {
    { "layer", 0, 0, G_OPTION_ARG_STRING, &layer, N_("Compare the spans of layer L (default: entity)"), "L" },
    { "label", 0, 0, G_OPTION_ARG_STRING, &label, N_("Compare label X against everything else"), "X" },
    { "annotators", 0, 0, G_OPTION_ARG_STRING, &annotators, N_("Compare these sets, as in ana,ben (default: all but gold)"), "A,B" },
    { "document", 'd', 0, G_OPTION_ARG_STRING, &document_id, N_("Only the document with the id ID"), "ID" },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, N_("done (default): a document counts for two annotators who both marked it done; any: whatever its status"), "S" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print one JSON object instead of a table"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    gloss_cli_new_context (_("PROJECT — agreement between annotators"),
                           _("Compares the annotator sets of PROJECT: exact and overlap F1, token-level Cohen's\n"
                             "and Fleiss' kappa, Krippendorff's alpha_U per label and overall, per pair and\n"
                             "averaged, and for quotes whether matched quotes have the same speaker."),
                           entries);
  g_autoptr(GlossStore) store = NULL;
  g_autoptr(GlossAgreement) agreement = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  g_auto(GStrv) labels = NULL;
  Agree agree = { NULL };
  int code;

  if (!gloss_cli_parse_options (context, &argc, &argv, &code))
    return code;
  if (argc != 2)
    return gloss_cli_usage_error (context, _("agree needs one PROJECT"));
  if (status != NULL && !g_str_equal (status, "done") && !g_str_equal (status, "any"))
    return gloss_cli_usage_error (context, _("--status takes done or any"));

  store = gloss_cli_open_project (argv[1], GLOSS_STORE_OPEN_READ_ONLY);
  if (store == NULL)
    return EXIT_USAGE;
  names = choose_annotators (store, annotators);
  labels = layer_labels (store, layer != NULL ? layer : "entity");
  if (labels[0] == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("%s: no layer “%s” in the project"), argv[1], layer);

      gloss_cli_say (message);
      return EXIT_USAGE;
    }
  if (g_strv_length (names) < 2)
    {
      g_autofree char *message =
        g_strdup_printf (_("%s: agreement needs two annotators' sets; the project has %u (merge the "
                           "annotators' projects into it first)"), argv[1], g_strv_length (names));

      gloss_cli_say (message);
      return EXIT_USAGE;
    }

  agreement = gloss_agreement_new ((const char * const *) names, (const char * const *) labels);
  if (label != NULL && !gloss_agreement_set_focus_label (agreement, label))
    {
      g_autofree char *message = g_strdup_printf (_("%s: no label “%s” in layer %s"), argv[1], label,
                                                  layer != NULL ? layer : "entity");

      gloss_cli_say (message);
      return EXIT_USAGE;
    }

  agree = (Agree) { store, names, g_strcmp0 (status, "any") == 0 };
  if (document_id != NULL)
    {
      g_autoptr(GlossDocument) one = gloss_store_get_document (store, document_id, &error);

      if (one == NULL)
        {
          gloss_cli_say_error (error);
          return EXIT_USAGE;
        }
      if (!add_document (&agree, agreement, one->rowid, &error))
        {
          gloss_cli_say_error (error);
          return EXIT_USAGE;
        }
    }
  else
    {
      documents = gloss_store_list_documents (store, &error);
      for (guint i = 0; documents != NULL && i < documents->len; i++)
        {
          if (g_cancellable_is_cancelled (gloss_cli_interrupted))
            {
              gloss_cli_say (_("interrupted: no agreement was computed"));
              return EXIT_USAGE;
            }
          if (!add_document (&agree, agreement, ((GlossDocument *) documents->pdata[i])->rowid, &error))
            break;
        }
      if (error != NULL)
        {
          gloss_cli_say_error (error);
          return EXIT_USAGE;
        }
    }

  {
    g_autoptr(JsonNode) root = gloss_agreement_to_json (agreement);

    return report (root, layer != NULL ? layer : "entity", as_json);
  }
}
