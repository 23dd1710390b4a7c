package de.check24.homewidgets.health;

import java.util.List;

import org.junit.jupiter.api.Test;

import static de.check24.homewidgets.product.TestWidgets.card;
import static de.check24.homewidgets.product.TestWidgets.grid;
import static de.check24.homewidgets.product.TestWidgets.ids;
import static de.check24.homewidgets.product.TestWidgets.infoBox;
import static de.check24.homewidgets.product.TestWidgets.sectionHeader;
import static de.check24.homewidgets.product.TestWidgets.tile;
import static org.assertj.core.api.Assertions.assertThat;

class BestRatedFirstTests {

	private final BestRatedFirst policy = new BestRatedFirst();

	@Test
	void ranksTheBestRatedOfferFirstEvenWhenItCostsMore() {
		var ranked = this.policy.rank(
				List.of(card("barmenia", "18.90", 4.6), card("hallesche", "489.00", 4.4), card("ergo", "21.40", 4.7)));

		assertThat(ids(ranked)).containsExactly("ergo", "barmenia", "hallesche");
	}

	@Test
	void prefersTheCheaperOfTwoEquallyRatedOffers() {
		var ranked = this.policy.rank(List.of(card("signal", "24.60", 4.2), card("gothaer", "19.70", 4.2)));

		assertThat(ids(ranked)).containsExactly("gothaer", "signal");
	}

	@Test
	void ranksAGridByItsBestTileAndLeavesUnratedWidgetsLast() {
		var ranked = this.policy.rank(List.of(infoBox("bonus"), card("ergo", "21.40", 4.7),
				grid("zahn", tile("dkv", "24.30", 4.5), tile("allianz", "29.80", 4.9)), sectionHeader("kv")));

		assertThat(ids(ranked)).containsExactly("kv", "zahn", "ergo", "bonus");
	}

}
