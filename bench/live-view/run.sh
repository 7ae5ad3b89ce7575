#!/usr/bin/env bash
# Live-view benchmark (issues 8 and 19): builds the portal and this console in Release, then posts <rate> messages/s
# for <seconds> s to the portal's receiver (fresh SQLite file) while <views> message views are open in headless Debian
# Chromium (one unfiltered, the rest filtered on the samples), and prints 202 -> row visible p50/p95/max.
# Usage: bench/live-view/run.sh [seconds=20] [rate=500] [sample every=20] [views=2]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
[ -x /usr/bin/chromium ] || [ -n "${SNCP_CHROMIUM:-}" ] || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
dotnet build "$ROOT/src/SnConnectPortal.Web" -c Release -nologo -v q >/dev/null
dotnet build "$ROOT/bench/live-view/LiveViewBench.csproj" -c Release -nologo -v q >/dev/null
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet "$ROOT/bench/live-view/bin/Release/net10.0/LiveViewBench.dll" \
  "$ROOT/src/SnConnectPortal.Web/bin/Release/net10.0/SnConnectPortal.Web.dll" "${1:-20}" "${2:-500}" "${3:-20}" "${4:-2}"
