package de.check24.homewidgets.sample;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jwt.JWTClaimsSet;
import de.check24.homewidgets.infrastructure.EmbeddedInfrastructure;
import de.check24.homewidgets.product.CoreTokens;
import de.check24.homewidgets.product.ProductHttp.Response;
import de.check24.homewidgets.product.ProductHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.lang.Nullable;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attacks from the same network as the core, each against the real service with real
 * tokens and a real key server: only a token the core signed for this product and for the
 * user a request names gets through.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "product.core.base-url=http://127.0.0.1:9")
@TestPropertySource(locations = "classpath:sample/sample-product.properties")
@ActiveProfiles("local")
class ZeroTrustIntegrationTests {

	private static final CoreTokens core = CoreTokens.shared();

	private static final long VICTIM = 456;

	private static final long ATTACKER = 123;

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	private ProductHttp http;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		EmbeddedInfrastructure.postgres(registry, "sample_db");
		EmbeddedInfrastructure.kafka(registry);
		CoreTokens.register(registry);
	}

	@BeforeEach
	void client() {
		this.http = ProductHttp.to(this.port);
	}

	@Nested
	class WithoutTheCoresToken {

		@Test
		void aDirectCallWithoutCredentialIsUnauthorized() {
			assertUnauthorized(call(HttpMethod.GET, "/widget/sample?user_id=" + VICTIM, null, null));
			assertUnauthorized(call(HttpMethod.GET, "/widget/sample/contract/" + VICTIM, null, null));
			assertUnauthorized(call(HttpMethod.POST, "/widget/sample/contract", null, purchaseBody(VICTIM)));
			assertUnauthorized(
					call(HttpMethod.DELETE, "/widget/sample/contract/" + VICTIM + "/sample_offer", null, null));
			assertThat(contractsOf(VICTIM)).isZero();
		}

		@Test
		void aTokenSignedByAnotherKeyIsUnauthorized() {
			String forged = CoreTokens.signWith(CoreTokens.newKey("core-test-key"),
					CoreTokens.claims("sample").subject(String.valueOf(VICTIM)).build());

			assertUnauthorized(call(HttpMethod.POST, "/widget/sample/contract", forged, purchaseBody(VICTIM)));
			assertThat(contractsOf(VICTIM)).isZero();
		}

		@Test
		void aTokenSignedWithTheRepositorysOldSharedSecretIsUnauthorized() {
			String forged = CoreTokens.signWithSecret("local-dev-only-jwt-secret-change-me-0123456789",
					CoreTokens.claims("sample").subject(String.valueOf(VICTIM)).build());

			assertUnauthorized(call(HttpMethod.GET, "/widget/sample/contract/" + VICTIM, forged, null));
		}

		@Test
		void aTokenThatIsNotAJwtIsUnauthorized() {
			assertUnauthorized(call(HttpMethod.GET, "/widget/sample", "local-dev-service-token", null));
		}

	}

	@Nested
	class WithABrokenToken {

		@Test
		void anExpiredTokenIsUnauthorized() {
			Instant issued = Instant.now().minus(Duration.ofMinutes(10));
			assertRefused(victimClaims().issueTime(Date.from(issued))
				.expirationTime(Date.from(issued.plus(Duration.ofSeconds(60))))
				.build());
		}

		@Test
		void aTokenWithoutExpiryIsUnauthorized() {
			assertRefused(victimClaims().expirationTime(null).build());
		}

		@Test
		void aTokenThatLivesLongerThanFiveMinutesIsUnauthorized() {
			Instant now = Instant.now();
			assertRefused(victimClaims().issueTime(Date.from(now))
				.expirationTime(Date.from(now.plus(Duration.ofHours(12))))
				.build());
		}

		@Test
		void aTokenNotYetValidIsUnauthorized() {
			assertRefused(victimClaims().notBeforeTime(Date.from(Instant.now().plus(Duration.ofMinutes(2)))).build());
		}

		@Test
		void aTokenFromAnotherIssuerIsUnauthorized() {
			assertRefused(victimClaims().issuer("home-widgets-local-dev").build());
		}

		@Test
		void aTokenForAnotherProductIsUnauthorized() {
			assertRefused(victimClaims().audience("car-insurance").build());
		}

		@Test
		void aTokenWhoseSubjectIsNoUserIdIsUnauthorized() {
			assertRefused(victimClaims().subject("admin").build());
		}

		private JWTClaimsSet.Builder victimClaims() {
			return CoreTokens.claims("sample").subject(String.valueOf(VICTIM));
		}

		private void assertRefused(JWTClaimsSet claims) {
			assertUnauthorized(
					call(HttpMethod.POST, "/widget/sample/contract", core.sign(claims), purchaseBody(VICTIM)));
			assertThat(contractsOf(VICTIM)).isZero();
		}

	}

	@Nested
	class WithTheCoresTokenForAnotherUser {

		private final String attackersToken = core.forUser("sample", ATTACKER);

		@Test
		void buyingForAnotherUserInTheBodyIsForbidden() {
			assertForeignUser(
					call(HttpMethod.POST, "/widget/sample/contract", this.attackersToken, purchaseBody(VICTIM)));
			assertThat(contractsOf(VICTIM)).isZero();
		}

		@Test
		void readingAnotherUsersContractsByPathIsForbidden() {
			assertForeignUser(call(HttpMethod.GET, "/widget/sample/contract/" + VICTIM, this.attackersToken, null));
		}

		@Test
		void cancellingAnotherUsersContractByPathIsForbidden() {
			assertForeignUser(call(HttpMethod.DELETE, "/widget/sample/contract/" + VICTIM + "/sample_offer",
					this.attackersToken, null));
		}

		@Test
		void readingAnotherUsersWidgetsByQueryIsForbidden() {
			assertForeignUser(call(HttpMethod.GET, "/widget/sample?user_id=" + VICTIM, this.attackersToken, null));
		}

		@Test
		void smugglingAnotherUserIntoTheQueryNextToOneselfIsForbidden() {
			assertForeignUser(call(HttpMethod.GET, "/widget/sample?user_id=" + ATTACKER + "&user_id=" + VICTIM,
					this.attackersToken, null));
		}

		@Test
		void theTokensOwnUserGetsThrough() {
			assertThat(call(HttpMethod.GET, "/widget/sample?user_id=" + ATTACKER, this.attackersToken, null).status())
				.isEqualTo(200);
		}

	}

	@Nested
	class WithTheAnonymousHomesToken {

		private final String anonymous = core.anonymous("sample");

		@Test
		void readingTheGenericWidgetsIsAllowed() {
			assertThat(call(HttpMethod.GET, "/widget/sample", this.anonymous, null).status()).isEqualTo(200);
		}

		@Test
		void askingForAUsersWidgetsIsForbidden() {
			assertForeignUser(call(HttpMethod.GET, "/widget/sample?user_id=" + VICTIM, this.anonymous, null));
		}

		@Test
		void buyingIsForbidden() {
			assertForeignUser(call(HttpMethod.POST, "/widget/sample/contract", this.anonymous, purchaseBody(VICTIM)));
			assertThat(contractsOf(VICTIM)).isZero();
		}

		@Test
		void readingContractsIsForbidden() {
			assertForeignUser(call(HttpMethod.GET, "/widget/sample/contract/" + VICTIM, this.anonymous, null));
		}

	}

	@Nested
	class PublicPaths {

		@Test
		void healthNeedsNoToken() {
			assertThat(call(HttpMethod.GET, "/health", null, null).status()).isEqualTo(200);
		}

	}

	private int contractsOf(long userId) {
		return this.jdbc.queryForObject("SELECT count(*) FROM contracts WHERE user_id = ?", Integer.class, userId);
	}

	private static String purchaseBody(long userId) {
		return "{\"user_id\": " + userId + ", \"widget_id\": \"sample_offer\"}";
	}

	private static void assertUnauthorized(Response response) {
		ProductHttp.assertProblem(response, 401, "unauthorized");
		assertThat(response.headers().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
	}

	private static void assertForeignUser(Response response) {
		ProductHttp.assertProblem(response, 403, "foreign-user");
	}

	private Response call(HttpMethod method, String path, @Nullable String token, @Nullable String body) {
		return this.http.call(method, path, token, body);
	}

}
