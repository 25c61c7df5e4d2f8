#!/usr/bin/env bash
# Figures for docs/PERFORMANCE.md from the release build (run `make dist` first):
# binary and .deb size, idle memory (PSS of the app and its WebKit processes, 20 s after
# start) and the time from the process's start to the agenda's first data.
# Usage: scripts/measure-app.sh [shop.sqlite3]   (needs Xvfb)
#   Without a file: a database of one customer for the memory and of 1,000 for the
#   start-up; with one (e.g. target/bench-scale.sqlite3 of `cargo bench --bench scale`):
#   a copy of it for both.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=target/release/stammkunde
deb=$(ls -t target/release/bundle/deb/*.deb | head -n 1)
echo "release binary: $(stat -c %s "$bin") bytes"
echo ".deb: $(stat -c %s "$deb") bytes ($deb)"

shop=${1:-}
dir=$(mktemp -d)
export STAMMKUNDE_DB="$dir/stammkunde.sqlite3"
if [ -n "$shop" ]; then
	cp "$shop" "$STAMMKUNDE_DB"
else
	target/release/stammkunde-cli customers add --last-name Muster >/dev/null
fi
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
	"$0" >/dev/null 2>&1 & app=$!
	sleep 20
	pids="$app $(pgrep -d " " -P "$app" || true)"
	total=0
	for pid in $pids; do
		kb=$(awk "/^Pss:/ {print \$2}" /proc/$pid/smaps_rollup)
		anon=$(awk "/^Pss_Anon:/ {print \$2}" /proc/$pid/smaps_rollup)
		file=$(awk "/^Pss_File:/ {print \$2}" /proc/$pid/smaps_rollup)
		printf "  %-24s pid %-7s PSS %6d KiB (own %s, files %s)\n" "$(cat /proc/$pid/comm)" "$pid" "$kb" "$anon" "$file"
		total=$((total + kb))
	done
	echo "idle PSS after 20 s, app + WebKit processes: $total KiB"
	kill $app; wait $app 2>/dev/null || true
' "$bin"
rm -rf "$dir"
unset STAMMKUNDE_DB
if [ -n "$shop" ]; then source="$(realpath "$shop")"; else source=1000; fi
(cd ui && STAMMKUNDE_APP=../target/release/stammkunde xvfb-run -a -s "-screen 0 1280x800x24" \
	node e2e/startup.mjs 7 "$source") 2>&1 | grep -v "Gtk-WARNING\|fallback 'C'"
