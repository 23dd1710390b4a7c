package de.check24.homewidgets.infrastructure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class LocalKafkaClusterTests {

	private final LocalKafkaCluster cluster = LocalKafkaCluster.shared();

	@AfterEach
	void everyBrokerRunsAgain() {
		for (int broker = 0; broker < LocalKafkaCluster.BROKERS; broker++) {
			this.cluster.startBroker(broker);
		}
	}

	@Test
	void declaresTopicsWithThreeReplicasAndTwoInSyncAndCreatesNoneOnFirstUse() throws Exception {
		this.cluster.createTopics(3, "cluster.declared");

		try (Admin admin = admin()) {
			TopicDescription topic = admin.describeTopics(List.of("cluster.declared"))
				.allTopicNames()
				.get(30, TimeUnit.SECONDS)
				.get("cluster.declared");
			assertThat(topic.partitions()).hasSize(3)
				.allSatisfy((partition) -> assertThat(partition.replicas()).hasSize(3));
			ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "cluster.declared");
			Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
			assertThat(config.get("min.insync.replicas").value()).isEqualTo("2");

			try (KafkaProducer<String, String> producer = producer(Duration.ofSeconds(3))) {
				assertThatExceptionOfType(Exception.class)
					.isThrownBy(() -> producer.send(new ProducerRecord<>("cluster.undeclared", "1", "lost")).get())
					.withMessageContaining("not present in metadata");
			}
			assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).doesNotContain("cluster.undeclared");
		}
	}

	@Test
	void producesWithAllAcksAndKeepsConsumingWhileOneBrokerIsDown() throws Exception {
		String topic = "cluster.outage";
		this.cluster.createTopics(3, topic);
		try (KafkaProducer<String, String> producer = producer(Duration.ofSeconds(30));
				KafkaConsumer<String, String> consumer = consumer()) {
			consumer.subscribe(List.of(topic));
			List<String> received = Collections.synchronizedList(new ArrayList<>());
			send(producer, topic, "before-", 9);
			awaitReceived(consumer, received, 9);

			int leader = leaderOfPartitionZero(topic);
			this.cluster.stopBroker(leader);
			assertThat(this.cluster.isRunning(leader)).isFalse();

			// acks=all needs min.insync.replicas (2) of the three: the two left suffice
			send(producer, topic, "during-", 9);
			awaitReceived(consumer, received, 18);
			assertThat(received).filteredOn((value) -> value.startsWith("during-")).hasSize(9);

			this.cluster.startBroker(leader);
			await().atMost(Duration.ofSeconds(60))
				.until(() -> inSyncReplicas(topic).stream().allMatch((isr) -> isr == LocalKafkaCluster.BROKERS));
		}
	}

	private static void send(KafkaProducer<String, String> producer, String topic, String prefix, int count)
			throws Exception {
		for (int i = 0; i < count; i++) {
			producer.send(new ProducerRecord<>(topic, Integer.toString(i), prefix + i)).get(30, TimeUnit.SECONDS);
		}
	}

	private static void awaitReceived(KafkaConsumer<String, String> consumer, List<String> received, int count) {
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			consumer.poll(Duration.ofMillis(200)).forEach((record) -> received.add(record.value()));
			return received.size() >= count;
		});
	}

	private int leaderOfPartitionZero(String topic) throws Exception {
		return describe(topic).partitions().get(0).leader().id();
	}

	private List<Integer> inSyncReplicas(String topic) throws Exception {
		return describe(topic).partitions().stream().map(TopicPartitionInfo::isr).map(List::size).toList();
	}

	private TopicDescription describe(String topic) throws Exception {
		try (Admin admin = admin()) {
			return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
		}
	}

	private Admin admin() {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.cluster.bootstrapServers()));
	}

	private KafkaProducer<String, String> producer(Duration maxBlock) {
		return new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.cluster.bootstrapServers(),
						ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
						ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) maxBlock.toMillis()),
				new StringSerializer(), new StringSerializer());
	}

	private KafkaConsumer<String, String> consumer() {
		return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.cluster.bootstrapServers(),
				ConsumerConfig.GROUP_ID_CONFIG, "cluster-check", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer());
	}

}
