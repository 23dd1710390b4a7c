package de.check24.homewidgets.product.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * Fails closed: outside the {@code local} profile the service refuses to start while a
 * secret is missing or still one of the values published in this repository, and names
 * the variable to set. Runs after {@link ProductServiceDefaults}, so it sees the values
 * the service would use.
 */
public class RequiredSecrets implements EnvironmentPostProcessor, Ordered {

	static final String LOCAL_PROFILE = "local";

	/** Environment variable, and the property it feeds. */
	private static final Map<String, String> SECRETS = secrets();

	/** Values anyone can read in this repository (old defaults, compose, scripts). */
	private static final Set<String> PUBLISHED = Set.of("local-dev-only-jwt-secret-change-me-0123456789",
			"local-dev-service-token", "postgres");

	private static final Pattern PUBLISHED_PASSWORD = Pattern.compile("local-dev-.*-password");

	@Override
	public int getOrder() {
		return ProductServiceDefaults.ORDER + 1;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.acceptsProfiles(Profiles.of(LOCAL_PROFILE))) {
			return;
		}
		SECRETS.forEach((variable, property) -> check(variable, environment.getProperty(property)));
	}

	private static void check(String variable, String value) {
		if (value == null || value.isBlank()) {
			throw MissingSecret.unset(variable);
		}
		if (PUBLISHED.contains(value) || PUBLISHED_PASSWORD.matcher(value).matches()) {
			throw MissingSecret.published(variable);
		}
	}

	private static Map<String, String> secrets() {
		Map<String, String> secrets = new LinkedHashMap<>();
		secrets.put("DB_PASSWORD", "spring.datasource.password");
		secrets.put("CORE_SERVICE_TOKEN", "product.core.token");
		return secrets;
	}

}
