#!/usr/bin/env bash
# The spec's smoke checks against a running platform, made as a client makes them: everything goes through the core
# (the products accept no caller but the core, so of them only /health is checked). The home with and without a
# token, the user's contracts, a purchase through the core's contract route, the home and the contracts reflecting
# it, the cancellation and the offers coming back. One line per check; the contract it buys it cancels again.
#
#   scripts/smoke.sh [CORE_URL]          CORE_URL defaults to $CORE_URL, else http://127.0.0.1:8000
#
# Environment:
#   TOKEN_123         a user token to act with (./platform.sh prints one); without it the script asks the core's
#                     /dev/token (local profile only) for SMOKE_USER_ID (default 424242)
#   HOME_PRODUCTS     the product keys whose /health is checked (default car-insurance,health-insurance,
#                     house-insurance,banking), each at {KEY}_SERVICE_URL (defaults http://127.0.0.1:8001 to :8004)
#   SMOKE_PRODUCT     the product to buy from (default: the first section offering the user something to buy)
# Exit status: 0 every check passed, 1 a check failed (the first failure ends the run), 2 wrong use or a missing tool.
set -euo pipefail

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }
if [ "${1:-}" = -h ] || [ "${1:-}" = --help ]; then usage; exit 0; fi
if [ "$#" -gt 1 ]; then usage >&2; exit 2; fi
for tool in curl python3; do
  command -v "$tool" >/dev/null || { echo "smoke.sh needs $tool on the PATH" >&2; exit 2; }
done

CORE="${1:-${CORE_URL:-http://127.0.0.1:8000}}"
CORE="${CORE%/}"
PRODUCTS="${HOME_PRODUCTS:-car-insurance,health-insurance,house-insurance,banking}"
SMOKE_USER="${SMOKE_USER_ID:-424242}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

passed=0
ok() { passed=$((passed + 1)); echo "ok   $*"; }
fail() { echo "FAIL $*" >&2; echo "$passed passed, 1 failed"; exit 1; }

# request METHOD URL [curl options...]: sets $status (000 when nothing answered) and $body
request() {
  local method=$1 url=$2
  shift 2
  status=$(curl -sS --max-time 10 -X "$method" -o "$work/body" -w '%{http_code}' "$@" "$url" 2>"$work/error") ||
    status=000
  body=$(cat "$work/body" 2>/dev/null || true)
  if [ "$status" = 000 ]; then body=$(cat "$work/error"); fi
  return 0
}

# json PROGRAM [ARGUMENT...]: runs a Python program with the JSON document on stdin as `d` (and the arguments in
# sys.argv[1:]); prints what it prints, fails when the document is no JSON or the program fails
json() {
  local program=$1
  shift
  python3 -c "import json, sys
try:
    d = json.load(sys.stdin)
except ValueError:
    sys.exit(3)
$program" "$@"
}

# eventually DESCRIPTION COMMAND...: retries COMMAND for up to 15 s (caches and events settle within that, and a
# product's first answers after a cold start); sets $tries. COMMAND sets $seen to what it found.
eventually() {
  local what=$1
  shift
  seen=""
  for tries in $(seq 1 30); do
    if "$@"; then return 0; fi
    sleep 0.5
  done
  fail "$what; last seen: $seen"
}
after() { if [ "$tries" -gt 1 ]; then echo " (after $tries tries)"; fi; }

# --- the services are up
request GET "$CORE/health"
[ "$status" = 200 ] || fail "core $CORE/health answered $status: $body"
ok "health core $CORE"
IFS=',' read -r -a product_keys <<<"$PRODUCTS"
default_port=8001
for key in "${product_keys[@]}"; do
  variable="$(tr 'a-z-' 'A-Z_' <<<"$key")_SERVICE_URL"
  url="${!variable:-http://127.0.0.1:$default_port}"
  default_port=$((default_port + 1))
  request GET "${url%/}/health"
  [ "$status" = 200 ] || fail "$key ${url%/}/health answered $status (set $variable if it runs elsewhere): $body"
  ok "health $key $url"
done

# --- the anonymous home: every section, none of them the fallback card (never cached, so a retry asks again)
anonymous_home_complete() {
  request GET "$CORE/home"
  sections=$(json '
order = d.get("section_order") or []
missing = [s for s in order if s not in d.get("services", {})]
fallbacks = [s for s in order for w in d["services"].get(s, {}).get("widgets", []) if w.get("widget_id") == "fallback_error_card"]
if not order or missing or fallbacks:
    print("sections %s, missing %s, unavailable %s" % (order, missing, fallbacks)); sys.exit(1)
print(" ".join(order))' <<<"$body" 2>/dev/null) || { seen="$status ${sections:-$body}"; return 1; }
}
eventually "the anonymous home at $CORE/home is incomplete" anonymous_home_complete
ok "anonymous home: $(wc -w <<<"$sections") sections ($sections), none unavailable$(after)"

# --- a user
if [ -n "${TOKEN_123:-}" ]; then
  token=$TOKEN_123
  source="TOKEN_123"
else
  request GET "$CORE/dev/token?user_id=$SMOKE_USER"
  [ "$status" = 200 ] || fail "no token from $CORE/dev/token ($status; is the core running in the local profile?" \
    "Else export TOKEN_123)"
  token=$(json 'print(d["access_token"])' <<<"$body")
  source="$CORE/dev/token"
fi
user=$(python3 -c 'import base64, json, sys
payload = sys.argv[1].split(".")[1]
print(json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))["sub"])' "$token" 2>/dev/null) ||
  fail "the token from $source is no JWT with a subject"
auth=(-H "Authorization: Bearer $token")

request GET "$CORE/home" "${auth[@]}"
[ "$status" = 200 ] || fail "user $user's home answered $status (a token from another run? unset TOKEN_123): $body"
home=$body
ok "home of user $user (token from $source)"

request GET "$CORE/user/$user/contracts" "${auth[@]}"
[ "$status" = 200 ] || fail "user $user's contracts answered $status: $body"
contracts=$body
ok "contracts of user $user through the core"
request GET "$CORE/user/$((user + 1))/contracts" "${auth[@]}"
[ "$status" = 403 ] || fail "user $user read user $((user + 1))'s contracts: $status"
ok "another user's contracts are refused (403)"

# --- an offer to buy: a widget with a purchase action, in a section where the user has no contract yet
offer=$(json "
contracts = json.loads(sys.argv[1]).get('contracts') or {}
wanted = '${SMOKE_PRODUCT:-}'
for section in d.get('section_order', []):
    if contracts.get(section):
        continue
    for widget in d['services'][section]['widgets']:
        action = widget.get('action') or {}
        key = action.get('path', '').split('/')[2] if action.get('type') == 'purchase' else None
        if key and (not wanted or key == wanted):
            print(section, key, widget['widget_id'], action.get('method', 'POST'), action['path'])
            sys.exit(0)" "$contracts" <<<"$home") || true
[ -n "$offer" ] || fail "user $user's home offers nothing to buy${SMOKE_PRODUCT:+ from $SMOKE_PRODUCT} in a section" \
  "without a contract"
read -r section key widget method path <<<"$offer"

# what the core shows the user now; "?" while it answers something else (e.g. 429 or 503)
widgets_in_section() {
  request GET "$CORE/home" "${auth[@]}"
  json "print(len(d['services']['$section']['widgets']))" <<<"$body" 2>/dev/null || echo "?"
}
contract_in_section() {
  request GET "$CORE/user/$user/contracts" "${auth[@]}"
  json "c = (d.get('contracts') or {}).get('$section'); print(c['widget_id'] if c else '')" <<<"$body" 2>/dev/null ||
    echo "?"
}
section_is_empty() { local count; count=$(widgets_in_section); seen="$count widgets in $section"; [ "$count" = 0 ]; }
section_offers() {
  local count
  count=$(widgets_in_section)
  seen="$count widgets in $section"
  [ "$count" != 0 ] && [ "$count" != "?" ]
}
contract_is() { local contract; contract=$(contract_in_section); seen="contract '$contract'"; [ "$contract" = "$1" ]; }

# --- buy it through the core, as the widget's action says
request "$method" "$CORE$path" "${auth[@]}" -H 'Content-Type: application/json' \
  -d "{\"user_id\": $user, \"widget_id\": \"$widget\"}"
[ "$status" = 201 ] || fail "purchase of $widget ($method $path) answered $status: $body"
ok "purchase of $widget from $key through the core (201)"
eventually "user $user's contracts do not list $widget after the purchase" contract_is "$widget"
ok "the user's contracts list $widget$(after)"
eventually "the home still offers $key after the purchase" section_is_empty
ok "home reflects the purchase$(after)"

# --- cancel it through the core
request DELETE "$CORE/widget/$key/contract/$user/$widget" "${auth[@]}"
[ "$status" = 200 ] || fail "cancellation of $widget answered $status: $body"
ok "cancellation of $widget through the core (200)"
eventually "user $user's contracts still list $widget after the cancellation" contract_is ""
ok "the user's contracts no longer list $widget$(after)"
eventually "the offers of $key did not come back after the cancellation" section_offers
ok "offers are back$(after)"

echo "$passed passed, 0 failed"
