package de.check24.homewidgets.core;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;

import de.check24.homewidgets.core.support.CarInsuranceService;
import de.check24.homewidgets.core.support.CoreReplicas;
import de.check24.homewidgets.core.support.EventStream;
import de.check24.homewidgets.core.support.HttpTestClient;
import de.check24.homewidgets.core.support.StubProduct;
import de.check24.homewidgets.core.support.StubProducts;
import de.check24.homewidgets.core.support.TestProducts;
import de.check24.homewidgets.core.support.TestSecrets;
import de.check24.homewidgets.core.support.Tokens;
import de.check24.homewidgets.infrastructure.LocalKafka;
import de.check24.homewidgets.infrastructure.LocalRedis;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Purchase to screen: two core replicas in front of the real car-insurance service (its
 * own process, PostgreSQL database and Kafka producer), Redis and Kafka shared. Replica A
 * listens where the product sends its invalidation callbacks; subscribers sit on either
 * replica. Every test uses users of its own, so the tests do not see each other's events.
 */
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class PurchaseFlowIntegrationTests {

	private static final String OFFER = "car_offer_huk24";

	private static final Duration EVENT_WAIT = Duration.ofSeconds(30);

	private static CarInsuranceService car;

	private static ConfigurableApplicationContext replicaA;

	private static ConfigurableApplicationContext replicaB;

	private final ObjectMapper objectMapper = new ObjectMapper();

	private final List<EventStream> streams = new ArrayList<>();

	@BeforeAll
	static void startProductAndTwoReplicas() {
		LocalRedis.shared().start();
		LocalKafka.shared().start();
		car = CarInsuranceService.shared();
		replicaA = start(car.corePort());
		replicaB = start(0);
	}

	private static ConfigurableApplicationContext start(int port) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("home.products.catalog.car-insurance.base-url", car.url());
		properties.put("home.products.catalog.car-insurance.service-tokens", CarInsuranceService.SERVICE_TOKEN);
		properties.put("server.port", String.valueOf(port));
		properties.put("home.events.enabled", "true");
		properties.put("spring.kafka.bootstrap-servers", LocalKafka.shared().bootstrapServers());
		// the embedded test broker forgets committed offsets when it restarts, which a
		// real
		// cluster does not; "latest" would then skip what was published before the group
		// rejoined
		properties.put("spring.kafka.consumer.auto-offset-reset", "earliest");
		return CoreReplicas.start(properties);
	}

	@AfterAll
	static void stopReplicas() {
		LocalKafka.shared().start();
		if (replicaA != null) {
			replicaA.close();
		}
		if (replicaB != null) {
			replicaB.close();
		}
	}

	@BeforeEach
	void resetStubs() {
		StubProducts.shared().reset();
	}

	@AfterEach
	void closeStreams() {
		this.streams.forEach(EventStream::close);
	}

	private static HttpTestClient http(ConfigurableApplicationContext replica) {
		return CoreReplicas.http(replica);
	}

	private static HttpTestClient management(ConfigurableApplicationContext replica) {
		return new HttpTestClient(
				Integer.parseInt(replica.getEnvironment().getProperty("local.management.port", "-1")));
	}

	private EventStream subscribe(ConfigurableApplicationContext replica, long userId) {
		EventStream stream = EventStream.open(http(replica).baseUrl(), userId);
		this.streams.add(stream);
		assertThat(stream.status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> stream.events().stream().anyMatch((event) -> "connected".equals(event.name())));
		return stream;
	}

	private static String bearer(long userId) {
		return "Bearer " + Tokens.forUser(userId);
	}

	private static HttpResponse<String> purchase(ConfigurableApplicationContext replica, long userId, String widgetId) {
		return http(replica).post("/widget/car-insurance/contract",
				"{\"user_id\": " + userId + ", \"widget_id\": \"" + widgetId + "\"}", "Authorization", bearer(userId));
	}

	private JsonNode carWidgets(ConfigurableApplicationContext replica, long userId) throws Exception {
		HttpResponse<String> home = http(replica).home(userId);
		assertThat(home.statusCode()).isEqualTo(200);
		return this.objectMapper.readTree(home.body()).path("services").path("car_insurance").path("widgets");
	}

	private JsonNode json(HttpResponse<String> response) throws Exception {
		return this.objectMapper.readTree(response.body());
	}

	private static double count(String meter, String tagKey, String tagValue) {
		double total = 0;
		for (ConfigurableApplicationContext replica : List.of(replicaA, replicaB)) {
			total += replica.getBean(MeterRegistry.class)
				.find(meter)
				.tag(tagKey, tagValue)
				.counters()
				.stream()
				.mapToDouble(Counter::count)
				.sum();
		}
		return total;
	}

	private static boolean hasInvalidation(EventStream stream, String service, String reason) {
		return stream.invalidations()
			.stream()
			.anyMatch((data) -> service.equals(data.path("service").asText())
					&& reason.equals(data.path("reason").asText()));
	}

	@Nested
	@Order(1)
	class PostContract {

		@Test
		void purchaseThroughTheCoreStoresTheContractEmptiesTheCarSectionAndNotifiesTheBuyer() throws Exception {
			long user = 7001;
			assertThat(carWidgets(replicaA, user)).isNotEmpty();
			EventStream onA = subscribe(replicaA, user);
			EventStream onB = subscribe(replicaB, user);

			HttpResponse<String> purchase = purchase(replicaA, user, OFFER);

			assertThat(purchase.statusCode()).isEqualTo(201);
			assertThat(purchase.headers().firstValue("Location")).hasValue("/widget/car-insurance/contract/" + user);
			assertThat(json(purchase).path("contract_id").asLong()).isPositive();
			assertThat(car.contractRows(user, OFFER)).isEqualTo(1);
			// read-your-writes on both replicas, at once
			assertThat(carWidgets(replicaA, user)).isEmpty();
			assertThat(carWidgets(replicaB, user)).isEmpty();
			for (EventStream stream : List.of(onA, onB)) {
				await().atMost(Duration.ofSeconds(5))
					.until(() -> hasInvalidation(stream, "car-insurance", "contract_created"));
				JsonNode data = stream.invalidations().get(0);
				assertThat(data.path("user_id").asLong()).isEqualTo(user);
				assertThat(data.path("type").asText()).isEqualTo("cache_invalidated");
			}
		}

		@Test
		void oneUsersPurchaseNeverAppearsOnAnotherUsersStream() {
			long buyer = 7002;
			long other = 7003;
			EventStream buyerStream = subscribe(replicaA, buyer);
			EventStream otherOnA = subscribe(replicaA, other);
			EventStream otherOnB = subscribe(replicaB, other);

			assertThat(purchase(replicaB, buyer, OFFER).statusCode()).isEqualTo(201);

			// the core's own invalidation, the product's callback and the Kafka event
			await().atMost(EVENT_WAIT).until(() -> buyerStream.invalidations().size() >= 3);
			// an invalidation of every home reaches every stream after anything sent
			// before
			assertThat(management(replicaA).delete("/actuator/homecache?service=banking").statusCode()).isEqualTo(200);
			for (EventStream stream : List.of(otherOnA, otherOnB)) {
				await().atMost(Duration.ofSeconds(5)).until(() -> !stream.invalidations().isEmpty());
				assertThat(stream.invalidations()).singleElement()
					.satisfies((data) -> assertThat(data.path("reason").asText()).isEqualTo("operator"));
			}
		}

		@Test
		void passesTheProductsConflictThroughWhenTheOfferWasBoughtAlready() throws Exception {
			long user = 7004;
			assertThat(purchase(replicaA, user, OFFER).statusCode()).isEqualTo(201);

			HttpResponse<String> again = purchase(replicaB, user, OFFER);

			assertThat(again.statusCode()).isEqualTo(409);
			assertThat(again.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			JsonNode problem = json(again);
			assertThat(problem.path("type").asText())
				.isEqualTo("https://homewidgets.check24.de/problems/contract-already-exists");
			assertThat(problem.path("widget_id").asText()).isEqualTo(OFFER);
			assertThat(car.contractRows(user, OFFER)).isEqualTo(1);
		}

		@Test
		void passesTheProductsNotFoundThroughForAnUnknownOffer() throws Exception {
			HttpResponse<String> response = purchase(replicaA, 7005, "no_such_offer");

			assertThat(response.statusCode()).isEqualTo(404);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		}

		@Test
		void requiresATokenOfTheBuyingUser() throws Exception {
			HttpResponse<String> anonymous = http(replicaA).post("/widget/car-insurance/contract",
					"{\"user_id\": 7006, \"widget_id\": \"" + OFFER + "\"}");
			HttpResponse<String> someoneElse = http(replicaA).post("/widget/car-insurance/contract",
					"{\"user_id\": 7006, \"widget_id\": \"" + OFFER + "\"}", "Authorization", bearer(7007));

			assertThat(anonymous.statusCode()).isEqualTo(401);
			assertThat(json(anonymous).path("type").asText()).endsWith("/unauthorized");
			assertThat(someoneElse.statusCode()).isEqualTo(403);
			assertThat(json(someoneElse).path("type").asText()).endsWith("/foreign-user");
			assertThat(car.contractRows(7006, OFFER)).isZero();
		}

		@Test
		void answers404ForAnUnknownServiceKey() throws Exception {
			HttpResponse<String> response = http(replicaA).post("/widget/pet-insurance/contract",
					"{\"user_id\": 7008, \"widget_id\": \"x\"}", "Authorization", bearer(7008));

			assertThat(response.statusCode()).isEqualTo(404);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(json(response).path("type").asText()).endsWith("/unknown-service");
		}

		@Test
		void answers503WhenTheProductFailsAndDoesNotRetryThePurchase() throws Exception {
			StubProduct health = StubProducts.shared().get(TestProducts.HEALTH_INSURANCE).failing();

			HttpResponse<String> response = http(replicaA).post("/widget/health-insurance/contract",
					"{\"user_id\": 7009, \"widget_id\": \"x\"}", "Authorization", bearer(7009));

			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(json(response).path("type").asText()).endsWith("/product-unavailable");
			assertThat(health.widgetCalls()).isEqualTo(1);
		}

	}

	@Nested
	@Order(2)
	class DeleteContract {

		@Test
		void cancellationBringsTheOffersBackAndNotifiesTheUser() throws Exception {
			long user = 7101;
			assertThat(purchase(replicaA, user, OFFER).statusCode()).isEqualTo(201);
			assertThat(carWidgets(replicaB, user)).isEmpty();
			EventStream stream = subscribe(replicaB, user);

			HttpResponse<String> cancel = http(replicaB).delete("/widget/car-insurance/contract/" + user + "/" + OFFER,
					"Authorization", bearer(user));

			assertThat(cancel.statusCode()).isEqualTo(200);
			assertThat(car.contractRows(user, OFFER)).isZero();
			assertThat(carWidgets(replicaA, user)).isNotEmpty();
			assertThat(carWidgets(replicaB, user)).isNotEmpty();
			await().atMost(Duration.ofSeconds(5))
				.until(() -> hasInvalidation(stream, "car-insurance", "contract_deleted"));
		}

		@Test
		void passesTheProductsNotFoundThroughAndForbidsOtherUsers() {
			long user = 7102;
			assertThat(http(replicaA)
				.delete("/widget/car-insurance/contract/" + user + "/" + OFFER, "Authorization", bearer(user))
				.statusCode()).isEqualTo(404);
			assertThat(http(replicaA)
				.delete("/widget/car-insurance/contract/" + user + "/" + OFFER, "Authorization", bearer(user + 1))
				.statusCode()).isEqualTo(403);
			assertThat(http(replicaA).delete("/widget/car-insurance/contract/" + user + "/" + OFFER).statusCode())
				.isEqualTo(401);
		}

	}

	@Nested
	@Order(3)
	class GetContracts {

		@Test
		void passesTheProductsContractListThrough() throws Exception {
			long user = 7201;
			assertThat(purchase(replicaA, user, OFFER).statusCode()).isEqualTo(201);

			HttpResponse<String> response = http(replicaB).get("/widget/car-insurance/contract/" + user,
					"Authorization", bearer(user));

			assertThat(response.statusCode()).isEqualTo(200);
			JsonNode body = json(response);
			assertThat(body.path("user_id").asLong()).isEqualTo(user);
			assertThat(body.path("contracts").get(0).path("widget_id").asText()).isEqualTo(OFFER);
			assertThat(http(replicaB)
				.get("/widget/car-insurance/contract/" + (user + 1), "Authorization", bearer(user + 1))
				.statusCode()).isEqualTo(404);
			assertThat(http(replicaB).get("/widget/car-insurance/contract/" + user, "Authorization", bearer(user + 1))
				.statusCode()).isEqualTo(403);
		}

	}

	@Nested
	@Order(4)
	class Replicas {

		@Test
		void subscriberOnReplicaBHearsOfAnInvalidationThatReachedReplicaA() {
			long user = 7301;
			EventStream onB = subscribe(replicaB, user);

			assertThat(
					http(replicaA)
						.post("/cache/invalidate",
								"{\"user_id\": " + user
										+ ", \"service\": \"banking\", \"reason\": \"contract_created\"}",
								"X-Service-Token", TestSecrets.serviceToken(TestProducts.BANKING))
						.statusCode())
				.isEqualTo(202);

			await().atMost(Duration.ofSeconds(5)).until(() -> hasInvalidation(onB, "banking", "contract_created"));
		}

		@Test
		void refusesCacheInvalidationWithoutTheServiceCredential() {
			assertThat(http(replicaA).post("/cache/invalidate", "{\"user_id\": 7302, \"reason\": \"x\"}").statusCode())
				.isEqualTo(401);
		}

	}

	@Nested
	@Order(5)
	class KafkaEvents {

		private KafkaProducer<String, String> producer() {
			Properties properties = new Properties();
			properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalKafka.shared().bootstrapServers());
			properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
			properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
			return new KafkaProducer<>(properties);
		}

		@Test
		void consumesTheFourTopicsAsTheWidgetCacheInvalidatorGroup() {
			for (ConfigurableApplicationContext replica : List.of(replicaA, replicaB)) {
				MessageListenerContainer container = replica.getBean(KafkaListenerEndpointRegistry.class)
					.getListenerContainer("widget-cache-invalidator");
				assertThat(container.getGroupId()).isEqualTo("widget-cache-invalidator-group");
				assertThat(container.getContainerProperties().getTopics()).containsExactlyInAnyOrder(
						"user.car.insurance.purchased", "user.health.insurance.purchased",
						"user.house.insurance.purchased", "user.banking.product.purchased");
			}
		}

		@Test
		void skipsAndCountsMalformedEventsAndStillProcessesTheNextOne() throws Exception {
			long user = 7401;
			String topic = "user.banking.product.purchased";
			EventStream stream = subscribe(replicaB, user);
			double malformedBefore = count("home.events.malformed", "topic", topic);
			String valid = PurchaseFlowIntegrationTests.this.objectMapper
				.writeValueAsString(Map.of("event_type", "contract_created", "user_id", user, "widget_id", "bank_x",
						"timestamp", Instant.now().toString(), "contract_id", 99, "service", "banking"));

			try (KafkaProducer<String, String> producer = producer()) {
				String key = String.valueOf(user);
				producer.send(new ProducerRecord<>(topic, key, "this is not json")).get(10, TimeUnit.SECONDS);
				producer
					.send(new ProducerRecord<>(topic, key, "{\"event_type\": \"contract_bought\", \"user_id\": -1}"))
					.get(10, TimeUnit.SECONDS);
				producer.send(new ProducerRecord<>(topic, key, valid)).get(10, TimeUnit.SECONDS);
			}

			await().atMost(EVENT_WAIT).until(() -> hasInvalidation(stream, "banking", "contract_created"));
			// at least once: a rebalance between the two replicas may hand a skipped
			// record to the other one again
			assertThat(count("home.events.malformed", "topic", topic)).isGreaterThanOrEqualTo(malformedBefore + 2);
		}

		@Test
		void notifiesTheBuyerOnceKafkaIsBackAfterAPurchaseDuringTheOutage() throws Exception {
			long user = 7402;
			EventStream stream = subscribe(replicaB, user);
			double consumedBefore = count("home.events.consumed", "service", "car-insurance");
			LocalKafka.shared().stop();
			try {
				HttpResponse<String> purchase = purchase(replicaA, user, OFFER);

				assertThat(purchase.statusCode()).isEqualTo(201);
				assertThat(car.contractRows(user, OFFER)).isEqualTo(1);
				assertThat(carWidgets(replicaB, user)).isEmpty();
				// the core's own invalidation and the product's HTTP callback still work
				await().atMost(Duration.ofSeconds(10)).until(() -> stream.invalidations().size() >= 2);
			}
			finally {
				LocalKafka.shared().start();
			}

			await().atMost(Duration.ofSeconds(90))
				.until(() -> count("home.events.consumed", "service", "car-insurance") > consumedBefore);
			await().atMost(Duration.ofSeconds(10)).until(() -> stream.invalidations().size() >= 3);
			assertThat(stream.invalidations()).allSatisfy((data) -> {
				assertThat(data.path("user_id").asLong()).isEqualTo(user);
				assertThat(data.path("reason").asText()).isEqualTo("contract_created");
			});
		}

	}

}
