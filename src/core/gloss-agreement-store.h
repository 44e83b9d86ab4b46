/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gloss-agreement.h"
#include "gloss-store.h"

G_BEGIN_DECLS

/* Feeding a GlossAgreement from a project, the one way `gloss-cli agree` and
 * the dataset card of `export --bundle` both compare annotator sets. */
GStrv     gloss_agreement_store_annotators   (GlossStore      *store,
                                              const char      *named);
GStrv     gloss_agreement_store_labels       (GlossStore      *store,
                                              const char      *layer);
gboolean  gloss_agreement_add_store_document (GlossAgreement  *self,
                                              GlossStore      *store,
                                              gint64           rowid,
                                              gboolean         any_status,
                                              GError         **error);
gboolean  gloss_agreement_add_store_document_all (GlossAgreement * const *agreements,
                                                  guint                   n_agreements,
                                                  GlossStore             *store,
                                                  gint64                  rowid,
                                                  gboolean                any_status,
                                                  GError                **error);

G_END_DECLS
