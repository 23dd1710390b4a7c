package de.check24.homewidgets.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import de.check24.homewidgets.infrastructure.EmbeddedInfrastructure;
import de.check24.homewidgets.product.CoreTokens;
import de.check24.homewidgets.sdui.ApiDocument;
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

	private static final Path CHECKED_IN = Path.of("..").resolve(ApiDocument.PRODUCT_SERVICE.sourcePath());

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

		assertThat(ApiDocument.unresolvedReferences(api)).isEmpty();

		Files.createDirectories(DOCUMENT.getParent());
		Files.writeString(DOCUMENT, ApiDocument.normalised(api));
	}

	/**
	 * Fails when the running product and the checked-in document diverge;
	 * {@code -Dopenapi.update=true} writes the served document instead.
	 */
	@Test
	void servesTheCheckedInDocument() throws IOException {
		String served = ApiDocument.normalised(RestClient.create("http://127.0.0.1:" + this.port)
			.get()
			.uri("/v3/api-docs")
			.retrieve()
			.body(JsonNode.class));

		if (Boolean.getBoolean("openapi.update")) {
			Files.writeString(CHECKED_IN, served);
		}
		String checkedIn = Files.exists(CHECKED_IN) ? Files.readString(CHECKED_IN) : "";
		assertThat(ApiDocument.firstDifferences(checkedIn, served))
			.as("%s differs from what a product serves at /v3/api-docs. If the change is intended, regenerate it "
					+ "with ./mvnw -pl product-service-support -am verify -DskipWeb "
					+ "-Dtest=de.check24.homewidgets.sample.ApiDocumentIntegrationTests "
					+ "-Dsurefire.failIfNoSpecifiedTests=false -Dopenapi.update=true and commit it",
					ApiDocument.PRODUCT_SERVICE.sourcePath())
			.isEmpty();
	}

}
