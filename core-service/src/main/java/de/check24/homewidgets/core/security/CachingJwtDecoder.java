package de.check24.homewidgets.core.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers tokens it has verified, so that a client calling {@code /home} on every app
 * start does not pay for signature verification and JSON parsing each time. A remembered
 * token is still refused once it expires.
 */
class CachingJwtDecoder implements JwtDecoder {

	private final JwtDecoder delegate;

	private final Clock clock;

	private final Cache<String, Jwt> verified;

	CachingJwtDecoder(JwtDecoder delegate, Clock clock, long maximumSize, Duration expireAfterWrite) {
		this.delegate = delegate;
		this.clock = clock;
		this.verified = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(expireAfterWrite).build();
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Jwt jwt = this.verified.getIfPresent(token);
		if (jwt != null) {
			Instant expiresAt = jwt.getExpiresAt();
			if (expiresAt == null || this.clock.instant().isBefore(expiresAt)) {
				return jwt;
			}
			// expired since: let the delegate produce the proper validation error
			this.verified.invalidate(token);
		}
		jwt = this.delegate.decode(token);
		this.verified.put(token, jwt);
		return jwt;
	}

}
