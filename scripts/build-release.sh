#!/usr/bin/env bash
# The static site as shipped, into dist/ (or --dist DIR): the `wasm-release` cargo profile
# (opt-level z, fat LTO, one codegen unit, panic=abort), then `wasm-opt -Oz` as index.html asks
# (data-wasm-opt). trunk stays offline: wasm-opt is binaryen's npm build from tests/e2e
# (the version Trunk.toml pins), put on PATH here.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x tests/e2e/node_modules/.bin/wasm-opt ] || (cd tests/e2e && npm ci --no-audit --no-fund)
# LLVM inlines nothing by cost (opt-level z still inlines up to a small threshold; functions
# with a single caller are inlined either way): 2.5 KB less gzipped wasm after wasm-opt
# (764,106 -> 761,576 bytes, gzip -9), same frame rate in tests/e2e/perf.mjs.
export RUSTFLAGS="${RUSTFLAGS:-} -C llvm-args=-inline-threshold=0"
PATH="$PWD/tests/e2e/node_modules/.bin:$PATH" exec trunk build --release --cargo-profile wasm-release "$@"
