package de.check24.homewidgets.core.cache;

import java.util.Map;

import de.check24.homewidgets.core.products.Product;

/**
 * What Redis holds for one home, read in one round trip.
 *
 * @param sections the cached sections by product; missing products have none
 * @param generation the home's invalidation generation at read time, which a later write
 * must still match; {@code null} when Redis could not be read, and then nothing is
 * written back
 */
record CachedSections(Map<Product, CachedSection> sections, String generation) {

	static final CachedSections UNAVAILABLE = new CachedSections(Map.of(), null);

	CachedSection section(Product product) {
		return this.sections.get(product);
	}

	/**
	 * Whether Redis answered.
	 * @return {@code false} when Redis was down or its breaker open
	 */
	boolean available() {
		return this.generation != null;
	}

}
