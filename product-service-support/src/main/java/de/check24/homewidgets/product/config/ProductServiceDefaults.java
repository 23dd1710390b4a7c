package de.check24.homewidgets.product.config;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code product-service-defaults.yml} behind every other property source, so the
 * four services share one set of runtime defaults and each {@code application.yml} says
 * only what differs (key, topic, port, database name).
 */
public class ProductServiceDefaults implements EnvironmentPostProcessor {

	static final String NAME = "product-service-defaults";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.getPropertySources().contains(NAME)) {
			return;
		}
		ClassPathResource defaults = new ClassPathResource(NAME + ".yml",
				ProductServiceDefaults.class.getClassLoader());
		try {
			for (PropertySource<?> source : new YamlPropertySourceLoader().load(NAME, defaults)) {
				environment.getPropertySources().addLast(source);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not load " + defaults, ex);
		}
	}

}
