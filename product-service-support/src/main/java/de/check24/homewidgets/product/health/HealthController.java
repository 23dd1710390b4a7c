package de.check24.homewidgets.product.health;

import de.check24.homewidgets.product.ProductProperties;

import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /health}, the short path the spec's deployment checks use; the same verdict
 * as the actuator's health endpoint.
 */
@RestController
class HealthController {

	private final HealthEndpoint health;

	private final String service;

	HealthController(HealthEndpoint health, ProductProperties product) {
		this.health = health;
		this.service = product.key();
	}

	@GetMapping("/health")
	ResponseEntity<ServiceHealth> health() {
		Status status = this.health.health().getStatus();
		return ResponseEntity.status(Status.UP.equals(status) ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
			.body(new ServiceHealth(status.getCode(), this.service));
	}

	/**
	 * The health verdict.
	 *
	 * @param status {@code UP}, {@code DOWN}, ...
	 * @param service this service's key
	 */
	record ServiceHealth(String status, String service) {

	}

}
