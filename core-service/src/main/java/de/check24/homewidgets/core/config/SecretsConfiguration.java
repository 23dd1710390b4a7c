package de.check24.homewidgets.core.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class SecretsConfiguration {

	@Bean
	SecretsCheck secretsCheck(Environment environment) {
		return new SecretsCheck(environment);
	}

}
