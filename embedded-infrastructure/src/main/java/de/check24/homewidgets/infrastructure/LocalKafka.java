package de.check24.homewidgets.infrastructure;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single Kafka broker in KRaft mode (no ZooKeeper), in this JVM. It keeps its port
 * and its data (topics, committed offsets) across {@link #stop()} and {@link #start()},
 * so clients reconnect by themselves the way they would after a broker outage.
 */
public final class LocalKafka implements AutoCloseable {

	/**
	 * Whether the {@link #shared()} broker creates topics on first use. Products declare
	 * their topics (design: "Brokers run with {@code auto.create.topics.enable=false}");
	 * until every test declares the topics it uses, the shared broker still creates them.
	 */
	public static final boolean SHARED_AUTO_CREATES_TOPICS = true;

	private static final Logger logger = LoggerFactory.getLogger(LocalKafka.class);

	private static final SharedServer<LocalKafka> shared = new SharedServer<>(
			() -> start(0, SHARED_AUTO_CREATES_TOPICS));

	private final int port;

	private final boolean autoCreateTopics;

	private KraftBrokers brokers;

	private LocalKafka(int port, boolean autoCreateTopics) {
		this.port = port;
		this.autoCreateTopics = autoCreateTopics;
	}

	/**
	 * The JVM-wide broker on a free port, started on first use and stopped when the JVM
	 * exits. It creates topics on first use ({@link #SHARED_AUTO_CREATES_TOPICS}).
	 * @return the running broker
	 */
	public static LocalKafka shared() {
		return shared.get();
	}

	/**
	 * Starts a broker that creates topics on first use.
	 * @param port the port, or 0 for a free one
	 * @return the running broker
	 */
	public static LocalKafka start(int port) {
		return start(port, true);
	}

	/**
	 * Starts a broker.
	 * @param port the port, or 0 for a free one
	 * @param autoCreateTopics the broker's {@code auto.create.topics.enable}:
	 * {@code false} as in production, where a producer or consumer of an undeclared topic
	 * gets an error instead of a topic with the broker's defaults
	 * @return the running broker
	 */
	public static LocalKafka start(int port, boolean autoCreateTopics) {
		LocalKafka kafka = new LocalKafka((port != 0) ? port : LocalPorts.free(), autoCreateTopics);
		kafka.start();
		return kafka;
	}

	public String bootstrapServers() {
		return "127.0.0.1:" + this.port;
	}

	public int port() {
		return this.port;
	}

	public synchronized boolean isRunning() {
		return this.brokers != null && this.brokers.isRunning(0);
	}

	/**
	 * Creates topics with replication factor 1 unless they exist. Tests of a broker
	 * without automatic topic creation declare their topics with it.
	 * @param partitions partitions per topic
	 * @param topics the topic names
	 */
	public void createTopics(int partitions, String... topics) {
		List<NewTopic> declared = Arrays.stream(topics)
			.map((topic) -> new NewTopic(topic, partitions, (short) 1))
			.toList();
		running().createTopics(declared);
	}

	/** Starts the broker again after {@link #stop()}; a no-op while it runs. */
	public synchronized void start() {
		if (isRunning()) {
			return;
		}
		if (this.brokers == null) {
			Map<String, String> properties = new HashMap<>();
			properties.put("auto.create.topics.enable", Boolean.toString(this.autoCreateTopics));
			properties.put("num.partitions", "3");
			properties.put("offsets.topic.replication.factor", "1");
			properties.put("transaction.state.log.replication.factor", "1");
			properties.put("transaction.state.log.min.isr", "1");
			properties.put("group.initial.rebalance.delay.ms", "0");
			this.brokers = KraftBrokers.start(List.of(this.port), properties);
		}
		else {
			this.brokers.start(0);
		}
		ShutdownSequence.add(this);
		logger.info("Kafka (KRaft) listening on {}", bootstrapServers());
	}

	/**
	 * Stops the broker; {@link #start()} brings it back on the same port with its data.
	 */
	public synchronized void stop() {
		if (this.brokers != null) {
			this.brokers.stop(0);
		}
	}

	/** Stops the broker and its controller and deletes their data. */
	@Override
	public synchronized void close() {
		if (this.brokers != null) {
			this.brokers.close();
			this.brokers = null;
		}
		ShutdownSequence.remove(this);
	}

	@Override
	public String toString() {
		return "Kafka on " + bootstrapServers();
	}

	private synchronized KraftBrokers running() {
		if (this.brokers == null) {
			throw new IllegalStateException("Kafka on " + bootstrapServers() + " is closed");
		}
		return this.brokers;
	}

}
