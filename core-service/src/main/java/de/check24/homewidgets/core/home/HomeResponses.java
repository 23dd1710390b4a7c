package de.check24.homewidgets.core.home;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import de.check24.homewidgets.core.viewer.Viewer;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The HTTP side of a home page: ETag on every answer, 304 when the client already has the
 * page, {@code no-cache} so clients revalidate, {@code private} for personal pages, and
 * {@code Retry-After} on a 503.
 */
class HomeResponses {

	private final String retryAfterSeconds;

	HomeResponses(Duration retryAfter) {
		this.retryAfterSeconds = String.valueOf(Math.max(1, retryAfter.toSeconds()));
	}

	ResponseEntity<byte[]> toResponse(RenderedPage page, Viewer viewer, String ifNoneMatch) {
		int status = status(page, ifNoneMatch);
		HttpHeaders headers = new HttpHeaders();
		headers.setETag(page.etag());
		headers.setCacheControl(cacheControl(viewer));
		headers.setVary(List.of(HttpHeaders.AUTHORIZATION));
		if (status == HttpStatus.NOT_MODIFIED.value()) {
			return new ResponseEntity<>(headers, HttpStatus.NOT_MODIFIED);
		}
		if (status == HttpStatus.SERVICE_UNAVAILABLE.value()) {
			headers.set(HttpHeaders.RETRY_AFTER, this.retryAfterSeconds);
		}
		headers.setContentType(MediaType.APPLICATION_JSON);
		return new ResponseEntity<>(page.body(), headers, HttpStatus.valueOf(status));
	}

	/**
	 * Writes the same answer as {@link #toResponse} straight to the servlet response,
	 * without a header map or a response entity: the fast path's way.
	 * @param page the page
	 * @param viewer whose page
	 * @param ifNoneMatch the client's {@code If-None-Match}
	 * @param response where to write
	 * @return the status written
	 * @throws IOException when the client is gone
	 */
	int write(RenderedPage page, Viewer viewer, String ifNoneMatch, HttpServletResponse response) throws IOException {
		int status = status(page, ifNoneMatch);
		response.setHeader(HttpHeaders.ETAG, page.etag());
		response.setHeader(HttpHeaders.CACHE_CONTROL, cacheControl(viewer));
		response.addHeader(HttpHeaders.VARY, HttpHeaders.AUTHORIZATION);
		response.setStatus(status);
		if (status == HttpStatus.NOT_MODIFIED.value()) {
			return status;
		}
		if (status == HttpStatus.SERVICE_UNAVAILABLE.value()) {
			response.setHeader(HttpHeaders.RETRY_AFTER, this.retryAfterSeconds);
		}
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		byte[] body = page.body();
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
		return status;
	}

	/** 304 when the client already has this page, else the page's own status. */
	private static int status(RenderedPage page, String ifNoneMatch) {
		return (page.status() == HttpStatus.OK.value() && matches(ifNoneMatch, page.etag()))
				? HttpStatus.NOT_MODIFIED.value() : page.status();
	}

	/** Clients revalidate every page; personal ones stay out of shared caches. */
	private static String cacheControl(Viewer viewer) {
		return viewer.isAnonymous() ? "no-cache" : "private, no-cache";
	}

	private static boolean matches(String ifNoneMatch, String etag) {
		if (ifNoneMatch == null) {
			return false;
		}
		for (String candidate : ifNoneMatch.split(",")) {
			String tag = candidate.trim();
			if (tag.startsWith("W/")) {
				tag = tag.substring(2);
			}
			if (tag.equals("*") || tag.equals(etag)) {
				return true;
			}
		}
		return false;
	}

}
