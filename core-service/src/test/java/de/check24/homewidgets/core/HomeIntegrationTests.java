package de.check24.homewidgets.core;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import de.check24.homewidgets.core.cache.NearCache;
import de.check24.homewidgets.core.products.Product;
import de.check24.homewidgets.core.viewer.Viewer;
import de.check24.homewidgets.core.support.CoreIntegrationTest;
import de.check24.homewidgets.core.support.HttpTestClient;
import de.check24.homewidgets.core.support.MutableClock;
import de.check24.homewidgets.core.support.StubProduct;
import de.check24.homewidgets.core.support.StubProducts;
import de.check24.homewidgets.core.support.Tokens;
import de.check24.homewidgets.infrastructure.LocalRedis;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@CoreIntegrationTest
class HomeIntegrationTests {

	private static final Duration TTL = Duration.ofHours(1);

	private static final Duration GRACE = Duration.ofMinutes(5);

	private final StubProducts stubs = StubProducts.shared();

	private final ObjectMapper objectMapper = new ObjectMapper();

	@LocalServerPort
	int port;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	CircuitBreakerRegistry circuitBreakers;

	@Autowired
	NearCache nearCache;

	@Autowired
	MutableClock clock;

	@Autowired
	MeterRegistry meterRegistry;

	HttpTestClient http;

	@BeforeEach
	void freshStart() {
		LocalRedis.shared().start();
		this.stubs.reset();
		this.clock.reset();
		this.redis.execute((RedisCallback<Object>) (connection) -> {
			connection.serverCommands().flushAll();
			return null;
		});
		this.circuitBreakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
		this.nearCache.clear();
		this.http = new HttpTestClient(this.port);
	}

	@AfterEach
	void releaseStubs() {
		this.stubs.reset();
	}

	private StubProduct stub(Product product) {
		return this.stubs.get(product);
	}

	private JsonNode json(HttpResponse<String> response) {
		try {
			return this.objectMapper.readTree(response.body());
		}
		catch (Exception ex) {
			throw new IllegalStateException(response.body(), ex);
		}
	}

	private List<String> titles(HttpResponse<String> response, Product product) {
		List<String> titles = new ArrayList<>();
		json(response).path("services")
			.path(product.section())
			.path("widgets")
			.forEach((widget) -> titles.add(widget.path("data").path("title").asText()));
		return titles;
	}

	private List<String> widgetIds(HttpResponse<String> response, Product product) {
		List<String> ids = new ArrayList<>();
		json(response).path("services")
			.path(product.section())
			.path("widgets")
			.forEach((widget) -> ids.add(widget.path("widget_id").asText()));
		return ids;
	}

	private int totalCalls() {
		int calls = 0;
		for (StubProduct stub : this.stubs.all()) {
			calls += stub.widgetCalls();
		}
		return calls;
	}

	private static long millisOf(Runnable action) {
		long start = System.nanoTime();
		action.run();
		return Duration.ofNanos(System.nanoTime() - start).toMillis();
	}

	@Nested
	class ServedFromMemory {

		@Test
		void answersLikeTheFullStackWithBodyEtagAndHeaders() {
			HttpResponse<String> assembled = http.home(123L);
			HttpResponse<String> fromMemory = http.home(123L);
			assertThat(fromMemory.statusCode()).isEqualTo(200);
			assertThat(fromMemory.body()).isEqualTo(assembled.body());
			for (String header : List.of("ETag", "Cache-Control", "Vary", "Content-Type", "X-Content-Type-Options",
					"X-Frame-Options")) {
				assertThat(fromMemory.headers().allValues(header)).as(header)
					.isEqualTo(assembled.headers().allValues(header));
			}
			assertThat(totalCalls()).isEqualTo(4);
		}

		@Test
		void answersNotModifiedForTheEtagTheClientHas() {
			String etag = http.home(123L).headers().firstValue("ETag").orElseThrow();
			HttpResponse<String> revalidated = http.get("/home", "Authorization", "Bearer " + Tokens.forUser(123),
					"If-None-Match", etag);
			assertThat(revalidated.statusCode()).isEqualTo(304);
			assertThat(revalidated.body()).isEmpty();
		}

		@Test
		void refusesAnExpiredOrForgedTokenEvenWhenThatUsersPageIsInMemory() {
			assertThat(http.home(123L).statusCode()).isEqualTo(200);
			HttpResponse<String> expired = http.get("/home", "Authorization", "Bearer " + Tokens.expiredForUser(123));
			HttpResponse<String> forged = http.get("/home", "Authorization",
					"Bearer " + Tokens.signedWithAnotherKey(123));
			assertThat(expired.statusCode()).isEqualTo(401);
			assertThat(forged.statusCode()).isEqualTo(401);
			assertThat(forged.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		}

		@Test
		void leavesCrossOriginRequestsToTheFullStackForCors() {
			assertThat(http.home(null).statusCode()).isEqualTo(200);
			HttpResponse<String> crossOrigin = http.get("/home", "Origin", "http://localhost:3000");
			assertThat(crossOrigin.statusCode()).isEqualTo(200);
			assertThat(crossOrigin.headers().firstValue("Access-Control-Allow-Origin"))
				.hasValue("http://localhost:3000");
			assertThat(crossOrigin.headers().firstValue("Access-Control-Expose-Headers"))
				.hasValueSatisfying((exposed) -> assertThat(exposed).contains("ETag"));
		}

	}

	@Nested
	class GetHome {

		@Test
		void servesEverySectionOrderedByPriorityAndTaggedWithItsService() {
			HttpResponse<String> response = HomeIntegrationTests.this.http.home(123L);

			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
			JsonNode home = json(response);
			assertThat(home.path("cache_key").asText()).isEqualTo("sdui:home_page:v1:user:123");
			assertThat(home.path("timestamp").asText()).isNotBlank();
			for (Product product : Product.values()) {
				JsonNode section = home.path("services").path(product.section());
				assertThat(section.path("title").asText()).isEqualTo(product.title());
				assertThat(section.path("widgets")).hasSize(2);
				assertThat(section.path("widgets").get(0).path("priority").asInt()).isEqualTo(1);
				assertThat(section.path("widgets").get(1).path("priority").asInt()).isEqualTo(2);
				section.path("widgets")
					.forEach((widget) -> assertThat(widget.path("service").asText()).isEqualTo(product.section()));
			}
			assertThat(home.path("services").fieldNames()).toIterable()
				.containsExactly("car_insurance", "health_insurance", "house_insurance", "banking");
		}

		@Test
		void personalisesByTokenSubjectAndKeepsUsersApart() {
			HttpResponse<String> user123 = HomeIntegrationTests.this.http.home(123L);
			HttpResponse<String> user456 = HomeIntegrationTests.this.http.home(456L);
			HttpResponse<String> anonymous = HomeIntegrationTests.this.http.home(null);

			StubProduct car = stub(Product.CAR_INSURANCE);
			assertThat(titles(user123, Product.CAR_INSURANCE)).first().isEqualTo(car.title(123L, "v1"));
			assertThat(titles(user456, Product.CAR_INSURANCE)).first().isEqualTo(car.title(456L, "v1"));
			assertThat(titles(anonymous, Product.CAR_INSURANCE)).first().isEqualTo(car.title(null, "v1"));
			assertThat(json(anonymous).path("cache_key").asText()).isEqualTo("sdui:home_page:v1:anonymous");
			assertThat(car.userIds()).containsExactly("123", "456", "<none>");
			assertThat(HomeIntegrationTests.this.redis.keys("sdui:home_page:v1:*"))
				.contains("sdui:home_page:v1:user:123", "sdui:home_page:v1:user:456", "sdui:home_page:v1:anonymous");
			assertThat(user123.headers().firstValue("ETag")).isNotEqualTo(user456.headers().firstValue("ETag"));
		}

		@Test
		void servesRepeatedRequestsFromCacheWithoutAskingTheProducts() {
			HomeIntegrationTests.this.http.home(123L);
			HomeIntegrationTests.this.http.home(123L);
			HomeIntegrationTests.this.nearCache.clear(); // next one comes from Redis
			HttpResponse<String> fromRedis = HomeIntegrationTests.this.http.home(123L);

			assertThat(fromRedis.statusCode()).isEqualTo(200);
			assertThat(titles(fromRedis, Product.BANKING)).first().isEqualTo(stub(Product.BANKING).title(123L, "v1"));
			HomeIntegrationTests.this.stubs.all().forEach((stub) -> assertThat(stub.widgetCalls()).isEqualTo(1));
		}

		@Test
		void rejectsTokenWithWrongSignatureWithProblemDetail() {
			HttpResponse<String> response = HomeIntegrationTests.this.http.get("/home", "Authorization",
					"Bearer " + Tokens.signedWithAnotherKey(123));

			assertUnauthorizedProblem(response);
		}

		@Test
		void rejectsExpiredTokenWithProblemDetail() {
			HttpResponse<String> response = HomeIntegrationTests.this.http.get("/home", "Authorization",
					"Bearer " + Tokens.expiredForUser(123));

			assertUnauthorizedProblem(response);
		}

		@Test
		void rejectsTokenWithoutNumericSubject() {
			HttpResponse<String> response = HomeIntegrationTests.this.http.get("/home", "Authorization",
					"Bearer " + Tokens.withSubject("alice"));

			assertUnauthorizedProblem(response);
		}

		@Test
		void rejectsMalformedToken() {
			HttpResponse<String> response = HomeIntegrationTests.this.http.get("/home", "Authorization",
					"Bearer not-a-jwt");

			assertUnauthorizedProblem(response);
			assertThat(totalCalls()).isZero();
		}

		private void assertUnauthorizedProblem(HttpResponse<String> response) {
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(response.headers().firstValue("WWW-Authenticate"))
				.hasValueSatisfying((value) -> assertThat(value).startsWith("Bearer"));
			JsonNode problem = json(response);
			assertThat(problem.path("status").asInt()).isEqualTo(401);
			assertThat(problem.path("type").asText()).isEqualTo("https://homewidgets.check24.de/problems/unauthorized");
		}

		@Test
		void answersNotModifiedWhenTheClientHasThePage() {
			HttpResponse<String> first = HomeIntegrationTests.this.http.home(123L);
			String etag = first.headers().firstValue("ETag").orElseThrow();

			HttpResponse<String> second = HomeIntegrationTests.this.http.get("/home", "Authorization",
					"Bearer " + Tokens.forUser(123), "If-None-Match", etag);

			assertThat(second.statusCode()).isEqualTo(304);
			assertThat(second.body()).isEmpty();
			assertThat(second.headers().firstValue("ETag")).hasValue(etag);
		}

		@Test
		void answersInFullWhenTheClientsPageIsOutdated() {
			HttpResponse<String> response = HomeIntegrationTests.this.http.get("/home", "Authorization",
					"Bearer " + Tokens.forUser(123), "If-None-Match", "\"outdated\"");

			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).contains("car_insurance");
		}

		@Test
		void passesDataFieldsTheCoreDoesNotKnowThroughToTheClient() {
			stub(Product.CAR_INSURANCE).withFutureDataField();

			JsonNode fresh = json(HomeIntegrationTests.this.http.home(123L));
			HomeIntegrationTests.this.nearCache.clear();
			JsonNode fromRedis = json(HomeIntegrationTests.this.http.home(123L));

			for (JsonNode home : List.of(fresh, fromRedis)) {
				JsonNode data = home.path("services").path("car_insurance").path("widgets").get(0).path("data");
				assertThat(data.path("countdown").path("ends_at").asText()).isEqualTo("2026-12-01T00:00:00Z");
				assertThat(data.path("countdown").path("label").asText()).isEqualTo("Nur noch heute");
				assertThat(data.path("pricing").path("price").asDouble()).isEqualTo(89.0);
			}
			assertThat(stub(Product.CAR_INSURANCE).widgetCalls()).isEqualTo(1);
		}

		@Test
		void asksClientsToRevalidateAndKeepsPersonalPagesPrivate() {
			HttpResponse<String> personal = HomeIntegrationTests.this.http.home(123L);
			HttpResponse<String> anonymous = HomeIntegrationTests.this.http.home(null);

			assertThat(personal.headers().firstValue("Cache-Control")).hasValue("private, no-cache");
			assertThat(anonymous.headers().firstValue("Cache-Control")).hasValue("no-cache");
			assertThat(personal.headers().firstValue("ETag"))
				.hasValueSatisfying((etag) -> assertThat(etag).matches("\"[A-Za-z0-9_-]+\""));
			// CORS adds Vary: Origin, ... as a header of its own
			assertThat(String.join(",", personal.headers().allValues("Vary"))).contains("Authorization");
		}

	}

	@Nested
	class DegradedModes {

		@Test
		void servesFallbackForTheFailingProductAndTheOthersNormally() {
			stub(Product.HEALTH_INSURANCE).failing();

			HttpResponse<String> response = HomeIntegrationTests.this.http.home(123L);

			assertThat(response.statusCode()).isEqualTo(200);
			JsonNode health = json(response).path("services").path("health_insurance");
			assertThat(health.path("title").asText()).isEqualTo("Health Insurance Deals");
			assertThat(health.path("widgets")).hasSize(1);
			JsonNode fallback = health.path("widgets").get(0);
			assertThat(fallback.path("widget_id").asText()).isEqualTo("fallback_error_card");
			assertThat(fallback.path("component_type").asText()).isEqualTo("Card");
			assertThat(fallback.path("priority").asInt()).isZero();
			assertThat(fallback.path("service").asText()).isEqualTo("health_insurance");
			assertThat(fallback.path("data").path("title").asText()).isEqualTo("Service Temporarily Unavailable");
			assertThat(fallback.path("data").path("content").asText())
				.isEqualTo("We're working on it. Please try again soon.");
			assertThat(titles(response, Product.CAR_INSURANCE)).first()
				.isEqualTo(stub(Product.CAR_INSURANCE).title(123L, "v1"));
			// three attempts: 500 is retried
			assertThat(stub(Product.HEALTH_INSURANCE).widgetCalls()).isEqualTo(3);
		}

		@Test
		void neverCachesTheFallbackAsContent() {
			stub(Product.HEALTH_INSURANCE).failing();
			HomeIntegrationTests.this.http.home(123L);
			stub(Product.HEALTH_INSURANCE).serving();

			HttpResponse<String> recovered = HomeIntegrationTests.this.http.home(123L);

			assertThat(titles(recovered, Product.HEALTH_INSURANCE)).first()
				.isEqualTo(stub(Product.HEALTH_INSURANCE).title(123L, "v1"));
			assertThat(HomeIntegrationTests.this.redis.opsForHash()
				.hasKey("sdui:home_page:v1:user:123", "health_insurance")).isTrue();
			// the others came from the cache
			assertThat(stub(Product.CAR_INSURANCE).widgetCalls()).isEqualTo(1);
		}

		@Test
		void dropsAnInvalidWidgetAndServesTheRestOfTheSection() {
			stub(Product.BANKING).withInvalidWidget();
			double droppedBefore = dropped(Product.BANKING);

			HttpResponse<String> response = HomeIntegrationTests.this.http.home(123L);

			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(widgetIds(response, Product.BANKING)).containsExactly("banking_v1_123_a", "banking_v1_123_b");
			assertThat(dropped(Product.BANKING)).isEqualTo(droppedBefore + 1);
		}

		private double dropped(Product product) {
			var counter = HomeIntegrationTests.this.meterRegistry.find("home.widgets.dropped")
				.tag("service", product.key())
				.counter();
			return (counter != null) ? counter.count() : 0;
		}

		@Test
		void asksTheProductsInParallel() {
			stub(Product.HOUSE_INSURANCE).slow(Duration.ofSeconds(1));

			long elapsed = millisOf(
					() -> assertThat(HomeIntegrationTests.this.http.home(123L).statusCode()).isEqualTo(200));

			// sequential calls would take at least 1 s plus three more round trips; the
			// bench
			// measures the real overhead
			assertThat(elapsed).isBetween(1000L, 1800L);
		}

		@Test
		void fallsBackWhenAProductHangsPastItsTimeoutWithoutDelayingTheOthersFurther() {
			stub(Product.CAR_INSURANCE).slow(Duration.ofSeconds(30));

			long[] elapsed = new long[1];
			HttpResponse<String>[] response = new HttpResponse[1];
			elapsed[0] = millisOf(() -> response[0] = HomeIntegrationTests.this.http.home(123L));

			assertThat(response[0].statusCode()).isEqualTo(200);
			assertThat(widgetIds(response[0], Product.CAR_INSURANCE)).containsExactly("fallback_error_card");
			assertThat(titles(response[0], Product.BANKING)).first().isEqualTo(stub(Product.BANKING).title(123L, "v1"));
			// one attempt (timeouts are not retried) of the test's 1.5 s read timeout
			assertThat(elapsed[0]).isLessThan(2500L);
			assertThat(stub(Product.CAR_INSURANCE).widgetCalls()).isEqualTo(1);
		}

		@Test
		void opensTheBreakerAfterFiveFailuresAndThenSpendsNoTimeOnThatProduct() {
			StubProduct car = stub(Product.CAR_INSURANCE).failing();
			HomeIntegrationTests.this.http.home(123L);
			HomeIntegrationTests.this.http.home(123L);

			assertThat(car.widgetCalls()).isEqualTo(5);
			assertThat(HomeIntegrationTests.this.circuitBreakers.circuitBreaker("car-insurance").getState())
				.isEqualTo(CircuitBreaker.State.OPEN);

			car.slow(Duration.ofSeconds(30));
			HttpResponse<String>[] response = new HttpResponse[1];
			long elapsed = millisOf(() -> response[0] = HomeIntegrationTests.this.http.home(123L));

			assertThat(response[0].statusCode()).isEqualTo(200);
			assertThat(widgetIds(response[0], Product.CAR_INSURANCE)).containsExactly("fallback_error_card");
			assertThat(elapsed).isLessThan(300L);
			assertThat(car.widgetCalls()).isEqualTo(5);
		}

		@Test
		void answers503WithRetryAfterAndTheFallbackShapeWhenAllProductsAreDownAndNothingIsCached() {
			HomeIntegrationTests.this.stubs.all().forEach(StubProduct::failing);

			HttpResponse<String> response = HomeIntegrationTests.this.http.home(123L);

			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(response.headers().firstValue("Retry-After")).hasValue("10");
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
			for (Product product : Product.values()) {
				assertThat(widgetIds(response, product)).containsExactly("fallback_error_card");
			}
			assertThat(json(response).path("cache_key").asText()).isEqualTo("sdui:home_page:v1:user:123");
		}

		@Test
		void servesExpiredSectionsWhenAllProductsAreDown() {
			HomeIntegrationTests.this.http.home(123L);
			HomeIntegrationTests.this.stubs.all().forEach(StubProduct::failing);
			HomeIntegrationTests.this.clock.advance(TTL.plus(GRACE).plusMinutes(1));

			HttpResponse<String> response = HomeIntegrationTests.this.http.home(123L);

			assertThat(response.statusCode()).isEqualTo(200);
			for (Product product : Product.values()) {
				assertThat(titles(response, product)).first().isEqualTo(stub(product).title(123L, "v1"));
			}
		}

		@Test
		void keepsServingWhileRedisIsDownAndResumesCachingWhenItIsBack() {
			LocalRedis redisServer = LocalRedis.shared();
			redisServer.stop();
			try {
				HttpResponse<String>[] response = new HttpResponse[1];
				long elapsed = millisOf(() -> response[0] = HomeIntegrationTests.this.http.home(123L));

				assertThat(response[0].statusCode()).isEqualTo(200);
				assertThat(titles(response[0], Product.CAR_INSURANCE)).first()
					.isEqualTo(stub(Product.CAR_INSURANCE).title(123L, "v1"));
				assertThat(elapsed).isLessThan(1500L);
			}
			finally {
				redisServer.start();
			}
			await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
				HomeIntegrationTests.this.nearCache.evict(Viewer.user(123));
				assertThat(HomeIntegrationTests.this.http.home(123L).statusCode()).isEqualTo(200);
				assertThat(HomeIntegrationTests.this.redis.hasKey("sdui:home_page:v1:user:123")).isTrue();
			});
		}

	}

	@Nested
	class Caching {

		@Test
		void coalescesConcurrentColdRequestsIntoOneCallPerProduct() throws Exception {
			HomeIntegrationTests.this.stubs.all().forEach((stub) -> stub.slow(Duration.ofMillis(300)));
			ExecutorService clients = Executors.newFixedThreadPool(20);
			try {
				List<Callable<HttpResponse<String>>> requests = new ArrayList<>();
				for (int i = 0; i < 20; i++) {
					requests.add(() -> HomeIntegrationTests.this.http.home(777L));
				}
				List<String> etags = new ArrayList<>();
				for (Future<HttpResponse<String>> response : clients.invokeAll(requests)) {
					assertThat(response.get().statusCode()).isEqualTo(200);
					etags.add(response.get().headers().firstValue("ETag").orElseThrow());
				}
				assertThat(etags).containsOnly(etags.get(0));
			}
			finally {
				clients.shutdownNow();
			}
			HomeIntegrationTests.this.stubs.all().forEach((stub) -> assertThat(stub.widgetCalls()).isEqualTo(1));
		}

		@Test
		void servesTheStaleHomeAtOnceWhileExactlyOneRefreshRuns() throws Exception {
			HomeIntegrationTests.this.http.home(123L);
			HomeIntegrationTests.this.stubs.all().forEach((stub) -> stub.version("v2").slow(Duration.ofMillis(500)));
			HomeIntegrationTests.this.clock.advance(TTL.plusSeconds(1));

			ExecutorService clients = Executors.newFixedThreadPool(10);
			try {
				List<Callable<HttpResponse<String>>> requests = new ArrayList<>();
				for (int i = 0; i < 10; i++) {
					requests.add(() -> HomeIntegrationTests.this.http.home(123L));
				}
				long started = System.nanoTime();
				for (Future<HttpResponse<String>> response : clients.invokeAll(requests)) {
					assertThat(titles(response.get(), Product.CAR_INSURANCE)).first()
						.isEqualTo(stub(Product.CAR_INSURANCE).title(123L, "v1"));
				}
				// none of them waited for the 500 ms refresh
				assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(450));
			}
			finally {
				clients.shutdownNow();
			}

			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(
						() -> assertThat(titles(HomeIntegrationTests.this.http.home(123L), Product.CAR_INSURANCE))
							.first()
							.isEqualTo(stub(Product.CAR_INSURANCE).title(123L, "v2")));
			HomeIntegrationTests.this.http.home(123L);
			HomeIntegrationTests.this.stubs.all().forEach((stub) -> assertThat(stub.widgetCalls()).isEqualTo(2));
		}

		@Test
		void leavesTheRefreshToTheReplicaHoldingTheLock() {
			HomeIntegrationTests.this.http.home(321L);
			HomeIntegrationTests.this.redis.opsForValue()
				.set("sdui:home_page:v1:refresh_lock:user:321", "another-replica", Duration.ofSeconds(30));
			HomeIntegrationTests.this.clock.advance(TTL.plusSeconds(1));

			HttpResponse<String> stale = HomeIntegrationTests.this.http.home(321L);

			assertThat(stale.statusCode()).isEqualTo(200);
			await().during(Duration.ofMillis(700))
				.atMost(Duration.ofSeconds(2))
				.until(() -> stub(Product.CAR_INSURANCE).widgetCalls() == 1);

			HomeIntegrationTests.this.redis.delete("sdui:home_page:v1:refresh_lock:user:321");
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				HomeIntegrationTests.this.http.home(321L);
				assertThat(stub(Product.CAR_INSURANCE).widgetCalls()).isEqualTo(2);
			});
		}

		@Test
		void fetchesOnlyTheSectionsMissingFromTheCache() {
			HomeIntegrationTests.this.http.home(123L);
			HomeIntegrationTests.this.redis.opsForHash().delete("sdui:home_page:v1:user:123", "banking");
			HomeIntegrationTests.this.nearCache.clear();

			HomeIntegrationTests.this.http.home(123L);

			assertThat(stub(Product.BANKING).widgetCalls()).isEqualTo(2);
			assertThat(stub(Product.CAR_INSURANCE).widgetCalls()).isEqualTo(1);
		}

	}

	@Nested
	class InvalidateCache {

		private static final String TOKEN = "local-dev-service-token";

		private HttpResponse<String> invalidate(String body, String... headers) {
			return HomeIntegrationTests.this.http.post("/cache/invalidate", body, headers);
		}

		@Test
		void rejectsCallersWithoutTheServiceToken() {
			HttpResponse<String> response = invalidate("{\"user_id\": 123, \"reason\": \"contract_created\"}");

			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(json(response).path("type").asText())
				.isEqualTo("https://homewidgets.check24.de/problems/invalid-service-token");
		}

		@Test
		void rejectsAWrongServiceTokenAndAUserToken() {
			assertThat(invalidate("{\"user_id\": 123}", "X-Service-Token", "guess").statusCode()).isEqualTo(401);
			assertThat(invalidate("{\"user_id\": 123}", "Authorization", "Bearer " + Tokens.forUser(123)).statusCode())
				.isEqualTo(401);
		}

		@Test
		void refetchesOnlyTheInvalidatedSectionOfThatUser() {
			HomeIntegrationTests.this.http.home(123L);
			HomeIntegrationTests.this.http.home(456L);
			stub(Product.CAR_INSURANCE).version("v2");

			HttpResponse<String> response = invalidate(
					"{\"user_id\": 123, \"service\": \"car-insurance\", \"reason\": \"contract_created\"}",
					"X-Service-Token", TOKEN);

			assertThat(response.statusCode()).isEqualTo(202);
			assertThat(json(response).path("user_id").asLong()).isEqualTo(123);
			HttpResponse<String> user123 = HomeIntegrationTests.this.http.home(123L);
			HttpResponse<String> user456 = HomeIntegrationTests.this.http.home(456L);
			assertThat(titles(user123, Product.CAR_INSURANCE)).first()
				.isEqualTo(stub(Product.CAR_INSURANCE).title(123L, "v2"));
			assertThat(titles(user456, Product.CAR_INSURANCE)).first()
				.isEqualTo(stub(Product.CAR_INSURANCE).title(456L, "v1"));
			assertThat(stub(Product.CAR_INSURANCE).userIds()).containsExactly("123", "456", "123");
			assertThat(stub(Product.BANKING).widgetCalls()).isEqualTo(2);
		}

		@Test
		void refetchesEverySectionOfThatUserWithoutAService() {
			HomeIntegrationTests.this.http.home(123L);

			assertThat(invalidate("{\"user_id\": 123, \"reason\": \"manual\"}", "X-Service-Token", TOKEN).statusCode())
				.isEqualTo(202);
			HomeIntegrationTests.this.http.home(123L);

			HomeIntegrationTests.this.stubs.all().forEach((stub) -> assertThat(stub.widgetCalls()).isEqualTo(2));
		}

		@Test
		void invalidatesEveryHomeWithoutAUser() {
			HomeIntegrationTests.this.http.home(123L);
			HomeIntegrationTests.this.http.home(null);

			assertThat(invalidate("{\"service\": \"banking\", \"reason\": \"new_offers\"}", "X-Service-Token", TOKEN)
				.statusCode()).isEqualTo(202);
			HomeIntegrationTests.this.http.home(123L);
			HomeIntegrationTests.this.http.home(null);

			assertThat(stub(Product.BANKING).widgetCalls()).isEqualTo(4);
			assertThat(stub(Product.CAR_INSURANCE).widgetCalls()).isEqualTo(2);
		}

		@Test
		void acceptsSectionNamesAsServiceAndRejectsUnknownServices() {
			assertThat(invalidate("{\"user_id\": 1, \"service\": \"car_insurance\"}", "X-Service-Token", TOKEN)
				.statusCode()).isEqualTo(202);

			HttpResponse<String> unknown = invalidate("{\"user_id\": 1, \"service\": \"pet-insurance\"}",
					"X-Service-Token", TOKEN);

			assertThat(unknown.statusCode()).isEqualTo(400);
			assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(json(unknown).path("type").asText())
				.isEqualTo("https://homewidgets.check24.de/problems/unknown-service");
		}

		@Test
		void aFetchThatRacedTheInvalidationDoesNotWriteTheOldPageBack() {
			stub(Product.CAR_INSURANCE).slow(Duration.ofMillis(800));
			ExecutorService client = Executors.newSingleThreadExecutor();
			try {
				Future<HttpResponse<String>> racing = client.submit(() -> HomeIntegrationTests.this.http.home(123L));
				await().atMost(Duration.ofSeconds(2)).until(() -> stub(Product.CAR_INSURANCE).widgetCalls() == 1);

				invalidate("{\"user_id\": 123, \"service\": \"car-insurance\"}", "X-Service-Token", TOKEN);
				assertThat(racing.get().statusCode()).isEqualTo(200);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
			finally {
				client.shutdownNow();
			}

			assertThat(
					HomeIntegrationTests.this.redis.opsForHash().hasKey("sdui:home_page:v1:user:123", "car_insurance"))
				.isFalse();
		}

	}

	@Nested
	class UserContracts {

		@Test
		void listsTheUsersContractsPerSection() {
			stub(Product.CAR_INSURANCE).contract(123, "car_offer_devk");

			HttpResponse<String> response = HomeIntegrationTests.this.http.get("/user/123/contracts", "Authorization",
					"Bearer " + Tokens.forUser(123));

			assertThat(response.statusCode()).isEqualTo(200);
			JsonNode body = json(response);
			assertThat(body.path("has_contract").asBoolean()).isTrue();
			assertThat(body.path("contracts").path("car_insurance").path("widget_id").asText())
				.isEqualTo("car_offer_devk");
			assertThat(body.path("contracts").path("car_insurance").path("data").path("title").asText())
				.isEqualTo("Bought");
			assertThat(body.path("contracts").has("health_insurance")).isTrue();
			assertThat(body.path("contracts").path("health_insurance").isNull()).isTrue();
		}

		@Test
		void forbidsReadingAnotherUsersContracts() {
			HttpResponse<String> response = HomeIntegrationTests.this.http.get("/user/456/contracts", "Authorization",
					"Bearer " + Tokens.forUser(123));

			assertThat(response.statusCode()).isEqualTo(403);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(json(response).path("type").asText())
				.isEqualTo("https://homewidgets.check24.de/problems/forbidden");
		}

		@Test
		void requiresAToken() {
			HttpResponse<String> response = HomeIntegrationTests.this.http.get("/user/123/contracts");

			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		}

	}

	@Nested
	class Health {

		@Test
		void reportsUpWithRedisAndBreakerStates() {
			HttpResponse<String> response = HomeIntegrationTests.this.http.get("/health");

			assertThat(response.statusCode()).isEqualTo(200);
			JsonNode health = json(response);
			assertThat(health.path("status").asText()).isEqualTo("UP");
			assertThat(health.path("redis").asText()).isEqualTo("UP");
			assertThat(health.path("circuit_breakers").path("car-insurance").asText()).isEqualTo("CLOSED");
		}

		@Test
		void exposesActuatorHealthAndPrometheusMetrics() {
			HomeIntegrationTests.this.http.home(123L);

			assertThat(HomeIntegrationTests.this.http.get("/actuator/health").statusCode()).isEqualTo(200);
			HttpResponse<String> prometheus = HomeIntegrationTests.this.http.get("/actuator/prometheus");
			assertThat(prometheus.statusCode()).isEqualTo(200);
			assertThat(prometheus.body()).contains("home_cache_lookups_total", "resilience4j_circuitbreaker_state",
					"resilience4j_retry_calls");
		}

	}

}
