package de.check24.homewidgets.core.stream;

import java.io.IOException;
import java.time.Instant;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.check24.homewidgets.core.cache.HomeInvalidated;
import de.check24.homewidgets.core.viewer.Viewer;

import de.check24.homewidgets.core.web.CoreProblem;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * This replica's Server-Sent-Events subscribers. Every {@link HomeInvalidated} event (it
 * reaches every replica, see the cache package) goes to the subscribers it concerns: a
 * signed-in subscriber hears only its own user's invalidations and those of every home,
 * an anonymous one only those of every home. Events are written by a small pool, one
 * drain task per subscriber at a time, so the publishing thread never writes to a socket
 * and one slow client holds at most one sender thread; a subscriber that falls too far
 * behind is disconnected.
 */
class UpdateStreams implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(UpdateStreams.class);

	private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();

	private final StreamProperties properties;

	private final ExecutorService senders;

	private final ObjectMapper objectMapper;

	// ids are unique per replica and increase; the replica's start time keeps them unique
	// across restarts
	private final String idPrefix = Long.toString(System.currentTimeMillis(), 36) + "-";

	private final AtomicLong sequence = new AtomicLong();

	private final Counter sent;

	private volatile boolean running;

	private final Counter dropped;

	private final Counter refused;

	private final OpenStreams perUser;

	private final ObservationRegistry observations;

	UpdateStreams(StreamProperties properties, ExecutorService senders, ObjectMapper objectMapper,
			MeterRegistry meterRegistry, ObservationRegistry observations) {
		this.observations = observations;
		this.properties = properties;
		this.senders = senders;
		this.objectMapper = objectMapper;
		Gauge.builder("home.stream.subscribers", this.subscribers, Set::size)
			.description("Open GET /stream/updates connections on this replica")
			.register(meterRegistry);
		this.sent = Counter.builder("home.stream.events")
			.description("cache_invalidated events written to subscribers")
			.register(meterRegistry);
		this.perUser = new OpenStreams(properties.maxPerUser());
		this.refused = Counter.builder("home.stream.refused")
			.description("Streams refused because a user or the replica had as many open as allowed")
			.register(meterRegistry);
		this.dropped = Counter.builder("home.stream.dropped")
			.description("Subscribers disconnected because they could not keep up or their connection failed")
			.register(meterRegistry);
	}

	/**
	 * Opens a stream.
	 * @param viewer who listens
	 * @return the stream
	 * @throws CoreProblem 429 when the viewer or this replica has as many streams open as
	 * allowed
	 */
	SseEmitter subscribe(Viewer viewer) {
		if (this.subscribers.size() >= this.properties.maxPerReplica()) {
			this.refused.increment();
			throw CoreProblem.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-streams", "Too Many Streams",
					"This replica serves as many update streams as it can; try again shortly");
		}
		if (!viewer.isAnonymous() && !this.perUser.tryOpen(viewer)) {
			this.refused.increment();
			throw CoreProblem.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-streams", "Too Many Streams",
					"At most " + this.properties.maxPerUser() + " update streams may be open per user");
		}
		SseEmitter emitter = new SseEmitter(this.properties.timeout().toMillis());
		Subscriber subscriber = new Subscriber(viewer, emitter);
		emitter.onCompletion(subscriber::forget);
		emitter.onTimeout(subscriber::forget);
		emitter.onError((ex) -> subscriber.forget());
		try {
			// buffered by the emitter until the response is ready
			emitter.send(SseEmitter.event()
				.name("connected")
				.id(nextId())
				.reconnectTime(1000)
				.data(json(new Connected("connected", viewer.userId(), this.properties.heartbeat().toSeconds())),
						MediaType.APPLICATION_JSON));
		}
		catch (IOException ex) {
			if (!viewer.isAnonymous()) {
				this.perUser.close(viewer);
			}
			emitter.completeWithError(ex);
			return emitter;
		}
		this.subscribers.add(subscriber);
		return emitter;
	}

	/**
	 * Runs after the near cache forgot the page, so a client that refetches at once gets
	 * the new one.
	 * @param event the invalidation
	 */
	@EventListener
	@Order(Ordered.LOWEST_PRECEDENCE)
	void on(HomeInvalidated event) {
		Observation.createNotStarted("home.stream.notify", this.observations)
			.contextualName("notify subscribers")
			.observe(() -> notify(event));
	}

	private void notify(HomeInvalidated event) {
		String data = null;
		for (Subscriber subscriber : this.subscribers) {
			if (event.concerns(subscriber.viewer)) {
				data = (data != null) ? data : json(Invalidation.of(event));
				subscriber.enqueue(SseEmitter.event().id(nextId()).data(data, MediaType.APPLICATION_JSON));
			}
		}
	}

	@Scheduled(fixedDelayString = "${home.stream.heartbeat:15s}", initialDelayString = "${home.stream.heartbeat:15s}")
	void heartbeat() {
		for (Subscriber subscriber : this.subscribers) {
			subscriber.enqueue(SseEmitter.event().comment("heartbeat"));
		}
	}

	int subscriberCount() {
		return this.subscribers.size();
	}

	@Override
	public void start() {
		this.running = true;
	}

	/**
	 * Ends every stream before the web server's graceful shutdown begins, which would
	 * otherwise wait for these never-ending responses; clients reconnect to another
	 * replica.
	 */
	@Override
	public void stop() {
		this.running = false;
		this.subscribers.forEach(Subscriber::end);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// stopped before WebServerGracefulShutdownLifecycle
		return SmartLifecycle.DEFAULT_PHASE;
	}

	void close() {
		stop();
		this.senders.shutdownNow();
	}

	private String nextId() {
		return this.idPrefix + this.sequence.incrementAndGet();
	}

	private String json(Object value) {
		try {
			return this.objectMapper.writeValueAsString(value);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** One open stream and the events waiting for it. */
	private final class Subscriber {

		private final Viewer viewer;

		private final SseEmitter emitter;

		private final Queue<SseEmitter.SseEventBuilder> queue = new ConcurrentLinkedQueue<>();

		private final AtomicInteger queued = new AtomicInteger();

		private final AtomicBoolean draining = new AtomicBoolean();

		private volatile boolean closed;

		Subscriber(Viewer viewer, SseEmitter emitter) {
			this.viewer = viewer;
			this.emitter = emitter;
		}

		void enqueue(SseEmitter.SseEventBuilder event) {
			if (this.closed) {
				return;
			}
			if (this.queued.incrementAndGet() > UpdateStreams.this.properties.maxQueuedPerSubscriber()) {
				logger.debug("Subscriber {} fell behind, disconnecting it", this.viewer);
				fail(null);
				return;
			}
			this.queue.add(event);
			scheduleDrain();
		}

		private void scheduleDrain() {
			if (this.draining.compareAndSet(false, true)) {
				try {
					UpdateStreams.this.senders.execute(this::drain);
				}
				catch (RejectedExecutionException ex) {
					this.draining.set(false);
					fail(ex);
				}
			}
		}

		private void drain() {
			try {
				SseEmitter.SseEventBuilder event;
				while (!this.closed && (event = this.queue.poll()) != null) {
					this.queued.decrementAndGet();
					this.emitter.send(event);
					UpdateStreams.this.sent.increment();
				}
			}
			catch (IOException | RuntimeException ex) {
				// the client went away (or the emitter completed meanwhile)
				fail(ex);
			}
			finally {
				this.draining.set(false);
			}
			if (!this.closed && !this.queue.isEmpty()) {
				scheduleDrain();
			}
		}

		private void fail(Throwable cause) {
			if (!this.closed) {
				UpdateStreams.this.dropped.increment();
			}
			forget();
			try {
				if (cause != null) {
					this.emitter.completeWithError(cause);
				}
				else {
					this.emitter.complete();
				}
			}
			catch (RuntimeException ex) {
				// already completed
			}
		}

		void end() {
			forget();
			try {
				this.emitter.complete();
			}
			catch (RuntimeException ex) {
				// already completed
			}
		}

		void forget() {
			this.closed = true;
			this.queue.clear();
			if (UpdateStreams.this.subscribers.remove(this) && !this.viewer.isAnonymous()) {
				UpdateStreams.this.perUser.close(this.viewer);
			}
		}

	}

	/**
	 * The {@code connected} event's data.
	 *
	 * @param type always {@code connected}
	 * @param userId the subscriber's user, {@code null} when anonymous
	 * @param heartbeatSeconds how often a heartbeat comment comes
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record Connected(String type, Long userId, long heartbeatSeconds) {

	}

	/**
	 * A {@code cache_invalidated} message's data.
	 *
	 * @param type always {@code cache_invalidated}
	 * @param timestamp when the invalidation happened
	 * @param reason e.g. {@code contract_created}; may be {@code null}
	 * @param userId whose home changed; {@code null} when every home changed
	 * @param service the service key whose section changed (e.g. {@code car-insurance});
	 * {@code null} for all sections
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	@JsonInclude(JsonInclude.Include.ALWAYS)
	record Invalidation(String type, Instant timestamp, String reason, Long userId, String service) {

		static Invalidation of(HomeInvalidated event) {
			return new Invalidation("cache_invalidated", event.timestamp(), event.reason(),
					(event.viewer() != null) ? event.viewer().userId() : null,
					(event.service() != null) ? event.service().key() : null);
		}

	}

}
