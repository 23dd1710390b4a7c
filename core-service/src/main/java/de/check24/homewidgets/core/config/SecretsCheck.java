package de.check24.homewidgets.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.util.StringUtils;

/**
 * Secrets fail closed: outside the {@code local} profile the core refuses to start when a
 * secret is missing or is a value anyone can read in the repository, and names every
 * variable to set. The {@code local} profile generates what is missing instead. The beans
 * that hold secrets take this one, so the check runs before any of them exists.
 */
public final class SecretsCheck {

	/** Values that appear in this repository and so protect nothing. */
	static final Set<String> PUBLISHED = Set.of("local-dev-only-jwt-secret-change-me-0123456789",
			"local-dev-service-token", "local-dev-redis-password", "postgres", "changeme", "change-me", "secret",
			"password");

	private final boolean local;

	SecretsCheck(Environment environment) {
		this.local = environment.acceptsProfiles(Profiles.of("local"));
		if (this.local) {
			return;
		}
		List<String> problems = new ArrayList<>();
		if (!StringUtils.hasText(environment.getProperty("home.security.jwt.jwk-set-uri"))) {
			check(problems, "HOME_JWT_SECRET", environment.getProperty("home.security.jwt.secret"),
					"a random secret of at least 32 bytes, e.g. openssl rand -base64 48 (or set HOME_JWT_JWK_SET_URI)");
		}
		check(problems, "HOME_SERVICE_SIGNING_KEYS", environment.getProperty("home.identity.signing-keys"),
				"a JWK set of EC P-256 private keys (see .env.example)");
		Binder binder = Binder.get(environment);
		for (String key : binder.bind("home.products.order", Bindable.listOf(String.class)).orElse(List.of())) {
			List<String> tokens = binder
				.bind("home.products.catalog." + key + ".service-tokens", Bindable.listOf(String.class))
				.orElse(List.of());
			String variable = key.toUpperCase(Locale.ROOT).replace('-', '_') + "_SERVICE_TOKEN";
			String what = "the credential the " + key + " service calls the core with";
			if (tokens.isEmpty()) {
				check(problems, variable, null, what);
			}
			tokens.forEach((token) -> check(problems, variable, token, what));
		}
		String redisPassword = environment.getProperty("spring.data.redis.password");
		if (StringUtils.hasText(redisPassword)) {
			check(problems, "REDIS_PASSWORD", redisPassword, "the Redis password");
		}
		if (!problems.isEmpty()) {
			throw new MissingSecrets(problems);
		}
	}

	/**
	 * Whether the core runs for local development, where missing secrets are generated.
	 * @return {@code true} in the {@code local} profile
	 */
	public boolean local() {
		return this.local;
	}

	private static void check(List<String> problems, String variable, String value, String what) {
		if (!StringUtils.hasText(value)) {
			problems.add(variable + " is not set: set it to " + what);
		}
		else if (PUBLISHED.contains(value.trim()) || value.contains("local-dev")) {
			problems.add(variable + " is a value published in the repository: set it to " + what);
		}
	}

}
