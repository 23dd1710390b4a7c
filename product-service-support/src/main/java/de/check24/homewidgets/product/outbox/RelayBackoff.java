package de.check24.homewidgets.product.outbox;

import java.time.Duration;

/**
 * When the next relay pass runs: after the normal interval while Kafka takes messages,
 * and exponentially later (up to a ceiling) while it does not, so a broker outage costs
 * one attempt per pause instead of one every interval. Used by the relay's single thread
 * only.
 */
final class RelayBackoff {

	private final Duration interval;

	private final Duration initial;

	private final Duration max;

	private volatile int failures;

	RelayBackoff(Duration interval, Duration initial, Duration max) {
		this.interval = interval;
		this.initial = initial;
		this.max = max;
	}

	/**
	 * Records how a pass went.
	 * @param failed whether Kafka refused or timed out
	 * @return the pause before the next pass
	 */
	Duration after(boolean failed) {
		if (!failed) {
			this.failures = 0;
			return this.interval;
		}
		this.failures = Math.min(this.failures + 1, 31);
		Duration pause = this.initial.multipliedBy(1L << Math.min(this.failures - 1, 20));
		return (pause.compareTo(this.max) > 0) ? this.max : pause;
	}

	/**
	 * Whether the last pass failed. Commits do not start extra passes then: they would
	 * only hammer a broker that is down.
	 * @return {@code true} while backing off
	 */
	boolean isBackingOff() {
		return this.failures > 0;
	}

}
