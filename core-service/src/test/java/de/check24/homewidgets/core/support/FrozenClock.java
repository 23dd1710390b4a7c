package de.check24.homewidgets.core.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a unit test moves it, so that lifetimes can be checked
 * to the millisecond however slow the machine is.
 */
public final class FrozenClock extends Clock {

	private final AtomicReference<Instant> now;

	public FrozenClock(Instant now) {
		this.now = new AtomicReference<>(now);
	}

	/**
	 * A frozen clock at a whole second, so that JWT timestamps (seconds) equal it.
	 * @return the clock
	 */
	public static FrozenClock atAWholeSecond() {
		return new FrozenClock(Instant.parse("2026-11-28T10:00:00Z"));
	}

	public void advance(Duration duration) {
		this.now.updateAndGet((current) -> current.plus(duration));
	}

	@Override
	public Instant instant() {
		return this.now.get();
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

}
