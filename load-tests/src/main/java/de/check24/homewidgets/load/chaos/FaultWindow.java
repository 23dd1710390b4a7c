package de.check24.homewidgets.load.chaos;

/**
 * One fault as it happened, epoch milliseconds.
 *
 * @param name what was stopped, e.g. {@code redis}
 * @param stoppedAt when the stop was asked for
 * @param restartedAt when the start returned: the part serves again
 * @param recoveredAt the first fully fresh answer from both replicas; {@code -1} when
 * none came in time
 * @param endsAt where the fault's share of the run ends (the next fault's stop, or the
 * end of the run)
 */
record FaultWindow(String name, long stoppedAt, long restartedAt, long recoveredAt, long endsAt) {

	boolean recovered() {
		return this.recoveredAt >= 0;
	}

	/** From the restart to the first fully fresh answer. */
	long recoveryMillis() {
		return recovered() ? Math.max(0, this.recoveredAt - this.restartedAt) : -1;
	}

	boolean contains(long time) {
		return time >= this.stoppedAt && time < this.endsAt;
	}

	FaultWindow endingAt(long endsAt) {
		return new FaultWindow(this.name, this.stoppedAt, this.restartedAt, this.recoveredAt, endsAt);
	}

}
