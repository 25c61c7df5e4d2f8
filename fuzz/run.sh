#!/usr/bin/env bash
# Runs the fuzz targets one after another: `fuzz/run.sh SECONDS [--dev] [TARGET…]` (all
# targets when none is named). Each run starts from the seeds (fuzz/seeds.sh) and the
# corpus earlier runs grew, with the bounds the readers promise: a crash, a run over 30 s
# or more than 500 MB of memory is a find (fuzz/artifacts/<target>/), and the script fails.
# Prints the executions of each run; docs/RELIABILITY.md adds them up.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=$1; shift
profile=()
if [ "${1:-}" = --dev ]; then profile=(--dev); shift; fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(csv xlsx vcard import_rows purchases survey_answers kiosk_pin)
bash fuzz/seeds.sh
cd fuzz
cargo fuzz build -s none "${profile[@]}"
for t in "${targets[@]}"; do
	max_len=8192; [ "$t" = xlsx ] && max_len=65536
	# A single allocation over 500 MB is always a find. The process as a whole may grow to
	# 500 MB, but for kiosk_pin to 1 GB: every run there may hash with Argon2's 19 MiB,
	# which the allocator keeps after it is freed (each input alone takes ~47 MB; see
	# tests/fixtures/README.md).
	rss=500; [ "$t" = kiosk_pin ] && rss=1024
	log=$(mktemp)
	if ! cargo fuzz run -s none "${profile[@]}" "$t" -- -max_total_time="$seconds" -max_len="$max_len" \
		-rss_limit_mb="$rss" -malloc_limit_mb=500 -timeout=30 -print_final_stats=1 >"$log" 2>&1; then
		tail -n 40 "$log"
		echo "fuzz target $t found a problem: see fuzz/artifacts/$t/"
		exit 1
	fi
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	echo "fuzz $t: $runs executions in $seconds s, no crash"
	rm -f "$log"
done
