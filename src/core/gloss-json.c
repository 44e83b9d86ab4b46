/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-json"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "gloss-json.h"
#include "gloss-native.h"

/* ---- Input that json-glib must not see ------------------------------------------------- */

static gboolean
refuse_at (GError     **error,
           gsize        offset,
           const char  *what)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               /* TRANSLATORS: "not UTF-8 at byte 12" */
               _("%s at byte %lu"), what, (unsigned long) offset);
  return FALSE;
}

/* The escape at @p (just after a backslash) is \u0000. */
static gboolean
is_escaped_nul (const char *p,
                const char *end)
{
  return end - p >= 5 && p[0] == 'u' && memcmp (p + 1, "0000", 4) == 0;
}

/**
 * gloss_json_check_input:
 * @data: JSON text (one line of JSON Lines, or a whole file)
 * @length: its length in bytes
 *
 * Refuses, with the byte offset in the message, what json-glib would accept
 * wrongly or not survive: bytes that are not UTF-8 (json-glib says only that
 * they are not), a NUL byte or a `\u0000` escape (json-glib ends the string
 * there, silently cutting a text, an id or a title), and nesting deeper than
 * %GLOSS_JSON_MAX_DEPTH (its parser recurses once per level).
 *
 * Returns: %TRUE when @data may be parsed
 */
gboolean
gloss_json_check_input (const char  *data,
                        gsize        length,
                        GError     **error)
{
  const char *p, *end = data + length, *bad;
  gboolean in_string = FALSE;
  guint depth = 0;

  if (!g_utf8_validate_len (data, length, &bad))
    return refuse_at (error, bad - data, *bad == '\0' ? _("a NUL character") : _("not valid UTF-8"));

  for (p = data; p < end; p++)
    {
      if (*p == '\0')
        return refuse_at (error, p - data, _("a NUL character"));
      if (in_string)
        {
          if (*p == '\\' && p + 1 < end)
            {
              if (is_escaped_nul (p + 1, end))
                return refuse_at (error, p - data, _("a NUL character (\\u0000)"));
              p++;
            }
          else if (*p == '"')
            in_string = FALSE;
          continue;
        }
      if (*p == '"')
        in_string = TRUE;
      else if ((*p == '[' || *p == '{') && ++depth > GLOSS_JSON_MAX_DEPTH)
        {
          g_autofree char *what =
            g_strdup_printf (_("JSON nested deeper than %d levels"), GLOSS_JSON_MAX_DEPTH);

          return refuse_at (error, p - data, what);
        }
      else if ((*p == ']' || *p == '}') && depth > 0)
        depth--;
    }
  return TRUE;
}

/* ---- Writing any JSON value --------------------------------------------------------------- */

/* json-glib writes 1e21 as "1e+21.0", which no JSON reader accepts: numbers are
 * written here the way JSON has them. */
static void
append_double (GString *out,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }
  g_ascii_dtostr (buffer, sizeof buffer, value);
  g_string_append (out, buffer);
  /* A whole number read as a double stays one when read back. */
  if (strpbrk (buffer, ".eEn") == NULL)
    g_string_append (out, ".0");
}

static void
append_value (GString  *out,
              JsonNode *node)
{
  GType type = json_node_get_value_type (node);

  if (type == G_TYPE_STRING)
    gloss_json_append_string (out, json_node_get_string (node), -1);
  else if (type == G_TYPE_INT64)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
  else if (type == G_TYPE_DOUBLE)
    append_double (out, json_node_get_double (node));
  else if (type == G_TYPE_BOOLEAN)
    g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
  else
    g_string_append (out, "null");
}

static void
append_object (GString    *out,
               JsonObject *object)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &member))
    {
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      gloss_json_append_string (out, name, -1);
      g_string_append_c (out, ':');
      gloss_json_append_node (out, member);
    }
  g_string_append_c (out, '}');
}

/**
 * gloss_json_append_node:
 *
 * Appends @node as compact JSON: what json_to_string () writes, except that
 * every number is valid JSON.
 */
void
gloss_json_append_node (GString  *out,
                        JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    g_string_append (out, "null");
  else if (JSON_NODE_HOLDS_OBJECT (node))
    append_object (out, json_node_get_object (node));
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      g_string_append_c (out, '[');
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          gloss_json_append_node (out, json_array_get_element (array, i));
        }
      g_string_append_c (out, ']');
    }
  else
    append_value (out, node);
}

char *
gloss_json_node_to_string (JsonNode *node)
{
  GString *out = g_string_new (NULL);

  gloss_json_append_node (out, node);
  return g_string_free (out, FALSE);
}
