#!/usr/bin/env bash
# Builds what is needed and starts the whole platform on embedded infrastructure. Ctrl-C stops everything.
#   ./platform.sh           keep the data of the last run (under .local-platform/)
#   ./platform.sh --clean   start from the seed data
set -euo pipefail
cd "$(dirname "$0")"
./mvnw -B -q -ntp install -DskipTests
exec java -jar local-platform/target/local-platform.jar "$@"
