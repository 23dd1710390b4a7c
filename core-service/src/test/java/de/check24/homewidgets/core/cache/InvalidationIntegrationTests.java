package de.check24.homewidgets.core.cache;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import de.check24.homewidgets.core.support.CoreTestBase;
import de.check24.homewidgets.core.support.TestProducts;
import de.check24.homewidgets.core.support.TestSecrets;
import de.check24.homewidgets.core.support.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /cache/invalidate} for product services, each with its own credential and
 * for its own section only, and the operators' invalidation of every home on the
 * management port.
 */
class InvalidationIntegrationTests extends CoreTestBase {

	private static final String CAR = TestSecrets.serviceToken(TestProducts.CAR_INSURANCE);

	private HttpResponse<String> invalidate(String body, String... headers) {
		return http.post("/cache/invalidate", body, headers);
	}

	@Test
	void rejectsCallersWithoutAProductCredential() {
		assertProblem(invalidate("{\"user_id\": 123, \"reason\": \"contract_created\"}"), 401, "invalid-service-token");
	}

	@Test
	void rejectsAWrongCredentialThePublishedOldOneAndAUserToken() {
		assertProblem(invalidate("{\"user_id\": 123}", "X-Service-Token", "guess"), 401, "invalid-service-token");
		assertProblem(invalidate("{\"user_id\": 123}", "X-Service-Token", "local-dev-service-token"), 401,
				"invalid-service-token");
		assertProblem(invalidate("{\"user_id\": 123}", "Authorization", "Bearer " + Tokens.forUser(123)), 401,
				"invalid-service-token");
	}

	@Test
	void refetchesOnlyTheInvalidatedSectionOfThatUser() {
		http.home(123L);
		http.home(456L);
		stub(TestProducts.CAR_INSURANCE).version("v2");

		HttpResponse<String> response = invalidate(
				"{\"user_id\": 123, \"service\": \"car-insurance\", \"reason\": \"contract_created\"}",
				"X-Service-Token", CAR);

		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(json(response).path("user_id").asLong()).isEqualTo(123);
		assertThat(json(response).path("service").asText()).isEqualTo("car-insurance");
		HttpResponse<String> user123 = http.home(123L);
		HttpResponse<String> user456 = http.home(456L);
		assertThat(titles(user123, TestProducts.CAR_INSURANCE)).first()
			.isEqualTo(stub(TestProducts.CAR_INSURANCE).title(123L, "v2"));
		assertThat(titles(user456, TestProducts.CAR_INSURANCE)).first()
			.isEqualTo(stub(TestProducts.CAR_INSURANCE).title(456L, "v1"));
		assertThat(stub(TestProducts.CAR_INSURANCE).userIds()).containsExactly("123", "456", "123");
		assertThat(stub(TestProducts.BANKING).widgetCalls()).isEqualTo(2);
	}

	@Test
	void aProductWithoutAServiceInvalidatesItsOwnSectionOnly() {
		http.home(123L);

		assertThat(
				invalidate("{\"user_id\": 123, \"service\": \"car_insurance\"}", "X-Service-Token", CAR).statusCode())
			.isEqualTo(202);
		assertThat(invalidate("{\"user_id\": 123}", "X-Service-Token", CAR).statusCode()).isEqualTo(202);
		http.home(123L);

		assertThat(stub(TestProducts.CAR_INSURANCE).widgetCalls()).isEqualTo(2);
		assertThat(stub(TestProducts.BANKING).widgetCalls()).isEqualTo(1);
	}

	@Test
	void forbidsAProductToInvalidateAnotherProductsSection() {
		http.home(123L);

		HttpResponse<String> response = invalidate("{\"user_id\": 123, \"service\": \"banking\"}", "X-Service-Token",
				CAR);

		assertProblem(response, 403, "forbidden");
		http.home(123L);
		assertThat(stub(TestProducts.BANKING).widgetCalls()).isEqualTo(1);
	}

	@Test
	void forbidsAProductToInvalidateEveryHome() {
		assertThat(invalidate("{\"service\": \"car-insurance\"}", "X-Service-Token", CAR).statusCode()).isEqualTo(400);
	}

	@Test
	void letsAnOperatorInvalidateEveryHomeOnTheManagementPortOnly() {
		http.home(123L);
		http.home(null);

		assertThat(http.delete("/actuator/homecache").statusCode()).isEqualTo(404);
		HttpResponse<String> response = management.delete("/actuator/homecache?service=banking");
		assertThat(response.statusCode()).isEqualTo(200);
		http.home(123L);
		http.home(null);

		assertThat(stub(TestProducts.BANKING).widgetCalls()).isEqualTo(4);
		assertThat(stub(TestProducts.CAR_INSURANCE).widgetCalls()).isEqualTo(2);
	}

	@Test
	void aFetchThatRacedTheInvalidationDoesNotWriteTheOldPageBack() throws Exception {
		stub(TestProducts.CAR_INSURANCE).hold();
		ExecutorService client = Executors.newSingleThreadExecutor();
		try {
			Future<HttpResponse<String>> racing = client.submit(() -> http.home(123L));
			await().atMost(Duration.ofSeconds(2)).until(() -> stub(TestProducts.CAR_INSURANCE).widgetCalls() == 1);

			invalidate("{\"user_id\": 123, \"service\": \"car-insurance\"}", "X-Service-Token", CAR);
			stub(TestProducts.CAR_INSURANCE).release();
			assertThat(racing.get().statusCode()).isEqualTo(200);
		}
		finally {
			client.shutdownNow();
		}

		assertThat(redis.opsForHash().hasKey("sdui:home_page:v1:{user:123}", "car_insurance")).isFalse();
	}

}
