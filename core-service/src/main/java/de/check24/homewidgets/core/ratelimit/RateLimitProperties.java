package de.check24.homewidgets.core.ratelimit;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The spec's rate limits, shared by every replica through Redis.
 *
 * @param enabled whether requests are limited at all ({@code HOME_RATE_LIMIT_ENABLED})
 * @param perUser requests one signed-in user may make ({@code HOME_RATE_LIMIT_PER_USER}
 * per minute)
 * @param perIp requests one client address may make ({@code HOME_RATE_LIMIT_PER_IP} per
 * minute)
 * @param exempt path prefixes that are not limited: health checks, the core's public
 * keys, and product services (they authenticate with their own credential)
 */
@Validated
@ConfigurationProperties("home.rate-limit")
record RateLimitProperties(boolean enabled, @NotNull @Valid Limit perUser, @NotNull @Valid Limit perIp,
		List<String> exempt) {

	RateLimitProperties {
		exempt = (exempt != null) ? List.copyOf(exempt) : List.of();
	}

	/**
	 * @param requests how many requests
	 * @param per in which window; the whole quota comes back at the end of each window,
	 * so "100 a minute" means the 101st request in a minute is refused
	 */
	record Limit(@Min(1) long requests, @NotNull Duration per) {

	}

}
