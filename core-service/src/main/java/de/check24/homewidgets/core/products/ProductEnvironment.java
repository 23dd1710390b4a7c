package de.check24.homewidgets.core.products;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Lets a product team register a product with environment variables only, named as the
 * technical concept names them ({@code CAR_INSURANCE_SERVICE_URL}): for every key in
 * {@code HOME_PRODUCTS}, {@code {KEY}_SERVICE_URL}, {@code _TITLE}, {@code _SECTION},
 * {@code _TOPIC}, {@code _TOKEN}, {@code _TTL}, {@code _TIMEOUT} and
 * {@code _MAX_CONCURRENT_CALLS} become {@code home.products.catalog.<key>.*}. Spring's
 * relaxed binding cannot do this itself: map keys such as {@code car-insurance} do not
 * survive the trip through an environment variable name.
 */
class ProductEnvironment implements EnvironmentPostProcessor, Ordered {

	static final String SOURCE = "homeProductEnvironment";

	private static final Map<String, String> ATTRIBUTES = Map.of("URL", "base-url", "TITLE", "title", "SECTION",
			"section", "TOPIC", "topic", "TOKEN", "service-tokens", "TTL", "ttl", "TIMEOUT", "read-timeout",
			"MAX_CONCURRENT_CALLS", "max-concurrent-calls");

	@Override
	public int getOrder() {
		// after the application's own configuration, before the secrets check
		return Ordered.LOWEST_PRECEDENCE - 10;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		List<String> keys = Binder.get(environment)
			.bind("home.products.order", Bindable.listOf(String.class))
			.orElse(List.of());
		Map<String, Object> properties = new LinkedHashMap<>();
		for (String key : keys) {
			String prefix = variablePrefix(key);
			ATTRIBUTES.forEach((suffix, property) -> {
				String value = environment.getProperty(prefix + suffix);
				if (value != null) {
					properties.put("home.products.catalog." + key + "." + property, value);
				}
			});
		}
		if (properties.isEmpty()) {
			return;
		}
		MapPropertySource source = new MapPropertySource(SOURCE, properties);
		if (environment.getPropertySources().contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
			environment.getPropertySources()
				.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source);
		}
		else {
			environment.getPropertySources().addFirst(source);
		}
	}

	/**
	 * The environment variable prefix of a product.
	 * @param key e.g. {@code car-insurance}
	 * @return e.g. {@code CAR_INSURANCE_SERVICE_}
	 */
	static String variablePrefix(String key) {
		return key.toUpperCase(Locale.ROOT).replace('-', '_') + "_SERVICE_";
	}

}
