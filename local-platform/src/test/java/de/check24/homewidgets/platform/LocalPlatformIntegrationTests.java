package de.check24.homewidgets.platform;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.check24.homewidgets.infrastructure.LocalPorts;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starts the real local platform (embedded infrastructure plus the built service jars as
 * processes), as a newcomer would with {@code ./platform.sh}, and operates it as the
 * chaos run will: smoke checks, the browser scenario and the API fuzzer, components
 * stopped and started through the admin command, two core replicas behind the load
 * balancer, and Ctrl-C. The first platform runs a fifth product, {@code electricity},
 * from configuration alone (issue 15): the shared product application with a seed folder,
 * registered with the core by environment variables, on a broker that creates no topics.
 */
class LocalPlatformIntegrationTests {

	private static final Path REPOSITORY_ROOT = Path.of("..").toAbsolutePath().normalize();

	private static final boolean BROWSER = !Boolean.getBoolean("skipWeb");

	private static final ObjectMapper json = new ObjectMapper();

	/** Users nobody asked for before, so their home is built from the products now. */
	private static final AtomicLong freshUsers = new AtomicLong(900_000 + System.currentTimeMillis() % 10_000 * 10);

	/** The sections the core serves with the fifth product, in their order. */
	private static final List<String> FIVE_SECTIONS = List.of("car_insurance", "health_insurance", "house_insurance",
			"banking", "electricity");

	private static final String ELECTRICITY_TOPIC = "user.electricity.product.purchased";

	private static final String ELECTRICITY_TITLE = "Electricity Deals";

	/** The core's contract event consumers ({@code spring.kafka.consumer.group-id}). */
	private static final String CORE_CONSUMER_GROUP = "widget-cache-invalidator-group";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@BeforeAll
	static void theToolsTheTestUsesArePresent() {
		List<String> missing = Prerequisites.missing(System.getenv(), BROWSER);
		assertThat(missing)
			.as("This test needs tools besides the JDK; install them (or build with -DskipWeb to leave out the"
					+ " browser scenario): %s", missing)
			.isEmpty();
	}

	@Test
	void passesTheSmokeChecksAndTheBrowserScenarioWithAFifthProductServesAFallbackWhileAProductIsStoppedAndStopsInOrder(
			@TempDir Path home) throws Exception {
		Map<String, String> environment = freePorts(home);
		// the fifth product as its team would add it: a seed folder and the core's
		// variables, no module and no code
		environment.put("PLATFORM_PRODUCTS", "car-insurance,health-insurance,house-insurance,banking,electricity");
		environment.put("PLATFORM_PRODUCT_ELECTRICITY_SEED", "product-service-support/src/test/resources/electricity");
		environment.put("ELECTRICITY_SERVICE_TOPIC", ELECTRICITY_TOPIC);
		environment.put("ELECTRICITY_SERVICE_TITLE", ELECTRICITY_TITLE);
		// as in production: every product declares its own topic, the broker creates none
		environment.put("PLATFORM_KAFKA_AUTO_CREATE_TOPICS", "false");
		PlatformSettings settings = PlatformSettings.from(environment, List.of(), REPOSITORY_ROOT);
		ByteArrayOutputStream stopLines = new ByteArrayOutputStream();
		LocalPlatform platform = new LocalPlatform(settings, Map.of(), new PrintStream(stopLines, true));
		try {
			platform.start();
			assertThat(platform.welcome()).contains(settings.coreUrl())
				.contains("TOKEN_123=", "TOKEN_456=")
				.contains(settings.replicas().get(0).metricsUrl())
				.contains(settings.products().get(0).metricsUrl())
				.contains(home.resolve("logs").toString());

			runSmokeChecks(settings, home);
			long fifth = System.nanoTime();
			servesTheFifthProductLikeTheOthers(settings, platform.secrets());
			System.out.printf("The fifth product through the core: %.1f s%n", (System.nanoTime() - fifth) / 1e9);
			if (BROWSER) {
				assertThat(platform.welcome()).as("the web client is served").contains("web client");
				runBrowserScenario(settings, home);
			}

			runApiFuzzer(settings, platform.secrets());

			String token = new DemoTokens(platform.secrets().jwtSecret()).forUser(freshUsers.incrementAndGet());
			assertThat(carWidgets(settings, token)).isNotEmpty().doesNotContain("fallback_error_card");

			CommandResult stop = command(environment, "stop", "car-insurance");
			assertThat(stop.exitCode()).as(stop.output()).isZero();
			long pid = pid(stop.output(), "stopped car-insurance");
			assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("the car-insurance process").isEmpty();
			assertThat(isListening(settings.products().get(0).port())).isFalse();
			assertThat(command(environment, "status").output()).containsPattern("car-insurance +stopped");

			// a user whose home nobody built before the stop (a fallback is never cached,
			// so the same user sees the section come back)
			String newcomer = new DemoTokens(platform.secrets().jwtSecret()).forUser(freshUsers.incrementAndGet());
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(carWidgets(settings, newcomer))
					.as("the car section while car insurance is down")
					.containsExactly("fallback_error_card"));

			CommandResult start = command(environment, "start", "car-insurance");
			assertThat(start.exitCode()).as(start.output()).isZero();
			assertThat(pid(start.output(), "started car-insurance")).isNotEqualTo(pid);
			await().atMost(Duration.ofMinutes(1))
				.until(() -> carWidgets(settings, newcomer),
						(widgets) -> !widgets.isEmpty() && !widgets.contains("fallback_error_card"));
		}
		finally {
			platform.close();
		}
		assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count()).isZero();
		assertThat(isListening(settings.corePort())).isFalse();
		assertThat(isListening(settings.products().get(0).port())).isFalse();
		assertThat(isListening(settings.postgresPort())).isFalse();
		assertThat(stopLines.toString(StandardCharsets.UTF_8)).containsSubsequence("stopped core-1 (pid ",
				"stopped car-insurance (pid ", "stopped banking (pid ", "stopped electricity (pid ", "stopped kafka (",
				"stopped redis (pid ", "stopped postgres (", "stopped everything in");
	}

	/**
	 * Runs {@code LocalPlatform}'s main as {@code ./platform.sh --replicas 2} does, on
	 * one product to spare the machine, and ends it with SIGTERM as Ctrl-C would.
	 */
	@Test
	void twoCoreReplicasServeBehindTheLoadBalancerOneMayStopAndSigtermStopsEverythingInOrder(@TempDir Path home)
			throws Exception {
		Map<String, String> environment = freePorts(home);
		environment.put("PLATFORM_PRODUCTS", "car-insurance");
		PlatformSettings settings = PlatformSettings.from(environment, List.of("--replicas", "2"), REPOSITORY_ROOT);
		Path output = home.resolve("platform.out");
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), LocalPlatform.class.getName(), "--replicas", "2")
			.directory(REPOSITORY_ROOT.toFile())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile());
		builder.environment().putAll(environment);
		Process platform = builder.start();
		try {
			await().atMost(Duration.ofMinutes(5))
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> Files.readString(output).contains("Ctrl-C stops everything.") || !platform.isAlive());
			assertThat(Files.readString(output)).as("the platform's output").contains("Ctrl-C stops everything.");

			assertThat(servedBy(settings, 10)).containsExactlyInAnyOrder("core-1", "core-2");
			assertThat(firstEventThroughTheLoadBalancer(settings)).isEqualTo("event:connected");

			CommandResult stop = command(environment, "stop", "core-1");
			assertThat(stop.exitCode()).as(stop.output()).isZero();
			assertThat(isListening(settings.replicas().get(0).port())).isFalse();
			assertThat(servedBy(settings, 10)).containsExactly("core-2");

			CommandResult start = command(environment, "start", "core-1");
			assertThat(start.exitCode()).as(start.output()).isZero();
			await().atMost(Duration.ofSeconds(30))
				.until(() -> servedBy(settings, 10), (replicas) -> replicas.size() == 2);
		}
		finally {
			platform.destroy();
			assertThat(platform.waitFor(2, TimeUnit.MINUTES)).as("the platform ended after SIGTERM").isTrue();
		}
		String printed = Files.readString(output);
		assertThat(printed).as(printed)
			.containsSubsequence("stopped load balancer (", "stopped core-1 (pid ", "stopped core-2 (pid ",
					"stopped car-insurance (pid ", "stopped kafka (", "stopped redis (pid ", "stopped postgres (",
					"stopped everything in")
			.doesNotContain("Exception")
			.doesNotContainPattern("\\n\\s+at [a-z]");
		assertThat(isListening(settings.corePort())).isFalse();
		assertThat(isListening(settings.replicas().get(1).port())).isFalse();
	}

	/**
	 * The fifth product through the core, as a client sees it: its section last on every
	 * home with the title the core was given, in the user's contracts, a purchase that
	 * reaches the buyer's open update stream and the core's contract event consumer (the
	 * product's own topic, declared by the product), the next home without the bought
	 * offer, and its images served on the web client's origin.
	 */
	private void servesTheFifthProductLikeTheOthers(PlatformSettings settings, PlatformSecrets secrets)
			throws Exception {
		JsonNode anonymous = get(settings.coreUrl() + "/home", null);
		assertThat(sectionOrder(anonymous)).containsExactlyElementsOf(FIVE_SECTIONS);
		assertThat(anonymous.path("services").path("electricity").path("title").asText()).isEqualTo(ELECTRICITY_TITLE);
		assertThat(widgetIds(anonymous, "electricity")).contains("electricity_offer_gruenwerk")
			.doesNotContain("electricity_offer_stadtwerk_for_123");
		assertImagesLoad(settings, anonymous);

		DemoTokens tokens = new DemoTokens(secrets.jwtSecret());
		JsonNode of123 = personalHome(settings, tokens.forUser(123));
		assertThat(sectionOrder(of123)).containsExactlyElementsOf(FIVE_SECTIONS);
		assertThat(widgetIds(of123, "electricity")).contains("electricity_offer_stadtwerk_for_123");
		assertImagesLoad(settings, of123);

		long buyer = freshUsers.incrementAndGet();
		String token = tokens.forUser(buyer);
		JsonNode before = get(settings.coreUrl() + "/user/" + buyer + "/contracts", token);
		assertThat(before.path("contracts").has("electricity")).as(before.toString()).isTrue();
		assertThat(before.path("contracts").path("electricity").isNull()).as(before.toString()).isTrue();
		assertThat(widgetIds(personalHome(settings, token), "electricity")).contains("electricity_offer_gruenwerk");

		// the core's consumer finds topics declared after it started within its
		// metadata refresh and starts at their end: it must hold this one before the
		// purchase
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofSeconds(1))
			.untilAsserted(() -> assertThat(topicsTheCoreReads(settings)).contains(ELECTRICITY_TOPIC));
		String metrics = settings.replicas().get(0).metricsUrl();
		double consumed = consumedContractEvents(metrics, "electricity");
		try (UpdateStream stream = UpdateStream.open(this.http, settings.coreUrl(), token)) {
			await().atMost(Duration.ofSeconds(10)).until(stream::connected);

			HttpResponse<String> purchase = this.http
				.send(HttpRequest.newBuilder(URI.create(settings.coreUrl() + "/widget/electricity/contract"))
					.header("Authorization", "Bearer " + token)
					.header("Content-Type", "application/json")
					.timeout(Duration.ofSeconds(20))
					.POST(HttpRequest.BodyPublishers
						.ofString("{\"user_id\":" + buyer + ",\"widget_id\":\"electricity_offer_gruenwerk\"}"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(purchase.statusCode()).as(purchase.body()).isEqualTo(201);

			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(stream.events()).as("the buyer's update stream").anySatisfy((event) -> {
					assertThat(event.path("type").asText()).isEqualTo("cache_invalidated");
					assertThat(event.path("user_id").asLong()).isEqualTo(buyer);
					assertThat(event.path("service").asText()).isEqualTo("electricity");
				}));
			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(500))
				.untilAsserted(() -> assertThat(consumedContractEvents(metrics, "electricity"))
					.as("contract_created events of electricity the core consumed from " + ELECTRICITY_TOPIC)
					.isGreaterThan(consumed));
		}
		assertThat(widgetIds(get(settings.coreUrl() + "/home", token), "electricity")).as("the next home")
			.doesNotContain("electricity_offer_gruenwerk");
		JsonNode after = get(settings.coreUrl() + "/user/" + buyer + "/contracts", token);
		assertThat(after.path("contracts").path("electricity").path("widget_id").asText()).as(after.toString())
			.isEqualTo("electricity_offer_gruenwerk");
	}

	/**
	 * A user's home once it is their own, not the generic one served while it is built.
	 */
	private JsonNode personalHome(PlatformSettings settings, String token) {
		return await().atMost(Duration.ofSeconds(30))
			.until(() -> get(settings.coreUrl() + "/home", token), (home) -> !home.path("provisional").asBoolean());
	}

	/**
	 * Every image of the electricity section loads where the browser loads it: the web
	 * client's origin (the product itself when the web client is left out).
	 */
	private void assertImagesLoad(PlatformSettings settings, JsonNode home) throws Exception {
		String origin = BROWSER ? settings.webUrl() : settings.products().get(4).url();
		List<String> images = new ArrayList<>();
		home.path("services")
			.path("electricity")
			.path("widgets")
			.forEach((widget) -> images.add(widget.path("data").path("image_url").asText("")));
		images.removeIf(String::isEmpty);
		assertThat(images).as("the electricity cards' images")
			.isNotEmpty()
			.allMatch((url) -> url.startsWith("/images/electricity/"));
		for (String image : images) {
			HttpResponse<byte[]> response = this.http.send(
					HttpRequest.newBuilder(URI.create(origin + image)).timeout(Duration.ofSeconds(10)).build(),
					HttpResponse.BodyHandlers.ofByteArray());
			assertThat(response.statusCode()).as(origin + image).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type")).as(origin + image).hasValue("image/svg+xml");
			assertThat(new String(response.body(), StandardCharsets.UTF_8)).as(origin + image).contains("<svg");
		}
	}

	/**
	 * The topics whose partitions the core's contract event consumer group holds; it
	 * fails unless each exists, declared by its product (the broker creates none).
	 */
	private static Set<String> topicsTheCoreReads(PlatformSettings settings) throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
				"127.0.0.1:" + settings.kafkaPort(), AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000))) {
			Set<String> topics = new HashSet<>();
			admin.describeConsumerGroups(List.of(CORE_CONSUMER_GROUP))
				.all()
				.get()
				.get(CORE_CONSUMER_GROUP)
				.members()
				.forEach((member) -> member.assignment()
					.topicPartitions()
					.forEach((partition) -> topics.add(partition.topic())));
			return topics;
		}
	}

	/** {@code home_events_consumed_total} of a product's contract_created events. */
	private double consumedContractEvents(String metricsUrl, String service) throws Exception {
		return text(metricsUrl).lines()
			.filter((line) -> line.startsWith("home_events_consumed_total{")
					&& line.contains("service=\"" + service + "\"") && line.contains("event_type=\"contract_created\""))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	private String text(String url) throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(url).isEqualTo(200);
		return response.body();
	}

	private JsonNode get(String url, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private static List<String> sectionOrder(JsonNode home) {
		List<String> sections = new ArrayList<>();
		home.path("section_order").forEach((section) -> sections.add(section.asText()));
		return sections;
	}

	private static List<String> widgetIds(JsonNode home, String section) {
		List<String> widgets = new ArrayList<>();
		home.path("services")
			.path(section)
			.path("widgets")
			.forEach((widget) -> widgets.add(widget.path("widget_id").asText()));
		return widgets;
	}

	private List<String> carWidgets(PlatformSettings settings, String token) throws Exception {
		return widgetIds(get(settings.coreUrl() + "/home", token), "car_insurance");
	}

	/** Which replicas answered {@code GET /home} through the load balancer. */
	private Set<String> servedBy(PlatformSettings settings, int requests) throws Exception {
		Set<String> replicas = new HashSet<>();
		for (int i = 0; i < requests; i++) {
			HttpResponse<String> response = this.http
				.send(HttpRequest.newBuilder(URI.create(settings.coreUrl() + "/home"))
					.timeout(Duration.ofSeconds(20))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			replicas.add(response.headers().firstValue(CoreLoadBalancer.SERVED_BY).orElseThrow());
		}
		return replicas;
	}

	/** The first line of an anonymous update stream, read while the stream stays open. */
	private String firstEventThroughTheLoadBalancer(PlatformSettings settings) throws Exception {
		HttpResponse<InputStream> stream = this.http
			.send(HttpRequest.newBuilder(URI.create(settings.coreUrl() + "/stream/updates"))
				.header("Accept", "text/event-stream")
				.build(), HttpResponse.BodyHandlers.ofInputStream());
		assertThat(stream.statusCode()).isEqualTo(200);
		try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
			return lines.readLine();
		}
	}

	private static void runSmokeChecks(PlatformSettings settings, Path home) throws Exception {
		ProcessBuilder smoke = new ProcessBuilder("bash", REPOSITORY_ROOT.resolve("scripts/smoke.sh").toString(),
				settings.coreUrl())
			.redirectErrorStream(true)
			.redirectOutput(home.resolve("smoke.log").toFile());
		for (PlatformProduct product : settings.products()) {
			smoke.environment().put(product.variablePrefix() + "_SERVICE_URL", product.url());
		}
		smoke.environment()
			.put("HOME_PRODUCTS", String.join(",", settings.products().stream().map(PlatformProduct::key).toList()));
		Process process = smoke.start();
		assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
		String output = Files.readString(home.resolve("smoke.log"), StandardCharsets.UTF_8);
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).contains("home reflects the purchase").contains("offers are back");
	}

	/**
	 * The web client's end-to-end scenario in headless Chromium against this platform.
	 */
	private static void runBrowserScenario(PlatformSettings settings, Path home) throws Exception {
		Path log = home.resolve("e2e.log");
		ProcessBuilder e2e = new ProcessBuilder("npm", "run", "e2e")
			.directory(REPOSITORY_ROOT.resolve("web-client").toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		e2e.environment().put("WEB_URL", settings.webUrl());
		e2e.environment().put("CORE_URL", settings.coreUrl());
		e2e.environment().put("E2E_EXPECT_SECTIONS", String.join(",", FIVE_SECTIONS));
		Process process = e2e.start();
		assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
		String output = Files.readString(log, StandardCharsets.UTF_8);
		System.out.println(output);
		assertThat(output).as(output)
			.containsPattern("\\d+ passed, 0 failed")
			.contains("PASS the home shows exactly the expected sections")
			.contains("PASS the electricity section");
		assertThat(process.exitValue()).isZero();
	}

	/**
	 * The API fuzzer against this platform, bounded ({@code -Dfuzz.seconds}, 45;
	 * {@code -Dfuzz.requests}, 6000); {@code -Dfuzz.seed} repeats a run's choices. The
	 * coverage and the summary line go to the build log.
	 */
	private static void runApiFuzzer(PlatformSettings settings, PlatformSecrets secrets) {
		long seed = Long.getLong("fuzz.seed", System.currentTimeMillis());
		ApiFuzzer.Report report = new ApiFuzzer(settings, secrets, seed).run(Integer.getInteger("fuzz.requests", 6000),
				Duration.ofSeconds(Long.getLong("fuzz.seconds", 45)));
		System.out.println(report.details());
		System.out.println(report.summary());
		assertThat(report.failures()).as("%s%n%s", report.details(), report.summary()).isEmpty();
	}

	/**
	 * Runs {@code ./platform.sh <args>} the way the script does, against this platform.
	 */
	private static CommandResult command(Map<String, String> environment, String... args) {
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		int exitCode = PlatformCommand.run(List.of(args), environment, new PrintStream(output, true));
		return new CommandResult(exitCode, output.toString(StandardCharsets.UTF_8));
	}

	/** The pid in a line such as {@code stopped car-insurance (pid 4711)}. */
	private static long pid(String output, String line) {
		int start = output.indexOf(line + " (pid ");
		assertThat(start).as(output).isNotNegative();
		String rest = output.substring(start + line.length() + 6);
		return Long.parseLong(rest.substring(0, rest.indexOf(')')));
	}

	/**
	 * Every port the platform uses, free now, so the test runs next to a running
	 * platform. All below the kernel's ephemeral ports (32768 and up on Linux), which the
	 * platform's own outgoing connections take while it starts: a port chosen there can
	 * be a connection's by the time its service binds it. None chosen twice.
	 */
	private static Map<String, String> freePorts(Path home) {
		Map<String, String> environment = new HashMap<>();
		Set<Integer> taken = new HashSet<>();
		environment.put("PLATFORM_HOME", home.toString());
		for (String variable : List.of("PLATFORM_CORE_PORT", "PLATFORM_POSTGRES_PORT", "PLATFORM_REDIS_PORT",
				"PLATFORM_KAFKA_PORT", "PLATFORM_WEB_PORT", "PLATFORM_ADMIN_PORT")) {
			environment.put(variable, Integer.toString(freeRange(taken, 1, 1)));
		}
		// ranges: products count up from the first port, replicas and their management
		// ports too (by 1 and by 10)
		environment.put("PLATFORM_FIRST_PRODUCT_PORT", Integer.toString(freeRange(taken, 5, 1)));
		environment.put("PLATFORM_FIRST_PRODUCT_MANAGEMENT_PORT", Integer.toString(freeRange(taken, 5, 1)));
		environment.put("PLATFORM_CORE_REPLICA_PORT", Integer.toString(freeRange(taken, 2, 1)));
		environment.put("PLATFORM_CORE_MANAGEMENT_PORT", Integer.toString(freeRange(taken, 2, 10)));
		return environment;
	}

	private static int freeRange(Set<Integer> taken, int count, int step) {
		for (int attempt = 0; attempt < 200; attempt++) {
			int first = 10_000 + (int) (Math.random() * 20_000);
			boolean free = true;
			for (int i = 0; i < count && free; i++) {
				free = !taken.contains(first + i * step) && LocalPorts.isFree(first + i * step);
			}
			if (free) {
				for (int i = 0; i < count; i++) {
					taken.add(first + i * step);
				}
				return first;
			}
		}
		throw new IllegalStateException("No " + count + " free ports " + step + " apart");
	}

	private static boolean isListening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private record CommandResult(int exitCode, String output) {

	}

	/**
	 * A signed-in user's update stream opened as the web client opens it: a ticket from
	 * {@code POST /stream/ticket}, then {@code GET /stream/updates?ticket=}. A daemon
	 * thread collects its lines while it stays open.
	 */
	private static final class UpdateStream implements AutoCloseable {

		private final List<String> lines = new CopyOnWriteArrayList<>();

		private final InputStream body;

		private UpdateStream(InputStream body) {
			this.body = body;
			Thread reader = new Thread(() -> {
				try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
					for (String line = in.readLine(); line != null; line = in.readLine()) {
						this.lines.add(line);
					}
				}
				catch (IOException ex) {
					// closed by the test
				}
			}, "update-stream");
			reader.setDaemon(true);
			reader.start();
		}

		static UpdateStream open(HttpClient http, String coreUrl, String token) throws Exception {
			HttpResponse<String> ticket = http.send(HttpRequest.newBuilder(URI.create(coreUrl + "/stream/ticket"))
				.header("Authorization", "Bearer " + token)
				.timeout(Duration.ofSeconds(10))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(ticket.statusCode()).as(ticket.body()).isEqualTo(200);
			String value = json.readTree(ticket.body()).path("ticket").asText();
			HttpResponse<InputStream> stream = http.send(HttpRequest
				.newBuilder(URI
					.create(coreUrl + "/stream/updates?ticket=" + URLEncoder.encode(value, StandardCharsets.UTF_8)))
				.header("Accept", "text/event-stream")
				.build(), HttpResponse.BodyHandlers.ofInputStream());
			assertThat(stream.statusCode()).isEqualTo(200);
			return new UpdateStream(stream.body());
		}

		boolean connected() {
			return this.lines.contains("event:connected");
		}

		/** The data of every event so far. */
		List<JsonNode> events() throws IOException {
			List<JsonNode> events = new ArrayList<>();
			for (String line : this.lines) {
				if (line.startsWith("data:")) {
					events.add(json.readTree(line.substring("data:".length())));
				}
			}
			return events;
		}

		@Override
		public void close() throws IOException {
			this.body.close();
		}

	}

}
