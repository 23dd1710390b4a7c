package de.check24.homewidgets.core.products;

import java.util.List;

import de.check24.homewidgets.contract.ComponentType;
import de.check24.homewidgets.contract.Widget;
import de.check24.homewidgets.contract.WidgetData;

/**
 * What one product contributed to a home page.
 *
 * @param product the product
 * @param widgets valid widgets ordered by priority and tagged with the section name, or
 * the single fallback card when the product was unavailable
 * @param available {@code false} when {@code widgets} holds the fallback card, which must
 * never be cached as real content
 */
public record ProductSection(Product product, List<Widget> widgets, boolean available) {

	static final String FALLBACK_WIDGET_ID = "fallback_error_card";

	static ProductSection of(Product product, List<Widget> widgets) {
		return new ProductSection(product, List.copyOf(widgets), true);
	}

	/**
	 * The section shown while a product cannot be reached.
	 * @param product the product
	 * @return a section holding the "Service Temporarily Unavailable" card
	 */
	public static ProductSection unavailable(Product product) {
		Widget fallback = new Widget(FALLBACK_WIDGET_ID, ComponentType.CARD, 0,
				WidgetData.of("Service Temporarily Unavailable", null, "We're working on it. Please try again soon."))
			.withService(product.section());
		return new ProductSection(product, List.of(fallback), false);
	}

}
