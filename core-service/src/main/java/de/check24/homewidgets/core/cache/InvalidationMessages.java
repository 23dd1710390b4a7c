package de.check24.homewidgets.core.cache;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.check24.homewidgets.core.products.ProductCatalog;
import de.check24.homewidgets.core.viewer.Viewer;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.SubscriptionListener;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Carries invalidations between core replicas over Redis pub/sub, so that every replica's
 * memory and update streams hear what another replica invalidated. A replica ignores its
 * own messages; it has already published the event locally.
 * <p>
 * Pub/sub keeps nothing for a replica that is not subscribed (a Redis outage, a dropped
 * connection), so every message also goes into a capped Redis stream, the invalidation
 * log, in the same script. When a replica subscribes again it announces
 * {@link InvalidationsMissed} and then replays the log's entries after the last one it
 * heard, so the buyer's stream on that replica still hears {@code contract_created}. Only
 * when those entries were trimmed away meanwhile does it fall back to telling its own
 * listeners that every home may have changed ({@code invalidations_missed}).
 */
class InvalidationMessages implements MessageListener, SubscriptionListener {

	private static final String MISSED = "invalidations_missed";

	private static final Logger logger = LoggerFactory.getLogger(InvalidationMessages.class);

	// the log entry's id goes into the published message, so a replica knows how far it
	// heard; the message is a JSON object without log_id
	private static final RedisScript<String> PUBLISH = RedisScript.of("""
			local id = redis.call('XADD', KEYS[1], 'MAXLEN', ARGV[2], '*', 'message', ARGV[1])
			redis.call('PUBLISH', ARGV[3], string.sub(ARGV[1], 1, -2) .. ',"log_id":"' .. id .. '"}')
			return id
			""", String.class);

	private static final String FIRST = "0-0";

	private static final int CATCH_UP_ATTEMPTS = 10;

	private static final Duration CATCH_UP_RETRY = Duration.ofMillis(500);

	private final String origin = UUID.randomUUID().toString();

	private final StringRedisTemplate redis;

	private final RedisGuard guard;

	private final ProductCatalog catalog;

	private final ObjectMapper objectMapper;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final int logLength;

	private final Counter relayed;

	private final Counter replayed;

	private final Counter lost;

	// one catch-up at a time, off the Redis client's event loop
	private final ExecutorService catchUps = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "invalidation-catch-up");
		thread.setDaemon(true);
		return thread;
	});

	// log entries this replica heard (its own too), so a catch-up does not repeat
	// what was heard live, and the other way round
	private final Map<String, Boolean> heard = new LinkedHashMap<>(256, 0.75f, false) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
			return size() > InvalidationMessages.this.logLength;
		}

	};

	// the newest log entry this replica heard of; null until it first subscribed
	private RecordId lastHeard;

	InvalidationMessages(StringRedisTemplate redis, RedisGuard guard, ProductCatalog catalog, ObjectMapper objectMapper,
			ApplicationEventPublisher events, Clock clock, int logLength, MeterRegistry meterRegistry) {
		this.redis = redis;
		this.guard = guard;
		this.catalog = catalog;
		this.objectMapper = objectMapper;
		this.events = events;
		this.clock = clock;
		this.logLength = logLength;
		this.relayed = Counter.builder("home.cache.invalidations")
			.tags("source", "relay", "scope", "any", "service", "any")
			.description("Invalidations heard from other replicas")
			.register(meterRegistry);
		this.replayed = Counter.builder("home.cache.invalidations")
			.tags("source", "replay", "scope", "any", "service", "any")
			.description("Invalidations of other replicas read from the log after this replica subscribed again")
			.register(meterRegistry);
		this.lost = Counter.builder("home.cache.invalidations.lost")
			.description(
					"Catch-ups that found the log trimmed past the last entry heard, or could not read it: every stream was told")
			.register(meterRegistry);
	}

	/**
	 * Tells the other replicas, and logs the message for those not subscribed now.
	 * @param event what was invalidated
	 * @return whether the message went out
	 */
	boolean publish(HomeInvalidated event) {
		String payload;
		try {
			payload = this.objectMapper.writeValueAsString(WireMessage.of(this.origin, event));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return this.guard.call("publish", () -> {
			this.redis.execute(PUBLISH, List.of(HomeKeys.LOG), payload, Integer.toString(this.logLength),
					HomeKeys.CHANNEL);
			return true;
		}, false);
	}

	@Override
	public void onMessage(Message message, byte[] pattern) {
		try {
			WireMessage wire = this.objectMapper.readValue(message.getBody(), WireMessage.class);
			// its own messages too tell a replica how far it heard
			boolean first = firstHearing(wire.logId());
			if (first && !this.origin.equals(wire.origin())) {
				this.relayed.increment();
				this.events.publishEvent(wire.toEvent(this.catalog));
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Ignored unreadable invalidation message: {}", ex.toString());
		}
	}

	@Override
	public void onChannelSubscribed(byte[] channel, long count) {
		this.events.publishEvent(new InvalidationsMissed());
		try {
			this.catchUps.execute(this::catchUp);
		}
		catch (RejectedExecutionException ex) {
			// shutting down
		}
	}

	/**
	 * Replays the log's entries after the last one this replica heard. On the first
	 * subscription there is nothing to catch up on, only a place in the log to note.
	 * <p>
	 * The log is read past the {@code redis} breaker: the subscription that just came
	 * back shows Redis answers, while the breaker may stay open for seconds after an
	 * outage. A failed read is tried again for a few seconds before every stream is told.
	 */
	void catchUp() {
		for (int attempt = 1;; attempt++) {
			try {
				catchUpOnce();
				return;
			}
			catch (RuntimeException ex) {
				if (attempt == CATCH_UP_ATTEMPTS) {
					if (lastHeard() != null) {
						missedAll("the invalidation log could not be read: " + ex);
					}
					return;
				}
			}
			try {
				Thread.sleep(CATCH_UP_RETRY.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private void catchUpOnce() {
		RecordId from = lastHeard();
		if (from == null) {
			List<MapRecord<String, Object, Object>> newest = this.redis.opsForStream()
				.reverseRange(HomeKeys.LOG, Range.unbounded(), Limit.limit().count(1));
			heard((newest == null || newest.isEmpty()) ? RecordId.of(FIRST) : newest.get(0).getId());
			return;
		}
		List<MapRecord<String, Object, Object>> entries = readLog(
				Range.rightUnbounded(Range.Bound.inclusive(from.getValue())));
		if (entries.isEmpty() || !entries.get(0).getId().equals(from)) {
			// the entry is gone: trimmed away, or Redis lost its data (a restart, a
			// failover), when everything in the log came after it
			Long length = this.redis.opsForStream().size(HomeKeys.LOG);
			List<MapRecord<String, Object, Object>> all = readLog(Range.unbounded());
			if (length == null || length >= this.logLength) {
				missedAll("the invalidation log was trimmed past " + from);
			}
			entries = all;
		}
		int replayedNow = 0;
		for (MapRecord<String, Object, Object> entry : entries) {
			if (replay(entry)) {
				replayedNow++;
			}
		}
		if (replayedNow > 0) {
			logger.info("Replayed {} invalidations published while this replica was not subscribed", replayedNow);
		}
	}

	private List<MapRecord<String, Object, Object>> readLog(Range<String> range) {
		List<MapRecord<String, Object, Object>> entries = this.redis.opsForStream()
			.range(HomeKeys.LOG, range, Limit.limit().count(this.logLength + 1));
		return (entries != null) ? entries : List.of();
	}

	private boolean replay(MapRecord<String, Object, Object> entry) {
		// most entries were heard live: not read again
		if (!firstHearing(entry.getId().getValue())) {
			return false;
		}
		try {
			WireMessage wire = this.objectMapper.readValue(String.valueOf(entry.getValue().get("message")),
					WireMessage.class);
			if (this.origin.equals(wire.origin())) {
				return false;
			}
			this.replayed.increment();
			this.events.publishEvent(wire.toEvent(this.catalog));
			return true;
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Ignored unreadable invalidation log entry {}: {}", entry.getId(), ex.toString());
			return false;
		}
	}

	private void missedAll(String why) {
		logger.warn("Telling every stream on this replica to reload: {}", why);
		this.lost.increment();
		this.events.publishEvent(new HomeInvalidated(null, null, MISSED, this.clock.instant()));
	}

	/**
	 * Notes a log entry as heard.
	 * @param logId the entry, {@code null} for a message of a replica that does not log
	 * @return whether it was not heard before
	 */
	private boolean firstHearing(String logId) {
		if (logId == null) {
			return true;
		}
		RecordId id = RecordId.of(logId);
		synchronized (this.heard) {
			heard(id);
			return this.heard.put(logId, Boolean.TRUE) == null;
		}
	}

	private void heard(RecordId id) {
		synchronized (this.heard) {
			if (this.lastHeard == null || newer(id, this.lastHeard)) {
				this.lastHeard = id;
			}
		}
	}

	private RecordId lastHeard() {
		synchronized (this.heard) {
			return this.lastHeard;
		}
	}

	private static boolean newer(RecordId id, RecordId than) {
		return (id.getTimestamp() != than.getTimestamp()) ? id.getTimestamp() > than.getTimestamp()
				: id.getSequence() > than.getSequence();
	}

	void close() {
		this.catchUps.shutdownNow();
	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record WireMessage(String origin, boolean everyone, Long userId, String service, String reason, Instant timestamp,
			String logId) {

		static WireMessage of(String origin, HomeInvalidated event) {
			return new WireMessage(origin, event.viewer() == null,
					(event.viewer() != null) ? event.viewer().userId() : null,
					(event.service() != null) ? event.service().section() : null, event.reason(), event.timestamp(),
					null);
		}

		HomeInvalidated toEvent(ProductCatalog catalog) {
			return new HomeInvalidated(this.everyone ? null : new Viewer(this.userId),
					catalog.find(this.service).orElse(null), this.reason, this.timestamp);
		}

	}

}
