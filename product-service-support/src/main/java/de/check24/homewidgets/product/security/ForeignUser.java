package de.check24.homewidgets.product.security;

import java.util.Map;

import de.check24.homewidgets.product.web.ProductProblem;

import org.springframework.http.HttpStatus;

/** The request names another user than the one the core's token acts for. */
final class ForeignUser extends ProductProblem {

	private ForeignUser(String detail, Map<String, Object> properties) {
		super(HttpStatus.FORBIDDEN, "foreign-user", "Foreign user", detail, properties);
	}

	static ForeignUser of(long requested, long caller) {
		return new ForeignUser("The core's token acts for user " + caller + ", not for user " + requested + ".",
				Map.of("user_id", requested));
	}

	static ForeignUser forAnonymous(long requested) {
		return new ForeignUser("The core's token names no user, so it cannot act for user " + requested + ".",
				Map.of("user_id", requested));
	}

	static ForeignUser anonymousMayOnlyReadGenericWidgets() {
		return new ForeignUser("The core's token names no user; it may only read the generic widgets.", Map.of());
	}

}
