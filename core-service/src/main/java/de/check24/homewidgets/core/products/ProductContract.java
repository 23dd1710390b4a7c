package de.check24.homewidgets.core.products;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One active contract as a product service reports it.
 *
 * @param contractId the product's contract id
 * @param widgetId the offer the contract was made from
 * @param componentType the offer's component type; may be {@code null}
 * @param data the offer's data; may be {@code null}
 * @param createdAt when it was bought; may be {@code null}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProductContract(long contractId, String widgetId, String componentType, JsonNode data,
		Instant createdAt) {

}
