/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gloss-cli suggest: quotations and check-worthy claims not yet annotated, as
 * JSON Lines; --apply keeps them pending for the window, --accept annotates
 * them as the window's Alt+Y. */
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
  json_builder_add_string_value (b, gloss_suggestion_kind_label (suggestion->kind));
  json_builder_set_member_name (b, "start");
  json_builder_add_int_value (b, quote.start);
  json_builder_set_member_name (b, "end");
  json_builder_add_int_value (b, quote.end);
  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, text);
  /* Quotations between marks are direct speech: the only ones found so far. */
  if (suggestion->kind == GLOSS_SUGGESTION_QUOTE)
    {
      json_builder_set_member_name (b, "quote_type");
      json_builder_add_string_value (b, "direct");
    }
  build_range (b, "cue", &suggestion->cue, NULL, index);
  build_range (b, "speaker", &suggestion->speaker, gloss_speaker_kind_to_string (suggestion->speaker_kind),
               index);
  build_range (b, "via", &suggestion->via, NULL, index);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  line = json_to_string (root, FALSE);
  g_print ("%s\n", line);
}

typedef enum
{
  SUGGEST_PRINT,
  SUGGEST_APPLY,
  SUGGEST_ACCEPT,
} SuggestMode;

/* A suggestion an earlier --apply stored, still pending, is the same
 * suggestion (same kind, same range): accepting takes its row along, so the
 * window does not offer it again. The others have just been stored. */
static gboolean
adopt_stored (GlossStore  *store,
              gint64       document,
              GPtrArray   *suggestions,
              GError     **error)
{
  GlossSuggestionStatus pending = GLOSS_SUGGESTION_PENDING;
  g_autoptr(GPtrArray) stored = gloss_store_list_suggestions (store, document, &pending, error);

  if (stored == NULL)
    return FALSE;
  for (guint i = 0; i < suggestions->len; i++)
    for (guint j = 0; j < stored->len; j++)
      {
        GlossQuoteSuggestion *s = g_ptr_array_index (suggestions, i);
        const GlossQuoteSuggestion *row = g_ptr_array_index (stored, j);

        if (s->rowid == 0 && row->kind == s->kind && row->start == s->start && row->end == s->end)
          s->rowid = row->rowid;
      }
  return TRUE;
}

/* One undo step for the document, as accepting them one by one in the window
 * would be several; all of them or, when one fails, none. They are stored
 * first, as the window's are, so that undoing the step leaves them pending
 * (storing also gives the annotator's set its row, which a group needs). */
static gboolean
accept_all (GlossStore  *store,
            gint64       document,
            GPtrArray   *suggestions,
            GError     **error)
{
  gloss_store_begin_group (store, _("Accept suggestions"));
  if (!gloss_store_add_suggestions (store, document, suggestions, NULL, error)
      || !adopt_stored (store, document, suggestions, error))
    {
      gloss_store_cancel_group (store);
      return FALSE;
    }
  for (guint i = 0; i < suggestions->len; i++)
    {
      g_autoptr(GlossSpan) quote = gloss_suggest_accept (store, document, g_ptr_array_index (suggestions, i),
                                                         error);

      if (quote == NULL)
        {
          gloss_store_cancel_group (store);
          if (error != NULL && *error == NULL)
            g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("a suggestion made no span"));
          return FALSE;
        }
    }
  return gloss_store_end_group (store, error);
}

static gboolean
keep_suggestions (GlossStore   *store,
                  gint64        document,
                  GPtrArray    *suggestions,
                  SuggestMode   mode,
                  GError      **error)
{
  if (mode == SUGGEST_APPLY)
    return gloss_store_add_suggestions (store, document, suggestions, NULL, error);
  if (mode == SUGGEST_ACCEPT)
    return accept_all (store, document, suggestions, error);
  return TRUE;
}

/* The document is left as it was; the other documents go on. */
static void
say_not_accepted (const char          *project,
                  const GlossDocument *document,
                  const GError        *error)
{
  g_autofree char *message =
    g_strdup_printf (_("%s: document “%s”: its suggestions were not accepted, nothing was added to it (%s)"),
                     project, document->id, error->message);

  gloss_cli_say (message);
}

/* FALSE on an error that stops the command; *refused is set when only
 * accepting this document's suggestions failed. */
static gboolean
suggest_document (GlossStore           *store,
                  const char           *project,
                  const GlossDocument  *listed,
                  GlossSuggestKinds     kinds,
                  SuggestMode           mode,
                  gboolean             *refused,
                  GError              **error)
{
  g_autoptr(GlossDocument) document = gloss_store_get_document_by_rowid (store, listed->rowid, error);
  g_autoptr(GlossTextIndex) index = NULL;
  g_autoptr(GPtrArray) suggestions = NULL;

  if (document == NULL)
    return FALSE;
  suggestions = gloss_suggest_for_document (store, document, kinds, gloss_cli_interrupted, error);
  if (suggestions == NULL)
    return FALSE;
  if (mode == SUGGEST_ACCEPT)
    {
      g_autoptr(GError) local_error = NULL;

      if (!keep_suggestions (store, document->rowid, suggestions, mode, &local_error))
        {
          say_not_accepted (project, document, local_error);
          *refused = TRUE;
          return TRUE;
        }
    }
  else if (!keep_suggestions (store, document->rowid, suggestions, mode, error))
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

static const char *
interrupted_message (SuggestMode mode)
{
  if (mode == SUGGEST_APPLY)
    return _("interrupted: the suggestions of the documents finished so far are stored");
  if (mode == SUGGEST_ACCEPT)
    return _("interrupted: the suggestions of the documents finished so far are accepted");
  return _("interrupted: the suggestions printed so far are complete, the rest were not made");
}

static gboolean
parse_kinds (const char        *value,
             GlossSuggestKinds *kinds)
{
  if (value == NULL || strcmp (value, "all") == 0)
    *kinds = GLOSS_SUGGEST_ALL;
  else if (strcmp (value, "quotes") == 0)
    *kinds = GLOSS_SUGGEST_QUOTES;
  else if (strcmp (value, "claims") == 0)
    *kinds = GLOSS_SUGGEST_CLAIMS;
  else
    return FALSE;
  return TRUE;
}

int
gloss_cli_run_suggest (int    argc,
                       char **argv)
{
  g_autofree char *document_id = NULL, *annotator = NULL, *kind = NULL;
  GlossSuggestKinds kinds = GLOSS_SUGGEST_ALL;
  gboolean apply = FALSE, accept = FALSE, refused = FALSE;
  GOptionEntry entries[] = {
    { "document", 'd', 0, G_OPTION_ARG_STRING, &document_id, N_("Only the document with the id ID"), "ID" },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind,
      N_("What to suggest: quotes, claims or all (the default)"), "KIND" },
    { "apply", 0, 0, G_OPTION_ARG_NONE, &apply, N_("Also keep the suggestions in the project, pending, for the window"), NULL },
    { "accept", 0, 0, G_OPTION_ARG_NONE, &accept,
      N_("Also annotate them: QUOTE, CUE and speaker spans, CLAIM and claimant spans, with their "
         "relations, one undo step a document"),
      NULL },
    GLOSS_CLI_ANNOTATOR_OPTION (annotator),
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    gloss_cli_new_context (_("PROJECT — suggest quotations and check-worthy claims"),
                 _("Prints one JSON object per line, in document order, for each quotation and each\n"
                   "check-worthy claim not yet annotated: its label (QUOTE or CLAIM) and span (a\n"
                   "quotation with its marks, a claim as its sentence or the clause that holds it),\n"
                   "a quotation's quote_type, and the cue and speaker (a claim's claimant) when\n"
                   "found. Suggestions rejected in the window are left out; --apply never stores one\n"
                   "twice. --accept creates their annotations in the --annotator set, as Alt+Y does\n"
                   "in the window; when that fails in a document, the document is left as it was."),
                 entries);
  g_autoptr(GlossStore) store = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  SuggestMode mode;
  int status;

  if (!gloss_cli_parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return gloss_cli_usage_error (context, _("suggest needs one PROJECT"));
  if (apply && accept)
    return gloss_cli_usage_error (context, _("--apply and --accept cannot go together: choose one"));
  if (!parse_kinds (kind, &kinds))
    {
      g_autofree char *message = g_strdup_printf (_("--kind takes quotes, claims or all, not “%s”"), kind);

      return gloss_cli_usage_error (context, message);
    }

  store = gloss_cli_open_project_as (argv[1], GLOSS_STORE_OPEN_DEFAULT, annotator);
  if (store == NULL)
    return EXIT_USAGE;
  if ((apply || accept) && gloss_store_is_read_only (store))
    {
      g_autofree char *message =
        g_strdup_printf (_("%s: the project is read-only; nothing was stored (make the file writable, "
                           "or leave out %s)"), gloss_cli_name (argv[1]), apply ? "--apply" : "--accept");

      gloss_cli_say (message);
      return EXIT_USAGE;
    }

  mode = apply ? SUGGEST_APPLY : accept ? SUGGEST_ACCEPT : SUGGEST_PRINT;
  documents = documents_to_suggest (store, argv[1], document_id);
  if (documents == NULL)
    return EXIT_USAGE;
  for (guint i = 0; i < documents->len; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!suggest_document (store, argv[1], g_ptr_array_index (documents, i), kinds, mode, &refused,
                             &error))
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            break;
          gloss_cli_say_error (error);
          return EXIT_USAGE;
        }
    }
  if (g_cancellable_is_cancelled (gloss_cli_interrupted))
    {
      gloss_cli_say (interrupted_message (mode));
      return EXIT_USAGE;
    }
  return refused ? EXIT_PARTIAL : EXIT_OK;
}
