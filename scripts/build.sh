#!/usr/bin/env bash
# Configures and builds the release preset (build/release). Extra args go to the build.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
[ -f build/release/CMakeCache.txt ] || cmake --preset release >&2
cmake --build --preset release -j"$(nproc)" "$@" >&2
