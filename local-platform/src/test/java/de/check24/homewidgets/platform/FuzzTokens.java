package de.check24.homewidgets.platform;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Tokens for the API fuzzer, valid and broken: users' HS256 tokens as the local core
 * verifies them (the platform's {@code HOME_JWT_SECRET}, the dev issuer), and the core's
 * ES256 tokens for products, signed with the first key of the platform's
 * {@code HOME_SERVICE_SIGNING_KEYS}.
 */
final class FuzzTokens {

	private static final ObjectMapper json = new ObjectMapper();

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private final byte[] userSecret;

	private final PrivateKey coreKey;

	private final String coreKeyId;

	private final Random random;

	FuzzTokens(PlatformSecrets secrets, Random random) {
		this.userSecret = secrets.jwtSecret().getBytes(StandardCharsets.UTF_8);
		this.random = random;
		try {
			JsonNode key = json.readTree(secrets.serviceSigningKeys()).path("keys").get(0);
			this.coreKeyId = key.path("kid").asText();
			AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
			parameters.init(new ECGenParameterSpec("secp256r1"));
			this.coreKey = KeyFactory.getInstance("EC")
				.generatePrivate(
						new ECPrivateKeySpec(new BigInteger(1, Base64.getUrlDecoder().decode(key.path("d").asText())),
								parameters.getParameterSpec(ECParameterSpec.class)));
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot read the platform's signing key", ex);
		}
	}

	/** A user token the core accepts. */
	String user(long userId) {
		return hs256(userClaims(String.valueOf(userId), 3600), this.userSecret);
	}

	/**
	 * A user token the core must refuse, or one at its edges.
	 * @return a description and the {@code Authorization} header value
	 */
	String[] brokenUser(long userId) {
		long now = Instant.now().getEpochSecond();
		return switch (this.random.nextInt(12)) {
			case 0 -> pair("expired", bearer(hs256(userClaims(String.valueOf(userId), -120), this.userSecret)));
			case 1 -> pair("wrong issuer",
					bearer(hs256(userClaims(String.valueOf(userId), 600).put("iss", "someone-else"), this.userSecret)));
			case 2 -> pair("wrong audience",
					bearer(hs256(userClaims(String.valueOf(userId), 600).put("aud", "elsewhere"), this.userSecret)));
			case 3 -> pair("foreign secret", bearer(hs256(userClaims(String.valueOf(userId), 600),
					"another-secret-of-at-least-32-bytes-length".getBytes(StandardCharsets.UTF_8))));
			case 4 -> pair("alg none", bearer(unsigned(userClaims(String.valueOf(userId), 600))));
			case 5 -> pair("non-numeric sub",
					bearer(hs256(userClaims(FuzzValues.garbage(this.random), 600), this.userSecret)));
			case 6 ->
				pair("no exp", bearer(hs256(userClaims(String.valueOf(userId), 600).without("exp"), this.userSecret)));
			case 7 -> pair("lifetime over 24 h", bearer(
					hs256(userClaims(String.valueOf(userId), 600).put("exp", now + 3 * 86_400), this.userSecret)));
			case 8 -> pair("nbf in the future",
					bearer(hs256(userClaims(String.valueOf(userId), 600).put("nbf", now + 3600), this.userSecret)));
			case 9 -> pair("other scheme", FuzzValues.pick(this.random, List.of("Basic dXNlcjpwYXNz", "Bearer",
					"Bearer ", "bearer " + user(userId), "Token " + user(userId), "Bearer  " + user(userId) + " x")));
			case 10 -> pair("sub out of range",
					bearer(hs256(
							userClaims(FuzzValues.pick(this.random,
									List.of("0", "-1", "9223372036854775808", "1.5", "", " 7")), 600),
							this.userSecret)));
			default -> pair("garbage", "Bearer " + FuzzValues.garbage(this.random));
		};
	}

	/** The core's token for a product, as the core signs it. */
	String core(String productKey, Long userId) {
		return es256(coreClaims(productKey, userId, 60));
	}

	/**
	 * A product token the product must refuse.
	 * @return a description and the {@code Authorization} header value
	 */
	String[] brokenCore(String productKey, Long userId, List<String> productKeys) {
		long now = Instant.now().getEpochSecond();
		return switch (this.random.nextInt(9)) {
			case 0 -> pair("another product's audience",
					bearer(es256(coreClaims(
							productKeys.stream().filter((key) -> !key.equals(productKey)).findFirst().orElse("x"),
							userId, 60))));
			case 1 -> pair("expired", bearer(es256(coreClaims(productKey, userId, 60).put("exp", now - 120))));
			case 2 -> pair("lifetime over 5 min", bearer(es256(coreClaims(productKey, userId, 600))));
			case 3 -> pair("wrong issuer",
					bearer(es256(coreClaims(productKey, userId, 60).put("iss", "home-widgets-local-dev"))));
			case 4 -> pair("HS256", bearer(hs256(coreClaims(productKey, userId, 60), this.userSecret)));
			case 5 -> pair("no iat", bearer(es256(coreClaims(productKey, userId, 60).without("iat"))));
			case 6 -> pair("non-numeric sub",
					bearer(es256(coreClaims(productKey, null, 60).put("sub", FuzzValues.garbage(this.random)))));
			case 7 -> pair("alg none", bearer(unsigned(coreClaims(productKey, userId, 60))));
			default -> pair("garbage", "Bearer " + FuzzValues.garbage(this.random));
		};
	}

	static String bearer(String token) {
		return "Bearer " + token;
	}

	private static String[] pair(String description, String header) {
		return new String[] { description, header };
	}

	private ObjectNode userClaims(String subject, long lifetimeSeconds) {
		long now = Instant.now().getEpochSecond();
		return json.createObjectNode()
			.put("iss", DemoTokens.ISSUER)
			.put("aud", DemoTokens.AUDIENCE)
			.put("sub", subject)
			.put("iat", now)
			.put("exp", now + lifetimeSeconds);
	}

	private ObjectNode coreClaims(String productKey, Long userId, long lifetimeSeconds) {
		long now = Instant.now().getEpochSecond();
		ObjectNode claims = json.createObjectNode()
			.put("iss", "home-core")
			.put("aud", productKey)
			.put("iat", now)
			.put("exp", now + lifetimeSeconds);
		if (userId != null) {
			claims.put("sub", String.valueOf(userId));
		}
		return claims;
	}

	private static String hs256(ObjectNode claims, byte[] secret) {
		String input = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + encode(claims.toString());
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret, "HmacSHA256"));
			return input + "." + BASE64URL.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String es256(ObjectNode claims) {
		String input = encode("{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"" + this.coreKeyId + "\"}") + "."
				+ encode(claims.toString());
		try {
			Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
			signature.initSign(this.coreKey);
			signature.update(input.getBytes(StandardCharsets.US_ASCII));
			return input + "." + BASE64URL.encodeToString(signature.sign());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String unsigned(ObjectNode claims) {
		return encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + encode(claims.toString()) + ".";
	}

	private static String encode(String text) {
		return BASE64URL.encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

}
