package de.check24.homewidgets.product;

import java.util.List;

import de.check24.homewidgets.sdui.Widget;

/**
 * A product's own idea of which of its widgets a user should see first. Every product
 * service declares exactly one as a bean. The service numbers the widget priorities in
 * the order this returns.
 *
 * @see de.check24.homewidgets.product.widget.OfferFacts
 */
@FunctionalInterface
public interface RankingPolicy {

	/**
	 * Orders the widgets a user may see.
	 * @param widgets the widgets, in stored priority order; never {@code null}
	 * @return the same widgets, best first; none added, none dropped
	 */
	List<Widget> rank(List<Widget> widgets);

}
