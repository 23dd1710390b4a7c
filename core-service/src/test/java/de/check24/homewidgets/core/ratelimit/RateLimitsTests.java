package de.check24.homewidgets.core.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;

/**
 * The limits while Redis cannot count: each replica counts in its own memory, so requests
 * are neither refused for want of Redis nor let through uncounted.
 */
class RateLimitsTests {

	private static final RateLimitProperties LIMITS = new RateLimitProperties(true,
			new RateLimitProperties.Limit(3, Duration.ofMinutes(1)),
			new RateLimitProperties.Limit(5, Duration.ofMinutes(1)), List.of());

	private static final RateLimitProperties LEASED_LIMITS = new RateLimitProperties(true,
			new RateLimitProperties.Limit(100, Duration.ofMinutes(1)),
			new RateLimitProperties.Limit(1000, Duration.ofMinutes(1)), List.of());

	private final SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();

	private final CircuitBreaker redis = CircuitBreaker.ofDefaults("redis");

	private final AtomicInteger connections = new AtomicInteger();

	@Test
	void countsInMemoryWithoutTouchingRedisWhileItsBreakerIsOpen() {
		this.redis.transitionToOpenState();
		RateLimits limits = limits(() -> {
			this.connections.incrementAndGet();
			throw new IllegalStateException("Redis must not be asked while its breaker is open");
		});

		for (int request = 1; request <= 3; request++) {
			assertThat(limits.consume("10.0.0.1", 7L)).as("request %d", request).isNull();
		}
		RateLimits.Exceeded exceeded = limits.consume("10.0.0.1", 7L);

		assertThat(exceeded).isNotNull();
		assertThat(exceeded.name()).isEqualTo("user");
		assertThat(exceeded.requests()).isEqualTo(3);
		assertThat(exceeded.window()).isEqualTo(Duration.ofMinutes(1));
		assertThat(exceeded.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
		assertThat(this.connections).hasValue(0);
		assertThat(count("home.rate.limit.local")).isEqualTo(8);
		assertThat(this.meterRegistry.counter("home.rate.limit.rejected", "limit", "user").count()).isEqualTo(1);
	}

	@Test
	void countsInMemoryWhenRedisCannotBeReachedAndTellsTheBreaker() {
		RateLimits limits = limits(() -> {
			this.connections.incrementAndGet();
			throw new IllegalStateException("Connection refused: redis:6379");
		});

		assertThat(limits.consume("10.0.0.1", null)).isNull();

		assertThat(this.connections).hasValue(1);
		assertThat(this.redis.getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
		assertThat(count("home.rate.limit.local")).isEqualTo(1);
	}

	@Test
	void letsANewClientsFirstRequestPassWhileRedisCountsIt() throws Exception {
		CompletableFuture<ConsumptionProbe> redisAnswer = new CompletableFuture<>();
		RateLimits limits = limits(LIMITS, redisAnswering(redisAnswer));

		// Redis has not answered yet (and never would: waiting for it would hang)
		assertThat(assertTimeoutPreemptively(Duration.ofSeconds(5), () -> limits.consume("10.0.0.1", null))).isNull();

		// the client's next request waits for Redis, which says the client used its limit
		// up elsewhere
		CompletableFuture<RateLimits.Exceeded> next = CompletableFuture
			.supplyAsync(() -> limits.consume("10.0.0.1", null));
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !next.isDone());
		redisAnswer
			.complete(ConsumptionProbe.rejected(0, Duration.ofSeconds(20).toNanos(), Duration.ofSeconds(20).toNanos()));
		assertThat(next.get(5, TimeUnit.SECONDS)).isNotNull().extracting(RateLimits.Exceeded::name).isEqualTo("ip");
		assertThat(count("home.rate.limit.local")).isZero();
	}

	@Test
	void letsRequestsPassOnTheLeaseOnItsWayWhileTheBucketIsFarFromItsLimit() throws Exception {
		CompletableFuture<ConsumptionProbe> renewal = new CompletableFuture<>();
		ConsumptionProbe empty = ConsumptionProbe.rejected(0, Duration.ofSeconds(20).toNanos(),
				Duration.ofSeconds(20).toNanos());
		// 1000 a minute per address, leases of 50; the first lease leaves the bucket far
		// from its limit, and its time is up at once
		RateLimits limits = limits(LEASED_LIMITS,
				redisAnswering(CompletableFuture.completedFuture(ConsumptionProbe.consumed(900, 0)), renewal,
						CompletableFuture.completedFuture(empty)));
		assertThat(limits.consume("10.0.0.1", null)).isNull();

		// the next lease's 50 tokens pass before Redis answers (it never would: waiting
		// would hang)
		for (int request = 1; request <= 50; request++) {
			assertThat(assertTimeoutPreemptively(Duration.ofSeconds(5), () -> limits.consume("10.0.0.1", null)))
				.as("request %d", request)
				.isNull();
		}

		// one more waits for that lease, which leaves it nothing, and then for Redis,
		// which finds the bucket empty
		CompletableFuture<RateLimits.Exceeded> next = CompletableFuture
			.supplyAsync(() -> limits.consume("10.0.0.1", null));
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !next.isDone());
		renewal.complete(ConsumptionProbe.consumed(800, Duration.ofSeconds(60).toNanos()));
		assertThat(next.get(5, TimeUnit.SECONDS)).isNotNull().extracting(RateLimits.Exceeded::name).isEqualTo("ip");
	}

	@Test
	void waitsForRedisAfterALeaseRanOutNearTheLimit() throws Exception {
		CompletableFuture<ConsumptionProbe> renewal = new CompletableFuture<>();
		// the first lease left the bucket fewer than four leases (of 50) from its limit
		RateLimits limits = limits(LEASED_LIMITS,
				redisAnswering(CompletableFuture.completedFuture(ConsumptionProbe.consumed(150, 0)), renewal));
		assertThat(limits.consume("10.0.0.1", null)).isNull();

		CompletableFuture<RateLimits.Exceeded> next = CompletableFuture
			.supplyAsync(() -> limits.consume("10.0.0.1", null));
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !next.isDone());
		renewal
			.complete(ConsumptionProbe.rejected(0, Duration.ofSeconds(20).toNanos(), Duration.ofSeconds(20).toNanos()));
		assertThat(next.get(5, TimeUnit.SECONDS)).isNotNull().extracting(RateLimits.Exceeded::name).isEqualTo("ip");
	}

	@Test
	void limitsAnAddressAcrossItsUsersAndAnonymousRequests() {
		this.redis.transitionToOpenState();
		RateLimits limits = limits(this::unreachable);

		for (long userId = 1; userId <= 5; userId++) {
			assertThat(limits.consume("10.0.0.1", (userId % 2 == 0) ? userId : null)).isNull();
		}
		RateLimits.Exceeded exceeded = limits.consume("10.0.0.1", 99L);

		assertThat(exceeded).isNotNull();
		assertThat(exceeded.name()).isEqualTo("ip");
		assertThat(limits.consume("10.0.0.2", 99L)).as("another address, the same user").isNull();
	}

	@Test
	void keepsUsersApartBehindOneAddress() {
		this.redis.transitionToOpenState();
		RateLimits limits = limits(this::unreachable);

		for (int request = 1; request <= 3; request++) {
			limits.consume("10.0.0." + request, 7L);
		}

		assertThat(limits.consume("10.0.0.9", 7L)).isNotNull();
		assertThat(limits.consume("10.0.0.9", 8L)).isNull();
	}

	private RateLimits limits(RateLimitProperties properties, AsyncBucketProxy redisBucket) {
		@SuppressWarnings("unchecked")
		AsyncProxyManager<String> redisBuckets = mock(AsyncProxyManager.class, RETURNS_DEEP_STUBS);
		given(redisBuckets.builder().withOptimization(any()).build(anyString(), any(BucketConfiguration.class)))
			.willReturn(redisBucket);
		return new RateLimits(() -> redisBuckets, this.redis, properties, this.meterRegistry);
	}

	/** A bucket in Redis that answers each call with the next of these answers. */
	@SafeVarargs
	private static AsyncBucketProxy redisAnswering(CompletableFuture<ConsumptionProbe> first,
			CompletableFuture<ConsumptionProbe>... then) {
		AsyncBucketProxy bucket = mock(AsyncBucketProxy.class);
		given(bucket.tryConsumeAndReturnRemaining(anyLong())).willReturn(first, then);
		return bucket;
	}

	private RateLimits limits(Supplier<AsyncProxyManager<String>> connect) {
		return new RateLimits(connect, this.redis, LIMITS, this.meterRegistry);
	}

	private AsyncProxyManager<String> unreachable() {
		throw new IllegalStateException("Redis is unreachable");
	}

	private double count(String meter) {
		return this.meterRegistry.counter(meter).count();
	}

}
