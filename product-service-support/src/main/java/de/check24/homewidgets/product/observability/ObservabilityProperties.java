package de.check24.homewidgets.product.observability;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Observability settings of a product service.
 *
 * @param slowQueryThreshold a repository call that takes longer is logged as a WARN
 * ({@code PRODUCT_SLOW_QUERY_THRESHOLD})
 */
@Validated
@ConfigurationProperties("product.observability")
record ObservabilityProperties(@NotNull Duration slowQueryThreshold) {

}
