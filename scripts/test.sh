#!/usr/bin/env bash
# Runs every test of Decouple Lab: formatting, lints, unit/scenario/conformance tests,
# and the no_std and wasm builds of the engine. Assumes the tools are installed
# (.ci/run installs them on a fresh machine).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (deny warnings)"
cargo clippy --workspace --all-targets --all-features -- -D warnings

step "cargo test (unit, scenario, property, conformance)"
cargo test --workspace --all-features

step "engine builds without std (thumbv7em-none-eabihf), with and without serde"
cargo build -p decouple-engine --target thumbv7em-none-eabihf
cargo build -p decouple-engine --target thumbv7em-none-eabihf --features serde

step "engine builds for wasm32-unknown-unknown"
cargo build -p decouple-engine --target wasm32-unknown-unknown --features serde

step "scenario language (decouple-script) builds without std and for wasm32"
cargo build -p decouple-script --target thumbv7em-none-eabihf
cargo build -p decouple-script --target wasm32-unknown-unknown

step "playground: trunk build (crates/web → dist/) and browser end-to-end tests (headless Chromium)"
[ -d tests/e2e/node_modules/playwright-core ] || (cd tests/e2e && npm ci --no-audit --no-fund)
trunk build
node tests/e2e/run.mjs
