package de.check24.homewidgets.core.security;

import java.util.Optional;

import de.check24.homewidgets.core.viewer.Viewer;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Tells who sent a request from its {@code Authorization} header with the same decoder
 * and validators as the resource server, for code that answers before Spring Security's
 * filter chain runs.
 */
public class BearerViewers {

	private static final String BEARER = "Bearer ";

	private final JwtDecoder decoder;

	BearerViewers(JwtDecoder decoder) {
		this.decoder = decoder;
	}

	/**
	 * Resolves the viewer.
	 * @param authorization the {@code Authorization} header, may be {@code null}
	 * @return the anonymous viewer without a header, the token's user for a valid bearer
	 * token, empty for anything else (the filter chain then answers it, e.g. with 401)
	 */
	public Optional<Viewer> resolve(String authorization) {
		if (authorization == null) {
			return Optional.of(Viewer.ANONYMOUS);
		}
		if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return Optional.empty();
		}
		try {
			Jwt jwt = this.decoder.decode(authorization.substring(BEARER.length()).trim());
			return Optional.of(Viewer.user(Long.parseLong(jwt.getSubject())));
		}
		catch (RuntimeException ex) {
			// JwtException for a bad token; anything else the chain answers properly too
			return Optional.empty();
		}
	}

}
