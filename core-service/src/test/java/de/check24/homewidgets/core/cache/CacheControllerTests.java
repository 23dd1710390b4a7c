package de.check24.homewidgets.core.cache;

import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import de.check24.homewidgets.core.support.CoreWebSlice;
import de.check24.homewidgets.core.support.TestSecrets;
import de.check24.homewidgets.core.support.Tokens;
import de.check24.homewidgets.core.viewer.Viewer;
import de.check24.homewidgets.core.web.CoreProblem;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static de.check24.homewidgets.core.support.TestProducts.CAR_INSURANCE;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@CoreWebSlice(CacheController.class)
class CacheControllerTests {

	private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

	private static final String CAR_INSURANCE_TOKEN = TestSecrets.serviceToken(CAR_INSURANCE);

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private Invalidations invalidations;

	@BeforeEach
	void invalidationsHappenNow() {
		given(this.invalidations.invalidate(any(), any(), any(), any()))
			.willAnswer((invocation) -> new HomeInvalidated(invocation.getArgument(0), invocation.getArgument(1),
					invocation.getArgument(2), NOW));
	}

	@Test
	void invalidatesTheCallersSectionOfThatUsersHomeAndSaysWhat() throws Exception {
		this.mvc
			.perform(invalidation(CAR_INSURANCE_TOKEN,
					"{\"user_id\": 7, \"service\": \"car-insurance\", \"reason\": \"contract_created\"}"))
			.andExpect(status().isAccepted())
			.andExpect(content().json("""
					{"status": "invalidated", "user_id": 7, "service": "car-insurance", "reason": "contract_created",
					 "timestamp": "2026-11-28T10:00:00Z"}""", true));
		then(this.invalidations).should()
			.invalidate(Viewer.user(7), CAR_INSURANCE, "contract_created", Invalidations.Source.HTTP);
	}

	@Test
	void takesTheSectionNameOrNoServiceAtAllForTheCallersOwnSection() throws Exception {
		this.mvc.perform(invalidation(CAR_INSURANCE_TOKEN, "{\"user_id\": 7, \"service\": \"car_insurance\"}"))
			.andExpect(status().isAccepted())
			.andExpect(jsonPath("$.service").value("car-insurance"));
		this.mvc.perform(invalidation(CAR_INSURANCE_TOKEN, "{\"user_id\": 8}"))
			.andExpect(status().isAccepted())
			.andExpect(jsonPath("$.service").value("car-insurance"))
			.andExpect(jsonPath("$.reason").isEmpty());
		then(this.invalidations).should().invalidate(Viewer.user(7), CAR_INSURANCE, null, Invalidations.Source.HTTP);
		then(this.invalidations).should().invalidate(Viewer.user(8), CAR_INSURANCE, null, Invalidations.Source.HTTP);
	}

	@Test
	void forbidsAProductToInvalidateAnotherProductsSection() throws Exception {
		expectForbidden(
				this.mvc.perform(invalidation(CAR_INSURANCE_TOKEN, "{\"user_id\": 7, \"service\": \"banking\"}")),
				"banking");
		expectForbidden(
				this.mvc.perform(invalidation(CAR_INSURANCE_TOKEN, "{\"user_id\": 7, \"service\": \"electricity\"}")),
				"electricity");
		then(this.invalidations).shouldHaveNoInteractions();
	}

	@Test
	void refusesABodyWithoutAPositiveUserIdNamingTheField() throws Exception {
		expectInvalidUserId(this.mvc.perform(invalidation(CAR_INSURANCE_TOKEN, "{\"service\": \"car-insurance\"}")));
		expectInvalidUserId(this.mvc.perform(invalidation(CAR_INSURANCE_TOKEN, "{\"user_id\": 0}")));
		then(this.invalidations).shouldHaveNoInteractions();
	}

	@Test
	void refusesCallersWithoutAProductCredential() throws Exception {
		expectInvalidCredential(this.mvc
			.perform(post("/cache/invalidate").contentType(MediaType.APPLICATION_JSON).content("{\"user_id\": 7}")));
		expectInvalidCredential(this.mvc.perform(invalidation("not-a-credential", "{\"user_id\": 7}")));
		expectInvalidCredential(this.mvc.perform(post("/cache/invalidate").contentType(MediaType.APPLICATION_JSON)
			.header("Authorization", "Bearer " + Tokens.forUser(7))
			.content("{\"user_id\": 7}")));
		then(this.invalidations).shouldHaveNoInteractions();
	}

	private static MockHttpServletRequestBuilder invalidation(String credential, String body) {
		return post("/cache/invalidate").contentType(MediaType.APPLICATION_JSON)
			.header("X-Service-Token", credential)
			.content(body);
	}

	private static void expectForbidden(ResultActions result, String section) throws Exception {
		result.andExpect(status().isForbidden())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value(CoreProblem.TYPE_BASE + "forbidden"))
			.andExpect(jsonPath("$.detail").value(containsString("'" + section + "'")));
	}

	private static void expectInvalidUserId(ResultActions result) throws Exception {
		result.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value(CoreProblem.TYPE_BASE + "invalid-request"))
			.andExpect(jsonPath("$.errors").value(hasItem(containsString("user_id: "))));
	}

	private static void expectInvalidCredential(ResultActions result) throws Exception {
		result.andExpect(status().isUnauthorized())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value(CoreProblem.TYPE_BASE + "invalid-service-token"));
	}

}
