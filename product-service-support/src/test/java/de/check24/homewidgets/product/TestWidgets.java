package de.check24.homewidgets.product;

import java.math.BigDecimal;
import java.util.List;

import de.check24.homewidgets.sdui.ComponentType;
import de.check24.homewidgets.sdui.Pricing;
import de.check24.homewidgets.sdui.ProductTile;
import de.check24.homewidgets.sdui.Rating;
import de.check24.homewidgets.sdui.Widget;
import de.check24.homewidgets.sdui.WidgetData;

/** Widgets for ranking policy tests, so each product's test says only what it ranks. */
public final class TestWidgets {

	private TestWidgets() {
	}

	/**
	 * An offer card.
	 * @param id widget id
	 * @param monthlyPrice price per month, or {@code null} for none
	 * @param rating score, or {@code null} for none
	 * @return the card
	 */
	public static Widget card(String id, String monthlyPrice, Double rating) {
		return new Widget(id, ComponentType.CARD, 0, new WidgetData(id, null, null, null, pricing(monthlyPrice),
				(rating != null) ? new Rating(rating) : null, null, null, null, null));
	}

	public static Widget sectionHeader(String id) {
		return new Widget(id, ComponentType.SECTION_HEADER, 0, WidgetData.of(id, null, null));
	}

	public static Widget infoBox(String id) {
		return new Widget(id, ComponentType.INFO_BOX, 0,
				new WidgetData(id, null, null, null, null, null, null, null, "info", null));
	}

	public static Widget grid(String id, ProductTile... tiles) {
		return new Widget(id, ComponentType.PRODUCT_GRID, 0,
				new WidgetData(id, null, null, null, null, null, null, null, null, List.of(tiles)));
	}

	public static ProductTile tile(String title, String monthlyPrice, Double rating) {
		return new ProductTile(title, null, null, pricing(monthlyPrice), (rating != null) ? new Rating(rating) : null);
	}

	public static List<String> ids(List<Widget> widgets) {
		return widgets.stream().map(Widget::widgetId).toList();
	}

	private static Pricing pricing(String monthlyPrice) {
		return (monthlyPrice != null) ? new Pricing(new BigDecimal(monthlyPrice), "€", "Monat") : null;
	}

}
