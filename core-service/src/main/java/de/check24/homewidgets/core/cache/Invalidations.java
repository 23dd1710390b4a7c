package de.check24.homewidgets.core.cache;

import java.time.Clock;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.check24.homewidgets.core.products.Product;
import de.check24.homewidgets.core.viewer.Viewer;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The one way to invalidate cached homes, for HTTP, Kafka, purchases and operators: the
 * sections go from Redis, a {@link HomeInvalidated} event goes out on this replica, and
 * the other replicas hear of it over Redis pub/sub.
 */
public class Invalidations {

	private static final int MAX_PENDING = 10_000;

	private static final Logger logger = LoggerFactory.getLogger(Invalidations.class);

	private final HomeStore store;

	private final InvalidationMessages messages;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final MeterRegistry meterRegistry;

	private final Queue<HomeInvalidated> pending = new ConcurrentLinkedQueue<>();

	private final ObservationRegistry observations;

	Invalidations(HomeStore store, InvalidationMessages messages, ApplicationEventPublisher events, Clock clock,
			MeterRegistry meterRegistry, ObservationRegistry observations) {
		this.observations = observations;
		this.store = store;
		this.messages = messages;
		this.events = events;
		this.clock = clock;
		this.meterRegistry = meterRegistry;
	}

	/**
	 * Invalidates now on this replica and, when Redis is down, in Redis and on the other
	 * replicas as soon as it is back (best effort: the retries live in this replica's
	 * memory).
	 * @param viewer whose home changed; {@code null} for every home (anonymous and all
	 * users)
	 * @param service which section changed; {@code null} for all sections
	 * @param reason why, e.g. {@code contract_created}; may be {@code null}
	 * @param source who asked, for the metrics
	 * @return the event that was published
	 */
	public HomeInvalidated invalidate(Viewer viewer, Product service, String reason, Source source) {
		return observe(source, () -> invalidateNow(viewer, service, reason, source));
	}

	private HomeInvalidated invalidateNow(Viewer viewer, Product service, String reason, Source source) {
		HomeInvalidated event = new HomeInvalidated(viewer, service, reason, this.clock.instant());
		// Redis first: a replica reloading its page after the event must not find the old
		// sections there
		boolean evicted = this.store.evict(viewer, service);
		this.events.publishEvent(event);
		if (!evicted || !this.messages.publish(event)) {
			defer(event);
		}
		count(event, source);
		return event;
	}

	/**
	 * Invalidates only once Redis took it, for callers that keep their work until then
	 * (the Kafka consumer does not acknowledge the event, so a restart cannot lose it).
	 * @param viewer whose home changed
	 * @param service which section changed; {@code null} for all sections
	 * @param reason why; may be {@code null}
	 * @param source who asked, for the metrics
	 * @return the event that was published
	 * @throws CacheUnavailable when Redis did not take it; nothing happened then
	 */
	public HomeInvalidated invalidateDurably(Viewer viewer, Product service, String reason, Source source) {
		return observe(source, () -> invalidateDurablyNow(viewer, service, reason, source));
	}

	private HomeInvalidated invalidateDurablyNow(Viewer viewer, Product service, String reason, Source source) {
		HomeInvalidated event = new HomeInvalidated(viewer, service, reason, this.clock.instant());
		if (!this.store.evict(viewer, service)) {
			throw new CacheUnavailable("Redis is unavailable; " + viewer + "'s home was not invalidated");
		}
		this.events.publishEvent(event);
		if (!this.messages.publish(event)) {
			defer(event);
		}
		count(event, source);
		return event;
	}

	/**
	 * Tells every replica that a home changed in Redis without touching Redis: their
	 * memory forgets the page and the user's screens refetch it (a personal home built
	 * after a provisional one).
	 * @param viewer whose home changed
	 * @param reason why, e.g. {@code personal_home_ready}
	 * @return the event that was published
	 */
	public HomeInvalidated announce(Viewer viewer, String reason) {
		HomeInvalidated event = new HomeInvalidated(viewer, null, reason, this.clock.instant());
		this.events.publishEvent(event);
		this.messages.publish(event);
		count(event, Source.UPGRADE);
		return event;
	}

	/**
	 * Retries invalidations that could not reach Redis, oldest first. While Redis is
	 * still down the first attempt fails fast (open breaker) and the rest wait for the
	 * next run.
	 */
	@Scheduled(fixedDelayString = "${home.cache.pending-retry-interval:1s}")
	void retryPending() {
		HomeInvalidated event;
		while ((event = this.pending.peek()) != null) {
			if (!this.store.evict(event.viewer(), event.service()) || !this.messages.publish(event)) {
				return;
			}
			this.pending.remove(event);
			logger.info("Applied deferred invalidation of {}",
					(event.viewer() != null) ? event.viewer() : "every home");
		}
	}

	// a span in the purchase's trace, between the event that caused it and the pushes
	private HomeInvalidated observe(Source source, Supplier<HomeInvalidated> invalidation) {
		return Observation.createNotStarted("home.cache.invalidation", this.observations)
			.contextualName("invalidate home")
			.lowCardinalityKeyValue("source", source.tag)
			.observe(invalidation);
	}

	private void defer(HomeInvalidated event) {
		if (this.pending.size() >= MAX_PENDING) {
			// too much to replay one by one: forget them and invalidate everything
			// instead
			this.pending.clear();
			this.pending.add(new HomeInvalidated(null, null, "deferred_invalidations_overflow", event.timestamp()));
			return;
		}
		this.pending.add(event);
	}

	private void count(HomeInvalidated event, Source source) {
		this.meterRegistry.counter("home.cache.invalidations",
				Tags.of("source", source.tag, "scope", (event.viewer() == null) ? "everyone" : "home", "service",
						(event.service() != null) ? event.service().key() : "all"))
			.increment();
	}

	/** Who asked for an invalidation. */
	public enum Source {

		/** A product service's {@code POST /cache/invalidate}. */
		HTTP("http"),

		/** A contract event from Kafka. */
		KAFKA("kafka"),

		/** A purchase or cancellation the core forwarded itself. */
		PURCHASE("purchase"),

		/** An operator, through the management port. */
		OPERATOR("operator"),

		/** A personal home was built after a provisional one was served. */
		UPGRADE("upgrade");

		private final String tag;

		Source(String tag) {
			this.tag = tag;
		}

	}

}
