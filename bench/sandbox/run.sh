#!/usr/bin/env bash
# Times GET of 10,000 sys_user records in pages of 1,000 against the sandbox ServiceNow instance.
# Usage: bench/sandbox/run.sh [rounds]   (env: BENCH_PORT, default 5181)
# Prints one line per scenario: median and best wall time of the 10 pages, records/s, bytes, and the sandbox's RSS.
set -euo pipefail

ROUNDS="${1:-5}"
PORT="${BENCH_PORT:-5181}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BASE="http://127.0.0.1:${PORT}"
AUTH="admin:admin"

command -v curl >/dev/null || { echo "curl is required" >&2; exit 1; }

dotnet build "$ROOT/src/SnConnectPortal.Sandbox" -c Release -v quiet -nologo >/dev/null
DLL="$ROOT/src/SnConnectPortal.Sandbox/bin/Release/net10.0/SnConnectPortal.Sandbox.dll"

dotnet "$DLL" --urls "$BASE" --Logging:LogLevel:Default=Warning --Sandbox:ExtraUsers=10000 >/tmp/sandbox-bench.log 2>&1 &
SANDBOX_PID=$!
trap 'kill "$SANDBOX_PID" 2>/dev/null || true' EXIT

for _ in $(seq 1 300); do
  if curl -sf "$BASE/sandbox/health" >/dev/null; then break; fi
  sleep 0.1
done
curl -sf "$BASE/sandbox/health" >/dev/null || { echo "sandbox did not start" >&2; cat /tmp/sandbox-bench.log >&2; exit 1; }

now_ms() { date +%s%3N; }

# One pass: 10 pages of 1,000 records. Prints "<milliseconds> <bytes> <records>".
pass() {
  local query="$1" bytes=0 records=0 start end
  start=$(now_ms)
  for offset in 0 1000 2000 3000 4000 5000 6000 7000 8000 9000; do
    local out
    out=$(curl -s -u "$AUTH" -H 'Accept: application/json' \
      -o /tmp/sandbox-bench-page.json -w '%{http_code} %{size_download}' \
      "$BASE/api/now/table/sys_user?sysparm_limit=1000&sysparm_offset=${offset}${query}")
    [ "${out%% *}" = "200" ] || { echo "page at offset $offset answered ${out%% *}" >&2; exit 1; }
    bytes=$((bytes + ${out##* }))
    records=$((records + $(grep -o '"sys_id":' /tmp/sandbox-bench-page.json | wc -l)))
  done
  end=$(now_ms)
  echo "$((end - start)) $bytes $records"
}

scenario() {
  local name="$1" query="$2" times=() bytes records
  pass "$query" >/dev/null  # warm-up
  for _ in $(seq 1 "$ROUNDS"); do
    read -r ms bytes records < <(pass "$query")
    times+=("$ms")
  done
  local sorted median best rss
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  median=$(echo "$sorted" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  best=$(echo "$sorted" | head -1)
  rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$SANDBOX_PID/status")
  printf '%-44s rounds=%s median=%sms best=%sms records=%s bytes=%s records/s=%s rss=%sMiB\n' \
    "$name" "$ROUNDS" "$median" "$best" "$records" "$bytes" "$((records * 1000 / (median > 0 ? median : 1)))" "$rss"
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); $(dotnet --version) SDK; Release build"
scenario "10,004 users, 10 pages of 1,000" ""
scenario "10,004 users, ORDERBYsys_id" "&sysparm_query=ORDERBYsys_id"
scenario "10,004 users, fields + query" "&sysparm_fields=sys_id,user_name,email,manager&sysparm_query=active%3Dtrue%5EORactive%3Dfalse"

seed_start=$(now_ms)
curl -sf -X POST -H 'Content-Type: application/json' -d '{"users":100000}' "$BASE/sandbox/seed" >/dev/null
echo "seed 100,000 users: $(( $(now_ms) - seed_start ))ms"
scenario "100,004 users, 10 pages of 1,000" ""
scenario "100,004 users, ORDERBYsys_id" "&sysparm_query=ORDERBYsys_id"
