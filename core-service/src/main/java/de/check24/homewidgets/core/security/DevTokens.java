package de.check24.homewidgets.core.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.nimbusds.jose.jwk.source.ImmutableSecret;

import de.check24.homewidgets.core.config.ProblemTypes;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.web.ErrorResponseException;

/**
 * Mints demo user tokens for the local platform, signed with the same HS256 secret the
 * core verifies tokens with. Only exists in the {@code local} profile (see
 * {@link DevTokenController}).
 */
class DevTokens {

	static final Duration LIFETIME = Duration.ofHours(12);

	private final JwtEncoder encoder;

	private final Clock clock;

	DevTokens(String secret, Clock clock) {
		SecretKeySpec key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
		this.encoder = new NimbusJwtEncoder(new ImmutableSecret<>(key));
		this.clock = clock;
	}

	DevToken issue(Long userId) {
		if (userId == null || userId < 1) {
			throw InvalidUserId.of(userId);
		}
		Instant now = this.clock.instant();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.subject(String.valueOf(userId))
			.issuer("core-service-local-dev")
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

	/** The user id was not a positive number. */
	static class InvalidUserId extends ErrorResponseException {

		private InvalidUserId(ProblemDetail problem) {
			super(HttpStatus.BAD_REQUEST, problem, null);
		}

		static InvalidUserId of(Long userId) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
					"user_id must be a positive number, not " + userId);
			problem.setType(ProblemTypes.of("invalid-user-id"));
			problem.setTitle("Invalid user id");
			return new InvalidUserId(problem);
		}

	}

}
