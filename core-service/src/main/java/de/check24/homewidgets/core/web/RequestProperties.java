package de.check24.homewidgets.core.web;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * What the core accepts of a request.
 *
 * @param maxBodySize the largest request body ({@code HOME_MAX_REQUEST_BODY_SIZE})
 */
@Validated
@ConfigurationProperties("home.requests")
record RequestProperties(@NotNull DataSize maxBodySize) {

}
