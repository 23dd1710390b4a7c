package de.check24.homewidgets.product.security;

import java.util.Map;

import de.check24.homewidgets.product.web.ProductProblem;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;

/** No token from the core, or one that fails a check. */
final class Unauthorized extends ProductProblem {

	private Unauthorized(String detail) {
		super(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detail, Map.of());
	}

	static Unauthorized because(AuthenticationException failure) {
		if (failure instanceof OAuth2AuthenticationException refused && refused.getError().getDescription() != null) {
			return new Unauthorized("The bearer token was refused: " + refused.getError().getDescription());
		}
		return new Unauthorized("A bearer token signed by the core is required.");
	}

}
