#!/usr/bin/env bash
# Figures for docs/PERFORMANCE.md from the release build (run `make dist` first):
# binary and .deb size, idle memory (PSS of the app and its WebKit processes) and the
# time from start to the customer list. Usage: scripts/measure-app.sh   (needs Xvfb)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=target/release/stammkunde
deb=$(ls -t target/release/bundle/deb/*.deb | head -n 1)
echo "release binary: $(stat -c %s "$bin") bytes"
echo ".deb: $(stat -c %s "$deb") bytes ($deb)"

dir=$(mktemp -d)
export STAMMKUNDE_DB="$dir/stammkunde.sqlite3"
target/release/stammkunde-cli customers add --last-name Muster >/dev/null
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
	"$0" >/dev/null 2>&1 & app=$!
	sleep 15
	pids="$app $(pgrep -d " " -P "$app" || true)"
	total=0
	for pid in $pids; do
		kb=$(awk "/^Pss:/ {print \$2}" /proc/$pid/smaps_rollup)
		printf "  %-24s pid %-7s PSS %6d KiB\n" "$(cat /proc/$pid/comm)" "$pid" "$kb"
		total=$((total + kb))
	done
	echo "idle PSS after 15 s, app + WebKit processes: $total KiB"
	kill $app; wait $app 2>/dev/null || true
' "$bin"
rm -rf "$dir"
unset STAMMKUNDE_DB
(cd ui && STAMMKUNDE_APP=../target/release/stammkunde xvfb-run -a -s "-screen 0 1280x800x24" \
	node e2e/startup.mjs 5 1000) 2>&1 | grep -v "Gtk-WARNING\|fallback 'C'"
