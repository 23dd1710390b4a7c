package de.check24.homewidgets.sdui;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A contract was bought or cancelled. Published by the owning product service to its
 * Kafka topic, keyed by user id.
 *
 * @param eventType created or deleted
 * @param userId the contract's owner
 * @param widgetId the offer the contract was made from
 * @param timestamp when it happened
 * @param contractId the product service's contract id
 * @param service the publishing service's key (e.g. {@code car-insurance}); may be
 * {@code null} from older producers, the topic names the product then
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContractEvent(ContractEventType eventType, long userId, String widgetId, Instant timestamp,
		long contractId, String service) {

}
