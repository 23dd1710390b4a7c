package de.check24.homewidgets.observability;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class OpenTelemetryEnvironmentTests {

	private final StandardEnvironment environment = new StandardEnvironment();

	@Test
	void exportsToTheTracesPathOfTheStandardVariable() {
		variable("http://jaeger:4318/");

		new OpenTelemetryEnvironment().postProcessEnvironment(this.environment, null);

		assertThat(this.environment.getProperty(OpenTelemetryEnvironment.PROPERTY))
			.isEqualTo("http://jaeger:4318/v1/traces");
	}

	@Test
	void exportsNothingWithoutTheVariableOrWithABlankOne() {
		new OpenTelemetryEnvironment().postProcessEnvironment(this.environment, null);
		assertThat(this.environment.containsProperty(OpenTelemetryEnvironment.PROPERTY)).isFalse();

		variable(" ");
		new OpenTelemetryEnvironment().postProcessEnvironment(this.environment, null);
		assertThat(this.environment.containsProperty(OpenTelemetryEnvironment.PROPERTY)).isFalse();
	}

	private void variable(String value) {
		this.environment.getPropertySources()
			.addFirst(new MapPropertySource("test", Map.of(OpenTelemetryEnvironment.VARIABLE, value)));
	}

}
