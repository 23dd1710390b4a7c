package de.check24.homewidgets.core.cache;

/**
 * An invalidation that must reach Redis did not: the caller keeps the work (for instance
 * a Kafka consumer does not acknowledge the event) and tries again later.
 */
public class CacheUnavailable extends RuntimeException {

	CacheUnavailable(String message) {
		super(message, null, false, false);
	}

}
