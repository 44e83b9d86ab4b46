#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A throwaway PostgreSQL cluster for the tests.
#
#   pg-cluster.sh start DIR   create a cluster in DIR (missing or empty), start it and
#                             print the libpq URI of its maintenance database
#   pg-cluster.sh stop DIR    stop it and remove DIR
#
# The server listens only on a Unix socket in DIR and trusts every local
# connection (but those of roles in gloss_password_logins, which must give their
# password); the user running this script gets a superuser role of the same
# name. As root the server runs as the `postgres` system user (created by
# Debian's package; a `gloss-postgres` system user is made when it is absent).
# The server programs are looked up in /usr/lib/postgresql/*/bin (the newest),
# then on the PATH; GLOSS_PG_BINDIR overrides both. Errors are one line on
# stderr, exit status 1.
set -euo pipefail

PORT=5433   # only names the socket (DIR/.s.PGSQL.5433): no TCP port is opened
MARK=.gloss-pg-cluster   # in DIR: `stop` removes only a folder `start` made

die ()
{
  echo "pg-cluster.sh: $*" >&2
  exit 1
}

usage ()
{
  die "usage: pg-cluster.sh start|stop DIR"
}

find_bindir ()
{
  local initdb
  if [[ -n "${GLOSS_PG_BINDIR:-}" ]]; then
    initdb="$GLOSS_PG_BINDIR/initdb"
  else
    initdb="$(printf "%s\n" /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)"
    [[ -x "$initdb" ]] || initdb="$(command -v initdb || true)"
  fi
  [[ -x "$initdb" ]] \
    || die "no PostgreSQL server: initdb is not in ${GLOSS_PG_BINDIR:-/usr/lib/postgresql/*/bin or on the PATH};" \
           "install Debian's postgresql package (build-aux/install-deps.sh does)"
  dirname "$initdb"
}

# Percent-encodes $1 for a URI query value (every byte but the unreserved ones).
uri_escape ()
{
  local LC_ALL=C s="$1" out="" c i
  for ((i = 0; i < ${#s}; i++)); do
    c="${s:i:1}"
    case "$c" in
      [A-Za-z0-9._~-]) out+="$c" ;;
      *) out+="$(printf '%%%02X' "'$c")" ;;
    esac
  done
  printf '%s' "$out"
}

# The system user the server runs as: ourselves, unless we are root.
server_user ()
{
  if [[ "$(id -u)" -ne 0 ]]; then
    id -un
  elif id -u postgres >/dev/null 2>&1; then
    echo postgres
  else
    id -u gloss-postgres >/dev/null 2>&1 \
      || useradd --system --no-create-home --shell /usr/sbin/nologin gloss-postgres >&2 \
      || die "cannot create the system user gloss-postgres to run the server as"
    echo gloss-postgres
  fi
}

# Runs a server program as the cluster's owner, from DIR (which it can enter).
as_owner ()
{
  if [[ "$(id -u)" -eq 0 && "$OWNER" != root ]]; then
    (cd "$DIR" && runuser -u "$OWNER" -- "$@")
  else
    (cd "$DIR" && "$@")
  fi
}

# The last line of the logs given, to end a one-line error message with.
last_line ()
{
  cat "$@" 2>/dev/null | tail -n 1
}

start ()
{
  local bindir user conf
  bindir="$(find_bindir)"
  user="$(id -un)"
  OWNER="$(server_user)"

  [[ "$DIR" == /* ]] || DIR="$PWD/$DIR"
  # A Unix socket path is at most 107 bytes: DIR/.s.PGSQL.5433 must fit.
  [[ ${#DIR} -le 92 ]] || die "$DIR is too long a path for the server's Unix socket"
  mkdir -p "$DIR" || die "cannot create $DIR"
  # `stop` removes DIR: it must not hold anything else.
  [[ -z "$(ls -A "$DIR")" ]] || die "$DIR is not empty (a cluster running there? stop it first)"
  touch "$DIR/$MARK"
  if [[ "$(id -u)" -eq 0 ]]; then
    chown "$OWNER:" "$DIR" && chmod 0700 "$DIR" \
      || die "cannot give $DIR to the user $OWNER"
  fi

  # The bootstrap superuser is named after the user who runs the tests.
  as_owner "$bindir/initdb" --pgdata="$DIR/data" --username="$user" --auth=trust \
      --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$DIR/initdb.log" 2>&1 \
    || die "initdb, run as $OWNER, failed in $DIR/data: $(last_line "$DIR/initdb.log")"

  conf="$DIR/data/postgresql.conf"
  {
    echo "listen_addresses = ''"
    echo "unix_socket_directories = '${DIR//\'/\'\'}'"
    echo "port = $PORT"
    # Nothing here needs to survive a crash.
    echo "fsync = off"
    echo "synchronous_commit = off"
    echo "full_page_writes = off"
  } >>"$conf"

  # Roles in gloss_password_logins must give their password (the tests of a
  # wrong password make one); every other local login is trusted.
  hba="$DIR/data/pg_hba.conf"
  { echo "local all +gloss_password_logins scram-sha-256"; cat "$hba"; } >"$hba.new" \
    && mv "$hba.new" "$hba" && chown "$OWNER:" "$hba" 2>/dev/null || true

  # -w waits until the server accepts connections (60 s at most).
  as_owner "$bindir/pg_ctl" start --pgdata="$DIR/data" --log="$DIR/server.log" \
      --wait --timeout=60 >"$DIR/pg_ctl.log" 2>&1 \
    || die "the server did not start: $(last_line "$DIR/pg_ctl.log" "$DIR/server.log")"
  "$bindir/pg_isready" --quiet --host="$DIR" --port="$PORT" --username="$user" \
    || die "the server started but does not accept connections on $DIR"

  echo "postgresql:///postgres?host=$(uri_escape "$DIR")&port=$PORT&user=$(uri_escape "$user")"
}

stop ()
{
  local pg_ctl
  [[ -d "$DIR" ]] || return 0
  if [[ ! -e "$DIR/$MARK" ]]; then
    # `start` failed before it made anything: an empty folder goes, nothing else.
    rmdir "$DIR" 2>/dev/null || die "$DIR was not made by pg-cluster.sh start; not removing it"
    return 0
  fi
  DIR="$(cd "$DIR" && pwd)"
  if [[ -f "$DIR/data/postmaster.pid" ]]; then
    OWNER="$(stat -c %U "$DIR/data")"
    pg_ctl="$(find_bindir)/pg_ctl"
    # A pid file left by a server that is gone needs no stopping.
    if as_owner "$pg_ctl" status --pgdata="$DIR/data" >/dev/null 2>&1; then
      as_owner "$pg_ctl" stop --pgdata="$DIR/data" --mode=fast --wait >"$DIR/pg_ctl.log" 2>&1 \
        || die "the server in $DIR/data did not stop: $(last_line "$DIR/pg_ctl.log" "$DIR/server.log")"
    fi
  fi
  rm -rf "$DIR"
}

[[ $# -eq 2 ]] || usage
DIR="$2"
case "$1" in
  start) start ;;
  stop) stop ;;
  *) usage ;;
esac
