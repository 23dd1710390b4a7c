package de.check24.homewidgets.core.products;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import de.check24.homewidgets.core.support.TestProducts;
import de.check24.homewidgets.core.support.TestSecrets;

import org.springframework.util.unit.DataSize;

/**
 * Product catalogs for tests that need no running products, built from the same
 * properties the configuration binds: each product with its test credential and a base
 * URL nothing listens on.
 */
public final class TestCatalogs {

	private TestCatalogs() {
	}

	/**
	 * The four products of the default configuration.
	 * @return the catalog
	 */
	public static ProductCatalog defaults() {
		return of(TestProducts.ALL);
	}

	/**
	 * A catalog of the given products, in that order.
	 * @param products the products
	 * @return the catalog
	 */
	public static ProductCatalog of(List<Product> products) {
		Map<String, ProductsProperties.Settings> settings = new LinkedHashMap<>();
		for (Product product : products) {
			settings.put(product.key(),
					new ProductsProperties.Settings(URI.create("http://127.0.0.1:9"), product.title(),
							product.section(), null, List.of(TestSecrets.serviceToken(product)), null, null, null));
		}
		return new ProductCatalog(new ProductsProperties(products.stream().map(Product::key).toList(), settings,
				Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(6), 2, 32, Duration.ofMillis(300),
				DataSize.ofMegabytes(1)));
	}

}
