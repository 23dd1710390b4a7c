package de.check24.homewidgets.core.products;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import de.check24.homewidgets.core.support.TestProducts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The learnt concurrency limit, driven by a simulated product: latencies are handed to
 * {@link ProductCapacity#release(long)} as the product would have answered.
 */
class ProductCapacityTests {

	private static final long MILLIS = TimeUnit.MILLISECONDS.toNanos(1);

	private final SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();

	@Test
	void settlesNearTheConcurrencyAtWhichTheProductStartsQueueing() {
		ProductCapacity capacity = new ProductCapacity(TestProducts.CAR_INSURANCE, 1, 32, this.meterRegistry);
		// 10 ms up to six calls at a time; beyond, every call waits for the ones before
		// it
		List<Integer> limits = new ArrayList<>();
		for (int round = 0; round < 400; round++) {
			int admitted = admitAllAtOnce(capacity, 40);
			long latency = (admitted <= 6) ? 10 * MILLIS : 10 * MILLIS * admitted / 3;
			for (int i = 0; i < admitted; i++) {
				capacity.release(latency);
			}
			limits.add(capacity.limit());
		}
		List<Integer> settled = limits.subList(200, 400);
		assertThat(settled).allSatisfy((limit) -> assertThat(limit).isBetween(1, 8));
		assertThat(settled).anySatisfy((limit) -> assertThat(limit).isGreaterThanOrEqualTo(5));
	}

	@Test
	void growsToItsMaximumWhileTheProductKeepsUp() {
		ProductCapacity capacity = new ProductCapacity(TestProducts.CAR_INSURANCE, 2, 32, this.meterRegistry);
		assertThat(capacity.limit()).isEqualTo(4); // a slow start

		for (int round = 0; round < 400; round++) {
			int admitted = admitAllAtOnce(capacity, 64);
			for (int i = 0; i < admitted; i++) {
				capacity.release(10 * MILLIS);
			}
		}

		assertThat(capacity.limit()).isEqualTo(32);
		assertThat(gauge("home.products.capacity.limit")).isEqualTo(32);
		assertThat(gauge("home.products.capacity.in.flight")).isZero();
	}

	@Test
	void doesNotGrowWhileThePlacesItHasAreNotAllUsed() {
		ProductCapacity capacity = new ProductCapacity(TestProducts.CAR_INSURANCE, 2, 32, this.meterRegistry);

		for (int call = 0; call < 1000; call++) {
			assertThat(capacity.admit(System.nanoTime())).isTrue();
			capacity.release(10 * MILLIS);
		}

		assertThat(capacity.limit()).isEqualTo(4);
	}

	@Test
	void keepsAFixedLimitWhenTheMinimumIsTheMaximum() {
		ProductCapacity capacity = new ProductCapacity(TestProducts.CAR_INSURANCE, 8, 8, this.meterRegistry);

		for (int round = 0; round < 100; round++) {
			int admitted = admitAllAtOnce(capacity, 20);
			assertThat(admitted).isEqualTo(8);
			for (int i = 0; i < admitted; i++) {
				capacity.release((round % 2 == 0) ? MILLIS : 500 * MILLIS);
			}
		}

		assertThat(capacity.limit()).isEqualTo(8);
	}

	@Test
	void aCallerWaitsForAPlaceThatFreesWithinItsBudget() throws Exception {
		ProductCapacity capacity = new ProductCapacity(TestProducts.CAR_INSURANCE, 1, 1, this.meterRegistry);
		assertThat(capacity.admit(System.nanoTime())).isTrue();

		CompletableFuture<Boolean> waiting = CompletableFuture
			.supplyAsync(() -> capacity.admit(System.nanoTime() + Duration.ofSeconds(10).toNanos()));
		await().until(() -> capacity.waiting() == 1);
		assertThat(waiting).isNotDone();
		capacity.release(MILLIS);

		assertThat(waiting.get(5, TimeUnit.SECONDS)).isTrue();
		assertThat(capacity.inFlight()).isEqualTo(1);
	}

	@Test
	void workNobodyWaitsOnTakesOnlyPlacesNoRequestWants() throws Exception {
		ProductCapacity capacity = new ProductCapacity(TestProducts.CAR_INSURANCE, 1, 1, this.meterRegistry);
		assertThat(capacity.admit(System.nanoTime())).isTrue();
		CompletableFuture<Boolean> personalHome = CompletableFuture
			.supplyAsync(() -> capacity.admitSpare(System.nanoTime() + Duration.ofSeconds(10).toNanos()));
		await().until(() -> capacity.waitingForSpare() == 1);
		CompletableFuture<Boolean> request = CompletableFuture
			.supplyAsync(() -> capacity.admit(System.nanoTime() + Duration.ofSeconds(10).toNanos()));
		await().until(() -> capacity.waiting() == 1);

		capacity.release(MILLIS);
		// the request came later but goes first
		assertThat(request.get(5, TimeUnit.SECONDS)).isTrue();
		assertThat(personalHome).isNotDone();

		capacity.release(MILLIS);
		assertThat(personalHome.get(5, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void turnsACallerAwayAtOnceWhenTheCallsAheadWouldOutlastItsBudget() {
		ProductCapacity capacity = new ProductCapacity(TestProducts.CAR_INSURANCE, 1, 1, this.meterRegistry);
		for (int call = 0; call < ProductCapacity.WINDOW; call++) {
			assertThat(capacity.admit(System.nanoTime())).isTrue();
			capacity.release(Duration.ofSeconds(20).toNanos()); // the product takes 20 s
																// a call
		}
		assertThat(capacity.admit(System.nanoTime())).isTrue();

		long started = System.nanoTime();
		boolean admitted = capacity.admit(started + Duration.ofSeconds(5).toNanos());

		assertThat(admitted).isFalse();
		// not after waiting out its 5 s: a place could not have freed in time
		assertThat(System.nanoTime() - started).isLessThan(Duration.ofSeconds(4).toNanos());
	}

	// a crowd arriving together: as many get a place as there are free ones
	private static int admitAllAtOnce(ProductCapacity capacity, int callers) {
		int admitted = 0;
		for (int i = 0; i < callers; i++) {
			if (capacity.admit(System.nanoTime())) {
				admitted++;
			}
		}
		return admitted;
	}

	private double gauge(String name) {
		return this.meterRegistry.get(name).tag("service", "car-insurance").gauge().value();
	}

}
