package de.check24.homewidgets.core.identity;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the core proves itself to the product services.
 *
 * @param signingKeys a JWK set of EC P-256 private keys
 * ({@code HOME_SERVICE_SIGNING_KEYS}); the first key signs, every key's public part is
 * published. Required outside the {@code local} profile, which generates one key at start
 * when it is blank
 * @param issuer the {@code iss} of the core's tokens, which products check
 * @param tokenLifetime how long one per-call token is valid
 */
@Validated
@ConfigurationProperties("home.identity")
record IdentityProperties(String signingKeys, @NotBlank String issuer, @NotNull Duration tokenLifetime) {

}
