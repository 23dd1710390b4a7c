package de.check24.homewidgets.load.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local platform as an operator drives it: started as its own process (or found
 * running), parts stopped and started through its admin endpoint, and stopped with
 * SIGTERM when this run started it.
 */
final class PlatformControl implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(PlatformControl.class);

	/** The platform's header that a web page cannot send cross-origin. */
	private static final String ADMIN_HEADER = "X-Platform-Admin";

	private static final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final PlatformAddresses addresses;

	private final Process process;

	private PlatformControl(PlatformAddresses addresses, Process process) {
		this.addresses = addresses;
		this.process = process;
	}

	/** The platform that answers on the admin port, if one does. */
	static PlatformControl running(PlatformAddresses addresses) {
		return new PlatformControl(addresses, null);
	}

	/**
	 * Starts {@code local-platform/target/local-platform.jar --replicas 2 --clean} with
	 * the given environment and waits until every part serves.
	 * @param repositoryRoot the checkout whose built jars run
	 * @param environment the {@code PLATFORM_*} variables and the secret
	 * @param log where the platform's output goes
	 * @param timeout how long the start may take
	 */
	static PlatformControl start(PlatformAddresses addresses, Path repositoryRoot, Map<String, String> environment,
			Path log, Duration timeout) throws IOException, InterruptedException {
		Path jar = repositoryRoot.resolve("local-platform/target/local-platform.jar");
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " is missing: build with ./mvnw -o package -DskipTests first");
		}
		Files.createDirectories(log.getParent());
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
						"--replicas", "2", "--clean"));
		ProcessBuilder builder = new ProcessBuilder(command).directory(repositoryRoot.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().putAll(environment);
		Process process = builder.start();
		PlatformControl platform = new PlatformControl(addresses, process);
		logger.info("Starting the local platform (pid {}), log {}", process.pid(), log);
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!platform.ready()) {
			if (!process.isAlive()) {
				throw new IllegalStateException(
						"The local platform exited with " + process.exitValue() + "; see " + log);
			}
			if (System.nanoTime() > deadline) {
				platform.close();
				throw new IllegalStateException("The local platform was not ready after " + timeout + "; see " + log);
			}
			TimeUnit.SECONDS.sleep(2);
		}
		return platform;
	}

	/** Whether the admin endpoint answers and every part runs behind it. */
	boolean ready() {
		try {
			String status = status();
			return !status.contains("stopped") && status.contains("load balancer")
					&& get(this.addresses.replicaUrl(0) + "/health") == 200
					&& get(this.addresses.replicaUrl(1) + "/health") == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	String status() throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.addresses.adminUrl()))
			.header(ADMIN_HEADER, "1")
			.timeout(Duration.ofSeconds(10))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
	}

	/**
	 * Stops or starts a part; returns once it ended or serves again.
	 * @param action {@code stop} or {@code start}
	 * @param component e.g. {@code redis}, {@code core-1}, {@code products}
	 */
	void act(String action, String component) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create(this.addresses.adminUrl() + "/" + component + "/" + action))
			.header(ADMIN_HEADER, "1")
			.timeout(Duration.ofMinutes(5))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build();
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		// 503 while the platform finishes its own start
		for (int attempt = 0; response.statusCode() == 503 && attempt < 30; attempt++) {
			TimeUnit.SECONDS.sleep(2);
			response = http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		if (response.statusCode() != 200) {
			throw new IllegalStateException(action + " " + component + " failed: " + response.body());
		}
		logger.info("{}", response.body().trim());
	}

	boolean startedHere() {
		return this.process != null;
	}

	private static int get(String url) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build();
		return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	/** Stops a platform this run started (SIGTERM, then its own orderly shutdown). */
	@Override
	public void close() {
		if (this.process == null || !this.process.isAlive()) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(90, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

}
