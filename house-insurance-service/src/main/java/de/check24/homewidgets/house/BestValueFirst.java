package de.check24.homewidgets.house;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import de.check24.homewidgets.sdui.Widget;
import de.check24.homewidgets.product.RankingPolicy;
import de.check24.homewidgets.product.widget.OfferFacts;

import org.springframework.stereotype.Component;

/**
 * Home insurance is compared on value for money: rating points per euro of monthly
 * premium, highest first. A free offer is unbeatable value; widgets that show no rating
 * or no price come after the offers.
 */
@Component
class BestValueFirst implements RankingPolicy {

	private static final Comparator<Widget> BEST_VALUE = Comparator.comparing(
			(Widget widget) -> valueForMoney(widget).orElse(null),
			Comparator.nullsLast(Comparator.<Double>reverseOrder()));

	@Override
	public List<Widget> rank(List<Widget> widgets) {
		return widgets.stream().sorted(OfferFacts.SECTION_HEADERS_FIRST.thenComparing(BEST_VALUE)).toList();
	}

	static Optional<Double> valueForMoney(Widget widget) {
		Optional<BigDecimal> price = OfferFacts.price(widget);
		return OfferFacts.rating(widget)
			.flatMap((rating) -> price
				.map((euros) -> (euros.signum() > 0) ? rating / euros.doubleValue() : Double.POSITIVE_INFINITY));
	}

}
