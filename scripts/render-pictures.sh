#!/usr/bin/env bash
# Regenerates every picture of the README:
#   docs/process.svg, docs/process.png        the process diagram (scripts/render-diagram.mjs, bpmn-js)
#   docs/lifecycle.svg, docs/lifecycle.png    the lifecycle diagram
#   docs/tasklist-start-form.png              Tasklist screenshots taken by the browser tests (e2e/):
#   docs/tasklist-approval-form.png             start form, manager's approval form, and the owner's
#   docs/tasklist-validation-form.png           validation form with its evidence (roles held)
# Needs Java 17, Maven, Node 20 and Debian's /usr/bin/chromium (never a downloaded browser).
# Builds the jar first when it is missing or older than the sources.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=target/servicenow-service-accounts-0.1.0-SNAPSHOT.jar
if [ ! -f "$jar" ] || [ -n "$(find pom.xml src processes forms -newer "$jar" -type f -print -quit)" ]; then
  mvn -B -ntp -q -DskipTests package
fi
[ -d node_modules/playwright-core ] && [ node_modules/.package-lock.json -nt package-lock.json ] \
  || npm ci --no-audit --no-fund --loglevel=error

node scripts/render-diagram.mjs
node scripts/render-diagram.mjs processes/serviceAccountLifecycle.bpmn docs lifecycle
node e2e/run.mjs

shots=target/e2e-screenshots
pick() { # journey step target
  local source
  source=$(find "$shots/$1" -name "[0-9][0-9]-$2.png" | sort | head -n 1)
  [ -n "$source" ] || { echo "no screenshot $shots/$1/NN-$2.png" >&2; exit 1; }
  cp "$source" "docs/$3"
  echo "docs/$3 <- $source"
}
pick main-journey start-form-filled tasklist-start-form.png
pick main-journey approval-form tasklist-approval-form.png
pick more-access validation-form-with-cmdb-read tasklist-validation-form.png
