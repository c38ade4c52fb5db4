#!/usr/bin/env bash
# Runs every test: unit tests of the contract and the indicator core, and end-to-end tests of the pipeline
# against the real Apache Kafka broker (started here if it is not running) and the real PostgreSQL; then the
# fault tests (test/faults/*.faults.spec.ts: SIGKILLed projectors, the broker stopped during ingest, PostgreSQL
# restarted under load), which stop and start the broker and restart PostgreSQL themselves.
# Extra arguments go to jest instead (e.g. `npm test -- test/e2e/pipeline`, `npm test -- test/faults/broker-hang`;
# `npm run test:faults` passes the faults' --testRegex).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/prerequisites.sh
deploy/local/kafka.sh start
npm run --silent build
# A fault test starts the broker again itself, even when it fails; this covers a run that was cut short.
if [ "$#" -eq 0 ] || [[ "$*" == *faults* ]]; then trap 'deploy/local/kafka.sh start >/dev/null 2>&1 || true' EXIT; fi
if [ "$#" -eq 0 ]; then
  npx jest --runInBand
  npx jest --runInBand --testRegex '\.faults\.spec\.ts$'
elif [[ "$*" == *test/faults/* && "$*" != *--testRegex* ]]; then
  # One fault suite by path (`npm test -- test/faults/broker-hang`): fault suites match only the faults' regex.
  npx jest --runInBand "$@" --testRegex '\.faults\.spec\.ts$'
else
  npx jest --runInBand "$@"
fi
