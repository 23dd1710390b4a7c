package de.check24.homewidgets.product.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/**
 * Every rule a core token must pass besides its ES256 signature. Spring's default
 * validator lets a token without {@code exp} live for ever and checks neither issuer nor
 * audience; these do.
 */
final class CoreTokenValidators {

	private CoreTokenValidators() {
	}

	static OAuth2TokenValidator<Jwt> forProduct(String productKey, CoreTokenProperties properties, Clock clock) {
		JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.clockSkew());
		timestamps.setClock(clock);
		return new DelegatingOAuth2TokenValidator<>(List.of(required(JwtClaimNames.EXP), required(JwtClaimNames.IAT),
				timestamps, new JwtIssuerValidator(properties.issuer()), audience(productKey),
				lifetime(properties.maxLifetime(), properties.clockSkew(), clock), subjectIsAUserId()));
	}

	private static OAuth2TokenValidator<Jwt> required(String claim) {
		return (jwt) -> jwt.hasClaim(claim) ? OAuth2TokenValidatorResult.success()
				: failure("The token has no '" + claim + "' claim");
	}

	private static OAuth2TokenValidator<Jwt> audience(String productKey) {
		return (jwt) -> {
			List<String> audience = jwt.getAudience();
			return (audience != null && audience.contains(productKey)) ? OAuth2TokenValidatorResult.success()
					: failure("The token is not meant for '" + productKey + "'");
		};
	}

	/**
	 * A stolen token is worth little only while tokens are short-lived, so a long
	 * {@code exp} is refused even when the signature is good; and an {@code iat} in the
	 * future must not stretch the window.
	 */
	private static OAuth2TokenValidator<Jwt> lifetime(Duration maxLifetime, Duration clockSkew, Clock clock) {
		return (jwt) -> {
			Instant issuedAt = jwt.getIssuedAt();
			Instant expiresAt = jwt.getExpiresAt();
			if (issuedAt == null || expiresAt == null) {
				return failure("The token has no lifetime");
			}
			if (issuedAt.isAfter(clock.instant().plus(clockSkew))) {
				return failure("The token is issued in the future");
			}
			if (Duration.between(issuedAt, expiresAt).compareTo(maxLifetime) > 0) {
				return failure("The token lives longer than " + maxLifetime);
			}
			return OAuth2TokenValidatorResult.success();
		};
	}

	private static OAuth2TokenValidator<Jwt> subjectIsAUserId() {
		return (jwt) -> (jwt.getSubject() == null || Caller.isUserId(jwt.getSubject()))
				? OAuth2TokenValidatorResult.success() : failure("The token's subject is not a user id");
	}

	private static OAuth2TokenValidatorResult failure(String description) {
		return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
	}

}
