#!/usr/bin/env bash
# Message query benchmark (issue 8): the message view's filtered first page (connection + status + last 24 h, and
# a few neighbours) over 1,000,000 messages in the default SQLite configuration, through MessageQuery.PageAsync,
# timed many times; prints p50/p95. Usage: bench/message-query/run.sh [rows=1000000] [iterations=200] [db file]
# The database is created in a temporary folder and removed afterwards unless a db file is given (then reused).
set -euo pipefail
ROWS=${1:-1000000}
ITERATIONS=${2:-200}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
if [ -n "${3:-}" ]; then DB=$3; else WORK=$(mktemp -d); DB="$WORK/messages.db"; trap 'rm -rf "$WORK"' EXIT; fi
dotnet build "$ROOT/bench/message-query/MessageQueryBench.csproj" -c Release -nologo -v q >/dev/null
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; load: $(uptime | sed 's/.*load average: //')"
dotnet "$ROOT/bench/message-query/bin/Release/net10.0/MessageQueryBench.dll" "$DB" "$ROWS" "$ITERATIONS"
echo "load after: $(uptime | sed 's/.*load average: //')"
