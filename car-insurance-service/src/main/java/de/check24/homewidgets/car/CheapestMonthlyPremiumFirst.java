package de.check24.homewidgets.car;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;

import de.check24.homewidgets.sdui.Widget;
import de.check24.homewidgets.product.RankingPolicy;
import de.check24.homewidgets.product.widget.OfferFacts;

import org.springframework.stereotype.Component;

/**
 * Car insurance is bought on price: the cheapest monthly premium first (a grid by its
 * cheapest tile), widgets without a price after the offers.
 */
@Component
class CheapestMonthlyPremiumFirst implements RankingPolicy {

	private static final Comparator<Widget> CHEAPEST_FIRST = OfferFacts.SECTION_HEADERS_FIRST.thenComparing(
			(widget) -> OfferFacts.price(widget).orElse(null),
			Comparator.nullsLast(Comparator.<BigDecimal>naturalOrder()));

	@Override
	public List<Widget> rank(List<Widget> widgets) {
		return widgets.stream().sorted(CHEAPEST_FIRST).toList();
	}

}
