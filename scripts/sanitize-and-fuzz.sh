#!/usr/bin/env bash
# Builds everything with clang under AddressSanitizer and UndefinedBehaviorSanitizer, runs the
# C++ test suite there, then runs each libFuzzer target for a bounded time with the corpus as seeds.
# Usage: scripts/sanitize-and-fuzz.sh [SECONDS_PER_FUZZER]   (default 20)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-${ATIP_FUZZ_SECONDS:-20}}"
build_dir="${ATIP_FUZZ_BUILD_DIR:-build-sanitize}"
jobs="$(nproc 2>/dev/null || echo 2)"
CC=clang CXX=clang++ cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DATIP_SANITIZE=ON -DATIP_FUZZ=ON \
  -DATIP_BUILD_BENCH=OFF >/dev/null
cmake --build "$build_dir" -j "$jobs"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:allocator_may_return_null=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
echo "== C++ tests under ASan and UBSan"
(cd "$build_dir" && ctest --output-on-failure -j "$jobs" --timeout 900 -LE robustness)

seeds="$(mktemp -d)"
trap 'rm -rf "$seeds"' EXIT
mkdir -p "$seeds"/{pdf,html,sidecar,symbols,search}
cp corpus/*.pdf "$seeds/pdf/"
if [ -d ../shared/corpus-src/robustness ]; then  # small hostile PDFs as extra seeds
  mapfile -t hostile < <(find ../shared/corpus-src/robustness -name '*.pdf' -size -64k | sort)
  for pdf in "${hostile[@]:0:40}"; do cp "$pdf" "$seeds/pdf/"; done
fi
cp corpus/*.html "$seeds/html/"
cp corpus/*.meta.xml "$seeds/sidecar/"
printf 'AG/RES. 2551 (XL-O/10)' >"$seeds/symbols/1"
printf 'OEA/Ser.K/XXXIX.3 RTP-III/doc.7/12 and CP/CSH-1155/09 rev. 11' >"$seeds/symbols/2"
printf 'q=police academies&type=report' >"$seeds/search/1"
printf 'q="trata de personas" -victims&year=2010..2014&group=passage' >"$seeds/search/2"
printf 'q=(a OR b) NEAR c title:x symbol:"CP/CSH/1155/09"&sort=-date' >"$seeds/search/3"

run_fuzzer() {  # target seed-folder
  echo "== $1 for ${seconds}s"
  local work
  work="$(mktemp -d)"
  cp -r "$seeds/$2/." "$work/"
  ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=0" "$build_dir/fuzz/$1" -max_total_time="$seconds" -timeout=25 \
    -rss_limit_mb=4096 -print_final_stats=1 "$work" 2>&1 | tail -3
  rm -rf "$work"
}
run_fuzzer fuzz_symbols symbols
run_fuzzer fuzz_sidecar sidecar
run_fuzzer fuzz_html html
run_fuzzer fuzz_search_params search
run_fuzzer fuzz_pdf pdf
echo "sanitize-and-fuzz: all passed"
