package de.check24.homewidgets.core.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * A full core on a random port (and a random management port) against real Redis and
 * Kafka, the stub products and this JVM's secrets, outside the local profile. Product
 * timeouts are shortened so that hanging-product tests stay quick, and stream heartbeats
 * come every half second so dropped subscribers are found quickly; breaker and retry
 * settings are the production ones. Metrics are exported, as in production.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "home.products.read-timeout=1500ms", "home.products.deadline=4s", "home.stream.heartbeat=500ms",
				"management.server.port=0", "home.security.jwt.secret=" + Tokens.SECRET,
				"home.identity.signing-keys=" + TestSecrets.SIGNING_KEYS,
				"home.products.catalog.car-insurance.service-tokens=" + TestSecrets.CAR_INSURANCE_TOKEN,
				"home.products.catalog.health-insurance.service-tokens=" + TestSecrets.HEALTH_INSURANCE_TOKEN,
				"home.products.catalog.house-insurance.service-tokens=" + TestSecrets.HOUSE_INSURANCE_TOKEN,
				"home.products.catalog.banking.service-tokens=" + TestSecrets.BANKING_TOKEN })
@Import(CoreTestInfrastructure.class)
@AutoConfigureObservability(tracing = false)
public @interface CoreIntegrationTest {

}
