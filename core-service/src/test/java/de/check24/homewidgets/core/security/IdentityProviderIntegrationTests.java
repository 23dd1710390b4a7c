package de.check24.homewidgets.core.security;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import de.check24.homewidgets.core.support.CoreReplicas;
import de.check24.homewidgets.core.support.StubProducts;
import de.check24.homewidgets.core.support.TestProducts;
import de.check24.homewidgets.core.support.Tokens;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Production's identity: an identity provider's JWK set ({@code HOME_JWT_JWK_SET_URI})
 * instead of the shared secret, served here by a JDK HTTP server. The algorithm is left
 * at its default, as an operator who only sets the URI would.
 */
class IdentityProviderIntegrationTests {

	private static final RSAKey identityProvider = newKey("identity-provider-1");

	private static HttpServer jwks;

	private static ConfigurableApplicationContext core;

	@BeforeAll
	static void startTheIdentityProviderAndACore() throws IOException {
		jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		jwks.createContext("/.well-known/jwks.json", (exchange) -> {
			byte[] body = new JWKSet(identityProvider.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		jwks.start();
		core = CoreReplicas.start(Map.of("home.security.jwt.jwk-set-uri",
				"http://127.0.0.1:" + jwks.getAddress().getPort() + "/.well-known/jwks.json"));
	}

	@AfterAll
	static void stop() {
		core.close();
		jwks.stop(0);
	}

	@Test
	void personalisesTheHomeForTheProvidersToken() {
		HttpResponse<String> home = CoreReplicas.http(core)
			.get("/home", "Authorization", "Bearer " + sign(identityProvider, "31337"));

		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(home.body()).contains("sdui:home_page:v1:{user:31337}");
		assertThat(StubProducts.shared().get(TestProducts.CAR_INSURANCE).userIds()).contains("31337");
	}

	@Test
	void refusesATokenOfAnotherKeyAndOneSignedWithTheOldSharedSecret() {
		for (String token : new String[] { sign(newKey("identity-provider-1"), "31338"), Tokens.forUser(31338) }) {
			HttpResponse<String> home = CoreReplicas.http(core).get("/home", "Authorization", "Bearer " + token);

			assertThat(home.statusCode()).isEqualTo(401);
			assertThat(home.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		}
	}

	private static String sign(RSAKey key, String subject) {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject)
			.issuer(Tokens.ISSUER)
			.audience(Tokens.AUDIENCE)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
		try {
			jwt.sign(new RSASSASigner(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	private static RSAKey newKey(String keyId) {
		try {
			return new RSAKeyGenerator(2048).keyID(keyId).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
