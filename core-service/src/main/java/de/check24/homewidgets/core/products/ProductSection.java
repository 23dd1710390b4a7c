package de.check24.homewidgets.core.products;

import java.util.List;

/**
 * What one product contributed to a home page.
 *
 * @param product the product
 * @param widgets valid widgets ordered by priority and tagged with the section name, or
 * the single fallback card when the product was unavailable
 * @param available {@code false} when {@code widgets} holds the fallback card, which must
 * never be cached as real content
 */
public record ProductSection(Product product, List<HomeWidget> widgets, boolean available) {

	static final String FALLBACK_WIDGET_ID = "fallback_error_card";

	static ProductSection of(Product product, List<HomeWidget> widgets) {
		return new ProductSection(product, List.copyOf(widgets), true);
	}

	/**
	 * The section shown while a product cannot be reached.
	 * @param product the product
	 * @return a section holding the "Service Temporarily Unavailable" card
	 */
	public static ProductSection unavailable(Product product) {
		HomeWidget fallback = HomeWidget
			.card(FALLBACK_WIDGET_ID, "Service Temporarily Unavailable", "We're working on it. Please try again soon.")
			.withService(product.section());
		return new ProductSection(product, List.of(fallback), false);
	}

}
