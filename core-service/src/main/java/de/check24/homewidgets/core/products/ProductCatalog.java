package de.check24.homewidgets.core.products;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The product services the home page is assembled from, in the order their sections
 * appear, as configured ({@code HOME_PRODUCTS} and {@code {KEY}_SERVICE_*}). Nothing else
 * in the core names a product.
 */
public class ProductCatalog {

	private final List<Product> products;

	private final Map<String, Product> byName = new LinkedHashMap<>();

	private final Map<String, Product> byTopic = new LinkedHashMap<>();

	private final Map<Product, ProductsProperties.Settings> settings = new LinkedHashMap<>();

	ProductCatalog(ProductsProperties properties) {
		List<Product> products = new ArrayList<>();
		for (String key : properties.order()) {
			ProductsProperties.Settings settings = properties.catalog().get(key);
			if (settings == null) {
				throw new IllegalStateException("Product '" + key + "' is listed in home.products.order (HOME_PRODUCTS)"
						+ " but has no settings: set " + ProductEnvironment.variablePrefix(key) + "URL");
			}
			String section = (settings.section() != null) ? settings.section() : key.replace('-', '_');
			Product product = new Product(key, section, (settings.title() != null) ? settings.title() : key);
			register(product, key);
			register(product, section);
			String topic = (settings.topic() != null) ? settings.topic()
					: "user." + key.replace('-', '.') + ".purchased";
			this.byTopic.put(topic, product);
			this.settings.put(product, settings);
			products.add(product);
		}
		this.products = List.copyOf(products);
	}

	private void register(Product product, String name) {
		Product previous = this.byName.putIfAbsent(name, product);
		if (previous != null && !previous.equals(product)) {
			throw new IllegalStateException(
					"Products '" + previous.key() + "' and '" + product.key() + "' share the name '" + name + "'");
		}
	}

	/**
	 * Every product, in section order.
	 * @return the products
	 */
	public List<Product> all() {
		return this.products;
	}

	/**
	 * Finds a product by its service key only, as in URLs.
	 * @param key e.g. {@code car-insurance}; may be {@code null}
	 * @return the product, empty when the key is unknown or {@code null}
	 */
	public Optional<Product> forKey(String key) {
		return find(key).filter((product) -> product.key().equals(key));
	}

	/**
	 * Finds a product by its service key or its section name.
	 * @param name e.g. {@code car-insurance} or {@code car_insurance}; may be
	 * {@code null}
	 * @return the product, empty when the name is unknown or {@code null}
	 */
	public Optional<Product> find(String name) {
		return Optional.ofNullable((name != null) ? this.byName.get(name) : null);
	}

	/**
	 * The product whose contract events arrive on a topic.
	 * @param topic a topic name
	 * @return the product, empty for a topic no product uses
	 */
	public Optional<Product> forTopic(String topic) {
		return Optional.ofNullable(this.byTopic.get(topic));
	}

	/**
	 * Every product's contract event topic.
	 * @return the topics, in product order
	 */
	public String[] topics() {
		return this.byTopic.keySet().toArray(String[]::new);
	}

	/**
	 * A product's own freshness lifetime.
	 * @param product the product
	 * @return its TTL, empty for the cache's default
	 */
	public Optional<Duration> ttl(Product product) {
		return Optional.ofNullable(this.settings.get(product).ttl());
	}

	/**
	 * The credentials a product calls the core with.
	 * @param product the product
	 * @return its service tokens; empty when it has none configured
	 */
	public List<String> serviceTokens(Product product) {
		return this.settings.get(product).serviceTokens();
	}

	ProductsProperties.Settings settings(Product product) {
		return this.settings.get(product);
	}

}
