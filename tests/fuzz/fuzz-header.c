/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the project-file check that runs before SQLite opens a
 * file. Any bytes given as a project are either opened or refused with a
 * message, never crash, and a refused file is left exactly as it was. */
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "gloss-store.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

static char *dir;

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *path = NULL, *wal = NULL, *shm = NULL, *after = NULL;
  g_autoptr(GError) error = NULL;
  GlossStore *store;
  gsize after_size = 0;

  if (dir == NULL)
    dir = g_dir_make_tmp ("gloss-fuzz-header-XXXXXX", NULL);
  path = g_build_filename (dir, "p.gloss", NULL);
  wal = g_strconcat (path, "-wal", NULL);
  shm = g_strconcat (path, "-shm", NULL);
  g_unlink (wal);
  g_unlink (shm);
  g_assert_true (g_file_set_contents (path, (const char *) data, size, NULL));

  store = gloss_store_open (path, GLOSS_STORE_OPEN_DEFAULT, &error);
  if (store != NULL)
    {
      GPtrArray *documents = gloss_store_list_documents (store, NULL);

      g_clear_pointer (&documents, g_ptr_array_unref);
      g_object_unref (store);
      return 0;
    }

  g_assert_nonnull (error);
  if (strchr (error->message, '\n') != NULL)
    {
      g_printerr ("a refusal of more than one line: %s\n", error->message);
      abort ();
    }
  g_assert_true (g_file_get_contents (path, &after, &after_size, NULL));
  if (after_size != size || (size > 0 && memcmp (after, data, size) != 0))
    {
      g_printerr ("a refused project was modified: %s\n", error->message);
      abort ();
    }
  return 0;
}
