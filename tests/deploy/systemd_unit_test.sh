#!/usr/bin/env bash
# The systemd unit server/atip-server.service, checked with Debian 12's systemd 252 tools:
#   1. `systemd-analyze verify` reports nothing (ExecStart pointed at a real atip-server binary);
#   2. every flag ExecStart passes is one `atip-server --help` lists;
#   3. `systemd-analyze security --offline=true` rates the unit at most 0.9 ("SAFE"), and
#   4. names no exposure but the six a TCP server on the host's network keeps (ACCEPTED below), so
#      that dropping one option (MemoryDenyWriteExecute=, 0.1) fails even where the rounded total
#      does not move.
# Usage: tests/deploy/systemd_unit_test.sh [ATIP-SERVER-BINARY]
#   (default $ATIP_SERVER_BIN, else build/server/atip-server). Registered with ctest (tests/deploy).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
unit="$repo/server/atip-server.service"
bin="${1:-${ATIP_SERVER_BIN:-$repo/build/server/atip-server}}"
# Overall exposure, in tenths as systemd-analyze's --threshold takes it: 9 is 0.9.
MAX_EXPOSURE_TENTHS=9

fail() { echo "FAIL: $*" >&2; exit 1; }
command -v systemd-analyze >/dev/null || fail "systemd-analyze is not installed (scripts/install-deps.sh installs Debian's systemd)"
[[ -x "$bin" ]] || fail "$bin is not an executable atip-server (build first, or pass its path / set ATIP_SERVER_BIN)"
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
installed_path=/usr/local/bin/atip-server
grep -q "^ExecStart=$installed_path " "$unit" || fail "$unit: ExecStart does not start $installed_path"
sed "s|^ExecStart=$installed_path |ExecStart=$bin |" "$unit" >"$tmp/atip-server.service"

passed=0
# 1. verify: nothing printed, exit 0.
set +e
systemd-analyze verify --man=no "$tmp/atip-server.service" >"$tmp/verify.out" 2>&1
status=$?
set -e
if [[ $status -ne 0 || -s "$tmp/verify.out" ]]; then
  cat "$tmp/verify.out" >&2
  fail "systemd-analyze verify: exit $status, output above"
fi
echo "ok: systemd-analyze verify reports nothing"
passed=$((passed + 1))

# 2. The flags of ExecStart exist.
exec_line="$(grep '^ExecStart=' "$unit")"
help="$("$bin" --help 2>&1 || true)"
for flag in $(grep -o -- ' --[a-z-]*' <<<"$exec_line"); do
  grep -q -- "^ *$flag\b" <<<"$help" || fail "ExecStart passes $flag, which atip-server --help does not list"
done
echo "ok: atip-server --help lists every flag of ExecStart"
passed=$((passed + 1))

# 3. security: the overall exposure at most MAX_EXPOSURE_TENTHS/10.
set +e
systemd-analyze security --offline=true --threshold="$MAX_EXPOSURE_TENTHS" "$tmp/atip-server.service" \
  >"$tmp/security.out" 2>&1
status=$?
set -e
overall="$(grep -o 'Overall exposure level for atip-server.service: [0-9.]* [A-Z]*' "$tmp/security.out" || true)"
if [[ $status -ne 0 || -z "$overall" ]]; then
  grep -E '✗|Overall|rror' "$tmp/security.out" >&2 || cat "$tmp/security.out" >&2
  fail "systemd-analyze security: exit $status; the unit must rate at most 0.$MAX_EXPOSURE_TENTHS (${overall:-no rating})"
fi
echo "ok: systemd-analyze security: ${overall#Overall exposure level for } (at most 0.$MAX_EXPOSURE_TENTHS)"
passed=$((passed + 1))
# 4. Only the accepted exposures remain (the JSON form does not depend on the locale's glyphs).
systemd-analyze security --offline=true --json=short "$tmp/atip-server.service" >"$tmp/security.json"
python3 - "$tmp/security.json" <<'PY' || fail "systemd-analyze security names an exposure the unit should not have"
import json, sys
ACCEPTED = {
    "PrivateNetwork=": "it serves TCP on the host's network",
    "RestrictAddressFamilies=~AF_(INET|INET6)": "it serves TCP",
    "RestrictAddressFamilies=~AF_UNIX": "the C library's local sockets",
    "IPAddressDeny=": "the allow list is localhost (atip.bind = 127.0.0.1)",
    "RootDirectory=/RootImage=": "it runs on the host's /usr (Debian's libraries)",
    "DeviceAllow=": "char-rtc:r, which ProtectClock= itself allows",
}
items = json.load(open(sys.argv[1]))
exposed = {i["name"]: i for i in items if i.get("exposure") not in (None, "0", "0.0", 0)}
unexpected = sorted(set(exposed) - set(ACCEPTED))
for name in unexpected:
    print(f"FAIL: {name}: {exposed[name]['description']} (exposure {exposed[name]['exposure']})", file=sys.stderr)
for name in sorted(set(exposed) & set(ACCEPTED)):
    print(f"  accepted: {name} ({exposed[name]['exposure']}): {ACCEPTED[name]}")
sys.exit(1 if unexpected else 0)
PY
echo "ok: no exposure beyond the accepted ones"
passed=$((passed + 1))
echo "systemd_unit: $passed passed, 0 failed"
