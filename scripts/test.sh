#!/usr/bin/env bash
# Runs the whole test suite on a fresh Debian machine: installs what the tests need when missing (Debian's
# chromium for the browser tests, postgresql for the server-database tests, python3-aiosmtpd for the alert emails,
# nginx-light for the multi-node tests), starts PostgreSQL on 127.0.0.1, builds the solution and runs every test
# project. Prints "N passed, N failed, N skipped" last.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  echo "== installing chromium (browser tests)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

if ! /usr/bin/python3 -c "import aiosmtpd" >/dev/null 2>&1; then
  echo "== installing python3-aiosmtpd (the alert tests' SMTP server on loopback)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-aiosmtpd >/dev/null
fi

if ! command -v /usr/sbin/nginx >/dev/null 2>&1; then
  echo "== installing nginx-light (the load balancer in front of several portal nodes)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null
fi

echo "== PostgreSQL on 127.0.0.1:5432"
bash scripts/ensure-postgres.sh

echo "== build"
dotnet build SnConnectPortal.sln -c Release -warnaserror -nologo -v quiet

echo "== publish (a browser test runs the published portal in Production, as it is deployed)"
rm -rf artifacts/publish
dotnet publish src/SnConnectPortal.Web -c Release --no-build -o artifacts/publish -nologo -v quiet

echo "== test"
log=$(mktemp)
set +e
# A test that runs 10 minutes is hung (dumped and failed); the every-control crawl, the longest, takes about 6.
dotnet test SnConnectPortal.sln -c Release --no-build --nologo --blame-hang-timeout 10m "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line for the whole suite, summed over the test assemblies; an aborted run (a crashed or hung test
# host) counts as a failure, since its remaining tests never ran.
awk '/(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+/ {
       gsub(",", ""); f += $4; p += $6; s += $8; n++ }
     /^Test Run Aborted/ { f++; aborted++ }
     END { if (n == 0) { print "0 passed, 1 failed (no test assembly reported)"; exit 1 }
           printf "%d passed, %d failed, %d skipped\n", p, f, s
           if (f > 0) exit 1 }' "$log" || status=1
rm -f "$log"
exit "$status"
