package de.check24.homewidgets.core.home;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.check24.homewidgets.core.cache.HomeInvalidated;
import de.check24.homewidgets.core.cache.HomeRefreshed;
import de.check24.homewidgets.core.cache.InvalidationsMissed;
import de.check24.homewidgets.core.viewer.Viewer;

import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Each replica's in-process cache of rendered pages in front of Redis: a hit costs a map
 * lookup and a byte copy, no Redis round trip and no JSON. It also coalesces concurrent
 * misses for the same home into one load. It is bounded by the bytes it holds, not by the
 * number of pages.
 * <p>
 * It stays coherent with the other replicas through {@link HomeInvalidated} events, which
 * every replica receives via Redis pub/sub; a page is also never kept longer than
 * {@code home.page.near.max-age}, which bounds the damage of a missed message, and
 * everything is dropped when this replica may have missed messages
 * ({@link InvalidationsMissed}).
 * <p>
 * A page asked for after half to three quarters of its maximum age (a point drawn per
 * page, so that pages kept together are not reloaded together) is still served, and
 * reloaded in the background: a user who keeps coming back never waits for the reload
 * from Redis, and the requests of other users do not queue behind it.
 */
class NearCache implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(NearCache.class);

	// what a page costs beyond its body: entry, key, record, array header
	private static final int OVERHEAD_BYTES = 200;

	private final Cache<Viewer, Entry> pages;

	private final ConcurrentMap<Viewer, Load> loading = new ConcurrentHashMap<>();

	private final HomeProperties.Near properties;

	private final Clock clock;

	private final Counter hits;

	private final Counter misses;

	private final Counter coalesced;

	private final Counter refreshed;

	private final Executor refresher;

	NearCache(HomeProperties.Near properties, Clock clock, MeterRegistry meterRegistry) {
		this(properties, clock, meterRegistry, ForkJoinPool.commonPool(), refresher());
	}

	/**
	 * Caffeine evicts in maintenance work it hands to {@code maintenance}: the common
	 * pool in production, so requests never wait for it; {@code Runnable::run} in tests
	 * of the byte bound, so eviction has happened when a write returns. Background
	 * reloads run on {@code refresher}; when it refuses one, the page expires and the
	 * next request loads it.
	 */
	NearCache(HomeProperties.Near properties, Clock clock, MeterRegistry meterRegistry, Executor maintenance,
			Executor refresher) {
		this.properties = properties;
		this.clock = clock;
		this.refresher = refresher;
		this.pages = Caffeine.newBuilder()
			.executor(maintenance)
			.maximumWeight(properties.maxSize().toBytes())
			.weigher((Viewer viewer, Entry entry) -> entry.page().body().length + OVERHEAD_BYTES)
			.expireAfterWrite(properties.maxAge())
			.build();
		this.hits = meterRegistry.counter("home.cache.lookups", "tier", "near", "result", "hit");
		this.misses = meterRegistry.counter("home.cache.lookups", "tier", "near", "result", "miss");
		this.coalesced = meterRegistry.counter("home.cache.lookups", "tier", "near", "result", "coalesced");
		this.refreshed = meterRegistry.counter("home.cache.near.refreshes");
	}

	// two threads: a reload mostly waits for Redis; a full queue leaves pages to expire
	private static ExecutorService refresher() {
		AtomicInteger threads = new AtomicInteger();
		return new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1000), (task) -> {
			Thread thread = new Thread(task, "near-cache-refresh-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * The page in memory, if it is still current; a miss is counted.
	 * @param viewer whose home
	 * @return the page, or {@code null}
	 */
	RenderedPage get(Viewer viewer) {
		RenderedPage page = peek(viewer);
		if (page == null) {
			this.misses.increment();
		}
		return page;
	}

	/**
	 * Like {@link #get(Viewer)} without counting a miss, for a caller that hands a miss
	 * on to code that calls {@code get} itself.
	 * @param viewer whose home
	 * @return the page, or {@code null}
	 */
	RenderedPage peek(Viewer viewer) {
		Entry entry = this.pages.getIfPresent(viewer);
		if (entry == null) {
			return null;
		}
		Instant now = this.clock.instant();
		if (!now.isBefore(entry.expiresAt())) {
			return null;
		}
		if (!now.isBefore(entry.refreshAt()) && entry.refreshing().compareAndSet(false, true)) {
			refresh(viewer, entry);
		}
		this.hits.increment();
		return entry.page();
	}

	private void refresh(Viewer viewer, Entry entry) {
		try {
			this.refresher.execute(() -> {
				try {
					load(viewer, entry.loader());
					this.refreshed.increment();
				}
				catch (RuntimeException ex) {
					// the page expires as it would have, and a request loads it
					logger.debug("Reloading the home of {} in the background failed: {}", viewer, ex.toString());
				}
			});
		}
		catch (RejectedExecutionException ex) {
			entry.refreshing().set(false);
		}
	}

	/**
	 * Loads a page, once per home however many requests ask at the same time, and keeps
	 * it if it may be kept. A load that an invalidation of the same home overtook is
	 * served to its callers but not kept: it may show what was just invalidated.
	 * @param viewer whose home
	 * @param loader assembles the page
	 * @return the page
	 */
	RenderedPage load(Viewer viewer, Function<Viewer, RenderedPage> loader) {
		Load mine = new Load();
		Load running = this.loading.putIfAbsent(viewer, mine);
		if (running != null) {
			this.coalesced.increment();
			return join(running.result);
		}
		try {
			RenderedPage page = loader.apply(viewer);
			Entry entry = entry(page, loader);
			// an overtaken load does not even put: it would displace the page a load
			// started after the invalidation may have kept meanwhile
			if (entry != null && !mine.overtaken) {
				// put, then re-check: an invalidation that landed meanwhile either sees
				// the entry and removes it, or has marked this load before the check
				this.pages.put(viewer, entry);
				if (mine.overtaken) {
					this.pages.asMap().remove(viewer, entry);
				}
			}
			mine.result.complete(page);
			return page;
		}
		catch (RuntimeException | Error ex) {
			mine.result.completeExceptionally(ex);
			throw ex;
		}
		finally {
			this.loading.remove(viewer, mine);
		}
	}

	/**
	 * Forgets a home on this replica.
	 * @param viewer whose home
	 */
	void evict(Viewer viewer) {
		Load load = this.loading.remove(viewer);
		if (load != null) {
			load.overtaken = true;
		}
		this.pages.invalidate(viewer);
	}

	/** Drops every page on this replica. */
	void clear() {
		this.loading.values().forEach((load) -> load.overtaken = true);
		this.loading.clear();
		this.pages.invalidateAll();
	}

	/**
	 * Runs before anything that tells clients to refetch (the update streams).
	 * @param event the invalidation
	 */
	@EventListener
	@Order(Ordered.HIGHEST_PRECEDENCE)
	void on(HomeInvalidated event) {
		if (event.viewer() == null) {
			clear();
		}
		else {
			evict(event.viewer());
		}
	}

	@EventListener
	void on(HomeRefreshed event) {
		evict(event.viewer());
	}

	@EventListener
	void on(InvalidationsMissed event) {
		clear();
	}

	long weightInBytes() {
		return this.pages.policy().eviction().map((eviction) -> eviction.weightedSize().orElse(0)).orElse(0L);
	}

	private Entry entry(RenderedPage page, Function<Viewer, RenderedPage> loader) {
		if (!page.keepable()) {
			return null;
		}
		Instant now = this.clock.instant();
		if (page.stale()) {
			Instant expiresAt = now.plus(this.properties.staleMaxAge());
			return new Entry(page, expiresAt, expiresAt, loader, new AtomicBoolean());
		}
		Instant latest = now.plus(this.properties.maxAge());
		Instant expiresAt = page.freshUntil().isBefore(latest) ? page.freshUntil() : latest;
		// a point of its own: pages kept at the same moment (after a restart, or after
		// every page was dropped) would otherwise be reloaded together, every maximum age
		long maxAge = this.properties.maxAge().toNanos();
		Instant refreshAt = now.plusNanos(maxAge / 2 + ThreadLocalRandom.current().nextLong(maxAge / 4 + 1));
		return new Entry(page, refreshAt.isBefore(expiresAt) ? refreshAt : expiresAt, expiresAt, loader,
				new AtomicBoolean());
	}

	private static RenderedPage join(CompletableFuture<RenderedPage> running) {
		try {
			return running.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

	/** A load in progress and whether an invalidation overtook it. */
	private static final class Load {

		private final CompletableFuture<RenderedPage> result = new CompletableFuture<>();

		private volatile boolean overtaken;

	}

	@Override
	public void close() {
		if (this.refresher instanceof ExecutorService executor) {
			executor.shutdownNow();
		}
	}

	/**
	 * A kept page.
	 *
	 * @param page the page
	 * @param refreshAt from when a request has it reloaded in the background
	 * @param expiresAt from when it is not served
	 * @param loader how it was loaded, for the background reload
	 * @param refreshing whether its background reload was started
	 */
	private record Entry(RenderedPage page, Instant refreshAt, Instant expiresAt, Function<Viewer, RenderedPage> loader,
			AtomicBoolean refreshing) {

	}

}
