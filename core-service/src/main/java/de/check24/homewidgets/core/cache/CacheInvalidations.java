package de.check24.homewidgets.core.cache;

import java.time.Instant;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import de.check24.homewidgets.core.products.Product;
import de.check24.homewidgets.core.security.Viewer;

import org.springframework.stereotype.Component;

/** Turns an invalidation request into a {@link HomeCache} invalidation. */
@Component
class CacheInvalidations {

	private final HomeCache homeCache;

	CacheInvalidations(HomeCache homeCache) {
		this.homeCache = homeCache;
	}

	Accepted invalidate(InvalidationRequest request) {
		Product service = (request.service() != null)
				? Product.find(request.service()).orElseThrow(() -> UnknownService.named(request.service())) : null;
		Viewer viewer = (request.userId() != null) ? Viewer.user(request.userId()) : null;
		HomeInvalidated event = this.homeCache.invalidate(viewer, service, request.reason());
		return new Accepted("invalidated", request.userId(), (service != null) ? service.key() : null, event.reason(),
				event.timestamp());
	}

	/**
	 * @param status always {@code invalidated}
	 * @param userId whose home, {@code null} for every home
	 * @param service whose section, {@code null} for all
	 * @param reason as given
	 * @param timestamp when
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record Accepted(String status, Long userId, String service, String reason, Instant timestamp) {

	}

}
