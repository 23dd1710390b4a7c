#!/usr/bin/env bash
# Benchmarks the core's GET /home against nginx serving the same bytes as a static file, the spec's GraphQL query
# against GET /home, and the cache miss against the slowest product's own latency, all in one run.
#
# Starts (and stops again) everything it needs on 127.0.0.1: the tests' embedded Redis, four stub product services,
# the core jar as production runs it (default profile: secrets given, JSON logs, the spec's rate limiter counting in
# Redis, trace sampling on) and nginx. Needs a JDK 17, curl, and nginx + wrk (Debian: apt-get install -y nginx wrk).
#
#   bench/home-bench.sh              # build the core jar if missing, then measure
#   REBUILD=1 bench/home-bench.sh    # rebuild the jar first
#   DURATION=30s USERS=5000 bench/home-bench.sh
#   ROUNDS=9 bench/home-bench.sh     # core and nginx at 64 connections in turn this many times (default 5): the
#                                    # P99 ratio of each pair and their median; each run after PRELOAD (3 s) of the
#                                    # same load; then the core's first 2 s after 10 s without requests
#   PROFILE=1 bench/home-bench.sh    # also flame graphs (async-profiler 4.1) into bench/results/: the hit path's
#                                    # CPU, allocations and wall clock per thread, the miss path's CPU and wall clock
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/bench
WORK=$BENCH/target
DURATION=${DURATION:-10s}
USERS=${USERS:-1000}
CONNECTIONS=${CONNECTIONS:-64}
MANY_CONNECTIONS=${MANY_CONNECTIONS:-1000}
THREADS=${THREADS:-2}
CORE_PORT=${CORE_PORT:-18000}
NGINX_PORT=${NGINX_PORT:-18080}
REDIS_PORT=${REDIS_PORT:-16379}
STUB_PORT=${STUB_PORT:-18101}
SLOW_MS=${SLOW_MS:-200}
# the core's JVM options: a fixed heap; the collector is the JVM's default, as in the Dockerfile
CORE_JAVA_OPTIONS=${CORE_JAVA_OPTIONS:-"-Xms512m -Xmx512m"}

PIDS=()
cleanup() { # newest first: nginx, core, then what the core depends on
	for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
		kill "${PIDS[i]}" 2>/dev/null || true
	done
	wait 2>/dev/null || true
}
trap cleanup EXIT

say() { printf '\n== %s\n' "$*"; }

wait_for() { # url, attempts of 0.5 s
	for _ in $(seq 1 "${2:-120}"); do
		curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
		sleep 0.5
	done
	echo "timed out waiting for $1" >&2
	return 1
}

command -v wrk >/dev/null && command -v nginx >/dev/null || {
	echo "needs wrk and nginx: apt-get install -y nginx wrk" >&2
	exit 1
}
mkdir -p "$WORK/www" "$WORK/nginx/logs"
ulimit -n 65536 2>/dev/null || true

cd "$ROOT"
JAR=$(ls core-service/target/core-service-*.jar 2>/dev/null | grep -v original | head -1 || true)
if [[ -z "$JAR" || -n "${REBUILD:-}" ]]; then
	say "building core-service"
	./mvnw -B -q -ntp -pl core-service -am package -DskipTests -DskipWeb
	JAR=$(ls core-service/target/core-service-*.jar | grep -v original | head -1)
fi
if [[ ! -s "$WORK/test.classpath" ]]; then
	./mvnw -B -q -ntp -pl core-service dependency:build-classpath -Dmdep.includeScope=test \
		-Dmdep.outputFile="$WORK/test.classpath"
fi

say "starting Redis :$REDIS_PORT, stub products :$STUB_PORT.., core :$CORE_PORT"
java -cp "$(cat "$WORK/test.classpath")" "$BENCH/BenchRedis.java" "$REDIS_PORT" >"$WORK/redis.log" 2>&1 &
PIDS+=($!)
# no Nagle delay on the stubs' small answers: the slow product must take its delay, not 40 ms more
java -Dsun.net.httpserver.nodelay=true "$BENCH/BenchStubs.java" "$STUB_PORT" >"$WORK/stubs.log" 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$STUB_PORT/widget/car-insurance"
for _ in $(seq 1 60); do (exec 3<>"/dev/tcp/127.0.0.1/$REDIS_PORT") 2>/dev/null && break; sleep 0.5; done

# Production's settings (no local profile): the secrets are this run's own. The rate limiter stays on and counts
# every request in Redis; its limits are raised so the figures measure serving, not refusing (1000 users rotated at
# tens of thousands of requests a second would be far over 100 a minute each).
random() { head -c 32 /dev/urandom | base64 | tr -d '\n/+='; }
export HOME_JWT_SECRET HOME_SERVICE_SIGNING_KEYS
HOME_JWT_SECRET=$(random)$(random)
HOME_SERVICE_SIGNING_KEYS=$(java deploy/NewSigningKeys.java)
ISSUER=home-widgets-identity
env SERVER_PORT="$CORE_PORT" MANAGEMENT_PORT=$((CORE_PORT + 1000)) REDIS_HOST=127.0.0.1 REDIS_PORT="$REDIS_PORT" \
	KAFKA_BROKER=127.0.0.1:9 HOME_JWT_ISSUER=$ISSUER \
	HOME_RATE_LIMIT_PER_USER=1000000000 HOME_RATE_LIMIT_PER_IP=1000000000 \
	CAR_INSURANCE_SERVICE_URL="http://127.0.0.1:$STUB_PORT" CAR_INSURANCE_SERVICE_TOKEN="$(random)" \
	HEALTH_INSURANCE_SERVICE_URL="http://127.0.0.1:$((STUB_PORT + 1))" HEALTH_INSURANCE_SERVICE_TOKEN="$(random)" \
	HOUSE_INSURANCE_SERVICE_URL="http://127.0.0.1:$((STUB_PORT + 2))" HOUSE_INSURANCE_SERVICE_TOKEN="$(random)" \
	BANKING_SERVICE_URL="http://127.0.0.1:$((STUB_PORT + 3))" BANKING_SERVICE_TOKEN="$(random)" \
	java $CORE_JAVA_OPTIONS -jar "$JAR" --home.events.enabled=false >"$WORK/core.log" 2>&1 &
CORE_PID=$!
PIDS+=($CORE_PID)
wait_for "http://127.0.0.1:$CORE_PORT/health" 240

tokens() { java -cp "$(cat "$WORK/test.classpath")" "$BENCH/BenchTokens.java" users "$HOME_JWT_SECRET" "$@" "$ISSUER"; }
say "minting $USERS user tokens and warming their homes"
tokens 1 "$USERS" "$WORK/users.lua"
sed -n 's/^  {"\/home", "\(.*\)"},$/\1/p' "$WORK/users.lua" >"$WORK/users.txt"
xargs -P 16 -I{} curl -fsS --retry 5 -o /dev/null -H "Authorization: Bearer {}" "http://127.0.0.1:$CORE_PORT/home" \
	<"$WORK/users.txt"
TOKEN=$(head -1 "$WORK/users.txt")
curl -fsS -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$CORE_PORT/home" -o "$WORK/www/home.json"
echo "page size: $(wc -c <"$WORK/www/home.json") bytes"

# the spec's example query (Phase 4): one section's widgets with the chosen fields
cat >"$WORK/graphql.json" <<'GRAPHQL'
{"query": "query { services { carInsurance { widgets { id title pricing { price currency } } } } }"}
GRAPHQL
curl -fsS -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' --data-binary @"$WORK/graphql.json" \
	"http://127.0.0.1:$CORE_PORT/graphql" -o "$WORK/graphql-answer.json"
grep -q '"carInsurance"' "$WORK/graphql-answer.json" || { cat "$WORK/graphql-answer.json" >&2; exit 1; }
cat >"$WORK/home-one.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $TOKEN"
LUA
cat >"$WORK/graphql-one.lua" <<LUA
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer $TOKEN"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [[$(cat "$WORK/graphql.json")]]
LUA

cat >"$WORK/nginx/nginx.conf" <<NGINX
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
daemon off;
events { worker_connections 4096; }
http {
	access_log off;
	sendfile on;
	tcp_nopush on;
	keepalive_requests 1000000;
	server {
		listen 127.0.0.1:$NGINX_PORT;
		location = /home {
			default_type application/json;
			alias $WORK/www/home.json;
		}
	}
}
NGINX
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" &
PIDS+=($!)
wait_for "http://127.0.0.1:$NGINX_PORT/home"

run_wrk() { # name, connections, script, url
	local out="$WORK/wrk-$1.txt"
	wrk -t"$THREADS" -c"$2" -d"$DURATION" --latency ${3:+-s "$3"} "$4" -- "$THREADS" >"$out" 2>&1 || true
	cat "$out" >&2
}
# A round of the P99 comparison: PRELOAD (default 3 s) of the same load, not measured, then the measured run. Core and
# nginx take turns, so without it each core round would start on a replica that sat idle for the nginx round: every
# lease of the rate limiter and every page's background reload due at once, a transient of the first second (measured
# on its own below, "after 10 s idle") rather than the steady state the first round measures after the warm-up.
round_wrk() { # name, connections, script, url
	DURATION=${PRELOAD:-3s} run_wrk "$1-preload" "$2" "$3" "$4" 2>/dev/null
	run_wrk "$@"
}
# shellcheck source=wrk-figures.sh
source "$BENCH/wrk-figures.sh"
errors() {
	awk '/Socket errors/ {gsub(",", ""); s += $4 + $6 + $8 + $10} /Non-2xx/ {s += $5} END {print s + 0}' \
		"$WORK/wrk-$1.txt"
}

# shellcheck source=async-profiler.sh
source "$BENCH/async-profiler.sh"

say "JIT warm-up of the core"
DURATION=${WARMUP:-40s} run_wrk warmup "$CONNECTIONS" "$WORK/users.lua" "http://127.0.0.1:$CORE_PORT/home" 2>/dev/null

say "cache hit: core, $CONNECTIONS connections, $USERS users"
round_wrk core "$CONNECTIONS" "$WORK/users.lua" "http://127.0.0.1:$CORE_PORT/home"
if [[ -n "${PROFILE:-}" ]]; then
	say "profiling the hit path: CPU, allocations, then wall clock per thread ($CONNECTIONS connections each)"
	profile "$CORE_PID" start itimer
	run_wrk core-cpu "$CONNECTIONS" "$WORK/users.lua" "http://127.0.0.1:$CORE_PORT/home" 2>/dev/null
	profile "$CORE_PID" stop "$BENCH/results/hit-cpu.html"
	profile "$CORE_PID" start alloc 512k
	run_wrk core-alloc "$CONNECTIONS" "$WORK/users.lua" "http://127.0.0.1:$CORE_PORT/home" 2>/dev/null
	profile "$CORE_PID" stop "$BENCH/results/hit-alloc.html"
	# where a request thread waits (the rate limiter's Redis calls, locks) rather than runs
	profile "$CORE_PID" start wall,threads 1ms
	run_wrk core-wall "$CONNECTIONS" "$WORK/users.lua" "http://127.0.0.1:$CORE_PORT/home" 2>/dev/null
	profile "$CORE_PID" stop "$BENCH/results/hit-wall.html"
fi
say "same bytes from nginx, $CONNECTIONS connections"
round_wrk nginx "$CONNECTIONS" "" "http://127.0.0.1:$NGINX_PORT/home"
# one pair says little about a tail that moves with whatever else the host runs: more pairs, core and nginx in turn
ROUNDS=${ROUNDS:-5}
for round in $(seq 2 "$ROUNDS"); do
	say "round $round of $ROUNDS: core, then nginx, $CONNECTIONS connections"
	round_wrk "core-$round" "$CONNECTIONS" "$WORK/users.lua" "http://127.0.0.1:$CORE_PORT/home" 2>/dev/null
	round_wrk "nginx-$round" "$CONNECTIONS" "" "http://127.0.0.1:$NGINX_PORT/home" 2>/dev/null
done
say "the core resuming: the first 2 s after 10 s without requests, $CONNECTIONS connections"
DURATION=5s run_wrk core-before-idle "$CONNECTIONS" "$WORK/users.lua" "http://127.0.0.1:$CORE_PORT/home" 2>/dev/null
sleep 10
DURATION=2s run_wrk core-resumed "$CONNECTIONS" "$WORK/users.lua" "http://127.0.0.1:$CORE_PORT/home"
say "cache hit: core, $MANY_CONNECTIONS connections"
run_wrk core-many "$MANY_CONNECTIONS" "$WORK/users.lua" "http://127.0.0.1:$CORE_PORT/home"

say "GraphQL, the spec's query, against GET /home: one connection each, user 1's page from memory"
THREADS=1 DURATION=5s run_wrk graphql-warmup 1 "$WORK/graphql-one.lua" "http://127.0.0.1:$CORE_PORT/graphql" 2>/dev/null
THREADS=1 run_wrk home-one 1 "$WORK/home-one.lua" "http://127.0.0.1:$CORE_PORT/home"
THREADS=1 run_wrk graphql-one 1 "$WORK/graphql-one.lua" "http://127.0.0.1:$CORE_PORT/graphql"

say "JIT warm-up of the miss path (new users, no slow product)"
tokens 2000000 50000 "$WORK/cold-warmup.lua"
THREADS=1 DURATION=${MISS_WARMUP:-20s} run_wrk miss-warmup 4 "$WORK/cold-warmup.lua" \
	"http://127.0.0.1:$CORE_PORT/home" 2>/dev/null

# Latency, not throughput: one request at a time, so the figure is the fan-out's cost and not CPU queueing.
say "cache miss: every request a new user, all products fast"
tokens 3000000 20000 "$WORK/cold-fast.lua"
THREADS=1 run_wrk miss-fast 1 "$WORK/cold-fast.lua" "http://127.0.0.1:$CORE_PORT/home"
if [[ -n "${PROFILE:-}" ]]; then
	say "profiling the miss path: CPU, then wall clock per thread (new users, 1 connection)"
	tokens 4000000 20000 "$WORK/cold-profile.lua"
	profile "$CORE_PID" start itimer
	THREADS=1 run_wrk miss-cpu 1 "$WORK/cold-profile.lua" "http://127.0.0.1:$CORE_PORT/home" 2>/dev/null
	profile "$CORE_PID" stop "$BENCH/results/miss-cpu.html"
	tokens 5000000 20000 "$WORK/cold-profile-wall.lua"
	profile "$CORE_PID" start wall,threads 200us
	THREADS=1 run_wrk miss-wall 1 "$WORK/cold-profile-wall.lua" "http://127.0.0.1:$CORE_PORT/home" 2>/dev/null
	profile "$CORE_PID" stop "$BENCH/results/miss-wall.html"
fi
say "the slow product alone (the miss's baseline): car-insurance ${SLOW_MS} ms slow"
curl -fsS -o /dev/null "http://127.0.0.1:$STUB_PORT/__delay?ms=$SLOW_MS"
THREADS=1 run_wrk slow-product 1 "" "http://127.0.0.1:$STUB_PORT/widget/car-insurance?user_id=1"
say "cache miss: every request a new user, car-insurance ${SLOW_MS} ms slow"
tokens 1000000 20000 "$WORK/cold.lua"
THREADS=1 run_wrk miss 1 "$WORK/cold.lua" "http://127.0.0.1:$CORE_PORT/home"

core=$(rps core)
nginx_rps=$(rps nginx)
{
	printf '\n%-34s %12s %10s %10s %8s\n' "scenario" "req/s" "P50" "P99" "errors"
	printf '%-34s %12s %10s %10s %8s\n' "core /home, hit, $CONNECTIONS conns" "$core" "$(pct core 50)" \
		"$(pct core 99)" "$(errors core)"
	printf '%-34s %12s %10s %10s %8s\n' "nginx static, $CONNECTIONS conns" "$nginx_rps" "$(pct nginx 50)" \
		"$(pct nginx 99)" "$(errors nginx)"
	printf '%-34s %12s %10s %10s %8s\n' "core /home, hit, after 10 s idle" "$(rps core-resumed)" \
		"$(pct core-resumed 50)" "$(pct core-resumed 99)" "$(errors core-resumed)"
	printf '%-34s %12s %10s %10s %8s\n' "core /home, hit, $MANY_CONNECTIONS conns" "$(rps core-many)" \
		"$(pct core-many 50)" "$(pct core-many 99)" "$(errors core-many)"
	printf '%-34s %12s %10s %10s %8s\n' "core /home, miss, 1 conn" "$(rps miss-fast)" "$(pct miss-fast 50)" \
		"$(pct miss-fast 99)" "$(errors miss-fast)"
	printf '%-34s %12s %10s %10s %8s\n' "the slow product alone, 1 conn" "$(rps slow-product)" \
		"$(pct slow-product 50)" "$(pct slow-product 99)" "$(errors slow-product)"
	printf '%-34s %12s %10s %10s %8s\n' "core /home, miss, 1 conn, ${SLOW_MS} ms" "$(rps miss)" "$(pct miss 50)" \
		"$(pct miss 99)" "$(errors miss)"
	printf '%-34s %12s %10s %10s %8s\n' "core /home, hit, 1 conn" "$(rps home-one)" "$(pct home-one 50)" \
		"$(pct home-one 99)" "$(errors home-one)"
	printf '%-34s %12s %10s %10s %8s\n' "core /graphql spec query, 1 conn" "$(rps graphql-one)" \
		"$(pct graphql-one 50)" "$(pct graphql-one 99)" "$(errors graphql-one)"
	awk -v c="$core" -v n="$nginx_rps" 'BEGIN { if (n > 0) printf "\ncore/nginx throughput ratio: %.2f\n", c / n }'
	echo "P99 core/nginx at $CONNECTIONS connections: $(pct core 99) / $(pct nginx 99)"
	ratios=()
	for round in $(seq 1 "$ROUNDS"); do
		suffix=$([[ $round == 1 ]] || echo "-$round")
		core99=$(ms "$(pct "core$suffix" 99)")
		nginx99=$(ms "$(pct "nginx$suffix" 99)")
		ratio=$(awk -v c="$core99" -v n="$nginx99" 'BEGIN { printf "%.2f", c / n }')
		ratios+=("$ratio")
		printf '  round %d: core %6s req/s P99 %6s ms, nginx %6s req/s P99 %6s ms, P99 ratio %s\n' "$round" \
			"$(rps "core$suffix")" "$core99" "$(rps "nginx$suffix")" "$nginx99" "$ratio"
	done
	printf 'median P99 ratio core/nginx over %d rounds: %s\n' "$ROUNDS" "$(median "${ratios[@]}")"
	echo "payload: GET /home $(wc -c <"$WORK/www/home.json") bytes, the spec's GraphQL query" \
		"$(wc -c <"$WORK/graphql-answer.json") bytes"
	# wrk, nginx and the core share the machine; anything else running skews the figures
	echo "$(nproc) cores, load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$WORK/results.txt"
