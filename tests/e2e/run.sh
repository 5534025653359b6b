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
if ! command -v node >/dev/null 2>&1; then
  echo "browser tests: node is not installed (scripts/install-deps.sh --with-browser installs it)" >&2
  exit 1
fi
# Node.js 18.19 or later: Debian 12's own nodejs and npm do (scripts/install-deps.sh --with-browser).
if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 18 || (a === 18 && b >= 19) ? 0 : 1)'; then
  echo "browser tests: node $(node --version) is too old: 18.19 or later is needed" >&2
  exit 1
fi
# Installs the locked packages when they are missing or older than package-lock.json.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund
fi
mkdir -p output
# One test file at a time: each starts its own index + server + browser (2 cores).
exec node --test --test-concurrency=1 "$@" tests/
