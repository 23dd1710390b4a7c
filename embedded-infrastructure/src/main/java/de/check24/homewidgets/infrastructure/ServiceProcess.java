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
import java.util.Comparator;
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

	/**
	 * A laptop's settings: C1 only and the serial collector start a service in a few
	 * seconds and keep five JVMs small, at the price of slower code than production's.
	 */
	public static final List<String> QUICK_START_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
			"-Xss512k", "-Xmx512m");

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
	 * Starts {@code <module>/target/<module>-*.jar}, its log in {@code <module>.log}.
	 * @param module the Maven module, e.g. {@code car-insurance-service}
	 * @param port its {@code SERVER_PORT}
	 * @param environment further environment variables
	 * @param repositoryRoot the checkout
	 * @param logDirectory where {@code <module>.log} goes
	 * @return the started process; call {@link #awaitHealthy(Duration)} before using it
	 */
	public static ServiceProcess start(String module, int port, Map<String, String> environment, Path repositoryRoot,
			Path logDirectory) {
		return start(module, module, port, environment, repositoryRoot, logDirectory);
	}

	/**
	 * Starts {@code <module>/target/<module>-*.jar} under a name of its own, so one
	 * module can run twice (two core replicas). The log is appended to, so a restarted
	 * service keeps what it logged before.
	 * @param name the process's name and log file name, e.g. {@code core-service-2}
	 * @param module the Maven module, e.g. {@code core-service}
	 * @param port its {@code SERVER_PORT}
	 * @param environment further environment variables
	 * @param repositoryRoot the checkout
	 * @param logDirectory where {@code <name>.log} goes
	 * @return the started process; call {@link #awaitHealthy(Duration)} before using it
	 */
	public static ServiceProcess start(String name, String module, int port, Map<String, String> environment,
			Path repositoryRoot, Path logDirectory) {
		return start(name, module, port, environment, repositoryRoot, logDirectory, QUICK_START_JVM_OPTIONS);
	}

	/**
	 * Starts {@code <module>/target/<module>-*.jar} under a name of its own with the
	 * given JVM options.
	 * @param name the process's name and log file name, e.g. {@code core-service-2}
	 * @param module the Maven module, e.g. {@code core-service}
	 * @param port its {@code SERVER_PORT}
	 * @param environment further environment variables
	 * @param repositoryRoot the checkout
	 * @param logDirectory where {@code <name>.log} goes
	 * @param jvmOptions the options before {@code -jar}, e.g.
	 * {@link #QUICK_START_JVM_OPTIONS}
	 * @return the started process; call {@link #awaitHealthy(Duration)} before using it
	 */
	public static ServiceProcess start(String name, String module, int port, Map<String, String> environment,
			Path repositoryRoot, Path logDirectory, List<String> jvmOptions) {
		Path jar = executableJar(repositoryRoot.resolve(module).resolve("target"), module);
		Path log = logDirectory.resolve(name + ".log");
		List<String> command = new ArrayList<>();
		command.add(javaExecutable());
		command.addAll(jvmOptions);
		command.add("-jar");
		command.add(jar.toString());
		ProcessBuilder builder = new ProcessBuilder(ChildProcesses.detachedFromTerminal(command))
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.directory(repositoryRoot.toFile());
		builder.environment().putAll(environment);
		builder.environment().put("SERVER_PORT", Integer.toString(port));
		try {
			ServiceProcess service = new ServiceProcess(name, port, builder.start(), log);
			ShutdownSequence.add(service);
			return service;
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
		// the local profile: the embedded PostgreSQL's password is published, which any
		// other profile refuses; a management port of its own, so parallel JVMs never
		// clash
		return Map.of("DB_HOST", "127.0.0.1", "DB_PORT", Integer.toString(postgres.port()), "DB_NAME", database,
				"DB_USER", LocalPostgres.USER, "DB_PASSWORD", LocalPostgres.PASSWORD, "KAFKA_BROKER",
				kafka.bootstrapServers(), "CORE_SERVICE_URL", coreUrl, "CORE_SERVICE_TOKEN", serviceToken,
				"SPRING_PROFILES_ACTIVE", "local", "MANAGEMENT_PORT", Integer.toString(LocalPorts.free()));
	}

	public String name() {
		return this.name;
	}

	public String url() {
		return "http://127.0.0.1:" + this.port;
	}

	public int port() {
		return this.port;
	}

	public long pid() {
		return this.process.pid();
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	public Path log() {
		return this.log;
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
				throw new IllegalStateException(this.name + " exited with " + this.process.exitValue() + "; see "
						+ this.log + ", which ends:\n" + ChildProcesses.logTail(this.log, 40));
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

	/**
	 * Ends the service: SIGTERM, so it shuts down gracefully, and killed if it has not
	 * ended after 20 s.
	 */
	@Override
	public void close() {
		ChildProcesses.stop(this.process, Duration.ofSeconds(20));
		ShutdownSequence.remove(this);
	}

	@Override
	public String toString() {
		return this.name + " (pid " + this.process.pid() + ")";
	}

	private static Path executableJar(Path target, String module) {
		try (Stream<Path> files = Files.list(target)) {
			// a library module ships its runnable application as an -exec jar beside the
			// library jar
			return files.filter((file) -> {
				String fileName = file.getFileName().toString();
				return fileName.startsWith(module + "-") && fileName.endsWith(".jar")
						&& !fileName.endsWith("-tests.jar") && !fileName.endsWith("-sources.jar");
			})
				.min(Comparator.comparing((Path file) -> !file.getFileName().toString().endsWith("-exec.jar")))
				.orElseThrow(() -> new IllegalStateException("No jar for " + module + " in " + target));
		}
		catch (IOException ex) {
			throw new IllegalStateException(module + " is not built: run ./mvnw package -DskipTests first", ex);
		}
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

}
