package de.check24.homewidgets.product;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Plays the core's signing side: an EC P-256 key whose public half a real HTTP server
 * publishes as {@code /.well-known/jwks.json}, and tokens signed with it the way the core
 * signs them per call (ES256, {@code kid}, {@code iss=home-core}, {@code aud}=product,
 * {@code sub}=user, 60 s). Attack tests build tokens that break one rule at a time.
 */
public final class CoreTokens {

	public static final String ISSUER = "home-core";

	private static CoreTokens shared;

	private final ECKey key;

	private final HttpServer server;

	private CoreTokens() {
		this.key = newKey("core-test-key");
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		byte[] keys = new JWKSet(this.key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
		this.server.createContext("/.well-known/jwks.json", (exchange) -> {
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, keys.length);
			exchange.getResponseBody().write(keys);
			exchange.close();
		});
		this.server.start();
	}

	/**
	 * The JVM-wide signer, its key server started on first use.
	 * @return the signer
	 */
	public static synchronized CoreTokens shared() {
		if (shared == null) {
			shared = new CoreTokens();
		}
		return shared;
	}

	/**
	 * Points the product at this signer's key set.
	 * @param registry where the property goes
	 */
	public static void register(DynamicPropertyRegistry registry) {
		registry.add("product.core-token.jwk-set-uri", shared()::jwkSetUri);
	}

	public String jwkSetUri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/.well-known/jwks.json";
	}

	/**
	 * The token the core sends when it acts for a user.
	 * @param product the product key (audience)
	 * @param userId the user (subject)
	 * @return the compact JWT
	 */
	public String forUser(String product, long userId) {
		return sign(claims(product).subject(String.valueOf(userId)).build());
	}

	/**
	 * The token the core sends for the anonymous home: no subject.
	 * @param product the product key (audience)
	 * @return the compact JWT
	 */
	public String anonymous(String product) {
		return sign(claims(product).build());
	}

	/**
	 * Claims exactly as the core sets them, to change one at a time.
	 * @param product the audience
	 * @return iss, aud, iat = now, exp = now + 60 s, a jti
	 */
	public static JWTClaimsSet.Builder claims(String product) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(ISSUER)
			.audience(product)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofSeconds(60))))
			.jwtID(UUID.randomUUID().toString());
	}

	/**
	 * Signs with the core's key.
	 * @param claims the claims
	 * @return the compact JWT
	 */
	public String sign(JWTClaimsSet claims) {
		return signWith(this.key, claims);
	}

	/**
	 * Signs with any EC key, e.g. one the core never published.
	 * @param key the private key
	 * @param claims the claims
	 * @return the compact JWT
	 */
	public static String signWith(ECKey key, JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
					claims);
			jwt.sign(new ECDSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Signs with a shared secret (HS256), as the repository's old default secret would.
	 * @param secret at least 32 bytes
	 * @param claims the claims
	 * @return the compact JWT
	 */
	public static String signWithSecret(String secret, JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("core-test-key").build(),
					claims);
			jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A fresh EC P-256 key.
	 * @param keyId its {@code kid}
	 * @return the key pair as a JWK
	 */
	public static ECKey newKey(String keyId) {
		try {
			return new ECKeyGenerator(Curve.P_256).keyID(keyId).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
