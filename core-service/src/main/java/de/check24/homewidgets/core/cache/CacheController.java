package de.check24.homewidgets.core.cache;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** For product services: invalidate a home after a purchase or cancellation. */
@RestController
class CacheController {

	private final CacheInvalidations invalidations;

	CacheController(CacheInvalidations invalidations) {
		this.invalidations = invalidations;
	}

	@PostMapping("/cache/invalidate")
	@ResponseStatus(HttpStatus.ACCEPTED)
	CacheInvalidations.Accepted invalidate(@Valid @RequestBody InvalidationRequest request) {
		return this.invalidations.invalidate(request);
	}

}
