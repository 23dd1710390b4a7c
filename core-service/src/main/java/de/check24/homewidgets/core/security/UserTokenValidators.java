package de.check24.homewidgets.core.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/**
 * Every rule a user token must pass, in one place for the resource server and the
 * in-memory {@code /home} fast path alike: an expiry (required, unlike Spring's default),
 * a bounded lifetime, {@code nbf}, an accepted issuer, our audience and a numeric
 * subject.
 */
final class UserTokenValidators {

	private UserTokenValidators() {
	}

	static OAuth2TokenValidator<Jwt> of(SecurityProperties.Jwt properties, boolean local, Clock clock) {
		List<String> issuers = new ArrayList<>(properties.issuers());
		if (local) {
			issuers.add(properties.devIssuer());
		}
		JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.clockSkew());
		timestamps.setClock(clock);
		return new DelegatingOAuth2TokenValidator<>(List.of(expiryWithin(properties.maxLifetime(), clock), timestamps,
				rule("The token's issuer is not accepted here",
						(jwt) -> issuers.contains(jwt.getClaimAsString(JwtClaimNames.ISS))),
				rule("The token is not meant for this audience",
						(jwt) -> jwt.getAudience() != null && jwt.getAudience().contains(properties.audience())),
				rule("The token's subject must be a numeric user id",
						(jwt) -> jwt.getSubject() != null && jwt.getSubject().matches("[1-9][0-9]{0,17}"))));
	}

	private static OAuth2TokenValidator<Jwt> expiryWithin(Duration maxLifetime, Clock clock) {
		return rule("The token must expire, at most " + maxLifetime + " after it was issued", (jwt) -> {
			Instant expiresAt = jwt.getExpiresAt();
			if (expiresAt == null) {
				return false;
			}
			Instant from = (jwt.getIssuedAt() != null) ? jwt.getIssuedAt() : clock.instant();
			return !expiresAt.isAfter(from.plus(maxLifetime));
		});
	}

	private static OAuth2TokenValidator<Jwt> rule(String description, java.util.function.Predicate<Jwt> test) {
		OAuth2Error error = new OAuth2Error("invalid_token", description, null);
		return (jwt) -> test.test(jwt) ? OAuth2TokenValidatorResult.success()
				: OAuth2TokenValidatorResult.failure(error);
	}

}
