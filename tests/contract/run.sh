#!/usr/bin/env bash
# Contract tests: schemas/openapi.yaml is valid, and a live atip-server keeps it.
#   tests/contract/run.sh
# Uses ATIP_SERVER_URL when set; else indexes corpus/ with ATIP_INDEX_BIN (build/indexer/atip-index)
# and starts ATIP_SERVER_BIN (build/server/atip-server). Extra arguments go to `node --test`.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v node >/dev/null 2>&1; then
  echo "contract tests: node is not installed (scripts/install-deps.sh --with-browser installs it)" >&2
  exit 1
fi
# Node.js 18.19 or later: Debian 12's own nodejs and npm do (scripts/install-deps.sh --with-browser).
if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 18 || (a === 18 && b >= 19) ? 0 : 1)'; then
  echo "contract tests: node $(node --version) is too old: 18.19 or later is needed" >&2
  exit 1
fi
# Installs the locked packages when they are missing or older than package-lock.json.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund
fi
exec node --test "$@"
