package de.check24.homewidgets.core.web;

import java.io.IOException;
import java.net.URI;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Writes a {@link CoreProblem} for code that answers before Spring MVC: the security
 * chain's entry points and the filters in front of it.
 */
public class ProblemWriter {

	private final ObjectMapper objectMapper;

	public ProblemWriter(ObjectMapper objectMapper) {
		this.objectMapper = objectMapper;
	}

	public void write(HttpServletRequest request, HttpServletResponse response, CoreProblem problem)
			throws IOException {
		ProblemDetail body = problem.getBody();
		try {
			body.setInstance(URI.create(request.getRequestURI()));
		}
		catch (IllegalArgumentException ex) {
			// a path the firewall refused may be no URI; the problem is complete without
			// it
		}
		response.setStatus(problem.getStatusCode().value());
		problem.getHeaders().forEach((name, values) -> values.forEach((value) -> response.setHeader(name, value)));
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.objectMapper.writeValue(response.getOutputStream(), body);
	}

}
