package de.check24.homewidgets.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky's embedded binaries). One per JVM via
 * {@link #shared()}; each product service gets a database of its own via
 * {@link #createDatabase(String)}. It can be stopped and started again on the same port
 * with the same data, so tests and the local platform can take the database away.
 */
public final class LocalPostgres implements AutoCloseable {

	public static final String USER = "postgres";

	public static final String PASSWORD = "postgres";

	private static final Logger logger = LoggerFactory.getLogger(LocalPostgres.class);

	private static final SharedServer<LocalPostgres> shared = new SharedServer<>(() -> start(0, null));

	private final Path dataDirectory;

	/** Deleted on {@link #close()}: the caller asked for throw-away data. */
	private final boolean temporary;

	private int port;

	private EmbeddedPostgres postgres;

	private LocalPostgres(int port, Path dataDirectory, boolean temporary) {
		this.port = port;
		this.dataDirectory = dataDirectory;
		this.temporary = temporary;
	}

	/**
	 * The JVM-wide server on a free port, started on first use and stopped when the JVM
	 * exits.
	 * @return the running server
	 */
	public static LocalPostgres shared() {
		return shared.get();
	}

	/**
	 * Starts a server.
	 * @param port the port, or 0 for a free one
	 * @param dataDirectory where the data lives and survives restarts; {@code null} for a
	 * throw-away directory (kept across {@link #stop()} and {@link #start()}, deleted on
	 * {@link #close()})
	 * @return the running server
	 */
	public static LocalPostgres start(int port, Path dataDirectory) {
		LocalPostgres postgres = (dataDirectory != null) ? new LocalPostgres(port, dataDirectory, false)
				: new LocalPostgres(port, Directories.temporary("local-postgres-"), true);
		postgres.start();
		return postgres;
	}

	public int port() {
		return this.port;
	}

	public synchronized boolean isRunning() {
		return this.postgres != null;
	}

	/** Starts the server again after {@link #stop()}; a no-op while it runs. */
	public synchronized void start() {
		if (isRunning()) {
			return;
		}
		try {
			this.postgres = EmbeddedPostgres.builder()
				.setPort(this.port)
				.setDataDirectory(this.dataDirectory)
				.setCleanDataDirectory(false)
				// the shutdown sequence stops it after the services that use it
				.setRegisterShutdownHook(false)
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("PostgreSQL did not start", ex);
		}
		this.port = this.postgres.getPort();
		ShutdownSequence.add(this);
		logger.info("PostgreSQL listening on 127.0.0.1:{}", this.port);
	}

	/**
	 * Stops the server (a fast shutdown); {@link #start()} brings it back with its data.
	 */
	public synchronized void stop() {
		if (this.postgres == null) {
			return;
		}
		try {
			this.postgres.close();
		}
		catch (IOException ex) {
			logger.warn("PostgreSQL did not stop cleanly", ex);
		}
		this.postgres = null;
	}

	/**
	 * Creates the database unless it exists.
	 * @param database the database name (letters, digits and underscores)
	 * @return its JDBC URL
	 */
	public String createDatabase(String database) {
		if (!database.matches("[a-z0-9_]+")) {
			throw new IllegalArgumentException("Illegal database name: " + database);
		}
		EmbeddedPostgres server;
		synchronized (this) {
			if (this.postgres == null) {
				throw new IllegalStateException("PostgreSQL on port " + this.port + " is stopped");
			}
			server = this.postgres;
		}
		try (Connection connection = server.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			try (ResultSet exists = statement
				.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
				if (!exists.next()) {
					statement.execute("CREATE DATABASE " + database);
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create database " + database, ex);
		}
		return jdbcUrl(database);
	}

	public String jdbcUrl(String database) {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + database;
	}

	/** Stops the server; throw-away data goes with it. */
	@Override
	public synchronized void close() {
		stop();
		ShutdownSequence.remove(this);
		if (this.temporary) {
			Directories.deleteRecursively(this.dataDirectory);
		}
	}

	@Override
	public String toString() {
		return "PostgreSQL on 127.0.0.1:" + this.port;
	}

}
