#!/usr/bin/env bash
# Import benchmark: `pilot import` against `sqlite3 .import --csv` on the same
# reference file (1,000,000 SharePoint-like rows x 12 columns), run in turn
# RUNS times. Prints the median wall times, their ratio (the bar is <= 0.8)
# and pilot's peak resident memory (the bar is <= 64 MB).
#
# Usage: src-tauri/core/benches/import.sh [RUNS]  (or `make bench`)     (env: ROWS=1000000, CARGO_TARGET_DIR)
set -euo pipefail

cd "$(dirname "$0")/../../.."
RUNS="${1:-5}"
ROWS="${ROWS:-1000000}"
TARGET="${CARGO_TARGET_DIR:-target}"
BENCH_DIR="target/bench"
CSV="$BENCH_DIR/requests-$ROWS.csv"

need() { command -v "$1" >/dev/null 2>&1; }
if ! need sqlite3 || [ ! -x /usr/bin/time ]; then
    apt-get update -qq && apt-get install -y -qq sqlite3 time >/dev/null
fi

cargo build --release -p pilot-cli --quiet
PILOT="$TARGET/release/pilot"

mkdir -p "$BENCH_DIR"
if [ ! -f "$CSV" ]; then
    echo "generating $CSV ($ROWS rows)..."
    python3 src-tauri/core/benches/gen_requests.py "$CSV.tmp" "$ROWS"
    mv "$CSV.tmp" "$CSV"
fi
echo "file: $CSV ($(du -h "$CSV" | cut -f1)), $RUNS runs each"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# Runs a command under /usr/bin/time; prints "seconds max_rss_kb".
measure() {
    /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" >/dev/null 2>"$WORK/stderr" || {
        cat "$WORK/stderr" >&2
        exit 1
    }
    cat "$WORK/time"
}

pilot_times=()
sqlite_times=()
pilot_rss=0
for run in $(seq 1 "$RUNS"); do
    rm -f "$WORK"/new.pilot* "$WORK"/new.db*
    read -r t rss < <(measure "$PILOT" import "$CSV" --workspace "$WORK/new.pilot")
    pilot_times+=("$t")
    [ "$rss" -gt "$pilot_rss" ] && pilot_rss="$rss"
    read -r s _ < <(measure sqlite3 "$WORK/new.db" ".import --csv $CSV requests")
    sqlite_times+=("$s")
    printf 'run %d: pilot %ss, sqlite3 %ss\n' "$run" "$t" "$s"
done

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# The wizard's first preview reads a bounded prefix (bar: < 100 ms for any
# size); the full inspection that follows reads the whole file.
quick_times=()
full_times=()
for run in $(seq 1 "$RUNS"); do
    start=$(date +%s.%N); "$PILOT" inspect --quick "$CSV" >/dev/null; end=$(date +%s.%N)
    quick_times+=("$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.4f", b - a}')")
    start=$(date +%s.%N); "$PILOT" inspect "$CSV" >/dev/null; end=$(date +%s.%N)
    full_times+=("$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.4f", b - a}')")
done
awk -v q="$(median "${quick_times[@]}")" -v f="$(median "${full_times[@]}")" 'BEGIN {
    printf "median: first preview (pilot inspect --quick) %.0f ms (bar: < 100 ms), full inspection %.2fs\n", q * 1000, f
}'
P="$(median "${pilot_times[@]}")"
S="$(median "${sqlite_times[@]}")"
awk -v p="$P" -v s="$S" -v rss="$pilot_rss" 'BEGIN {
    printf "median: pilot import %.2fs, sqlite3 .import %.2fs\n", p, s
    printf "ratio: %.2f (bar: <= 0.80, aim 0.60)\n", p / s
    printf "pilot peak RSS: %.1f MB (bar: <= 64 MB)\n", rss / 1024
}'

# Peak memory on every import path, each on a million rows (bar: <= 64 MB
# for any input size): --skip-problem-rows with nothing to skip, with every
# row skipped (each has an extra cell), the full inspection and the quick
# look.
SKIPPY="$BENCH_DIR/every-row-a-problem-$ROWS.csv"
if [ ! -f "$SKIPPY" ]; then
    python3 - "$SKIPPY.tmp" "$ROWS" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("id,name,amount\n")
    for i in range(int(sys.argv[2])):
        f.write(f"{i},row {i},{i % 997}.5,extra\n")
PY
    mv "$SKIPPY.tmp" "$SKIPPY"
fi
over=0
rss_case() {
    local label="$1"; shift
    rm -f "$WORK"/mem.pilot*
    read -r t rss < <(measure "$@")
    printf 'peak RSS %-42s %6.1f MB (%ss)\n' "$label:" "$(awk -v r="$rss" 'BEGIN {print r / 1024}')" "$t"
    [ "$rss" -le 65536 ] || over=1
}
rss_case "import --skip-problem-rows, none skipped" "$PILOT" import "$CSV" --skip-problem-rows --workspace "$WORK/mem.pilot"
rss_case "import --skip-problem-rows, all skipped" "$PILOT" import "$SKIPPY" --skip-problem-rows --workspace "$WORK/mem.pilot"
rss_case "import, every row a problem" "$PILOT" import "$SKIPPY" --workspace "$WORK/mem.pilot"
rss_case "inspect" "$PILOT" inspect "$CSV"
rss_case "inspect --quick" "$PILOT" inspect --quick "$CSV"
if [ "$over" -ne 0 ]; then
    echo "some import path went over 64 MB" >&2
    exit 1
fi
