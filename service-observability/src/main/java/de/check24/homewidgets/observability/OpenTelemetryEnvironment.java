package de.check24.homewidgets.observability;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Traces go where the standard OpenTelemetry variable says
 * ({@code OTEL_EXPORTER_OTLP_ENDPOINT}, its {@code /v1/traces} path); without it nothing
 * is exported. Spring Boot takes even an empty endpoint property as "export", so only a
 * non-blank variable becomes one.
 */
public class OpenTelemetryEnvironment implements EnvironmentPostProcessor, Ordered {

	static final String VARIABLE = "OTEL_EXPORTER_OTLP_ENDPOINT";

	static final String PROPERTY = "management.otlp.tracing.endpoint";

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String endpoint = environment.getProperty(VARIABLE);
		if (StringUtils.hasText(endpoint) && !environment.containsProperty(PROPERTY)) {
			environment.getPropertySources()
				.addLast(new MapPropertySource("openTelemetryEndpoint",
						Map.of(PROPERTY, endpoint.replaceAll("/+$", "") + "/v1/traces")));
		}
	}

}
