package de.check24.homewidgets.platform;

import java.util.ArrayList;
import java.util.List;

/**
 * A product service the local platform runs.
 *
 * @param key the product key, e.g. {@code car-insurance} (the admin command's component
 * name, the core's {@code HOME_PRODUCTS} entry)
 * @param module the Maven module whose jar runs, e.g. {@code car-insurance-service}
 * @param database its database on the embedded PostgreSQL, e.g. {@code car_insurance_db}
 * @param port its HTTP port
 * @param managementPort its actuator port ({@code MANAGEMENT_PORT})
 */
record PlatformProduct(String key, String module, String database, int port, int managementPort) {

	/** The products the platform runs unless {@code PLATFORM_PRODUCTS} says otherwise. */
	static final List<String> DEFAULT_KEYS = List.of("car-insurance", "health-insurance", "house-insurance", "banking");

	PlatformProduct {
		if (!key.matches("[a-z][a-z0-9-]*")) {
			throw new IllegalArgumentException("A product key is lower case with dashes, was '" + key + "'");
		}
	}

	/**
	 * Products by the repository's conventions: module {@code <key>-service}, database
	 * {@code <key with underscores>_db}, ports counted up from the first ones.
	 */
	static List<PlatformProduct> byConvention(List<String> keys, int firstPort, int firstManagementPort) {
		List<PlatformProduct> products = new ArrayList<>();
		for (int i = 0; i < keys.size(); i++) {
			String key = keys.get(i);
			products.add(new PlatformProduct(key, key + "-service", key.replace('-', '_') + "_db", firstPort + i,
					firstManagementPort + i));
		}
		return List.copyOf(products);
	}

	/**
	 * The key as the core's variables spell it: {@code CAR_INSURANCE} for
	 * {@code CAR_INSURANCE_SERVICE_URL} and {@code CAR_INSURANCE_SERVICE_TOKEN}.
	 */
	String variablePrefix() {
		return this.key.replace('-', '_').toUpperCase(java.util.Locale.ROOT);
	}

	String url() {
		return "http://127.0.0.1:" + this.port;
	}

	String metricsUrl() {
		return "http://127.0.0.1:" + this.managementPort + "/actuator/prometheus";
	}

}
