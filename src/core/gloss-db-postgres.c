/* SPDX-License-Identifier: GPL-3.0-or-later */
/* GlossDb on a PostgreSQL server, through libpq.
 *
 * The store's SQL is written once, in the part of SQL both engines share; what
 * still differs is rewritten here when a statement is first prepared:
 *   ?N and ?          → $N (a bare ? takes the next number, as in SQLite)
 *   end (a column)    → "end" (reserved in PostgreSQL)
 *   temp.T            → pg_temp.T
 *   BEGIN IMMEDIATE   → BEGIN
 *   INDEXED BY name   → (nothing: SQLite's planner hint)
 *   INSERT OR IGNORE  → INSERT … ON CONFLICT DO NOTHING
 *   INSERT INTO T     → … RETURNING id, for tables with an id column, so that
 *                       gloss_db_last_insert_rowid () knows the new row's id,
 *                       and ON CONFLICT DO NOTHING, so that a duplicate is an
 *                       error of its statement only, as in SQLite
 * Statements are prepared on the server once per connection and run with their
 * parameters as text: the server infers each parameter's type from where it
 * stands, so a value's type is the column's, as in SQLite. A statement's rows are
 * fetched whole when it is first stepped. */
#define G_LOG_DOMAIN "gloss-store"

#include "config.h"

#include <libpq-fe.h>
#include <string.h>

#include "gloss-db-private.h"

/* PostgreSQL's type oids (catalog/pg_type.h, which libpq does not install) */
#define OID_BOOL    16
#define OID_INT8    20
#define OID_INT2    21
#define OID_INT4    23
#define OID_FLOAT4 700
#define OID_FLOAT8 701
#define OID_NUMERIC 1700

typedef struct
{
  GlossDb   parent;
  PGconn   *conn;
  guint     next_name;
  gint64    last_rowid;
  gint64    changes;
  char      sqlstate[6];
  char     *message;
  char     *outer_savepoint;  /* the savepoint that began the transaction */
  guint     generation;       /* counts connections: statements are per connection */
  gboolean  reconnecting;
  GlossDbReconnectFunc reconnected;
  gpointer  reconnected_data;
} PgDb;

typedef struct
{
  GlossDbStmt  parent;
  char        *sql;
  char         name[16];
  gboolean     returns_id;
  gboolean     conflict_fails;
  int          n_params;
  char       **values;     /* n_params, owned; NULL is SQL NULL */
  PGresult    *result;
  int          row;        /* the row the columns read, -1 before the first */
  guint        generation; /* the connection it was prepared on */
} PgStmt;

#define PG(db) ((PgDb *) (db))
#define STMT(stmt) ((PgStmt *) (stmt))
#define CONN(db) (PG (db)->conn)

/* ---- Errors --------------------------------------------------------------- */

static void
clear_error (PgDb *db)
{
  db->sqlstate[0] = '\0';
  g_clear_pointer (&db->message, g_free);
}

/* Keeps the first line of what went wrong: the server's primary message, or
 * libpq's own when the server is out of reach. */
static void
keep_error (PgDb           *db,
            const PGresult *result)
{
  const char *state = result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  const char *primary = result != NULL ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  const char *text = primary != NULL ? primary : PQerrorMessage (db->conn);
  const char *newline;

  clear_error (db);
  g_strlcpy (db->sqlstate, state != NULL ? state : (PQstatus (db->conn) == CONNECTION_BAD ? "08006" : "XX000"),
             sizeof db->sqlstate);
  if (text == NULL || *text == '\0')
    text = "the server did not answer";
  newline = strchr (text, '\n');
  db->message = newline != NULL ? g_strndup (text, newline - text) : g_strdup (text);
}

static gboolean
result_ok (PgDb     *db,
           PGresult *result)
{
  ExecStatusType status = PQresultStatus (result);

  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
    return TRUE;
  keep_error (db, result);
  return FALSE;
}

/* ---- Rewriting ------------------------------------------------------------ */

static gboolean
word_is (const char *word,
         gsize       length,
         const char *expected)
{
  return strlen (expected) == length && g_ascii_strncasecmp (word, expected, length) == 0;
}

/* Tables whose rows have an id the store asks for after inserting one. */
static gboolean
has_id (const char *table,
        gsize       length)
{
  static const char * const tables[] = {
    "documents", "layers", "labels", "attribute_defs", "relation_types", "annotations",
    "relations", "annotators", "entities", "entity_mentions", "suggestions", "document_sets",
  };

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (word_is (table, length, tables[i]))
      return TRUE;
  return FALSE;
}

typedef struct
{
  GString  *out;
  int       n_params;     /* the highest parameter number seen */
  gboolean  returning;    /* add RETURNING id to an INSERT */
  gboolean  returns_id;   /* a RETURNING id was added */
  gboolean  conflict_fails; /* ON CONFLICT DO NOTHING was added to a plain INSERT */
  /* the statement being read */
  guint     words;        /* how many words of it so far */
  gboolean  is_insert;
  gboolean  ignore;       /* INSERT OR IGNORE */
  gboolean  has_returning;
  gboolean  want_id;
  gboolean  has_conflict;
  gboolean  has_values;
  guint     skip;         /* words still to drop (INDEXED BY name) */
} Rewrite;

static void
end_statement (Rewrite *rw)
{
  gboolean with_id = rw->returning && rw->is_insert && rw->want_id && !rw->has_returning;

  if (rw->ignore)
    g_string_append (rw->out, " ON CONFLICT DO NOTHING");
  else if (with_id && rw->has_values && !rw->has_conflict)
    {
      /* A duplicate row is an error the store reports and goes on from, as
       * SQLite lets it; in PostgreSQL a failed statement would abort the whole
       * transaction, so the conflict is skipped and its missing row reported. */
      g_string_append (rw->out, " ON CONFLICT DO NOTHING");
      rw->conflict_fails = TRUE;
    }
  if (with_id)
    {
      g_string_append (rw->out, " RETURNING id");
      rw->returns_id = TRUE;
    }
  rw->words = 0;
  rw->is_insert = rw->ignore = rw->has_returning = rw->want_id = FALSE;
  rw->has_conflict = rw->has_values = FALSE;
}

static void
rewrite_word (Rewrite    *rw,
              const char *word,
              gsize       length,
              const char *rest)
{
  guint n = rw->words++;

  if (rw->skip > 0)
    {
      rw->skip--;
      return;
    }
  if (word_is (word, length, "INDEXED"))
    {
      /* SQLite's planner hint; PostgreSQL plans for itself */
      rw->skip = 2;
      return;
    }
  if (n == 0 && word_is (word, length, "INSERT"))
    rw->is_insert = TRUE;
  if (rw->is_insert && n == 1 && word_is (word, length, "OR"))
    {
      /* INSERT OR IGNORE: the conflict clause goes at the end */
      rw->ignore = TRUE;
      return;
    }
  if (rw->ignore && n == 2 && word_is (word, length, "IGNORE"))
    return;
  if (rw->is_insert && n == (rw->ignore ? 4u : 2u))
    rw->want_id = has_id (word, length);
  if (word_is (word, length, "RETURNING"))
    rw->has_returning = TRUE;
  if (word_is (word, length, "CONFLICT"))
    rw->has_conflict = TRUE;
  if (word_is (word, length, "VALUES"))
    rw->has_values = TRUE;
  if (n == 1 && word_is (word, length, "IMMEDIATE"))
    return;

  if (length == 3 && memcmp (word, "end", 3) == 0)
    g_string_append (rw->out, "\"end\"");
  else if (length == 4 && memcmp (word, "temp", 4) == 0 && *rest == '.')
    g_string_append (rw->out, "pg_temp");
  else
    g_string_append_len (rw->out, word, length);
}

/**
 * _gloss_db_postgres_rewrite:
 * @sql: a statement (or several, for exec) in the store's SQL
 * @returning: whether to add RETURNING id to an INSERT into a table with ids
 * @n_params: (out): the number of parameters
 * @returns_id: (out): whether RETURNING id was added
 * @conflict_fails: (out): whether a row that conflicts is to be reported as a
 *   duplicate (ON CONFLICT DO NOTHING was added to a plain INSERT)
 *
 * Returns: the statement in PostgreSQL's SQL
 */
char *
_gloss_db_postgres_rewrite (const char *sql,
                            gboolean    returning,
                            int        *n_params,
                            gboolean   *returns_id,
                            gboolean   *conflict_fails)
{
  Rewrite rw = { g_string_sized_new (strlen (sql) + 32), 0, returning, FALSE, 0, };
  const char *p = sql;

  while (*p != '\0')
    {
      if (*p == '\'' || *p == '"')
        {
          /* a literal or a quoted name, copied whole ('' and "" stay inside) */
          char quote = *p;
          const char *start = p++;

          while (*p != '\0' && !(*p == quote && p[1] != quote))
            p += *p == quote ? 2 : 1;
          if (*p != '\0')
            p++;
          g_string_append_len (rw.out, start, p - start);
          rw.words++;
        }
      else if (*p == '?')
        {
          int number;

          p++;
          if (g_ascii_isdigit (*p))
            {
              number = (int) g_ascii_strtoll (p, (char **) &p, 10);
            }
          else
            number = rw.n_params + 1;
          rw.n_params = MAX (rw.n_params, number);
          g_string_append_printf (rw.out, "$%d", number);
        }
      else if (g_ascii_isalpha (*p) || *p == '_')
        {
          const char *start = p;

          while (g_ascii_isalnum (*p) || *p == '_')
            p++;
          rewrite_word (&rw, start, p - start, p);
        }
      else if (*p == ';')
        {
          end_statement (&rw);
          g_string_append_c (rw.out, *p++);
        }
      else
        g_string_append_c (rw.out, *p++);
    }

  /* trailing blanks, then the clauses of the last statement */
  while (rw.out->len > 0 && g_ascii_isspace (rw.out->str[rw.out->len - 1]))
    g_string_truncate (rw.out, rw.out->len - 1);
  end_statement (&rw);

  if (n_params != NULL)
    *n_params = rw.n_params;
  if (returns_id != NULL)
    *returns_id = rw.returns_id;
  if (conflict_fails != NULL)
    *conflict_fails = rw.conflict_fails;
  return g_string_free (rw.out, FALSE);
}

/* ---- The driver ----------------------------------------------------------- */

static void
pg_close (GlossDb *db)
{
  PQfinish (CONN (db));
  clear_error (PG (db));
  g_free (PG (db)->outer_savepoint);
  g_free (db);
}

static gboolean reconnect_after   (PgDb     *db,
                                   gboolean  was_idle);
static gboolean pg_in_transaction (GlossDb  *db);

/* Prepares @stmt on the server, again after a reconnection. */
static gboolean
ensure_prepared (PgStmt *stmt)
{
  PgDb *db = PG (stmt->parent.db);
  PGresult *result;
  gboolean ok;

  if (stmt->generation == db->generation)
    return TRUE;
  result = PQprepare (db->conn, stmt->name, stmt->sql, 0, NULL);
  ok = result_ok (db, result);
  PQclear (result);
  if (ok)
    stmt->generation = db->generation;
  else
    g_debug ("cannot prepare %s: %s", stmt->sql, db->message);
  return ok;
}

static GlossDbStmt *
pg_prepare (GlossDb    *db,
            const char *sql)
{
  PgStmt *stmt = g_new0 (PgStmt, 1);
  gboolean was_idle = !pg_in_transaction (db);

  stmt->parent.db = db;
  stmt->sql = _gloss_db_postgres_rewrite (sql, TRUE, &stmt->n_params, &stmt->returns_id,
                                          &stmt->conflict_fails);
  stmt->values = g_new0 (char *, MAX (stmt->n_params, 1));
  stmt->row = -1;
  stmt->generation = PG (db)->generation - 1;
  g_snprintf (stmt->name, sizeof stmt->name, "g%u", ++PG (db)->next_name);

  if (!ensure_prepared (stmt)
      && !(reconnect_after (PG (db), was_idle) && ensure_prepared (stmt)))
    {
      g_free (stmt->values);
      g_free (stmt->sql);
      g_free (stmt);
      return NULL;
    }
  return &stmt->parent;
}

static void
pg_clear_bindings (GlossDbStmt *stmt)
{
  for (int i = 0; i < STMT (stmt)->n_params; i++)
    g_clear_pointer (&STMT (stmt)->values[i], g_free);
}

static void
pg_reset (GlossDbStmt *stmt)
{
  g_clear_pointer (&STMT (stmt)->result, PQclear);
  STMT (stmt)->row = -1;
}

/* Only when the database closes: the connection, and with it every prepared
 * statement, goes right after. */
static void
pg_finalize (GlossDbStmt *stmt)
{
  PgStmt *self = STMT (stmt);

  pg_reset (stmt);
  pg_clear_bindings (stmt);
  g_free (self->values);
  g_free (self->sql);
  g_free (self);
}

static gboolean
pg_in_transaction (GlossDb *db)
{
  PGTransactionStatusType status = PQtransactionStatus (CONN (db));

  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
}

/* A statement that failed because the server went away, while no transaction
 * was open, is tried once more on a new connection: nothing of it reached the
 * server, and no acknowledged work depends on the old session. */
static gboolean
reconnect_after (PgDb     *db,
                 gboolean  was_idle)
{
  gboolean lost = PQstatus (db->conn) == CONNECTION_BAD
                  || g_str_has_prefix (db->sqlstate, "57P")   /* the server ended the session */
                  || g_str_has_prefix (db->sqlstate, "08");   /* connection exception */

  if (!was_idle || db->reconnecting || !lost)
    return FALSE;
  return gloss_db_reconnect (&db->parent);
}

static gboolean
run_exec (PgDb       *db,
          const char *sql)
{
  PGresult *result = PQexec (db->conn, sql);
  gboolean ok = result_ok (db, result);

  if (ok)
    clear_error (db);
  PQclear (result);
  return ok;
}

/* The savepoint's name when @sql is "SAVEPOINT name" or ends in "RELEASE name". */
static char *
savepoint_name (const char *sql,
                const char *keyword)
{
  const char *at = strstr (sql, keyword);

  if (at == NULL || (at != sql && at[-1] != ' ' && at[-1] != ';'))
    return NULL;
  at += strlen (keyword);
  if (*at != ' ')
    return NULL;
  return g_strstrip (g_strdup (at + 1));
}

/* In SQLite a SAVEPOINT outside a transaction begins one, and releasing that
 * savepoint commits it; PostgreSQL wants the transaction begun first. */
static gboolean
pg_exec (GlossDb    *db,
         const char *sql)
{
  PgDb *self = PG (db);
  g_autofree char *rewritten = _gloss_db_postgres_rewrite (sql, FALSE, NULL, NULL, NULL);
  g_autofree char *opened = NULL;
  g_autofree char *released = NULL;
  gboolean was_idle;
  gboolean ok;

  if (g_str_has_prefix (rewritten, "SAVEPOINT ") && !pg_in_transaction (db))
    {
      opened = savepoint_name (rewritten, "SAVEPOINT");
      if (!run_exec (self, "BEGIN")
          && !(reconnect_after (self, TRUE) && run_exec (self, "BEGIN")))
        return FALSE;
      g_free (self->outer_savepoint);
      self->outer_savepoint = g_strdup (opened);
    }
  was_idle = !pg_in_transaction (db);
  ok = run_exec (self, rewritten);
  if (!ok && opened == NULL && reconnect_after (self, was_idle))
    ok = run_exec (self, rewritten);
  if (g_str_has_prefix (rewritten, "ROLLBACK") && !g_str_has_prefix (rewritten, "ROLLBACK TO"))
    g_clear_pointer (&self->outer_savepoint, g_free);
  if (!ok)
    return FALSE;

  released = savepoint_name (rewritten, "RELEASE");
  if (released != NULL && g_strcmp0 (released, self->outer_savepoint) == 0)
    {
      g_clear_pointer (&self->outer_savepoint, g_free);
      return run_exec (self, "COMMIT");
    }
  if (g_str_has_prefix (rewritten, "COMMIT"))
    g_clear_pointer (&self->outer_savepoint, g_free);
  return TRUE;
}

static int
pg_step (GlossDbStmt *stmt)
{
  PgStmt *self = STMT (stmt);
  PgDb *db = PG (stmt->db);

  if (self->result == NULL)
    {
      gboolean was_idle = !pg_in_transaction (stmt->db);

      if (!ensure_prepared (self))
        {
          if (!reconnect_after (db, was_idle) || !ensure_prepared (self))
            return GLOSS_DB_ERROR;
        }
      self->result = PQexecPrepared (db->conn, self->name, self->n_params,
                                     (const char * const *) self->values, NULL, NULL, 0);
      if (!result_ok (db, self->result) && reconnect_after (db, was_idle) && ensure_prepared (self))
        {
          PQclear (self->result);
          self->result = PQexecPrepared (db->conn, self->name, self->n_params,
                                         (const char * const *) self->values, NULL, NULL, 0);
        }
      if (!result_ok (db, self->result))
        {
          g_clear_pointer (&self->result, PQclear);
          return GLOSS_DB_ERROR;
        }
      clear_error (db);
      db->changes = g_ascii_strtoll (PQcmdTuples (self->result), NULL, 10);
      if (self->returns_id)
        {
          int n = PQntuples (self->result);

          if (n > 0)
            db->last_rowid = g_ascii_strtoll (PQgetvalue (self->result, n - 1, 0), NULL, 10);
          else if (self->conflict_fails)
            {
              g_strlcpy (db->sqlstate, "23505", sizeof db->sqlstate);
              db->message = g_strdup ("UNIQUE constraint failed: the row is already there");
              return GLOSS_DB_ERROR;
            }
          return GLOSS_DB_DONE;
        }
      self->row = -1;
    }
  if (self->returns_id || self->row + 1 >= PQntuples (self->result))
    return GLOSS_DB_DONE;
  self->row++;
  return GLOSS_DB_ROW;
}

static void
bind_owned (GlossDbStmt *stmt,
            int          index,
            char        *value)
{
  PgStmt *self = STMT (stmt);

  if (index < 1 || index > self->n_params)
    {
      g_free (value);
      return;
    }
  g_free (self->values[index - 1]);
  self->values[index - 1] = value;
}

static void
pg_bind_int64 (GlossDbStmt *stmt,
               int          index,
               gint64       value)
{
  bind_owned (stmt, index, g_strdup_printf ("%" G_GINT64_FORMAT, value));
}

static void
pg_bind_double (GlossDbStmt *stmt,
                int          index,
                double       value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  bind_owned (stmt, index, g_strdup (g_ascii_dtostr (buffer, sizeof buffer, value)));
}

static void
pg_bind_text (GlossDbStmt *stmt,
              int          index,
              const char  *text)
{
  bind_owned (stmt, index, g_strdup (text));
}

static void
pg_bind_null (GlossDbStmt *stmt,
              int          index)
{
  bind_owned (stmt, index, NULL);
}

static gboolean
has_column (GlossDbStmt *stmt,
            int          column)
{
  PgStmt *self = STMT (stmt);

  return self->result != NULL && self->row >= 0 && self->row < PQntuples (self->result)
         && column >= 0 && column < PQnfields (self->result);
}

static int
pg_column_count (GlossDbStmt *stmt)
{
  return STMT (stmt)->result != NULL ? PQnfields (STMT (stmt)->result) : 0;
}

static const char *
pg_column_name (GlossDbStmt *stmt,
                int          column)
{
  return STMT (stmt)->result != NULL ? PQfname (STMT (stmt)->result, column) : NULL;
}

static GlossDbType
pg_column_type (GlossDbStmt *stmt,
                int          column)
{
  PgStmt *self = STMT (stmt);

  if (!has_column (stmt, column) || PQgetisnull (self->result, self->row, column))
    return GLOSS_DB_NULL;
  switch (PQftype (self->result, column))
    {
    case OID_BOOL:
    case OID_INT2:
    case OID_INT4:
    case OID_INT8:
      return GLOSS_DB_INTEGER;
    case OID_FLOAT4:
    case OID_FLOAT8:
    case OID_NUMERIC:
      return GLOSS_DB_FLOAT;
    default:
      return GLOSS_DB_TEXT;
    }
}

static const char *
pg_column_text (GlossDbStmt *stmt,
                int          column)
{
  PgStmt *self = STMT (stmt);

  if (!has_column (stmt, column) || PQgetisnull (self->result, self->row, column))
    return NULL;
  if (PQftype (self->result, column) == OID_BOOL)
    return PQgetvalue (self->result, self->row, column)[0] == 't' ? "1" : "0";
  return PQgetvalue (self->result, self->row, column);
}

static gint64
pg_column_int64 (GlossDbStmt *stmt,
                 int          column)
{
  const char *text = pg_column_text (stmt, column);

  return text != NULL ? g_ascii_strtoll (text, NULL, 10) : 0;
}

static double
pg_column_double (GlossDbStmt *stmt,
                  int          column)
{
  const char *text = pg_column_text (stmt, column);

  return text != NULL ? g_ascii_strtod (text, NULL) : 0.0;
}

static gint64
pg_last_insert_rowid (GlossDb *db)
{
  return PG (db)->last_rowid;
}

static gint64
pg_changes (GlossDb *db)
{
  return PG (db)->changes;
}


/* SQLSTATE classes: PostgreSQL's manual, appendix A */
static GlossDbFault
pg_fault (GlossDb *db)
{
  const char *state = PG (db)->sqlstate;

  if (state[0] == '\0')
    return GLOSS_DB_FAULT_NONE;
  if (strcmp (state, "23505") == 0)
    return GLOSS_DB_FAULT_DUPLICATE;
  if (g_str_has_prefix (state, "23"))
    return GLOSS_DB_FAULT_CONSTRAINT;
  if (strcmp (state, "25006") == 0 || strcmp (state, "42501") == 0)
    return GLOSS_DB_FAULT_READ_ONLY;
  if (strcmp (state, "40001") == 0 || strcmp (state, "40P01") == 0
      || strcmp (state, "55P03") == 0)
    return GLOSS_DB_FAULT_BUSY;
  if (g_str_has_prefix (state, "08") || g_str_has_prefix (state, "57P")
      || PQstatus (CONN (db)) == CONNECTION_BAD)
    return GLOSS_DB_FAULT_CONNECTION;
  if (g_str_has_prefix (state, "XX"))
    return GLOSS_DB_FAULT_DAMAGED;
  return GLOSS_DB_FAULT_FAILED;
}

static const char *
pg_errmsg (GlossDb *db)
{
  return PG (db)->message != NULL ? PG (db)->message : "not an error";
}

static const GlossDbDriver postgres_driver = {
  pg_close,
  pg_prepare,
  pg_finalize,
  pg_exec,
  pg_step,
  pg_reset,
  pg_clear_bindings,
  pg_bind_int64,
  pg_bind_double,
  pg_bind_text,
  pg_bind_null,
  pg_column_count,
  pg_column_name,
  pg_column_type,
  pg_column_int64,
  pg_column_double,
  pg_column_text,
  pg_last_insert_rowid,
  pg_changes,
  pg_in_transaction,
  pg_fault,
  pg_errmsg,
};

/**
 * gloss_db_new_postgresql:
 * @connection: (transfer full): a PGconn that is connected
 */
GlossDb *
gloss_db_new_postgresql (gpointer connection)
{
  PgDb *db = g_new0 (PgDb, 1);

  _gloss_db_init (&db->parent, &postgres_driver, GLOSS_DB_POSTGRESQL);
  db->conn = connection;
  db->generation = 1;
  return &db->parent;
}

/**
 * gloss_db_set_reconnect_func:
 * @func: called on a new connection, to set up the session again (temporary
 *   tables, LISTEN)
 */
void
gloss_db_set_reconnect_func (GlossDb              *db,
                             GlossDbReconnectFunc  func,
                             gpointer              data)
{
  g_return_if_fail (db->engine == GLOSS_DB_POSTGRESQL);
  PG (db)->reconnected = func;
  PG (db)->reconnected_data = data;
}

gboolean
gloss_db_is_connected (GlossDb *db)
{
  return db->engine != GLOSS_DB_POSTGRESQL || PQstatus (CONN (db)) == CONNECTION_OK;
}

/**
 * gloss_db_reconnect:
 *
 * Connects to the server again with the same parameters. Statements are
 * prepared again as they are used; the reconnect function sets up the rest.
 *
 * Returns: whether the server is back
 */
gboolean
gloss_db_reconnect (GlossDb *db)
{
  PgDb *self = PG (db);
  gboolean ok;

  g_return_val_if_fail (db->engine == GLOSS_DB_POSTGRESQL, FALSE);

  PQreset (self->conn);
  if (PQstatus (self->conn) != CONNECTION_OK)
    {
      keep_error (self, NULL);
      return FALSE;
    }
  self->generation++;
  g_clear_pointer (&self->outer_savepoint, g_free);
  self->reconnecting = TRUE;
  ok = self->reconnected == NULL || self->reconnected (db, self->reconnected_data);
  self->reconnecting = FALSE;
  g_debug ("connected to the server again%s", ok ? "" : ", but the session could not be set up");
  return ok;
}

gpointer
gloss_db_get_postgresql (GlossDb *db)
{
  return db != NULL && db->engine == GLOSS_DB_POSTGRESQL ? CONN (db) : NULL;
}
