package de.check24.homewidgets.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.stream.Stream;

/**
 * A built service jar running as its own JVM with its production configuration, its log
 * in a file. Used by the local platform and by tests that need a real service next to the
 * one under test.
 */
public final class ServiceProcess implements AutoCloseable {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	private final String name;

	private final int port;

	private final Process process;

	private final Path log;

	private ServiceProcess(String name, int port, Process process, Path log) {
		this.name = name;
		this.port = port;
		this.process = process;
		this.log = log;
	}

	/**
	 * Starts {@code <module>/target/<module>-*.jar}.
	 * @param module the Maven module, e.g. {@code car-insurance-service}
	 * @param port its {@code SERVER_PORT}
	 * @param environment further environment variables
	 * @param repositoryRoot the checkout
	 * @param logDirectory where {@code <module>.log} goes
	 * @return the started process; call {@link #awaitHealthy(Duration)} before using it
	 */
	public static ServiceProcess start(String module, int port, Map<String, String> environment, Path repositoryRoot,
			Path logDirectory) {
		Path jar = executableJar(repositoryRoot.resolve(module).resolve("target"), module);
		Path log = logDirectory.resolve(module + ".log");
		List<String> command = new ArrayList<>(List.of(javaExecutable(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
				"-Xss512k", "-Xmx512m", "-jar", jar.toString()));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.directory(repositoryRoot.toFile());
		builder.environment().putAll(environment);
		builder.environment().put("SERVER_PORT", Integer.toString(port));
		try {
			return new ServiceProcess(module, port, builder.start(), log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + module, ex);
		}
	}

	/**
	 * What a product service jar reads (the technical concept's Appendix A) to run on the
	 * local servers.
	 * @param postgres where its database lives
	 * @param database its database, created if missing
	 * @param kafka where it publishes contract events
	 * @param coreUrl where it sends cache invalidations
	 * @param serviceToken its credential towards the core
	 * @return the environment variables
	 */
	public static Map<String, String> productServiceEnvironment(LocalPostgres postgres, String database,
			LocalKafka kafka, String coreUrl, String serviceToken) {
		postgres.createDatabase(database);
		return Map.of("DB_HOST", "127.0.0.1", "DB_PORT", Integer.toString(postgres.port()), "DB_NAME", database,
				"DB_USER", LocalPostgres.USER, "DB_PASSWORD", LocalPostgres.PASSWORD, "KAFKA_BROKER",
				kafka.bootstrapServers(), "CORE_SERVICE_URL", coreUrl, "CORE_SERVICE_TOKEN", serviceToken);
	}

	public String name() {
		return this.name;
	}

	public String url() {
		return "http://127.0.0.1:" + this.port;
	}

	/**
	 * Waits until {@code GET /health} answers 200.
	 * @param timeout how long to wait
	 */
	public void awaitHealthy(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/health"))
			.timeout(Duration.ofSeconds(2))
			.build();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						this.name + " exited with " + this.process.exitValue() + "; see " + this.log);
			}
			try {
				if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			TimeUnit.MILLISECONDS.sleep(250);
		}
		throw new IllegalStateException(this.name + " was not healthy after " + timeout + "; see " + this.log);
	}

	@Override
	public void close() {
		// Children first, so nothing the service forked outlives it.
		this.process.descendants().forEach(ProcessHandle::destroy);
		this.process.destroy();
		try {
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

	private static Path executableJar(Path target, String module) {
		try (Stream<Path> files = Files.list(target)) {
			return files.filter((file) -> {
				String fileName = file.getFileName().toString();
				return fileName.startsWith(module + "-") && fileName.endsWith(".jar")
						&& !fileName.endsWith("-tests.jar") && !fileName.endsWith("-sources.jar");
			}).findFirst().orElseThrow(() -> new IllegalStateException("No jar for " + module + " in " + target));
		}
		catch (IOException ex) {
			throw new IllegalStateException(module + " is not built: run ./mvnw install -DskipTests first", ex);
		}
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

}
