#!/usr/bin/env bash
# OCR speed of atip-index on scanned PDFs against Debian's own tools doing the same work in the same run:
# pdftoppm (300 dpi, grey) then the tesseract program per page (LSTM, one thread), as atip-extract reads.
# Also a re-index from the OCR cache. Prints median [min..max] of several runs and the ratios.
# Usage: bench/ocr_bench.sh [RUNS] [PDF...]   (default: 3 runs; ../shared's scanned work plan)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
shift || true
pdfs=("$@")
[ ${#pdfs[@]} -eq 0 ] && pdfs=(../shared/corpus-src/scanned/workplan-2010-2014-scanned.pdf)
index_bin="${ATIP_INDEX_BIN:-build/indexer/atip-index}"
for tool in pdftoppm pdfinfo tesseract bc; do
  command -v "$tool" >/dev/null || { echo "ocr_bench: $tool missing (scripts/install-deps.sh --with-bench)" >&2; exit 2; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/pdfs"
pages=0
for pdf in "${pdfs[@]}"; do
  ln -s "$(realpath "$pdf")" "$work/pdfs/$(basename "$pdf")"
  n=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
  pages=$((pages + ${n:-0}))
done

now() { date +%s.%N; }
measure() {  # command...; prints seconds of one run
  local start end
  start=$(now)
  "$@" >/dev/null 2>&1 || true
  end=$(now)
  echo "$end - $start" | bc -l
}
run_debian_tools() {
  rm -rf "$work/png" && mkdir -p "$work/png"
  # PGM, not PNG: compressing a 300 dpi page to PNG takes pdftoppm some 15 s, more than reading it.
  for pdf in "$work"/pdfs/*.pdf; do pdftoppm -r 300 -gray "$pdf" "$work/png/$(basename "$pdf" .pdf)"; done
  # LSTM only and automatic page segmentation, as atip-extract asks (the default --oem also runs the legacy engine).
  for png in "$work"/png/*.pgm; do OMP_THREAD_LIMIT=1 tesseract "$png" - -l eng --oem 1 --psm 3 >/dev/null; done
}
run_atip() { rm -rf "$work/db" "$work/cache"; "$index_bin" --corpus "$work/pdfs" --reference corpus --db "$work/db" --ocr-cache "$work/cache" --quiet; }
run_cached() { rm -rf "$work/db"; "$index_bin" --corpus "$work/pdfs" --reference corpus --db "$work/db" --ocr-cache "$work/cache" --quiet; }

declare -A samples
for ((r = 0; r < runs; r++)); do  # interleaved, so that noise hits every tool alike
  samples[tools]+="$(measure run_debian_tools) "
  samples[atip]+="$(measure run_atip) "
  samples[cached]+="$(measure run_cached) "
done
stats() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{a[NR]=$1} END {printf "%s %s %s", a[int((NR+1)/2)], a[1], a[NR]}'; }

echo "ocr_bench: ${#pdfs[@]} PDF(s), $pages scanned pages; $runs runs each (median [min..max]); $(nproc) cores"
printf "%-36s %10s %18s %10s %14s\n" what "median s" "[min..max]" "pages/s" "vs the tools"
read -r base _ _ <<<"$(stats "${samples[tools]}")"
for t in tools atip cached; do
  read -r med lo hi <<<"$(stats "${samples[$t]}")"
  case $t in
    tools) name="pdftoppm + tesseract (Debian)" ;;
    atip) name="atip-index, OCR" ;;
    cached) name="atip-index, from the OCR cache" ;;
  esac
  printf "%-36s %10.3f %18s %10.2f %13.2fx\n" "$name" "$med" "[$(printf %.3f "$lo")..$(printf %.3f "$hi")]" \
    "$(echo "$pages / $med" | bc -l)" "$(echo "$base / $med" | bc -l)"
done
