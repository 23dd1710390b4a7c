package de.check24.homewidgets.core.home;

import java.time.Duration;
import java.util.List;

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
		HttpHeaders headers = new HttpHeaders();
		headers.setETag(page.etag());
		headers.setCacheControl(viewer.isAnonymous() ? "no-cache" : "private, no-cache");
		headers.setVary(List.of(HttpHeaders.AUTHORIZATION));
		if (page.status() == HttpStatus.OK.value() && matches(ifNoneMatch, page.etag())) {
			return new ResponseEntity<>(headers, HttpStatus.NOT_MODIFIED);
		}
		if (page.status() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
			headers.set(HttpHeaders.RETRY_AFTER, this.retryAfterSeconds);
		}
		headers.setContentType(MediaType.APPLICATION_JSON);
		return new ResponseEntity<>(page.body(), headers, HttpStatus.valueOf(page.status()));
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
