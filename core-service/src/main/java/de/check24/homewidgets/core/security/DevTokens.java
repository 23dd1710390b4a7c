package de.check24.homewidgets.core.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.nimbusds.jose.jwk.source.ImmutableSecret;

import de.check24.homewidgets.core.web.CoreProblem;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Mints demo user tokens for the local platform, signed with the same HS256 secret the
 * core verifies tokens with, issued by the dev issuer that only the {@code local} profile
 * accepts. Only exists in that profile (see {@link DevTokenController}).
 */
class DevTokens {

	static final Duration LIFETIME = Duration.ofHours(12);

	private final JwtEncoder encoder;

	private final Clock clock;

	private final String issuer;

	private final String audience;

	DevTokens(String secret, String issuer, String audience, Clock clock) {
		this.issuer = issuer;
		this.audience = audience;
		SecretKeySpec key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
		this.encoder = new NimbusJwtEncoder(new ImmutableSecret<>(key));
		this.clock = clock;
	}

	DevToken issue(Long userId) {
		if (userId == null || userId < 1) {
			throw CoreProblem.invalidUserId(userId);
		}
		Instant now = this.clock.instant();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.subject(String.valueOf(userId))
			.issuer(this.issuer)
			.audience(java.util.List.of(this.audience))
			.issuedAt(now)
			.expiresAt(now.plus(LIFETIME))
			.build();
		String token = this.encoder
			.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
			.getTokenValue();
		return new DevToken(token, "Bearer", userId, LIFETIME.toSeconds());
	}

	/**
	 * @param accessToken the signed JWT
	 * @param tokenType always {@code Bearer}
	 * @param userId the token's subject
	 * @param expiresIn seconds until it expires
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record DevToken(String accessToken, String tokenType, long userId, long expiresIn) {

	}

}
