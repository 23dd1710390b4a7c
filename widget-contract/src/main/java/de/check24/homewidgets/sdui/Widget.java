package de.check24.homewidgets.sdui;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One server-driven widget.
 *
 * @param widgetId unique within its product service
 * @param componentType how clients render it
 * @param priority lower comes first within a section
 * @param data what the component shows
 * @param action what the widget's button does; {@code null} for widgets without a button
 * @param service the owning service key ({@code car_insurance}, ...); set by the core,
 * {@code null} from products
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Widget(String widgetId, ComponentType componentType, int priority, WidgetData data, WidgetAction action,
		String service) {

	public Widget(String widgetId, ComponentType componentType, int priority, WidgetData data) {
		this(widgetId, componentType, priority, data, null, null);
	}

	public Widget withService(String service) {
		return new Widget(this.widgetId, this.componentType, this.priority, this.data, this.action, service);
	}

}
