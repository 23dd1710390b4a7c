package de.check24.homewidgets.core.cache;

/** Where a cached section stands in its life. */
enum Freshness {

	/** Within its TTL: serve it. */
	FRESH,

	/**
	 * Past its TTL but within the grace window: serve it and refresh in the background.
	 */
	STALE,

	/** Past the grace window: fetch again, serve it only if the product fails. */
	EXPIRED

}
