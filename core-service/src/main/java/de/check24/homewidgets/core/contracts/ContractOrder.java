package de.check24.homewidgets.core.contracts;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Body of {@code POST /widget/{service-key}/contract}, as the product service takes it.
 *
 * @param userId the buyer, who must be the token's user
 * @param widgetId the offer to buy
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record ContractOrder(@NotNull @Positive Long userId, @NotBlank @Size(max = 100) String widgetId) {

}
