package de.check24.homewidgets.product.contract;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import de.check24.homewidgets.product.security.ActsForUser;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** {@code {"user_id": 123, "widget_id": "car_offer_devk"}}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record ContractRequest(@NotNull @Positive Long userId,
		@NotBlank @Size(max = 100) String widgetId) implements ActsForUser {

}
