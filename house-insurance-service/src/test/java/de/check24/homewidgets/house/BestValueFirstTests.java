package de.check24.homewidgets.house;

import java.util.List;

import org.junit.jupiter.api.Test;

import static de.check24.homewidgets.product.TestWidgets.card;
import static de.check24.homewidgets.product.TestWidgets.grid;
import static de.check24.homewidgets.product.TestWidgets.ids;
import static de.check24.homewidgets.product.TestWidgets.infoBox;
import static de.check24.homewidgets.product.TestWidgets.sectionHeader;
import static de.check24.homewidgets.product.TestWidgets.tile;
import static org.assertj.core.api.Assertions.assertThat;

class BestValueFirstTests {

	private final BestValueFirst policy = new BestValueFirst();

	@Test
	void ranksByRatingPointsPerEuroNotByPriceOrRatingAlone() {
		// Wohngebäude: best rated, worst value; Elementar: cheaper per point than
		// Wohngebäude
		assertThat(ids(this.policy.rank(List.of(card("wohngebaeude", "38.50", 4.6), card("elementar", "12.80", 4.3),
				card("hausrat", "4.90", 4.5)))))
			.containsExactly("hausrat", "elementar", "wohngebaeude");
	}

	@Test
	void valuesAGridByItsCheapestPriceAndBestRating() {
		assertThat(BestValueFirst.valueForMoney(grid("hausrat", tile("wgv", "3.90", 4.3), tile("devk", "5.60", 4.4))))
			.hasValueSatisfying((value) -> assertThat(value).isEqualTo(4.4 / 3.90));
	}

	@Test
	void keepsTheHeaderOnTopAndWidgetsWithoutRatingOrPriceLast() {
		assertThat(ids(this.policy.rank(List.of(card("unrated", "3.00", null), infoBox("unterversicherung"),
				card("haftpflicht", "5.20", 4.7), sectionHeader("haus")))))
			.containsExactly("haus", "haftpflicht", "unrated", "unterversicherung");
	}

}
