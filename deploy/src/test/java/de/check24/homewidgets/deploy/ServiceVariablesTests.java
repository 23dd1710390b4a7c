package de.check24.homewidgets.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceVariablesTests {

	@Test
	void promisedVariablesAreStillUnreadSoTheListShrinksAsServicesLand() {
		List<String> landed = new ArrayList<>();
		ServiceVariables.promisedByModule().forEach((module, variables) -> {
			String reader = module.equals("products") ? "car-insurance-service" : module;
			variables.stream()
				.filter((variable) -> ServiceVariables.readNow(reader, variable))
				.forEach((variable) -> landed.add(module + " " + variable));
		});
		assertThat(landed).as("read by the services now: delete these lines from variables-promised-by-design.txt")
			.isEmpty();
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
