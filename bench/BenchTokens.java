import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Writes wrk Lua scripts with one token per request, for the benchmarks (run with the core's test classpath, which
 * has nimbus): {@code users} mints user tokens for GET /home (HS256; the local platform's dev issuer unless an issuer
 * is given); {@code product} mints the core's per-call tokens (ES256) for GET /widget/{key}?user_id=N straight at a
 * product.
 *
 * <pre>
 * java -cp ... BenchTokens.java users   &lt;secret&gt; &lt;first-user&gt; &lt;count&gt; &lt;out.lua&gt; [issuer]
 * java -cp ... BenchTokens.java product &lt;jwk-set&gt; &lt;key&gt; &lt;first-user&gt; &lt;count&gt; &lt;out.lua&gt;
 * </pre>
 *
 * Each wrk thread takes every n-th token, so no token is sent twice while the run lasts: every request is a user the
 * core has never seen (once the list is used up the tokens come round again: the hit benchmark's rotation). Each user
 * also comes from a client address of its own (X-Forwarded-For, which the core trusts from loopback as from its load
 * balancer), as a crowd of real clients would.
 */
class BenchTokens {

	public static void main(String[] args) throws Exception {
		Instant now = Instant.now();
		List<String[]> requests = new ArrayList<>();
		if (args[0].equals("users")) {
			MACSigner signer = new MACSigner(args[1].getBytes());
			long first = Long.parseLong(args[2]);
			int count = Integer.parseInt(args[3]);
			for (long user = first; user < first + count; user++) {
				JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(Long.toString(user))
					.issuer((args.length > 5) ? args[5] : "home-widgets-local-dev")
					.audience("home-widgets")
					.issueTime(Date.from(now))
					.expirationTime(Date.from(now.plusSeconds(6 * 3600)))
					.build();
				SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
				jwt.sign(signer);
				requests.add(new String[] { "/home", jwt.serialize() });
			}
			write(Path.of(args[4]), requests);
		}
		else {
			ECKey key = (ECKey) JWKSet.parse(args[1]).getKeys().get(0);
			ECDSASigner signer = new ECDSASigner(key);
			String product = args[2];
			long first = Long.parseLong(args[3]);
			int count = Integer.parseInt(args[4]);
			for (long user = first; user < first + count; user++) {
				JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(Long.toString(user))
					.issuer("home-core")
					.audience(product)
					.issueTime(Date.from(now))
					.expirationTime(Date.from(now.plusSeconds(290)))
					.build();
				SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
						claims);
				jwt.sign(signer);
				requests.add(new String[] { "/widget/" + product + "?user_id=" + user, jwt.serialize() });
			}
			write(Path.of(args[5]), requests);
		}
	}

	static void write(Path out, List<String[]> requests) throws Exception {
		StringBuilder lua = new StringBuilder("local requests = {\n");
		for (String[] request : requests) {
			lua.append("  {\"").append(request[0]).append("\", \"").append(request[1]).append("\"},\n");
		}
		lua.append("""
				}
				local threads = {}
				local counter = 0
				function setup(thread)
				  counter = counter + 1
				  thread:set("id", counter)
				  table.insert(threads, thread)
				end
				function init(args)
				  -- wrk ... -- <threads>: each thread takes every <threads>-th request
				  stride = tonumber(args[1]) or 1
				  next_index = id
				  provisional = 0
				end
				function request()
				  -- the n-th token's user always comes from the n-th address, as each real client has its own
				  local n = ((next_index - 1) % #requests) + 1
				  local r = requests[n]
				  next_index = next_index + stride
				  wrk.headers["Authorization"] = "Bearer " .. r[2]
				  wrk.headers["X-Forwarded-For"] = "10." .. (math.floor(n / 65536) % 256) .. "." .. (math.floor(n / 256) % 256) .. "." .. (n % 256)
				  return wrk.format("GET", r[1])
				end
				function response(status, headers, body)
				  if body and string.find(body, '"provisional":true', 1, true) then
				    provisional = provisional + 1
				  end
				end
				function done(summary, latency, requests)
				  local total = 0
				  for _, thread in ipairs(threads) do
				    total = total + (thread:get("provisional") or 0)
				  end
				  io.write(string.format("provisional answers: %d\\n", total))
				end
				""");
		Files.writeString(out, lua.toString());
	}

}
