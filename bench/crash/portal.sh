# Sourced by bench/crash, bench/hostile and bench/soak: runs the built portal on loopback against a fresh SQLite file
# or a fresh PostgreSQL database (the server of scripts/ensure-postgres.sh), seeds inbound endpoints, queries rows.
# PORTAL_BIN overrides the folder holding SnConnectPortal.Web.dll (e.g. a build of an older commit, to compare).
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PG_SERVER="Host=127.0.0.1;Port=5432;Username=portal;Password=portal"

portal_build() {
  if [ -z "${PORTAL_BIN:-}" ]; then
    dotnet build "$ROOT/src/SnConnectPortal.Web" -c Release -nologo -v q >/dev/null
    PORTAL_BIN="$ROOT/src/SnConnectPortal.Web/bin/Release/net10.0"
  fi
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# db_create sqlite|postgres WORKDIR: sets DB_ARGS (portal arguments) and DB_NAME; db_sql runs SQL read from stdin.
db_create() {
  PROVIDER=$1
  if [ "$PROVIDER" = postgres ]; then
    DB_NAME="sncp_bench_$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    PGPASSWORD=portal psql -h 127.0.0.1 -U portal -d postgres -qc "CREATE DATABASE $DB_NAME" >/dev/null
    DB_ARGS=(--Database:Provider=Postgres "--Database:ConnectionString=$PG_SERVER;Database=$DB_NAME")
  else
    DB_NAME="$2/portal.db"
    DB_ARGS=(--Database:Provider=Sqlite "--Database:SqlitePath=$DB_NAME")
  fi
}

db_sql() {
  if [ "$PROVIDER" = postgres ]; then
    PGPASSWORD=portal psql -h 127.0.0.1 -U portal -d "$DB_NAME" -At -q -v ON_ERROR_STOP=1
  else
    sqlite3 -batch "$DB_NAME"
  fi
}

db_drop() {
  if [ "$PROVIDER" = postgres ]; then
    PGPASSWORD=portal psql -h 127.0.0.1 -U portal -d postgres -qc "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" >/dev/null
  fi
}

# portal_start WORKDIR [extra portal arguments...]: starts it in the background (PORTAL_PID, PORTAL_URL) and waits
# until /health/ready answers (at most 60 s).
portal_start() {
  local work=$1; shift
  PORTAL_PORT=${PORTAL_PORT:-$(free_port)}
  PORTAL_URL="http://127.0.0.1:$PORTAL_PORT"
  (cd "$PORTAL_BIN" && exec env ASPNETCORE_ENVIRONMENT=Production dotnet SnConnectPortal.Web.dll --urls "$PORTAL_URL" \
    "${DB_ARGS[@]}" "--DataProtection:CertificatePath=$work/keyring.pfx" \
    --Logging:LogLevel:Default=Warning --Logging:Console:FormatterName=simple "$@" >>"$work/portal.log" 2>&1) &
  PORTAL_PID=$!
  for _ in $(seq 1 300); do
    curl -sf "$PORTAL_URL/health/ready" >/dev/null && return 0
    kill -0 "$PORTAL_PID" 2>/dev/null || { echo "portal exited; see $work/portal.log" >&2; return 1; }
    sleep 0.2
  done
  echo "portal not ready after 60 s" >&2
  return 1
}

portal_stop() { kill "$PORTAL_PID" 2>/dev/null; wait "$PORTAL_PID" 2>/dev/null || true; }

# seed_endpoint KEY USER PASSWORD: a connection and its inbound endpoint, as "Generate new password" makes them.
seed_endpoint() { python3 "$ROOT/bench/crash/seed.py" "$PROVIDER" "$1" "$2" "$3" | db_sql >/dev/null; }

random_token() { head -c "${1:-12}" /dev/urandom | od -An -tx1 | tr -d ' \n'; }

# rss_kb PID: resident memory of a process, in KiB.
rss_kb() { awk '/^VmRSS:/{print $2}' "/proc/$1/status"; }
