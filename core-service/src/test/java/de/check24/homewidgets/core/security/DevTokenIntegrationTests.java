package de.check24.homewidgets.core.security;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import de.check24.homewidgets.core.support.CoreIntegrationTest;
import de.check24.homewidgets.core.support.HttpTestClient;
import de.check24.homewidgets.core.support.StubProducts;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /dev/token} in the {@code local} profile. That it is absent otherwise is
 * tested in {@link WebClientAccessIntegrationTests}.
 */
@CoreIntegrationTest
@ActiveProfiles("local")
class DevTokenIntegrationTests {

	private final ObjectMapper objectMapper = new ObjectMapper();

	@LocalServerPort
	int port;

	HttpTestClient http;

	@BeforeEach
	void client() {
		StubProducts.shared().reset();
		this.http = new HttpTestClient(this.port);
	}

	@Test
	void issuesATwelveHourTokenTheCoreAcceptsForThatUser() throws Exception {
		HttpResponse<String> response = this.http.get("/dev/token?user_id=123");

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = this.objectMapper.readTree(response.body());
		assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
		assertThat(body.path("user_id").asLong()).isEqualTo(123);
		assertThat(body.path("expires_in").asLong()).isEqualTo(12 * 3600);
		String token = body.path("access_token").asText();
		assertThat(token).isNotBlank();
		assertThat(this.http.get("/user/123/contracts", "Authorization", "Bearer " + token).statusCode())
			.isEqualTo(200);
		assertThat(this.http.get("/user/456/contracts", "Authorization", "Bearer " + token).statusCode())
			.isEqualTo(403);
	}

	@Test
	void rejectsAMissingOrInvalidUserIdWithAProblemDetail() {
		for (String query : new String[] { "", "?user_id=", "?user_id=0", "?user_id=-5", "?user_id=abc" }) {
			HttpResponse<String> response = this.http.get("/dev/token" + query);
			assertThat(response.statusCode()).as(query).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type")).as(query)
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		}
	}

}
