package de.check24.homewidgets.product.web;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on what clients may send.
 *
 * @param maxBodySize the largest request body read, with or without
 * {@code Content-Length}
 */
@Validated
@ConfigurationProperties("product.requests")
record RequestLimitProperties(@NotNull DataSize maxBodySize) {

}
