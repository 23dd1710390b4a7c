package de.check24.homewidgets.core.cache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.check24.homewidgets.core.products.HomeWidget;
import de.check24.homewidgets.core.products.Product;
import de.check24.homewidgets.core.products.ProductCatalog;
import de.check24.homewidgets.core.products.ProductSection;
import de.check24.homewidgets.core.viewer.Viewer;

import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisClusterNode;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Home sections in Redis: one hash per home with a field per product section, each
 * holding when it was fetched and the digest of its widgets (which {@link SectionBlobs}
 * keeps once for every home that shows them), plus a generation counter. An invalidation
 * bumps the generation and deletes the affected fields; a write only lands if the
 * generation is still the one read before fetching, so a fetch that raced a purchase
 * never writes the pre-purchase page back. Every Redis call goes through the
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

	private final SectionBlobs blobs;

	private final Duration keyTtl;

	private final ObservationRegistry observations;

	HomeStore(StringRedisTemplate redis, RedisGuard guard, ProductCatalog catalog, CacheProperties properties,
			SectionBlobs blobs, ObservationRegistry observations) {
		this.observations = observations;
		this.redis = redis;
		this.guard = guard;
		this.catalog = catalog;
		this.properties = properties;
		this.blobs = blobs;
		this.keyTtl = keyTtl(catalog, properties);
	}

	/**
	 * A home hash lives as long as its longest-lived section may still be served.
	 * @param catalog the products
	 * @param properties the cache's lifetimes
	 * @return the TTL every write gives a home hash
	 */
	static Duration keyTtl(ProductCatalog catalog, CacheProperties properties) {
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
		// the trace's "Redis: GET cache" span
		return Observation.createNotStarted("home.cache.read", this.observations)
			.contextualName("redis read home")
			.lowCardinalityKeyValue("db.system", "redis")
			.observe(() -> readNow(viewer));
	}

	private CachedSections readNow(Viewer viewer) {
		Map<Object, Object> entries = this.guard.call("read",
				() -> this.redis.opsForHash().entries(HomeKeys.home(viewer)), null);
		if (entries == null) {
			return CachedSections.UNAVAILABLE;
		}
		Map<Product, SectionRef> refs = new LinkedHashMap<>();
		for (Product product : this.catalog.all()) {
			Object value = entries.get(product.section());
			if (value != null) {
				SectionRef.parse((String) value).ifPresent((ref) -> refs.put(product, ref));
			}
		}
		Map<String, List<HomeWidget>> widgets = refs.isEmpty() ? Map.of()
				: this.blobs.load(refs.values().stream().map(SectionRef::digest).toList());
		Map<Product, CachedSection> sections = new LinkedHashMap<>();
		refs.forEach((product, ref) -> {
			List<HomeWidget> shown = widgets.get(ref.digest());
			if (shown != null) {
				sections.put(product, toCached(product, shown, ref.storedAt()));
			}
		});
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
		Instant storedAt = storedAt(fetchedAt);
		List<ProductSection> real = real(fetched);
		if (basis.available() && !real.isEmpty()) {
			write(viewer, basis, real, storedAt);
		}
		return toCached(real, storedAt);
	}

	/**
	 * Caches freshly fetched sections as {@link #store} does, without waiting for Redis's
	 * answer: the commands are sent on the connection this replica shares for all its
	 * Redis calls, which Redis answers in order, so every later read of this replica
	 * finds them (another replica may miss the home for a round trip). A cold home's page
	 * then goes out without its last round trip.
	 * @param viewer whose home
	 * @param basis what {@link #read(Viewer)} returned before the fetch
	 * @param fetched the fetched sections
	 * @param fetchedAt when the fetch started
	 * @return the real sections fetched, keyed by product
	 */
	Map<Product, CachedSection> storeBehind(Viewer viewer, CachedSections basis, Collection<ProductSection> fetched,
			Instant fetchedAt) {
		Instant storedAt = storedAt(fetchedAt);
		List<ProductSection> real = real(fetched);
		if (basis.available() && !real.isEmpty()) {
			List<String> digests = this.blobs.storeBehind(real.stream().map(ProductSection::widgets).toList());
			String home = HomeKeys.home(viewer);
			byte[][] arguments = writeArguments(basis, real, storedAt, digests).stream()
				.map((argument) -> argument.getBytes(StandardCharsets.UTF_8))
				.toArray(byte[][]::new);
			this.guard.send("write", () -> this.redis.execute((RedisCallback<CompletionStage<Long>>) (connection) -> {
				RedisScriptingAsyncCommands<byte[], byte[]> scripting = scripting(connection.getNativeConnection());
				RedisFuture<Long> written = scripting.eval(WRITE.getScriptAsString(), ScriptOutputType.INTEGER,
						new byte[][] { home.getBytes(StandardCharsets.UTF_8) }, arguments);
				return written.whenComplete((result, failure) -> {
					if (failure == null && (result == null || result == 0L)) {
						logger.debug("Not caching {}: invalidated while fetching", viewer);
					}
				});
			}));
		}
		return toCached(real, storedAt);
	}

	@SuppressWarnings("unchecked")
	private static RedisScriptingAsyncCommands<byte[], byte[]> scripting(Object nativeConnection) {
		return (RedisScriptingAsyncCommands<byte[], byte[]>) nativeConnection;
	}

	// what is stored is what is read back: millisecond precision, so a page rendered from
	// Redis has the same bytes and ETag as the one rendered when it was fetched
	private static Instant storedAt(Instant fetchedAt) {
		return fetchedAt.truncatedTo(ChronoUnit.MILLIS);
	}

	private static List<ProductSection> real(Collection<ProductSection> fetched) {
		return fetched.stream().filter(ProductSection::available).toList();
	}

	// the generation read, the key's TTL, then each section's field and reference
	private List<String> writeArguments(CachedSections basis, List<ProductSection> real, Instant storedAt,
			List<String> digests) {
		List<String> arguments = new ArrayList<>();
		arguments.add(basis.generation());
		arguments.add(String.valueOf(this.keyTtl.toMillis()));
		for (int i = 0; i < real.size(); i++) {
			arguments.add(real.get(i).product().section());
			arguments.add(new SectionRef(storedAt, digests.get(i)).toString());
		}
		return arguments;
	}

	private Map<Product, CachedSection> toCached(List<ProductSection> real, Instant storedAt) {
		Map<Product, CachedSection> stored = new LinkedHashMap<>();
		for (ProductSection section : real) {
			stored.put(section.product(), toCached(section.product(), section.widgets(), storedAt));
		}
		return stored;
	}

	private void write(Viewer viewer, CachedSections basis, List<ProductSection> real, Instant storedAt) {
		List<String> digests = this.blobs.store(real.stream().map(ProductSection::widgets).toList());
		List<String> arguments = writeArguments(basis, real, storedAt, digests);
		Long written = this.guard.call("write",
				() -> this.redis.execute(WRITE, List.of(HomeKeys.home(viewer)), arguments.toArray()), 0L);
		if (written == null || written == 0L) {
			logger.debug("Not caching {}: invalidated while fetching or Redis unavailable", viewer);
		}
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
				forEveryUserHome((key) -> evict(key, product));
			}
			return true;
		}, false);
		return Boolean.TRUE.equals(evicted);
	}

	// a cluster scans master by master; SCAN on a cluster connection covers one node only
	private void forEveryUserHome(Consumer<String> action) {
		ScanOptions users = ScanOptions.scanOptions().match(HomeKeys.USER_HOMES).count(1000).build();
		this.redis.execute((RedisCallback<Void>) (connection) -> {
			if (connection instanceof RedisClusterConnection cluster) {
				for (RedisClusterNode node : cluster.clusterGetNodes()) {
					if (node.isMaster()) {
						scan(cluster.scan(node, users), action);
					}
				}
			}
			else {
				scan(connection.keyCommands().scan(users), action);
			}
			return null;
		});
	}

	private static void scan(Cursor<byte[]> keys, Consumer<String> action) {
		try (keys) {
			keys.forEachRemaining((key) -> action.accept(new String(key, StandardCharsets.UTF_8)));
		}
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

	/**
	 * A home's pointer to one of its sections: when it was fetched and where its widgets
	 * are, as {@code <epoch millis>:<digest>}.
	 */
	record SectionRef(Instant storedAt, String digest) {

		static Optional<SectionRef> parse(String value) {
			int colon = value.indexOf(':');
			if (colon < 1) {
				return Optional.empty();
			}
			try {
				return Optional.of(new SectionRef(Instant.ofEpochMilli(Long.parseLong(value.substring(0, colon))),
						value.substring(colon + 1)));
			}
			catch (NumberFormatException ex) {
				return Optional.empty();
			}
		}

		@Override
		public String toString() {
			return this.storedAt.toEpochMilli() + ":" + this.digest;
		}

	}

}
