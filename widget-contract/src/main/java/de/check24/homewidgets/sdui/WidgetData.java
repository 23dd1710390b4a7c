package de.check24.homewidgets.sdui;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What a widget shows. Every field may be {@code null}; which ones a component uses
 * depends on its type.
 *
 * @param title headline
 * @param subtitle secondary line
 * @param content body text
 * @param imageUrl image or logo; clients show a placeholder when missing or broken
 * @param pricing price, for offers
 * @param rating customer rating, for offers
 * @param badge short highlight such as "Testsieger" ({@code Card})
 * @param highlights bullet points ({@code Card})
 * @param tone {@code info}, {@code success} or {@code warning} ({@code InfoBox})
 * @param items the tiles of a {@code ProductGrid}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WidgetData(String title, String subtitle, String content, String imageUrl, Pricing pricing, Rating rating,
		String badge, List<String> highlights, String tone, List<ProductTile> items) {

	public static WidgetData of(String title, String subtitle, String content) {
		return new WidgetData(title, subtitle, content, null, null, null, null, null, null, null);
	}

}
