package de.check24.homewidgets.core.home;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How {@code GET /home} behaves beyond caching.
 *
 * @param retryAfter the {@code Retry-After} of a 503 home (no product could be served)
 * @param refreshThreads threads for background refreshes of stale homes
 * @param refreshQueueCapacity refreshes waiting for a thread; beyond it a refresh is
 * skipped and the next stale request asks again
 */
@Validated
@ConfigurationProperties("home.page")
record HomeProperties(@NotNull Duration retryAfter, @Min(1) int refreshThreads, @Min(1) int refreshQueueCapacity) {

}
