package de.check24.homewidgets.core.contracts;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import de.check24.homewidgets.core.support.CoreTestBase;
import de.check24.homewidgets.core.support.TestProducts;
import de.check24.homewidgets.core.support.Tokens;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /user/{user_id}/contracts}: every product asked in parallel. */
class UserContractsIntegrationTests extends CoreTestBase {

	@Test
	void listsTheUsersContractsPerSection() {
		stub(TestProducts.CAR_INSURANCE).contract(123, "car_offer_devk");

		HttpResponse<String> response = http.get("/user/123/contracts", "Authorization",
				"Bearer " + Tokens.forUser(123));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
		JsonNode body = json(response);
		assertThat(body.path("has_contract").asBoolean()).isTrue();
		assertThat(body.path("contracts").path("car_insurance").path("widget_id").asText()).isEqualTo("car_offer_devk");
		assertThat(body.path("contracts").path("car_insurance").path("data").path("title").asText())
			.isEqualTo("Bought");
		assertThat(body.path("contracts").has("health_insurance")).isTrue();
		assertThat(body.path("contracts").path("health_insurance").isNull()).isTrue();
		assertThat(body.path("unavailable_services")).isEmpty();
	}

	@Test
	void namesTheProductsItCouldNotAsk() {
		stub(TestProducts.HOUSE_INSURANCE).failingContracts();

		JsonNode body = json(http.get("/user/123/contracts", "Authorization", "Bearer " + Tokens.forUser(123)));

		assertThat(body.path("unavailable_services")).extracting(JsonNode::asText).containsExactly("house_insurance");
	}

	@Test
	void forbidsReadingAnotherUsersContracts() {
		HttpResponse<String> response = http.get("/user/456/contracts", "Authorization",
				"Bearer " + Tokens.forUser(123));

		assertProblem(response, 403, "foreign-user");
	}

	@Test
	void requiresAToken() {
		assertProblem(http.get("/user/123/contracts"), 401, "unauthorized");
	}

}
