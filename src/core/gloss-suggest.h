/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gloss-types.h"

G_BEGIN_DECLS

typedef enum
{
  GLOSS_SUGGESTION_PENDING,
  GLOSS_SUGGESTION_ACCEPTED,
  GLOSS_SUGGESTION_REJECTED,
} GlossSuggestionStatus;

/* What a suggestion proposes to annotate. */
typedef enum
{
  GLOSS_SUGGESTION_QUOTE,
  GLOSS_SUGGESTION_CLAIM,
} GlossSuggestionKind;

/* Which kinds to look for (gloss-cli suggest --kind, the window's Ctrl+F8). */
typedef enum
{
  GLOSS_SUGGEST_QUOTES = 1 << GLOSS_SUGGESTION_QUOTE,
  GLOSS_SUGGEST_CLAIMS = 1 << GLOSS_SUGGESTION_CLAIM,
  GLOSS_SUGGEST_ALL    = GLOSS_SUGGEST_QUOTES | GLOSS_SUGGEST_CLAIMS,
} GlossSuggestKinds;

typedef enum
{
  GLOSS_SPEAKER_NONE,
  GLOSS_SPEAKER_NAME,          /* "Vladimir Putin", "Gall", "МВД" */
  GLOSS_SPEAKER_DESCRIPTION,   /* "a spokesman", "пресс-служба" */
} GlossSpeakerKind;

/* One suggestion: a quotation, or (kind CLAIM) a check-worthy claim and who
 * makes it. Offsets are code points, end exclusive, over the document text; a
 * range that is absent is {-1, -1}. */
typedef struct
{
  gint64                 rowid;          /* 0 until stored */
  gint64                 document;       /* 0 until stored */
  GlossSuggestionStatus  status;
  GlossSuggestionKind    kind;
  gint                   start;          /* the QUOTE span, marks included; the CLAIM span */
  gint                   end;
  GlossFragment          cue;            /* "said", "according to", "sagte" */
  GlossFragment          speaker;        /* the name itself or a description; a claim's claimant */
  GlossSpeakerKind       speaker_kind;
  GlossFragment          via;            /* the pronoun the speaker was reached through */
} GlossQuoteSuggestion;

GlossQuoteSuggestion *gloss_quote_suggestion_new   (gint                         start,
                                                    gint                         end);
GlossQuoteSuggestion *gloss_claim_suggestion_new   (gint                         start,
                                                    gint                         end);
GlossQuoteSuggestion *gloss_quote_suggestion_copy  (const GlossQuoteSuggestion  *suggestion);
void                  gloss_quote_suggestion_free  (GlossQuoteSuggestion        *suggestion);

const char           *gloss_suggestion_status_to_string   (GlossSuggestionStatus   status);
gboolean              gloss_suggestion_status_from_string (const char             *str,
                                                           GlossSuggestionStatus  *status);
const char           *gloss_suggestion_kind_to_string     (GlossSuggestionKind     kind);
gboolean              gloss_suggestion_kind_from_string   (const char             *str,
                                                           GlossSuggestionKind    *kind);
const char           *gloss_suggestion_kind_label         (GlossSuggestionKind     kind);
const char           *gloss_speaker_kind_to_string        (GlossSpeakerKind        kind);
gboolean              gloss_speaker_kind_from_string      (const char             *str,
                                                           GlossSpeakerKind       *kind);

GPtrArray            *gloss_suggest_quotes         (const char                  *text,
                                                    const char                  *language,
                                                    GCancellable                *cancellable);
GPtrArray            *gloss_suggest_quotes_with_speakers (const char            *text,
                                                          const char            *language,
                                                          GArray                *speakers,
                                                          GCancellable          *cancellable);
GPtrArray            *gloss_suggest_claims         (const char                  *text,
                                                    const char                  *language,
                                                    GCancellable                *cancellable);
GPtrArray            *gloss_suggest_text           (const char                  *text,
                                                    const char                  *language,
                                                    GArray                      *speakers,
                                                    GlossSuggestKinds            kinds,
                                                    GCancellable                *cancellable);

GPtrArray            *gloss_suggest_for_document   (GlossStore                  *store,
                                                    const GlossDocument         *document,
                                                    GlossSuggestKinds            kinds,
                                                    GCancellable                *cancellable,
                                                    GError                     **error);
GlossSpan            *gloss_suggest_accept         (GlossStore                  *store,
                                                    gint64                       document,
                                                    const GlossQuoteSuggestion  *suggestion,
                                                    GError                     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossQuoteSuggestion, gloss_quote_suggestion_free)

G_END_DECLS
