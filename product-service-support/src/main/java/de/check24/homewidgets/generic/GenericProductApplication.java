package de.check24.homewidgets.generic;

import java.util.Map;

import de.check24.homewidgets.product.RankingPolicy;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A product service configured by its environment alone, so a new product team can run
 * before it writes any code: {@code PRODUCT_KEY} (e.g. {@code electricity}),
 * {@code PRODUCT_TOPIC}, {@code DB_NAME}, {@code PRODUCT_SEED_LOCATION} (a Flyway
 * location with its widgets, e.g. {@code filesystem:/seed}) and optionally
 * {@code PRODUCT_IMAGES_LOCATION} (e.g. {@code file:/images/}), besides every variable a
 * product service reads. Widgets are ranked in their stored priority order. Packaged as
 * {@code product-service-support-<version>-exec.jar}.
 */
@SpringBootApplication
public class GenericProductApplication {

	public static void main(String[] args) {
		application().run(args);
	}

	/**
	 * The application with its environment mapping; tests start it the same way.
	 * @return the application, not yet running
	 */
	public static SpringApplication application() {
		SpringApplication application = new SpringApplication(GenericProductApplication.class);
		application.setDefaultProperties(Map.of("product.key", "${PRODUCT_KEY}", "product.topic", "${PRODUCT_TOPIC}",
				"product.database", "${DB_NAME}", "spring.application.name", "${PRODUCT_KEY}-service",
				"spring.flyway.locations", "classpath:db/migration,${PRODUCT_SEED_LOCATION}", "server.port",
				"${SERVER_PORT:8000}", "management.server.port", "${MANAGEMENT_PORT:9000}"));
		return application;
	}

	@Bean
	RankingPolicy storedPriorityFirst() {
		// the widgets arrive in stored priority order; a team with its own policy writes
		// a product module
		return (widgets) -> widgets;
	}

}
