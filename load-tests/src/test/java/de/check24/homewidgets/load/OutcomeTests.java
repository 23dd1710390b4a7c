package de.check24.homewidgets.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutcomeTests {

	private static final String HOME = "{\"services\":{\"car_insurance\":{\"widgets\":[{\"widget_id\":\"car_offer\"}]}}}";

	private static final String FALLBACK_HOME = "{\"services\":{\"car_insurance\":{\"widgets\":"
			+ "[{\"widget_id\":\"fallback_error_card\"}]}}}";

	private static final String PRODUCT_UNAVAILABLE = "{\"type\":\"https://homewidgets.check24.de/problems/"
			+ "product-unavailable\",\"status\":503}";

	@Test
	void aFullHomeAndARevalidationAreOk() {
		assertThat(Outcome.of("GET", "/home", 200, null, HOME)).isEqualTo(Outcome.OK);
		assertThat(Outcome.of("GET", "/home", 304, null, "")).isEqualTo(Outcome.OK);
	}

	@Test
	void aFallbackSectionIsADesignedDegradation() {
		Outcome outcome = Outcome.of("GET", "/home", 200, null, FALLBACK_HOME);

		assertThat(outcome).isEqualTo(Outcome.FALLBACK_SECTION);
		assertThat(outcome.degraded()).isTrue();
		assertThat(outcome.undesigned()).isFalse();
	}

	@Test
	void aHomeOf503WithRetryAfterIsDesignedOnlyWithTheFallbackCards() {
		assertThat(Outcome.of("GET", "/home", 503, "10", FALLBACK_HOME)).isEqualTo(Outcome.DESIGNED_503);
		assertThat(Outcome.of("GET", "/home", 503, null, FALLBACK_HOME)).isEqualTo(Outcome.UNDESIGNED_5XX);
		// the load balancer's own 503 when no replica answers
		assertThat(Outcome.of("GET", "/home", 503, "1", "{\"title\":\"Service Unavailable\"}"))
			.isEqualTo(Outcome.UNDESIGNED_5XX);
	}

	@Test
	void aContractCallToAnUnavailableProductIsDesigned() {
		assertThat(Outcome.of("POST", "/widget/banking/contract", 503, "10", PRODUCT_UNAVAILABLE))
			.isEqualTo(Outcome.DESIGNED_503);
		assertThat(Outcome.of("POST", "/widget/banking/contract", 503, null, PRODUCT_UNAVAILABLE))
			.isEqualTo(Outcome.UNDESIGNED_5XX);
	}

	@Test
	void aServerErrorOrNoAnswerIsNeverDesigned() {
		assertThat(Outcome.of("GET", "/home", 500, "10", FALLBACK_HOME).undesigned()).isTrue();
		assertThat(Outcome.of("POST", "/widget/banking/contract", 502, null, "").undesigned()).isTrue();
		assertThat(Outcome.of("GET", "/home", 0, null, null)).isEqualTo(Outcome.CONNECTION_ERROR);
	}

	@Test
	void clientErrorsAreTheirOwnKind() {
		assertThat(Outcome.of("GET", "/home", 429, "3", "")).isEqualTo(Outcome.RATE_LIMITED);
		assertThat(Outcome.of("POST", "/widget/banking/contract", 409, null, "")).isEqualTo(Outcome.CLIENT_ERROR);
		assertThat(Outcome.CLIENT_ERROR.undesigned()).isFalse();
	}

}
