package de.check24.homewidgets.platform;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import de.check24.homewidgets.infrastructure.LocalKafka;
import de.check24.homewidgets.infrastructure.LocalPorts;
import de.check24.homewidgets.infrastructure.LocalPostgres;
import de.check24.homewidgets.infrastructure.LocalRedis;
import de.check24.homewidgets.infrastructure.ServiceProcess;
import de.check24.homewidgets.infrastructure.ShutdownSequence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts embedded PostgreSQL, Redis and Kafka, then the product services and one or more
 * core replicas as real processes with their production configuration in the
 * {@code local} profile, prints how to use them, lets an operator stop and start each
 * part ({@code ./platform.sh stop|start|status}) and stops everything in dependency order
 * on Ctrl-C or SIGTERM, one line per component.
 */
public final class LocalPlatform implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(LocalPlatform.class);

	private final PlatformSettings settings;

	private final PlatformSecrets secrets;

	private final PrintStream out;

	/** Everything an operator can stop and start, by name, in the order it started. */
	private final Map<String, Component> components = new LinkedHashMap<>();

	private final List<ServiceComponent> products = new ArrayList<>();

	private final List<ServiceComponent> cores = new ArrayList<>();

	private final CountDownLatch stopped = new CountDownLatch(1);

	private LocalPostgres postgres;

	private LocalRedis redis;

	private LocalKafka kafka;

	private CoreLoadBalancer loadBalancer;

	private WebClientServer webClient;

	private AdminEndpoint admin;

	private volatile boolean ready;

	private boolean closed;

	/**
	 * @param settings ports, products, replicas and where things live
	 * @param environment where secrets the operator set come from (others are generated)
	 * @param out where the stop lines go
	 */
	LocalPlatform(PlatformSettings settings, Map<String, String> environment, PrintStream out) {
		this.settings = settings;
		this.secrets = PlatformSecrets.from(environment, settings.products());
		this.out = out;
	}

	public static void main(String[] args) throws InterruptedException {
		if (args.length > 0 && PlatformCommand.COMMANDS.contains(args[0])) {
			System.exit(PlatformCommand.run(List.of(args), System.getenv(), System.out));
		}
		PlatformSettings settings;
		try {
			settings = PlatformSettings.from(System.getenv(), List.of(args), Path.of(""));
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		LocalPlatform platform = new LocalPlatform(settings, System.getenv(), System.out);
		// Ctrl-C: the platform stops its parts itself, in dependency order
		ShutdownSequence.addOwner(platform);
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
	void start() {
		long started = System.nanoTime();
		Path data = this.settings.home().resolve("data");
		Path logs = this.settings.home().resolve("logs");
		requireFreePorts();
		requireRunnableProducts();
		if (this.settings.clean()) {
			deleteRecursively(data);
		}
		createDirectories(data);
		createDirectories(logs);
		keepPreviousLogs(logs);
		this.secrets.writeUserTokenSecret(secretsFile());
		step(() -> this.admin = AdminEndpoint.start(this.settings.adminPort(), this));

		step(() -> this.postgres = LocalPostgres.start(this.settings.postgresPort(), data.resolve("postgres")));
		add(new ServerComponent("postgres", this.postgres::start, this.postgres::stop, this.postgres::isRunning,
				() -> postgresIdentity(data), "127.0.0.1:" + this.postgres.port()));
		step(() -> this.redis = LocalRedis.start(this.settings.redisPort()));
		add(new ServerComponent("redis", this.redis::start, this.redis::stop, this.redis::isRunning,
				() -> "pid " + this.redis.pid(), "127.0.0.1:" + this.redis.port()));
		// Kafka keeps no data across runs: the outbox in each product database is the
		// durable record
		step(() -> this.kafka = LocalKafka.start(this.settings.kafkaPort(), this.settings.kafkaAutoCreateTopics()));
		add(new ServerComponent("kafka", this.kafka::start, this.kafka::stop, this.kafka::isRunning,
				() -> "in-process, " + this.kafka.bootstrapServers(), this.kafka.bootstrapServers()));

		for (PlatformProduct product : this.settings.products()) {
			ServiceComponent service = new ServiceComponent(product.key(), product.module(), product.processName(),
					product.port(), product.metricsUrl(), productEnvironment(product), this.settings.repositoryRoot(),
					logs, this.settings.javaOptions());
			this.products.add(service);
			add(service);
			step(service::launch);
		}
		for (CoreReplica replica : this.settings.replicas()) {
			Map<String, String> environment = new LinkedHashMap<>(coreEnvironment());
			environment.put("MANAGEMENT_PORT", Integer.toString(replica.managementPort()));
			ServiceComponent core = new ServiceComponent(replica.name(), "core-service", replica.logName(),
					replica.port(), replica.metricsUrl(), environment, this.settings.repositoryRoot(), logs,
					this.settings.coreJavaOptions());
			this.cores.add(core);
			add(core);
			step(core::launch);
		}
		if (this.settings.loadBalanced()) {
			step(() -> this.loadBalancer = CoreLoadBalancer.start(this.settings.corePort(), this.settings.replicas()));
		}
		Path webClient = this.settings.repositoryRoot().resolve("web-client/dist");
		if (Files.isRegularFile(webClient.resolve("index.html"))) {
			step(() -> this.webClient = WebClientServer.start(webClient, this.settings.webPort(),
					this.settings.coreUrl(), imageOrigins()));
		}
		else {
			logger.warn("No web client build in {}: run 'npm ci && npm run build' in web-client/", webClient);
		}
		this.products.forEach(ServiceComponent::awaitHealthy);
		this.cores.forEach(ServiceComponent::awaitHealthy);
		this.ready = true;
		logger.info("Local platform ready in {} s", Duration.ofNanos(System.nanoTime() - started).toSeconds());
	}

	String welcome() {
		DemoTokens tokens = new DemoTokens(this.secrets.jwtSecret());
		String token123 = tokens.forUser(123);
		String token456 = tokens.forUser(456);
		String core = this.settings.coreUrl();
		StringBuilder text = new StringBuilder("\nHome Widgets is running.\n\n");
		if (this.webClient != null) {
			text.append(String.format("  web client        %s   <- open this%n", this.webClient.url()));
		}
		if (this.loadBalancer != null) {
			text.append(String.format("  core (BFF)        %s   load balancer over %s%n", core,
					this.cores.stream()
						.map((replica) -> replica.name() + " " + replica.url())
						.collect(Collectors.joining(", "))));
		}
		else {
			text.append(String.format("  core (BFF)        %s%n", core));
		}
		for (PlatformProduct product : this.settings.products()) {
			text.append(String.format("  %-17s %s%s%n", product.key(), product.url(),
					product.seeded() ? "   shared product application, seed " + product.seed() : ""));
		}
		text.append(String.format("%nMetrics (Prometheus, on each service's management port):%n"));
		Stream.concat(this.cores.stream(), this.products.stream())
			.forEach((service) -> text.append(String.format("  %-17s %s%n", service.name(), service.metricsUrl())));
		text.append(String.format("%nLogs: %s (one file per service; the last run's in previous/)%n",
				this.settings.home().resolve("logs")));
		text.append(String.format(
				"%nDemo tokens (issuer %s, audience %s, valid 12 h):%n  TOKEN_123=%s%n" + "  TOKEN_456=%s%n",
				DemoTokens.ISSUER, DemoTokens.AUDIENCE, token123, token456));
		text.append(String.format("%nTry:%n  curl -s %s/home%n", core));
		text.append(String.format("  curl -s -H \"Authorization: Bearer %s\" %s/home%n", token123, core));
		text.append(String.format("  curl -s -X POST %s/widget/car-insurance/contract -H \"Authorization: Bearer %s\""
				+ " -H 'Content-Type: application/json' -d '{\"user_id\":123,\"widget_id\":\"car_offer_devk\"}'%n",
				core, token123));
		text.append(String.format("  curl -s -H \"Authorization: Bearer %s\" %s/user/123/contracts%n", token123, core));
		text.append(String.format("  scripts/smoke.sh %s%n", core));
		text.append(String.format("%nOperate it from another terminal:%n  ./platform.sh status%n"
				+ "  ./platform.sh stop <component>     ./platform.sh start <component>%n"
				+ "  components: %s, products%n", String.join(", ", this.components.keySet())));
		text.append("\nCtrl-C stops everything.\n");
		return text.toString();
	}

	/** Every component's state, for {@code ./platform.sh status}. */
	String status() {
		StringBuilder text = new StringBuilder();
		for (Component component : this.components.values()) {
			boolean running = component.isRunning();
			text.append(String.format("%-17s %-8s %-28s %s%n", component.name(), running ? "running" : "stopped",
					running ? component.identity() : "", component.endpoints()));
		}
		if (this.loadBalancer != null) {
			text.append(String.format("%-17s %-8s %-28s %s -> %s%n", "load balancer", "running", "in-process",
					this.loadBalancer.url(), this.loadBalancer.describeReplicas()));
		}
		if (this.webClient != null) {
			text.append(String.format("%-17s %-8s %-28s %s%n", "web client", "running", "in-process",
					this.webClient.url()));
		}
		return text.toString();
	}

	/**
	 * Stops or starts a component of the running platform ({@code products} for all
	 * product services).
	 * @param action {@code stop} or {@code start}
	 * @param name the component
	 * @return one line per component
	 */
	AdminEndpoint.Answer act(String action, String name) {
		if (!this.ready) {
			return new AdminEndpoint.Answer(503, "The platform is not running (starting or stopping)\n");
		}
		List<Component> targets = name.equals("products") ? List.copyOf(this.products)
				: (this.components.containsKey(name) ? List.of(this.components.get(name)) : List.of());
		if (targets.isEmpty()) {
			return new AdminEndpoint.Answer(404, "No component '" + name + "'. Components: "
					+ String.join(", ", this.components.keySet()) + ", products\n");
		}
		synchronized (this) {
			try {
				return new AdminEndpoint.Answer(200, action.equals("stop") ? stopAll(targets) : startAll(targets));
			}
			catch (RuntimeException ex) {
				logger.warn("{} {} failed", action, name, ex);
				return new AdminEndpoint.Answer(500, action + " " + name + " failed: " + ex.getMessage() + "\n");
			}
		}
	}

	/**
	 * Stops everything in dependency order: the admin endpoint, the web client, the load
	 * balancer, the core replicas, the products, then Kafka, Redis and PostgreSQL.
	 */
	@Override
	public void close() {
		synchronized (this) {
			if (this.closed) {
				return;
			}
			this.closed = true;
		}
		this.ready = false;
		long started = System.nanoTime();
		closeQuietly(this.admin);
		if (this.webClient != null) {
			closeQuietly(this.webClient);
			this.out.println("stopped web client (" + this.webClient.url() + ")");
		}
		if (this.loadBalancer != null) {
			closeQuietly(this.loadBalancer);
			this.out.println("stopped load balancer (" + this.loadBalancer.url() + ")");
		}
		this.out.print(stopAll(List.copyOf(this.cores)));
		this.out.print(stopAll(List.copyOf(this.products)));
		// closed rather than stopped: their temporary data goes with them
		closeServer("kafka", this.kafka);
		closeServer("redis", this.redis);
		closeServer("postgres", this.postgres);
		deleteQuietly(secretsFile());
		this.out.printf("stopped everything in %.1f s%n", (System.nanoTime() - started) / 1e9);
		ShutdownSequence.removeOwner(this);
		this.stopped.countDown();
	}

	/** Stops the running ones at the same time and reports them in order. */
	private String stopAll(List<? extends Component> targets) {
		if (targets.isEmpty()) {
			return "";
		}
		ExecutorService stoppers = Executors.newFixedThreadPool(targets.size());
		try {
			List<Future<String>> lines = new ArrayList<>();
			for (Component component : targets) {
				if (!component.isRunning()) {
					lines.add(CompletableFuture.completedFuture(component.name() + " is already stopped\n"));
					continue;
				}
				String identity = component.identity();
				lines.add(stoppers.submit(() -> {
					component.stop();
					return "stopped " + component.name() + " (" + identity + ")\n";
				}));
			}
			StringBuilder text = new StringBuilder();
			for (Future<String> line : lines) {
				text.append(line.get());
			}
			return text.toString();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while stopping", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause().getMessage(), ex.getCause());
		}
		finally {
			stoppers.shutdown();
		}
	}

	/** Launches the services among them first, so they start at the same time. */
	private String startAll(List<Component> targets) {
		List<Component> stopped = targets.stream().filter((component) -> !component.isRunning()).toList();
		stopped.stream()
			.filter(ServiceComponent.class::isInstance)
			.forEach((component) -> ((ServiceComponent) component).launch());
		StringBuilder lines = new StringBuilder();
		for (Component component : targets) {
			if (!stopped.contains(component)) {
				lines.append(String.format("%s is already running (%s)%n", component.name(), component.identity()));
				continue;
			}
			component.start();
			lines.append(String.format("started %s (%s) %s%n", component.name(), component.identity(),
					component.endpoints()));
		}
		return lines.toString();
	}

	private void closeServer(String name, AutoCloseable server) {
		Component component = this.components.get(name);
		if (server == null || component == null) {
			return;
		}
		boolean running = component.isRunning();
		String identity = running ? component.identity() : null;
		closeQuietly(server);
		if (running) {
			this.out.println("stopped " + name + " (" + identity + ")");
		}
	}

	private Map<String, String> coreEnvironment() {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("SPRING_PROFILES_ACTIVE", "local");
		environment.put("REDIS_HOST", "127.0.0.1");
		environment.put("REDIS_PORT", Integer.toString(this.redis.port()));
		environment.put("KAFKA_BROKER", this.kafka.bootstrapServers());
		environment.put("HOME_JWT_SECRET", this.secrets.jwtSecret());
		// one signing key for every replica, so products trust whichever replica calls
		environment.put("HOME_SERVICE_SIGNING_KEYS", this.secrets.serviceSigningKeys());
		environment.put("HOME_PRODUCTS",
				this.settings.products().stream().map(PlatformProduct::key).collect(Collectors.joining(",")));
		for (PlatformProduct product : this.settings.products()) {
			environment.put(product.variablePrefix() + "_SERVICE_URL", product.url());
			environment.put(product.variablePrefix() + "_SERVICE_TOKEN", this.secrets.serviceToken(product));
			// a seeded product publishes to the topic the platform gives it: the core
			// listens to the same one
			String topic = product.seeded() ? product.publishedTopic() : product.topic();
			if (topic != null) {
				environment.put(product.variablePrefix() + "_SERVICE_TOPIC", topic);
			}
			if (product.title() != null) {
				environment.put(product.variablePrefix() + "_SERVICE_TITLE", product.title());
			}
		}
		// the web client is served from its own port: its origin may call the core
		environment.put("HOME_CORS_ALLOWED_ORIGINS",
				this.settings.webUrl() + ",http://localhost:" + this.settings.webPort());
		return environment;
	}

	private Map<String, String> productEnvironment(PlatformProduct product) {
		Map<String, String> environment = new LinkedHashMap<>(ServiceProcess.productServiceEnvironment(this.postgres,
				product.database(), this.kafka, this.settings.coreUrl(), this.secrets.serviceToken(product)));
		environment.put("SPRING_PROFILES_ACTIVE", "local");
		environment.put("MANAGEMENT_PORT", Integer.toString(product.managementPort()));
		if (product.seeded()) {
			// the shared product application learns everything that sets the product
			// apart from its environment (GenericProductApplication)
			environment.put("PRODUCT_KEY", product.key());
			environment.put("PRODUCT_TOPIC", product.publishedTopic());
			environment.put("PRODUCT_SEED_LOCATION", "filesystem:" + product.seed().resolve("db"));
			Path images = product.seed().resolve("images");
			if (Files.isDirectory(images)) {
				environment.put("PRODUCT_IMAGES_LOCATION", "file:" + images + "/");
			}
		}
		return environment;
	}

	/**
	 * Where the web client's origin sends {@code /images/<key>/...}: to the product of
	 * that key, as NGINX and the CDN do in compose.
	 */
	private Map<String, String> imageOrigins() {
		Map<String, String> origins = new LinkedHashMap<>();
		this.settings.products().forEach((product) -> origins.put(product.key(), product.url()));
		return origins;
	}

	/**
	 * One step of the start; none runs once a Ctrl-C closed the platform, so nothing
	 * starts that nobody would stop.
	 */
	private synchronized void step(Runnable step) {
		if (this.closed) {
			throw new IllegalStateException("The platform was stopped while it started");
		}
		step.run();
	}

	private void add(Component component) {
		this.components.put(component.name(), component);
	}

	/** Fails at once, naming the variable, when another program holds a port. */
	private void requireFreePorts() {
		Map<Integer, String> ports = new LinkedHashMap<>();
		ports.put(this.settings.corePort(), "PLATFORM_CORE_PORT");
		if (this.settings.loadBalanced()) {
			this.settings.replicas()
				.forEach((replica) -> ports.put(replica.port(), "PLATFORM_CORE_REPLICA_PORT (" + replica.name() + ")"));
		}
		this.settings.replicas()
			.forEach((replica) -> ports.put(replica.managementPort(),
					"PLATFORM_CORE_MANAGEMENT_PORT (" + replica.name() + ")"));
		for (PlatformProduct product : this.settings.products()) {
			ports.put(product.port(), "PLATFORM_FIRST_PRODUCT_PORT (" + product.key() + ")");
			ports.put(product.managementPort(), "PLATFORM_FIRST_PRODUCT_MANAGEMENT_PORT (" + product.key() + ")");
		}
		ports.put(this.settings.postgresPort(), "PLATFORM_POSTGRES_PORT");
		ports.put(this.settings.redisPort(), "PLATFORM_REDIS_PORT");
		ports.put(this.settings.kafkaPort(), "PLATFORM_KAFKA_PORT");
		ports.put(this.settings.webPort(), "PLATFORM_WEB_PORT");
		ports.put(this.settings.adminPort(), "PLATFORM_ADMIN_PORT");
		String taken = ports.entrySet()
			.stream()
			.filter((port) -> !LocalPorts.isFree(port.getKey()))
			.map((port) -> port.getKey() + " (" + port.getValue() + ")")
			.collect(Collectors.joining(", "));
		if (!taken.isEmpty()) {
			throw new IllegalStateException("Ports in use: " + taken
					+ ". Is the platform already running? Otherwise set those variables to free ports.");
		}
	}

	/**
	 * Fails at once, before anything starts, for a product that cannot run: no module and
	 * no seed folder, or a seed folder without its migrations.
	 */
	private void requireRunnableProducts() {
		String problems = this.settings.products()
			.stream()
			.map((product) -> product.problem(this.settings.repositoryRoot()))
			.filter((problem) -> problem != null)
			.collect(Collectors.joining("; "));
		if (!problems.isEmpty()) {
			throw new IllegalStateException(problems);
		}
	}

	/** The postmaster's pid from its pid file, else the address. */
	private String postgresIdentity(Path data) {
		try (Stream<String> lines = Files.lines(data.resolve("postgres/postmaster.pid"))) {
			return lines.findFirst().map((pid) -> "pid " + pid.trim()).orElseThrow();
		}
		catch (IOException | RuntimeException ex) {
			return "127.0.0.1:" + this.postgres.port();
		}
	}

	/**
	 * Where the user-token secret of this run is written for tools (load tests), readable
	 * by its owner only.
	 */
	Path secretsFile() {
		return this.settings.home().resolve("secrets.env");
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			logger.warn("Could not delete {}: {}", file, ex.toString());
		}
	}

	private static void closeQuietly(AutoCloseable closeable) {
		if (closeable == null) {
			return;
		}
		try {
			closeable.close();
		}
		catch (Exception ex) {
			logger.warn("Stopping {} failed: {}", closeable, ex.toString());
		}
	}

	/**
	 * Moves the last run's logs to {@code logs/previous/}, so each run's logs start
	 * empty.
	 */
	private static void keepPreviousLogs(Path logs) {
		Path previous = logs.resolve("previous");
		deleteRecursively(previous);
		createDirectories(previous);
		try (Stream<Path> files = Files.list(logs)) {
			for (Path log : files.filter((file) -> file.getFileName().toString().endsWith(".log")).toList()) {
				Files.move(log, previous.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
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

	/** For tests: the secrets of this run. */
	PlatformSecrets secrets() {
		return this.secrets;
	}

	/** For tests: whether {@link #close()} has finished. */
	boolean isStopped() {
		return this.stopped.getCount() == 0;
	}

}
