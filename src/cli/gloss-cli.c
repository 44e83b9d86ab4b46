/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <errno.h>
#include <locale.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "gloss-export.h"
#include "gloss-import.h"
#include "gloss-store.h"
#include "gloss-suggest.h"
#include "gloss-text.h"

/* Exit statuses, as DESIGN.md's "Command line" has them. */
enum {
  EXIT_OK = 0,
  EXIT_PARTIAL = 1,   /* some input refused, or a line, span or relation skipped */
  EXIT_USAGE = 2,     /* usage error, refused project, unknown document, unwritable output */
};

typedef struct
{
  const char *name;
  const char *summary;
  int       (*run) (int argc, char **argv);
} Command;

static gboolean progress_shown;

/* Ctrl+C (or SIGTERM) cancels an import, export or suggestion run so that no
 * document is half-imported and no file half-written: a thread waits for the
 * signal and cancels, the work sees it at its next check (between documents,
 * and before each quotation of a long one). A second signal ends the program
 * at once: every change is a committed transaction or nothing, and outputs are
 * written beside their place and renamed, so nothing is left half-done. */
static GCancellable *interrupted;

static gpointer
wait_for_interrupt (gpointer data)
{
  sigset_t *signals = data;
  int received;

  if (sigwait (signals, &received) != 0)
    return NULL;
  g_cancellable_cancel (interrupted);
  if (sigwait (signals, &received) == 0)
    _exit (128 + received);
  return NULL;
}

static void
catch_interrupts (void)
{
  static sigset_t signals;

  interrupted = g_cancellable_new ();
  sigemptyset (&signals);
  sigaddset (&signals, SIGINT);
  sigaddset (&signals, SIGTERM);
  pthread_sigmask (SIG_BLOCK, &signals, NULL);
  g_thread_unref (g_thread_new ("gloss-cli-signals", wait_for_interrupt, &signals));
}

/* Messages are one line each, whatever text they quote. */
static void
say (const char *message)
{
  g_autoptr(GString) line = g_string_new (message);

  if (progress_shown)
    {
      fputs ("\r\033[K", stderr);
      progress_shown = FALSE;
    }
  g_string_replace (line, "\r", "\\r", 0);
  g_string_replace (line, "\n", "\\n", 0);
  g_printerr ("gloss-cli: %s\n", line->str);
}

static void
say_error (const GError *error)
{
  say (error->message);
}

static void
on_report (GlossReportKind  kind,
           const char      *message,
           gpointer         user_data)
{
  say (message);
}

/* A progress line only on a terminal: logs and pipes get the messages alone. */
static void
on_progress (guint64  done,
             guint64  total,
             gpointer user_data)
{
  static gint64 last;
  gint64 now = g_get_monotonic_time ();
  const char *what = user_data;

  if (now - last < G_USEC_PER_SEC / 10 && done < total)
    return;
  last = now;
  if (total > 0)
    g_printerr ("\r\033[K%s %3.0f%%", what, 100.0 * done / total);
  else
    g_printerr ("\r\033[K%s %" G_GUINT64_FORMAT, what, done);
  progress_shown = TRUE;
}

static void
end_progress (void)
{
  if (progress_shown)
    fputs ("\r\033[K", stderr);
  progress_shown = FALSE;
}

static int
usage_error (GOptionContext *context,
             const char     *message)
{
  g_autofree char *prgname = g_strdup (g_get_prgname ());

  g_printerr ("gloss-cli: %s\n", message);
  g_printerr (_("Try “%s --help” for more information.\n"), prgname);
  return EXIT_USAGE;
}

static GOptionContext *
new_context (const char *parameters,
             const char *summary,
             GOptionEntry *entries)
{
  GOptionContext *context = g_option_context_new (parameters);

  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return context;
}

static gboolean
parse_options (GOptionContext  *context,
               int             *argc,
               char          ***argv,
               int             *status)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = usage_error (context, error->message);
      return FALSE;
    }
  return TRUE;
}

static GlossStore *
open_project (const char          *path,
              GlossStoreOpenFlags  flags)
{
  g_autoptr(GError) error = NULL;
  GlossStore *store = gloss_store_open (path, flags, &error);

  if (store == NULL)
    say_error (error);
  return store;
}

/* ---- import ---------------------------------------------------------------------- */

/* Checked before the project is opened, so that a mistyped name creates nothing. */
static gboolean
choose_preset (const char   *name,
               GlossPreset  *preset,
               GError      **error)
{
  if (g_str_equal (name, "ontonotes"))
    *preset = GLOSS_PRESET_ONTONOTES;
  else if (g_str_equal (name, "conll2003"))
    *preset = GLOSS_PRESET_CONLL2003;
  else
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--preset: unknown preset “%s”; use ontonotes or conll2003"), name);
      return FALSE;
    }
  return TRUE;
}

/* A format guessed from a file's name and first record is a notice: the user
 * sees how the file was read, and --format chooses otherwise. */
static void
say_guess (const char *path)
{
  const char *format = gloss_import_guess_format (path, NULL);
  g_autofree char *notice = NULL;
  const char *described;

  if (format == NULL || g_str_equal (format, "txt"))
    return;
  if (g_str_equal (format, "jsonl"))
    described = _("Gloss JSON Lines (jsonl)");
  else if (g_str_equal (format, "prodigy"))
    described = _("spaCy/Prodigy JSONL (prodigy)");
  else if (g_str_equal (format, "doccano"))
    described = _("doccano JSONL (doccano)");
  else
    described = format;
  notice = g_strdup_printf (_("%s: read as %s; choose another with --format"), path, described);
  say (notice);
}

static int
run_import (int    argc,
            char **argv)
{
  g_autofree char *format = NULL, *encoding = NULL, *title = NULL, *preset = NULL;
  g_autofree char *names = gloss_import_list_formats ();
  g_autofree char *format_help =
    g_strdup_printf (_("Read the files as F: %s (without it, guessed from the name and, for JSON, "
                       "the first record)"), names);
  gboolean keep_text = FALSE;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, format_help, "F" },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding, N_("The files are in the legacy encoding ENC, not UTF-8"), "ENC" },
    { "keep-text", 0, 0, G_OPTION_ARG_NONE, &keep_text, N_("Store the text exactly as given (no BOM, newline or NFC normalisation)"), NULL },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("Title of the document (one .txt file only)"), "T" },
    { "preset", 0, 0, G_OPTION_ARG_STRING, &preset, N_("Label schema of a new project: ontonotes (default) or conll2003"), "NAME" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    new_context (_("PROJECT PATH… — import articles"),
                 _("Imports .txt articles (one file, one document), Gloss JSON Lines, spaCy/Prodigy\n"
                   "JSONL and doccano exports into PROJECT, creating it if missing. A text already in\n"
                   "the project is skipped with a notice."),
                 entries);
  g_autoptr(GlossStore) store = NULL;
  g_autoptr(GlossReport) report = gloss_report_new (on_report, NULL);
  g_autoptr(GError) error = NULL;
  GlossImportResult result = { 0 };
  GlossImportOptions options = { 0 };
  GlossPreset chosen = GLOSS_PRESET_ONTONOTES;
  guint refused = 0;
  int status;

  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc < 3)
    return usage_error (context, _("import needs a PROJECT and at least one PATH"));
  if (*argv[1] == '\0')
    return usage_error (context, _("PROJECT is an empty path; name a .gloss file"));
  if (title != NULL && (argc > 3 || g_strcmp0 (format ? format : gloss_import_guess_format (argv[2], NULL), "txt") != 0))
    return usage_error (context, _("--title names one document: give it with one .txt file"));
  if (format != NULL && !gloss_import_is_format (format))
    {
      g_autofree char *message = g_strdup_printf (_("--format: unknown format “%s”; use one of: %s"),
                                                  format, names);

      return usage_error (context, message);
    }
  if (preset != NULL && !choose_preset (preset, &chosen, &error))
    return usage_error (context, error->message);

  store = open_project (argv[1], GLOSS_STORE_OPEN_CREATE);
  if (store == NULL)
    return EXIT_USAGE;
  if (gloss_store_is_read_only (store))
    {
      g_autofree char *message =
        g_strdup_printf (_("%s: the project is read-only; nothing was imported (make the file "
                           "and its folder writable, or import into a copy)"), argv[1]);

      say (message);
      return EXIT_USAGE;
    }
  if (preset != NULL && !gloss_store_is_new (store))
    say (_("--preset applies to a new project only; the project keeps its labels"));
  else if (preset != NULL && !gloss_store_apply_preset (store, chosen, &error))
    {
      say_error (error);
      gloss_store_discard_new (store, NULL);
      return EXIT_USAGE;
    }

  options = (GlossImportOptions) { format, encoding, keep_text, title, NULL, NULL };
  if (isatty (STDERR_FILENO))
    {
      options.progress = on_progress;
      options.progress_data = (gpointer) _("importing");
    }

  for (int i = 2; i < argc && !g_cancellable_is_cancelled (interrupted); i++)
    {
      g_clear_error (&error);
      if (format == NULL)
        say_guess (argv[i]);
      if (!gloss_import_path (store, argv[i], &options, report, &result, interrupted, &error))
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            continue;   /* said below */
          say_error (error);
          refused++;
        }
      if (options.progress != NULL && argc > 4)
        on_progress (i - 1, argc - 2, (gpointer) _("importing"));
    }
  end_progress ();
  g_clear_pointer (&result.first_id, g_free);

  /* A project this command made is not left behind with nothing in it. */
  g_clear_error (&error);
  if (result.imported == 0 && gloss_store_discard_new (store, &error))
    {
      g_autofree char *message =
        g_strdup_printf (_("%s: nothing was imported, so the new project was not kept"), argv[1]);

      say (message);
    }
  else if (error != NULL)
    say_error (error);

  if (g_cancellable_is_cancelled (interrupted))
    {
      say (_("interrupted: the documents imported so far are in the project, each whole"));
      return EXIT_USAGE;
    }

  g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %u document into %s",
                        "Imported %u documents into %s", result.imported),
           result.imported, argv[1]);
  if (result.duplicates > 0)
    g_print (_(" (%u already there)"), result.duplicates);
  if (refused > 0)
    g_print (_("; %u file(s) refused"), refused);
  g_print ("\n");

  if (refused > 0 || gloss_report_count (report, GLOSS_REPORT_PROBLEM) > 0)
    return EXIT_PARTIAL;
  return EXIT_OK;
}

/* ---- export ------------------------------------------------------------------------ */

static gboolean
has_layer (GlossStore *store,
           const char *name)
{
  GPtrArray *layers = gloss_store_list_layers (store);

  for (guint i = 0; i < layers->len; i++)
    if (g_str_equal (((GlossLayer *) g_ptr_array_index (layers, i))->name, name))
      return TRUE;
  return FALSE;
}

static int
run_export (int    argc,
            char **argv)
{
  g_autofree char *format = NULL, *output = NULL, *bundle = NULL, *status_name = NULL;
  g_autofree char *layer = NULL, *split = NULL;
  g_autofree char *names = gloss_export_list_formats ();
  g_autofree char *format_help = g_strdup_printf (_("Write format F: %s"), names);
  gint64 seed = 0;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, format_help, "F" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to OUT (a folder for txt) instead of standard output"), "OUT" },
    { "bundle", 0, 0, G_OPTION_ARG_FILENAME, &bundle, N_("Write a dataset bundle into the new or empty folder DIR"), "DIR" },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status_name, N_("Only documents with status S: new, in-progress or done"), "S" },
    { "layer", 0, 0, G_OPTION_ARG_STRING, &layer, N_("Only the spans of layer L"), "L" },
    { "split", 0, 0, G_OPTION_ARG_STRING, &split, N_("Split the documents, as in train=0.8,dev=0.1,test=0.1 (needs --bundle)"), "SPEC" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, N_("Seed of the random split (default 0)"), "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    new_context (_("PROJECT --format F — export documents and annotations"),
                 _("Writes the project's documents in import order. A file or folder appears whole\n"
                   "or not at all."),
                 entries);
  g_autoptr(GlossStore) store = NULL;
  g_autoptr(GlossReport) report = gloss_report_new (on_report, NULL);
  g_autoptr(GError) error = NULL;
  GlossExportOptions options = { 0 };
  GlossExportResult result = { 0 };
  int status;

  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return usage_error (context, _("export needs one PROJECT"));
  if (format == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("export needs --format F (%s)"), names);

      return usage_error (context, message);
    }
  if (!gloss_export_is_format (format))
    {
      g_autofree char *message = g_strdup_printf (_("--format: unknown format “%s”; use one of: %s"),
                                                  format, names);

      return usage_error (context, message);
    }
  if (output != NULL && bundle != NULL)
    return usage_error (context, _("-o and --bundle do not go together: a bundle names its own files"));
  if (seed < 0 || seed > G_MAXUINT32)
    return usage_error (context, _("--seed takes a whole number from 0 to 4294967295"));

  options.format = format;
  options.output = output;
  options.bundle = bundle;
  options.layer = layer;
  options.split = split;
  options.seed = (guint) seed;
  if (status_name != NULL)
    {
      if (!gloss_status_from_string (status_name, &options.status))
        return usage_error (context, _("--status takes new, in-progress or done"));
      options.filter_status = TRUE;
    }

  store = open_project (argv[1], GLOSS_STORE_OPEN_DEFAULT);
  if (store == NULL)
    return EXIT_USAGE;
  if (layer != NULL && !has_layer (store, layer))
    {
      g_autofree char *message = g_strdup_printf (_("%s: no layer “%s” in the project"), argv[1], layer);

      say (message);
      return EXIT_USAGE;
    }

  if (isatty (STDERR_FILENO) && (output != NULL || bundle != NULL))
    {
      options.progress = on_progress;
      options.progress_data = (gpointer) _("exporting");
    }

  if (!gloss_export (store, &options, stdout, report, &result, interrupted, &error))
    {
      end_progress ();
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        say (_("interrupted: nothing was written"));
      else
        say_error (error);
      return EXIT_USAGE;
    }
  end_progress ();

  if (output != NULL || bundle != NULL)
    {
      g_autofree char *message =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: wrote %u document with %u spans",
                                      "%s: wrote %u documents with %u spans", result.documents),
                         output ? output : bundle, result.documents, result.spans);

      say (message);
    }
  return gloss_report_count (report, GLOSS_REPORT_PROBLEM) > 0 ? EXIT_PARTIAL : EXIT_OK;
}

/* ---- list and stats ------------------------------------------------------------------- */

static void
print_json (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = json_to_string (root, TRUE);

  g_print ("%s\n", text);
}

static char *
format_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (unix_seconds);

  return time != NULL ? g_date_time_format_iso8601 (time) : g_strdup ("");
}

static void
list_as_json (GPtrArray *documents)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; i < documents->len; i++)
    {
      const GlossDocument *d = g_ptr_array_index (documents, i);
      g_autofree char *created = format_time (d->created);
      g_autofree char *modified = format_time (d->modified);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, d->id);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, d->title);
      json_builder_set_member_name (b, "status");
      json_builder_add_string_value (b, gloss_status_to_string (d->status));
      json_builder_set_member_name (b, "spans");
      json_builder_add_int_value (b, d->n_spans);
      json_builder_set_member_name (b, "length");
      json_builder_add_int_value (b, d->length);
      json_builder_set_member_name (b, "created");
      json_builder_add_string_value (b, created);
      json_builder_set_member_name (b, "modified");
      json_builder_add_string_value (b, modified);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  print_json (b);
}

/* Pads by display columns, not bytes, so that titles in any script line up. */
static void
print_padded (const char *text,
              guint       width)
{
  glong n = g_utf8_strlen (text, -1);

  g_print ("%s%*s", text, (int) (width > n ? width - n : 0), "");
}

static void
list_as_table (GPtrArray *documents)
{
  guint id_width = 2;

  for (guint i = 0; i < documents->len; i++)
    id_width = MAX (id_width, strlen (((GlossDocument *) g_ptr_array_index (documents, i))->id));

  print_padded (_("ID"), id_width + 2);
  print_padded (_("STATUS"), 13);
  g_print ("%6s  %s\n", _("SPANS"), _("TITLE"));
  for (guint i = 0; i < documents->len; i++)
    {
      const GlossDocument *d = g_ptr_array_index (documents, i);
      g_autofree char *title = g_utf8_substring (d->title, 0, MIN (g_utf8_strlen (d->title, -1), 70));

      print_padded (d->id, id_width + 2);
      print_padded (gloss_status_to_string (d->status), 13);
      g_print ("%6d  %s\n", d->n_spans, title);
    }
}

static int
run_list (int    argc,
          char **argv)
{
  gboolean as_json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print a JSON array instead of a table"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    new_context (_("PROJECT — list the documents"),
                 _("Lists the documents in import order: id, status, number of spans, title."),
                 entries);
  g_autoptr(GlossStore) store = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return usage_error (context, _("list needs one PROJECT"));

  store = open_project (argv[1], GLOSS_STORE_OPEN_DEFAULT);
  if (store == NULL)
    return EXIT_USAGE;
  documents = gloss_store_list_documents (store, &error);
  if (documents == NULL)
    {
      say_error (error);
      return EXIT_USAGE;
    }

  if (as_json)
    list_as_json (documents);
  else
    list_as_table (documents);
  return EXIT_OK;
}

static void
build_counts (JsonBuilder *b,
              GHashTable  *counts)
{
  g_autoptr(GList) keys = g_list_sort (g_hash_table_get_keys (counts), (GCompareFunc) g_strcmp0);

  json_builder_begin_object (b);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      json_builder_set_member_name (b, l->data);
      json_builder_add_int_value (b, GPOINTER_TO_UINT (g_hash_table_lookup (counts, l->data)));
    }
  json_builder_end_object (b);
}

static void
stats_as_json (const GlossStoreStats *stats)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "documents");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "total");
  json_builder_add_int_value (b, stats->documents);
  for (GlossStatus s = GLOSS_STATUS_NEW; s <= GLOSS_STATUS_DONE; s++)
    {
      json_builder_set_member_name (b, gloss_status_to_string (s));
      json_builder_add_int_value (b, stats->by_status[s]);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "spans");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "total");
  json_builder_add_int_value (b, stats->spans);
  json_builder_set_member_name (b, "by_label");
  build_counts (b, stats->spans_by_label);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "relations");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "total");
  json_builder_add_int_value (b, stats->relations);
  json_builder_set_member_name (b, "by_type");
  build_counts (b, stats->relations_by_type);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "entities");
  json_builder_add_int_value (b, stats->entities);
  json_builder_set_member_name (b, "annotators");
  json_builder_add_int_value (b, stats->annotators);
  json_builder_end_object (b);
  print_json (b);
}

static void
stats_as_table (GlossStore            *store,
                const GlossStoreStats *stats)
{
  GPtrArray *labels = gloss_store_list_labels (store);
  g_autoptr(GList) types = g_list_sort (g_hash_table_get_keys (stats->relations_by_type),
                                        (GCompareFunc) g_strcmp0);

  g_print (_("Documents   %6u   (new %u, in progress %u, done %u)\n"), stats->documents,
           stats->by_status[GLOSS_STATUS_NEW], stats->by_status[GLOSS_STATUS_IN_PROGRESS],
           stats->by_status[GLOSS_STATUS_DONE]);
  g_print (_("Spans       %6u\n"), stats->spans);
  for (guint i = 0; i < labels->len; i++)
    {
      const GlossLabel *label = g_ptr_array_index (labels, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (stats->spans_by_label, label->name));

      if (n > 0)
        {
          g_print ("  ");
          print_padded (label->name, 12);
          g_print ("%6u   %s\n", n, label->layer);
        }
    }
  g_print (_("Relations   %6u\n"), stats->relations);
  for (GList *l = types; l != NULL; l = l->next)
    {
      g_print ("  ");
      print_padded (l->data, 12);
      g_print ("%6u\n", GPOINTER_TO_UINT (g_hash_table_lookup (stats->relations_by_type, l->data)));
    }
  g_print (_("Entities    %6u\n"), stats->entities);
  g_print (_("Annotators  %6u\n"), stats->annotators);
}

static int
run_stats (int    argc,
           char **argv)
{
  gboolean as_json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print a JSON object instead of a table"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    new_context (_("PROJECT — count documents and annotations"),
                 _("Counts documents by status, spans by label, relations by type, entities."),
                 entries);
  g_autoptr(GlossStore) store = NULL;
  g_autoptr(GlossStoreStats) stats = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return usage_error (context, _("stats needs one PROJECT"));

  store = open_project (argv[1], GLOSS_STORE_OPEN_DEFAULT);
  if (store == NULL)
    return EXIT_USAGE;
  stats = gloss_store_get_stats (store, &error);
  if (stats == NULL)
    {
      say_error (error);
      return EXIT_USAGE;
    }

  if (as_json)
    stats_as_json (stats);
  else
    stats_as_table (store, stats);
  return EXIT_OK;
}

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
  suggestions = gloss_suggest_for_document (store, document, interrupted, error);
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
        say_error (error);
      return documents;
    }

  document = gloss_store_get_document (store, id, &error);
  if (document == NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("%s: no document “%s” (gloss-cli list %s shows the ids)"), project, id, project);

      say (message);
      return NULL;
    }
  documents = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_document_free);
  g_ptr_array_add (documents, g_steal_pointer (&document));
  return documents;
}

static int
run_suggest (int    argc,
             char **argv)
{
  g_autofree char *document_id = NULL;
  gboolean apply = FALSE;
  GOptionEntry entries[] = {
    { "document", 'd', 0, G_OPTION_ARG_STRING, &document_id, N_("Only the document with the id ID"), "ID" },
    { "apply", 0, 0, G_OPTION_ARG_NONE, &apply, N_("Also keep the suggestions in the project, pending, for the window"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    new_context (_("PROJECT — suggest quotations"),
                 _("Prints one JSON object per line, in document order, for each quotation not yet\n"
                   "annotated: the QUOTE span (marks included), its cue and its speaker. Suggestions\n"
                   "rejected in the window are left out; --apply never stores one twice."),
                 entries);
  g_autoptr(GlossStore) store = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  int status;

  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return usage_error (context, _("suggest needs one PROJECT"));

  store = open_project (argv[1], GLOSS_STORE_OPEN_DEFAULT);
  if (store == NULL)
    return EXIT_USAGE;
  if (apply && gloss_store_is_read_only (store))
    {
      g_autofree char *message =
        g_strdup_printf (_("%s: the project is read-only; nothing was stored (make the file writable, "
                           "or leave out --apply)"), argv[1]);

      say (message);
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
          say_error (error);
          return EXIT_USAGE;
        }
    }
  if (g_cancellable_is_cancelled (interrupted))
    {
      say (apply ? _("interrupted: the suggestions of the documents finished so far are stored")
                 : _("interrupted: the suggestions printed so far are complete, the rest were not made"));
      return EXIT_USAGE;
    }
  return EXIT_OK;
}

/* ---- main --------------------------------------------------------------------------------- */

static const Command commands[] = {
  { "import", N_("Import articles and annotations (txt, jsonl, prodigy, doccano; creates the project)"), run_import },
  { "export", N_("Export documents and annotations (gloss-cli export --help lists the formats)"), run_export },
  { "list", N_("List the documents"), run_list },
  { "stats", N_("Count documents and annotations"), run_stats },
  { "suggest", N_("Suggest the quotations not yet annotated (JSON Lines)"), run_suggest },
};

/* What a command printed must have reached its reader: a full disk or a closed
 * pipe under standard output is an unwritable output. */
static int
finish_output (int status)
{
  int saved = 0;

  errno = 0;
  if (fflush (stdout) != 0)
    saved = errno;
  else if (!ferror (stdout))
    return status;
  if (status == EXIT_USAGE)
    return status;   /* the command has said why already */
  g_printerr ("gloss-cli: %s: %s\n", _("standard output"),
              saved != 0 ? g_strerror (saved) : _("could not be written"));
  return EXIT_USAGE;
}

static void
print_usage (FILE *stream)
{
  fprintf (stream, _("Usage:\n  gloss-cli COMMAND PROJECT [OPTION…]\n\n"
                     "Gloss projects from the command line: the same project files as the "
                     "Gloss window.\n\nCommands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-8s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (stream, _("\n“gloss-cli COMMAND --help” describes a command's options.\n"
                     "Exit status: 0 done; 1 some input refused or skipped; 2 usage error, "
                     "refused project or unwritable output.\n"));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  catch_interrupts ();
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      print_usage (stderr);
      return EXIT_USAGE;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return EXIT_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("gloss-cli %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      {
        g_autofree char *prgname = g_strdup_printf ("gloss-cli %s", commands[i].name);

        g_set_prgname (prgname);
        return finish_output (commands[i].run (argc - 1, argv + 1));
      }

  g_printerr (_("gloss-cli: unknown command “%s”\n"), argv[1]);
  print_usage (stderr);
  return EXIT_USAGE;
}
