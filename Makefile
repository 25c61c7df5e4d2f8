# Stammkunde: `make run` builds and starts the app, `make test` runs every check.
# Both install what is missing on a Debian/Ubuntu machine first and can be run again.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

APT_PACKAGES := libwebkit2gtk-4.1-dev libgtk-3-dev libayatana-appindicator3-dev \
	librsvg2-dev libsoup-3.0-dev build-essential pkg-config libssl-dev file xvfb xauth \
	webkit2gtk-driver fonts-dejavu-core poppler-utils zbar-tools
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export PATH := $(HOME)/.cargo/bin:$(PATH)
# CI builds each crate once: incremental caches would only take disk (~2 GiB), which a CI
# machine shares with others (a run once failed with "No space left on device").
ifdef CI
export CARGO_INCREMENTAL := 0
endif
TAURI := ui/node_modules/.bin/tauri
APP := target/debug/stammkunde

.PHONY: run dev test lint fmt-check clippy cargo-test ui-check ui-test e2e deps apt toolchain \
	tauri-driver ui app test-app dist bindings screenshots clean kill-test fuzz fuzz-ci cargo-fuzz

## run: install what is missing, build the UI and the app, start the app
run: deps app
	./$(APP)

## dev: the app against Vite's dev server, with hot reload of the UI
dev: deps
	$(TAURI) dev -- --no-default-features

## test: install what is missing, then every check (lint, unit, bindings drift, e2e)
test: deps ui lint cargo-test fuzz-ci ui-test e2e
	@echo "make test: all checks passed"

lint: fmt-check clippy ui-check

fmt-check:
	cargo fmt --all --check

clippy: ui
	cargo clippy --workspace --all-targets --locked -- -D warnings

# Includes the bindings drift test (src-tauri/tests/bindings.rs).
cargo-test: ui
	cargo test --workspace --locked

ui-check: deps
	cd ui && npm run check && npm run lint

ui-test: deps
	cd ui && npm test

## e2e: the real app in a virtual X display, driven through tauri-driver + WebKitWebDriver
# A hung window must fail the run, not stall it: 15 minutes is ten times a normal run.
e2e: deps test-app
	cd ui && timeout 900 xvfb-run -a -s "-screen 0 1280x800x24" npm run e2e

## screenshots: the README's pictures, taken from the real window
screenshots: deps app
	mkdir -p docs/screenshots
	cd ui && xvfb-run -a -s "-screen 0 1280x800x24" node e2e/screenshots.mjs

## dist: the Debian installer (.deb); tauri.conf.json also configures NSIS/MSI and dmg
dist: deps ui
	$(TAURI) build --bundles deb
	@ls -l target/release/bundle/deb/*.deb

## kill-test: SIGKILL every write 100 times at random moments (docs/RELIABILITY.md); `make
## test` runs 4 kills per write as part of `cargo test`
kill-test: deps
	STAMMKUNDE_KILLS=100 cargo test --locked --test kill

## fuzz: long coverage-guided runs of every fuzz target (FUZZ_SECONDS each, default 600)
fuzz: deps cargo-fuzz
	bash fuzz/run.sh $${FUZZ_SECONDS:-600}

# The bounded run of `make test`: 10 s per target, an unoptimised build (quicker to make).
# Under CI its build (~2.5 GiB, sanitizer flags: shared with nothing else) goes afterwards.
fuzz-ci: deps cargo-fuzz
	bash fuzz/run.sh 10 --dev
	@if [ -n "$${CI:-}" ]; then rm -rf fuzz/target; fi

cargo-fuzz:
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked

## bindings: regenerate ui/src/lib/api/bindings.ts from the Rust commands
bindings: ui
	STAMMKUNDE_UPDATE_BINDINGS=1 cargo test -p stammkunde-app --test bindings

ui: deps
	cd ui && npm run build

app: ui
	cargo build -p stammkunde-app --locked

# The app as `cargo test --workspace` builds it (the binary target/debug/stammkunde, with the
# features the tests' dev-dependencies add: bitflags/std, hashbrown's hasher…). The e2e
# tests drive this one: after `cargo-test` it is already there, where `cargo build -p
# stammkunde-app` would compile Tauri and everything below it a second time (~2 min, 0.5 GiB).
test-app: ui
	cargo test --workspace --no-run --locked

deps: apt toolchain ui/node_modules/.installed tauri-driver

apt:
	@missing=""; for p in $(APT_PACKAGES); do \
		dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null | grep -q "install ok installed" \
			|| missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "Installing system packages:$$missing"; \
		$(SUDO) apt-get update; \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends $$missing; \
	fi

toolchain:
	@command -v cargo >/dev/null || { echo "Rust is missing: install rustup (https://rustup.rs); rust-toolchain.toml pins the version."; exit 1; }
	@command -v node >/dev/null || { echo "Node.js 20.19 or newer is missing."; exit 1; }
	@node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
		|| { echo "Node.js 20.19 or newer is needed, found $$(node --version)."; exit 1; }

# `npm install` honours package-lock.json like `npm ci` would, but `npm ci` refuses the lock
# file this registry produces: it serves only the Linux builds of @tauri-apps/cli, so the
# other platforms' optional packages cannot be recorded in it.
ui/node_modules/.installed: ui/package.json ui/package-lock.json
	cd ui && npm install --no-audit --no-fund
	touch $@

tauri-driver:
	@command -v tauri-driver >/dev/null || cargo install tauri-driver --locked

clean:
	cargo clean
	rm -rf ui/build ui/.svelte-kit ui/node_modules
