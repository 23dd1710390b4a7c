package de.check24.homewidgets.core.cache;

import java.time.Instant;

/**
 * A home page serialised once and served many times.
 *
 * @param body the JSON bytes
 * @param etag the strong entity tag of {@code body}, quoted
 * @param status 200, or 503 when no product section could be served
 * @param freshUntil when its first section turns stale; {@code null} when the page holds
 * a fallback section and must not be kept
 * @param stale whether it holds a stale section being refreshed
 */
public record RenderedPage(byte[] body, String etag, int status, Instant freshUntil, boolean stale) {

	boolean cacheable() {
		return this.freshUntil != null;
	}

}
