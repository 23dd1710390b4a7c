package de.check24.homewidgets.core.products;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;

import de.check24.homewidgets.core.support.CoreTestBase;
import de.check24.homewidgets.core.support.StubProduct;
import de.check24.homewidgets.core.support.TestProducts;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How the core calls the products: in parallel, each inside its own bulkhead, breaker and
 * retry, cancelled at its deadline, and signed for the product and the user.
 */
// eight places at car-insurance, fixed (not learnt from its latency)
@TestPropertySource(properties = { "home.products.catalog.car-insurance.max-concurrent-calls=8",
		"home.products.min-concurrent-calls=8" })
class ProductCallsIntegrationTests extends CoreTestBase {

	@Test
	void asksTheProductsInParallel() {
		stubs.all().forEach(StubProduct::hold);
		ExecutorService client = Executors.newSingleThreadExecutor();
		try {
			Future<HttpResponse<String>> home = client.submit(() -> http.home(123L));

			await().atMost(Duration.ofSeconds(3))
				.untilAsserted(() -> stubs.all().forEach((stub) -> assertThat(stub.inFlight()).isEqualTo(1)));
			stubs.all().forEach(StubProduct::release);

			assertThat(home.get().statusCode()).isEqualTo(200);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			client.shutdownNow();
		}
	}

	@Test
	void servesFallbackForTheFailingProductAndTheOthersNormally() {
		stub(TestProducts.HEALTH_INSURANCE).failing();

		HttpResponse<String> response = http.home(123L);

		assertThat(response.statusCode()).isEqualTo(200);
		var health = json(response).path("services").path("health_insurance");
		assertThat(health.path("title").asText()).isEqualTo("Health Insurance Deals");
		var fallback = health.path("widgets").get(0);
		assertThat(health.path("widgets")).hasSize(1);
		assertThat(fallback.path("widget_id").asText()).isEqualTo("fallback_error_card");
		assertThat(fallback.path("component_type").asText()).isEqualTo("Card");
		assertThat(fallback.path("service").asText()).isEqualTo("health_insurance");
		assertThat(fallback.path("data").path("title").asText()).isEqualTo("Service Temporarily Unavailable");
		assertThat(fallback.path("data").path("content").asText())
			.isEqualTo("We're working on it. Please try again soon.");
		assertThat(titles(response, TestProducts.CAR_INSURANCE)).first()
			.isEqualTo(stub(TestProducts.CAR_INSURANCE).title(123L, "v1"));
		// three attempts: a 500 is retried
		assertThat(stub(TestProducts.HEALTH_INSURANCE).widgetCalls()).isEqualTo(3);
	}

	@Test
	void dropsAnInvalidWidgetAndServesTheRestOfTheSection() {
		stub(TestProducts.BANKING).withInvalidWidget();
		double droppedBefore = count("home.widgets.dropped", "service", "banking");

		HttpResponse<String> response = http.home(123L);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(widgetIds(response, TestProducts.BANKING)).containsExactly("banking_v1_123_a", "banking_v1_123_b");
		assertThat(count("home.widgets.dropped", "service", "banking")).isEqualTo(droppedBefore + 1);
	}

	@Test
	void cancelsACallThatMissesItsDeadlineAndFreesTheProductsCapacity() {
		StubProduct car = stub(TestProducts.CAR_INSURANCE).hold();

		HttpResponse<String> response = http.home(123L);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(widgetIds(response, TestProducts.CAR_INSURANCE)).containsExactly("fallback_error_card");
		assertThat(titles(response, TestProducts.BANKING)).first()
			.isEqualTo(stub(TestProducts.BANKING).title(123L, "v1"));
		// timeouts are not retried; the product still holds the call, the core let it go
		assertThat(car.widgetCalls()).isEqualTo(1);
		assertThat(car.inFlight()).isEqualTo(1);
		// the place the call held at the product is free again (ProductCapacity's gauges)
		await().untilAsserted(() -> assertThat(gauge("home.products.capacity.in.flight")).isZero());
		assertThat(gauge("home.products.capacity.available")).isEqualTo(8);
	}

	@Test
	void aProductAtItsLimitTurnsFurtherCallsAwayWhileTheOtherSectionsStayFresh() throws Exception {
		StubProduct car = stub(TestProducts.CAR_INSURANCE).hold();
		double busyBefore = count("home.sections.fallbacks", "service", "car-insurance", "reason", "busy");
		ExecutorService clients = Executors.newFixedThreadPool(12);
		try {
			List<Future<HttpResponse<String>>> homes = new ArrayList<>();
			for (int user = 1; user <= 12; user++) {
				long userId = 5000 + user;
				homes.add(clients.submit(() -> http.home(userId)));
			}
			// eight calls take the car service's places, four wait the admission budget
			// and
			// are turned away without ever reaching it
			await().atMost(Duration.ofSeconds(3))
				.until(() -> count("home.sections.fallbacks", "service", "car-insurance", "reason", "busy")
						- busyBefore == 4);
			assertThat(car.inFlight()).isEqualTo(8);
			car.release();
			int personal = 0;
			for (Future<HttpResponse<String>> home : homes) {
				HttpResponse<String> response = home.get();
				assertThat(response.statusCode()).isEqualTo(200);
				for (var product : List.of(TestProducts.HEALTH_INSURANCE, TestProducts.HOUSE_INSURANCE,
						TestProducts.BANKING)) {
					assertThat(widgetIds(response, product)).doesNotContain("fallback_error_card");
				}
				personal += widgetIds(response, TestProducts.CAR_INSURANCE).contains("fallback_error_card") ? 0 : 1;
			}
			assertThat(personal).isEqualTo(8);
		}
		finally {
			clients.shutdownNow();
		}
	}

	@Test
	void opensTheBreakerAfterFiveFailuresAndThenSpendsNoTimeOnThatProduct() {
		StubProduct car = stub(TestProducts.CAR_INSURANCE).failing();
		http.home(123L);
		http.home(123L);

		assertThat(car.widgetCalls()).isEqualTo(5);
		assertThat(circuitBreakers.circuitBreaker("car-insurance").getState()).isEqualTo(CircuitBreaker.State.OPEN);

		car.hold();
		HttpResponse<String> response = http.home(123L);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(widgetIds(response, TestProducts.CAR_INSURANCE)).containsExactly("fallback_error_card");
		assertThat(car.widgetCalls()).isEqualTo(5);
		assertThat(count("home.sections.fallbacks", "service", "car-insurance", "reason", "breaker_open")).isPositive();
	}

	@Test
	void signsEveryCallForTheProductAndTheUserItIsFor() throws Exception {
		http.home(123L);
		http.home(null);

		JWKSet published = JWKSet.parse(http.get("/.well-known/jwks.json").body());
		List<StubProduct.Call> calls = stub(TestProducts.BANKING).calls();
		assertThat(calls).hasSize(2);
		for (StubProduct.Call call : calls) {
			assertThat(call.authorization()).startsWith("Bearer ");
			SignedJWT jwt = SignedJWT.parse(call.authorization().substring("Bearer ".length()));
			ECKey key = (ECKey) published.getKeyByKeyId(jwt.getHeader().getKeyID());
			assertThat(key.isPrivate()).isFalse();
			assertThat(jwt.verify(new ECDSAVerifier(key))).isTrue();
			JWTClaimsSet claims = jwt.getJWTClaimsSet();
			assertThat(claims.getIssuer()).isEqualTo("home-core");
			assertThat(claims.getAudience()).containsExactly("banking");
			assertThat(claims.getSubject()).isEqualTo(call.userId());
			assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
				.isLessThanOrEqualTo(Duration.ofSeconds(60));
		}
	}

	private double gauge(String name) {
		return meterRegistry.get(name).tag("service", "car-insurance").gauge().value();
	}

}
