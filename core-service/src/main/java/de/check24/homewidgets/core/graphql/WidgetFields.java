package de.check24.homewidgets.core.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import graphql.TrivialDataFetcher;
import graphql.schema.DataFetchingEnvironment;

/**
 * Reads the fields of widgets and of what they hold (pricing, rating, tiles, action)
 * straight from the home page's JSON, where the contract puts them: under the field's
 * name in snake case, and for a widget under {@code data} unless it is one of the
 * widget's own properties.
 */
final class WidgetFields {

	/** The object types the data fetchers below read, besides {@code Widget}. */
	static final Set<String> PARTS = Set.of("Pricing", "Rating", "ProductTile", "Action");

	/** The widget's own properties; everything else it has is under {@code data}. */
	private static final Set<String> OWN_PROPERTIES = Set.of("widget_id", "component_type", "priority", "service",
			"action");

	static final TrivialDataFetcher<Object> WIDGET = (environment) -> {
		JsonNode widget = environment.getSource();
		String property = "id".equals(environment.getFieldDefinition().getName()) ? "widget_id" : property(environment);
		return value(OWN_PROPERTIES.contains(property) ? widget.get(property) : widget.path("data").get(property));
	};

	static final TrivialDataFetcher<Object> PART = (environment) -> value(
			environment.<JsonNode>getSource().get(property(environment)));

	private WidgetFields() {
	}

	private static String property(DataFetchingEnvironment environment) {
		return FieldNames.snakeCase(environment.getFieldDefinition().getName());
	}

	/**
	 * A JSON value as graphql-java takes it: scalars as Java values, lists as lists, and
	 * objects as they are, to be read by the next level's fetchers.
	 */
	private static Object value(JsonNode node) {
		if (node == null || node.isNull()) {
			return null;
		}
		if (node.isArray()) {
			List<Object> values = new ArrayList<>(node.size());
			node.forEach((element) -> values.add(value(element)));
			return values;
		}
		if (node.isObject()) {
			return node;
		}
		if (node.isNumber()) {
			return node.numberValue();
		}
		if (node.isBoolean()) {
			return node.booleanValue();
		}
		return node.asText();
	}

}
