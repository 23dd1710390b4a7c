package de.check24.homewidgets.product.security;

import java.util.OptionalLong;

import org.springframework.lang.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Whom the core acts for in this request: the {@code sub} of its token.
 *
 * @param userId the user, or {@code null} for the anonymous home
 */
record Caller(@Nullable Long userId) {

	static Caller current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof Jwt jwt && jwt.getSubject() != null) {
			return new Caller(Long.parseLong(jwt.getSubject()));
		}
		return new Caller(null);
	}

	boolean isAnonymous() {
		return this.userId == null;
	}

	/**
	 * Refuses a request that names another user than the token's.
	 * @param requested the user the request names
	 * @throws ForeignUser unless the token is for that user
	 */
	void requireMayActFor(long requested) {
		if (this.userId == null) {
			throw ForeignUser.forAnonymous(requested);
		}
		if (this.userId != requested) {
			throw ForeignUser.of(requested, this.userId);
		}
	}

	/**
	 * Reads a user id the way the endpoints bind it. Anything else is not a user id, and
	 * validation answers it with a 400 before any data is touched.
	 * @param value the text from a path, query or claim
	 * @return the id, empty unless a positive decimal number
	 */
	static OptionalLong parseUserId(@Nullable String value) {
		if (value == null || value.isEmpty() || value.length() > 19 || !value.chars().allMatch(Character::isDigit)) {
			return OptionalLong.empty();
		}
		try {
			long id = Long.parseLong(value);
			return (id > 0) ? OptionalLong.of(id) : OptionalLong.empty();
		}
		catch (NumberFormatException ex) {
			return OptionalLong.empty();
		}
	}

	static boolean isUserId(String value) {
		return parseUserId(value).isPresent();
	}

}
