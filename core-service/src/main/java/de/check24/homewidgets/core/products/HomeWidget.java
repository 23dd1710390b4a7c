package de.check24.homewidgets.core.products;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import de.check24.homewidgets.sdui.ComponentType;
import de.check24.homewidgets.sdui.WidgetAction;

/**
 * A widget as the core caches and serves it: the contract's {@code Widget}, except that
 * {@code data} is kept exactly as the product sent it (once it passed the contract's
 * schema). Component-specific fields the core does not know yet reach the clients, so the
 * contract can grow without a core release.
 *
 * @param widgetId unique within its product service
 * @param componentType how clients render it
 * @param priority lower comes first within a section
 * @param data what the component shows, as the product sent it
 * @param action what the widget's button does; {@code null} for widgets without one
 * @param service the section name ({@code car_insurance}, ...); set by the core
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HomeWidget(String widgetId, ComponentType componentType, int priority, JsonNode data, WidgetAction action,
		String service) {

	HomeWidget withService(String service) {
		return new HomeWidget(this.widgetId, this.componentType, this.priority, this.data, this.action, service);
	}

	/**
	 * A card without a button.
	 * @param widgetId its id
	 * @param title its headline
	 * @param content its text
	 * @return the card
	 */
	static HomeWidget card(String widgetId, String title, String content) {
		ObjectNode data = JsonNodeFactory.instance.objectNode().put("title", title).put("content", content);
		return new HomeWidget(widgetId, ComponentType.CARD, 0, data, null, null);
	}

}
