import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * Prints a JWK set with one new EC P-256 private key for HOME_SERVICE_SIGNING_KEYS (the core signs its calls to the
 * products with it). Needs only a JDK: {@code java deploy/NewSigningKeys.java}. For a rotation, put the new key
 * second in the existing set (see deploy/README.md).
 */
class NewSigningKeys {

	public static void main(String[] args) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
		var pair = generator.generateKeyPair();
		ECPublicKey publicKey = (ECPublicKey) pair.getPublic();
		ECPrivateKey privateKey = (ECPrivateKey) pair.getPrivate();
		byte[] kid = new byte[9];
		new SecureRandom().nextBytes(kid);
		System.out.printf(
				"{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"use\":\"sig\",\"alg\":\"ES256\",\"kid\":\"%s\",\"x\":\"%s\",\"y\":\"%s\",\"d\":\"%s\"}]}%n",
				base64Url(kid), coordinate(publicKey.getW().getAffineX()), coordinate(publicKey.getW().getAffineY()),
				coordinate(privateKey.getS()));
	}

	/** RFC 7518: P-256 coordinates and the private scalar are exactly 32 bytes, big-endian, unsigned. */
	private static String coordinate(BigInteger value) {
		byte[] bytes = value.toByteArray();
		byte[] fixed = new byte[32];
		int length = Math.min(bytes.length, 32);
		System.arraycopy(bytes, bytes.length - length, fixed, 32 - length, length);
		return base64Url(fixed);
	}

	private static String base64Url(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
