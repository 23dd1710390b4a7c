#!/usr/bin/env bash
# Benchmarks the core's GET /home against nginx serving the same bytes as a static file.
#
# Starts (and stops again) everything it needs on 127.0.0.1: the tests' embedded Redis,
# four stub product services, the core jar and nginx. Needs a JDK 17, python3, curl, and
# nginx + wrk (Debian: apt-get install -y nginx wrk).
#
#   bench/home-bench.sh              # build the core jar if missing, then measure
#   REBUILD=1 bench/home-bench.sh    # rebuild the jar first
#   DURATION=30s USERS=5000 bench/home-bench.sh
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
SECRET=${HOME_JWT_SECRET:-local-dev-only-jwt-secret-change-me-0123456789}

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
	./mvnw -B -q -ntp -pl core-service package -DskipTests
	JAR=$(ls core-service/target/core-service-*.jar | grep -v original | head -1)
fi
if [[ ! -s "$WORK/test.classpath" ]]; then
	./mvnw -B -q -ntp -pl core-service dependency:build-classpath -Dmdep.includeScope=test \
		-Dmdep.outputFile="$WORK/test.classpath"
fi

say "starting Redis :$REDIS_PORT, stub products :$STUB_PORT.., core :$CORE_PORT"
java -cp "$(cat "$WORK/test.classpath")" "$BENCH/BenchRedis.java" "$REDIS_PORT" >"$WORK/redis.log" 2>&1 &
PIDS+=($!)
java "$BENCH/BenchStubs.java" "$STUB_PORT" >"$WORK/stubs.log" 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$STUB_PORT/widget/car-insurance"
for _ in $(seq 1 60); do (exec 3<>"/dev/tcp/127.0.0.1/$REDIS_PORT") 2>/dev/null && break; sleep 0.5; done

java -Xms512m -Xmx512m -jar "$JAR" \
	--server.port="$CORE_PORT" \
	--spring.data.redis.host=127.0.0.1 --spring.data.redis.port="$REDIS_PORT" \
	--home.products.car-insurance.base-url="http://127.0.0.1:$STUB_PORT" \
	--home.products.health-insurance.base-url="http://127.0.0.1:$((STUB_PORT + 1))" \
	--home.products.house-insurance.base-url="http://127.0.0.1:$((STUB_PORT + 2))" \
	--home.products.banking.base-url="http://127.0.0.1:$((STUB_PORT + 3))" \
	--logging.level.root=WARN >"$WORK/core.log" 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$CORE_PORT/health" 240

say "minting $USERS user tokens and warming their homes"
python3 "$BENCH/tokens.py" "$SECRET" 1 "$USERS" "$WORK/users.lua"
python3 "$BENCH/tokens.py" "$SECRET" 1000000 20000 "$WORK/cold.lua" once
xargs -P 16 -I{} curl -fsS -o /dev/null -H "Authorization: Bearer {}" "http://127.0.0.1:$CORE_PORT/home" \
	<"$WORK/users.txt"
curl -fsS -H "Authorization: Bearer $(head -1 "$WORK/users.txt")" "http://127.0.0.1:$CORE_PORT/home" \
	-o "$WORK/www/home.json"
echo "page size: $(wc -c <"$WORK/www/home.json") bytes"

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
	wrk -t"$THREADS" -c"$2" -d"$DURATION" --latency ${3:+-s "$3"} "$4" >"$out" 2>&1 || true
	cat "$out" >&2
}
rps() { awk '/^Requests\/sec/ {print $2}' "$WORK/wrk-$1.txt"; }
pct() { awk -v p="$2%" '$1 == p {print $2}' "$WORK/wrk-$1.txt"; }
errors() {
	awk '/Socket errors/ {gsub(",", ""); s += $4 + $6 + $8 + $10} /Non-2xx/ {s += $5} END {print s + 0}' \
		"$WORK/wrk-$1.txt"
}

say "JIT warm-up of the core"
DURATION=${WARMUP:-40s} run_wrk warmup "$CONNECTIONS" "$WORK/users.lua" "http://127.0.0.1:$CORE_PORT/home" 2>/dev/null

say "cache hit: core, $CONNECTIONS connections, $USERS users"
run_wrk core "$CONNECTIONS" "$WORK/users.lua" "http://127.0.0.1:$CORE_PORT/home"
say "same bytes from nginx, $CONNECTIONS connections"
run_wrk nginx "$CONNECTIONS" "" "http://127.0.0.1:$NGINX_PORT/home"
say "cache hit: core, $MANY_CONNECTIONS connections"
run_wrk core-many "$MANY_CONNECTIONS" "$WORK/users.lua" "http://127.0.0.1:$CORE_PORT/home"

say "JIT warm-up of the miss path (new users, no slow product)"
python3 "$BENCH/tokens.py" "$SECRET" 2000000 50000 "$WORK/cold-warmup.lua" once
THREADS=1 DURATION=${MISS_WARMUP:-20s} run_wrk miss-warmup 4 "$WORK/cold-warmup.lua" \
	"http://127.0.0.1:$CORE_PORT/home" 2>/dev/null

# Latency, not throughput: one request at a time, so the figure is the fan-out's cost and not CPU queueing.
say "cache miss: every request a new user, all products fast"
python3 "$BENCH/tokens.py" "$SECRET" 3000000 20000 "$WORK/cold-fast.lua" once
THREADS=1 run_wrk miss-fast 1 "$WORK/cold-fast.lua" "http://127.0.0.1:$CORE_PORT/home"
say "cache miss: every request a new user, car-insurance ${SLOW_MS} ms slow"
curl -fsS -o /dev/null "http://127.0.0.1:$STUB_PORT/__delay?ms=$SLOW_MS"
THREADS=1 run_wrk miss 1 "$WORK/cold.lua" "http://127.0.0.1:$CORE_PORT/home"

core=$(rps core)
nginx_rps=$(rps nginx)
{
	printf '\n%-34s %12s %10s %10s %8s\n' "scenario" "req/s" "P50" "P99" "errors"
	printf '%-34s %12s %10s %10s %8s\n' "core /home, hit, $CONNECTIONS conns" "$core" "$(pct core 50)" \
		"$(pct core 99)" "$(errors core)"
	printf '%-34s %12s %10s %10s %8s\n' "nginx static, $CONNECTIONS conns" "$nginx_rps" "$(pct nginx 50)" \
		"$(pct nginx 99)" "$(errors nginx)"
	printf '%-34s %12s %10s %10s %8s\n' "core /home, hit, $MANY_CONNECTIONS conns" "$(rps core-many)" \
		"$(pct core-many 50)" "$(pct core-many 99)" "$(errors core-many)"
	printf '%-34s %12s %10s %10s %8s\n' "core /home, miss, 1 conn" "$(rps miss-fast)" "$(pct miss-fast 50)" \
		"$(pct miss-fast 99)" "$(errors miss-fast)"
	printf '%-34s %12s %10s %10s %8s\n' "core /home, miss, 1 conn, ${SLOW_MS} ms" "$(rps miss)" "$(pct miss 50)" \
		"$(pct miss 99)" "$(errors miss)"
	awk -v c="$core" -v n="$nginx_rps" 'BEGIN { if (n > 0) printf "\ncore/nginx throughput ratio: %.2f\n", c / n }'
	# wrk, nginx and the core share the machine; anything else running skews the figures
	echo "$(nproc) cores, load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$WORK/results.txt"
