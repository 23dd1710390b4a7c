package de.check24.homewidgets.core.web;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Every error the core answers, as an RFC 9457 problem detail with a stable {@code type}
 * URI under {@value #TYPE_BASE}. Thrown from controllers (the advice renders it) or
 * written by filters that answer before MVC ({@link ProblemWriter}).
 */
public final class CoreProblem extends ErrorResponseException {

	/** The base of every problem type URI. */
	public static final String TYPE_BASE = "https://homewidgets.check24.de/problems/";

	private CoreProblem(HttpStatus status, String slug, String title, String detail) {
		super(status, problem(status, slug, title, detail), null);
	}

	private static ProblemDetail problem(HttpStatus status, String slug, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type(slug));
		problem.setTitle(title);
		return problem;
	}

	/**
	 * The type URI of an error kind.
	 * @param slug e.g. {@code unknown-service}
	 * @return e.g. {@code https://homewidgets.check24.de/problems/unknown-service}
	 */
	public static URI type(String slug) {
		return URI.create(TYPE_BASE + slug);
	}

	/**
	 * A path named a service the core does not know.
	 * @param key what the path said
	 * @return 404
	 */
	public static CoreProblem unknownService(String key) {
		return new CoreProblem(HttpStatus.NOT_FOUND, "unknown-service", "Unknown service",
				"There is no service '" + key + "'");
	}

	/**
	 * A token tried to act on another user's contracts or home.
	 * @param userId the user the request named
	 * @return 403
	 */
	public static CoreProblem foreignUser(long userId) {
		return new CoreProblem(HttpStatus.FORBIDDEN, "foreign-user", "Forbidden",
				"A token may only read, buy or cancel its own user's contracts, not user " + userId + "'s");
	}

	/**
	 * Access denied for another reason than the user.
	 * @param detail what was denied
	 * @return 403
	 */
	public static CoreProblem forbidden(String detail) {
		return new CoreProblem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail);
	}

	/**
	 * A missing, malformed, expired or otherwise unacceptable user token.
	 * @param detail why
	 * @return 401
	 */
	public static CoreProblem unauthorized(String detail) {
		return new CoreProblem(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detail);
	}

	/**
	 * A call to a product-service-only route without a valid product credential.
	 * @return 401
	 */
	public static CoreProblem invalidServiceToken() {
		return new CoreProblem(HttpStatus.UNAUTHORIZED, "invalid-service-token", "Unauthorized",
				"This endpoint is for product services: send your service credential as X-Service-Token.");
	}

	/**
	 * A request body that breaks the constraints of its fields.
	 * @param errors one entry per field, e.g. {@code user_id: must not be null}
	 * @return 400 with the entries as {@code errors}
	 */
	public static CoreProblem invalidRequest(List<String> errors) {
		CoreProblem problem = new CoreProblem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
				"Invalid request content: " + String.join(", ", errors));
		problem.getBody().setProperty("errors", errors);
		return problem;
	}

	/**
	 * A user id that is not a positive number.
	 * @param userId what was sent; may be {@code null}
	 * @return 400
	 */
	public static CoreProblem invalidUserId(Long userId) {
		return new CoreProblem(HttpStatus.BAD_REQUEST, "invalid-user-id", "Invalid user id",
				"user_id must be a positive number, not " + userId);
	}

	/**
	 * A contract call could not reach its product: breaker open, no answer in time or a
	 * server error.
	 * @param productKey the product
	 * @param retryAfter when to try again
	 * @return 503 with {@code Retry-After}
	 */
	public static CoreProblem productUnavailable(String productKey, Duration retryAfter) {
		CoreProblem problem = new CoreProblem(HttpStatus.SERVICE_UNAVAILABLE, "product-unavailable",
				"Service Temporarily Unavailable", "The " + productKey
						+ " service is temporarily unavailable; nothing was changed that we know of. Please try again shortly.");
		problem.getBody().setProperty("service", productKey);
		problem.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, retryAfter.toSeconds())));
		return problem;
	}

	/**
	 * A client asked more than its limit allows.
	 * @param detail which limit
	 * @param retryAfter when the limit allows the next request
	 * @return 429 with {@code Retry-After}
	 */
	public static CoreProblem rateLimited(String detail, Duration retryAfter) {
		CoreProblem problem = new CoreProblem(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too Many Requests",
				detail);
		problem.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, retryAfter.toSeconds())));
		return problem;
	}

	/**
	 * What Spring Security's firewall refuses: a {@code ;} or {@code ..} in the path, a
	 * method such as TRACE, a parameter name or value it does not accept.
	 * @return 400
	 */
	public static CoreProblem requestRejected() {
		return of(HttpStatus.BAD_REQUEST, "request-rejected", "Bad Request",
				"The request's path, method or parameters are not accepted");
	}

	/**
	 * A request body larger than the core accepts.
	 * @param limitBytes the limit
	 * @return 413
	 */
	public static CoreProblem requestTooLarge(long limitBytes) {
		return new CoreProblem(HttpStatus.PAYLOAD_TOO_LARGE, "request-too-large", "Request Too Large",
				"Request bodies may have at most " + limitBytes + " bytes");
	}

	/**
	 * Something the core did not expect; the detail never carries internals.
	 * @return 500
	 */
	public static CoreProblem internalError() {
		return new CoreProblem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal Server Error",
				"The core could not answer this request.");
	}

	/**
	 * Any other problem of a feature, with its own slug.
	 * @param status the status
	 * @param slug the type's last path segment
	 * @param title the summary
	 * @param detail the explanation for this occurrence
	 * @return the problem
	 */
	public static CoreProblem of(HttpStatus status, String slug, String title, String detail) {
		return new CoreProblem(status, slug, title, detail);
	}

}
