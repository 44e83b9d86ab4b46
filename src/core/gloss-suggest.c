/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-suggest"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "gloss-store.h"
#include "gloss-suggest-private.h"

/* The records of suggestions, quotes and claims found together, the
 * suggestions of a stored document and accepting one. Finding them is
 * gloss-suggest-quotes.c, gloss-suggest-claims.c and the files next to them
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

/* A claim: [start, end) is the CLAIM span, the speaker its claimant. */
GlossQuoteSuggestion *
gloss_claim_suggestion_new (gint start,
                            gint end)
{
  GlossQuoteSuggestion *suggestion = gloss_quote_suggestion_new (start, end);

  suggestion->kind = GLOSS_SUGGESTION_CLAIM;
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
static const char * const kind_names[] = { "quote", "claim" };
static const char * const kind_labels[] = { "QUOTE", "CLAIM" };

/* "quote", "claim": the kind as the project stores it. */
const char *
gloss_suggestion_kind_to_string (GlossSuggestionKind kind)
{
  g_return_val_if_fail (kind <= GLOSS_SUGGESTION_CLAIM, NULL);
  return kind_names[kind];
}

gboolean
gloss_suggestion_kind_from_string (const char          *str,
                                   GlossSuggestionKind *kind)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (kind_names); i++)
    if (strcmp (str, kind_names[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

/* "QUOTE", "CLAIM": the default label a suggestion of the kind becomes. */
const char *
gloss_suggestion_kind_label (GlossSuggestionKind kind)
{
  g_return_val_if_fail (kind <= GLOSS_SUGGESTION_CLAIM, NULL);
  return kind_labels[kind];
}

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

/* ---- Quotes and claims together ------------------------------------------------------- */

static gint
compare_starts (gconstpointer a,
                gconstpointer b)
{
  const GlossQuoteSuggestion *sa = *(const GlossQuoteSuggestion * const *) a;
  const GlossQuoteSuggestion *sb = *(const GlossQuoteSuggestion * const *) b;

  if (sa->start != sb->start)
    return sa->start < sb->start ? -1 : 1;
  if (sa->end != sb->end)
    return sa->end > sb->end ? -1 : 1;
  return (gint) sa->kind - (gint) sb->kind;
}

/**
 * gloss_suggest_text:
 * @text: a document text (UTF-8)
 * @language: (nullable): its language ("en", "de", "ru", "fr"), or %NULL to
 *   guess it from the text
 * @speakers: (nullable) (element-type GlossFragment): mentions the annotator
 *   already tagged with a label that can speak (PERSON, ORG, …)
 * @kinds: quotations, claims or both
 * @cancellable: (nullable): checked before each quotation and each sentence
 *
 * The suggestions of @text of the kinds asked for: quotations
 * (gloss_suggest_quotes_with_speakers ()) and check-worthy claims
 * (gloss_suggest_claims ()). A claim inside a quotation, or brought in by a
 * reporting clause ("X said that …"), carries who makes it as its speaker.
 *
 * Returns: (transfer container) (element-type GlossQuoteSuggestion) (nullable):
 *   the suggestions in text order (the longer first of two that start
 *   together), or %NULL when cancelled
 */
GPtrArray *
gloss_suggest_text (const char        *text,
                    const char        *language,
                    GArray            *speakers,
                    GlossSuggestKinds  kinds,
                    GCancellable      *cancellable)
{
  g_return_val_if_fail (text != NULL, g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_quote_suggestion_free));

  return _gloss_suggest_text_with (text, language, speakers, kinds, NULL, cancellable);
}

/**
 * _gloss_suggest_text_with:
 * @claim_lexicon: (nullable): the claim lexicon to use instead of the
 *   built-in one of the text's language (a linguist's draft, in the
 *   evaluation program)
 *
 * gloss_suggest_text () with a claim lexicon of one's own.
 */
GPtrArray *
_gloss_suggest_text_with (const char         *text,
                          const char         *language,
                          GArray             *speakers,
                          GlossSuggestKinds   kinds,
                          const ClaimLexicon *claim_lexicon,
                          GCancellable       *cancellable)
{
  g_autoptr(GPtrArray) quotes = NULL;
  g_autoptr(GPtrArray) claims = NULL;
  Scan s;

  _gloss_suggest_scan_init (&s, text, language, speakers);
  /* Claims take their claimants from the quotations they are in. */
  quotes = _gloss_suggest_scan_quotes (&s, cancellable);
  if (claim_lexicon == NULL)
    claim_lexicon = _gloss_suggest_claim_lexicon_get (s.lang->id);
  if (quotes != NULL && (kinds & GLOSS_SUGGEST_CLAIMS))
    claims = _gloss_suggest_scan_claims (&s, claim_lexicon, cancellable);
  _gloss_suggest_scan_clear (&s);
  if (quotes == NULL || ((kinds & GLOSS_SUGGEST_CLAIMS) && claims == NULL))
    return NULL;

  if (!(kinds & GLOSS_SUGGEST_QUOTES))
    return g_steal_pointer (&claims);
  if (claims == NULL || claims->len == 0)
    return g_steal_pointer (&quotes);
  g_ptr_array_extend_and_steal (quotes, g_steal_pointer (&claims));
  g_ptr_array_sort (quotes, compare_starts);
  return g_steal_pointer (&quotes);
}

/**
 * gloss_suggest_claims:
 * @text: a document text (UTF-8)
 * @language: (nullable): its language, or %NULL to guess it
 * @cancellable: (nullable): checked before each sentence
 *
 * Finds the check-worthy claims of @text: sentences that assert a checkable
 * fact (figures, comparisons, statistics, records, what happened and why,
 * what someone said or did), each as its sentence or as the clause a
 * reporting clause brings in, with its claimant when one is named.
 *
 * Returns: (transfer container) (element-type GlossQuoteSuggestion) (nullable):
 *   the claim suggestions in text order, or %NULL when cancelled
 */
GPtrArray *
gloss_suggest_claims (const char   *text,
                      const char   *language,
                      GCancellable *cancellable)
{
  return gloss_suggest_text (text, language, NULL, GLOSS_SUGGEST_CLAIMS, cancellable);
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

/* What an annotation already there covers, for a suggestion of its kind. */
typedef struct
{
  gint                start;
  gint                end;
  GlossSuggestionKind kind;
} Annotated;

/* An annotation of the suggestion's kind (a QUOTE-kind span for a quote, a
 * CLAIM-kind one for a claim) already on most of its text. */
static gboolean
is_annotated (GArray                     *annotated,
              const GlossQuoteSuggestion *suggestion)
{
  for (guint i = 0; i < annotated->len; i++)
    {
      const Annotated *a = &g_array_index (annotated, Annotated, i);

      if (a->kind == suggestion->kind
          && overlaps_substantially (a->start, a->end, suggestion->start, suggestion->end))
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

      if (r->kind == suggestion->kind && r->start == suggestion->start && r->end == suggestion->end)
        return TRUE;
    }
  return FALSE;
}

/* The extents of the document's QUOTE- and CLAIM-kind spans, and in @speakers
 * the extent of each span whose label can speak (PERSON, ORG, …), for the
 * suggester to prefer. */
static GArray *
annotated_extents (GlossStore  *store,
                   gint64       document,
                   GArray      *speakers,
                   GError     **error)
{
  g_autoptr(GPtrArray) spans = gloss_store_list_spans (store, document, error);
  GArray *annotated;

  if (spans == NULL)
    return NULL;
  annotated = g_array_new (FALSE, FALSE, sizeof (Annotated));
  for (guint i = 0; i < spans->len; i++)
    {
      const GlossSpan *span = g_ptr_array_index (spans, i);
      const GlossLabel *label = gloss_store_lookup_label (store, span->label);
      Annotated a = { gloss_span_get_start (span), gloss_span_get_end (span) };

      if (label == NULL)
        continue;
      if (label->can_speak)
        {
          GlossFragment extent = { a.start, a.end };

          g_array_append_val (speakers, extent);
        }
      if (label->kind != GLOSS_LABEL_KIND_QUOTE && label->kind != GLOSS_LABEL_KIND_CLAIM)
        continue;
      a.kind = label->kind == GLOSS_LABEL_KIND_QUOTE ? GLOSS_SUGGESTION_QUOTE : GLOSS_SUGGESTION_CLAIM;
      g_array_append_val (annotated, a);
    }
  return annotated;
}

/**
 * gloss_suggest_for_document:
 * @document: a stored document, with its text
 * @kinds: quotations, claims or both
 *
 * The suggestions of the kinds asked for that are not annotated yet (no span
 * of the kind — QUOTE or CLAIM — on the same text or most of it) and that the
 * annotator has not rejected. The language comes from the document's
 * metadata, or is guessed. Mentions already annotated with a label that can
 * speak are preferred as speakers (gloss_suggest_text ()).
 *
 * Returns: (transfer container) (element-type GlossQuoteSuggestion): the
 *   suggestions in text order, each with its document set
 */
GPtrArray *
gloss_suggest_for_document (GlossStore           *store,
                            const GlossDocument  *document,
                            GlossSuggestKinds     kinds,
                            GCancellable         *cancellable,
                            GError              **error)
{
  GlossSuggestionStatus status = GLOSS_SUGGESTION_REJECTED;
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GArray) annotated = NULL;
  g_autoptr(GPtrArray) rejected = NULL;
  g_autoptr(GArray) speakers = g_array_new (FALSE, FALSE, sizeof (GlossFragment));
  g_autofree char *language = NULL;

  g_return_val_if_fail (GLOSS_IS_STORE (store), NULL);
  g_return_val_if_fail (document != NULL && document->text != NULL, NULL);

  annotated = annotated_extents (store, document->rowid, speakers, error);
  if (annotated == NULL)
    return NULL;
  rejected = gloss_store_list_suggestions (store, document->rowid, &status, error);
  if (rejected == NULL)
    return NULL;

  language = document_language (document);
  suggestions = gloss_suggest_text (document->text, language, speakers, kinds, cancellable);
  if (suggestions == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Suggesting was cancelled"));
      return NULL;
    }
  for (guint i = 0; i < suggestions->len; i++)
    {
      GlossQuoteSuggestion *suggestion = g_ptr_array_index (suggestions, i);

      if (is_annotated (annotated, suggestion) || is_rejected (rejected, suggestion))
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
              const GlossLabel           **main,
              const GlossLabel           **cue,
              const GlossLabel           **speaker,
              GError                     **error)
{
  gboolean claim = suggestion->kind == GLOSS_SUGGESTION_CLAIM;

  *main = first_label (store, claim ? GLOSS_LABEL_KIND_CLAIM : GLOSS_LABEL_KIND_QUOTE, FALSE);
  *cue = first_label (store, GLOSS_LABEL_KIND_CUE, FALSE);
  *speaker = suggestion->speaker_kind == GLOSS_SPEAKER_DESCRIPTION
             ? first_label (store, GLOSS_LABEL_KIND_SOURCE, FALSE)
             : first_label (store, GLOSS_LABEL_KIND_ENTITY, TRUE);

  /* A claim's cue is shown, not annotated: CUE relations are a quote's. */
  if (*main != NULL && (claim || suggestion->cue.start < 0 || *cue != NULL)
      && (suggestion->speaker.start < 0 || *speaker != NULL))
    return TRUE;
  if (claim)
    g_set_error_literal (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID,
                         _("the label schema has no claim or claimant label to accept the "
                           "suggestion with; add one in the label schema"));
  else
    g_set_error_literal (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID,
                         _("the label schema has no quote, cue or speaker label to accept the "
                           "suggestion with; add one in the label schema"));
  return FALSE;
}

/* The QUOTE-kind span already holding [start, end), for a claim inside it. */
static const GlossSpan *
quote_around (GlossStore *store,
              GPtrArray  *spans,
              gint        start,
              gint        end)
{
  for (guint i = 0; i < spans->len; i++)
    {
      const GlossSpan *span = g_ptr_array_index (spans, i);
      const GlossLabel *label = gloss_store_lookup_label (store, span->label);

      if (label != NULL && label->kind == GLOSS_LABEL_KIND_QUOTE && gloss_span_get_start (span) <= start
          && end <= gloss_span_get_end (span))
        return span;
    }
  return NULL;
}

static gboolean
accept_in_group (GlossStore                  *store,
                 gint64                       document,
                 const GlossQuoteSuggestion  *suggestion,
                 char                       **main_id,
                 gboolean                    *changed,
                 GError                     **error)
{
  const GlossLabel *main_label, *cue_label, *speaker_label;
  g_autoptr(GPtrArray) spans = NULL;
  g_autofree char *cue_id = NULL, *speaker_id = NULL;
  gboolean claim = suggestion->kind == GLOSS_SUGGESTION_CLAIM;
  const GlossSpan *quote;

  if (!check_labels (store, suggestion, &main_label, &cue_label, &speaker_label, error)
      || (spans = gloss_store_list_spans (store, document, error)) == NULL)
    return FALSE;

  *main_id = ensure_span (store, document, spans, main_label, suggestion->start, suggestion->end,
                          FALSE, changed, error);
  if (*main_id == NULL)
    return FALSE;
  if (!claim && suggestion->cue.start >= 0
      && ((cue_id = ensure_span (store, document, spans, cue_label, suggestion->cue.start,
                                 suggestion->cue.end, FALSE, changed, error)) == NULL
          || !add_link (store, document, "CUE", *main_id, cue_id, changed, error)))
    return FALSE;
  if (suggestion->speaker.start >= 0
      && ((speaker_id = ensure_span (store, document, spans, speaker_label, suggestion->speaker.start,
                                     suggestion->speaker.end, TRUE, changed, error)) == NULL
          || !add_link (store, document, claim ? "CLAIMANT" : "SPEAKER", *main_id, speaker_id, changed,
                        error)))
    return FALSE;
  /* A claim made in a quotation annotated already is linked to it. */
  if (claim && (quote = quote_around (store, spans, suggestion->start, suggestion->end)) != NULL
      && !add_link (store, document, "IN_QUOTE", *main_id, quote->id, changed, error))
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
 * Makes the suggestion annotations in one undo step. A quote: the QUOTE span,
 * the CUE span and the speaker's mention (the annotation already on it, or a
 * new one with the first label that can speak — PERSON by default — for a name,
 * SOURCE for a description), linked by CUE and SPEAKER relations. A claim: the
 * CLAIM span and its claimant's mention, linked by a CLAIMANT relation, and by
 * IN_QUOTE to the QUOTE span it sits in when there is one. Undoing the step
 * removes them and makes the suggestion pending again.
 *
 * Returns: (transfer full): the QUOTE or CLAIM span
 */
GlossSpan *
gloss_suggest_accept (GlossStore                  *store,
                      gint64                       document,
                      const GlossQuoteSuggestion  *suggestion,
                      GError                     **error)
{
  g_autofree char *main_id = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  gboolean changed = FALSE, ok;

  g_return_val_if_fail (GLOSS_IS_STORE (store), NULL);
  g_return_val_if_fail (suggestion != NULL, NULL);

  gloss_store_begin_group (store, suggestion->kind == GLOSS_SUGGESTION_CLAIM ? _("Accept claim suggestion")
                                                                             : _("Accept quote suggestion"));
  ok = accept_in_group (store, document, suggestion, &main_id, &changed, error);
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
    if (g_strcmp0 (((GlossSpan *) g_ptr_array_index (spans, i))->id, main_id) == 0)
      return g_ptr_array_steal_index (spans, i);
  return NULL;
}
