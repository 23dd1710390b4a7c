package de.check24.homewidgets.product;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Who this product service is.
 *
 * @param key the service key in every path, e.g. {@code car-insurance}
 * @param topic the Kafka topic contract events go to, e.g.
 * {@code user.car.insurance.purchased}
 * @param database the default database name; {@code DB_NAME} overrides it
 */
@Validated
@ConfigurationProperties("product")
public record ProductProperties(@NotBlank @Pattern(regexp = "[a-z][a-z0-9-]*") String key, @NotBlank String topic,
		String database) {

}
