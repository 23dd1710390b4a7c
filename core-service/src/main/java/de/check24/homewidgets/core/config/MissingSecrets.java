package de.check24.homewidgets.core.config;

import java.util.List;

/** The core was started outside the {@code local} profile without its secrets. */
class MissingSecrets extends RuntimeException {

	private final List<String> problems;

	MissingSecrets(List<String> problems) {
		super(String.join("; ", problems));
		this.problems = List.copyOf(problems);
	}

	List<String> problems() {
		return this.problems;
	}

}
