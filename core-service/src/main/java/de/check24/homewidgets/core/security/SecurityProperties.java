package de.check24.homewidgets.core.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Who may call the core.
 *
 * @param jwt how user tokens are verified
 * @param serviceToken the shared secret product services send as {@code X-Service-Token}
 * to {@code POST /cache/invalidate} ({@code CORE_SERVICE_TOKEN})
 */
@Validated
@ConfigurationProperties("home.security")
record SecurityProperties(@NotNull @Valid Jwt jwt, @NotBlank String serviceToken) {

	/**
	 * @param secret HS256 key of at least 32 bytes ({@code HOME_JWT_SECRET}); used when
	 * no JWK set URI is given
	 * @param jwkSetUri the identity provider's JWK set ({@code HOME_JWT_JWK_SET_URI});
	 * takes precedence over the secret, may be {@code null}
	 */
	record Jwt(String secret, String jwkSetUri) {

	}

}
