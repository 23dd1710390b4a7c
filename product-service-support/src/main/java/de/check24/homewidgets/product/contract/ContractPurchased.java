package de.check24.homewidgets.product.contract;

import java.time.Instant;

/**
 * A user bought an offer. Published inside the purchase's transaction.
 *
 * @param contractId the new contract
 * @param userId the buyer
 * @param widgetId the offer bought
 * @param purchasedAt when
 */
public record ContractPurchased(long contractId, long userId, String widgetId, Instant purchasedAt) {

}
