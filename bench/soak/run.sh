#!/usr/bin/env bash
# Sustained-load memory (issue 13): the portal receives messages at a steady rate for some minutes (bench/crash/load.py,
# 16 connections) and its resident memory is sampled every 5 s. Prints the samples, the peak and the last, and the
# loader's figures. Usage: bench/soak/run.sh [minutes=3] [messages per second=500] [sqlite|postgres=sqlite]
set -euo pipefail
MINUTES=${1:-3}; RATE=${2:-500}; PROVIDER_NAME=${3:-sqlite}
source "$(dirname "$0")/../crash/portal.sh"
portal_build
WORK=$(mktemp -d)
db_create "$PROVIDER_NAME" "$WORK"
trap 'kill -9 ${PORTAL_PID:-0} 2>/dev/null; db_drop; rm -rf "$WORK"' EXIT
portal_start "$WORK" --Inbound:DefaultRateLimitPerSecond=1000000
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; load: $(cut -d' ' -f1-3 /proc/loadavg); $PROVIDER_NAME; $RATE msg/s for $MINUTES min"
KEY=soak$(random_token); USER_NAME=soak.inbound; PASSWORD=$(random_token 18)
seed_endpoint "$KEY" "$USER_NAME" "$PASSWORD"
echo "RSS at start: $(( $(rss_kb "$PORTAL_PID") / 1024 )) MiB"
python3 "$ROOT/bench/crash/load.py" "$PORTAL_URL" "$KEY" "$USER_NAME" "$PASSWORD" --threads 16 --seconds $((MINUTES * 60)) --rate "$RATE" >"$WORK/load.json" &
LOADER=$!
SAMPLES=()
while kill -0 "$LOADER" 2>/dev/null; do
  SAMPLES+=($(( $(rss_kb "$PORTAL_PID") / 1024 )))
  sleep 5
done
wait "$LOADER"
echo "RSS samples every 5 s (MiB): ${SAMPLES[*]}"
printf 'RSS peak %s MiB, last %s MiB\n' "$(printf '%s\n' "${SAMPLES[@]}" | sort -n | tail -1)" "${SAMPLES[-1]}"
echo "loader: $(cat "$WORK/load.json")"
echo "rows stored: $(echo 'SELECT COUNT(*) FROM "Messages";' | db_sql)"
portal_stop
