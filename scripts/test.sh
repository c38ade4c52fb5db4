#!/usr/bin/env bash
# Runs every test: unit tests of the contract and the indicator core, and end-to-end tests of the pipeline
# against the real Apache Kafka broker (started here if it is not running) and the real PostgreSQL.
# Extra arguments go to jest (e.g. `npm test -- test/e2e/pipeline`).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/prerequisites.sh
deploy/local/kafka.sh start
npm run --silent build
npx jest --runInBand "$@"
