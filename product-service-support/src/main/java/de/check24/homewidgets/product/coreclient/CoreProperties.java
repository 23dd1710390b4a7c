package de.check24.homewidgets.product.coreclient;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the core service is and how long to wait for it.
 *
 * @param baseUrl the core's base URL ({@code CORE_SERVICE_URL})
 * @param token the service token sent as {@code X-Service-Token}
 * ({@code CORE_SERVICE_TOKEN})
 * @param connectTimeout connect timeout
 * @param readTimeout read timeout
 */
@Validated
@ConfigurationProperties("product.core")
record CoreProperties(@NotNull URI baseUrl, @NotBlank String token, @NotNull Duration connectTimeout,
		@NotNull Duration readTimeout) {

}
