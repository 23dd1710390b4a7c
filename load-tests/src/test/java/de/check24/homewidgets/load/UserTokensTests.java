package de.check24.homewidgets.load;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class UserTokensTests {

	private static final String SECRET = "a-platform-secret-of-the-right-length-0123456789";

	@Test
	void signsWithTheSecretAndTheLocalDevClaimsTheCoreAccepts() throws Exception {
		Instant now = Instant.parse("2026-11-28T10:00:00Z");

		String token = new UserTokens(SECRET).forUser(10_200_003, now);

		String[] parts = token.split("\\.");
		assertThat(parts).hasSize(3);
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		byte[] expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
		assertThat(Base64.getUrlDecoder().decode(parts[2])).isEqualTo(expected);
		JsonNode header = json(parts[0]);
		JsonNode claims = json(parts[1]);
		assertThat(header.path("alg").asText()).isEqualTo("HS256");
		assertThat(claims.path("iss").asText()).isEqualTo("home-widgets-local-dev");
		assertThat(claims.path("aud").asText()).isEqualTo("home-widgets");
		assertThat(claims.path("sub").asText()).isEqualTo("10200003");
		assertThat(claims.path("iat").asLong()).isEqualTo(now.getEpochSecond());
		// the core refuses tokens that live longer than 24 h
		assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isPositive().isLessThanOrEqualTo(86_400);
	}

	@Test
	void differentUsersGetDifferentTokens() {
		UserTokens tokens = new UserTokens(SECRET);
		Instant now = Instant.now();

		assertThat(tokens.forUser(1, now)).isNotEqualTo(tokens.forUser(2, now));
	}

	@Test
	void needsTheSecret() {
		assertThatIllegalArgumentException().isThrownBy(() -> new UserTokens(" "))
			.withMessageContaining("HOME_JWT_SECRET");
	}

	private static JsonNode json(String part) throws Exception {
		return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(part));
	}

}
