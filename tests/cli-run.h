/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What the gloss-cli tests that run one command at a time share: a folder of
 * their own, and gloss-cli (GLOSS_CLI) run in it. */

extern const char *cli;       /* the gloss-cli binary */
extern char       *cli_dir;   /* the test's folder, where every command runs */

gboolean  cli_setup    (const char  *name);
void      cli_teardown (void);
char     *cli_run      (int          expected,
                        char       **err,
                        const char  *first,
                        ...) G_GNUC_NULL_TERMINATED;
char     *cli_path     (const char  *name);
void      cli_write    (const char  *name,
                        const char  *contents);

G_END_DECLS
