/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-review-panel"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "gloss-color.h"
#include "gloss-review-panel.h"
#include "gloss-text.h"

#define CONTEXT 32  /* code points of text shown before and after a disagreement */

struct _GlossReviewPanel
{
  GtkBox              parent_instance;

  GlossStore         *store;
  GlossArticleView   *article;
  GlossReview        *review;
  char               *text;
  gint                length;
  gint                current;    /* the disagreement shown, or -1 */
  GSimpleActionGroup *actions;
  GArray             *marks;      /* GlossFragment per disagreement, for the article */

  GtkWidget          *position_label;
  GtkWidget          *hint_label;
  GtkWidget          *agreed_button;
  GtkWidget          *lanes;
  GtkWidget          *list;
  GtkWidget          *list_frame;
  gboolean            filling;
};

G_DEFINE_FINAL_TYPE (GlossReviewPanel, gloss_review_panel, GTK_TYPE_BOX)

enum { TAKEN, MESSAGE, N_SIGNALS };
static guint signals[N_SIGNALS];

/* ---- Text ---------------------------------------------------------------------------------------- */

static char *
slice (GlossReviewPanel *self,
       gint              start,
       gint              end)
{
  const char *from = g_utf8_offset_to_pointer (self->text, CLAMP (start, 0, self->length));
  const char *to = g_utf8_offset_to_pointer (from, CLAMP (end, start, self->length) - CLAMP (start, 0, self->length));
  char *piece = g_strndup (from, to - from);

  /* One line per lane: a paragraph break reads as a pilcrow. */
  g_strdelimit (piece, "\n\r\t", ' ');
  return piece;
}

static void
append_text (GString          *markup,
             GlossReviewPanel *self,
             gint              start,
             gint              end)
{
  g_autofree char *piece = NULL;
  g_autofree char *escaped = NULL;

  if (end <= start)
    return;
  piece = slice (self, start, end);
  escaped = g_markup_escape_text (piece, -1);
  g_string_append (markup, escaped);
}

typedef struct
{
  gint        start;
  gint        end;
  const char *label;
} Unit;

static gint
compare_units (gconstpointer a,
               gconstpointer b)
{
  const Unit *ua = a, *ub = b;

  if (ua->start != ub->start)
    return ua->start < ub->start ? -1 : 1;
  return ub->end - ua->end;
}

static void
open_unit (GlossReviewPanel *self,
           GString          *markup,
           const Unit       *unit)
{
  const GlossLabel *label = gloss_store_lookup_label (self->store, unit->label);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  g_autofree char *highlight = label != NULL ? gloss_color_highlight (label->color, dark) : NULL;

  /* The article's colours for the theme in force (gloss_color_highlight ()). */
  g_string_append_printf (markup, "<span background=\"%s\" foreground=\"%s\">",
                          highlight != NULL ? highlight : dark ? "#5e5c64" : "#dddddd",
                          dark ? GLOSS_COLOR_TEXT_DARK : GLOSS_COLOR_TEXT);
}

static void
close_unit (GString    *markup,
            const Unit *unit)
{
  g_autofree char *name = g_markup_escape_text (unit->label, -1);

  g_string_append_printf (markup, "<sub><small> %s</small></sub></span>", name);
}

/* The text around [@start, @end) with @spans drawn in their label colours, each
 * followed by its label's name: colour is never the only cue. Crossing spans
 * are closed and opened again, as markup must nest. */
static char *
lane_markup (GlossReviewPanel *self,
             GPtrArray        *spans,
             gint              start,
             gint              end)
{
  g_autoptr(GArray) units = g_array_new (FALSE, FALSE, sizeof (Unit));
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  GString *markup = g_string_new (start > 0 ? "… " : "");
  gint from = MAX (0, start - CONTEXT), to = MIN (self->length, end + CONTEXT);
  gint at = from;
  guint next = 0;

  for (guint i = 0; i < spans->len; i++)
    {
      const GlossSpan *span = g_ptr_array_index (spans, i);

      for (guint k = 0; k < span->fragments->len; k++)
        {
          const GlossFragment *f = &g_array_index (span->fragments, GlossFragment, k);
          Unit unit = { MAX (f->start, from), MIN (f->end, to), span->label };

          if (unit.end > unit.start)
            g_array_append_val (units, unit);
        }
    }
  g_array_sort (units, compare_units);

  while (at < to)
    {
      gint boundary = to;

      /* Close what ends here, innermost first; reopen what was crossed. */
      for (gint s = (gint) stack->len - 1; s >= 0; s--)
        if (((Unit *) stack->pdata[s])->end == at)
          {
            g_autoptr(GPtrArray) reopen = g_ptr_array_new ();

            while ((gint) stack->len - 1 > s)
              {
                Unit *above = g_ptr_array_steal_index (stack, stack->len - 1);

                g_string_append (markup, "</span>");
                g_ptr_array_insert (reopen, 0, above);
              }
            close_unit (markup, g_ptr_array_steal_index (stack, s));
            for (guint r = 0; r < reopen->len; r++)
              {
                open_unit (self, markup, reopen->pdata[r]);
                g_ptr_array_add (stack, reopen->pdata[r]);
              }
          }
      while (next < units->len && g_array_index (units, Unit, next).start == at)
        {
          Unit *unit = &g_array_index (units, Unit, next++);

          open_unit (self, markup, unit);
          g_ptr_array_add (stack, unit);
        }
      if (next < units->len)
        boundary = MIN (boundary, g_array_index (units, Unit, next).start);
      for (guint s = 0; s < stack->len; s++)
        boundary = MIN (boundary, ((Unit *) stack->pdata[s])->end);
      append_text (markup, self, at, boundary);
      at = boundary;
    }
  while (stack->len > 0)
    close_unit (markup, g_ptr_array_steal_index (stack, stack->len - 1));
  if (to < self->length)
    g_string_append (markup, " …");
  return g_string_free (markup, FALSE);
}

/* "GPE", "PERSON + GPE", or "—" for no span; a span that covers other text
 * than the disagreement as a whole says which ("DATE “3 March”"). */
static char *
labels_of (GlossReviewPanel      *self,
           const GlossReviewItem *item,
           GPtrArray             *spans)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < spans->len; i++)
    {
      const GlossSpan *span = spans->pdata[i];
      gint start = gloss_span_get_start (span), end = gloss_span_get_end (span);

      g_string_append_printf (out, "%s%s", i ? " + " : "", span->label);
      if (start != item->start || end != item->end)
        {
          g_autofree char *covered = slice (self, start, MIN (end, start + 24));

          g_string_append_printf (out, " “%s%s”", covered, end > start + 24 ? "…" : "");
        }
    }
  if (spans->len == 0)
    g_string_append (out, "—");
  return g_string_free (out, FALSE);
}

static char *
gold_state (GlossReviewPanel      *self,
            const GlossReviewItem *item)
{
  if (item->gold_choice >= 0)
    /* TRANSLATORS: gold holds this annotator's version of a disagreement */
    return g_strdup_printf (_("gold: %s’s"), gloss_review_get_annotator (self->review, item->gold_choice));
  if (item->gold_choice == GLOSS_REVIEW_GOLD_OWN)
    return g_strdup (_("gold: edited"));
  return g_strdup (_("gold: —"));
}

/* ---- Lanes: every annotator's version of the current disagreement -------------------------- */

static void
clear_children (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    {
      if (GTK_IS_LIST_BOX (box))
        gtk_list_box_remove (GTK_LIST_BOX (box), child);
      else if (GTK_IS_GRID (box))
        gtk_grid_remove (GTK_GRID (box), child);
      else
        gtk_box_remove (GTK_BOX (box), child);
    }
}

static GtkWidget *
lane_label (const char *markup)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  return label;
}

static void
add_lane (GlossReviewPanel *self,
          gint              row,
          const char       *key,
          const char       *name,
          const char       *markup,
          gboolean          chosen,
          const char       *action,
          const char       *button)
{
  GtkWidget *keycap = gtk_label_new (key);
  GtkWidget *who = gtk_label_new (name);
  GtkWidget *text = lane_label (markup);

  gtk_widget_add_css_class (keycap, "hotkey");
  gtk_widget_set_valign (keycap, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (who), 0);
  gtk_label_set_ellipsize (GTK_LABEL (who), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (who), 14);
  gtk_widget_add_css_class (who, chosen ? "heading" : "dim-label");
  gtk_grid_attach (GTK_GRID (self->lanes), keycap, 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (self->lanes), who, 1, row, 1, 1);
  gtk_grid_attach (GTK_GRID (self->lanes), text, 2, row, 1, 1);
  if (chosen)
    {
      GtkWidget *mark = gtk_image_new_from_icon_name ("object-select-symbolic");

      gtk_accessible_update_property (GTK_ACCESSIBLE (mark), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("In gold"), -1);
      gtk_widget_set_tooltip_text (mark, _("Gold holds this version"));
      gtk_grid_attach (GTK_GRID (self->lanes), mark, 3, row, 1, 1);
    }
  else if (action != NULL)
    {
      GtkWidget *take = gtk_button_new_with_label (button);

      gtk_actionable_set_detailed_action_name (GTK_ACTIONABLE (take), action);
      gtk_widget_add_css_class (take, "flat");
      gtk_widget_set_valign (take, GTK_ALIGN_CENTER);
      gtk_grid_attach (GTK_GRID (self->lanes), take, 3, row, 1, 1);
    }
}

static void
show_lanes (GlossReviewPanel *self)
{
  const GlossReviewItem *item;
  guint n = gloss_review_get_n_annotators (self->review);
  g_autofree char *gold = NULL;

  clear_children (self->lanes);
  if (self->current < 0)
    return;
  item = gloss_review_get_disagreement (self->review, self->current);
  for (guint a = 0; a < n; a++)
    {
      g_autofree char *markup = lane_markup (self, item->versions[a], item->start, item->end);
      g_autofree char *key = a < 9 ? g_strdup_printf ("Alt+%u", a + 1) : g_strdup ("");
      g_autofree char *action = a < 9 ? g_strdup_printf ("review.take(%u)", a + 1) : NULL;

      add_lane (self, a, key, gloss_review_get_annotator (self->review, a), markup,
                item->gold_choice == (gint) a, action, _("Take"));
    }
  gold = lane_markup (self, item->gold, item->start, item->end);
  /* TRANSLATORS: the gold lane when gold holds nothing at a disagreement */
  add_lane (self, n, "Alt+0", _("Gold"), item->gold->len > 0 ? gold : _("<i>nothing</i>"),
            FALSE, item->gold->len > 0 ? "review.take(0)" : NULL, _("Clear"));
}

/* ---- The list and the current disagreement -------------------------------------------------- */

static GtkWidget *
list_row (GlossReviewPanel      *self,
          const GlossReviewItem *item)
{
  GString *text = g_string_new (NULL);
  g_autofree char *covered = slice (self, item->start, MIN (item->end, item->start + 40));
  g_autofree char *shown = g_strconcat (covered, item->end > item->start + 40 ? "…" : "", NULL);
  g_autofree char *quoted = gloss_text_quote (shown);
  g_autofree char *gold = gold_state (self, item);
  GtkWidget *label;

  g_string_append_printf (text, "%s  ", quoted);
  for (guint a = 0; a < gloss_review_get_n_annotators (self->review); a++)
    {
      g_autofree char *labels = labels_of (self, item, item->versions[a]);

      g_string_append_printf (text, "%s %s · ", gloss_review_get_annotator (self->review, a), labels);
    }
  g_string_append (text, gold);
  label = gtk_label_new (text->str);
  g_string_free (text, TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (item->gold_choice != GLOSS_REVIEW_GOLD_EMPTY)
    gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static void
update_position (GlossReviewPanel *self)
{
  guint n = gloss_review_get_n_disagreements (self->review);
  guint annotators = gloss_review_get_n_annotators (self->review);
  guint agreed = gloss_review_count_open_agreed (self->review);
  g_autofree char *position = NULL;
  g_autofree char *agreed_label = NULL;

  if (annotators == 0)
    position = g_strdup (_("No annotator has worked on this document"));
  else if (n == 0)
    position = g_strdup (_("No disagreements"));
  else if (self->current >= 0)
    position = g_strdup_printf (_("Disagreement %d of %u"), self->current + 1, n);
  else
    position = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u disagreement", "%u disagreements", n), n);
  gtk_label_set_text (GTK_LABEL (self->position_label), position);

  agreed_label = g_strdup_printf (_("Take Agreed (%u)"), agreed);
  gtk_button_set_label (GTK_BUTTON (self->agreed_button), agreed_label);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions),
                                                                             "take-agreed")), agreed > 0);
  gtk_label_set_text (GTK_LABEL (self->hint_label),
                      n > 0 ? _("F6 next · Alt+1…9 take that annotator’s version · Alt+0 none · "
                                "Ctrl+Shift+Return take all agreed · Ctrl+R leave")
                            : agreed > 0 ? _("Ctrl+Shift+Return takes every span all annotators agree on.")
                                         : _("Gold holds what the annotators agree on. Mark it done with Ctrl+Return."));
}

static void
show_current (GlossReviewPanel *self,
              gboolean          scroll)
{
  GtkListBoxRow *row = self->current >= 0
                       ? gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->list), self->current) : NULL;

  self->filling = TRUE;
  gtk_list_box_select_row (GTK_LIST_BOX (self->list), row);
  self->filling = FALSE;
  show_lanes (self);
  update_position (self);
  gloss_article_view_set_marks (self->article, self->marks, self->current);
  if (scroll && self->current >= 0)
    {
      const GlossReviewItem *item = gloss_review_get_disagreement (self->review, self->current);

      gloss_article_view_select_range (self->article, item->start, item->end);
    }
}

static void
fill (GlossReviewPanel *self)
{
  guint n = gloss_review_get_n_disagreements (self->review);

  self->filling = TRUE;
  clear_children (self->list);
  g_array_set_size (self->marks, 0);
  for (guint i = 0; i < n; i++)
    {
      const GlossReviewItem *item = gloss_review_get_disagreement (self->review, i);
      GlossFragment mark = { item->start, item->end };

      gtk_list_box_append (GTK_LIST_BOX (self->list), list_row (self, item));
      g_array_append_val (self->marks, mark);
    }
  gtk_widget_set_visible (self->list_frame, n > 0);
  self->filling = FALSE;
  if (self->current >= (gint) n)
    self->current = (gint) n - 1;
  if (self->current < 0 && n > 0)
    self->current = 0;
}

static void
on_row_selected (GtkListBox       *list,
                 GtkListBoxRow    *row,
                 GlossReviewPanel *self)
{
  if (self->filling || row == NULL)
    return;
  self->current = gtk_list_box_row_get_index (row);
  show_current (self, TRUE);
}

/* ---- Actions --------------------------------------------------------------------------------- */

static void
step (GlossReviewPanel *self,
      gint              by)
{
  gint n = (gint) gloss_review_get_n_disagreements (self->review);

  if (n == 0)
    {
      g_signal_emit (self, signals[MESSAGE], 0, _("No disagreements in this document"));
      return;
    }
  /* Wraps, like F8 over suggestions. */
  self->current = ((self->current < 0 ? (by > 0 ? -1 : 0) : self->current) + by + n) % n;
  show_current (self, TRUE);
}

static void
next_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       data)
{
  step (data, 1);
}

static void
previous_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       data)
{
  step (data, -1);
}

static void
after_take (GlossReviewPanel *self,
            gboolean          ok,
            GError           *error,
            const char       *done)
{
  if (!ok)
    {
      g_signal_emit (self, signals[MESSAGE], 0, error->message);
      return;
    }
  g_signal_emit (self, signals[TAKEN], 0);
  fill (self);
  show_current (self, FALSE);
  g_signal_emit (self, signals[MESSAGE], 0, done);
}

/* Alt+1…Alt+9 take annotator 1…9's version, Alt+0 none (take(0)). */
static void
take_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       data)
{
  GlossReviewPanel *self = data;
  gint which = g_variant_get_int32 (parameter) - 1;
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;
  gboolean ok;

  if (self->current < 0)
    {
      g_signal_emit (self, signals[MESSAGE], 0, _("No disagreement to decide here"));
      return;
    }
  if (which >= (gint) gloss_review_get_n_annotators (self->review))
    {
      g_autofree char *message = g_strdup_printf (_("There is no annotator %d in this document"), which + 1);

      g_signal_emit (self, signals[MESSAGE], 0, message);
      return;
    }
  done = which >= 0
         ? g_strdup_printf (_("Took %s’s version into gold. Ctrl+Z undoes it."),
                            gloss_review_get_annotator (self->review, which))
         : g_strdup (_("Gold holds nothing here now. Ctrl+Z undoes it."));
  ok = gloss_review_take (self->review, self->current, which, &error);
  after_take (self, ok, error, done);
}

static void
take_agreed_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       data)
{
  GlossReviewPanel *self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;
  guint taken = 0;
  gboolean ok;

  ok = gloss_review_take_agreed (self->review, &taken, &error);
  done = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Took %u span every annotator agrees on into gold. Ctrl+Z undoes it.",
                                       "Took %u spans every annotator agrees on into gold. Ctrl+Z undoes it.",
                                       taken), taken);
  after_take (self, ok, error, done);
}

static const GActionEntry panel_actions[] = {
  { "next", next_activated },
  { "previous", previous_activated },
  { "take", take_activated, "i" },
  { "take-agreed", take_agreed_activated },
};

/* ---- Public ---------------------------------------------------------------------------------- */

static void
set_enabled (GlossReviewPanel *self,
             gboolean          enabled)
{
  for (guint i = 0; i < G_N_ELEMENTS (panel_actions); i++)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions),
                                                                               panel_actions[i].name)),
                                 enabled);
}

/**
 * gloss_review_panel_open:
 *
 * Starts reviewing @document: the store works in gold from now on, until
 * gloss_review_panel_close ().
 */
gboolean
gloss_review_panel_open (GlossReviewPanel     *self,
                         GlossStore           *store,
                         const GlossDocument  *document,
                         GlossArticleView     *article,
                         GError              **error)
{
  g_autoptr(GlossReview) review = NULL;

  g_return_val_if_fail (GLOSS_IS_REVIEW_PANEL (self), FALSE);
  g_return_val_if_fail (document != NULL && document->text != NULL, FALSE);

  review = gloss_review_new (store, document->rowid, error);
  if (review == NULL)
    return FALSE;
  g_set_object (&self->store, store);
  g_set_object (&self->article, article);
  g_set_object (&self->review, review);
  g_free (self->text);
  self->text = g_strdup (document->text);
  self->length = g_utf8_strlen (self->text, -1);
  self->current = -1;
  set_enabled (self, TRUE);
  fill (self);
  show_current (self, self->current >= 0);
  return TRUE;
}

void
gloss_review_panel_close (GlossReviewPanel *self)
{
  g_return_if_fail (GLOSS_IS_REVIEW_PANEL (self));

  if (self->article != NULL)
    gloss_article_view_set_marks (self->article, NULL, -1);
  g_clear_object (&self->review);
  g_clear_object (&self->article);
  g_clear_object (&self->store);
  g_clear_pointer (&self->text, g_free);
  set_enabled (self, FALSE);
}

gboolean
gloss_review_panel_is_open (GlossReviewPanel *self)
{
  g_return_val_if_fail (GLOSS_IS_REVIEW_PANEL (self), FALSE);
  return self->review != NULL;
}

/**
 * gloss_review_panel_reload:
 *
 * Reads the sets again after a change the panel did not make (an undo, an
 * edit of gold in the article, another annotator's work arriving).
 */
void
gloss_review_panel_reload (GlossReviewPanel *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (GLOSS_IS_REVIEW_PANEL (self));

  if (self->review == NULL)
    return;
  if (!gloss_review_reload (self->review, &error))
    {
      g_signal_emit (self, signals[MESSAGE], 0, error->message);
      return;
    }
  fill (self);
  show_current (self, FALSE);
}

GlossReview *
gloss_review_panel_get_review (GlossReviewPanel *self)
{
  g_return_val_if_fail (GLOSS_IS_REVIEW_PANEL (self), NULL);
  return self->review;
}

gint
gloss_review_panel_get_current (GlossReviewPanel *self)
{
  g_return_val_if_fail (GLOSS_IS_REVIEW_PANEL (self), -1);
  return self->current;
}

GActionGroup *
gloss_review_panel_get_actions (GlossReviewPanel *self)
{
  g_return_val_if_fail (GLOSS_IS_REVIEW_PANEL (self), NULL);
  return G_ACTION_GROUP (self->actions);
}

/* ---- Construction ---------------------------------------------------------------------------- */

static void
gloss_review_panel_dispose (GObject *object)
{
  GlossReviewPanel *self = GLOSS_REVIEW_PANEL (object);

  g_clear_object (&self->review);
  g_clear_object (&self->article);
  g_clear_object (&self->store);
  g_clear_object (&self->actions);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->marks, g_array_unref);

  G_OBJECT_CLASS (gloss_review_panel_parent_class)->dispose (object);
}

static void
gloss_review_panel_class_init (GlossReviewPanelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = gloss_review_panel_dispose;

  /* After a version was taken into gold: the article shows gold again. */
  signals[TAKEN] = g_signal_new ("taken", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* A line for the window's status. */
  signals[MESSAGE] = g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "reviewpanel");
}

static GtkWidget *
header (GlossReviewPanel *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (_("Review"));
  GtkWidget *previous = gtk_button_new_from_icon_name ("go-up-symbolic");
  GtkWidget *next = gtk_button_new_from_icon_name ("go-down-symbolic");
  GtkWidget *leave = gtk_button_new_with_label (_("Leave Review"));

  gtk_widget_add_css_class (title, "heading");
  self->position_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->position_label), 0);
  gtk_widget_set_hexpand (self->position_label, TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (previous), "review.previous");
  gtk_widget_set_tooltip_text (previous, _("Previous disagreement (Shift+F6)"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (next), "review.next");
  gtk_widget_set_tooltip_text (next, _("Next disagreement (F6)"));
  self->agreed_button = gtk_button_new_with_label (_("Take Agreed"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->agreed_button), "review.take-agreed");
  gtk_widget_set_tooltip_text (self->agreed_button,
                               _("Take every span all annotators agree on into gold (Ctrl+Shift+Return)"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (leave), "win.review");
  gtk_widget_set_tooltip_text (leave, _("Back to annotating your own set (Ctrl+R)"));
  for (GtkWidget *b = previous; b != NULL; b = b == previous ? next : NULL)
    gtk_widget_add_css_class (b, "flat");

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), self->position_label);
  gtk_box_append (GTK_BOX (box), previous);
  gtk_box_append (GTK_BOX (box), next);
  gtk_box_append (GTK_BOX (box), self->agreed_button);
  gtk_box_append (GTK_BOX (box), leave);
  return box;
}

static void
gloss_review_panel_init (GlossReviewPanel *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *frame = self->list_frame = gtk_frame_new (NULL);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);
  gtk_widget_add_css_class (GTK_WIDGET (self), "review-panel");
  self->current = -1;
  self->marks = g_array_new (FALSE, FALSE, sizeof (GlossFragment));
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), panel_actions,
                                   G_N_ELEMENTS (panel_actions), self);
  set_enabled (self, FALSE);

  gtk_box_append (GTK_BOX (self), header (self));

  self->lanes = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (self->lanes), 10);
  gtk_grid_set_row_spacing (GTK_GRID (self->lanes), 4);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->lanes), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Each annotator’s version of the current disagreement"), -1);
  gtk_box_append (GTK_BOX (self), self->lanes);

  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_SINGLE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Disagreements"), -1);
  g_signal_connect (self->list, "row-selected", G_CALLBACK (on_row_selected), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 120);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_frame_set_child (GTK_FRAME (frame), scroller);
  gtk_box_append (GTK_BOX (self), frame);

  self->hint_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->hint_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->hint_label), TRUE);
  gtk_widget_add_css_class (self->hint_label, "dim-label");
  gtk_box_append (GTK_BOX (self), self->hint_label);
}

GtkWidget *
gloss_review_panel_new (void)
{
  return g_object_new (GLOSS_TYPE_REVIEW_PANEL, NULL);
}
