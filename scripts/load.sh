#!/usr/bin/env bash
# Load tests (issue 13): Gatling simulations against the local platform, each writing its HTML report.
#   scripts/load.sh                       HomeReaders, Buyers and LiveScreens in turn
#   scripts/load.sh HomeReaders           one of them
#   scripts/load.sh -Dload.duration=120 -Dload.readersPerSecond=30 HomeReaders    bigger (see LoadSettings)
#   scripts/load.sh --no-build ...        use the jars already built (needed while a platform from this checkout
#                                         runs: rebuilding replaces the jars under it)
# It uses the platform answering on PLATFORM_ADMIN_PORT (the user-token secret from HOME_JWT_SECRET or
# $PLATFORM_HOME/secrets.env, which the platform writes), or starts one with two core replicas on the PLATFORM_*
# ports and stops it at the end. Only 127.0.0.1 is targeted. Exit code 0 only when every simulation's assertions
# held (P95 < 50 ms on hits, < 300 ms on misses, the burst of concurrent requests without an error, no failures).
# Reports: load-tests/target/gatling/<simulation>-<time>/index.html
set -euo pipefail
cd "$(dirname "$0")/.."
build=1
simulations=()
properties=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    -D*) properties+=("$arg") ;;
    HomeReaders|Buyers|LiveScreens) simulations+=("$arg") ;;
    -h|--help) sed -n '2,14p' "$0" | cut -c3-; exit 0 ;;
    *) echo "unknown argument: $arg (see scripts/load.sh --help)" >&2; exit 2 ;;
  esac
done
[ "${#simulations[@]}" -gt 0 ] || simulations=(HomeReaders Buyers LiveScreens)
export PLATFORM_HOME="${PLATFORM_HOME:-$PWD/.local-platform}"
case "$PLATFORM_HOME" in /*) ;; *) PLATFORM_HOME="$PWD/$PLATFORM_HOME" ;; esac
admin="http://127.0.0.1:${PLATFORM_ADMIN_PORT:-8099}/components"
core="http://127.0.0.1:${PLATFORM_CORE_PORT:-8000}"

# package, never install: the local Maven repository is shared with other checkouts
if [ "$build" = 1 ]; then
  ./mvnw -B -q -ntp package -DskipTests -DskipWeb
fi

platform_pid=""
stop_platform() {
  if [ -n "$platform_pid" ] && kill -0 "$platform_pid" 2>/dev/null; then
    echo "stopping the platform this script started (pid $platform_pid)"
    kill -TERM "$platform_pid"
    wait "$platform_pid" || true
  fi
}
trap stop_platform EXIT

if curl -fsS -m 5 -H 'X-Platform-Admin: 1' "$admin" >/dev/null 2>&1; then
  echo "using the platform running at $core"
else
  if [ -z "${HOME_JWT_SECRET:-}" ]; then
    HOME_JWT_SECRET=$(head -c 48 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
    export HOME_JWT_SECRET
  fi
  mkdir -p "$PLATFORM_HOME"
  log="$PLATFORM_HOME/load-platform.log"
  echo "starting a platform with two core replicas (log $log)"
  java -jar local-platform/target/local-platform.jar --replicas 2 --clean >"$log" 2>&1 &
  platform_pid=$!
  for _ in $(seq 1 180); do
    if ! kill -0 "$platform_pid" 2>/dev/null; then echo "the platform did not start; see $log" >&2; exit 1; fi
    status=$(curl -fsS -m 5 -H 'X-Platform-Admin: 1' "$admin" 2>/dev/null || true)
    if [ -n "$status" ] && ! grep -q -e stopped -e '(down)' <<<"$status" && grep -q 'load balancer' <<<"$status"; then
      break
    fi
    sleep 2
  done
  curl -fsS -m 5 "$core/health" >/dev/null || { echo "the platform was not ready in 6 minutes; see $log" >&2; exit 1; }
fi

failed=()
for simulation in "${simulations[@]}"; do
  echo "== $simulation"
  if ! ./mvnw -B -ntp -o -pl load-tests gatling:test \
      -Dgatling.simulationClass="de.check24.homewidgets.load.simulation.$simulation" \
      -Dload.coreUrl="$core" -Dload.journal="$PWD/load-tests/target/load-journal.jsonl" \
      ${properties[@]+"${properties[@]}"}; then
    failed+=("$simulation")
  fi
  latest=$(ls -dt load-tests/target/gatling/"$(tr '[:upper:]' '[:lower:]' <<<"$simulation")"-* 2>/dev/null | head -1)
  echo "report: $latest/index.html"
done
if [ "${#failed[@]}" -gt 0 ]; then
  echo "assertions failed in: ${failed[*]}" >&2
  exit 1
fi
echo "every simulation's assertions held"
