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
 * {@link #createDatabase(String)}.
 */
public final class LocalPostgres implements AutoCloseable {

	public static final String USER = "postgres";

	public static final String PASSWORD = "postgres";

	private static final Logger logger = LoggerFactory.getLogger(LocalPostgres.class);

	private static LocalPostgres shared;

	private final EmbeddedPostgres postgres;

	private LocalPostgres(EmbeddedPostgres postgres) {
		this.postgres = postgres;
	}

	/**
	 * The JVM-wide server on a free port, started on first use and stopped when the JVM
	 * exits.
	 * @return the running server
	 */
	public static synchronized LocalPostgres shared() {
		if (shared == null) {
			shared = start(0, null);
			Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "local-postgres-shutdown"));
		}
		return shared;
	}

	/**
	 * Starts a server.
	 * @param port the port, or 0 for a free one
	 * @param dataDirectory where the data lives and survives restarts; {@code null} for a
	 * throw-away directory
	 * @return the running server
	 */
	public static LocalPostgres start(int port, Path dataDirectory) {
		try {
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPort(port);
			if (dataDirectory != null) {
				builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
			}
			EmbeddedPostgres postgres = builder.start();
			logger.info("PostgreSQL listening on 127.0.0.1:{}", postgres.getPort());
			return new LocalPostgres(postgres);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("PostgreSQL did not start", ex);
		}
	}

	public int port() {
		return this.postgres.getPort();
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
		try (Connection connection = this.postgres.getPostgresDatabase().getConnection();
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
		return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
	}

	@Override
	public void close() {
		try {
			this.postgres.close();
		}
		catch (IOException ex) {
			logger.warn("PostgreSQL did not stop cleanly", ex);
		}
	}

}
