package de.check24.homewidgets.core.home;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.LongStream;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import de.check24.homewidgets.core.cache.HomeInvalidated;
import de.check24.homewidgets.core.cache.HomeRefreshed;
import de.check24.homewidgets.core.cache.InvalidationsMissed;
import de.check24.homewidgets.core.support.FrozenClock;
import de.check24.homewidgets.core.viewer.Viewer;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class NearCacheTests {

	private static final Viewer ALICE = Viewer.user(1);

	private static final Viewer BOB = Viewer.user(2);

	private static final Duration MAX_AGE = Duration.ofSeconds(30);

	private static final Duration STALE_MAX_AGE = Duration.ofSeconds(1);

	private final FrozenClock clock = FrozenClock.atAWholeSecond();

	private final MeterRegistry meterRegistry = new SimpleMeterRegistry();

	private final List<Runnable> refreshes = new CopyOnWriteArrayList<>();

	private final NearCache cache = nearCache(DataSize.ofMegabytes(1));

	private final ExecutorService requests = Executors.newCachedThreadPool();

	private final AtomicInteger loads = new AtomicInteger();

	@AfterEach
	void stopRequests() {
		this.requests.shutdownNow();
	}

	@Nested
	class Lookups {

		@Test
		void servesAKeptPageFromMemoryAndCountsAHit() {
			RenderedPage page = fresh("alice's home");
			cache.load(ALICE, loader(page));

			assertThat(cache.get(ALICE)).isSameAs(page);
			assertThat(lookups("hit")).isEqualTo(1);
			assertThat(lookups("miss")).isZero();
		}

		@Test
		void missesAHomeItDoesNotHoldAndCountsTheMiss() {
			assertThat(cache.get(ALICE)).isNull();
			assertThat(lookups("miss")).isEqualTo(1);
		}

		@Test
		void peeksWithoutCountingAMiss() {
			assertThat(cache.peek(ALICE)).isNull();
			assertThat(lookups("miss")).isZero();
		}

		@Test
		void keepsEachViewersPageApart() {
			cache.load(ALICE, loader(fresh("alice's home")));
			cache.load(BOB, loader(fresh("bob's home")));

			assertThat(body(cache.get(ALICE))).isEqualTo("alice's home");
			assertThat(body(cache.get(BOB))).isEqualTo("bob's home");
			assertThat(cache.get(Viewer.ANONYMOUS)).isNull();
		}

	}

	@Nested
	class Loads {

		@Test
		void coalescesConcurrentLoadsOfOneHomeIntoOneLoad() throws Exception {
			RenderedPage page = fresh("alice's home");
			HeldLoader held = new HeldLoader(page);
			CompletableFuture<RenderedPage> first = request(() -> cache.load(ALICE, held));
			held.awaitStarted();
			CompletableFuture<RenderedPage> second = request(() -> cache.load(ALICE, loader(page)));
			CompletableFuture<RenderedPage> third = request(() -> cache.load(ALICE, loader(page)));
			await().until(() -> lookups("coalesced") == 2);

			held.finish();

			assertThat(answer(first)).isSameAs(page);
			assertThat(answer(second)).isSameAs(page);
			assertThat(answer(third)).isSameAs(page);
			assertThat(held.calls()).isEqualTo(1);
			assertThat(loads).hasValue(0);
			assertThat(cache.peek(ALICE)).isSameAs(page);
		}

		@Test
		void passesAFailedLoadToEveryCallerWaitingForItAndKeepsNothing() throws Exception {
			HeldLoader held = new HeldLoader(null);
			CompletableFuture<RenderedPage> first = request(() -> cache.load(ALICE, held));
			held.awaitStarted();
			CompletableFuture<RenderedPage> second = request(() -> cache.load(ALICE, loader(fresh("never loaded"))));
			await().until(() -> lookups("coalesced") == 1);

			held.fail(new IllegalStateException("Redis and the products failed"));

			assertThat(first).failsWithin(Duration.ofSeconds(10))
				.withThrowableThat()
				.withRootCauseInstanceOf(IllegalStateException.class);
			assertThat(second).failsWithin(Duration.ofSeconds(10))
				.withThrowableThat()
				.withRootCauseInstanceOf(IllegalStateException.class);
			assertThat(cache.peek(ALICE)).isNull();
			assertThat(cache.load(ALICE, loader(fresh("alice's home")))).isNotNull();
			assertThat(loads).hasValue(1);
		}

		@Test
		void aLoadOvertakenByAnInvalidationOfTheSameHomeIsServedToItsCallersButNotKept() throws Exception {
			RenderedPage beforePurchase = fresh("alice's home before her purchase");
			HeldLoader held = new HeldLoader(beforePurchase);
			CompletableFuture<RenderedPage> first = request(() -> cache.load(ALICE, held));
			held.awaitStarted();
			CompletableFuture<RenderedPage> second = request(() -> cache.load(ALICE, loader(beforePurchase)));
			await().until(() -> lookups("coalesced") == 1);

			cache.on(invalidated(ALICE));
			held.finish();

			assertThat(answer(first)).isSameAs(beforePurchase);
			assertThat(answer(second)).isSameAs(beforePurchase);
			assertThat(cache.peek(ALICE)).isNull();
		}

		@Test
		void aLoadStartedAfterTheInvalidationDoesNotWaitForTheOvertakenOne() throws Exception {
			HeldLoader held = new HeldLoader(fresh("alice's home before her purchase"));
			CompletableFuture<RenderedPage> overtaken = request(() -> cache.load(ALICE, held));
			held.awaitStarted();
			cache.on(invalidated(ALICE));

			RenderedPage afterPurchase = fresh("alice's home after her purchase");
			assertThat(cache.load(ALICE, loader(afterPurchase))).isSameAs(afterPurchase);
			assertThat(lookups("coalesced")).isZero();

			held.finish();
			answer(overtaken);
			assertThat(cache.peek(ALICE))
				.as("the page loaded after the invalidation, not displaced by the overtaken load")
				.isSameAs(afterPurchase);
		}

		@Test
		void anInvalidationOfAnotherHomeDoesNotDiscardALoadInFlight() throws Exception {
			RenderedPage page = fresh("alice's home");
			HeldLoader held = new HeldLoader(page);
			CompletableFuture<RenderedPage> load = request(() -> cache.load(ALICE, held));
			held.awaitStarted();

			cache.on(invalidated(BOB));
			held.finish();

			assertThat(answer(load)).isSameAs(page);
			assertThat(cache.peek(ALICE)).isSameAs(page);
		}

		@Test
		void anInvalidationOfEveryHomeDiscardsEveryLoadInFlight() throws Exception {
			HeldLoader held = new HeldLoader(fresh("alice's home"));
			CompletableFuture<RenderedPage> load = request(() -> cache.load(ALICE, held));
			held.awaitStarted();

			cache.on(invalidated(null));
			held.finish();

			assertThat(answer(load)).isNotNull();
			assertThat(cache.peek(ALICE)).isNull();
		}

	}

	@Nested
	class Forgetting {

		@Test
		void anInvalidationForgetsThatHomeOnly() {
			cache.load(ALICE, loader(fresh("alice's home")));
			cache.load(BOB, loader(fresh("bob's home")));

			cache.on(invalidated(ALICE));

			assertThat(cache.peek(ALICE)).isNull();
			assertThat(cache.peek(BOB)).isNotNull();
		}

		@Test
		void anInvalidationOfEveryHomeForgetsEveryPage() {
			cache.load(ALICE, loader(fresh("alice's home")));
			cache.load(Viewer.ANONYMOUS, loader(fresh("the generic home")));

			cache.on(invalidated(null));

			assertThat(cache.peek(ALICE)).isNull();
			assertThat(cache.peek(Viewer.ANONYMOUS)).isNull();
		}

		@Test
		void forgetsARefreshedHome() {
			cache.load(ALICE, loader(stale("alice's home, one section stale")));

			cache.on(new HomeRefreshed(ALICE));

			assertThat(cache.peek(ALICE)).isNull();
		}

		@Test
		void dropsEveryPageAndEveryLoadInFlightWhenInvalidationsMayHaveBeenMissed() throws Exception {
			cache.load(BOB, loader(fresh("bob's home")));
			cache.load(Viewer.ANONYMOUS, loader(fresh("the generic home")));
			HeldLoader held = new HeldLoader(fresh("alice's home"));
			CompletableFuture<RenderedPage> load = request(() -> cache.load(ALICE, held));
			held.awaitStarted();

			cache.on(new InvalidationsMissed());
			held.finish();
			answer(load);

			assertThat(cache.peek(ALICE)).isNull();
			assertThat(cache.peek(BOB)).isNull();
			assertThat(cache.peek(Viewer.ANONYMOUS)).isNull();
		}

	}

	@Nested
	class Lifetimes {

		@Test
		void keepsAPageUntilItsFirstSectionTurnsStale() {
			Instant freshUntil = clock.instant().plusSeconds(10);
			cache.load(ALICE, loader(page("alice's home", freshUntil, false)));

			clock.advance(Duration.ofSeconds(10).minusMillis(1));
			assertThat(cache.peek(ALICE)).isNotNull();
			clock.advance(Duration.ofMillis(1));
			assertThat(cache.peek(ALICE)).isNull();
		}

		@Test
		void keepsAPageNoLongerThanTheMaximumAgeHoweverLongItsSectionsAreFresh() {
			cache.load(ALICE, loader(fresh("alice's home")));

			clock.advance(MAX_AGE.minusMillis(1));
			assertThat(cache.peek(ALICE)).isNotNull();
			clock.advance(Duration.ofMillis(1));
			assertThat(cache.peek(ALICE)).isNull();
		}

		@Test
		void keepsAPageWithStaleSectionsOnlyForTheStaleMaximumAge() {
			cache.load(ALICE, loader(stale("alice's home, one section stale")));

			clock.advance(STALE_MAX_AGE.minusMillis(1));
			assertThat(cache.peek(ALICE)).isNotNull();
			clock.advance(Duration.ofMillis(1));
			assertThat(cache.peek(ALICE)).isNull();
		}

		@Test
		void neverKeepsAPageHoldingAFallbackCard() {
			RenderedPage withFallback = page("alice's home with a fallback card", null, false);

			assertThat(cache.load(ALICE, loader(withFallback))).isSameAs(withFallback);
			assertThat(cache.peek(ALICE)).isNull();
			cache.load(ALICE, loader(withFallback));
			assertThat(loads).hasValue(2);
		}

	}

	@Nested
	class BackgroundReloads {

		@Test
		void servesAPageAskedForLateInItsLifeAndReloadsItInTheBackground() {
			NearCache reloading = nearCache(DataSize.ofMegabytes(1), Runnable::run);
			AtomicReference<RenderedPage> current = new AtomicReference<>(fresh("alice's home"));
			reloading.load(ALICE, (viewer) -> current.get());
			current.set(fresh("alice's home, changed in Redis"));

			clock.advance(MAX_AGE.multipliedBy(3).dividedBy(4));

			assertThat(body(reloading.peek(ALICE))).isEqualTo("alice's home");
			assertThat(body(reloading.peek(ALICE))).isEqualTo("alice's home, changed in Redis");
			assertThat(meterRegistry.counter("home.cache.near.refreshes").count()).isEqualTo(1);
			// kept for a whole maximum age from its reload
			clock.advance(MAX_AGE.minusMillis(1));
			assertThat(reloading.peek(ALICE)).isNotNull();
		}

		@Test
		void reloadsAPageOnceHoweverManyRequestsFindItLateInItsLife() {
			cache.load(ALICE, loader(fresh("alice's home")));
			clock.advance(MAX_AGE.multipliedBy(3).dividedBy(4));

			for (int request = 0; request < 5; request++) {
				assertThat(cache.peek(ALICE)).isNotNull();
			}

			assertThat(refreshes).hasSize(1);
			refreshes.get(0).run();
			assertThat(loads).hasValue(2);
		}

		@Test
		void spreadsTheReloadsOfPagesKeptTogetherOverAQuarterOfTheMaximumAge() {
			List<Viewer> viewers = LongStream.rangeClosed(1, 200).mapToObj(Viewer::user).toList();
			viewers.forEach((viewer) -> cache.load(viewer, loader(fresh("a home"))));

			clock.advance(MAX_AGE.dividedBy(2).minusMillis(1));
			viewers.forEach(cache::peek);
			assertThat(refreshes).isEmpty();
			// at five eighths: about half of them, not all at the same moment
			clock.advance(MAX_AGE.dividedBy(8));
			viewers.forEach(cache::peek);
			assertThat(refreshes).hasSizeBetween(50, 150);
			clock.advance(MAX_AGE.dividedBy(8).plusMillis(1));
			viewers.forEach(cache::peek);
			assertThat(refreshes).hasSize(viewers.size());
		}

		@Test
		void leavesAPageToExpireWhenItsReloadIsRefused() {
			NearCache refusing = nearCache(DataSize.ofMegabytes(1), (task) -> {
				throw new RejectedExecutionException("queue full");
			});
			refusing.load(ALICE, loader(fresh("alice's home")));
			clock.advance(MAX_AGE.multipliedBy(3).dividedBy(4));

			assertThat(refusing.peek(ALICE)).isNotNull();
			clock.advance(MAX_AGE.dividedBy(4));
			assertThat(refusing.peek(ALICE)).isNull();
			assertThat(loads).hasValue(1);
		}

	}

	@Nested
	class Bound {

		@Test
		void staysWithinItsBytesHoweverManyViewersItServes() {
			DataSize maxSize = DataSize.ofKilobytes(64);
			NearCache bounded = nearCache(maxSize);
			String body = "x".repeat(4096);

			for (long userId = 1; userId <= 100; userId++) {
				bounded.load(Viewer.user(userId), loader(fresh(body)));
			}

			assertThat(bounded.weightInBytes()).isPositive().isLessThanOrEqualTo(maxSize.toBytes());
			long kept = 0;
			for (long userId = 1; userId <= 100; userId++) {
				kept += (bounded.peek(Viewer.user(userId)) != null) ? 1 : 0;
			}
			assertThat(kept).isPositive().isLessThanOrEqualTo(maxSize.toBytes() / body.length());
		}

	}

	private NearCache nearCache(DataSize maxSize) {
		// background reloads held until a test runs them
		return nearCache(maxSize, this.refreshes::add);
	}

	private NearCache nearCache(DataSize maxSize, Executor refresher) {
		// Caffeine's maintenance on the calling thread: evicted once a load returns
		return new NearCache(new HomeProperties.Near(MAX_AGE, STALE_MAX_AGE, maxSize), this.clock, this.meterRegistry,
				Runnable::run, refresher);
	}

	private RenderedPage fresh(String body) {
		return page(body, this.clock.instant().plus(Duration.ofHours(1)), false);
	}

	private RenderedPage stale(String body) {
		return page(body, this.clock.instant().plus(Duration.ofHours(1)), true);
	}

	private static RenderedPage page(String body, Instant freshUntil, boolean stale) {
		return new RenderedPage(body.getBytes(StandardCharsets.UTF_8), "\"" + body.hashCode() + "\"", 200, freshUntil,
				stale);
	}

	private static String body(RenderedPage page) {
		return new String(page.body(), StandardCharsets.UTF_8);
	}

	private Function<Viewer, RenderedPage> loader(RenderedPage page) {
		return (viewer) -> {
			this.loads.incrementAndGet();
			return page;
		};
	}

	private HomeInvalidated invalidated(Viewer viewer) {
		return new HomeInvalidated(viewer, null, "contract_created", this.clock.instant());
	}

	private CompletableFuture<RenderedPage> request(Supplier<RenderedPage> request) {
		return CompletableFuture.supplyAsync(request, this.requests);
	}

	private static RenderedPage answer(CompletableFuture<RenderedPage> request) throws Exception {
		return request.get(10, TimeUnit.SECONDS);
	}

	private double lookups(String result) {
		return this.meterRegistry.counter("home.cache.lookups", "tier", "near", "result", result).count();
	}

	/** A load that starts, then waits until the test lets it finish or fail. */
	private static final class HeldLoader implements Function<Viewer, RenderedPage> {

		private final RenderedPage page;

		private final CountDownLatch started = new CountDownLatch(1);

		private final CountDownLatch finished = new CountDownLatch(1);

		private final AtomicInteger calls = new AtomicInteger();

		private volatile RuntimeException failure;

		HeldLoader(RenderedPage page) {
			this.page = page;
		}

		@Override
		public RenderedPage apply(Viewer viewer) {
			this.calls.incrementAndGet();
			this.started.countDown();
			try {
				assertThat(this.finished.await(10, TimeUnit.SECONDS)).as("the test let the load finish").isTrue();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			if (this.failure != null) {
				throw this.failure;
			}
			return this.page;
		}

		void awaitStarted() throws InterruptedException {
			assertThat(this.started.await(10, TimeUnit.SECONDS)).as("the load started").isTrue();
		}

		void finish() {
			this.finished.countDown();
		}

		void fail(RuntimeException failure) {
			this.failure = failure;
			this.finished.countDown();
		}

		int calls() {
			return this.calls.get();
		}

	}

}
