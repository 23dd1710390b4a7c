package de.check24.homewidgets.car;

import java.util.List;

import org.junit.jupiter.api.Test;

import static de.check24.homewidgets.product.TestWidgets.card;
import static de.check24.homewidgets.product.TestWidgets.grid;
import static de.check24.homewidgets.product.TestWidgets.ids;
import static de.check24.homewidgets.product.TestWidgets.infoBox;
import static de.check24.homewidgets.product.TestWidgets.sectionHeader;
import static de.check24.homewidgets.product.TestWidgets.tile;
import static org.assertj.core.api.Assertions.assertThat;

class CheapestMonthlyPremiumFirstTests {

	private final CheapestMonthlyPremiumFirst policy = new CheapestMonthlyPremiumFirst();

	@Test
	void ranksTheCheapestMonthlyPremiumFirstWhateverItsRating() {
		assertThat(ids(this.policy
			.rank(List.of(card("allianz", "74.50", 4.9), card("huk24", "39.90", 3.8), card("devk", "89.00", 4.8)))))
			.containsExactly("huk24", "allianz", "devk");
	}

	@Test
	void ranksAGridByItsCheapestTile() {
		assertThat(ids(this.policy.rank(List.of(card("cosmos", "58.20", 4.4),
				grid("teilkasko", tile("verti", "33.10", 4.1), tile("huk24", "29.90", 4.5))))))
			.containsExactly("teilkasko", "cosmos");
	}

	@Test
	void keepsTheHeaderOnTopAndUnpricedWidgetsLastInStoredOrder() {
		assertThat(ids(this.policy.rank(List.of(infoBox("stichtag"), card("huk24", "39.90", 4.5), infoBox("werkstatt"),
				sectionHeader("header")))))
			.containsExactly("header", "huk24", "stichtag", "werkstatt");
	}

}
