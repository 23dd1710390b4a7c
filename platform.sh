#!/usr/bin/env bash
# Builds what is needed and starts the whole platform on embedded infrastructure. Ctrl-C stops everything.
#   ./platform.sh           keep the data of the last run (under .local-platform/)
#   ./platform.sh --clean   start from the seed data
set -euo pipefail
cd "$(dirname "$0")"
./mvnw -B -q -ntp install -DskipTests
if command -v npm >/dev/null 2>&1; then
  (cd web-client && { [ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error; } && npm run -s build >/dev/null)
else
  echo "npm not found: starting without the web client (the API works all the same)" >&2
fi
exec java -jar local-platform/target/local-platform.jar "$@"
