#!/usr/bin/env bash
# Makes a local PostgreSQL server available for the data tests: installed from Debian when missing,
# its cluster started, listening on 127.0.0.1:5432 only, with role portal/portal (CREATEDB, pg_signal_backend).
# Idempotent; run as root on Debian 12. The test command calls it before `dotnet test`.
set -euo pipefail

readonly port=5432
readonly role=portal
readonly password=portal

if [[ $(id -u) -ne 0 ]]; then
  echo "ensure-postgres.sh must run as root (it installs and starts PostgreSQL)." >&2
  exit 1
fi

if ! compgen -G "/usr/lib/postgresql/*/bin/postgres" > /dev/null; then
  echo "Installing PostgreSQL from Debian..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends postgresql
fi

# The highest installed major version (Debian 12 ships 15).
version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)

if ! pg_lsclusters --no-header | awk -v v="$version" '$1 == v && $2 == "main"' | grep -q .; then
  echo "Creating cluster $version/main..."
  pg_createcluster "$version" main --port "$port" -- --auth-local=peer --auth-host=scram-sha-256
fi

# Loopback only, on the expected port, through a drop-in file that Debian's postgresql.conf includes;
# takes effect at the (re)start below.
settings_file="/etc/postgresql/$version/main/conf.d/snconnectportal.conf"
settings=$'listen_addresses = \'127.0.0.1\'\nport = '"$port"
changed=0
if [[ ! -f "$settings_file" || "$(cat "$settings_file")" != "$settings" ]]; then
  mkdir -p "$(dirname "$settings_file")"
  printf '%s\n' "$settings" > "$settings_file"
  changed=1
fi

status=$(pg_lsclusters --no-header | awk -v v="$version" '$1 == v && $2 == "main" { print $4 }')
if [[ "$status" != "online" ]]; then
  echo "Starting cluster $version/main..."
  pg_ctlcluster "$version" main start
elif [[ $changed -eq 1 ]]; then
  echo "Restarting cluster $version/main to apply listen settings..."
  pg_ctlcluster "$version" main restart
fi

for _ in $(seq 1 60); do
  if pg_isready -q -h 127.0.0.1 -p "$port"; then
    break
  fi
  sleep 0.5
done
if ! pg_isready -q -h 127.0.0.1 -p "$port"; then
  echo "PostgreSQL did not accept connections on 127.0.0.1:$port within 30 s." >&2
  exit 1
fi

exists=$(su postgres -c "psql -p $port -tAc \"select 1 from pg_roles where rolname = '$role'\"")
if [[ "$exists" != "1" ]]; then
  echo "Creating role $role..."
  su postgres -c "psql -p $port -qc \"create role $role with login createdb password '$password'\""
fi
# Tests drop their databases WITH (FORCE); after a bulk load an autovacuum worker (which belongs to no role) may be in
# one, and ending it needs pg_signal_backend ("must be a member of the role whose process is being terminated").
su postgres -c "psql -p $port -qc \"set client_min_messages = warning; grant pg_signal_backend to $role\""

echo "PostgreSQL $version is ready on 127.0.0.1:$port (role $role)."
