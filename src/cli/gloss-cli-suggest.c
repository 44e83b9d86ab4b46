/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gloss-cli suggest: quotations not yet annotated, as JSON Lines. */
#define G_LOG_DOMAIN "gloss-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "gloss-cli-private.h"
#include "gloss-suggest.h"
#include "gloss-text.h"

/* ---- suggest -------------------------------------------------------------------------------- */

static char *
slice_text (const GlossTextIndex *index,
            gint                  start,
            gint                  end)
{
  gsize from = gloss_text_index_to_byte (index, start);

  return g_strndup (gloss_text_index_get_text (index) + from, gloss_text_index_to_byte (index, end) - from);
}

static void
build_range (JsonBuilder          *b,
             const char           *member,
             const GlossFragment  *range,
             const char           *kind,
             const GlossTextIndex *index)
{
  g_autofree char *text = NULL;

  json_builder_set_member_name (b, member);
  if (range->start < 0)
    {
      json_builder_add_null_value (b);
      return;
    }
  text = slice_text (index, range->start, range->end);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "start");
  json_builder_add_int_value (b, range->start);
  json_builder_set_member_name (b, "end");
  json_builder_add_int_value (b, range->end);
  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, text);
  if (kind != NULL)
    {
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, kind);
    }
  json_builder_end_object (b);
}

/* One JSON object on one line. */
static void
print_suggestion (const GlossDocument        *document,
                  const GlossTextIndex       *index,
                  const GlossQuoteSuggestion *suggestion)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = slice_text (index, suggestion->start, suggestion->end);
  g_autofree char *line = NULL;
  GlossFragment quote = { suggestion->start, suggestion->end };

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "document");
  json_builder_add_string_value (b, document->id);
  json_builder_set_member_name (b, "label");
  json_builder_add_string_value (b, "QUOTE");
  json_builder_set_member_name (b, "start");
  json_builder_add_int_value (b, quote.start);
  json_builder_set_member_name (b, "end");
  json_builder_add_int_value (b, quote.end);
  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, text);
  build_range (b, "cue", &suggestion->cue, NULL, index);
  build_range (b, "speaker", &suggestion->speaker, gloss_speaker_kind_to_string (suggestion->speaker_kind),
               index);
  build_range (b, "via", &suggestion->via, NULL, index);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  line = json_to_string (root, FALSE);
  g_print ("%s\n", line);
}

static gboolean
suggest_document (GlossStore           *store,
                  const GlossDocument  *listed,
                  gboolean              apply,
                  GError              **error)
{
  g_autoptr(GlossDocument) document = gloss_store_get_document_by_rowid (store, listed->rowid, error);
  g_autoptr(GlossTextIndex) index = NULL;
  g_autoptr(GPtrArray) suggestions = NULL;

  if (document == NULL)
    return FALSE;
  suggestions = gloss_suggest_for_document (store, document, gloss_cli_interrupted, error);
  if (suggestions == NULL)
    return FALSE;
  if (apply && !gloss_store_add_suggestions (store, document->rowid, suggestions, NULL, error))
    return FALSE;

  index = gloss_text_index_new (document->text, -1);
  for (guint i = 0; i < suggestions->len; i++)
    print_suggestion (document, index, g_ptr_array_index (suggestions, i));
  return TRUE;
}

static GPtrArray *
documents_to_suggest (GlossStore  *store,
                      const char  *project,
                      const char  *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossDocument) document = NULL;
  GPtrArray *documents;

  if (id == NULL)
    {
      documents = gloss_store_list_documents (store, &error);
      if (documents == NULL)
        gloss_cli_say_error (error);
      return documents;
    }

  document = gloss_store_get_document (store, id, &error);
  if (document == NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("%s: no document “%s” (gloss-cli list %s shows the ids)"), project, id, project);

      gloss_cli_say (message);
      return NULL;
    }
  documents = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_document_free);
  g_ptr_array_add (documents, g_steal_pointer (&document));
  return documents;
}

int
gloss_cli_run_suggest (int    argc,
             char **argv)
{
  g_autofree char *document_id = NULL, *annotator = NULL;
  gboolean apply = FALSE;
  GOptionEntry entries[] = {
    { "document", 'd', 0, G_OPTION_ARG_STRING, &document_id, N_("Only the document with the id ID"), "ID" },
    { "apply", 0, 0, G_OPTION_ARG_NONE, &apply, N_("Also keep the suggestions in the project, pending, for the window"), NULL },
    GLOSS_CLI_ANNOTATOR_OPTION (annotator),
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    gloss_cli_new_context (_("PROJECT — suggest quotations"),
                 _("Prints one JSON object per line, in document order, for each quotation not yet\n"
                   "annotated: the QUOTE span (marks included), its cue and its speaker. Suggestions\n"
                   "rejected in the window are left out; --apply never stores one twice."),
                 entries);
  g_autoptr(GlossStore) store = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  int status;

  if (!gloss_cli_parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return gloss_cli_usage_error (context, _("suggest needs one PROJECT"));

  store = gloss_cli_open_project_as (argv[1], GLOSS_STORE_OPEN_DEFAULT, annotator);
  if (store == NULL)
    return EXIT_USAGE;
  if (apply && gloss_store_is_read_only (store))
    {
      g_autofree char *message =
        g_strdup_printf (_("%s: the project is read-only; nothing was stored (make the file writable, "
                           "or leave out --apply)"), argv[1]);

      gloss_cli_say (message);
      return EXIT_USAGE;
    }

  documents = documents_to_suggest (store, argv[1], document_id);
  if (documents == NULL)
    return EXIT_USAGE;
  for (guint i = 0; i < documents->len; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!suggest_document (store, g_ptr_array_index (documents, i), apply, &error))
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            break;
          gloss_cli_say_error (error);
          return EXIT_USAGE;
        }
    }
  if (g_cancellable_is_cancelled (gloss_cli_interrupted))
    {
      gloss_cli_say (apply ? _("interrupted: the suggestions of the documents finished so far are stored")
                 : _("interrupted: the suggestions printed so far are complete, the rest were not made"));
      return EXIT_USAGE;
    }
  return EXIT_OK;
}
