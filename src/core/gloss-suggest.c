/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-suggest"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "gloss-store.h"
#include "gloss-suggest.h"

/* The records of quote suggestions, the suggestions of a stored document and
 * accepting one. Finding them is gloss-suggest-quotes.c and the files next to it
 * (see gloss-suggest-private.h). */

/* ---- Records -------------------------------------------------------------------------- */

GlossQuoteSuggestion *
gloss_quote_suggestion_new (gint start,
                            gint end)
{
  GlossQuoteSuggestion *suggestion = g_new0 (GlossQuoteSuggestion, 1);

  suggestion->start = start;
  suggestion->end = end;
  suggestion->cue = suggestion->speaker = suggestion->via = (GlossFragment) { -1, -1 };
  return suggestion;
}

GlossQuoteSuggestion *
gloss_quote_suggestion_copy (const GlossQuoteSuggestion *suggestion)
{
  g_return_val_if_fail (suggestion != NULL, NULL);
  return g_memdup2 (suggestion, sizeof *suggestion);
}

void
gloss_quote_suggestion_free (GlossQuoteSuggestion *suggestion)
{
  g_free (suggestion);
}

static const char * const status_names[] = { "pending", "accepted", "rejected" };
static const char * const speaker_kind_names[] = { NULL, "name", "description" };

const char *
gloss_suggestion_status_to_string (GlossSuggestionStatus status)
{
  g_return_val_if_fail (status <= GLOSS_SUGGESTION_REJECTED, NULL);
  return status_names[status];
}

gboolean
gloss_suggestion_status_from_string (const char            *str,
                                     GlossSuggestionStatus *status)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (status_names); i++)
    if (strcmp (str, status_names[i]) == 0)
      {
        *status = i;
        return TRUE;
      }
  return FALSE;
}

const char *
gloss_speaker_kind_to_string (GlossSpeakerKind kind)
{
  g_return_val_if_fail (kind <= GLOSS_SPEAKER_DESCRIPTION, NULL);
  return speaker_kind_names[kind];
}

gboolean
gloss_speaker_kind_from_string (const char       *str,
                                GlossSpeakerKind *kind)
{
  for (guint i = 1; str != NULL && i < G_N_ELEMENTS (speaker_kind_names); i++)
    if (strcmp (str, speaker_kind_names[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

/* ---- Suggestions of a stored document ------------------------------------------------- */

static char *
document_language (const GlossDocument *document)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (document->meta == NULL || !json_parser_load_from_data (parser, document->meta, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return g_strdup (json_object_get_string_member_with_default (json_node_get_object (root),
                                                               "language", NULL));
}

/* Most of the shorter of the two is shared. */
static gboolean
overlaps_substantially (gint a_start,
                        gint a_end,
                        gint b_start,
                        gint b_end)
{
  gint shared = MIN (a_end, b_end) - MAX (a_start, b_start);

  return shared > 0 && 2 * shared >= MIN (a_end - a_start, b_end - b_start);
}

static gboolean
is_annotated (GPtrArray                  *quotes,
              const GlossQuoteSuggestion *suggestion)
{
  for (guint i = 0; i < quotes->len; i++)
    {
      const GlossSpan *span = g_ptr_array_index (quotes, i);

      if (overlaps_substantially (gloss_span_get_start (span), gloss_span_get_end (span),
                                  suggestion->start, suggestion->end))
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_rejected (GPtrArray                  *rejected,
             const GlossQuoteSuggestion *suggestion)
{
  for (guint i = 0; i < rejected->len; i++)
    {
      const GlossQuoteSuggestion *r = g_ptr_array_index (rejected, i);

      if (r->start == suggestion->start && r->end == suggestion->end)
        return TRUE;
    }
  return FALSE;
}

/* The document's QUOTE-kind spans, and in @speakers the extent of each span
 * whose label can speak (PERSON, ORG, …), for the suggester to prefer. */
static GPtrArray *
quote_spans (GlossStore  *store,
             gint64       document,
             GArray      *speakers,
             GError     **error)
{
  g_autoptr(GPtrArray) spans = gloss_store_list_spans (store, document, error);
  GPtrArray *quotes;

  if (spans == NULL)
    return NULL;
  quotes = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_span_free);
  for (guint i = 0; i < spans->len; i++)
    {
      const GlossSpan *span = g_ptr_array_index (spans, i);
      const GlossLabel *label = gloss_store_lookup_label (store, span->label);

      if (label != NULL && label->can_speak)
        {
          GlossFragment extent = { gloss_span_get_start (span), gloss_span_get_end (span) };

          g_array_append_val (speakers, extent);
        }
      if (label != NULL && label->kind == GLOSS_LABEL_KIND_QUOTE)
        g_ptr_array_add (quotes, g_ptr_array_steal_index (spans, i--));
    }
  return quotes;
}

/**
 * gloss_suggest_for_document:
 * @document: a stored document, with its text
 *
 * The quote suggestions for the quotations of @document that are not annotated
 * yet (no QUOTE-kind span on the same text or most of it) and that the annotator
 * has not rejected. The language comes from the document's metadata, or is
 * guessed. Mentions already annotated with a label that can speak are preferred
 * as speakers (gloss_suggest_quotes_with_speakers ()).
 *
 * Returns: (transfer container) (element-type GlossQuoteSuggestion): the
 *   suggestions in text order, each with its document set
 */
GPtrArray *
gloss_suggest_for_document (GlossStore           *store,
                            const GlossDocument  *document,
                            GCancellable         *cancellable,
                            GError              **error)
{
  GlossSuggestionStatus status = GLOSS_SUGGESTION_REJECTED;
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GPtrArray) quotes = NULL;
  g_autoptr(GPtrArray) rejected = NULL;
  g_autoptr(GArray) speakers = g_array_new (FALSE, FALSE, sizeof (GlossFragment));
  g_autofree char *language = NULL;

  g_return_val_if_fail (GLOSS_IS_STORE (store), NULL);
  g_return_val_if_fail (document != NULL && document->text != NULL, NULL);

  quotes = quote_spans (store, document->rowid, speakers, error);
  if (quotes == NULL)
    return NULL;
  rejected = gloss_store_list_suggestions (store, document->rowid, &status, error);
  if (rejected == NULL)
    return NULL;

  language = document_language (document);
  suggestions = gloss_suggest_quotes_with_speakers (document->text, language, speakers, cancellable);
  if (suggestions == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Suggesting was cancelled"));
      return NULL;
    }
  for (guint i = 0; i < suggestions->len; i++)
    {
      GlossQuoteSuggestion *suggestion = g_ptr_array_index (suggestions, i);

      if (is_annotated (quotes, suggestion) || is_rejected (rejected, suggestion))
        g_ptr_array_remove_index (suggestions, i--);
      else
        suggestion->document = document->rowid;
    }
  return g_steal_pointer (&suggestions);
}

/* ---- Accepting one ------------------------------------------------------------------ */

static const GlossLabel *
first_label (GlossStore     *store,
             GlossLabelKind  kind,
             gboolean        can_speak)
{
  GPtrArray *labels = gloss_store_list_labels (store);

  for (guint i = 0; i < labels->len; i++)
    {
      const GlossLabel *label = g_ptr_array_index (labels, i);

      if (label->kind == kind && (!can_speak || label->can_speak))
        return label;
    }
  return NULL;
}

/* An annotation already on exactly [start, end) that fits: for a speaker, a
 * label that can speak or a SOURCE. */
static GlossSpan *
find_span (GlossStore *store,
           GPtrArray  *spans,
           gint        start,
           gint        end,
           gboolean    speaker,
           GlossLabelKind kind)
{
  for (guint i = 0; i < spans->len; i++)
    {
      GlossSpan *span = g_ptr_array_index (spans, i);
      const GlossLabel *label = gloss_store_lookup_label (store, span->label);

      if (label == NULL || span->fragments->len != 1 || gloss_span_get_start (span) != start
          || gloss_span_get_end (span) != end)
        continue;
      if (speaker ? (label->can_speak || label->kind == GLOSS_LABEL_KIND_SOURCE) : label->kind == kind)
        return span;
    }
  return NULL;
}

static char *
ensure_span (GlossStore        *store,
             gint64             document,
             GPtrArray         *spans,
             const GlossLabel  *label,
             gint               start,
             gint               end,
             gboolean           speaker,
             gboolean          *changed,
             GError           **error)
{
  GlossSpan *existing = find_span (store, spans, start, end, speaker, label->kind);
  g_autoptr(GlossSpan) span = NULL;
  g_autoptr(GlossSpan) stored = NULL;

  if (existing != NULL)
    return g_strdup (existing->id);

  span = gloss_span_new (label->name, start, end);
  stored = gloss_store_add_span (store, document, span, error);
  if (stored == NULL)
    return NULL;
  *changed = TRUE;
  return g_strdup (stored->id);
}

static gboolean
add_link (GlossStore  *store,
      gint64       document,
      const char  *type,
      const char  *from,
      const char  *to,
      gboolean    *changed,
      GError     **error)
{
  g_autoptr(GlossRelation) relation = gloss_relation_new (type, from, to);
  g_autoptr(GlossRelation) stored = gloss_store_add_relation (store, document, relation, error);

  *changed |= stored != NULL;
  return stored != NULL;
}

static gboolean
check_labels (GlossStore                  *store,
              const GlossQuoteSuggestion  *suggestion,
              const GlossLabel           **quote,
              const GlossLabel           **cue,
              const GlossLabel           **speaker,
              GError                     **error)
{
  *quote = first_label (store, GLOSS_LABEL_KIND_QUOTE, FALSE);
  *cue = first_label (store, GLOSS_LABEL_KIND_CUE, FALSE);
  *speaker = suggestion->speaker_kind == GLOSS_SPEAKER_DESCRIPTION
             ? first_label (store, GLOSS_LABEL_KIND_SOURCE, FALSE)
             : first_label (store, GLOSS_LABEL_KIND_ENTITY, TRUE);

  if (*quote != NULL && (suggestion->cue.start < 0 || *cue != NULL)
      && (suggestion->speaker.start < 0 || *speaker != NULL))
    return TRUE;
  g_set_error_literal (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID,
                       _("the label schema has no quote, cue or speaker label to accept the "
                         "suggestion with; add one in the label schema"));
  return FALSE;
}

static gboolean
accept_in_group (GlossStore                  *store,
                 gint64                       document,
                 const GlossQuoteSuggestion  *suggestion,
                 char                       **quote_id,
                 gboolean                    *changed,
                 GError                     **error)
{
  const GlossLabel *quote_label, *cue_label, *speaker_label;
  g_autoptr(GPtrArray) spans = NULL;
  g_autofree char *cue_id = NULL, *speaker_id = NULL;

  if (!check_labels (store, suggestion, &quote_label, &cue_label, &speaker_label, error)
      || (spans = gloss_store_list_spans (store, document, error)) == NULL)
    return FALSE;

  *quote_id = ensure_span (store, document, spans, quote_label, suggestion->start, suggestion->end,
                           FALSE, changed, error);
  if (*quote_id == NULL)
    return FALSE;
  if (suggestion->cue.start >= 0
      && ((cue_id = ensure_span (store, document, spans, cue_label, suggestion->cue.start,
                                 suggestion->cue.end, FALSE, changed, error)) == NULL
          || !add_link (store, document, "CUE", *quote_id, cue_id, changed, error)))
    return FALSE;
  if (suggestion->speaker.start >= 0
      && ((speaker_id = ensure_span (store, document, spans, speaker_label, suggestion->speaker.start,
                                     suggestion->speaker.end, TRUE, changed, error)) == NULL
          || !add_link (store, document, "SPEAKER", *quote_id, speaker_id, changed, error)))
    return FALSE;
  if (suggestion->rowid > 0
      && !gloss_store_set_suggestion_status (store, document, suggestion->rowid,
                                             GLOSS_SUGGESTION_ACCEPTED, error))
    return FALSE;
  return TRUE;
}

/**
 * gloss_suggest_accept:
 * @suggestion: a suggestion for @document; when stored (rowid set) it becomes
 *   accepted
 *
 * Makes the suggestion annotations in one undo step: the QUOTE span, the CUE
 * span and the speaker's mention (the annotation already on it, or a new one with
 * the first label that can speak — PERSON by default — for a name, SOURCE for a
 * description), linked by CUE and SPEAKER relations. Undoing the step removes
 * them and makes the suggestion pending again.
 *
 * Returns: (transfer full): the QUOTE span
 */
GlossSpan *
gloss_suggest_accept (GlossStore                  *store,
                      gint64                       document,
                      const GlossQuoteSuggestion  *suggestion,
                      GError                     **error)
{
  g_autofree char *quote_id = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  gboolean changed = FALSE, ok;

  g_return_val_if_fail (GLOSS_IS_STORE (store), NULL);
  g_return_val_if_fail (suggestion != NULL, NULL);

  gloss_store_begin_group (store, _("Accept quote suggestion"));
  ok = accept_in_group (store, document, suggestion, &quote_id, &changed, error);
  if (!gloss_store_end_group (store, ok ? error : NULL) && ok)
    return NULL;
  if (!ok)
    {
      /* All or nothing: what the group did before the failure goes. */
      if (changed)
        gloss_store_undo (store, NULL, NULL);
      return NULL;
    }

  spans = gloss_store_list_spans (store, document, error);
  for (guint i = 0; spans != NULL && i < spans->len; i++)
    if (g_strcmp0 (((GlossSpan *) g_ptr_array_index (spans, i))->id, quote_id) == 0)
      return g_ptr_array_steal_index (spans, i);
  return NULL;
}
