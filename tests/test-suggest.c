/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Quote suggestions: the marks of every quotation style, cues and speakers in
 * English, German, Russian and French, a real article, and the suggestions a
 * project keeps for the window. */
#include <glib/gstdio.h>
#include <string.h>

#include "gloss-store.h"
#include "gloss-suggest.h"
#include "gloss-text.h"

/* ---- Text helpers --------------------------------------------------------------- */

static char *
slice (const char *text,
       gint        start,
       gint        end)
{
  g_autoptr(GlossTextIndex) index = gloss_text_index_new (text, -1);
  gsize from, to;

  g_assert_cmpint (start, >=, 0);
  g_assert_cmpint (start, <, end);
  g_assert_cmpint (end, <=, gloss_text_index_get_length (index));
  from = gloss_text_index_to_byte (index, start);
  to = gloss_text_index_to_byte (index, end);
  return g_strndup (text + from, to - from);
}

static char *
range_text (const char          *text,
            const GlossFragment *range)
{
  return range->start < 0 ? NULL : slice (text, range->start, range->end);
}

typedef struct
{
  const char       *quote;     /* the QUOTE span's text, marks included */
  const char       *cue;       /* NULL: none */
  const char       *speaker;   /* NULL: none */
  GlossSpeakerKind  kind;
  const char       *via;       /* NULL: none */
} Expected;

static void
assert_suggestion (const char                 *text,
                   const GlossQuoteSuggestion *s,
                   const Expected             *e)
{
  g_autofree char *quote = slice (text, s->start, s->end);
  g_autofree char *cue = range_text (text, &s->cue);
  g_autofree char *speaker = range_text (text, &s->speaker);
  g_autofree char *via = range_text (text, &s->via);

  g_assert_cmpstr (quote, ==, e->quote);
  g_assert_cmpstr (cue, ==, e->cue);
  g_assert_cmpstr (speaker, ==, e->speaker);
  g_assert_cmpint (s->speaker_kind, ==, e->speaker != NULL ? e->kind : GLOSS_SPEAKER_NONE);
  g_assert_cmpstr (via, ==, e->via);
  g_assert_cmpint (s->rowid, ==, 0);
  g_assert_cmpint (s->status, ==, GLOSS_SUGGESTION_PENDING);
}

/* @text gives exactly the suggestions @expected, in order. */
static void
assert_suggestions (const char     *text,
                    const char     *language,
                    const Expected *expected,
                    guint           n_expected)
{
  g_autoptr(GPtrArray) suggestions = gloss_suggest_quotes (text, language, NULL);

  for (guint i = 0; i < suggestions->len; i++)
    {
      const GlossQuoteSuggestion *s = g_ptr_array_index (suggestions, i);
      g_autofree char *quote = slice (text, s->start, s->end);

      g_test_message ("suggested: %s", quote);
    }
  g_assert_cmpuint (suggestions->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    assert_suggestion (text, g_ptr_array_index (suggestions, i), &expected[i]);
}

#define NAME GLOSS_SPEAKER_NAME
#define DESCRIPTION GLOSS_SPEAKER_DESCRIPTION

#define ASSERT_ONE(text, language, ...) \
  G_STMT_START { \
    const Expected e_[] = { __VA_ARGS__ }; \
    assert_suggestions ((text), (language), e_, G_N_ELEMENTS (e_)); \
  } G_STMT_END

/* ---- Quotation marks ------------------------------------------------------------ */

static void
test_styles (void)
{
  /* One quotation in each style, with its language's cue and speaker. */
  ASSERT_ONE ("“We will win this season,” Anna Berg said.", "en",
              { "“We will win this season,”", "said", "Anna Berg", NAME });
  ASSERT_ONE ("\"We will win this season,\" Anna Berg said.", "en",
              { "\"We will win this season,\"", "said", "Anna Berg", NAME });
  ASSERT_ONE ("‘We will win this season,’ Anna Berg said.", "en",
              { "‘We will win this season,’", "said", "Anna Berg", NAME });
  ASSERT_ONE ("„Wir werden die Saison gewinnen“, sagte Anna Berg.", "de",
              { "„Wir werden die Saison gewinnen“", "sagte", "Anna Berg", NAME });
  ASSERT_ONE ("„Wir werden die Saison gewinnen”, sagte Anna Berg.", "de",
              { "„Wir werden die Saison gewinnen”", "sagte", "Anna Berg", NAME });
  ASSERT_ONE ("«Мы выиграем этот сезон», — сказала Анна Берг.", "ru",
              { "«Мы выиграем этот сезон»", "сказала", "Анна Берг", NAME });
  ASSERT_ONE ("« Nous gagnerons cette saison », a déclaré Anna Berg.", "fr",
              { "« Nous gagnerons cette saison »", "a déclaré", "Anna Berg", NAME });
  ASSERT_ONE ("»Wir werden die Saison gewinnen«, sagte Anna Berg.", "de",
              { "»Wir werden die Saison gewinnen«", "sagte", "Anna Berg", NAME });
  ASSERT_ONE ("‚Wir werden die Saison gewinnen‘, sagte Anna Berg.", "de",
              { "‚Wir werden die Saison gewinnen‘", "sagte", "Anna Berg", NAME });
  ASSERT_ONE ("‹Nous gagnerons cette saison›, a dit Anna Berg.", "fr",
              { "‹Nous gagnerons cette saison›", "a dit", "Anna Berg", NAME });
  ASSERT_ONE ("›Wir werden die Saison gewinnen‹, sagte Anna Berg.", "de",
              { "›Wir werden die Saison gewinnen‹", "sagte", "Anna Berg", NAME });
  ASSERT_ONE ("監督は「今季は必ず優勝する」と語った。", NULL,
              { "「今季は必ず優勝する」" });
  ASSERT_ONE ("監督は『今季は必ず優勝する』と語った。", NULL,
              { "『今季は必ず優勝する』" });
}

static void
test_offsets (void)
{
  /* Offsets are code points: an emoji and accents before the quotation. */
  const char *text = "Zoë 😀 Müller said: “Prices rose by five percent.”";
  g_autoptr(GPtrArray) suggestions = gloss_suggest_quotes (text, NULL, NULL);
  const GlossQuoteSuggestion *s;

  g_assert_cmpuint (suggestions->len, ==, 1);
  s = g_ptr_array_index (suggestions, 0);
  g_assert_cmpint (s->start, ==, 19);
  g_assert_cmpint (s->end, ==, 49);
  g_assert_cmpint (s->cue.start, ==, 13);
  g_assert_cmpint (s->cue.end, ==, 17);
  g_assert_cmpint (s->speaker.start, ==, 6);
  g_assert_cmpint (s->speaker.end, ==, 12);
}

static void
test_mixed_pairs (void)
{
  ASSERT_ONE ("Putin said that Russia and France had \"Agreed how we will cooperate in the near future.”",
              "en", { "\"Agreed how we will cooperate in the near future.”", "said", "Putin", NAME });
  ASSERT_ONE ("“We are ready to talk to anybody,\" the minister said.", "en",
              { "“We are ready to talk to anybody,\"", "said", "the minister", DESCRIPTION });
  ASSERT_ONE ("„Wir sind zu Gesprächen bereit\", sagte der Minister.", "de",
              { "„Wir sind zu Gesprächen bereit\"", "sagte", "der Minister", DESCRIPTION });
  /* The two quotations of one sentence stay two. */
  ASSERT_ONE ("„Allerdings bleibt das Problem der Verlagerung“ laut Gall „auch in Zukunft bestehen“.", "de",
              { "„Allerdings bleibt das Problem der Verlagerung“", "laut", "Gall", NAME },
              { "„auch in Zukunft bestehen“", "laut", "Gall", NAME });
}

static void
test_apostrophes (void)
{
  ASSERT_ONE ("“I don’t think the Workers’ union will give in,” Mary O’Brien said.", "en",
              { "“I don’t think the Workers’ union will give in,”", "said", "Mary O’Brien", NAME });
  /* In single quotation marks an apostrophe must not close the quotation. */
  ASSERT_ONE ("‘The Workers’ union won’t give in,’ the leader said.", "en",
              { "‘The Workers’ union won’t give in,’", "said", "the leader", DESCRIPTION });
  ASSERT_ONE ("'It's the Smiths' best album by far,' Mary O'Brien said.", "en",
              { "'It's the Smiths' best album by far,'", "said", "Mary O'Brien", NAME });
  /* Apostrophes alone are no quotations at all. */
  ASSERT_ONE ("The Workers’ union and the teachers’ union didn’t agree in the ’90s.", "en");
}

static void
test_multi_paragraph (void)
{
  /* English: the opening mark again at each paragraph, no closing mark before. */
  ASSERT_ONE ("The minister said: “First we will lower the taxes.\n\n"
              "“Then we will build the roads.\n\n"
              "“And then we will see.”\n\n"
              "The opposition disagreed.", "en",
              { "“First we will lower the taxes.\n\n“Then we will build the roads.\n\n“And then we will see.”",
                "said", "The minister", DESCRIPTION });
  /* German court reporting: one opening mark, the closing mark paragraphs later. */
  ASSERT_ONE ("Der Richter sagte: „Wir sind überzeugt, richtig entschieden zu haben.\n"
              "Bedenken Sie das, wenn Sie berichten.\n\n"
              "Nur dann haben Sie den Grundsatz „in dubio pro reo“ verstanden. “\n\n"
              "Danach wurde es still.", "de",
              { "„Wir sind überzeugt, richtig entschieden zu haben.\nBedenken Sie das, wenn Sie berichten.\n\n"
                "Nur dann haben Sie den Grundsatz „in dubio pro reo“ verstanden. “",
                "sagte", "Der Richter", DESCRIPTION });
  /* A paragraph closing its quotation is not continued by the next one. */
  ASSERT_ONE ("“We will win,” she said.\n\n“We always do,” she added.", "en",
              { "“We will win,”", "said" }, { "“We always do,”", "added" });
}

static void
test_nested (void)
{
  ASSERT_ONE ("“He told me ‘never again’ and walked away,” Anna Berg said.", "en",
              { "“He told me ‘never again’ and walked away,”", "said", "Anna Berg", NAME });
  ASSERT_ONE ("\"В ходе операции под названием \"Арсенал\" изъято оружие\", - говорится в сообщении.", "ru",
              { "\"В ходе операции под названием \"Арсенал\" изъято оружие\"", "говорится" });
  ASSERT_ONE ("„Es geht nicht um eine ‚gesellschaftliche Wünschbarkeit‘ der Demonstration“, sagte Gall.", "de",
              { "„Es geht nicht um eine ‚gesellschaftliche Wünschbarkeit‘ der Demonstration“", "sagte", "Gall", NAME });
}

static void
test_partial (void)
{
  ASSERT_ONE ("On bilateral cooperation, Putin said the aim was to \"establish constructive work by our "
              "military specialists\" in Syria.", "en",
              { "\"establish constructive work by our military specialists\"", "said", "Putin", NAME });
  ASSERT_ONE ("Bundestrainer Joachim Löw bezeichnete die Karten als „übertrieben“.", "de",
              { "„übertrieben“", "bezeichnete", "Bundestrainer Joachim Löw", NAME });
  /* Names of newspapers and operations in marks are not quotations. */
  ASSERT_ONE ("Das berichtete laut „Tagesspiegel“ ein Mitarbeiter. Wie „heise online“ berichtet, "
              "ist die Seite gesperrt. Die „Kampagne für ein Freies Tibet“ berichtete darüber.", "de");
  ASSERT_ONE ("Пресс-служба американской военной базы в аэропорту \"Манас\" отказалась от комментариев.", "ru");
}

/* ---- Cues and speakers ---------------------------------------------------------- */

static void
test_speakers_en (void)
{
  ASSERT_ONE ("\"We are ready to cooperate,\" said Putin.", "en",
              { "\"We are ready to cooperate,\"", "said", "Putin", NAME });
  ASSERT_ONE ("Russian President Vladimir Putin said: \"We are ready to cooperate.\"", "en",
              { "\"We are ready to cooperate.\"", "said", "Russian President Vladimir Putin", NAME });
  ASSERT_ONE ("\"We are ready to cooperate,\" a spokesman for the Kremlin said.", "en",
              { "\"We are ready to cooperate,\"", "said", "a spokesman for the Kremlin", DESCRIPTION });
  ASSERT_ONE ("According to Angela Merkel, \"the talks went well\".", "en",
              { "\"the talks went well\"", "According to", "Angela Merkel", NAME });
  ASSERT_ONE ("Vladimir Putin met Francois Hollande in Moscow on Monday.\n\n"
              "\"We are ready to cooperate with the coalition,\" he added.", "en",
              { "\"We are ready to cooperate with the coalition,\"", "added", "Vladimir Putin", NAME, "he" });
  /* "he" is the speaker met before rather than a country nearer to it. */
  ASSERT_ONE ("\"We are ready to cooperate,\" Putin said.\n\n"
              "On cooperation with France, he said the aim was \"to avoid duplication of strikes\".", "en",
              { "\"We are ready to cooperate,\"", "said", "Putin", NAME },
              { "\"to avoid duplication of strikes\"", "said", "Putin", NAME, "he" });
  /* "they" and "it" stand for a group or an organisation, never for a person. */
  ASSERT_ONE ("\"We are ready,\" the ministry said. Putin arrived later.\n\n"
              "\"We will not wait,\" it added.", "en",
              { "\"We are ready,\"", "said", "the ministry", DESCRIPTION },
              { "\"We will not wait,\"", "added", "the ministry", DESCRIPTION, "it" });
  ASSERT_ONE ("Putin arrived in Paris.\n\n\"We will not wait,\" they said.", "en",
              { "\"We will not wait,\"", "said" });
  ASSERT_ONE ("\"The shells fell near the posts,\" said KCNA. \"Provocation deserves punishment,\" it added.",
              "en",
              { "\"The shells fell near the posts,\"", "said", "KCNA", NAME },
              { "\"Provocation deserves punishment,\"", "added", "KCNA", NAME, "it" });
  /* "and said it was": the subject of the sentence, not "it". */
  ASSERT_ONE ("Shadow Home Secretary Yvette Cooper said her party had asked for it, and said it was "
              "\"damning that the Home Office is not doing this\".", "en",
              { "\"damning that the Home Office is not doing this\"", "said", "Shadow Home Secretary Yvette Cooper",
                NAME });
  /* Without a speech verb there is no cue and no speaker. */
  ASSERT_ONE ("The crowd chanted \"no more war, no more lies\" for hours.", "en",
              { "\"no more war, no more lies\"" });
}

static void
test_speakers_de (void)
{
  ASSERT_ONE ("„Wir befürchten das Schlimmste“, sagte Innenminister Heribert Rech.", "de",
              { "„Wir befürchten das Schlimmste“", "sagte", "Innenminister Heribert Rech", NAME });
  ASSERT_ONE ("Zum Versammlungsrecht in Baden-Württemberg schreibt Reinhold Gall: „Der Entwurf geht zu weit.“", "de",
              { "„Der Entwurf geht zu weit.“", "schreibt", "Reinhold Gall", NAME });
  ASSERT_ONE ("„Das ist nicht hinnehmbar“, so Gall.", "de",
              { "„Das ist nicht hinnehmbar“", "so", "Gall", NAME });
  ASSERT_ONE ("Besorgt äußerte sich Wolfgang Grader. „Wir befürchten das Schlimmste“, sagte er.", "de",
              { "„Wir befürchten das Schlimmste“", "sagte", "Wolfgang Grader", NAME, "er" });
  ASSERT_ONE ("Das russische Außenministerium erklärte, der Dialog sei eine „innere Angelegenheit“ Chinas.", "de",
              { "„innere Angelegenheit“", "erklärte", "Das russische Außenministerium", DESCRIPTION });
}

static void
test_speakers_ru (void)
{
  ASSERT_ONE ("«Мы готовы к сотрудничеству», — заявил президент России Владимир Путин.", "ru",
              { "«Мы готовы к сотрудничеству»", "заявил", "президент России Владимир Путин", NAME });
  ASSERT_ONE ("По словам Сергея Лаврова, «переговоры прошли успешно».", "ru",
              { "«переговоры прошли успешно»", "По словам", "Сергея Лаврова", NAME });
  ASSERT_ONE ("Министр Сергей Лавров прибыл в Париж. «Мы готовы к диалогу», — сказал он.", "ru",
              { "«Мы готовы к диалогу»", "сказал", "Сергей Лавров", NAME, "он" });
  ASSERT_ONE ("\"Все оборудование находилось под защитой властей\", - сказал собеседник агентства.", "ru",
              { "\"Все оборудование находилось под защитой властей\"", "сказал", "собеседник агентства",
                DESCRIPTION });
  ASSERT_ONE ("Она отметила: «Она не болела ни разу».", "ru",
              { "«Она не болела ни разу»", "отметила" });
}

static void
test_speakers_fr (void)
{
  ASSERT_ONE ("« Nous allons gagner », a déclaré Emmanuel Macron.", "fr",
              { "« Nous allons gagner »", "a déclaré", "Emmanuel Macron", NAME });
  ASSERT_ONE ("Selon le ministre, « la situation est grave ».", "fr",
              { "« la situation est grave »", "Selon", "le ministre", DESCRIPTION });
  ASSERT_ONE ("Emmanuel Macron est arrivé à Berlin. « Nous sommes prêts », a-t-il dit.", "fr",
              { "« Nous sommes prêts »", "dit", "Emmanuel Macron", NAME, "il" });
}

/* The speaker is the whole noun phrase naming the source: title, name,
 * organisation, apposition. */
static void
test_speaker_phrases (void)
{
  ASSERT_ONE ("„Die Sendung wird verschoben“, sagte ein Sprecher des Fernsehsenders ProSieben.", "de",
              { "„Die Sendung wird verschoben“", "sagte", "ein Sprecher des Fernsehsenders ProSieben",
                DESCRIPTION });
  ASSERT_ONE ("„Das ist nicht hinnehmbar“, so EU-Gesundheitskommissar Marcos Kyprianou.", "de",
              { "„Das ist nicht hinnehmbar“", "so", "EU-Gesundheitskommissar Marcos Kyprianou", NAME });
  ASSERT_ONE ("„Wir bleiben dabei“, sagte der Außenminister Frank-Walter Steinmeier (SPD) am Montag.", "de",
              { "„Wir bleiben dabei“", "sagte", "der Außenminister Frank-Walter Steinmeier (SPD)", NAME });
  ASSERT_ONE ("Die Sprecherin der Stiftung Warentest, Heike van Laak, sagte: „Wir bleiben dabei.“", "de",
              { "„Wir bleiben dabei.“", "sagte", "Die Sprecherin der Stiftung Warentest, Heike van Laak", NAME });
  ASSERT_ONE ("Nach Angaben von ProSieben war die Sendung „ein großer Erfolg“.", "de",
              { "„ein großer Erfolg“", "Nach Angaben von", "ProSieben", NAME });
  ASSERT_ONE ("Innenminister Heribert Rech zufolge ist das „nicht hinnehmbar“.", "de",
              { "„nicht hinnehmbar“", "zufolge", "Innenminister Heribert Rech", NAME });
  ASSERT_ONE ("„Die Sendung war ein großer Erfolg“, wie ein Sprecher des Senders mitteilte.", "de",
              { "„Die Sendung war ein großer Erfolg“", "mitteilte", "ein Sprecher des Senders", DESCRIPTION });
  ASSERT_ONE ("\"We will not give in,\" a spokesman for ProSieben said.", "en",
              { "\"We will not give in,\"", "said", "a spokesman for ProSieben", DESCRIPTION });
  ASSERT_ONE ("German Foreign Minister Frank-Walter Steinmeier told reporters: \"We are ready to talk.\"", "en",
              { "\"We are ready to talk.\"", "told", "German Foreign Minister Frank-Walter Steinmeier", NAME });
  ASSERT_ONE ("\"The talks went well,\" as Putin said on Monday.", "en",
              { "\"The talks went well,\"", "said", "Putin", NAME });
  ASSERT_ONE ("\"We will win,\" said Sen. Bernie Sanders, a Democrat from Vermont.", "en",
              { "\"We will win,\"", "said", "Sen. Bernie Sanders", NAME });
  ASSERT_ONE ("\"We will win,\" Sanders, a Democrat from Vermont, said.", "en",
              { "\"We will win,\"", "said", "Sanders", NAME });
  ASSERT_ONE ("\"It is over,\" White House press secretary Josh Earnest told reporters.", "en",
              { "\"It is over,\"", "told", "White House press secretary Josh Earnest", NAME });
  ASSERT_ONE ("\"We are ready,\" said her campaign manager Robby Mook.", "en",
              { "\"We are ready,\"", "said", "her campaign manager Robby Mook", NAME });
  ASSERT_ONE ("\"We will win,\" the Republican front-runner told supporters.", "en",
              { "\"We will win,\"", "told", "the Republican front-runner", DESCRIPTION });
  ASSERT_ONE ("The senator, who has long opposed the deal, said: \"This is a disaster.\"", "en",
              { "\"This is a disaster.\"", "said", "The senator", DESCRIPTION });
  ASSERT_ONE ("\"It is over,\" according to a statement from the Clinton campaign.", "en",
              { "\"It is over,\"", "according to", "a statement from the Clinton campaign", DESCRIPTION });
  ASSERT_ONE ("«Переговоры прошли успешно», — заявил министр иностранных дел России Сергей Лавров.", "ru",
              { "«Переговоры прошли успешно»", "заявил", "министр иностранных дел России Сергей Лавров", NAME });
  ASSERT_ONE ("По словам официального представителя МИД Марии Захаровой, «переговоры прошли успешно».", "ru",
              { "«переговоры прошли успешно»", "По словам", "официального представителя МИД Марии Захаровой",
                NAME });
  ASSERT_ONE ("« Les négociations ont réussi », a déclaré le ministre des Affaires étrangères Jean-Yves Le Drian.",
              "fr", { "« Les négociations ont réussi »", "a déclaré",
                      "le ministre des Affaires étrangères Jean-Yves Le Drian", NAME });
  ASSERT_ONE ("Selon le porte-parole du gouvernement, « les négociations ont réussi ».", "fr",
              { "« les négociations ont réussi »", "Selon", "le porte-parole du gouvernement", DESCRIPTION });
}

/* German capitalises every noun: a noun next to a cue is not the speaker. */
static void
test_german_nouns (void)
{
  ASSERT_ONE ("Er kritisierte den Forderungen nach „einem Ende der Gewalt“ nicht.", "de",
              { "„einem Ende der Gewalt“", "kritisierte" });
  ASSERT_ONE ("Engagement sagte man ihm nach, „ein Leben lang für die Sache“ gekämpft zu haben.", "de",
              { "„ein Leben lang für die Sache“", "sagte" });
  /* A surname the text gave in full before is a person, at a sentence start too. */
  ASSERT_ONE ("Bundespräsident Horst Köhler besuchte Leipzig. Köhler sagte: „Wir schaffen das.“", "de",
              { "„Wir schaffen das.“", "sagte", "Köhler", NAME });
  ASSERT_ONE ("Frank-Walter Steinmeier kam am Abend. Er sagte: „Wir müssen jetzt handeln.“", "de",
              { "„Wir müssen jetzt handeln.“", "sagte", "Frank-Walter Steinmeier", NAME, "Er" });
}

/* With no cue: who brings in the quotation with a colon, or the speaker of the
 * quotation before it in the same paragraph or the next. */
static void
test_speaker_without_cue (void)
{
  ASSERT_ONE ("Zudem sparte der Bundespräsident nicht mit Kritik: „Jeder sollte wissen, was zu tun ist.“", "de",
              { "„Jeder sollte wissen, was zu tun ist.“", NULL, "der Bundespräsident", DESCRIPTION });
  ASSERT_ONE ("Putin: \"The talks went well.\"", "en",
              { "\"The talks went well.\"", NULL, "Putin", NAME });
  ASSERT_ONE ("\"We are ready,\" said Putin. \"We have always been ready.\"\n\nHe left. \"Nobody will stop us.\"",
              "en",
              { "\"We are ready,\"", "said", "Putin", NAME },
              { "\"We have always been ready.\"", NULL, "Putin", NAME },
              { "\"Nobody will stop us.\"", NULL, "Putin", NAME });
  /* Two paragraphs on, the speaker is no longer assumed. */
  ASSERT_ONE ("\"We are ready,\" said Putin.\n\nThe meeting ended.\n\nThe talks went on. \"Nobody will stop us.\"",
              "en",
              { "\"We are ready,\"", "said", "Putin", NAME },
              { "\"Nobody will stop us.\"" });
}

/* The speaker of the only suggestion for @text, given the tagged mentions
 * @mentions (substrings of @text). */
static char *
speaker_with_mentions (const char          *text,
                       const char          *language,
                       const char * const  *mentions)
{
  g_autoptr(GlossTextIndex) index = gloss_text_index_new (text, -1);
  g_autoptr(GArray) speakers = g_array_new (FALSE, FALSE, sizeof (GlossFragment));
  g_autoptr(GPtrArray) suggestions = NULL;
  const GlossQuoteSuggestion *s;

  for (guint i = 0; mentions[i] != NULL; i++)
    {
      const char *at = strstr (text, mentions[i]);
      glong start = g_utf8_pointer_to_offset (text, at);
      GlossFragment f = { start, start + g_utf8_strlen (mentions[i], -1) };

      g_assert_nonnull (at);
      g_array_append_val (speakers, f);
    }
  suggestions = gloss_suggest_quotes_with_speakers (text, language, speakers, NULL);
  g_assert_cmpuint (suggestions->len, ==, 1);
  s = g_ptr_array_index (suggestions, 0);
  g_assert_cmpint (s->speaker_kind, !=, GLOSS_SPEAKER_NONE);
  return range_text (text, &s->speaker);
}

/* Mentions the annotator tagged (PERSON, ORG) are preferred as speakers. */
static void
test_speaker_entities (void)
{
  const char *steinmeier = "„Wir bleiben dabei“, sagte der Außenminister Frank-Walter Steinmeier (SPD).";
  const char *spokesman = "\"We will not give in,\" a spokesman for ProSieben said.";
  const char *klose = "Klose kam spät zum Training. „Ich bin müde“, sagte er.";
  g_autofree char *a = speaker_with_mentions (steinmeier, "de", (const char *[]) { "Frank-Walter Steinmeier", NULL });
  g_autofree char *b = speaker_with_mentions (spokesman, "en", (const char *[]) { "ProSieben", NULL });
  g_autofree char *c = speaker_with_mentions (klose, "de", (const char *[]) { "Klose", NULL });
  g_autofree char *d = speaker_with_mentions ("Steinmeier traf Lawrow. „Wir bleiben dabei“, sagte der "
                                              "Außenminister Frank-Walter Steinmeier.", "de",
                                              (const char *[]) { "Lawrow", NULL });

  g_assert_cmpstr (a, ==, "Frank-Walter Steinmeier");
  g_assert_cmpstr (b, ==, "ProSieben");
  /* A single German word is a person once tagged, and "er" reaches it. */
  g_assert_cmpstr (c, ==, "Klose");
  /* A mention elsewhere changes nothing. */
  g_assert_cmpstr (d, ==, "der Außenminister Frank-Walter Steinmeier");
  ASSERT_ONE ("Klose kam spät zum Training. „Ich bin müde“, sagte er.", "de",
              { "„Ich bin müde“", "sagte" });
}

static void
test_language_guess (void)
{
  /* Without a language the text tells: German here, so „…“ and "sagte". */
  ASSERT_ONE ("Der Trainer war zufrieden. „Wir haben das Spiel gewonnen“, sagte Anna Berg und lachte.", NULL,
              { "„Wir haben das Spiel gewonnen“", "sagte", "Anna Berg", NAME });
  ASSERT_ONE ("Тренер был доволен. «Мы выиграли матч», — сказала Анна Берг.", NULL,
              { "«Мы выиграли матч»", "сказала", "Анна Берг", NAME });
  ASSERT_ONE ("", NULL);
}

/* ---- A real article ------------------------------------------------------------------ */

static char *
shared_article (const char *name)
{
  const char *shared = g_getenv ("GLOSS_SHARED_DATA");
  g_autofree char *path = NULL;
  char *contents = NULL;

  if (shared == NULL)
    return NULL;
  path = g_build_filename (shared, "articles", name, NULL);
  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  return contents;
}

static void
test_trt_world (void)
{
  static const struct { const char *opening; const char *cue; } quotes[] = {
    { "\"We are ready to cooperate with the coalition", "said" },
    { "\"And we proceed from the position", "added" },
    { "\"Agreed how we will cooperate", "said" },
    { "\"We are talking about a designation", "added" },
    { "\"establish constructive work", "said" },
    { "\"We view this as the formation", "said" },
  };
  g_autofree char *text = shared_article ("en_trtworld_putin_coalition_2015.txt");
  g_autoptr(GPtrArray) suggestions = NULL;

  if (text == NULL)
    {
      g_test_skip ("../shared/data/articles is not there (GLOSS_SHARED_DATA)");
      return;
    }

  /* Every direct and partial quotation, and no other. */
  suggestions = gloss_suggest_quotes (text, "en", NULL);
  g_assert_cmpuint (suggestions->len, ==, G_N_ELEMENTS (quotes));
  for (guint i = 0; i < G_N_ELEMENTS (quotes); i++)
    {
      const GlossQuoteSuggestion *s = g_ptr_array_index (suggestions, i);
      g_autofree char *quote = slice (text, s->start, s->end);
      g_autofree char *cue = range_text (text, &s->cue);
      g_autofree char *speaker = range_text (text, &s->speaker);

      g_test_message ("%s → %s, %s", quote, cue, speaker);
      g_assert_true (g_str_has_prefix (quote, quotes[i].opening));
      g_assert_true (g_str_has_suffix (quote, "\"") || g_str_has_suffix (quote, "”"));
      g_assert_cmpstr (cue, ==, quotes[i].cue);
      /* Putin said, Putin added, he added, he said: all Putin. */
      g_assert_true (g_strcmp0 (speaker, "Putin") == 0 || g_strcmp0 (speaker, "Vladimir Putin") == 0);
      g_assert_cmpint (s->speaker_kind, ==, GLOSS_SPEAKER_NAME);
    }
}

/* ---- Suggestions kept in a project ------------------------------------------------------- */

typedef struct
{
  char          *dir;
  GlossStore    *store;
  GlossDocument *document;
} Fixture;

#define ARTICLE "Putin met Hollande in Moscow.\n\n" \
                "\"We are ready to cooperate with the coalition,\" Putin said.\n\n" \
                "\"Incidents like this are absolutely unacceptable,\" he added.\n\n" \
                "A spokesman for the Kremlin said: \"There will be no repeat of this.\""

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("gloss-test-suggest-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "project.gloss", NULL);
  fixture->store = gloss_store_open (path, GLOSS_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  fixture->document = g_new0 (GlossDocument, 1);
  fixture->document->id = g_strdup ("putin");
  fixture->document->title = g_strdup ("Putin");
  fixture->document->text = g_strdup (ARTICLE);
  g_assert_true (gloss_store_add_document (fixture->store, fixture->document, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_strdup (gloss_store_get_path (fixture->store));
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->document, gloss_document_free);
  g_remove (path);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static GPtrArray *
suggest (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *suggestions = gloss_suggest_for_document (fixture->store, fixture->document, GLOSS_SUGGEST_QUOTES,
                                                       NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (suggestions);
  return suggestions;
}

static GPtrArray *
stored (Fixture                     *fixture,
        const GlossSuggestionStatus *status)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *suggestions = gloss_store_list_suggestions (fixture->store, fixture->document->rowid, status, &error);

  g_assert_no_error (error);
  g_assert_nonnull (suggestions);
  return suggestions;
}

static guint
apply (Fixture *fixture)
{
  g_autoptr(GPtrArray) suggestions = suggest (fixture);
  g_autoptr(GError) error = NULL;
  guint added = G_MAXUINT;

  g_assert_true (gloss_store_add_suggestions (fixture->store, fixture->document->rowid, suggestions, &added,
                                              &error));
  g_assert_no_error (error);
  return added;
}

static void
test_store_apply_twice (Fixture       *fixture,
                        gconstpointer  data)
{
  GlossSuggestionStatus pending = GLOSS_SUGGESTION_PENDING;
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GPtrArray) fresh = suggest (fixture);

  g_assert_cmpuint (fresh->len, ==, 3);
  g_assert_cmpuint (apply (fixture), ==, 3);
  g_assert_cmpuint (apply (fixture), ==, 0);

  suggestions = stored (fixture, &pending);
  g_assert_cmpuint (suggestions->len, ==, 3);
  for (guint i = 0; i < suggestions->len; i++)
    {
      const GlossQuoteSuggestion *s = g_ptr_array_index (suggestions, i);
      const GlossQuoteSuggestion *f = g_ptr_array_index (fresh, i);

      /* What comes back is what went in. */
      g_assert_cmpint (s->rowid, >, 0);
      g_assert_cmpint (s->document, ==, fixture->document->rowid);
      g_assert_cmpint (s->start, ==, f->start);
      g_assert_cmpint (s->end, ==, f->end);
      g_assert_cmpint (s->cue.start, ==, f->cue.start);
      g_assert_cmpint (s->cue.end, ==, f->cue.end);
      g_assert_cmpint (s->speaker.start, ==, f->speaker.start);
      g_assert_cmpint (s->speaker.end, ==, f->speaker.end);
      g_assert_cmpint (s->speaker_kind, ==, f->speaker_kind);
      g_assert_cmpint (s->via.start, ==, f->via.start);
      g_assert_cmpint (s->via.end, ==, f->via.end);
    }
  /* The second one reached its speaker through "he", the third is a description. */
  g_assert_cmpint (((GlossQuoteSuggestion *) g_ptr_array_index (suggestions, 1))->via.start, >, 0);
  g_assert_cmpint (((GlossQuoteSuggestion *) g_ptr_array_index (suggestions, 2))->speaker_kind, ==,
                   GLOSS_SPEAKER_DESCRIPTION);

  /* Suggestions are not annotations: nothing to undo, nothing exported. */
  g_assert_false (gloss_store_can_undo (fixture->store));
}

static void
test_store_rejected (Fixture       *fixture,
                     gconstpointer  data)
{
  GlossSuggestionStatus rejected = GLOSS_SUGGESTION_REJECTED;
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) decided = NULL;
  g_autoptr(GError) error = NULL;
  const GlossQuoteSuggestion *first;

  g_assert_cmpuint (apply (fixture), ==, 3);
  suggestions = stored (fixture, NULL);
  first = g_ptr_array_index (suggestions, 0);
  g_assert_true (gloss_store_set_suggestion_status (fixture->store, fixture->document->rowid, first->rowid,
                                                    GLOSS_SUGGESTION_REJECTED, &error));
  g_assert_no_error (error);
  /* Rejecting on its own is not an undo step. */
  g_assert_false (gloss_store_can_undo (fixture->store));

  /* Never suggested again, never stored again. */
  again = suggest (fixture);
  g_assert_cmpuint (again->len, ==, 2);
  for (guint i = 0; i < again->len; i++)
    g_assert_cmpint (((GlossQuoteSuggestion *) g_ptr_array_index (again, i))->start, !=, first->start);
  g_assert_true (gloss_store_add_suggestions (fixture->store, fixture->document->rowid, suggestions, NULL,
                                              &error));
  g_assert_no_error (error);
  decided = stored (fixture, &rejected);
  g_assert_cmpuint (decided->len, ==, 1);
  g_assert_cmpint (((GlossQuoteSuggestion *) g_ptr_array_index (decided, 0))->rowid, ==, first->rowid);
}

static gboolean
has_span (GPtrArray  *spans,
          const char *label,
          gint        start,
          gint        end)
{
  for (guint i = 0; i < spans->len; i++)
    {
      GlossSpan *span = g_ptr_array_index (spans, i);

      if (g_str_equal (span->label, label) && gloss_span_get_start (span) == start
          && gloss_span_get_end (span) == end)
        return TRUE;
    }
  return FALSE;
}

static guint
count_relations (GlossStore *store,
                 gint64      document,
                 const char *type)
{
  g_autoptr(GPtrArray) relations = gloss_store_list_relations (store, document, NULL);
  guint n = 0;

  for (guint i = 0; i < relations->len; i++)
    n += g_str_equal (((GlossRelation *) g_ptr_array_index (relations, i))->type, type);
  return n;
}

static GlossSuggestionStatus
status_of (Fixture *fixture,
           gint64   rowid)
{
  g_autoptr(GPtrArray) suggestions = stored (fixture, NULL);

  for (guint i = 0; i < suggestions->len; i++)
    if (((GlossQuoteSuggestion *) g_ptr_array_index (suggestions, i))->rowid == rowid)
      return ((GlossQuoteSuggestion *) g_ptr_array_index (suggestions, i))->status;
  g_assert_not_reached ();
}

static void
test_store_accept_undo (Fixture       *fixture,
                        gconstpointer  data)
{
  GlossDocument *d = fixture->document;
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(GlossSpan) quote = NULL;
  g_autoptr(GlossSpan) person = NULL;
  g_autoptr(GlossSpan) mention = NULL;
  g_autoptr(GError) error = NULL;
  GlossQuoteSuggestion *second, *third;
  gint64 document = 0;

  g_assert_cmpuint (apply (fixture), ==, 3);
  suggestions = stored (fixture, NULL);
  second = g_ptr_array_index (suggestions, 1);   /* he added → "Putin" in "Putin said" */
  third = g_ptr_array_index (suggestions, 2);    /* a spokesman */

  /* The speaker's mention is already annotated: the suggestion links to it. */
  person = gloss_span_new ("PERSON", second->speaker.start, second->speaker.end);
  mention = gloss_store_add_span (fixture->store, d->rowid, person, &error);
  g_assert_no_error (error);

  quote = gloss_suggest_accept (fixture->store, d->rowid, second, &error);
  g_assert_no_error (error);
  g_assert_nonnull (quote);
  g_assert_cmpstr (quote->label, ==, "QUOTE");
  g_assert_cmpint (gloss_span_get_start (quote), ==, second->start);
  g_assert_cmpint (status_of (fixture, second->rowid), ==, GLOSS_SUGGESTION_ACCEPTED);
  spans = gloss_store_list_spans (fixture->store, d->rowid, NULL);
  g_assert_cmpuint (spans->len, ==, 3);   /* PERSON (reused), QUOTE, CUE */
  g_assert_true (has_span (spans, "CUE", second->cue.start, second->cue.end));
  g_assert_cmpuint (count_relations (fixture->store, d->rowid, "SPEAKER"), ==, 1);
  g_assert_cmpuint (count_relations (fixture->store, d->rowid, "CUE"), ==, 1);
  g_assert_cmpstr (gloss_store_get_undo_description (fixture->store), ==, "Accept quote suggestion");

  /* An accepted quotation is annotated: no longer suggested. */
  left = suggest (fixture);
  g_assert_cmpuint (left->len, ==, 2);

  /* One undo takes back the spans, the relations and the decision. */
  g_assert_true (gloss_store_undo (fixture->store, &document, &error));
  g_assert_no_error (error);
  g_assert_cmpint (document, ==, d->rowid);
  g_clear_pointer (&spans, g_ptr_array_unref);
  spans = gloss_store_list_spans (fixture->store, d->rowid, NULL);
  g_assert_cmpuint (spans->len, ==, 1);
  g_assert_cmpuint (count_relations (fixture->store, d->rowid, "SPEAKER"), ==, 0);
  g_assert_cmpint (status_of (fixture, second->rowid), ==, GLOSS_SUGGESTION_PENDING);

  g_assert_true (gloss_store_redo (fixture->store, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status_of (fixture, second->rowid), ==, GLOSS_SUGGESTION_ACCEPTED);

  /* A description becomes a SOURCE span. */
  g_clear_pointer (&quote, gloss_span_free);
  quote = gloss_suggest_accept (fixture->store, d->rowid, third, &error);
  g_assert_no_error (error);
  g_clear_pointer (&spans, g_ptr_array_unref);
  spans = gloss_store_list_spans (fixture->store, d->rowid, NULL);
  g_assert_true (has_span (spans, "SOURCE", third->speaker.start, third->speaker.end));
  g_assert_true (gloss_store_check_integrity (fixture->store, &error));
  g_assert_no_error (error);
}

static void
test_store_annotated (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) before = suggest (fixture);
  const GlossQuoteSuggestion *first = g_ptr_array_index (before, 0);
  g_autoptr(GlossSpan) span = gloss_span_new ("QUOTE", first->start + 1, first->end - 1);
  g_autoptr(GlossSpan) stored_span = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;

  /* A QUOTE span on most of it (here without the marks) counts as annotated. */
  stored_span = gloss_store_add_span (fixture->store, fixture->document->rowid, span, &error);
  g_assert_no_error (error);
  after = suggest (fixture);
  g_assert_cmpuint (after->len, ==, before->len - 1);
  g_assert_cmpint (((GlossQuoteSuggestion *) g_ptr_array_index (after, 0))->start, !=, first->start);
}

/* A mention the annotator tagged with a label that can speak is the speaker
 * suggested, and accepting links to it instead of adding a span. */
static void
test_store_tagged_speaker (Fixture       *fixture,
                           gconstpointer  data)
{
  gint64 d = fixture->document->rowid;
  const char *kremlin = strstr (ARTICLE, "Kremlin");
  gint start = g_utf8_pointer_to_offset (ARTICLE, kremlin);
  g_autoptr(GlossSpan) org = gloss_span_new ("ORG", start, start + strlen ("Kremlin"));
  g_autoptr(GlossSpan) stored_org = NULL;
  g_autoptr(GlossSpan) quote = NULL;
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GError) error = NULL;
  const GlossQuoteSuggestion *last;

  stored_org = gloss_store_add_span (fixture->store, d, org, &error);
  g_assert_no_error (error);
  suggestions = suggest (fixture);
  g_assert_cmpuint (suggestions->len, ==, 3);
  last = g_ptr_array_index (suggestions, 2);
  g_assert_cmpint (last->speaker.start, ==, start);
  g_assert_cmpint (last->speaker.end, ==, start + strlen ("Kremlin"));
  g_assert_cmpint (last->speaker_kind, ==, GLOSS_SPEAKER_NAME);

  quote = gloss_suggest_accept (fixture->store, d, last, &error);
  g_assert_no_error (error);
  spans = gloss_store_list_spans (fixture->store, d, NULL);
  g_assert_cmpuint (spans->len, ==, 3);   /* ORG (reused), QUOTE, CUE */
  g_assert_true (has_span (spans, "ORG", start, start + strlen ("Kremlin")));
  g_assert_cmpuint (count_relations (fixture->store, d, "SPEAKER"), ==, 1);
}

static void
test_store_errors (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) outside = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_quote_suggestion_free);
  g_autoptr(GError) error = NULL;
  guint added = 7;

  g_assert_false (gloss_store_set_suggestion_status (fixture->store, fixture->document->rowid, 12345,
                                                     GLOSS_SUGGESTION_ACCEPTED, &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_ptr_array_add (outside, gloss_quote_suggestion_new (10, 10000));
  g_assert_false (gloss_store_add_suggestions (fixture->store, fixture->document->rowid, outside, &added, &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID);
  g_assert_cmpuint (added, ==, 0);
  g_clear_error (&error);

  g_assert_false (gloss_store_add_suggestions (fixture->store, 999, outside, NULL, &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_FOUND);
}

static void
test_store_delete_document (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (apply (fixture), ==, 3);
  g_assert_true (gloss_store_delete_document (fixture->store, fixture->document->rowid, &error));
  g_assert_no_error (error);
  left = stored (fixture, NULL);
  g_assert_cmpuint (left->len, ==, 0);
  g_assert_true (gloss_store_check_integrity (fixture->store, &error));
  g_assert_no_error (error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/suggest/styles", test_styles);
  g_test_add_func ("/suggest/offsets", test_offsets);
  g_test_add_func ("/suggest/mixed-pairs", test_mixed_pairs);
  g_test_add_func ("/suggest/apostrophes", test_apostrophes);
  g_test_add_func ("/suggest/multi-paragraph", test_multi_paragraph);
  g_test_add_func ("/suggest/nested", test_nested);
  g_test_add_func ("/suggest/partial", test_partial);
  g_test_add_func ("/suggest/speakers/en", test_speakers_en);
  g_test_add_func ("/suggest/speakers/de", test_speakers_de);
  g_test_add_func ("/suggest/speakers/ru", test_speakers_ru);
  g_test_add_func ("/suggest/speakers/fr", test_speakers_fr);
  g_test_add_func ("/suggest/speakers/phrases", test_speaker_phrases);
  g_test_add_func ("/suggest/speakers/german-nouns", test_german_nouns);
  g_test_add_func ("/suggest/speakers/without-cue", test_speaker_without_cue);
  g_test_add_func ("/suggest/speakers/entities", test_speaker_entities);
  g_test_add_func ("/suggest/language-guess", test_language_guess);
  g_test_add_func ("/suggest/trt-world", test_trt_world);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/suggest/store/apply-twice", test_store_apply_twice);
  ADD ("/suggest/store/rejected", test_store_rejected);
  ADD ("/suggest/store/accept-undo", test_store_accept_undo);
  ADD ("/suggest/store/annotated", test_store_annotated);
  ADD ("/suggest/store/tagged-speaker", test_store_tagged_speaker);
  ADD ("/suggest/store/errors", test_store_errors);
  ADD ("/suggest/store/delete-document", test_store_delete_document);
#undef ADD

  return g_test_run ();
}
