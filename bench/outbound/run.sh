#!/usr/bin/env bash
# Outbound benchmark (issue 17): events through POST /api/events to the sandbox, delivered by the portal's worker
# (the portal in the benchmark's process on Kestrel, a fresh SQLite file). Prints the fault-free rate, then the run
# with faults (every event Delivered, exactly one incident per event id, under 120 s), then the 50/s rate-limit check.
# Usage: bench/outbound/run.sh [events=10000] [fault %=20] [429 % (of all creates, within the fault %)=0.2] [hang %=2] [rate events=1500] [Sqlite|Postgres]
# Environment: BENCH_IN_FLIGHT (deliveries in flight, node and connection, 32), BENCH_ATTEMPT_TIMEOUT (s, 2),
# BENCH_BACKOFF_BASE (s, 0.5).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
dotnet build "$ROOT/src/SnConnectPortal.Sandbox" -c Release -nologo -v q >/dev/null
dotnet build "$ROOT/bench/outbound/OutboundBench.csproj" -c Release -nologo -v q >/dev/null
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; uptime: $(uptime)"
dotnet "$ROOT/bench/outbound/bin/Release/net10.0/OutboundBench.dll" "${1:-10000}" "${2:-20}" "${3:-0.2}" "${4:-2}" "${5:-1500}" "${6:-Sqlite}"
echo "uptime at the end: $(uptime)"
