#!/usr/bin/env bash
# Builds what is needed and starts the whole platform locally on embedded infrastructure. Ctrl-C stops everything.
#   ./platform.sh                  keep the data of the last run (under .local-platform/)
#   ./platform.sh --clean          start from the seed data
#   ./platform.sh --replicas 2     two core replicas behind a local load balancer on the core port
# While it runs, from another terminal (talks to 127.0.0.1:${PLATFORM_ADMIN_PORT:-8099}):
#   ./platform.sh status
#   ./platform.sh stop <component>    postgres, redis, kafka, car-insurance, health-insurance, house-insurance,
#   ./platform.sh start <component>   banking, core-1, core-2, or products (all product services)
set -euo pipefail
cd "$(dirname "$0")"
jar=local-platform/target/local-platform.jar
case "${1:-}" in
  status|stop|start)
    # the admin client needs only the module's classes, not the platform's large jar
    classes=local-platform/target/classes
    if [ ! -f "$classes/de/check24/homewidgets/platform/PlatformCommand.class" ]; then
      echo "$classes is missing: start the platform with ./platform.sh first" >&2
      exit 1
    fi
    exec java -cp "$classes" de.check24.homewidgets.platform.PlatformCommand "$@"
    ;;
esac
# options are checked before the build: a typo must not build and start everything
i=1
while [ "$i" -le "$#" ]; do
  case "${!i}" in
    --clean) ;;
    --replicas)
      i=$((i + 1))
      [[ "${!i:-}" =~ ^[1-9]$ ]] || { echo "--replicas needs a number from 1 to 9" >&2; exit 2; } ;;
    -h|--help) sed -n '2,9p' "$0" | cut -c3-; exit 0 ;;
    *) echo "unknown option: ${!i} (see ./platform.sh --help)" >&2; exit 2 ;;
  esac
  i=$((i + 1))
done
./mvnw -B -q -ntp install -DskipTests
if command -v npm >/dev/null 2>&1; then
  (cd web-client && { [ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error; } && npm run -s build >/dev/null)
else
  echo "npm not found: starting without the web client (the API works all the same)" >&2
fi
exec java -jar "$jar" "$@"
