package de.check24.homewidgets.product.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The firewall checks a form body's parameter names only when they are read, which Spring
 * MVC does while looking for a JSON body, after the security filters: such a refusal is
 * answered like the firewall's others, a 400 problem, not a 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class FirewallProblems {

	// SecurityProblems answers through the exception resolvers, which are built from
	// this advice
	private final ObjectProvider<SecurityProblems> problems;

	FirewallProblems(ObjectProvider<SecurityProblems> problems) {
		this.problems = problems;
	}

	@ExceptionHandler(RequestRejectedException.class)
	void rejected(RequestRejectedException rejected, HttpServletRequest request, HttpServletResponse response) {
		this.problems.getObject().handle(request, response, rejected);
	}

}
