package de.check24.homewidgets.core.events;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.check24.homewidgets.core.cache.Invalidations;
import de.check24.homewidgets.core.products.Product;
import de.check24.homewidgets.core.products.ProductCatalog;
import de.check24.homewidgets.core.viewer.Viewer;
import de.check24.homewidgets.sdui.ContractEvent;
import de.check24.homewidgets.sdui.ContractEventType;
import de.check24.homewidgets.sdui.ContractSchema;
import de.check24.homewidgets.sdui.ContractValidator;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Invalidates the buyer's section when a product service reports a contract change on its
 * Kafka topic (every product's topic, from the {@link ProductCatalog}). The consumer
 * group hands each event to one core replica; its invalidation reaches every other
 * replica over the Redis invalidation channel, so every near cache and every update
 * stream hears of it. An event is acknowledged only once Redis took its invalidation:
 * while Redis is down the listener throws and the error handler redelivers it, so a
 * restart cannot lose it.
 * <p>
 * Malformed events (not JSON, not the contract's schema) are logged, counted as
 * {@code home.events.malformed} and skipped; they never block the partition.
 */
@Component
class ContractEventsListener {

	private static final Logger logger = LoggerFactory.getLogger(ContractEventsListener.class);

	private final Invalidations invalidations;

	private final ProductCatalog catalog;

	private final ContractValidator validator;

	private final ObjectMapper objectMapper;

	private final MeterRegistry meterRegistry;

	ContractEventsListener(Invalidations invalidations, ProductCatalog catalog, ContractValidator validator,
			ObjectMapper objectMapper, MeterRegistry meterRegistry) {
		this.invalidations = invalidations;
		this.catalog = catalog;
		this.validator = validator;
		this.objectMapper = objectMapper;
		this.meterRegistry = meterRegistry;
	}

	// the group is spring.kafka.consumer.group-id (widget-cache-invalidator-group), not
	// the container id
	@KafkaListener(id = "widget-cache-invalidator", idIsGroup = false, autoStartup = "${home.events.enabled:true}",
			topics = "#{@productCatalog.topics()}")
	void on(ConsumerRecord<String, String> record) {
		Optional<ContractEvent> parsed = parse(record);
		if (parsed.isEmpty()) {
			return;
		}
		ContractEvent event = parsed.get();
		Product product = this.catalog.forTopic(record.topic())
			.or(() -> this.catalog.forKey(event.service()))
			.orElse(null);
		if (product == null) {
			malformed(record, "no product for topic " + record.topic());
			return;
		}
		String reason = (event.eventType() == ContractEventType.CONTRACT_CREATED) ? "contract_created"
				: "contract_deleted";
		this.invalidations.invalidateDurably(Viewer.user(event.userId()), product, reason, Invalidations.Source.KAFKA);
		this.meterRegistry.counter("home.events.consumed", "service", product.key(), "event_type", reason).increment();
	}

	private Optional<ContractEvent> parse(ConsumerRecord<String, String> record) {
		if (record.value() == null) {
			malformed(record, "no value");
			return Optional.empty();
		}
		try {
			JsonNode json = this.objectMapper.readTree(record.value());
			List<String> violations = this.validator.validate(ContractSchema.CONTRACT_EVENT, json);
			if (!violations.isEmpty()) {
				malformed(record, violations.toString());
				return Optional.empty();
			}
			return Optional.of(this.objectMapper.treeToValue(json, ContractEvent.class));
		}
		catch (Exception ex) {
			malformed(record, ex.getMessage());
			return Optional.empty();
		}
	}

	private void malformed(ConsumerRecord<String, String> record, String why) {
		logger.warn("Skipped malformed contract event at {}-{}@{}: {}", record.topic(), record.partition(),
				record.offset(), why);
		this.meterRegistry.counter("home.events.malformed", "topic", record.topic()).increment();
	}

}
