#!/usr/bin/env bash
# First-page weight: publishes the portal, runs it in Production (compressed static assets, as deployed) and prints
# what headless Debian Chromium transfers for the first-run page and for the signed-in first page, by kind.
# Usage: bench/first-page/run.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
[ -x /usr/bin/chromium ] || [ -n "${SNCP_CHROMIUM:-}" ] || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
dotnet publish "$ROOT/src/SnConnectPortal.Web" -c Release -o "$WORK/publish" -nologo -v q >/dev/null
dotnet build "$ROOT/bench/first-page/FirstPageBench.csproj" -c Release -nologo -v q >/dev/null
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; commit $(git -C "$ROOT" rev-parse --short HEAD)"
dotnet "$ROOT/bench/first-page/bin/Release/net10.0/FirstPageBench.dll" "$WORK/publish/SnConnectPortal.Web.dll"
