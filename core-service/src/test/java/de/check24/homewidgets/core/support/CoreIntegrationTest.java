package de.check24.homewidgets.core.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * A full core on a random port against real Redis and the stub products. Product timeouts
 * are shortened so that hanging-product tests stay quick, and stream heartbeats come
 * every half second so dropped subscribers are found quickly; breaker and retry settings
 * are the production ones. Metrics are exported, as in production.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "home.products.read-timeout=1500ms", "home.products.fan-out.deadline=4s",
				"home.stream.heartbeat=500ms" })
@Import(CoreTestInfrastructure.class)
@AutoConfigureObservability(tracing = false)
public @interface CoreIntegrationTest {

}
