package de.check24.homewidgets.product.web;

import java.net.URI;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error leaves the service as an RFC 9457 problem with a stable type URI. Never a
 * stack trace, and an unreachable database is a 503, not a 500.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	private static final URI ABOUT_BLANK = URI.create("about:blank");

	@ExceptionHandler(ProductProblem.class)
	ResponseEntity<ProblemDetail> productProblem(ProductProblem problem, HttpServletRequest request) {
		ProblemDetail body = problem(problem.status(), problem.type(), problem.title(), problem.getMessage(), request);
		problem.properties().forEach(body::setProperty);
		return response(body);
	}

	@ExceptionHandler(RequestBodyTooLarge.class)
	ResponseEntity<ProblemDetail> requestBodyTooLarge(RequestBodyTooLarge tooLarge, HttpServletRequest request) {
		return response(tooLarge(tooLarge, request));
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception failure, HttpServletRequest request) {
		if (DatabaseFailures.isUnreachable(failure)) {
			logger.warn("Database unreachable while serving {} {}: {}", request.getMethod(), request.getRequestURI(),
					failure.getMessage());
			return response(problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.DATABASE_UNAVAILABLE,
					"Database unavailable", "The product database is unreachable. Please try again shortly.", request));
		}
		logger.error("Unexpected failure while serving {} {}", request.getMethod(), request.getRequestURI(), failure);
		return response(problem(HttpStatus.INTERNAL_SERVER_ERROR, ProblemTypes.INTERNAL_ERROR, "Internal error",
				"Something went wrong on our side.", request));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException failure,
			HttpHeaders headers, HttpStatusCode status, WebRequest webRequest) {
		HttpServletRequest request = (webRequest instanceof NativeWebRequest nativeRequest)
				? nativeRequest.getNativeRequest(HttpServletRequest.class) : null;
		RequestBodyTooLarge tooLarge = findCause(failure, RequestBodyTooLarge.class);
		ProblemDetail body = (tooLarge != null) ? tooLarge(tooLarge, request)
				: problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, "Invalid request",
						"The request body is missing, is not valid JSON or has a field of the wrong type.", request);
		return handleExceptionInternal(failure, body, headers, HttpStatus.BAD_REQUEST, webRequest);
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException failure,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<String> errors = failure.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((error) -> jsonName(error) + ": " + error.getDefaultMessage())
			.sorted()
			.toList();
		ProblemDetail body = failure.getBody();
		body.setDetail("Invalid request content: " + String.join(", ", errors));
		body.setProperty("errors", errors);
		return handleExceptionInternal(failure, body, headers, status, request);
	}

	/** Gives the problems Spring MVC reports itself a stable type as well. */
	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception failure, Object body, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		ResponseEntity<Object> response = super.handleExceptionInternal(failure, body, headers, status, request);
		if (response != null && response.getBody() instanceof ProblemDetail problem
				&& (problem.getType() == null || ABOUT_BLANK.equals(problem.getType()))) {
			problem.setType(ProblemTypes.forStatus(status));
		}
		return response;
	}

	private static ProblemDetail tooLarge(RequestBodyTooLarge tooLarge, HttpServletRequest request) {
		return problem(HttpStatus.BAD_REQUEST, ProblemTypes.REQUEST_TOO_LARGE, "Request too large",
				tooLarge.getMessage(), request);
	}

	private static ProblemDetail problem(HttpStatus status, URI type, String title, String detail,
			HttpServletRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type);
		problem.setTitle(title);
		if (request != null) {
			try {
				problem.setInstance(URI.create(request.getRequestURI()));
			}
			catch (IllegalArgumentException ex) {
				// not a URI we can echo back; the problem is complete without it
			}
		}
		return problem;
	}

	private static ResponseEntity<ProblemDetail> response(ProblemDetail problem) {
		return ResponseEntity.status(problem.getStatus()).body(problem);
	}

	private static String jsonName(FieldError error) {
		return error.getField().replaceAll("([A-Z])", "_$1").toLowerCase();
	}

	private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

}
