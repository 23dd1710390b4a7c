package de.check24.homewidgets.infrastructure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three Kafka brokers in KRaft mode, configured as the production cluster the platform
 * targets (issue 12): topics are declared, never created on first use; replication factor
 * 3 and {@code min.insync.replicas} 2, so a producer with {@code acks=all} keeps writing
 * while one broker is down. Each broker can be stopped and started again on its port with
 * its data; the controller keeps running throughout.
 */
public final class LocalKafkaCluster implements AutoCloseable {

	/** Brokers in the cluster. */
	public static final int BROKERS = 3;

	private static final Logger logger = LoggerFactory.getLogger(LocalKafkaCluster.class);

	private static final SharedServer<LocalKafkaCluster> shared = new SharedServer<>(LocalKafkaCluster::start);

	private final KraftBrokers brokers;

	private LocalKafkaCluster(KraftBrokers brokers) {
		this.brokers = brokers;
	}

	/**
	 * The JVM-wide cluster, started on first use and stopped when the JVM exits.
	 * @return the running cluster; a test that stops a broker starts it again when done
	 */
	public static LocalKafkaCluster shared() {
		return shared.get();
	}

	/**
	 * Starts three brokers on free ports.
	 * @return the running cluster
	 */
	public static LocalKafkaCluster start() {
		List<Integer> ports = new ArrayList<>();
		for (int i = 0; i < BROKERS; i++) {
			ports.add(LocalPorts.free());
		}
		LocalKafkaCluster cluster = new LocalKafkaCluster(KraftBrokers.start(ports,
				Map.of("auto.create.topics.enable", "false", "default.replication.factor", "3", "min.insync.replicas",
						"2", "num.partitions", "3", "offsets.topic.replication.factor", "3",
						"transaction.state.log.replication.factor", "3", "transaction.state.log.min.isr", "2",
						"group.initial.rebalance.delay.ms", "0")));
		ShutdownSequence.add(cluster);
		logger.info("Kafka cluster (KRaft, {} brokers) listening on {}", BROKERS, cluster.bootstrapServers());
		return cluster;
	}

	/**
	 * All brokers, for {@code spring.kafka.bootstrap-servers} or {@code KAFKA_BROKER}.
	 * @return {@code 127.0.0.1:port,...}
	 */
	public String bootstrapServers() {
		return this.brokers.bootstrapServers();
	}

	/**
	 * The brokers' ports; broker {@code i} (its Kafka node id) listens on
	 * {@code ports().get(i)}.
	 * @return the ports, stable across stop and start
	 */
	public List<Integer> ports() {
		return this.brokers.ports();
	}

	/**
	 * Stops one broker (a controlled shutdown); the others take over its partitions.
	 * @param broker the broker id, 0 to 2
	 */
	public void stopBroker(int broker) {
		if (this.brokers.isRunning(broker)) {
			this.brokers.stop(broker);
			logger.info("Kafka broker {} on 127.0.0.1:{} stopped", broker, ports().get(broker));
		}
	}

	/**
	 * Starts a stopped broker again on its port with its data.
	 * @param broker the broker id, 0 to 2
	 */
	public void startBroker(int broker) {
		if (!this.brokers.isRunning(broker)) {
			this.brokers.start(broker);
			logger.info("Kafka broker {} on 127.0.0.1:{} started", broker, ports().get(broker));
		}
	}

	public boolean isRunning(int broker) {
		return this.brokers.isRunning(broker);
	}

	/**
	 * Creates topics unless they exist, with replication factor 3 and
	 * {@code min.insync.replicas} 2.
	 * @param partitions partitions per topic
	 * @param topics the topic names
	 */
	public void createTopics(int partitions, String... topics) {
		this.brokers.createTopics(Arrays.stream(topics)
			.map((topic) -> new NewTopic(topic, partitions, (short) BROKERS)
				.configs(Map.of("min.insync.replicas", "2")))
			.toList());
	}

	/** Stops every broker and the controller and deletes their data. */
	@Override
	public void close() {
		this.brokers.close();
		ShutdownSequence.remove(this);
	}

	@Override
	public String toString() {
		return "Kafka cluster on " + bootstrapServers();
	}

}
