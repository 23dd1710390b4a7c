package de.check24.homewidgets.core.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;

import de.check24.homewidgets.core.support.CoreTestBase;
import de.check24.homewidgets.core.support.Tokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests the API fuzzer found answered by something else than a problem detail: a
 * wildcard {@code Content-Type} (a 500 from Spring MVC) and what Spring Security's
 * firewall refuses (the servlet container's error body).
 */
class RequestProblemsIntegrationTests extends CoreTestBase {

	@Test
	void answersAWildcardContentTypeWithAProblemNotAServerError() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + "/widget/car-insurance/contract"))
				.header("Authorization", "Bearer " + Tokens.forUser(123))
				.header("Content-Type", "application/*")
				.POST(HttpRequest.BodyPublishers.ofString("{\"user_id\": 123, \"widget_id\": \"car_offer\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertProblem(response, 415, "unsupported-media-type");
	}

	@Test
	void answersAFormBodyWhoseParameterTheFirewallRefusesWithAProblem() throws Exception {
		for (String path : List.of("/widget/car-insurance/contract", "/cache/invalidate")) {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + path))
					.header("Authorization", "Bearer " + Tokens.forUser(123))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString("\u0000"))
					.build(), HttpResponse.BodyHandlers.ofString());

			assertThat(response.statusCode()).as(path).isLessThan(500);
			assertThat(response.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
		}
	}

	@Test
	void answersAPathTheFirewallRefusesWithAProblem() {
		assertProblem(http.get("/home;jsessionid=x"), 400, "request-rejected");
		assertProblem(http.get("/user/1/../2/contracts", "Authorization", "Bearer " + Tokens.forUser(2)), 400,
				"request-rejected");
		assertProblem(http.request("TRACE", "/home"), 400, "request-rejected");
	}

}
