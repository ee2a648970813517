#!/usr/bin/env bash
# Runs every test of the project: the README's test command, and what CI runs.
# Prepares what the tests need on this machine, then runs Maven's verify phase.
set -euo pipefail
cd "$(dirname "$0")"

# Tests start the application on random ports and write nothing outside target/.
exec mvn -B -ntp verify "$@"
