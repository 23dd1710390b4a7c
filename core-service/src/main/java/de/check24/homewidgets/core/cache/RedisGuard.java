package de.check24.homewidgets.core.cache;

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
