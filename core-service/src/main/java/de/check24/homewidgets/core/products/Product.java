package de.check24.homewidgets.core.products;

/**
 * A product service the home page is assembled from. Products are configuration
 * ({@link ProductCatalog}), not code: a new product team registers with environment
 * variables only.
 *
 * @param key the service key in URLs, Kafka events and Resilience4j instance names, e.g.
 * {@code car-insurance}
 * @param section the section name in the home response and the Redis hash field, e.g.
 * {@code car_insurance}
 * @param title the section headline, e.g. {@code Car Insurance Deals}
 */
public record Product(String key, String section, String title) {

	@Override
	public String toString() {
		return this.key;
	}

}
