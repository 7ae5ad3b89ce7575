#!/usr/bin/env bash
# Hostile inputs and wrong-password floods against the inbound receiver (issue 13), on a fresh database:
# prints the hostile-input table (status, reason, rows stored, health after) and the brute-force figures
# (wrong passwords/s, how many were hashed, portal CPU, a legitimate sender's latency during each flood).
# PORTAL_BIN=<folder of SnConnectPortal.Web.dll> measures another build (e.g. the commit before the fixes).
# Usage: bench/hostile/run.sh [sqlite|postgres=sqlite] [flood seconds=15]
set -euo pipefail
PROVIDER_NAME=${1:-sqlite}; FLOOD_SECONDS=${2:-15}
source "$(dirname "$0")/../crash/portal.sh"
portal_build
WORK=$(mktemp -d)
db_create "$PROVIDER_NAME" "$WORK"
trap 'kill -9 ${PORTAL_PID:-0} 2>/dev/null; db_drop; rm -rf "$WORK"' EXIT
portal_start "$WORK"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; load: $(cut -d' ' -f1-3 /proc/loadavg); $PROVIDER_NAME; portal: $PORTAL_BIN"

KEY=hostile$(random_token); USER_NAME=hostile.inbound; PASSWORD=$(random_token 18)
seed_endpoint "$KEY" "$USER_NAME" "$PASSWORD"
python3 "$ROOT/bench/hostile/hostile.py" "$PORTAL_URL" "$KEY" "$USER_NAME" "$PASSWORD" "$PROVIDER" "$DB_NAME"
echo "portal RSS after the hostile inputs: $(( $(rss_kb "$PORTAL_PID") / 1024 )) MiB"

FRESH=""
for i in $(seq 1 30); do
  K=fresh$i$(random_token 6); P=$(random_token 18)
  seed_endpoint "$K" "$USER_NAME" "$P"
  FRESH="$FRESH${FRESH:+,}$K:$P"
done
python3 "$ROOT/bench/hostile/bruteforce.py" "$PORTAL_URL" "$PORTAL_PID" "$KEY" "$USER_NAME" "$PASSWORD" "$FRESH" --seconds "$FLOOD_SECONDS"
portal_stop
