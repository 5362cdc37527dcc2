#!/usr/bin/env bash
# The size floor of the playground's wasm (a measurement, reported in notes; never a test):
# tools/wasm-floor compiled with the release settings of scripts/build-release.sh and
# optimised with the wasm-opt flags of index.html, once with the engine's JSON edge alone and
# once with the scenario language too. The playground ships both plus its UI, so its
# gzipped size can never be below the second figure.
#
#   ./scripts/wasm-floor.sh
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x tests/e2e/node_modules/.bin/wasm-opt ] || (cd tests/e2e && npm ci --no-audit --no-fund)
export RUSTFLAGS="${RUSTFLAGS:-} -C llvm-args=-inline-threshold=0"
target_dir="$PWD/target/wasm-floor"
params=$(sed -n 's/.*data-wasm-opt-params="\([^"]*\)".*/\1/p' index.html)
for features in "" script; do
  cargo build -q --release --manifest-path tools/wasm-floor/Cargo.toml --target wasm32-unknown-unknown \
    --target-dir "$target_dir" --no-default-features ${features:+--features "$features"}
  out="$target_dir/floor${features:+-$features}.wasm"
  # shellcheck disable=SC2086 # params is a list of flags
  tests/e2e/node_modules/.bin/wasm-opt -Oz $params \
    "$target_dir/wasm32-unknown-unknown/release/wasm_floor.wasm" -o "$out"
  printf '%-34s %9d bytes raw, %7d bytes gzipped (gzip -9)\n' \
    "engine JSON edge${features:+ + scenario language}:" "$(wc -c <"$out")" "$(gzip -9c "$out" | wc -c)"
done
