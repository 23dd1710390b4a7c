package de.check24.homewidgets.sample;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import de.check24.homewidgets.infrastructure.EmbeddedInfrastructure;
import de.check24.homewidgets.infrastructure.LocalPostgres;
import de.check24.homewidgets.product.CoreTokens;
import de.check24.homewidgets.sdui.WidgetJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spec's scenario 5: the product database goes away. Every endpoint answers a 503
 * problem quickly; nothing answers a 500 or a stack trace. Runs on a PostgreSQL of its
 * own so that no other test loses its database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "product.core.base-url=http://127.0.0.1:9")
@TestPropertySource(locations = "classpath:sample/sample-product.properties")
@ActiveProfiles("local")
@DirtiesContext
class DatabaseOutageIntegrationTests {

	private static final LocalPostgres postgres = LocalPostgres.start(0, null);

	private static boolean postgresRunning = true;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		String url = postgres.createDatabase("sample_db");
		registry.add("spring.datasource.url", () -> url);
		registry.add("spring.datasource.username", () -> LocalPostgres.USER);
		registry.add("spring.datasource.password", () -> LocalPostgres.PASSWORD);
		EmbeddedInfrastructure.kafka(registry);
		CoreTokens.register(registry);
	}

	@AfterAll
	static void stopPostgres() {
		stopDatabase();
	}

	@Test
	void answersServiceUnavailableFromEveryEndpointOnceTheDatabaseIsGone() {
		RestClient http = RestClient.builder()
			.baseUrl("http://127.0.0.1:" + this.port)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
		assertThat(http.get()
			.uri("/widget/sample")
			.header("Authorization", "Bearer " + CoreTokens.shared().anonymous("sample"))
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()
			.value()).isEqualTo(200);

		stopDatabase();

		assertUnavailable(http, HttpMethod.GET, "/widget/sample?user_id=123", 123, null);
		assertUnavailable(http, HttpMethod.POST, "/widget/sample/contract", 5,
				"{\"user_id\": 5, \"widget_id\": \"sample_offer\"}");
		assertUnavailable(http, HttpMethod.GET, "/widget/sample/contract/5", 5, null);
		assertUnavailable(http, HttpMethod.DELETE, "/widget/sample/contract/5/sample_offer", 5, null);
		assertThat(http.get().uri("/health").retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(503);
	}

	private static void assertUnavailable(RestClient http, HttpMethod method, String path, long userId, String body) {
		long started = System.nanoTime();
		RestClient.RequestBodySpec request = http.method(method)
			.uri(path)
			.header("Authorization", "Bearer " + CoreTokens.shared().forUser("sample", userId));
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		var response = request.retrieve().toEntity(String.class);

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
		assertThat(response.getStatusCode().value()).as("%s %s: %s", method, path, response.getBody()).isEqualTo(503);
		assertThat(response.getHeaders().getContentType())
			.matches(MediaType.APPLICATION_PROBLEM_JSON::isCompatibleWith);
		JsonNode problem = read(response.getBody());
		assertThat(problem.path("type").asText())
			.isEqualTo("https://homewidgets.check24.de/problems/database-unavailable");
		assertThat(response.getBody()).doesNotContain("Exception");
	}

	private static JsonNode read(String body) {
		try {
			return WidgetJson.newMapper().readTree(body);
		}
		catch (Exception ex) {
			throw new AssertionError("Not JSON: " + body, ex);
		}
	}

	private static synchronized void stopDatabase() {
		if (postgresRunning) {
			postgresRunning = false;
			postgres.close();
		}
	}

}
