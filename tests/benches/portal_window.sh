#!/usr/bin/env bash
# The portal under load, served by the real app, with its window watched:
# 200 participants over 60 s against the portal the app opens on 127.0.0.1,
# while the page measures its frame gaps and the backend's round trip, idle
# and under the load. Prints both, and the load's latencies, errors, lost
# and doubled requests (exits non-zero on any of those).
#
# Usage: tests/benches/portal_window.sh  (or `make bench`)
#        (env: PARTICIPANTS=200, SUBMITS=3, SECONDS=60, PROFILE=release or
#        debug, CARGO_TARGET_DIR)
set -euo pipefail

cd "$(dirname "$0")/../.."
PROFILE="${PROFILE:-release}"
TARGET="$(realpath "${CARGO_TARGET_DIR:-target}")"

make --no-print-directory ui/dist/index.html
if [ "$PROFILE" = release ]; then
    cargo build --locked --release --quiet -p pilot-studio
else
    cargo build --locked --quiet -p pilot-studio
fi

echo "portal under load in the app: $PROFILE build"
PILOT_APP="$TARGET/$PROFILE/pilot-studio" \
    xvfb-run -a -s "-screen 0 1280x800x24" \
    cargo bench --locked --quiet -p pilot-e2e --bench portal_window
