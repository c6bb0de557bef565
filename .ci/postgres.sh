#!/usr/bin/env bash
# A throwaway PostgreSQL server for the share-store tests: Debian's package,
# a temporary data folder, loopback only, a free port, no password (trust on
# loopback inside this folder only).
#
#   bash .ci/postgres.sh start ENV_FILE   # writes OM_TEST_POSTGRES_URL=… and PG_TMP=… to ENV_FILE
#   bash .ci/postgres.sh stop PG_TMP      # stops the server, removes the folder
#
# Runs the server as the `postgres` user when started as root (PostgreSQL
# refuses to run as root).
set -euo pipefail

pg_bin() {
  for d in /usr/lib/postgresql/*/bin; do
    if [ -x "$d/pg_ctl" ]; then echo "$d"; return 0; fi
  done
  command -v pg_ctl >/dev/null 2>&1 && dirname "$(command -v pg_ctl)" && return 0
  return 1
}

as_server_user() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

case "${1:-}" in
  start)
    env_file=${2:?usage: postgres.sh start ENV_FILE}
    if ! bin=$(pg_bin); then
      if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) || true
      fi
      bin=$(pg_bin) || { echo "note: PostgreSQL could not be installed; its tests will say so (and fail with CI=true)"; exit 1; }
    fi
    tmp=$(mktemp -d /tmp/om-pg.XXXXXX)
    chmod 755 "$tmp"
    if [ "$(id -u)" = 0 ]; then chown postgres "$tmp"; fi
    port=$(free_port)
    as_server_user "$bin/initdb" -D "$tmp/data" -U om --auth=trust --no-sync >/dev/null
    as_server_user "$bin/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $tmp -c fsync=off -c max_connections=300" start >/dev/null
    url="postgres://om@127.0.0.1:$port/postgres"
    printf 'export OM_TEST_POSTGRES_URL=%q\nexport PG_TMP=%q\n' "$url" "$tmp" > "$env_file"
    echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $tmp)"
    ;;
  stop)
    tmp=${2:?usage: postgres.sh stop PG_TMP}
    bin=$(pg_bin) || exit 0
    if [ -d "$tmp/data" ]; then
      as_server_user "$bin/pg_ctl" -D "$tmp/data" -m fast -w stop >/dev/null || true
    fi
    rm -rf "$tmp"
    ;;
  *)
    echo "usage: $0 start ENV_FILE | stop PG_TMP" >&2
    exit 2
    ;;
esac
