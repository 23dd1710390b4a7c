#!/usr/bin/env bash
# The chaos scenario (issue 13): readers, buyers and live screens run against a local platform with two core
# replicas while Redis, Kafka, one product, core-1 and all products are stopped and started in turn; then it checks
# for undesigned errors, lost contracts and lost invalidations and prints the recovery time per fault.
#   scripts/chaos.sh                      long version (each fault held 30 s; about 10-15 minutes)
#   scripts/chaos.sh --short              a few seconds per fault (what CI runs; about 3-4 minutes with the start)
#   scripts/chaos.sh --docs docs/resilience.md   also writes the report and its chart there
#   scripts/chaos.sh --no-build           use the jars already built (needed while a platform from this checkout runs:
#                                         rebuilding replaces the jars under it)
# It uses the platform answering on PLATFORM_ADMIN_PORT (then HOME_JWT_SECRET or $PLATFORM_HOME/secrets.env must give
# its user-token secret), or starts one itself on the PLATFORM_* ports (defaults 8000, 8010-8011, 8001-8004, ...) and
# stops it at the end. Exit code 0 only when the run passed. Results: load-tests/target/chaos/<time>/.
set -euo pipefail
cd "$(dirname "$0")/.."
build=1
args=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    --short|--docs) args+=("$arg") ;;
    -h|--help) sed -n '2,13p' "$0" | cut -c3-; exit 0 ;;
    *) if [ "${args[${#args[@]}-1]:-}" = "--docs" ]; then args+=("$arg"); else
         echo "unknown option: $arg (see scripts/chaos.sh --help)" >&2; exit 2; fi ;;
  esac
done
# package, never install: the local Maven repository is shared with other checkouts
if [ "$build" = 1 ]; then
  ./mvnw -B -q -ntp package -DskipTests -DskipWeb
fi
./mvnw -B -q -ntp -pl load-tests dependency:build-classpath -Dmdep.outputFile=target/classpath.txt \
  -Dmdep.includeScope=runtime >/dev/null
# Gatling reads java.lang internals (as its Maven plugin allows them)
exec java -Xmx1g --add-opens java.base/java.lang=ALL-UNNAMED \
  -cp "load-tests/target/classes:$(cat load-tests/target/classpath.txt)" \
  de.check24.homewidgets.load.chaos.ChaosRun "${args[@]}"
