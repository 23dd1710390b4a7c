package de.check24.homewidgets.product.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Answers refusals from the security filters with the same problem bodies the controllers
 * use: the failure goes to MVC's exception resolvers, and so to the one problem advice.
 */
@Component
class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

	/** Sets the RFC 6750 {@code WWW-Authenticate} header. */
	private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

	private final HandlerExceptionResolver resolver;

	SecurityProblems(@Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
		this.resolver = resolver;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure) {
		this.bearer.commence(request, response, failure);
		this.resolver.resolveException(request, response, null, Unauthorized.because(failure));
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied) {
		this.resolver.resolveException(request, response, null, Forbidden.byPolicy());
	}

	/**
	 * What the firewall refuses (a {@code ;} or {@code ..} in the path, an encoded
	 * {@code %}, a method such as TRACE): a 400 problem rather than the servlet
	 * container's error page.
	 */
	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected) {
		// without the rejection as its cause, which FirewallProblems would take up again
		this.resolver.resolveException(request, response, null,
				new ErrorResponseException(HttpStatus.BAD_REQUEST, ProblemDetail.forStatusAndDetail(
						HttpStatus.BAD_REQUEST, "The request's path, method or parameters are not accepted"), null));
	}

}
