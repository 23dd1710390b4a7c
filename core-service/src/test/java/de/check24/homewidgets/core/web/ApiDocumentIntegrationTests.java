package de.check24.homewidgets.core.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import de.check24.homewidgets.core.support.CoreTestBase;
import de.check24.homewidgets.sdui.ApiDocument;
import de.check24.homewidgets.sdui.ContractSchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The core's OpenAPI 3.1 document, read as a client team would (no token), describes
 * every route, its tokens and problems, takes the home's schemas from the contract's JSON
 * Schema files, and is the one checked in for client teams.
 */
class ApiDocumentIntegrationTests extends CoreTestBase {

	private static final Path CHECKED_IN = Path.of("..").resolve(ApiDocument.CORE_SERVICE.sourcePath());

	@Test
	void describesEveryRouteWithItsTokenAndProblems() {
		JsonNode api = json(http.get("/v3/api-docs"));

		assertThat(api.path("openapi").asText()).startsWith("3.1");
		assertThat(ApiDocument.unresolvedReferences(api)).isEmpty();
		JsonNode paths = api.path("paths");
		assertThat(paths.fieldNames()).toIterable()
			.containsExactlyInAnyOrder("/home", "/user/{user_id}/contracts", "/widget/{service_key}/contract",
					"/widget/{service_key}/contract/{user_id}", "/widget/{service_key}/contract/{user_id}/{widget_id}",
					"/stream/ticket", "/stream/updates", "/cache/invalidate", "/health", "/.well-known/jwks.json");
		JsonNode schemes = api.path("components").path("securitySchemes");
		assertThat(schemes.path("userToken").path("scheme").asText()).isEqualTo("bearer");
		assertThat(schemes.path("serviceToken").path("name").asText()).isEqualTo("X-Service-Token");
		assertThat(paths.path("/cache/invalidate").path("post").path("security").get(0).has("serviceToken")).isTrue();

		JsonNode home = paths.path("/home").path("get").path("responses");
		assertThat(home.path("200").path("content").path("application/json").path("schema").path("$ref").asText())
			.isEqualTo("#/components/schemas/HomeResponse");
		assertThat(home.path("429").path("headers").fieldNames()).toIterable()
			.contains("Retry-After", "RateLimit", "RateLimit-Policy");
		assertThat(home.path("503").path("headers").has("Retry-After")).isTrue();
		JsonNode purchase = paths.path("/widget/{service_key}/contract").path("post").path("responses");
		assertThat(purchase.fieldNames()).toIterable()
			.contains("201", "400", "401", "403", "404", "409", "413", "429", "500", "503");
		assertThat(purchase.path("413")
			.path("content")
			.path("application/problem+json")
			.path("schema")
			.path("$ref")
			.asText()).isEqualTo("#/components/schemas/Problem");
		assertThat(paths.path("/stream/updates")
			.path("get")
			.path("responses")
			.path("200")
			.path("content")
			.has("text/event-stream")).isTrue();
		assertThat(api.path("components").path("schemas").fieldNames()).toIterable()
			.doesNotContain("Viewer", "Overview");
	}

	@Test
	void takesTheHomeAndWidgetSchemasFromTheContractsFiles() throws IOException {
		JsonNode schemas = json(http.get("/v3/api-docs")).path("components").path("schemas");

		for (ContractSchema file : List.of(ContractSchema.HOME_RESPONSE, ContractSchema.WIDGET,
				ContractSchema.USER_CONTRACTS)) {
			ObjectNode schema = (ObjectNode) this.objectMapper
				.readTree(ContractSchema.class.getResourceAsStream(file.resourcePath()));
			String title = schema.path("title").asText();
			assertThat(schemas.path(title).path("required")).as(title)
				.containsExactlyInAnyOrderElementsOf(schema.path("required"));
			assertThat(schemas.path(title).path("properties").fieldNames()).toIterable()
				.as(title)
				.containsExactlyInAnyOrderElementsOf(() -> schema.path("properties").fieldNames());
		}
		JsonNode widget = this.objectMapper
			.readTree(ContractSchema.class.getResourceAsStream(ContractSchema.WIDGET.resourcePath()));
		JsonNode purchase = schemas.path("Action").path("allOf").get(0);
		assertThat(purchase.path("if")).isEqualTo(widget.path("$defs").path("action").path("allOf").get(0).path("if"));
		assertThat(purchase.path("then").path("properties").path("path").path("$ref").asText())
			.isEqualTo("#/components/schemas/ContractRoute");
		assertThat(schemas.path("ContractRoute").path("pattern").asText())
			.isEqualTo("^/widget/[a-z][a-z0-9-]*/contract$");
		assertThat(
				schemas.path("ServiceSection").path("properties").path("widgets").path("items").path("$ref").asText())
			.isEqualTo("#/components/schemas/Widget");
	}

	/**
	 * Fails when the running core and the checked-in document diverge;
	 * {@code -Dopenapi.update=true} writes the served document instead.
	 */
	@Test
	void servesTheCheckedInDocument() throws IOException {
		String served = ApiDocument.normalised(json(http.get("/v3/api-docs")));

		if (Boolean.getBoolean("openapi.update")) {
			Files.writeString(CHECKED_IN, served);
		}
		String checkedIn = Files.exists(CHECKED_IN) ? Files.readString(CHECKED_IN) : "";
		assertThat(ApiDocument.firstDifferences(checkedIn, served))
			.as("%s differs from what the core serves at /v3/api-docs. If the change is intended, regenerate it with "
					+ "./mvnw -pl core-service -am verify -DskipWeb -Dtest=de.check24.homewidgets.core.web.ApiDocumentIntegrationTests "
					+ "-Dsurefire.failIfNoSpecifiedTests=false -Dopenapi.update=true and commit it",
					ApiDocument.CORE_SERVICE.sourcePath())
			.isEmpty();
	}

}
