package de.check24.homewidgets.core.home;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How {@code GET /home} pages are served.
 *
 * @param retryAfter the {@code Retry-After} of a 503 home (no product could be served)
 * @param near each replica's in-memory page cache
 */
@Validated
@ConfigurationProperties("home.page")
record HomeProperties(@NotNull Duration retryAfter, @NotNull @Valid Near near) {

	/**
	 * @param maxAge the longest a replica serves a page from memory without looking at
	 * Redis; bounds how long a missed pub/sub invalidation can go unnoticed
	 * @param staleMaxAge the same for pages holding stale sections, kept short so the
	 * refreshed page shows up soon
	 * @param maxSize the bytes of pages kept per replica
	 * ({@code HOME_NEAR_CACHE_MAX_SIZE})
	 */
	record Near(@NotNull Duration maxAge, @NotNull Duration staleMaxAge, @NotNull DataSize maxSize) {

	}

}
