package de.check24.homewidgets.core.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates product services by the shared secret in {@code X-Service-Token}. The
 * comparison is constant-time. A later mTLS setup can replace this filter without
 * touching the endpoints.
 */
class ServiceTokenFilter extends OncePerRequestFilter {

	static final String HEADER = "X-Service-Token";

	static final String AUTHORITY = "ROLE_PRODUCT_SERVICE";

	private final byte[] expected;

	ServiceTokenFilter(String expected) {
		this.expected = expected.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String presented = request.getHeader(HEADER);
		if (presented != null && MessageDigest.isEqual(this.expected, presented.getBytes(StandardCharsets.UTF_8))) {
			SecurityContextHolder.getContext()
				.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("product-service", null,
						List.of(new SimpleGrantedAuthority(AUTHORITY))));
		}
		chain.doFilter(request, response);
	}

}
