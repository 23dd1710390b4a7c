package de.check24.homewidgets.load;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs user tokens the way the local platform's dev tokens are signed (HS256 with the
 * platform's {@code HOME_JWT_SECRET}, issuer {@value #ISSUER}, audience
 * {@value #AUDIENCE}), so a load test can sign in as many distinct users as it needs.
 */
public final class UserTokens {

	public static final String ISSUER = "home-widgets-local-dev";

	public static final String AUDIENCE = "home-widgets";

	/** Well below the core's 24 h maximum lifetime. */
	static final Duration LIFETIME = Duration.ofHours(2);

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private static final String HEADER = BASE64URL
		.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

	private final SecretKeySpec key;

	public UserTokens(String secret) {
		if (secret == null || secret.isBlank()) {
			throw new IllegalArgumentException("The platform's HOME_JWT_SECRET is needed to sign user tokens");
		}
		this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
	}

	/**
	 * A token for one user.
	 * @param userId the user, the token's subject
	 * @param now when it is issued
	 * @return the signed compact JWT
	 */
	public String forUser(long userId, Instant now) {
		String claims = "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"" + userId + "\",\"iat\":"
				+ now.getEpochSecond() + ",\"exp\":" + now.plus(LIFETIME).getEpochSecond() + "}";
		String signingInput = HEADER + "." + BASE64URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
		return signingInput + "." + BASE64URL.encodeToString(sign(signingInput));
	}

	public String forUser(long userId) {
		return forUser(userId, Instant.now());
	}

	private byte[] sign(String signingInput) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 unavailable", ex);
		}
	}

}
