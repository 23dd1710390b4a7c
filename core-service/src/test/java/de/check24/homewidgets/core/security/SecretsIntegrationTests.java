package de.check24.homewidgets.core.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import de.check24.homewidgets.core.CoreApplication;
import de.check24.homewidgets.core.support.TestSecrets;
import de.check24.homewidgets.core.support.Tokens;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Secrets fail closed: outside the local profile the core does not start without its
 * secrets, or with a value published in the repository, and says which variable to set.
 */
class SecretsIntegrationTests {

	private static final String[] NO_INFRASTRUCTURE = { "--server.port=0", "--management.server.port=0",
			"--home.events.enabled=false", "--spring.kafka.bootstrap-servers=127.0.0.1:1",
			"--spring.data.redis.port=1" };

	@Test
	void refusesToStartWithoutHomeJwtSecretAndNamesTheVariable() {
		Map<String, String> secrets = TestSecrets.properties();
		secrets.remove("home.security.jwt.secret");

		assertThatThrownBy(() -> start(secrets)).rootCause().hasMessageContaining("HOME_JWT_SECRET is not set");
	}

	@Test
	void refusesToStartWithTheSecretPublishedInTheRepository() {
		Map<String, String> secrets = TestSecrets.properties();
		secrets.put("home.security.jwt.secret", Tokens.PUBLISHED_SECRET);

		assertThatThrownBy(() -> start(secrets)).rootCause()
			.hasMessageContaining("HOME_JWT_SECRET is a value published in the repository");
	}

	@Test
	void refusesToStartWithoutTheSigningKeysOrAProductCredential() {
		Map<String, String> secrets = TestSecrets.properties();
		secrets.remove("home.identity.signing-keys");
		secrets.put("home.products.catalog.banking.service-tokens", "local-dev-service-token");

		assertThatThrownBy(() -> start(secrets)).rootCause()
			.hasMessageContaining("HOME_SERVICE_SIGNING_KEYS is not set")
			.hasMessageContaining("BANKING_SERVICE_TOKEN is a value published in the repository");
	}

	@Test
	void startsInTheLocalProfileWithoutAnySecret() {
		try (ConfigurableApplicationContext core = new SpringApplicationBuilder(CoreApplication.class).profiles("local")
			.run(NO_INFRASTRUCTURE)) {
			assertThat(core.isRunning()).isTrue();
		}
	}

	private static void start(Map<String, String> secrets) {
		List<String> arguments = new ArrayList<>(List.of(NO_INFRASTRUCTURE));
		secrets.forEach((name, value) -> arguments.add("--" + name + "=" + value));
		new SpringApplicationBuilder(CoreApplication.class).run(arguments.toArray(String[]::new)).close();
	}

}
