package de.check24.homewidgets.core.cache;

import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Body of {@code POST /cache/invalidate}.
 *
 * @param userId whose home changed; {@code null} for every home
 * @param service the service key or section name whose section changed; {@code null} for
 * all sections
 * @param reason why, e.g. {@code contract_created}; may be {@code null}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record InvalidationRequest(@Positive Long userId, String service, @Size(max = 200) String reason) {

}
