package de.check24.homewidgets.core.products;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import de.check24.homewidgets.core.identity.ServiceTokens;
import de.check24.homewidgets.core.web.CoreProblem;
import de.check24.homewidgets.sdui.ContractValidator;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import static de.check24.homewidgets.core.products.ScriptedProduct.answer;
import static de.check24.homewidgets.core.products.ScriptedProduct.answerOnceAllArrived;
import static de.check24.homewidgets.core.products.ScriptedProduct.drop;
import static de.check24.homewidgets.core.products.ScriptedProduct.hang;
import static de.check24.homewidgets.core.support.TestProducts.CAR_INSURANCE;
import static de.check24.homewidgets.core.support.TestProducts.HEALTH_INSURANCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * One product client against a product scripted request by request: what is retried, what
 * is cut off at the deadline, what a full bulkhead answers. Resilience settings are
 * production's (three attempts, retries only where {@link RetryableProductFailure} says),
 * with a short wait between attempts.
 */
class ProductClientTests {

	private static final Duration NO_DEADLINE = Duration.ofSeconds(30);

	/** An admission deadline that is already due: a call starts only on a free place. */
	private static final long NOW = 0;

	private final List<ScriptedProduct> products = new ArrayList<>();

	private final ExecutorService readers = Executors.newFixedThreadPool(4);

	private final ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1);

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.executor(this.readers)
		.build();

	private final SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();

	private final ServiceTokens tokens = mock(ServiceTokens.class);

	private final Map<Product, Retry> retries = new LinkedHashMap<>();

	private final Map<Product, ProductCapacity> capacities = new LinkedHashMap<>();

	ProductClientTests() {
		given(this.tokens.forCall(any(), any())).willAnswer(
				(invocation) -> "core-token-for-" + invocation.getArgument(0) + "-" + invocation.getArgument(1));
	}

	@AfterEach
	void stopProducts() {
		this.timers.shutdownNow();
		this.readers.shutdownNow();
		this.products.forEach(ScriptedProduct::close);
	}

	@Nested
	class Widgets {

		@Test
		void servesTheValidWidgetsByPriorityFromACallSignedForTheProductAndTheUser() {
			ScriptedProduct car = product();

			ProductSection section = client(car, Duration.ofSeconds(5), 8).widgets(7L, NOW, NO_DEADLINE).join();

			assertThat(section.outcome()).isEqualTo(ProductSection.Outcome.FETCHED);
			assertThat(section.widgets()).extracting(HomeWidget::widgetId).containsExactly("offer_a", "offer_b");
			assertThat(section.widgets()).extracting(HomeWidget::service).containsOnly("car_insurance");
			ScriptedProduct.Request request = car.requests().get(0);
			assertThat(request.method()).isEqualTo("GET");
			assertThat(request.target()).isEqualTo("/widget/car-insurance?user_id=7");
			assertThat(request.headers()).containsEntry("authorization", "Bearer core-token-for-car-insurance-7");
		}

		@Test
		void asksForTheAnonymousHomeWithoutAUser() {
			ScriptedProduct car = product();

			client(car, Duration.ofSeconds(5), 8).widgets(null, NOW, NO_DEADLINE).join();

			assertThat(car.requests().get(0).target()).isEqualTo("/widget/car-insurance");
			assertThat(car.requests().get(0).headers()).containsEntry("authorization",
					"Bearer core-token-for-car-insurance-null");
		}

		@Test
		void retriesServerErrorsAndServesTheAnswerThatFollows() {
			ScriptedProduct car = product().then(answer(500, "{}")).then(answer(503, "{}"));

			ProductSection section = client(car, Duration.ofSeconds(5), 8).widgets(7L, NOW, NO_DEADLINE).join();

			assertThat(section.outcome()).isEqualTo(ProductSection.Outcome.FETCHED);
			assertThat(car.requests()).hasSize(3);
			assertThat(retries.get(CAR_INSURANCE).getMetrics().getNumberOfSuccessfulCallsWithRetryAttempt())
				.isEqualTo(1);
		}

		@Test
		void retriesALostConnection() {
			ScriptedProduct car = product().then(drop());

			ProductSection section = client(car, Duration.ofSeconds(5), 8).widgets(7L, NOW, NO_DEADLINE).join();

			assertThat(section.outcome()).isEqualTo(ProductSection.Outcome.FETCHED);
			assertThat(car.requests()).hasSize(2);
		}

		@Test
		void fallsBackAfterThreeFailedAttempts() {
			ScriptedProduct car = product().otherwise(answer(500, "{}"));

			ProductSection section = client(car, Duration.ofSeconds(5), 8).widgets(7L, NOW, NO_DEADLINE).join();

			assertThat(section.outcome()).isEqualTo(ProductSection.Outcome.FAILED);
			assertThat(section.widgets()).extracting(HomeWidget::widgetId).containsExactly("fallback_error_card");
			assertThat(car.requests()).hasSize(3);
			assertThat(fallbacks("failed")).isEqualTo(1);
		}

		@Test
		void neverRetriesAClientErrorOrAnAnswerThatIsNoWidgetList() {
			ScriptedProduct car = product().then(answer(400, "{}")).then(answer(200, "{\"offers\": []}"));
			ProductClient client = client(car, Duration.ofSeconds(5), 8);

			assertThat(client.widgets(7L, NOW, NO_DEADLINE).join().outcome()).isEqualTo(ProductSection.Outcome.FAILED);
			assertThat(client.widgets(7L, NOW, NO_DEADLINE).join().outcome()).isEqualTo(ProductSection.Outcome.FAILED);

			assertThat(car.requests()).hasSize(2);
			assertThat(retries.get(CAR_INSURANCE).getMetrics().getNumberOfFailedCallsWithoutRetryAttempt())
				.isEqualTo(2);
		}

		@Test
		void neverRetriesATimeout() {
			ScriptedProduct car = product().otherwise(hang());

			ProductSection section = client(car, Duration.ofMillis(300), 8).widgets(7L, NOW, NO_DEADLINE).join();

			assertThat(section.outcome()).isEqualTo(ProductSection.Outcome.FAILED);
			assertThat(fallbacks("timeout")).isEqualTo(1);
			Retry.Metrics attempts = retries.get(CAR_INSURANCE).getMetrics();
			assertThat(attempts.getNumberOfFailedCallsWithoutRetryAttempt()).isEqualTo(1);
			assertThat(attempts.getNumberOfFailedCallsWithRetryAttempt()).isZero();
		}

		@Test
		void cancelsTheExchangeInFlightAtTheDeadlineAndFreesTheBulkheadPermit() {
			ScriptedProduct car = product().otherwise(hang());
			ProductClient client = client(car, Duration.ofSeconds(30), 2);

			ProductSection section = client.widgets(7L, NOW, Duration.ofMillis(500)).join();

			assertThat(section.outcome()).isEqualTo(ProductSection.Outcome.FAILED);
			assertThat(fallbacks("timeout")).isEqualTo(1);
			await().untilAsserted(() -> assertThat(car.abandoned()).as("connections the core closed").isEqualTo(1));
			await().untilAsserted(() -> assertThat(capacities.get(CAR_INSURANCE).available()).isEqualTo(2));
			assertThat(car.requests()).as("no attempt after the deadline").hasSize(1);
		}

		@Test
		void answersTheFallbackAtOnceWhileTheProductsBulkheadIsFull() {
			ScriptedProduct car = product().otherwise(hang());
			ProductClient client = client(car, Duration.ofSeconds(30), 1);
			CompletableFuture<ProductSection> holding = client.widgets(7L, NOW, NO_DEADLINE);

			CompletableFuture<ProductSection> refused = client.widgets(8L, NOW, NO_DEADLINE);

			assertThat(refused).as("answered without waiting").isDone();
			assertThat(refused.join().outcome()).isEqualTo(ProductSection.Outcome.BUSY);
			assertThat(fallbacks("busy")).isEqualTo(1);
			assertThat(holding).isNotDone();
			await().untilAsserted(() -> assertThat(car.requests()).hasSize(1));
			assertThat(car.requests().get(0).target()).endsWith("user_id=7");
		}

	}

	@Nested
	class FanOut {

		@Test
		void asksEveryProductAtTheSameTime() {
			// each product answers only once both requests are in flight: asked one after
			// the other, the first would wait until its deadline and fall back
			CountDownLatch bothArrived = new CountDownLatch(2);
			ScriptedProduct car = product().then(answerOnceAllArrived(bothArrived));
			ScriptedProduct health = product().then(answerOnceAllArrived(bothArrived));
			ProductFanOut fanOut = new ProductFanOut(TestCatalogs.of(List.of(CAR_INSURANCE, HEALTH_INSURANCE)),
					List.of(client(CAR_INSURANCE, car, Duration.ofSeconds(30), 8),
							client(HEALTH_INSURANCE, health, Duration.ofSeconds(30), 8)),
					Duration.ofSeconds(20), Duration.ofMillis(300), tokens, Runnable::run, List.of());

			Map<Product, ProductSection> sections = fanOut.widgets(7L, List.of(CAR_INSURANCE, HEALTH_INSURANCE));

			assertThat(sections).containsOnlyKeys(CAR_INSURANCE, HEALTH_INSURANCE);
			assertThat(sections.values()).extracting(ProductSection::outcome)
				.containsOnly(ProductSection.Outcome.FETCHED);
		}

	}

	@Nested
	class Contracts {

		@Test
		void passesThePurchaseAnswerOnAsItCame() {
			ScriptedProduct car = product()
				.then(answer(201, "application/json", "{\"contract_id\": 11, \"widget_id\": \"car_offer_devk\"}",
						Map.of("Location", "/widget/car-insurance/contract/7/car_offer_devk")));

			ProductReply reply = client(car, Duration.ofSeconds(5), 8).purchase(7L, "car_offer_devk");

			assertThat(reply.status()).isEqualTo(201);
			assertThat(reply.contentType()).isEqualTo(MediaType.APPLICATION_JSON);
			assertThat(reply.location()).hasToString("/widget/car-insurance/contract/7/car_offer_devk");
			assertThat(new String(reply.body(), StandardCharsets.UTF_8)).contains("\"contract_id\": 11");
			ScriptedProduct.Request request = car.requests().get(0);
			assertThat(request.method()).isEqualTo("POST");
			assertThat(request.target()).isEqualTo("/widget/car-insurance/contract");
			assertThat(request.body()).isEqualTo("{\"user_id\":7,\"widget_id\":\"car_offer_devk\"}");
			assertThat(request.headers()).containsEntry("authorization", "Bearer core-token-for-car-insurance-7");
		}

		@Test
		void passesAProductsBusinessRefusalOnUnchanged() {
			ScriptedProduct car = product().then(answer(409, "application/problem+json",
					"{\"type\": \"https://homewidgets.check24.de/problems/contract-exists\"}", Map.of()));

			ProductReply reply = client(car, Duration.ofSeconds(5), 8).purchase(7L, "car_offer_devk");

			assertThat(reply.status()).isEqualTo(409);
			assertThat(reply.successful()).isFalse();
			assertThat(reply.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		}

		@Test
		void neverRetriesAPurchase() {
			ScriptedProduct car = product().then(answer(500, "{}")).then(drop());
			ProductClient client = client(car, Duration.ofSeconds(5), 8);

			assertUnavailable(() -> client.purchase(7L, "car_offer_devk"));
			assertThat(car.requests()).hasSize(1);
			assertUnavailable(() -> client.purchase(7L, "car_offer_devk"));
			assertThat(car.requests()).hasSize(2);
		}

		@Test
		void neverRetriesACancellation() {
			ScriptedProduct car = product().then(answer(502, "{}")).then(drop());
			ProductClient client = client(car, Duration.ofSeconds(5), 8);

			assertUnavailable(() -> client.cancel(7L, "car offer/devk"));
			assertThat(car.requests()).hasSize(1);
			assertThat(car.requests().get(0).method()).isEqualTo("DELETE");
			assertThat(car.requests().get(0).target()).isEqualTo("/widget/car-insurance/contract/7/car%20offer%2Fdevk");
			assertUnavailable(() -> client.cancel(7L, "car offer/devk"));
			assertThat(car.requests()).hasSize(2);
		}

		private void assertUnavailable(Runnable call) {
			assertThatExceptionOfType(CoreProblem.class).isThrownBy(call::run).satisfies((problem) -> {
				assertThat(problem.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
				assertThat(problem.getHeaders().getFirst("Retry-After")).isEqualTo("10");
				assertThat(problem.getBody().getProperties()).containsEntry("service", "car-insurance");
			});
		}

	}

	private ScriptedProduct product() {
		ScriptedProduct product = new ScriptedProduct();
		this.products.add(product);
		return product;
	}

	private ProductClient client(ScriptedProduct server, Duration readTimeout, int maxConcurrentCalls) {
		return client(CAR_INSURANCE, server, readTimeout, maxConcurrentCalls);
	}

	private ProductClient client(Product product, ScriptedProduct server, Duration readTimeout,
			int maxConcurrentCalls) {
		Retry retry = Retry.of(product.key(),
				RetryConfig.custom()
					.maxAttempts(3)
					.waitDuration(Duration.ofMillis(50))
					.retryOnException(new RetryableProductFailure())
					.build());
		ProductCapacity capacity = new ProductCapacity(product, maxConcurrentCalls, maxConcurrentCalls,
				this.meterRegistry);
		this.retries.put(product, retry);
		this.capacities.put(product, capacity);
		ObjectMapper objectMapper = new ObjectMapper();
		return new ProductClient(product,
				new ProductClient.Transport(server.baseUrl(), this.http, readTimeout, 1024 * 1024),
				new ProductClient.Resilience(CircuitBreaker.ofDefaults(product.key()), retry, capacity, Duration.ZERO,
						this.timers, Duration.ofSeconds(10)),
				new WidgetValidation(ContractValidator.create(), objectMapper, this.meterRegistry), this.tokens,
				new ProductCallSpans(Tracer.NOOP, Propagator.NOOP), objectMapper, this.meterRegistry);
	}

	private double fallbacks(String reason) {
		return this.meterRegistry.find("home.sections.fallbacks")
			.tag("reason", reason)
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
	}

}
