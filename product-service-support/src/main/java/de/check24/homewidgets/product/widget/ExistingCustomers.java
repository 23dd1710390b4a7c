package de.check24.homewidgets.product.widget;

/**
 * Who already holds a contract for this product. Implemented where contracts live, so
 * offers need not know about contracts.
 */
public interface ExistingCustomers {

	/**
	 * Whether the user holds any active contract for this product.
	 * @param userId the user
	 * @return {@code true} for a customer
	 */
	boolean isCustomer(long userId);

}
