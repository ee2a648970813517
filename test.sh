#!/usr/bin/env bash
# Runs every test of the project: the README's test command, and what CI runs.
# Prepares what the tests need on this machine (PostgreSQL 15, Debian's Chromium, the npm
# packages), then runs Maven's verify phase.
set -euo pipefail
cd "$(dirname "$0")"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=""
apt_install() {
  [ -n "$apt_updated" ] || { as_root apt-get update -qq; apt_updated=yes; }
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# PostgreSQL: the journey on PostgreSQL and the two-node cluster test use it.
command -v pg_ctlcluster >/dev/null || apt_install postgresql-15
pg_lsclusters -h | grep -q '^15 *main' || as_root pg_createcluster 15 main >/dev/null
pg_lsclusters -h | grep -q '^15 *main .*online' || as_root pg_ctlcluster 15 main start
for _ in $(seq 1 30); do pg_isready -q -h localhost -p 5432 && break; sleep 1; done
psql_admin() { as_root su postgres -c "psql -v ON_ERROR_STOP=1 -qtAc \"$1\""; }
[ "$(psql_admin "SELECT 1 FROM pg_roles WHERE rolname = 'serviceaccounts'")" = "1" ] \
  || psql_admin "CREATE ROLE serviceaccounts LOGIN PASSWORD 'serviceaccounts'"
for db in serviceaccounts_test serviceaccounts_cluster serviceaccounts_cockpit; do
  psql_admin "DROP DATABASE IF EXISTS $db WITH (FORCE)"
  psql_admin "CREATE DATABASE $db OWNER serviceaccounts"
done

# Browser tests: Debian's Chromium (never a downloaded browser) and playwright-core from npm.
command -v chromium >/dev/null || apt_install chromium
[ -d node_modules/playwright-core ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund --loglevel=error

mvn -B -ntp verify \
  -Dpostgres.url=jdbc:postgresql://localhost:5432/serviceaccounts_test \
  -Dpostgres.cluster-url=jdbc:postgresql://localhost:5432/serviceaccounts_cluster \
  -Dpostgres.cockpit-url=jdbc:postgresql://localhost:5432/serviceaccounts_cockpit \
  "$@"

# The browser journeys in Debian's Chromium, against the packaged application on its local default.
node e2e/run.mjs

# The Dockerfile's own steps, outside Docker (no engine here), up to a ready application.
bash scripts/dockerfile-steps.sh
