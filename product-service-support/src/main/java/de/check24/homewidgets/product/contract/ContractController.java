package de.check24.homewidgets.product.contract;

import java.net.URI;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The contract endpoints; the service key in the path is checked before these run. */
@RestController
@RequestMapping("/widget/{serviceKey}/contract")
class ContractController {

	private final ContractService contracts;

	ContractController(ContractService contracts) {
		this.contracts = contracts;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	ResponseEntity<ContractConfirmation> purchase(@PathVariable String serviceKey,
			@Valid @RequestBody ContractRequest request) {
		ContractConfirmation confirmation = this.contracts.purchase(request.userId(), request.widgetId());
		return ResponseEntity.created(URI.create("/widget/" + serviceKey + "/contract/" + request.userId()))
			.body(confirmation);
	}

	@DeleteMapping("/{userId}/{widgetId}")
	ContractConfirmation cancel(@PathVariable @Positive long userId, @PathVariable String widgetId) {
		return this.contracts.cancel(userId, widgetId);
	}

	@GetMapping("/{userId}")
	UserContracts contractsOf(@PathVariable @Positive long userId) {
		return this.contracts.contractsOf(userId);
	}

}
