package de.check24.homewidgets.deploy;

import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceVariablesTests {

	@Test
	void promisedVariablesAreStillUnreadSoTheListShrinksAsServicesLand() {
		ServiceVariables.promisedByModule().forEach((module, variables) -> {
			String reader = module.equals("products") ? "car-insurance-service" : module;
			for (String variable : variables) {
				assertThat(ServiceVariables.readNow(reader, variable))
					.as("%s now reads %s: delete its line from variables-promised-by-design.txt", reader, variable)
					.isFalse();
			}
		});
	}

	@Test
	void placeholdersOfTheServicesAreFound() {
		assertThat(Set.of("REDIS_HOST", "KAFKA_BROKER", "HOME_JWT_SECRET"))
			.allMatch((variable) -> ServiceVariables.readNow("core-service", variable));
		assertThat(Set.of("DB_HOST", "DB_PASSWORD", "CORE_SERVICE_URL", "CORE_SERVICE_TOKEN"))
			.allMatch((variable) -> ServiceVariables.readNow("banking-service", variable));
		assertThat(ServiceVariables.readNow("banking-service", "REDIS_HOST")).isFalse();
	}

}
