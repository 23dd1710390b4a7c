package de.check24.homewidgets.core.products;

import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.function.Predicate;

import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;

/**
 * Which failed product calls are worth another attempt: I/O errors and 5xx answers. Not a
 * timeout, which already cost the full read timeout and would multiply a hanging
 * service's delay by the attempts; not an open breaker (Resilience4j checks that
 * separately via {@code ignore-exceptions}). Public only because Resilience4j
 * instantiates it from {@code retry-exception-predicate}.
 */
public class RetryableProductFailure implements Predicate<Throwable> {

	@Override
	public boolean test(Throwable failure) {
		if (failure instanceof HttpServerErrorException) {
			return true;
		}
		if (failure instanceof ResourceAccessException) {
			for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
				if (cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException) {
					return false;
				}
			}
			return true;
		}
		return false;
	}

}
