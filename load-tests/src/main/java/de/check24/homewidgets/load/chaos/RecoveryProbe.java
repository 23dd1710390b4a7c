package de.check24.homewidgets.load.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import de.check24.homewidgets.load.ClientAddresses;
import de.check24.homewidgets.load.HomeDocument;
import de.check24.homewidgets.load.UserTokens;

/**
 * Asks each core replica directly for the home of a user it has never seen, until both
 * give a fully fresh answer: 200, every section the core orders with the product's own
 * widgets (no fallback card, not provisional), fetched after the restart. After a Redis
 * restart the replica must also report Redis up again ({@code home_redis_up 1}), so the
 * time covers the cache being used again and not only answers without it.
 */
final class RecoveryProbe {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	private final PlatformAddresses addresses;

	private final UserTokens tokens;

	private final AtomicLong nextUser;

	RecoveryProbe(PlatformAddresses addresses, UserTokens tokens, long firstUser) {
		this.addresses = addresses;
		this.tokens = tokens;
		this.nextUser = new AtomicLong(firstUser);
	}

	/**
	 * Waits for both replicas' first fully fresh answer.
	 * @param since the restart, epoch milliseconds
	 * @param needsRedis whether Redis must be reported up
	 * @param timeout how long to try
	 * @return when the later replica answered fully fresh, or -1
	 */
	long awaitFresh(long since, boolean needsRedis, Duration timeout) throws InterruptedException {
		long deadline = System.currentTimeMillis() + timeout.toMillis();
		long[] freshAt = { -1, -1 };
		while (System.currentTimeMillis() < deadline) {
			for (int replica = 0; replica < 2; replica++) {
				if (freshAt[replica] < 0 && fresh(replica, since, needsRedis)) {
					freshAt[replica] = System.currentTimeMillis();
				}
			}
			if (freshAt[0] >= 0 && freshAt[1] >= 0) {
				return Math.max(freshAt[0], freshAt[1]);
			}
			TimeUnit.MILLISECONDS.sleep(250);
		}
		return -1;
	}

	private boolean fresh(int replica, long since, boolean needsRedis) {
		long user = this.nextUser.getAndIncrement();
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.addresses.replicaUrl(replica) + "/home"))
			.header("Authorization", "Bearer " + this.tokens.forUser(user))
			.header("X-Forwarded-For", ClientAddresses.at(500 + replica))
			.timeout(Duration.ofSeconds(10))
			.build();
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				return false;
			}
			HomeDocument home = HomeDocument.parse(response.body()).orElse(null);
			boolean fresh = home != null && home.complete() && home.timestamp().orElse(0L) >= since - 1000;
			return fresh && (!needsRedis || redisUp(replica));
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private boolean redisUp(int replica) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.addresses.metricsUrl(replica)))
			.timeout(Duration.ofSeconds(5))
			.build();
		String metrics = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
		return metrics.lines().anyMatch((line) -> line.startsWith("home_redis_up") && line.trim().endsWith(" 1.0"));
	}

}
