package de.check24.homewidgets.core.cache;

import java.security.Principal;
import java.time.Instant;

import jakarta.validation.Valid;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import de.check24.homewidgets.core.products.Product;
import de.check24.homewidgets.core.products.ProductCatalog;
import de.check24.homewidgets.core.viewer.Viewer;
import de.check24.homewidgets.core.web.CoreProblem;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * For product services: invalidate a user's section after a purchase or cancellation. The
 * caller is the product its credential names (the security chain resolved it), and it may
 * invalidate only its own section; invalidating every home is an operator action on the
 * management port.
 */
@RestController
class CacheController {

	private final Invalidations invalidations;

	private final ProductCatalog catalog;

	CacheController(Invalidations invalidations, ProductCatalog catalog) {
		this.invalidations = invalidations;
		this.catalog = catalog;
	}

	@PostMapping("/cache/invalidate")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Accepted invalidate(Principal caller, @Valid @RequestBody InvalidationRequest request) {
		Product product = this.catalog.forKey(caller.getName())
			.orElseThrow(() -> CoreProblem.forbidden("Unknown product service"));
		if (request.service() != null && !this.catalog.find(request.service()).map(product::equals).orElse(false)) {
			throw CoreProblem.forbidden("The " + product.key() + " service may only invalidate its own section, not '"
					+ request.service() + "'");
		}
		HomeInvalidated event = this.invalidations.invalidate(Viewer.user(request.userId()), product, request.reason(),
				Invalidations.Source.HTTP);
		return new Accepted("invalidated", request.userId(), product.key(), event.reason(), event.timestamp());
	}

	/**
	 * @param status always {@code invalidated}
	 * @param userId whose home
	 * @param service whose section
	 * @param reason as given
	 * @param timestamp when
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record Accepted(String status, Long userId, String service, String reason, Instant timestamp) {

	}

}
