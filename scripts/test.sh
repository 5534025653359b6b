#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to every test passing: installs dependencies
# (with Chromium, and Debian's Node.js 18 and npm for the contract and browser tests), builds, and
# runs the C++ suites and the systemd unit check (ctest), the API contract tests and the browser
# tests against a real server.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --with-browser
scripts/build.sh
build_dir="${ATIP_BUILD_DIR:-build}"
export ATIP_INDEX_BIN="$PWD/$build_dir/indexer/atip-index"
export ATIP_SERVER_BIN="$PWD/$build_dir/server/atip-server"
scripts/validate-corpus.sh
(cd "$build_dir" && ctest --output-on-failure -j 2 --timeout 600)
for suite in tests/eval tests/contract tests/e2e tests/hostile; do
  if [ -x "$suite/run.sh" ]; then
    echo "== $suite"
    "$suite/run.sh"
  fi
done
echo "test: all suites passed"
