#!/usr/bin/env bash
# Runs the data-layer tests against a SQL Server (or Azure SQL) the caller names; no SQL Server can run on the build
# machines, so scripts/test.sh never includes these cases. The login must be allowed to create and drop databases:
# every test creates its own uniquely named database and drops it afterwards.
#
#   SNCP_TEST_SQLSERVER='Server=sql.internal;User ID=portal_test;Password=...;TrustServerCertificate=True' scripts/test-sqlserver.sh
#
# Runs every data-layer test whose name or case names SQL Server: the offline ones (migrations match the model, the
# idempotent script, the SQL shapes) and, against the server, the migrated schema compared with the model, re-running
# migrations, timestamps, the row writers, the outbox claim (including two claims at once) and the readiness check.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -z "${SNCP_TEST_SQLSERVER:-}" ]]; then
  echo "Set SNCP_TEST_SQLSERVER to a SQL Server connection string (see the comment at the top of $0)." >&2
  exit 2
fi

dotnet build tests/SnConnectPortal.Data.Tests -c Release -warnaserror -nologo -v quiet
dotnet test tests/SnConnectPortal.Data.Tests -c Release --no-build --nologo --filter "DisplayName~SqlServer"
