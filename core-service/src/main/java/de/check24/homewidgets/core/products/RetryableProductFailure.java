package de.check24.homewidgets.core.products;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

/**
 * Which failed product calls are worth another attempt: I/O errors and 5xx answers. Not a
 * timeout, which already cost the full read timeout and would multiply a hanging
 * service's delay by the attempts; not a cancelled call (its deadline passed); not an
 * open breaker. A product without a free place is never called, so there is nothing to
 * retry (ProductCapacity). Public only because Resilience4j instantiates it from
 * {@code retry-exception-predicate}.
 */
public class RetryableProductFailure implements Predicate<Throwable> {

	@Override
	public boolean test(Throwable failure) {
		Throwable cause = unwrap(failure);
		if (cause instanceof ProductClient.ServerError) {
			return true;
		}
		if (cause instanceof HttpTimeoutException || cause instanceof CancellationException) {
			return false;
		}
		return cause instanceof IOException;
	}

	static Throwable unwrap(Throwable failure) {
		Throwable cause = failure;
		while ((cause instanceof CompletionException || cause instanceof ExecutionException)
				&& cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

}
