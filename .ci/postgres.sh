#!/usr/bin/env bash
# Install (from Debian packages) and start a throwaway PostgreSQL for the test run.
# Prints the URL to use as GC_TEST_POSTGRES_URL on its last line.
#   .ci/postgres.sh running   exit 0 when the server is already up (nothing else is done)
#   .ci/postgres.sh stop      stop the server this script started
set -euo pipefail
PORT="${GC_PG_PORT:-55432}"
DIR="${GC_PG_DIR:-/tmp/gc-postgres}"

bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

if [ -z "$(bindir)" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi
BIN="$(bindir)"
id postgres >/dev/null 2>&1 || useradd --system --home "$DIR" postgres
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
running() { as_pg "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; }
case "${1:-start}" in
  running) running; exit ;;
  stop) if running; then as_pg "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >&2; fi; exit 0 ;;
esac

if ! running; then
  rm -rf "$DIR"; mkdir -p "$DIR"; chown postgres "$DIR" 2>/dev/null || true
  as_pg "$BIN/initdb" -D "$DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >&2
  as_pg "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w \
    -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=300" start >&2
fi
as_pg "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -tc "SELECT 1 FROM pg_database WHERE datname='gc_test'" \
  | grep -q 1 || as_pg "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres gc_test
echo "postgresql+psycopg://postgres@127.0.0.1:$PORT/gc_test"
