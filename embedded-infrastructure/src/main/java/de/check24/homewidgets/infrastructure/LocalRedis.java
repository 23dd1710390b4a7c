package de.check24.homewidgets.infrastructure;

import java.nio.file.Path;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Redis server (codemonstur's embedded binaries) that can be stopped and started
 * again on the same port, so tests can take the cache away and bring it back.
 */
public final class LocalRedis implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(LocalRedis.class);

	private static final SharedServer<LocalRedis> shared = new SharedServer<>(() -> start(0));

	private final RedisProcess process;

	private final Path directory;

	private LocalRedis(int port, Path directory) {
		this.directory = directory;
		this.process = new RedisProcess(port, directory, List.of("maxmemory 256mb", "maxmemory-policy allkeys-lru"));
	}

	/**
	 * The JVM-wide server on a free port, started on first use and stopped when the JVM
	 * exits.
	 * @return the running server
	 */
	public static LocalRedis shared() {
		return shared.get();
	}

	/**
	 * Starts a server.
	 * @param port the port, or 0 for a free one
	 * @return the running server
	 */
	public static LocalRedis start(int port) {
		LocalRedis redis = new LocalRedis((port != 0) ? port : LocalPorts.free(),
				Directories.temporary("local-redis-"));
		redis.start();
		return redis;
	}

	public int port() {
		return this.process.port();
	}

	public boolean isRunning() {
		return this.process.isRunning();
	}

	/**
	 * The server's process id while it runs.
	 * @return the pid, or -1 when stopped
	 */
	public long pid() {
		return this.process.pid();
	}

	/** Starts the server again after {@link #stop()}; a no-op while it runs. */
	public synchronized void start() {
		if (isRunning()) {
			return;
		}
		this.process.start();
		ShutdownSequence.add(this);
		logger.info("Redis listening on 127.0.0.1:{}", port());
	}

	/** Ends the server process; {@link #start()} brings it back on the same port. */
	public synchronized void stop() {
		this.process.stop();
	}

	/** Stops the server and deletes its directory. */
	@Override
	public synchronized void close() {
		stop();
		ShutdownSequence.remove(this);
		Directories.deleteRecursively(this.directory);
	}

	@Override
	public String toString() {
		return "Redis on 127.0.0.1:" + port();
	}

}
