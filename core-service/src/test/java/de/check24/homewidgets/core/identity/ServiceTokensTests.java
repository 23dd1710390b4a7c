package de.check24.homewidgets.core.identity;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import de.check24.homewidgets.core.support.FrozenClock;
import de.check24.homewidgets.core.support.TestSecrets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tokens the core signs for its calls to the products, checked as a product checks
 * them: with nothing but the JWK set the core publishes.
 */
class ServiceTokensTests {

	private static final Duration LIFETIME = Duration.ofSeconds(60);

	private final FrozenClock clock = FrozenClock.atAWholeSecond();

	private final Instant now = this.clock.instant();

	private final SigningKeys keys = SigningKeys.parse(TestSecrets.SIGNING_KEYS);

	private final ServiceTokens tokens = new ServiceTokens(this.keys, "home-core", LIFETIME, this.clock);

	@Test
	void namesTheCoreAsIssuerTheProductAsAudienceAndTheUserAsSubject() throws Exception {
		JWTClaimsSet claims = verified(this.tokens.forCall("car-insurance", 7L), this.keys).getJWTClaimsSet();

		assertThat(claims.getIssuer()).isEqualTo("home-core");
		assertThat(claims.getAudience()).containsExactly("car-insurance");
		assertThat(claims.getSubject()).isEqualTo("7");
	}

	@Test
	void leavesTheSubjectOutForTheAnonymousHome() throws Exception {
		JWTClaimsSet claims = verified(this.tokens.forCall("car-insurance", null), this.keys).getJWTClaimsSet();

		assertThat(claims.getSubject()).isNull();
		assertThat(claims.getClaims()).doesNotContainKey("sub");
		assertThat(claims.getAudience()).containsExactly("car-insurance");
	}

	@Test
	void isIssuedNowAndExpiresOneLifetimeLater() throws Exception {
		JWTClaimsSet claims = verified(this.tokens.forCall("banking", 7L), this.keys).getJWTClaimsSet();

		assertThat(claims.getIssueTime()).isEqualTo(Date.from(this.now));
		assertThat(claims.getExpirationTime()).isEqualTo(Date.from(this.now.plus(LIFETIME)));
		assertThat(claims.getNotBeforeTime()).isBeforeOrEqualTo(Date.from(this.now));
	}

	@Test
	void isSignedWithES256UnderTheSigningKeysId() throws Exception {
		SignedJWT token = SignedJWT.parse(this.tokens.forCall("car-insurance", 7L));

		assertThat(token.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
		assertThat(token.getHeader().getKeyID()).isEqualTo("test-only-never-deploy");
		assertThat(token.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
	}

	@Test
	void verifiesWithThePublishedKeysWhichHoldNoPrivatePart() throws Exception {
		JWKSet published = JWKSet.parse(this.keys.publicJwkSet());

		assertThat(published.getKeys()).singleElement().satisfies((key) -> {
			assertThat(key.isPrivate()).isFalse();
			assertThat(key.getKeyID()).isEqualTo("test-only-never-deploy");
		});
		assertThat(verified(this.tokens.forCall("car-insurance", 7L), this.keys)).isNotNull();
	}

	@Test
	void signsWithTheFirstKeyAndPublishesEveryKeyWhileRotating() throws Exception {
		ECKey next = new ECKeyGenerator(Curve.P_256).keyID("next").generate();
		SigningKeys rotating = SigningKeys.parse(new JWKSet(List.of(next, TestSecrets.signingKey())).toString(false));
		ServiceTokens signedWithNext = new ServiceTokens(rotating, "home-core", LIFETIME, this.clock);

		SignedJWT token = verified(signedWithNext.forCall("car-insurance", 7L), rotating);

		assertThat(token.getHeader().getKeyID()).isEqualTo("next");
		assertThat(JWKSet.parse(rotating.publicJwkSet()).getKeys()).extracting((key) -> key.getKeyID())
			.containsExactly("next", "test-only-never-deploy");
	}

	@Test
	void reusesATokenForTheSameProductAndUserWithinHalfItsLifetime() {
		String first = this.tokens.forCall("car-insurance", 7L);
		this.clock.advance(LIFETIME.dividedBy(2).minusSeconds(1));

		assertThat(this.tokens.forCall("car-insurance", 7L)).isEqualTo(first);
	}

	@Test
	void signsAnotherTokenForAnotherProductOrUser() {
		String carForSeven = this.tokens.forCall("car-insurance", 7L);

		assertThat(this.tokens.forCall("banking", 7L)).isNotEqualTo(carForSeven);
		assertThat(this.tokens.forCall("car-insurance", 8L)).isNotEqualTo(carForSeven);
		assertThat(this.tokens.forCall("car-insurance", null)).isNotEqualTo(carForSeven);
	}

	/**
	 * Verifies a token as a product does: by its kid, against the published keys only.
	 */
	private static SignedJWT verified(String compact, SigningKeys keys) throws ParseException, JOSEException {
		SignedJWT token = SignedJWT.parse(compact);
		ECKey key = (ECKey) JWKSet.parse(keys.publicJwkSet()).getKeyByKeyId(token.getHeader().getKeyID());
		assertThat(key).as("a published key with the token's kid").isNotNull();
		assertThat(token.verify(new ECDSAVerifier(key))).as("signature").isTrue();
		return token;
	}

}
