package de.check24.homewidgets.core.home;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import de.check24.homewidgets.core.cache.CachedSection;
import de.check24.homewidgets.core.cache.CachedSections;
import de.check24.homewidgets.core.cache.Freshness;
import de.check24.homewidgets.core.cache.HomeCache;
import de.check24.homewidgets.core.cache.NearCache;
import de.check24.homewidgets.core.cache.RenderedPage;
import de.check24.homewidgets.core.products.HomeWidget;
import de.check24.homewidgets.core.products.Product;
import de.check24.homewidgets.core.products.ProductClients;
import de.check24.homewidgets.core.products.ProductSection;
import de.check24.homewidgets.core.security.Viewer;

/**
 * Assembles home pages: from this replica's memory when it can, else from the sections
 * cached in Redis, fetching only the sections that are missing or expired, all of them in
 * parallel. Stale sections are served while one background refresh runs. A product that
 * fails shows its expired section if one is left (stale-if-error), else its fallback
 * card.
 */
class HomePages {

	private final NearCache nearCache;

	private final HomeCache homeCache;

	private final ProductClients products;

	private final HomeRefresher refresher;

	private final HomeRenderer renderer;

	private final Clock clock;

	private final Map<Freshness, Counter> lookups = new EnumMap<>(Freshness.class);

	private final Counter redisMisses;

	private final Counter redisUnavailable;

	HomePages(NearCache nearCache, HomeCache homeCache, ProductClients products, HomeRefresher refresher,
			HomeRenderer renderer, Clock clock, MeterRegistry meterRegistry) {
		this.nearCache = nearCache;
		this.homeCache = homeCache;
		this.products = products;
		this.refresher = refresher;
		this.renderer = renderer;
		this.clock = clock;
		this.lookups.put(Freshness.FRESH, redisLookups(meterRegistry, "hit"));
		this.lookups.put(Freshness.STALE, redisLookups(meterRegistry, "stale"));
		this.lookups.put(Freshness.EXPIRED, redisLookups(meterRegistry, "expired"));
		this.redisMisses = redisLookups(meterRegistry, "miss");
		this.redisUnavailable = redisLookups(meterRegistry, "unavailable");
	}

	private static Counter redisLookups(MeterRegistry meterRegistry, String result) {
		return meterRegistry.counter("home.cache.lookups", "tier", "redis", "result", result);
	}

	RenderedPage page(Viewer viewer) {
		RenderedPage page = this.nearCache.get(viewer);
		if (page != null) {
			return page; // served from memory
		}
		return this.nearCache.load(viewer, this::assemble);
	}

	private RenderedPage assemble(Viewer viewer) {
		Instant now = this.clock.instant();
		CachedSections cached = this.homeCache.read(viewer);
		Page page = new Page();
		List<Product> toFetch = new ArrayList<>();
		boolean refresh = false;
		for (Product product : Product.values()) {
			CachedSection section = cached.section(product);
			Freshness freshness = (section != null) ? section.freshness(now) : null;
			count(cached, freshness);
			if (freshness == Freshness.FRESH) {
				page.show(section, false);
			}
			else if (freshness == Freshness.STALE) {
				page.show(section, true);
				refresh = true;
			}
			else {
				toFetch.add(product);
			}
		}
		if (!toFetch.isEmpty()) {
			Map<Product, ProductSection> fetched = this.products.widgets(viewer.userId(), toFetch);
			Map<Product, CachedSection> stored = this.homeCache.store(viewer, cached, fetched.values(), now);
			for (Product product : toFetch) {
				if (stored.containsKey(product)) {
					page.show(stored.get(product), false);
				}
				else if (cached.section(product) != null) {
					page.show(cached.section(product), true); // stale-if-error
				}
				else {
					page.fallback(fetched.get(product));
				}
			}
		}
		if (refresh) {
			this.refresher.refresh(viewer);
		}
		return page.render(this.homeCache.key(viewer), now);
	}

	private void count(CachedSections cached, Freshness freshness) {
		if (!cached.available()) {
			this.redisUnavailable.increment();
		}
		else if (freshness == null) {
			this.redisMisses.increment();
		}
		else {
			this.lookups.get(freshness).increment();
		}
	}

	/** The sections of a page being assembled. */
	private final class Page {

		private final Map<Product, List<HomeWidget>> sections = new EnumMap<>(Product.class);

		private Instant newest;

		private Instant freshUntil;

		private boolean stale;

		private int fallbacks;

		void show(CachedSection section, boolean stale) {
			this.sections.put(section.product(), section.widgets());
			this.stale |= stale;
			this.newest = (this.newest == null || section.storedAt().isAfter(this.newest)) ? section.storedAt()
					: this.newest;
			this.freshUntil = (this.freshUntil == null || section.freshUntil().isBefore(this.freshUntil))
					? section.freshUntil() : this.freshUntil;
		}

		void fallback(ProductSection section) {
			this.sections.put(section.product(), section.widgets());
			this.fallbacks++;
		}

		RenderedPage render(String cacheKey, Instant now) {
			boolean nothingServed = this.fallbacks == Product.values().length;
			// a page with a fallback card is never kept: the next request tries the
			// product
			// again (and costs nothing while its breaker is open)
			Instant keepUntil = (this.fallbacks > 0) ? null : this.freshUntil;
			return HomePages.this.renderer.render(cacheKey, this.sections, (this.newest != null) ? this.newest : now,
					nothingServed ? 503 : 200, keepUntil, this.stale);
		}

	}

}
