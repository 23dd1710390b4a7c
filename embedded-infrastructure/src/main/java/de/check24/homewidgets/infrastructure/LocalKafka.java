package de.check24.homewidgets.infrastructure;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real single-node Kafka broker in KRaft mode (no ZooKeeper) from spring-kafka-test. It
 * keeps its port across {@link #stop()} and {@link #start()}, so clients reconnect by
 * themselves the way they would after a broker outage.
 */
public final class LocalKafka implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(LocalKafka.class);

	private static LocalKafka shared;

	private final int port;

	private final Path logDirectory;

	private EmbeddedKafkaKraftBroker broker;

	private LocalKafka(int port, Path logDirectory) {
		this.port = port;
		this.logDirectory = logDirectory;
	}

	/**
	 * The JVM-wide broker on a free port, started on first use and stopped when the JVM
	 * exits.
	 * @return the running broker
	 */
	public static synchronized LocalKafka shared() {
		if (shared == null) {
			shared = start(0, null);
			Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "local-kafka-shutdown"));
		}
		return shared;
	}

	/**
	 * Starts a broker.
	 * @param port the port, or 0 for a free one
	 * @param logDirectory where topics live and survive restarts; {@code null} for a
	 * throw-away directory
	 * @return the running broker
	 */
	public static LocalKafka start(int port, Path logDirectory) {
		LocalKafka kafka = new LocalKafka((port != 0) ? port : LocalPorts.free(), logDirectory);
		kafka.start();
		return kafka;
	}

	public String bootstrapServers() {
		return "127.0.0.1:" + this.port;
	}

	public synchronized boolean isRunning() {
		return this.broker != null;
	}

	/** Starts the broker again after {@link #stop()}; a no-op while it runs. */
	public synchronized void start() {
		if (isRunning()) {
			return;
		}
		Map<String, String> properties = new HashMap<>();
		properties.put("auto.create.topics.enable", "true");
		properties.put("num.partitions", "3");
		properties.put("offsets.topic.replication.factor", "1");
		properties.put("group.initial.rebalance.delay.ms", "0");
		if (this.logDirectory != null) {
			properties.put("log.dirs", this.logDirectory.toString());
		}
		// The test kit ignores kafkaPorts in combined KRaft mode; a fixed listener keeps
		// the port across restarts.
		properties.put("listeners", "EXTERNAL://127.0.0.1:" + this.port + ",CONTROLLER://127.0.0.1:0");
		EmbeddedKafkaKraftBroker kraft = new EmbeddedKafkaKraftBroker(1, 3);
		kraft.brokerProperties(properties);
		kraft.afterPropertiesSet();
		this.broker = kraft;
		logger.info("Kafka (KRaft) listening on {}", kraft.getBrokersAsString());
	}

	public synchronized void stop() {
		if (this.broker == null) {
			return;
		}
		this.broker.destroy();
		this.broker = null;
	}

	@Override
	public void close() {
		stop();
	}

}
