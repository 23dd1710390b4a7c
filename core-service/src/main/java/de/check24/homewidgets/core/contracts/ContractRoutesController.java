package de.check24.homewidgets.core.contracts;

import jakarta.validation.Valid;

import de.check24.homewidgets.core.viewer.Viewer;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The product services' contract routes, for clients that only talk to the core;
 * forwarded.
 */
@RestController
@RequestMapping("/widget/{service_key}/contract")
class ContractRoutesController {

	private final ContractForwarding routes;

	ContractRoutesController(ContractForwarding routes) {
		this.routes = routes;
	}

	@PostMapping
	ResponseEntity<byte[]> purchase(Viewer viewer, @PathVariable("service_key") String serviceKey,
			@Valid @RequestBody ContractOrder order) {
		return this.routes.purchase(viewer, serviceKey, order);
	}

	@DeleteMapping("/{user_id}/{widget_id}")
	ResponseEntity<byte[]> cancel(Viewer viewer, @PathVariable("service_key") String serviceKey,
			@PathVariable("user_id") long userId, @PathVariable("widget_id") String widgetId) {
		return this.routes.cancel(viewer, serviceKey, userId, widgetId);
	}

	@GetMapping("/{user_id}")
	ResponseEntity<byte[]> contracts(Viewer viewer, @PathVariable("service_key") String serviceKey,
			@PathVariable("user_id") long userId) {
		return this.routes.contractsOf(viewer, serviceKey, userId);
	}

}
