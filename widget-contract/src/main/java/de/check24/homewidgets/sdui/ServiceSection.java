package de.check24.homewidgets.sdui;

import java.util.List;

/**
 * One product's section of the home page.
 *
 * @param title section headline, e.g. "Car Insurance Deals"
 * @param widgets ordered by priority
 */
public record ServiceSection(String title, List<Widget> widgets) {

}
