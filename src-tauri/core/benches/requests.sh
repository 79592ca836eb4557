#!/usr/bin/env bash
# Pilot request benchmark: REQUESTS pilot requests (default 1,000,000) with
# EVENTS_PER_REQUEST events each (default 10); transition p50/p99, the
# queue's first page against a DBA-indexed copy, and every open SLA clock.
# The workspace is kept under target/bench/ for the window's queue
# benchmark (tests/benches/queue.sh), which would otherwise make it again.
# Usage: src-tauri/core/benches/requests.sh   (or `make bench`)
set -euo pipefail
cd "$(dirname "$0")/../../.."
mkdir -p target/bench
KEEP_WORKSPACE="$PWD/target/bench/queue-${REQUESTS:-1000000}.pilot" \
    cargo bench --locked -p pilot-core --bench pilot_requests
