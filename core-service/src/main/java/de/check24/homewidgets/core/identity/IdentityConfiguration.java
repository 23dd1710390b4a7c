package de.check24.homewidgets.core.identity;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.check24.homewidgets.core.config.SecretsCheck;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityProperties.class)
class IdentityConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(IdentityConfiguration.class);

	// blank only in the local profile: the secrets check refuses to start without the
	// keys anywhere else
	@Bean
	SigningKeys signingKeys(IdentityProperties properties, SecretsCheck checked) {
		if (!StringUtils.hasText(properties.signingKeys())) {
			logger.info("No HOME_SERVICE_SIGNING_KEYS: signing product calls with a key generated for this run");
			return SigningKeys.generate();
		}
		return SigningKeys.parse(properties.signingKeys());
	}

	@Bean
	ServiceTokens serviceTokens(SigningKeys keys, IdentityProperties properties, Clock clock) {
		return new ServiceTokens(keys, properties.issuer(), properties.tokenLifetime(), clock);
	}

}
