package de.check24.homewidgets.product.config;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code product-service-defaults.yml} behind every other property source, so the
 * four services share one set of runtime defaults and each {@code application.yml} says
 * only what differs (key, topic, port, database name). Under the {@code local} profile
 * {@code product-service-defaults-local.yml} comes first: the development defaults for
 * secrets live only there.
 */
public class ProductServiceDefaults implements EnvironmentPostProcessor, Ordered {

	static final String NAME = "product-service-defaults";

	static final String LOCAL_NAME = NAME + "-local";

	/** After Spring Boot's config data, which decides the active profiles. */
	static final int ORDER = Ordered.LOWEST_PRECEDENCE - 10;

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.getPropertySources().contains(NAME)) {
			return;
		}
		if (environment.acceptsProfiles(Profiles.of(RequiredSecrets.LOCAL_PROFILE))) {
			addLast(environment, LOCAL_NAME);
		}
		addLast(environment, NAME);
	}

	private static void addLast(ConfigurableEnvironment environment, String name) {
		ClassPathResource defaults = new ClassPathResource(name + ".yml",
				ProductServiceDefaults.class.getClassLoader());
		try {
			for (PropertySource<?> source : new YamlPropertySourceLoader().load(name, defaults)) {
				environment.getPropertySources().addLast(source);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not load " + defaults, ex);
		}
	}

}
