#!/usr/bin/env bash
# Start-up benchmark: Pilot Studio, opening a workspace of 10,000 imported
# requests, against a minimal Tauri 2 app (src-tauri/minimal), both started
# through tauri-driver under Xvfb on a fresh profile, RUNS times in turn.
# Prints the median time to the first screen with content, the median
# memory (PSS of the app and its WebKit processes) and both ratios (the
# bars: <= 1.5).
#
# Usage: tests/benches/startup.sh  (or `make bench`)
#        (env: RUNS=5, PROFILE=release or debug, CARGO_TARGET_DIR)
set -euo pipefail

cd "$(dirname "$0")/../.."
PROFILE="${PROFILE:-release}"
TARGET="$(realpath "${CARGO_TARGET_DIR:-target}")"
BENCH_DIR="$PWD/target/bench"
ROWS=10000
CSV="$BENCH_DIR/requests-$ROWS.csv"
WORKSPACE="$BENCH_DIR/startup-$ROWS.pilot"

make --no-print-directory ui/dist/index.html
if [ "$PROFILE" = release ]; then
    cargo build --locked --release --quiet -p pilot-studio -p pilot-minimal -p pilot-cli
else
    cargo build --locked --quiet -p pilot-studio -p pilot-minimal -p pilot-cli
fi
BIN="$TARGET/$PROFILE"

mkdir -p "$BENCH_DIR"
if [ ! -f "$CSV" ]; then
    python3 src-tauri/core/benches/gen_requests.py "$CSV.tmp" "$ROWS"
    mv "$CSV.tmp" "$CSV"
fi
if [ ! -f "$WORKSPACE" ]; then
    # Imports are all-or-nothing: a failed one leaves no workspace behind.
    "$BIN/pilot" import "$CSV" --workspace "$WORKSPACE" >/dev/null || { rm -f "$WORKSPACE"; exit 1; }
fi

echo "start-up: $PROFILE builds, workspace of $ROWS imported requests"
PILOT_APP="$BIN/pilot-studio" PILOT_MINIMAL="$BIN/pilot-minimal" STARTUP_WORKSPACE="$WORKSPACE" \
    xvfb-run -a -s "-screen 0 1280x800x24" \
    cargo bench --locked --quiet -p pilot-e2e --bench startup
