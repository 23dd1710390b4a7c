package de.check24.homewidgets.load;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a client reads from a {@code GET /home} body: the sections, their offers and
 * whether a section holds the fallback card.
 */
public final class HomeDocument {

	private static final ObjectMapper json = new ObjectMapper();

	private final JsonNode root;

	private HomeDocument(JsonNode root) {
		this.root = root;
	}

	/**
	 * @param body the body; may be {@code null} or not JSON
	 * @return the document, empty when the body is not a home
	 */
	public static Optional<HomeDocument> parse(String body) {
		if (body == null || body.isBlank()) {
			return Optional.empty();
		}
		try {
			JsonNode root = json.readTree(body);
			return root.has("services") ? Optional.of(new HomeDocument(root)) : Optional.empty();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/** The section names in the order the core asks clients to render them. */
	public List<String> sectionOrder() {
		return json.convertValue(this.root.path("section_order"),
				json.getTypeFactory().constructCollectionType(List.class, String.class));
	}

	/** Whether any section shows the fallback card. */
	public boolean hasFallback() {
		for (JsonNode section : this.root.path("services")) {
			for (JsonNode widget : section.path("widgets")) {
				if (Outcome.FALLBACK_WIDGET_ID.equals(widget.path("widget_id").asText())) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * Whether every section the core orders is there with the product's own widgets (none
	 * shows the fallback card) and the page is the personal one.
	 */
	public boolean complete() {
		List<String> order = sectionOrder();
		if (order.isEmpty() || this.root.path("provisional").asBoolean(false) || hasFallback()) {
			return false;
		}
		return order.stream().allMatch((name) -> this.root.path("services").has(name));
	}

	/** When the newest section was fetched from its product, epoch milliseconds. */
	public Optional<Long> timestamp() {
		String text = this.root.path("timestamp").asText(null);
		try {
			return Optional.ofNullable(text).map((value) -> java.time.Instant.parse(value).toEpochMilli());
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The first offer a product's section sells.
	 * @param productKey e.g. {@code car-insurance}
	 * @return its widget id, empty when the section shows none (bought, or the fallback)
	 */
	public Optional<String> offerOf(String productKey) {
		String path = "/widget/" + productKey + "/contract";
		for (JsonNode section : this.root.path("services")) {
			for (JsonNode widget : section.path("widgets")) {
				JsonNode action = widget.path("action");
				if ("purchase".equals(action.path("type").asText()) && path.equals(action.path("path").asText())) {
					return Optional.of(widget.path("widget_id").asText());
				}
			}
		}
		return Optional.empty();
	}

	/** Whether any section shows this widget. */
	public boolean shows(String widgetId) {
		for (JsonNode section : this.root.path("services")) {
			for (JsonNode widget : section.path("widgets")) {
				if (widgetId.equals(widget.path("widget_id").asText())) {
					return true;
				}
			}
		}
		return false;
	}

}
