/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-window"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-dialogs.h"
#include "gloss-document-list.h"
#include "gloss-export.h"
#include "gloss-import.h"
#include "gloss-inspector.h"
#include "gloss-label-palette.h"
#include "gloss-link.h"
#include "gloss-link-picker.h"
#include "gloss-schema-editor.h"
#include "gloss-statistics-window.h"
#include "gloss-suggest.h"
#include "gloss-merge-dialog.h"
#include "gloss-review-panel.h"
#include "gloss-text.h"
#include "gloss-tokenizer.h"
#include "gloss-window-private.h"

struct _GlossWindow
{
  AdwApplicationWindow  parent_instance;

  GlossStore           *store;
  GSettings            *settings;
  GlossDocumentList    *documents;
  GtkFilterListModel   *filtered;
  GtkCustomFilter      *filter;
  GtkSingleSelection   *selection;
  GtkCssProvider       *text_css;

  gint64                document;
  GlossDocument        *current;
  GPtrArray            *relations;
  GPtrArray            *entities;
  GArray               *tokens;        /* of the current text, made when first needed */
  gunichar             *folded;        /* the current text, case-folded, for search */
  gint                  folded_length;
  char                 *searched;      /* the text the last search looked for */
  GlossLinkPicker      *picker;        /* a popover of the article, which owns it */
  GPtrArray            *suggestions;   /* pending GlossQuoteSuggestion (quotes, claims), by start */
  guint                 suggest_idle;
  gint                  suggestion;    /* the current one, or -1 */
  GlossSuggestKinds     visited;       /* the kinds F8 visits (Ctrl+F8) */
  char                 *link_type;     /* the relation the picker makes */
  char                 *link_source;   /* from this span */
  gboolean              link_replace;  /* the new link replaces those of its type */
  gint64                data_version;
  guint                 poll_id;
  GCancellable         *task;
  char                 *status_text;
  gint64                doomed;        /* deleted, hidden until its toast goes; 0: none */

  /* template children */
  GtkLabel             *title_label;
  GtkLabel             *subtitle_label;
  GtkMenuButton        *project_button;
  GtkMenuButton        *sets_button;
  GMenu                *sets_menu;
  GMenu                *recent_menu;
  GtkRevealer          *progress_revealer;
  GtkLabel             *progress_label;
  GtkProgressBar       *progress_bar;
  GtkSearchEntry       *filter_entry;
  GtkListView          *document_view;
  GtkLabel             *documents_empty;
  AdwFlap              *documents_flap;
  AdwFlap              *panel_flap;
  AdwToastOverlay      *toast_overlay;
  AdwToast             *lost_toast;        /* shown while the server is out of reach */
  GtkStack             *article_stack;
  AdwStatusPage        *empty_page;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkLabel             *match_label;
  GlossArticleView     *article;
  GtkLabel             *status_label;
  GlossLabelPalette    *palette;
  GlossInspector       *inspector;
  GtkRevealer          *review_revealer;
  GlossReviewPanel     *review_panel;
};

G_DEFINE_FINAL_TYPE (GlossWindow, gloss_window, ADW_TYPE_APPLICATION_WINDOW)

static void open_at_position   (GlossWindow *self,
                                guint        position);
static void update_recent_menu (GlossWindow *self);
static void update_sets_menu   (GlossWindow *self);
static void load_schema        (GlossWindow *self);
static void update_documents_empty (GlossWindow *self);
static void restore_doomed     (GlossWindow *self);

static void
set_status (GlossWindow *self,
            const char  *format,
            ...) G_GNUC_PRINTF (2, 3);
static gboolean is_linking   (GlossWindow *self);
static void     stop_linking (GlossWindow *self);
static void     tag_and_link (GlossWindow *self,
                              const char  *label);

static void
set_status (GlossWindow *self,
            const char  *format,
            ...)
{
  va_list args;

  va_start (args, format);
  g_free (self->status_text);
  self->status_text = g_strdup_vprintf (format, args);
  va_end (args);
  gtk_label_set_text (self->status_label, self->status_text);
}

static void
report_error (GlossWindow  *self,
              const GError *error)
{
  set_status (self, "%s", error->message);
  gtk_widget_error_bell (GTK_WIDGET (self));
}

const char *
gloss_window_get_status_text (GlossWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), NULL);
  return self->status_text;
}

const char *
gloss_window_get_project_path (GlossWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), NULL);
  return gloss_store_get_path (self->store);
}

GlossStore *
gloss_window_get_store (GlossWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), NULL);
  return self->store;
}

GlossArticleView *
gloss_window_get_article_view (GlossWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), NULL);
  return self->article;
}

gint64
gloss_window_get_document (GlossWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), 0);
  return self->document;
}

gboolean
gloss_window_is_busy (GlossWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), FALSE);
  return self->task != NULL;
}

/* ---- Which actions make sense now ------------------------------------------------ */

static void
enable (GlossWindow *self,
        const char  *name,
        gboolean     enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

/* An action's enabled state is the single truth for menus, buttons and keys. */
static void
update_actions (GlossWindow *self)
{
  /* Someone else's set is shown read-only: nothing that changes it. */
  gboolean editable = gloss_store_get_viewing (self->store) == NULL;
  gboolean has_document = self->current != NULL;
  gboolean has_span = editable && has_document
                      && gloss_article_view_get_selected_span (self->article) != NULL;

  enable (self, "undo", self->doomed != 0 || gloss_store_can_undo (self->store));
  enable (self, "redo", gloss_store_can_redo (self->store));
  enable (self, "delete-annotation", has_span);
  enable (self, "tag-all", has_span);
  enable (self, "set-label", has_span);
  enable (self, "set-note", has_span);
  enable (self, "set-attribute", has_span);
  enable (self, "link", has_span);
  enable (self, "relink", has_span);
  enable (self, "add-fragment", has_span);
  enable (self, "entity", has_span);
  enable (self, "tag", editable && has_document);
  enable (self, "tag-new", editable && has_document);
  enable (self, "done-and-next", editable && has_document);
  enable (self, "rename-document", has_document);
  enable (self, "delete-document", has_document);
  enable (self, "next-annotation", has_document);
  enable (self, "previous-annotation", has_document);
  enable (self, "search", has_document);
  enable (self, "review", has_document || gloss_review_panel_is_open (self->review_panel));
  enable (self, "view-set", !gloss_review_panel_is_open (self->review_panel));
}

static void
on_store_changed (GlossStore  *store,
                  gint64       document,
                  GlossWindow *self)
{
  /* An undo, or an edit of gold in the article: the disagreements change. */
  if (gloss_review_panel_is_open (self->review_panel) && (document == 0 || document == self->document))
    gloss_review_panel_reload (self->review_panel);
  update_actions (self);
}

static void show_related     (GlossWindow *self);
static void load_suggestions (GlossWindow *self);
static void show_suggestions (GlossWindow *self);

static gboolean
load_suggestions_idle (gpointer data)
{
  GlossWindow *self = data;

  self->suggest_idle = 0;
  gloss_inspector_refresh (self->inspector, self->relations, self->entities);
  load_suggestions (self);
  return G_SOURCE_REMOVE;
}

static char *slice_text (GlossWindow *self,
                         gint         start,
                         gint         end);

/* The tooltip's line on what a span links to: "Speaker “Vladimir Putin” ·
 * Cue “said”". */
static char *
describe_links (const GlossSpan *span,
                gpointer         data)
{
  GlossWindow *self = data;
  GString *out = NULL;

  for (guint i = 0; self->relations != NULL && i < self->relations->len; i++)
    {
      const GlossRelation *relation = g_ptr_array_index (self->relations, i);
      const GlossSpan *other;
      g_autofree char *type = NULL;
      g_autofree char *text = NULL;
      g_autofree char *quoted = NULL;

      if (!g_str_equal (relation->from_id, span->id)
          || (other = gloss_article_view_lookup_span (self->article, relation->to_id)) == NULL)
        continue;
      {
        g_autofree char *lower = g_utf8_strdown (relation->type, -1);

        type = gloss_text_key_to_words (lower);
      }
      text = slice_text (self, gloss_span_get_start (other), gloss_span_get_end (other));
      quoted = gloss_text_quote (text);
      if (out == NULL)
        out = g_string_new (NULL);
      else
        g_string_append (out, " · ");
      g_string_append_printf (out, "%s %s", type, quoted);
    }
  return out != NULL ? g_string_free (out, FALSE) : NULL;
}

static void
on_span_selected (GlossArticleView *article,
                  const char       *span_id,
                  GlossWindow      *self)
{
  /* In link mode a click on an annotation picks it as the other end. */
  if (is_linking (self) && span_id != NULL && !g_str_equal (span_id, self->link_source))
    {
      g_autofree char *clicked = g_strdup (span_id);

      if (!gloss_link_picker_choose (self->picker, clicked))
        {
          gloss_article_view_select_span (self->article, self->link_source);
          set_status (self, _("That annotation cannot be linked this way; pick one from the list."));
        }
      return;
    }
  show_related (self);
  update_actions (self);
}

/* ---- The document ------------------------------------------------------------- */

static void
fold_text (GlossWindow *self)
{
  const char *p = self->current->text;
  gint n = self->current->length;

  g_free (self->folded);
  self->folded = g_new (gunichar, n + 1);
  for (gint i = 0; i < n; i++, p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* A no-break space matches a space; case never matters. One code point in,
       * one out, so match positions are text offsets. */
      self->folded[i] = (c == 0x00A0 || c == 0x202F) ? ' ' : g_unichar_tolower (c);
    }
  self->folded_length = n;
}

/* Whether the window should say whose set it shows and offer the others:
 * some set besides the one shown holds work (one annotator's project merged
 * into one's own is enough), or someone else's is shown. */
static gboolean
has_others_work (GlossWindow *self)
{
  g_auto(GStrv) sets = gloss_store_list_sets (self->store, 0);
  g_autofree char *shown = gloss_store_get_set (self->store);

  return g_strv_length (sets) > 1 || (sets[0] != NULL && g_strcmp0 (sets[0], shown) != 0)
         || gloss_store_get_viewing (self->store) != NULL;
}

/* In a project of several annotators, whose set this is, so that nobody
 * mistakes their own work for the team's. */
static char *
team_subtitle (GlossWindow *self,
               const char  *project)
{
  /* The status as the document list shows it, in the reader's language. */
  static const char *status_names[] = { N_("new"), N_("in progress"), N_("done") };
  const char *status = _(status_names[self->current->status]);
  g_autofree char *set = NULL;

  if (!has_others_work (self))
    return g_strdup_printf ("%s — %s", project, status);
  set = gloss_store_get_set (self->store);
  if (gloss_review_panel_is_open (self->review_panel))
    /* TRANSLATORS: project file — Review mode — status of the gold set */
    return g_strdup_printf (_("%s — reviewing into gold — %s"), project, status);
  if (gloss_store_get_viewing (self->store) != NULL)
    /* TRANSLATORS: project file — annotator's set (read-only) — status */
    return g_strdup_printf (_("%s — %s’s set, read-only — %s"), project, set, status);
  /* TRANSLATORS: project file — annotator's set — status */
  return g_strdup_printf (_("%s — %s’s set — %s"), project, set, status);
}

static void
update_titles (GlossWindow *self)
{
  g_autofree char *project = gloss_store_get_short_name (self->store);
  g_autofree char *subtitle = NULL;

  if (self->current == NULL)
    {
      gtk_label_set_text (self->title_label, _("No document"));
      gtk_label_set_text (self->subtitle_label, project);
      return;
    }
  subtitle = team_subtitle (self, project);
  gtk_label_set_text (self->title_label, self->current->title);
  gtk_label_set_text (self->subtitle_label, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), self->current->title);
}

static void
reload_annotations (GlossWindow *self)
{
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GError) error = NULL;

  if (self->document == 0)
    return;

  spans = gloss_store_list_spans (self->store, self->document, &error);
  g_clear_pointer (&self->relations, g_ptr_array_unref);
  self->relations = gloss_store_list_relations (self->store, self->document, NULL);
  g_clear_pointer (&self->entities, g_ptr_array_unref);
  self->entities = gloss_store_list_entities (self->store, self->document, NULL);
  if (spans == NULL)
    {
      report_error (self, error);
      return;
    }
  gloss_article_view_set_spans (self->article, spans);
  /* Undone, or deleted by another program: there is nothing to link from. */
  if (self->link_source != NULL && gloss_article_view_lookup_span (self->article, self->link_source) == NULL)
    stop_linking (self);
  gloss_inspector_refresh (self->inspector, self->relations, self->entities);
  show_related (self);
}

static void
select_in_list (GlossWindow *self,
                gint64       document)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossDocumentItem) item = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);

      if (gloss_document_item_get_rowid (item) == document)
        {
          if (gtk_single_selection_get_selected (self->selection) != i)
            gtk_single_selection_set_selected (self->selection, i);
          return;
        }
    }
}

/**
 * gloss_window_open_document:
 *
 * Shows a document with its annotations. Returns %FALSE if it is gone.
 */
gboolean
gloss_window_open_document (GlossWindow *self,
                            gint64       document)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  GlossDocument *current;
  guint n_spans;

  g_return_val_if_fail (GLOSS_IS_WINDOW (self), FALSE);

  current = gloss_store_get_document_by_rowid (self->store, document, &error);
  if (current == NULL)
    {
      report_error (self, error);
      return FALSE;
    }
  spans = gloss_store_list_spans (self->store, document, NULL);

  stop_linking (self);
  g_clear_pointer (&self->current, gloss_document_free);
  g_clear_pointer (&self->tokens, g_array_unref);
  g_clear_pointer (&self->relations, g_ptr_array_unref);
  self->current = current;
  self->document = document;
  self->relations = gloss_store_list_relations (self->store, document, NULL);
  g_clear_pointer (&self->entities, g_ptr_array_unref);
  self->entities = gloss_store_list_entities (self->store, document, NULL);
  g_clear_pointer (&self->folded, g_free);
  self->folded_length = 0;

  n_spans = spans != NULL ? spans->len : 0;
  gloss_article_view_take_document (self->article, current->text, spans);
  /* The lists of the inspector and the quotes found in the text come after the
   * first frame: the article is what the reader waits for. */
  g_clear_pointer (&self->suggestions, g_ptr_array_unref);
  show_suggestions (self);
  g_clear_handle_id (&self->suggest_idle, g_source_remove);
  self->suggest_idle = g_idle_add_full (G_PRIORITY_LOW, load_suggestions_idle, self, NULL);
  if (gloss_review_panel_is_open (self->review_panel)
      && !gloss_review_panel_open (self->review_panel, self->store, current, self->article, &error))
    report_error (self, error);
  update_titles (self);
  select_in_list (self, document);
  update_actions (self);
  if (gloss_review_panel_is_open (self->review_panel))
    return TRUE;
  set_status (self, g_dngettext (GETTEXT_PACKAGE, "%u annotation. Select text and press a label key.",
                                 "%u annotations. Select text and press a label key.",
                                 n_spans), n_spans);
  return TRUE;
}

static void
refresh_documents (GlossWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!gloss_document_list_refresh (self->documents, &error))
    report_error (self, error);
}

static void
refresh_current (GlossWindow *self)
{
  g_autoptr(GlossDocument) fresh = NULL;

  if (self->document == 0)
    return;
  fresh = gloss_store_get_document_by_rowid (self->store, self->document, NULL);
  if (fresh == NULL)
    {
      /* Deleted elsewhere: show whatever the list selects now. */
      self->document = 0;
      g_clear_pointer (&self->current, gloss_document_free);
      open_at_position (self, gtk_single_selection_get_selected (self->selection));
      return;
    }
  g_free (self->current->title);
  self->current->title = g_strdup (fresh->title);
  self->current->status = fresh->status;
  update_titles (self);
  reload_annotations (self);
}

/* ---- Tagging ----------------------------------------------------------------------- */

/* The lower-cased text for search and selection trimming, made when first
 * needed: opening a long article should not wait for it. */
static void
ensure_folded (GlossWindow *self)
{
  if (self->folded == NULL && self->current != NULL)
    fold_text (self);
}

static gboolean
is_space_at (GlossWindow *self,
             gint         offset)
{
  ensure_folded (self);
  return g_unichar_isspace (self->folded[offset]);
}

/* Whitespace never belongs to a span; with word snapping a cut word grows to
 * the whole word (ICU word boundaries, so it works for any script). */
static gboolean
adjust_selection (GlossWindow *self,
                  gint        *start,
                  gint        *end)
{
  while (*start < *end && is_space_at (self, *start))
    (*start)++;
  while (*end > *start && is_space_at (self, *end - 1))
    (*end)--;
  if (*start >= *end)
    return FALSE;

  if (!g_settings_get_boolean (self->settings, "word-snapping"))
    return TRUE;
  if (self->tokens == NULL)
    {
      g_autofree char *language = gloss_document_dup_language (self->current);

      /* The exports' tokens, so that a name snaps to "Uber" in "Uber’s", as
       * annotators mark it, and the span sits on tokens spaCy makes. */
      self->tokens = gloss_tokenize (self->current->text, -1, NULL);
      gloss_tokenizer_split_clitics (self->tokens, self->current->text, language);
    }
  return gloss_tokenizer_snap (self->tokens, start, end);
}

static char *
slice_text (GlossWindow *self,
            gint         start,
            gint         end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->article));
  GtkTextIter from, to;

  /* The buffer finds an offset in a 1 MB article without walking it. */
  gtk_text_buffer_get_iter_at_offset (buffer, &from, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &to, end);
  return gtk_text_buffer_get_slice (buffer, &from, &to, TRUE);
}

/* A span of @label's kind tagged by hand on [start, end): the suggestions of
 * that kind there (a QUOTE's quotes, a CLAIM's claims) are no longer needed. */
static void
drop_suggestions_in (GlossWindow      *self,
                     const GlossLabel *label,
                     gint              start,
                     gint              end)
{
  GlossSuggestionKind kind;

  if (label == NULL || (label->kind != GLOSS_LABEL_KIND_QUOTE && label->kind != GLOSS_LABEL_KIND_CLAIM))
    return;
  kind = label->kind == GLOSS_LABEL_KIND_QUOTE ? GLOSS_SUGGESTION_QUOTE : GLOSS_SUGGESTION_CLAIM;
  for (guint i = 0; self->suggestions != NULL && i < self->suggestions->len; i++)
    {
      const GlossQuoteSuggestion *q = g_ptr_array_index (self->suggestions, i);

      if (q->kind == kind && q->start < end && start < q->end)
        {
          g_ptr_array_remove_index (self->suggestions, i--);
          self->suggestion = -1;
        }
    }
  show_suggestions (self);
}

/* A document with a new annotation is in progress, and counts one more. */
static void
note_tagged (GlossWindow *self)
{
  if (self->current->status == GLOSS_STATUS_NEW)
    {
      self->current->status = GLOSS_STATUS_IN_PROGRESS;
      update_titles (self);
    }
  gloss_document_list_refresh_one (self->documents, self->document);
}

static void
add_span (GlossWindow *self,
          const char  *label,
          gint         start,
          gint         end)
{
  g_autoptr(GlossSpan) request = gloss_span_new (label, start, end);
  g_autoptr(GlossSpan) span = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const GlossLabel *definition = gloss_store_lookup_label (self->store, label);

  span = gloss_store_add_span (self->store, self->document, request, &error);
  if (span == NULL)
    {
      report_error (self, error);
      return;
    }

  /* Saved first, shown second: what is on screen is in the file. */
  gloss_article_view_add_span (self->article, span);
  gloss_article_view_select_span (self->article, span->id);
  gloss_inspector_refresh (self->inspector, self->relations, self->entities);
  note_tagged (self);
  /* A quotation or claim tagged by hand is no longer a suggestion. */
  drop_suggestions_in (self, definition, start, end);
  text = slice_text (self, start, end);
  set_status (self, _("Tagged “%s” as %s."), text, label);
}

static void
relabel (GlossWindow *self,
         const char  *span_id,
         const char  *label)
{
  g_autoptr(GError) error = NULL;

  if (!gloss_store_set_span_label (self->store, self->document, span_id, label, &error))
    {
      report_error (self, error);
      return;
    }
  gloss_article_view_relabel_span (self->article, span_id, label);
  {
    const GlossLabel *definition = gloss_store_lookup_label (self->store, label);
    const GlossSpan *span = gloss_article_view_lookup_span (self->article, span_id);

    /* A quotation or claim labelled by hand is no longer a suggestion. */
    if (span != NULL)
      drop_suggestions_in (self, definition, gloss_span_get_start (span), gloss_span_get_end (span));
  }
  gloss_inspector_refresh (self->inspector, self->relations, self->entities);
  set_status (self, _("Relabelled as %s."), label);
}

static gboolean
selection_is_span (const GlossSpan *span,
                   gint             start,
                   gint             end)
{
  return span != NULL && span->fragments->len == 1
         && gloss_span_get_start (span) == start && gloss_span_get_end (span) == end;
}

/* The keyboard contract: a selection that is not exactly the selected annotation
 * makes a new span; with an annotation selected and no other text selected, the
 * label changes; @always_new (Shift) always adds. */
static void
tag (GlossWindow *self,
     const char  *label,
     gboolean     always_new)
{
  const GlossSpan *selected;
  gint start = 0, end = 0;
  gboolean has_text;

  if (self->current == NULL)
    return;
  if (gloss_store_lookup_label (self->store, label) == NULL)
    {
      set_status (self, _("There is no label %s in this project."), label);
      return;
    }
  if (is_linking (self))
    {
      tag_and_link (self, label);
      return;
    }

  selected = gloss_article_view_lookup_span (self->article,
                                             gloss_article_view_get_selected_span (self->article));
  has_text = gloss_article_view_get_text_selection (self->article, &start, &end);

  if (selected != NULL && (!has_text || selection_is_span (selected, start, end)))
    {
      if (always_new)
        add_span (self, label, gloss_span_get_start (selected), gloss_span_get_end (selected));
      else if (!g_str_equal (selected->label, label))
        relabel (self, selected->id, label);
      return;
    }

  if (!has_text || !adjust_selection (self, &start, &end))
    {
      set_status (self, _("Select some text first, then press the label's key."));
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  add_span (self, label, start, end);
}

static void
tag_activated (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  tag (GLOSS_WINDOW (user_data), g_variant_get_string (parameter, NULL), FALSE);
}

static void
tag_new_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  tag (GLOSS_WINDOW (user_data), g_variant_get_string (parameter, NULL), TRUE);
}

static const GlossLabel *
label_for_key (GlossWindow *self,
               guint        keyval)
{
  gunichar c = gdk_keyval_to_unicode (gdk_keyval_to_lower (keyval));
  char key[8] = { 0 };
  GPtrArray *labels;

  if (c == 0 || !g_unichar_isprint (c))
    return NULL;
  g_unichar_to_utf8 (c, key);
  labels = gloss_store_list_labels (self->store);
  for (guint i = 0; i < labels->len; i++)
    {
      const GlossLabel *label = g_ptr_array_index (labels, i);

      if (g_strcmp0 (label->hotkey, key) == 0)
        return label;
    }
  return NULL;
}

/**
 * gloss_window_handle_hotkey:
 *
 * A label key pressed in the article. The key's own symbol is tried first, then
 * the symbol the same physical key has in the first (Latin) layout, so hotkeys
 * work while a Cyrillic or Greek layout is active; Shift never changes which
 * label a key means (Shift+5 is still PERCENT).
 *
 * Returns: %TRUE if the key was a label's
 */
gboolean
gloss_window_handle_hotkey (GlossWindow     *self,
                            guint            keyval,
                            guint            keycode,
                            GdkModifierType  state)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));
  gboolean shift = (state & GDK_SHIFT_MASK) != 0;
  const GlossLabel *label = NULL;
  guint base;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK | GDK_META_MASK))
    return FALSE;

  label = label_for_key (self, keyval);
  for (int group = 0; group < 4 && label == NULL; group++)
    if (keycode != 0 && gdk_display_translate_key (display, keycode, 0, group, &base, NULL, NULL, NULL))
      label = label_for_key (self, base);
  if (label == NULL)
    return FALSE;

  tag (self, label->name, shift);
  return TRUE;
}

/* ---- Editing the selected annotation ---------------------------------------------- */

static const char *
selected_span_id (GlossWindow *self)
{
  return gloss_article_view_get_selected_span (self->article);
}

static void
delete_annotation_activated (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  GlossWindow *self = GLOSS_WINDOW (user_data);
  g_autofree char *id = g_strdup (selected_span_id (self));
  g_autoptr(GError) error = NULL;
  const GlossLabel *definition;
  const GlossSpan *span;
  gboolean was_quote;

  if (id == NULL)
    {
      set_status (self, _("Select an annotation first (click it, or Tab)."));
      return;
    }
  span = gloss_article_view_lookup_span (self->article, id);
  definition = span != NULL ? gloss_store_lookup_label (self->store, span->label) : NULL;
  was_quote = definition != NULL && definition->kind == GLOSS_LABEL_KIND_QUOTE;
  if (!gloss_store_delete_span (self->store, self->document, id, &error))
    {
      report_error (self, error);
      return;
    }
  gloss_article_view_remove_span (self->article, id);
  reload_annotations (self);
  gloss_document_list_refresh_one (self->documents, self->document);
  if (was_quote)
    load_suggestions (self);
  /* The toast says it, with Undo; the status line is for hints that last. */
  set_status (self, "%s", "");
  _gloss_window_toast (self->toast_overlay, _("Annotation deleted"), "win.undo");
}

static void
select_annotation_activated (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  GlossWindow *self = GLOSS_WINDOW (user_data);

  gloss_article_view_select_span (self->article, g_variant_get_string (parameter, NULL));
  gtk_widget_grab_focus (GTK_WIDGET (self->article));
}

static void
set_label_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  GlossWindow *self = GLOSS_WINDOW (user_data);
  const GlossSpan *span = gloss_article_view_lookup_span (self->article, selected_span_id (self));
  const char *label = g_variant_get_string (parameter, NULL);

  if (span != NULL && !g_str_equal (span->label, label))
    relabel (self, span->id, label);
}

static void
set_note_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GlossWindow *self = GLOSS_WINDOW (user_data);
  g_autoptr(GError) error = NULL;
  const char *id = selected_span_id (self);

  if (id == NULL)
    return;
  if (!gloss_store_set_span_note (self->store, self->document, id, g_variant_get_string (parameter, NULL),
                                  &error))
    {
      report_error (self, error);
      return;
    }
  reload_annotations (self);
  set_status (self, _("Note saved."));
}

static void
set_attribute_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  GlossWindow *self = GLOSS_WINDOW (user_data);
  g_autoptr(GError) error = NULL;
  const char *id = selected_span_id (self);
  const char *name, *json;

  g_variant_get (parameter, "(&s&s)", &name, &json);
  if (id == NULL)
    return;
  if (!gloss_store_set_span_attribute (self->store, self->document, id, name, *json ? json : NULL, &error))
    {
      report_error (self, error);
      reload_annotations (self);
      return;
    }
  reload_annotations (self);
  set_status (self, _("%s set."), name);
}

/* Every other occurrence of the selected annotation's text, as whole words, gets
 * the same label: one undo step. */
static void
tag_all_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  GlossWindow *self = GLOSS_WINDOW (user_data);
  const GlossSpan *span = gloss_article_view_lookup_span (self->article, selected_span_id (self));
  g_autofree char *label = NULL;
  g_autofree gunichar *text = NULL;
  g_autoptr(GError) error = NULL;
  gint start, length;
  glong n = 0;
  guint added = 0;

  if (span == NULL || span->fragments->len != 1)
    {
      set_status (self, _("Select an annotation first; its text is what gets tagged everywhere."));
      return;
    }

  label = g_strdup (span->label);
  start = gloss_span_get_start (span);
  length = gloss_span_get_end (span) - start;
  text = g_utf8_to_ucs4_fast (self->current->text, -1, &n);
  gloss_store_begin_group (self->store, _("Tag all occurrences"));
  for (gint i = 0; i + length <= n; i++)
    {
      g_autoptr(GlossSpan) request = NULL;
      g_autoptr(GlossSpan) stored = NULL;

      /* The same text exactly (case included), as a whole word. */
      if (i == start || memcmp (text + i, text + start, length * sizeof (gunichar)) != 0
          || (i > 0 && g_unichar_isalnum (text[i - 1]))
          || (i + length < n && g_unichar_isalnum (text[i + length])))
        continue;
      request = gloss_span_new (label, i, i + length);
      stored = gloss_store_add_span (self->store, self->document, request, NULL);
      if (stored != NULL)
        added++;
    }
  if (!gloss_store_end_group (self->store, &error))
    {
      report_error (self, error);
      return;
    }
  reload_annotations (self);
  refresh_documents (self);
  set_status (self, g_dngettext (GETTEXT_PACKAGE, "Tagged %u more occurrence as %s.",
                                 "Tagged %u more occurrences as %s.", added), added, label);
}


/* ---- Relations: speakers, cues, claimants ----------------------------------------------- */

/* What the core's rules (gloss-link.c) leave to the window: the words. */
typedef struct
{
  const char *type;
  const char *title;
  const char *select_first;    /* when the selected annotation cannot start it */
  const char *none_yet;        /* when nothing tagged can end it */
} LinkKind;

static const LinkKind link_kinds[] = {
  { "SPEAKER", N_("Who said it?"), N_("Select a quote first (Tab to it), then link it."),
    N_("No one tagged could have said it: select the speaker’s words in the text and press a label key.") },
  { "CUE", N_("Which cue introduces it?"), N_("Select a quote first (Tab to it), then link it."),
    N_("No cue tagged yet: select it in the text and press its label key.") },
  { "ADDRESSEE", N_("Who was it said to?"), N_("Select a quote first (Tab to it), then link it."),
    N_("No one tagged it could be said to: select their words in the text and press a label key.") },
  { "CLAIMANT", N_("Who makes this claim?"), N_("Select a claim first (Tab to it), then link it."),
    N_("No one tagged could have made it: select their words in the text and press a label key.") },
  { "IN_QUOTE", N_("Which quote is it in?"), N_("Select a claim first (Tab to it), then link it."),
    N_("No quote tagged yet: select it in the text and press its label key.") },
  { "COREF", N_("Which mention does it refer to?"), N_("Select a mention first (Tab to it)."),
    N_("No other mention tagged yet: select one in the text and press a label key.") },
};

static const LinkKind *
lookup_link_kind (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (link_kinds); i++)
    if (g_str_equal (link_kinds[i].type, type))
      return &link_kinds[i];
  return NULL;
}

static gboolean
is_linking (GlossWindow *self)
{
  return self->picker != NULL && self->link_source != NULL && gloss_link_picker_is_open (self->picker);
}

static void
start_link (GlossWindow *self,
            GVariant    *parameter,
            gboolean     replace);

static void
link_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  start_link (GLOSS_WINDOW (user_data), parameter, FALSE);
}

/* Shift+Alt+S: the speaker found was wrong; the one picked now replaces it. */
static void
relink_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  start_link (GLOSS_WINDOW (user_data), parameter, TRUE);
}

/* The picker opens beside the annotation, whose place on screen stays as it
 * is; with nothing to offer it opens too, for the words to be tagged. */
static void
start_link (GlossWindow *self,
            GVariant    *parameter,
            gboolean     replace)
{
  const LinkKind *link = lookup_link_kind (g_variant_get_string (parameter, NULL));
  const GlossSpan *source = gloss_article_view_lookup_span (self->article, selected_span_id (self));
  GPtrArray *labels = gloss_store_list_labels (self->store);
  g_autoptr(GPtrArray) candidates = NULL;

  if (link == NULL)
    return;
  if (source == NULL || !gloss_link_can_start (labels, link->type, source))
    {
      set_status (self, "%s", _(link->select_first));
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  candidates = gloss_link_rank_candidates (labels, link->type, source,
                                           gloss_article_view_get_spans (self->article));
  gloss_link_picker_clear (self->picker, _(link->title), _(link->none_yet));
  if (g_str_equal (link->type, "CLAIMANT"))
    gloss_link_picker_add_author (self->picker);
  for (guint i = 0; i < candidates->len; i++)
    gloss_link_picker_add_span (self->picker, g_ptr_array_index (candidates, i));

  self->link_replace = replace;
  g_free (self->link_type);
  self->link_type = g_strdup (link->type);
  g_free (self->link_source);
  self->link_source = g_strdup (source->id);
  gloss_link_picker_open (self->picker, source->id);
  if (gloss_link_picker_get_n_candidates (self->picker) == 0)
    set_status (self, "%s", _(link->none_yet));
  else
    set_status (self, _("Pick from the list, click an annotation in the text, or select words and press a "
                        "label key; Escape cancels."));
}

static void
end_link_mode (GlossWindow *self)
{
  g_clear_pointer (&self->link_type, g_free);
  g_clear_pointer (&self->link_source, g_free);
  gtk_widget_grab_focus (GTK_WIDGET (self->article));
}

/* Closes the picker without a word: the document or what it linked is gone. */
static void
stop_linking (GlossWindow *self)
{
  if (self->link_source == NULL)
    return;
  g_clear_pointer (&self->link_type, g_free);
  g_clear_pointer (&self->link_source, g_free);
  if (self->picker != NULL)
    gloss_link_picker_cancel (self->picker);
}

static void
remove_links (GlossWindow *self,
              const char  *source,
              const char  *type)
{
  for (guint i = 0; self->relations != NULL && i < self->relations->len; i++)
    {
      const GlossRelation *r = g_ptr_array_index (self->relations, i);

      if (g_str_equal (r->from_id, source) && g_str_equal (r->type, type))
        gloss_store_delete_relation (self->store, self->document, r->id, NULL);
    }
}

/* One step of the group the caller opened: @target (or the author) becomes
 * the @type end of @source. */
static gboolean
make_link (GlossWindow  *self,
           const char   *type,
           const char   *source,
           const char   *target,
           gboolean      replace,
           GError      **error)
{
  g_autoptr(GlossRelation) request = NULL;
  g_autoptr(GlossRelation) relation = NULL;

  if (replace)
    remove_links (self, source, type);
  if (g_str_equal (target, GLOSS_LINK_PICKER_AUTHOR))
    return gloss_store_set_span_attribute (self->store, self->document, source, "claimant_is_author",
                                           "true", error);
  request = gloss_relation_new (type, source, target);
  relation = gloss_store_add_relation (self->store, self->document, request, error);
  return relation != NULL;
}

/* A group that failed is undone whole: a replacement keeps the old links. */
static gboolean
close_group (GlossWindow  *self,
             gboolean      ok,
             GError      **error)
{
  if (!ok)
    {
      gloss_store_cancel_group (self->store);
      return FALSE;
    }
  return gloss_store_end_group (self->store, error);
}

static void
on_link_chosen (GlossLinkPicker *picker,
                const char      *target,
                GlossWindow     *self)
{
  g_autofree char *type = g_strdup (self->link_type);
  g_autofree char *source = g_strdup (self->link_source);
  g_autoptr(GError) error = NULL;
  gboolean replace = self->link_replace;
  gboolean ok;

  if (type == NULL || source == NULL)
    return;
  end_link_mode (self);

  gloss_store_begin_group (self->store, _("Link"));
  ok = make_link (self, type, source, target, replace, &error);
  if (!close_group (self, ok, &error))
    {
      report_error (self, error);
      return;
    }
  reload_annotations (self);
  gloss_article_view_select_span (self->article, source);
  set_status (self, _("Linked: %s. Ctrl+Z undoes it."), type);
}

static void
on_link_cancelled (GlossLinkPicker *picker,
                   GlossWindow     *self)
{
  if (self->link_source != NULL)
    {
      end_link_mode (self);
      set_status (self, _("Linking cancelled."));
    }
}

/* A popover's keys stop at the popover, so the window's shortcuts (Ctrl+F to
 * find the speaker's name, F9, Alt+C…) are passed on from the picker; not
 * undo and redo, which act on its filter as in any text entry. */
static gboolean
on_picker_key (GtkEventControllerKey *controller,
               guint                  keyval,
               guint                  keycode,
               GdkModifierType        state,
               GlossWindow           *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();
  g_autofree char *accel = NULL;
  g_auto(GStrv) actions = NULL;

  if (application == NULL
      || (!(mods & (GDK_CONTROL_MASK | GDK_ALT_MASK)) && (keyval < GDK_KEY_F1 || keyval > GDK_KEY_F35)))
    return GDK_EVENT_PROPAGATE;
  accel = gtk_accelerator_name (gdk_keyval_to_lower (keyval), mods);
  actions = gtk_application_get_actions_for_accel (application, accel);
  for (guint i = 0; actions != NULL && actions[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GVariant) target = NULL;

      if (g_str_equal (actions[i], "win.undo") || g_str_equal (actions[i], "win.redo"))
        return GDK_EVENT_PROPAGATE;
      if (g_action_parse_detailed_name (actions[i], &name, &target, NULL)
          && gtk_widget_activate_action_variant (GTK_WIDGET (self), name, target))
        return GDK_EVENT_STOP;
    }
  return gloss_window_handle_layout_shortcut (self, keyval, keycode, state) ? GDK_EVENT_STOP
                                                                            : GDK_EVENT_PROPAGATE;
}

/* The annotation of @label on exactly [start, end), if there is one. */
static const GlossSpan *
find_span (GlossWindow *self,
           const char  *label,
           gint         start,
           gint         end)
{
  GPtrArray *spans = gloss_article_view_get_spans (self->article);

  for (guint i = 0; i < spans->len; i++)
    {
      const GlossSpan *span = g_ptr_array_index (spans, i);

      if (g_str_equal (span->label, label) && selection_is_span (span, start, end))
        return span;
    }
  return NULL;
}

/* While the picker is open, words selected in the article and a label key
 * make the other end: the new annotation and the link are one undo step. */
static void
tag_and_link (GlossWindow *self,
              const char  *label)
{
  g_autofree char *type = g_strdup (self->link_type);
  g_autofree char *source = g_strdup (self->link_source);
  g_autoptr(GlossSpan) request = NULL;
  g_autoptr(GlossSpan) span = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const GlossSpan *existing;
  gboolean replace = self->link_replace;
  gint start, end;

  if (!gloss_link_label_fits (gloss_store_list_labels (self->store), type, label))
    {
      set_status (self, _("A %s annotation cannot be linked this way: press the key of a label that can, "
                          "or Escape."), label);
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  if (!gloss_article_view_get_text_selection (self->article, &start, &end)
      || !adjust_selection (self, &start, &end))
    {
      set_status (self, _("Select the words in the text first, then press the label’s key."));
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  existing = find_span (self, label, start, end);
  if (existing != NULL && gloss_link_picker_choose (self->picker, existing->id))
    return;

  stop_linking (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->article));
  request = gloss_span_new (label, start, end);
  gloss_store_begin_group (self->store, _("Tag and link"));
  span = gloss_store_add_span (self->store, self->document, request, &error);
  if (!close_group (self, span != NULL && make_link (self, type, source, span->id, replace, &error), &error))
    {
      report_error (self, error);
      reload_annotations (self);
      return;
    }
  reload_annotations (self);
  note_tagged (self);
  gloss_article_view_select_span (self->article, source);
  text = slice_text (self, start, end);
  set_status (self, _("Tagged “%s” as %s and linked it: %s. Ctrl+Z undoes both."), text, label, type);
}

static void
show_related (GlossWindow *self)
{
  const char *selected = selected_span_id (self);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;

  for (guint i = 0; selected != NULL && self->relations != NULL && i < self->relations->len; i++)
    {
      const GlossRelation *r = g_ptr_array_index (self->relations, i);

      if (g_str_equal (r->from_id, selected))
        g_strv_builder_add (builder, r->to_id);
      else if (g_str_equal (r->to_id, selected))
        g_strv_builder_add (builder, r->from_id);
    }
  ids = g_strv_builder_end (builder);
  gloss_article_view_set_related (self->article, (const char * const *) ids);
}

static void
delete_relation_activated (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  GlossWindow *self = GLOSS_WINDOW (user_data);
  g_autoptr(GError) error = NULL;

  if (!gloss_store_delete_relation (self->store, self->document, g_variant_get_string (parameter, NULL),
                                    &error))
    {
      report_error (self, error);
      return;
    }
  reload_annotations (self);
  show_related (self);
  set_status (self, _("Link removed. Ctrl+Z brings it back."));
}

/* A quote interrupted by "he said" is one annotation: select it, select the
 * rest of the quote, and add that as a fragment. */
static void
add_fragment_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  GlossWindow *self = GLOSS_WINDOW (user_data);
  g_autofree char *id = g_strdup (selected_span_id (self));
  g_autoptr(GError) error = NULL;
  gint start, end;

  if (id == NULL || !gloss_article_view_get_text_selection (self->article, &start, &end)
      || !adjust_selection (self, &start, &end))
    {
      set_status (self, _("Select an annotation, then select the text to add to it (Alt+F)."));
      return;
    }
  if (!gloss_store_add_fragment (self->store, self->document, id, start, end, &error))
    {
      report_error (self, error);
      return;
    }
  reload_annotations (self);
  gloss_article_view_select_span (self->article, id);
  set_status (self, _("Fragment added: the annotation now has several parts."));
}

static const GlossEntity *
entity_of_span (GlossWindow *self,
                GPtrArray   *entities,
                const char  *span_id)
{
  for (guint i = 0; entities != NULL && i < entities->len; i++)
    {
      const GlossEntity *entity = g_ptr_array_index (entities, i);

      for (guint j = 0; j < entity->mentions->len; j++)
        if (g_str_equal (g_ptr_array_index (entity->mentions, j), span_id))
          return entity;
    }
  return NULL;
}

/* Groups the selected mention into an entity: a new one named after it, or,
 * when a mention it refers to (COREF) already has one, that one. */
static void
entity_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  GlossWindow *self = GLOSS_WINDOW (user_data);
  const GlossSpan *span = gloss_article_view_lookup_span (self->article, selected_span_id (self));
  g_autoptr(GPtrArray) entities = NULL;
  g_autoptr(GError) error = NULL;
  const GlossEntity *existing = NULL;

  if (span == NULL)
    {
      set_status (self, _("Select a mention first (Tab to it)."));
      return;
    }
  entities = gloss_store_list_entities (self->store, self->document, NULL);
  if (entity_of_span (self, entities, span->id) != NULL)
    {
      set_status (self, _("This mention already belongs to an entity; edit it in the inspector."));
      return;
    }
  for (guint i = 0; existing == NULL && self->relations != NULL && i < self->relations->len; i++)
    {
      const GlossRelation *r = g_ptr_array_index (self->relations, i);

      if (g_str_equal (r->type, "COREF") && g_str_equal (r->from_id, span->id))
        existing = entity_of_span (self, entities, r->to_id);
    }

  if (existing != NULL)
    {
      if (!gloss_store_add_mention (self->store, self->document, existing->id, span->id, &error))
        report_error (self, error);
      else
        set_status (self, _("Added to the entity “%s”."), existing->name);
    }
  else
    {
      g_autofree char *name = slice_text (self, gloss_span_get_start (span), gloss_span_get_end (span));
      g_autoptr(GlossEntity) request = gloss_entity_new (name);
      g_autoptr(GlossEntity) entity = NULL;

      request->type = g_strdup (span->label);
      g_ptr_array_add (request->mentions, g_strdup (span->id));
      entity = gloss_store_add_entity (self->store, self->document, request, &error);
      if (entity == NULL)
        report_error (self, error);
      else
        set_status (self, _("New entity “%s”; give it a knowledge-base id in the inspector."), name);
    }
  reload_annotations (self);
}

static void
set_entity_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  GlossWindow *self = GLOSS_WINDOW (user_data);
  g_autoptr(GError) error = NULL;
  const char *id, *name, *kb_id;

  g_variant_get (parameter, "(&s&s&s)", &id, &name, &kb_id);
  if (!gloss_store_set_entity (self->store, self->document, id, name, kb_id, &error))
    {
      report_error (self, error);
      reload_annotations (self);
      return;
    }
  reload_annotations (self);
  set_status (self, _("Entity saved."));
}

static void
edit_labels_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  GlossWindow *self = GLOSS_WINDOW (user_data);

  gtk_window_present (GTK_WINDOW (gloss_schema_editor_new (GTK_WINDOW (self), self->store)));
}

static void
statistics_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  GlossWindow *self = GLOSS_WINDOW (user_data);

  gtk_window_present (gloss_statistics_window_new (GTK_WINDOW (self), self->store));
}

/* ---- Suggestions: quotes and claims ---------------------------------------------------------- */

static gboolean
same_suggestion (const GlossQuoteSuggestion *a,
                 const GlossQuoteSuggestion *b)
{
  return a->kind == b->kind && a->start == b->start && a->end == b->end;
}

static void
show_suggestions (GlossWindow *self)
{
  g_autoptr(GArray) fragments = g_array_new (FALSE, FALSE, sizeof (GlossFragment));

  for (guint i = 0; self->suggestions != NULL && i < self->suggestions->len; i++)
    {
      const GlossQuoteSuggestion *q = g_ptr_array_index (self->suggestions, i);
      GlossFragment f = { q->start, q->end };

      g_array_append_val (fragments, f);
    }
  gloss_article_view_set_suggestions (self->article, fragments, self->suggestion);

  /* The current one's speaker and cue, in the text and not only in the
   * status line. */
  {
    g_autoptr(GArray) parts = g_array_new (FALSE, FALSE, sizeof (GlossFragment));

    if (self->suggestions != NULL && self->suggestion >= 0 && self->suggestion < (gint) self->suggestions->len)
      {
        const GlossQuoteSuggestion *q = g_ptr_array_index (self->suggestions, self->suggestion);

        if (q->speaker.end > q->speaker.start)
          g_array_append_val (parts, q->speaker);
        if (q->cue.end > q->cue.start)
          g_array_append_val (parts, q->cue);
      }
    gloss_article_view_set_suggestion_parts (self->article, parts);
  }
}

/* Document order; a quote before a claim inside it. */
static gint
compare_suggestions (gconstpointer a,
                     gconstpointer b)
{
  const GlossQuoteSuggestion *qa = *(const GlossQuoteSuggestion * const *) a;
  const GlossQuoteSuggestion *qb = *(const GlossQuoteSuggestion * const *) b;

  if (qa->start != qb->start)
    return (qa->start > qb->start) - (qa->start < qb->start);
  return (gint) qa->kind - (gint) qb->kind;
}

/* The quotes and claims (the kinds F8 visits) Gloss finds in the text that
 * are not annotated yet and that the user has not rejected, kept in the
 * project as pending so that gloss-cli and the window agree on them. */
static void
load_suggestions (GlossWindow *self)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  GlossSuggestionStatus status = GLOSS_SUGGESTION_PENDING;

  g_clear_pointer (&self->suggestions, g_ptr_array_unref);
  self->suggestion = -1;
  if (self->current == NULL)
    {
      show_suggestions (self);
      return;
    }

  found = gloss_suggest_for_document (self->store, self->current, self->visited, NULL, NULL);
  if (found != NULL && !gloss_store_is_read_only (self->store))
    gloss_store_add_suggestions (self->store, self->document, found, NULL, NULL);
  pending = gloss_store_list_suggestions (self->store, self->document, &status, NULL);

  self->suggestions = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_quote_suggestion_free);
  for (guint i = 0; found != NULL && i < found->len; i++)
    {
      GlossQuoteSuggestion *q = g_ptr_array_index (found, i);

      /* The stored row gives the id that accept and reject need. */
      for (guint j = 0; pending != NULL && j < pending->len; j++)
        if (same_suggestion (q, g_ptr_array_index (pending, j)))
          q->rowid = ((GlossQuoteSuggestion *) g_ptr_array_index (pending, j))->rowid;
      g_ptr_array_add (self->suggestions, gloss_quote_suggestion_copy (q));
    }
  g_ptr_array_sort (self->suggestions, compare_suggestions);
  show_suggestions (self);
}

/* Where the current suggestion stands among those of its kind: "quote 2 of 3". */
static void
position_in_kind (GlossWindow *self,
                  guint       *position,
                  guint       *count)
{
  const GlossQuoteSuggestion *current = g_ptr_array_index (self->suggestions, self->suggestion);

  *position = *count = 0;
  for (guint i = 0; i < self->suggestions->len; i++)
    if (((GlossQuoteSuggestion *) g_ptr_array_index (self->suggestions, i))->kind == current->kind)
      {
        (*count)++;
        if ((gint) i <= self->suggestion)
          (*position)++;
      }
}

static void
describe_suggestion (GlossWindow *self)
{
  const GlossQuoteSuggestion *q = g_ptr_array_index (self->suggestions, self->suggestion);
  g_autofree char *cue = q->cue.start >= 0 ? slice_text (self, q->cue.start, q->cue.end) : NULL;
  g_autofree char *speaker = NULL;
  guint position, count;

  position_in_kind (self, &position, &count);
  if (q->kind == GLOSS_SUGGESTION_CLAIM)
    {
      speaker = q->speaker.start >= 0 ? slice_text (self, q->speaker.start, q->speaker.end)
                                      : g_strdup (_("no claimant found"));
      set_status (self, _("Suggested claim %d of %u — claimant: %s%s%s. Alt+Y accepts, Alt+N rejects, F8 next."),
                  (gint) position, count, speaker, cue ? _(", cue: ") : "", cue ? cue : "");
      return;
    }
  speaker = q->speaker.start >= 0 ? slice_text (self, q->speaker.start, q->speaker.end)
                                  : g_strdup (_("no speaker found"));
  set_status (self, _("Suggested quote %d of %u — speaker: %s%s%s. Alt+Y accepts, Alt+N rejects, F8 next."),
              (gint) position, count, speaker, cue ? _(", cue: ") : "", cue ? cue : "");
}

/* Makes @pick the current suggestion and brings it into view. */
static void
focus_suggestion (GlossWindow *self,
                  gint         pick)
{
  const GlossQuoteSuggestion *q = g_ptr_array_index (self->suggestions, pick);

  self->suggestion = pick;
  gloss_article_view_select_span (self->article, NULL);
  gloss_article_view_select_range (self->article, q->start, q->start);
  show_suggestions (self);
  describe_suggestion (self);
}

static void
go_to_suggestion (GlossWindow *self,
                  int          step)
{
  gint n, cursor, pick = -1;

  if (self->suggestions == NULL || self->suggestions->len == 0)
    {
      set_status (self, "%s", self->visited == GLOSS_SUGGEST_QUOTES ? _("No quote suggestions left in this document.")
                              : self->visited == GLOSS_SUGGEST_CLAIMS ? _("No claim suggestions left in this document.")
                              : _("No suggestions left in this document."));
      return;
    }
  n = self->suggestions->len;
  if (self->suggestion >= 0)
    pick = ((self->suggestion + step) % n + n) % n;
  else
    {
      cursor = gloss_article_view_get_cursor (self->article);
      for (gint i = 0; i < n && pick < 0; i++)
        {
          gint k = step > 0 ? i : n - 1 - i;
          const GlossQuoteSuggestion *q = g_ptr_array_index (self->suggestions, k);

          if ((step > 0 && q->start >= cursor) || (step < 0 && q->start < cursor))
            pick = k;
        }
      if (pick < 0)
        pick = step > 0 ? 0 : n - 1;
    }

  focus_suggestion (self, pick);
}

static void
next_suggestion_activated (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  go_to_suggestion (GLOSS_WINDOW (user_data), 1);
}

static void
previous_suggestion_activated (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  go_to_suggestion (GLOSS_WINDOW (user_data), -1);
}

static const GlossQuoteSuggestion *
current_suggestion (GlossWindow *self)
{
  if (self->suggestions == NULL || self->suggestion < 0 || self->suggestion >= (gint) self->suggestions->len)
    {
      go_to_suggestion (self, 1);
      return NULL;
    }
  return g_ptr_array_index (self->suggestions, self->suggestion);
}

static void
after_suggestion (GlossWindow *self,
                  gint         done_at)
{
  gint previous = done_at;

  load_suggestions (self);
  if (self->suggestions->len == 0)
    return;
  /* On to the suggestion after the one just decided, and the view with it. */
  focus_suggestion (self, MIN (previous, (gint) self->suggestions->len - 1));
}

static void
accept_suggestion_activated (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  GlossWindow *self = GLOSS_WINDOW (user_data);
  const GlossQuoteSuggestion *q = current_suggestion (self);
  g_autoptr(GlossSpan) span = NULL;
  g_autoptr(GError) error = NULL;
  gint at = self->suggestion;
  gboolean claim;

  if (q == NULL)
    return;
  claim = q->kind == GLOSS_SUGGESTION_CLAIM;
  span = gloss_suggest_accept (self->store, self->document, q, &error);
  if (span == NULL)
    {
      report_error (self, error);
      return;
    }
  reload_annotations (self);
  refresh_documents (self);
  after_suggestion (self, at);
  if (self->suggestions->len == 0)
    set_status (self, "%s", claim ? _("Claim accepted with its claimant (one undo step). No suggestions left.")
                                  : _("Quote accepted with its cue and speaker (one undo step). No suggestions left."));
}

static const char * const visited_names[] = { "all", "quotes", "claims" };
static const GlossSuggestKinds visited_kinds[] = { GLOSS_SUGGEST_ALL, GLOSS_SUGGEST_QUOTES, GLOSS_SUGGEST_CLAIMS };

/* win.suggestion-kinds: which suggestions F8 visits ("all", "quotes",
 * "claims"); the others are neither shown nor stepped through. */
static void
suggestion_kinds_changed (GSimpleAction *action,
                          GVariant      *value,
                          gpointer       user_data)
{
  GlossWindow *self = GLOSS_WINDOW (user_data);
  const char *name = g_variant_get_string (value, NULL);
  guint i;

  for (i = 0; i < G_N_ELEMENTS (visited_names) && !g_str_equal (name, visited_names[i]); i++)
    ;
  if (i == G_N_ELEMENTS (visited_names))
    return;
  g_simple_action_set_state (action, value);
  self->visited = visited_kinds[i];
  load_suggestions (self);
  set_status (self, "%s", i == 1 ? _("F8 visits quote suggestions only. Ctrl+F8 changes it.")
                          : i == 2 ? _("F8 visits claim suggestions only. Ctrl+F8 changes it.")
                          : _("F8 visits quote and claim suggestions. Ctrl+F8 changes it."));
}

/* Ctrl+F8: all → quotes → claims → all. */
static void
cycle_suggestion_kinds_activated (GSimpleAction *action,
                                  GVariant      *parameter,
                                  gpointer       user_data)
{
  GlossWindow *self = GLOSS_WINDOW (user_data);
  guint i;

  for (i = 0; i < G_N_ELEMENTS (visited_kinds) && visited_kinds[i] != self->visited; i++)
    ;
  g_action_group_change_action_state (G_ACTION_GROUP (self), "suggestion-kinds",
                                      g_variant_new_string (visited_names[(i + 1) % G_N_ELEMENTS (visited_names)]));
}

static void
reject_suggestion_activated (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  GlossWindow *self = GLOSS_WINDOW (user_data);
  const GlossQuoteSuggestion *q = current_suggestion (self);
  g_autoptr(GError) error = NULL;
  gint at = self->suggestion;

  if (q == NULL)
    return;
  if (!gloss_store_set_suggestion_status (self->store, self->document, q->rowid, GLOSS_SUGGESTION_REJECTED,
                                          &error))
    {
      report_error (self, error);
      return;
    }
  after_suggestion (self, at);
  if (self->suggestions->len == 0)
    set_status (self, _("Suggestion rejected. No suggestions left."));
}

/* ---- Undo and redo ------------------------------------------------------------------- */

/* Inside a text entry, Ctrl+Z belongs to the entry. */
static gboolean
forward_to_entry (GlossWindow *self,
                  const char  *action)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (focus == NULL || !GTK_IS_TEXT (focus))
    return FALSE;
  gtk_widget_activate_action (focus, action, NULL);
  return TRUE;
}

static void
after_history_step (GlossWindow *self,
                    gint64       document,
                    const char  *what)
{
  refresh_documents (self);
  if (document != 0 && document != self->document)
    gloss_window_open_document (self, document);
  else
    {
      refresh_current (self);
      /* Undoing an accepted suggestion makes it pending again: offer it. */
      load_suggestions (self);
    }
  set_status (self, "%s", what);
}

static void
undo_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GlossWindow *self = GLOSS_WINDOW (user_data);
  g_autofree char *what = g_strdup (gloss_store_get_undo_description (self->store));
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;
  gint64 document = 0;

  if (forward_to_entry (self, "text.undo"))
    return;
  if (self->doomed != 0)
    {
      restore_doomed (self);
      return;
    }
  if (!gloss_store_undo (self->store, &document, &error))
    {
      report_error (self, error);
      return;
    }
  message = g_strdup_printf (_("Undone: %s."), what);
  after_history_step (self, document, message);
}

static void
redo_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GlossWindow *self = GLOSS_WINDOW (user_data);
  g_autofree char *what = g_strdup (gloss_store_get_redo_description (self->store));
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;
  gint64 document = 0;

  if (forward_to_entry (self, "text.redo"))
    return;
  if (!gloss_store_redo (self->store, &document, &error))
    {
      report_error (self, error);
      return;
    }
  message = g_strdup_printf (_("Redone: %s."), what);
  after_history_step (self, document, message);
}

/* ---- Search ----------------------------------------------------------------------------- */

static gunichar *
fold_needle (const char *text,
             gint       *length)
{
  glong n = g_utf8_strlen (text, -1);
  gunichar *needle = g_new (gunichar, n + 1);
  const char *p = text;

  for (glong i = 0; i < n; i++, p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      needle[i] = (c == 0x00A0 || c == 0x202F) ? ' ' : g_unichar_tolower (c);
    }
  *length = n;
  return needle;
}

static gboolean
matches_at (GlossWindow    *self,
            const gunichar *needle,
            gint            length,
            gint            at)
{
  return at + length <= self->folded_length
         && memcmp (self->folded + at, needle, length * sizeof (gunichar)) == 0;
}

/* The first match from @from on (or before it, backwards), wrapping. */
static gint
find_match (GlossWindow    *self,
            const gunichar *needle,
            gint            length,
            gint            from,
            gboolean        backwards)
{
  gint n = self->folded_length;

  if (length == 0 || length > n)
    return -1;
  for (gint k = 0; k < n; k++)
    {
      gint at = backwards ? ((from - k) % n + n) % n : (from + k) % n;

      if (matches_at (self, needle, length, at))
        return at;
    }
  return -1;
}

static gint
count_matches (GlossWindow    *self,
               const gunichar *needle,
               gint            length)
{
  gint count = 0;

  for (gint at = 0; length > 0 && at + length <= self->folded_length; at++)
    if (matches_at (self, needle, length, at))
      count++;
  return count;
}

static void
search (GlossWindow *self,
        gint         from,
        gboolean     backwards)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree gunichar *needle = NULL;
  g_autofree char *count_text = NULL;
  gint length, at;

  if (self->current == NULL)
    return;
  ensure_folded (self);
  g_free (self->searched);
  self->searched = g_strdup (text);
  needle = fold_needle (text, &length);
  if (length == 0)
    {
      gtk_label_set_text (self->match_label, "");
      return;
    }

  at = find_match (self, needle, length, from, backwards);
  if (at < 0)
    {
      gtk_label_set_text (self->match_label, _("No match"));
      gtk_widget_add_css_class (GTK_WIDGET (self->search_entry), "error");
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->search_entry), "error");
  gloss_article_view_select_span (self->article, NULL);
  gloss_article_view_select_range (self->article, at, at + length);
  count_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d match", "%d matches",
                                             count_matches (self, needle, length)),
                                count_matches (self, needle, length));
  gtk_label_set_text (self->match_label, count_text);
}

static gint
match_start (GlossWindow *self)
{
  gint start, end;

  if (gloss_article_view_get_text_selection (self->article, &start, &end))
    return start;
  return gloss_article_view_get_cursor (self->article);
}

static void
on_search_changed (GlossWindow *self)
{
  if (g_strcmp0 (self->searched, gtk_editable_get_text (GTK_EDITABLE (self->search_entry))) == 0)
    return;
  search (self, match_start (self), FALSE);
}

static void
on_search_next (GlossWindow *self)
{
  search (self, match_start (self) + 1, FALSE);
}

static void
on_search_previous (GlossWindow *self)
{
  search (self, match_start (self) - 1, TRUE);
}

/* Enter and Escape both close the bar, keep the match selected and give the
 * article the focus: the next key can be a label's. */
static void
close_search (GlossWindow *self)
{
  /* GtkSearchEntry reports changes after a pause: a name typed and closed at
   * once has not been looked for yet. */
  if (g_strcmp0 (self->searched, gtk_editable_get_text (GTK_EDITABLE (self->search_entry))) != 0)
    on_search_changed (self);

  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->article));
}

static void
on_search_activate (GlossWindow *self)
{
  close_search (self);
}

static void
on_search_stop (GlossWindow *self)
{
  close_search (self);
}

static gboolean
on_search_key (GtkEventControllerKey *controller,
               guint                  keyval,
               guint                  keycode,
               GdkModifierType        state,
               GlossWindow           *self)
{
  if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    on_search_next (self);
  else if (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up)
    on_search_previous (self);
  else
    return GDK_EVENT_PROPAGATE;
  return GDK_EVENT_STOP;
}

static void
search_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  GlossWindow *self = GLOSS_WINDOW (user_data);

  /* What a label key does next depends on the match, not on an annotation
   * selected before the search. */
  gloss_article_view_select_span (self->article, NULL);
  g_clear_pointer (&self->searched, g_free);
  /* An open link picker stays: the match and a label key tag and link it. */
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
find_next_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  on_search_next (GLOSS_WINDOW (user_data));
}

static void
find_previous_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  on_search_previous (GLOSS_WINDOW (user_data));
}

/* ---- Moving around ---------------------------------------------------------------------- */

static void
next_annotation_activated (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  GlossWindow *self = GLOSS_WINDOW (user_data);

  gloss_article_view_select_next_span (self->article, FALSE);
}

static void
previous_annotation_activated (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  GlossWindow *self = GLOSS_WINDOW (user_data);

  gloss_article_view_select_next_span (self->article, TRUE);
}

static void
open_at_position (GlossWindow *self,
                  guint        position)
{
  g_autoptr(GlossDocumentItem) item = NULL;

  if (position == GTK_INVALID_LIST_POSITION)
    return;
  item = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);
  if (item != NULL && gloss_document_item_get_rowid (item) != self->document)
    gloss_window_open_document (self, gloss_document_item_get_rowid (item));
}

static guint
current_position (GlossWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossDocumentItem) item = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);

      if (gloss_document_item_get_rowid (item) == self->document)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
step_document (GlossWindow *self,
               int          step)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint position = current_position (self);

  if (position == GTK_INVALID_LIST_POSITION || (step < 0 && position == 0)
      || (step > 0 && position + 1 >= n))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  gtk_single_selection_set_selected (self->selection, position + step);
}

static void
next_document_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  step_document (GLOSS_WINDOW (user_data), 1);
}

static void
previous_document_activated (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  step_document (GLOSS_WINDOW (user_data), -1);
}

/* Ctrl+Return: this one is done; on to the next one that is not, in the list's
 * order within the filter, wrapping. */
static void
done_and_next_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  GlossWindow *self = GLOSS_WINDOW (user_data);
  g_autoptr(GError) error = NULL;
  guint n, position;

  if (self->current == NULL)
    return;
  if (!gloss_store_set_document_status (self->store, self->document, GLOSS_STATUS_DONE, &error))
    {
      report_error (self, error);
      return;
    }
  self->current->status = GLOSS_STATUS_DONE;
  update_titles (self);
  refresh_documents (self);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  position = current_position (self);
  for (guint k = 1; k <= n; k++)
    {
      /* From the row after this one; from the first row when this document is
       * filtered out of the list. */
      guint i = position == GTK_INVALID_LIST_POSITION ? k - 1 : (position + k) % n;
      g_autoptr(GlossDocumentItem) item = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);

      if (gloss_document_item_get_status (item) != GLOSS_STATUS_DONE)
        {
          gtk_single_selection_set_selected (self->selection, i);
          set_status (self, _("Marked done. Next: %s"), gloss_document_item_get_title (item));
          return;
        }
    }
  set_status (self, _("Marked done. Every document in the list is done."));
}

static void
select_none_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  GlossWindow *self = GLOSS_WINDOW (user_data);
  gint cursor = gloss_article_view_get_cursor (self->article);

  gloss_article_view_select_span (self->article, NULL);
  gloss_article_view_select_range (self->article, cursor, cursor);
}

/* ---- Documents ---------------------------------------------------------------------------- */

static void
on_rename_response (GtkDialog   *dialog,
                    int          response,
                    GlossWindow *self)
{
  GtkEntry *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->current != NULL)
    {
      const char *title = gtk_editable_get_text (GTK_EDITABLE (entry));

      if (gloss_store_rename_document (self->store, self->document, title, &error))
        {
          refresh_current (self);
          refresh_documents (self);
        }
      else
        report_error (self, error);
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
rename_document_activated (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  GlossWindow *self = GLOSS_WINDOW (user_data);
  GtkWidget *dialog, *entry, *content;

  if (self->current == NULL)
    return;
  dialog = gtk_dialog_new_with_buttons (_("Rename Document"), GTK_WINDOW (self),
                                        GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT
                                        | GTK_DIALOG_USE_HEADER_BAR,
                                        _("_Cancel"), GTK_RESPONSE_CANCEL,
                                        _("_Rename"), GTK_RESPONSE_ACCEPT, NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), self->current->title);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_widget_set_size_request (entry, 420, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Title"), -1);
  content = gtk_dialog_get_content_area (GTK_DIALOG (dialog));
  gtk_widget_set_margin_top (entry, 12);
  gtk_widget_set_margin_bottom (entry, 12);
  gtk_widget_set_margin_start (entry, 12);
  gtk_widget_set_margin_end (entry, 12);
  gtk_box_append (GTK_BOX (content), entry);
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_signal_connect (dialog, "response", G_CALLBACK (on_rename_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A deleted document is only hidden while its toast is shown: Undo (the
 * toast's button or Ctrl+Z) brings it back. The store deletes it when the toast
 * goes, before another deletion or a background job, and when the window closes. */
static void
finish_deletion (GlossWindow *self,
                 gboolean     refresh)
{
  g_autoptr(GError) error = NULL;
  gint64 document = self->doomed;

  if (document == 0)
    return;
  self->doomed = 0;
  if (!gloss_store_delete_document (self->store, document, &error))
    report_error (self, error);
  if (refresh)
    {
      refresh_documents (self);
      update_actions (self);
    }
}

typedef struct
{
  GlossWindow *window;
  gint64       document;
} Doomed;

static void
doomed_free (Doomed *doomed)
{
  g_object_unref (doomed->window);
  g_free (doomed);
}

/* After the click that dismissed the toast: its Undo has run by then. */
static gboolean
finish_deletion_idle (gpointer data)
{
  Doomed *doomed = data;

  if (doomed->window->doomed == doomed->document)
    finish_deletion (doomed->window, TRUE);
  return G_SOURCE_REMOVE;
}

static void
on_doomed_toast_dismissed (AdwToast    *toast,
                           GlossWindow *self)
{
  Doomed *doomed = g_new0 (Doomed, 1);

  doomed->window = g_object_ref (self);
  doomed->document = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toast), "document"));
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, finish_deletion_idle, doomed, (GDestroyNotify) doomed_free);
}

static void
restore_doomed (GlossWindow *self)
{
  gint64 document = self->doomed;

  self->doomed = 0;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_LESS_STRICT);
  update_documents_empty (self);
  if (gloss_window_open_document (self, document))
    set_status (self, _("The document is back."));
}

static void
delete_document_activated (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  GlossWindow *self = GLOSS_WINDOW (user_data);
  g_autofree char *message = NULL;
  AdwToast *toast;

  if (self->current == NULL)
    return;
  finish_deletion (self, TRUE);
  self->doomed = self->document;
  message = g_strdup_printf (_("“%s” deleted"), self->current->title);
  self->document = 0;
  g_clear_pointer (&self->current, gloss_document_free);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_MORE_STRICT);
  update_documents_empty (self);
  if (self->document == 0)
    {
      gloss_article_view_set_document (self->article, "", NULL);
      update_titles (self);
      open_at_position (self, gtk_single_selection_get_selected (self->selection));
    }
  set_status (self, "%s", "");
  toast = _gloss_window_toast (self->toast_overlay, message, "win.undo");
  g_object_set_data (G_OBJECT (toast), "document", GSIZE_TO_POINTER (self->doomed));
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_doomed_toast_dismissed), self, 0);
  update_actions (self);
}

/* ---- Import and export, off the main thread ------------------------------------------------ */

typedef struct
{
  char        *project;
  GPtrArray   *paths;          /* import: char * */
  GlossExportOptions export;   /* export: the strings below own its fields */
  char        *output;
  char        *format;
  GPtrArray   *problems;       /* char *: refused files, skipped lines */
  guint        documents;
  guint        duplicates;
  char        *first_id;
  gboolean     show_first;
  gdouble      fraction;
  char        *progress_text;
  GMutex       lock;
} Job;

static void
job_free (Job *job)
{
  g_free (job->project);
  g_clear_pointer (&job->paths, g_ptr_array_unref);
  g_free (job->output);
  g_free (job->format);
  g_ptr_array_unref (job->problems);
  g_free (job->first_id);
  g_free (job->progress_text);
  g_mutex_clear (&job->lock);
  g_free (job);
}

static Job *
job_new (GlossWindow *self)
{
  Job *job = g_new0 (Job, 1);

  job->project = g_strdup (gloss_store_get_path (self->store));
  job->problems = g_ptr_array_new_with_free_func (g_free);
  g_mutex_init (&job->lock);
  return job;
}

static gboolean
show_progress (gpointer data)
{
  GTask *task = data;
  Job *job = g_task_get_task_data (task);
  GlossWindow *self = g_task_get_source_object (task);

  if (g_task_get_completed (task))
    return G_SOURCE_REMOVE;
  g_mutex_lock (&job->lock);
  gtk_progress_bar_set_fraction (self->progress_bar, job->fraction);
  gtk_label_set_text (self->progress_label, job->progress_text ? job->progress_text : "");
  g_mutex_unlock (&job->lock);
  return G_SOURCE_CONTINUE;
}

static void
job_progress (Job        *job,
              double      fraction,
              const char *text)
{
  g_mutex_lock (&job->lock);
  job->fraction = CLAMP (fraction, 0, 1);
  if (text != NULL)
    {
      g_free (job->progress_text);
      job->progress_text = g_strdup (text);
    }
  g_mutex_unlock (&job->lock);
}

static void
collect_problem (GlossReportKind  kind,
                 const char      *message,
                 gpointer         user_data)
{
  Job *job = user_data;

  if (kind == GLOSS_REPORT_PROBLEM)
    g_ptr_array_add (job->problems, g_strdup (message));
}

static void
import_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GlossReport) report = gloss_report_new (collect_problem, job);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) store = gloss_store_open (job->project, GLOSS_STORE_OPEN_DEFAULT, &error);
  GlossImportResult result = { 0 };

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; i < job->paths->len; i++)
    {
      const char *path = g_ptr_array_index (job->paths, i);
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *text = g_strdup_printf (_("Importing %s (%u of %u)"), base, i + 1, job->paths->len);

      if (g_cancellable_is_cancelled (cancellable))
        break;
      job_progress (job, (double) i / job->paths->len, text);
      g_clear_error (&error);
      if (!gloss_import_path (store, path, NULL, report, &result, cancellable, &error)
          && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_ptr_array_add (job->problems, g_strdup (error->message));
    }

  job->documents = result.imported;
  job->duplicates = result.duplicates;
  job->first_id = result.first_id;
  g_task_return_boolean (task, TRUE);
}

/* On export even notices matter to the user: they say what a format could not
 * hold (spans that cross token boundaries, characters outside the BMP). */
static void
collect_export_message (GlossReportKind  kind,
                        const char      *message,
                        gpointer         user_data)
{
  Job *job = user_data;

  g_ptr_array_add (job->problems, g_strdup (message));
}

static void
export_progress (guint64  done,
                 guint64  total,
                 gpointer user_data)
{
  job_progress (user_data, total > 0 ? (double) done / total : 0, NULL);
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) store = gloss_store_open (job->project, GLOSS_STORE_OPEN_DEFAULT, &error);
  g_autoptr(GlossReport) report = gloss_report_new (collect_export_message, job);
  GlossExportResult result = { 0 };

  if (store == NULL || !gloss_export (store, &job->export, NULL, report, &result, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  job->documents = result.documents;
  g_task_return_boolean (task, TRUE);
}

static void
end_job (GlossWindow *self)
{
  g_clear_object (&self->task);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", TRUE);
  enable (self, "merge", TRUE);
}

/* One job at a time: self->task is its cancellable, the progress bar its state. */
static void
begin_busy (GlossWindow *self,
            const char  *text)
{
  self->task = g_cancellable_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", FALSE);
  enable (self, "merge", FALSE);
  gtk_label_set_text (self->progress_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
}

static void
show_problems (GlossWindow *self,
               const char  *message,
               GPtrArray   *problems)
{
  g_autoptr(GString) detail = g_string_new (NULL);

  for (guint i = 0; i < problems->len && i < 12; i++)
    g_string_append_printf (detail, "%s\n", (const char *) g_ptr_array_index (problems, i));
  if (problems->len > 12)
    g_string_append_printf (detail, _("… and %u more."), problems->len - 12);
  gloss_dialogs_show_error (GTK_WINDOW (self), message, detail->str);
}

static void
import_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GlossWindow *self = GLOSS_WINDOW (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossDocument) first = NULL;

  end_job (self);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      gloss_dialogs_show_error (GTK_WINDOW (self), _("Nothing could be imported"), error->message);
      return;
    }

  self->data_version = gloss_store_get_data_version (self->store);
  refresh_documents (self);
  if (job->show_first && job->first_id != NULL
      && (first = gloss_store_get_document (self->store, job->first_id, NULL)) != NULL)
    gloss_window_open_document (self, first->rowid);

  set_status (self, g_dngettext (GETTEXT_PACKAGE, "Imported %u document (%u already in the project).",
                                 "Imported %u documents (%u already in the project).", job->documents),
              job->documents, job->duplicates);
  if (job->problems->len > 0)
    show_problems (self, _("Some of the files were not imported whole"), job->problems);
}

static void
start_job (GlossWindow         *self,
           Job                 *job,
           GTaskThreadFunc      thread,
           GAsyncReadyCallback  done,
           const char          *text)
{
  GTask *task;

  /* An export or merge must not hold a document the user has deleted. */
  finish_deletion (self, TRUE);
  begin_busy (self, text);
  task = g_task_new (self, self->task, done, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_timeout_add_full (G_PRIORITY_DEFAULT, 100, show_progress, g_object_ref (task), g_object_unref);
  g_task_run_in_thread (task, thread);
  g_object_unref (task);
}

/**
 * gloss_window_import_files:
 * @files: (element-type GFile): .txt or JSON Lines files
 * @show_first: whether to show the first of them when done
 *
 * Imports in a thread with its own connection to the project; the window stays
 * responsive, shows progress, and can cancel between documents.
 */
void
gloss_window_import_files (GlossWindow *self,
                           GPtrArray   *files,
                           gboolean     show_first)
{
  Job *job;

  g_return_if_fail (GLOSS_IS_WINDOW (self));

  if (self->task != NULL)
    {
      set_status (self, _("Wait for the import or export under way to finish."));
      return;
    }
  job = job_new (self);
  job->paths = g_ptr_array_new_with_free_func (g_free);
  job->show_first = show_first;
  for (guint i = 0; i < files->len; i++)
    {
      char *path = g_file_get_path (g_ptr_array_index (files, i));

      if (path != NULL)
        g_ptr_array_add (job->paths, path);
    }
  start_job (self, job, import_thread, import_done, _("Importing…"));
}

static void
on_cancel_clicked (GlossWindow *self)
{
  if (self->task != NULL)
    g_cancellable_cancel (self->task);
}

static void
on_import_chosen (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GlossWindow) self = user_data;
  g_autoptr(GListModel) files = gloss_dialogs_open_files_finish (result, NULL);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);

  if (files == NULL)
    return;
  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    g_ptr_array_add (list, g_list_model_get_item (files, i));
  gloss_window_import_files (self, list, TRUE);
}

static void
import_folder_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  GlossWindow *self = GLOSS_WINDOW (user_data);

  gloss_dialogs_open_folder (GTK_WINDOW (self), _("Import a brat Collection"), NULL, on_import_chosen,
                             g_object_ref (self));
}

static void
import_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  GlossWindow *self = GLOSS_WINDOW (user_data);

  gloss_dialogs_open_files (GTK_WINDOW (self), _("Import Articles"), NULL, on_import_chosen,
                            g_object_ref (self));
}

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GlossWindow *self = GLOSS_WINDOW (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  end_job (self);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gloss_dialogs_show_error (GTK_WINDOW (self), _("The export could not be written"), error->message);
      else
        set_status (self, _("Export cancelled; nothing was written."));
      return;
    }
  set_status (self, g_dngettext (GETTEXT_PACKAGE, "Exported %u document to %s.",
                                 "Exported %u documents to %s.", job->documents),
              job->documents, job->output);
  if (job->problems->len > 0)
    show_problems (self, _("Some annotations could not be written in this format"), job->problems);
}

static void
on_export_chosen (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GlossWindow) self = user_data;
  g_autofree char *format = NULL;
  g_autoptr(GFile) file = gloss_dialogs_save_finish (result, &format, NULL);
  Job *job;

  if (file == NULL || self->task != NULL)
    return;
  job = job_new (self);
  job->output = g_file_get_path (file);
  job->format = g_steal_pointer (&format);
  job->export.format = job->format;
  job->export.output = job->output;
  job->export.progress = export_progress;
  job->export.progress_data = job;
  start_job (self, job, export_thread, export_done, _("Exporting…"));
}

static void
export_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  GlossWindow *self = GLOSS_WINDOW (user_data);
  g_autofree char *base = gloss_store_get_short_name (self->store);
  g_autofree char *name = NULL;
  g_autofree char *names = NULL;
  g_auto(GStrv) formats = NULL;

  if (g_str_has_suffix (base, ".gloss"))
    base[strlen (base) - 6] = '\0';
  name = g_strdup_printf ("%s.jsonl", base);
  names = gloss_export_list_formats ();
  formats = g_strsplit (names, ", ", -1);
  gloss_dialogs_save (GTK_WINDOW (self), _("Export"), name, (const char * const *) formats, NULL,
                      on_export_chosen, g_object_ref (self));
}

/* ---- Project ▸ Merge --------------------------------------------------------------------------- */

static void
merge_progress (double      fraction,
                const char *text,
                gpointer    user_data)
{
  GlossWindow *self = user_data;

  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  gtk_label_set_text (self->progress_label, text);
}

static void
merge_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GlossWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossMergeSummary) summary = gloss_merge_job_run_finish (result, &error);
  g_autofree char *described = NULL;

  if (self->store == NULL)   /* closed meanwhile */
    return;
  end_job (self);
  /* Whatever was merged before a failure or a cancel is in the project: show it. */
  gloss_window_check_for_changes (self);
  if (summary == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_status (self, _("Merge stopped: the documents merged so far are in the project, each whole; "
                        "merge again to finish."));
  else if (summary == NULL)
    gloss_dialogs_show_error (GTK_WINDOW (self), _("Nothing could be merged"), error->message);
  else
    {
      described = gloss_merge_summary_describe (summary);
      set_status (self, "%s", described);
      if (summary->notices->len > 0 || summary->problems->len > 0)
        gloss_merge_dialog_show_summary (GTK_WINDOW (self), summary);
    }
}

/**
 * gloss_window_merge_projects:
 * @files: (element-type GFile): Gloss projects
 *
 * Copies every set of every document of @files into this window's project, in
 * a thread with connections of its own; the window shows the merged work when
 * done, and any notices in a dialog.
 */
void
gloss_window_merge_projects (GlossWindow *self,
                             GPtrArray   *files)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  g_return_if_fail (GLOSS_IS_WINDOW (self));

  if (self->task != NULL)
    {
      set_status (self, _("Wait for the import, export or merge under way to finish."));
      return;
    }
  for (guint i = 0; i < files->len; i++)
    {
      char *path = g_file_get_path (g_ptr_array_index (files, i));

      if (path != NULL)
        g_ptr_array_add (paths, path);
    }
  if (paths->len == 0)
    return;
  begin_busy (self, _("Merging…"));
  gloss_merge_job_run_async (gloss_store_get_path (self->store), paths, merge_progress, self, self->task,
                             merge_done, g_object_ref (self));
}

static void
on_merge_chosen (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GlossWindow) self = user_data;
  g_autoptr(GListModel) files = gloss_dialogs_open_files_finish (result, NULL);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);

  if (files == NULL)
    return;
  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    g_ptr_array_add (list, g_list_model_get_item (files, i));
  gloss_window_merge_projects (self, list);
}

static void
merge_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GlossWindow *self = GLOSS_WINDOW (user_data);

  gloss_dialogs_open_projects (GTK_WINDOW (self), _("Merge Projects into This One"), _("_Merge"), NULL,
                               on_merge_chosen, g_object_ref (self));
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         GlossWindow   *self)
{
  GSList *files = g_value_get_boxed (value);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);

  for (GSList *l = files; l != NULL; l = l->next)
    g_ptr_array_add (list, g_object_ref (l->data));
  gloss_window_import_files (self, list, TRUE);
  return TRUE;
}

/* ---- Changes made elsewhere ------------------------------------------------------------------- */

static char *
schema_key (GlossStore *store)
{
  GPtrArray *labels = gloss_store_list_labels (store);
  GString *key = g_string_new (NULL);

  for (guint i = 0; i < labels->len; i++)
    {
      const GlossLabel *label = g_ptr_array_index (labels, i);

      g_string_append_printf (key, "%s %s %s %s %d %u\n", label->name, label->layer, label->color,
                              label->hotkey ? label->hotkey : "", label->kind, label->attributes->len);
    }
  return g_string_free (key, FALSE);
}

/**
 * gloss_window_check_for_changes:
 *
 * Shows what another program (gloss-cli, an import thread) committed to the
 * project since the last look. Called every second.
 */
/* A server project's connection, lost and back: a toast that stays while
 * nothing can be saved, and one that says when work goes on. */
static void
show_connection (GlossWindow *self)
{
  gboolean connected = gloss_store_is_connected (self->store);

  if (!connected && self->lost_toast == NULL)
    {
      AdwToast *toast = _gloss_window_toast (self->toast_overlay,
                                             _("The server is out of reach: changes cannot be saved "
                                               "until it is back (Gloss tries again every second)"),
                                             NULL);

      adw_toast_set_timeout (toast, 0);
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      self->lost_toast = g_object_ref (toast);
    }
  else if (connected && self->lost_toast != NULL)
    {
      adw_toast_dismiss (self->lost_toast);
      g_clear_object (&self->lost_toast);
      _gloss_window_toast (self->toast_overlay, _("Connected to the server again"), NULL);
    }
}

void
gloss_window_check_for_changes (GlossWindow *self)
{
  gint64 version = gloss_store_get_data_version (self->store);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  show_connection (self);
  if (version == self->data_version)
    return;
  self->data_version = version;
  /* The schema may have changed too (a label renamed elsewhere): the article's
   * tags and the palette go by label name. Rebuilding the palette is only
   * worth it when it did. */
  before = schema_key (self->store);
  gloss_store_reload_schema (self->store, NULL);
  after = schema_key (self->store);
  if (g_strcmp0 (before, after) != 0)
    load_schema (self);
  refresh_documents (self);
  refresh_current (self);
  update_sets_menu (self);
  /* An annotator's work merged in while a curator reviews. */
  gloss_review_panel_reload (self->review_panel);
  if (self->document == 0)
    open_at_position (self, gtk_single_selection_get_selected (self->selection));
}

static gboolean
poll_changes (gpointer data)
{
  gloss_window_check_for_changes (GLOSS_WINDOW (data));
  return G_SOURCE_CONTINUE;
}

/* ---- The document list -------------------------------------------------------------------------- */

static void
setup_document_row (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *details = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_lines (GTK_LABEL (title), 2);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (details), 0);
  gtk_widget_add_css_class (details, "dim-label");
  gtk_widget_add_css_class (details, "caption");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), details);
  gtk_list_item_set_child (item, box);
}

static void
update_document_row (GtkListItem *item)
{
  GlossDocumentItem *document = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *details = gtk_widget_get_next_sibling (title);
  g_autofree char *text = NULL;
  static const char *status_names[] = { N_("new"), N_("in progress"), N_("done") };
  static const char *status_marks[] = { "○", "◐", "●" };
  guint n = gloss_document_item_get_n_spans (document);

  gtk_label_set_text (GTK_LABEL (title), gloss_document_item_get_title (document));
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s %s · %u annotation", "%s %s · %u annotations", n),
                          status_marks[gloss_document_item_get_status (document)],
                          _(status_names[gloss_document_item_get_status (document)]), n);
  gtk_label_set_text (GTK_LABEL (details), text);
}

static void
on_document_item_notify (GlossDocumentItem *document,
                         GParamSpec        *pspec,
                         GtkListItem       *item)
{
  update_document_row (item);
}

static void
bind_document_row (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  update_document_row (item);
  g_signal_connect_object (gtk_list_item_get_item (item), "notify", G_CALLBACK (on_document_item_notify),
                           item, 0);
}

static void
unbind_document_row (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (item), on_document_item_notify, item);
}

static gboolean
filter_document (gpointer item,
                 gpointer user_data)
{
  GlossWindow *self = user_data;
  const char *needle = gtk_editable_get_text (GTK_EDITABLE (self->filter_entry));
  g_autofree char *folded_needle = NULL;
  g_autofree char *folded_title = NULL;

  g_autofree char *folded_id = NULL;

  if (gloss_document_item_get_rowid (item) == self->doomed)
    return FALSE;
  if (needle == NULL || *needle == '\0')
    return TRUE;
  /* Title, id (a file name), or status: "done" lists what is done. */
  folded_needle = g_utf8_casefold (needle, -1);
  folded_title = g_utf8_casefold (gloss_document_item_get_title (item), -1);
  folded_id = g_utf8_casefold (gloss_document_item_get_id (item), -1);
  return strstr (folded_title, folded_needle) != NULL || strstr (folded_id, folded_needle) != NULL
         || g_str_equal (gloss_status_to_string (gloss_document_item_get_status (item)), folded_needle);
}

/* An empty list says why: nothing matches the filter, or nothing is there. */
static void
update_documents_empty (GlossWindow *self)
{
  const char *needle = gtk_editable_get_text (GTK_EDITABLE (self->filter_entry));
  g_autofree char *text = NULL;

  gtk_stack_set_visible_child_name (self->article_stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->documents))
                                    > (self->doomed != 0 ? 1u : 0u) ? "article" : "empty");
  if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) > 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->documents_empty), FALSE);
      return;
    }
  if (needle != NULL && *needle != '\0')
    text = g_strdup_printf (_("No document’s title, id or status matches “%s”."), needle);
  else
    text = g_strdup (_("No documents yet. Import articles with Ctrl+I, or drop files here."));
  gtk_label_set_text (self->documents_empty, text);
  gtk_widget_set_visible (GTK_WIDGET (self->documents_empty), TRUE);
}

static void
on_filtered_changed (GListModel  *model,
                     guint        position,
                     guint        removed,
                     guint        added,
                     GlossWindow *self)
{
  update_documents_empty (self);
}

static void
on_filter_changed (GlossWindow *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_document_selected (GtkSingleSelection *selection,
                      GParamSpec         *pspec,
                      GlossWindow        *self)
{
  open_at_position (self, gtk_single_selection_get_selected (selection));
}

/* A document chosen from the list is there to be read and tagged: the keys
 * go to the article (Tab to the next annotation, a label key), not on
 * walking the list. Arrow keys in the list still move through it. */
static void
focus_article (GlossWindow *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->article));
  /* Folded over the article, the list has done its job once a document is chosen. */
  if (adw_flap_get_folded (self->documents_flap))
    adw_flap_set_reveal_flap (self->documents_flap, FALSE);
}

static gboolean
focus_article_idle (gpointer data)
{
  focus_article (data);
  return G_SOURCE_REMOVE;
}

static void
on_document_activated (GtkListView *view,
                       guint        position,
                       GlossWindow *self)
{
  open_at_position (self, position);
  focus_article (self);
}

static void
on_document_clicked (GtkGestureClick *gesture,
                     int              n_press,
                     double           x,
                     double           y,
                     GlossWindow     *self)
{
  /* After the list has taken the click and selected the row. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, focus_article_idle, g_object_ref (self), g_object_unref);
}

static void
setup_documents (GlossWindow *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  self->documents = gloss_document_list_new (self->store);
  self->filter = gtk_custom_filter_new (filter_document, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->documents)),
                                              GTK_FILTER (g_object_ref (self->filter)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_document_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_document_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_document_row), self);
  gtk_list_view_set_factory (self->document_view, factory);
  gtk_list_view_set_model (self->document_view, GTK_SELECTION_MODEL (self->selection));
  g_object_unref (factory);
  g_signal_connect (self->selection, "notify::selected", G_CALLBACK (on_document_selected), self);
  g_signal_connect (self->filtered, "items-changed", G_CALLBACK (on_filtered_changed), self);
  g_signal_connect (self->document_view, "activate", G_CALLBACK (on_document_activated), self);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_BUBBLE);
  g_signal_connect_object (click, "released", G_CALLBACK (on_document_clicked), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->document_view), GTK_EVENT_CONTROLLER (click));
}

/* ---- Shortcuts under any keyboard layout ----------------------------------------------------- */

/**
 * gloss_window_handle_layout_shortcut:
 * @keyval: what the key sends in the active layout ('я' in a Russian one)
 * @keycode: the physical key
 *
 * A shortcut pressed with a non-Latin layout active: GTK finds Ctrl+Z there,
 * but not Shift+Ctrl+Z, Shift+Ctrl+A and the like. The same physical key in
 * the first (Latin) layout names the shortcut, as for label keys.
 *
 * Returns: %TRUE if it activated a shortcut's action
 */
gboolean
gloss_window_handle_layout_shortcut (GlossWindow     *self,
                                     guint            keyval,
                                     guint            keycode,
                                     GdkModifierType  state)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));
  gunichar c = gdk_keyval_to_unicode (keyval);
  g_autofree char *accel = NULL;
  g_auto(GStrv) actions = NULL;
  guint latin;

  state &= gtk_accelerator_get_default_mod_mask ();
  /* Shortcuts with Ctrl or Alt only, and keys that are not Latin already. */
  if (application == NULL || !(state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) || c == 0 || c < 0x80
      || keycode == 0 || !gdk_display_translate_key (display, keycode, 0, 0, &latin, NULL, NULL, NULL)
      || gdk_keyval_to_unicode (latin) == 0 || gdk_keyval_to_unicode (latin) >= 0x80)
    return FALSE;

  accel = gtk_accelerator_name (gdk_keyval_to_lower (latin), state);
  actions = gtk_application_get_actions_for_accel (application, accel);
  for (guint i = 0; actions != NULL && actions[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GVariant) target = NULL;

      if (g_action_parse_detailed_name (actions[i], &name, &target, NULL)
          && gtk_widget_activate_action_variant (GTK_WIDGET (self), name, target))
        return TRUE;
    }
  return FALSE;
}

static gboolean
on_window_key (GtkEventControllerKey *controller,
               guint                  keyval,
               guint                  keycode,
               GdkModifierType        state,
               GlossWindow           *self)
{
  return gloss_window_handle_layout_shortcut (self, keyval, keycode, state) ? GDK_EVENT_STOP : GDK_EVENT_PROPAGATE;
}

/* ---- Keys in the article ----------------------------------------------------------------------- */

static gboolean
on_article_key (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GlossWindow           *self)
{
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();

  switch (keyval)
    {
    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
    case GDK_KEY_ISO_Left_Tab:
      if (mods & ~GDK_SHIFT_MASK)
        return GDK_EVENT_PROPAGATE;
      gloss_article_view_select_next_span (self->article,
                                           keyval == GDK_KEY_ISO_Left_Tab || (mods & GDK_SHIFT_MASK));
      return GDK_EVENT_STOP;
    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
    case GDK_KEY_BackSpace:
      gtk_widget_activate_action (GTK_WIDGET (self), "win.delete-annotation", NULL);
      return GDK_EVENT_STOP;
    case GDK_KEY_Escape:
      if (is_linking (self))
        gloss_link_picker_cancel (self->picker);
      else
        gtk_widget_activate_action (GTK_WIDGET (self), "win.select-none", NULL);
      return GDK_EVENT_STOP;
    default:
      return gloss_window_handle_hotkey (self, keyval, keycode, mods) ? GDK_EVENT_STOP : GDK_EVENT_PROPAGATE;
    }
}

/* ---- Settings ------------------------------------------------------------------------------------ */

static void
apply_text_size (GlossWindow *self)
{
  g_autofree char *css = g_strdup_printf ("textview.article { font-size: %dpt; }",
                                          g_settings_get_int (self->settings, "text-size"));

  gtk_css_provider_load_from_data (self->text_css, css, -1);
}

static void
on_settings_changed (GSettings   *settings,
                     const char  *key,
                     GlossWindow *self)
{
  if (g_str_equal (key, "text-size"))
    apply_text_size (self);
  else if (g_str_equal (key, "recent-projects"))
    update_recent_menu (self);
  else if (g_str_equal (key, "annotator"))
    {
      g_autofree char *name = g_settings_get_string (settings, "annotator");

      gloss_store_set_annotator (self->store, name);
      refresh_documents (self);
      refresh_current (self);
      update_titles (self);
      update_sets_menu (self);
    }
}

static void
update_recent_menu (GlossWindow *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-projects");

  g_menu_remove_all (self->recent_menu);
  for (guint i = 0; recent[i] != NULL; i++)
    {
      /* a server project by its URI (kept without a password), a file by its name */
      g_autofree char *label = gloss_store_is_server_uri (recent[i]) ? g_strdup (recent[i])
                                                                     : g_path_get_basename (recent[i]);
      g_autoptr(GMenuItem) entry = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target (entry, "app.open-recent", "s", recent[i]);
      g_menu_append_item (self->recent_menu, entry);
    }
}

static gboolean
gloss_window_close_request (GtkWindow *window)
{
  GlossWindow *self = GLOSS_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  if (self->task != NULL)
    g_cancellable_cancel (self->task);
  finish_deletion (self, FALSE);

  return GTK_WINDOW_CLASS (gloss_window_parent_class)->close_request (window);
}

/* ---- Construction ---------------------------------------------------------------------------------- */

/* ---- Annotator sets -------------------------------------------------------------------- */

/* The header's set menu: your own set, each other annotator's, gold. Shown once
 * the project holds work of more than one set. */
static void
update_sets_menu (GlossWindow *self)
{
  g_auto(GStrv) sets = gloss_store_list_sets (self->store, 0);
  g_autofree char *own = NULL;
  g_autoptr(GMenuItem) mine = NULL;
  g_autoptr(GMenuItem) gold = NULL;
  g_autofree char *mine_label = NULL;
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "view-set");
  const char *viewing = gloss_store_get_viewing (self->store);

  g_menu_remove_all (self->sets_menu);
  {
    /* Own set: the set the store names when nobody else's is shown. */
    g_autofree char *shown = gloss_store_get_set (self->store);

    own = viewing != NULL || g_strcmp0 (shown, "gold") == 0 ? NULL : g_strdup (shown);
  }
  gtk_widget_set_visible (GTK_WIDGET (self->sets_button), has_others_work (self));
  mine_label = own != NULL ? g_strdup_printf (_("Mine (%s)"), own) : g_strdup (_("Mine"));
  mine = g_menu_item_new (mine_label, NULL);
  g_menu_item_set_action_and_target_value (mine, "win.view-set", g_variant_new_string (""));
  g_menu_append_item (self->sets_menu, mine);
  for (guint i = 0; sets[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = NULL;

      if (g_str_equal (sets[i], "gold") || g_strcmp0 (sets[i], own) == 0)
        continue;
      item = g_menu_item_new (sets[i], NULL);
      g_menu_item_set_action_and_target_value (item, "win.view-set", g_variant_new_string (sets[i]));
      g_menu_append_item (self->sets_menu, item);
    }
  gold = g_menu_item_new (_("Gold (adjudicated)"), NULL);
  g_menu_item_set_action_and_target_value (gold, "win.view-set", g_variant_new_string ("gold"));
  g_menu_append_item (self->sets_menu, gold);
  {
    g_autoptr(GMenu) review = g_menu_new ();

    g_menu_append (review, _("_Review This Document"), "win.review");
    g_menu_append_section (self->sets_menu, NULL, G_MENU_MODEL (review));
  }
  if (action != NULL && viewing == NULL)
    {
      g_autofree char *shown = gloss_store_get_set (self->store);

      g_simple_action_set_state (G_SIMPLE_ACTION (action),
                                 g_variant_new_string (g_str_equal (shown, "gold") ? "gold" : ""));
    }
}

static void
view_set_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GlossWindow *self = user_data;
  const char *name = g_variant_get_string (parameter, NULL);

  gloss_store_view_set (self->store, *name != '\0' ? name : NULL);
  g_simple_action_set_state (action, g_variant_new_string (name));
  refresh_documents (self);
  refresh_current (self);
  update_titles (self);
  update_actions (self);
  update_sets_menu (self);
  if (gloss_store_get_viewing (self->store) != NULL)
    set_status (self, _("Showing %s’s annotations, read-only"), name);
  else
    {
      g_autofree char *set = gloss_store_get_set (self->store);

      set_status (self, _("Annotating in %s’s set"), set);
    }
}

/* ---- Review: adjudicating one document into gold ------------------------------------------ */

static void
after_set_switch (GlossWindow *self)
{
  refresh_documents (self);
  refresh_current (self);
  update_titles (self);
  update_actions (self);
  update_sets_menu (self);
}

static void
leave_review (GlossWindow *self)
{
  gloss_review_panel_close (self->review_panel);
  gtk_revealer_set_reveal_child (self->review_revealer, FALSE);
  gloss_store_view_set (self->store, NULL);
  after_set_switch (self);
}

/* Ctrl+R: every annotator's spans of this document beside gold, which the
 * article shows and the keys edit; Ctrl+R again goes back to one's own set. */
static void
review_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  GlossWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  guint n;

  if (gloss_review_panel_is_open (self->review_panel))
    {
      leave_review (self);
      g_simple_action_set_state (action, g_variant_new_boolean (FALSE));
      set_status (self, _("Left Review. Annotating in your own set again."));
      return;
    }
  if (self->current == NULL)
    return;
  if (!gloss_review_panel_open (self->review_panel, self->store, self->current, self->article, &error))
    {
      gloss_store_view_set (self->store, NULL);
      report_error (self, error);
      return;
    }
  g_simple_action_set_state (action, g_variant_new_boolean (TRUE));
  gtk_revealer_set_reveal_child (self->review_revealer, TRUE);
  after_set_switch (self);
  n = gloss_review_get_n_disagreements (gloss_review_panel_get_review (self->review_panel));
  set_status (self, g_dngettext (GETTEXT_PACKAGE,
                                 "Review: %u disagreement. The article shows gold; edit it like any set.",
                                 "Review: %u disagreements. The article shows gold; edit it like any set.",
                                 n), n);
}

static void
on_review_taken (GlossReviewPanel *panel,
                 GlossWindow      *self)
{
  refresh_documents (self);
  reload_annotations (self);
  update_actions (self);
}

static void
on_review_message (GlossReviewPanel *panel,
                   const char       *message,
                   GlossWindow      *self)
{
  set_status (self, "%s", message);
}

static const GActionEntry win_actions[] = {
  { "review", review_activated, NULL, "false" },
  { "view-set", view_set_activated, "s", "''" },
  { "tag", tag_activated, "s" },
  { "tag-new", tag_new_activated, "s" },
  { "delete-annotation", delete_annotation_activated },
  { "select-annotation", select_annotation_activated, "s" },
  { "select-none", select_none_activated },
  { "set-label", set_label_activated, "s" },
  { "set-note", set_note_activated, "s" },
  { "set-attribute", set_attribute_activated, "(ss)" },
  { "tag-all", tag_all_activated },
  { "undo", undo_activated },
  { "redo", redo_activated },
  { "search", search_activated },
  { "find-next", find_next_activated },
  { "find-previous", find_previous_activated },
  { "next-annotation", next_annotation_activated },
  { "previous-annotation", previous_annotation_activated },
  { "done-and-next", done_and_next_activated },
  { "next-document", next_document_activated },
  { "previous-document", previous_document_activated },
  { "rename-document", rename_document_activated },
  { "delete-document", delete_document_activated },
  { "link", link_activated, "s" },
  { "relink", relink_activated, "s" },
  { "next-suggestion", next_suggestion_activated },
  { "previous-suggestion", previous_suggestion_activated },
  { "accept-suggestion", accept_suggestion_activated },
  { "reject-suggestion", reject_suggestion_activated },
  { "suggestion-kinds", NULL, "s", "'all'", suggestion_kinds_changed },
  { "cycle-suggestion-kinds", cycle_suggestion_kinds_activated },
  { "edit-labels", edit_labels_activated },
  { "statistics", statistics_activated },
  { "delete-relation", delete_relation_activated, "s" },
  { "add-fragment", add_fragment_activated },
  { "entity", entity_activated },
  { "set-entity", set_entity_activated, "(sss)" },
  { "import", import_activated },
  { "import-folder", import_folder_activated },
  { "export", export_activated },
  { "merge", merge_activated },
};

static void
gloss_window_dispose (GObject *object)
{
  GlossWindow *self = GLOSS_WINDOW (object);

  if (self->store != NULL)
    finish_deletion (self, FALSE);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_clear_handle_id (&self->suggest_idle, g_source_remove);
  if (self->task != NULL)
    g_cancellable_cancel (self->task);
  g_clear_object (&self->task);
  if (self->text_css != NULL)
    gtk_style_context_remove_provider_for_display (gdk_display_get_default (),
                                                   GTK_STYLE_PROVIDER (self->text_css));
  g_clear_object (&self->text_css);

  g_clear_object (&self->sets_menu);
  /* The article disposes of the picker: nothing it says then is news. */
  if (self->picker != NULL)
    g_signal_handlers_disconnect_by_data (self->picker, self);
  self->picker = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_WINDOW);

  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->documents);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->lost_toast);
  g_clear_pointer (&self->current, gloss_document_free);
  g_clear_pointer (&self->relations, g_ptr_array_unref);
  g_clear_pointer (&self->entities, g_ptr_array_unref);
  g_clear_pointer (&self->tokens, g_array_unref);
  g_clear_pointer (&self->folded, g_free);
  g_clear_pointer (&self->status_text, g_free);
  g_clear_pointer (&self->searched, g_free);
  g_clear_pointer (&self->link_type, g_free);
  g_clear_pointer (&self->link_source, g_free);
  g_clear_pointer (&self->suggestions, g_ptr_array_unref);

  G_OBJECT_CLASS (gloss_window_parent_class)->dispose (object);
}

static void
gloss_window_class_init (GlossWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = gloss_window_dispose;
  window_class->close_request = gloss_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/gloss/Gloss/gloss-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, project_button);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, sets_button);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, recent_menu);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, filter_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, document_view);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, documents_empty);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, documents_flap);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, panel_flap);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, article_stack);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, match_label);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, article);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, palette);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, inspector);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, review_revealer);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, review_panel);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stop);
  gtk_widget_class_bind_template_callback (widget_class, on_search_next);
  gtk_widget_class_bind_template_callback (widget_class, on_search_previous);

  g_type_ensure (GLOSS_TYPE_ARTICLE_VIEW);
  g_type_ensure (GLOSS_TYPE_LABEL_PALETTE);
  g_type_ensure (GLOSS_TYPE_INSPECTOR);
  g_type_ensure (GLOSS_TYPE_REVIEW_PANEL);
}

static void
gloss_window_init (GlossWindow *self)
{
  g_autoptr(GdkTexture) empty_icon = NULL;
  GtkEventController *keys;
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->visited = GLOSS_SUGGEST_ALL;
  /* The app icon as a PNG: GDK reads PNG itself, while an SVG icon needs the MIME
   * database (missing in a sandbox or an isolated test) to be recognised. */
  empty_icon = gdk_texture_new_from_resource ("/org/gloss/Gloss/gloss-empty.png");
  adw_status_page_set_paintable (self->empty_page, GDK_PAINTABLE (empty_icon));
  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions, G_N_ELEMENTS (win_actions), self);
  _gloss_window_init_flaps (self, self->documents_flap, self->panel_flap, GTK_WIDGET (self->article));
  self->sets_menu = g_menu_new ();
  gtk_menu_button_set_menu_model (self->sets_button, G_MENU_MODEL (self->sets_menu));

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_article_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self->article), keys);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_window_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_search_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, NULL);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  gtk_widget_insert_action_group (GTK_WIDGET (self), "review",
                                  gloss_review_panel_get_actions (self->review_panel));
  g_signal_connect (self->review_panel, "taken", G_CALLBACK (on_review_taken), self);
  g_signal_connect (self->review_panel, "message", G_CALLBACK (on_review_message), self);
  self->picker = GLOSS_LINK_PICKER (gloss_link_picker_new ());
  gloss_article_view_set_popover (self->article, GTK_WIDGET (self->picker));
  g_signal_connect (self->picker, "chosen", G_CALLBACK (on_link_chosen), self);
  g_signal_connect (self->picker, "cancelled", G_CALLBACK (on_link_cancelled), self);
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_picker_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self->picker), keys);

  self->text_css = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (self->text_css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 2);
}

static void
load_schema (GlossWindow *self)
{
  GPtrArray *labels = gloss_store_list_labels (self->store);

  gloss_article_view_set_labels (self->article, labels);
  gloss_label_palette_set_labels (self->palette, gloss_store_list_layers (self->store), labels);
  gloss_inspector_set_context (self->inspector, self->store, self->article);
}

static void
on_schema_changed (GlossStore  *store,
                   GlossWindow *self)
{
  load_schema (self);
  /* Spans carry their label's name: a renamed or deleted label shows now. */
  reload_annotations (self);
}

GlossWindow *
gloss_window_new (GlossApplication *application,
                  GlossStore       *store)
{
  GlossWindow *self;
  g_autofree char *annotator = NULL;

  g_return_val_if_fail (GLOSS_IS_STORE (store), NULL);

  self = g_object_new (GLOSS_TYPE_WINDOW, "application", application, NULL);
  self->store = g_object_ref (store);
  self->settings = g_object_ref (gloss_application_get_settings (application));
  self->data_version = gloss_store_get_data_version (store);

  annotator = g_settings_get_string (self->settings, "annotator");
  gloss_store_set_annotator (store, annotator);
  apply_text_size (self);
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (on_settings_changed), self, 0);
  g_signal_connect_object (store, "schema-changed", G_CALLBACK (on_schema_changed), self, 0);
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self, 0);
  g_signal_connect_object (self->article, "span-selected", G_CALLBACK (on_span_selected), self, 0);
  gloss_article_view_set_describer (self->article, describe_links, self);

  gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  load_schema (self);
  setup_documents (self);
  update_documents_empty (self);
  update_recent_menu (self);
  update_sets_menu (self);
  update_titles (self);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0)
    set_status (self, _("No documents yet: import articles (Ctrl+I) or drop files here."));
  else
    open_at_position (self, gtk_single_selection_get_selected (self->selection));
  self->poll_id = g_timeout_add_seconds (1, poll_changes, self);
  update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->article));
  return self;
}
