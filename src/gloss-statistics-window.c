/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-statistics-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "gloss-chart.h"
#include "gloss-dialogs.h"
#include "gloss-statistics.h"
#include "gloss-statistics-window.h"

struct _GlossStatisticsWindow
{
  GtkWindow        parent_instance;

  GlossStore      *store;
  GlossStatistics *statistics;
  GCancellable    *cancellable;
  GArray          *bars;          /* GlossChartBar of the layer shown */
  GlossConfusion  *confusion;     /* of the pair shown, or NULL */
  char            *first;
  char            *second;

  GtkStack        *stack;         /* the window's child */
  GtkProgressBar  *progress;   /* pulses while counting (no icon: see busy_pulse) */
  guint            pulse_id;
  GtkLabel        *error_label;
  GtkLabel        *documents_caption;
  GtkGrid         *documents_grid;
  GtkGrid         *spans_grid;
  GtkStack        *team_stack;
  GtkLabel        *empty_label;
  GtkDropDown     *layer_dropdown;
  GtkLabel        *agreement_caption;
  GtkDrawingArea  *agreement_area;
  GtkDropDown     *first_dropdown;
  GtkDropDown     *second_dropdown;
  GtkLabel        *confusion_caption;
  GtkDrawingArea  *confusion_area;
};

G_DEFINE_FINAL_TYPE (GlossStatisticsWindow, gloss_statistics_window, GTK_TYPE_WINDOW)

enum { PROP_0, PROP_READY, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void compute (GlossStatisticsWindow *self);

/* ---- Colours and text from the theme ---- */

static gboolean
is_dark (const GdkRGBA *foreground)
{
  return 0.2126 * foreground->red + 0.7152 * foreground->green + 0.0722 * foreground->blue > 0.5;
}

static void
lookup_color (GtkStyleContext *context,
              const char      *name,
              const char      *fallback,
              GdkRGBA         *color)
{
  if (!gtk_style_context_lookup_color (context, name, color))
    gdk_rgba_parse (color, fallback);
}

/* The theme's text colour and background, GNOME's palette for the marks:
 * lighter shades on a dark background, darker ones on a light one. */
static void
read_style (GtkWidget       *widget,
            GlossChartStyle *style)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  gboolean dark;

  gtk_style_context_get_color (context, &style->foreground);
  dark = is_dark (&style->foreground);
  lookup_color (context, "theme_bg_color", dark ? "#242424" : "#fafafa", &style->background);
  style->background.alpha = 0;
  gdk_rgba_parse (&style->first, dark ? "#62a0ea" : "#1c71d8");
  gdk_rgba_parse (&style->second, dark ? "#8ff0a4" : "#26a269");
  gdk_rgba_parse (&style->conflict, dark ? "#ffa348" : "#e66100");
  style->font = pango_context_get_font_description (gtk_widget_get_pango_context (widget));
}

/* ---- Tables ---- */

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static void
attach_text (GtkGrid    *grid,
             const char *text,
             int         column,
             int         row,
             gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0 : 1);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  if (column > 0 && !heading)
    gtk_widget_add_css_class (label, "numeric");
  gtk_grid_attach (grid, label, column, row, 1, 1);
}

static void
attach_count (GtkGrid *grid,
              gint64   count,
              int      column,
              int      row)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, count);

  attach_text (grid, text, column, row, FALSE);
}

/* A set that holds only relations or decisions has no counts: zeros. */
static gint64
count_of (GlossStatistics *statistics,
          const char      *set,
          const char      *group,
          const char      *key)
{
  JsonObject *figures = gloss_statistics_get_set (statistics, set);
  JsonObject *counts = figures != NULL && json_object_has_member (figures, group)
                       ? json_object_get_object_member (figures, group) : NULL;

  return counts != NULL ? json_object_get_int_member_with_default (counts, key, 0) : 0;
}

static const char *
set_title (const char *set)
{
  return g_str_equal (set, "gold") ? _("gold (adjudicated)") : set;
}

static void
fill_documents (GlossStatisticsWindow *self)
{
  const char * const *sets = gloss_statistics_get_sets (self->statistics);
  static const char * const statuses[] = { "new", "in-progress", "done" };
  const char *titles[] = { _("New"), _("In progress"), _("Done") };
  g_autofree char *caption = NULL;

  clear_grid (self->documents_grid);
  attach_text (self->documents_grid, _("Annotator"), 0, 0, TRUE);
  for (guint s = 0; s < G_N_ELEMENTS (statuses); s++)
    attach_text (self->documents_grid, titles[s], s + 1, 0, TRUE);
  for (guint i = 0; sets[i] != NULL; i++)
    {
      attach_text (self->documents_grid, set_title (sets[i]), 0, i + 1, FALSE);
      for (guint s = 0; s < G_N_ELEMENTS (statuses); s++)
        attach_count (self->documents_grid, count_of (self->statistics, sets[i], "documents", statuses[s]),
                      s + 1, i + 1);
    }
  if (sets[0] == NULL)
    attach_text (self->documents_grid, _("Nobody has annotated yet"), 0, 1, FALSE);
  caption = g_strdup_printf (_("%u documents in the project, %u adjudicated (the gold set marked done)."),
                             gloss_statistics_get_documents (self->statistics),
                             gloss_statistics_get_adjudicated (self->statistics));
  gtk_label_set_text (self->documents_caption, caption);
}

/* Labels nobody used are left out; every layer's, in schema order. */
static void
fill_spans (GlossStatisticsWindow *self)
{
  const char * const *sets = gloss_statistics_get_sets (self->statistics);
  const char * const *layers = gloss_statistics_get_layers (self->statistics);
  int row = 1;

  clear_grid (self->spans_grid);
  attach_text (self->spans_grid, _("Label"), 0, 0, TRUE);
  for (guint i = 0; sets[i] != NULL; i++)
    attach_text (self->spans_grid, sets[i], i + 1, 0, TRUE);
  for (guint l = 0; layers[l] != NULL; l++)
    {
      const char * const *labels = gloss_statistics_get_labels (self->statistics, layers[l]);

      for (guint j = 0; labels[j] != NULL; j++)
        {
          gint64 total = 0;

          for (guint i = 0; sets[i] != NULL; i++)
            total += count_of (self->statistics, sets[i], "spans", labels[j]);
          if (total == 0)
            continue;
          attach_text (self->spans_grid, labels[j], 0, row, FALSE);
          for (guint i = 0; sets[i] != NULL; i++)
            attach_count (self->spans_grid, count_of (self->statistics, sets[i], "spans", labels[j]), i + 1, row);
          row++;
        }
    }
  if (row == 1)
    attach_text (self->spans_grid, _("No spans yet"), 0, 1, FALSE);
}

/* ---- Agreement chart ---- */

static double
value_of (JsonObject *values,
          const char *member)
{
  JsonNode *node = values != NULL ? json_object_get_member (values, member) : NULL;

  return node == NULL || JSON_NODE_HOLDS_NULL (node) ? NAN : json_node_get_double (node);
}

static gboolean
label_used (JsonObject *values)
{
  JsonObject *counts = json_object_get_object_member (values, "count");
  g_autoptr(GList) list = counts != NULL ? json_object_get_values (counts) : NULL;

  for (GList *l = list; l != NULL; l = l->next)
    if (json_node_get_int (l->data) > 0)
      return TRUE;
  return FALSE;
}

static const char *
current_layer (GlossStatisticsWindow *self)
{
  const char * const *layers = gloss_statistics_get_layers (self->statistics);
  guint i = gtk_drop_down_get_selected (self->layer_dropdown);

  return i < g_strv_length ((GStrv) layers) ? layers[i] : NULL;
}

static void
add_bar (GlossStatisticsWindow *self,
         const char            *label,
         JsonObject            *values,
         GString               *description)
{
  GlossChartBar bar = { label, value_of (values, "exact_f1"), value_of (values, "overlap_f1") };

  g_autofree char *exact = isnan (bar.exact) ? g_strdup (_("n/a")) : g_strdup_printf ("%.2f", bar.exact);
  g_autofree char *overlap = isnan (bar.overlap) ? g_strdup (_("n/a")) : g_strdup_printf ("%.2f", bar.overlap);

  g_array_append_val (self->bars, bar);
  g_string_append_printf (description, _("%s: exact F1 %s, overlap F1 %s. "), label, exact, overlap);
}

static void
collect_bars (GlossStatisticsWindow *self)
{
  const char *layer = current_layer (self);
  JsonObject *agreement = gloss_statistics_get_agreement (self->statistics, layer);
  const char * const *labels = gloss_statistics_get_labels (self->statistics, layer);
  JsonObject *per_label;
  g_autoptr(GString) description = g_string_new (NULL);
  g_autofree char *caption = NULL;

  g_array_set_size (self->bars, 0);
  if (agreement == NULL)
    return;
  per_label = json_object_get_object_member (agreement, "labels");
  add_bar (self, _("All labels"), json_object_get_object_member (agreement, "overall"), description);
  for (guint i = 0; labels[i] != NULL; i++)
    if (json_object_has_member (per_label, labels[i])
        && label_used (json_object_get_object_member (per_label, labels[i])))
      add_bar (self, labels[i], json_object_get_object_member (per_label, labels[i]), description);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->agreement_area), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description->str, -1);
  gtk_drawing_area_set_content_height (self->agreement_area, gloss_chart_agreement_height (self->bars->len));
  caption = g_strdup_printf (gloss_statistics_get_any_status (self->statistics)
                             ? _("Layer %s, averaged over pairs of annotators, on every document both have.")
                             : _("Layer %s, averaged over pairs of annotators, on the documents both marked done; "
                                 "n/a where no document counts."),
                             layer);
  gtk_label_set_text (self->agreement_caption, caption);
  gtk_widget_queue_draw (GTK_WIDGET (self->agreement_area));
}

static void
draw_agreement (cairo_t               *cr,
                int                    width,
                int                    height,
                const GlossChartStyle *style,
                gpointer               data)
{
  GArray *bars = data;

  gloss_chart_draw_agreement (cr, width, height, style, (const GlossChartBar *) bars->data, bars->len);
}

static void
agreement_area_draw (GtkDrawingArea *area,
                     cairo_t        *cr,
                     int             width,
                     int             height,
                     gpointer        user_data)
{
  GlossStatisticsWindow *self = user_data;
  GlossChartStyle style;

  read_style (GTK_WIDGET (area), &style);
  draw_agreement (cr, width, height, &style, self->bars);
}

/* ---- Confusion heat map ---- */

static const char *
chosen (GtkDropDown *dropdown)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (dropdown);

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

static void
describe_confusion (GlossStatisticsWindow *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint k = self->confusion->n_labels + 1;

  for (guint i = 0; i < k; i++)
    for (guint j = 0; j < k; j++)
      if (self->confusion->counts[i * k + j] > 0)
        g_string_append_printf (text, _("%s × %s: %u. "),
                                i < k - 1 ? self->confusion->labels[i] : _("no span"),
                                j < k - 1 ? self->confusion->labels[j] : _("no span"),
                                self->confusion->counts[i * k + j]);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->confusion_area), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text->str, -1);
}

static void
update_confusion (GlossStatisticsWindow *self)
{
  int width, height;

  g_clear_pointer (&self->confusion, gloss_confusion_free);
  g_free (self->first);
  g_free (self->second);
  self->first = g_strdup (chosen (self->first_dropdown));
  self->second = g_strdup (chosen (self->second_dropdown));
  self->confusion = gloss_statistics_get_confusion (self->statistics, current_layer (self), self->first,
                                                    self->second);
  gtk_widget_set_visible (GTK_WIDGET (self->confusion_area), self->confusion != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stats.export", self->confusion != NULL);
  if (self->confusion == NULL)
    {
      gtk_label_set_text (self->confusion_caption, _("Choose two different annotators."));
      return;
    }
  gtk_label_set_text (self->confusion_caption,
                      _("Span pairs that overlap: the same label on the diagonal, different labels off it; "
                        "“no span” counts spans the other annotator has nothing overlapping for."));
  gloss_chart_confusion_size (self->confusion, &width, &height);
  gtk_drawing_area_set_content_width (self->confusion_area, width);
  gtk_drawing_area_set_content_height (self->confusion_area, height);
  describe_confusion (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->confusion_area));
}

static void
draw_confusion (cairo_t               *cr,
                int                    width,
                int                    height,
                const GlossChartStyle *style,
                gpointer               data)
{
  GlossStatisticsWindow *self = data;
  GlossChartConfusion table = { self->confusion, self->first, self->second };

  if (self->confusion != NULL)
    gloss_chart_draw_confusion (cr, width, height, style, &table);
}

static void
confusion_area_draw (GtkDrawingArea *area,
                     cairo_t        *cr,
                     int             width,
                     int             height,
                     gpointer        user_data)
{
  GlossChartStyle style;

  read_style (GTK_WIDGET (area), &style);
  draw_confusion (cr, width, height, &style, user_data);
}

static void
layer_changed (GlossStatisticsWindow *self)
{
  if (self->statistics == NULL)
    return;
  collect_bars (self);
  update_confusion (self);
}

/* ---- Showing the figures ---- */

static void
set_strings (GtkDropDown        *dropdown,
             const char * const *strings,
             guint               selected)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (strings);

  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (dropdown, selected);
}

static void
show_team (GlossStatisticsWindow *self)
{
  const char * const *annotators = gloss_statistics_get_annotators (self->statistics);
  guint n = g_strv_length ((GStrv) annotators);
  g_autofree char *empty = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stats.export", n >= 2);
  if (n < 2)
    {
      empty = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "This project has %u annotator’s set. Merge the annotators’ copies "
                                            "into one project (gloss-cli merge TEAM PROJECT…) to compare them.",
                                            "This project has %u annotators’ sets. Merge the annotators’ copies "
                                            "into one project (gloss-cli merge TEAM PROJECT…) to compare them.", n),
                               n);
      gtk_label_set_text (self->empty_label, empty);
      gtk_stack_set_visible_child_name (self->team_stack, "empty");
      return;
    }
  set_strings (self->layer_dropdown, gloss_statistics_get_layers (self->statistics), 0);
  set_strings (self->first_dropdown, annotators, 0);
  set_strings (self->second_dropdown, annotators, 1);
  gtk_stack_set_visible_child_name (self->team_stack, "charts");
  layer_changed (self);
}

static void
computed (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStatistics) statistics = gloss_statistics_new_finish (result, &error);
  GlossStatisticsWindow *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = GLOSS_STATISTICS_WINDOW (user_data);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stats.refresh", TRUE);
  if (statistics == NULL)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  g_set_object (&self->statistics, statistics);
  fill_documents (self);
  fill_spans (self);
  show_team (self);
  gtk_stack_set_visible_child_name (self->stack, "figures");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
}

/* A pulsing bar rather than a spinner: the spinner's icon is an SVG that
 * GTK decodes in a thread, which gdk-pixbuf now and then fails to do while
 * other textures load ("Unrecognized image file format"). */
static gboolean
busy_pulse (gpointer data)
{
  GlossStatisticsWindow *self = data;

  gtk_progress_bar_pulse (self->progress);
  return G_SOURCE_CONTINUE;
}

/* Counting reads every set of every document: a thread with its own
 * connection does it, so the main window's store keeps its set. */
static void
compute (GlossStatisticsWindow *self)
{
  gboolean was_ready = self->statistics != NULL;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* The bars' labels belong to the figures being replaced. */
  g_array_set_size (self->bars, 0);
  g_clear_pointer (&self->confusion, gloss_confusion_free);
  g_clear_object (&self->statistics);
  self->cancellable = g_cancellable_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stats.refresh", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stats.export", FALSE);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  self->pulse_id = g_timeout_add (120, busy_pulse, self);
  gtk_stack_set_visible_child_name (self->stack, "busy");
  if (was_ready)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
  gloss_statistics_new_async (gloss_store_get_path (self->store), FALSE, self->cancellable, computed, self);
}

/* ---- Export ---- */

/**
 * gloss_statistics_window_export:
 * @chart: "agreement" or "confusion"
 * @path: a file name ending in .svg for SVG, else PNG is written
 *
 * Saves a chart as the window shows it, in the window's colours.
 *
 * Returns: %FALSE with @error set when there is no such chart yet or the file
 *   cannot be written
 */
gboolean
gloss_statistics_window_export (GlossStatisticsWindow  *self,
                                const char             *chart,
                                const char             *path,
                                GError                **error)
{
  GlossChartFormat format = gloss_chart_format_for_path (path);
  GlossChartStyle style;
  int width, height;

  g_return_val_if_fail (GLOSS_IS_STATISTICS_WINDOW (self), FALSE);

  if (self->statistics == NULL || (g_strcmp0 (chart, "confusion") == 0 ? self->confusion == NULL
                                                                        : self->bars->len == 0))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("There is no chart to export yet: agreement needs two annotators’ sets"));
      return FALSE;
    }
  read_style (GTK_WIDGET (self), &style);
  if (g_strcmp0 (chart, "confusion") == 0)
    {
      gloss_chart_confusion_size (self->confusion, &width, &height);
      return gloss_chart_export (path, format, width, height, &style, draw_confusion, self, error);
    }
  width = MAX (640, gtk_widget_get_width (GTK_WIDGET (self->agreement_area)));
  height = gloss_chart_agreement_height (self->bars->len);
  return gloss_chart_export (path, format, width, height, &style, draw_agreement, self->bars, error);
}

static void
export_chosen (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GlossStatisticsWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *format = NULL;
  g_autoptr(GFile) file = gloss_dialogs_save_finish (result, &format, &error);
  g_autofree char *path = NULL;
  const char *chart = g_object_get_data (G_OBJECT (self), "export-chart");

  if (file == NULL)
    return;
  path = g_file_get_path (file);
  if (!g_str_has_suffix (path, ".png") && !g_str_has_suffix (path, ".svg"))
    {
      char *named = g_strconcat (path, ".", format, NULL);

      g_free (path);
      path = named;
    }
  if (!gloss_statistics_window_export (self, chart, path, &error))
    gloss_dialogs_show_error (GTK_WINDOW (self), _("The chart was not saved"), error->message);
}

static void
export_activated (GtkWidget  *widget,
                  const char *action,
                  GVariant   *parameter)
{
  GlossStatisticsWindow *self = GLOSS_STATISTICS_WINDOW (widget);
  const char *chart = g_variant_get_string (parameter, NULL);
  static const char * const formats[] = { "png", "svg", NULL };
  gboolean confusion = g_str_equal (chart, "confusion");
  g_autofree char *name = confusion ? g_strdup_printf ("confusion-%s-%s.png", self->first, self->second)
                                    : g_strdup_printf ("agreement-%s.png", current_layer (self));

  g_object_set_data_full (G_OBJECT (self), "export-chart", g_strdup (confusion ? "confusion" : "agreement"),
                          g_free);
  gloss_dialogs_save (GTK_WINDOW (self), confusion ? _("Export the Confusion Heat Map")
                                                   : _("Export the Agreement Chart"),
                      name, formats, NULL, export_chosen, g_object_ref (self));
}

static void
refresh_activated (GtkWidget  *widget,
                   const char *action,
                   GVariant   *parameter)
{
  compute (GLOSS_STATISTICS_WINDOW (widget));
}

/* ---- The object ---- */

/**
 * gloss_statistics_window_set_pair:
 *
 * Shows the confusion of @first (rows) and @second (columns).
 *
 * Returns: %FALSE when either is not an annotator of the project
 */
gboolean
gloss_statistics_window_set_pair (GlossStatisticsWindow *self,
                                  const char            *first,
                                  const char            *second)
{
  const char * const *annotators;
  guint a = GTK_INVALID_LIST_POSITION, b = GTK_INVALID_LIST_POSITION;

  g_return_val_if_fail (GLOSS_IS_STATISTICS_WINDOW (self), FALSE);

  if (self->statistics == NULL)
    return FALSE;
  annotators = gloss_statistics_get_annotators (self->statistics);
  for (guint i = 0; annotators[i] != NULL; i++)
    {
      if (g_strcmp0 (annotators[i], first) == 0)
        a = i;
      if (g_strcmp0 (annotators[i], second) == 0)
        b = i;
    }
  if (a == GTK_INVALID_LIST_POSITION || b == GTK_INVALID_LIST_POSITION)
    return FALSE;
  gtk_drop_down_set_selected (self->first_dropdown, a);
  gtk_drop_down_set_selected (self->second_dropdown, b);
  return TRUE;
}

/**
 * gloss_statistics_window_is_ready:
 *
 * Returns: whether the figures are counted and shown
 */
gboolean
gloss_statistics_window_is_ready (GlossStatisticsWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_STATISTICS_WINDOW (self), FALSE);
  return self->statistics != NULL;
}

static void
gloss_statistics_window_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  GlossStatisticsWindow *self = GLOSS_STATISTICS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_READY:
      g_value_set_boolean (value, gloss_statistics_window_is_ready (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_statistics_window_dispose (GObject *object)
{
  GlossStatisticsWindow *self = GLOSS_STATISTICS_WINDOW (object);

  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_STATISTICS_WINDOW);
  g_clear_object (&self->statistics);
  g_clear_object (&self->store);
  g_clear_pointer (&self->confusion, gloss_confusion_free);
  g_clear_pointer (&self->bars, g_array_unref);
  g_clear_pointer (&self->first, g_free);
  g_clear_pointer (&self->second, g_free);
  G_OBJECT_CLASS (gloss_statistics_window_parent_class)->dispose (object);
}

static void
gloss_statistics_window_class_init (GlossStatisticsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_statistics_window_dispose;
  object_class->get_property = gloss_statistics_window_get_property;

  properties[PROP_READY] = g_param_spec_boolean ("ready", NULL, NULL, FALSE,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/gloss/Gloss/gloss-statistics-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossStatisticsWindow, progress);
  gtk_widget_class_bind_template_child (widget_class, GlossStatisticsWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, GlossStatisticsWindow, documents_caption);
  gtk_widget_class_bind_template_child (widget_class, GlossStatisticsWindow, documents_grid);
  gtk_widget_class_bind_template_child (widget_class, GlossStatisticsWindow, spans_grid);
  gtk_widget_class_bind_template_child (widget_class, GlossStatisticsWindow, team_stack);
  gtk_widget_class_bind_template_child (widget_class, GlossStatisticsWindow, empty_label);
  gtk_widget_class_bind_template_child (widget_class, GlossStatisticsWindow, layer_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GlossStatisticsWindow, agreement_caption);
  gtk_widget_class_bind_template_child (widget_class, GlossStatisticsWindow, agreement_area);
  gtk_widget_class_bind_template_child (widget_class, GlossStatisticsWindow, first_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GlossStatisticsWindow, second_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GlossStatisticsWindow, confusion_caption);
  gtk_widget_class_bind_template_child (widget_class, GlossStatisticsWindow, confusion_area);

  gtk_widget_class_install_action (widget_class, "stats.export", "s", export_activated);
  gtk_widget_class_install_action (widget_class, "stats.refresh", NULL, refresh_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "stats.refresh", NULL);
}

static void
gloss_statistics_window_init (GlossStatisticsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Not bound: gtk_widget_dispose_template () would unparent the window's
   * child behind GtkWindow's back. */
  self->stack = GTK_STACK (gtk_window_get_child (GTK_WINDOW (self)));

  self->bars = g_array_new (FALSE, FALSE, sizeof (GlossChartBar));
  gtk_drawing_area_set_draw_func (self->agreement_area, agreement_area_draw, self, NULL);
  gtk_drawing_area_set_draw_func (self->confusion_area, confusion_area_draw, self, NULL);
  g_signal_connect_swapped (self->layer_dropdown, "notify::selected", G_CALLBACK (layer_changed), self);
  g_signal_connect_swapped (self->first_dropdown, "notify::selected", G_CALLBACK (layer_changed), self);
  g_signal_connect_swapped (self->second_dropdown, "notify::selected", G_CALLBACK (layer_changed), self);
}

/**
 * gloss_statistics_window_new:
 * @parent: the project's window, which this one stays on top of
 * @store: the project; its figures are read through a connection of their own
 *
 * Returns: (transfer none): the window, counting
 */
GtkWindow *
gloss_statistics_window_new (GtkWindow  *parent,
                             GlossStore *store)
{
  GlossStatisticsWindow *self;

  g_return_val_if_fail (GLOSS_IS_STORE (store), NULL);

  self = g_object_new (GLOSS_TYPE_STATISTICS_WINDOW, "transient-for", parent, "destroy-with-parent", TRUE,
                       NULL);
  self->store = g_object_ref (store);
  compute (self);
  return GTK_WINDOW (self);
}
