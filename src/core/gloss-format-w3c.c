/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-format-w3c"

#include "config.h"

#include <string.h>

#include "gloss-export-private.h"

/* W3C Web Annotation (https://www.w3.org/TR/annotation-model/): the whole
 * export is one AnnotationCollection in JSON-LD, streamed document by
 * document. A span is a tagging annotation with, per fragment, a
 * TextPositionSelector (code points, end exclusive, as the model defines them)
 * and a TextQuoteSelector whose prefix and suffix grow until the quote occurs
 * once in the document; a relation is a linking annotation of its from span
 * that links to its to span (see append_relation ()); an entity is an
 * identifying annotation of its mentions. */

#define QUOTE_CONTEXT 32   /* code points of prefix and suffix, at least */

/* Characters a URN keeps as they are; ':' and '/' are escaped in ids so that
 * "urn:gloss:DOC:SPAN" splits back unambiguously. */
#define URN_SAFE "!$&'()*+,;=@"

typedef struct
{
  GString     *out;
  guint        written;       /* annotations so far */
  char         tail[64];      /* closes the collection; its total is filled in as we go */
} W3cTarget;

typedef struct
{
  const GlossRecord *record;
  GlossTextIndex    *index;
  char              *urn;        /* urn:gloss:DOC */
  char              *source;     /* the document's URL, or its urn */
  GHashTable        *spans;      /* ids of the spans written */
  gboolean           omit_text;  /* no TextQuoteSelector: its quote is the text */
} W3cDocument;

static char *
annotation_urn (const char *document_urn,
                const char *kind,
                const char *id)
{
  g_autofree char *escaped = g_uri_escape_string (id, URN_SAFE, TRUE);

  if (kind != NULL)
    return g_strdup_printf ("%s:%s:%s", document_urn, kind, escaped);
  return g_strdup_printf ("%s:%s", document_urn, escaped);
}

static void
append_urn (GString    *out,
            const char *document_urn,
            const char *kind,
            const char *id)
{
  g_autofree char *urn = annotation_urn (document_urn, kind, id);

  gloss_json_append_string (out, urn, -1);
}

static void
append_slice (GString          *out,
              GlossTextIndex   *index,
              gint              start,
              gint              end)
{
  const char *text = gloss_text_index_get_text (index);
  gsize from = gloss_text_index_to_byte (index, start);

  gloss_json_append_string (out, text + from, gloss_text_index_to_byte (index, end) - from);
}

static void
append_textual_body (GString    *out,
                     const char *purpose,
                     const char *format,
                     const char *value)
{
  g_string_append (out, "{\"type\":\"TextualBody\",\"purpose\":");
  gloss_json_append_string (out, purpose, -1);
  if (format != NULL)
    {
      g_string_append (out, ",\"format\":");
      gloss_json_append_string (out, format, -1);
    }
  g_string_append (out, ",\"value\":");
  gloss_json_append_string (out, value, -1);
  g_string_append_c (out, '}');
}

static gboolean
has_attributes (const char *attrs)
{
  return attrs != NULL && strcmp (attrs, "{}") != 0 && *attrs != '\0';
}

/* A resource the annotation links to, by its id. */
static void
append_linking_body (GString    *out,
                     const char *link)
{
  g_string_append (out, "{\"type\":\"SpecificResource\",\"purpose\":\"linking\",\"source\":");
  gloss_json_append_string (out, link, -1);
  g_string_append_c (out, '}');
}

/* The tag alone is the body; a link (linking), a note (commenting) and
 * attributes (describing, as JSON) make it a list of bodies, the tag first. */
static void
append_bodies (GString    *out,
               const char *tag,
               const char *link,
               const char *note,
               const char *attrs)
{
  gboolean several = link != NULL || (note != NULL && *note != '\0') || has_attributes (attrs);

  g_string_append (out, ",\"body\":");
  if (several)
    g_string_append_c (out, '[');
  append_textual_body (out, "tagging", NULL, tag);
  if (link != NULL)
    {
      g_string_append_c (out, ',');
      append_linking_body (out, link);
    }
  if (note != NULL && *note != '\0')
    {
      g_string_append_c (out, ',');
      append_textual_body (out, "commenting", NULL, note);
    }
  if (has_attributes (attrs))
    {
      g_string_append_c (out, ',');
      append_textual_body (out, "describing", "application/json", attrs);
    }
  if (several)
    g_string_append_c (out, ']');
}

/* Whether the text from @start to @end occurs nowhere else in the text. The
 * search is over bytes: UTF-8 cannot match in the middle of a character. */
static gboolean
occurs_once (GlossTextIndex *index,
             gint            start,
             gint            end)
{
  const char *text = gloss_text_index_get_text (index);
  gsize from = gloss_text_index_to_byte (index, start);
  g_autofree char *needle = g_strndup (text + from, gloss_text_index_to_byte (index, end) - from);
  const char *first = strstr (text, needle);

  return first != NULL && strstr (first + 1, needle) == NULL;
}

/* The prefix starts at *context_start and the suffix ends at *context_end:
 * QUOTE_CONTEXT code points each, doubled until prefix + exact + suffix is
 * unique in the text, as a selector must be to select one place. At both ends
 * of the text it is the whole text, which is unique. */
static void
quote_context (GlossTextIndex      *index,
               const GlossFragment *fragment,
               gint                *context_start,
               gint                *context_end)
{
  gint length = gloss_text_index_get_length (index);

  for (gint grow = QUOTE_CONTEXT; ; grow *= 2)
    {
      *context_start = MAX (0, fragment->start - grow);
      *context_end = MIN (length, fragment->end + grow);
      if ((*context_start == 0 && *context_end == length)
          || occurs_once (index, *context_start, *context_end))
        return;
    }
}

static void
append_fragment_target (GString             *out,
                        const W3cDocument   *doc,
                        const GlossFragment *fragment)
{
  gint context_start, context_end;

  g_string_append (out, "{\"source\":");
  gloss_json_append_string (out, doc->source, -1);
  g_string_append_printf (out, ",\"selector\":[{\"type\":\"TextPositionSelector\",\"start\":%d,"
                          "\"end\":%d}", fragment->start, fragment->end);
  if (doc->omit_text)
    {
      g_string_append (out, "]}");
      return;
    }
  quote_context (doc->index, fragment, &context_start, &context_end);
  g_string_append (out, ",{\"type\":\"TextQuoteSelector\",\"exact\":");
  append_slice (out, doc->index, fragment->start, fragment->end);
  g_string_append (out, ",\"prefix\":");
  append_slice (out, doc->index, context_start, fragment->start);
  g_string_append (out, ",\"suffix\":");
  append_slice (out, doc->index, fragment->end, context_end);
  g_string_append (out, "}]}");
}

static void
begin_annotation (W3cTarget         *target,
                  const W3cDocument *doc,
                  const char        *kind,
                  const char        *id,
                  const char        *motivation)
{
  GString *out = target->out;

  if (target->written++ > 0)
    g_string_append (out, ",\n");
  g_string_append (out, "{\"id\":");
  append_urn (out, doc->urn, kind, id);
  g_string_append (out, ",\"type\":\"Annotation\",\"motivation\":");
  gloss_json_append_string (out, motivation, -1);
}

static void
append_span (W3cTarget         *target,
             const W3cDocument *doc,
             const GlossSpan   *span)
{
  GString *out = target->out;

  begin_annotation (target, doc, NULL, span->id, "tagging");
  if (span->annotator != NULL)
    {
      g_string_append (out, ",\"creator\":{\"type\":\"Person\",\"name\":");
      gloss_json_append_string (out, span->annotator, -1);
      g_string_append_c (out, '}');
    }
  append_bodies (out, span->label, NULL, span->note, span->attrs);
  g_string_append (out, ",\"target\":");
  if (span->fragments->len > 1)
    g_string_append_c (out, '[');
  for (guint i = 0; i < span->fragments->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_fragment_target (out, doc, &g_array_index (span->fragments, GlossFragment, i));
    }
  if (span->fragments->len > 1)
    g_string_append_c (out, ']');
  g_string_append_c (out, '}');
}

/* Targets are a set in the model: two of them would lose which end is which.
 * So, as the model defines linking ("link to a resource related to the
 * target"), the one target is the from span's annotation (the head: the QUOTE of
 * a SPEAKER relation) and the to span's annotation (the dependent: the speaker)
 * is a SpecificResource body with purpose linking; the relation type is the
 * tagging body. Ids rather than selectors, so that two spans on the same text
 * (a second label) stay apart. */
static void
append_relation (W3cTarget           *target,
                 const W3cDocument   *doc,
                 const GlossRelation *relation)
{
  GString *out = target->out;
  g_autofree char *to = annotation_urn (doc->urn, NULL, relation->to_id);

  begin_annotation (target, doc, "relation", relation->id, "linking");
  append_bodies (out, relation->type, to, relation->note, relation->attrs);
  g_string_append (out, ",\"target\":[");
  append_urn (out, doc->urn, NULL, relation->from_id);
  g_string_append (out, "]}");
}

/* Knowledge bases whose ids have a well-known IRI: the IRI is the base and the
 * id after the prefix. */
static const struct
{
  const char *prefix;
  const char *base;
} kb_bases[] = {
  { "wikidata:", "http://www.wikidata.org/entity/" },
  { "dbpedia:", "http://dbpedia.org/resource/" },
  { "viaf:", "http://viaf.org/viaf/" },
  { "gnd:", "https://d-nb.info/gnd/" },
};

/* wikipedia:64488 is a page id, wikipedia:Vladimir_Putin a title (English
 * Wikipedia, which is what a bare wikipedia: prefix means in the corpora). */
static char *
wikipedia_iri (const char *page)
{
  g_autofree char *title = NULL;
  g_autofree char *escaped = NULL;

  if (*page != '\0' && strspn (page, "0123456789") == strlen (page))
    return g_strconcat ("https://en.wikipedia.org/?curid=", page, NULL);
  title = g_strdelimit (g_strdup (page), " ", '_');
  escaped = g_uri_escape_string (title, "!$&'()*+,;=:@/", TRUE);
  return g_strconcat ("https://en.wikipedia.org/wiki/", escaped, NULL);
}

/* A knowledge-base id as an IRI, or NULL when it has none we know of: a
 * "prefix:id" is not an IRI whatever it looks like, so a made-up one would
 * name nothing. An http(s) IRI is kept. */
static char *
kb_iri (const char *kb_id)
{
  if (g_str_has_prefix (kb_id, "http://") || g_str_has_prefix (kb_id, "https://"))
    return g_strdup (kb_id);
  if (g_str_has_prefix (kb_id, "wikipedia:"))
    return wikipedia_iri (kb_id + strlen ("wikipedia:"));
  for (guint i = 0; i < G_N_ELEMENTS (kb_bases); i++)
    if (g_str_has_prefix (kb_id, kb_bases[i].prefix) && kb_id[strlen (kb_bases[i].prefix)] != '\0')
      return g_strconcat (kb_bases[i].base, kb_id + strlen (kb_bases[i].prefix), NULL);
  return NULL;
}

/* The entity's knowledge-base IRI as an external resource body, or its id as
 * written in a TextualBody (purpose identifying, after the name's). */
static void
append_kb_body (GString    *out,
                const char *kb_id)
{
  g_autofree char *iri = kb_iri (kb_id);

  if (iri != NULL)
    gloss_json_append_string (out, iri, -1);
  else
    append_textual_body (out, "identifying", NULL, kb_id);
}

static void
append_entity (W3cTarget         *target,
               const W3cDocument *doc,
               const GlossEntity *entity)
{
  GString *out = target->out;
  gboolean first = TRUE;

  begin_annotation (target, doc, "entity", entity->id, "identifying");
  g_string_append (out, ",\"body\":[");
  append_textual_body (out, "identifying", NULL, entity->name != NULL ? entity->name : "");
  if (entity->type != NULL)
    {
      g_string_append_c (out, ',');
      append_textual_body (out, "classifying", NULL, entity->type);
    }
  if (entity->kb_id != NULL && *entity->kb_id != '\0')
    {
      g_string_append_c (out, ',');
      append_kb_body (out, entity->kb_id);
    }
  g_string_append (out, "],\"target\":[");
  for (guint i = 0; i < entity->mentions->len; i++)
    {
      const char *mention = g_ptr_array_index (entity->mentions, i);

      if (!g_hash_table_contains (doc->spans, mention))
        continue;
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      append_urn (out, doc->urn, NULL, mention);
    }
  g_string_append (out, "]}");
}

static gboolean
entity_is_written (const W3cDocument *doc,
                   const GlossEntity *entity)
{
  for (guint i = 0; i < entity->mentions->len; i++)
    if (g_hash_table_contains (doc->spans, g_ptr_array_index (entity->mentions, i)))
      return TRUE;
  return FALSE;
}

/* The document's URL when its metadata has one: W3C clients anchor on it. */
static char *
document_source (const GlossDocument *document,
                 const char          *urn)
{
  g_autoptr(JsonNode) meta = document->meta ? json_from_string (document->meta, NULL) : NULL;
  const char *url = NULL;

  if (meta != NULL && JSON_NODE_HOLDS_OBJECT (meta))
    url = json_object_get_string_member_with_default (json_node_get_object (meta), "url", NULL);
  return g_strdup (url != NULL && *url != '\0' ? url : urn);
}

static void
append_document (W3cTarget         *target,
                 GlossExportJob    *job,
                 W3cDocument       *doc)
{
  const GlossRecord *record = doc->record;
  const char *layer = job->options->layer;

  for (guint i = 0; i < record->spans->len; i++)
    {
      const GlossSpan *span = g_ptr_array_index (record->spans, i);
      const GlossLabel *label = gloss_store_lookup_label (job->store, span->label);

      if (layer != NULL && (label == NULL || g_strcmp0 (label->layer, layer) != 0))
        continue;
      g_hash_table_add (doc->spans, span->id);
      append_span (target, doc, span);
    }
  for (guint i = 0; i < record->relations->len; i++)
    {
      const GlossRelation *relation = g_ptr_array_index (record->relations, i);

      if (g_hash_table_contains (doc->spans, relation->from_id)
          && g_hash_table_contains (doc->spans, relation->to_id))
        append_relation (target, doc, relation);
    }
  for (guint i = 0; i < record->entities->len; i++)
    {
      const GlossEntity *entity = g_ptr_array_index (record->entities, i);

      if (entity_is_written (doc, entity))
        append_entity (target, doc, entity);
    }
}

static gboolean
write_w3c_record (GlossExportJob     *job,
                  const GlossRecord  *record,
                  gpointer            data,
                  GError            **error)
{
  W3cTarget *target = data;
  g_autoptr(GlossTextIndex) index = gloss_text_index_new (record->document->text, -1);
  g_autoptr(GHashTable) spans = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *escaped = g_uri_escape_string (record->document->id, URN_SAFE, TRUE);
  g_autofree char *urn = g_strconcat ("urn:gloss:", escaped, NULL);
  g_autofree char *source = document_source (record->document, urn);
  W3cDocument doc = { record, index, urn, source, spans, job->options->omit_text };

  g_string_truncate (target->out, 0);
  append_document (target, job, &doc);
  g_snprintf (target->tail, sizeof target->tail, "\n]},\"total\":%u}\n", target->written);
  return _gloss_export_put (job, target->out->str, target->out->len, error);
}

static char *
collection_head (GlossExportJob *job)
{
  g_autofree char *name = gloss_store_get_name (job->store);
  g_autofree char *escaped = g_uri_escape_string (name, URN_SAFE, TRUE);
  g_autofree char *id = g_strconcat ("urn:gloss:collection/", escaped, NULL);
  g_autofree char *page = g_strconcat (id, "/page/1", NULL);
  GString *head = g_string_new ("{\"@context\":\"http://www.w3.org/ns/anno.jsonld\",\"id\":");

  gloss_json_append_string (head, id, -1);
  g_string_append (head, ",\"type\":\"AnnotationCollection\",\"label\":");
  gloss_json_append_string (head, name, -1);
  g_string_append (head, ",\"first\":{\"id\":");
  gloss_json_append_string (head, page, -1);
  g_string_append (head, ",\"type\":\"AnnotationPage\",\"startIndex\":0,\"items\":[\n");
  return g_string_free (head, FALSE);
}

/* The collection's total comes last (JSON members have no order): the
 * annotations are counted as they stream out. */
gboolean
_gloss_export_write_w3c (GlossExportJob  *job,
                         GPtrArray       *documents,
                         const char      *path,
                         FILE            *stream,
                         GError         **error)
{
  g_autoptr(GString) buffer = g_string_sized_new (1 << 16);
  g_autofree char *head = collection_head (job);
  W3cTarget target = { buffer, 0, "\n]},\"total\":0}\n" };

  /* _gloss_export_write_lines () reads the tail only after the last record. */
  return _gloss_export_write_lines (job, documents, path, stream, head, target.tail,
                                    write_w3c_record, &target, error);
}

/* The "## Format" and "## Loading" sections of the card of a `w3c` bundle. */
void
_gloss_export_describe_w3c (GString             *card,
                            GlossExportJob      *job,
                            const char * const  *files)
{
  g_string_append_printf (card, "## Format\n\n`%s` is one W3C Web Annotation "
                          "`AnnotationCollection` in JSON-LD (context "
                          "`http://www.w3.org/ns/anno.jsonld`); `first.items` holds every "
                          "annotation and `total` counts them.\n\n"
                          "- A span is an annotation with motivation `tagging` and id "
                          "`urn:gloss:DOCUMENT:SPAN`. Its `body` is the label as a `TextualBody` "
                          "with purpose `tagging`, or a list that adds the note (purpose "
                          "`commenting`) and the attributes (purpose `describing`, format "
                          "`application/json`). Its `target` has a `TextPositionSelector` (code "
                          "points, end exclusive) and a `TextQuoteSelector` (`exact`, with %d "
                          "code points of `prefix` and `suffix`, more where that is needed for the "
                          "quote to occur once in the text); a discontinuous span has a list "
                          "of targets, one per fragment. The `source` is the document's "
                          "`meta.url`, or `urn:gloss:DOCUMENT` when it has none.\n"
                          "- A relation (id `urn:gloss:DOCUMENT:relation:ID`) has motivation "
                          "`linking`; its one `target` is the urn of its from span (the head), its "
                          "bodies are its type (purpose `tagging`) and a `SpecificResource` with "
                          "purpose `linking` whose `source` is the urn of its to span.\n"
                          "- An entity (id `urn:gloss:DOCUMENT:entity:ID`) has motivation `identifying`, its name (purpose "
                          "`identifying`), its type (purpose `classifying`) and its knowledge-base "
                          "IRI (`wikidata:`, `wikipedia:`, `dbpedia:`, `viaf:`, `gnd:` ids and "
                          "http(s) IRIs; another id as a `TextualBody`, purpose `identifying`) as "
                          "bodies, and its mentions as targets.\n\n"
                          "Ids escape `:` and `/` (percent-encoding), so a urn splits at its "
                          "colons. The texts are not in this file: export them with `--format "
                          "jsonl` or `txt`.\n\n", files[0], QUOTE_CONTEXT);
  g_string_append (card, "## Loading\n\n```python\nimport json\n\n"
                   "def read_annotations(path):\n"
                   "    with open(path, encoding=\"utf-8\") as f:\n"
                   "        return json.load(f)[\"first\"][\"items\"]\n\n");
  _gloss_export_describe_calls (card, "annotations", "read_annotations", files);
  g_string_append (card, "```\n\nFor a span, with `s = annotation[\"target\"][\"selector\"]`, "
                   "`text[s[0][\"start\"]:s[0][\"end\"]] == s[1][\"exact\"]` in Python.\n");
}
