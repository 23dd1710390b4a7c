package de.check24.homewidgets.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import de.check24.homewidgets.infrastructure.LocalKafka;
import de.check24.homewidgets.infrastructure.LocalPostgres;
import de.check24.homewidgets.infrastructure.LocalRedis;
import de.check24.homewidgets.infrastructure.ServiceProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts embedded PostgreSQL, Redis and Kafka, then the four product services and the
 * core as real processes with their production configuration, prints how to use them and
 * stops everything on Ctrl-C or SIGTERM.
 */
public final class LocalPlatform implements AutoCloseable {

	static final List<Product> PRODUCTS = List.of(new Product("car-insurance-service", "car_insurance_db"),
			new Product("health-insurance-service", "health_insurance_db"),
			new Product("house-insurance-service", "house_insurance_db"), new Product("banking-service", "banking_db"));

	private static final Logger logger = LoggerFactory.getLogger(LocalPlatform.class);

	private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);

	private final PlatformSettings settings;

	private final List<AutoCloseable> running = new ArrayList<>();

	private final CountDownLatch stopped = new CountDownLatch(1);

	private final List<ServiceProcess> services = new ArrayList<>();

	private WebClientServer webClient;

	LocalPlatform(PlatformSettings settings) {
		this.settings = settings;
	}

	public static void main(String[] args) throws InterruptedException {
		PlatformSettings settings = PlatformSettings.from(System.getenv(), List.of(args), Path.of(""));
		LocalPlatform platform = new LocalPlatform(settings);
		Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "local-platform-shutdown"));
		try {
			platform.start();
		}
		catch (RuntimeException ex) {
			logger.error("The local platform did not start: {}", ex.getMessage());
			System.exit(1);
		}
		System.out.println(platform.welcome());
		platform.stopped.await();
	}

	/** Starts everything and returns once every service answers its health check. */
	void start() throws InterruptedException {
		long started = System.nanoTime();
		Path data = this.settings.home().resolve("data");
		Path logs = this.settings.home().resolve("logs");
		if (this.settings.clean()) {
			deleteRecursively(data);
		}
		createDirectories(data);
		createDirectories(logs);

		LocalPostgres postgres = LocalPostgres.start(this.settings.postgresPort(), data.resolve("postgres"));
		this.running.add(postgres);
		LocalRedis redis = LocalRedis.start(this.settings.redisPort());
		this.running.add(redis);
		// Kafka keeps no data across runs: the outbox in each product database is the
		// durable record.
		LocalKafka kafka = LocalKafka.start(this.settings.kafkaPort(), null);
		this.running.add(kafka);

		Map<String, String> coreEnvironment = new HashMap<>(
				Map.of("REDIS_HOST", "127.0.0.1", "REDIS_PORT", Integer.toString(redis.port()), "KAFKA_BROKER",
						kafka.bootstrapServers(), "HOME_JWT_SECRET", this.settings.jwtSecret(), "CORE_SERVICE_TOKEN",
						this.settings.serviceToken(), "SPRING_PROFILES_ACTIVE", "local"));
		// the web client is served from its own port: its origin may call the core
		coreEnvironment.put("HOME_CORS_ALLOWED_ORIGINS",
				"http://127.0.0.1:" + this.settings.webPort() + ",http://localhost:" + this.settings.webPort());
		for (int i = 0; i < PRODUCTS.size(); i++) {
			Product product = PRODUCTS.get(i);
			int port = this.settings.firstProductPort() + i;
			coreEnvironment.put(product.urlVariable(), "http://127.0.0.1:" + port);
			startService(product.module(), port, ServiceProcess.productServiceEnvironment(postgres, product.database(),
					kafka, this.settings.coreUrl(), this.settings.serviceToken()), logs);
		}
		startService("core-service", this.settings.corePort(), coreEnvironment, logs);
		Path webClient = this.settings.repositoryRoot().resolve("web-client/dist");
		if (Files.isRegularFile(webClient.resolve("index.html"))) {
			this.webClient = WebClientServer.start(webClient, this.settings.webPort(), this.settings.coreUrl());
			this.running.add(this.webClient);
		}
		else {
			logger.warn("No web client build in {}: run 'npm ci && npm run build' in web-client/", webClient);
		}
		for (ServiceProcess service : this.services) {
			service.awaitHealthy(STARTUP_TIMEOUT);
		}
		logger.info("Local platform ready in {} s", Duration.ofNanos(System.nanoTime() - started).toSeconds());
	}

	private void startService(String module, int port, Map<String, String> environment, Path logs) {
		ServiceProcess service = ServiceProcess.start(module, port, environment, this.settings.repositoryRoot(), logs);
		this.services.add(service);
		this.running.add(service);
	}

	String welcome() {
		DemoTokens tokens = new DemoTokens(this.settings.jwtSecret());
		String token123 = tokens.forUser(123, Duration.ofHours(12));
		String token456 = tokens.forUser(456, Duration.ofHours(12));
		String core = this.settings.coreUrl();
		StringBuilder text = new StringBuilder("\nHome Widgets is running.\n\n");
		if (this.webClient != null) {
			text.append(String.format("  web client      %s   <- open this%n", this.webClient.url()));
		}
		text.append(String.format("  core (BFF)      %s%n", core));
		for (ServiceProcess service : this.services) {
			if (!service.name().equals("core-service")) {
				text.append(String.format("  %-15s %s%n", service.name().replace("-service", ""), service.url()));
			}
		}
		text.append(String.format("  logs            %s%n", this.settings.home().resolve("logs")));
		text.append(String.format("%nDemo tokens (valid 12 h):%n  TOKEN_123=%s%n  TOKEN_456=%s%n", token123, token456));
		text.append(String.format("%nTry:%n  curl -s %s/home%n", core));
		text.append(String.format("  curl -s -H \"Authorization: Bearer %s\" %s/home%n", token123, core));
		text.append(String.format("  curl -s -X POST %s/widget/car-insurance/contract -H \"Authorization: Bearer %s\""
				+ " -H 'Content-Type: application/json' -d '{\"user_id\":123,\"widget_id\":\"car_offer_devk\"}'%n",
				core, token123));
		text.append(String.format("  curl -s -H \"Authorization: Bearer %s\" %s/user/123/contracts%n", token123, core));
		text.append(String.format("  scripts/smoke.sh %s%n", core));
		text.append("\nCtrl-C stops everything.\n");
		return text.toString();
	}

	/** Stops the services, then the infrastructure, in reverse order of start. */
	@Override
	public synchronized void close() {
		if (this.stopped.getCount() == 0) {
			return;
		}
		for (int i = this.running.size() - 1; i >= 0; i--) {
			try {
				this.running.get(i).close();
			}
			catch (Exception ex) {
				logger.warn("Stopping {} failed", this.running.get(i), ex);
			}
		}
		this.running.clear();
		this.stopped.countDown();
	}

	private static void createDirectories(Path directory) {
		try {
			Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void deleteRecursively(Path directory) {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	record Product(String module, String database) {

		/**
		 * The core's environment variable for this product's base URL, e.g.
		 * {@code CAR_INSURANCE_SERVICE_URL}.
		 */
		String urlVariable() {
			return this.module.replace('-', '_').toUpperCase() + "_URL";
		}

	}

}
