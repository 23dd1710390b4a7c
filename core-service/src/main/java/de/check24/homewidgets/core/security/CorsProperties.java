package de.check24.homewidgets.core.security;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Which browser origins may call the core (the web client in development runs on another
 * port than the core).
 *
 * @param allowedOrigins exact origins such as {@code http://localhost:5173}
 * ({@code HOME_CORS_ALLOWED_ORIGINS}, comma-separated); empty allows none
 * @param maxAge how long browsers may cache a preflight answer
 */
@Validated
@ConfigurationProperties("home.cors")
record CorsProperties(List<String> allowedOrigins, @NotNull Duration maxAge) {

	CorsProperties {
		allowedOrigins = (allowedOrigins != null) ? List.copyOf(allowedOrigins) : List.of();
	}

}
