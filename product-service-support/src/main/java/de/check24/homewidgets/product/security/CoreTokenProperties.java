package de.check24.homewidgets.product.security;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How this product checks the token the core signs for each call.
 *
 * @param jwkSetUri where the core publishes its public keys ({@code CORE_JWKS_URI})
 * @param issuer the only accepted {@code iss} ({@code CORE_TOKEN_ISSUER})
 * @param maxLifetime the longest {@code exp - iat} accepted
 * ({@code CORE_TOKEN_MAX_LIFETIME})
 * @param clockSkew tolerance for {@code exp}, {@code nbf} and {@code iat} between the
 * core's clock and ours ({@code CORE_TOKEN_CLOCK_SKEW})
 * @param fetchTimeout connect and read timeout for fetching the key set
 */
@Validated
@ConfigurationProperties("product.core-token")
record CoreTokenProperties(@NotNull URI jwkSetUri, @NotBlank String issuer, @NotNull Duration maxLifetime,
		@NotNull Duration clockSkew, @NotNull Duration fetchTimeout) {

}
