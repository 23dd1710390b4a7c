package de.check24.homewidgets.core.cache;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.check24.homewidgets.core.products.HomeWidget;
import de.check24.homewidgets.core.products.Product;
import de.check24.homewidgets.core.products.ProductCatalog;
import de.check24.homewidgets.core.products.ProductSection;
import de.check24.homewidgets.core.viewer.Viewer;

import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Home sections in Redis: one hash per home with a field per product section, each
 * holding its widgets and when they were fetched, plus a generation counter. An
 * invalidation bumps the generation and deletes the affected fields; a write only lands
 * if the generation is still the one read before fetching, so a fetch that raced a
 * purchase never writes the pre-purchase page back. Every Redis call goes through the
 * {@link RedisGuard}; a Redis that fails reads as a home with nothing cached.
 */
class HomeStore {

	private static final String GENERATION = "gen";

	private static final Logger logger = LoggerFactory.getLogger(HomeStore.class);

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

	private final StringRedisTemplate redis;

	private final RedisGuard guard;

	private final ProductCatalog catalog;

	private final CacheProperties properties;

	private final ObjectMapper objectMapper;

	private final Duration keyTtl;

	HomeStore(StringRedisTemplate redis, RedisGuard guard, ProductCatalog catalog, CacheProperties properties,
			ObjectMapper objectMapper) {
		this.redis = redis;
		this.guard = guard;
		this.catalog = catalog;
		this.properties = properties;
		this.objectMapper = objectMapper;
		this.keyTtl = keyTtl(catalog, properties);
	}

	// a home hash lives as long as its longest-lived section may still be served
	private static Duration keyTtl(ProductCatalog catalog, CacheProperties properties) {
		Duration longest = properties.ttl();
		for (Product product : catalog.all()) {
			Duration ttl = catalog.ttl(product).orElse(properties.ttl());
			longest = (ttl.compareTo(longest) > 0) ? ttl : longest;
		}
		return longest.plus(properties.grace()).plus(properties.staleIfError());
	}

	/**
	 * Everything cached for a home, in one round trip.
	 * @param viewer whose home
	 * @return the cached sections, or unavailable ones when Redis is down
	 */
	CachedSections read(Viewer viewer) {
		Map<Object, Object> entries = this.guard.call("read",
				() -> this.redis.opsForHash().entries(HomeKeys.home(viewer)), null);
		if (entries == null) {
			return CachedSections.UNAVAILABLE;
		}
		Map<Product, CachedSection> sections = new LinkedHashMap<>();
		for (Product product : this.catalog.all()) {
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
	 * @return the real sections fetched, keyed by product
	 */
	Map<Product, CachedSection> store(Viewer viewer, CachedSections basis, Collection<ProductSection> fetched,
			Instant fetchedAt) {
		Map<Product, CachedSection> stored = new LinkedHashMap<>();
		List<String> arguments = new ArrayList<>();
		arguments.add(basis.generation());
		arguments.add(String.valueOf(this.keyTtl.toMillis()));
		for (ProductSection section : fetched) {
			if (section.available()) {
				stored.put(section.product(), toCached(section.product(), section.widgets(), fetchedAt));
				arguments.add(section.product().section());
				arguments.add(serialise(new StoredSection(fetchedAt, section.widgets())));
			}
		}
		if (basis.available() && !stored.isEmpty()) {
			Long written = this.guard.call("write",
					() -> this.redis.execute(WRITE, List.of(HomeKeys.home(viewer)), arguments.toArray()), 0L);
			if (written == null || written == 0L) {
				logger.debug("Not caching {}: invalidated while fetching or Redis unavailable", viewer);
			}
		}
		return stored;
	}

	/**
	 * Deletes sections of one home or of every home.
	 * @param viewer whose home; {@code null} for every home
	 * @param product which section; {@code null} for all
	 * @return whether Redis took it
	 */
	boolean evict(Viewer viewer, Product product) {
		Boolean evicted = this.guard.call("invalidate", () -> {
			if (viewer != null) {
				evict(HomeKeys.home(viewer), product);
			}
			else {
				evict(HomeKeys.home(Viewer.ANONYMOUS), product);
				ScanOptions users = ScanOptions.scanOptions().match(HomeKeys.USER_HOMES).count(1000).build();
				try (Cursor<String> keys = this.redis.scan(users)) {
					keys.forEachRemaining((key) -> evict(key, product));
				}
			}
			return true;
		}, false);
		return Boolean.TRUE.equals(evicted);
	}

	private void evict(String key, Product product) {
		List<String> arguments = new ArrayList<>();
		arguments.add(String.valueOf(this.keyTtl.toMillis()));
		if (product != null) {
			arguments.add(product.section());
		}
		else {
			this.catalog.all().forEach((each) -> arguments.add(each.section()));
		}
		this.redis.execute(INVALIDATE, List.of(key), arguments.toArray());
	}

	private CachedSection toCached(Product product, List<HomeWidget> widgets, Instant storedAt) {
		Instant freshUntil = storedAt.plus(this.catalog.ttl(product).orElse(this.properties.ttl()));
		return new CachedSection(product, widgets, storedAt, freshUntil, freshUntil.plus(this.properties.grace()));
	}

	private Optional<CachedSection> parse(Product product, String json) {
		try {
			StoredSection stored = this.objectMapper.readValue(json, StoredSection.class);
			return Optional.of(toCached(product, stored.widgets(), stored.storedAt()));
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Ignoring unreadable cached {} section: {}", product, ex.toString());
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
