package de.check24.homewidgets.core.graphql;

import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import de.check24.homewidgets.core.products.Product;
import de.check24.homewidgets.core.support.CoreTestBase;
import de.check24.homewidgets.core.support.StubProduct;
import de.check24.homewidgets.core.support.Tokens;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fifth product, registered by configuration only, is a field of {@code Services} like
 * the four: the schema follows the products, no code names them. This core has a context
 * of its own, closed after these tests.
 */
@DirtiesContext
class FifthProductIntegrationTests extends CoreTestBase {

	private static final Product ELECTRICITY = new Product("electricity", "electricity", "Strom & Gas");

	private static final StubProduct electricity = new StubProduct(ELECTRICITY);

	@DynamicPropertySource
	static void fifthProduct(DynamicPropertyRegistry registry) {
		registry.add("home.products.order", () -> "car-insurance,health-insurance,house-insurance,banking,electricity");
		registry.add("home.products.catalog.electricity.base-url", electricity::baseUrl);
		registry.add("home.products.catalog.electricity.title", ELECTRICITY::title);
		registry.add("home.products.catalog.electricity.service-tokens",
				() -> "test-only-credential-of-electricity-3f9c2a");
		// its consumer would join the other tests' consumer group and take their events
		registry.add("home.events.enabled", () -> "false");
	}

	@AfterAll
	static void stopElectricity() {
		electricity.stop();
	}

	@BeforeEach
	void serveElectricity() {
		electricity.reset();
	}

	@Test
	void answersTheFifthProductsSectionUnderAFieldOfItsOwn() {
		HttpResponse<String> response = graphql("""
				{ services(userId: 123) {
				    electricity { name title widgets { id title pricing { price currency } } }
				    sections { name }
				} }""");

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode services = json(response).path("data").path("services");
		assertThat(services.path("electricity").path("title").asText()).isEqualTo("Strom & Gas");
		JsonNode first = services.path("electricity").path("widgets").get(0);
		assertThat(first.path("id").asText()).isEqualTo("electricity_v1_123_a");
		assertThat(first.path("title").asText()).isEqualTo(electricity.title(123L, "v1"));
		assertThat(first.path("pricing").path("price").asDouble()).isEqualTo(89.0);
		assertThat(services.path("sections")).extracting((section) -> section.path("name").asText())
			.containsExactly("car_insurance", "health_insurance", "house_insurance", "banking", "electricity");
		assertThat(electricity.userIds()).containsExactly("123");
	}

	@Test
	void describesTheFifthProductsFieldInTheSchema() {
		HttpResponse<String> response = graphql("{ __type(name: \"Services\") { fields { name description } } }");

		JsonNode fields = json(response).path("data").path("__type").path("fields");
		assertThat(fields).extracting((field) -> field.path("name").asText())
			.containsExactly("carInsurance", "healthInsurance", "houseInsurance", "banking", "electricity", "sections",
					"section", "provisional");
		assertThat(fields.get(4).path("description").asText()).isEqualTo("Strom & Gas: the electricity section");
	}

	private HttpResponse<String> graphql(String query) {
		try {
			return http.post("/graphql", this.objectMapper.writeValueAsString(Map.of("query", query)), "Authorization",
					"Bearer " + Tokens.forUser(123));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
