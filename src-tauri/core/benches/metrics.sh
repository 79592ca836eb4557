#!/usr/bin/env bash
# Dashboard benchmark: Pilot Studio's fast path (a columnar snapshot of the
# measured requests) against DuckDB answering the same questions on the same
# per-request facts, ROWS requests (default 1,000,000). Prints both median
# times, their ratio (the bar: pilot faster, ratio < 1, and < 100 ms), the
# one-off snapshot build, the snapshot's size and the peak memory of the
# process that opens the workspace, builds the snapshot and computes the
# dashboard (the bar: <= 100 MB).
#
# Usage: src-tauri/core/benches/metrics.sh  (or `make bench`)   (env: ROWS)
set -euo pipefail

cd "$(dirname "$0")/../../.."
ROWS="${ROWS:-1000000}"
BENCH_DIR="target/bench"
mkdir -p "$BENCH_DIR"

# DuckDB in a virtual environment of its own, so the system's Python (which
# Debian manages) is left alone.
VENV="$BENCH_DIR/venv"
if ! "$VENV/bin/python" -c 'import duckdb' 2>/dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet duckdb
fi

# The benchmark binary itself is run, so that neither cargo nor the
# compiler counts in its memory.
BIN="$(cargo bench --locked --no-run -p pilot-core --bench dashboard 2>&1 |
    sed -n 's/.*Executable .*(\(.*\)).*/\1/p' | tail -1)"
[ -x "$BIN" ] || { echo "the dashboard benchmark did not build" >&2; exit 1; }
# Generating the workspace is not part of the measure: done first, once.
if [ ! -f "$BENCH_DIR/dashboard-$ROWS.pilot" ]; then
    "$BIN" "$BENCH_DIR" "$ROWS" >/dev/null
fi

OUT="$(mktemp)"
trap 'rm -f "$OUT" "$OUT.rss"' EXIT
/usr/bin/time -f "peak_rss_kb %M" -o "$OUT.rss" "$BIN" "$BENCH_DIR" "$ROWS" >"$OUT"
"$VENV/bin/python" src-tauri/core/benches/dashboard_duckdb.py "$BENCH_DIR/facts-$ROWS.csv" >>"$OUT"
cat "$OUT" "$OUT.rss"
awk '
    /^dashboard_ms/ { p = $2 } /^duckdb_ms/ { d = $2 } /^snapshot_seconds/ { s = $2 }
    /^peak_rss_kb/ { m = $2 }
    END {
        printf "median: pilot dashboard %.1f ms (bar: < 100 ms), DuckDB %.1f ms\n", p, d
        printf "ratio pilot/DuckDB: %.2f (bar: < 1)\n", p / d
        printf "snapshot build (once per change of the data): %.2fs\n", s
        printf "peak memory (open, snapshot, dashboard): %.0f MB (bar: <= 100 MB)\n", m / 1024
    }' "$OUT" "$OUT.rss"
