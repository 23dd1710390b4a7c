package de.check24.homewidgets.sdui;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One tile of a {@code ProductGrid}.
 *
 * @param title product name
 * @param subtitle provider or short detail; may be {@code null}
 * @param imageUrl may be {@code null}
 * @param pricing may be {@code null}
 * @param rating may be {@code null}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProductTile(String title, String subtitle, String imageUrl, Pricing pricing, Rating rating) {

}
