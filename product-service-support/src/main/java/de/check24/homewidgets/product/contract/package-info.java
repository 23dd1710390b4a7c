/**
 * Buying and cancelling contracts. Each change is announced as a past-tense event
 * ({@link ContractPurchased}, {@link ContractCancelled}) inside its transaction; the
 * outbox and the core notification react to those.
 */
package de.check24.homewidgets.product.contract;
