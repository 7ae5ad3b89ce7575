#!/usr/bin/env bash
# Multi-node benchmark (issue 18): ingest and outbound throughput with 1, 2 and 3 portal nodes (the publish output in
# Production) on one PostgreSQL database behind nginx (deploy/nginx/snconnectportal.conf), printed side by side with
# the share of the machine's busy CPU time that PostgreSQL, the nodes and nginx took.
# Usage: bench/multinode/run.sh [node counts=1,2,3] [ingest seconds=20] [events=3000]
# Needs PostgreSQL (scripts/ensure-postgres.sh), nginx and wrk (installed here when missing).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
[[ -x /usr/sbin/nginx ]] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null; }
bash "$ROOT/scripts/ensure-postgres.sh" >/dev/null
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
dotnet publish "$ROOT/src/SnConnectPortal.Web" -c Release -o "$WORK/publish" -nologo -v q >/dev/null
dotnet build "$ROOT/src/SnConnectPortal.Sandbox" -c Release -nologo -v q >/dev/null
dotnet build "$ROOT/bench/multinode/MultiNodeBench.csproj" -c Release -nologo -v q >/dev/null
echo "uptime at the start: $(uptime)"
dotnet "$ROOT/bench/multinode/bin/Release/net10.0/MultiNodeBench.dll" "$WORK/publish" "${1:-1,2,3}" "${2:-20}" "${3:-3000}"
