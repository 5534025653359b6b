#!/usr/bin/env bash
# Configures and builds ATIP Archive into build/ (or $ATIP_BUILD_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${ATIP_BUILD_DIR:-build}"
jobs="$(nproc 2>/dev/null || echo 2)"
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE="${ATIP_BUILD_TYPE:-RelWithDebInfo}" ${ATIP_CMAKE_ARGS:-} >/dev/null
cmake --build "$build_dir" -j "$jobs"
