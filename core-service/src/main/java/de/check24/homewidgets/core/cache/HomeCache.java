package de.check24.homewidgets.core.cache;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.check24.homewidgets.core.products.HomeWidget;
import de.check24.homewidgets.core.products.Product;
import de.check24.homewidgets.core.products.ProductSection;
import de.check24.homewidgets.core.security.Viewer;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.redis.connection.RedisConnectionCommands;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The per-user home cache in Redis: one hash per home
 * ({@code sdui:home_page:v1:user:{id}} or {@code sdui:home_page:v1:anonymous}) with a
 * field per product section, each holding its widgets and when they were fetched, plus a
 * generation counter. An invalidation bumps the generation and deletes the affected
 * fields; a write only lands if the generation is still the one read before fetching, so
 * a fetch that raced a purchase never writes the pre-purchase page back.
 * <p>
 * {@link #invalidate(Viewer, Product, String)} is the one way to invalidate, for HTTP,
 * Kafka and anything else.
 */
public class HomeCache {

	static final String PREFIX = "sdui:home_page:v1:";

	private static final String GENERATION = "gen";

	private static final int MAX_PENDING = 10_000;

	private static final Logger logger = LoggerFactory.getLogger(HomeCache.class);

	// Writes sections only if nobody invalidated the home since it was read.
	private static final RedisScript<Long> WRITE = RedisScript.of("""
			local generation = redis.call('HGET', KEYS[1], 'gen') or '0'
			if generation ~= ARGV[1] then return 0 end
			for i = 3, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
			redis.call('PEXPIRE', KEYS[1], ARGV[2])
			return 1
			""", Long.class);

	private static final RedisScript<Long> INVALIDATE = RedisScript.of("""
			redis.call('HINCRBY', KEYS[1], 'gen', 1)
			for i = 2, #ARGV do redis.call('HDEL', KEYS[1], ARGV[i]) end
			redis.call('PEXPIRE', KEYS[1], ARGV[1])
			return 1
			""", Long.class);

	private static final RedisScript<Long> UNLOCK = RedisScript.of("""
			if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
			return 0
			""", Long.class);

	private final StringRedisTemplate redis;

	private final RedisGuard guard;

	private final InvalidationMessages messages;

	private final CacheProperties properties;

	private final ObjectMapper objectMapper;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final MeterRegistry meterRegistry;

	private final Queue<HomeInvalidated> pending = new ConcurrentLinkedQueue<>();

	HomeCache(StringRedisTemplate redis, RedisGuard guard, InvalidationMessages messages, CacheProperties properties,
			ObjectMapper objectMapper, Clock clock, ApplicationEventPublisher events, MeterRegistry meterRegistry) {
		this.redis = redis;
		this.guard = guard;
		this.messages = messages;
		this.properties = properties;
		this.objectMapper = objectMapper;
		this.clock = clock;
		this.events = events;
		this.meterRegistry = meterRegistry;
	}

	/**
	 * The Redis key of a home.
	 * @param viewer whose home
	 * @return e.g. {@code sdui:home_page:v1:user:123}
	 */
	public String key(Viewer viewer) {
		return viewer.isAnonymous() ? PREFIX + "anonymous" : PREFIX + "user:" + viewer.userId();
	}

	/**
	 * Everything cached for a home, in one round trip.
	 * @param viewer whose home
	 * @return the cached sections, or {@link CachedSections#available() unavailable} ones
	 * when Redis is down
	 */
	public CachedSections read(Viewer viewer) {
		Map<Object, Object> entries = this.guard.call("read", () -> this.redis.opsForHash().entries(key(viewer)), null);
		if (entries == null) {
			return CachedSections.UNAVAILABLE;
		}
		Map<Product, CachedSection> sections = new EnumMap<>(Product.class);
		for (Product product : Product.values()) {
			Object json = entries.get(product.section());
			if (json != null) {
				parse(product, (String) json).ifPresent((section) -> sections.put(product, section));
			}
		}
		return new CachedSections(sections, (String) entries.getOrDefault(GENERATION, "0"));
	}

	/**
	 * Caches freshly fetched sections. Fallback sections are never written; nothing is
	 * written when the home was invalidated after {@code basis} was read or when Redis
	 * was unavailable then.
	 * @param viewer whose home
	 * @param basis what {@link #read(Viewer)} returned before the fetch
	 * @param fetched the fetched sections
	 * @param fetchedAt when the fetch started
	 * @return the sections as cached now, keyed by product
	 */
	public Map<Product, CachedSection> store(Viewer viewer, CachedSections basis, Collection<ProductSection> fetched,
			Instant fetchedAt) {
		Map<Product, CachedSection> stored = new EnumMap<>(Product.class);
		List<String> arguments = new ArrayList<>();
		arguments.add(basis.generation());
		arguments.add(String.valueOf(this.properties.keyTtl().toMillis()));
		for (ProductSection section : fetched) {
			if (section.available()) {
				stored.put(section.product(), toCached(section.product(), section.widgets(), fetchedAt));
				arguments.add(section.product().section());
				arguments.add(serialise(new StoredSection(fetchedAt, section.widgets())));
			}
		}
		if (basis.available() && !stored.isEmpty()) {
			Long written = this.guard.call("write",
					() -> this.redis.execute(WRITE, List.of(key(viewer)), arguments.toArray()), 0L);
			if (written == null || written == 0L) {
				logger.debug("Not caching {}: invalidated while fetching or Redis unavailable", key(viewer));
			}
		}
		return stored;
	}

	/**
	 * Takes the key's background refresh lock, which one replica at a time may hold.
	 * @param viewer whose home
	 * @return the lock token to release it with, empty when someone else refreshes or
	 * Redis is unavailable
	 */
	public Optional<String> lockRefresh(Viewer viewer) {
		String token = UUID.randomUUID().toString();
		Duration ttl = this.properties.refreshLockTtl();
		Boolean locked = this.guard.call("lock",
				() -> this.redis.opsForValue().setIfAbsent(lockKey(viewer), token, ttl), false);
		return Boolean.TRUE.equals(locked) ? Optional.of(token) : Optional.empty();
	}

	public void unlockRefresh(Viewer viewer, String token) {
		this.guard.call("unlock", () -> this.redis.execute(UNLOCK, List.of(lockKey(viewer)), token), 0L);
	}

	/**
	 * Invalidates cached home content in Redis and in every replica's memory, and
	 * publishes a {@link HomeInvalidated} event on every replica. When Redis is down the
	 * local replica is invalidated at once and Redis as soon as it is back.
	 * @param viewer whose home changed; {@code null} for every home (anonymous and all
	 * users)
	 * @param service which section changed; {@code null} for all sections
	 * @param reason why, e.g. {@code contract_created}; may be {@code null}
	 * @return the event that was published
	 */
	public HomeInvalidated invalidate(Viewer viewer, Product service, String reason) {
		HomeInvalidated event = new HomeInvalidated(viewer, service, reason, this.clock.instant());
		// Redis first: a replica reloading its near cache after the event must not find
		// the old sections there
		boolean evicted = evict(event);
		this.events.publishEvent(event);
		if (!evicted || !this.messages.publish(event)) {
			defer(event);
		}
		this.meterRegistry
			.counter("home.cache.invalidations", Tags.of("scope", (viewer == null) ? "everyone" : "home", "service",
					(service != null) ? service.key() : "all"))
			.increment();
		return event;
	}

	/**
	 * Retries invalidations that could not reach Redis, oldest first. While Redis is
	 * still down the first attempt fails fast (open breaker) and the rest wait for the
	 * next run.
	 */
	@Scheduled(fixedDelayString = "${home.cache.pending-retry-interval:1s}")
	void retryPendingInvalidations() {
		HomeInvalidated event;
		while ((event = this.pending.peek()) != null) {
			if (!evict(event) || !this.messages.publish(event)) {
				return;
			}
			this.pending.remove(event);
			logger.info("Applied deferred invalidation {}", event);
		}
	}

	/**
	 * Whether Redis answers a ping right now.
	 * @return {@code false} when it does not or its breaker is open
	 */
	public boolean redisAvailable() {
		RedisCallback<String> ping = RedisConnectionCommands::ping;
		return this.guard.call("ping", () -> "PONG".equals(this.redis.execute(ping)), false);
	}

	private boolean evict(HomeInvalidated event) {
		Boolean evicted = this.guard.call("invalidate", () -> {
			if (event.viewer() != null) {
				evict(key(event.viewer()), event.service());
			}
			else {
				evictEveryone(event.service());
			}
			return true;
		}, false);
		return Boolean.TRUE.equals(evicted);
	}

	private void evictEveryone(Product service) {
		evict(key(Viewer.ANONYMOUS), service);
		ScanOptions users = ScanOptions.scanOptions().match(PREFIX + "user:*").count(1000).build();
		try (Cursor<String> keys = this.redis.scan(users)) {
			keys.forEachRemaining((key) -> evict(key, service));
		}
	}

	private void evict(String key, Product service) {
		List<String> arguments = new ArrayList<>();
		arguments.add(String.valueOf(this.properties.keyTtl().toMillis()));
		if (service != null) {
			arguments.add(service.section());
		}
		else {
			Arrays.stream(Product.values()).map(Product::section).forEach(arguments::add);
		}
		this.redis.execute(INVALIDATE, List.of(key), arguments.toArray());
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

	private String lockKey(Viewer viewer) {
		return PREFIX + "refresh_lock:" + (viewer.isAnonymous() ? "anonymous" : "user:" + viewer.userId());
	}

	private CachedSection toCached(Product product, List<HomeWidget> widgets, Instant storedAt) {
		Instant freshUntil = storedAt.plus(this.properties.ttl(product));
		return new CachedSection(product, widgets, storedAt, freshUntil, freshUntil.plus(this.properties.grace()));
	}

	private Optional<CachedSection> parse(Product product, String json) {
		try {
			StoredSection stored = this.objectMapper.readValue(json, StoredSection.class);
			return Optional.of(toCached(product, stored.widgets(), stored.storedAt()));
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Ignoring unreadable cached {} section: {}", product.key(), ex.toString());
			return Optional.empty();
		}
	}

	private String serialise(StoredSection section) {
		try {
			return this.objectMapper.writeValueAsString(section);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record StoredSection(Instant storedAt, List<HomeWidget> widgets) {

	}

}
