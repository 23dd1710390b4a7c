package de.check24.homewidgets.core.support;

import de.check24.homewidgets.infrastructure.EmbeddedInfrastructure;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * What a full-context test of the core runs against: the shared embedded Redis and Kafka,
 * the stub product services and a clock tests can move forward.
 */
@TestConfiguration(proxyBeanMethods = false)
public class CoreTestInfrastructure {

	@Bean
	DynamicPropertyRegistrar coreInfrastructureProperties() {
		return (registry) -> {
			EmbeddedInfrastructure.redis(registry);
			EmbeddedInfrastructure.kafka(registry);
			StubProducts.shared().properties().forEach((name, value) -> registry.add(name, () -> value));
		};
	}

	@Bean
	@Primary
	MutableClock mutableClock() {
		return new MutableClock();
	}

}
