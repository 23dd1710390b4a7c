package de.check24.homewidgets.sdui;

import java.util.List;

/**
 * What a product service answers to {@code GET /widget/{service-key}}. An empty list is a
 * valid answer.
 *
 * @param widgets ranked by the product's own logic
 */
public record ProductResponse(List<Widget> widgets) {

}
