package de.check24.homewidgets.core.cache;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import de.check24.homewidgets.core.products.Product;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How long home sections live in Redis and in each replica's memory.
 *
 * @param ttl how long a section is fresh
 * @param serviceTtl per-service overrides of {@code ttl}, keyed by service key (e.g.
 * {@code home.cache.service-ttl.banking=15m}); may be empty
 * @param grace how long after {@code ttl} a section is still served while one background
 * refresh runs
 * @param staleIfError how long after the grace window a section is still kept, to be
 * served only when its product fails
 * @param refreshLockTtl how long one replica may hold a key's refresh lock
 * @param near the in-process cache of rendered pages
 */
@Validated
@ConfigurationProperties("home.cache")
record CacheProperties(@NotNull Duration ttl, Map<String, Duration> serviceTtl, @NotNull Duration grace,
		@NotNull Duration staleIfError, @NotNull Duration refreshLockTtl, @NotNull @Valid Near near) {

	CacheProperties {
		serviceTtl = (serviceTtl != null) ? Map.copyOf(serviceTtl) : Map.of();
	}

	Duration ttl(Product product) {
		return this.serviceTtl.getOrDefault(product.key(), this.ttl);
	}

	/** How long Redis keeps a home hash after its last write. */
	Duration keyTtl() {
		Duration longest = this.ttl;
		for (Duration candidate : this.serviceTtl.values()) {
			longest = (candidate.compareTo(longest) > 0) ? candidate : longest;
		}
		return longest.plus(this.grace).plus(this.staleIfError);
	}

	/**
	 * @param maxAge the longest a replica serves a page from memory without looking at
	 * Redis; bounds how long a missed pub/sub invalidation can go unnoticed
	 * @param staleMaxAge the same for pages holding stale sections, kept short so the
	 * refreshed page shows up soon
	 * @param maxEntries pages kept per replica
	 */
	record Near(@NotNull Duration maxAge, @NotNull Duration staleMaxAge, @Min(1) long maxEntries) {

	}

}
