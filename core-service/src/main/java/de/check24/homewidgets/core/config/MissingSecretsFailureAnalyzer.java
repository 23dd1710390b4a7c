package de.check24.homewidgets.core.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says which variables to set instead of printing a stack trace. */
class MissingSecretsFailureAnalyzer extends AbstractFailureAnalyzer<MissingSecrets> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingSecrets cause) {
		return new FailureAnalysis(
				"The core refuses to start without its secrets:\n  - " + String.join("\n  - ", cause.problems()),
				"Set the variables above (see the README's configuration section and .env.example),"
						+ " or run with SPRING_PROFILES_ACTIVE=local for local development.",
				cause);
	}

}
