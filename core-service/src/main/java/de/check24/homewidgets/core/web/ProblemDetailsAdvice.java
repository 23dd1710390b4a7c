package de.check24.homewidgets.core.web;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error leaves the core as an RFC 9457 problem detail. Features throw
 * {@link CoreProblem}s, which the base class renders like any
 * {@code ErrorResponseException}; Spring MVC's own exceptions are handled by the base
 * class too; everything else is a 500 without internals.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	private static final PropertyNamingStrategies.NamingBase SNAKE_CASE = (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

	@ExceptionHandler(AccessDeniedException.class)
	ResponseEntity<ProblemDetail> accessDenied(AccessDeniedException ex) {
		return answer(CoreProblem.forbidden(ex.getMessage()));
	}

	/**
	 * A request body that breaks its record's constraints: the problem names each field
	 * as the client spells it (the core's bodies are snake_case).
	 */
	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<String> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((error) -> SNAKE_CASE.translate(error.getField()) + ": " + error.getDefaultMessage())
			.sorted()
			.toList();
		return handleExceptionInternal(ex, CoreProblem.invalidRequest(errors).getBody(), headers, status, request);
	}

	/**
	 * The firewall checks a form body's parameter names only when they are read, which
	 * Spring MVC does while looking for a JSON body, after the security filters: a 400
	 * like the firewall's other refusals, not a 500.
	 */
	@ExceptionHandler(RequestRejectedException.class)
	ResponseEntity<ProblemDetail> requestRejected(RequestRejectedException ex) {
		return answer(CoreProblem.requestRejected());
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex) {
		logger.error("Unexpected failure", ex);
		return answer(CoreProblem.internalError());
	}

	private static ResponseEntity<ProblemDetail> answer(CoreProblem problem) {
		return ResponseEntity.status(problem.getStatusCode()).headers(problem.getHeaders()).body(problem.getBody());
	}

}
