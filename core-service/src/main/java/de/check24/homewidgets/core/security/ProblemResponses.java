package de.check24.homewidgets.core.security;

import java.io.IOException;
import java.net.URI;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import de.check24.homewidgets.core.config.ProblemTypes;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Writes the security filter chain's 401 and 403 answers as RFC 9457 problem details, so
 * that no client ever sees an empty or HTML error body.
 */
class ProblemResponses {

	static final URI UNAUTHORIZED = ProblemTypes.of("unauthorized");

	static final URI INVALID_SERVICE_TOKEN = ProblemTypes.of("invalid-service-token");

	static final URI FORBIDDEN = ProblemTypes.of("forbidden");

	private final ObjectMapper objectMapper;

	ProblemResponses(ObjectMapper objectMapper) {
		this.objectMapper = objectMapper;
	}

	/**
	 * For user endpoints: the bearer entry point's status and {@code WWW-Authenticate},
	 * plus a problem body.
	 * @return the entry point
	 */
	AuthenticationEntryPoint bearerEntryPoint() {
		BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
		return (request, response, failure) -> {
			bearer.commence(request, response, failure);
			write(request, response, HttpStatus.UNAUTHORIZED, UNAUTHORIZED, "Unauthorized", detail(failure));
		};
	}

	AccessDeniedHandler bearerAccessDenied() {
		BearerTokenAccessDeniedHandler bearer = new BearerTokenAccessDeniedHandler();
		return (request, response, denied) -> {
			bearer.handle(request, response, denied);
			write(request, response, HttpStatus.FORBIDDEN, FORBIDDEN, "Forbidden", detail(denied));
		};
	}

	AuthenticationEntryPoint serviceTokenEntryPoint() {
		return (request, response, failure) -> write(request, response, HttpStatus.UNAUTHORIZED, INVALID_SERVICE_TOKEN,
				"Unauthorized",
				"This endpoint is for product services: send the service credential as X-Service-Token.");
	}

	AccessDeniedHandler serviceTokenAccessDenied() {
		return (request, response, denied) -> write(request, response, HttpStatus.UNAUTHORIZED, INVALID_SERVICE_TOKEN,
				"Unauthorized",
				"This endpoint is for product services: send the service credential as X-Service-Token.");
	}

	private static String detail(AuthenticationException failure) {
		return (failure.getMessage() != null) ? failure.getMessage() : "Authentication is required.";
	}

	private static String detail(AccessDeniedException denied) {
		return (denied.getMessage() != null) ? denied.getMessage() : "Access denied.";
	}

	private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, URI type,
			String title, String detail) throws IOException {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type);
		problem.setTitle(title);
		problem.setInstance(URI.create(request.getRequestURI()));
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.objectMapper.writeValue(response.getOutputStream(), problem);
	}

}
