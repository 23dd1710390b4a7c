package de.check24.homewidgets.core.support;

import java.util.List;

import de.check24.homewidgets.core.products.Product;

/** The four products of the default configuration, as the tests refer to them. */
public final class TestProducts {

	public static final Product CAR_INSURANCE = new Product("car-insurance", "car_insurance", "Car Insurance Deals");

	public static final Product HEALTH_INSURANCE = new Product("health-insurance", "health_insurance",
			"Health Insurance Deals");

	public static final Product HOUSE_INSURANCE = new Product("house-insurance", "house_insurance",
			"House Insurance Deals");

	public static final Product BANKING = new Product("banking", "banking", "Banking Products");

	public static final List<Product> ALL = List.of(CAR_INSURANCE, HEALTH_INSURANCE, HOUSE_INSURANCE, BANKING);

	private TestProducts() {
	}

}
