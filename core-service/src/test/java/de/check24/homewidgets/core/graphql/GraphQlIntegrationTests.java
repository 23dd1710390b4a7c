package de.check24.homewidgets.core.graphql;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import graphql.introspection.IntrospectionQuery;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import de.check24.homewidgets.core.products.Product;
import de.check24.homewidgets.core.support.CoreTestBase;
import de.check24.homewidgets.core.support.StubProduct;
import de.check24.homewidgets.core.support.TestProducts;
import de.check24.homewidgets.core.support.Tokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /graphql}: the home page in the fields a client asks for, from the same
 * pages as {@code GET /home} and under the same identity rules.
 */
class GraphQlIntegrationTests extends CoreTestBase {

	/** The technical concept's Phase 4 example, as written there. */
	static final String EXAMPLE_QUERY = """
			query HomeWidgets {
			  services(userId: 123) {
			    carInsurance {
			      widgets {
			        id
			        title
			        pricing { price currency }
			      }
			    }
			  }
			}""";

	private static final Product CAR = TestProducts.CAR_INSURANCE;

	@Nested
	class ExampleQuery {

		@Test
		void answersTheTokensUserWithTheChosenFieldsOfTheirCarInsuranceWidgets() {
			HttpResponse<String> response = graphql(EXAMPLE_QUERY, 123L);

			assertThat(response.statusCode()).isEqualTo(200);
			JsonNode answer = json(response);
			assertThat(answer.has("errors")).isFalse();
			JsonNode widgets = answer.path("data").path("services").path("carInsurance").path("widgets");
			assertThat(widgets).hasSize(2);
			JsonNode first = widgets.get(0);
			assertThat(first.path("id").asText()).isEqualTo("car-insurance_v1_123_a");
			assertThat(first.path("title").asText()).isEqualTo(stub(CAR).title(123L, "v1"));
			assertThat(first.path("pricing").path("price").asDouble()).isEqualTo(89.0);
			assertThat(first.path("pricing").path("currency").asText()).isEqualTo("€");
			assertThat(first.fieldNames()).toIterable().containsExactly("id", "title", "pricing");
			assertThat(first.path("pricing").fieldNames()).toIterable().containsExactly("price", "currency");
			assertThat(widgets.get(1).path("pricing").isNull()).isTrue();
			assertThat(stub(CAR).userIds()).containsExactly("123");
			assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
		}

		@Test
		void answersWithoutATokenAndWithoutUserIdWithTheGenericHome() {
			HttpResponse<String> response = graphql(EXAMPLE_QUERY.replace("(userId: 123)", ""), null);

			assertThat(response.statusCode()).isEqualTo(200);
			JsonNode widgets = json(response).path("data").path("services").path("carInsurance").path("widgets");
			assertThat(widgets.get(0).path("id").asText()).isEqualTo("car-insurance_v1_anonymous_a");
			assertThat(widgets.get(0).path("title").asText()).isEqualTo(stub(CAR).title(null, "v1"));
			assertThat(stub(CAR).userIds()).containsExactly("<none>");
		}

		@Test
		void answersTheTokensUserWhenUserIdIsLeftOut() {
			HttpResponse<String> response = graphql(EXAMPLE_QUERY.replace("(userId: 123)", ""), 123L);

			assertThat(json(response).path("data")
				.path("services")
				.path("carInsurance")
				.path("widgets")
				.get(0)
				.path("id")
				.asText()).isEqualTo("car-insurance_v1_123_a");
		}

	}

	@Nested
	class Identity {

		@Test
		void refusesAnotherUsersHomeWithAForbiddenError() {
			HttpResponse<String> response = graphql(EXAMPLE_QUERY.replace("123", "456"), 123L);

			assertForbidden(response);
			assertThat(totalCalls()).isZero();
		}

		@Test
		void refusesAUserIdWithoutAToken() {
			HttpResponse<String> response = graphql(EXAMPLE_QUERY, null);

			assertForbidden(response);
			assertThat(totalCalls()).isZero();
		}

		@Test
		void answersAUserIdThatIsNoNumberWithABadRequestError() {
			HttpResponse<String> response = graphql(EXAMPLE_QUERY.replace("123", "\"me\""), 123L);

			assertThat(response.statusCode()).isEqualTo(200);
			JsonNode error = json(response).path("errors").get(0);
			assertThat(error.path("extensions").path("classification").asText()).isEqualTo("BAD_REQUEST");
			assertThat(error.path("message").asText()).isEqualTo("userId must be a number, not 'me'");
			assertThat(totalCalls()).isZero();
		}

		@Test
		void answersABadTokenWith401BeforeGraphQlRuns() {
			HttpResponse<String> response = http.post("/graphql", body(EXAMPLE_QUERY), "Authorization",
					"Bearer " + Tokens.expiredForUser(123));

			assertProblem(response, 401, "unauthorized");
			assertThat(totalCalls()).isZero();
		}

		private void assertForbidden(HttpResponse<String> response) {
			assertThat(response.statusCode()).isEqualTo(200);
			JsonNode answer = json(response);
			assertThat(answer.path("data").isNull()).isTrue();
			JsonNode error = answer.path("errors").get(0);
			assertThat(error.path("extensions").path("classification").asText()).isEqualTo("FORBIDDEN");
			assertThat(error.path("extensions").path("type").asText())
				.isEqualTo("https://homewidgets.check24.de/problems/foreign-user");
			assertThat(error.path("path").get(0).asText()).isEqualTo("services");
		}

	}

	@Nested
	class Sections {

		@Test
		void servesASectionByItsNameOrItsProductsKey() {
			HttpResponse<String> response = graphql("""
					{ services {
					    byName: section(name: "health_insurance") { name title widgets { id service } }
					    byKey: section(name: "health-insurance") { name }
					    unknown: section(name: "pet_insurance") { name }
					} }""", 123L);

			JsonNode services = json(response).path("data").path("services");
			assertThat(services.path("byName").path("name").asText()).isEqualTo("health_insurance");
			assertThat(services.path("byName").path("title").asText()).isEqualTo(TestProducts.HEALTH_INSURANCE.title());
			assertThat(services.path("byName").path("widgets").get(0).path("id").asText())
				.isEqualTo("health-insurance_v1_123_a");
			assertThat(services.path("byName").path("widgets").get(0).path("service").asText())
				.isEqualTo("health_insurance");
			assertThat(services.path("byKey").path("name").asText()).isEqualTo("health_insurance");
			assertThat(services.path("unknown").isNull()).isTrue();
		}

		@Test
		void listsEverySectionInSectionOrder() {
			HttpResponse<String> response = graphql("{ services { sections { name title } provisional } }", 123L);

			JsonNode services = json(response).path("data").path("services");
			assertThat(services.path("sections")).extracting((section) -> section.path("name").asText())
				.containsExactly("car_insurance", "health_insurance", "house_insurance", "banking");
			assertThat(services.path("sections")).extracting((section) -> section.path("title").asText())
				.containsExactly("Car Insurance Deals", "Health Insurance Deals", "House Insurance Deals",
						"Banking Products");
			assertThat(services.path("provisional").asBoolean(true)).isFalse();
		}

		@Test
		void answersTheFallbackSectionsWhenNoProductCanBeServed() {
			stubs.all().forEach(StubProduct::failing);

			HttpResponse<String> response = graphql("{ services { sections { name widgets { id title } } } }", 123L);

			assertThat(response.statusCode()).isEqualTo(200);
			JsonNode sections = json(response).path("data").path("services").path("sections");
			assertThat(sections).hasSize(4);
			sections.forEach((section) -> assertThat(section.path("widgets").get(0).path("id").asText())
				.isEqualTo("fallback_error_card"));
			assertThat(http.home(123L).statusCode()).isEqualTo(503);
		}

	}

	@Nested
	class SameCacheAsGetHome {

		@Test
		void answersFromThePageInMemoryWithoutCallingTheProductsAgain() {
			assertThat(http.home(123L).statusCode()).isEqualTo(200);
			assertThat(totalCalls()).isEqualTo(4);
			double nearHits = count("home.cache.lookups", "tier", "near", "result", "hit");

			HttpResponse<String> response = graphql(EXAMPLE_QUERY, 123L);

			assertThat(json(response).path("data").path("services").path("carInsurance").path("widgets")).hasSize(2);
			assertThat(totalCalls()).isEqualTo(4);
			assertThat(count("home.cache.lookups", "tier", "near", "result", "hit")).isGreaterThan(nearHits);
		}

		@Test
		void readsThePageGetHomeLeftInRedis() {
			http.home(123L);
			forgetPagesInMemory();

			HttpResponse<String> response = graphql(EXAMPLE_QUERY, 123L);

			assertThat(json(response).path("data").path("services").path("carInsurance").path("widgets")).hasSize(2);
			assertThat(totalCalls()).isEqualTo(4);
		}

		@Test
		void leavesThePageItBuiltForGetHome() {
			graphql(EXAMPLE_QUERY, 123L);
			assertThat(totalCalls()).isEqualTo(4);

			assertThat(http.home(123L).statusCode()).isEqualTo(200);
			assertThat(totalCalls()).isEqualTo(4);
		}

		@Test
		void answersTheExampleQueryInAFractionOfTheHomesBytes() {
			int homeBytes = http.home(123L).body().getBytes(StandardCharsets.UTF_8).length;

			int graphQlBytes = graphql(EXAMPLE_QUERY, 123L).body().getBytes(StandardCharsets.UTF_8).length;

			assertThat(graphQlBytes * 5).isLessThan(homeBytes);
		}

	}

	@Nested
	class Limits {

		@Test
		void refusesAQueryDeeperThanTheLimitBeforeFetchingAnything() {
			// the home schema is 6 deep at most; introspection within a home query is not
			String deep = "{ services { provisional } __type(name: \"Widget\") { fields { type "
					+ "{ ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } }";

			HttpResponse<String> response = graphql(deep, 123L);

			assertAborted(response, "maximum query depth exceeded");
		}

		@Test
		void refusesAQueryMoreComplexThanTheLimitBeforeFetchingAnything() {
			// 5 fields an alias, 50 aliases: 250 fields over the limit of 200
			StringBuilder aliases = new StringBuilder("{");
			for (int i = 0; i < 50; i++) {
				aliases.append(" s").append(i).append(": services { sections { widgets { id title } } }");
			}

			HttpResponse<String> response = graphql(aliases.append(" }").toString(), 123L);

			assertAborted(response, "maximum query complexity exceeded");
		}

		@Test
		void answersTheStandardIntrospectionQueryThoughItIsDeeperAndLarger() {
			HttpResponse<String> response = graphql(IntrospectionQuery.INTROSPECTION_QUERY, null);

			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(json(response).has("errors")).isFalse();
			assertThat(json(response).path("data").path("__schema").path("types").toString()).contains("\"Services\"",
					"\"carInsurance\"");
		}

		@Test
		void refusesALargerBodyThanTheLimitUnread() {
			String large = "{ services { provisional } }" + " ".repeat(20_000);

			assertProblem(http.post("/graphql", body(large)), 413, "request-too-large");
		}

		@Test
		void refusesAChunkedBodyAsEveryRouteDoes() {
			HttpResponse<String> response = postChunked(body("{ services { provisional } }"));

			// every body's size is known before it is read (RequestBodyLimit)
			assertProblem(response, 411, "length-required");
		}

		// a body of unknown length goes out chunked, without Content-Length
		private HttpResponse<String> postChunked(String json) {
			byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
			HttpRequest request = HttpRequest.newBuilder(URI.create(http.baseUrl() + "/graphql"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
				.build();
			try {
				return HttpClient.newBuilder()
					.version(HttpClient.Version.HTTP_1_1)
					.build()
					.send(request, HttpResponse.BodyHandlers.ofString());
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		private void assertAborted(HttpResponse<String> response, String message) {
			assertThat(response.statusCode()).isEqualTo(200);
			JsonNode answer = json(response);
			assertThat(answer.has("data")).isFalse();
			assertThat(answer.path("errors").get(0).path("message").asText()).startsWith(message);
			assertThat(answer.path("errors").get(0).path("extensions").path("classification").asText())
				.isEqualTo("ExecutionAborted");
			assertThat(totalCalls()).isZero();
		}

	}

	/**
	 * POSTs a query as the web client would.
	 * @param query the GraphQL document
	 * @param userId whose token to send, {@code null} for none
	 * @return the answer
	 */
	HttpResponse<String> graphql(String query, Long userId) {
		return (userId != null)
				? http.post("/graphql", body(query), "Authorization", "Bearer " + Tokens.forUser(userId))
				: http.post("/graphql", body(query));
	}

	String body(String query) {
		try {
			return objectMapper.writeValueAsString(Map.of("query", query));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
