#!/usr/bin/env bash
# Ingest benchmark (issue 8): wrk, 64 connections, 30 s, ~1 KB JSON with Basic auth, against the receiver on the
# default SQLite configuration (or PostgreSQL: a fresh database on the local server of scripts/ensure-postgres.sh),
# then against the bare endpoint of the same process (every check, no storing).
# Prints accepted messages/s, p50/p99 latency, the ratio stored/bare, and checks that the database holds exactly
# the accepted messages. Usage: bench/ingest/run.sh [duration_s=30] [connections=64] [Sqlite|Postgres]
set -euo pipefail
DURATION=${1:-30}
CONNECTIONS=${2:-64}
PROVIDER=${3:-Sqlite}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
command -v sqlite3 >/dev/null || true

WORK=$(mktemp -d)
# The portal as it is deployed: the publish output, in Production.
dotnet publish "$ROOT/src/SnConnectPortal.Web" -c Release -o "$WORK/publish" -nologo -v q >/dev/null
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
DB="$WORK/portal.db"
export PGHOST=127.0.0.1 PGPORT=5432 PGUSER=portal PGPASSWORD=portal
PGDATABASE=sncp_bench_$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')
if [[ $PROVIDER == Postgres ]]; then
  DATABASE_ARGS=(--Database:Provider=Postgres "--Database:ConnectionString=Host=$PGHOST;Port=$PGPORT;Username=$PGUSER;Password=$PGPASSWORD;Database=$PGDATABASE")
  count() { psql -d "$PGDATABASE" -qtAX -c 'SELECT count(*) FROM "Messages"'; }
  seed() { python3 "$ROOT/bench/ingest/seed.py" --postgres "$PGDATABASE" "$@"; }
  drop() { psql -d postgres -qtAX -c "DROP DATABASE IF EXISTS \"$PGDATABASE\" WITH (FORCE)" >/dev/null; }
else
  DATABASE_ARGS=(--Database:SqlitePath="$DB")
  count() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from Messages').fetchone()[0])" "$DB"; }
  seed() { python3 "$ROOT/bench/ingest/seed.py" "$DB" "$@"; }
  drop() { :; }
fi
cd "$WORK/publish"
ASPNETCORE_ENVIRONMENT=Production dotnet SnConnectPortal.Web.dll --urls "http://127.0.0.1:$PORT" \
  "${DATABASE_ARGS[@]}" --Inbound:BareBenchmarkEndpoint=true --Inbound:DefaultRateLimitPerSecond=1000000 \
  --Logging:LogLevel:Default=Warning --Logging:Console:FormatterName=simple >"$WORK/portal.log" 2>&1 &
PORTAL=$!
trap 'kill $PORTAL 2>/dev/null; wait $PORTAL 2>/dev/null; drop; rm -rf "$WORK"' EXIT
for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 0.2; done

export BENCH_USER=bench.inbound BENCH_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')
KEY=bench$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
seed "$KEY" "$BENCH_USER" "$BENCH_PASSWORD" >/dev/null

run() { # $1 = path
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency -s "$ROOT/bench/ingest/post.lua" "http://127.0.0.1:$PORT$1" 2>&1
}
summarize() { # $1 = wrk output; prints "accepted_per_s p50_ms p99_ms requests non2xx"
  python3 - "$1" "$DURATION" <<'PY'
import re, sys
out, duration = sys.argv[1], float(sys.argv[2])
def ms(label):
    m = re.search(r"^\s*" + label + r"\s+([\d.]+)(us|ms|s)\b", out, re.M)
    v, u = float(m.group(1)), m.group(2)
    return v / 1000 if u == "us" else v * 1000 if u == "s" else v
req = int(re.search(r"(\d+) requests in ([\d.]+)(ms|s|m)", out).group(1))
secs = re.search(r"requests in ([\d.]+)(ms|s|m)", out)
t = float(secs.group(1)) * {"ms": 0.001, "s": 1, "m": 60}[secs.group(2)]
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
bad = int(bad.group(1)) if bad else 0
errs = re.search(r"Socket errors: (.*)", out)
print(f"{(req - bad) / t:.0f} {ms('50%'):.2f} {ms('99%'):.2f} {req} {bad} {errs.group(1) if errs else 'none'}")
PY
}

# Warm-up: JIT, the credential cache, SQLite pages.
wrk -t2 -c"$CONNECTIONS" -d5s -s "$ROOT/bench/ingest/post.lua" "http://127.0.0.1:$PORT/api/inbound/$KEY" >/dev/null 2>&1
BEFORE=$(count)
STORED_OUT=$(run "/api/inbound/$KEY")
AFTER=$(count)
BARE_OUT=$(run "/api/inbound-bare/$KEY")
read -r S_RATE S_P50 S_P99 S_REQ S_BAD S_ERR <<<"$(summarize "$STORED_OUT")"
read -r B_RATE B_P50 B_P99 B_REQ B_BAD B_ERR <<<"$(summarize "$BARE_OUT")"

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; wrk -t2 -c$CONNECTIONS -d${DURATION}s; payload ~1 KB; $([[ $PROVIDER == Postgres ]] && echo "PostgreSQL $(psql -d postgres -qtAX -c 'SHOW server_version') on 127.0.0.1" || echo "SQLite (WAL)")"
echo "stored : accepted ${S_RATE} msg/s  p50 ${S_P50} ms  p99 ${S_P99} ms  (requests ${S_REQ}, non-2xx ${S_BAD}, socket errors ${S_ERR})"
echo "bare   : accepted ${B_RATE} msg/s  p50 ${B_P50} ms  p99 ${B_P99} ms  (requests ${B_REQ}, non-2xx ${B_BAD}, socket errors ${B_ERR})"
python3 -c "print(f'ratio stored/bare: {int(\"$S_RATE\")/int(\"$B_RATE\"):.2f}')"
echo "rows written during the stored run: $((AFTER - BEFORE)) (wrk counted $((S_REQ - S_BAD)) accepted; requests cut off at the end are counted by neither)"
