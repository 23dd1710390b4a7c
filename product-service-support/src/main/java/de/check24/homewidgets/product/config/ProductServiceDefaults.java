package de.check24.homewidgets.product.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.StringUtils;

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

	static final String OTEL_ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";

	static final String OTLP_TRACING_ENDPOINT = "management.otlp.tracing.endpoint";

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
		exportTracesWhereOpenTelemetrySays(environment);
	}

	/**
	 * Traces go to the OTLP endpoint the standard OpenTelemetry variable names (its
	 * {@code /v1/traces} path); without it nothing is exported.
	 */
	private static void exportTracesWhereOpenTelemetrySays(ConfigurableEnvironment environment) {
		String endpoint = environment.getProperty(OTEL_ENDPOINT);
		if (StringUtils.hasText(endpoint) && !environment.containsProperty(OTLP_TRACING_ENDPOINT)) {
			environment.getPropertySources()
				.addLast(new MapPropertySource(NAME + "-otlp",
						Map.of(OTLP_TRACING_ENDPOINT, endpoint.replaceAll("/+$", "") + "/v1/traces")));
		}
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
