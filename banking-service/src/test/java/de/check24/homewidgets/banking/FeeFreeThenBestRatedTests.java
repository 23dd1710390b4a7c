package de.check24.homewidgets.banking;

import java.util.List;

import de.check24.homewidgets.sdui.Widget;
import org.junit.jupiter.api.Test;

import static de.check24.homewidgets.product.TestWidgets.card;
import static de.check24.homewidgets.product.TestWidgets.grid;
import static de.check24.homewidgets.product.TestWidgets.ids;
import static de.check24.homewidgets.product.TestWidgets.infoBox;
import static de.check24.homewidgets.product.TestWidgets.sectionHeader;
import static de.check24.homewidgets.product.TestWidgets.tile;
import static org.assertj.core.api.Assertions.assertThat;

class FeeFreeThenBestRatedTests {

	private final FeeFreeThenBestRated policy = new FeeFreeThenBestRated();

	@Test
	void ranksFeeFreeAccountsBeforeAnyAccountWithAFee() {
		List<Widget> offers = List.of(card("amex_gold", "12.00", 4.9), card("dkb", "0.00", 4.5),
				card("comdirect", "4.90", 4.4));

		assertThat(ids(this.policy.rank(offers))).containsExactly("dkb", "amex_gold", "comdirect");
	}

	@Test
	void ranksTheBetterRatedFirstWithinTheSameFeeGroup() {
		List<Widget> freeAccounts = List.of(card("barclays", "0", 4.3), card("dkb", "0.00", 4.5),
				card("c24", "0.00", 4.8));

		assertThat(ids(this.policy.rank(freeAccounts))).containsExactly("c24", "dkb", "barclays");
	}

	@Test
	void putsWidgetsThatNameNoFeeAfterTheOffersAndTheHeaderOnTop() {
		List<Widget> page = List.of(grid("tagesgeld", tile("ing", null, 4.6)), infoBox("einlagensicherung"),
				card("comdirect", "4.90", 4.4), sectionHeader("konten"));

		assertThat(ids(this.policy.rank(page))).containsExactly("konten", "comdirect", "tagesgeld",
				"einlagensicherung");
	}

}
