package de.check24.homewidgets.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * A real Redis server (codemonstur's embedded binaries) that can be stopped and started
 * again on the same port, so tests can take the cache away and bring it back.
 */
public final class LocalRedis implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(LocalRedis.class);

	private static LocalRedis shared;

	private final int port;

	private RedisServer server;

	private LocalRedis(int port) {
		this.port = port;
	}

	/**
	 * The JVM-wide server on a free port, started on first use and stopped when the JVM
	 * exits.
	 * @return the running server
	 */
	public static synchronized LocalRedis shared() {
		if (shared == null) {
			shared = start(0);
			Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "local-redis-shutdown"));
		}
		return shared;
	}

	/**
	 * Starts a server.
	 * @param port the port, or 0 for a free one
	 * @return the running server
	 */
	public static LocalRedis start(int port) {
		LocalRedis redis = new LocalRedis((port != 0) ? port : LocalPorts.free());
		redis.start();
		return redis;
	}

	public int port() {
		return this.port;
	}

	public synchronized boolean isRunning() {
		return this.server != null && this.server.isActive();
	}

	/** Starts the server again after {@link #stop()}; a no-op while it runs. */
	public synchronized void start() {
		if (isRunning()) {
			return;
		}
		try {
			this.server = RedisServer.newRedisServer()
				.port(this.port)
				.bind("127.0.0.1")
				.setting("maxmemory 256mb")
				.setting("maxmemory-policy allkeys-lru")
				.setting("save \"\"")
				.setting("appendonly no")
				.build();
			this.server.start();
			logger.info("Redis listening on 127.0.0.1:{}", this.port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Redis did not start on port " + this.port, ex);
		}
	}

	public synchronized void stop() {
		if (this.server == null) {
			return;
		}
		try {
			this.server.stop();
		}
		catch (IOException ex) {
			logger.warn("Redis did not stop cleanly", ex);
		}
		this.server = null;
	}

	@Override
	public void close() {
		stop();
	}

}
