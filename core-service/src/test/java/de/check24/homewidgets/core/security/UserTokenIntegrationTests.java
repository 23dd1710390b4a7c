package de.check24.homewidgets.core.security;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import de.check24.homewidgets.core.support.CoreTestBase;
import de.check24.homewidgets.core.support.Tokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every token the core must refuse, refused the same way by the full stack and by the
 * in-memory {@code /home} fast path (one validator, shared), even while that user's page
 * is in memory.
 */
class UserTokenIntegrationTests extends CoreTestBase {

	static java.util.stream.Stream<Arguments> tokensToRefuse() {
		return java.util.stream.Stream.of(
				Arguments.of("a token signed with another key", Tokens.signedWithAnotherKey(123)),
				Arguments.of("a token signed with the secret once published in the repository",
						Tokens.signedWithThePublishedSecret(123)),
				Arguments.of("an expired token", Tokens.expiredForUser(123)),
				Arguments.of("a token without exp", Tokens.withoutExpiry(123)),
				Arguments.of("a token valid for longer than the maximum lifetime",
						Tokens.validFor(123, Duration.ofDays(30))),
				Arguments.of("a token not valid yet", Tokens.notBefore(123, Instant.now().plus(Duration.ofHours(1)))),
				Arguments.of("a token from another issuer", Tokens.withIssuer(123, "https://idp.example.com")),
				Arguments.of("a local dev token outside the local profile",
						Tokens.withIssuer(123, "home-widgets-local-dev")),
				Arguments.of("a token for another audience", Tokens.withAudience(123, "another-application")),
				Arguments.of("a token without a numeric subject", Tokens.withSubject("alice")),
				Arguments.of("something that is not a JWT", "not-a-jwt"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("tokensToRefuse")
	void refusesOnTheFullStack(String what, String token) {
		HttpResponse<String> response = http.get("/home", "Authorization", "Bearer " + token);

		assertUnauthorized(response);
		assertThat(totalCalls()).isZero();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("tokensToRefuse")
	void refusesOnTheFastPathWhileThatUsersPageIsInMemory(String what, String token) {
		assertThat(http.home(123L).statusCode()).isEqualTo(200);

		assertUnauthorized(http.get("/home", "Authorization", "Bearer " + token));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("tokensToRefuse")
	void refusesOnPersonalRoutes(String what, String token) {
		assertUnauthorized(http.get("/user/123/contracts", "Authorization", "Bearer " + token));
	}

	private void assertUnauthorized(HttpResponse<String> response) {
		assertProblem(response, 401, "unauthorized");
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((value) -> assertThat(value).startsWith("Bearer"));
	}

}
