package de.check24.homewidgets.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The credentials of one platform run (issue 9), taken from the environment where it sets
 * them and generated otherwise. They are generated again at every start and live only in
 * the services' environment: nothing the platform keeps depends on them, so a restart
 * only means new demo tokens.
 *
 * @param jwtSecret the core's HS256 secret for user tokens ({@code HOME_JWT_SECRET})
 * @param serviceSigningKeys the JWK set whose first EC P-256 key the core signs its calls
 * to products with; every replica gets the same ({@code HOME_SERVICE_SIGNING_KEYS})
 * @param serviceTokens each product's credential towards the core by product key: the
 * product's {@code CORE_SERVICE_TOKEN}, the core's {@code <KEY>_SERVICE_TOKEN}
 */
record PlatformSecrets(String jwtSecret, String serviceSigningKeys, Map<String, String> serviceTokens) {

	private static final SecureRandom random = new SecureRandom();

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	static PlatformSecrets from(Map<String, String> environment, List<PlatformProduct> products) {
		Map<String, String> tokens = new LinkedHashMap<>();
		for (PlatformProduct product : products) {
			tokens.put(product.key(), valueOr(environment, product.variablePrefix() + "_SERVICE_TOKEN", 32));
		}
		String signingKeys = environment.get("HOME_SERVICE_SIGNING_KEYS");
		return new PlatformSecrets(valueOr(environment, "HOME_JWT_SECRET", 48),
				(signingKeys == null || signingKeys.isBlank()) ? ecSigningKeySet() : signingKeys, Map.copyOf(tokens));
	}

	/**
	 * Writes the user-token secret to a file only its owner can read
	 * ({@code HOME_JWT_SECRET=...}, 0600), so tools such as the load tests can sign
	 * tokens for many users of the running platform. The platform deletes it when it
	 * stops.
	 * @param file e.g. {@code .local-platform/secrets.env}
	 */
	void writeUserTokenSecret(Path file) {
		try {
			Files.deleteIfExists(file);
			// created with its permissions, never readable by others for an instant
			Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			Files.writeString(file,
					"# the running local platform's secret for user tokens; deleted when it stops\n"
							+ "HOME_JWT_SECRET=" + this.jwtSecret + "\n",
					StandardCharsets.UTF_8, StandardOpenOption.WRITE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write " + file, ex);
		}
	}

	String serviceToken(PlatformProduct product) {
		return this.serviceTokens.get(product.key());
	}

	/** A random value of the given number of bytes, base64url-encoded. */
	static String randomValue(int bytes) {
		byte[] value = new byte[bytes];
		random.nextBytes(value);
		return BASE64URL.encodeToString(value);
	}

	private static String valueOr(Map<String, String> environment, String name, int randomBytes) {
		String value = environment.get(name);
		return (value == null || value.isBlank()) ? randomValue(randomBytes) : value;
	}

	/** A JWK set with one EC P-256 key pair (RFC 7518 section 6.2) for ES256. */
	private static String ecSigningKeySet() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"), random);
			KeyPair pair = generator.generateKeyPair();
			ECPublicKey publicKey = (ECPublicKey) pair.getPublic();
			ECPrivateKey privateKey = (ECPrivateKey) pair.getPrivate();
			return "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"use\":\"sig\",\"alg\":\"ES256\",\"kid\":\"local-"
					+ randomValue(6) + "\",\"x\":\"" + coordinate(publicKey.getW().getAffineX()) + "\",\"y\":\""
					+ coordinate(publicKey.getW().getAffineY()) + "\",\"d\":\"" + coordinate(privateKey.getS())
					+ "\"}]}";
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("This JVM cannot generate EC P-256 keys", ex);
		}
	}

	/** A P-256 field element as JWK wants it: 32 bytes, big-endian, base64url. */
	static String coordinate(BigInteger value) {
		byte[] bytes = value.toByteArray();
		byte[] fixed = new byte[32];
		int length = Math.min(bytes.length, 32);
		System.arraycopy(bytes, bytes.length - length, fixed, 32 - length, length);
		return BASE64URL.encodeToString(fixed);
	}

	@Override
	public String toString() {
		// never print the secrets themselves
		return "PlatformSecrets[" + this.serviceTokens.size() + " service tokens]";
	}

}
