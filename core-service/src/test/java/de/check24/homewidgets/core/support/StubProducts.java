package de.check24.homewidgets.core.support;

import java.util.LinkedHashMap;
import java.util.Map;

import de.check24.homewidgets.core.products.Product;

/** The four stand-in product services, started once per JVM. */
public final class StubProducts {

	private static StubProducts shared;

	private final Map<Product, StubProduct> stubs = new LinkedHashMap<>();

	private StubProducts() {
		TestProducts.ALL.forEach((product) -> this.stubs.put(product, new StubProduct(product)));
	}

	public static synchronized StubProducts shared() {
		if (shared == null) {
			shared = new StubProducts();
			Runtime.getRuntime()
				.addShutdownHook(new Thread(() -> shared.stubs.values().forEach(StubProduct::stop), "stub-products"));
		}
		return shared;
	}

	public StubProduct get(Product product) {
		return this.stubs.get(product);
	}

	public Iterable<StubProduct> all() {
		return this.stubs.values();
	}

	public void reset() {
		this.stubs.values().forEach(StubProduct::reset);
	}

	/**
	 * The core's properties pointing at the stubs.
	 * @return {@code home.products.catalog.<key>.base-url} per product
	 */
	public Map<String, String> properties() {
		Map<String, String> properties = new LinkedHashMap<>();
		this.stubs.forEach((product, stub) -> properties.put("home.products.catalog." + product.key() + ".base-url",
				stub.baseUrl()));
		return properties;
	}

}
