package de.check24.homewidgets.infrastructure;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import kafka.server.BrokerServer;
import kafka.testkit.KafkaClusterTestKit;
import kafka.testkit.TestKitNodes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka brokers in KRaft mode from Kafka's own test kit, in this JVM: one dedicated
 * controller, which is never stopped, and brokers on fixed ports, each of which can be
 * stopped and started again with its data. Clients see a stopped broker as they would see
 * a broker outage: the port refuses connections.
 */
final class KraftBrokers {

	private static final Logger logger = LoggerFactory.getLogger(KraftBrokers.class);

	/**
	 * Kafka's test kit numbers controllers from 3000 when they run apart from brokers.
	 */
	private static final int CONTROLLER_ID = 3000;

	static {
		// A broker fault must not end the JVM (the local platform or a test run).
		Exit.setExitProcedure((status, message) -> logger.warn("Kafka called Exit.exit({}, {})", status, message));
		Exit.setHaltProcedure((status, message) -> logger.warn("Kafka called Exit.halt({}, {})", status, message));
		// Kafka deletes its temporary directories in JVM hooks of its own; run them after
		// the brokers stopped, not while they still write there.
		Exit.setShutdownHookAdder((name, hook) -> ShutdownSequence.afterwards(hook));
	}

	private final List<Integer> ports;

	private final KafkaClusterTestKit cluster;

	private KraftBrokers(List<Integer> ports, KafkaClusterTestKit cluster) {
		this.ports = ports;
		this.cluster = cluster;
	}

	/**
	 * Starts the controller and the brokers and returns once every broker is ready.
	 * @param ports one port per broker (broker {@code i} listens on {@code ports[i]})
	 * @param properties broker configuration beyond listeners and directories
	 */
	static KraftBrokers start(List<Integer> ports, Map<String, String> properties) {
		Map<Integer, Map<String, String>> perNode = new HashMap<>();
		for (int broker = 0; broker < ports.size(); broker++) {
			perNode.put(broker, Map.of("listeners", "EXTERNAL://127.0.0.1:" + ports.get(broker)));
		}
		perNode.put(CONTROLLER_ID, Map.of("listeners", "CONTROLLER://127.0.0.1:0"));
		try {
			TestKitNodes nodes = new TestKitNodes.Builder().setCombined(false)
				.setNumControllerNodes(1)
				.setNumBrokerNodes(ports.size())
				.setPerServerProperties(perNode)
				.build();
			KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
			properties.forEach(builder::setConfigProp);
			KafkaClusterTestKit cluster = builder.build();
			cluster.format();
			cluster.startup();
			cluster.waitForReadyBrokers();
			return new KraftBrokers(List.copyOf(ports), cluster);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while Kafka started", ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Kafka did not start on ports " + ports, ex);
		}
	}

	String bootstrapServers() {
		return this.ports.stream().map((port) -> "127.0.0.1:" + port).collect(Collectors.joining(","));
	}

	List<Integer> ports() {
		return this.ports;
	}

	boolean isRunning(int broker) {
		return !broker(broker).isShutdown();
	}

	/** Controlled shutdown of one broker: its partitions' leadership moves away first. */
	void stop(int broker) {
		BrokerServer server = broker(broker);
		if (!server.isShutdown()) {
			server.shutdown();
			server.awaitShutdown();
		}
	}

	/** Starts a stopped broker on its port with its data; returns once it is ready. */
	void start(int broker) {
		BrokerServer server = broker(broker);
		if (server.isShutdown()) {
			server.startup();
		}
	}

	/**
	 * Creates the topics unless they exist.
	 * @param topics the topics with partitions, replication factor and configuration
	 */
	void createTopics(Collection<NewTopic> topics) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
			Map<String, KafkaFuture<Void>> results = admin.createTopics(topics).values();
			for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
				try {
					result.getValue().get(30, TimeUnit.SECONDS);
				}
				catch (ExecutionException ex) {
					if (!(ex.getCause() instanceof TopicExistsException)) {
						throw new IllegalStateException("Could not create topic " + result.getKey(), ex.getCause());
					}
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while creating topics", ex);
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("Kafka did not create topics within 30 s", ex);
		}
	}

	/** Stops the brokers and the controller and deletes their data. */
	void close() {
		try {
			this.cluster.close();
		}
		catch (Exception ex) {
			// the test kit rethrows the first fault it saw while running, such as an
			// outage a test caused on purpose
			logger.debug("Kafka reported a fault while it ran", ex);
		}
	}

	private BrokerServer broker(int broker) {
		BrokerServer server = this.cluster.brokers().get(broker);
		if (server == null) {
			throw new IllegalArgumentException("No broker " + broker + "; brokers are 0 to " + (this.ports.size() - 1));
		}
		return server;
	}

}
