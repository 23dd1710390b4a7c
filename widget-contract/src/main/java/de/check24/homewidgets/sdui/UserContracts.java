package de.check24.homewidgets.sdui;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The body of the core's {@code GET /user/{user_id}/contracts}: the signed-in user's
 * active contracts across all products.
 *
 * @param hasContract whether any product reported a contract
 * @param contracts per section name the most relevant active contract; a {@code null}
 * value when there is none or its product could not be asked (written as JSON
 * {@code null}, so every product has an entry)
 * @param unavailableServices sections whose product could not be asked
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UserContracts(boolean hasContract, Map<String, UserContract> contracts,
		List<String> unavailableServices) {

	/**
	 * One active contract.
	 *
	 * @param widgetId the offer it was bought from
	 * @param data what the offer shows; {@code null} when the product no longer has it
	 * @param contractId the product's contract id
	 * @param createdAt when it was bought; may be {@code null}
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record UserContract(String widgetId, WidgetData data, long contractId, Instant createdAt) {

	}

}
