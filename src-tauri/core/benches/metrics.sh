#!/usr/bin/env bash
# Dashboard benchmark: Pilot Studio's fast path (a columnar snapshot of the
# measured requests) against DuckDB answering the same questions on the same
# per-request facts, ROWS requests (default 1,000,000). Prints both median
# times, their ratio (the bar: pilot faster, ratio < 1, and < 100 ms), the
# one-off snapshot build, the snapshot's size and the peak memory.
#
# Usage: src-tauri/core/benches/metrics.sh  (or `make bench`)   (env: ROWS)
set -euo pipefail

cd "$(dirname "$0")/../../.."
ROWS="${ROWS:-1000000}"
BENCH_DIR="target/bench"
mkdir -p "$BENCH_DIR"

python3 -c 'import duckdb' 2>/dev/null || pip install --quiet duckdb

OUT="$(mktemp)"
trap 'rm -f "$OUT"' EXIT
/usr/bin/time -f "peak_rss_kb %M" -o "$OUT.rss" \
    cargo bench --quiet -p pilot-core --bench dashboard -- "$BENCH_DIR" "$ROWS" >"$OUT"
python3 src-tauri/core/benches/dashboard_duckdb.py "$BENCH_DIR/facts-$ROWS.csv" >>"$OUT"
cat "$OUT" "$OUT.rss"
rm -f "$OUT.rss"
awk '
    /^dashboard_ms/ { p = $2 } /^duckdb_ms/ { d = $2 } /^snapshot_seconds/ { s = $2 }
    END {
        printf "median: pilot dashboard %.1f ms (bar: < 100 ms), DuckDB %.1f ms\n", p, d
        printf "ratio pilot/DuckDB: %.2f (bar: < 1)\n", p / d
        printf "snapshot build (once per change of the data): %.2fs\n", s
    }' "$OUT"
