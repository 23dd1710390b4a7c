package de.check24.homewidgets.product.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the user the core acts for into every log line of the request ({@code user_id}),
 * once the token is verified. Never the token itself.
 */
class CallerInLogs extends OncePerRequestFilter {

	static final String USER_ID = "user_id";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Long userId = Caller.current().userId();
		if (userId == null) {
			chain.doFilter(request, response);
			return;
		}
		try (MDC.MDCCloseable user = MDC.putCloseable(USER_ID, String.valueOf(userId))) {
			chain.doFilter(request, response);
		}
	}

}
