package de.check24.homewidgets.core.cache;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import de.check24.homewidgets.core.security.Viewer;

import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Each replica's in-process cache of rendered pages in front of Redis: a hit costs a map
 * lookup and a byte copy, no Redis round trip and no JSON. It also coalesces concurrent
 * misses for the same home into one load.
 * <p>
 * It stays coherent with the other replicas through {@link HomeInvalidated} events, which
 * every replica receives via Redis pub/sub; a page is also never kept longer than
 * {@code home.cache.near.max-age}, which bounds the damage of a missed message.
 * Invalidations that could not be published while Redis was down are published once it is
 * back (see {@link HomeCache}).
 */
public class NearCache {

	private final Cache<Viewer, Entry> pages;

	private final ConcurrentMap<Viewer, CompletableFuture<RenderedPage>> loading = new ConcurrentHashMap<>();

	// bumped by every invalidation; a load that saw an invalidation while running is not
	// kept, it may have read what was just invalidated
	private final AtomicLong epoch = new AtomicLong();

	private final CacheProperties.Near properties;

	private final Clock clock;

	private final Counter hits;

	private final Counter misses;

	private final Counter coalesced;

	NearCache(CacheProperties.Near properties, Clock clock, MeterRegistry meterRegistry) {
		this.properties = properties;
		this.clock = clock;
		this.pages = Caffeine.newBuilder()
			.maximumSize(properties.maxEntries())
			.expireAfterWrite(properties.maxAge())
			.build();
		this.hits = meterRegistry.counter("home.cache.lookups", "tier", "near", "result", "hit");
		this.misses = meterRegistry.counter("home.cache.lookups", "tier", "near", "result", "miss");
		this.coalesced = meterRegistry.counter("home.cache.lookups", "tier", "near", "result", "coalesced");
	}

	/**
	 * The page in memory, if it is still current.
	 * @param viewer whose home
	 * @return the page, or {@code null}
	 */
	public RenderedPage get(Viewer viewer) {
		RenderedPage page = find(viewer);
		if (page == null) {
			this.misses.increment();
		}
		return page;
	}

	/**
	 * Like {@link #get(Viewer)}, for a caller that hands a miss on to one that calls
	 * {@code get} itself, so that the miss is counted once.
	 * @param viewer whose home
	 * @return the page, or {@code null}
	 */
	public RenderedPage getOrPassOn(Viewer viewer) {
		return find(viewer);
	}

	private RenderedPage find(Viewer viewer) {
		Entry entry = this.pages.getIfPresent(viewer);
		if (entry != null && this.clock.instant().isBefore(entry.expiresAt())) {
			this.hits.increment();
			return entry.page();
		}
		return null;
	}

	/**
	 * Loads a page, once per home however many requests ask at the same time, and keeps
	 * it if it may be kept.
	 * @param viewer whose home
	 * @param loader assembles the page
	 * @return the page
	 */
	public RenderedPage load(Viewer viewer, Function<Viewer, RenderedPage> loader) {
		CompletableFuture<RenderedPage> mine = new CompletableFuture<>();
		CompletableFuture<RenderedPage> running = this.loading.putIfAbsent(viewer, mine);
		if (running != null) {
			this.coalesced.increment();
			return join(running);
		}
		long startEpoch = this.epoch.get();
		try {
			RenderedPage page = loader.apply(viewer);
			Instant expiresAt = expiresAt(page);
			if (expiresAt != null && this.epoch.get() == startEpoch) {
				this.pages.put(viewer, new Entry(page, expiresAt));
			}
			mine.complete(page);
			return page;
		}
		catch (RuntimeException | Error ex) {
			mine.completeExceptionally(ex);
			throw ex;
		}
		finally {
			this.loading.remove(viewer, mine);
		}
	}

	/**
	 * Forgets a home on this replica only, e.g. after it refreshed the home in Redis.
	 * @param viewer whose home
	 */
	public void evict(Viewer viewer) {
		this.epoch.incrementAndGet();
		this.pages.invalidate(viewer);
		this.loading.remove(viewer);
	}

	// before anything that tells clients to refetch (the update streams)
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

	/** Drops every page on this replica. */
	public void clear() {
		this.epoch.incrementAndGet();
		this.pages.invalidateAll();
		this.loading.clear();
	}

	private Instant expiresAt(RenderedPage page) {
		if (!page.cacheable()) {
			return null;
		}
		Instant now = this.clock.instant();
		if (page.stale()) {
			return now.plus(this.properties.staleMaxAge());
		}
		Instant latest = now.plus(this.properties.maxAge());
		return page.freshUntil().isBefore(latest) ? page.freshUntil() : latest;
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

	private record Entry(RenderedPage page, Instant expiresAt) {

	}

}
