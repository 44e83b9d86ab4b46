/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _GlossStore          GlossStore;
typedef struct _GlossDocument       GlossDocument;
typedef struct _GlossLayer          GlossLayer;
typedef struct _GlossLabel          GlossLabel;
typedef struct _GlossAttributeDef   GlossAttributeDef;
typedef struct _GlossSpan           GlossSpan;
typedef struct _GlossRelation       GlossRelation;
typedef struct _GlossEntity         GlossEntity;

typedef struct
{
  gint start;
  gint end;
} GlossFragment;

typedef enum
{
  GLOSS_STATUS_NEW,
  GLOSS_STATUS_IN_PROGRESS,
  GLOSS_STATUS_DONE,
} GlossStatus;

/* Fixed meaning of a label that quote and claim logic relies on; renaming a label
 * never changes it. */
typedef enum
{
  GLOSS_LABEL_KIND_ENTITY,
  GLOSS_LABEL_KIND_QUOTE,
  GLOSS_LABEL_KIND_CUE,
  GLOSS_LABEL_KIND_SOURCE,
  GLOSS_LABEL_KIND_CLAIM,
} GlossLabelKind;

typedef enum
{
  GLOSS_ATTRIBUTE_ENUM,
  GLOSS_ATTRIBUTE_BOOLEAN,
  GLOSS_ATTRIBUTE_TEXT,
} GlossAttributeType;

G_END_DECLS
