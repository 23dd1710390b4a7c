package de.check24.homewidgets.core.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import de.check24.homewidgets.infrastructure.LocalKafka;
import de.check24.homewidgets.infrastructure.LocalKafkaCluster;
import de.check24.homewidgets.infrastructure.LocalPorts;
import de.check24.homewidgets.infrastructure.LocalPostgres;
import de.check24.homewidgets.infrastructure.ServiceProcess;

/**
 * The real car-insurance service (its built jar, as its own process) on the shared
 * PostgreSQL and Kafka, started once per test JVM and stopped when the JVM exits. Its
 * {@code CORE_SERVICE_URL} points at {@link #corePort()}, where a test may run a core
 * replica to receive the product's invalidation callbacks. {@link #onKafkaCluster} starts
 * another one, with a database of its own, on the three-broker cluster.
 */
public final class CarInsuranceService implements AutoCloseable {

	public static final String DATABASE = "car_insurance_db";

	public static final String SERVICE_TOKEN = TestSecrets.serviceToken(TestProducts.CAR_INSURANCE);

	private static CarInsuranceService shared;

	private final String name;

	private final String database;

	private final ServiceProcess process;

	private final int corePort;

	private CarInsuranceService(String name, String database, String kafka, Map<String, String> settings)
			throws InterruptedException {
		this.name = name;
		this.database = database;
		this.corePort = LocalPorts.free();
		Path logs = Path.of("target", "service-logs");
		try {
			Files.createDirectories(logs);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Map<String, String> environment = new LinkedHashMap<>();
		LocalPostgres postgres = LocalPostgres.shared();
		postgres.createDatabase(database);
		// the local profile: the embedded PostgreSQL's password is published, which any
		// other profile refuses
		environment.putAll(Map.of("DB_HOST", "127.0.0.1", "DB_PORT", Integer.toString(postgres.port()), "DB_NAME",
				database, "DB_USER", LocalPostgres.USER, "DB_PASSWORD", LocalPostgres.PASSWORD, "KAFKA_BROKER", kafka,
				"CORE_SERVICE_URL", "http://127.0.0.1:" + this.corePort, "CORE_SERVICE_TOKEN", SERVICE_TOKEN,
				"SPRING_PROFILES_ACTIVE", "local", "MANAGEMENT_PORT", Integer.toString(LocalPorts.free())));
		// every span to the test's trace backend, so traces can be followed into the
		// product
		environment.put("OTEL_EXPORTER_OTLP_ENDPOINT", OtlpReceiver.shared().endpoint());
		environment.put("OTEL_TRACES_SAMPLER_ARG", "1.0");
		// production's log format, so tests can read what it would log
		environment.put("LOG_FORMAT", "logstash");
		environment.putAll(settings);
		this.process = ServiceProcess.start(name, "car-insurance-service", LocalPorts.free(), environment,
				Path.of("..").toAbsolutePath().normalize(), logs.toAbsolutePath());
		try {
			this.process.awaitHealthy(Duration.ofSeconds(120));
		}
		catch (RuntimeException | InterruptedException ex) {
			this.process.close();
			throw ex;
		}
	}

	public static synchronized CarInsuranceService shared() {
		if (shared == null) {
			shared = start("car-insurance-service", DATABASE, LocalKafka.shared().bootstrapServers(), Map.of());
			Runtime.getRuntime().addShutdownHook(new Thread(shared.process::close, "car-insurance-service-stop"));
		}
		return shared;
	}

	/**
	 * Starts a car-insurance service of a test's own on the Kafka cluster, as the cluster
	 * setup runs it: its topic with replication factor 3 and {@code min.insync.replicas}
	 * 2, a database of its own (so its outbox relay never publishes the shared service's
	 * events).
	 * @param kafka the cluster
	 * @return the healthy service; the test closes it
	 */
	public static CarInsuranceService onKafkaCluster(LocalKafkaCluster kafka) {
		return start("car-insurance-service-on-kafka-cluster", "car_insurance_cluster_db", kafka.bootstrapServers(),
				Map.of("KAFKA_TOPIC_REPLICATION_FACTOR", "3", "KAFKA_TOPIC_MIN_INSYNC_REPLICAS", "2"));
	}

	private static CarInsuranceService start(String name, String database, String kafka, Map<String, String> settings) {
		try {
			return new CarInsuranceService(name, database, kafka, settings);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Everything the service printed.
	 * @return its log
	 */
	public String log() {
		try {
			return Files.readString(Path.of("target", "service-logs", this.name + ".log"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String url() {
		return this.process.url();
	}

	/**
	 * Where the service sends its cache invalidations.
	 * @return the port of {@code CORE_SERVICE_URL} on 127.0.0.1
	 */
	public int corePort() {
		return this.corePort;
	}

	/**
	 * Counts the contracts rows in the service's own database.
	 * @param userId the owner
	 * @param widgetId the offer
	 * @return 0 or 1
	 */
	public int contractRows(long userId, String widgetId) {
		try (Connection connection = DriverManager.getConnection(LocalPostgres.shared().jdbcUrl(this.database),
				LocalPostgres.USER, LocalPostgres.PASSWORD);
				PreparedStatement query = connection
					.prepareStatement("SELECT count(*) FROM contracts WHERE user_id = ? AND widget_id = ?")) {
			query.setLong(1, userId);
			query.setString(2, widgetId);
			try (ResultSet result = query.executeQuery()) {
				result.next();
				return result.getInt(1);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Stops a service a test started for itself; the shared one stops with the JVM. */
	@Override
	public void close() {
		this.process.close();
	}

}
