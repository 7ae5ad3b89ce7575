#!/usr/bin/env bash
# Imports every sys_user row (100,000 extra users by default) of a freshly started sandbox into a fresh SQLite file
# (or a fresh database on the local PostgreSQL server, scripts/ensure-postgres.sh) with the portal's user importer,
# then an incremental import after 100 users change, then a second full import. Prints wall time, users/s and the
# importing process's peak working set.
# Usage: bench/user-import/run.sh [extra users=100000] [page size=1000] [Sqlite|Postgres]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
dotnet build -c Release -nologo -v q "$root/bench/user-import/UserImportBench.csproj"
dotnet "$root/bench/user-import/bin/Release/net10.0/UserImportBench.dll" "${1:-100000}" "${2:-1000}" "${3:-Sqlite}"
