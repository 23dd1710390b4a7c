package de.check24.homewidgets.product.contract;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import de.check24.homewidgets.sdui.ComponentType;
import de.check24.homewidgets.sdui.WidgetData;

/**
 * A user's active contracts with the data of the offers they were bought from.
 *
 * @param userId the owner
 * @param contracts oldest first, never empty
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record UserContracts(long userId, List<ActiveContract> contracts) {

	/**
	 * One contract.
	 *
	 * @param contractId the contract
	 * @param widgetId the offer it was bought from
	 * @param componentType how the offer is rendered; {@code null} if the offer is gone
	 * @param data what the offer shows; {@code null} if the offer is gone
	 * @param createdAt when it was bought
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ActiveContract(long contractId, String widgetId, ComponentType componentType, WidgetData data,
			Instant createdAt) {

	}

}
