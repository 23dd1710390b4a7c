package de.check24.homewidgets.product.widget;

import java.math.BigDecimal;
import java.util.List;

import de.check24.homewidgets.sdui.Widget;
import org.junit.jupiter.api.Test;

import static de.check24.homewidgets.product.TestWidgets.card;
import static de.check24.homewidgets.product.TestWidgets.grid;
import static de.check24.homewidgets.product.TestWidgets.infoBox;
import static de.check24.homewidgets.product.TestWidgets.sectionHeader;
import static de.check24.homewidgets.product.TestWidgets.tile;
import static org.assertj.core.api.Assertions.assertThat;

class OfferFactsTests {

	@Test
	void readsACardsPriceAndRating() {
		Widget card = card("huk", "39.90", 4.5);

		assertThat(OfferFacts.price(card)).contains(new BigDecimal("39.90"));
		assertThat(OfferFacts.rating(card)).contains(4.5);
	}

	@Test
	void aGridAdvertisesItsCheapestAndItsBestRatedTile() {
		Widget grid = grid("grid", tile("a", "31.40", 4.1), tile("b", "29.90", 3.9), tile("c", null, 4.6));

		assertThat(OfferFacts.price(grid)).contains(new BigDecimal("29.90"));
		assertThat(OfferFacts.rating(grid)).contains(4.6);
	}

	@Test
	void widgetsWithoutOfferShowNeitherPriceNorRating() {
		assertThat(List.of(infoBox("info"), sectionHeader("header"), card("plain", null, null)))
			.allSatisfy((widget) -> {
				assertThat(OfferFacts.price(widget)).isEmpty();
				assertThat(OfferFacts.rating(widget)).isEmpty();
			});
	}

	@Test
	void sectionHeadersComeFirst() {
		List<Widget> sorted = List.of(card("card", "1", null), sectionHeader("header"))
			.stream()
			.sorted(OfferFacts.SECTION_HEADERS_FIRST)
			.toList();

		assertThat(sorted).extracting(Widget::widgetId).containsExactly("header", "card");
	}

}
