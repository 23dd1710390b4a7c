package de.check24.homewidgets.sdui;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The body of the core's {@code GET /home}.
 *
 * @param services sections keyed by service key ({@code car_insurance},
 * {@code health_insurance}, ...)
 * @param timestamp when the page was assembled
 * @param cacheKey the cache key it was served under
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record HomeResponse(Map<String, ServiceSection> services, Instant timestamp, String cacheKey) {

}
