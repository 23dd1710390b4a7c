package de.check24.homewidgets.product.config;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Starts a Spring application with this library on the classpath, outside the
 * {@code local} profile, and expects it to refuse to start without its secrets.
 */
class RequiredSecretsTests {

	private static final String GOOD_PASSWORD = "a-database-password-only-this-deployment-knows";

	private static final String GOOD_TOKEN = "a-service-token-only-this-deployment-knows";

	@Test
	void refusesToStartWithoutDbPassword() {
		assertThatThrownBy(() -> start("--CORE_SERVICE_TOKEN=" + GOOD_TOKEN)).isInstanceOf(MissingSecret.class)
			.hasMessageStartingWith("DB_PASSWORD is not set");
	}

	@Test
	void refusesToStartWithoutCoreServiceToken() {
		assertThatThrownBy(() -> start("--DB_PASSWORD=" + GOOD_PASSWORD)).isInstanceOf(MissingSecret.class)
			.hasMessageStartingWith("CORE_SERVICE_TOKEN is not set");
	}

	@Test
	void refusesToStartWithThePublishedDefaultPassword() {
		assertThatThrownBy(() -> start("--DB_PASSWORD=postgres", "--CORE_SERVICE_TOKEN=" + GOOD_TOKEN))
			.hasMessageStartingWith("DB_PASSWORD is set to a value that is published in the repository");
		assertThatThrownBy(() -> start("--DB_PASSWORD=local-dev-car-password", "--CORE_SERVICE_TOKEN=" + GOOD_TOKEN))
			.hasMessageStartingWith("DB_PASSWORD is set to a value that is published");
	}

	@Test
	void refusesToStartWithThePublishedDefaultServiceToken() {
		assertThatThrownBy(
				() -> start("--DB_PASSWORD=" + GOOD_PASSWORD, "--CORE_SERVICE_TOKEN=local-dev-service-token"))
			.hasMessageStartingWith("CORE_SERVICE_TOKEN is set to a value that is published");
	}

	@Test
	void startsWithSecretsOfItsOwn() {
		assertThatNoException()
			.isThrownBy(() -> start("--DB_PASSWORD=" + GOOD_PASSWORD, "--CORE_SERVICE_TOKEN=" + GOOD_TOKEN).close());
	}

	@Test
	void theLocalProfileKeepsTheDevelopmentDefaults() {
		assertThatNoException().isThrownBy(() -> start("--spring.profiles.active=local").close());
	}

	/** Only the environment matters here, so no web server and no database. */
	private static org.springframework.context.ConfigurableApplicationContext start(String... args) {
		SpringApplication application = new SpringApplicationBuilder(NothingElse.class).web(WebApplicationType.NONE)
			.build();
		return application.run(args);
	}

	@Configuration(proxyBeanMethods = false)
	static class NothingElse {

	}

}
