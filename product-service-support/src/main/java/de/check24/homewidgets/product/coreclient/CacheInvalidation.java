package de.check24.homewidgets.product.coreclient;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The body of the core's {@code POST /cache/invalidate}.
 *
 * @param userId whose home page changed
 * @param service this service's key
 * @param reason {@code contract_created} or {@code contract_deleted}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record CacheInvalidation(long userId, String service, String reason) {

	static final String CONTRACT_CREATED = "contract_created";

	static final String CONTRACT_DELETED = "contract_deleted";

}
