package de.check24.homewidgets.product.widget;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import de.check24.homewidgets.sdui.ComponentType;
import de.check24.homewidgets.sdui.Pricing;
import de.check24.homewidgets.sdui.ProductTile;
import de.check24.homewidgets.sdui.Rating;
import de.check24.homewidgets.sdui.Widget;
import de.check24.homewidgets.sdui.WidgetData;

/**
 * What ranking policies compare: the price and rating a widget advertises. A
 * {@code ProductGrid} advertises its cheapest and its best-rated tile.
 */
public final class OfferFacts {

	/** Section headers introduce the section, so every policy keeps them on top. */
	public static final Comparator<Widget> SECTION_HEADERS_FIRST = Comparator
		.comparing((Widget widget) -> widget.componentType() != ComponentType.SECTION_HEADER);

	private OfferFacts() {
	}

	/**
	 * The price the widget advertises.
	 * @param widget the widget
	 * @return its price, the cheapest tile's for a grid; empty when it shows none
	 */
	public static Optional<BigDecimal> price(Widget widget) {
		return pricings(widget).map(Pricing::price).filter(Objects::nonNull).min(Comparator.naturalOrder());
	}

	/**
	 * The customer rating the widget advertises.
	 * @param widget the widget
	 * @return its score, the best tile's for a grid; empty when it shows none
	 */
	public static Optional<Double> rating(Widget widget) {
		return ratings(widget).map(Rating::score).max(Comparator.naturalOrder());
	}

	private static Stream<Pricing> pricings(Widget widget) {
		return advertised(widget, WidgetData::pricing, ProductTile::pricing);
	}

	private static Stream<Rating> ratings(Widget widget) {
		return advertised(widget, WidgetData::rating, ProductTile::rating);
	}

	private static <T> Stream<T> advertised(Widget widget, Function<WidgetData, T> ofWidget,
			Function<ProductTile, T> ofTile) {
		WidgetData data = widget.data();
		if (data == null) {
			return Stream.empty();
		}
		return Stream.concat(Stream.ofNullable(ofWidget.apply(data)), tiles(data).map(ofTile)).filter(Objects::nonNull);
	}

	private static Stream<ProductTile> tiles(WidgetData data) {
		List<ProductTile> items = data.items();
		return (items != null) ? items.stream().filter(Objects::nonNull) : Stream.empty();
	}

}
