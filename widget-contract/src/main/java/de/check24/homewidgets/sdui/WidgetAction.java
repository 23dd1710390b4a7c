package de.check24.homewidgets.sdui;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a widget's button does, so that no client hard-codes an endpoint per product. For
 * {@code purchase} the client sends {@code {"user_id", "widget_id"}} as JSON with the
 * given method to the given core path.
 *
 * @param type {@code purchase} or {@code link}
 * @param label button text
 * @param method HTTP method, e.g. {@code POST}
 * @param path core-relative path, e.g. {@code /widget/car-insurance/contract}, or an
 * absolute URL for links
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WidgetAction(String type, String label, String method, String path) {

	public static final String PURCHASE = "purchase";

	public static WidgetAction purchase(String serviceKey, String label) {
		return new WidgetAction(PURCHASE, label, "POST", "/widget/" + serviceKey + "/contract");
	}

}
