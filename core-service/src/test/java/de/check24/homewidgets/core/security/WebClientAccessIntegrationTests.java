package de.check24.homewidgets.core.security;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import de.check24.homewidgets.core.support.CoreIntegrationTest;
import de.check24.homewidgets.core.support.HttpTestClient;
import de.check24.homewidgets.core.support.StubProducts;
import de.check24.homewidgets.core.support.Tokens;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** What the browser-based web client needs from the core beyond the JSON itself. */
@CoreIntegrationTest
class WebClientAccessIntegrationTests {

	private static final String WEB_CLIENT = "http://localhost:5173";

	@LocalServerPort
	int port;

	HttpTestClient http;

	@BeforeEach
	void client() {
		StubProducts.shared().reset();
		this.http = new HttpTestClient(this.port);
	}

	@Nested
	class Cors {

		@Test
		void answersAPreflightForTheWebClientsOriginWithoutAToken() {
			HttpResponse<String> preflight = WebClientAccessIntegrationTests.this.http.request("OPTIONS",
					"/widget/car-insurance/contract", "Origin", WEB_CLIENT, "Access-Control-Request-Method", "POST",
					"Access-Control-Request-Headers", "authorization,content-type");

			assertThat(preflight.statusCode()).isEqualTo(200);
			assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(WEB_CLIENT);
			assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods"))
				.hasValueSatisfying((methods) -> assertThat(methods).contains("GET", "POST", "DELETE"));
			assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(
					(headers) -> assertThat(headers.toLowerCase()).contains("authorization", "content-type"));
		}

		@Test
		void letsTheWebClientReadTheHomeAndItsETag() {
			HttpResponse<String> home = WebClientAccessIntegrationTests.this.http.get("/home", "Origin", WEB_CLIENT,
					"Authorization", "Bearer " + Tokens.forUser(123));

			assertThat(home.statusCode()).isEqualTo(200);
			assertThat(home.headers().firstValue("Access-Control-Allow-Origin")).hasValue(WEB_CLIENT);
			assertThat(home.headers().firstValue("Access-Control-Expose-Headers"))
				.hasValueSatisfying((exposed) -> assertThat(exposed).contains("ETag"));
		}

		@Test
		void refusesOtherOrigins() {
			HttpResponse<String> preflight = WebClientAccessIntegrationTests.this.http.request("OPTIONS", "/home",
					"Origin", "https://evil.example", "Access-Control-Request-Method", "GET");

			assertThat(preflight.statusCode()).isEqualTo(403);
			assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		}

	}

	@Nested
	class DevToken {

		@Test
		void doesNotExistOutsideTheLocalProfile() {
			HttpResponse<String> response = WebClientAccessIntegrationTests.this.http.get("/dev/token?user_id=123");

			assertThat(response.statusCode()).isEqualTo(404);
			assertThat(response.body()).doesNotContain("access_token");
		}

	}

}
