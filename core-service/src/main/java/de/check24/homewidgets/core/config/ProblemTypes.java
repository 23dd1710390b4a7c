package de.check24.homewidgets.core.config;

import java.net.URI;

/** Stable {@code type} URIs of the core's problem details. */
public final class ProblemTypes {

	private static final String BASE = "https://homewidgets.check24.de/problems/";

	private ProblemTypes() {
	}

	/**
	 * The type URI of an error kind.
	 * @param slug e.g. {@code unknown-service}
	 * @return e.g. {@code https://homewidgets.check24.de/problems/unknown-service}
	 */
	public static URI of(String slug) {
		return URI.create(BASE + slug);
	}

}
