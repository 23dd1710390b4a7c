package de.check24.homewidgets.core.contracts;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import de.check24.homewidgets.core.cache.Invalidations;
import de.check24.homewidgets.core.products.ProductFanOut;
import de.check24.homewidgets.core.products.ProductReply;
import de.check24.homewidgets.core.support.CoreWebSlice;
import de.check24.homewidgets.core.viewer.Viewer;
import de.check24.homewidgets.core.web.CoreProblem;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static de.check24.homewidgets.core.support.TestProducts.CAR_INSURANCE;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@CoreWebSlice(ContractRoutesController.class)
@Import(ContractForwarding.class)
class ContractRoutesControllerTests {

	private static final String ORDER = "{\"user_id\": 7, \"widget_id\": \"car_offer_devk\"}";

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private ProductFanOut products;

	@MockitoBean
	private Invalidations invalidations;

	@BeforeEach
	void productsAreKnownByTheirKey() {
		given(this.products.product("car-insurance")).willReturn(CAR_INSURANCE);
		given(this.products.product("electricity")).willThrow(CoreProblem.unknownService("electricity"));
	}

	@Nested
	class Purchase {

		@Test
		void passesTheProductsAnswerOnAndInvalidatesTheBuyersSection() throws Exception {
			given(products.purchase("car-insurance", 7L, "car_offer_devk"))
				.willReturn(reply(201, MediaType.APPLICATION_JSON, "{\"contract_id\": 11}",
						URI.create("/widget/car-insurance/contract/7/car_offer_devk")));

			mvc.perform(order(ORDER).with(user(7)))
				.andExpect(status().isCreated())
				.andExpect(header().string("Location", "/widget/car-insurance/contract/7/car_offer_devk"))
				.andExpect(header().string("Cache-Control", "no-store"))
				.andExpect(content().contentType(MediaType.APPLICATION_JSON))
				.andExpect(content().json("{\"contract_id\": 11}"));
			then(invalidations).should()
				.invalidate(Viewer.user(7), CAR_INSURANCE, "contract_created", Invalidations.Source.PURCHASE);
		}

		@Test
		void passesAProductsRefusalOnAndInvalidatesNothing() throws Exception {
			String problem = "{\"type\": \"https://homewidgets.check24.de/problems/contract-exists\", \"status\": 409}";
			given(products.purchase("car-insurance", 7L, "car_offer_devk"))
				.willReturn(reply(409, MediaType.APPLICATION_PROBLEM_JSON, problem, null));

			mvc.perform(order(ORDER).with(user(7)))
				.andExpect(status().isConflict())
				.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(content().json(problem));
			then(invalidations).shouldHaveNoInteractions();
		}

		@Test
		void refusesAnOrderWithoutUserIdNamingTheField() throws Exception {
			expectInvalid(mvc.perform(order("{\"widget_id\": \"car_offer_devk\"}").with(user(7))), "user_id");
		}

		@Test
		void refusesAnOrderWithABlankOrOverlongWidgetIdNamingTheField() throws Exception {
			expectInvalid(mvc.perform(order("{\"user_id\": 7, \"widget_id\": \" \"}").with(user(7))), "widget_id");
			expectInvalid(
					mvc.perform(order("{\"user_id\": 7, \"widget_id\": \"" + "x".repeat(101) + "\"}").with(user(7))),
					"widget_id");
		}

		@Test
		void refusesABodyThatIsNotAnOrder() throws Exception {
			mvc.perform(order("{\"user_id\": \"seven\"").with(user(7)))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
			then(products).should(never()).purchase(anyString(), anyLong(), anyString());
		}

		@Test
		void forbidsBuyingForAnotherUser() throws Exception {
			mvc.perform(order("{\"user_id\": 8, \"widget_id\": \"car_offer_devk\"}").with(user(7)))
				.andExpect(status().isForbidden())
				.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.type").value(CoreProblem.TYPE_BASE + "foreign-user"))
				.andExpect(jsonPath("$.detail").value(containsString("user 8")));
			then(products).should(never()).purchase(anyString(), anyLong(), anyString());
		}

		@Test
		void requiresAToken() throws Exception {
			mvc.perform(order(ORDER))
				.andExpect(status().isUnauthorized())
				.andExpect(header().string("WWW-Authenticate", containsString("Bearer")))
				.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.type").value(CoreProblem.TYPE_BASE + "unauthorized"));
			then(products).shouldHaveNoInteractions();
		}

		@Test
		void answersAnUnknownServiceWithNotFound() throws Exception {
			mvc.perform(post("/widget/electricity/contract").contentType(MediaType.APPLICATION_JSON)
				.content(ORDER)
				.with(user(7)))
				.andExpect(status().isNotFound())
				.andExpect(jsonPath("$.type").value(CoreProblem.TYPE_BASE + "unknown-service"));
		}

		@Test
		void answersServiceUnavailableWithRetryAfterWhenTheProductCannotBeReached() throws Exception {
			given(products.purchase("car-insurance", 7L, "car_offer_devk"))
				.willThrow(CoreProblem.productUnavailable("car-insurance", Duration.ofSeconds(10)));

			mvc.perform(order(ORDER).with(user(7)))
				.andExpect(status().isServiceUnavailable())
				.andExpect(header().string("Retry-After", "10"))
				.andExpect(jsonPath("$.type").value(CoreProblem.TYPE_BASE + "product-unavailable"))
				.andExpect(jsonPath("$.service").value("car-insurance"));
			then(invalidations).shouldHaveNoInteractions();
		}

		private MockHttpServletRequestBuilder order(String body) {
			return post("/widget/car-insurance/contract").contentType(MediaType.APPLICATION_JSON).content(body);
		}

		private void expectInvalid(ResultActions result, String field) throws Exception {
			result.andExpect(status().isBadRequest())
				.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.type").value(CoreProblem.TYPE_BASE + "invalid-request"))
				.andExpect(jsonPath("$.detail").value(containsString(field)))
				.andExpect(jsonPath("$.errors").value(hasItem(containsString(field + ": "))));
			then(products).should(never()).purchase(anyString(), anyLong(), anyString());
		}

	}

	@Nested
	class Cancellation {

		@Test
		void passesTheProductsAnswerOnAndInvalidatesTheOwnersSection() throws Exception {
			given(products.cancel("car-insurance", 7L, "car_offer_devk"))
				.willReturn(reply(200, MediaType.APPLICATION_JSON, "{\"status\": \"cancelled\"}", null));

			mvc.perform(delete("/widget/car-insurance/contract/7/car_offer_devk").with(user(7)))
				.andExpect(status().isOk())
				.andExpect(content().json("{\"status\": \"cancelled\"}"));
			then(invalidations).should()
				.invalidate(Viewer.user(7), CAR_INSURANCE, "contract_deleted", Invalidations.Source.PURCHASE);
		}

		@Test
		void forbidsCancellingAnotherUsersContract() throws Exception {
			mvc.perform(delete("/widget/car-insurance/contract/8/car_offer_devk").with(user(7)))
				.andExpect(status().isForbidden())
				.andExpect(jsonPath("$.type").value(CoreProblem.TYPE_BASE + "foreign-user"));
			then(products).should(never()).cancel(anyString(), anyLong(), anyString());
			then(invalidations).shouldHaveNoInteractions();
		}

	}

	@Nested
	class Listing {

		@Test
		void passesTheProductsListOnWithoutInvalidating() throws Exception {
			given(products.contractsOf("car-insurance", 7L))
				.willReturn(reply(200, MediaType.APPLICATION_JSON, "{\"contracts\": []}", null));

			mvc.perform(get("/widget/car-insurance/contract/7").with(user(7)))
				.andExpect(status().isOk())
				.andExpect(header().string("Cache-Control", "no-store"))
				.andExpect(content().json("{\"contracts\": []}"));
			then(invalidations).shouldHaveNoInteractions();
		}

		@Test
		void forbidsReadingAnotherUsersContracts() throws Exception {
			mvc.perform(get("/widget/car-insurance/contract/8").with(user(7)))
				.andExpect(status().isForbidden())
				.andExpect(jsonPath("$.type").value(CoreProblem.TYPE_BASE + "foreign-user"));
			then(products).should(never()).contractsOf(any(), anyLong());
		}

	}

	private static RequestPostProcessor user(long userId) {
		return jwt().jwt((token) -> token.subject(String.valueOf(userId)));
	}

	private static ProductReply reply(int status, MediaType contentType, String body, URI location) {
		return new ProductReply(status, contentType, location, body.getBytes(StandardCharsets.UTF_8));
	}

}
