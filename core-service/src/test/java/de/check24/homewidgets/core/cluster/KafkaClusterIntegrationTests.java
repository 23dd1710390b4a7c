package de.check24.homewidgets.core.cluster;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import de.check24.homewidgets.core.support.CarInsuranceService;
import de.check24.homewidgets.core.support.CoreReplicas;
import de.check24.homewidgets.core.support.EventStream;
import de.check24.homewidgets.core.support.HttpTestClient;
import de.check24.homewidgets.core.support.StubProducts;
import de.check24.homewidgets.core.support.Tokens;
import de.check24.homewidgets.infrastructure.LocalKafkaCluster;
import de.check24.homewidgets.infrastructure.LocalRedisCluster;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Purchase to screen in the cluster setup: the real car-insurance service (its own
 * process and database) publishing to the three-broker Kafka cluster with replication
 * factor 3 and {@code min.insync.replicas} 2, two core replicas consuming as one group
 * and caching in the Redis Cluster. One broker stops while users buy; later one replica
 * stops and the other takes over its partitions.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaClusterIntegrationTests {

	private static final String CAR_TOPIC = "user.car.insurance.purchased";

	/**
	 * The core consumes every product's topic; the other products would declare these.
	 */
	private static final String[] OTHER_TOPICS = { "user.health.insurance.purchased", "user.house.insurance.purchased",
			"user.banking.product.purchased" };

	private static final int PARTITIONS = 4 * 3;

	private static final String OFFER = "car_offer_huk24";

	private static final LocalKafkaCluster kafka = LocalKafkaCluster.shared();

	private static CarInsuranceService car;

	private static ConfigurableApplicationContext replicaA;

	private static ConfigurableApplicationContext replicaB;

	private final ObjectMapper objectMapper = new ObjectMapper();

	private final List<EventStream> streams = new ArrayList<>();

	@BeforeAll
	static void startTheProductAndTwoReplicasOnTheClusters() {
		kafka.createTopics(3, OTHER_TOPICS);
		car = CarInsuranceService.onKafkaCluster(kafka);
		replicaA = start(car.corePort());
		replicaB = start(0);
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(
					() -> assertThat(assigned(replicaA).size() + assigned(replicaB).size()).isEqualTo(PARTITIONS));
	}

	private static ConfigurableApplicationContext start(int port) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("home.products.catalog.car-insurance.base-url", car.url());
		properties.put("server.port", String.valueOf(port));
		properties.put("home.events.enabled", "true");
		properties.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
		// a new group on a new cluster: nothing published before it joined is skipped
		properties.put("spring.kafka.consumer.auto-offset-reset", "earliest");
		properties.put("REDIS_CLUSTER_NODES", LocalRedisCluster.shared().nodes());
		return CoreReplicas.start(properties);
	}

	@AfterAll
	static void stopEverythingStartedHere() {
		for (int broker = 0; broker < LocalKafkaCluster.BROKERS; broker++) {
			kafka.startBroker(broker);
		}
		for (ConfigurableApplicationContext replica : new ConfigurableApplicationContext[] { replicaA, replicaB }) {
			if (replica != null) {
				replica.close();
			}
		}
		if (car != null) {
			car.close();
		}
	}

	@AfterEach
	void closeStreams() {
		this.streams.forEach(EventStream::close);
		StubProducts.shared().reset();
	}

	@Test
	@Order(1)
	void theProductDeclaresItsTopicWithThreeReplicasOfWhichTwoMustHaveEachEvent() throws Exception {
		try (Admin admin = admin()) {
			TopicDescription topic = admin.describeTopics(List.of(CAR_TOPIC)).allTopicNames().get().get(CAR_TOPIC);
			ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, CAR_TOPIC);
			Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);

			assertThat(topic.partitions()).hasSize(3)
				.allSatisfy((partition) -> assertThat(partition.replicas()).hasSize(3));
			assertThat(config.get("min.insync.replicas").value()).isEqualTo("2");
		}
	}

	@Test
	@Order(2)
	void purchasesWhileTheLeaderBrokerIsStoppedAreAcknowledgedAndEveryEventReachesTheBuyer() throws Exception {
		List<Long> buyers = List.of(9101L, 9102L, 9103L, 9104L, 9105L, 9106L);
		int broker = leaderOf(buyers.get(0));
		double consumedBefore = consumed();
		Map<Long, EventStream> streams = new LinkedHashMap<>();
		for (long buyer : buyers) {
			streams.put(buyer, subscribe((buyer % 2 == 0) ? replicaA : replicaB, buyer));
		}

		kafka.stopBroker(broker);
		try {
			for (long buyer : buyers) {
				HttpResponse<String> purchase = purchase((buyer % 2 == 0) ? replicaB : replicaA, buyer);

				assertThat(purchase.statusCode()).as("purchase of %d", buyer).isEqualTo(201);
				assertThat(car.contractRows(buyer, OFFER)).isEqualTo(1);
			}

			// on the topic, each once the relay published it with acks=all to the two
			// brokers left
			assertThat(contractsCreatedOnTheTopic(Set.copyOf(buyers))).containsAll(buyers);
			await().atMost(Duration.ofSeconds(60)).until(() -> consumed() >= consumedBefore + buyers.size());
			// the core's own invalidation, the product's callback and the Kafka event
			streams.forEach((buyer, stream) -> await().atMost(Duration.ofSeconds(30))
				.until(() -> stream.invalidations()
					.stream()
					.filter((data) -> data.path("user_id").asLong() == buyer
							&& "contract_created".equals(data.path("reason").asText()))
					.count() >= 3));
		}
		finally {
			kafka.startBroker(broker);
		}
	}

	@Test
	@Order(3)
	void bothReplicasConsumeAndTheOneLeftTakesEveryPartitionWhenTheOtherStops() throws Exception {
		assertThat(assigned(replicaA)).isNotEmpty();
		assertThat(assigned(replicaB)).isNotEmpty();
		Set<TopicPartition> all = new HashSet<>(assigned(replicaA));
		all.addAll(assigned(replicaB));
		assertThat(all).hasSize(PARTITIONS);

		replicaB.close();
		replicaB = null;

		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(assigned(replicaA)).isEqualTo(all));
		long buyer = 9201;
		EventStream stream = subscribe(replicaA, buyer);
		double consumedBefore = consumed();
		assertThat(purchase(replicaA, buyer).statusCode()).isEqualTo(201);
		await().atMost(Duration.ofSeconds(60)).until(() -> consumed() > consumedBefore);
		await().atMost(Duration.ofSeconds(10)).until(() -> stream.invalidations().size() >= 3);
	}

	private static Set<TopicPartition> assigned(ConfigurableApplicationContext replica) {
		Set<TopicPartition> partitions = new HashSet<>();
		var container = replica.getBean(KafkaListenerEndpointRegistry.class)
			.getListenerContainer("widget-cache-invalidator");
		if (container != null && container.getAssignedPartitions() != null) {
			partitions.addAll(container.getAssignedPartitions());
		}
		return partitions;
	}

	/**
	 * The broker leading the car topic's partition of a user's events (keyed by user).
	 */
	private static int leaderOf(long user) throws Exception {
		int partition = Utils.toPositive(Utils.murmur2(String.valueOf(user).getBytes())) % 3;
		try (Admin admin = admin()) {
			TopicDescription topic = admin.describeTopics(List.of(CAR_TOPIC)).allTopicNames().get().get(CAR_TOPIC);
			return topic.partitions().get(partition).leader().id();
		}
	}

	/**
	 * Reads the car topic from its start as a group of its own until every buyer's event
	 * is there.
	 */
	private Set<Long> contractsCreatedOnTheTopic(Set<Long> buyers) {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, "cluster-test-" + UUID.randomUUID());
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
		properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
		Set<Long> created = new HashSet<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
			consumer.subscribe(List.of(CAR_TOPIC));
			await().atMost(Duration.ofSeconds(60)).until(() -> {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					JsonNode event = this.objectMapper.readTree(record.value());
					if ("contract_created".equals(event.path("event_type").asText())) {
						created.add(event.path("user_id").asLong());
					}
				}
				return created.containsAll(buyers);
			});
		}
		return created;
	}

	private static double consumed() {
		double total = 0;
		for (ConfigurableApplicationContext replica : new ConfigurableApplicationContext[] { replicaA, replicaB }) {
			if (replica != null) {
				total += replica.getBean(MeterRegistry.class)
					.find("home.events.consumed")
					.tag("service", "car-insurance")
					.counters()
					.stream()
					.mapToDouble(Counter::count)
					.sum();
			}
		}
		return total;
	}

	private static Admin admin() {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
	}

	private EventStream subscribe(ConfigurableApplicationContext replica, long user) {
		EventStream stream = EventStream.open(http(replica).baseUrl(), user);
		this.streams.add(stream);
		assertThat(stream.status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> stream.events().stream().anyMatch((event) -> "connected".equals(event.name())));
		return stream;
	}

	private static HttpResponse<String> purchase(ConfigurableApplicationContext replica, long user) {
		return http(replica).post("/widget/car-insurance/contract",
				"{\"user_id\": " + user + ", \"widget_id\": \"" + OFFER + "\"}", "Authorization",
				"Bearer " + Tokens.forUser(user));
	}

	private static HttpTestClient http(ConfigurableApplicationContext replica) {
		return CoreReplicas.http(replica);
	}

}
