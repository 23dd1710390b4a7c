package de.check24.homewidgets.core.stream;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import de.check24.homewidgets.core.viewer.Viewer;

/** How many streams each user has open on this replica, up to a limit. */
final class OpenStreams {

	private final ConcurrentMap<Viewer, Integer> open = new ConcurrentHashMap<>();

	private final int limit;

	OpenStreams(int limit) {
		this.limit = limit;
	}

	/**
	 * Counts a new stream of a user, if the user has fewer than the limit open.
	 * @param viewer the user
	 * @return whether the stream may open
	 */
	boolean tryOpen(Viewer viewer) {
		boolean[] opened = new boolean[1];
		this.open.compute(viewer, (who, count) -> {
			int current = (count != null) ? count : 0;
			opened[0] = current < this.limit;
			return opened[0] ? current + 1 : current;
		});
		return opened[0];
	}

	void close(Viewer viewer) {
		this.open.computeIfPresent(viewer, (who, count) -> (count > 1) ? count - 1 : null);
	}

}
