package de.check24.homewidgets.core.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import de.check24.homewidgets.core.support.CoreReplicas;
import de.check24.homewidgets.core.support.EventStream;
import de.check24.homewidgets.core.support.HttpTestClient;
import de.check24.homewidgets.core.support.StubProducts;
import de.check24.homewidgets.core.support.TestProducts;
import de.check24.homewidgets.core.support.TestSecrets;
import de.check24.homewidgets.infrastructure.LocalRedis;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A replica that was not subscribed to the invalidation channel for a while (Redis was
 * down, its connection dropped) still tells its open streams what other replicas
 * invalidated meanwhile, with the reason they gave: the buyer whose stream is on replica
 * A hears {@code contract_created} although replica B took the purchase.
 */
class MissedInvalidationsIntegrationTests {

	private static final int LOG_LENGTH = 5;

	private static ConfigurableApplicationContext replicaA;

	private static ConfigurableApplicationContext replicaB;

	private final List<EventStream> streams = new ArrayList<>();

	@BeforeAll
	static void startTwoReplicas() {
		LocalRedis.shared().start();
		replicaA = start();
		replicaB = start();
	}

	private static ConfigurableApplicationContext start() {
		// the subscription comes back by itself after an outage; here a test decides
		// when
		return CoreReplicas.start(Map.of("home.cache.invalidation-log-length", String.valueOf(LOG_LENGTH),
				"home.cache.subscription-retry-interval", "1h"));
	}

	@AfterAll
	static void stopReplicas() {
		replicaA.close();
		replicaB.close();
	}

	@BeforeEach
	void emptyRedis() {
		StubProducts.shared().reset();
		replicaA.getBean(StringRedisTemplate.class).execute((RedisCallback<Object>) (connection) -> {
			connection.serverCommands().flushAll();
			return null;
		});
		assertThat(subscription(replicaA).isListening()).isTrue();
	}

	@AfterEach
	void closeStreams() {
		this.streams.forEach(EventStream::close);
		breaker(replicaA).transitionToClosedState();
		LocalRedis.shared().start();
		subscription(replicaA).start();
	}

	@Test
	void aStreamHearsOnceWhatAnotherReplicaInvalidatedWhileItsReplicaWasNotSubscribed() {
		EventStream buyer = connected(replicaA, 77L);
		invalidateOn(replicaB, 77, "contract_deleted");
		await().atMost(Duration.ofSeconds(5)).until(() -> reasons(buyer).contains("contract_deleted"));

		subscription(replicaA).stop();
		invalidateOn(replicaB, 77, "contract_created");
		subscription(replicaA).start();

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(buyer.invalidations()).anySatisfy((event) -> {
				assertThat(event.path("reason").asText()).isEqualTo("contract_created");
				assertThat(event.path("user_id").asLong()).isEqualTo(77);
				assertThat(event.path("service").asText()).isEqualTo("car-insurance");
			}));
		// the one heard live is not replayed: the replay went through the log in order
		assertThat(reasons(buyer)).containsExactly("contract_deleted", "contract_created");
	}

	@Test
	void replaysWhileTheRedisBreakerIsStillOpenAfterAnOutage() {
		EventStream buyer = connected(replicaA, 80L);
		breaker(replicaA).transitionToForcedOpenState();

		subscription(replicaA).stop();
		invalidateOn(replicaB, 80, "contract_created");
		subscription(replicaA).start();

		await().atMost(Duration.ofSeconds(10)).until(() -> reasons(buyer).contains("contract_created"));
		assertThat(reasons(buyer)).doesNotContain("invalidations_missed");
	}

	@Test
	void everyStreamIsToldToReloadWhenTheLogNoLongerReachesBackFarEnough() {
		EventStream buyer = connected(replicaA, 78L);
		EventStream anonymous = connected(replicaA, null);

		subscription(replicaA).stop();
		for (long user = 1; user <= LOG_LENGTH + 1; user++) {
			invalidateOn(replicaB, user, "contract_created");
		}
		subscription(replicaA).start();

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(buyer.invalidations()).anySatisfy((event) -> {
				assertThat(event.path("reason").asText()).isEqualTo("invalidations_missed");
				assertThat(event.path("user_id").isNull()).isTrue();
			}));
		await().atMost(Duration.ofSeconds(10)).until(() -> reasons(anonymous).contains("invalidations_missed"));
	}

	@Test
	void theBuyersStreamHearsAPurchaseTakenByAnotherReplicaWhileRedisWasDown() {
		EventStream buyer = connected(replicaA, 79L);

		LocalRedis.shared().stop();
		invalidateOn(replicaB, 79, "contract_created");
		LocalRedis.shared().start();

		await().atMost(Duration.ofSeconds(30)).until(() -> reasons(buyer).contains("contract_created"));
	}

	private EventStream connected(ConfigurableApplicationContext replica, Long userId) {
		EventStream stream = EventStream.open(CoreReplicas.http(replica).baseUrl(), userId);
		this.streams.add(stream);
		assertThat(stream.status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> stream.events().stream().anyMatch((event) -> "connected".equals(event.name())));
		return stream;
	}

	private static void invalidateOn(ConfigurableApplicationContext replica, long userId, String reason) {
		HttpTestClient http = CoreReplicas.http(replica);
		assertThat(http
			.post("/cache/invalidate",
					"{\"user_id\": " + userId + ", \"service\": \"car-insurance\", \"reason\": \"" + reason + "\"}",
					"X-Service-Token", TestSecrets.serviceToken(TestProducts.CAR_INSURANCE))
			.statusCode()).isEqualTo(202);
	}

	private static List<String> reasons(EventStream stream) {
		return stream.invalidations().stream().map((event) -> event.path("reason").asText()).toList();
	}

	private static CircuitBreaker breaker(ConfigurableApplicationContext replica) {
		return replica.getBean(CircuitBreakerRegistry.class).circuitBreaker("redis");
	}

	private static InvalidationSubscription subscription(ConfigurableApplicationContext replica) {
		return replica.getBean(InvalidationSubscription.class);
	}

}
