#!/usr/bin/env bash
# Measures the core's Redis memory per user with the seed data (issue 12) and projects it to 1M users.
#
# Starts the local platform (embedded PostgreSQL, Redis and Kafka, the four real product services with their seed
# offers, one core in the local profile) on ports of its own, fills the cache for USERS users via GET /home with
# HS256 tokens, and prints Redis used_memory before and after, bytes per user, the 1M-user projection against the
# spec's 10 GB budget and the issue's 2 GB target, and section blobs vs homes; then the same for a baseline in the
# same Redis: the same widgets written per user in the layout before section sharing (one JSON copy per home and
# section). Stops the platform again. Needs a JDK 17; the helper runs as a single-file program (JDK only).
#
#   bench/redis-memory.sh                      # build the jars if missing, 20 000 users
#   USERS=5000 bench/redis-memory.sh
#   REBUILD=1 bench/redis-memory.sh            # rebuild the jars first
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/bench
WORK=$BENCH/target/redis-memory
USERS=${USERS:-20000}
FIRST_USER=${FIRST_USER:-1000000}
CONCURRENCY=${CONCURRENCY:-16}
# ports of its own, so it runs next to ./platform.sh and the tests
CORE_PORT=${CORE_PORT:-28000}
REDIS_PORT=${REDIS_PORT:-26379}
SECRET=${HOME_JWT_SECRET:-$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 48)}

PLATFORM_PID=
cleanup() {
	if [[ -n "$PLATFORM_PID" ]]; then
		kill "$PLATFORM_PID" 2>/dev/null || true # SIGTERM: the platform stops its parts in order
		wait "$PLATFORM_PID" 2>/dev/null || true
	fi
}
trap cleanup EXIT

cd "$ROOT"
if [[ ! -f local-platform/target/local-platform.jar || -n "${REBUILD:-}" ]]; then
	echo "== building the services and the local platform"
	./mvnw -B -q -ntp package -DskipTests -DskipWeb
fi
mkdir -p "$WORK"

echo "== starting the local platform (core :$CORE_PORT, Redis :$REDIS_PORT); log in $WORK/platform.log"
# rate limits off: every request comes from 127.0.0.1 (1000/min per address otherwise)
env PLATFORM_HOME="$WORK/platform" PLATFORM_CORE_PORT="$CORE_PORT" PLATFORM_CORE_MANAGEMENT_PORT=29000 \
	PLATFORM_FIRST_PRODUCT_PORT=28001 PLATFORM_FIRST_PRODUCT_MANAGEMENT_PORT=29001 \
	PLATFORM_POSTGRES_PORT=25432 PLATFORM_REDIS_PORT="$REDIS_PORT" PLATFORM_KAFKA_PORT=29092 \
	PLATFORM_WEB_PORT=23000 PLATFORM_ADMIN_PORT=28099 \
	HOME_JWT_SECRET="$SECRET" HOME_RATE_LIMIT_ENABLED=false \
	java -jar local-platform/target/local-platform.jar --clean >"$WORK/platform.log" 2>&1 &
PLATFORM_PID=$!
for _ in $(seq 1 600); do
	curl -fsS -o /dev/null "http://127.0.0.1:$CORE_PORT/health" 2>/dev/null && break
	kill -0 "$PLATFORM_PID" 2>/dev/null || { tail -30 "$WORK/platform.log" >&2; exit 1; }
	sleep 1
done
curl -fsS -o /dev/null "http://127.0.0.1:$CORE_PORT/health"

echo "== filling $USERS homes"
java "$BENCH/RedisMemory.java" "http://127.0.0.1:$CORE_PORT" "$REDIS_PORT" "$SECRET" "$USERS" "$FIRST_USER" \
	"$CONCURRENCY" | tee "$WORK/results.txt"
echo "$(nproc) cores, load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$WORK/results.txt"
