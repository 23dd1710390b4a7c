package de.check24.homewidgets.sdui;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A price as shown to the user.
 *
 * @param price amount, e.g. {@code 89.00}
 * @param currency symbol, e.g. {@code €}
 * @param frequency billing period such as {@code Monat}; {@code null} for one-off prices
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Pricing(BigDecimal price, String currency, String frequency) {

}
