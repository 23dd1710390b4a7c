package de.check24.homewidgets.product.outbox;

import java.util.concurrent.ExecutionException;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.UnknownProducerIdException;

/**
 * Why a send failed, and so what the relay does about it.
 *
 * @param kind the consequence
 * @param reason what to store in {@code last_error}
 */
record SendFailure(Kind kind, String reason) {

	enum Kind {

		/**
		 * The broker is away or unhealthy (timeouts, no leader, not enough replicas,
		 * refused credentials): every message would fail alike, so the relay stops the
		 * pass and backs off. Never parks.
		 */
		BROKER_UNAVAILABLE,

		/**
		 * The producer's idempotence state no longer matches the broker's (a broker that
		 * came back empty): a fresh producer fixes it.
		 */
		PRODUCER_STALE,

		/**
		 * This message can never be published (too large, not serialisable, invalid):
		 * parked at once, the relay goes on with the next.
		 */
		MESSAGE_REFUSED,

		/**
		 * Anything else: retried, and parked after the configured number of attempts.
		 */
		UNEXPECTED

	}

	static SendFailure of(Throwable failure) {
		Throwable cause = unwrap(failure);
		String reason = cause.toString();
		if (cause instanceof java.util.concurrent.TimeoutException || cause instanceof RetriableException
				|| cause instanceof AuthenticationException || cause instanceof AuthorizationException) {
			return new SendFailure(Kind.BROKER_UNAVAILABLE, reason);
		}
		if (cause instanceof OutOfOrderSequenceException || cause instanceof UnknownProducerIdException
				|| cause instanceof InvalidProducerEpochException || cause instanceof ProducerFencedException) {
			return new SendFailure(Kind.PRODUCER_STALE, reason);
		}
		if (cause instanceof KafkaException) {
			// RecordTooLarge, serialization, invalid record or topic: not retriable
			return new SendFailure(Kind.MESSAGE_REFUSED, reason);
		}
		return new SendFailure(Kind.UNEXPECTED, reason);
	}

	/** The deepest Kafka error behind Spring's and the future's wrappers. */
	private static Throwable unwrap(Throwable failure) {
		Throwable deepestKafka = null;
		for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
			if (cause instanceof java.util.concurrent.TimeoutException) {
				return cause;
			}
			if (cause instanceof KafkaException) {
				deepestKafka = cause;
			}
		}
		if (deepestKafka != null) {
			return deepestKafka;
		}
		return (failure instanceof ExecutionException && failure.getCause() != null) ? failure.getCause() : failure;
	}

}
