package de.check24.homewidgets.core.cache;

import java.time.Clock;
import java.time.Instant;
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

import de.check24.homewidgets.core.products.Product;
import de.check24.homewidgets.core.products.ProductCatalog;
import de.check24.homewidgets.core.products.ProductFanOut;
import de.check24.homewidgets.core.viewer.Viewer;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Refreshes stale homes in the background: at most one refresh per home on this replica
 * (an in-process guard) and across all replicas (the Redis refresh lock).
 */
class HomeRefresher {

	private static final Logger logger = LoggerFactory.getLogger(HomeRefresher.class);

	private final Set<Viewer> running = ConcurrentHashMap.newKeySet();

	private final HomeStore store;

	private final RefreshLock lock;

	private final ProductCatalog catalog;

	private final ProductFanOut products;

	private final ExecutorService executor;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Counter refreshes;

	HomeRefresher(HomeStore store, RefreshLock lock, ProductCatalog catalog, ProductFanOut products,
			ExecutorService executor, ApplicationEventPublisher events, Clock clock, MeterRegistry meterRegistry) {
		this.store = store;
		this.lock = lock;
		this.catalog = catalog;
		this.products = products;
		this.executor = executor;
		this.events = events;
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
					logger.warn("Background refresh of {} failed: {}", viewer, ex.toString());
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
		Optional<String> token = this.lock.acquire(viewer);
		if (token.isEmpty()) {
			return;
		}
		try {
			Instant now = this.clock.instant();
			// read again under the lock: another replica may have refreshed meanwhile
			CachedSections cached = this.store.read(viewer);
			List<Product> due = this.catalog.all().stream().filter((product) -> {
				CachedSection section = cached.section(product);
				return section == null || section.freshness(now) != Freshness.FRESH;
			}).toList();
			if (due.isEmpty()) {
				return;
			}
			this.refreshes.increment();
			this.store.store(viewer, cached, this.products.widgets(viewer.userId(), due).values(), now);
		}
		finally {
			this.lock.release(viewer, token.get());
			this.events.publishEvent(new HomeRefreshed(viewer));
		}
	}

}
