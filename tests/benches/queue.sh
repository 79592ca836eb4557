#!/usr/bin/env bash
# The queue in the real window: the app opens the pilot request benchmark's
# workspace (REQUESTS=1,000,000 requests, about ten events each; made once
# and kept under target/bench/) and times the first page of the queue after
# a filter change, inside the page. Prints the median, p90 and worst (the
# bar: under 200 ms).
#
# Usage: tests/benches/queue.sh  (or `make bench`)
#        (env: RUNS=15, REQUESTS, PROFILE=release or debug, CARGO_TARGET_DIR)
set -euo pipefail

cd "$(dirname "$0")/../.."
PROFILE="${PROFILE:-release}"
TARGET="$(realpath "${CARGO_TARGET_DIR:-target}")"
BENCH_DIR="$PWD/target/bench"
REQUESTS="${REQUESTS:-1000000}"
WORKSPACE="$BENCH_DIR/queue-$REQUESTS.pilot"

make --no-print-directory ui/dist/index.html
if [ "$PROFILE" = release ]; then
    cargo build --locked --release --quiet -p pilot-studio
else
    cargo build --locked --quiet -p pilot-studio
fi
mkdir -p "$BENCH_DIR"
if [ ! -f "$WORKSPACE" ]; then
    REQUESTS="$REQUESTS" KEEP_WORKSPACE="$WORKSPACE" \
        cargo bench --locked --quiet -p pilot-core --bench pilot_requests
fi

echo "queue: $PROFILE build, workspace of $REQUESTS pilot requests"
PILOT_APP="$TARGET/$PROFILE/pilot-studio" QUEUE_WORKSPACE="$WORKSPACE" \
    xvfb-run -a -s "-screen 0 1280x800x24" \
    cargo bench --locked --quiet -p pilot-e2e --bench queue
