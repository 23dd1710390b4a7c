package de.check24.homewidgets.product.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints which variable to set instead of a stack trace. */
class MissingSecretFailureAnalyzer extends AbstractFailureAnalyzer<MissingSecret> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingSecret cause) {
		return new FailureAnalysis(cause.getMessage(), "Set the environment variable " + cause.variable()
				+ ", or run with the 'local' profile for local development.", cause);
	}

}
