#!/usr/bin/env bash
# Indexing speed of atip-index against pdftotext (Poppler's own tool: the practical limit of
# Poppler extraction) and Xapian Omega's omindex, on the same PDFs, measured in one run.
# Prints the median, min and max of several runs and the ratios.
# Usage: bench/index_bench.sh [RUNS] [PDF_FOLDER...]   (default: 5 runs; corpus/ + ../shared legislation)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
shift || true
folders=("$@")
if [ ${#folders[@]} -eq 0 ]; then
  folders=(corpus)
  [ -d ../shared/corpus-src/legislation ] && folders+=(../shared/corpus-src/legislation)
fi
index_bin="${ATIP_INDEX_BIN:-build/indexer/atip-index}"
for tool in pdftotext pdfinfo omindex; do
  command -v "$tool" >/dev/null || { echo "index_bench: $tool missing (scripts/install-deps.sh --with-bench)" >&2; exit 2; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/pdfs"
for f in "${folders[@]}"; do
  for pdf in "$f"/*.pdf; do [ -e "$pdf" ] && ln -s "$(realpath "$pdf")" "$work/pdfs/$(basename "$pdf")"; done
done
pages=0
for pdf in "$work"/pdfs/*.pdf; do
  n=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
  pages=$((pages + ${n:-0}))
done
files=$(ls "$work/pdfs" | wc -l)
text_bytes=$(for pdf in "$work"/pdfs/*.pdf; do pdftotext "$pdf" - 2>/dev/null; done | wc -c)

now() { date +%s.%N; }
measure() {  # name, command...; prints seconds of one run
  local start end
  start=$(now)
  "$@" >/dev/null 2>&1 || true
  end=$(now)
  echo "$end - $start" | bc -l
}
run_pdftotext() { for pdf in "$work"/pdfs/*.pdf; do pdftotext "$pdf" /dev/null; done; }
run_atip() { rm -rf "$work/db"; "$index_bin" --corpus "$work/pdfs" --reference corpus --db "$work/db" --jobs "$1" --quiet; }
run_omindex() { rm -rf "$work/omega"; omindex --follow --db "$work/omega" --url / "$work/pdfs"; }

declare -A samples
for ((r = 0; r < runs; r++)); do  # interleaved, so that noise hits every tool alike
  samples[pdftotext]+="$(measure run_pdftotext) "
  samples[atip1]+="$(measure run_atip 1) "
  samples[atip2]+="$(measure run_atip 2) "
  samples[omindex]+="$(measure run_omindex) "
done
stats() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{a[NR]=$1} END {printf "%s %s %s", a[int((NR+1)/2)], a[1], a[NR]}'; }

run_atip 1 >/dev/null 2>&1 || true
index_kb=$(du -sk "$work/db" | cut -f1)
passages=$("$index_bin" --corpus "$work/pdfs" --reference corpus --db "$work/db2" --jobs 2 2>/dev/null | sed -n 's/.*(\([0-9]*\) passages.*/\1/p')

echo "index_bench: $files PDFs, $pages pages, $((text_bytes / 1024)) KiB of text; $runs runs each (median [min..max])"
printf "%-22s %10s %18s %10s %12s\n" tool "median s" "[min..max]" "pages/s" "vs pdftotext"
read -r base _ _ <<<"$(stats "${samples[pdftotext]}")"
for t in pdftotext atip1 atip2 omindex; do
  read -r med lo hi <<<"$(stats "${samples[$t]}")"
  name=$t
  [ "$t" = atip1 ] && name="atip-index --jobs 1"
  [ "$t" = atip2 ] && name="atip-index --jobs 2"
  printf "%-22s %10.3f %18s %10.0f %11.2fx\n" "$name" "$med" "[$(printf %.3f "$lo")..$(printf %.3f "$hi")]" \
    "$(echo "$pages / $med" | bc -l)" "$(echo "$base / $med" | bc -l)"
done
echo "atip-index: ${passages:-?} passages; index $((index_kb / 1024)) MiB = $(echo "$index_kb / ($text_bytes / 1024)" | bc -l | xargs printf %.1f) bytes of index per byte of text"
