package de.check24.homewidgets.core.cache;

import de.check24.homewidgets.core.viewer.Viewer;

/**
 * The Redis names of the home cache. Every key of one home carries the same hash tag
 * ({@code {user:123}}), so a home's hash and its refresh lock live in one Redis Cluster
 * slot and every script touches one slot.
 */
final class HomeKeys {

	static final String PREFIX = "sdui:home_page:v1:";

	/** The pub/sub channel invalidations travel between core replicas on. */
	static final String CHANNEL = PREFIX + "invalidations";

	/**
	 * The capped stream of the channel's messages, for replicas that were not subscribed.
	 */
	static final String LOG = PREFIX + "invalidation_log";

	/** Where section contents live, once each, by digest. */
	static final String SECTION_PREFIX = "sdui:section:v1:";

	/** Matches every user's home hash, not the locks. */
	static final String USER_HOMES = PREFIX + "{user:*}";

	private HomeKeys() {
	}

	/**
	 * The hash of a home.
	 * @param viewer whose home
	 * @return e.g. {@code sdui:home_page:v1:{user:123}}
	 */
	static String home(Viewer viewer) {
		return PREFIX + tag(viewer);
	}

	/**
	 * The background refresh lock of a home, in the same slot as the home.
	 * @param viewer whose home
	 * @return e.g. {@code sdui:home_page:v1:{user:123}:lock}
	 */
	static String lock(Viewer viewer) {
		return home(viewer) + ":lock";
	}

	/**
	 * The blob of a section's widgets.
	 * @param digest the digest of their JSON
	 * @return e.g. {@code sdui:section:v1:{Qx3...}}
	 */
	static String section(String digest) {
		return SECTION_PREFIX + "{" + digest + "}";
	}

	static String digestOf(String sectionKey) {
		return sectionKey.substring(SECTION_PREFIX.length() + 1, sectionKey.length() - 1);
	}

	private static String tag(Viewer viewer) {
		return viewer.isAnonymous() ? "{anonymous}" : "{user:" + viewer.userId() + "}";
	}

}
