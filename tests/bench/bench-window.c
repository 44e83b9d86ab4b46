/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-bench"

/* Window benchmarks, run by `meson test --benchmark --suite perf` under Xvfb:
 *
 *   bench-window first-frame   a 1 MB article with 10,000 annotations: from the call
 *                              that sets the document to the first frame presented,
 *                              against a bare GtkTextView showing the same text
 *   bench-window add           1,000 annotations added through win.tag on that article
 *   bench-window startup       start-up to the first frame of the first window, in
 *                              separate processes, against a bare GtkApplicationWindow
 *
 * "Frame presented" is measured the same way everywhere: a GdkSurface::render
 * emission hook notes that the watched window rendered, and the handler of the
 * window's GdkFrameClock::after-paint of that frame cycle calls gdk_display_sync ()
 * (an X round trip, so the X server has executed the drawing) and takes the time.
 *
 * Figures only: nothing here fails on time. Exit status 77 (skip) without a display.
 */

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#ifdef HAVE_XDAMAGE
#include <X11/Xlib.h>
#include <X11/extensions/Xdamage.h>
#endif

#include "gloss-application.h"
#include "gloss-article-view.h"
#include "gloss-store.h"
#include "gloss-text.h"
#include "gloss-window.h"

#define SKIP 77

#define WINDOW_WIDTH     1280   /* the GSettings default of window-width */
#define WINDOW_HEIGHT     820
#define READABLE_WIDTH    760   /* as in gloss-article-view.c */
#define FRAME_LIMIT_US   (30 * G_USEC_PER_SEC)

typedef struct
{
  gsize  target_bytes;
  guint  n_spans;
  guint  n_adds;
  guint  reps;
  char  *gloss_path;
} Options;

static Options opts = { 1000000, 10000, 1000, 5, NULL };

static double
ms (gint64 us)
{
  return us / 1000.0;
}

static gint64
now (void)
{
  return g_get_monotonic_time ();
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Nearest-rank percentile of @n values (sorted in a copy). */
static double
percentile (const double *values,
            guint         n,
            double        p)
{
  g_autofree double *sorted = NULL;
  guint rank;

  if (n == 0)
    return NAN;
  sorted = g_memdup2 (values, n * sizeof (double));
  qsort (sorted, n, sizeof (double), compare_double);
  if (p <= 0)
    return sorted[0];
  rank = (guint) ceil (p / 100.0 * n);
  return sorted[CLAMP (rank, 1, n) - 1];
}

static double
median (const double *values,
        guint         n)
{
  g_autofree double *sorted = NULL;

  if (n == 0)
    return NAN;
  sorted = g_memdup2 (values, n * sizeof (double));
  qsort (sorted, n, sizeof (double), compare_double);
  return n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

static double
mean (const double *values,
      guint         n)
{
  double sum = 0;

  for (guint i = 0; i < n; i++)
    sum += values[i];
  return n > 0 ? sum / n : NAN;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* ---- The article ------------------------------------------------------------------ */

/* A deterministic news-like article: English sentences from templates, names and
 * places with accents, curly quotes, dashes and currency signs. Every entity,
 * quotation and claim written is a candidate span (entities inside quotations,
 * claims and organisations nest); plain words are candidates for adding. */

typedef struct
{
  gint        start;
  gint        end;
  const char *label;
} Candidate;

typedef struct
{
  GString *text;
  gint     cp;          /* code points written */
  GArray  *spans;       /* Candidate */
  GArray  *words;       /* Candidate, label NULL: plain words of 6+ letters */
  guint64  rng;
} Gen;

static const char *first_names[] = {
  "María", "José", "Zoë", "Łukasz", "Søren", "Amélie", "Björn", "Ngozi", "Chen", "Fatima",
  "Oliver", "Ewa", "Dmitri", "Anaïs", "Kwame", "Inês", "Hélène", "Mehmet", "Aoife", "Raúl",
};
static const char *last_names[] = {
  "Fernández", "Müller", "Nowak", "Dubois", "Okafor", "Johansson", "Çelik", "Kowalczyk",
  "Smith", "Nakamura", "O’Brien", "Håkansson", "García Márquez", "Nørgaard", "Ferreira",
  "Lindqvist", "Adeyemi", "Moreau",
};
static const char *orgs[] = {
  "the Ministry of Finance", "Nordström Holdings", "Société Générale", "the European Commission",
  "Banco do Brasil", "the World Health Organization", "Zürcher Kantonalbank",
  "the Central Statistics Office", "the Port Authority", "Électricité de France",
  "the National Farmers’ Union", "Krakowski Bank Spółdzielczy",
};
static const char *org_prefixes[] = {
  "the University of ", "the Bank of ", "the Chamber of Commerce of ", "the City Council of ",
};
static const char *places[] = {
  "São Paulo", "Zürich", "Kraków", "Reykjavík", "Brussels", "Montréal", "İstanbul", "Nairobi",
  "Málaga", "Gdańsk", "Lagos", "Oslo", "Thessaloníki", "Düsseldorf", "Bogotá", "Łódź",
};
static const char *dates[] = {
  "Tuesday", "last March", "2019", "14 February", "earlier this week", "the spring of 2021",
  "Friday", "1 October", "last year",
};
static const char *money[] = {
  "€4.2 billion", "$350 million", "£12,000", "¥3.1 trillion", "€780 million", "$1.6 billion",
  "CHF 90 million",
};
static const char *norps[] = {
  "Brazilian", "Swiss", "Polish", "Nigerian", "Norwegian", "Turkish", "Icelandic", "Colombian",
};
static const char *numbers[] = {
  "3.5%", "12", "seven", "1,200", "0.8%", "forty", "11.2%", "two",
};

static const char *sentences[] = {
  "{P}, a spokesperson for {O}, said the proposal would cost about {M} over the next decade.",
  "Officials in {G} confirmed on {D} that the negotiations had stalled after {C} rounds of talks.",
  "The {N} delegation, led by {P}, arrived in {G} late in the evening.",
  "According to figures published by {O}, inflation reached {C} in the third quarter.",
  "{P} declined to comment on the report, which was first published on {D}.",
  "Residents of {G} gathered outside the municipal building, where {P} addressed the crowd.",
  "Analysts at {O} expect the market to recover, although they warned that uncertainty remains high.",
  "The agreement, signed on {D} in {G}, commits both sides to a gradual reduction of tariffs.",
  "Critics argue that the reform favours large companies such as {O} over small producers.",
  "It was the first visit by a {N} head of government to {G} since {D}.",
  "In a statement, {O} said it had allocated {M} to reconstruction efforts.",
  "Protesters blocked the main road into {G} for several hours — the third blockade this month.",
  "The committee will publish its final recommendations before the end of the year.",
  "Négociations continue: the café owners’ association in {G} said prices had risen sharply.",
  "Shares in {O} fell by {C} after the announcement, wiping {M} off its market value.",
  "The hospital in {G} has treated {C} patients since the outbreak began on {D}.",
  "{P} and {P} are expected to meet again in {G} next month.",
  "Farmers across the region say the drought has already damaged much of the harvest.",
};
static const char *quotes[] = {
  "We will not accept an agreement that ignores the needs of ordinary families",
  "The numbers from {O} speak for themselves",
  "Nobody in {G} expected the decision to come so quickly",
  "This is a turning point for the whole region, and {P} knows it",
  "Our priority is to protect jobs — everything else comes second",
  "We were promised {M}, and we have seen almost nothing",
};
static const char *claims[] = {
  "the new tax would raise {M} without hurting growth",
  "unemployment in {G} had fallen by {C} since {D}",
  "{P} had personally approved the contract",
  "the previous government left a deficit of {M}",
  "{O} had ignored repeated warnings from its own engineers",
};
static const char *quote_verbs[] = { "said", "told reporters", "added", "insisted" };
static const char *claim_lead[] = { " claimed that ", " said in a filing that ", " alleges that " };

static guint
gen_pick (Gen   *g,
          guint  n)
{
  /* xorshift64* */
  g->rng ^= g->rng >> 12;
  g->rng ^= g->rng << 25;
  g->rng ^= g->rng >> 27;
  return (guint) ((g->rng * 0x2545F4914F6CDD1DULL) >> 33) % n;
}

#define PICK(g, array) (array[gen_pick ((g), G_N_ELEMENTS (array))])

/* Appends literal text, noting its plain lowercase words of six letters or more. */
static void
gen_literal (Gen        *g,
             const char *text,
             gssize      length)
{
  const char *end = text + (length < 0 ? (gssize) strlen (text) : length);
  gint word_start = -1;

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gboolean letter = *p >= 'a' && *p <= 'z';

      if (letter && word_start < 0)
        word_start = g->cp;
      else if (!letter && word_start >= 0)
        {
          Candidate word = { word_start, g->cp, NULL };

          if (word.end - word.start >= 6 && !((*p & 0x80) || (*p >= 'A' && *p <= 'Z')))
            g_array_append_val (g->words, word);
          word_start = -1;
        }
      g->cp++;
    }
  g_string_append_len (g->text, text, end - text);
}

static void
gen_span (Gen        *g,
          const char *label,
          gint        start)
{
  Candidate span = { start, g->cp, label };

  g_array_append_val (g->spans, span);
}

static void
gen_entity (Gen        *g,
            const char *label,
            const char *text)
{
  gint start = g->cp;

  gen_literal (g, text, -1);
  gen_span (g, label, start);
}

static void
gen_slot (Gen  *g,
          char  slot)
{
  gint start = g->cp;

  switch (slot)
    {
    case 'P':
      gen_literal (g, PICK (g, first_names), -1);
      gen_literal (g, " ", 1);
      gen_literal (g, PICK (g, last_names), -1);
      gen_span (g, "PERSON", start);
      break;
    case 'O':
      if (gen_pick (g, 4) == 0)
        {
          /* An organisation named after a place: GPE nested in ORG. */
          gen_literal (g, PICK (g, org_prefixes), -1);
          gen_entity (g, "GPE", PICK (g, places));
          gen_span (g, "ORG", start);
        }
      else
        gen_entity (g, "ORG", PICK (g, orgs));
      break;
    case 'G':
      gen_entity (g, "GPE", PICK (g, places));
      break;
    case 'D':
      gen_entity (g, "DATE", PICK (g, dates));
      break;
    case 'M':
      gen_entity (g, "MONEY", PICK (g, money));
      break;
    case 'N':
      gen_entity (g, "NORP", PICK (g, norps));
      break;
    case 'C':
      {
        const char *number = PICK (g, numbers);

        gen_entity (g, strchr (number, '%') ? "PERCENT" : "CARDINAL", number);
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Expands "{P}"-style slots of a template. */
static void
gen_template (Gen        *g,
              const char *template)
{
  const char *p = template;

  while (*p != '\0')
    {
      const char *open = strchr (p, '{');

      if (open == NULL)
        {
          gen_literal (g, p, -1);
          return;
        }
      gen_literal (g, p, open - p);
      gen_slot (g, open[1]);
      p = open + 3;
    }
}

static void
gen_sentence (Gen *g)
{
  guint kind = gen_pick (g, 10);

  if (kind < 2)
    {
      gint start = g->cp;

      gen_literal (g, "“", -1);
      gen_template (g, PICK (g, quotes));
      gen_literal (g, ",”", -1);
      gen_span (g, "QUOTE", start);
      gen_literal (g, " ", 1);
      gen_literal (g, PICK (g, quote_verbs), -1);
      gen_literal (g, " ", 1);
      gen_slot (g, 'P');
      gen_literal (g, ".", 1);
    }
  else if (kind == 2)
    {
      gint start;

      gen_slot (g, gen_pick (g, 2) ? 'O' : 'P');
      gen_literal (g, PICK (g, claim_lead), -1);
      start = g->cp;
      gen_template (g, PICK (g, claims));
      gen_span (g, "CLAIM", start);
      gen_literal (g, ".", 1);
    }
  else
    gen_template (g, PICK (g, sentences));
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return y->end - x->end;
}

/* Keeps @n candidates evenly spread over the article. */
static GArray *
spread (GArray *all,
        guint   n)
{
  GArray *kept = g_array_new (FALSE, FALSE, sizeof (Candidate));

  n = MIN (n, all->len);
  for (guint i = 0; i < n; i++)
    g_array_append_val (kept, g_array_index (all, Candidate, (guint64) i * all->len / n));
  return kept;
}

static guint64
splitmix64 (guint64 x)
{
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  guint64 x = *(const guint64 *) a >> 24, y = *(const guint64 *) b >> 24;

  return x < y ? -1 : x > y;
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* Keeps a pseudo-random @n of the candidates, in order: spread over the
 * article like the evenly strided choice, but without its regular gaps, which
 * would never keep a span together with the one nested right inside it. */
static GArray *
sample (GArray *all,
        guint   n)
{
  g_autofree guint64 *keys = g_new (guint64, all->len);
  g_autofree guint *chosen = NULL;
  GArray *kept = g_array_new (FALSE, FALSE, sizeof (Candidate));

  n = MIN (n, all->len);
  /* High 40 bits: the hash; low 24 bits: the index. */
  for (guint i = 0; i < all->len; i++)
    keys[i] = (splitmix64 (i) & ~(guint64) 0xFFFFFF) | i;
  qsort (keys, all->len, sizeof (guint64), compare_keys);
  chosen = g_new (guint, n);
  for (guint i = 0; i < n; i++)
    chosen[i] = keys[i] & 0xFFFFFF;
  qsort (chosen, n, sizeof (guint), compare_uint);
  for (guint i = 0; i < n; i++)
    g_array_append_val (kept, g_array_index (all, Candidate, chosen[i]));
  return kept;
}

typedef struct
{
  char   *text;
  GArray *spans;   /* Candidate, n_spans of them */
  GArray *adds;    /* Candidate, n_adds plain words */
} Article;

static void
article_free (Article *article)
{
  g_free (article->text);
  g_array_unref (article->spans);
  g_array_unref (article->adds);
  g_free (article);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Article, article_free)

static Article *
article_generate (gsize target_bytes,
                  guint n_spans,
                  guint n_adds)
{
  Gen g = { g_string_new (NULL), 0, g_array_new (FALSE, FALSE, sizeof (Candidate)),
            g_array_new (FALSE, FALSE, sizeof (Candidate)), 0x9E3779B97F4A7C15ULL };
  Article *article = g_new0 (Article, 1);

  gen_literal (&g, "A long day in the newsroom: the bench article\n\n", -1);
  while (g.text->len < target_bytes)
    {
      guint n = 3 + gen_pick (&g, 5);

      for (guint i = 0; i < n; i++)
        {
          if (i > 0)
            gen_literal (&g, " ", 1);
          gen_sentence (&g);
        }
      gen_literal (&g, "\n\n", 2);
    }

  g_array_sort (g.spans, compare_candidates);
  article->text = g_string_free (g.text, FALSE);
  article->spans = sample (g.spans, n_spans);
  article->adds = spread (g.words, n_adds);
  g_array_unref (g.spans);
  g_array_unref (g.words);
  return article;
}

static guint
count_label (GArray     *candidates,
             const char *label)
{
  guint n = 0;

  for (guint i = 0; i < candidates->len; i++)
    n += g_str_equal (g_array_index (candidates, Candidate, i).label, label);
  return n;
}

static guint
count_nested (GArray *candidates)
{
  guint n = 0;
  gint max_end = -1;

  /* Sorted by start, the longer first: a span is nested when an earlier one
   * reaches past its end. */
  for (guint i = 0; i < candidates->len; i++)
    {
      const Candidate *c = &g_array_index (candidates, Candidate, i);

      n += max_end >= c->end;
      max_end = MAX (max_end, c->end);
    }
  return n;
}

/* ---- The project ------------------------------------------------------------------ */

typedef struct
{
  char       *dir;
  char       *path;
  GlossStore *store;
  gint64      tiny;
  gint64      big;
} Project;

static void
project_free (Project *project)
{
  g_clear_object (&project->store);
  if (project->dir != NULL)
    remove_tree (project->dir);
  g_free (project->dir);
  g_free (project->path);
  g_free (project);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Project, project_free)

static gboolean
add_document (GlossStore  *store,
              const char  *title,
              const char  *text,
              GArray      *candidates,
              gint64      *rowid,
              GError     **error)
{
  g_autoptr(GlossDocument) document = g_new0 (GlossDocument, 1);
  g_autoptr(GPtrArray) spans = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_span_free);

  document->title = g_strdup (title);
  document->meta = g_strdup ("{\"source\":\"bench-window\",\"language\":\"en\",\"normalized\":[]}");
  document->text = gloss_text_normalize (text, strlen (text), FALSE, NULL, error);
  if (document->text == NULL)
    return FALSE;
  g_assert_cmpstr (document->text, ==, text);
  for (guint i = 0; candidates != NULL && i < candidates->len; i++)
    {
      const Candidate *c = &g_array_index (candidates, Candidate, i);

      g_ptr_array_add (spans, gloss_span_new (c->label, c->start, c->end));
    }
  if (!gloss_store_add_document (store, document, spans, NULL, NULL, NULL, error))
    return FALSE;
  *rowid = document->rowid;
  return TRUE;
}

/* A project with a one-line document first (what a new window shows) and the
 * big article second. */
static Project *
project_create (const Article  *article,
                GError        **error)
{
  g_autoptr(Project) project = g_new0 (Project, 1);
  g_autoptr(GPtrArray) stored = NULL;

  project->dir = g_dir_make_tmp ("gloss-bench-XXXXXX", error);
  if (project->dir == NULL)
    return NULL;
  project->path = g_build_filename (project->dir, "bench.gloss", NULL);
  project->store = gloss_store_open (project->path, GLOSS_STORE_OPEN_CREATE, error);
  if (project->store == NULL
      || !add_document (project->store, "A short note", "A short note before the long article.\n",
                        NULL, &project->tiny, error)
      || !add_document (project->store, "The bench article", article->text, article->spans,
                        &project->big, error))
    return NULL;

  stored = gloss_store_list_spans (project->store, project->big, error);
  if (stored == NULL)
    return NULL;
  if (stored->len != article->spans->len)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "only %u of %u spans were stored",
                   stored->len, article->spans->len);
      return NULL;
    }
  return g_steal_pointer (&project);
}

/* ---- Frames ----------------------------------------------------------------------- */

typedef struct
{
  GtkWidget     *window;
  GdkSurface    *surface;
  GdkFrameClock *clock;
  gulong         handler;
  gboolean       armed;
  gboolean       rendered;
  gint64         after_paint;
  gint64         presented;
} FrameWatch;

static FrameWatch *current_watch;

static gboolean
render_hook (GSignalInvocationHint *hint,
             guint                  n_params,
             const GValue          *params,
             gpointer               user_data)
{
  if (current_watch != NULL && current_watch->armed
      && g_value_get_object (&params[0]) == (gpointer) current_watch->surface)
    current_watch->rendered = TRUE;
  return TRUE;
}

static void
install_render_hook (void)
{
  static gboolean done;
  GTypeClass *klass;

  if (done)
    return;
  /* The class must exist for its signals to. */
  klass = g_type_class_ref (GDK_TYPE_SURFACE);
  g_signal_add_emission_hook (g_signal_lookup ("render", GDK_TYPE_SURFACE), 0, render_hook, NULL, NULL);
  g_type_class_unref (klass);
  done = TRUE;
}

static void
on_after_paint (GdkFrameClock *clock,
                FrameWatch    *watch)
{
  if (!watch->armed || !watch->rendered)
    return;
  watch->after_paint = now ();
  gdk_display_sync (gdk_surface_get_display (watch->surface));
  watch->presented = now ();
  watch->armed = FALSE;
}

static void
watch_attach (FrameWatch *watch,
              GtkWidget  *window)
{
  install_render_hook ();
  watch->window = window;
  watch->surface = gtk_native_get_surface (GTK_NATIVE (window));
  watch->clock = gdk_surface_get_frame_clock (watch->surface);
  watch->handler = g_signal_connect (watch->clock, "after-paint", G_CALLBACK (on_after_paint), watch);
  current_watch = watch;
}

static void
watch_detach (FrameWatch *watch)
{
  if (watch->clock != NULL)
    g_clear_signal_handler (&watch->handler, watch->clock);
  if (current_watch == watch)
    current_watch = NULL;
  memset (watch, 0, sizeof *watch);
}

static void
watch_arm (FrameWatch *watch)
{
  watch->armed = TRUE;
  watch->rendered = FALSE;
  watch->after_paint = 0;
  watch->presented = 0;
}

static gboolean
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until the armed watch saw a frame presented. */
static gboolean
watch_wait (FrameWatch *watch,
            gint64      limit_us)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add ((guint) (limit_us / 1000), set_flag, &timed_out);

  while (watch->presented == 0 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout);
  return watch->presented != 0;
}

/* Runs the main loop until nothing was dispatched for @quiet_us (or @limit_us
 * passed). Returns the time of the last dispatch. */
static gint64
wait_quiet (gint64 quiet_us,
            gint64 limit_us)
{
  gint64 start = now (), last = start;

  for (;;)
    {
      gint64 t;

      if (g_main_context_iteration (NULL, FALSE))
        {
          last = now ();
          continue;
        }
      t = now ();
      if (t - last >= quiet_us || t - start >= limit_us)
        return last;
      g_usleep (200);
    }
}

/* Presents @window and waits for its first frame. */
static gboolean
present_and_wait (GtkWidget  *window,
                  FrameWatch *watch)
{
  gtk_window_present (GTK_WINDOW (window));
  watch_attach (watch, window);
  watch_arm (watch);
  return watch_wait (watch, FRAME_LIMIT_US);
}

static void
destroy_window (GtkWidget  *window,
                FrameWatch *watch)
{
  watch_detach (watch);
  gtk_window_destroy (GTK_WINDOW (window));
  wait_quiet (20000, G_USEC_PER_SEC);
}

/* ---- Benchmark 1: first frame of the article -------------------------------------- */

typedef enum
{
  SHOW_BARE,              /* GtkTextView, WORD_CHAR, the article font size */
  SHOW_BARE_MARGINS,      /* the same with the article view's margins and line spacing */
  SHOW_VIEW_NO_SPANS,     /* GlossArticleView, labels set, the text without spans */
  SHOW_VIEW,              /* GlossArticleView: set_labels + set_document with the spans */
  SHOW_WINDOW,            /* GlossWindow: gloss_window_open_document */
  N_SHOW
} ShowKind;

static const char *show_names[N_SHOW] = {
  "bare GtkTextView (baseline)",
  "bare GtkTextView + Gloss margins/spacing",
  "GlossArticleView, text, no spans",
  "GlossArticleView, text + spans",
  "GlossWindow open_document",
};

typedef struct
{
  GlossApplication *app;
  Project          *project;
  Article          *article;
  char             *text;    /* as stored */
  GPtrArray        *spans;   /* as stored */
} Bench;

typedef struct
{
  double call;       /* the call returns */
  double frame;      /* first frame presented */
  double settled;    /* the main loop went quiet: layout validated */
  gboolean ok;
} ShowSample;

static GtkWidget *
make_text_window (ShowKind    kind,
                  GtkWidget **view_out)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *view;

  gtk_window_set_default_size (GTK_WINDOW (window), WINDOW_WIDTH, WINDOW_HEIGHT);
  if (kind == SHOW_VIEW || kind == SHOW_VIEW_NO_SPANS)
    view = gloss_article_view_new ();
  else
    {
      view = gtk_text_view_new ();
      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
      /* The application's style.css gives textview.article its font size. */
      gtk_widget_add_css_class (view, "article");
      if (kind == SHOW_BARE_MARGINS)
        {
          int margin = MAX (28, (WINDOW_WIDTH - READABLE_WIDTH) / 2);

          gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), margin);
          gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), margin);
          gtk_text_view_set_pixels_below_lines (GTK_TEXT_VIEW (view), 10);
          gtk_text_view_set_pixels_inside_wrap (GTK_TEXT_VIEW (view), 9);
          gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 24);
          gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 48);
        }
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_window_set_child (GTK_WINDOW (window), scroller);
  *view_out = view;
  return window;
}

static void
show_once (Bench      *bench,
           ShowKind    kind,
           ShowSample *sample)
{
  FrameWatch watch = { 0 };
  GtkWidget *window, *view = NULL;
  gint64 t0, t1, settled;

  memset (sample, 0, sizeof *sample);
  if (kind == SHOW_WINDOW)
    {
      window = GTK_WIDGET (gloss_window_new (bench->app, bench->project->store));
      g_assert (gloss_window_get_document (GLOSS_WINDOW (window)) == bench->project->tiny);
    }
  else
    window = make_text_window (kind, &view);

  if (!present_and_wait (window, &watch))
    {
      g_printerr ("no first frame for the empty window (%s)\n", show_names[kind]);
      destroy_window (window, &watch);
      return;
    }
  wait_quiet (50000, 5 * G_USEC_PER_SEC);

  watch_arm (&watch);
  t0 = now ();
  switch (kind)
    {
    case SHOW_BARE:
    case SHOW_BARE_MARGINS:
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), bench->text, -1);
      break;
    case SHOW_VIEW_NO_SPANS:
    case SHOW_VIEW:
      gloss_article_view_set_labels (GLOSS_ARTICLE_VIEW (view),
                                     gloss_store_list_labels (bench->project->store));
      gloss_article_view_set_document (GLOSS_ARTICLE_VIEW (view), bench->text,
                                       kind == SHOW_VIEW ? bench->spans : NULL);
      break;
    case SHOW_WINDOW:
      gloss_window_open_document (GLOSS_WINDOW (window), bench->project->big);
      break;
    case N_SHOW:
    default:
      g_assert_not_reached ();
    }
  t1 = now ();
  sample->ok = watch_wait (&watch, FRAME_LIMIT_US);
  settled = wait_quiet (100000, 120 * G_USEC_PER_SEC);

  sample->call = ms (t1 - t0);
  sample->frame = ms (watch.presented - t0);
  sample->settled = ms (MAX (settled, watch.presented) - t0);
  destroy_window (window, &watch);
}

static void
print_row (const char   *name,
           const double *values,
           guint         n,
           const char   *unit)
{
  g_print ("  %-42s %9.1f %9.1f %9.1f %s\n", name, median (values, n), percentile (values, n, 0),
           percentile (values, n, 100), unit);
}

static int
bench_first_frame (Bench *bench)
{
  ShowSample samples[N_SHOW][32];
  double call[32], frame[32], settled[32];
  double frame_median[N_SHOW];
  guint reps = MIN (opts.reps, 32);

  g_print ("\nFirst frame of the article: %u runs of each, fresh window each run, interleaved\n", reps);
  g_print ("  t0 = just before the call that sets the document (gtk_text_buffer_set_text;\n"
           "       gloss_article_view_set_labels + _set_document; gloss_window_open_document),\n"
           "       made in a %dx%d window already presented and drawn (empty, or the one-line\n"
           "       document for GlossWindow).\n"
           "  call    = the call returns\n"
           "  frame   = the first frame after t0 in which the window rendered has been painted\n"
           "            (GdkFrameClock::after-paint) and the X server has executed it (XSync)\n"
           "  settled = the last main-loop dispatch before 100 ms of quiet: GtkTextView's idle\n"
           "            layout validation of the whole text is done\n",
           WINDOW_WIDTH, WINDOW_HEIGHT);

  for (guint r = 0; r < reps; r++)
    for (guint k = 0; k < N_SHOW; k++)
      show_once (bench, k, &samples[k][r]);

  g_print ("\n  %-42s %9s %9s %9s\n", "", "median", "min", "max");
  for (guint k = 0; k < N_SHOW; k++)
    {
      gboolean ok = TRUE;

      for (guint r = 0; r < reps; r++)
        {
          call[r] = samples[k][r].call;
          frame[r] = samples[k][r].frame;
          settled[r] = samples[k][r].settled;
          ok = ok && samples[k][r].ok;
        }
      g_print ("%s%s\n", show_names[k], ok ? "" : "  (SOME RUNS SAW NO FRAME)");
      print_row ("    call returns", call, reps, "ms");
      print_row ("    first frame presented", frame, reps, "ms");
      print_row ("    layout settled", settled, reps, "ms");
      frame_median[k] = median (frame, reps);
    }

  g_print ("\n  ratio gloss/bare, first frame (target <= 1.3x):\n");
  g_print ("    GlossArticleView + spans / bare GtkTextView   %6.2fx  %s\n",
           frame_median[SHOW_VIEW] / frame_median[SHOW_BARE],
           frame_median[SHOW_VIEW] / frame_median[SHOW_BARE] <= 1.3 ? "met" : "MISSED");
  g_print ("    GlossWindow open_document / bare GtkTextView  %6.2fx  %s\n",
           frame_median[SHOW_WINDOW] / frame_median[SHOW_BARE],
           frame_median[SHOW_WINDOW] / frame_median[SHOW_BARE] <= 1.3 ? "met" : "MISSED");
  return 0;
}

/* ---- Benchmark 2: adding annotations ---------------------------------------------- */

static void
print_latencies (const char   *name,
                 const double *values,
                 guint         n)
{
  g_print ("  %-44s %8.2f %8.2f %8.2f %8.2f %8.2f\n", name, percentile (values, n, 50),
           percentile (values, n, 99), percentile (values, n, 100), mean (values, n), values[0]);
}

static int
bench_add (Bench *bench)
{
  g_autoptr(Project) shadow = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree double *returns = g_new0 (double, opts.n_adds);
  g_autofree double *presented = g_new0 (double, opts.n_adds);
  g_autofree double *painted = g_new0 (double, opts.n_adds);
  g_autofree double *store_only = g_new0 (double, opts.n_adds);
  GArray *adds = bench->article->adds;
  FrameWatch watch = { 0 };
  GlossArticleView *view;
  GtkWidget *window;
  guint n_before, missed_frames = 0;
  gint64 t0;

  g_print ("\nAdding annotations: %u adds of PERSON to the %u-annotation article, one\n"
           "window, in reading order through the article\n", adds->len, bench->spans->len);
  g_print ("  each add: gloss_article_view_select_range (untimed; its frame is waited for,\n"
           "  then 20 ms of quiet so the frame clock is idle), then t0 and\n"
           "  g_action_group_activate_action (window, \"tag\", \"PERSON\"): commit to SQLite,\n"
           "  highlight, select, inspector, document list, status.\n"
           "  returns   = the action returns\n"
           "  presented = the next frame that rendered, after-paint + XSync\n");

  window = GTK_WIDGET (gloss_window_new (bench->app, bench->project->store));
  if (!present_and_wait (window, &watch))
    {
      g_printerr ("no first frame for the Gloss window\n");
      return 1;
    }
  t0 = now ();
  gloss_window_open_document (GLOSS_WINDOW (window), bench->project->big);
  wait_quiet (300000, 120 * G_USEC_PER_SEC);
  g_print ("  (document opened and its layout settled in %.0f ms before the first add)\n", ms (now () - t0));

  view = gloss_window_get_article_view (GLOSS_WINDOW (window));
  n_before = gloss_article_view_get_spans (view)->len;
  for (guint i = 0; i < adds->len; i++)
    {
      const Candidate *c = &g_array_index (adds, Candidate, i);
      gint64 start;

      watch_arm (&watch);
      gloss_article_view_select_range (view, c->start, c->end);
      watch_wait (&watch, 2 * G_USEC_PER_SEC);
      wait_quiet (20000, 2 * G_USEC_PER_SEC);

      watch_arm (&watch);
      start = now ();
      g_action_group_activate_action (G_ACTION_GROUP (window), "tag", g_variant_new_string ("PERSON"));
      returns[i] = ms (now () - start);
      if (!watch_wait (&watch, 5 * G_USEC_PER_SEC))
        missed_frames++;
      presented[i] = ms (watch.presented - start);
      painted[i] = ms (watch.after_paint - start);
    }

  g_print ("\n  %-44s %8s %8s %8s %8s %8s\n", "ms", "p50", "p99", "max", "mean", "first");
  print_latencies ("win.tag: action returns", returns, adds->len);
  print_latencies ("win.tag: next frame painted (after-paint)", painted, adds->len);
  print_latencies ("win.tag: next frame presented (+ XSync)", presented, adds->len);
  g_print ("  annotations shown: %u before, %u after (%u expected); %u adds saw no frame\n",
           n_before, gloss_article_view_get_spans (view)->len, n_before + adds->len, missed_frames);
  g_print ("  target p99 < 16 ms: action returns %s, next frame presented %s\n",
           percentile (returns, adds->len, 99) < 16 ? "met" : "MISSED",
           percentile (presented, adds->len, 99) < 16 ? "met" : "MISSED");
  destroy_window (window, &watch);

  /* The same adds straight into a copy of the project: the SQLite share. */
  shadow = project_create (bench->article, &error);
  if (shadow == NULL)
    {
      g_printerr ("cannot create the second project: %s\n", error->message);
      return 1;
    }
  for (guint i = 0; i < adds->len; i++)
    {
      const Candidate *c = &g_array_index (adds, Candidate, i);
      g_autoptr(GlossSpan) request = gloss_span_new ("PERSON", c->start, c->end);
      g_autoptr(GlossSpan) stored = NULL;
      gint64 start = now ();

      stored = gloss_store_add_span (shadow->store, shadow->big, request, NULL);
      store_only[i] = ms (now () - start);
      g_assert (stored != NULL);
    }
  print_latencies ("core only: gloss_store_add_span", store_only, adds->len);
  return 0;
}

/* ---- Benchmark 3: start-up ---------------------------------------------------------- */

/* The child side: this binary started as `bench-window --child gloss|bare SPAWN_US`
 * runs what main.c runs (or a bare GtkApplicationWindow with a label), prints when
 * the first window's first frame was presented, and exits. */

typedef struct
{
  gint64     spawned;
  gint64     main_entered;
  FrameWatch watch;
} Child;

static void
on_child_after_paint (GdkFrameClock *clock,
                      Child         *child)
{
  if (child->watch.presented == 0)
    return;
  g_print ("FRAME %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", child->main_entered - child->spawned,
           child->watch.presented - child->spawned);
  fflush (stdout);
  _exit (0);
}

static void
on_child_realize (GtkWidget *window,
                  Child     *child)
{
  if (child->watch.window != NULL)
    return;
  watch_attach (&child->watch, window);
  watch_arm (&child->watch);
  /* Connected after the watch's own handler, so it runs once that one has
   * taken the time. */
  g_signal_connect (child->watch.clock, "after-paint", G_CALLBACK (on_child_after_paint), child);
}

static void
on_window_added (GtkApplication *app,
                 GtkWindow      *window,
                 Child          *child)
{
  g_signal_connect_after (window, "realize", G_CALLBACK (on_child_realize), child);
}

static void
on_bare_activate (GtkApplication *app)
{
  GtkWidget *window = gtk_application_window_new (app);

  gtk_window_set_title (GTK_WINDOW (window), "Bare");
  gtk_window_set_default_size (GTK_WINDOW (window), WINDOW_WIDTH, WINDOW_HEIGHT);
  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("Hello from a bare GtkApplicationWindow"));
  gtk_window_present (GTK_WINDOW (window));
}

static gboolean
child_timeout (gpointer data)
{
  g_printerr ("no frame within 60 s\n");
  _exit (3);
}

static int
run_child (const char *kind,
           gint64      spawned,
           gboolean    hook)
{
  char *args[] = { (char *) g_get_prgname (), NULL };
  g_autoptr(GtkApplication) app = NULL;
  static Child child;

  child.main_entered = now ();
  child.spawned = spawned;
  if (g_str_equal (kind, "gloss"))
    app = GTK_APPLICATION (gloss_application_new (G_APPLICATION_NON_UNIQUE));
  else
    {
      app = gtk_application_new ("org.gloss.BenchBare", G_APPLICATION_NON_UNIQUE);
      g_signal_connect (app, "activate", G_CALLBACK (on_bare_activate), NULL);
    }
  if (hook)
    {
      g_signal_connect (app, "window-added", G_CALLBACK (on_window_added), &child);
      g_timeout_add_seconds (60, child_timeout, NULL);
    }
  return g_application_run (G_APPLICATION (app), 1, args);
}

/* The parent side. */

typedef enum
{
  START_GLOSS_FRESH,
  START_GLOSS_EXISTING,
  START_BARE,
  N_START
} StartKind;

static const char *start_names[N_START] = {
  "Gloss, fresh XDG_DATA_HOME (creates default project)",
  "Gloss, existing default project",
  "bare GtkApplicationWindow + GtkLabel (baseline)",
};

typedef struct
{
  char *self_path;
  char *root;          /* temporary directory */
  char *existing;      /* XDG_DATA_HOME that keeps its default project */
  guint fresh_count;
} Startup;

static char **
child_environ (Startup   *startup,
               StartKind  kind)
{
  char **envp = g_get_environ ();
  g_autofree char *data_home = NULL;

  if (kind == START_GLOSS_EXISTING)
    data_home = g_strdup (startup->existing);
  else
    {
      data_home = g_strdup_printf ("%s/fresh-%u", startup->root, startup->fresh_count++);
      g_mkdir_with_parents (data_home, 0700);
    }
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", data_home, TRUE);
  /* No session bus: the application runs on its own, as main.c does without one. */
  envp = g_environ_unsetenv (envp, "DBUS_SESSION_BUS_ADDRESS");
  return envp;
}

/* Returns microseconds from spawn to the first frame presented, or -1. */
static gint64
startup_in_process (Startup   *startup,
                    StartKind  kind,
                    gint64    *to_main)
{
  g_auto(GStrv) envp = child_environ (startup, kind);
  g_autofree char *spawned_arg = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  gint64 spawned = now (), main_us, frame_us;
  int status;
  char *argv[] = { startup->self_path, (char *) "--child",
                   (char *) (kind == START_BARE ? "bare" : "gloss"), NULL, NULL };

  spawned_arg = g_strdup_printf ("%" G_GINT64_FORMAT, spawned);
  argv[3] = spawned_arg;
  if (!g_spawn_sync (NULL, argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error))
    {
      g_printerr ("cannot start %s: %s\n", startup->self_path, error->message);
      return -1;
    }
  if (out == NULL || sscanf (out, "FRAME %" G_GINT64_FORMAT " %" G_GINT64_FORMAT, &main_us, &frame_us) != 2)
    {
      g_printerr ("child (%s) printed no frame time; stderr:\n%s\n", start_names[kind], err);
      return -1;
    }
  *to_main = main_us;
  return frame_us;
}

#ifdef HAVE_XDAMAGE
/* Watches the X server from outside: the new top-level window's MapNotify, and
 * the Damage it receives after that until none comes for QUIET_US. The X server
 * paints the window's background itself when it maps it, so the first damage
 * says nothing about the application's drawing; the last one before the quiet
 * is when the window stopped changing ("visually complete"). */

#define QUIET_US (300 * 1000)

typedef struct
{
  gint64 mapped;
  gint64 complete;      /* the last damage before QUIET_US without any */
  guint  n_damage;
} XTimes;

typedef struct
{
  Window window;
  Damage damage;
} Watched;

static int
ignore_x_errors (Display     *display,
                 XErrorEvent *event)
{
  return 0;
}

static gboolean
startup_x_probe (Display   *display,
                 char     **argv,
                 char     **envp,
                 XTimes    *times)
{
  int damage_event, damage_error;
  g_autoptr(GArray) watched = g_array_new (FALSE, FALSE, sizeof (Watched));
  g_autoptr(GError) error = NULL;
  Window root = DefaultRootWindow (display), target = None;
  gint64 spawned, deadline, last_damage = 0;
  GPid pid;

  memset (times, 0, sizeof *times);
  if (!XDamageQueryExtension (display, &damage_event, &damage_error))
    return FALSE;
  XSelectInput (display, root, SubstructureNotifyMask);
  XSync (display, True);

  spawned = now ();
  if (!g_spawn_async (NULL, argv, envp, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                      NULL, NULL, &pid, &error))
    {
      g_printerr ("cannot start %s: %s\n", argv[0], error->message);
      return FALSE;
    }

  deadline = spawned + 30 * G_USEC_PER_SEC;
  while (now () < deadline && (last_damage == 0 || now () - last_damage < QUIET_US))
    {
      struct pollfd fd = { ConnectionNumber (display), POLLIN, 0 };

      if (XPending (display) == 0)
        {
          poll (&fd, 1, 5);
          continue;
        }
      while (XPending (display) > 0)
        {
          XEvent event;
          gint64 t;

          XNextEvent (display, &event);
          t = now ();
          if (event.type == CreateNotify && event.xcreatewindow.parent == root)
            {
              /* Damage is asked for at creation, so no drawing can come first. */
              Watched w = { event.xcreatewindow.window,
                            XDamageCreate (display, event.xcreatewindow.window, XDamageReportRawRectangles) };

              g_array_append_val (watched, w);
            }
          else if (event.type == MapNotify && target == None && !event.xmap.override_redirect)
            {
              XWindowAttributes attributes;

              if (!XGetWindowAttributes (display, event.xmap.window, &attributes)
                  || attributes.width < 100 || attributes.height < 100)
                continue;
              target = event.xmap.window;
              times->mapped = t - spawned;
            }
          else if (event.type == damage_event + XDamageNotify)
            {
              XDamageNotifyEvent *damage = (XDamageNotifyEvent *) &event;

              if (damage->drawable != target || target == None)
                continue;
              last_damage = t;
              times->complete = t - spawned;
              times->n_damage++;
            }
        }
    }

  for (guint i = 0; i < watched->len; i++)
    XDamageDestroy (display, g_array_index (watched, Watched, i).damage);
  XSelectInput (display, root, NoEventMask);
  XSync (display, True);
  kill (pid, SIGTERM);
  waitpid (pid, NULL, 0);
  g_spawn_close_pid (pid);
  return times->complete != 0;
}
#endif

static void
print_startup_row (const char   *name,
                   const double *values,
                   guint         n)
{
  g_print ("    %-48s %8.1f %8.1f %8.1f\n", name, median (values, n), percentile (values, n, 0),
           percentile (values, n, 100));
}

static int
bench_startup (const char *self_path)
{
  Startup startup = { 0 };
  g_autoptr(GError) error = NULL;
  double frame[N_START][32], main_at[N_START][32];
  guint reps = MIN (opts.reps, 32), failures = 0;
  gint64 to_main;

  startup.self_path = g_canonicalize_filename (self_path, NULL);
  startup.root = g_dir_make_tmp ("gloss-bench-startup-XXXXXX", &error);
  if (startup.root == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  startup.existing = g_build_filename (startup.root, "existing", NULL);
  g_mkdir_with_parents (startup.existing, 0700);

  g_print ("\nStart-up to first frame: %u runs of each, a new process each run, interleaved\n", reps);
  g_print ("  in-process: this program re-executed as a child that calls what main.c calls\n"
           "  (gloss_application_new (G_APPLICATION_NON_UNIQUE) + g_application_run, no\n"
           "  arguments, GSettings in memory) and watches the first window's frame clock:\n"
           "  spawn (parent's clock) -> first frame rendered, after-paint + XSync.\n");

  /* Warm-up: page cache, fontconfig cache, and the existing project. */
  for (guint k = 0; k < N_START; k++)
    startup_in_process (&startup, k, &to_main);

  for (guint r = 0; r < reps; r++)
    for (guint k = 0; k < N_START; k++)
      {
        gint64 us = startup_in_process (&startup, k, &to_main);

        failures += us < 0;
        frame[k][r] = us < 0 ? NAN : ms (us);
        main_at[k][r] = us < 0 ? NAN : ms (to_main);
      }

  g_print ("\n    %-48s %8s %8s %8s\n", "ms", "median", "min", "max");
  for (guint k = 0; k < N_START; k++)
    {
      g_print ("  %s\n", start_names[k]);
      print_startup_row ("spawn -> main()", main_at[k], reps);
      print_startup_row ("spawn -> first frame presented", frame[k], reps);
    }
  g_print ("  ratio Gloss (existing project) / bare: %.2fx; Gloss (fresh) / bare: %.2fx\n",
           median (frame[START_GLOSS_EXISTING], reps) / median (frame[START_BARE], reps),
           median (frame[START_GLOSS_FRESH], reps) / median (frame[START_BARE], reps));

#ifdef HAVE_XDAMAGE
  if (opts.gloss_path != NULL && g_file_test (opts.gloss_path, G_FILE_TEST_IS_EXECUTABLE))
    {
      Display *display = XOpenDisplay (NULL);
      double mapped[N_START][32], complete[N_START][32], damages[N_START][32];

      if (display == NULL)
        return 1;
      XSetErrorHandler (ignore_x_errors);
      g_print ("\n  From outside: the real %s (and this program's bare application\n"
               "  without any hook) spawned with no arguments, watched through the X server:\n"
               "  mapped = MapNotify of its top-level window; visually complete = its last\n"
               "  XDamage event before %d ms without any (the server paints the background at\n"
               "  the map, so the first damage is not the application's).\n", opts.gloss_path,
               (int) (QUIET_US / 1000));

      for (guint r = 0; r <= reps; r++)
        for (guint k = 0; k < N_START; k++)
          {
            g_auto(GStrv) envp = child_environ (&startup, k);
            char *gloss_argv[] = { opts.gloss_path, NULL };
            char *bare_argv[] = { startup.self_path, (char *) "--bare-app", NULL };
            XTimes times;
            gboolean ok = startup_x_probe (display, k == START_BARE ? bare_argv : gloss_argv, envp, &times);

            failures += !ok;
            if (r == 0)
              continue;   /* warm-up */
            mapped[k][r - 1] = ok ? ms (times.mapped) : NAN;
            complete[k][r - 1] = ok ? ms (times.complete) : NAN;
            damages[k][r - 1] = times.n_damage;
          }

      g_print ("\n    %-48s %8s %8s %8s\n", "ms", "median", "min", "max");
      for (guint k = 0; k < N_START; k++)
        {
          g_print ("  %s\n", k == START_BARE ? start_names[k] : k == START_GLOSS_FRESH
                   ? "build/src/gloss, fresh XDG_DATA_HOME" : "build/src/gloss, existing default project");
          print_startup_row ("spawn -> mapped", mapped[k], reps);
          print_startup_row ("spawn -> visually complete", complete[k], reps);
          print_startup_row ("damage events until then (count)", damages[k], reps);
        }
      XCloseDisplay (display);
    }
#endif

  if (failures > 0)
    g_print ("  %u runs failed (see above)\n", failures);
  remove_tree (startup.root);
  g_free (startup.root);
  g_free (startup.existing);
  g_free (startup.self_path);
  return failures > 0 ? 1 : 0;
}

/* ---- main ------------------------------------------------------------------------------ */

static gboolean
have_display (void)
{
  if (g_getenv ("DISPLAY") == NULL || *g_getenv ("DISPLAY") == '\0' || !gtk_init_check ())
    {
      g_print ("SKIP: no X display; run under xvfb-run (GDK_BACKEND=x11)\n");
      return FALSE;
    }
  return TRUE;
}

static int
count_paragraphs (const char *text)
{
  int n = 0;

  for (const char *p = strstr (text, "\n\n"); p != NULL; p = strstr (p + 2, "\n\n"))
    n++;
  return n;
}

static Bench *
bench_setup (GError **error)
{
  g_autoptr(GlossDocument) document = NULL;
  Bench *bench = g_new0 (Bench, 1);
  gint64 t0 = now ();

  bench->article = article_generate (opts.target_bytes, opts.n_spans, opts.n_adds);
  bench->project = project_create (bench->article, error);
  if (bench->project == NULL)
    return NULL;
  document = gloss_store_get_document_by_rowid (bench->project->store, bench->project->big, error);
  if (document == NULL)
    return NULL;
  bench->text = g_steal_pointer (&document->text);
  bench->spans = gloss_store_list_spans (bench->project->store, bench->project->big, error);
  if (bench->spans == NULL)
    return NULL;

  g_print ("Article: %zu bytes, %ld code points, %d paragraphs; %u annotations (%u QUOTE, %u CLAIM,\n"
           "  %u PERSON, %u nested in another); project made in %.0f ms\n",
           strlen (bench->text), g_utf8_strlen (bench->text, -1), count_paragraphs (bench->text),
           bench->spans->len, count_label (bench->article->spans, "QUOTE"),
           count_label (bench->article->spans, "CLAIM"), count_label (bench->article->spans, "PERSON"),
           count_nested (bench->article->spans), ms (now () - t0));

  bench->app = gloss_application_new (G_APPLICATION_NON_UNIQUE);
  /* Registering runs startup (GTK, the style sheet) without opening a window. */
  if (!g_application_register (G_APPLICATION (bench->app), NULL, error))
    return NULL;
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);
  g_print ("Display %s, GDK backend %s, GSK_RENDERER=%s, GTK %u.%u.%u, font %s\n",
           gdk_display_get_name (gdk_display_get_default ()),
           G_OBJECT_TYPE_NAME (gdk_display_get_default ()),
           g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "(default)",
           gtk_get_major_version (), gtk_get_minor_version (), gtk_get_micro_version (),
           "textview.article 13pt");
  return bench;
}

static void
bench_free (Bench *bench)
{
  g_clear_object (&bench->app);
  g_clear_pointer (&bench->project, project_free);
  g_clear_pointer (&bench->article, article_free);
  g_clear_pointer (&bench->spans, g_ptr_array_unref);
  g_free (bench->text);
  g_free (bench);
}

static gboolean
check_schema (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, GLOSS_APPLICATION_ID, TRUE);
  if (schema == NULL)
    g_printerr ("The GSettings schema %s is not installed: set GSETTINGS_SCHEMA_DIR to the build "
                "tree's data/ directory.\n", GLOSS_APPLICATION_ID);
  return schema != NULL;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  int target_kb = 0, status;
  GOptionEntry entries[] = {
    { "kb", 0, 0, G_OPTION_ARG_INT, &target_kb, "Article size in KB (default 1000)", "N" },
    { "spans", 0, 0, G_OPTION_ARG_INT, &opts.n_spans, "Annotations in the article (default 10000)", "N" },
    { "adds", 0, 0, G_OPTION_ARG_INT, &opts.n_adds, "Annotations to add (default 1000)", "N" },
    { "reps", 0, 0, G_OPTION_ARG_INT, &opts.reps, "Runs of each measurement (default 5)", "N" },
    { "gloss", 0, 0, G_OPTION_ARG_FILENAME, &opts.gloss_path, "The gloss binary, for start-up", "PATH" },
    { NULL }
  };
  Bench *bench;

  setlocale (LC_ALL, "");
  if (argc >= 4 && g_str_equal (argv[1], "--child"))
    {
      g_set_prgname (argv[0]);
      return run_child (argv[2], g_ascii_strtoll (argv[3], NULL, 10), TRUE);
    }
  if (argc >= 2 && g_str_equal (argv[1], "--bare-app"))
    {
      g_set_prgname (argv[0]);
      return run_child ("bare", 0, FALSE);
    }

  context = g_option_context_new ("first-frame|add|startup — Gloss window benchmarks");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "say which benchmark: first-frame, add or startup");
      return 2;
    }
  if (target_kb > 0)
    opts.target_bytes = (gsize) target_kb * 1000;
  if (!have_display ())
    return SKIP;
  if (!check_schema ())
    return 1;

  if (g_str_equal (argv[1], "startup"))
    {
      g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);

      return bench_startup (self != NULL ? self : argv[0]);
    }

  bench = bench_setup (&error);
  if (bench == NULL)
    {
      g_printerr ("setup failed: %s\n", error->message);
      return 1;
    }
  if (g_str_equal (argv[1], "first-frame"))
    status = bench_first_frame (bench);
  else if (g_str_equal (argv[1], "add"))
    status = bench_add (bench);
  else
    {
      g_printerr ("unknown benchmark %s\n", argv[1]);
      status = 2;
    }
  bench_free (bench);
  return status;
}
