package de.check24.homewidgets.core.products;

import java.util.Arrays;
import java.util.Optional;

/**
 * The product services the home page is assembled from, in the order their sections
 * appear.
 */
public enum Product {

	CAR_INSURANCE("car-insurance", "car_insurance", "Car Insurance Deals"),

	HEALTH_INSURANCE("health-insurance", "health_insurance", "Health Insurance Deals"),

	HOUSE_INSURANCE("house-insurance", "house_insurance", "House Insurance Deals"),

	BANKING("banking", "banking", "Banking Products");

	private final String key;

	private final String section;

	private final String title;

	Product(String key, String section, String title) {
		this.key = key;
		this.section = section;
		this.title = title;
	}

	/**
	 * The service key used in URLs, configuration and Resilience4j instance names.
	 * @return e.g. {@code car-insurance}
	 */
	public String key() {
		return this.key;
	}

	/**
	 * The section name in the home response and the Redis hash field.
	 * @return e.g. {@code car_insurance}
	 */
	public String section() {
		return this.section;
	}

	/**
	 * The section headline.
	 * @return e.g. {@code Car Insurance Deals}
	 */
	public String title() {
		return this.title;
	}

	/**
	 * Finds a product by its service key only, as in URLs.
	 * @param key e.g. {@code car-insurance}; may be {@code null}
	 * @return the product, empty when the key is unknown or {@code null}
	 */
	public static Optional<Product> forKey(String key) {
		return Arrays.stream(values()).filter((product) -> product.key.equals(key)).findFirst();
	}

	/**
	 * Finds a product by its service key or its section name.
	 * @param name e.g. {@code car-insurance} or {@code car_insurance}; may be
	 * {@code null}
	 * @return the product, empty when the name is unknown or {@code null}
	 */
	public static Optional<Product> find(String name) {
		if (name == null) {
			return Optional.empty();
		}
		return Arrays.stream(values())
			.filter((product) -> product.key.equals(name) || product.section.equals(name))
			.findFirst();
	}

}
