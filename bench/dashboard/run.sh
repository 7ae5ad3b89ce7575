#!/usr/bin/env bash
# Dashboard benchmark (issue 19): the home dashboard's figures (DashboardQueries.ComputeAsync, the one call every open
# dashboard shares) over 1,000,000 stored messages in the default SQLite configuration, and the database commands
# that 20 open dashboards cause in a minute. Same database and seeding as bench/message-query (its console, mode
# "dashboard"). Usage: bench/dashboard/run.sh [rows=1000000] [iterations=20] [db file | postgres]
# ("postgres": a fresh database on the local PostgreSQL server of scripts/ensure-postgres.sh, dropped afterwards.)
set -euo pipefail
ROWS=${1:-1000000}
ITERATIONS=${2:-20}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
if [ -n "${3:-}" ]; then DB=$3; else WORK=$(mktemp -d); DB="$WORK/messages.db"; trap 'rm -rf "$WORK"' EXIT; fi
dotnet build "$ROOT/bench/message-query/MessageQueryBench.csproj" -c Release -nologo -v q >/dev/null
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; load: $(uptime | sed 's/.*load average: //')"
dotnet "$ROOT/bench/message-query/bin/Release/net10.0/MessageQueryBench.dll" "$DB" "$ROWS" "$ITERATIONS" dashboard
echo "load after: $(uptime | sed 's/.*load average: //')"
