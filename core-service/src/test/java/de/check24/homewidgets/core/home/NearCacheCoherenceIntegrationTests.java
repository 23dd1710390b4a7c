package de.check24.homewidgets.core.home;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import de.check24.homewidgets.core.cache.HomeInvalidated;
import de.check24.homewidgets.core.cache.InvalidationsMissed;
import de.check24.homewidgets.core.viewer.Viewer;
import de.check24.homewidgets.core.support.CoreReplicas;
import de.check24.homewidgets.core.support.HttpTestClient;
import de.check24.homewidgets.core.support.StubProduct;
import de.check24.homewidgets.core.support.StubProducts;
import de.check24.homewidgets.core.support.TestProducts;
import de.check24.homewidgets.core.support.TestSecrets;

import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two core replicas sharing one Redis, as behind the load balancer: what one replica
 * invalidates, the other's in-process near cache forgets too.
 */
class NearCacheCoherenceIntegrationTests {

	private static final String SERVICE_TOKEN = TestSecrets.serviceToken(TestProducts.CAR_INSURANCE);

	private static ConfigurableApplicationContext replicaA;

	private static ConfigurableApplicationContext replicaB;

	private static final List<HomeInvalidated> eventsOnB = new CopyOnWriteArrayList<>();

	private final StubProducts stubs = StubProducts.shared();

	private final ObjectMapper objectMapper = new ObjectMapper();

	@BeforeAll
	static void startTwoReplicas() {
		replicaA = start();
		replicaB = start();
		replicaB.addApplicationListener((ApplicationListener<PayloadApplicationEvent<?>>) (event) -> {
			if (event.getPayload() instanceof HomeInvalidated invalidated) {
				eventsOnB.add(invalidated);
			}
		});
	}

	private static ConfigurableApplicationContext start() {
		return CoreReplicas.start(Map.of());
	}

	@AfterAll
	static void stopReplicas() {
		replicaA.close();
		replicaB.close();
	}

	@BeforeEach
	void freshStart() {
		this.stubs.reset();
		eventsOnB.clear();
		// pages an earlier test left in memory
		replicaA.publishEvent(new InvalidationsMissed());
		replicaB.publishEvent(new InvalidationsMissed());
		replicaA.getBean(StringRedisTemplate.class).execute((RedisCallback<Object>) (connection) -> {
			connection.serverCommands().flushAll();
			return null;
		});
	}

	private static HttpTestClient client(ConfigurableApplicationContext replica) {
		return CoreReplicas.http(replica);
	}

	private String firstCarTitle(HttpResponse<String> response) throws Exception {
		return this.objectMapper.readTree(response.body())
			.path("services")
			.path("car_insurance")
			.path("widgets")
			.get(0)
			.path("data")
			.path("title")
			.asText();
	}

	@Test
	void invalidationOnOneReplicaEvictsTheOtherReplicasNearCache() throws Exception {
		StubProduct car = this.stubs.get(TestProducts.CAR_INSURANCE);
		client(replicaA).home(123L);
		// B finds the page in Redis and keeps it in memory
		assertThat(firstCarTitle(client(replicaB).home(123L))).isEqualTo(car.title(123L, "v1"));
		assertThat(car.widgetCalls()).isEqualTo(1);
		car.version("v2");

		HttpResponse<String> invalidated = client(replicaA).post("/cache/invalidate",
				"{\"user_id\": 123, \"service\": \"car-insurance\", \"reason\": \"contract_created\"}",
				"X-Service-Token", SERVICE_TOKEN);

		assertThat(invalidated.statusCode()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(
					() -> assertThat(firstCarTitle(client(replicaB).home(123L))).isEqualTo(car.title(123L, "v2")));
		assertThat(firstCarTitle(client(replicaA).home(123L))).isEqualTo(car.title(123L, "v2"));
		assertThat(car.widgetCalls()).isEqualTo(2);
	}

	@Test
	void everyReplicaPublishesTheInvalidationEventForItsListeners() {
		client(replicaA).post("/cache/invalidate",
				"{\"user_id\": 42, \"service\": \"banking\", \"reason\": \"contract_deleted\"}", "X-Service-Token",
				TestSecrets.serviceToken(TestProducts.BANKING));

		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(eventsOnB).singleElement().satisfies((event) -> {
				assertThat(event.viewer()).isEqualTo(Viewer.user(42));
				assertThat(event.service()).isEqualTo(TestProducts.BANKING);
				assertThat(event.reason()).isEqualTo("contract_deleted");
				assertThat(event.concerns(Viewer.user(42))).isTrue();
				assertThat(event.concerns(Viewer.user(43))).isFalse();
			}));
	}

	@Test
	void aReplicaThatMayHaveMissedInvalidationsForgetsItsPages() throws Exception {
		StubProduct car = this.stubs.get(TestProducts.CAR_INSURANCE);
		client(replicaB).home(123L);
		car.version("v2");
		// B missed this invalidation: it went to Redis, not through the channel
		replicaA.getBean(StringRedisTemplate.class).delete("sdui:home_page:v1:{user:123}");
		assertThat(firstCarTitle(client(replicaB).home(123L))).isEqualTo(car.title(123L, "v1"));

		replicaB.publishEvent(new InvalidationsMissed());

		assertThat(firstCarTitle(client(replicaB).home(123L))).isEqualTo(car.title(123L, "v2"));
	}

}
