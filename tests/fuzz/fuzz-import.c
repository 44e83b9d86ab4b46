/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: one importer (FUZZ_FORMAT: txt, jsonl, prodigy, doccano,
 * brat) reads the input as a file a user gave it. Whatever the bytes, it must
 * neither crash nor leave a document half-imported nor a span outside its
 * text: the store's own integrity check runs after every input.
 *
 * For brat the input is the .txt, a NUL byte, then the .ann. */
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "gloss-import.h"
#include "gloss-store.h"

#ifndef FUZZ_FORMAT
#error "FUZZ_FORMAT names the importer"
#endif

/* A fresh project now and then keeps each run's work small. */
#define INPUTS_PER_PROJECT 200

static char *dir;
static GlossStore *store;
static guint inputs;

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fresh_project (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_object (&store);
  if (dir != NULL)
    remove_tree (dir);
  g_free (dir);
  dir = g_dir_make_tmp ("gloss-fuzz-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "fuzz.gloss", NULL);
  store = gloss_store_open (path, GLOSS_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
}

/* The file (or brat folder) the importer reads. */
static char *
write_input (const guint8 *data,
             size_t        size)
{
  g_autofree char *folder = g_build_filename (dir, "in", NULL);

  remove_tree (folder);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  if (g_str_equal (FUZZ_FORMAT, "brat"))
    {
      const guint8 *nul = memchr (data, '\0', size);
      size_t text_size = nul != NULL ? (size_t) (nul - data) : size;
      g_autofree char *txt = g_build_filename (folder, "doc.txt", NULL);
      g_autofree char *ann = g_build_filename (folder, "doc.ann", NULL);

      g_assert_true (g_file_set_contents (txt, (const char *) data, text_size, NULL));
      g_assert_true (g_file_set_contents (ann, nul != NULL ? (const char *) nul + 1 : "",
                                          nul != NULL ? (gssize) (size - text_size - 1) : 0, NULL));
      return g_steal_pointer (&folder);
    }
  else
    {
      const char *name = g_str_equal (FUZZ_FORMAT, "txt") ? "doc.txt" : "doc.jsonl";
      char *path = g_build_filename (folder, name, NULL);

      g_assert_true (g_file_set_contents (path, (const char *) data, size, NULL));
      return path;
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GlossReport) report = gloss_report_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) integrity = NULL;
  GlossImportOptions options = { .format = FUZZ_FORMAT };
  GlossImportResult result = { 0 };
  g_autofree char *path = NULL;

  if (store == NULL || inputs++ % INPUTS_PER_PROJECT == 0)
    fresh_project ();
  path = write_input (data, size);
  gloss_import_path (store, path, &options, report, &result, NULL, &error);
  g_free (result.first_id);

  if (!gloss_store_check_integrity (store, &integrity))
    {
      g_printerr ("integrity check failed after an import: %s\n", integrity->message);
      abort ();
    }
  return 0;
}
