import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * The miss path's floor: what a cold home would cost without the core. For one new user at a time it asks every
 * product for its widgets in parallel, as the core does (each call with the core's kind of ES256 token, signed before
 * the clock starts), and times the slowest answer. Prints P50/P99 of that, so the core's own overhead is the home's
 * P50 minus this one, measured in the same run on the same cores.
 *
 * <pre>
 * java -cp ... BenchFanOut.java &lt;jwk-set&gt; &lt;first-user&gt; &lt;seconds&gt; &lt;key=url&gt;...
 * </pre>
 */
class BenchFanOut {

	public static void main(String[] args) throws Exception {
		ECKey key = (ECKey) JWKSet.parse(args[0]).getKeys().get(0);
		ECDSASigner signer = new ECDSASigner(key);
		long user = Long.parseLong(args[1]);
		long until = System.nanoTime() + Duration.ofSeconds(Long.parseLong(args[2])).toNanos();
		List<String[]> products = new ArrayList<>();
		for (int i = 3; i < args.length; i++) {
			products.add(args[i].split("=", 2));
		}
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(1))
			.build();
		List<Long> slowest = new ArrayList<>();
		int failures = 0;
		for (int round = 0; round < 100_000 && System.nanoTime() < until; round++, user++) {
			List<HttpRequest> requests = new ArrayList<>();
			for (String[] product : products) {
				requests.add(HttpRequest.newBuilder(URI.create(product[1] + "/widget/" + product[0] + "?user_id=" + user))
					.timeout(Duration.ofSeconds(5))
					.header("Authorization", "Bearer " + token(signer, key, product[0], user))
					.build());
			}
			long started = System.nanoTime();
			List<CompletableFuture<HttpResponse<byte[]>>> answers = requests.stream()
				.map((request) -> client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()))
				.toList();
			boolean ok = true;
			for (CompletableFuture<HttpResponse<byte[]>> answer : answers) {
				try {
					ok &= answer.join().statusCode() == 200;
				}
				catch (RuntimeException ex) {
					ok = false;
				}
			}
			long elapsed = System.nanoTime() - started;
			if (round >= 50) { // the first rounds open connections and warm the client up
				slowest.add(elapsed);
				failures += ok ? 0 : 1;
			}
		}
		long[] sorted = slowest.stream().mapToLong(Long::longValue).sorted().toArray();
		System.out.printf("slowest of %d products in parallel, %d new users: P50 %.2fms P99 %.2fms failures %d%n",
				products.size(), sorted.length, percentile(sorted, 50), percentile(sorted, 99), failures);
	}

	static double percentile(long[] sorted, int p) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
		return sorted[Math.max(0, index)] / 1_000_000.0;
	}

	static String token(ECDSASigner signer, ECKey key, String product, long user) throws Exception {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(Long.toString(user))
			.issuer("home-core")
			.audience(product)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(60)))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
		jwt.sign(signer);
		return jwt.serialize();
	}

}
