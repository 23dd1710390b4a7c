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
 * bucket, so a burst of one client's requests takes one lease, and the requests that find
 * the lease used up while the next one is on its way take its tokens before it arrives
 * (while Redis's last answer left the bucket at least four leases from its limit) or wait
 * for them (nearer the limit) instead of each calling Redis. The next lease is asked for
 * once half of the current one is used. A lease never lets a client past its limit unless
 * other replicas drove its bucket from four leases short of the limit to the limit while
 * this replica's lease was on its way (then up to a lease per replica got through); its
 * price is that a client whose requests move to another replica may be refused up to a
 * lease and a half early.
 * <p>
 * The first request of a client this replica has not counted yet does not wait for Redis
 * either: it passes while its bucket is asked for the first lease, which takes its token,
 * so it is counted all the same (a cold home for a new user then pays no Redis round trip
 * for its limits). So does the first request after a lease ran out (its 10 s are up, or
 * the window ended) when Redis's last answer left the bucket at least four leases from
 * its limit: a client coming back after a pause does not wait either, nor do the requests
 * of every other client queue behind the leases of all clients running out together. A
 * client already over its limit through other replicas gets that one request through: one
 * per replica, and again after a minute without requests here; a client that other
 * replicas drove from four leases short of its limit to the limit since this replica last
 * asked gets one per replica and lease.
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

	// Both caches are read twice per request: their upkeep runs on the reading thread
	// (a few microseconds now and then) rather than being handed to the common pool,
	// whose wake-ups cost a hit more than the upkeep itself.
	private final Cache<String, Bucket> local = Caffeine.newBuilder()
		.executor(Runnable::run)
		.maximumSize(200_000)
		.expireAfterAccess(Duration.ofMinutes(5))
		.build();

	private final Cache<String, Lease> leases = Caffeine.newBuilder()
		.executor(Runnable::run)
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
		if (fromLease(limit, redisKey, lease)) {
			return CompletableFuture.completedFuture(LEASED);
		}
		CompletableFuture<Void> leasing = lease.leasing();
		if (leasing == null) {
			boolean passes = lease.passesUnasked(limit.lease);
			CompletableFuture<ConsumptionProbe> asked = ask(limit, redisKey, lease);
			// a client this replica has not counted yet, or whose lease ran out while its
			// bucket was far from the limit: the request does not wait for Redis, whose
			// answer counts it all the same
			return (passes && !asked.isDone()) ? CompletableFuture.completedFuture(LEASED) : asked;
		}
		// a lease is on its way: its tokens rather than a call to Redis of our own,
		// taken at once while the bucket is far from its limit
		if (lease.onCredit(System.nanoTime(), limit.lease)) {
			return CompletableFuture.completedFuture(LEASED);
		}
		return leasing.thenCompose((ignored) -> fromLease(limit, redisKey, lease)
				? CompletableFuture.completedFuture(LEASED) : ask(limit, redisKey, lease));
	}

	/**
	 * Takes a token this replica leased, and asks for the next lease in the background
	 * once half of this one is used, so that a busy client's requests do not wait for
	 * Redis.
	 */
	private boolean fromLease(Limit limit, String redisKey, Lease lease) {
		return switch (lease.take(System.nanoTime(), limit.lease)) {
			case TAKEN -> true;
			case TAKEN_RENEW -> {
				renew(limit, redisKey, lease);
				yield true;
			}
			case EMPTY -> false;
		};
	}

	/**
	 * This request's own call to Redis: a lease while the bucket is far from its limit.
	 */
	private CompletableFuture<ConsumptionProbe> ask(Limit limit, String redisKey, Lease lease) {
		if (!this.redis.tryAcquirePermission()) {
			return CompletableFuture.completedFuture(local(limit, redisKey));
		}
		long started = System.nanoTime();
		AsyncBucketProxy bucket = bucket(limit, redisKey, started);
		if (bucket == null) {
			return CompletableFuture.completedFuture(local(limit, redisKey));
		}
		long wanted = lease.size(limit.lease);
		return bucket.tryConsumeAndReturnRemaining(wanted)
			.thenCompose((probe) -> (probe.isConsumed() || wanted == 1)
					? CompletableFuture.completedFuture(new Taken(probe, wanted))
					// less than a lease left in the bucket: this request alone
					: bucket.tryConsumeAndReturnRemaining(1).thenApply((single) -> new Taken(single, 1)))
			.handle((taken, failure) -> {
				long elapsed = System.nanoTime() - started;
				if (failure != null) {
					lease.settled(wanted);
					this.redis.onError(elapsed, TimeUnit.NANOSECONDS, failure);
					logger.debug("Rate limit in Redis failed, counting locally: {}", failure.toString());
					return local(limit, redisKey);
				}
				this.redis.onSuccess(elapsed, TimeUnit.NANOSECONDS);
				// one of them is this request's
				lease.answered(taken.probe(), taken.tokens() - 1, System.nanoTime());
				lease.settled(wanted);
				return taken.probe();
			});
	}

	/**
	 * The next lease, asked for while this one still has tokens: no request waits for it.
	 */
	private void renew(Limit limit, String redisKey, Lease lease) {
		if (!this.redis.tryAcquirePermission()) {
			lease.settled(limit.lease);
			return;
		}
		long started = System.nanoTime();
		AsyncBucketProxy bucket = bucket(limit, redisKey, started);
		if (bucket == null) {
			lease.settled(limit.lease);
			return;
		}
		bucket.tryConsumeAndReturnRemaining(limit.lease).whenComplete((probe, failure) -> {
			long elapsed = System.nanoTime() - started;
			if (failure != null) {
				this.redis.onError(elapsed, TimeUnit.NANOSECONDS, failure);
				logger.debug("Rate limit lease from Redis failed: {}", failure.toString());
			}
			else {
				this.redis.onSuccess(elapsed, TimeUnit.NANOSECONDS);
				// not consumed: less than a lease is left; the next requests ask alone
				lease.answered(probe, probe.isConsumed() ? limit.lease : 0, System.nanoTime());
			}
			lease.settled(limit.lease);
		});
	}

	private AsyncBucketProxy bucket(Limit limit, String redisKey, long started) {
		try {
			return shared().builder().withOptimization(Optimizations.batching()).build(redisKey, limit.configuration);
		}
		catch (RuntimeException ex) {
			this.redis.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, ex);
			return null;
		}
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

	private enum Taking {

		/** A leased token. */
		TAKEN,

		/** A leased token, and this request asks for the next lease in the background. */
		TAKEN_RENEW,

		/** No leased token: the request asks Redis. */
		EMPTY

	}

	/**
	 * What this replica knows of one shared bucket: the tokens it leased and has not used
	 * yet, what the bucket had left after its last call, and the lease on its way.
	 */
	private static final class Lease {

		private long tokens;

		private long expiresAt;

		/**
		 * What is left of the lease before the newest, used first and only until its own
		 * expiry: it may be of the bucket's previous window.
		 */
		private long older;

		private long olderExpiresAt;

		/** Tokens left in the shared bucket after the last call; -1 before the first. */
		private long remaining = -1;

		/** Completes when the lease on its way has been answered; null when none is. */
		private CompletableFuture<Void> leasing;

		private boolean asked;

		/** Whether Redis answered since a request last passed unasked. */
		private boolean answeredSince;

		/**
		 * Requests that passed on the lease on its way, taken from it when it arrives.
		 */
		private long credit;

		synchronized Taking take(long now, long most) {
			if (this.older > 0 && now - this.olderExpiresAt < 0) {
				this.older--;
			}
			else if (this.tokens > 0 && now - this.expiresAt < 0) {
				this.older = 0;
				this.tokens--;
			}
			else {
				return Taking.EMPTY;
			}
			if ((this.older + this.tokens) * 2 <= most && farFromLimit(most)) {
				this.leasing = new CompletableFuture<>();
				return Taking.TAKEN_RENEW;
			}
			return Taking.TAKEN;
		}

		/**
		 * Takes a token of the lease on its way, before it arrives, while Redis's last
		 * answer left the bucket at least four leases from its limit: at most a lease
		 * less one (the asking request's own). Tokens that arrived meanwhile are taken
		 * first.
		 * @param now when
		 * @param most the limit's lease, which is what is on its way
		 * @return whether the request passes
		 */
		synchronized boolean onCredit(long now, long most) {
			// not take(): a renewal it started here would never be sent
			if (this.tokens > 0 && now - this.expiresAt < 0) {
				this.tokens--;
				return true;
			}
			if (this.leasing == null || this.remaining < most * 4 || this.credit >= most - 1) {
				return false;
			}
			this.credit++;
			return true;
		}

		synchronized CompletableFuture<Void> leasing() {
			return this.leasing;
		}

		/**
		 * Whether the request about to ask Redis may pass without waiting for the answer:
		 * the bucket's first request on this replica, or the first after a lease ran out
		 * (its time is up) when Redis's last answer left the bucket at least four leases
		 * from its limit. Once per answer, so that while Redis fails the requests wait
		 * for its answers again.
		 * @param most the limit's lease
		 * @return whether it passes
		 */
		synchronized boolean passesUnasked(long most) {
			boolean passes = !this.asked || (this.answeredSince && farFromLimit(most));
			this.asked = true;
			this.answeredSince = false;
			return passes;
		}

		/**
		 * How many tokens a request's own call to Redis should take.
		 * @param most the limit's lease
		 * @return the lease while the bucket has at least four of them left, else 1
		 */
		synchronized long size(long most) {
			// one lease on its way per bucket: a burst of one client's requests arriving
			// at once would otherwise each take a lease and drain the bucket
			if (farFromLimit(most)) {
				this.leasing = new CompletableFuture<>();
				return most;
			}
			return 1;
		}

		private boolean farFromLimit(long most) {
			// a bucket this replica has not asked yet is leased from too: a new
			// client's burst waits for one lease instead of each asking Redis
			return most > 1 && this.leasing == null && (this.remaining < 0 || this.remaining >= most * 4);
		}

		void settled(long asked) {
			if (asked == 1) {
				return;
			}
			CompletableFuture<Void> answered;
			synchronized (this) {
				answered = this.leasing;
				this.leasing = null;
				// a lease that did not come: the requests on credit passed uncounted
				this.credit = 0;
			}
			// outside the lock: the requests waiting for this lease go on from here
			if (answered != null) {
				answered.complete(null);
			}
		}

		/**
		 * @param probe what the bucket answered
		 * @param leased the tokens it gave this replica for its next requests
		 * @param now when
		 */
		synchronized void answered(ConsumptionProbe probe, long leased, long now) {
			this.remaining = probe.getRemainingTokens();
			this.answeredSince = true;
			long owed = this.credit;
			this.credit = 0;
			leased = Math.max(0, leased - owed);
			if (probe.isConsumed() && leased > 0) {
				// the tokens left keep their earliest expiry: the new lease may be of
				// the bucket's next window
				long olderLeft = (now - this.olderExpiresAt < 0) ? this.older : 0;
				long left = (now - this.expiresAt < 0) ? this.tokens : 0;
				this.olderExpiresAt = (olderLeft > 0) ? this.olderExpiresAt : this.expiresAt;
				this.older = olderLeft + left;
				this.tokens = leased;
				this.expiresAt = now + Math.min(probe.getNanosToWaitForReset(), LEASE_LIFETIME);
			}
		}

	}

}
