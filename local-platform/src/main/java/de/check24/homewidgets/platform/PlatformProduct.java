package de.check24.homewidgets.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A product service the local platform runs: its own module's jar, or the shared product
 * application ({@code product-service-support}'s {@code -exec.jar}) with a product team's
 * seed folder.
 *
 * @param key the product key, e.g. {@code car-insurance} (the admin command's component
 * name, the core's {@code HOME_PRODUCTS} entry)
 * @param module the Maven module whose jar runs, e.g. {@code car-insurance-service}, or
 * {@link #SHARED_MODULE} for a product from a seed folder
 * @param database its database on the embedded PostgreSQL, e.g. {@code car_insurance_db}
 * @param port its HTTP port
 * @param managementPort its actuator port ({@code MANAGEMENT_PORT})
 * @param seed the folder with its Flyway seed ({@code db/}) and images ({@code images/})
 * that the shared product application runs ({@code PLATFORM_PRODUCT_<KEY>_SEED}); null
 * for a product with a module of its own
 * @param topic its contract event topic as the core should know it
 * ({@code <KEY>_SERVICE_TOPIC}); null leaves the core's own setting
 * @param title its section title on the home ({@code <KEY>_SERVICE_TITLE}); null leaves
 * the core's own setting
 */
record PlatformProduct(String key, String module, String database, int port, int managementPort, Path seed,
		String topic, String title) {

	/** The products the platform runs unless {@code PLATFORM_PRODUCTS} says otherwise. */
	static final List<String> DEFAULT_KEYS = List.of("car-insurance", "health-insurance", "house-insurance", "banking");

	/** The module whose {@code -exec.jar} runs a product from its seed folder alone. */
	static final String SHARED_MODULE = "product-service-support";

	PlatformProduct {
		if (!key.matches("[a-z][a-z0-9-]*")) {
			throw new IllegalArgumentException("A product key is lower case with dashes, was '" + key + "'");
		}
	}

	/** A product with a module of its own, registered with the core's own settings. */
	PlatformProduct(String key, String module, String database, int port, int managementPort) {
		this(key, module, database, port, managementPort, null, null, null);
	}

	/**
	 * Products by the repository's conventions: module {@code <key>-service}, database
	 * {@code <key with underscores>_db}, ports counted up from the first ones. A product
	 * whose team set {@code PLATFORM_PRODUCT_<KEY>_SEED} (a folder with {@code db/} and
	 * {@code images/}, relative to the checkout or absolute) runs on the shared product
	 * application instead and needs no module. {@code <KEY>_SERVICE_TOPIC} and
	 * {@code <KEY>_SERVICE_TITLE}, the core's own variables, go to the core as they are.
	 */
	static List<PlatformProduct> byConvention(List<String> keys, Map<String, String> environment, Path repositoryRoot,
			int firstPort, int firstManagementPort) {
		List<PlatformProduct> products = new ArrayList<>();
		for (int i = 0; i < keys.size(); i++) {
			String key = keys.get(i);
			String prefix = variablePrefix(key);
			Path seed = seed(environment.get(seedVariable(key)), repositoryRoot);
			products.add(new PlatformProduct(key, (seed != null) ? SHARED_MODULE : key + "-service",
					key.replace('-', '_') + "_db", firstPort + i, firstManagementPort + i, seed,
					value(environment, prefix + "_SERVICE_TOPIC"), value(environment, prefix + "_SERVICE_TITLE")));
		}
		return List.copyOf(products);
	}

	/**
	 * The variable that points the platform at a product's seed folder, e.g.
	 * {@code PLATFORM_PRODUCT_ELECTRICITY_SEED}.
	 */
	static String seedVariable(String key) {
		return "PLATFORM_PRODUCT_" + variablePrefix(key) + "_SEED";
	}

	/**
	 * The key as the core's variables spell it: {@code CAR_INSURANCE} for
	 * {@code CAR_INSURANCE_SERVICE_URL} and {@code CAR_INSURANCE_SERVICE_TOKEN}.
	 */
	String variablePrefix() {
		return variablePrefix(this.key);
	}

	/** Whether it runs on the shared product application from its seed folder. */
	boolean seeded() {
		return this.seed != null;
	}

	/**
	 * Its topic as the shared product application publishes to it: the one the core is
	 * told, else the core's default for a key
	 * ({@code user.<key, dots for dashes>.purchased}), so both always agree.
	 */
	String publishedTopic() {
		return (this.topic != null) ? this.topic : "user." + this.key.replace('-', '.') + ".purchased";
	}

	/** Its process and log name: {@code <key>-service}, whichever jar runs it. */
	String processName() {
		return this.key + "-service";
	}

	String url() {
		return "http://127.0.0.1:" + this.port;
	}

	String metricsUrl() {
		return "http://127.0.0.1:" + this.managementPort + "/actuator/prometheus";
	}

	/**
	 * Why the product cannot run from this checkout, or null: a seed folder without its
	 * migrations, or neither a seed folder nor a module.
	 */
	String problem(Path repositoryRoot) {
		if (seeded()) {
			return Files.isDirectory(this.seed.resolve("db")) ? null : seedVariable(this.key) + " is " + this.seed
					+ ", which has no db/ folder with the product's" + " Flyway seed (V2__...sql)";
		}
		return Files.isDirectory(repositoryRoot.resolve(this.module)) ? null
				: "Product '" + this.key + "' has no module " + this.module + ": set " + seedVariable(this.key)
						+ " to a folder with db/ (its Flyway seed) and images/ to run it on the shared product"
						+ " application";
	}

	private static String variablePrefix(String key) {
		return key.replace('-', '_').toUpperCase(Locale.ROOT);
	}

	private static Path seed(String value, Path repositoryRoot) {
		return (value == null || value.isBlank()) ? null
				: repositoryRoot.resolve(value.trim()).toAbsolutePath().normalize();
	}

	private static String value(Map<String, String> environment, String name) {
		String value = environment.get(name);
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
