package de.check24.homewidgets.core.cache;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import de.check24.homewidgets.core.products.HomeWidget;
import de.check24.homewidgets.core.products.Product;
import de.check24.homewidgets.core.products.ProductCatalog;
import de.check24.homewidgets.core.products.ProductFanOut;
import de.check24.homewidgets.core.products.ProductSection;
import de.check24.homewidgets.core.viewer.Viewer;

/**
 * The stale-while-revalidate policy, next to the storage it governs: which of a home's
 * sections Redis holds fresh (served), stale (served while one background refresh runs)
 * or not at all (fetched from the products, all of them in parallel, and stored). A
 * product that fails shows its expired section if one is left (stale-if-error), else its
 * fallback card. A product with no place for a signed-in user's cold section within the
 * admission budget shows the generic section of the anonymous home for now
 * ({@link Sections#provisional()}); {@link PersonalHomes} builds the personal one as
 * capacity frees and tells the user's screens.
 */
public class HomeSections {

	private final HomeStore store;

	private final ProductCatalog catalog;

	private final ProductFanOut products;

	private final HomeRefresher refresher;

	private final PersonalHomes personalHomes;

	private final Clock clock;

	private final Map<Freshness, Counter> lookups = new EnumMap<>(Freshness.class);

	private final Counter misses;

	private final Counter unavailable;

	HomeSections(HomeStore store, ProductCatalog catalog, ProductFanOut products, HomeRefresher refresher,
			PersonalHomes personalHomes, Clock clock, MeterRegistry meterRegistry) {
		this.personalHomes = personalHomes;
		this.store = store;
		this.catalog = catalog;
		this.products = products;
		this.refresher = refresher;
		this.clock = clock;
		this.lookups.put(Freshness.FRESH, lookups(meterRegistry, "hit"));
		this.lookups.put(Freshness.STALE, lookups(meterRegistry, "stale"));
		this.lookups.put(Freshness.EXPIRED, lookups(meterRegistry, "expired"));
		this.misses = lookups(meterRegistry, "miss");
		this.unavailable = lookups(meterRegistry, "unavailable");
	}

	private static Counter lookups(MeterRegistry meterRegistry, String result) {
		return meterRegistry.counter("home.cache.lookups", "tier", "redis", "result", result);
	}

	/**
	 * The sections to show a viewer now.
	 * @param viewer whose home
	 * @return every product's section, in catalog order
	 */
	public Sections sections(Viewer viewer) {
		Instant now = this.clock.instant();
		CachedSections cached = this.store.read(viewer);
		Assembly assembly = new Assembly();
		List<Product> toFetch = new ArrayList<>();
		boolean refresh = false;
		for (Product product : this.catalog.all()) {
			CachedSection section = cached.section(product);
			Freshness freshness = (section != null) ? section.freshness(now) : null;
			count(cached, freshness);
			if (freshness == Freshness.FRESH) {
				assembly.show(section, false);
			}
			else if (freshness == Freshness.STALE) {
				assembly.show(section, true);
				refresh = true;
			}
			else {
				toFetch.add(product);
			}
		}
		if (!toFetch.isEmpty()) {
			Map<Product, ProductSection> fetched = this.products.widgets(viewer.userId(), toFetch);
			Map<Product, CachedSection> stored = this.store.storeBehind(viewer, cached, fetched.values(), now);
			CachedSections generic = null;
			for (Product product : toFetch) {
				ProductSection section = fetched.get(product);
				if (stored.containsKey(product)) {
					assembly.show(stored.get(product), false);
				}
				else if (cached.section(product) != null) {
					assembly.show(cached.section(product), true); // stale-if-error
				}
				else if (section.busy() && !viewer.isAnonymous()) {
					// more users are cold than the product can serve: the generic section
					// now, the personal one by a push once the product has a place
					generic = (generic != null) ? generic : this.store.read(Viewer.ANONYMOUS);
					if (generic.section(product) != null) {
						assembly.provisional(generic.section(product));
					}
					else {
						assembly.fallback(section);
					}
					this.personalHomes.build(viewer);
				}
				else {
					assembly.fallback(section);
				}
			}
		}
		if (refresh) {
			this.refresher.refresh(viewer);
		}
		return assembly.sections(HomeKeys.home(viewer), now, toFetch.size());
	}

	private void count(CachedSections cached, Freshness freshness) {
		if (!cached.available()) {
			this.unavailable.increment();
		}
		else if (freshness == null) {
			this.misses.increment();
		}
		else {
			this.lookups.get(freshness).increment();
		}
	}

	/** The sections of a home being assembled. */
	private final class Assembly {

		private final Map<Product, List<HomeWidget>> widgets = new LinkedHashMap<>();

		private Instant newest;

		private Instant freshUntil;

		private boolean stale;

		private boolean provisional;

		private int fallbacks;

		void show(CachedSection section, boolean stale) {
			this.widgets.put(section.product(), section.widgets());
			this.stale |= stale;
			this.newest = (this.newest == null || section.storedAt().isAfter(this.newest)) ? section.storedAt()
					: this.newest;
			this.freshUntil = (this.freshUntil == null || section.freshUntil().isBefore(this.freshUntil))
					? section.freshUntil() : this.freshUntil;
		}

		// the generic section in place of a personal one that could not be built yet
		void provisional(CachedSection generic) {
			this.widgets.put(generic.product(), generic.widgets());
			this.provisional = true;
		}

		void fallback(ProductSection section) {
			this.widgets.put(section.product(), section.widgets());
			this.fallbacks++;
		}

		Sections sections(String cacheKey, Instant now, int fetched) {
			List<Sections.Section> sections = new ArrayList<>();
			for (Product product : HomeSections.this.catalog.all()) {
				sections.add(new Sections.Section(product, this.widgets.get(product)));
			}
			return new Sections(cacheKey, sections, (this.newest != null) ? this.newest : now,
					(this.freshUntil != null) ? this.freshUntil : now, this.stale || this.provisional, this.provisional,
					this.fallbacks, fetched);
		}

	}

}
