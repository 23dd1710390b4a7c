package de.check24.homewidgets.core.products;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A product's bulkhead: how many calls this replica may have in flight to it. A call
 * waits for a free place at most until its admission deadline, in arrival order, and is
 * turned away after it, so a crowd of cold users costs the product no more than it can
 * serve and costs no user more than the admission budget; the others keep their own
 * places, so one slow product never takes capacity from another.
 */
final class ProductCapacity {

	private final Semaphore places;

	ProductCapacity(Product product, int places, MeterRegistry meterRegistry) {
		this.places = new Semaphore(places, true);
		Gauge.builder("home.products.capacity.available", this.places, Semaphore::availablePermits)
			.description("Calls this replica may still start to the product right now")
			.tag("service", product.key())
			.register(meterRegistry);
		Gauge.builder("home.products.capacity.max", () -> places)
			.description("Calls this replica may have in flight to the product")
			.tag("service", product.key())
			.register(meterRegistry);
	}

	/**
	 * Takes a place for one call.
	 * @param deadlineNanos the {@link System#nanoTime()} after which the call gives up
	 * waiting
	 * @return whether the call may start; if so it must {@link #release()}
	 */
	boolean admit(long deadlineNanos) {
		try {
			return this.places.tryAcquire(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	void release() {
		this.places.release();
	}

	int available() {
		return this.places.availablePermits();
	}

}
