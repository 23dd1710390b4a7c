package de.check24.homewidgets.core.products;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.check24.homewidgets.sdui.ContractSchema;
import de.check24.homewidgets.sdui.ContractValidator;

/**
 * Checks every widget a product returns against the contract's JSON Schema. An invalid
 * widget is dropped (logged and counted) so that one bad widget never costs the user the
 * rest of the section.
 */
class WidgetValidation {

	private static final Logger logger = LoggerFactory.getLogger(WidgetValidation.class);

	private final ContractValidator validator;

	private final ObjectMapper objectMapper;

	private final MeterRegistry meterRegistry;

	WidgetValidation(ContractValidator validator, ObjectMapper objectMapper, MeterRegistry meterRegistry) {
		this.validator = validator;
		this.objectMapper = objectMapper;
		this.meterRegistry = meterRegistry;
	}

	/**
	 * The section a product response makes.
	 * @param product who answered
	 * @param body the parsed {@code {"widgets": [...]}}
	 * @return valid widgets tagged with the section name, ordered by priority, their
	 * {@code data} as sent; {@link ProductSection.Outcome#ALL_INVALID} when the product
	 * sent widgets and none was valid
	 * @throws InvalidProductResponse when the body is not a widget list at all
	 */
	ProductSection section(Product product, JsonNode body) {
		JsonNode widgets = (body != null) ? body.get("widgets") : null;
		if (widgets == null || !widgets.isArray()) {
			throw new InvalidProductResponse(product + " answered without a widgets array");
		}
		List<HomeWidget> valid = new ArrayList<>(widgets.size());
		for (JsonNode node : widgets) {
			List<String> violations = this.validator.validate(ContractSchema.WIDGET, node);
			if (!violations.isEmpty()) {
				drop(product, node, violations.toString());
				continue;
			}
			try {
				valid.add(this.objectMapper.treeToValue(node, HomeWidget.class).withService(product.section()));
			}
			catch (Exception ex) {
				// the schema and the records disagree; the widget cannot be served either
				// way
				drop(product, node, ex.getMessage());
			}
		}
		if (valid.isEmpty() && !widgets.isEmpty()) {
			this.meterRegistry.counter("home.sections.invalid", "service", product.key()).increment();
			return ProductSection.fallback(product, ProductSection.Outcome.ALL_INVALID);
		}
		valid.sort(Comparator.comparingInt(HomeWidget::priority));
		return ProductSection.fetched(product, valid);
	}

	private void drop(Product product, JsonNode node, String reason) {
		logger.warn("Dropped invalid widget {} from {}: {}", node.path("widget_id").asText("<no id>"), product.key(),
				reason);
		Counter.builder("home.widgets.dropped")
			.description("Widgets dropped because they violate the contract's JSON Schema")
			.tag("service", product.key())
			.register(this.meterRegistry)
			.increment();
	}

	/** A product answered something that is not a widget list. */
	static class InvalidProductResponse extends RuntimeException {

		InvalidProductResponse(String message) {
			super(message);
		}

	}

}
