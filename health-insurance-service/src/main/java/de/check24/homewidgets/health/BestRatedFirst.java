package de.check24.homewidgets.health;

import java.util.Comparator;
import java.util.List;

import de.check24.homewidgets.sdui.Widget;
import de.check24.homewidgets.product.RankingPolicy;
import de.check24.homewidgets.product.widget.OfferFacts;

import org.springframework.stereotype.Component;

/**
 * Health insurance is chosen on trust: the best customer rating first (a grid by its best
 * tile); among equally rated offers the cheaper one; unrated widgets after the offers.
 */
@Component
class BestRatedFirst implements RankingPolicy {

	private static final Comparator<Widget> BY_RATING = Comparator.comparing(
			(Widget widget) -> OfferFacts.rating(widget).orElse(null),
			Comparator.nullsLast(Comparator.<Double>reverseOrder()));

	private static final Comparator<Widget> THEN_CHEAPER = Comparator.comparing(
			(Widget widget) -> OfferFacts.price(widget).orElse(null), Comparator.nullsLast(Comparator.naturalOrder()));

	@Override
	public List<Widget> rank(List<Widget> widgets) {
		Comparator<Widget> order = OfferFacts.SECTION_HEADERS_FIRST.thenComparing(BY_RATING)
			.thenComparing(THEN_CHEAPER);
		return widgets.stream().sorted(order).toList();
	}

}
