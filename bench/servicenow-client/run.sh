#!/usr/bin/env bash
# Pulls every sys_user row (100,000 extra users by default) from a freshly started sandbox through the ServiceNow
# client and prints records/s and the benchmark process's peak working set.
# Usage: bench/servicenow-client/run.sh [extra users] [page size]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
users="${1:-100000}"
page_size="${2:-1000}"

dotnet build -c Release -nologo -v q "$root/src/SnConnectPortal.Sandbox/SnConnectPortal.Sandbox.csproj"
dotnet build -c Release -nologo -v q "$root/bench/servicenow-client/ServiceNowClientBench.csproj"
dotnet "$root/bench/servicenow-client/bin/Release/net10.0/ServiceNowClientBench.dll" \
  "$root/src/SnConnectPortal.Sandbox/bin/Release/net10.0/SnConnectPortal.Sandbox.dll" "$users" "$page_size"
