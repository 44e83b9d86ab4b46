/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gloss-merge-job.h"

G_BEGIN_DECLS

GtkWindow *gloss_merge_dialog_show_summary (GtkWindow               *parent,
                                            const GlossMergeSummary *summary);

G_END_DECLS
