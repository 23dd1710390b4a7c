package de.check24.homewidgets.product.widget;

import java.util.Map;

import de.check24.homewidgets.product.web.ProductProblem;

import org.springframework.http.HttpStatus;

/** No purchasable offer with that id exists for the user. */
public final class WidgetNotFound extends ProductProblem {

	private WidgetNotFound(String widgetId, long userId) {
		super(HttpStatus.NOT_FOUND, "widget-not-found", "Widget not found",
				"There is no offer '" + widgetId + "' that user " + userId + " can buy.",
				Map.of("widget_id", widgetId));
	}

	static WidgetNotFound offeredTo(String widgetId, long userId) {
		return new WidgetNotFound(widgetId, userId);
	}

}
