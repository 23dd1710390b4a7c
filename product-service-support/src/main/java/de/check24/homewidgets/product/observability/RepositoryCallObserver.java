package de.check24.homewidgets.product.observability;

import java.time.Duration;
import java.util.function.Supplier;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps every call of a Spring Data repository: a span (so a trace shows each query under
 * the request that caused it) and a WARN when the call is slower than the threshold. The
 * time itself is Spring Boot's {@code spring_data_repository_invocations} metric.
 */
class RepositoryCallObserver implements MethodInterceptor {

	private static final Logger logger = LoggerFactory.getLogger(RepositoryCallObserver.class);

	private final String repository;

	private final Supplier<Tracer> tracer;

	private final long thresholdNanos;

	RepositoryCallObserver(String repository, Supplier<Tracer> tracer, Duration threshold) {
		this.repository = repository;
		this.tracer = tracer;
		this.thresholdNanos = threshold.toNanos();
	}

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		String call = this.repository + "." + invocation.getMethod().getName();
		Tracer current = this.tracer.get();
		Span span = current.nextSpan().name(call).tag("db.system", "postgresql").start();
		long started = System.nanoTime();
		try (Tracer.SpanInScope scope = current.withSpan(span)) {
			return invocation.proceed();
		}
		catch (Throwable failure) {
			span.error(failure);
			throw failure;
		}
		finally {
			span.end();
			long took = System.nanoTime() - started;
			if (took > this.thresholdNanos) {
				logger.warn("Slow query: {} took {} ms", call, Duration.ofNanos(took).toMillis());
			}
		}
	}

}
