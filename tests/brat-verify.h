/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

guint brat_verify_folder (const char *folder,
                          guint      *lines_read);

G_END_DECLS
