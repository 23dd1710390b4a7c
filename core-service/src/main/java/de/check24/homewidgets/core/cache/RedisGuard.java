package de.check24.homewidgets.core.cache;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redis is an optimisation, never a dependency: every Redis call goes through the
 * {@code redis} circuit breaker and falls back to a default value when Redis fails. Once
 * the breaker is open, requests skip Redis without waiting; the breaker's half-open
 * probes notice when Redis is back.
 */
class RedisGuard {

	private static final Logger logger = LoggerFactory.getLogger(RedisGuard.class);

	private final CircuitBreaker circuitBreaker;

	private final Counter failures;

	RedisGuard(CircuitBreaker circuitBreaker, MeterRegistry meterRegistry) {
		this.circuitBreaker = circuitBreaker;
		this.failures = Counter.builder("home.cache.redis.failures")
			.description("Redis calls that failed or were skipped while Redis was unavailable")
			.register(meterRegistry);
	}

	/**
	 * Sends commands without waiting for their answer; the breaker and the failure count
	 * learn how they ended. Skipped while the breaker is open.
	 * @param operation what the commands do, for the log
	 * @param commands sends the commands and returns their completion
	 */
	void send(String operation, Supplier<? extends CompletionStage<?>> commands) {
		if (!this.circuitBreaker.tryAcquirePermission()) {
			this.failures.increment();
			return;
		}
		long started = System.nanoTime();
		try {
			commands.get().whenComplete((result, failure) -> ended(operation, started, failure));
		}
		catch (RuntimeException ex) {
			ended(operation, started, ex);
		}
	}

	private void ended(String operation, long started, Throwable failure) {
		long elapsed = System.nanoTime() - started;
		if (failure == null) {
			this.circuitBreaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
			return;
		}
		this.circuitBreaker.onError(elapsed, TimeUnit.NANOSECONDS, failure);
		this.failures.increment();
		logger.warn("Redis {} failed, continuing without cache: {}", operation, failure.toString());
	}

	<T> T call(String operation, Supplier<T> call, T fallback) {
		try {
			return this.circuitBreaker.executeSupplier(call);
		}
		catch (CallNotPermittedException ex) {
			this.failures.increment();
			return fallback;
		}
		catch (RuntimeException ex) {
			this.failures.increment();
			logger.warn("Redis {} failed, continuing without cache: {}", operation, ex.toString());
			return fallback;
		}
	}

}
