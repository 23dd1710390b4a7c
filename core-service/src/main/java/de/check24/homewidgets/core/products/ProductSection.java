package de.check24.homewidgets.core.products;

import java.util.List;

/**
 * What one product contributed to a home page.
 *
 * @param product the product
 * @param widgets valid widgets ordered by priority and tagged with the section name, or
 * the single fallback card when the product gave nothing servable
 * @param outcome how the product answered
 */
public record ProductSection(Product product, List<HomeWidget> widgets, Outcome outcome) {

	static final String FALLBACK_WIDGET_ID = "fallback_error_card";

	/** How a product answered a widget call. */
	public enum Outcome {

		/** It answered with widgets (or deliberately none): cache and serve them. */
		FETCHED,

		/** It failed, was too slow, busy or its breaker is open: show the fallback. */
		FAILED,

		/**
		 * It answered, but every widget broke the contract: treated like a failure, so an
		 * empty section is never cached for an hour.
		 */
		ALL_INVALID,

		/**
		 * It had no place for another call within the admission budget: not asked at all,
		 * so the caller may show something else now and ask again when it has capacity.
		 */
		BUSY

	}

	static ProductSection fetched(Product product, List<HomeWidget> widgets) {
		return new ProductSection(product, List.copyOf(widgets), Outcome.FETCHED);
	}

	/**
	 * The section shown while a product cannot be served.
	 * @param product the product
	 * @param outcome why ({@link Outcome#FAILED}, {@link Outcome#ALL_INVALID} or
	 * {@link Outcome#BUSY})
	 * @return a section holding the "Service Temporarily Unavailable" card
	 */
	static ProductSection fallback(Product product, Outcome outcome) {
		HomeWidget fallback = HomeWidget
			.card(FALLBACK_WIDGET_ID, "Service Temporarily Unavailable", "We're working on it. Please try again soon.")
			.withService(product.section());
		return new ProductSection(product, List.of(fallback), outcome);
	}

	/**
	 * Whether the widgets are the product's real answer, fit to be cached.
	 * @return {@code false} for the fallback card
	 */
	public boolean available() {
		return this.outcome == Outcome.FETCHED;
	}

	/**
	 * Whether the product was not asked for lack of capacity.
	 * @return {@code true} when it had no place within the admission budget
	 */
	public boolean busy() {
		return this.outcome == Outcome.BUSY;
	}

}
