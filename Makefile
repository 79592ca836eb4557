# Pilot Studio — the two commands: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := run
export PATH := $(HOME)/.cargo/bin:$(PATH)

UI_SOURCES := $(shell find ui/src ui/public -type f 2>/dev/null) ui/index.html ui/portal.html ui/vite.config.ts ui/package-lock.json

.PHONY: run test bench torture bindings deps-run deps-test deps-bench check-rust check-ui test-rust test-e2e clean

## Install what is missing, build the UI, open the app.
run: deps-run ui/dist/index.html
	@if [[ -z "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ]]; then \
	  echo "No display found. Run 'make run' in a desktop session, or under Xvfb: xvfb-run -a make run" >&2; exit 1; fi
	cargo run --locked -p pilot-studio

## Install what is missing, then every check: formatting, lints, types, unit,
## integration and end-to-end tests in the real window under Xvfb.
test: deps-test ui/dist/index.html check-rust check-ui test-rust test-e2e

## Benchmarks against named peers on the same machine.
bench: deps-bench
	bash src-tauri/core/benches/import.sh
	bash src-tauri/core/benches/requests.sh
	bash src-tauri/core/benches/metrics.sh
	cargo bench --locked -p pilot-portal --bench portal_load
	bash tests/benches/portal_window.sh
	bash src-tauri/core/benches/demo.sh
	bash tests/benches/startup.sh
	bash tests/benches/queue.sh

## Fault injection, the long rounds: kills at random moments, full disks,
## concurrent writers, files changing under the reader (a few rounds of each
## run in `make test`).
torture: deps-test
	cargo test --locked --release -p pilot-cli --test torture -- --ignored --test-threads=1

## Regenerate the UI's TypeScript types from the Rust types.
bindings:
	UPDATE_BINDINGS=1 cargo test --locked -p pilot-studio --lib bindings

deps-run:
	@bash .ci/install-deps run
deps-test:
	@bash .ci/install-deps test
deps-bench:
	@bash .ci/install-deps bench

ui/dist/index.html: $(UI_SOURCES)
	npm --prefix ui run build
	@touch $@

check-rust:
	cargo fmt --all --check
	cargo clippy --locked --workspace --all-targets -- -D warnings

check-ui:
	npm --prefix ui run check
	npm --prefix ui run lint
	npm --prefix ui run test

test-rust:
	cargo test --locked --workspace --exclude pilot-e2e

test-e2e:
	cargo build --locked -p pilot-studio -p pilot-cli
	xvfb-run -a -s "-screen 0 1280x800x24" cargo test --locked -p pilot-e2e -- --test-threads=1

clean:
	cargo clean
	rm -rf ui/dist ui/node_modules
