#!/usr/bin/env bash
# Sign-in timing (issue 13, finding 8): how long a refused sign-in takes for an existing account with a wrong password,
# an unknown account, and a locked account, measured over HTTP against the portal (Release, SQLite, Production).
# The per-address throttle and the lockout are raised so that every attempt reaches the password check.
# Prints median and p90 per case.
# Usage: bench/sign-in/run.sh [attempts_per_case=20] [portal_bin_dir]
#   portal_bin_dir: another build's bin/Release/net10.0 (e.g. of main, for a before/after); default: build this tree.
set -euo pipefail
ATTEMPTS=${1:-20}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${2:-}
if [ -z "$BIN" ]; then
  dotnet build "$ROOT/src/SnConnectPortal.Web" -c Release -nologo -v q >/dev/null
  BIN="$ROOT/src/SnConnectPortal.Web/bin/Release/net10.0"
fi
WORK=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cd "$BIN"
ASPNETCORE_ENVIRONMENT=Production dotnet SnConnectPortal.Web.dll --urls "http://127.0.0.1:$PORT" \
  --Database:SqlitePath="$WORK/portal.db" --DataProtection:CertificatePath="$WORK/keyring.pfx" \
  --Security:MaxFailedAccessAttempts=$((ATTEMPTS + 5)) --Security:SignInFailuresPerAddress=10000 \
  --Logging:LogLevel:Default=Warning --Logging:Console:FormatterName=simple >"$WORK/portal.log" 2>&1 &
PORTAL=$!
trap 'kill $PORTAL 2>/dev/null; wait $PORTAL 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 0.2; done

python3 "$ROOT/bench/sign-in/measure.py" "http://127.0.0.1:$PORT" "$ATTEMPTS"
