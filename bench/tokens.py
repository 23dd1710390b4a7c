"""Writes a wrk Lua script that sends GET /home with one HS256 user token per request.

usage: tokens.py <secret> <first-user-id> <count> <out.lua> [once]
With "once" every token is used at most once (cold-cache runs); otherwise they rotate.
"""
import base64, hashlib, hmac, json, sys, time


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def token(secret, user_id):
    now = int(time.time())
    header = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    payload = b64(json.dumps({"sub": str(user_id), "iat": now, "exp": now + 3600}).encode())
    signature = hmac.new(secret.encode(), f"{header}.{payload}".encode(), hashlib.sha256).digest()
    return f"{header}.{payload}.{b64(signature)}"


secret, first, count, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
once = len(sys.argv) > 5 and sys.argv[5] == "once"
tokens = [token(secret, user_id) for user_id in range(first, first + count)]
with open(out.replace(".lua", ".txt"), "w") as plain:
    plain.write("\n".join(tokens) + "\n")
with open(out, "w") as lua:
    lua.write("local tokens = {\n")
    for t in tokens:
        lua.write(f'  "{t}",\n')
    lua.write("}\n")
    lua.write("local i = 0\n")
    lua.write("request = function()\n  i = i + 1\n")
    if once:
        lua.write('  if i > #tokens then wrk.thread:stop() end\n')
    lua.write('  local t = tokens[((i - 1) % #tokens) + 1]\n')
    lua.write('  return wrk.format("GET", "/home", { ["Authorization"] = "Bearer " .. t })\n')
    lua.write("end\n")
