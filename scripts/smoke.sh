#!/usr/bin/env bash
# The spec's smoke tests against a running platform: health of all five services, the home with and without a
# token, a purchase, the home reflecting it, the cancellation and the offers coming back.
#   scripts/smoke.sh [CORE_URL]     (default http://127.0.0.1:8000)
# Product URLs come from CAR_INSURANCE_SERVICE_URL etc. (defaults :8001-:8004). Exits non-zero on the first failure.
set -euo pipefail

CORE="${1:-${CORE_URL:-http://127.0.0.1:8000}}"
CAR="${CAR_INSURANCE_SERVICE_URL:-http://127.0.0.1:8001}"
HEALTH="${HEALTH_INSURANCE_SERVICE_URL:-http://127.0.0.1:8002}"
HOUSE="${HOUSE_INSURANCE_SERVICE_URL:-http://127.0.0.1:8003}"
BANKING="${BANKING_SERVICE_URL:-http://127.0.0.1:8004}"
SMOKE_USER="${SMOKE_USER_ID:-424242}"
CURL=(curl -sS --max-time 10)

pass=0
fail() { echo "FAIL: $*" >&2; echo "$pass passed, 1 failed"; exit 1; }
ok() { pass=$((pass + 1)); echo "ok   $*"; }

status_of() { "${CURL[@]}" -o /dev/null -w '%{http_code}' "$@"; }

for url in "$CORE" "$CAR" "$HEALTH" "$HOUSE" "$BANKING"; do
  [ "$(status_of "$url/health")" = 200 ] || fail "$url/health is not 200"
  ok "health $url"
done

anonymous_home=$("${CURL[@]}" "$CORE/home")
for section in car_insurance health_insurance house_insurance banking; do
  grep -q "\"$section\"" <<<"$anonymous_home" || fail "anonymous home has no $section section"
done
ok "anonymous home has four sections"

token=$("${CURL[@]}" "$CORE/dev/token?user_id=$SMOKE_USER" | sed -n 's/.*"access_token" *: *"\([^"]*\)".*/\1/p')
[ -n "$token" ] || fail "no token from $CORE/dev/token (is the core running with the local profile?)"
auth=(-H "Authorization: Bearer $token")
[ "$(status_of "${auth[@]}" "$CORE/home")" = 200 ] || fail "home with a token is not 200"
ok "home with a token"

# Start from no contract, so the smoke test can run again and again against the same data.
existing=$("${CURL[@]}" "$CAR/widget/car-insurance/contract/$SMOKE_USER" | grep -o '"widget_id" *: *"[^"]*"' | head -1 | sed 's/.*"\([^"]*\)"$/\1/' || true)
if [ -n "$existing" ]; then
  "${CURL[@]}" -o /dev/null -X DELETE "$CAR/widget/car-insurance/contract/$SMOKE_USER/$existing"
fi

car_section() { "${CURL[@]}" "${auth[@]}" "$CORE/home" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["services"]["car_insurance"]["widgets"]))'; }
await_car_section() { # $1: "empty" or "offers"
  for _ in $(seq 1 40); do
    count=$(car_section)
    if { [ "$1" = empty ] && [ "$count" = 0 ]; } || { [ "$1" = offers ] && [ "$count" != 0 ]; }; then return 0; fi
    sleep 0.25
  done
  return 1
}

await_car_section offers || fail "the car section offers nothing before the purchase"
offer=$("${CURL[@]}" "$CAR/widget/car-insurance?user_id=$SMOKE_USER" | python3 -c '
import json, sys
print(next((w["widget_id"] for w in json.load(sys.stdin)["widgets"] if (w.get("action") or {}).get("type") == "purchase"), ""))')
[ -n "$offer" ] || fail "car insurance offers no widget to buy"

created=$(status_of -X POST "$CORE/widget/car-insurance/contract" "${auth[@]}" -H 'Content-Type: application/json' \
  -d "{\"user_id\":$SMOKE_USER,\"widget_id\":\"$offer\"}")
[ "$created" = 201 ] || fail "purchase of $offer answered $created"
ok "purchase of $offer through the core"
await_car_section empty || fail "the home still offers car insurance after the purchase"
ok "home reflects the purchase"

deleted=$(status_of -X DELETE "${auth[@]}" "$CORE/widget/car-insurance/contract/$SMOKE_USER/$offer")
[ "$deleted" = 200 ] || fail "cancellation answered $deleted"
ok "cancellation of $offer through the core"
await_car_section offers || fail "the offers did not come back after the cancellation"
ok "offers are back"

echo "$pass passed, 0 failed"
