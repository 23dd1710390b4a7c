package de.check24.homewidgets.core.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a product service by its own credential in {@code X-Service-Token}: the
 * principal is the product whose credential it is, so the cache endpoint can hold it to
 * its own section. Every comparison is constant-time and every credential is compared, so
 * timing tells nothing about which one nearly matched.
 */
class ServiceTokenFilter extends OncePerRequestFilter {

	static final String HEADER = "X-Service-Token";

	static final String AUTHORITY = "ROLE_PRODUCT_SERVICE";

	private final Map<String, List<byte[]>> credentials;

	/**
	 * @param credentials each product key's accepted credentials (more than one while
	 * rotating)
	 */
	ServiceTokenFilter(Map<String, List<byte[]>> credentials) {
		this.credentials = credentials;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String presented = request.getHeader(HEADER);
		String product = (presented != null) ? productOf(presented.getBytes(StandardCharsets.UTF_8)) : null;
		if (product != null) {
			SecurityContextHolder.getContext()
				.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(product, null,
						List.of(new SimpleGrantedAuthority(AUTHORITY))));
		}
		chain.doFilter(request, response);
	}

	private String productOf(byte[] presented) {
		String match = null;
		for (Map.Entry<String, List<byte[]>> entry : this.credentials.entrySet()) {
			for (byte[] credential : entry.getValue()) {
				if (MessageDigest.isEqual(credential, presented)) {
					match = entry.getKey();
				}
			}
		}
		return match;
	}

}
