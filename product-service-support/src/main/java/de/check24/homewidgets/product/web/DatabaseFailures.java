package de.check24.homewidgets.product.web;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.transaction.CannotCreateTransactionException;

/** Tells an unreachable database apart from a bug. */
final class DatabaseFailures {

	/** SQLSTATE class 08: connection exception. */
	private static final String CONNECTION_EXCEPTION = "08";

	/**
	 * SQLSTATE 57P01..57P03: the server is shutting down or not accepting connections.
	 */
	private static final String OPERATOR_INTERVENTION = "57P";

	/** What Hikari's closed-connection proxy throws, without an SQLSTATE. */
	private static final String HIKARI_CLOSED_CONNECTION = "Connection is closed";

	private DatabaseFailures() {
	}

	static boolean isUnreachable(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof CannotCreateTransactionException || cause instanceof DataAccessResourceFailureException
					|| cause instanceof QueryTimeoutException || cause instanceof SQLTransientConnectionException
					|| cause instanceof SQLNonTransientConnectionException || cause instanceof SQLTimeoutException
					|| cause instanceof ConnectException || isConnectionState(cause)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isConnectionState(Throwable cause) {
		if (cause instanceof SQLException sql) {
			if (sql.getSQLState() == null) {
				// Hikari's answer on a connection it already evicted after a connection
				// error, e.g. when the
				// rollback of the failed transaction reaches it: the database went away
				// mid-request
				return HIKARI_CLOSED_CONNECTION.equals(sql.getMessage());
			}
			return sql.getSQLState().startsWith(CONNECTION_EXCEPTION)
					|| sql.getSQLState().startsWith(OPERATOR_INTERVENTION);
		}
		return false;
	}

}
