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
if [[ ! -d node_modules ]]; then
  npm ci --no-audit --no-fund
fi
exec node --test "$@"
