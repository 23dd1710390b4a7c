package de.check24.homewidgets.core.cache;

import java.time.Instant;
import java.util.List;

import de.check24.homewidgets.core.products.HomeWidget;
import de.check24.homewidgets.core.products.Product;

/**
 * A product's section as cached for one home.
 *
 * @param product the product
 * @param widgets the widgets, as validated when fetched
 * @param storedAt when they were fetched
 * @param freshUntil end of the TTL
 * @param staleUntil end of the grace window
 */
record CachedSection(Product product, List<HomeWidget> widgets, Instant storedAt, Instant freshUntil,
		Instant staleUntil) {

	Freshness freshness(Instant now) {
		if (now.isBefore(this.freshUntil)) {
			return Freshness.FRESH;
		}
		return now.isBefore(this.staleUntil) ? Freshness.STALE : Freshness.EXPIRED;
	}

}
