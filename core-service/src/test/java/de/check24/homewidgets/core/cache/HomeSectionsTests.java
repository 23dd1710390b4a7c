package de.check24.homewidgets.core.cache;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.stubbing.Answer;

import de.check24.homewidgets.core.products.HomeWidget;
import de.check24.homewidgets.core.products.Product;
import de.check24.homewidgets.core.products.ProductFanOut;
import de.check24.homewidgets.core.products.ProductSection;
import de.check24.homewidgets.core.products.TestCatalogs;
import de.check24.homewidgets.core.support.FrozenClock;
import de.check24.homewidgets.core.viewer.Viewer;
import de.check24.homewidgets.sdui.ComponentType;

import static de.check24.homewidgets.core.support.TestProducts.BANKING;
import static de.check24.homewidgets.core.support.TestProducts.CAR_INSURANCE;
import static de.check24.homewidgets.core.support.TestProducts.HEALTH_INSURANCE;
import static de.check24.homewidgets.core.support.TestProducts.HOUSE_INSURANCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

class HomeSectionsTests {

	private static final Viewer ALICE = Viewer.user(7);

	private static final Duration TTL = Duration.ofHours(1);

	private static final Duration GRACE = Duration.ofMinutes(5);

	private final FrozenClock clock = FrozenClock.atAWholeSecond();

	private final Instant now = this.clock.instant();

	private final HomeStore store = mock(HomeStore.class);

	private final ProductFanOut products = mock(ProductFanOut.class);

	private final HomeRefresher refresher = mock(HomeRefresher.class);

	private final PersonalHomes personalHomes = mock(PersonalHomes.class);

	private final SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();

	private final HomeSections sections = new HomeSections(this.store, TestCatalogs.defaults(), this.products,
			this.refresher, this.personalHomes, this.clock, this.meterRegistry);

	/** What each product answers when asked. */
	private final Map<Product, ProductSection> answers = new LinkedHashMap<>();

	@BeforeEach
	void productsAnswerAndTheStoreKeepsTheRealSections() {
		List.of(CAR_INSURANCE, HEALTH_INSURANCE, HOUSE_INSURANCE, BANKING)
			.forEach((product) -> this.answers.put(product, fetched(product, "new")));
		given(this.products.widgets(any(), anyCollection())).willAnswer((invocation) -> {
			Map<Product, ProductSection> asked = new LinkedHashMap<>();
			invocation.<Collection<Product>>getArgument(1)
				.forEach((product) -> asked.put(product, this.answers.get(product)));
			return asked;
		});
		Answer<Map<Product, CachedSection>> realSections = (invocation) -> {
			Map<Product, CachedSection> stored = new LinkedHashMap<>();
			Instant fetchedAt = invocation.getArgument(3);
			invocation.<Collection<ProductSection>>getArgument(2)
				.stream()
				.filter(ProductSection::available)
				.forEach((section) -> stored.put(section.product(), new CachedSection(section.product(),
						section.widgets(), fetchedAt, fetchedAt.plus(TTL), fetchedAt.plus(TTL).plus(GRACE))));
			return stored;
		};
		given(this.store.store(any(), any(), anyCollection(), any())).willAnswer(realSections);
		given(this.store.storeBehind(any(), any(), anyCollection(), any())).willAnswer(realSections);
	}

	@Nested
	class Fresh {

		@Test
		void servesFreshSectionsWithoutAskingTheProducts() {
			cached(fresh(CAR_INSURANCE, 10), fresh(HEALTH_INSURANCE, 20), fresh(HOUSE_INSURANCE, 30),
					fresh(BANKING, 40));

			Sections home = sections.sections(ALICE);

			assertThat(widgetIds(home)).containsExactly("car-insurance_cached", "health-insurance_cached",
					"house-insurance_cached", "banking_cached");
			assertThat(home.stale()).isFalse();
			assertThat(home.fetched()).isZero();
			assertThat(home.keepable()).isTrue();
			then(products).shouldHaveNoInteractions();
			then(refresher).shouldHaveNoInteractions();
			then(store).should(never()).store(any(), any(), anyCollection(), any());
		}

		@Test
		void isFreshUntilItsFirstSectionTurnsStaleAndAsNewAsItsNewestSection() {
			cached(fresh(CAR_INSURANCE, 10), fresh(HEALTH_INSURANCE, 40), fresh(HOUSE_INSURANCE, 20),
					fresh(BANKING, 30));

			Sections home = sections.sections(ALICE);

			assertThat(home.newest()).isEqualTo(now.minus(Duration.ofMinutes(10)));
			assertThat(home.freshUntil()).isEqualTo(now.minus(Duration.ofMinutes(40)).plus(TTL));
			assertThat(home.cacheKey()).isEqualTo("sdui:home_page:v1:{user:7}");
		}

	}

	@Nested
	class Stale {

		@Test
		void servesStaleSectionsAtOnceAndAsksForOneBackgroundRefresh() {
			cached(stale(CAR_INSURANCE), fresh(HEALTH_INSURANCE, 10), stale(HOUSE_INSURANCE), fresh(BANKING, 10));

			Sections home = sections.sections(ALICE);

			assertThat(widgetIds(home)).containsExactly("car-insurance_cached", "health-insurance_cached",
					"house-insurance_cached", "banking_cached");
			assertThat(home.stale()).isTrue();
			assertThat(home.fetched()).isZero();
			then(products).shouldHaveNoInteractions();
			then(refresher).should().refresh(ALICE);
			then(refresher).shouldHaveNoMoreInteractions();
		}

	}

	@Nested
	class ExpiredOrMissing {

		@Test
		void fetchesExpiredAndMissingSectionsFromTheProductsAndStoresThem() {
			CachedSections cached = cached(expired(CAR_INSURANCE), fresh(HEALTH_INSURANCE, 10), fresh(BANKING, 10));

			Sections home = sections.sections(ALICE);

			assertThat(widgetIds(home)).containsExactly("car-insurance_new", "health-insurance_cached",
					"house-insurance_new", "banking_cached");
			assertThat(home.fetched()).isEqualTo(2);
			assertThat(home.stale()).isFalse();
			then(products).should().widgets(7L, List.of(CAR_INSURANCE, HOUSE_INSURANCE));
			ArgumentCaptor<Collection<ProductSection>> stored = ArgumentCaptor.captor();
			then(store).should().storeBehind(eq(ALICE), eq(cached), stored.capture(), eq(now));
			assertThat(stored.getValue()).containsExactly(answers.get(CAR_INSURANCE), answers.get(HOUSE_INSURANCE));
			then(store).should(never()).store(any(), any(), anyCollection(), any());
			then(refresher).shouldHaveNoInteractions();
		}

		@Test
		void fetchesTheAnonymousHomeWithoutAUser() {
			given(store.read(Viewer.ANONYMOUS)).willReturn(new CachedSections(Map.of(), "0"));

			Sections home = sections.sections(Viewer.ANONYMOUS);

			assertThat(home.fetched()).isEqualTo(4);
			assertThat(home.cacheKey()).isEqualTo("sdui:home_page:v1:{anonymous}");
			then(products).should().widgets(null, List.of(CAR_INSURANCE, HEALTH_INSURANCE, HOUSE_INSURANCE, BANKING));
		}

		@Test
		void servesTheExpiredSectionWhenItsProductFails() {
			cached(expired(CAR_INSURANCE), fresh(HEALTH_INSURANCE, 10), fresh(HOUSE_INSURANCE, 10), fresh(BANKING, 10));
			answers.put(CAR_INSURANCE, failed(CAR_INSURANCE));

			Sections home = sections.sections(ALICE);

			assertThat(widgetIds(home)).first().isEqualTo("car-insurance_cached");
			assertThat(home.fallbacks()).isZero();
			assertThat(home.stale()).as("shown only until the product answers again").isTrue();
		}

		@Test
		void showsTheFallbackCardWhenAProductFailsAndNothingIsCached() {
			cached(fresh(HEALTH_INSURANCE, 10), fresh(HOUSE_INSURANCE, 10), fresh(BANKING, 10));
			answers.put(CAR_INSURANCE, failed(CAR_INSURANCE));

			Sections home = sections.sections(ALICE);

			assertThat(widgetIds(home)).containsExactly("fallback_error_card", "health-insurance_cached",
					"house-insurance_cached", "banking_cached");
			assertThat(home.fallbacks()).isEqualTo(1);
			assertThat(home.keepable()).isFalse();
			assertThat(home.nothingServed()).isFalse();
		}

		@Test
		void servesNothingWhenEveryProductFailsAndNothingIsCached() {
			cached();
			answers.replaceAll((product, answer) -> failed(product));

			Sections home = sections.sections(ALICE);

			assertThat(widgetIds(home)).containsOnly("fallback_error_card");
			assertThat(home.nothingServed()).isTrue();
		}

	}

	@Nested
	class Counters {

		@Test
		void countsEachSectionsLookupByWhatTheCacheHeld() {
			cached(fresh(CAR_INSURANCE, 10), stale(HEALTH_INSURANCE), expired(HOUSE_INSURANCE));

			sections.sections(ALICE);

			assertThat(lookups("hit")).isEqualTo(1);
			assertThat(lookups("stale")).isEqualTo(1);
			assertThat(lookups("expired")).isEqualTo(1);
			assertThat(lookups("miss")).isEqualTo(1);
			assertThat(lookups("unavailable")).isZero();
		}

		@Test
		void countsEveryLookupAsUnavailableWhileRedisIsDownAndFetchesEverySection() {
			given(store.read(ALICE)).willReturn(CachedSections.UNAVAILABLE);

			Sections home = sections.sections(ALICE);

			assertThat(lookups("unavailable")).isEqualTo(4);
			assertThat(lookups("miss")).isZero();
			assertThat(home.fetched()).isEqualTo(4);
			assertThat(widgetIds(home)).containsExactly("car-insurance_new", "health-insurance_new",
					"house-insurance_new", "banking_new");
		}

	}

	private CachedSections cached(CachedSection... sections) {
		Map<Product, CachedSection> held = new LinkedHashMap<>();
		for (CachedSection section : sections) {
			held.put(section.product(), section);
		}
		CachedSections cached = new CachedSections(held, "3");
		given(this.store.read(ALICE)).willReturn(cached);
		return cached;
	}

	private CachedSection fresh(Product product, int minutesOld) {
		return cachedAt(product, this.now.minus(Duration.ofMinutes(minutesOld)));
	}

	private CachedSection stale(Product product) {
		return cachedAt(product, this.now.minus(TTL).minus(GRACE.dividedBy(2)));
	}

	private CachedSection expired(Product product) {
		return cachedAt(product, this.now.minus(TTL).minus(GRACE).minusSeconds(1));
	}

	private static CachedSection cachedAt(Product product, Instant storedAt) {
		return new CachedSection(product, List.of(widget(product.key() + "_cached", product)), storedAt,
				storedAt.plus(TTL), storedAt.plus(TTL).plus(GRACE));
	}

	private static ProductSection fetched(Product product, String version) {
		return new ProductSection(product, List.of(widget(product.key() + "_" + version, product)),
				ProductSection.Outcome.FETCHED);
	}

	private static ProductSection failed(Product product) {
		return new ProductSection(product, List.of(widget("fallback_error_card", product)),
				ProductSection.Outcome.FAILED);
	}

	private static HomeWidget widget(String widgetId, Product product) {
		return new HomeWidget(widgetId, ComponentType.CARD, 1,
				JsonNodeFactory.instance.objectNode().put("title", widgetId), null, product.section());
	}

	private static List<String> widgetIds(Sections home) {
		return home.sections()
			.stream()
			.flatMap((section) -> section.widgets().stream())
			.map(HomeWidget::widgetId)
			.toList();
	}

	private double lookups(String result) {
		return this.meterRegistry.counter("home.cache.lookups", "tier", "redis", "result", result).count();
	}

}
