package de.check24.homewidgets.product.web;

import java.net.URI;

import org.springframework.http.HttpStatusCode;

/**
 * The stable problem type URIs. Clients may branch on them, so they never change.
 */
final class ProblemTypes {

	static final String BASE = "https://homewidgets.check24.de/problems/";

	static final URI INVALID_REQUEST = of("invalid-request");

	static final URI REQUEST_TOO_LARGE = of("request-too-large");

	static final URI DATABASE_UNAVAILABLE = of("database-unavailable");

	static final URI INTERNAL_ERROR = of("internal-error");

	private ProblemTypes() {
	}

	static URI of(String name) {
		return URI.create(BASE + name);
	}

	/**
	 * The type for failures Spring MVC reports itself (no route, wrong method, ...).
	 * @param status the response status
	 * @return a type URI naming the status
	 */
	static URI forStatus(HttpStatusCode status) {
		return switch (status.value()) {
			case 400 -> INVALID_REQUEST;
			case 404 -> of("not-found");
			case 405 -> of("method-not-allowed");
			case 406 -> of("not-acceptable");
			case 415 -> of("unsupported-media-type");
			case 503 -> of("service-unavailable");
			default -> of("http-" + status.value());
		};
	}

}
