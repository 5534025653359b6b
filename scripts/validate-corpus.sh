#!/usr/bin/env bash
# Validates the corpus's XML against the project's schemas (xmllint, package libxml2-utils):
#   corpus/*.meta.xml       against schemas/document.xsd (and: <id> is the file's stem, the file exists)
#   corpus/workplan.xml     against schemas/workplan.xsd (and: 52 activities, 10 mandates, id = kind:number)
#   corpus/legal-grammar.xml against schemas/legal-grammar.xsd
#   corpus/linker-model.xml, when present, against schemas/linker-model.xsd
#   corpus/thesaurus.xml, corpus/countries.xml, corpus/organizations.xml, when present,
#                           against schemas/thesaurus.xsd, countries.xsd, organizations.xsd
#                           (and: web/i18n names each country and organization, scripts/i18n-names.py)
# Every check runs; the exit status is non-zero if any failed.
# Usage: scripts/validate-corpus.sh [ROOT]     (ROOT defaults to the repository holding this script)
set -euo pipefail

root="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
corpus="$root/corpus"
schemas="$root/schemas"

if ! command -v xmllint >/dev/null 2>&1; then
  echo "validate-corpus: xmllint not found (apt-get install libxml2-utils)" >&2
  exit 2
fi

failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# validate FILE SCHEMA
validate() {
  local file="$1" schema="$2"
  if [[ ! -f "$schema" ]]; then
    fail "${file#"$root"/}: schema ${schema#"$root"/} is missing"
    return
  fi
  local err
  if err="$(xmllint --noout --nonet --schema "$schema" "$file" 2>&1)"; then
    echo "ok:   ${file#"$root"/}"
  else
    printf '%s\n' "$err" | sed 's/^/      /' >&2
    fail "${file#"$root"/} does not validate against ${schema#"$root"/}"
  fi
}

# xpath FILE EXPR -> prints the string value (namespaces matched by local-name())
xpath() {
  xmllint --nonet --xpath "$2" "$1" 2>/dev/null || true
}

# --- document sidecars -------------------------------------------------------------------------
shopt -s nullglob
sidecars=("$corpus"/*.meta.xml)
if ((${#sidecars[@]} == 0)); then
  fail "no corpus/*.meta.xml found"
fi
for meta in "${sidecars[@]}"; do
  validate "$meta" "$schemas/document.xsd"
  stem="$(basename "$meta" .meta.xml)"
  id="$(xpath "$meta" "string(/*[local-name()='document']/*[local-name()='id'])")"
  if [[ "$id" != "$stem" ]]; then
    fail "${meta#"$root"/}: <id>$id</id> is not the file's stem '$stem'"
  fi
  described=()
  for f in "$corpus/$stem".*; do
    [[ "$f" == "$meta" ]] || described+=("$f")
  done
  if ((${#described[@]} == 0)); then
    fail "${meta#"$root"/}: no corpus/$stem.* document beside it"
  fi
done
# every document file has its sidecar
for f in "$corpus"/*.pdf "$corpus"/*.html "$corpus"/*.htm "$corpus"/*.txt; do
  stem="$(basename "${f%.*}")"
  if [[ ! -f "$corpus/$stem.meta.xml" ]]; then
    fail "${f#"$root"/}: no sidecar corpus/$stem.meta.xml"
  fi
done

# --- work plan ---------------------------------------------------------------------------------
workplan="$corpus/workplan.xml"
if [[ -f "$workplan" ]]; then
  validate "$workplan" "$schemas/workplan.xsd"
  item="//*[local-name()='item']"
  activities="$(xpath "$workplan" "count(${item}[../@kind='activity'])")"
  mandates="$(xpath "$workplan" "count(${item}[../@kind='mandate'])")"
  mismatched="$(xpath "$workplan" "count(${item}[@id != concat(../@kind, ':', @number)])")"
  [[ "$activities" == 52 ]] || fail "corpus/workplan.xml: $activities activities, expected 52"
  [[ "$mandates" == 10 ]] || fail "corpus/workplan.xml: $mandates mandates, expected 10"
  [[ "$mismatched" == 0 ]] || fail "corpus/workplan.xml: $mismatched items whose id is not <kind>:<number>"
  # with the counts above and unique ids (schema), this makes the numbers exactly 1..52 and 1..10
  outside="$(xpath "$workplan" "count(${item}[(../@kind='activity' and @number > 52) or (../@kind='mandate' and @number > 10)])")"
  [[ "$outside" == 0 ]] || fail "corpus/workplan.xml: $outside items numbered beyond 52 (activities) or 10 (mandates)"
  document="$(xpath "$workplan" "string(/*[local-name()='workplan']/@document)")"
  [[ -f "$corpus/$document.meta.xml" ]] \
    || fail "corpus/workplan.xml: document=\"$document\" has no corpus/$document.meta.xml"
else
  fail "corpus/workplan.xml is missing"
fi

# --- the grammar of laws (built into the indexer) ----------------------------------------------
if [[ -f "$corpus/legal-grammar.xml" ]]; then
  validate "$corpus/legal-grammar.xml" "$schemas/legal-grammar.xsd"
else
  fail "corpus/legal-grammar.xml is missing"
fi
if [[ -f "$corpus/linker-model.xml" ]]; then
  validate "$corpus/linker-model.xml" "$schemas/linker-model.xsd"
fi

# --- optional vocabularies ---------------------------------------------------------------------
for name in thesaurus countries organizations; do
  if [[ -f "$corpus/$name.xml" ]]; then
    validate "$corpus/$name.xml" "$schemas/$name.xsd"
  fi
done

# --- every country and organization a facet can show has a name in each interface language ---
if [[ -f "$corpus/countries.xml" && -f "$corpus/organizations.xml" ]]; then
  python3 "$root/scripts/i18n-names.py" --check || fail "web/i18n lacks names of countries or organizations"
fi

if ((failures > 0)); then
  echo "validate-corpus: $failures failure(s)" >&2
  exit 1
fi
echo "validate-corpus: all valid"
