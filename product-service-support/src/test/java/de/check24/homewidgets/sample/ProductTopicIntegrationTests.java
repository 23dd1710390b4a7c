package de.check24.homewidgets.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import de.check24.homewidgets.infrastructure.EmbeddedInfrastructure;
import de.check24.homewidgets.infrastructure.LocalPorts;
import de.check24.homewidgets.product.ContractEvents;
import de.check24.homewidgets.product.CoreTokens;
import de.check24.homewidgets.product.ProductHttp;
import de.check24.homewidgets.sdui.ContractEvent;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a broker that, like production's, does not create topics on first use, the product
 * declares its own topic with the configured partitions and {@code min.insync.replicas},
 * and keeps publishing when that broker comes back without its data. The shared test
 * broker creates topics on demand, so this test runs a broker of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(locations = "classpath:sample/sample-product.properties",
		properties = { "product.core.base-url=http://127.0.0.1:9", "product.kafka.topic.partitions=4",
				"product.outbox.backoff-max=2s" })
@ActiveProfiles("local")
@DirtiesContext
class ProductTopicIntegrationTests {

	private static final String TOPIC = "user.sample.product.purchased";

	private static final int PORT = LocalPorts.free();

	private static EmbeddedKafkaKraftBroker broker = startBroker();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		EmbeddedInfrastructure.postgres(registry, "sample_topic_db");
		registry.add("spring.kafka.bootstrap-servers", ProductTopicIntegrationTests::bootstrapServers);
		CoreTokens.register(registry);
	}

	@AfterAll
	static void stopBroker() {
		broker.destroy();
	}

	@Test
	void declaresItsTopicWithTheConfiguredPartitionsAndMinInsyncReplicas() throws Exception {
		assertTopicAsConfigured();
	}

	@Test
	void keepsPublishingWhenTheBrokerComesBackWithoutItsData() throws Exception {
		broker.destroy();
		broker = startBroker();

		ProductHttp.Response purchase = ProductHttp.to(this.port)
			.call(HttpMethod.POST, "/widget/sample/contract", CoreTokens.shared().forUser("sample", 610_001),
					"{\"user_id\": 610001, \"widget_id\": \"sample_offer\"}");

		assertThat(purchase.status()).isEqualTo(201);
		try (ContractEvents events = ContractEvents.on(bootstrapServers(), TOPIC)) {
			ContractEvent event = ContractEvents.event(events.awaitEventFor(
					purchase.body().path("contract_id").asLong(), "contract_created", Duration.ofSeconds(60)));
			assertThat(event.userId()).isEqualTo(610_001);
		}
		assertTopicAsConfigured();
	}

	private static void assertTopicAsConfigured() throws Exception {
		try (AdminClient admin = AdminClient
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
			TopicDescription topic = admin.describeTopics(List.of(TOPIC))
				.allTopicNames()
				.get(10, TimeUnit.SECONDS)
				.get(TOPIC);
			assertThat(topic.partitions()).hasSize(4);
			ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
			Config config = admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource);
			assertThat(config.get("min.insync.replicas").value()).isEqualTo("1");
		}
	}

	private static String bootstrapServers() {
		return "127.0.0.1:" + PORT;
	}

	/** An empty single broker on a fixed port that creates no topic by itself. */
	private static EmbeddedKafkaKraftBroker startBroker() {
		EmbeddedKafkaKraftBroker kraft = new EmbeddedKafkaKraftBroker(1, 1);
		kraft.brokerProperties(Map.of("auto.create.topics.enable", "false", "offsets.topic.replication.factor", "1",
				"group.initial.rebalance.delay.ms", "0", "listeners",
				"EXTERNAL://127.0.0.1:" + PORT + ",CONTROLLER://127.0.0.1:0"));
		// by default it publishes itself as the JVM-wide spring.kafka.bootstrap-servers,
		// which would point every later test's application at this broker after it stops
		kraft.brokerListProperty("product-topic-tests.bootstrap-servers");
		kraft.afterPropertiesSet();
		return kraft;
	}

}
