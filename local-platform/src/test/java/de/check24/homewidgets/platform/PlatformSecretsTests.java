package de.check24.homewidgets.platform;

import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class PlatformSecretsTests {

	private static final ObjectMapper json = new ObjectMapper();

	private static final List<PlatformProduct> PRODUCTS = PlatformProduct.byConvention(PlatformProduct.DEFAULT_KEYS,
			Map.of(), Path.of("/checkout"), 8001, 9001);

	@Test
	void generatesNewSecretsForEveryRunAndOneTokenPerProduct() {
		PlatformSecrets first = PlatformSecrets.from(Map.of(), PRODUCTS);
		PlatformSecrets second = PlatformSecrets.from(Map.of(), PRODUCTS);

		assertThat(first.jwtSecret()).isNotEqualTo(second.jwtSecret()).hasSizeGreaterThanOrEqualTo(43);
		assertThat(first.serviceSigningKeys()).isNotEqualTo(second.serviceSigningKeys());
		assertThat(first.serviceTokens()).containsOnlyKeys(PlatformProduct.DEFAULT_KEYS);
		assertThat(first.serviceTokens().values()).doesNotHaveDuplicates()
			.doesNotContain("local-dev-service-token")
			.allMatch((token) -> token.length() >= 43);
		assertThat(first.toString()).doesNotContain(first.jwtSecret());
	}

	@Test
	void writesTheUserTokenSecretForItsOwnerOnly(@TempDir Path home) throws IOException {
		PlatformSecrets secrets = PlatformSecrets.from(Map.of(), PRODUCTS);
		Path file = home.resolve("secrets.env");
		Files.writeString(file, "HOME_JWT_SECRET=an-earlier-run");

		secrets.writeUserTokenSecret(file);

		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		Properties written = new Properties();
		try (Reader in = Files.newBufferedReader(file)) {
			written.load(in);
		}
		assertThat(written).containsOnlyKeys("HOME_JWT_SECRET");
		assertThat(written.getProperty("HOME_JWT_SECRET")).isEqualTo(secrets.jwtSecret());
	}

	@Test
	void takesWhatTheEnvironmentSets() {
		PlatformSecrets secrets = PlatformSecrets.from(Map.of("HOME_JWT_SECRET", "operator-secret",
				"HOME_SERVICE_SIGNING_KEYS", "{\"keys\":[]}", "BANKING_SERVICE_TOKEN", "banking-credential"), PRODUCTS);

		assertThat(secrets.jwtSecret()).isEqualTo("operator-secret");
		assertThat(secrets.serviceSigningKeys()).isEqualTo("{\"keys\":[]}");
		assertThat(secrets.serviceToken(PRODUCTS.get(3))).isEqualTo("banking-credential");
		assertThat(secrets.serviceToken(PRODUCTS.get(0))).isNotEqualTo("banking-credential");
	}

	@Test
	void theSigningKeyIsAnEcP256KeyPairThatSignsAndVerifiesES256() throws Exception {
		JsonNode key = json.readTree(PlatformSecrets.from(Map.of(), PRODUCTS).serviceSigningKeys()).get("keys").get(0);
		assertThat(key.get("kty").asText()).isEqualTo("EC");
		assertThat(key.get("crv").asText()).isEqualTo("P-256");
		assertThat(key.get("alg").asText()).isEqualTo("ES256");
		assertThat(key.get("kid").asText()).startsWith("local-");

		AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
		parameters.init(new ECGenParameterSpec("secp256r1"));
		ECParameterSpec p256 = parameters.getParameterSpec(ECParameterSpec.class);
		KeyFactory factory = KeyFactory.getInstance("EC");
		PrivateKey privateKey = factory.generatePrivate(new ECPrivateKeySpec(number(key, "d"), p256));
		PublicKey publicKey = factory
			.generatePublic(new ECPublicKeySpec(new ECPoint(number(key, "x"), number(key, "y")), p256));
		byte[] message = "header.claims".getBytes(StandardCharsets.US_ASCII);
		Signature signer = Signature.getInstance("SHA256withECDSA");
		signer.initSign(privateKey);
		signer.update(message);
		byte[] signature = signer.sign();
		Signature verifier = Signature.getInstance("SHA256withECDSA");
		verifier.initVerify(publicKey);
		verifier.update(message);
		assertThat(verifier.verify(signature)).as("the public part belongs to the private key").isTrue();
	}

	@Test
	void demoTokensCarryTheDevIssuerAndAudienceForTwelveHours() throws Exception {
		String token = new DemoTokens("secret-of-this-run").forUser(123);
		String[] parts = token.split("\\.");
		JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));

		assertThat(json.readTree(Base64.getUrlDecoder().decode(parts[0])).get("alg").asText()).isEqualTo("HS256");
		assertThat(claims.get("iss").asText()).isEqualTo("home-widgets-local-dev");
		assertThat(claims.get("aud").asText()).isEqualTo("home-widgets");
		assertThat(claims.get("sub").asText()).isEqualTo("123");
		assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(Duration.ofHours(12).toSeconds());
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec("secret-of-this-run".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		assertThat(Base64.getUrlDecoder().decode(parts[2]))
			.isEqualTo(mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII)));
	}

	private static BigInteger number(JsonNode key, String field) {
		byte[] bytes = Base64.getUrlDecoder().decode(key.get(field).asText());
		assertThat(bytes).as(field + " has 32 bytes").hasSize(32);
		return new BigInteger(1, bytes);
	}

}
