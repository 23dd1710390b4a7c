package de.check24.homewidgets.product.web;

import java.sql.SQLException;

import org.hibernate.TransactionException;
import org.junit.jupiter.api.Test;

import org.springframework.orm.jpa.JpaSystemException;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseFailuresTests {

	@Test
	void rollbackAgainstAConnectionHikariClosedMeansTheDatabaseIsGone() {
		// what a request saw in CI when PostgreSQL stopped mid-query: the rollback hid
		// the connection error
		JpaSystemException failure = new JpaSystemException(new TransactionException(
				"Unable to rollback against JDBC Connection", new SQLException("Connection is closed")));
		assertThat(DatabaseFailures.isUnreachable(failure)).isTrue();
	}

	@Test
	void connectionStatesAreUnreachable() {
		assertThat(DatabaseFailures.isUnreachable(new SQLException("refused", "08001"))).isTrue();
		assertThat(DatabaseFailures.isUnreachable(new SQLException("shutting down", "57P01"))).isTrue();
	}

	@Test
	void otherSqlFailuresAreBugsNotOutages() {
		assertThat(DatabaseFailures.isUnreachable(new SQLException("syntax error", "42601"))).isFalse();
		assertThat(DatabaseFailures.isUnreachable(new SQLException("something else"))).isFalse();
	}

}
