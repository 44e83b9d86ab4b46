/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gloss-cli agree: inter-annotator agreement between the sets of a project. */
#define G_LOG_DOMAIN "gloss-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "gloss-agreement-store.h"
#include "gloss-cli-private.h"

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

  g_print (_("%lld documents, layer %s\n\n"), (long long) json_object_get_int_member (result, "documents"),
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
  gboolean any_status;
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
  names = gloss_agreement_store_annotators (store, annotators);
  labels = gloss_agreement_store_labels (store, layer != NULL ? layer : "entity");
  if (labels[0] == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("%s: no layer “%s” in the project"), gloss_cli_name (argv[1]), layer);

      gloss_cli_say (message);
      return EXIT_USAGE;
    }
  if (g_strv_length (names) < 2)
    {
      g_autofree char *message =
        g_strdup_printf (_("%s: agreement needs two annotators' sets; the project has %u (merge the "
                           "annotators' projects into it first)"), gloss_cli_name (argv[1]), g_strv_length (names));

      gloss_cli_say (message);
      return EXIT_USAGE;
    }

  agreement = gloss_agreement_new ((const char * const *) names, (const char * const *) labels);
  if (label != NULL && !gloss_agreement_set_focus_label (agreement, label))
    {
      g_autofree char *message = g_strdup_printf (_("%s: no label “%s” in layer %s"), gloss_cli_name (argv[1]), label,
                                                  layer != NULL ? layer : "entity");

      gloss_cli_say (message);
      return EXIT_USAGE;
    }

  any_status = g_strcmp0 (status, "any") == 0;
  if (document_id != NULL)
    {
      g_autoptr(GlossDocument) one = gloss_store_get_document (store, document_id, &error);

      if (one == NULL)
        {
          gloss_cli_say_error (error);
          return EXIT_USAGE;
        }
      if (!gloss_agreement_add_store_document (agreement, store, one->rowid, any_status, &error))
        {
          gloss_cli_say_error (error);
          return EXIT_USAGE;
        }
    }
  else
    {
      /* One read transaction: one state of the project, and SQLite's locks
       * taken once instead of for each of the statements of each document. */
      if (gloss_store_begin_read (store, &error))
        documents = gloss_store_list_documents (store, &error);
      for (guint i = 0; documents != NULL && i < documents->len; i++)
        {
          if (g_cancellable_is_cancelled (gloss_cli_interrupted))
            {
              gloss_store_end_read (store);
              gloss_cli_say (_("interrupted: no agreement was computed"));
              return EXIT_USAGE;
            }
          if (!gloss_agreement_add_store_document (agreement, store, ((GlossDocument *) documents->pdata[i])->rowid,
                                                   any_status, &error))
            break;
        }
      gloss_store_end_read (store);
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
