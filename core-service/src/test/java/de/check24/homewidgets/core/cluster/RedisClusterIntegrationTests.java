package de.check24.homewidgets.core.cluster;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import de.check24.homewidgets.core.cache.InvalidationsMissed;
import de.check24.homewidgets.core.products.Product;
import de.check24.homewidgets.core.support.CoreReplicas;
import de.check24.homewidgets.core.support.EventStream;
import de.check24.homewidgets.core.support.HttpTestClient;
import de.check24.homewidgets.core.support.MutableClock;
import de.check24.homewidgets.core.support.StubProduct;
import de.check24.homewidgets.core.support.StubProducts;
import de.check24.homewidgets.core.support.TestProducts;
import de.check24.homewidgets.core.support.TestSecrets;
import de.check24.homewidgets.core.support.Tokens;
import de.check24.homewidgets.infrastructure.LocalRedisCluster;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two core replicas on the six-node Redis Cluster (three masters, three replicas, real
 * {@code redis-server} processes), switched there by {@code REDIS_CLUSTER_NODES} as an
 * operator would: homes spread over the masters, stale-while-revalidate under a lock in
 * the home's slot, invalidations of one home and of every home, the replica relay over
 * classic pub/sub, stream tickets, rate limits, and a master failing over under load.
 */
class RedisClusterIntegrationTests {

	private static final Duration TTL = Duration.ofHours(1);

	private static final int USER_LIMIT = 40;

	private static final LocalRedisCluster cluster = LocalRedisCluster.shared();

	private static ConfigurableApplicationContext replicaA;

	private static ConfigurableApplicationContext replicaB;

	private final StubProducts stubs = StubProducts.shared();

	private final ObjectMapper objectMapper = new ObjectMapper();

	private final List<EventStream> streams = new ArrayList<>();

	@BeforeAll
	static void startTwoReplicasOnTheCluster() {
		replicaA = start();
		replicaB = start();
	}

	private static ConfigurableApplicationContext start() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("REDIS_CLUSTER_NODES", cluster.nodes());
		// low enough to reach in a test, high enough for the failover loop's users
		properties.put("home.rate-limit.per-user.requests", String.valueOf(USER_LIMIT));
		properties.put("home.rate-limit.per-ip.requests", "100000");
		return CoreReplicas.start(properties, MovableClock.class);
	}

	@AfterAll
	static void stopReplicas() {
		if (replicaA != null) {
			replicaA.close();
		}
		if (replicaB != null) {
			replicaB.close();
		}
	}

	@BeforeEach
	void freshStart() {
		await().atMost(Duration.ofSeconds(60)).until(cluster::isHealthy);
		this.stubs.reset();
		for (ConfigurableApplicationContext replica : replicas()) {
			replica.getBean(MutableClock.class).reset();
			replica.getBean(CircuitBreakerRegistry.class).getAllCircuitBreakers().forEach(CircuitBreaker::reset);
			replica.publishEvent(new InvalidationsMissed());
		}
		// a cluster connection flushes every master
		redis().execute((RedisCallback<Object>) (connection) -> {
			connection.serverCommands().flushAll();
			return null;
		});
	}

	@AfterEach
	void everyNodeRunsAgain() {
		this.streams.forEach(EventStream::close);
		this.stubs.reset();
		cluster.ports().forEach(cluster::startNode);
		await().atMost(Duration.ofSeconds(60)).until(cluster::isHealthy);
	}

	@Test
	void cachesHomesOnEveryMasterAndTheOtherReplicaServesThemFromTheCluster() throws Exception {
		Map<Long, Integer> masterOfHome = new LinkedHashMap<>();
		for (long user = 1000; user < 1030; user++) {
			assertThat(http(replicaA).home(user).statusCode()).isEqualTo(200);
			masterOfHome.put(user, cluster.masterFor(homeKey(user)).orElseThrow());
		}
		int calls = totalCalls();

		assertThat(Set.copyOf(masterOfHome.values())).isEqualTo(cluster.masters());
		// written while the page went out: in Redis a round trip later
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			for (Map.Entry<Long, Integer> home : masterOfHome.entrySet()) {
				try (Jedis master = new Jedis("127.0.0.1", home.getValue(), 2000)) {
					assertThat(master.hkeys(homeKey(home.getKey()))).as("home of %d on its master", home.getKey())
						.contains("car_insurance", "health_insurance", "house_insurance", "banking");
				}
			}
		});
		for (long user : masterOfHome.keySet()) {
			assertThat(carTitle(http(replicaB).home(user))).isEqualTo(car().title(user, "v1"));
		}
		assertThat(totalCalls()).isEqualTo(calls);
	}

	@Test
	void storesASectionEveryoneSharesOnceInTheWholeCluster() {
		this.stubs.all().forEach(StubProduct::sameForEveryone);

		for (long user = 1100; user < 1120; user++) {
			assertThat(http((user % 2 == 0) ? replicaA : replicaB).home(user).statusCode()).isEqualTo(200);
		}

		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			Set<String> sections = new HashSet<>();
			int homes = 0;
			for (int master : cluster.masters()) {
				try (Jedis jedis = new Jedis("127.0.0.1", master, 2000)) {
					sections.addAll(jedis.keys("sdui:section:v1:*"));
					homes += jedis.keys("sdui:home_page:v1:{user:11*}").size();
				}
			}
			assertThat(homes).isEqualTo(20);
			assertThat(sections).hasSize(TestProducts.ALL.size());
		});
	}

	@Test
	void servesTheStaleHomeFromBothReplicasWhileOneRefreshRunsUnderALockInTheHomesSlot() throws Exception {
		long user = 2001;
		assertThat(http(replicaA).home(user).statusCode()).isEqualTo(200);
		this.stubs.all().forEach((stub) -> stub.version("v2").hold());
		replicas().forEach((replica) -> replica.getBean(MutableClock.class).advance(TTL.plusSeconds(1)));

		ExecutorService clients = Executors.newFixedThreadPool(8);
		try {
			List<Callable<HttpResponse<String>>> requests = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				ConfigurableApplicationContext replica = (i % 2 == 0) ? replicaA : replicaB;
				requests.add(() -> http(replica).home(user));
			}
			for (Future<HttpResponse<String>> response : clients.invokeAll(requests)) {
				assertThat(carTitle(response.get())).isEqualTo(car().title(user, "v1"));
			}
			// answered without waiting for the refresh the products still hold: one
			// refresh for both replicas, whose lock lives in the home's slot
			await().atMost(Duration.ofSeconds(10)).until(() -> car().inFlight() == 1);
			assertThat(car().widgetCalls()).isEqualTo(2);
			String lock = homeKey(user) + ":lock";
			assertThat(redis().hasKey(lock)).isTrue();
			assertThat(cluster.masterFor(lock)).isEqualTo(cluster.masterFor(homeKey(user)));
		}
		finally {
			clients.shutdownNow();
		}
		this.stubs.all().forEach(StubProduct::release);

		for (ConfigurableApplicationContext replica : replicas()) {
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(carTitle(http(replica).home(user))).isEqualTo(car().title(user, "v2")));
		}
		assertThat(car().widgetCalls()).isEqualTo(2);
	}

	@Test
	void aProductsInvalidationReachesTheHomeOnWhicheverMasterItLives() throws Exception {
		Map<Integer, Long> userOnMaster = oneUserPerMaster(3000);
		for (long user : userOnMaster.values()) {
			assertThat(carTitle(http(replicaB).home(user))).isEqualTo(car().title(user, "v1"));
		}
		car().version("v2");
		int bankingCalls = stub(TestProducts.BANKING).widgetCalls();

		for (long user : userOnMaster.values()) {
			assertThat(
					http(replicaA)
						.post("/cache/invalidate",
								"{\"user_id\": " + user
										+ ", \"service\": \"car-insurance\", \"reason\": \"contract_created\"}",
								"X-Service-Token", TestSecrets.CAR_INSURANCE_TOKEN)
						.statusCode())
				.isEqualTo(202);
		}

		for (long user : userOnMaster.values()) {
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(
						() -> assertThat(carTitle(http(replicaB).home(user))).isEqualTo(car().title(user, "v2")));
		}
		assertThat(stub(TestProducts.BANKING).widgetCalls()).isEqualTo(bankingCalls);
	}

	@Test
	void theOperatorsInvalidateEveryoneEmptiesHomesOnAllMasters() throws Exception {
		Map<Integer, Long> userOnMaster = oneUserPerMaster(4000);
		this.stubs.all().forEach((stub) -> stub.version("v2"));

		HttpResponse<String> response = management(replicaA).delete("/actuator/homecache");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json(response).path("scope").asText()).isEqualTo("everyone");
		for (Map.Entry<Integer, Long> home : userOnMaster.entrySet()) {
			try (Jedis master = new Jedis("127.0.0.1", home.getKey(), 2000)) {
				assertThat(master.hkeys(homeKey(home.getValue()))).as("home on master %d", home.getKey())
					.containsOnly("gen");
			}
		}
		for (long user : userOnMaster.values()) {
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(
						() -> assertThat(carTitle(http(replicaB).home(user))).isEqualTo(car().title(user, "v2")));
		}
	}

	@Test
	void aTicketFromOneReplicaOpensTheStreamOnTheOtherOnceAndTheRelayReachesThatReplica() throws Exception {
		long user = 7001;
		assertThat(carTitle(http(replicaB).home(user))).isEqualTo(car().title(user, "v1"));
		String ticket = ticket(replicaA, user);

		EventStream onB = keep(EventStream.withTicket(http(replicaB).baseUrl(), ticket));
		EventStream again = keep(EventStream.withTicket(http(replicaA).baseUrl(), ticket));

		assertThat(onB.status()).isEqualTo(200);
		assertThat(again.status()).isEqualTo(401);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> onB.events().stream().anyMatch((event) -> "connected".equals(event.name())));
		car().version("v2");
		assertThat(
				http(replicaA)
					.post("/cache/invalidate",
							"{\"user_id\": " + user
									+ ", \"service\": \"car-insurance\", \"reason\": \"contract_created\"}",
							"X-Service-Token", TestSecrets.CAR_INSURANCE_TOKEN)
					.statusCode())
			.isEqualTo(202);

		await().atMost(Duration.ofSeconds(5))
			.until(() -> onB.invalidations()
				.stream()
				.anyMatch((data) -> data.path("user_id").asLong() == user
						&& "car-insurance".equals(data.path("service").asText())));
		// B's memory heard it too: its page of this user is not served any more
		await().atMost(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(carTitle(http(replicaB).home(user))).isEqualTo(car().title(user, "v2")));
	}

	@Test
	void countsAUsersRequestsOnBothReplicasInOneBucket() {
		long user = 8001;
		for (int i = 0; i < USER_LIMIT; i++) {
			assertThat(http((i % 2 == 0) ? replicaA : replicaB).home(user).statusCode()).as("request %d", i + 1)
				.isEqualTo(200);
		}

		HttpResponse<String> limited = http(replicaA).home(user);

		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.headers().firstValue("Retry-After")).isPresent();
		assertThat(redis().hasKey("sdui:rate_limit:v1:user:{user:" + user + "}")).isTrue();
	}

	@Test
	void keepsAnsweringWhileAMasterFailsOverAndCachesOnThePromotedReplicaByItself() throws Exception {
		List<Long> known = new ArrayList<>();
		for (long user = 5000; user < 5060; user++) {
			assertThat(http(replicaA).home(user).statusCode()).isEqualTo(200);
			known.add(user);
		}
		String probe = homeKey(known.get(0));
		int master = cluster.masterFor(probe).orElseThrow();
		List<Integer> statuses = new ArrayList<>();
		Long cachedOnPromoted = null;

		cluster.stopNode(master);
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		long newUser = 6000;
		// both replicas under load: users cached before (their homes partly on the lost
		// master) and a new user each round, until a new user's home is on the promoted
		// replica
		for (int round = 0; round < 2000 && cachedOnPromoted == null && System.nanoTime() < deadline; round++) {
			HttpTestClient client = http((round % 2 == 0) ? replicaA : replicaB);
			statuses.add(client.home(known.get(round % known.size())).statusCode());
			statuses.add(client.home(newUser).statusCode());
			Optional<Integer> promoted = cluster.masterFor(probe).filter((port) -> port != master);
			if (promoted.isPresent() && promoted.equals(cluster.masterFor(homeKey(newUser)))
					&& exists(promoted.get(), homeKey(newUser))) {
				cachedOnPromoted = newUser;
			}
			newUser++;
		}

		assertThat(cachedOnPromoted).as("a new user's home cached on the promoted replica").isNotNull();
		assertThat(statuses).hasSizeGreaterThan(2).containsOnly(200);
		// and read from there by either replica, once its client has the new topology (it
		// refreshes on errors and every 5 s): no product asked again
		long promotedUser = cachedOnPromoted;
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			replicas().forEach((replica) -> replica.publishEvent(new InvalidationsMissed()));
			int calls = totalCalls();
			assertThat(carTitle(http(replicaB).home(promotedUser))).isEqualTo(car().title(promotedUser, "v1"));
			assertThat(totalCalls()).isEqualTo(calls);
		});
		// the operator's lever reaches every master serving now, the lost one still down
		assertThat(management(replicaA).delete("/actuator/homecache").statusCode()).isEqualTo(200);
		List<Long> homes = new ArrayList<>(known);
		homes.add(cachedOnPromoted);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			for (long user : homes) {
				try (Jedis jedis = new Jedis("127.0.0.1", cluster.masterFor(homeKey(user)).orElseThrow(), 2000)) {
					assertThat(jedis.hkeys(homeKey(user))).as("home of %d", user).containsExactly("gen");
				}
			}
		});
	}

	private static boolean exists(int port, String key) {
		try (Jedis jedis = new Jedis("127.0.0.1", port, 2000)) {
			return jedis.exists(key);
		}
	}

	/** Caches the home of one user per master, the first found from {@code from} on. */
	private Map<Integer, Long> oneUserPerMaster(long from) {
		Map<Integer, Long> userOnMaster = new LinkedHashMap<>();
		Set<Integer> masters = cluster.masters();
		for (long user = from; userOnMaster.size() < masters.size() && user < from + 100; user++) {
			userOnMaster.putIfAbsent(cluster.masterFor(homeKey(user)).orElseThrow(), user);
		}
		assertThat(userOnMaster.keySet()).isEqualTo(masters);
		userOnMaster.values().forEach((user) -> assertThat(http(replicaA).home(user).statusCode()).isEqualTo(200));
		return userOnMaster;
	}

	private String ticket(ConfigurableApplicationContext replica, long user) throws Exception {
		HttpResponse<String> response = http(replica).post("/stream/ticket", "", "Authorization",
				"Bearer " + Tokens.forUser(user));
		assertThat(response.statusCode()).isEqualTo(200);
		return json(response).path("ticket").asText();
	}

	private EventStream keep(EventStream stream) {
		this.streams.add(stream);
		return stream;
	}

	private static List<ConfigurableApplicationContext> replicas() {
		return List.of(replicaA, replicaB);
	}

	private static String homeKey(long user) {
		return "sdui:home_page:v1:{user:" + user + "}";
	}

	private static StringRedisTemplate redis() {
		return replicaA.getBean(StringRedisTemplate.class);
	}

	private static HttpTestClient http(ConfigurableApplicationContext replica) {
		return CoreReplicas.http(replica);
	}

	private static HttpTestClient management(ConfigurableApplicationContext replica) {
		return new HttpTestClient(Integer.parseInt(replica.getEnvironment().getProperty("local.management.port")));
	}

	private StubProduct car() {
		return stub(TestProducts.CAR_INSURANCE);
	}

	private StubProduct stub(Product product) {
		return this.stubs.get(product);
	}

	private int totalCalls() {
		int calls = 0;
		for (StubProduct stub : this.stubs.all()) {
			calls += stub.widgetCalls();
		}
		return calls;
	}

	private String carTitle(HttpResponse<String> response) throws Exception {
		assertThat(response.statusCode()).isEqualTo(200);
		return json(response).path("services")
			.path("car_insurance")
			.path("widgets")
			.get(0)
			.path("data")
			.path("title")
			.asText();
	}

	private JsonNode json(HttpResponse<String> response) throws Exception {
		return this.objectMapper.readTree(response.body());
	}

	/** Each replica's clock, which a test moves past the TTL; not a component. */
	static class MovableClock {

		@Bean
		@Primary
		MutableClock mutableClock() {
			return new MutableClock();
		}

	}

}
