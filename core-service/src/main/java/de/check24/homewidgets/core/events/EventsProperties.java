package de.check24.homewidgets.core.events;

import java.util.Map;
import java.util.Optional;

import jakarta.validation.constraints.NotEmpty;

import de.check24.homewidgets.core.products.Product;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The Kafka side of cache invalidation.
 *
 * @param enabled whether this replica consumes contract events at all
 * @param topics each product's contract event topic, keyed by service key (e.g.
 * {@code car-insurance: user.car.insurance.purchased})
 */
@Validated
@ConfigurationProperties("home.events")
record EventsProperties(boolean enabled, @NotEmpty Map<String, String> topics) {

	EventsProperties {
		topics = Map.copyOf(topics);
	}

	/**
	 * The product whose topic this is.
	 * @param topic a topic name
	 * @return the product, empty for a topic not configured here
	 */
	Optional<Product> productOf(String topic) {
		return this.topics.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().equals(topic))
			.findFirst()
			.flatMap((entry) -> Product.forKey(entry.getKey()));
	}

}
