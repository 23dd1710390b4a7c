package de.check24.homewidgets.platform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs HS256 tokens for the demo users with the secret the local core verifies, with the
 * claims of the design's dev tokens: issuer {@value #ISSUER} (accepted only by a core in
 * the {@code local} profile), audience {@value #AUDIENCE}.
 */
final class DemoTokens {

	static final String ISSUER = "home-widgets-local-dev";

	static final String AUDIENCE = "home-widgets";

	static final Duration LIFETIME = Duration.ofHours(12);

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private final byte[] secret;

	DemoTokens(String secret) {
		this.secret = secret.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * A token for a user, valid for {@link #LIFETIME}.
	 * @param userId the user, the token's subject
	 * @return the signed token
	 */
	String forUser(long userId) {
		Instant now = Instant.now();
		String header = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
		String claims = encode("{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"" + userId
				+ "\",\"iat\":" + now.getEpochSecond() + ",\"exp\":" + now.plus(LIFETIME).getEpochSecond() + "}");
		String signingInput = header + "." + claims;
		return signingInput + "." + BASE64URL.encodeToString(hmac(signingInput));
	}

	private byte[] hmac(String signingInput) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.secret, "HmacSHA256"));
			return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 unavailable", ex);
		}
	}

	private static String encode(String json) {
		return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
