package de.check24.homewidgets.core.products;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A product's bulkhead: how many calls this replica may have in flight to it, a limit
 * learnt from the product's own latency. Every window of calls it compares their average
 * latency with the product's unloaded latency (the best window lately): well above it,
 * the product is queueing and the limit shrinks; otherwise, if the calls used every
 * place, it grows by one, never outside {@code [min, max]} ({@code min == max} fixes it).
 * So a crowd of cold users costs the product only what it can serve without slowing down.
 * <p>
 * A call waits for a place in arrival order until its admission deadline, and is turned
 * away at once when the callers ahead of it would not leave it a place by then. Work
 * nobody waits on (personal homes after a stampede) takes only places no request wants.
 * The other products keep their own places, so one slow product never takes capacity from
 * another.
 */
final class ProductCapacity {

	/** Calls per window of learning. */
	static final int WINDOW = 20;

	// a window this much slower than the unloaded latency means the product is queueing
	private static final double TOLERANCE = 2.0;

	private static final double BACKOFF = 0.8;

	// the unloaded latency creeps up by this share per window, so that a product that
	// became slower for good is not held to its old best for ever
	private static final double DRIFT = 0.005;

	private final ReentrantLock lock = new ReentrantLock(true);

	private final Condition placeFreed = this.lock.newCondition();

	private final Condition sparePlaceFreed = this.lock.newCondition();

	private final int min;

	private final int max;

	private double limit;

	private int inFlight;

	private int waiting;

	private int waitingForSpare;

	private int busiest;

	private long windowNanos;

	private int windowCalls;

	private double unloadedNanos;

	private double recentNanos;

	ProductCapacity(Product product, int min, int max, MeterRegistry meterRegistry) {
		if (min < 1 || max < min) {
			throw new IllegalArgumentException(
					"Concurrency limits must satisfy 1 <= min <= max, not " + min + ", " + max);
		}
		this.min = min;
		this.max = max;
		this.limit = Math.max(min, Math.min(max, 4)); // a slow start: grown once the
														// product shows it keeps up
		Gauge.builder("home.products.capacity.available", this, ProductCapacity::available)
			.description("Calls this replica may still start to the product right now")
			.tag("service", product.key())
			.register(meterRegistry);
		Gauge.builder("home.products.capacity.in.flight", this, ProductCapacity::inFlight)
			.description("Calls this replica has in flight to the product")
			.tag("service", product.key())
			.register(meterRegistry);
		Gauge.builder("home.products.capacity.limit", this, ProductCapacity::limit)
			.description("Calls this replica may have in flight to the product, as learnt from its latency")
			.tag("service", product.key())
			.register(meterRegistry);
		Gauge.builder("home.products.capacity.max", () -> max)
			.description("The most calls this replica may ever have in flight to the product")
			.tag("service", product.key())
			.register(meterRegistry);
	}

	/**
	 * Takes a place for a call a request waits on.
	 * @param deadlineNanos the {@link System#nanoTime()} after which the call gives up
	 * waiting
	 * @return whether the call may start; if so it must {@link #release(long)}
	 */
	boolean admit(long deadlineNanos) {
		return admit(deadlineNanos, false);
	}

	/**
	 * Takes a place for work nobody waits on, once no request wants it: requests waiting
	 * for a place always go first.
	 * @param deadlineNanos the {@link System#nanoTime()} after which the call gives up
	 * waiting
	 * @return whether the call may start; if so it must {@link #release(long)}
	 */
	boolean admitSpare(long deadlineNanos) {
		return admit(deadlineNanos, true);
	}

	private boolean admit(long deadlineNanos, boolean spare) {
		this.lock.lock();
		try {
			if (this.inFlight < places() && this.waiting == 0 && (!spare || this.waitingForSpare == 0)) {
				take();
				return true;
			}
			long remaining = deadlineNanos - System.nanoTime();
			if (remaining <= 0 || expectedWait(spare) > remaining) {
				return false; // at once: waiting could only end in the same answer, later
			}
			return spare ? awaitSparePlace(remaining) : awaitPlace(remaining);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		finally {
			this.lock.unlock();
		}
	}

	private boolean awaitPlace(long remaining) throws InterruptedException {
		this.waiting++;
		try {
			while (this.inFlight >= places()) {
				if (remaining <= 0) {
					return false;
				}
				remaining = this.placeFreed.awaitNanos(remaining);
			}
			take();
			return true;
		}
		finally {
			this.waiting--;
			if (this.waiting == 0) {
				this.sparePlaceFreed.signalAll(); // the spare work may be next now
			}
		}
	}

	private boolean awaitSparePlace(long remaining) throws InterruptedException {
		this.waitingForSpare++;
		try {
			while (this.inFlight >= places() || this.waiting > 0) {
				if (remaining <= 0) {
					return false;
				}
				remaining = this.sparePlaceFreed.awaitNanos(remaining);
			}
			take();
			return true;
		}
		finally {
			this.waitingForSpare--;
		}
	}

	/**
	 * Gives a place back.
	 * @param latencyNanos how long the product took to answer, to learn from; negative
	 * when the call says nothing about the product's load (it was never sent, or failed
	 * at once)
	 */
	void release(long latencyNanos) {
		this.lock.lock();
		try {
			this.inFlight--;
			if (latencyNanos >= 0) {
				learn(latencyNanos);
			}
			if (this.waiting > 0) {
				this.placeFreed.signalAll();
			}
			else {
				this.sparePlaceFreed.signalAll();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	int available() {
		return read(() -> Math.max(0, places() - this.inFlight));
	}

	int inFlight() {
		return read(() -> this.inFlight);
	}

	int waiting() {
		return read(() -> this.waiting);
	}

	int waitingForSpare() {
		return read(() -> this.waitingForSpare);
	}

	int limit() {
		return read(() -> places());
	}

	private int read(IntSupplier value) {
		this.lock.lock();
		try {
			return value.getAsInt();
		}
		finally {
			this.lock.unlock();
		}
	}

	private int places() {
		return (int) this.limit;
	}

	private void take() {
		this.inFlight++;
		this.busiest = Math.max(this.busiest, this.inFlight);
	}

	// the callers ahead of this one, each holding a place for about the recent latency
	private double expectedWait(boolean spare) {
		int ahead = this.waiting + (spare ? this.waitingForSpare : 0);
		return (ahead + 1) * this.recentNanos / places();
	}

	private void learn(long latencyNanos) {
		this.windowNanos += latencyNanos;
		this.windowCalls++;
		if (this.windowCalls < WINDOW) {
			return;
		}
		double average = (double) this.windowNanos / this.windowCalls;
		this.unloadedNanos = (this.unloadedNanos == 0) ? average : Math.min(average, this.unloadedNanos * (1 + DRIFT));
		this.recentNanos = average;
		if (average > TOLERANCE * this.unloadedNanos) {
			this.limit = Math.max(this.min, this.limit * BACKOFF);
		}
		else if (this.busiest >= places()) {
			this.limit = Math.min(this.max, places() + 1);
		}
		this.windowNanos = 0;
		this.windowCalls = 0;
		this.busiest = this.inFlight;
	}

	@Override
	public String toString() {
		return "ProductCapacity[limit=" + limit() + ", inFlight=" + inFlight() + "]";
	}

}
