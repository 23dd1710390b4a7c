package de.check24.homewidgets.core.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** Mints HS256 user tokens the way an identity provider would. */
public final class Tokens {

	/** The local-development default of {@code home.security.jwt.secret}. */
	public static final String SECRET = "local-dev-only-jwt-secret-change-me-0123456789";

	private Tokens() {
	}

	public static String forUser(long userId) {
		return sign(String.valueOf(userId), Instant.now().plus(Duration.ofHours(1)), SECRET);
	}

	public static String expiredForUser(long userId) {
		return sign(String.valueOf(userId), Instant.now().minus(Duration.ofHours(1)), SECRET);
	}

	public static String signedWithAnotherKey(long userId) {
		return sign(String.valueOf(userId), Instant.now().plus(Duration.ofHours(1)),
				"some-other-secret-that-is-long-enough-0123456789");
	}

	public static String withSubject(String subject) {
		return sign(subject, Instant.now().plus(Duration.ofHours(1)), SECRET);
	}

	private static String sign(String subject, Instant expiresAt, String secret) {
		try {
			JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject)
				.issueTime(Date.from(Instant.now().minus(Duration.ofHours(2))))
				.expirationTime(Date.from(expiresAt))
				.build();
			SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
			jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
