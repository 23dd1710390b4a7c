package de.check24.homewidgets.product.security;

import java.util.Map;

import de.check24.homewidgets.product.web.ProductProblem;

import org.springframework.http.HttpStatus;

/** Spring Security refused an authenticated caller. */
final class Forbidden extends ProductProblem {

	private Forbidden() {
		super(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "The core's token does not allow this request.",
				Map.of());
	}

	static Forbidden byPolicy() {
		return new Forbidden();
	}

}
