package de.check24.homewidgets.product.contract;

import java.time.Instant;

/**
 * A user cancelled a contract. Published inside the cancellation's transaction.
 *
 * @param contractId the cancelled contract
 * @param userId its owner
 * @param widgetId the offer it was bought from
 * @param cancelledAt when
 */
public record ContractCancelled(long contractId, long userId, String widgetId, Instant cancelledAt) {

}
