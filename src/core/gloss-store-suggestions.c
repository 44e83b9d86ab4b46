/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Suggestions (quotes and claims): what the suggester proposed for a
 * document, and each annotator's decision on it. */
#define G_LOG_DOMAIN "gloss-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gloss-store-private.h"

static void
bind_range (GlossDbStmt        *stmt,
            int                  column,
            const GlossFragment *range)
{
  if (range->start < 0)
    {
      gloss_db_bind_null (stmt, column);
      gloss_db_bind_null (stmt, column + 1);
      return;
    }
  gloss_db_bind_int64 (stmt, column, range->start);
  gloss_db_bind_int64 (stmt, column + 1, range->end);
}

static gboolean
range_fits (const GlossFragment *range,
            gint                 length)
{
  return range->start < 0 || (range->start < range->end && range->end <= length);
}

static gboolean
check_suggestion (const GlossQuoteSuggestion  *suggestion,
                  gint                         length,
                  GError                     **error)
{
  GlossFragment quote = { suggestion->start, suggestion->end };

  if (quote.start >= 0 && range_fits (&quote, length) && range_fits (&suggestion->cue, length)
      && range_fits (&suggestion->speaker, length) && range_fits (&suggestion->via, length)
      && (suggestion->speaker.start < 0) == (suggestion->speaker_kind == GLOSS_SPEAKER_NONE)
      && suggestion->kind <= GLOSS_SUGGESTION_CLAIM)
    return TRUE;

  g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID,
               _("a suggestion at %d–%d is outside the document text"),
               suggestion->start, suggestion->end);
  return FALSE;
}

static gboolean
insert_suggestion (GlossStore            *self,
                   gint64                 document,
                   GlossQuoteSuggestion  *suggestion,
                   guint                 *added,
                   GError               **error)
{
  GlossDbStmt *stmt = _gloss_store_prepare (self,
                                             "INSERT INTO suggestions (document_id, kind, start, end, "
                                             "cue_start, cue_end, speaker_start, speaker_end, "
                                             "speaker_kind, via_start, via_end, annotator_id) "
                                             "VALUES (?1, ?11, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
                                             GLOSS_STORE_CURRENT_SET ") "
                                             "ON CONFLICT (document_id, annotator_id, kind, start, end) "
                                             "DO NOTHING",
                                             error);

  if (stmt == NULL)
    return FALSE;
  gloss_db_bind_int64 (stmt, 1, document);
  gloss_db_bind_int64 (stmt, 2, suggestion->start);
  gloss_db_bind_int64 (stmt, 3, suggestion->end);
  bind_range (stmt, 4, &suggestion->cue);
  bind_range (stmt, 6, &suggestion->speaker);
  _gloss_store_bind_text_or_null (stmt, 8, gloss_speaker_kind_to_string (suggestion->speaker_kind));
  bind_range (stmt, 9, &suggestion->via);
  gloss_db_bind_text (stmt, 11, gloss_suggestion_kind_to_string (suggestion->kind));
  if (!_gloss_store_step_done (self, stmt, error))
    return FALSE;

  if (gloss_db_changes (self->db) > 0)
    {
      suggestion->rowid = gloss_db_last_insert_rowid (self->db);
      suggestion->document = document;
      suggestion->status = GLOSS_SUGGESTION_PENDING;
      (*added)++;
    }
  return TRUE;
}

/**
 * gloss_store_add_suggestions:
 * @suggestions: (element-type GlossQuoteSuggestion): what to store as pending;
 *   the ones stored get their rowid
 * @added: (out) (optional): how many were new
 *
 * Stores suggestions (quotes and claims) for the window. A suggestion on a
 * range the document already has one of its kind for — pending, accepted or
 * rejected — is left out, so that none is offered twice and a rejected one
 * never comes back. Not an undo step.
 */
gboolean
gloss_store_add_suggestions (GlossStore  *self,
                             gint64       document,
                             GPtrArray   *suggestions,
                             guint       *added,
                             GError     **error)
{
  gboolean grouped;
  guint n = 0;
  gint length;

  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);
  g_return_val_if_fail (suggestions != NULL, FALSE);

  if (added != NULL)
    *added = 0;
  if (!_gloss_store_check_writable (self, error)
      || (length = _gloss_store_document_length (self, document, error)) < 0)
    return FALSE;
  for (guint i = 0; i < suggestions->len; i++)
    if (!check_suggestion (g_ptr_array_index (suggestions, i), length, error))
      return FALSE;

  grouped = self->group_depth > 0;
  if (!_gloss_store_exec (self, grouped ? "SAVEPOINT suggestions" : "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!_gloss_store_ensure_set (self, error))
    {
      _gloss_store_exec (self, grouped ? "ROLLBACK TO suggestions; RELEASE suggestions" : "ROLLBACK", NULL);
      return FALSE;
    }
  for (guint i = 0; i < suggestions->len; i++)
    if (!insert_suggestion (self, document, g_ptr_array_index (suggestions, i), &n, error))
      {
        _gloss_store_exec (self, grouped ? "ROLLBACK TO suggestions; RELEASE suggestions" : "ROLLBACK",
                           NULL);
        return FALSE;
      }
  if (!_gloss_store_exec (self, grouped ? "RELEASE suggestions" : "COMMIT", error))
    {
      if (!grouped)
        _gloss_store_exec (self, "ROLLBACK", NULL);
      return FALSE;
    }

  if (added != NULL)
    *added = n;
  if (n > 0 && !grouped)
    _gloss_store_emit_changed (self, document);
  return TRUE;
}

static gint
column_int_or (GlossDbStmt *stmt,
               int           column,
               gint          fallback)
{
  return gloss_db_column_type (stmt, column) == GLOSS_DB_NULL ? fallback : gloss_db_column_int (stmt, column);
}

static GlossQuoteSuggestion *
suggestion_from_row (GlossDbStmt *stmt)
{
  GlossQuoteSuggestion *suggestion = gloss_quote_suggestion_new (gloss_db_column_int (stmt, 2),
                                                                 gloss_db_column_int (stmt, 3));

  suggestion->rowid = gloss_db_column_int64 (stmt, 0);
  suggestion->document = gloss_db_column_int64 (stmt, 1);
  suggestion->cue = (GlossFragment) { column_int_or (stmt, 4, -1), column_int_or (stmt, 5, -1) };
  suggestion->speaker = (GlossFragment) { column_int_or (stmt, 6, -1), column_int_or (stmt, 7, -1) };
  if (!gloss_speaker_kind_from_string (gloss_db_column_text (stmt, 8),
                                       &suggestion->speaker_kind))
    suggestion->speaker_kind = GLOSS_SPEAKER_NONE;
  suggestion->via = (GlossFragment) { column_int_or (stmt, 9, -1), column_int_or (stmt, 10, -1) };
  gloss_suggestion_status_from_string (gloss_db_column_text (stmt, 11),
                                       &suggestion->status);
  if (!gloss_suggestion_kind_from_string (gloss_db_column_text (stmt, 12), &suggestion->kind))
    suggestion->kind = GLOSS_SUGGESTION_QUOTE;
  return suggestion;
}

/**
 * gloss_store_list_suggestions:
 * @status: (nullable): only the suggestions with this status
 *
 * Returns: (transfer container) (element-type GlossQuoteSuggestion): the
 *   document's suggestions, quotes and claims, in text order (the longer first
 *   of two that start together; on one range, the quote first)
 */
GPtrArray *
gloss_store_list_suggestions (GlossStore                  *self,
                              gint64                       document,
                              const GlossSuggestionStatus *status,
                              GError                     **error)
{
  g_autoptr(GPtrArray) suggestions = NULL;
  GlossDbStmt *stmt;
  int rc;

  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);

  stmt = _gloss_store_prepare (self,
                               "SELECT id, document_id, start, end, cue_start, cue_end, speaker_start, "
                               "speaker_end, speaker_kind, via_start, via_end, status, kind FROM suggestions "
                               "WHERE document_id = ?1 AND (CAST (?2 AS TEXT) IS NULL OR status = ?2) "
                               "AND annotator_id = " GLOSS_STORE_CURRENT_SET " "
                               "ORDER BY start, end DESC, kind DESC", error);
  if (stmt == NULL)
    return NULL;

  suggestions = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_quote_suggestion_free);
  gloss_db_bind_int64 (stmt, 1, document);
  _gloss_store_bind_text_or_null (stmt, 2, status != NULL ? gloss_suggestion_status_to_string (*status) : NULL);
  while ((rc = gloss_db_step (stmt)) == GLOSS_DB_ROW)
    g_ptr_array_add (suggestions, suggestion_from_row (stmt));
  if (!_gloss_store_rows_done (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&suggestions);
}

static gboolean
suggestion_in_document (GlossStore *self,
                        gint64      document,
                        gint64      suggestion)
{
  GlossDbStmt *stmt = _gloss_store_prepare (self, "SELECT 1 FROM suggestions WHERE id = ? AND document_id = ? "
                                             "AND annotator_id = " GLOSS_STORE_CURRENT_SET,
                                             NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  gloss_db_bind_int64 (stmt, 1, suggestion);
  gloss_db_bind_int64 (stmt, 2, document);
  found = gloss_db_step (stmt) == GLOSS_DB_ROW;
  gloss_db_reset (stmt);
  return found;
}

/**
 * gloss_store_set_suggestion_status:
 * @suggestion: the rowid of a suggestion of @document
 *
 * Records the annotator's decision. On its own it is not an undo step; inside a
 * group (gloss_store_begin_group()) it is part of the group's step, so undoing
 * an accepted suggestion's spans makes it pending again.
 */
gboolean
gloss_store_set_suggestion_status (GlossStore            *self,
                                   gint64                 document,
                                   gint64                 suggestion,
                                   GlossSuggestionStatus  status,
                                   GError               **error)
{
  GlossDbStmt *stmt;
  gboolean ok;

  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);
  g_return_val_if_fail (status <= GLOSS_SUGGESTION_REJECTED, FALSE);

  if (!suggestion_in_document (self, document, suggestion))
    {
      g_autofree char *what = g_strdup_printf ("#%" G_GINT64_FORMAT, suggestion);

      return _gloss_store_set_not_found (error, _("suggestion"), what);
    }

  if (!_gloss_store_begin_mutation (self, _("Decide suggestion"), document, error))
    return FALSE;
  if (self->group_depth > 0)
    _gloss_store_track_row (self, &_gloss_store_table_suggestions, suggestion, TRUE);
  stmt = _gloss_store_prepare (self, "UPDATE suggestions SET status = ? WHERE id = ?", error);
  ok = stmt != NULL;
  if (ok)
    {
      gloss_db_bind_text (stmt, 1, gloss_suggestion_status_to_string (status));
      gloss_db_bind_int64 (stmt, 2, suggestion);
      ok = _gloss_store_step_done (self, stmt, error);
    }
  return _gloss_store_end_mutation (self, ok, error);
}
