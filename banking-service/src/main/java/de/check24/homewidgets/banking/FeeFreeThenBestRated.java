package de.check24.homewidgets.banking;

import java.util.Comparator;
import java.util.List;

import de.check24.homewidgets.sdui.Widget;
import de.check24.homewidgets.product.RankingPolicy;
import de.check24.homewidgets.product.widget.OfferFacts;

import org.springframework.stereotype.Component;

/**
 * Bank customers first ask "does it cost anything?", then "is the bank any good?":
 * accounts and cards without a monthly fee first, then those with one, then widgets that
 * name no fee (rate grids, notes); within each group the best rated first.
 */
@Component
class FeeFreeThenBestRated implements RankingPolicy {

	private static final int FEE_FREE = 0;

	private static final int WITH_FEE = 1;

	private static final int NO_FEE_SHOWN = 2;

	@Override
	public List<Widget> rank(List<Widget> widgets) {
		Comparator<Widget> byFee = Comparator.comparingInt(FeeFreeThenBestRated::feeGroup);
		Comparator<Widget> byRating = Comparator.comparing((Widget widget) -> OfferFacts.rating(widget).orElse(null),
				Comparator.nullsLast(Comparator.reverseOrder()));
		return widgets.stream()
			.sorted(OfferFacts.SECTION_HEADERS_FIRST.thenComparing(byFee).thenComparing(byRating))
			.toList();
	}

	private static int feeGroup(Widget widget) {
		return OfferFacts.price(widget).map((fee) -> (fee.signum() == 0) ? FEE_FREE : WITH_FEE).orElse(NO_FEE_SHOWN);
	}

}
