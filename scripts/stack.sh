#!/usr/bin/env bash
# The whole stack on this machine, no Docker: Kafka broker, database (created and migrated on start),
# ingest API, projector, query API, and the simulator posting a live demo feed of a province.
#
#   scripts/stack.sh up      start everything and print where to look (default)
#   scripts/stack.sh down    stop the services, the feed and the broker
#   scripts/stack.sh status  what runs
#
# Environment: DATABASE_URL, ADMIN_API_KEY (generated and kept in .run/admin-key when unset),
# FEED_RATE (events/s of the demo feed, default 20), FEED_HISTORY_DAYS (backdated history first, default 30),
# PROJECTOR_HEAP_MIB (the projector's V8 heap cap, default 384).
set -euo pipefail
cd "$(dirname "$0")/.."
run=.run
mkdir -p "$run/logs" "$run/pids"

start_bg() { # name command...
  local name="$1"; shift
  if [ -f "$run/pids/$name" ] && kill -0 "$(cat "$run/pids/$name")" 2>/dev/null; then echo "[stack] $name already runs"; return; fi
  nohup "$@" >"$run/logs/$name.log" 2>&1 </dev/null &
  echo $! >"$run/pids/$name"
}

wait_ready() { # name url
  for _ in $(seq 1 120); do
    if curl -fsS "$2" >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$(cat "$run/pids/$1")" 2>/dev/null; then echo "[stack] $1 exited; see $run/logs/$1.log" >&2; tail -n 20 "$run/logs/$1.log" >&2; exit 1; fi
    sleep 0.5
  done
  echo "[stack] $1 not ready; see $run/logs/$1.log" >&2; exit 1
}

up() {
  bash scripts/prerequisites.sh
  deploy/local/kafka.sh start
  npm run --silent build
  if [ -z "${ADMIN_API_KEY:-}" ]; then
    [ -f "$run/admin-key" ] || head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$run/admin-key"
    ADMIN_API_KEY="$(cat "$run/admin-key")"
  fi
  export ADMIN_API_KEY
  start_bg ingest-api node dist/apps/ingest-api/main.js
  wait_ready ingest-api http://127.0.0.1:${INGEST_PORT:-8080}/health/ready
  start_bg projector node --max-old-space-size="${PROJECTOR_HEAP_MIB:-384}" dist/apps/projector/main.js
  start_bg query-api node dist/apps/query-api/main.js
  wait_ready projector http://127.0.0.1:${PROJECTOR_PORT:-8082}/health/ready
  wait_ready query-api http://127.0.0.1:${QUERY_PORT:-8081}/health/ready
  start_bg simulator node dist/apps/simulator/main.js --rate "${FEED_RATE:-20}" --history-days "${FEED_HISTORY_DAYS:-30}" \
    --ingest-url "http://127.0.0.1:${INGEST_PORT:-8080}" --admin-key "$ADMIN_API_KEY"
  local today; today="$(TZ=Asia/Ho_Chi_Minh date +%F)"
  local month; month="$(TZ=Asia/Ho_Chi_Minh date +%Y-%m-01)"
  cat <<MSG

The stack is up (logs in $run/logs, admin key in $run/admin-key):
  ingest API     http://127.0.0.1:${INGEST_PORT:-8080}/docs        POST /v1/events
  query API      http://127.0.0.1:${QUERY_PORT:-8081}/docs
  dashboard      http://127.0.0.1:${QUERY_PORT:-8081}/dashboard   (asks for a reader key; the admin key works too)
  projector      http://127.0.0.1:${PROJECTOR_PORT:-8082}/metrics
  demo feed      tail -f $run/logs/simulator.log   (province QT, ${FEED_RATE:-20} events/s)

Try:
  curl -s -H "Authorization: Bearer \$(cat $run/admin-key)" 'http://127.0.0.1:${QUERY_PORT:-8081}/v1/indicators?agency=QT&from=$month&to=$today'
  curl -s -H "Authorization: Bearer \$(cat $run/admin-key)" http://127.0.0.1:${QUERY_PORT:-8081}/v1/status
Stop with: npm run stack:down
MSG
}

down() {
  for name in simulator query-api projector ingest-api; do
    if [ -f "$run/pids/$name" ]; then
      kill "$(cat "$run/pids/$name")" 2>/dev/null && echo "[stack] stopped $name" || true
      rm -f "$run/pids/$name"
    fi
  done
  deploy/local/kafka.sh stop
}

status() {
  for name in ingest-api projector query-api simulator; do
    if [ -f "$run/pids/$name" ] && kill -0 "$(cat "$run/pids/$name")" 2>/dev/null; then echo "$name: running"; else echo "$name: stopped"; fi
  done
  echo "kafka: $(deploy/local/kafka.sh status || true)"
}

case "${1:-up}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
