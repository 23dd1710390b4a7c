package de.check24.homewidgets.core.ratelimit;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The buckets requests are counted in: one per client address and one per signed-in user,
 * kept in Redis by Bucket4j so that every replica counts into the same bucket. When Redis
 * is unavailable (the {@code redis} breaker is open or a call fails), each replica counts
 * in buckets of its own memory instead: limits then hold per replica, so a client can get
 * up to the limit times the replica count, but no request is refused for want of Redis
 * and none escapes counting.
 * <p>
 * A call to Redis may take several tokens at once, a lease this replica's next requests
 * of the same client use without asking Redis again, until the bucket's window ends (at
 * most 10 s): at most a twentieth of the limit (5 of the spec's 100 a minute per user, 50
 * of 1000 per address) and only while the bucket has at least four leases left, so near
 * the limit every request asks Redis and the limit holds exactly; one lease at a time per
 * bucket, so a burst of one client's requests takes one lease. A lease never lets a
 * client past its limit; its price is that a client whose requests move to another
 * replica may be refused up to a lease early.
 */
class RateLimits {

	private static final Logger logger = LoggerFactory.getLogger(RateLimits.class);

	/** The most tokens one call to Redis takes for this replica's next requests. */
	private static final long MAX_LEASE = 50;

	/**
	 * The longest leased tokens may be used; they are dropped earlier when the bucket's
	 * window ends, so a lease never crosses into the next window.
	 */
	private static final long LEASE_LIFETIME = TimeUnit.SECONDS.toNanos(10);

	private static final ConsumptionProbe LEASED = ConsumptionProbe.consumed(0, 0);

	private final Supplier<AsyncProxyManager<String>> connect;

	private volatile AsyncProxyManager<String> shared;

	private final CircuitBreaker redis;

	private final Cache<String, Bucket> local = Caffeine.newBuilder()
		.maximumSize(200_000)
		.expireAfterAccess(Duration.ofMinutes(5))
		.build();

	private final Cache<String, Lease> leases = Caffeine.newBuilder()
		.maximumSize(100_000)
		.expireAfterAccess(Duration.ofMinutes(1))
		.build();

	private final Limit user;

	private final Limit ip;

	private final Counter localDecisions;

	RateLimits(Supplier<AsyncProxyManager<String>> connect, CircuitBreaker redis, RateLimitProperties properties,
			MeterRegistry meterRegistry) {
		this.connect = connect;
		this.redis = redis;
		this.user = new Limit("user", properties.perUser(), meterRegistry);
		this.ip = new Limit("ip", properties.perIp(), meterRegistry);
		this.localDecisions = Counter.builder("home.rate.limit.local")
			.description("Rate limit decisions taken in this replica's memory while Redis was unavailable")
			.register(meterRegistry);
	}

	/**
	 * Counts a request against its client address and, if signed in, its user.
	 * @param address the client address
	 * @param userId the user, {@code null} when anonymous
	 * @return the first limit the request exceeds, or {@code null} when it may pass
	 */
	Exceeded consume(String address, Long userId) {
		CompletableFuture<ConsumptionProbe> byIp = probe(this.ip, "{ip:" + address + "}");
		CompletableFuture<ConsumptionProbe> byUser = (userId != null) ? probe(this.user, "{user:" + userId + "}")
				: null;
		Exceeded exceeded = check(this.ip, byIp);
		Exceeded userExceeded = (byUser != null) ? check(this.user, byUser) : null;
		return (exceeded != null) ? exceeded : userExceeded;
	}

	private CompletableFuture<ConsumptionProbe> probe(Limit limit, String key) {
		String redisKey = "sdui:rate_limit:v1:" + limit.name + ":" + key;
		Lease lease = this.leases.get(redisKey, (ignored) -> new Lease());
		if (lease.take(System.nanoTime())) {
			return CompletableFuture.completedFuture(LEASED);
		}
		if (!this.redis.tryAcquirePermission()) {
			return CompletableFuture.completedFuture(local(limit, redisKey));
		}
		long started = System.nanoTime();
		AsyncProxyManager<String> shared;
		try {
			shared = shared();
		}
		catch (RuntimeException ex) {
			this.redis.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, ex);
			return CompletableFuture.completedFuture(local(limit, redisKey));
		}
		AsyncBucketProxy bucket = shared.builder()
			.withOptimization(Optimizations.batching())
			.build(redisKey, limit.configuration);
		long wanted = lease.size(limit.lease);
		return bucket.tryConsumeAndReturnRemaining(wanted)
			.thenCompose((probe) -> (probe.isConsumed() || wanted == 1)
					? CompletableFuture.completedFuture(new Taken(probe, wanted))
					// less than a lease left in the bucket: this request alone
					: bucket.tryConsumeAndReturnRemaining(1).thenApply((single) -> new Taken(single, 1)))
			.handle((taken, failure) -> {
				lease.settled(wanted);
				long elapsed = System.nanoTime() - started;
				if (failure != null) {
					this.redis.onError(elapsed, TimeUnit.NANOSECONDS, failure);
					logger.debug("Rate limit in Redis failed, counting locally: {}", failure.toString());
					return local(limit, redisKey);
				}
				this.redis.onSuccess(elapsed, TimeUnit.NANOSECONDS);
				lease.answered(taken, System.nanoTime());
				return taken.probe();
			});
	}

	private AsyncProxyManager<String> shared() {
		AsyncProxyManager<String> current = this.shared;
		if (current == null) {
			synchronized (this) {
				if (this.shared == null) {
					this.shared = this.connect.get();
				}
				current = this.shared;
			}
		}
		return current;
	}

	private ConsumptionProbe local(Limit limit, String key) {
		this.localDecisions.increment();
		return this.local.get(key, (ignored) -> Bucket.builder().addLimit(limit.bandwidth.get()).build())
			.tryConsumeAndReturnRemaining(1);
	}

	private static Exceeded check(Limit limit, CompletableFuture<ConsumptionProbe> pending) {
		ConsumptionProbe probe = pending.join();
		if (probe.isConsumed()) {
			return null;
		}
		limit.rejected.increment();
		return new Exceeded(limit.name, limit.requests, limit.window,
				Duration.ofNanos(probe.getNanosToWaitForRefill()));
	}

	/**
	 * A limit a request exceeded.
	 *
	 * @param name {@code user} or {@code ip}
	 * @param requests how many requests the limit allows
	 * @param window in which window
	 * @param retryAfter when the next request would pass
	 */
	record Exceeded(String name, long requests, Duration window, Duration retryAfter) {

	}

	private static final class Limit {

		private final String name;

		private final long requests;

		private final Duration window;

		private final Supplier<Bandwidth> bandwidth;

		private final BucketConfiguration configuration;

		/** Tokens one call may lease: a twentieth of the limit. */
		private final long lease;

		private final Counter rejected;

		Limit(String name, RateLimitProperties.Limit limit, MeterRegistry meterRegistry) {
			this.name = name;
			this.requests = limit.requests();
			this.window = limit.per();
			this.bandwidth = () -> Bandwidth.builder()
				.capacity(limit.requests())
				.refillIntervally(limit.requests(), limit.per())
				.build();
			this.configuration = BucketConfiguration.builder().addLimit(this.bandwidth.get()).build();
			this.lease = Math.max(1, Math.min(MAX_LEASE, limit.requests() / 20));
			this.rejected = Counter.builder("home.rate.limit.rejected")
				.description("Requests refused with 429 because a rate limit was exceeded")
				.tag("limit", name)
				.register(meterRegistry);
		}

	}

	/**
	 * What a call to Redis took: the probe, and how many tokens it consumed.
	 */
	private record Taken(ConsumptionProbe probe, long tokens) {

	}

	/**
	 * What this replica knows of one shared bucket: the tokens it leased and has not used
	 * yet, and what the bucket had left after its last call.
	 */
	private static final class Lease {

		private long tokens;

		private long expiresAt;

		/** Tokens left in the shared bucket after the last call; -1 before the first. */
		private long remaining = -1;

		private boolean leasing;

		synchronized boolean take(long now) {
			if (this.tokens > 0 && now - this.expiresAt < 0) {
				this.tokens--;
				return true;
			}
			return false;
		}

		/**
		 * How many tokens the next call to Redis should take.
		 * @param most the limit's lease
		 * @return the lease while the bucket has at least four of them left, else 1
		 */
		synchronized long size(long most) {
			// one lease in flight per bucket: a burst of one client's requests arriving
			// at
			// once would otherwise each take a lease and drain the bucket
			if (most > 1 && !this.leasing && this.remaining >= most * 4) {
				this.leasing = true;
				return most;
			}
			return 1;
		}

		synchronized void settled(long asked) {
			if (asked > 1) {
				this.leasing = false;
			}
		}

		synchronized void answered(Taken taken, long now) {
			this.remaining = taken.probe().getRemainingTokens();
			if (taken.probe().isConsumed() && taken.tokens() > 1) {
				// one of them is this request's
				this.tokens = ((now - this.expiresAt < 0) ? this.tokens : 0) + taken.tokens() - 1;
				this.expiresAt = now + Math.min(taken.probe().getNanosToWaitForReset(), LEASE_LIFETIME);
			}
		}

	}

}
