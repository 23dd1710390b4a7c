#!/usr/bin/env bash
# Cold users against the real product services: every request is a user the core has never seen, from a client
# address of its own, at 1, 4, 16 and 64 connections. Prints misses/s, P50/P99, timeouts and how many answers were
# provisional (the generic home while the products had no capacity), next to each product's own latency measured in
# the same run and the figures of the build before this round (issue 16's table).
#
# Starts the local platform (embedded PostgreSQL, Redis, Kafka, the four product services and the core, from the
# built jars) on shifted ports, and stops it again. Needs a JDK 17 and wrk (apt-get install -y wrk).
#
#   bench/miss-bench.sh                    # DURATION=20s per level, after WARMUP=60s of misses at 4 connections
#   LEVELS="1 16" DURATION=10s bench/miss-bench.sh
#   PAIRS=5 bench/miss-bench.sh            # the cold home at 1 connection and its floor in turn this many times
#                                          # (default 3): what the core adds in each pair and the median
#   CORE_JAVA_OPTIONS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -Xmx512m" bench/miss-bench.sh
#                                          # the core's JVM options (default -Xms512m -Xmx512m: C2 and G1, as in
#                                          # production; the example is the local platform's quick start)
#   PROFILE=1 bench/miss-bench.sh          # also flame graphs of the miss path (async-profiler): wall clock per
#                                          # thread at 1 connection, CPU and allocations at 16
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/bench
WORK=$BENCH/target/miss
DURATION=${DURATION:-20s}
LEVELS=${LEVELS:-"1 4 16 64"}
PAIRS=${PAIRS:-3}
THREADS=${THREADS:-2}
TIMEOUT=${TIMEOUT:-2s}
BASE=${BASE_PORT:-28000}
export PLATFORM_CORE_PORT=$BASE PLATFORM_CORE_REPLICA_PORT=$((BASE + 10)) PLATFORM_FIRST_PRODUCT_PORT=$((BASE + 1)) \
	PLATFORM_CORE_MANAGEMENT_PORT=$((BASE + 1000)) PLATFORM_FIRST_PRODUCT_MANAGEMENT_PORT=$((BASE + 1001)) \
	PLATFORM_POSTGRES_PORT=$((BASE + 2432)) PLATFORM_REDIS_PORT=$((BASE + 2379)) PLATFORM_KAFKA_PORT=$((BASE + 2092)) \
	PLATFORM_WEB_PORT=$((BASE + 3000)) PLATFORM_ADMIN_PORT=$((BASE + 99)) PLATFORM_HOME=$WORK/platform
# the core as in production (C2 and G1), not on the platform's quick-start settings (C1 only, serial GC) the products
# keep: five JVMs compiling with C2 at once would hold this machine's two cores for minutes
export PLATFORM_CORE_JAVA_OPTIONS=${CORE_JAVA_OPTIONS:-"-Xms512m -Xmx512m"}
CORE=http://127.0.0.1:$BASE
PRODUCTS=(car-insurance health-insurance house-insurance banking)

PLATFORM_PID=
cleanup() {
	if [[ -n "$PLATFORM_PID" ]]; then
		kill "$PLATFORM_PID" 2>/dev/null || true
		wait "$PLATFORM_PID" 2>/dev/null || true
	fi
}
trap cleanup EXIT
say() { printf '\n== %s\n' "$*"; }

command -v wrk >/dev/null || { echo "needs wrk: apt-get install -y wrk" >&2; exit 1; }
mkdir -p "$WORK"
ulimit -n 65536 2>/dev/null || true
cd "$ROOT"
if [[ ! -f local-platform/target/local-platform.jar || -n "${REBUILD:-}" ]]; then
	say "building the jars"
	./mvnw -B -q -ntp package -DskipTests -DskipWeb
fi
if [[ ! -s "$WORK/test.classpath" ]]; then
	./mvnw -B -q -ntp -pl core-service dependency:build-classpath -Dmdep.includeScope=test \
		-Dmdep.outputFile="$WORK/test.classpath"
fi

# the platform takes its secrets from the environment when they are set: the bench can then mint tokens too
export HOME_JWT_SECRET
HOME_JWT_SECRET=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
export HOME_SERVICE_SIGNING_KEYS
HOME_SERVICE_SIGNING_KEYS=$(java deploy/NewSigningKeys.java)
# the spec's rate limits stay on; every request comes from an address and a user of its own, as from a crowd
say "starting the local platform on ports $BASE.."
java -jar local-platform/target/local-platform.jar --clean >"$WORK/platform.log" 2>&1 &
PLATFORM_PID=$!
for _ in $(seq 1 600); do
	curl -fsS -o /dev/null "$CORE/health" 2>/dev/null && grep -q "Home Widgets is running" "$WORK/platform.log" && break
	kill -0 "$PLATFORM_PID" 2>/dev/null || { tail -50 "$WORK/platform.log" >&2; exit 1; }
	sleep 1
done
CLASSPATH_ARGS=(-cp "$(cat "$WORK/test.classpath")")
tokens() { java "${CLASSPATH_ARGS[@]}" "$BENCH/BenchTokens.java" "$@"; }

run_wrk() { # name, connections, lua, url
	local threads=$THREADS
	((threads > $2)) && threads=$2
	wrk -t"$threads" -c"$2" -d"$DURATION" --timeout "$TIMEOUT" --latency -s "$3" "$4" -- "$threads" \
		>"$WORK/wrk-$1.txt" 2>&1 || true
}
# shellcheck source=wrk-figures.sh
source "$BENCH/wrk-figures.sh"
timeouts() { awk '/Socket errors/ {gsub(",", ""); t = $NF + 0} END {print t + 0}' "$WORK/wrk-$1.txt"; }
non2xx() { awk '/Non-2xx/ {n = $5 + 0} END {print n + 0}' "$WORK/wrk-$1.txt"; }
provisional() { awk '/provisional answers/ {print $3}' "$WORK/wrk-$1.txt"; }

say "each product alone: its own latency for new users, 1 connection and 16"
first=5000000
for i in "${!PRODUCTS[@]}"; do
	key=${PRODUCTS[$i]}
	tokens product "$HOME_SERVICE_SIGNING_KEYS" "$key" $((first + i * 100000)) 60000 "$WORK/$key.lua"
	DURATION=${PRODUCT_DURATION:-8s} run_wrk "$key-1" 1 "$WORK/$key.lua" "http://127.0.0.1:$((BASE + 1 + i))"
	DURATION=${PRODUCT_DURATION:-8s} run_wrk "$key-16" 16 "$WORK/$key.lua" "http://127.0.0.1:$((BASE + 1 + i))"
done

# C2 on two busy cores needs about a minute of misses: with 20 s the first pairs still ran on colder code
say "warming the core's miss path (JIT), 4 connections, ${WARMUP:-60s}"
tokens users "$HOME_JWT_SECRET" 1000000 20000 "$WORK/warmup.lua"
DURATION=${WARMUP:-60s} run_wrk warmup 4 "$WORK/warmup.lua" "$CORE"

# shellcheck source=async-profiler.sh
source "$BENCH/async-profiler.sh"
[[ -z "${PROFILE:-}" ]] || CORE_PID=$(pgrep -f "core-service-.*\.jar" | head -1)

first=2000000
for level in $LEVELS; do
	say "cold users, $level connection(s), $DURATION"
	tokens users "$HOME_JWT_SECRET" "$first" 60000 "$WORK/cold-$level.lua"
	first=$((first + 100000))
	if [[ -n "${PROFILE:-}" && $level == 1 ]]; then
		# where one cold home's time goes, per thread, against the real products
		profile "$CORE_PID" start wall,threads 200us
		run_wrk "cold-$level" "$level" "$WORK/cold-$level.lua" "$CORE"
		profile "$CORE_PID" stop "$BENCH/results/miss-real-wall.html"
	elif [[ -n "${PROFILE:-}" && $level == 16 ]]; then
		profile "$CORE_PID" start itimer 1ms
		run_wrk "cold-$level" "$level" "$WORK/cold-$level.lua" "$CORE"
		profile "$CORE_PID" stop "$BENCH/results/miss-cpu.html"
		tokens users "$HOME_JWT_SECRET" "$first" 60000 "$WORK/cold-alloc.lua"
		first=$((first + 100000))
		profile "$CORE_PID" start alloc
		DURATION=10s run_wrk cold-alloc "$level" "$WORK/cold-alloc.lua" "$CORE"
		profile "$CORE_PID" stop "$BENCH/results/miss-alloc.html"
	else
		run_wrk "cold-$level" "$level" "$WORK/cold-$level.lua" "$CORE"
	fi
	if [[ $level == 1 ]]; then
		urls=()
		for i in "${!PRODUCTS[@]}"; do urls+=("${PRODUCTS[$i]}=http://127.0.0.1:$((BASE + 1 + i))"); done
		# the floor and the cold home in turn, PAIRS times: one pair says little when the host's load moves
		for pair in $(seq 1 "$PAIRS"); do
			if ((pair > 1)); then
				say "cold users, 1 connection, pair $pair of $PAIRS"
				tokens users "$HOME_JWT_SECRET" "$first" 60000 "$WORK/cold-1-$pair.lua"
				first=$((first + 100000))
				run_wrk "cold-1-$pair" 1 "$WORK/cold-1-$pair.lua" "$CORE"
			fi
			say "the floor of a cold home: every product asked in parallel for a new user, without the core, 1 at a time"
			java "${CLASSPATH_ARGS[@]}" "$BENCH/BenchFanOut.java" "$HOME_SERVICE_SIGNING_KEYS" \
				$((7000000 + pair * 100000)) "${DURATION%s}" "${urls[@]}" | tee "$WORK/fan-out-$pair.txt"
		done
	fi
done

{
	printf '\ncold users against the real products (every request a new user and client address)\n'
	printf '%-12s %10s %10s %10s %10s %10s %12s\n' "connections" "misses/s" "P50" "P99" "timeouts" "non-2xx" \
		"provisional"
	for level in $LEVELS; do
		printf '%-12s %10s %10s %10s %10s %10s %12s\n' "$level" "$(rps "cold-$level")" "$(pct "cold-$level" 50)" \
			"$(pct "cold-$level" 99)" "$(timeouts "cold-$level")" "$(non2xx "cold-$level")" \
			"$(provisional "cold-$level")"
	done
	if [[ -s "$WORK/fan-out-1.txt" ]]; then
		printf '\nat 1 connection, the cold home against its floor (the products in parallel without the core), in turn\n'
		added=()
		for pair in $(seq 1 "$PAIRS"); do
			floor=$(sed -n 's/.*P50 \([0-9.]*\)ms.*/\1/p' "$WORK/fan-out-$pair.txt")
			home=$(ms "$(pct "cold-1$([[ $pair == 1 ]] || echo "-$pair")" 50)")
			added+=("$(awk -v h="$home" -v f="$floor" 'BEGIN { printf "%.1f", h - f }')")
			printf '  pair %d: floor P50 %s ms, cold home P50 %s ms, the core adds %s ms\n' "$pair" "$floor" "$home" \
				"${added[-1]}"
		done
		printf 'median the core adds over %d pairs: %s ms\n' "$PAIRS" "$(median "${added[@]}")"
	fi
	printf '\nthe build before this round (issue 16, same machine): 1 conn 11.4/s P50 80 ms (before JIT warm-up);'
	printf ' 2 conns 37.9/s P50 59 ms; 16 conns 56.3/s P50 340 ms P99 929 ms; 64 conns 14.7/s, 221 timeouts\n'
	printf '\neach product alone, new users\n'
	printf '%-18s %10s %10s %12s %10s\n' "product" "P50 (1)" "P99 (1)" "req/s (16)" "P50 (16)"
	for key in "${PRODUCTS[@]}"; do
		printf '%-18s %10s %10s %12s %10s\n' "$key" "$(pct "$key-1" 50)" "$(pct "$key-1" 99)" "$(rps "$key-16")" \
			"$(pct "$key-16" 50)"
	done
	echo "$(nproc) cores, load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$WORK/results.txt"
