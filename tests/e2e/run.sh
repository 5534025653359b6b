#!/usr/bin/env bash
# Browser tests of the web page and the embeddable search box.
#   tests/e2e/run.sh [extra node --test arguments]
# Needs: node (>= 18.19), npm, Debian's chromium at /usr/bin/chromium (scripts/install-deps.sh
# --with-browser), and the built programs build/indexer/atip-index and build/server/atip-server
# (or ATIP_INDEX_BIN / ATIP_SERVER_BIN). Never downloads a browser.
# Screenshots of every page go to tests/e2e/output/*.png.
set -euo pipefail
cd "$(dirname "$0")"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [[ ! -d node_modules/playwright-core || ! -d node_modules/axe-core ]]; then
  npm ci --no-audit --no-fund
fi
mkdir -p output
# One test file at a time: each starts its own index + server + browser (2 cores).
exec node --test --test-concurrency=1 "$@" tests/
