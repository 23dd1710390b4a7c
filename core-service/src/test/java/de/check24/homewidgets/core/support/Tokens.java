package de.check24.homewidgets.core.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Mints HS256 user tokens the way the identity provider would, and the ways it must not.
 */
public final class Tokens {

	/** The core's user token secret in tests. */
	public static final String SECRET = "test-only-user-token-secret-for-the-core-tests-7d41";

	/** The old local-development default, published in the repository. */
	public static final String PUBLISHED_SECRET = "local-dev-only-jwt-secret-change-me-0123456789";

	public static final String ISSUER = "home-widgets-identity";

	public static final String AUDIENCE = "home-widgets";

	private Tokens() {
	}

	public static String forUser(long userId) {
		return sign(String.valueOf(userId), SECRET, (claims) -> {
		});
	}

	public static String expiredForUser(long userId) {
		return sign(String.valueOf(userId), SECRET,
				(claims) -> claims.issueTime(Date.from(Instant.now().minus(Duration.ofHours(2))))
					.expirationTime(Date.from(Instant.now().minus(Duration.ofHours(1)))));
	}

	public static String signedWithAnotherKey(long userId) {
		return sign(String.valueOf(userId), "some-other-secret-that-is-long-enough-0123456789", (claims) -> {
		});
	}

	public static String signedWithThePublishedSecret(long userId) {
		return sign(String.valueOf(userId), PUBLISHED_SECRET, (claims) -> {
		});
	}

	public static String withSubject(String subject) {
		return sign(subject, SECRET, (claims) -> {
		});
	}

	public static String withoutExpiry(long userId) {
		return sign(String.valueOf(userId), SECRET, (claims) -> claims.expirationTime(null));
	}

	public static String withIssuer(long userId, String issuer) {
		return sign(String.valueOf(userId), SECRET, (claims) -> claims.issuer(issuer));
	}

	public static String withAudience(long userId, String audience) {
		return sign(String.valueOf(userId), SECRET, (claims) -> claims.audience(audience));
	}

	public static String validFor(long userId, Duration lifetime) {
		return sign(String.valueOf(userId), SECRET,
				(claims) -> claims.expirationTime(Date.from(Instant.now().plus(lifetime))));
	}

	public static String notBefore(long userId, Instant notBefore) {
		return sign(String.valueOf(userId), SECRET, (claims) -> claims.notBeforeTime(Date.from(notBefore)));
	}

	private static String sign(String subject, String secret, Consumer<JWTClaimsSet.Builder> change) {
		try {
			Instant now = Instant.now();
			JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject)
				.issuer(ISSUER)
				.audience(AUDIENCE)
				.issueTime(Date.from(now))
				// longer than tests move the clock forward, within the 24 h maximum
				.expirationTime(Date.from(now.plus(Duration.ofHours(12))));
			change.accept(claims);
			SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
			jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
