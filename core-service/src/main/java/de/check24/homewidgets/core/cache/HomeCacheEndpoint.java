package de.check24.homewidgets.core.cache;

import java.util.Map;

import de.check24.homewidgets.core.products.Product;
import de.check24.homewidgets.core.products.ProductCatalog;
import de.check24.homewidgets.core.web.CoreProblem;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.lang.Nullable;

/**
 * The operators' lever on the management port, which no load balancer routes:
 * {@code DELETE /actuator/homecache} invalidates every home (optionally one service's
 * section of every home), for instance after a bad product release.
 */
@Endpoint(id = "homecache")
class HomeCacheEndpoint {

	private final Invalidations invalidations;

	private final ProductCatalog catalog;

	HomeCacheEndpoint(Invalidations invalidations, ProductCatalog catalog) {
		this.invalidations = invalidations;
		this.catalog = catalog;
	}

	@DeleteOperation
	Map<String, Object> invalidateEveryHome(@Nullable String service) {
		Product product = (service != null)
				? this.catalog.find(service).orElseThrow(() -> CoreProblem.unknownService(service)) : null;
		HomeInvalidated event = this.invalidations.invalidate(null, product, "operator", Invalidations.Source.OPERATOR);
		return Map.of("status", "invalidated", "scope", "everyone", "service",
				(product != null) ? product.key() : "all", "timestamp", event.timestamp().toString());
	}

}
