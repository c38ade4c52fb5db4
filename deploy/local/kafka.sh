#!/usr/bin/env bash
# A single-node Apache Kafka 4.x broker in KRaft mode (no ZooKeeper, no Docker) for local runs and tests.
#
#   deploy/local/kafka.sh fetch    download the broker jars from Maven Central into the jar cache
#   deploy/local/kafka.sh start    fetch if needed, format storage if new, start on 127.0.0.1:9092, wait until ready
#   deploy/local/kafka.sh wait     wait until the broker answers (KAFKA_WAIT_SECONDS, default 60)
#   deploy/local/kafka.sh stop     stop the broker started from this checkout
#   deploy/local/kafka.sh status   print whether it runs
#   deploy/local/kafka.sh pause    freeze the broker (SIGSTOP): it keeps its connections but answers nothing
#   deploy/local/kafka.sh resume   let a frozen broker go on (SIGCONT); pause/resume simulate a hung broker
#   deploy/local/kafka.sh reset    stop and delete this checkout's broker data
#   deploy/local/kafka.sh run CLASS ARGS...   run a Kafka tool class (e.g. org.apache.kafka.tools.ProducerPerformance)
#
# Environment: KAFKA_JARS (jar cache, default ~/.cache/dossier-kafka/libs, outside git),
# KAFKA_DATA (broker data and log, default <repo>/.run/kafka), KAFKA_HEAP (default -Xms256m -Xmx768m),
# KAFKA_PORT (default 9092), KAFKA_CONTROLLER_PORT (default 9093).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
KAFKA_VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$here/pom.xml")"
KAFKA_JARS="${KAFKA_JARS:-${XDG_CACHE_HOME:-$HOME/.cache}/dossier-kafka/$KAFKA_VERSION/libs}"
KAFKA_DATA="${KAFKA_DATA:-$repo/.run/kafka}"
KAFKA_HEAP="${KAFKA_HEAP:--Xms256m -Xmx768m}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
pidfile="$KAFKA_DATA/broker.pid"
logfile="$KAFKA_DATA/server.log"

log() { printf '[kafka] %s\n' "$*" >&2; }

fetch() {
  if [ -f "$KAFKA_JARS/kafka_2.13-$KAFKA_VERSION.jar" ] && [ -f "$KAFKA_JARS/.complete" ]; then return 0; fi
  command -v mvn >/dev/null || { log "Maven (mvn) is required to fetch the Kafka jars"; exit 1; }
  command -v java >/dev/null || { log "Java 17+ is required to run the broker"; exit 1; }
  log "fetching Apache Kafka $KAFKA_VERSION jars from Maven Central into $KAFKA_JARS"
  mkdir -p "$KAFKA_JARS"
  mvn -q -B -f "$here/pom.xml" dependency:copy-dependencies \
      -DoutputDirectory="$KAFKA_JARS" -DincludeScope=runtime
  touch "$KAFKA_JARS/.complete"
}

classpath() { printf '%s/*' "$KAFKA_JARS"; }

java_tool() { # CLASS ARGS...
  local cls="$1"; shift
  java -Xmx512m -cp "$(classpath)" -Dlog4j2.configurationFile="$KAFKA_DATA/log4j2-tools.properties" "$cls" "$@"
}

write_config() {
  mkdir -p "$KAFKA_DATA"
  cat > "$KAFKA_DATA/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$KAFKA_DATA/logs
num.partitions=6
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=6
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
log.retention.hours=-1
log.segment.bytes=268435456
PROPS
  cat > "$KAFKA_DATA/log4j2.properties" <<PROPS
status = warn
appender.file.type = File
appender.file.name = FILE
appender.file.fileName = $logfile
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = info
rootLogger.appenderRef.file.ref = FILE
logger.kafka.name = kafka
logger.kafka.level = info
logger.state.name = state.change.logger
logger.state.level = warn
PROPS
  cat > "$KAFKA_DATA/log4j2-tools.properties" <<PROPS
status = warn
appender.err.type = Console
appender.err.name = STDERR
appender.err.target = SYSTEM_ERR
appender.err.layout.type = PatternLayout
appender.err.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = warn
rootLogger.appenderRef.err.ref = STDERR
PROPS
}

running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$KAFKA_PORT") 2>/dev/null; }

wait_ready() {
  local limit="${KAFKA_WAIT_SECONDS:-60}" i=0
  while [ "$i" -lt "$((limit * 2))" ]; do
    if port_open && java_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$KAFKA_PORT" --list >/dev/null 2>&1; then
      log "broker ready on 127.0.0.1:$KAFKA_PORT"; return 0
    fi
    if [ -f "$pidfile" ] && ! running; then log "broker exited; last lines of $logfile:"; tail -n 30 "$logfile" >&2 || true; return 1; fi
    sleep 0.5; i=$((i + 1))
  done
  log "broker not ready after ${limit}s; see $logfile"; return 1
}

start() {
  fetch
  if running; then log "already running (pid $(cat "$pidfile"))"; wait_ready; return; fi
  if port_open; then log "something already listens on 127.0.0.1:$KAFKA_PORT; using it"; wait_ready; return; fi
  write_config
  if [ ! -f "$KAFKA_DATA/logs/meta.properties" ]; then
    local cluster_id
    cluster_id="$(java_tool org.apache.kafka.tools.StorageTool random-uuid 2>/dev/null || java_tool kafka.tools.StorageTool random-uuid)"
    log "formatting KRaft storage in $KAFKA_DATA/logs (cluster $cluster_id)"
    java_tool kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_DATA/server.properties" >/dev/null
  fi
  log "starting broker (heap: $KAFKA_HEAP), log: $logfile"
  # shellcheck disable=SC2086
  nohup java $KAFKA_HEAP -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$KAFKA_DATA/log4j2.properties" \
    -cp "$(classpath)" kafka.Kafka "$KAFKA_DATA/server.properties" \
    >"$KAFKA_DATA/stdout.log" 2>&1 </dev/null &
  echo $! > "$pidfile"
  wait_ready
}

stop() {
  if ! running; then log "not running"; rm -f "$pidfile"; return 0; fi
  local pid; pid="$(cat "$pidfile")"
  log "stopping broker (pid $pid)"
  kill "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || { rm -f "$pidfile"; log "stopped"; return 0; }; sleep 0.5; done
  log "broker did not stop in 30s; killing"; kill -9 "$pid" 2>/dev/null || true; rm -f "$pidfile"
}

cmd="${1:-}"; shift || true
case "$cmd" in
  fetch) fetch ;;
  start) start ;;
  wait) write_config >/dev/null 2>&1 || true; wait_ready ;;
  stop) stop ;;
  status) if running; then echo "running (pid $(cat "$pidfile"))"; else echo "stopped"; exit 1; fi ;;
  pause) running || { log "not running"; exit 1; }; kill -STOP "$(cat "$pidfile")"; log "paused (pid $(cat "$pidfile"))" ;;
  resume) running || { log "not running"; exit 1; }; kill -CONT "$(cat "$pidfile")"; log "resumed (pid $(cat "$pidfile"))" ;;
  reset) stop; rm -rf "$KAFKA_DATA"; log "data removed" ;;
  run) fetch; [ -f "$KAFKA_DATA/log4j2-tools.properties" ] || write_config; java_tool "$@" ;;
  *) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; [ -z "$cmd" ] || [ "$cmd" = help ] || [ "$cmd" = -h ] || [ "$cmd" = --help ] || exit 2 ;;
esac
