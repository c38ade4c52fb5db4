#!/usr/bin/env bash
# Installs what the stack and the tests need and is not in package.json: Node modules, Java and Maven for
# the Kafka broker, kcat (a real Kafka client used by tests), Chromium (the dashboard's browser test drives it
# with playwright-core). Sourced by stack.sh and test.sh.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

need_apt=()
command -v java >/dev/null || need_apt+=(openjdk-17-jre-headless)
command -v mvn >/dev/null || need_apt+=(maven)
command -v kcat >/dev/null || need_apt+=(kcat)
command -v pg_isready >/dev/null || need_apt+=(postgresql-client)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
if [ "${#need_apt[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "[prerequisites] installing ${need_apt[*]}" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "[prerequisites] please install: ${need_apt[*]}" >&2; exit 1
  fi
fi

if [ ! -d "$repo/node_modules" ] || [ "$repo/package-lock.json" -nt "$repo/node_modules/.package-lock.json" ]; then
  echo "[prerequisites] npm ci" >&2
  (cd "$repo" && npm ci --no-audit --no-fund --loglevel=error)
fi

pg_host="${PGHOST:-127.0.0.1}"
if ! pg_isready -q -h "$pg_host" -p "${PGPORT:-5432}"; then
  echo "[prerequisites] PostgreSQL does not answer on $pg_host:${PGPORT:-5432}; start it (e.g. pg_ctlcluster 15 main start) or set DATABASE_URL" >&2
  exit 1
fi
