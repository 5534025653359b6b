#!/usr/bin/env bash
# Scale benchmark of issue 7: for each corpus size, generate (bench/make_corpus.py, cached by seed and
# size), index with atip-index (passages/s) and with Omega's omindex, measure query latency directly
# and over HTTP (build/bench/search_bench --db), load a real atip-server with wrk (1, 8 and 64
# connections) and read its resident memory, and time Omega's CGI on the omindex index.
# Every figure is the median [min..max] of several runs; tables go to stdout and to the cache folder.
#
# Usage: bench/scale_bench.sh [options] [SIZE...]       SIZE: 10k, 100k, 1M or a number (default: 10k 100k)
#   --runs N         runs of every measurement (default 3)
#   --index-runs N   runs of the indexing measurement (default: --runs; 1M takes long, try 2)
#   --seed S         corpus generator seed (default 1)
#   --wrk-seconds S  duration of each wrk run (default 10)
#   --no-omega       skip omindex and the omega CGI
#   --keep           keep the indexes in the cache folder (default: delete them after each size)
#   --cache DIR      where generated corpora, indexes and results go (default bench/.scale-cache)
# Needs: python3, pdftotext (poppler-utils), wrk, bc; omindex + omega (xapian-omega) unless --no-omega.
# Binaries: ATIP_INDEX_BIN, ATIP_SERVER_BIN, SEARCH_BENCH_BIN override build/{indexer,server,bench}/...
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

runs=3
index_runs=""
seed=1
wrk_seconds=10
omega=1
keep=0
cache="bench/.scale-cache"
sizes=()
while (($#)); do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --index-runs) index_runs="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --wrk-seconds) wrk_seconds="$2"; shift 2 ;;
    --no-omega) omega=0; shift ;;
    --keep) keep=1; shift ;;
    --cache) cache="$2"; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    -*) echo "scale_bench: unknown option $1" >&2; exit 2 ;;
    *) sizes+=("$1"); shift ;;
  esac
done
index_runs="${index_runs:-$runs}"
((${#sizes[@]})) || sizes=(10k 100k)

index_bin="${ATIP_INDEX_BIN:-build/indexer/atip-index}"
server_bin="${ATIP_SERVER_BIN:-build/server/atip-server}"
search_bench="${SEARCH_BENCH_BIN:-build/bench/search_bench}"
omega_cgi=/usr/lib/cgi-bin/omega/omega
for b in "$index_bin" "$server_bin" "$search_bench"; do
  [ -x "$b" ] || { echo "scale_bench: $b missing (build first)" >&2; exit 2; }
done
for tool in python3 pdftotext wrk bc; do
  command -v "$tool" >/dev/null || { echo "scale_bench: $tool missing (apt-get install poppler-utils wrk bc)" >&2; exit 2; }
done
if ((omega)) && { ! command -v omindex >/dev/null || [ ! -x "$omega_cgi" ]; }; then
  echo "scale_bench: omindex/omega missing (apt-get install xapian-omega); use --no-omega" >&2
  exit 2
fi

mkdir -p "$cache"
cache="$(realpath "$cache")"

# Snapshot the binaries, so that a rebuild during the run (a shared machine) cannot change them halfway.
bin="$cache/bin"
rm -rf "$bin"
mkdir -p "$bin"
cp -p "$index_bin" "$bin/atip-index"
[ -x "$(dirname "$index_bin")/atip-extract" ] && cp -p "$(dirname "$index_bin")/atip-extract" "$bin/atip-extract"
cp -p "$server_bin" "$bin/atip-server"
cp -p "$search_bench" "$bin/search_bench"
built="binaries built $(date -u -r "$bin/atip-server" +%H:%MZ) (atip-server), source at git $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- indexer server 2>/dev/null || echo ' + local changes')"
index_bin="$bin/atip-index"
server_bin="$bin/atip-server"
search_bench="$bin/search_bench"
"$index_bin" --help >/dev/null && "$server_bin" --help >/dev/null || { echo "scale_bench: the binaries do not run (a build in progress?)" >&2; exit 2; }
gen_hash=$(sha1sum bench/make_corpus.py | cut -c1-10)

now() { date +%s.%N; }
since() { echo "$(now) - $1" | bc -l; }
to_ms() {  # wrk's "1.40ms", "761.00us", "1.02s" -> milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'
}
parse_size() {
  case "$1" in
    *[kK]) echo $(( ${1%[kK]} * 1000 )) ;;
    *[mM]) echo $(( ${1%[mM]} * 1000000 )) ;;
    *) echo "$1" ;;
  esac
}

server_tpid=""
stop_server() {  # the server's timeout wrapper and the server itself, by process id
  [ -n "$server_tpid" ] || return 0
  local child
  child=$(pgrep -P "$server_tpid" || true)
  kill "$server_tpid" $child 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$server_tpid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$server_tpid" $child 2>/dev/null || true
  wait "$server_tpid" 2>/dev/null || true
  server_tpid=""
}
trap stop_server EXIT

for size in "${sizes[@]}"; do
  n=$(parse_size "$size")
  label="$size"
  corpus="$cache/corpus-n$n-s$seed-g$gen_hash"
  work="$cache/work-n$n"
  samples="$cache/samples-n$n.tsv"
  rm -rf "$work"
  mkdir -p "$work"
  : >"$samples"
  note() { printf '#%s\t%s\n' "$1" "$2" >>"$samples"; }

  # 1. The corpus, generated once per seed, size and generator version.
  if [ ! -f "$corpus/.generated" ]; then
    echo "scale_bench [$label]: generating $n passages into $corpus" >&2
    rm -rf "$corpus"
    t=$(now)
    timeout $((600 + n / 200)) python3 bench/make_corpus.py --passages "$n" --seed "$seed" --out "$corpus.tmp" >&2
    mv "$corpus.tmp" "$corpus"
    echo "scale_bench [$label]: generated in $(printf %.0f "$(since "$t")") s" >&2
  fi
  gen() { sed -n "s/^$1=//p" "$corpus/.generated"; }
  text_bytes=$(gen text_bytes)
  files=$(($(gen documents)))
  sec_index="[$label] indexing: $(gen documents) files ($(gen pdf_documents) PDF, $(gen pdf_pages) PDF pages; $(gen text_documents) text), $(echo "$text_bytes / 1048576" | bc -l | xargs printf %.1f) MiB of text"
  note "$sec_index" "languages (passages) $(gen languages); seed $seed; $(nproc) cores; load average at start $(cut -d' ' -f1-3 /proc/loadavg)"

  # 2. Indexing, atip-index and omindex interleaved so that noise hits both alike.
  index_timeout=$((600 + n / 50))
  for ((r = 1; r <= index_runs; r++)); do
    echo "scale_bench [$label]: indexing run $r/$index_runs" >&2
    rm -rf "$work/db"
    t=$(now)
    out=$(timeout "$index_timeout" "$index_bin" --corpus "$corpus" --db "$work/db" --reference corpus --jobs 2 --quiet 2>"$work/index.err") || {
      echo "scale_bench: atip-index failed:" >&2; tail -5 "$work/index.err" >&2; exit 1; }
    s=$(since "$t")
    passages=$(sed -n 's/.*(\([0-9]*\) passages.*/\1/p' <<<"$out")
    pages=$(sed -n 's/.*passages, \([0-9]*\) pages.*/\1/p' <<<"$out")
    kb=$(du -sk "$work/db" | cut -f1)
    printf '%s\t%s\t%s\t%s\n' "$sec_index" "atip-index --jobs 2" "seconds" "$s" \
      "$sec_index" "atip-index --jobs 2" "passages/s" "$(echo "$passages / $s" | bc -l)" \
      "$sec_index" "atip-index --jobs 2" "files/s" "$(echo "$files / $s" | bc -l)" \
      "$sec_index" "atip-index --jobs 2" "index MiB" "$(echo "$kb / 1024" | bc -l)" \
      "$sec_index" "atip-index --jobs 2" "index bytes/text byte" "$(echo "$kb * 1024 / $text_bytes" | bc -l)" >>"$samples"
    if ((omega)); then
      rm -rf "$work/omega"
      mkdir -p "$work/omega"
      t=$(now)
      timeout "$index_timeout" omindex --db "$work/omega/default" --url / "$corpus" >"$work/omindex.log" 2>&1 || {
        echo "scale_bench: omindex failed:" >&2; tail -5 "$work/omindex.log" >&2; exit 1; }
      s=$(since "$t")
      kb=$(du -sk "$work/omega" | cut -f1)
      printf '%s\t%s\t%s\t%s\n' "$sec_index" "omindex (whole files)" "seconds" "$s" \
        "$sec_index" "omindex (whole files)" "passages/s" "$(echo "$passages / $s" | bc -l)" \
        "$sec_index" "omindex (whole files)" "files/s" "$(echo "$files / $s" | bc -l)" \
        "$sec_index" "omindex (whole files)" "index MiB" "$(echo "$kb / 1024" | bc -l)" \
        "$sec_index" "omindex (whole files)" "index bytes/text byte" "$(echo "$kb * 1024 / $text_bytes" | bc -l)" >>"$samples"
    fi
  done
  note "$sec_index" "atip-index: $passages passages (target $n), $pages pages; omindex indexes each file as one document (no passages, facets, links or spelling), so its passages/s is the same passages over its time"

  # 3. Query latency, SearchService directly and over HTTP (search_bench, interleaved inside).
  sec_q="[$label] query latency ms, SearchService direct vs HTTP (search_bench --db, 20 rounds per query)"
  sec_t="[$label] search_bench throughput (keep-alive clients, 3 s)"
  for ((r = 1; r <= runs; r++)); do
    echo "scale_bench [$label]: search_bench run $r/$runs" >&2
    timeout 900 "$search_bench" --db "$work/db" --rounds 20 --clients 8 --seconds 3 >"$work/search_bench.out" 2>&1 || {
      echo "scale_bench: search_bench failed:" >&2; tail -5 "$work/search_bench.out" >&2; exit 1; }
    awk -v sec="$sec_q" -v sect="$sec_t" '
      /^[a-z -]+ +[0-9.]+ms +[0-9.]+ms +[0-9.]+ms +[0-9.]+ms +[0-9.]+x$/ {
        kind = substr($0, 1, 16); sub(/ +$/, "", kind)
        m = split($0, f, / +/)
        v1 = f[m-4]; v2 = f[m-3]; v3 = f[m-2]; v4 = f[m-1]; v5 = f[m]
        gsub(/ms|x/, "", v1); gsub(/ms|x/, "", v2); gsub(/ms|x/, "", v3); gsub(/ms|x/, "", v4); gsub(/ms|x/, "", v5)
        printf "%s\t%s\tdirect p50\t%s\n%s\t%s\tdirect p99\t%s\n%s\t%s\thttp p50\t%s\n%s\t%s\thttp p99\t%s\n%s\t%s\thttp/direct p50\t%s\n",
          sec, kind, v1, sec, kind, v2, sec, kind, v3, sec, kind, v4, sec, kind, v5
      }
      /^throughput with/ {
        c = $3; rps = $5; p50 = $8; p99 = $11; err = $14
        row = c " client" (c == 1 ? "" : "s")
        printf "%s\t%s\treq/s\t%s\n%s\t%s\tp50 ms\t%s\n%s\t%s\tp99 ms\t%s\n%s\t%s\terrors\t%s\n", sect, row, rps, sect, row, p50, sect, row, p99, sect, row, err
      }' "$work/search_bench.out" >>"$samples"
  done
  note "$sec_q" "$(head -1 "$work/search_bench.out")"

  # 4. wrk against a real atip-server (rate limiter off), and its resident memory after the load.
  sec_w="[$label] wrk against atip-server --rate 0 (default threads), query mix bench/query_mix.lua, ${wrk_seconds} s per run"
  : >"$work/server.out"
  timeout $((120 + 12 * runs * (wrk_seconds + 2))) "$server_bin" --db "$work/db" --port 0 --rate 0 >"$work/server.out" 2>"$work/server.err" &
  server_tpid=$!
  port=""
  for _ in $(seq 1 300); do
    port=$(sed -n 's/.*listening on http:\/\/[^:]*:\([0-9]*\).*/\1/p' "$work/server.out" || true)
    [ -n "$port" ] && break
    sleep 0.1
  done
  [ -n "$port" ] || { echo "scale_bench: atip-server did not start:" >&2; cat "$work/server.err" >&2; exit 1; }
  server_pid=$(pgrep -P "$server_tpid" | head -1 || true)
  [ -n "$server_pid" ] || { echo "scale_bench: cannot find the server's process" >&2; exit 1; }
  url="http://127.0.0.1:$port"
  rss_mb() { awk -v k="$1:" '$1 == k { printf "%.1f", $2 / 1024 }' "/proc/$server_pid/status"; }
  note "$sec_w" "server memory before any query: VmRSS $(rss_mb VmRSS) MB"
  timeout 30 wrk -t2 -c8 -d3s -s bench/query_mix.lua "$url" >/dev/null  # warm-up
  for ((r = 1; r <= runs; r++)); do
    for c in 1 8 64; do
      echo "scale_bench [$label]: wrk run $r/$runs, $c connections" >&2
      threads=2
      ((c == 1)) && threads=1
      timeout $((wrk_seconds + 30)) wrk -t"$threads" -c"$c" -d"${wrk_seconds}s" --timeout 10s --latency -s bench/query_mix.lua "$url" >"$work/wrk.out" 2>&1 || true
      rps=$(awk '/^Requests\/sec:/ {print $2}' "$work/wrk.out")
      p50=$(awk '/^ +50%/ {print $2}' "$work/wrk.out")
      p99=$(awk '/^ +99%/ {print $2}' "$work/wrk.out")
      non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$work/wrk.out")
      sockerr=$(awk '/Socket errors:/ {gsub(/,/, ""); print $4 + $6 + $8 + $10}' "$work/wrk.out")
      row="$c connection$( ((c == 1)) || echo s)"
      printf '%s\t%s\t%s\t%s\n' "$sec_w" "$row" "req/s" "${rps:-0}" \
        "$sec_w" "$row" "p50 ms" "$(to_ms "${p50:-0ms}")" \
        "$sec_w" "$row" "p99 ms" "$(to_ms "${p99:-0ms}")" \
        "$sec_w" "$row" "non-2xx + socket errors" "$(( ${non2xx:-0} + ${sockerr:-0} ))" \
        "$sec_w" "$row" "VmRSS MB after" "$(rss_mb VmRSS)" >>"$samples"
    done
  done
  note "$sec_w" "server peak memory (VmHWM) $(rss_mb VmHWM) MB; wrk runs on the same 2 cores as the server"
  stop_server

  # 5. Omega's CGI on the omindex index of the same files.
  if ((omega)); then
    sec_o="[$label] omega CGI on the omindex index (a process per query, as a web server runs it), ms"
    for ((r = 1; r <= runs; r++)); do
      echo "scale_bench [$label]: omega run $r/$runs" >&2
      timeout 900 python3 bench/omega_latency.py --database-dir "$work/omega" --db default --iterations 20 --section "$sec_o" >>"$samples"
    done
    note "$sec_o" "wall = whole CGI request incl. process start and database open; search = Omega's own 'Search took' (the Xapian query); omindex documents are whole files, not passages"
  fi

  note "$sec_index" "load average at end $(cut -d' ' -f1-3 /proc/loadavg)"
  {
    echo "scale_bench $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $label passages; $built"
    echo
    python3 bench/bench_table.py "$samples"
  } | tee "$cache/results-n$n.txt"
  ((keep)) || rm -rf "$work/db" "$work/omega"
done
