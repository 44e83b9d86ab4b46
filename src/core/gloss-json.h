/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Deeper JSON than this is refused before it reaches json-glib's recursive
 * parser, which a file nested tens of thousands deep would crash. Real records
 * are a handful of levels deep. */
#define GLOSS_JSON_MAX_DEPTH 256

gboolean     gloss_json_check_input     (const char  *data,
                                         gsize        length,
                                         GError     **error);
void         gloss_json_append_node     (GString     *out,
                                         JsonNode    *node);
char        *gloss_json_node_to_string  (JsonNode    *node);

G_END_DECLS
