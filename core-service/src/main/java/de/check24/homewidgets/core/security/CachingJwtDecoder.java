package de.check24.homewidgets.core.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.util.unit.DataSize;

/**
 * Remembers tokens it has verified, so that a client calling {@code /home} on every app
 * start does not pay for signature verification and JSON parsing each time. A remembered
 * token passed every rule when it was decoded; only time can change that, so it is
 * refused again once it expires. Bounded by an estimate of the bytes it holds.
 */
class CachingJwtDecoder implements JwtDecoder {

	// a decoded Jwt holds the token twice (value and claims) plus maps and instants
	private static final int OVERHEAD_BYTES = 1024;

	private final JwtDecoder delegate;

	private final Clock clock;

	private final Duration clockSkew;

	private final Cache<String, Jwt> verified;

	CachingJwtDecoder(JwtDecoder delegate, Clock clock, Duration clockSkew, DataSize maxSize) {
		this.delegate = delegate;
		this.clock = clock;
		this.clockSkew = clockSkew;
		this.verified = Caffeine.newBuilder()
			.maximumWeight(maxSize.toBytes())
			.weigher((String token, Jwt jwt) -> token.length() * 4 + OVERHEAD_BYTES)
			.expireAfterWrite(Duration.ofMinutes(5))
			.build();
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Jwt jwt = this.verified.getIfPresent(token);
		if (jwt != null) {
			if (this.clock.instant().minus(this.clockSkew).isBefore(jwt.getExpiresAt())) {
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
