#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to the archive at http://127.0.0.1:8080:
# installs dependencies, builds, indexes corpus/ and serves it with the web page.
# Usage: scripts/serve.sh [--port N] [more atip-server flags]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
build_dir="${ATIP_BUILD_DIR:-build}"
index_dir="${ATIP_INDEX_DIR:-data/index}"
mkdir -p "$(dirname "$index_dir")"
set +e
"$build_dir/indexer/atip-index" --corpus corpus --db "$index_dir" --jobs 2
status=$?
set -e
if [ "$status" -eq 2 ]; then
  echo "serve: indexing failed; see the messages above" >&2
  exit 2
fi
port=8080
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  if [ "${args[$i]}" = "--port" ]; then port="${args[$((i + 1))]}"; fi
done
echo "serve: the archive is at http://127.0.0.1:$port (Ctrl-C stops it)"
exec "$build_dir/server/atip-server" --db "$index_dir" --web web --port "$port" --bind 127.0.0.1 "$@"
