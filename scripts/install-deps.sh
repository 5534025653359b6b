#!/usr/bin/env bash
# Installs every dependency of ATIP Archive from Debian 12's packages. Idempotent; run as root.
# Usage: scripts/install-deps.sh [--with-browser] [--with-bench]
set -euo pipefail

packages=(
  build-essential g++ cmake git pkg-config ca-certificates
  libxapian-dev libpoco-dev libpugixml-dev libpoppler-cpp-dev libicu-dev
  libgtest-dev libgmock-dev libcld2-dev libgumbo-dev libxxhash-dev zlib1g-dev libbrotli-dev
  python3 curl libxml2-utils poppler-utils clang libclang-rt-14-dev
  libtesseract-dev libleptonica-dev tesseract-ocr-eng tesseract-ocr-spa tesseract-ocr-por tesseract-ocr-fra  # OCR
  img2pdf     # tests make scanned pages (pdftoppm, then img2pdf)
  prometheus  # promtool checks the /metrics format
  systemd     # systemd-analyze checks server/atip-server.service (tests/deploy)
)
# Debian 12's own Node.js 18 and npm 9 run tests/contract and tests/e2e (their dependencies are pinned to
# versions whose engines allow Node 18.19).
browser_packages=(chromium nodejs npm)
bench_packages=(xapian-omega wrk bc tesseract-ocr)  # peers and load for bench/ (pdftotext, pdftoppm are in poppler-utils above)

want=("${packages[@]}")
for option in "$@"; do
  case "$option" in
    --with-browser) want+=("${browser_packages[@]}") ;;
    --with-bench) want+=("${bench_packages[@]}") ;;
    *) echo "install-deps: unknown option '$option' (--with-browser, --with-bench)" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${want[@]}"; do
  # node/npm may come from outside Debian on a developer machine; accept them if present (node 18.19 or later)
  if [[ "$p" == nodejs && -x "$(command -v node || true)" ]] &&
     node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 18 || (a === 18 && b >= 19) ? 0 : 1)'; then
    continue
  fi
  if [[ "$p" == npm && -x "$(command -v npm || true)" ]]; then continue; fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
  # The prometheus package is here for promtool only: on a machine run by systemd, its server stays off.
  if [[ " ${missing[*]} " == *" prometheus "* && -d /run/systemd/system ]]; then
    systemctl disable --now prometheus >/dev/null 2>&1 || true
  fi
else
  echo "install-deps: all packages present"
fi
