package de.check24.homewidgets.core.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
import de.check24.homewidgets.core.products.ProductSection;
import de.check24.homewidgets.core.viewer.Viewer;

/**
 * Builds the personal homes of users who got a provisional one during a stampede, from
 * the products' spare capacity: a few workers wait (far longer than a request may) for
 * places no request wants, store the sections, and tell the user's screens to refetch
 * ({@code personal_home_ready}); a build whose products stayed busy goes back in the
 * queue. One build per user at a time; when the queue is full, the user's next request
 * asks again.
 */
class PersonalHomes {

	static final String READY = "personal_home_ready";

	private static final Logger logger = LoggerFactory.getLogger(PersonalHomes.class);

	private final Set<Viewer> queued = ConcurrentHashMap.newKeySet();

	private final HomeStore store;

	private final ProductCatalog catalog;

	private final ProductFanOut products;

	private final Invalidations invalidations;

	private final ExecutorService workers;

	private final Duration admission;

	private final Clock clock;

	private final Counter built;

	PersonalHomes(HomeStore store, ProductCatalog catalog, ProductFanOut products, Invalidations invalidations,
			ExecutorService workers, Duration admission, Clock clock, MeterRegistry meterRegistry) {
		this.store = store;
		this.catalog = catalog;
		this.products = products;
		this.invalidations = invalidations;
		this.workers = workers;
		this.admission = admission;
		this.clock = clock;
		this.built = Counter.builder("home.cache.personal.homes")
			.description("Personal homes built in the background after a provisional one was served")
			.register(meterRegistry);
	}

	void build(Viewer viewer) {
		if (!this.queued.add(viewer)) {
			return;
		}
		try {
			this.workers.execute(() -> {
				boolean again = false;
				try {
					again = buildNow(viewer);
				}
				catch (RuntimeException ex) {
					logger.warn("Building the personal home of {} failed: {}", viewer, ex.toString());
				}
				finally {
					this.queued.remove(viewer);
				}
				if (again) {
					build(viewer); // behind the others: the products are still busy
				}
			});
		}
		catch (RejectedExecutionException ex) {
			this.queued.remove(viewer);
		}
	}

	void close() {
		this.workers.shutdownNow();
	}

	// whether a product had no spare place in time, so the build has to be tried again
	private boolean buildNow(Viewer viewer) {
		Instant now = this.clock.instant();
		CachedSections cached = this.store.read(viewer);
		List<Product> due = this.catalog.all()
			.stream()
			.filter((product) -> cached.section(product) == null
					|| cached.section(product).freshness(now) == Freshness.EXPIRED)
			.toList();
		if (due.isEmpty()) {
			return false;
		}
		var fetched = this.products.widgetsFromSpareCapacity(viewer.userId(), due, this.admission);
		this.store.store(viewer, cached, fetched.values(), now);
		if (fetched.values().stream().anyMatch(ProductSection::available)) {
			this.built.increment();
			this.invalidations.announce(viewer, READY);
		}
		return fetched.values().stream().anyMatch(ProductSection::busy);
	}

}
