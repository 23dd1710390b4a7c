package de.check24.homewidgets.core.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import de.check24.homewidgets.core.support.FrozenClock;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rule a user token must pass, on tokens built by hand (their signatures are the
 * decoder's business).
 */
class UserTokenValidatorsTests {

	private static final String ISSUER = "home-widgets-identity";

	private static final String SECOND_ISSUER = "partner-identity";

	private static final String DEV_ISSUER = "home-widgets-local-dev";

	private static final String AUDIENCE = "home-widgets";

	private static final Duration MAX_LIFETIME = Duration.ofHours(24);

	private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

	private final FrozenClock clock = FrozenClock.atAWholeSecond();

	private final Instant now = this.clock.instant();

	private final OAuth2TokenValidator<Jwt> validators = validators(false);

	@Test
	void acceptsATokenThatPassesEveryRule() {
		assertThat(this.validators.validate(token((jwt) -> {
		})).hasErrors()).isFalse();
	}

	@Nested
	class Expiry {

		@Test
		void refusesATokenWithoutExpiry() {
			assertRefused(token((jwt) -> jwt.claims((claims) -> claims.remove("exp"))), "must expire");
		}

		@Test
		void refusesAnExpiredTokenOnceTheClockSkewHasPassed() {
			Jwt token = token((jwt) -> jwt.issuedAt(now.minus(Duration.ofHours(2))).expiresAt(now.minusSeconds(60)));

			assertRefused(token, "expired");
		}

		@Test
		void acceptsATokenThatExpiredWithinTheClockSkew() {
			Jwt token = token((jwt) -> jwt.issuedAt(now.minus(Duration.ofHours(2))).expiresAt(now.minusSeconds(29)));

			assertAccepted(token);
		}

		@Test
		void acceptsATokenValidForExactlyTheMaximumLifetime() {
			assertAccepted(token((jwt) -> jwt.issuedAt(now).expiresAt(now.plus(MAX_LIFETIME))));
		}

		@Test
		void refusesATokenValidLongerThanTheMaximumLifetime() {
			assertRefused(token((jwt) -> jwt.issuedAt(now).expiresAt(now.plus(MAX_LIFETIME).plusSeconds(1))),
					"at most PT24H after it was issued");
		}

		@Test
		void measuresTheLifetimeOfATokenWithoutIssueTimeFromNow() {
			assertAccepted(
					token((jwt) -> jwt.claims((claims) -> claims.remove("iat")).expiresAt(now.plus(MAX_LIFETIME))));
			assertRefused(token((jwt) -> jwt.claims((claims) -> claims.remove("iat"))
				.expiresAt(now.plus(MAX_LIFETIME).plusSeconds(1))), "at most PT24H");
		}

	}

	@Nested
	class NotBefore {

		@Test
		void refusesATokenNotValidYet() {
			assertRefused(token((jwt) -> jwt.notBefore(now.plusSeconds(60))), "used before");
		}

		@Test
		void acceptsATokenValidWithinTheClockSkew() {
			assertAccepted(token((jwt) -> jwt.notBefore(now.plusSeconds(29))));
		}

	}

	@Nested
	class Issuer {

		@Test
		void acceptsEveryConfiguredIssuer() {
			assertAccepted(token((jwt) -> jwt.issuer(ISSUER)));
			assertAccepted(token((jwt) -> jwt.issuer(SECOND_ISSUER)));
		}

		@Test
		void refusesAnotherIssuerAndATokenWithoutOne() {
			assertRefused(token((jwt) -> jwt.issuer("someone-else")), "issuer is not accepted");
			assertRefused(token((jwt) -> jwt.claims((claims) -> claims.remove("iss"))), "issuer is not accepted");
		}

		@Test
		void acceptsTheDevIssuerOnlyInTheLocalProfile() {
			Jwt devToken = token((jwt) -> jwt.issuer(DEV_ISSUER));

			assertThat(validators(false).validate(devToken).hasErrors()).isTrue();
			assertThat(validators(true).validate(devToken).hasErrors()).isFalse();
		}

	}

	@Nested
	class Audience {

		@Test
		void acceptsATokenForSeveralAudiencesAmongThemOurs() {
			assertAccepted(token((jwt) -> jwt.audience(List.of("mobile-app", AUDIENCE))));
		}

		@Test
		void refusesATokenForAnotherAudienceOrNone() {
			assertRefused(token((jwt) -> jwt.audience(List.of("mobile-app"))), "not meant for this audience");
			assertRefused(token((jwt) -> jwt.claims((claims) -> claims.remove("aud"))), "not meant for this audience");
		}

	}

	@Nested
	class Subject {

		@ParameterizedTest
		@ValueSource(strings = { "1", "123", "123456789012345678" })
		void acceptsAPositiveNumericUserId(String subject) {
			assertAccepted(token((jwt) -> jwt.subject(subject)));
		}

		@ParameterizedTest
		@ValueSource(strings = { "0", "-5", "007", "abc", "12 3", "1234567890123456789", "" })
		void refusesASubjectThatIsNoUserId(String subject) {
			assertRefused(token((jwt) -> jwt.subject(subject)), "numeric user id");
		}

		@Test
		void refusesATokenWithoutSubject() {
			assertRefused(token((jwt) -> jwt.claims((claims) -> claims.remove("sub"))), "numeric user id");
		}

	}

	private OAuth2TokenValidator<Jwt> validators(boolean local) {
		SecurityProperties.Jwt properties = new SecurityProperties.Jwt(null, null, "HS256",
				List.of(ISSUER, SECOND_ISSUER), AUDIENCE, DEV_ISSUER, MAX_LIFETIME, CLOCK_SKEW,
				DataSize.ofMegabytes(1));
		return UserTokenValidators.of(properties, local, this.clock);
	}

	/** A token that passes every rule, changed as a test needs. */
	private Jwt token(Consumer<Jwt.Builder> change) {
		Jwt.Builder jwt = Jwt.withTokenValue("token")
			.header("alg", "HS256")
			.subject("42")
			.issuer(ISSUER)
			.audience(List.of(AUDIENCE))
			.issuedAt(this.now)
			.expiresAt(this.now.plus(Duration.ofHours(12)));
		change.accept(jwt);
		return jwt.build();
	}

	private void assertAccepted(Jwt token) {
		OAuth2TokenValidatorResult result = this.validators.validate(token);
		assertThat(result.getErrors()).isEmpty();
	}

	private void assertRefused(Jwt token, String reason) {
		OAuth2TokenValidatorResult result = this.validators.validate(token);
		assertThat(result.getErrors()).extracting(OAuth2Error::getDescription)
			.anySatisfy((description) -> assertThat(description).contains(reason));
	}

}
