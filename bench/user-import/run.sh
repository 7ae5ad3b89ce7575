#!/usr/bin/env bash
# Imports every sys_user row (100,000 extra users by default) of a freshly started sandbox into a fresh SQLite file
# with the portal's user importer, then an incremental import after 100 users change. Prints wall time, users/s and
# the importing process's peak working set.
# Usage: bench/user-import/run.sh [extra users] [page size]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
dotnet build -c Release -nologo -v q "$root/bench/user-import/UserImportBench.csproj"
dotnet "$root/bench/user-import/bin/Release/net10.0/UserImportBench.dll" "${1:-100000}" "${2:-1000}"
