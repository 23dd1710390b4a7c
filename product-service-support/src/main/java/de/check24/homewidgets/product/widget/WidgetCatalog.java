package de.check24.homewidgets.product.widget;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import de.check24.homewidgets.product.RankingPolicy;
import de.check24.homewidgets.product.image.ImageUrls;
import de.check24.homewidgets.sdui.ProductResponse;
import de.check24.homewidgets.sdui.Widget;
import de.check24.homewidgets.sdui.WidgetAction;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.lang.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The one way to this product's widgets. */
@Service
public class WidgetCatalog {

	private final Widgets widgets;

	private final RankingPolicy ranking;

	private final ExistingCustomers customers;

	private final ImageUrls images;

	private final ObservationRegistry observations;

	WidgetCatalog(Widgets widgets, RankingPolicy ranking, ExistingCustomers customers, ImageUrls images,
			ObservationRegistry observations) {
		this.widgets = widgets;
		this.ranking = ranking;
		this.customers = customers;
		this.images = images;
		this.observations = observations;
	}

	/**
	 * The widgets a visitor sees, ranked by the product's policy and numbered by rank.
	 * @param userId the user, or {@code null} for an anonymous visitor who sees generic
	 * offers only
	 * @return generic offers plus the user's own; none for an existing customer
	 */
	@Transactional(readOnly = true)
	public ProductResponse widgetsFor(@Nullable Long userId) {
		return Observation.createNotStarted("product.widgets.generation", this.observations)
			.lowCardinalityKeyValue("audience", (userId != null) ? "user" : "anonymous")
			.observe(() -> generate(userId));
	}

	private ProductResponse generate(@Nullable Long userId) {
		if (userId == null) {
			return ranked(this.widgets.findByUserIdIsNullOrderByPriorityAscWidgetIdAsc());
		}
		if (this.customers.isCustomer(userId)) {
			// a customer has this product already; offering it again is noise
			return new ProductResponse(List.of());
		}
		return ranked(offeredTo(userId));
	}

	/**
	 * The offer a user wants to buy.
	 * @param widgetId the widget
	 * @param userId the buyer
	 * @return the widget
	 * @throws WidgetNotFound unless the widget exists, is offered to the user and has a
	 * purchase action
	 */
	@Transactional(readOnly = true)
	public Widget purchasableOffer(String widgetId, long userId) {
		return this.widgets.findById(widgetId)
			.filter((stored) -> stored.isOfferedTo(userId))
			.map(StoredWidget::toWidget)
			.filter(WidgetCatalog::isPurchasable)
			.orElseThrow(() -> WidgetNotFound.offeredTo(widgetId, userId));
	}

	/**
	 * Looks widgets up by id.
	 * @param widgetIds the ids
	 * @return the widgets found, by id
	 */
	@Transactional(readOnly = true)
	public Map<String, Widget> widgetsById(Collection<String> widgetIds) {
		return this.widgets.findByWidgetIdIn(widgetIds)
			.stream()
			.map(StoredWidget::toWidget)
			.map(this.images::resolve)
			.collect(Collectors.toMap(Widget::widgetId, Function.identity()));
	}

	private List<StoredWidget> offeredTo(long userId) {
		if (userId > Integer.MAX_VALUE) {
			// targeted widgets are keyed by INTEGER user ids; larger ids only see generic
			// ones
			return this.widgets.findByUserIdIsNullOrderByPriorityAscWidgetIdAsc();
		}
		return this.widgets.findByUserIdIsNullOrUserIdOrderByPriorityAscWidgetIdAsc((int) userId);
	}

	private ProductResponse ranked(List<StoredWidget> stored) {
		List<Widget> ranked = this.ranking.rank(stored.stream().map(StoredWidget::toWidget).toList());
		return new ProductResponse(IntStream.range(0, ranked.size())
			.mapToObj((index) -> withPriority(this.images.resolve(ranked.get(index)), index + 1))
			.toList());
	}

	private static Widget withPriority(Widget widget, int priority) {
		return new Widget(widget.widgetId(), widget.componentType(), priority, widget.data(), widget.action(),
				widget.service());
	}

	private static boolean isPurchasable(Widget widget) {
		return widget.action() != null && WidgetAction.PURCHASE.equals(widget.action().type());
	}

}
