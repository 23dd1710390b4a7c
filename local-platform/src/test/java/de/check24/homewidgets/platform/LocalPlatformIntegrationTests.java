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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.check24.homewidgets.infrastructure.LocalPorts;
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
 * balancer, and Ctrl-C.
 */
class LocalPlatformIntegrationTests {

	private static final Path REPOSITORY_ROOT = Path.of("..").toAbsolutePath().normalize();

	private static final boolean BROWSER = !Boolean.getBoolean("skipWeb");

	private static final ObjectMapper json = new ObjectMapper();

	/** Users nobody asked for before, so their home is built from the products now. */
	private static final AtomicLong freshUsers = new AtomicLong(900_000 + System.currentTimeMillis() % 10_000 * 10);

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
	void passesTheSmokeChecksAndTheBrowserScenarioServesAFallbackWhileAProductIsStoppedAndStopsInOrder(
			@TempDir Path home) throws Exception {
		Map<String, String> environment = freePorts(home);
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
				"stopped car-insurance (pid ", "stopped banking (pid ", "stopped kafka (", "stopped redis (pid ",
				"stopped postgres (", "stopped everything in");
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

	private List<String> carWidgets(PlatformSettings settings, String token) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(settings.coreUrl() + "/home"))
			.header("Authorization", "Bearer " + token)
			.timeout(Duration.ofSeconds(20))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		List<String> widgets = new ArrayList<>();
		json.readTree(response.body())
			.path("services")
			.path("car_insurance")
			.path("widgets")
			.forEach((widget) -> widgets.add(widget.path("widget_id").asText()));
		return widgets;
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
		Process process = e2e.start();
		assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
		String output = Files.readString(log, StandardCharsets.UTF_8);
		System.out.println(output);
		assertThat(output).as(output).containsPattern("\\d+ passed, 0 failed");
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
	 * platform.
	 */
	private static Map<String, String> freePorts(Path home) {
		Map<String, String> environment = new HashMap<>();
		environment.put("PLATFORM_HOME", home.toString());
		for (String variable : List.of("PLATFORM_CORE_PORT", "PLATFORM_CORE_MANAGEMENT_PORT", "PLATFORM_POSTGRES_PORT",
				"PLATFORM_REDIS_PORT", "PLATFORM_KAFKA_PORT", "PLATFORM_WEB_PORT", "PLATFORM_ADMIN_PORT")) {
			environment.put(variable, Integer.toString(LocalPorts.free()));
		}
		// ranges: products count up from the first port, replicas and their management
		// ports too (by 1 and by 10)
		environment.put("PLATFORM_FIRST_PRODUCT_PORT", Integer.toString(freeRange(4, 1)));
		environment.put("PLATFORM_FIRST_PRODUCT_MANAGEMENT_PORT", Integer.toString(freeRange(4, 1)));
		environment.put("PLATFORM_CORE_REPLICA_PORT", Integer.toString(freeRange(2, 1)));
		environment.put("PLATFORM_CORE_MANAGEMENT_PORT", Integer.toString(freeRange(2, 10)));
		return environment;
	}

	private static int freeRange(int count, int step) {
		for (int attempt = 0; attempt < 200; attempt++) {
			int first = 20_000 + (int) (Math.random() * 20_000);
			boolean free = true;
			for (int i = 0; i < count && free; i++) {
				free = LocalPorts.isFree(first + i * step);
			}
			if (free) {
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

}
