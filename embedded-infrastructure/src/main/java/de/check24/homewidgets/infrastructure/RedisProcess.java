package de.check24.homewidgets.infrastructure;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import redis.embedded.core.ExecutableProvider;

/**
 * One {@code redis-server} process from codemonstur's embedded binaries (Redis 6.2 on
 * linux-amd64), with its configuration, data and log in a directory of its own, so it can
 * be stopped and started again on the same port and, in a cluster, with the same node
 * identity.
 */
final class RedisProcess {

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(15);

	private static File executable;

	private final int port;

	private final Path directory;

	private final List<String> settings;

	private Process process;

	/**
	 * @param port the client port
	 * @param directory where {@code redis.conf}, {@code redis.log} and cluster state live
	 * @param settings configuration lines beyond port, bind address and directory
	 */
	RedisProcess(int port, Path directory, List<String> settings) {
		this.port = port;
		this.directory = directory;
		this.settings = List.copyOf(settings);
	}

	int port() {
		return this.port;
	}

	synchronized boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	synchronized long pid() {
		return (this.process != null) ? this.process.pid() : -1;
	}

	/** Starts the server and returns once it answers PING; a no-op while it runs. */
	synchronized void start() {
		if (isRunning()) {
			return;
		}
		try {
			Files.createDirectories(this.directory);
			List<String> configuration = new ArrayList<>(List.of("port " + this.port, "bind 127.0.0.1",
					"dir " + this.directory, "daemonize no", "save \"\"", "appendonly no"));
			configuration.addAll(this.settings);
			Path file = this.directory.resolve("redis.conf");
			Files.write(file, configuration);
			ProcessBuilder builder = new ProcessBuilder(
					ChildProcesses.detachedFromTerminal(List.of(executable().getPath(), file.toString())))
				.directory(this.directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
			this.process = builder.start();
			awaitPong();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Redis did not start on port " + this.port, ex);
		}
	}

	/** Ends the process (SIGTERM; killed after 10 s) and waits for it. */
	synchronized void stop() {
		if (this.process != null) {
			ChildProcesses.stop(this.process, Duration.ofSeconds(10));
			this.process = null;
		}
	}

	Path log() {
		return this.directory.resolve("redis.log");
	}

	private void awaitPong() throws IOException {
		long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IOException("redis-server exited with " + this.process.exitValue() + ": "
						+ ChildProcesses.logTail(log(), 10));
			}
			if ("+PONG".equals(ping(this.port))) {
				return;
			}
			try {
				TimeUnit.MILLISECONDS.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException("Interrupted while Redis started", ex);
			}
		}
		ChildProcesses.stop(this.process, Duration.ofSeconds(5));
		throw new IOException(
				"Redis did not answer PING within " + STARTUP_TIMEOUT + ": " + ChildProcesses.logTail(log(), 10));
	}

	/**
	 * The first line of Redis's answer to PING, or {@code null} when it does not answer.
	 */
	static String ping(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
			socket.setSoTimeout(1000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
				.readLine();
		}
		catch (IOException ex) {
			return null;
		}
	}

	/** The binary, unpacked once per JVM from the embedded-redis jar. */
	private static synchronized File executable() throws IOException {
		if (executable == null) {
			executable = ExecutableProvider.newJarResourceProvider().get();
		}
		return executable;
	}

}
