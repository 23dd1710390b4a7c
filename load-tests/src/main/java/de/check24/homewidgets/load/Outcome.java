package de.check24.homewidgets.load;

import java.util.Locale;

/**
 * What one answer (or the lack of one) means for the platform's promise, as the chaos run
 * judges it. A degradation is designed when the concept or the core's contract describes
 * it; a 500 never is, nor is a connection error through the load balancer.
 */
public enum Outcome {

	/** A full answer: 2xx or 304, no fallback card. */
	OK,

	/** A home with the fallback card in at least one section (product down). */
	FALLBACK_SECTION,

	/**
	 * A designed 503 with {@code Retry-After}: the home when no product can be served, a
	 * contract call whose product is unavailable.
	 */
	DESIGNED_503,

	/**
	 * 429: the load test itself went over a rate limit; its own fault, not the
	 * platform's.
	 */
	RATE_LIMITED,

	/** Another 4xx, e.g. a 409 for an offer bought twice. */
	CLIENT_ERROR,

	/** Any other 5xx. */
	UNDESIGNED_5XX,

	/** No answer at all: refused, reset or timed out through the load balancer. */
	CONNECTION_ERROR;

	/**
	 * Judges an answer.
	 * @param method the request method
	 * @param path the request path without query
	 * @param status the status code, 0 when no answer arrived
	 * @param retryAfter the {@code Retry-After} header; may be {@code null}
	 * @param body the body; may be {@code null}
	 * @return the outcome
	 */
	public static Outcome of(String method, String path, int status, String retryAfter, String body) {
		if (status == 0) {
			return CONNECTION_ERROR;
		}
		String text = (body != null) ? body : "";
		if (status < 400) {
			return isHome(method, path) && text.contains(FALLBACK_WIDGET_ID) ? FALLBACK_SECTION : OK;
		}
		if (status == 429) {
			return RATE_LIMITED;
		}
		if (status < 500) {
			return CLIENT_ERROR;
		}
		boolean retryLater = retryAfter != null && !retryAfter.isBlank();
		if (status == 503 && retryLater && isHome(method, path) && text.contains(FALLBACK_WIDGET_ID)) {
			return DESIGNED_503; // every product down: the home of fallback cards
		}
		if (status == 503 && retryLater && isContract(path) && text.contains(PRODUCT_UNAVAILABLE)) {
			return DESIGNED_503; // the product of this contract call is down: nothing
									// changed
		}
		return UNDESIGNED_5XX;
	}

	/** The core's fallback card's widget id. */
	public static final String FALLBACK_WIDGET_ID = "fallback_error_card";

	/** The problem type of a contract call whose product is unavailable. */
	static final String PRODUCT_UNAVAILABLE = "/problems/product-unavailable";

	/** Whether this outcome breaks the platform's promise. */
	public boolean undesigned() {
		return this == UNDESIGNED_5XX || this == CONNECTION_ERROR;
	}

	/** Whether this outcome is a designed degradation. */
	public boolean degraded() {
		return this == FALLBACK_SECTION || this == DESIGNED_503;
	}

	/** For the journal and reports. */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	private static boolean isHome(String method, String path) {
		return "GET".equals(method) && "/home".equals(path);
	}

	private static boolean isContract(String path) {
		return path.startsWith("/widget/") && path.contains("/contract");
	}

}
