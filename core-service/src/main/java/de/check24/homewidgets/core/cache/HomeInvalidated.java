package de.check24.homewidgets.core.cache;

import java.time.Instant;

import de.check24.homewidgets.core.products.Product;
import de.check24.homewidgets.core.viewer.Viewer;

/**
 * Cached home content was invalidated. Published as a Spring application event on every
 * replica, once: on the replica that invalidated, and on every other one when the Redis
 * pub/sub message arrives. Listeners such as the near cache and the update streams react
 * to it.
 *
 * @param viewer whose home changed; {@code null} when every home changed (the anonymous
 * one and every user's)
 * @param service which section changed; {@code null} for all sections
 * @param reason free text from the caller, e.g. {@code contract_created}; may be
 * {@code null}
 * @param timestamp when the invalidation happened
 */
public record HomeInvalidated(Viewer viewer, Product service, String reason, Instant timestamp) {

	/**
	 * Whether this invalidation changes the given viewer's home.
	 * @param candidate a viewer
	 * @return {@code true} for the invalidated viewer, or for everyone
	 */
	public boolean concerns(Viewer candidate) {
		return this.viewer == null || this.viewer.equals(candidate);
	}

}
