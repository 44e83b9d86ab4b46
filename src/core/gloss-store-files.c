/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gloss-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gloss-store-private.h"

/* Files a project keeps for the format it was imported from, such as a brat
 * collection's annotation.conf, so that an export can give them back as they
 * were. They belong to the project, not to a document or an annotator's set,
 * and are not part of the undo history (an import is never undone). */

/**
 * gloss_store_list_project_files:
 *
 * Returns: (transfer full): the names of the files kept, in name order
 */
GStrv
gloss_store_list_project_files (GlossStore *self)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  GlossDbStmt *stmt;

  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);

  stmt = _gloss_store_prepare (self, "SELECT name FROM project_files ORDER BY name", NULL);
  while (stmt != NULL && gloss_db_step (stmt) == GLOSS_DB_ROW)
    g_strv_builder_add (names, gloss_db_column_text (stmt, 0));
  if (stmt != NULL)
    gloss_db_reset (stmt);
  return g_strv_builder_end (names);
}

/**
 * gloss_store_get_project_file:
 * @name: the file's name in the project, such as "brat/annotation.conf"
 *
 * Returns: (transfer full) (nullable): the file as it was kept, or %NULL when
 *   the project keeps none of that name
 */
char *
gloss_store_get_project_file (GlossStore *self,
                              const char *name)
{
  g_autoptr(GError) error = NULL;
  GlossDbStmt *stmt;
  char *content = NULL;

  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  stmt = _gloss_store_prepare (self, "SELECT content FROM project_files WHERE name = ?", &error);
  if (stmt == NULL)
    {
      g_warning ("%s", error->message);
      return NULL;
    }
  gloss_db_bind_text (stmt, 1, name);
  if (gloss_db_step (stmt) == GLOSS_DB_ROW)
    content = g_strdup (gloss_db_column_text (stmt, 0));
  gloss_db_reset (stmt);
  return content;
}

static gboolean
put_file (GlossStore  *self,
          const char  *name,
          const char  *content,
          GError     **error)
{
  GlossDbStmt *stmt;

  if (content == NULL)
    stmt = _gloss_store_prepare (self, "DELETE FROM project_files WHERE name = ?", error);
  else
    stmt = _gloss_store_prepare (self,
                                 "INSERT INTO project_files (name, content) VALUES (?, ?) "
                                 "ON CONFLICT (name) DO UPDATE SET content = excluded.content", error);
  if (stmt == NULL)
    return FALSE;
  gloss_db_bind_text (stmt, 1, name);
  if (content != NULL)
    gloss_db_bind_text (stmt, 2, content);
  return _gloss_store_step_done (self, stmt, error);
}

/**
 * gloss_store_set_project_files:
 * @names: (array zero-terminated=1): file names
 * @contents: (array): the content of each, %NULL to remove that file
 *
 * Keeps (or removes) several files at once: all of them or, on an error,
 * none. Inside a transaction already open on the store (an import's), the
 * change is part of it.
 */
gboolean
gloss_store_set_project_files (GlossStore         *self,
                               const char * const *names,
                               const char * const *contents,
                               GError            **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);
  g_return_val_if_fail (names != NULL && contents != NULL, FALSE);

  if (!_gloss_store_check_writable (self, error)
      || !_gloss_store_exec (self, "SAVEPOINT project_files", error))
    return FALSE;
  for (guint i = 0; ok && names[i] != NULL; i++)
    {
      if (contents[i] != NULL && !g_utf8_validate (contents[i], -1, NULL))
        {
          g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID,
                       _("%s is not UTF-8 text; the project keeps only text files"), names[i]);
          ok = FALSE;
        }
      else
        ok = put_file (self, names[i], contents[i], error);
    }
  if (ok)
    return _gloss_store_exec (self, "RELEASE project_files", error);
  _gloss_store_exec (self, "ROLLBACK TO project_files; RELEASE project_files", NULL);
  return FALSE;
}

/**
 * gloss_store_set_project_file:
 * @content: (nullable): the file, or %NULL to remove it
 *
 * Keeps one file in the project under @name, replacing the one of that name.
 */
gboolean
gloss_store_set_project_file (GlossStore  *self,
                              const char  *name,
                              const char  *content,
                              GError     **error)
{
  const char *names[] = { name, NULL };
  const char *contents[] = { content, NULL };

  g_return_val_if_fail (name != NULL, FALSE);
  return gloss_store_set_project_files (self, names, contents, error);
}
