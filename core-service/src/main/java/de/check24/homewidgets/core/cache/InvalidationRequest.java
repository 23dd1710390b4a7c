package de.check24.homewidgets.core.cache;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Body of {@code POST /cache/invalidate}, sent by a product service about its own
 * section.
 *
 * @param userId whose home changed
 * @param service the calling product's service key or section name; may be {@code null}
 * for "my section"
 * @param reason why, e.g. {@code contract_created}; may be {@code null}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record InvalidationRequest(@NotNull @Positive Long userId, @Size(max = 100) String service,
		@Size(max = 200) String reason) {

}
