#!/usr/bin/env bash
# Adds or regenerates an EF Core migration for every provider (SQLite, PostgreSQL, SQL Server) in one command,
# with the dotnet-ef tool of .config/dotnet-tools.json. No database is needed: dotnet ef compares the model with
# each provider project's model snapshot.
#
#   scripts/migrations.sh add <Name>    a new migration <Name> in each provider project
#   scripts/migrations.sh regenerate    replace every provider's migrations with one generated "Initial"
#                                       (only while the portal is unreleased: it discards the migration history)
set -euo pipefail
cd "$(dirname "$0")/.."

providers=(Sqlite Postgres SqlServer)

usage() {
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
}

dotnet tool restore >/dev/null
for provider in "${providers[@]}"; do
  dotnet restore "src/SnConnectPortal.Data.$provider" --nologo -v quiet
done

ef() {
  local provider=$1
  shift
  local project="src/SnConnectPortal.Data.$provider"
  # The provider project is also the startup project: its DesignTimePortalDbContextFactory builds the context.
  dotnet dotnet-ef "$@" --project "$project" --startup-project "$project" --configuration Release
}

case "${1:-}" in
  add)
    [[ $# -eq 2 && $2 =~ ^[A-Z][A-Za-z0-9]*$ ]] || { echo "add needs one PascalCase migration name" >&2; usage; }
    for provider in "${providers[@]}"; do
      echo "== $provider: add $2"
      ef "$provider" migrations add "$2" --output-dir Migrations
    done
    ;;
  regenerate)
    [[ $# -eq 1 ]] || usage
    for provider in "${providers[@]}"; do
      echo "== $provider: regenerate Initial"
      rm -rf "src/SnConnectPortal.Data.$provider/Migrations"
      ef "$provider" migrations add Initial --output-dir Migrations
    done
    ;;
  *)
    usage
    ;;
esac
