package de.check24.homewidgets.core.security;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How the core checks user tokens. Product services' credentials are part of each
 * product's configuration ({@code {KEY}_SERVICE_TOKEN}).
 *
 * @param jwt how user tokens are verified
 */
@Validated
@ConfigurationProperties("home.security")
record SecurityProperties(@NotNull @Valid Jwt jwt) {

	/**
	 * @param secret HS256 key of at least 32 bytes ({@code HOME_JWT_SECRET}); used when
	 * no JWK set URI is given. Blank only in the {@code local} profile, which generates
	 * one
	 * @param jwkSetUri the identity provider's JWK set ({@code HOME_JWT_JWK_SET_URI});
	 * takes precedence over the secret, may be {@code null}
	 * @param algorithm the only signature algorithm accepted
	 * ({@code HOME_JWT_ALGORITHM}); {@code HS256} with the secret, e.g. {@code RS256} or
	 * {@code ES256} with a JWK set
	 * @param issuers the accepted {@code iss} values ({@code HOME_JWT_ISSUER},
	 * comma-separated)
	 * @param audience the {@code aud} a token must name ({@code HOME_JWT_AUDIENCE})
	 * @param devIssuer the issuer of the local platform's demo tokens, accepted only in
	 * the {@code local} profile
	 * @param maxLifetime the longest a token may be valid, from {@code iat} (or now) to
	 * {@code exp} ({@code HOME_JWT_MAX_LIFETIME})
	 * @param clockSkew tolerance for {@code exp} and {@code nbf}
	 * @param verifiedCacheSize memory for tokens already verified, so a client calling on
	 * every app start does not pay for a signature check each time
	 */
	record Jwt(String secret, String jwkSetUri, @NotBlank String algorithm, @NotEmpty List<String> issuers,
			@NotBlank String audience, @NotBlank String devIssuer, @NotNull Duration maxLifetime,
			@NotNull Duration clockSkew, @NotNull DataSize verifiedCacheSize) {

	}

}
