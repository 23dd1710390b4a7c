package de.check24.homewidgets.product.web;

import java.util.Map;

import org.springframework.http.HttpStatus;

/** The path names another product than this service's. */
final class UnknownServiceKey extends ProductProblem {

	private UnknownServiceKey(String requested, String served) {
		super(HttpStatus.NOT_FOUND, "unknown-service", "Unknown service",
				"This service serves '" + served + "', not '" + requested + "'.", Map.of("service", served));
	}

	static UnknownServiceKey of(String requested, String served) {
		return new UnknownServiceKey(requested, served);
	}

}
