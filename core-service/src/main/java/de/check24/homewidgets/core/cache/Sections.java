package de.check24.homewidgets.core.cache;

import java.time.Instant;
import java.util.List;

import de.check24.homewidgets.core.products.HomeWidget;
import de.check24.homewidgets.core.products.Product;

/**
 * The sections of one home, in catalog order, as the cache decided to serve them.
 *
 * @param cacheKey the Redis key of the home
 * @param sections one per product
 * @param newest when the newest section was fetched
 * @param freshUntil when the first section turns stale
 * @param stale whether a section is past its TTL and being refreshed, or generic in place
 * of a personal one: either way the page is about to change
 * @param provisional whether a section is the generic one in place of a personal one the
 * products had no capacity for yet
 * @param fallbacks how many sections hold the fallback card
 * @param fetched how many sections were fetched from the products for this answer (none:
 * it came from the cache)
 */
public record Sections(String cacheKey, List<Section> sections, Instant newest, Instant freshUntil, boolean stale,
		boolean provisional, int fallbacks, int fetched) {

	/**
	 * Whether a page of these sections may be kept in memory: never with a fallback card,
	 * so the next request tries the product again (and costs nothing while its breaker is
	 * open).
	 * @return {@code true} when every section is the product's real answer
	 */
	public boolean keepable() {
		return this.fallbacks == 0;
	}

	/**
	 * Whether no product could be served at all.
	 * @return {@code true} when every section is a fallback card
	 */
	public boolean nothingServed() {
		return this.fallbacks == this.sections.size();
	}

	/**
	 * @param product the product
	 * @param widgets what it shows, ordered by priority
	 */
	public record Section(Product product, List<HomeWidget> widgets) {

	}

}
