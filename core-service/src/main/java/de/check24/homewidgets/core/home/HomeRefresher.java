package de.check24.homewidgets.core.home;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.check24.homewidgets.core.cache.CachedSection;
import de.check24.homewidgets.core.cache.CachedSections;
import de.check24.homewidgets.core.cache.Freshness;
import de.check24.homewidgets.core.cache.HomeCache;
import de.check24.homewidgets.core.cache.NearCache;
import de.check24.homewidgets.core.products.Product;
import de.check24.homewidgets.core.products.ProductClients;
import de.check24.homewidgets.core.security.Viewer;

/**
 * Refreshes stale homes in the background: at most one refresh per home on this replica
 * (an in-process guard) and across all replicas (the Redis refresh lock).
 */
class HomeRefresher {

	private static final Logger logger = LoggerFactory.getLogger(HomeRefresher.class);

	private final Set<Viewer> running = ConcurrentHashMap.newKeySet();

	private final HomeCache homeCache;

	private final NearCache nearCache;

	private final ProductClients products;

	private final ExecutorService executor;

	private final Clock clock;

	private final Counter refreshes;

	HomeRefresher(HomeCache homeCache, NearCache nearCache, ProductClients products, ExecutorService executor,
			Clock clock, MeterRegistry meterRegistry) {
		this.homeCache = homeCache;
		this.nearCache = nearCache;
		this.products = products;
		this.executor = executor;
		this.clock = clock;
		this.refreshes = Counter.builder("home.cache.refreshes")
			.description("Background refreshes of stale homes that fetched from the products")
			.register(meterRegistry);
	}

	void refresh(Viewer viewer) {
		if (!this.running.add(viewer)) {
			return;
		}
		try {
			this.executor.execute(() -> {
				try {
					refreshNow(viewer);
				}
				catch (RuntimeException ex) {
					logger.warn("Background refresh of {} failed: {}", this.homeCache.key(viewer), ex.toString());
				}
				finally {
					this.running.remove(viewer);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// busy: the next request that sees the stale page asks again
			this.running.remove(viewer);
		}
	}

	void close() {
		this.executor.shutdownNow();
	}

	private void refreshNow(Viewer viewer) {
		Optional<String> lock = this.homeCache.lockRefresh(viewer);
		if (lock.isEmpty()) {
			return;
		}
		try {
			Instant now = this.clock.instant();
			// read again under the lock: another replica may have refreshed meanwhile
			CachedSections cached = this.homeCache.read(viewer);
			List<Product> due = Arrays.stream(Product.values()).filter((product) -> {
				CachedSection section = cached.section(product);
				return section == null || section.freshness(now) != Freshness.FRESH;
			}).toList();
			if (due.isEmpty()) {
				return;
			}
			this.refreshes.increment();
			this.homeCache.store(viewer, cached, this.products.widgets(viewer.userId(), due).values(), now);
		}
		finally {
			this.homeCache.unlockRefresh(viewer, lock.get());
			this.nearCache.evict(viewer);
		}
	}

}
