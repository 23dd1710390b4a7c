package de.check24.homewidgets.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import de.check24.homewidgets.infrastructure.EmbeddedInfrastructure;
import de.check24.homewidgets.product.CoreTokens;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product API's OpenAPI 3.1 document, read as a client team would (no token), and
 * written to {@code target/openapi/product-service.json} for the checked-in copy and the
 * fuzzer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(locations = "classpath:sample/sample-product.properties",
		properties = "product.core.base-url=http://127.0.0.1:9")
@ActiveProfiles("local")
class ApiDocumentIntegrationTests {

	private static final Path DOCUMENT = Path.of("target", "openapi", "product-service.json");

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		EmbeddedInfrastructure.postgres(registry, "sample_db");
		EmbeddedInfrastructure.kafka(registry);
		CoreTokens.register(registry);
	}

	@Test
	void describesEveryOperationItsTokenAndItsProblemsAndIsWrittenForClients() throws IOException {
		JsonNode api = RestClient.create("http://127.0.0.1:" + this.port)
			.get()
			.uri("/v3/api-docs")
			.retrieve()
			.body(JsonNode.class);

		assertThat(api.path("openapi").asText()).startsWith("3.1");
		assertThat(api.path("components").path("securitySchemes").path("coreToken").path("scheme").asText())
			.isEqualTo("bearer");
		JsonNode paths = api.path("paths");
		assertThat(paths.fieldNames()).toIterable()
			.contains("/widget/{serviceKey}", "/widget/{serviceKey}/contract", "/widget/{serviceKey}/contract/{userId}",
					"/widget/{serviceKey}/contract/{userId}/{widgetId}", "/health");
		JsonNode purchase = paths.path("/widget/{serviceKey}/contract").path("post").path("responses");
		assertThat(purchase.fieldNames()).toIterable().contains("201", "400", "401", "403", "404", "409", "503");
		assertThat(purchase.path("403").path("content").has("application/problem+json")).isTrue();
		assertThat(paths.path("/health").path("get").path("security")).isEmpty();
		assertThat(paths.path("/health").path("get").has("security")).isTrue();

		Files.createDirectories(DOCUMENT.getParent());
		Files.writeString(DOCUMENT,
				new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(api) + "\n");
	}

}
