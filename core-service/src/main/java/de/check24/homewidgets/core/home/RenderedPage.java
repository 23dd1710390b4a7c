package de.check24.homewidgets.core.home;

import java.time.Instant;

/**
 * A home page serialised once and served many times.
 *
 * @param body the JSON bytes
 * @param etag the strong entity tag of {@code body}, quoted
 * @param status 200, or 503 when no product section could be served
 * @param freshUntil when its first section turns stale; {@code null} when the page must
 * not be kept (it holds a fallback card)
 * @param stale whether it holds a stale section being refreshed
 */
record RenderedPage(byte[] body, String etag, int status, Instant freshUntil, boolean stale) {

	boolean keepable() {
		return this.freshUntil != null;
	}

}
