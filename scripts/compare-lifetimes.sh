#!/usr/bin/env bash
# The lifetime-value fit side by side with lifetimes 0.11.3 (docs/PERFORMANCE.md):
# makes a venv with the pinned Python packages (target/lifetimes-venv, from PyPI), the
# two 1M-customer summaries of `cargo bench --bench value` (rounded like CDNOW, and
# continuous), builds the CLI in release and times both tools on the same files.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/lifetimes-venv
if [ ! -x "$venv/bin/python" ]; then
    if ! python3 -m venv --help >/dev/null 2>&1; then
        sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
        $sudo apt-get install -y python3-venv
    fi
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet lifetimes==0.11.3 numpy==1.26.4 pandas==1.5.3 scipy==1.11.4
fi
cargo bench --locked --bench value -- summaries
cargo build --locked --release --bin stammkunde-cli
"$venv/bin/python" scripts/compare_lifetimes.py target/release/stammkunde-cli \
    target/value-summary-1m.csv target/value-summary-1m-continuous.csv
