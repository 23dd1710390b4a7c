package de.check24.homewidgets.core.cache;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import de.check24.homewidgets.core.products.Product;
import de.check24.homewidgets.core.support.CoreTestBase;
import de.check24.homewidgets.core.support.StubProduct;
import de.check24.homewidgets.core.support.TestProducts;
import de.check24.homewidgets.infrastructure.LocalRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The stale-while-revalidate policy over real Redis, seen through {@code GET /home}. */
class HomeSectionsIntegrationTests extends CoreTestBase {

	private static final Duration TTL = Duration.ofHours(1);

	private static final Duration GRACE = Duration.ofMinutes(5);

	@Test
	void servesRepeatedRequestsFromCacheWithoutAskingTheProducts() {
		http.home(123L);
		http.home(123L);
		forgetPagesInMemory(); // the next one comes from Redis
		HttpResponse<String> fromRedis = http.home(123L);

		assertThat(fromRedis.statusCode()).isEqualTo(200);
		assertThat(titles(fromRedis, TestProducts.BANKING)).first()
			.isEqualTo(stub(TestProducts.BANKING).title(123L, "v1"));
		stubs.all().forEach((stub) -> assertThat(stub.widgetCalls()).isEqualTo(1));
		assertThat(count("home.cache.lookups", "tier", "redis", "result", "hit")).isGreaterThanOrEqualTo(4);
	}

	@Test
	void coalescesConcurrentColdRequestsIntoOneCallPerProduct() throws Exception {
		stubs.all().forEach(StubProduct::hold);
		ExecutorService clients = Executors.newFixedThreadPool(20);
		try {
			List<Future<HttpResponse<String>>> responses = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				responses.add(clients.submit(() -> http.home(777L)));
			}
			await().atMost(Duration.ofSeconds(5))
				.until(() -> count("home.cache.lookups", "tier", "near", "result", "coalesced") >= 19);
			stubs.all().forEach(StubProduct::release);
			List<String> etags = new ArrayList<>();
			for (Future<HttpResponse<String>> response : responses) {
				assertThat(response.get().statusCode()).isEqualTo(200);
				etags.add(response.get().headers().firstValue("ETag").orElseThrow());
			}
			assertThat(etags).containsOnly(etags.get(0));
		}
		finally {
			clients.shutdownNow();
		}
		stubs.all().forEach((stub) -> assertThat(stub.widgetCalls()).isEqualTo(1));
	}

	@Test
	void servesTheStaleHomeAtOnceWhileExactlyOneRefreshRuns() throws Exception {
		http.home(123L);
		stubs.all().forEach((stub) -> stub.version("v2").hold());
		clock.advance(TTL.plusSeconds(1));

		ExecutorService clients = Executors.newFixedThreadPool(10);
		try {
			List<Callable<HttpResponse<String>>> requests = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				requests.add(() -> http.home(123L));
			}
			for (Future<HttpResponse<String>> response : clients.invokeAll(requests)) {
				assertThat(titles(response.get(), TestProducts.CAR_INSURANCE)).first()
					.isEqualTo(stub(TestProducts.CAR_INSURANCE).title(123L, "v1"));
			}
			// every answer came without waiting for the refresh, which the products still
			// hold: exactly one of it, however many stale answers went out
			await().atMost(Duration.ofSeconds(5)).until(() -> stub(TestProducts.CAR_INSURANCE).inFlight() == 1);
			assertThat(stub(TestProducts.CAR_INSURANCE).widgetCalls()).isEqualTo(2);
		}
		finally {
			clients.shutdownNow();
		}
		stubs.all().forEach(StubProduct::release);

		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(titles(http.home(123L), TestProducts.CAR_INSURANCE)).first()
				.isEqualTo(stub(TestProducts.CAR_INSURANCE).title(123L, "v2")));
		http.home(123L);
		stubs.all().forEach((stub) -> assertThat(stub.widgetCalls()).isEqualTo(2));
	}

	@Test
	void leavesTheRefreshToTheReplicaHoldingTheLock() {
		http.home(321L);
		redis.opsForValue().set("sdui:home_page:v1:{user:321}:lock", "another-replica", Duration.ofSeconds(30));
		clock.advance(TTL.plusSeconds(1));

		HttpResponse<String> stale = http.home(321L);

		assertThat(stale.statusCode()).isEqualTo(200);
		await().during(Duration.ofMillis(700))
			.atMost(Duration.ofSeconds(2))
			.until(() -> stub(TestProducts.CAR_INSURANCE).widgetCalls() == 1);

		redis.delete("sdui:home_page:v1:{user:321}:lock");
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			http.home(321L);
			assertThat(stub(TestProducts.CAR_INSURANCE).widgetCalls()).isEqualTo(2);
		});
	}

	@Test
	void fetchesOnlyTheSectionsMissingFromTheCache() {
		http.home(123L);
		redis.opsForHash().delete("sdui:home_page:v1:{user:123}", "banking");
		forgetPagesInMemory();

		http.home(123L);

		assertThat(stub(TestProducts.BANKING).widgetCalls()).isEqualTo(2);
		assertThat(stub(TestProducts.CAR_INSURANCE).widgetCalls()).isEqualTo(1);
	}

	@Test
	void neverCachesTheFallbackAsContent() {
		stub(TestProducts.HEALTH_INSURANCE).failing();
		http.home(123L);
		stub(TestProducts.HEALTH_INSURANCE).serving();

		HttpResponse<String> recovered = http.home(123L);

		assertThat(titles(recovered, TestProducts.HEALTH_INSURANCE)).first()
			.isEqualTo(stub(TestProducts.HEALTH_INSURANCE).title(123L, "v1"));
		assertThat(redis.opsForHash().hasKey("sdui:home_page:v1:{user:123}", "health_insurance")).isTrue();
		// the others came from the cache
		assertThat(stub(TestProducts.CAR_INSURANCE).widgetCalls()).isEqualTo(1);
	}

	@Test
	void doesNotCacheASectionWhoseWidgetsWereAllInvalid() {
		stub(TestProducts.BANKING).withOnlyInvalidWidgets();
		double invalidBefore = count("home.sections.invalid", "service", "banking");

		HttpResponse<String> response = http.home(123L);

		assertThat(widgetIds(response, TestProducts.BANKING)).containsExactly("fallback_error_card");
		assertThat(redis.opsForHash().hasKey("sdui:home_page:v1:{user:123}", "banking")).isFalse();
		assertThat(count("home.sections.invalid", "service", "banking")).isEqualTo(invalidBefore + 1);
		stub(TestProducts.BANKING).reset();
		assertThat(titles(http.home(123L), TestProducts.BANKING)).first()
			.isEqualTo(stub(TestProducts.BANKING).title(123L, "v1"));
	}

	@Test
	void servesExpiredSectionsWhenAllProductsAreDown() {
		http.home(123L);
		stubs.all().forEach(StubProduct::failing);
		clock.advance(TTL.plus(GRACE).plusMinutes(1));

		HttpResponse<String> response = http.home(123L);

		assertThat(response.statusCode()).isEqualTo(200);
		for (Product product : TestProducts.ALL) {
			assertThat(titles(response, product)).first().isEqualTo(stub(product).title(123L, "v1"));
		}
	}

	@Test
	void answers503WithRetryAfterAndTheFallbackShapeWhenAllProductsAreDownAndNothingIsCached() {
		stubs.all().forEach(StubProduct::failing);

		HttpResponse<String> response = http.home(123L);

		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("10");
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		for (Product product : TestProducts.ALL) {
			assertThat(widgetIds(response, product)).containsExactly("fallback_error_card");
		}
		assertThat(json(response).path("cache_key").asText()).isEqualTo("sdui:home_page:v1:{user:123}");
	}

	@Test
	void keepsServingWhileRedisIsDownAndResumesCachingWhenItIsBack() {
		LocalRedis redisServer = LocalRedis.shared();
		redisServer.stop();
		try {
			HttpResponse<String> response = http.home(123L);

			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(titles(response, TestProducts.CAR_INSURANCE)).first()
				.isEqualTo(stub(TestProducts.CAR_INSURANCE).title(123L, "v1"));
		}
		finally {
			redisServer.start();
		}
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
			forgetPagesInMemory();
			assertThat(http.home(123L).statusCode()).isEqualTo(200);
			assertThat(redis.hasKey("sdui:home_page:v1:{user:123}")).isTrue();
		});
	}

	@Test
	void storesSectionsThatManyHomesShowOnceAndEachHomeOnlyRefersToThem() {
		stubs.all().forEach(StubProduct::sameForEveryone);

		for (long user = 9100; user < 9120; user++) {
			assertThat(http.home(user).statusCode()).isEqualTo(200);
		}
		http.home(null);

		assertThat(redis.keys("sdui:section:v1:*")).hasSize(4);
		assertThat(redis.keys("sdui:home_page:v1:{user:91*}")).hasSize(20);
		// a home refers to its section as "<fetched at>:<digest>"
		assertThat(digestOf("sdui:home_page:v1:{user:9100}")).isEqualTo(digestOf("sdui:home_page:v1:{anonymous}"));
		forgetPagesInMemory();
		assertThat(titles(http.home(9105L), TestProducts.BANKING)).first()
			.isEqualTo(stub(TestProducts.BANKING).title(null, "v1"));
		stubs.all().forEach((stub) -> assertThat(stub.widgetCalls()).isEqualTo(21));
	}

	private String digestOf(String home) {
		return redis.<String, String>opsForHash().get(home, "banking").split(":")[1];
	}

}
