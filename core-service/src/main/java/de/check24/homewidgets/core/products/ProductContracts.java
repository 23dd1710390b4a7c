package de.check24.homewidgets.core.products;

import java.util.List;

/**
 * A user's contracts with one product.
 *
 * @param product the product
 * @param contracts active contracts, empty when there are none
 * @param available {@code false} when the product could not be asked, so
 * {@code contracts} says nothing
 */
public record ProductContracts(Product product, List<ProductContract> contracts, boolean available) {

	static ProductContracts unavailable(Product product) {
		return new ProductContracts(product, List.of(), false);
	}

}
