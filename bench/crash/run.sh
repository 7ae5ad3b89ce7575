#!/usr/bin/env bash
# Crash test (issue 13): for each database, the portal is killed with SIGKILL three times while load.py posts
# messages from 16 connections; after each kill it is started again on the same database, and every responseId the
# loader saw acknowledged (202) must be stored exactly once. Prints per run: acknowledged, stored, acknowledged but
# missing, stored twice, and stored but never acknowledged (requests in flight at the kill: allowed).
# Usage: bench/crash/run.sh [sqlite|postgres|both=both] [runs=3] [seconds of load before each kill=8]
set -euo pipefail
PROVIDERS=${1:-both}; RUNS=${2:-3}; LOAD_SECONDS=${3:-8}
[ "$PROVIDERS" = both ] && PROVIDERS="sqlite postgres"
source "$(dirname "$0")/portal.sh"
portal_build
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; load: $(cut -d' ' -f1-3 /proc/loadavg); 16 loader threads, ~1 KB messages"

for PROVIDER_NAME in $PROVIDERS; do
  WORK=$(mktemp -d)
  db_create "$PROVIDER_NAME" "$WORK"
  trap 'kill -9 ${PORTAL_PID:-0} 2>/dev/null; db_drop; rm -rf "$WORK"' EXIT
  KEY=crash$(random_token); USER_NAME=crash.inbound; PASSWORD=$(random_token 18)
  unset PORTAL_PORT
  portal_start "$WORK" --Inbound:DefaultRateLimitPerSecond=1000000
  seed_endpoint "$KEY" "$USER_NAME" "$PASSWORD"
  for RUN in $(seq 1 "$RUNS"); do
    ACKED="$WORK/acked-$RUN.txt"; : >"$ACKED"
    python3 "$ROOT/bench/crash/load.py" "$PORTAL_URL" "$KEY" "$USER_NAME" "$PASSWORD" --threads 16 --seconds 120 \
      --acked "$ACKED" >"$WORK/load-$RUN.json" &
    LOADER=$!
    sleep "$LOAD_SECONDS"
    kill -9 "$PORTAL_PID"; wait "$PORTAL_PID" 2>/dev/null || true
    kill -TERM "$LOADER"; wait "$LOADER" || true
    portal_start "$WORK" --Inbound:DefaultRateLimitPerSecond=1000000
    echo 'SELECT "ResponseId" FROM "Messages";' | db_sql | sort >"$WORK/stored.txt"
    cat "$WORK"/acked-*.txt | sort >"$WORK/acked-all.txt"
    python3 - "$WORK/acked-all.txt" "$WORK/stored.txt" "$ACKED" "$PROVIDER_NAME" "$RUN" <<'PY'
import sys
acked_all = open(sys.argv[1]).read().split()
stored = open(sys.argv[2]).read().split()
run = open(sys.argv[3]).read().split()
stored_set = set(stored)
missing = [r for r in acked_all if r not in stored_set]
twice = len(stored) - len(stored_set)
unacked = len(stored_set - set(acked_all))
print(f"{sys.argv[4]:8} run {sys.argv[5]}: acknowledged {len(run):6} (all runs {len(acked_all):6}); stored {len(stored):6}; "
      f"acknowledged but missing {len(missing)}; stored twice {twice}; stored but not acknowledged {unacked}")
PY
  done
  portal_stop
  db_drop; rm -rf "$WORK"; trap - EXIT
done
