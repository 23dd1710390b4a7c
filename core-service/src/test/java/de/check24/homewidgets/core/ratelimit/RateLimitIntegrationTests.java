package de.check24.homewidgets.core.ratelimit;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import de.check24.homewidgets.core.support.CoreReplicas;
import de.check24.homewidgets.core.support.HttpTestClient;
import de.check24.homewidgets.core.support.StubProducts;
import de.check24.homewidgets.core.support.Tokens;
import de.check24.homewidgets.infrastructure.LocalRedis;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The spec's limits (100 requests a minute per user, 1000 per address) counted across two
 * replicas in Redis, in front of everything including the in-memory {@code /home}, and
 * counted per replica while Redis is down.
 */
class RateLimitIntegrationTests {

	private static ConfigurableApplicationContext replicaA;

	private static ConfigurableApplicationContext replicaB;

	private final ObjectMapper objectMapper = new ObjectMapper();

	@BeforeAll
	static void startTwoReplicas() {
		LocalRedis.shared().start();
		replicaA = CoreReplicas.start(Map.of());
		replicaB = CoreReplicas.start(Map.of());
	}

	@AfterAll
	static void stopReplicas() {
		LocalRedis.shared().start();
		replicaA.close();
		replicaB.close();
	}

	@BeforeEach
	void emptyBuckets() {
		LocalRedis.shared().start();
		StubProducts.shared().reset();
		replicaA.getBean(StringRedisTemplate.class).execute((RedisCallback<Object>) (connection) -> {
			connection.serverCommands().flushAll();
			return null;
		});
	}

	private static HttpResponse<String> home(ConfigurableApplicationContext replica, long userId, String address) {
		return CoreReplicas.http(replica)
			.get("/home", "Authorization", "Bearer " + Tokens.forUser(userId), "X-Forwarded-For", address);
	}

	@Test
	void refusesAUsersHundredAndFirstRequestInAMinuteOnEitherReplica() throws Exception {
		for (int i = 0; i < 100; i++) {
			ConfigurableApplicationContext replica = (i % 2 == 0) ? replicaA : replicaB;
			// a new address every time: only the user's limit can apply
			assertThat(home(replica, 4242, "198.51.100." + (i + 1)).statusCode()).as("request %d", i + 1)
				.isEqualTo(200);
		}

		for (ConfigurableApplicationContext replica : List.of(replicaA, replicaB)) {
			HttpResponse<String> refused = home(replica, 4242, "198.51.100.201");

			assertThat(refused.statusCode()).isEqualTo(429);
			assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			JsonNode problem = this.objectMapper.readTree(refused.body());
			assertThat(problem.path("type").asText()).isEqualTo("https://homewidgets.check24.de/problems/rate-limited");
			assertThat(problem.path("status").asInt()).isEqualTo(429);
			assertThat(refused.headers().firstValue("Retry-After"))
				.hasValueSatisfying((seconds) -> assertThat(Long.parseLong(seconds)).isPositive());
			assertThat(refused.headers().firstValue("RateLimit-Policy")).hasValue("\"user\";q=100;w=60");
			assertThat(refused.headers().firstValue("RateLimit"))
				.hasValueSatisfying((value) -> assertThat(value).startsWith("\"user\";r=0;t="));
		}
		// another user is not affected
		assertThat(home(replicaA, 4243, "198.51.100.202").statusCode()).isEqualTo(200);
	}

	@Test
	void refusesAnAddressOverAThousandRequestsAMinute() {
		HttpTestClient a = CoreReplicas.http(replicaA);
		HttpTestClient b = CoreReplicas.http(replicaB);
		for (int i = 0; i < 1000; i++) {
			assertThat(((i % 2 == 0) ? a : b).get("/home", "X-Forwarded-For", "203.0.113.9").statusCode())
				.as("request %d", i + 1)
				.isEqualTo(200);
		}

		HttpResponse<String> refused = a.get("/home", "X-Forwarded-For", "203.0.113.9");

		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("RateLimit-Policy")).hasValue("\"ip\";q=1000;w=60");
		assertThat(b.get("/home", "X-Forwarded-For", "203.0.113.10").statusCode()).isEqualTo(200);
	}

	@Test
	void countsPerReplicaWhileRedisIsDownAndTogetherAgainOnceItIsBack() {
		LocalRedis.shared().stop();
		try {
			// each replica counts alone now: a hundred on each still pass
			for (ConfigurableApplicationContext replica : List.of(replicaA, replicaB)) {
				for (int i = 0; i < 100; i++) {
					assertThat(home(replica, 5151, "192.0.2." + (i + 1)).statusCode()).isEqualTo(200);
				}
				assertThat(home(replica, 5151, "192.0.2.200").statusCode()).isEqualTo(429);
			}
		}
		finally {
			LocalRedis.shared().start();
		}

		// shared again: the replicas count into one bucket once the breaker lets Redis in
		await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(300))
			.ignoreExceptions()
			.untilAsserted(() -> {
				long user = 6000 + System.nanoTime() % 1000;
				assertThat(home(replicaA, user, "192.0.2.250").statusCode()).isEqualTo(200);
				assertThat(
						replicaA.getBean(StringRedisTemplate.class).keys("sdui:rate_limit:v1:user:{user:" + user + "}"))
					.isNotEmpty();
			});
	}

	@Test
	void neitherLimitsHealthChecksNorTheCoresPublicKeys() {
		HttpTestClient a = CoreReplicas.http(replicaA);
		for (int i = 0; i < 1100; i++) {
			assertThat(a.get((i % 2 == 0) ? "/health" : "/.well-known/jwks.json", "X-Forwarded-For", "203.0.113.77")
				.statusCode()).isEqualTo(200);
		}
	}

	@Test
	void asksRedisForALeaseOfTokensWhileAClientIsFarFromItsLimit() {
		// the page is in A's memory, so the requests below cost Redis only their counting
		assertThat(home(replicaA, 7070, "198.51.100.70").statusCode()).isEqualTo(200);
		long before = rateLimitCommands();

		for (int i = 0; i < 40; i++) {
			assertThat(home(replicaA, 7070, "198.51.100.71").statusCode()).as("request %d", i + 1).isEqualTo(200);
		}

		// one token per request would be 80 calls per bucket (a read and a swap each):
		// leases of 5 (user) and 50 (address) need a handful
		assertThat(rateLimitCommands() - before).isLessThan(40);
	}

	@Test
	void letsABurstOfOneAddressThroughUpToItsLimitOnAHandfulOfLeases() throws Exception {
		// 400 anonymous requests at once from one address (limit 1000): one lease at a
		// time, or each would take a lease and drain the bucket
		HttpTestClient a = CoreReplicas.http(replicaA);
		assertThat(a.get("/home", "X-Forwarded-For", "198.51.100.91").statusCode()).isEqualTo(200);
		long before = rateLimitCommands();
		ExecutorService clients = Executors.newFixedThreadPool(64);
		try {
			List<CompletableFuture<Integer>> burst = new ArrayList<>();
			for (int i = 0; i < 400; i++) {
				burst.add(CompletableFuture
					.supplyAsync(() -> a.get("/home", "X-Forwarded-For", "198.51.100.90").statusCode(), clients));
			}
			for (CompletableFuture<Integer> status : burst) {
				assertThat(status.get(60, TimeUnit.SECONDS)).isEqualTo(200);
			}
		}
		finally {
			clients.shutdownNow();
		}
		// leases of 50, each a read and a swap: the requests that find a lease used up
		// wait for the next one instead of each asking Redis
		assertThat(rateLimitCommands() - before).isLessThan(40);
	}

	private static long rateLimitCommands() {
		Properties stats = replicaA.getBean(StringRedisTemplate.class)
			.execute((RedisCallback<Properties>) (connection) -> connection.serverCommands().info("commandstats"));
		long calls = 0;
		for (String command : List.of("cmdstat_get", "cmdstat_eval", "cmdstat_evalsha")) {
			String stat = stats.getProperty(command, "calls=0,");
			calls += Long.parseLong(stat.substring(stat.indexOf("calls=") + 6, stat.indexOf(',')));
		}
		return calls;
	}

}
